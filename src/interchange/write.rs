//! Writing a dataset in the interchange format.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use super::csvio::quote;
use super::{Dataset, schema};
use crate::discipline::DisciplineStatus;
use crate::error::{Error, ErrorKind};
use crate::inspection::{Outcome, Subject, SubjectType};

/// The optional columns a file needs: `committee_member` and `content`,
/// each only if some row has one.
fn extra_columns(committee: bool, content: bool) -> Vec<&'static str> {
    let mut extra = Vec::new();
    if committee {
        extra.push("committee_member");
    }
    if content {
        extra.push("content");
    }
    extra
}

/// Ends a row with its optional columns `extra`, then the line end
/// (committee membership is written for members only).
fn write_extra(
    out: &mut String,
    extra: &[&str],
    member: bool,
    committee: bool,
    content: Option<crate::content::Content>,
) {
    for e in extra {
        out.push(',');
        match *e {
            "committee_member" if member => {
                out.push_str(if committee { "true" } else { "false" });
            }
            "committee_member" => {}
            _ => out.push_str(content.map(|c| c.code()).unwrap_or_default()),
        }
    }
    out.push('\n');
}

/// Writes `dataset` into `dir` (created if needed) as the five files of the
/// interchange format: organizations in tree order, members and
/// inspections by id, each inspection's subjects in order, discipline
/// actions in their order. Writing is byte-stable (the same dataset always
/// gives the same bytes) and reading the files back gives the same dataset.
///
/// # Errors
///
/// Committee membership and content categories go into the optional
/// columns `committee_member` and `content` of oversight_subjects.csv and
/// discipline.csv, written only when some row of the file has one (a
/// dataset without them is written exactly as format version 1).
///
/// [`ErrorKind::NotRepresentable`] for a value that the format cannot hold
/// (an escalation link, a shortcoming that is not a violation, an annulled
/// action, a post or limitation category of a discipline action): nothing
/// is written then. [`ErrorKind::Write`] if a file cannot be written: the files are
/// written under temporary names and renamed only once all are written
/// (temporary files beside them), so a failed write leaves nothing new
/// behind.
pub fn write_dataset(dataset: &Dataset, dir: &Path) -> Result<(), Error> {
    let files = render(dataset)?;
    let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    write_files(dir, &names, |i, out| {
        let text = files.get(i).map_or("", |(_, text)| text.as_str());
        out.write_all(text.as_bytes())
    })
}

pub(crate) use crate::atomic::write_files;

/// A subject's `subject_type` code and id.
fn subject_code(subject: &Subject) -> (&'static str, &str) {
    match subject {
        Subject::Organization(o) => (SubjectType::Organization.code(), o.as_str()),
        Subject::Member(m) => (SubjectType::Member.code(), m.as_str()),
    }
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

/// The five files' text, or the first value that cannot be written.
fn render(d: &Dataset) -> Result<Vec<(&'static str, String)>, Error> {
    let mut orgs = schema::ORGANIZATIONS.header();
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
    let mut members = schema::MEMBERS.header();
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
    let mut oversight = schema::OVERSIGHT.header();
    let findings = || d.oversight().iter().flat_map(|i| i.findings());
    let subject_extra = extra_columns(
        findings().any(|f| f.committee_member),
        findings().any(|f| f.content.is_some()),
    );
    let mut subjects = schema::SUBJECTS.header_with(&subject_extra);
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
            i.body().kind.code(),
            quote(i.body().org.as_str()),
            i.started(),
            date(i.concluded()),
        );
        for f in i.findings() {
            let (kind, id) = subject_code(&f.subject);
            let (violation, indicators, handled) = match f.outcome {
                Outcome::NotConcluded => ("", String::new(), String::new()),
                Outcome::NoViolation => ("false", String::new(), String::new()),
                Outcome::Shortcoming => {
                    return Err(not_representable(
                        format!("inspection {}, {}", i.id(), f.subject),
                        "the format records a violation or none, not a shortcoming apart",
                    ));
                }
                Outcome::Violation {
                    indicators,
                    handled,
                } => ("true", indicators.to_string(), date(handled)),
            };
            let _ = write!(
                subjects,
                "{},{kind},{},{violation},{indicators},{handled}",
                quote(i.id().as_str()),
                quote(id)
            );
            write_extra(
                &mut subjects,
                &subject_extra,
                matches!(f.subject, Subject::Member(_)),
                f.committee_member,
                f.content,
            );
        }
    }
    let discipline_extra = extra_columns(
        d.discipline().iter().any(|a| a.fields().committee_member),
        d.discipline().iter().any(|a| a.fields().content.is_some()),
    );
    let mut discipline = schema::DISCIPLINE.header_with(&discipline_extra);
    for a in d.discipline() {
        let f = a.fields();
        let what = || format!("discipline action {}", a.id());
        if a.status() == DisciplineStatus::Annulled {
            return Err(not_representable(
                what(),
                "format version 1 has no status for an annulled action",
            ));
        }
        let status = a.status().code();
        if f.holds_post.is_some() || f.exception.is_some() {
            return Err(not_representable(
                what(),
                "format version 1 has no column for a member's post or a limitation category",
            ));
        }
        let (kind, id) = subject_code(a.subject());
        let _ = write!(
            discipline,
            "{},{kind},{},{},{status},{},{},{},{},{}",
            quote(a.id().as_str()),
            quote(id),
            a.form().code(),
            a.body().kind.code(),
            quote(a.body().org.as_str()),
            a.violation_date(),
            a.date(),
            quote(a.inspection().map(|i| i.as_str()).unwrap_or_default()),
        );
        write_extra(
            &mut discipline,
            &discipline_extra,
            matches!(a.subject(), Subject::Member(_)),
            f.committee_member,
            f.content,
        );
    }
    let mut files = vec![
        (schema::ORGANIZATIONS.name, orgs),
        (schema::MEMBERS.name, members),
        (schema::OVERSIGHT.name, oversight),
        (schema::SUBJECTS.name, subjects),
        (schema::DISCIPLINE.name, discipline),
    ];
    // Format version 2: the organization over time, when the dataset has
    // one (a dataset without it is written as version 1).
    if let Some(h) = d.history() {
        let mut moves = schema::ORG_MOVES.header();
        for m in h.moves() {
            let _ = writeln!(
                moves,
                "{},{},{}",
                quote(m.org.as_str()),
                m.date,
                quote(m.parent.as_str())
            );
        }
        let mut lineage = schema::ORG_LINEAGE.header();
        for l in h.lineage() {
            let _ = writeln!(
                lineage,
                "{},{},{}",
                quote(l.predecessor.as_str()),
                quote(l.successor.as_str()),
                l.weight
            );
        }
        let mut member_moves = schema::MEMBER_MOVES.header();
        for m in h.member_moves() {
            let _ = writeln!(
                member_moves,
                "{},{},{}",
                quote(m.member.as_str()),
                m.date,
                quote(m.org.as_str())
            );
        }
        files.push((schema::ORG_MOVES.name, moves));
        files.push((schema::ORG_LINEAGE.name, lineage));
        files.push((schema::MEMBER_MOVES.name, member_moves));
    }
    Ok(files)
}
