//! The statistical annex of an organization and a period as an XLSX
//! workbook: the inspection sector's forms that the data supports, with
//! the comparison with the same period a year earlier, and the term
//! target's progress with a chart.
//!
//! ```text
//! cargo run --release --example annex -- <dataset-dir> <org-id> <period> <out.xlsx> [--baseline N --band 10-20 --term 2015-2020 --congress 9]
//! ```
//!
//! The period is written as the report's: `2019`, `2019-H1`, `2019-Q3`,
//! `2019-06` or `2019-01-01..2019-09-30`. With `--baseline`, `--band`,
//! `--term` and `--congress` (the congress's number), the sheet "Tiến độ
//! nhiệm kỳ" compares the organization's inspections and supervisions of
//! each year of the term, counted from the
//! records up to the period's end, with the target's band.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::PathBuf;

use party_oversight::interchange::{self, LoadOptions};
use party_oversight::workbook::{Annex, AnnexOptions};
use party_oversight::{
    Direction, OrgLevel, Percent, PercentTarget, Period, Term, TermProgressReport,
};

const USAGE: &str = "usage: annex <dataset-dir> <org-id> <period> <out.xlsx> [--baseline N --band 10-20 --term 2015-2020 --congress 9]";

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dataset, org, period, out, rest @ ..] = args.as_slice() else {
        return Err(USAGE.into());
    };
    let period: Period = period.parse()?;
    let mut flags: BTreeMap<&str, &str> = BTreeMap::new();
    for pair in rest.chunks(2) {
        match pair {
            [k, v] if k.starts_with("--") => {
                flags.insert(k.as_str(), v.as_str());
            }
            _ => return Err(USAGE.into()),
        }
    }
    let columns = interchange::load(PathBuf::from(dataset).as_path(), LoadOptions::default())?;
    let engine = columns.engine();
    let mut options = AnnexOptions::default().compare_previous_year(true);
    if let (Some(baseline), Some(band), Some(term), Some(congress)) = (
        flags.get("--baseline"),
        flags.get("--band"),
        flags.get("--term"),
        flags.get("--congress"),
    ) {
        let target = PercentTarget::from_band(band, Direction::Increase)?;
        let term = Term::calendar_named(OrgLevel::District, congress.parse()?, term)?;
        let mut by_year = BTreeMap::new();
        for y in term.years() {
            if y.first() > period.last() {
                break;
            }
            let upto = Period::new(y.first(), y.last().min(period.last()))?;
            let year = chrono::Datelike::year(&y.first());
            by_year.insert(year, engine.tally(org, upto)?.oversight_count());
        }
        let on = period.last().min(term.period().last());
        let report = TermProgressReport::new(
            target,
            baseline.parse()?,
            term,
            on,
            by_year,
            Percent::whole(0),
        )?;
        options = options.term_progress(report);
    }
    let annex = Annex::build(&engine, org, period, options)?;
    annex.save(PathBuf::from(out).as_path())?;
    eprintln!("wrote {out}: {}", annex.sheet_names().join(", "));
    Ok(())
}
