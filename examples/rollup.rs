//! The roll-up report of the interchange format (docs/report.md) for a whole
//! dataset: reads and validates the five CSV files of `<dataset-dir>`, then
//! writes `rollup.csv`, `term.csv` and `rebased.csv` into `<out-dir>`.
//!
//! ```text
//! cargo run --release --example rollup -- <dataset-dir> <out-dir> [--periods half|quarter|month]
//! ```
//!
//! With `--periods`, it also writes `periods.csv`: the same figures for
//! every organization and every half year, quarter or month of the years of
//! `rollup.csv` (`org_id,period,…`, periods named `2019-H1`, `2019-Q3`,
//! `2019-06`). Its memory grows with organizations × periods (96 bytes
//! each).
//!
//! On an invalid dataset it writes nothing, prints every problem
//! (`<file>:<line>: <column>: <message>`) and their count on stderr, and
//! exits with status 1. Progress goes to stderr (a spinner when stderr is a
//! terminal; with `ROLLUP_VERBOSE=1`, a line per file read), and a last
//! line sums up the rows read and the time taken.

use std::error::Error;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use party_oversight::interchange::{LoadOptions, PeriodRollup, RollupReport, load};
use party_oversight::{Half, Period};

struct Stage {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
}

impl Stage {
    fn start(name: &str) -> Stage {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_message(name.to_owned());
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        if bar.is_none() {
            eprintln!("{name}…");
        }
        Stage {
            bar,
            started: Instant::now(),
        }
    }

    fn done(self, what: &str) {
        let msg = format!("{what} ({:.2} s)", self.started.elapsed().as_secs_f64());
        match self.bar {
            Some(bar) => bar.finish_with_message(msg),
            None => eprintln!("  {msg}"),
        }
    }
}

fn run() -> Result<bool, Box<dyn Error>> {
    let usage = "usage: rollup <dataset-dir> <out-dir> [--periods half|quarter|month]";
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let (src, out, periods) = match args.as_slice() {
        [src, out] => (src, out, None),
        [src, out, flag, kind] if flag == "--periods" => match kind.to_str() {
            Some(k @ ("half" | "quarter" | "month")) => (src, out, Some(k.to_owned())),
            _ => return Err(usage.into()),
        },
        _ => return Err(usage.into()),
    };
    let (src, out) = (PathBuf::from(src), PathBuf::from(out));
    let t0 = Instant::now();

    let stage = Stage::start("reading and validating the dataset");
    let verbose = std::env::var_os("ROLLUP_VERBOSE").is_some();
    let options = if verbose {
        LoadOptions::default().progress(|p| {
            eprintln!(
                "  {}: {} rows ({:.2} s)",
                p.file,
                p.rows,
                p.elapsed.as_secs_f64()
            )
        })
    } else {
        LoadOptions::default()
    };
    let columns = match load(&src, options) {
        Ok(c) => c,
        Err(e) => {
            let problems = e.problems();
            if problems.is_empty() {
                return Err(e.into());
            }
            stage.done("the dataset is invalid");
            for p in problems {
                eprintln!("{p}");
            }
            eprintln!(
                "{} problem{} found; nothing was written",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            return Ok(false);
        }
    };
    let rows = columns.tree().len()
        + columns.members()
        + columns.oversight()
        + columns.subjects()
        + columns.discipline();
    stage.done(&format!(
        "{rows} rows read: {} organizations, {} members, {} inspections and supervisions, {} subjects, {} discipline actions",
        columns.tree().len(),
        columns.members(),
        columns.oversight(),
        columns.subjects(),
        columns.discipline()
    ));

    let stage = Stage::start("rolling up");
    let report = RollupReport::compute(&columns)?;
    let by_period = match (periods, report.years()) {
        (Some(kind), Some((y0, y1))) => {
            let mut list = Vec::new();
            for y in y0..=y1 {
                match kind.as_str() {
                    "half" => {
                        list.extend([Half::First, Half::Second].map(|h| Period::half(y, h)));
                    }
                    "quarter" => list.extend((1..=4).map(|q| Period::quarter(y, q))),
                    _ => list.extend((1..=12).map(|m| Period::month(y, m))),
                }
            }
            let list = list.into_iter().collect::<Result<Vec<_>, _>>()?;
            Some(PeriodRollup::compute(&columns, &list)?)
        }
        _ => None,
    };
    drop(columns);
    stage.done("rolled up");

    let stage = Stage::start("writing rollup.csv, term.csv and rebased.csv");
    report.write_all(&out)?;
    if let Some(figures) = &by_period {
        let mut file = std::io::BufWriter::new(std::fs::File::create(out.join("periods.csv"))?);
        figures.write_csv(&mut file)?;
        std::io::Write::flush(&mut file)?;
    }
    stage.done("written");

    eprintln!(
        "read {rows} rows and wrote the report in {:.2} s",
        t0.elapsed().as_secs_f64()
    );
    Ok(true)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
