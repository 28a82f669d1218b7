//! Writing a dataset in the interchange format.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use super::Dataset;
use super::csvio::quote;
use crate::discipline::DisciplineStatus;
use crate::error::{Error, ErrorKind};
use crate::inspection::{BodyKind, Outcome, Subject};

/// Writes `dataset` into `dir` (created if needed) as the five files of the
/// interchange format: organizations in tree order, members and
/// inspections by id, each inspection's subjects in order, discipline
/// actions in their order. Writing is byte-stable (the same dataset always
/// gives the same bytes) and reading the files back gives the same dataset.
///
/// # Errors
///
/// [`ErrorKind::NotRepresentable`] for a value that format version 1 cannot
/// hold (an escalation link, a committee-member flag, an annulled action, a
/// post or limitation category of a discipline action): nothing is written
/// then. [`ErrorKind::Write`] if a file cannot be written.
pub fn write_dataset(dataset: &Dataset, dir: &Path) -> Result<(), Error> {
    let files = render(dataset)?;
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, &e))?;
    for (name, text) in files {
        let path = dir.join(name);
        let mut f = std::fs::File::create(&path).map_err(|e| write_error(&path, &e))?;
        f.write_all(text.as_bytes())
            .map_err(|e| write_error(&path, &e))?;
    }
    Ok(())
}

fn write_error(path: &Path, e: &std::io::Error) -> Error {
    ErrorKind::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    }
    .into()
}

fn not_representable(what: String, reason: &str) -> Error {
    ErrorKind::NotRepresentable {
        what,
        reason: reason.to_owned(),
    }
    .into()
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn body_code(k: BodyKind) -> &'static str {
    k.code()
}

/// The five files' text, or the first value that cannot be written.
fn render(d: &Dataset) -> Result<Vec<(&'static str, String)>, Error> {
    let mut orgs = String::from("id,parent_id,level,name,established,dissolved,successor_id\n");
    for o in d.tree().iter() {
        let _ = writeln!(
            orgs,
            "{},{},{},{},{},{},{}",
            quote(o.id().as_str()),
            quote(o.parent_id().map(|p| p.as_str()).unwrap_or_default()),
            o.level().code(),
            quote(o.name()),
            o.established(),
            date(o.dissolved()),
            quote(o.successor_id().map(|p| p.as_str()).unwrap_or_default()),
        );
    }
    let mut members = String::from("id,org_id,full_name,admitted,official,left,left_reason\n");
    for m in d.roster().iter() {
        let (left, reason) = m.left().map_or((None, ""), |(l, r)| (Some(l), r.code()));
        let _ = writeln!(
            members,
            "{},{},{},{},{},{},{}",
            quote(m.id().as_str()),
            quote(m.org_id().as_str()),
            quote(m.full_name()),
            m.admitted(),
            date(m.official()),
            date(left),
            reason,
        );
    }
    let mut oversight = String::from("id,activity,kind,body,body_org_id,started,concluded\n");
    let mut subjects =
        String::from("oversight_id,subject_type,subject_id,violation,indicators,handled\n");
    for i in d.oversight().iter() {
        if i.escalated_from().is_some() {
            return Err(not_representable(
                format!("inspection {}", i.id()),
                "format version 1 has no column for the supervision an inspection was escalated from",
            ));
        }
        let _ = writeln!(
            oversight,
            "{},{},{},{},{},{},{}",
            quote(i.id().as_str()),
            i.kind().activity_code(),
            i.kind().kind_code(),
            body_code(i.body().kind),
            quote(i.body().org.as_str()),
            i.started(),
            date(i.concluded()),
        );
        for f in i.findings() {
            if f.committee_member {
                return Err(not_representable(
                    format!("inspection {}, {}", i.id(), f.subject),
                    "format version 1 has no column for committee membership",
                ));
            }
            let (kind, id) = match &f.subject {
                Subject::Organization(o) => ("organization", o.as_str()),
                Subject::Member(m) => ("member", m.as_str()),
            };
            let (violation, indicators, handled) = match f.outcome {
                Outcome::NotConcluded => ("", String::new(), String::new()),
                Outcome::NoViolation => ("false", String::new(), String::new()),
                Outcome::Violation {
                    indicators,
                    handled,
                } => ("true", indicators.to_string(), date(handled)),
            };
            let _ = writeln!(
                subjects,
                "{},{kind},{},{violation},{indicators},{handled}",
                quote(i.id().as_str()),
                quote(id)
            );
        }
    }
    let mut discipline = String::from(
        "id,subject_type,subject_id,form,status,body,body_org_id,violation_date,date,oversight_id\n",
    );
    for a in d.discipline() {
        let f = a.fields();
        let what = || format!("discipline action {}", a.id());
        let status = match a.status() {
            DisciplineStatus::Proposed => "proposed",
            DisciplineStatus::Decided => "decided",
            DisciplineStatus::Annulled => {
                return Err(not_representable(
                    what(),
                    "format version 1 has no status for an annulled action",
                ));
            }
        };
        if f.holds_post.is_some() || f.exception.is_some() {
            return Err(not_representable(
                what(),
                "format version 1 has no column for a member's post or a limitation category",
            ));
        }
        let (kind, id) = match a.subject() {
            Subject::Organization(o) => ("organization", o.as_str()),
            Subject::Member(m) => ("member", m.as_str()),
        };
        let _ = writeln!(
            discipline,
            "{},{kind},{},{},{status},{},{},{},{},{}",
            quote(a.id().as_str()),
            quote(id),
            a.form().code(),
            body_code(a.body().kind),
            quote(a.body().org.as_str()),
            a.violation_date(),
            a.date(),
            quote(a.inspection().map(|i| i.as_str()).unwrap_or_default()),
        );
    }
    Ok(vec![
        ("organizations.csv", orgs),
        ("members.csv", members),
        ("oversight.csv", oversight),
        ("oversight_subjects.csv", subjects),
        ("discipline.csv", discipline),
    ])
}
