//! A computation the library does not provide, on its read-only columns:
//! the share of grassroots organizations (tổ chức cơ sở đảng) of each
//! province that were the subject of at least one inspection in each year.
//!
//! ```sh
//! cargo run --release --example inspected_share -- <dataset-dir>
//! ```
//!
//! Without an argument it reads the tiny dataset of the tests. A grassroots
//! organization counts in a year when it existed on some day of it; it was
//! inspected when an inspection (not a supervision) that started that year
//! named it as a subject.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use party_oversight::interchange::{self, Columns, LoadOptions, SubjectRef};
use party_oversight::{OrgIndex, OrgLevel, Ratio, Rounding};

/// Per province and year: (grassroots organizations, of them inspected).
pub type Shares = BTreeMap<(String, i32), (u64, u64)>;

/// The shares over the loaded columns.
pub fn shares(c: &Columns) -> Shares {
    let tree = c.tree();
    let oversight = c.oversight_columns();
    let subjects = c.subject_columns();
    let years: Vec<i32> = oversight.started.iter().map(Datelike::year).collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return Shares::new();
    };
    // The grassroots organizations inspected, by year.
    let mut inspected: BTreeMap<(i32, OrgIndex), ()> = BTreeMap::new();
    for row in 0..subjects.len() {
        let o = subjects.oversight()[row] as usize;
        if let (Some(SubjectRef::Organization(org)), Some(kind), Some(&year)) =
            (subjects.subject(row), oversight.kind.get(o), years.get(o))
            && kind.is_inspection()
        {
            inspected.insert((year, org), ());
        }
    }
    let mut out = Shares::new();
    for (p, province) in tree.iter().enumerate() {
        if province.level() != OrgLevel::Provincial {
            continue;
        }
        let range = tree.subtree_range(OrgIndex(p as u32));
        for year in first..=last {
            let (Some(jan1), Some(dec31)) = (
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year, 12, 31),
            ) else {
                continue;
            };
            let mut counts = (0u64, 0u64);
            for i in range.clone() {
                let Some(org) = tree.org(OrgIndex(i as u32)) else {
                    continue;
                };
                let existed =
                    org.established() <= dec31 && org.dissolved().is_none_or(|d| d > jan1);
                if org.level() == OrgLevel::Grassroots && existed {
                    counts.0 += 1;
                    if inspected.contains_key(&(year, OrgIndex(i as u32))) {
                        counts.1 += 1;
                    }
                }
            }
            out.insert((province.id().to_string(), year), counts);
        }
    }
    out
}

/// The table as text.
pub fn render(shares: &Shares) -> String {
    let mut out = String::from("province,year,grassroots,inspected,share\n");
    for ((province, year), (all, inspected)) in shares {
        let share = Ratio::new(*inspected, *all).map_or_else(
            |_| String::new(),
            |r| r.percent_with::<2>(Rounding::HalfAwayFromZero).to_string(),
        );
        out.push_str(&format!("{province},{year},{all},{inspected},{share}\n"));
    }
    out
}

fn main() -> Result<(), party_oversight::Error> {
    let dir = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny")),
        PathBuf::from,
    );
    let columns = interchange::load(&dir, LoadOptions::default())?;
    print!("{}", render(&shares(&columns)));
    Ok(())
}
