//! The `inspected_share` example (a computation on the read-only columns)
//! against a naive recomputation from the CSV files, written independently.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use party_oversight::interchange::{self, LoadOptions};

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/inspected_share.rs"]
mod inspected_share;

const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");

fn rows(name: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(Path::new(TINY).join(name)).unwrap();
    r.records().map(Result::unwrap).collect()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn shares_equal_a_naive_recomputation() {
    let orgs = rows("organizations.csv");
    let parent: BTreeMap<String, String> = orgs
        .iter()
        .map(|r| (r[0].to_owned(), r[1].to_owned()))
        .collect();
    let under = |o: &str, p: &str| {
        let mut o = o.to_owned();
        loop {
            if o == p {
                return true;
            }
            match parent.get(&o) {
                Some(q) if !q.is_empty() => o = q.clone(),
                _ => return false,
            }
        }
    };
    let started: BTreeMap<String, (bool, i32)> = rows("oversight.csv")
        .iter()
        .map(|r| (r[0].to_owned(), (&r[1] == "inspection", day(&r[5]).year())))
        .collect();
    let mut inspected = BTreeSet::new();
    for r in rows("oversight_subjects.csv") {
        let (is_inspection, year) = started[&r[0]];
        if is_inspection && &r[1] == "organization" {
            inspected.insert((year, r[2].to_owned()));
        }
    }
    let years: Vec<i32> = started.values().map(|v| v.1).collect();
    let (first, last) = (*years.iter().min().unwrap(), *years.iter().max().unwrap());
    let mut naive = inspected_share::Shares::new();
    for p in orgs.iter().filter(|r| &r[2] == "provincial") {
        for year in first..=last {
            let mut counts = (0, 0);
            for o in orgs
                .iter()
                .filter(|o| &o[2] == "grassroots" && under(&o[0], &p[0]))
            {
                let established = day(&o[4]);
                let gone = (!o[5].is_empty()).then(|| day(&o[5]));
                let existed = established.year() <= year
                    && gone.is_none_or(|g| g > day(&format!("{year}-01-01")));
                if existed {
                    counts.0 += 1;
                    if inspected.contains(&(year, o[0].to_owned())) {
                        counts.1 += 1;
                    }
                }
            }
            naive.insert((p[0].to_owned(), year), counts);
        }
    }
    let columns = interchange::load(Path::new(TINY), LoadOptions::default()).unwrap();
    let shares = inspected_share::shares(&columns);
    assert!(!shares.is_empty());
    assert!(
        shares.values().any(|&(_, i)| i > 0),
        "the fixture inspects something"
    );
    assert_eq!(shares, naive);
    insta::assert_snapshot!(inspected_share::render(&shares));
}
