//! Every rule of format version 2, broken alone on the version 2 tiny
//! fixture: each case edits one file and lists what the reader says, with
//! the file, line and column (snapshot), and checks the rule it names.

#![cfg(feature = "interchange")]

use std::path::{Path, PathBuf};

use party_oversight::interchange::{self, LoadOptions};

const V2TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v2tiny");

struct Copy(PathBuf);

impl Copy {
    fn new(case: &str) -> Copy {
        let dir = std::env::temp_dir().join(format!("po-v2rules-{}-{case}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for f in interchange::FILES
            .iter()
            .chain(interchange::VERSION_2_FILES.iter())
        {
            std::fs::copy(Path::new(V2TINY).join(f), dir.join(f)).unwrap();
        }
        Copy(dir)
    }

    fn append(&self, file: &str, lines: &str) -> &Self {
        let path = self.0.join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(lines);
        std::fs::write(path, text).unwrap();
        self
    }

    fn replace(&self, file: &str, from: &str, to: &str) -> &Self {
        let path = self.0.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} holds {from:?}");
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
        self
    }

    /// The problems as `file:line: column: message [rule]`.
    fn problems(&self) -> Vec<String> {
        match interchange::load(&self.0, LoadOptions::default()) {
            Ok(_) => Vec::new(),
            Err(e) => e
                .problems()
                .iter()
                .map(|p| format!("{p} [{}]", p.rule.code()))
                .collect(),
        }
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A case: its name, the rule it breaks, and the edit.
type Case = (&'static str, &'static str, Box<dyn Fn(&Copy)>);

fn cases() -> Vec<Case> {
    vec![
        (
            "a move on its establishment day",
            "org_move",
            Box::new(|c| {
                c.append("org_moves.csv", "T6,2013-02-16,T9\n");
            }),
        ),
        (
            "two moves of one organization on one day",
            "org_move",
            Box::new(|c| {
                c.append("org_moves.csv", "T43,2016-07-01,T46\n");
            }),
        ),
        (
            "a move under the parent it has",
            "org_move",
            Box::new(|c| {
                c.append("org_moves.csv", "T9,2020-01-01,T46\n");
            }),
        ),
        (
            "a move under a parent not yet established",
            "org_move",
            Box::new(|c| {
                c.append("org_moves.csv", "T18,2020-01-01,T12\n");
            }),
        ),
        (
            "a move that breaks the level rule",
            "org_move",
            Box::new(|c| {
                c.append("org_moves.csv", "T18,2020-01-01,T22\n");
            }),
        ),
        (
            "a move back to being a root",
            "org_move",
            Box::new(|c| {
                c.append("org_moves.csv", "T43,2020-01-01,\n");
            }),
        ),
        (
            "a child left under a dissolved parent",
            "parent_exists",
            Box::new(|c| {
                c.replace("org_moves.csv", "T9,2025-07-01,T22\n", "");
            }),
        ),
        (
            "a lineage predecessor not dissolved",
            "lineage",
            Box::new(|c| {
                c.append("org_lineage.csv", "T9,T12,1\n");
            }),
        ),
        (
            "a lineage successor that does not exist on the day",
            "lineage",
            Box::new(|c| {
                c.append("org_lineage.csv", "T46,T10,1\n");
            }),
        ),
        (
            "a lineage pair given twice",
            "lineage",
            Box::new(|c| {
                c.append("org_lineage.csv", "T8,T12,1\n");
            }),
        ),
        (
            "lineage rows and a successor id",
            "lineage",
            Box::new(|c| {
                c.replace(
                    "organizations.csv",
                    "1981-05-23,2025-07-01,",
                    "1981-05-23,2025-07-01,T12",
                );
            }),
        ),
        (
            "a lineage weight of 0",
            "invalid_weight",
            Box::new(|c| {
                c.append("org_lineage.csv", "T46,T12,0\n");
            }),
        ),
        (
            "a lineage weight that is not a number",
            "invalid_weight",
            Box::new(|c| {
                c.append("org_lineage.csv", "T46,T12,một\n");
            }),
        ),
        (
            "a member moving before admission",
            "member_move",
            Box::new(|c| {
                c.append("member_moves.csv", "DV00000301,2011-01-01,T20\n");
            }),
        ),
        (
            "a member moving to an organization not yet established",
            "member_move",
            Box::new(|c| {
                c.append("member_moves.csv", "DV00000271,2020-01-01,T12\n");
            }),
        ),
        (
            "a member moving where the member is",
            "member_move",
            Box::new(|c| {
                c.append("member_moves.csv", "DV00000271,2020-01-01,T13\n");
            }),
        ),
        (
            "two moves of one member on one day",
            "member_move",
            Box::new(|c| {
                c.append(
                    "member_moves.csv",
                    "DV00000271,2020-01-01,T40\nDV00000271,2020-01-01,T9\n",
                );
            }),
        ),
        (
            "a member moving to an organization that holds no members",
            "member_move",
            Box::new(|c| {
                c.append("member_moves.csv", "DV00000271,2020-01-01,T22\n");
            }),
        ),
        (
            "a member subject outside the body on the inspection's day",
            "subject_outside_body",
            Box::new(|c| {
                // Away from T13 only while T13 supervises the member.
                c.append(
                    "member_moves.csv",
                    "DV00000271,2015-01-05,T40\nDV00000271,2015-01-10,T13\n",
                );
            }),
        ),
        (
            "a commission of a grassroots organization left without units",
            "no_commission",
            Box::new(|c| {
                let mut moves = String::new();
                for cell in ["T18", "T26", "T27", "T32", "T17", "T7", "T31"] {
                    moves.push_str(&format!("{cell},2026-05-01,T9\n"));
                }
                c.append("org_moves.csv", &moves);
            }),
        ),
    ]
}

#[test]
fn every_version_2_rule_broken_alone_is_located() {
    let mut out = String::new();
    for (name, rule, edit) in cases() {
        let c = Copy::new(&name.replace(' ', "-"));
        edit(&c);
        let problems = c.problems();
        assert!(
            problems.iter().any(|p| p.ends_with(&format!("[{rule}]"))),
            "{name}: no {rule} problem in {problems:#?}"
        );
        out.push_str(&format!("## {name}\n"));
        for p in problems {
            out.push_str(&format!("{p}\n"));
        }
        out.push('\n');
    }
    insta::assert_snapshot!(out);
}

#[test]
fn a_cycle_only_between_two_move_dates_is_caught() {
    // T9 moves under T43 in 2020, T43 under T9 in 2021 (a cycle), and T9
    // back under the province in 2022: only the days between 2021 and 2022
    // have the cycle.
    let c = Copy::new("cycle");
    c.append(
        "org_moves.csv",
        "T9,2020-01-01,T43\nT43,2021-01-01,T9\nT9,2022-01-01,T22\n",
    );
    let problems = c.problems();
    let line = |l: usize| format!("org_moves.csv:{l}: parent_id: ");
    // The lines of the three moves: after the 13 of the fixture and the
    // header.
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&line(16)) && p.contains("the parent links would form a cycle")),
        "{problems:#?}"
    );
    assert!(
        !problems
            .iter()
            .any(|p| p.contains("cycle") && !p.starts_with(&line(16))),
        "only the move of 2021 makes the cycle: {problems:#?}"
    );
}

#[test]
fn the_fixture_itself_is_valid() {
    assert_eq!(Copy::new("valid").problems(), Vec::<String>::new());
}

#[test]
fn a_forest_of_two_provinces_is_valid() {
    // Version 2 allows any number of roots, of any level: a second
    // province beside the central root.
    let c = Copy::new("forest");
    c.append(
        "organizations.csv",
        "T99,,provincial,Đảng bộ tỉnh Hà Giang,1951-03-20,2025-07-01,\n",
    );
    assert_eq!(c.problems(), Vec::<String>::new());
}
