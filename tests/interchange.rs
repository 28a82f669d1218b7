//! The interchange format: every rule with its located message, several
//! problems at once, round trips, the roll-up against a naive
//! recomputation, and arbitrary bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use party_oversight::interchange::{self, LoadOptions, RollupReport};
use proptest::prelude::*;

const ORGS: &str = "id,parent_id,level,name,established,dissolved,successor_id
TW,,central,Trung ương,1930-02-03,,
P1,TW,provincial,Tỉnh 1,1950-01-01,,
D1,P1,district,Huyện 1,1960-01-01,,
G1,D1,grassroots,\"Xã 1, huyện 1\",1970-01-01,,
C1,G1,cell,Chi bộ 1,1975-01-01,,
G2,D1,grassroots,Trường 2,1970-01-01,,
";
const MEMBERS: &str = "id,org_id,full_name,admitted,official,left,left_reason
M1,C1,Nguyễn Văn A,2000-01-01,2001-01-01,,
M2,C1,Trần Thị B,2016-05-01,,,
M3,G2,Lê Văn C,2005-01-01,2006-01-01,,
";
const OVERSIGHT: &str = "id,activity,kind,body,body_org_id,started,concluded
K1,inspection,compliance,commission,D1,2017-03-01,2017-04-01
S1,supervision,thematic,committee,G1,2017-02-01,
";
const SUBJECTS: &str = "oversight_id,subject_type,subject_id,violation,indicators,handled
K1,organization,G1,true,I.4;II.2,2017-05-01
K1,member,M1,false,,
S1,member,M2,,,
";
const DISCIPLINE: &str =
    "id,subject_type,subject_id,form,status,body,body_org_id,violation_date,date,oversight_id
KL1,member,M1,warning,decided,commission,D1,2016-12-01,2017-05-01,K1
KL2,organization,G1,reprimand,proposed,commission,D1,2016-12-01,2017-05-01,K1
";

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "party-oversight-{}-{tag}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An edit of the base dataset: file, 1-based line, new text.
type Edit<'a> = (&'a str, usize, Option<&'a str>);

/// The base dataset with `edits` applied: (file, 1-based line, new text;
/// `None` deletes the line, a line past the end appends).
fn dataset(edits: &[Edit]) -> TempDir {
    let dir = TempDir::new("ds");
    for (name, text) in [
        ("organizations.csv", ORGS),
        ("members.csv", MEMBERS),
        ("oversight.csv", OVERSIGHT),
        ("oversight_subjects.csv", SUBJECTS),
        ("discipline.csv", DISCIPLINE),
    ] {
        let mut lines: Vec<Option<String>> = text.lines().map(|l| Some(l.to_owned())).collect();
        for (file, line, new) in edits {
            if *file == name {
                if *line > lines.len() {
                    lines.push(new.map(str::to_owned));
                } else {
                    lines[line - 1] = new.map(str::to_owned);
                }
            }
        }
        let body: String = lines.into_iter().flatten().map(|l| l + "\n").collect();
        std::fs::write(dir.0.join(name), body).unwrap();
    }
    dir
}

