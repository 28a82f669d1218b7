//! Typed reports from a loaded dataset (`Dataset::records`), for a dataset
//! rooted at a province and one rooted at a district: the forest rule lets
//! either stand alone.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use party_oversight::interchange::{self, FILES};
use party_oversight::{Lang, OversightReport, Period, ReportOptions};

const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");

/// The tiny fixture cut down to the subtree of `root`, which becomes a root.
fn subtree_dataset(root: &str, tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("po-typed-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let read = |name: &str| -> (csv::StringRecord, Vec<csv::StringRecord>) {
        let mut r = csv::Reader::from_path(Path::new(TINY).join(name)).unwrap();
        let header = r.headers().unwrap().clone();
        (header, r.records().map(Result::unwrap).collect())
    };
    let (oh, orgs) = read(FILES[0]);
    let mut keep: BTreeSet<String> = BTreeSet::from([root.to_owned()]);
    loop {
        let before = keep.len();
        for o in &orgs {
            if keep.contains(&o[1]) {
                keep.insert(o[0].to_owned());
            }
        }
        if keep.len() == before {
            break;
        }
    }
    let (mh, members) = read(FILES[1]);
    let kept_members: BTreeSet<String> = members
        .iter()
        .filter(|m| keep.contains(&m[1]))
        .map(|m| m[0].to_owned())
        .collect();
    let (vh, oversight) = read(FILES[2]);
    let kept_oversight: BTreeSet<String> = oversight
        .iter()
        .filter(|v| keep.contains(&v[4]))
        .map(|v| v[0].to_owned())
        .collect();
    let (sh, subjects) = read(FILES[3]);
    let (dh, discipline) = read(FILES[4]);
    let write = |name: &str, header: &csv::StringRecord, rows: Vec<csv::StringRecord>| {
        let mut w = csv::Writer::from_path(dir.join(name)).unwrap();
        w.write_record(header).unwrap();
        for r in rows {
            w.write_record(&r).unwrap();
        }
    };
    let orgs = orgs
        .into_iter()
        .filter(|o| keep.contains(&o[0]))
        .map(|o| {
            let mut v: Vec<String> = o.iter().map(str::to_owned).collect();
            if v[0] == root {
                v[1].clear();
            }
            csv::StringRecord::from(v)
        })
        .collect();
    write(FILES[0], &oh, orgs);
    write(
        FILES[1],
        &mh,
        members
            .into_iter()
            .filter(|m| keep.contains(&m[1]))
            .collect(),
    );
    write(
        FILES[2],
        &vh,
        oversight
            .into_iter()
            .filter(|v| keep.contains(&v[4]))
            .collect(),
    );
    write(
        FILES[3],
        &sh,
        subjects
            .into_iter()
            .filter(|s| kept_oversight.contains(&s[0]))
            .collect(),
    );
    write(
        FILES[4],
        &dh,
        discipline
            .into_iter()
            .filter(|d| {
                keep.contains(&d[6])
                    && (keep.contains(&d[2]) || kept_members.contains(&d[2]))
                    && (d[9].is_empty() || kept_oversight.contains(&d[9]))
            })
            .collect(),
    );
    dir
}

fn report(dir: &Path, org: &str, period: &str) -> String {
    let dataset = interchange::read_dataset(dir).unwrap();
    let period: Period = period.parse().unwrap();
    let both = ReportOptions::default().bodies(party_oversight::Bodies::Both);
    let typed = dataset.records().engine().unwrap();
    let r = OversightReport::build(&typed, org, period, both, None).unwrap();
    // The same report from the loaded columns, without the typed model.
    let columns = interchange::load(dir, interchange::LoadOptions::default()).unwrap();
    let loaded = OversightReport::build(&columns.engine(), org, period, both, None).unwrap();
    assert_eq!(r, loaded);
    format!("{}\n---\n{}", r.render(Lang::Vi), r.render(Lang::En))
}

#[test]
fn a_dataset_rooted_at_a_province() {
    let dir = subtree_dataset("T22", "province");
    let tree = interchange::read_dataset(&dir).unwrap();
    assert_eq!(tree.tree().root().unwrap().id().as_str(), "T22");
    insta::assert_snapshot!(report(&dir, "T22", "2019-H1"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_dataset_rooted_at_a_district() {
    let dir = subtree_dataset("T3", "district");
    let dataset = interchange::read_dataset(&dir).unwrap();
    assert_eq!(dataset.tree().root().unwrap().id().as_str(), "T3");
    assert!(
        dataset.oversight().iter().count() > 0,
        "the district has records"
    );
    insta::assert_snapshot!(report(&dir, "T3", "2019"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_province_alone_reports_as_under_the_centre() {
    let dir = subtree_dataset("T22", "same");
    assert_eq!(
        report(&dir, "T22", "2018"),
        report(Path::new(TINY), "T22", "2018")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
