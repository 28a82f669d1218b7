//! The roll-up for any list of periods (years, halves, quarters, months,
//! any runs of days, overlapping or not) against a naive recomputation from
//! the definitions, written independently here: plain loops over the CSV
//! files, no shared counting code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveDate;
use party_oversight::interchange::{self, LoadOptions, PeriodRollup, RollupRow};
use party_oversight::{Half, OrgIndex, Period};
use proptest::prelude::*;

const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");

fn rows(name: &str) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(Path::new(TINY).join(name)).unwrap();
    r.records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The figures of one organization and period, from the definitions.
struct Naive {
    parent: BTreeMap<String, String>,
    members: Vec<Vec<String>>,
    oversight: BTreeMap<String, Vec<String>>,
    subjects: Vec<Vec<String>>,
    discipline: Vec<Vec<String>>,
}

impl Naive {
    fn load() -> Naive {
        Naive {
            parent: rows("organizations.csv")
                .into_iter()
                .map(|r| (r[0].clone(), r[1].clone()))
                .collect(),
            members: rows("members.csv"),
            oversight: rows("oversight.csv")
                .into_iter()
                .map(|r| (r[0].clone(), r))
                .collect(),
            subjects: rows("oversight_subjects.csv"),
            discipline: rows("discipline.csv"),
        }
    }

    fn under(&self, o: &str, top: &str) -> bool {
        let mut o = o.to_owned();
        loop {
            if o == top {
                return true;
            }
            match self.parent.get(&o) {
                Some(p) if !p.is_empty() => o = p.clone(),
                _ => return false,
            }
        }
    }

    fn row(&self, org: &str, p: Period) -> RollupRow {
        let mut r = RollupRow::default();
        let counted =
            |o: &Vec<String>| self.under(&o[4], org) && day(&o[5]).is_some_and(|d| p.contains(d));
        for o in self.oversight.values().filter(|o| counted(o)) {
            if o[1] == "inspection" {
                r.inspections += 1;
            } else {
                r.supervisions += 1;
            }
        }
        let (mut orgs, mut members) = (BTreeSet::new(), BTreeSet::new());
        for s in &self.subjects {
            if !counted(&self.oversight[&s[0]]) {
                continue;
            }
            if s[1] == "member" {
                r.member_visits += 1;
                members.insert(s[2].clone());
            } else {
                r.org_visits += 1;
                orgs.insert(s[2].clone());
            }
            if s[3] == "true" {
                r.violations += 1;
                if !s[5].is_empty() {
                    r.handled += 1;
                }
            }
        }
        r.orgs_distinct = orgs.len() as u64;
        r.members_distinct = members.len() as u64;
        for k in &self.discipline {
            if k[4] == "decided"
                && self.under(&k[6], org)
                && day(&k[8]).is_some_and(|d| p.contains(d))
            {
                if k[1] == "member" {
                    r.member_discipline_decisions += 1;
                } else {
                    r.org_discipline_decisions += 1;
                }
            }
        }
        let end = p.last();
        for m in &self.members {
            let member = day(&m[3]).unwrap() <= end && day(&m[5]).is_none_or(|l| l > end);
            if member && self.under(&m[1], org) {
                if day(&m[4]).is_some_and(|o| o <= end) {
                    r.members_official += 1;
                } else {
                    r.members_probationary += 1;
                }
            }
        }
        r
    }
}

