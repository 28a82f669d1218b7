//! `party-oversight`: the command-line tool for analysts. It checks a
//! dataset of the interchange format, rolls it up, reports on an
//! organization and a period, and evaluates a term target, in the formats
//! analysts use (text, CSV, JSON).
//!
//! Exit codes: 0 success (a valid dataset), 1 invalid data (every problem
//! printed), 2 a usage or I/O error.

#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use party_oversight::interchange::{self, Columns, LoadOptions, PeriodRollup, RollupReport};
use party_oversight::workbook::{Annex, AnnexOptions};
use party_oversight::{
    Bodies, ComparisonStyle, Direction, Lang, MergerComparison, OrgLevel, OversightReport, Percent,
    PercentTarget, Period, ReportOptions, ReportStyle, Term, TermProgressReport,
};

/// Exit code: the data is invalid.
const INVALID: u8 = 1;
/// Exit code: a usage or I/O error.
const FAILURE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "party-oversight",
    version,
    about = "Check, roll up and report inspection and supervision data (kiểm tra, giám sát)",
    after_help = "Examples:
  party-oversight check data/province
  party-oversight rollup data/province out --period half
  party-oversight report data/province --org T22 --period 2019-H1 --lang en
  party-oversight target --baseline 733 --band 10-20 --term 2015-2020 --actual 2015:120,2016:170 --on 2017-06-30

