//! Did we meet the congress target? A district congress resolved to
//! "increase the number of inspections and supervisions by 10–20% over the
//! previous term" (the 9th Bắc Mê district congress, 2015–2020). Given the
//! previous term's count, the counts of each year so far and a date, this
//! prints the least count that meets the target, the top of the band, the
//! progress against a linear schedule, the plan per remaining year and the
//! verdict: in Vietnamese by default, in English with `--lang en`.
//!
//! ```text
//! cargo run --example term_target -- --baseline 120 --band 10-20 --term 2015-2020 \
//!     --actual 2015:20,2016:31,2017:14 --on 2017-06-30
//! ```

use std::error::Error;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use party_oversight::{
    Direction, Lang, OrgLevel, Percent, PercentTarget, Term, TermProgressReport,
};

/// Evaluate a percent-increase (or decrease) target of a congress term.
#[derive(Debug, Parser)]
#[command(name = "term_target")]
struct Args {
    /// The previous term's count (the baseline), e.g. 120.
    #[arg(long)]
    baseline: u64,
    /// The target band in per cent: `10-20` (10% to 20%) or `10` (at least 10%).
    #[arg(long)]
    band: String,
    /// The target is a reduction ("giảm") rather than an increase.
    #[arg(long)]
    decrease: bool,
    /// The term's years as named, e.g. `2015-2020` (five calendar years from the first).
    #[arg(long)]
    term: String,
    /// The congress number, e.g. 9 for "Đại hội IX".
    #[arg(long, default_value_t = 9)]
    congress: u32,
    /// Counts so far by year: `2015:20,2016:31,2017:14`.
    #[arg(long, default_value = "")]
    actual: String,
    /// The date of the evaluation (YYYY-MM-DD).
    #[arg(long)]
    on: NaiveDate,
    /// How far behind the linear schedule still counts as on track, in per cent.
    #[arg(long, default_value = "0")]
    tolerance: String,
    /// Output language: `vi` or `en`.
    #[arg(long, default_value = "vi")]
    lang: String,
    /// Print the figures as JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Parses the command line (`argv[0]` first) and renders the evaluation.
pub fn run<I, T>(argv: I) -> Result<String, Box<dyn Error>>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args = Args::try_parse_from(argv)?;
    let lang: Lang = args.lang.parse()?;
    let direction = if args.decrease {
        Direction::Decrease
    } else {
        Direction::Increase
    };
    let target = PercentTarget::from_band(&args.band, direction)?;
    let term = Term::calendar_named(OrgLevel::District, args.congress, &args.term)?;
    let by_year = TermProgressReport::parse_counts(&args.actual)?;
    let tolerance: Percent = args.tolerance.parse()?;
    let report = TermProgressReport::new(target, args.baseline, term, args.on, by_year, tolerance)?;
    if args.json {
        return Ok(serde_json::to_string_pretty(&report)? + "\n");
    }
    Ok(report.render(lang))
}

fn main() -> ExitCode {
    match run(std::env::args_os()) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => match e.downcast::<clap::Error>() {
            Ok(clap_error) => clap_error.exit(),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}
