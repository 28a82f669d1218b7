//! rebased.csv against a naive recomputation from its definition, written
//! independently here with plain loops over the CSV files, on the tiny
//! fixture with two grassroots organizations dissolved at the end of its
//! last year: one merged into a sibling (successor_id), one ended without a
//! successor (its records go to its parent).

#![cfg(feature = "interchange")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use party_oversight::interchange::{self, LoadOptions, RollupReport};

const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");

fn rows(dir: &Path, name: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(dir.join(name)).unwrap();
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            header
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn dataset() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("po-rebased-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in interchange::FILES {
        std::fs::copy(Path::new(TINY).join(f), dir.join(f)).unwrap();
    }
    // T9 merges into its sibling T4 on 31 December 2024; T1 ends on 28
    // December 2024 without a successor.
    let orgs = std::fs::read_to_string(dir.join("organizations.csv")).unwrap();
    let edited: Vec<String> = orgs
        .lines()
        .map(|l| {
            if l.starts_with("T9,") {
                l.replace(",,", ",2024-12-31,T4")
                    .trim_end_matches(',')
                    .to_owned()
            } else if l.starts_with("T1,") {
                format!("{},2024-12-28,", l.trim_end_matches(','))
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::fs::write(dir.join("organizations.csv"), edited.join("\n") + "\n").unwrap();
    dir
}

#[test]
fn rebased_equals_a_naive_recomputation() {
    let dir = dataset();
    let columns = match interchange::load(&dir, LoadOptions::default()) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let report = RollupReport::compute(&columns).unwrap();
    let mut out = Vec::new();
    report.write_rebased(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();

    // The definition, with plain loops.
    let orgs = rows(&dir, "organizations.csv");
    let by_id: BTreeMap<&str, &BTreeMap<String, String>> =
        orgs.iter().map(|o| (o["id"].as_str(), o)).collect();
    let t = "2024-12-31";
    let y = 2024;
    let exists = |id: &str| {
        let o = by_id[id];
        o["established"].as_str() <= t && (o["dissolved"].is_empty() || t < o["dissolved"].as_str())
    };
    // Where a body's records belong on T (weights are 1 here: no splits).
    let map_onto = |mut id: String| -> Option<String> {
        loop {
            if exists(&id) {
                return Some(id);
            }
            let o = by_id[id.as_str()];
            if !o["successor_id"].is_empty() {
                id = o["successor_id"].clone();
            } else if !o["parent_id"].is_empty() {
                id = o["parent_id"].clone();
            } else {
                return None;
            }
        }
    };
    let within = |mut id: String, ancestor: &str| loop {
        if id == ancestor {
            return true;
        }
        let p = &by_id[id.as_str()]["parent_id"];
        if p.is_empty() {
            return false;
        }
        id = p.clone();
    };
    let oversight = rows(&dir, "oversight.csv");
    let mut expected = String::from("org_id,term_start,baseline,current,status\n");
    let mut ids: Vec<&str> = by_id.keys().copied().collect();
    ids.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    for id in ids {
        let level = by_id[id]["level"].as_str();
        if !exists(id) || !matches!(level, "central" | "provincial" | "district" | "grassroots") {
            continue;
        }
        let (mut base, mut cur) = (0u64, 0u64);
        for r in &oversight {
            let year: i32 = r["started"][..4].parse().unwrap();
            if let Some(to) = map_onto(r["body_org_id"].clone())
                && within(to, id)
            {
                if (y - 9..=y - 5).contains(&year) {
                    base += 1;
                } else if (y - 4..=y).contains(&year) {
                    cur += 1;
                }
            }
        }
        let status = if base == 0 {
            "no_baseline"
        } else if 100 * cur < 110 * base {
            "below"
        } else if 100 * cur > 120 * base {
            "above"
        } else {
            "within"
        };
        expected.push_str(&format!("{id},{},{base}.00,{cur}.00,{status}\n", y - 4));
    }
    assert_eq!(text, expected);
    // The merged organization is gone, and its successor holds its work.
    assert!(!text.contains("\nT9,") && !text.contains("\nT1,"), "{text}");
    let term = |id: &str| {
        let mut out = Vec::new();
        report.write_term(&mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .any(|l| l.starts_with(id))
    };
    assert!(term("T22"));
    let _ = std::fs::remove_dir_all(&dir);
}