fn problems(edits: &[Edit]) -> String {
    let dir = dataset(edits);
    match interchange::load(&dir.0, LoadOptions::default()) {
        Ok(_) => "ok".into(),
        Err(e) => e
            .problems()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A forest: a province may stand alone, or two units side by side, each a
/// root of its own level (the format's forest rule).
#[test]
fn a_province_or_two_units_may_stand_alone() {
    let o = "organizations.csv";
    // The province alone: the central root is gone.
    assert_eq!(
        problems(&[
            (o, 2, None),
            (o, 3, Some("P1,,provincial,Tỉnh 1,1950-01-01,,"))
        ]),
        "ok"
    );
    // The province and the centre side by side, two roots.
    assert_eq!(
        problems(&[(o, 3, Some("P1,,provincial,Tỉnh 1,1950-01-01,,"))]),
        "ok"
    );
    // A district alone.
    let d = interchange::load(
        &dataset(&[
            (o, 2, None),
            (o, 3, None),
            (o, 4, Some("D1,,district,Huyện 1,1960-01-01,,")),
        ])
        .0,
        LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(d.tree().root().unwrap().id().as_str(), "D1");
}

#[test]
fn the_base_dataset_is_valid() {
    assert_eq!(problems(&[]), "ok");
    let d = interchange::read_dataset(&dataset(&[]).0).unwrap();
    assert_eq!(d.tree().len(), 6);
    assert_eq!(d.roster().len(), 3);
    assert_eq!(d.oversight().len(), 2);
    assert_eq!(d.discipline().len(), 2);
    assert_eq!(d.tree().get("G1").unwrap().name(), "Xã 1, huyện 1");
}

/// One case per rule of docs/format.md (and of the model), each breaking just
/// that rule; the snapshot pins every located message.
#[test]
fn every_rule_has_its_located_message() {
    let o = "organizations.csv";
    let m = "members.csv";
    let v = "oversight.csv";
    let s = "oversight_subjects.csv";
    let k = "discipline.csv";
    let cases: Vec<(&str, Vec<Edit>)> = vec![
        // Files and CSV.
        ("missing file", vec![]),
        (
            "wrong header",
            vec![(
                m,
                1,
                Some("id,org,full_name,admitted,official,left,left_reason"),
            )],
        ),
        (
            "wrong field count",
            vec![(m, 2, Some("M1,C1,Nguyễn Văn A,2000-01-01,2001-01-01"))],
        ),
        (
            "bad quoting",
            vec![(m, 2, Some("M1,C1,Nguyễn \"Văn\" A,2000-01-01,2001-01-01,,"))],
        ),
        (
            "text after a closing quote",
            vec![(o, 7, Some("G2,D1,grassroots,\"Trường\" 2,1970-01-01,,"))],
        ),
        // organizations.csv
        (
            "org id empty",
            vec![(o, 6, Some(",G1,cell,Chi bộ 1,1975-01-01,,"))],
        ),
        (
            "org id too long",
            vec![(
                o,
                6,
                Some(&*Box::leak(
                    format!("{},G1,cell,Chi bộ 1,1975-01-01,,", "x".repeat(65)).into_boxed_str(),
                )),
            )],
        ),
        (
            "org id duplicate",
            vec![(o, 8, Some("C1,G1,cell,Chi bộ khác,1975-01-01,,"))],
        ),
        (
            "unknown level",
            vec![(o, 6, Some("C1,G1,commune,Chi bộ 1,1975-01-01,,"))],
        ),
        (
            "bad date",
            vec![(o, 6, Some("C1,G1,cell,Chi bộ 1,1975-02-30,,"))],
        ),
        (
            "blank name",
            vec![(o, 6, Some("C1,G1,cell, ,1975-01-01,,"))],
        ),
        (
            "dissolved before established",
            vec![(o, 6, Some("C1,G1,cell,Chi bộ 1,1975-01-01,1970-01-01,"))],
        ),
        (
            "successor without dissolution",
            vec![(o, 6, Some("C1,G1,cell,Chi bộ 1,1975-01-01,,G2"))],
        ),
        (
            "unknown successor",
            vec![(o, 6, Some("C1,G1,cell,Chi bộ 1,1975-01-01,2020-01-01,ZZ"))],
        ),
        (
            "unknown parent",
            vec![(o, 6, Some("C1,ZZ,cell,Chi bộ 1,1975-01-01,,"))],
        ),
        (
            "a province under a province",
            vec![(o, 2, Some("TW,,provincial,Trung ương,1930-02-03,,"))],
        ),
        (
            "level order",
            vec![(o, 6, Some("C1,D1,cell,Chi bộ 1,1975-01-01,,"))],
        ),
        (
            "cycle",
            vec![(o, 3, Some("P1,D1,provincial,Tỉnh 1,1950-01-01,,"))],
        ),
        // members.csv
        (
            "member unknown org",
            vec![(m, 2, Some("M1,ZZ,Nguyễn Văn A,2000-01-01,2001-01-01,,"))],
        ),
        (
            "member at a district",
            vec![(m, 2, Some("M1,D1,Nguyễn Văn A,2000-01-01,2001-01-01,,"))],
        ),
        (
            "member duplicate",
            vec![(m, 5, Some("M1,C1,Nguyễn Văn D,2000-01-01,2001-01-01,,"))],
        ),
        (
            "blank full name",
            vec![(m, 2, Some("M1,C1,,2000-01-01,2001-01-01,,"))],
        ),
        (
            "official too early",
            vec![(m, 2, Some("M1,C1,Nguyễn Văn A,2000-01-01,2000-12-31,,"))],
        ),
        (
            "left without reason",
            vec![(
                m,
                2,
                Some("M1,C1,Nguyễn Văn A,2000-01-01,2001-01-01,2018-01-01,"),
            )],
        ),
        (
            "reason without left",
            vec![(
                m,
                2,
                Some("M1,C1,Nguyễn Văn A,2000-01-01,2001-01-01,,death"),
            )],
        ),
        (
            "unknown reason",
            vec![(
                m,
                2,
                Some("M1,C1,Nguyễn Văn A,2000-01-01,2001-01-01,2018-01-01,fired"),
            )],
        ),
        (
            "left before admitted",
            vec![(
                m,
                2,
                Some("M1,C1,Nguyễn Văn A,2000-01-01,,1999-01-01,death"),
            )],
        ),
        (
            "official after leaving",
            vec![(
                m,
                2,
                Some("M1,C1,Nguyễn Văn A,2000-01-01,2003-01-01,2002-01-01,death"),
            )],
        ),
        (
            "probationary expelled",
            vec![(
                m,
                3,
                Some("M2,C1,Trần Thị B,2016-05-01,,2016-09-01,expulsion"),
            )],
        ),
        // oversight.csv
        (
            "unknown activity",
            vec![(
                v,
                2,
                Some("K1,audit,compliance,commission,D1,2017-03-01,2017-04-01"),
            )],
        ),
        (
            "kind of the other activity",
            vec![(
                v,
                2,
                Some("K1,inspection,thematic,commission,D1,2017-03-01,2017-04-01"),
            )],
        ),
        (
            "unknown body",
            vec![(
                v,
                2,
                Some("K1,inspection,compliance,council,D1,2017-03-01,2017-04-01"),
            )],
        ),
        (
            "unknown body org",
            vec![(
                v,
                2,
                Some("K1,inspection,compliance,commission,ZZ,2017-03-01,2017-04-01"),
            )],
        ),
        (
            "body below grassroots",
            vec![(
                v,
                3,
                Some("S1,supervision,thematic,committee,C1,2017-02-01,"),
            )],
        ),
        (
            "commission at a chi bộ cơ sở",
            vec![(
                v,
                3,
                Some("S1,supervision,thematic,commission,G2,2017-02-01,"),
            )],
        ),
        (
            "body org not yet established",
            vec![(
                v,
                2,
                Some("K1,inspection,compliance,commission,D1,1950-03-01,1950-04-01"),
            )],
        ),
        (
            "concluded before started",
            vec![(
                v,
                2,
                Some("K1,inspection,compliance,commission,D1,2017-03-01,2017-02-01"),
            )],
        ),
        (
            "inspection duplicate",
            vec![(
                v,
                4,
                Some("K1,supervision,regular,committee,G1,2017-02-01,"),
            )],
        ),
        // oversight_subjects.csv
        (
            "unknown inspection",
            vec![(s, 3, Some("K9,member,M1,false,,"))],
        ),
        (
            "unknown subject type",
            vec![(s, 3, Some("K1,person,M1,false,,"))],
        ),
        ("unknown member", vec![(s, 3, Some("K1,member,M9,false,,"))]),
        (
            "unknown organization subject",
            vec![(s, 2, Some("K1,organization,ZZ,true,I.4,2017-05-01"))],
        ),
        ("bad violation", vec![(s, 3, Some("K1,member,M1,yes,,"))]),
        (
            "bad indicator",
            vec![(s, 2, Some("K1,organization,G1,true,I.4;IV.1,2017-05-01"))],
        ),
        (
            "indicators without violation",
            vec![(s, 3, Some("K1,member,M1,false,I.4,"))],
        ),
        (
            "handled without violation",
            vec![(s, 3, Some("K1,member,M1,false,,2017-05-01"))],
        ),
        (
            "handled before started",
            vec![(s, 2, Some("K1,organization,G1,true,I.4,2017-01-01"))],
        ),
        (
            "violation on an open supervision",
            vec![(s, 4, Some("S1,member,M2,false,,"))],
        ),
        (
            "no violation value on a concluded inspection",
            vec![(s, 3, Some("K1,member,M1,,,"))],
        ),
        (
            "organization subject not below the body",
            vec![(s, 2, Some("K1,organization,D1,true,I.4,2017-05-01"))],
        ),
        (
            "member subject outside the body",
            vec![(s, 4, Some("S1,member,M3,,,"))],
        ),
        (
            "member not yet admitted",
            vec![(m, 3, Some("M2,C1,Trần Thị B,2017-05-01,,,"))],
        ),
        (
            "duplicate subject",
            vec![(s, 5, Some("K1,member,M1,false,,"))],
        ),
        // discipline.csv
        (
            "unknown form",
            vec![(
                k,
                2,
                Some("KL1,member,M1,demotion,decided,commission,D1,2016-12-01,2017-05-01,K1"),
            )],
        ),
        (
            "unknown status",
            vec![(
                k,
                2,
                Some("KL1,member,M1,warning,annulled,commission,D1,2016-12-01,2017-05-01,K1"),
            )],
        ),
        (
            "form not for an organization",
            vec![(
                k,
                3,
                Some(
                    "KL2,organization,G1,expulsion,proposed,commission,D1,2016-12-01,2017-05-01,K1",
                ),
            )],
        ),
        (
            "form not for a probationary member",
            vec![(
                k,
                2,
                Some(
                    "KL1,member,M2,removal_from_office,decided,commission,D1,2016-12-01,2017-05-01,",
                ),
            )],
        ),
        (
            "dissolution of a member",
            vec![(
                k,
                2,
                Some("KL1,member,M1,dissolution,decided,commission,D1,2016-12-01,2017-05-01,K1"),
            )],
        ),
        (
            "violation after the decision",
            vec![(
                k,
                2,
                Some("KL1,member,M1,warning,decided,commission,D1,2017-06-01,2017-05-01,K1"),
            )],
        ),
        (
            "discipline by a commission that does not exist",
            vec![(
                k,
                2,
                Some("KL1,member,M3,warning,decided,commission,G2,2016-12-01,2017-05-01,"),
            )],
        ),
        (
            "chi bộ decides expulsion",
            vec![(
                k,
                2,
                Some("KL1,member,M1,expulsion,decided,committee,C1,2016-12-01,2017-05-01,"),
            )],
        ),
        (
            "partial organization as body",
            vec![
                (o, 8, Some("B1,G1,partial,Đảng bộ bộ phận,1975-01-01,,")),
                (
                    k,
                    2,
                    Some("KL1,organization,C1,warning,decided,committee,B1,2016-12-01,2017-05-01,"),
                ),
            ],
        ),
        (
            "organization subject not below the body",
            vec![(
                k,
                3,
                Some(
                    "KL2,organization,G1,reprimand,proposed,commission,G1,2016-12-01,2017-05-01,K1",
                ),
            )],
        ),
        (
            "member subject outside the body",
            vec![(
                k,
                2,
                Some("KL1,member,M3,warning,decided,committee,G1,2016-12-01,2017-05-01,"),
            )],
        ),
        (
            "member had left",
            vec![(
                m,
                2,
                Some("M1,C1,Nguyễn Văn A,2000-01-01,2001-01-01,2017-01-01,death"),
            )],
        ),
        (
            "unknown inspection of an action",
            vec![(
                k,
                2,
                Some("KL1,member,M1,warning,decided,commission,D1,2016-12-01,2017-05-01,K9"),
            )],
        ),
        (
            "discipline duplicate",
            vec![(
                k,
                4,
                Some("KL1,member,M3,warning,decided,commission,D1,2016-12-01,2017-05-01,"),
            )],
        ),
    ];
    let mut out = String::new();
    for (name, edits) in &cases {
        let text = if *name == "missing file" {
            let dir = dataset(&[]);
            std::fs::remove_file(dir.0.join("discipline.csv")).unwrap();
            interchange::load(&dir.0, LoadOptions::default())
                .err()
                .map(|e| {
                    e.problems()
                        .iter()
                        .map(|p| p.to_string().replace(&*dir.0.to_string_lossy(), "DIR"))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_else(|| "ok".into())
        } else {
            problems(edits)
        };
        assert_ne!(text, "ok", "{name} was accepted");
        out.push_str(&format!("## {name}\n{text}\n\n"));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn bad_utf8_is_located() {
    let dir = dataset(&[]);
    let path = dir.0.join("members.csv");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes
        .windows(5)
        .position(|w| w == b"Tr\xe1\xba\xa7")
        .unwrap();
    bytes[at + 2] = 0xff;
    std::fs::write(&path, bytes).unwrap();
    let e = interchange::load(&dir.0, LoadOptions::default()).unwrap_err();
    insta::assert_snapshot!(e.problems()[0], @"members.csv:3: full_name: the text is not valid UTF-8");
}

#[test]
fn several_problems_in_several_files_are_all_reported() {
    let text = problems(&[
        (
            "organizations.csv",
            6,
            Some("C1,G1,cell,Chi bộ 1,1975-13-01,,"),
        ),
        ("members.csv", 3, Some("M2,C1,,2016-05-01,,,")),
        (
            "members.csv",
            4,
            Some("M3,G2,Lê Văn C,2005-01-01,2005-06-01,,"),
        ),
        (
            "oversight.csv",
            3,
            Some("S1,supervision,weekly,committee,G1,2017-02-01,"),
        ),
        ("oversight_subjects.csv", 3, Some("K1,member,M1,maybe,,")),
        (
            "discipline.csv",
            3,
            Some("KL2,organization,G1,reprimand,proposed,commission,D1,2016-12-01,2016-05-01,K1"),
        ),
    ]);
    let lines: Vec<&str> = text.lines().collect();
    for expected in [
        "organizations.csv:6: established:",
        "members.csv:3: full_name:",
        "members.csv:4: official:",
        "oversight.csv:3: kind:",
        "oversight_subjects.csv:3: violation:",
        "discipline.csv:3: violation_date:",
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(expected)),
            "{expected} missing in:\n{text}"
        );
    }
    // Problems come sorted by file, then line.
    let files: Vec<&str> = lines.iter().map(|l| l.split(':').next().unwrap()).collect();
    let order = [
        "organizations.csv",
        "members.csv",
        "oversight.csv",
        "oversight_subjects.csv",
        "discipline.csv",
    ];
    let ranks: Vec<usize> = files
        .iter()
        .map(|f| order.iter().position(|o| o == f).unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{text}");
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny")
}

#[test]
fn round_trip_and_byte_stable_writing() {
    let first = interchange::read_dataset(&fixture()).unwrap();
    let a = TempDir::new("rt-a");
    interchange::write_dataset(&first, &a.0).unwrap();
    let second = interchange::read_dataset(&a.0).unwrap();
    assert_eq!(first, second);
    let b = TempDir::new("rt-b");
    interchange::write_dataset(&second, &b.0).unwrap();
    for f in interchange::FILES {
        assert_eq!(
            std::fs::read(a.0.join(f)).unwrap(),
            std::fs::read(b.0.join(f)).unwrap(),
            "{f}"
        );
    }
    // Quoted names survive.
    let small = interchange::read_dataset(&dataset(&[]).0).unwrap();
    let c = TempDir::new("rt-c");
    interchange::write_dataset(&small, &c.0).unwrap();
    let orgs = std::fs::read_to_string(c.0.join("organizations.csv")).unwrap();
    assert!(
        orgs.contains("G1,D1,grassroots,\"Xã 1, huyện 1\",1970-01-01,,"),
        "{orgs}"
    );
    assert_eq!(interchange::read_dataset(&c.0).unwrap(), small);
}

#[test]
fn the_rollup_of_the_tiny_fixture_equals_a_naive_recomputation() {
    let columns = interchange::load(&fixture(), LoadOptions::default()).unwrap();
    let report = RollupReport::compute(&columns).unwrap();
    let out = TempDir::new("rollup");
    report.write(&out.0).unwrap();
    let rollup = std::fs::read_to_string(out.0.join("rollup.csv")).unwrap();
    let term = std::fs::read_to_string(out.0.join("term.csv")).unwrap();
    let (naive_rollup, naive_term) = naive_report(&fixture());
    assert_eq!(rollup, naive_rollup);
    assert_eq!(term, naive_term);
    assert!(
        rollup.lines().count() > 100,
        "the fixture has rows to compare"
    );
}

/// docs/report.md computed from the definitions, with plain loops over the CSV
/// rows: no tree structure, no interning, no marks.
fn naive_report(dir: &Path) -> (String, String) {
    let read = |name: &str| -> Vec<BTreeMap<String, String>> {
        let mut r = csv::Reader::from_path(dir.join(name)).unwrap();
        let headers = r.headers().unwrap().clone();
        r.records()
            .map(|rec| {
                headers
                    .iter()
                    .map(str::to_owned)
                    .zip(rec.unwrap().iter().map(str::to_owned))
                    .collect()
            })
            .collect()
    };
    let orgs = read("organizations.csv");
    let members = read("members.csv");
    let oversight = read("oversight.csv");
    let subjects = read("oversight_subjects.csv");
    let discipline = read("discipline.csv");
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let parent: BTreeMap<String, String> = orgs
        .iter()
        .map(|o| (o["id"].clone(), o["parent_id"].clone()))
        .collect();
    let within = |x: &str, o: &str| {
        let mut at = x.to_owned();
        loop {
            if at == o {
                return true;
            }
            match parent.get(&at) {
                Some(p) if !p.is_empty() => at = p.clone(),
                _ => return false,
            }
        }
    };
    let years: Vec<i32> = oversight
        .iter()
        .map(|r| date(&r["started"]).year())
        .collect();
    let (y0, y1) = (*years.iter().min().unwrap(), *years.iter().max().unwrap());
    let by_id: BTreeMap<&str, &BTreeMap<String, String>> =
        oversight.iter().map(|r| (r["id"].as_str(), r)).collect();
    let mut ids: Vec<&str> = orgs.iter().map(|o| o["id"].as_str()).collect();
    ids.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    let mut rollup = String::from(
        "org_id,year,inspections,supervisions,org_visits,orgs_distinct,member_visits,members_distinct,violations,handled,member_discipline_decisions,org_discipline_decisions,members_official,members_probationary\n",
    );
    let mut per: BTreeMap<(&str, i32), (u64, u64, u64, u64)> = BTreeMap::new();
    for &o in &ids {
        for y in y0..=y1 {
            let in_scope = |r: &BTreeMap<String, String>| {
                within(&r["body_org_id"], o) && date(&r["started"]).year() == y
            };
            let insp = oversight
                .iter()
                .filter(|r| in_scope(r) && r["activity"] == "inspection")
                .count();
            let sup = oversight
                .iter()
                .filter(|r| in_scope(r) && r["activity"] == "supervision")
                .count();
            let rows: Vec<&BTreeMap<String, String>> = subjects
                .iter()
                .filter(|s| in_scope(by_id[s["oversight_id"].as_str()]))
                .collect();
            let org_rows: Vec<_> = rows
                .iter()
                .filter(|s| s["subject_type"] == "organization")
                .collect();
            let mem_rows: Vec<_> = rows
                .iter()
                .filter(|s| s["subject_type"] == "member")
                .collect();
            let orgs_distinct: BTreeSet<&str> =
                org_rows.iter().map(|s| s["subject_id"].as_str()).collect();
            let members_distinct: BTreeSet<&str> =
                mem_rows.iter().map(|s| s["subject_id"].as_str()).collect();
            let violations = rows.iter().filter(|s| s["violation"] == "true").count();
            let handled = rows
                .iter()
                .filter(|s| s["violation"] == "true" && !s["handled"].is_empty())
                .count();
            let decided = |t: &str| {
                discipline
                    .iter()
                    .filter(|d| {
                        d["status"] == "decided"
                            && d["subject_type"] == t
                            && within(&d["body_org_id"], o)
                            && date(&d["date"]).year() == y
                    })
                    .count()
            };
            let end = NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
            let active: Vec<_> = members
                .iter()
                .filter(|m| {
                    within(&m["org_id"], o)
                        && date(&m["admitted"]) <= end
                        && (m["left"].is_empty() || date(&m["left"]) > end)
                })
                .collect();
            let official = active
                .iter()
                .filter(|m| !m["official"].is_empty() && date(&m["official"]) <= end)
                .count();
            rollup.push_str(&format!(
                "{o},{y},{insp},{sup},{},{},{},{},{violations},{handled},{},{},{official},{}\n",
                org_rows.len(),
                orgs_distinct.len(),
                mem_rows.len(),
                members_distinct.len(),
                decided("member"),
                decided("organization"),
                active.len() - official
            ));
            per.insert(
                (o, y),
                ((insp + sup) as u64, violations as u64, handled as u64, 0),
            );
        }
    }
    let mut term = String::from("org_id,term_start,baseline,current,status,resolution\n");
    let level: BTreeMap<&str, &str> = orgs
        .iter()
        .map(|o| (o["id"].as_str(), o["level"].as_str()))
        .collect();
    for &o in &ids {
        if !["central", "provincial", "district"].contains(&level[o]) {
            continue;
        }
        let sum = |a: i32, b: i32, f: fn(&(u64, u64, u64, u64)) -> u64| -> u64 {
            (a..=b).filter_map(|y| per.get(&(o, y))).map(f).sum()
        };
        let baseline = sum(y1 - 9, y1 - 5, |t| t.0);
        let current = sum(y1 - 4, y1, |t| t.0);
        let (v, h) = (sum(y1 - 4, y1, |t| t.1), sum(y1 - 4, y1, |t| t.2));
        let status = if baseline == 0 {
            "no_baseline"
        } else if 100 * current < 110 * baseline {
            "below"
        } else if 100 * current > 120 * baseline {
            "above"
        } else {
            "within"
        };
        // Half away from zero, two decimals, from integers.
        let resolution = if v == 0 {
            String::new()
        } else {
            let hundredths = (h * 20_000 + v) / (2 * v);
            format!("{}.{:02}", hundredths / 100, hundredths % 100)
        };
        term.push_str(&format!(
            "{o},{},{baseline},{current},{status},{resolution}\n",
            y1 - 4
        ));
    }
    (rollup, term)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_in_any_file_never_panic(file in 0usize..5, bytes in prop::collection::vec(any::<u8>(), 0..400), keep_header in any::<bool>()) {
        let dir = dataset(&[]);
        let name = interchange::FILES[file];
        let path = dir.0.join(name);
        let mut content = if keep_header {
            let text = std::fs::read_to_string(&path).unwrap();
            text.lines().next().unwrap().as_bytes().to_vec()
        } else {
            Vec::new()
        };
        content.push(b'\n');
        content.extend_from_slice(&bytes);
        std::fs::write(&path, content).unwrap();
        let _ = interchange::load(&dir.0, LoadOptions::default().threads(2));
        let _ = interchange::read_dataset(&dir.0);
    }

    #[test]
    fn mutated_valid_rows_never_panic(line in 2usize..5, pos in 0usize..80, byte in any::<u8>(), file in 0usize..5) {
        let dir = dataset(&[]);
        let path = dir.0.join(interchange::FILES[file]);
        let mut content = std::fs::read(&path).unwrap();
        let starts: Vec<usize> = std::iter::once(0).chain(content.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1)).collect();
        if let Some(&s) = starts.get(line - 1) {
            let at = (s + pos).min(content.len().saturating_sub(1));
            if !content.is_empty() {
                content[at] = byte;
            }
        }
        std::fs::write(&path, content).unwrap();
        let _ = interchange::read_dataset(&dir.0);
    }
}

#[test]
fn the_typed_model_needs_the_model_fields() {
    let columns = interchange::load(&fixture(), LoadOptions::default()).unwrap();
    let e = columns.into_dataset().unwrap_err();
    insta::assert_snapshot!(e, @"the columns were loaded without the typed model's fields; load with LoadOptions::model(true)");
    let columns = interchange::load(&fixture(), LoadOptions::default().model(true)).unwrap();
    assert_eq!(columns.into_dataset().unwrap().tree().len(), 25);
}