Exit codes: 0 success, 1 invalid data, 2 usage or I/O error."
)]
struct Cli {
    /// Hide the progress shown on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a dataset: every problem, located (file:line: column: message) and typed.
    #[command(after_help = "Examples:
  party-oversight check data/province
  party-oversight check data/province --format json

Exit codes: 0 valid, 1 invalid data, 2 usage or I/O error.")]
    Check {
        /// The dataset folder (the five CSV files).
        dataset: PathBuf,
        /// How to print the outcome.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Roll a dataset up: rollup.csv and term.csv by year, or periods.csv by half, quarter, month or term.
    #[command(after_help = "Examples:
  party-oversight rollup data/national out
  party-oversight rollup data/national out --period quarter")]
    Rollup {
        /// The dataset folder.
        dataset: PathBuf,
        /// The folder to write into (created if needed).
        out: PathBuf,
        /// The periods: `year` writes rollup.csv and term.csv; the others write periods.csv.
        #[arg(long, value_enum, default_value_t = PeriodKind::Year)]
        period: PeriodKind,
        /// Also write rebased.csv: each organization of the last day of the
        /// latest year against the work of the organizations it took over
        /// from (exact fractions).
        #[arg(long)]
        rebased: bool,
    },
    /// Report on an organization and a period, as a UBKT report paragraph.
    #[command(after_help = "Examples:
  party-oversight report data/province --org T22 --period 2019-H1
  party-oversight report data/province --org T22 --period 2019 --lang en --format json -o report.json
  party-oversight report data/province --org T3 --period 2019-H1 --compare previous-year
  party-oversight report data/district --org T3 --period 2019-H1 --style small --detail
  party-oversight report data/province --org T22 --period 2019-H1 --compare previous-year --format xlsx -o annex.xlsx

Periods: 2019, 2019-H1, 2019-Q3, 2019-06, 2019-01-01..2019-09-30.")]
    Report(ReportArgs),
    /// Evaluate a percent-change target of a congress term on a day.
    #[command(after_help = "Examples:
  party-oversight target --baseline 120 --band 10-20 --term 2015-2020 --actual 2015:20,2016:31,2017:14 --on 2017-06-30
  party-oversight target --baseline 1000 --band 10 --decrease --term 2020-2025 --congress 10 --actual 2020:300 --on 2020-12-31 --format json")]
    Target(TargetArgs),
    /// Print the completion script of a shell.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// The dataset folder.
    dataset: PathBuf,
    /// The organization's id.
    #[arg(long)]
    org: String,
    /// The period: 2019, 2019-H1, 2019-Q3, 2019-06 or 2019-01-01..2019-09-30.
    #[arg(long)]
    period: Period,
    /// The language of the text.
    #[arg(long, default_value = "vi")]
    lang: Lang,
    /// Text, the figures as JSON, or the statistical forms as an XLSX
    /// workbook (needs -o).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Whose work the figures cover.
    #[arg(long, value_enum, default_value_t = BodyChoice::Both)]
    bodies: BodyChoice,
    /// Compare each figure with the same period a year earlier.
    #[arg(long, value_enum)]
    compare: Option<CompareChoice>,
    /// How a comparison is written: absolute changes, or per cent.
    #[arg(long, value_enum, default_value_t = ChangeChoice::Absolute)]
    change: ChangeChoice,
    /// For an organization formed by a merger since then: compare with the
    /// sum of the units before it ("so với tổng số của các đơn vị trước
    /// hợp nhất"), or omit the comparison.
    #[arg(long, value_enum, default_value_t = MergerChoice::Sum)]
    across_merger: MergerChoice,
    /// `small`: counts padded to two digits, "cá nhân", and the work of the
    /// organization's own bodies, as a small đảng bộ writes.
    #[arg(long, value_enum, default_value_t = StyleChoice::Standard)]
    style: StyleChoice,
    /// Add the number of inspections and supervisions (cuộc) and the
    /// distinct members.
    #[arg(long)]
    detail: bool,
    /// Write member counts as visits ("lượt đảng viên").
    #[arg(long)]
    visits: bool,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CompareChoice {
    /// The same period a year earlier ("so với cùng kỳ").
    PreviousYear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MergerChoice {
    Sum,
    Omit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ChangeChoice {
    Absolute,
    Percent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StyleChoice {
    Standard,
    Small,
}

#[derive(Debug, clap::Args)]
struct TargetArgs {
    /// The previous term's count (the baseline), e.g. 733.
    #[arg(long)]
    baseline: u64,
    /// The band in per cent: `10-20` (10% to 20%) or `10` (at least 10%).
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
    /// The day of the evaluation (YYYY-MM-DD).
    #[arg(long)]
    on: chrono::NaiveDate,
    /// How far behind the linear schedule still counts as on track, in per cent.
    #[arg(long, default_value = "0")]
    tolerance: Percent,
    /// The language of the text.
    #[arg(long, default_value = "vi")]
    lang: Lang,
    /// Text, or the figures as JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PeriodKind {
    Year,
    Half,
    Quarter,
    Month,
    Term,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BodyChoice {
    Commission,
    Committee,
    Both,
}

/// A failure with its exit code.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: FAILURE,
            message: message.into(),
        }
    }
}

impl From<party_oversight::Error> for Failure {
    fn from(e: party_oversight::Error) -> Self {
        Failure::usage(e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::usage(e.to_string())
    }
}

/// A spinner on stderr while something long runs, when stderr is a
/// terminal and `--quiet` was not given.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn start(quiet: bool, message: &str) -> Progress {
        Progress((!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_message(message.to_owned());
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        }))
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            eprintln!("error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Failure> {
    let quiet = cli.quiet;
    match cli.command {
        Command::Check { dataset, format } => check(&dataset, format, quiet),
        Command::Rollup {
            dataset,
            out,
            period,
            rebased,
        } => rollup(&dataset, &out, period, rebased, quiet),
        Command::Report(args) => report(&args, quiet),
        Command::Target(args) => target(&args),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(
                shell,
                &mut command,
                "party-oversight",
                &mut std::io::stdout(),
            );
            Ok(0)
        }
    }
}

/// Loads a dataset, or prints its problems: `Err(exit code)`.
fn load(
    dataset: &Path,
    quiet: bool,
) -> Result<Result<Columns, Vec<interchange::Problem>>, Failure> {
    if !dataset.is_dir() {
        return Err(Failure::usage(format!(
            "{} is not a folder; a dataset is a folder of the five CSV files",
            dataset.display()
        )));
    }
    let _progress = Progress::start(quiet, "reading and validating the dataset…");
    match interchange::load(dataset, LoadOptions::default()) {
        Ok(c) => Ok(Ok(c)),
        Err(e) if !e.problems().is_empty() => Ok(Err(e.problems().to_vec())),
        Err(e) => Err(e.into()),
    }
}

fn print_problems(problems: &[interchange::Problem]) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
    let _ = writeln!(
        err,
        "{} problem{} found",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
}

fn check(dataset: &Path, format: Format, quiet: bool) -> Result<u8, Failure> {
    let loaded = load(dataset, quiet)?;
    match (format, &loaded) {
        (Format::Text, Ok(c)) => println!(
            "valid: {} organizations, {} members, {} inspections and supervisions, {} subjects, {} discipline actions",
            c.tree().len(),
            c.members(),
            c.oversight(),
            c.subjects(),
            c.discipline()
        ),
        (Format::Text, Err(problems)) => {
            for p in problems {
                println!("{p}");
            }
            eprintln!(
                "{} problem{} found",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
        }
        (Format::Json, Ok(c)) => println!(
            "{}",
            serde_json::json!({
                "valid": true,
                "organizations": c.tree().len(),
                "members": c.members(),
                "oversight": c.oversight(),
                "subjects": c.subjects(),
                "discipline": c.discipline(),
            })
        ),
        (Format::Json, Err(problems)) => println!(
            "{}",
            serde_json::json!({ "valid": false, "problems": problems })
        ),
    }
    Ok(if loaded.is_ok() { 0 } else { INVALID })
}

fn rollup(
    dataset: &Path,
    out: &Path,
    kind: PeriodKind,
    rebased: bool,
    quiet: bool,
) -> Result<u8, Failure> {
    let columns = match load(dataset, quiet)? {
        Ok(c) => c,
        Err(problems) => {
            print_problems(&problems);
            return Ok(INVALID);
        }
    };
    let _progress = Progress::start(quiet, "rolling up…");
    let report = RollupReport::compute(&columns)?;
    if kind == PeriodKind::Year {
        if rebased {
            report.write_all(out)?;
        } else {
            report.write(out)?;
        }
        return Ok(0);
    }
    if rebased {
        // Written beside, then renamed into place.
        let mut text = Vec::new();
        report.write_rebased(&mut text)?;
        std::fs::create_dir_all(out)?;
        let temp = out.join(format!(".rebased.csv.{}.tmp", std::process::id()));
        std::fs::write(&temp, text)?;
        std::fs::rename(&temp, out.join("rebased.csv"))?;
    }
    let periods = match report.years() {
        None => Vec::new(),
        Some((y0, y1)) => periods_of(kind, y0, y1)?,
    };
    let figures = PeriodRollup::compute(&columns, &periods)?;
    std::fs::create_dir_all(out)?;
    // Written under a temporary name, then renamed: a failed write leaves
    // nothing new behind.
    let (tmp, path) = (out.join(".periods.csv.tmp"), out.join("periods.csv"));
    let written = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = std::io::BufWriter::new(f);
        figures.write_csv(&mut w)?;
        w.flush()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    std::fs::rename(&tmp, &path)?;
    Ok(0)
}

/// The periods of `kind` over the years `y0..=y1`; for terms, the baseline
/// term (five years before the last five) and the current one, as the
/// roll-up's term.csv counts them.
fn periods_of(kind: PeriodKind, y0: i32, y1: i32) -> Result<Vec<Period>, Failure> {
    let mut list = Vec::new();
    for y in y0..=y1 {
        match kind {
            PeriodKind::Year => list.push(Period::year(y)),
            PeriodKind::Half => list.extend(
                [party_oversight::Half::First, party_oversight::Half::Second]
                    .map(|h| Period::half(y, h)),
            ),
            PeriodKind::Quarter => list.extend((1..=4).map(|q| Period::quarter(y, q))),
            PeriodKind::Month => list.extend((1..=12).map(|m| Period::month(y, m))),
            PeriodKind::Term => {}
        }
    }
    if kind == PeriodKind::Term {
        let years = |a: i32, b: i32| -> Result<Period, party_oversight::Error> {
            Period::new(Period::year(a)?.first(), Period::year(b)?.last())
        };
        list.push(years(y1 - 9, y1 - 5));
        list.push(years(y1 - 4, y1));
    }
    Ok(list.into_iter().collect::<Result<Vec<_>, _>>()?)
}

fn report(args: &ReportArgs, quiet: bool) -> Result<u8, Failure> {
    let (dataset, org, period) = (args.dataset.as_path(), args.org.as_str(), args.period);
    if args.format == ReportFormat::Xlsx && args.output.is_none() {
        return Err(Failure::usage(
            "--format xlsx writes a workbook: give its file with -o <file.xlsx>",
        ));
    }
    if !dataset.is_dir() {
        return Err(Failure::usage(format!(
            "{} is not a folder; a dataset is a folder of the five CSV files",
            dataset.display()
        )));
    }
    let columns = match load(dataset, quiet)? {
        Ok(c) => c,
        Err(problems) => {
            print_problems(&problems);
            return Ok(INVALID);
        }
    };
    let engine = columns.engine();
    if !engine.tree().contains(org) {
        return Err(Failure::usage(unknown_org(org, engine.tree())));
    }
    let bodies = match args.bodies {
        BodyChoice::Commission => Bodies::Commission,
        BodyChoice::Committee => Bodies::Committee,
        BodyChoice::Both => Bodies::Both,
    };
    let mut options = ReportOptions::default()
        .bodies(bodies)
        .detail(args.detail)
        .visits(args.visits)
        .style(match args.style {
            StyleChoice::Standard => ReportStyle::Standard,
            StyleChoice::Small => ReportStyle::SmallUnit,
        });
    if args.compare == Some(CompareChoice::PreviousYear) {
        options = options
            .compare_previous_year(match args.change {
                ChangeChoice::Absolute => ComparisonStyle::Absolute,
                ChangeChoice::Percent => ComparisonStyle::Percent,
            })
            .across_merger(match args.across_merger {
                MergerChoice::Sum => MergerComparison::Sum,
                MergerChoice::Omit => MergerComparison::Omit,
            });
    }
    if args.format == ReportFormat::Xlsx {
        let annex = Annex::build(
            &engine,
            org,
            period,
            AnnexOptions::default().compare_previous_year(args.compare.is_some()),
        )?;
        if let Some(path) = &args.output {
            annex.save(path)?;
        }
        return Ok(0);
    }
    let report = OversightReport::build(&engine, org, period, options, None)?;
    let text = match args.format {
        ReportFormat::Text | ReportFormat::Xlsx => report.render(args.lang),
        ReportFormat::Json => {
            serde_json::to_string_pretty(&report).map_err(|e| Failure::usage(e.to_string()))? + "\n"
        }
    };
    match &args.output {
        Some(path) => std::fs::write(path, text)?,
        None => print!("{text}"),
    }
    Ok(0)
}

/// "unknown organization X", with the nearest ids of the tree.
fn unknown_org(org: &str, tree: &party_oversight::OrgTree) -> String {
    let mut near: Vec<(usize, &str)> = tree
        .iter()
        .map(|o| o.id().as_str())
        .map(|id| (strsim::levenshtein(org, id), id))
        .filter(|&(d, id)| d <= (org.chars().count().max(id.chars().count()) / 2).max(2))
        .collect();
    near.sort_unstable();
    let near: Vec<&str> = near.into_iter().take(3).map(|(_, id)| id).collect();
    let levels = tree
        .roots()
        .map(|o| format!("{} ({})", o.id(), o.level()))
        .collect::<Vec<_>>()
        .join(", ");
    if near.is_empty() {
        format!("unknown organization {org:?}; the dataset's roots are {levels}")
    } else {
        format!(
            "unknown organization {org:?}; did you mean {}?",
            near.join(", ")
        )
    }
}

fn target(args: &TargetArgs) -> Result<u8, Failure> {
    let direction = if args.decrease {
        Direction::Decrease
    } else {
        Direction::Increase
    };
    let target = PercentTarget::from_band(&args.band, direction)?;
    let term = Term::calendar_named(OrgLevel::District, args.congress, &args.term)?;
    let by_year = TermProgressReport::parse_counts(&args.actual)?;
    let report = TermProgressReport::new(
        target,
        args.baseline,
        term,
        args.on,
        by_year,
        args.tolerance,
    )?;
    match args.format {
        Format::Text => print!("{}", report.render(args.lang)),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| Failure::usage(e.to_string()))?
        ),
    }
    Ok(0)
}
