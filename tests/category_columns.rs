//! The optional columns `committee_member` and `content` of
//! oversight_subjects.csv and discipline.csv: read, checked with located
//! problems, written back only when used, and counted.

#![cfg(feature = "interchange")]

use std::path::{Path, PathBuf};

use party_oversight::interchange::{self, LoadOptions, write_dataset};
use party_oversight::{
    BodyKind, Content, DisciplineStatus, InspectionGround, MemberContent, OrgContent,
    OversightKind, Period, SubjectSide,
};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");

struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The tiny fixture with the optional columns added: `subjects(row)` and
/// `discipline(row)` give the extra fields of each data row (its fields
/// split on commas), the headers name `subject_cols` and `discipline_cols`.
fn with_columns(
    tag: &str,
    subject_cols: &str,
    subjects: impl Fn(usize, &[&str]) -> String,
    discipline_cols: &str,
    discipline: impl Fn(usize, &[&str]) -> String,
) -> Dir {
    let dir = std::env::temp_dir().join(format!("po-categories-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in interchange::FILES {
        std::fs::copy(Path::new(FIXTURE).join(f), dir.join(f)).unwrap();
    }
    let edit = |file: &str, cols: &str, extra: &dyn Fn(usize, &[&str]) -> String| {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let mut out = String::new();
        for (i, line) in text.lines().enumerate() {
            out.push_str(line);
            if i == 0 {
                out.push_str(cols);
            } else {
                let fields: Vec<&str> = line.split(',').collect();
                out.push_str(&extra(i - 1, &fields));
            }
            out.push('\n');
        }
        std::fs::write(dir.join(file), out).unwrap();
    };
    edit("oversight_subjects.csv", subject_cols, &subjects);
    edit("discipline.csv", discipline_cols, &discipline);
    Dir(dir)
}

/// Members with a violation get `corruption` and every third member is a
/// committee member; organizations with a violation get `personnel`.
fn valid_subject(i: usize, f: &[&str]) -> String {
    let member = f[1] == "member";
    let committee = if member {
        if i.is_multiple_of(3) { "true" } else { "false" }
    } else {
        ""
    };
    let content = match (f[3], member) {
        ("true", true) => "corruption",
        ("true", false) => "personnel",
        _ => "",
    };
    format!(",{committee},{content}")
}

#[test]
fn valid_columns_are_read_counted_and_written_back() {
    let d = with_columns(
        "valid",
        ",committee_member,content",
        valid_subject,
        // Discipline: the other order.
        ",content,committee_member",
        |i, f| {
            let member = f[1] == "member";
            let content = if member { "ethics_lifestyle" } else { "thrift" };
            let committee = if member && i.is_multiple_of(2) {
                "true"
            } else {
                ""
            };
            format!(",{content},{committee}")
        },
    );
    let data = interchange::read_dataset(&d.0).unwrap();
    let findings: Vec<_> = data
        .oversight()
        .iter()
        .flat_map(|i| i.findings().iter().cloned())
        .collect();
    assert!(findings.iter().any(|f| f.committee_member));
    assert!(
        findings
            .iter()
            .any(|f| f.content == Some(Content::Member(MemberContent::Corruption)))
    );
    assert!(
        findings
            .iter()
            .any(|f| f.content == Some(Content::Organization(OrgContent::Personnel)))
    );
    assert!(
        data.discipline()
            .iter()
            .any(|a| a.fields().committee_member)
    );
    // Written back with the columns, read back the same.
    let out = d.0.join("out");
    write_dataset(&data, &out).unwrap();
    let header = std::fs::read_to_string(out.join("oversight_subjects.csv")).unwrap();
    assert!(header.starts_with(
        "oversight_id,subject_type,subject_id,violation,indicators,handled,committee_member,content\n"
    ));
    let again = interchange::read_dataset(&out).unwrap();
    assert_eq!(again.oversight(), data.oversight());
    assert_eq!(again.discipline(), data.discipline());
    // The typed model and the loaded columns count the same committee
    // members and disciplined committee members.
    let columns = interchange::load(&d.0, LoadOptions::default()).unwrap();
    let root = columns.tree().roots().next().unwrap().id().to_string();
    let period: Period = "2015-01-01..2025-12-31".parse().unwrap();
    let loaded = columns.engine().tally(&root, period).unwrap();
    let typed = data
        .records()
        .engine()
        .unwrap()
        .tally(&root, period)
        .unwrap();
    assert_eq!(loaded, typed);
    let all: Vec<OversightKind> = OversightKind::ALL.to_vec();
    let members = loaded.subject_figures(None, &all, SubjectSide::Member);
    let expected = findings.iter().filter(|f| f.committee_member).count() as u64;
    assert_eq!(members.committee_members, expected);
    assert!(members.committee_members > 0);
    let decided = loaded.discipline_committee_members(None, DisciplineStatus::Decided)
        + loaded.discipline_committee_members(None, DisciplineStatus::Proposed);
    let expected = data
        .discipline()
        .iter()
        .filter(|a| a.fields().committee_member)
        .count() as u64;
    assert_eq!(decided, expected);
    // "Phải thi hành kỷ luật": the subject rows named by a discipline row.
    let signs = [OversightKind::Inspection(
        InspectionGround::SignsOfViolation,
    )];
    let _ = loaded.subject_figures(Some(BodyKind::Commission), &signs, SubjectSide::Member);
    let must: u64 = [SubjectSide::Member, SubjectSide::Organization]
        .into_iter()
        .map(|s| loaded.subject_figures(None, &all, s).must_discipline)
        .sum();
    assert!(must > 0, "the fixture links discipline to inspections");
}

#[test]
fn a_dataset_without_them_is_written_as_version_1() {
    let data = interchange::read_dataset(Path::new(FIXTURE)).unwrap();
    let out = std::env::temp_dir().join(format!("po-categories-v1-{}", std::process::id()));
    write_dataset(&data, &out).unwrap();
    // The same headers as the fixture's (version 1) in every file.
    for f in interchange::FILES {
        let first = |p: &Path| {
            std::fs::read_to_string(p.join(f))
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_owned()
        };
        assert_eq!(first(&out), first(Path::new(FIXTURE)), "{f}");
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn every_broken_category_is_located() {
    let d = with_columns(
        "broken",
        ",content,committee_member",
        |i, f| {
            let member = f[1] == "member";
            let violation = f[3] == "true";
            match i {
                // Content without a violation, on a row without one.
                _ if i == 0 => ",party_resolutions,".into(),
                // Committee membership on an organization.
                _ if !member && violation => ",,true".into(),
                // An unknown code, and the other list's code.
                _ if member && violation && i.is_multiple_of(2) => ",tea,maybe".into(),
                _ if member && violation => ",personnel,false".into(),
                _ => ",,".into(),
            }
        },
        ",content",
        |_, f| {
            if f[1] == "member" {
                ",thrift".into()
            } else {
                ",".into()
            }
        },
    );
    let e = interchange::load(&d.0, LoadOptions::default()).unwrap_err();
    let lines: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
    // One of each kind, as located lines.
    let pick = |needle: &str| {
        lines
            .iter()
            .find(|l| l.contains(needle))
            .cloned()
            .unwrap_or_else(|| panic!("no {needle} in {lines:#?}"))
    };
    insta::assert_snapshot!(
        [
            pick("a content category is given only"),
            pick("only a member can be a committee member"),
            pick("unknown member content category"),
            pick("is not true, false or empty"),
            pick("personnel is not in its list"),
            pick("discipline.csv"),
        ]
        .join("\n")
    );
}

#[test]
fn headers_with_unknown_or_repeated_optional_columns_are_refused() {
    for (tag, cols) in [("unknown", ",colour"), ("twice", ",content,content")] {
        let n = cols.matches(',').count();
        let d = with_columns(tag, cols, |_, _| ",".repeat(n), "", |_, _| String::new());
        let e = interchange::load(&d.0, LoadOptions::default()).unwrap_err();
        let first = e.problems()[0].to_string();
        assert!(
            first.starts_with("oversight_subjects.csv:1: *: the header must be oversight_id,subject_type,subject_id,violation,indicators,handled, then optionally any of committee_member, content (each once, in any order)"),
            "{first}"
        );
    }
}