fn a_period() -> impl Strategy<Value = Period> {
    (2013i32..2027, 0u8..5, 1u32..13, 0u32..900).prop_map(|(y, kind, n, len)| match kind {
        0 => Period::year(y).unwrap(),
        1 => Period::half(
            y,
            if n % 2 == 0 {
                Half::First
            } else {
                Half::Second
            },
        )
        .unwrap(),
        2 => Period::quarter(y, (n - 1) % 4 + 1).unwrap(),
        3 => Period::month(y, n).unwrap(),
        _ => {
            let first = NaiveDate::from_ymd_opt(y, n, 1).unwrap();
            Period::new(first, first + chrono::Duration::days(i64::from(len))).unwrap()
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn any_periods_equal_the_naive_definitions(periods in prop::collection::vec(a_period(), 1..6)) {
        let columns = interchange::load(Path::new(TINY), LoadOptions::default()).unwrap();
        let rollup = PeriodRollup::compute(&columns, &periods).unwrap();
        let naive = Naive::load();
        let tree = columns.tree();
        for (i, org) in tree.iter().enumerate() {
            for (k, &p) in periods.iter().enumerate() {
                let got = rollup.row(OrgIndex(i as u32), k).unwrap();
                prop_assert_eq!(got, naive.row(org.id().as_str(), p), "{} {}", org.id(), p);
            }
        }
    }
}

#[test]
fn the_usual_periods_are_written_by_their_names() {
    let columns = interchange::load(Path::new(TINY), LoadOptions::default()).unwrap();
    let periods: Vec<Period> = [
        "2019",
        "2019-H1",
        "2019-Q3",
        "2019-06",
        "2019-01-01..2019-09-30",
    ]
    .iter()
    .map(|p| p.parse().unwrap())
    .collect();
    let rollup = PeriodRollup::compute(&columns, &periods).unwrap();
    let mut out = Vec::new();
    rollup.write_csv(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let root: Vec<&str> = text.lines().filter(|l| l.starts_with("T8,")).collect();
    insta::assert_snapshot!(root.join("\n"), @"
    T8,2019,20,20,39,15,93,78,4,4,1,0,263,6
    T8,2019-H1,11,12,29,15,46,35,2,2,1,0,259,9
    T8,2019-Q3,3,5,5,5,20,20,0,0,0,0,262,8
    T8,2019-06,2,2,3,3,15,15,0,0,0,0,259,9
    T8,2019-01-01..2019-09-30,14,17,34,15,66,53,2,2,1,0,262,8
    ");
    // A year equals the sum of its halves for every additive figure.
    let (y, h1, h2) = (
        rollup.row(OrgIndex(0), 0).unwrap(),
        rollup.row(OrgIndex(0), 1).unwrap(),
        PeriodRollup::compute(&columns, &["2019-H2".parse().unwrap()])
            .unwrap()
            .row(OrgIndex(0), 0)
            .unwrap(),
    );
    assert_eq!(y.inspections, h1.inspections + h2.inspections);
    assert_eq!(y.member_visits, h1.member_visits + h2.member_visits);
    assert!(y.members_distinct <= h1.members_distinct + h2.members_distinct);
}

/// The typed roll-up (`Records::tally`, which feeds `OversightReport`) and
/// the columnar one (`PeriodRollup`) agree on every figure they share, for
/// any organization and any period: the two counting paths are tied
/// together.
mod typed_and_columnar_agree {
    use super::*;
    use party_oversight::{BodyKind, DisciplineStatus, SubjectSide};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn on_every_shared_figure(periods in prop::collection::vec(a_period(), 1..4), pick in any::<prop::sample::Index>()) {
            let columns = interchange::load(Path::new(TINY), LoadOptions::default()).unwrap();
            let rollup = PeriodRollup::compute(&columns, &periods).unwrap();
            let dataset = interchange::read_dataset(Path::new(TINY)).unwrap();
            let records = dataset.records();
            let tree = columns.tree();
            let i = pick.index(tree.len());
            let org = tree.org(OrgIndex(i as u32)).unwrap().id().as_str().to_owned();
            for (k, &p) in periods.iter().enumerate() {
                let engine = rollup.row(OrgIndex(i as u32), k).unwrap();
                let tally = records.tally(&org, p).unwrap();
                let both = tally.both_bodies();
                let all = tally.activity(None, None);
                let decided = |side| {
                    tally.discipline(None, DisciplineStatus::Decided, side, None)
                };
                let typed = RollupRow {
                    inspections: both.inspections.count(),
                    supervisions: both.supervisions.count(),
                    org_visits: all.org_visits(),
                    orgs_distinct: all.orgs_distinct(),
                    member_visits: all.member_visits(),
                    members_distinct: all.members_distinct(),
                    violations: all.violations(),
                    handled: all.handled(),
                    member_discipline_decisions: decided(SubjectSide::Member),
                    org_discipline_decisions: decided(SubjectSide::Organization),
                    members_official: tally.members_official(),
                    members_probationary: tally.members_probationary(),
                };
                prop_assert_eq!(engine, typed, "{} {}", org, p);
                // And a body's share never exceeds the whole.
                prop_assert!(tally.body(BodyKind::Commission).inspections.count() <= engine.inspections);
            }
        }
    }
}
