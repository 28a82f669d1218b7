//! The crate's one public error type.
//!
//! Every fallible operation returns [`Error`]. It is a small opaque value
//! (one pointer wide) whose [`Error::kind`] tells what went wrong, as an
//! [`ErrorKind`] carrying the entity, the offending value and the rule.
//! Messages are lower-case, without a trailing period, and name all three,
//! e.g. `member DV-17 was recognised official on 2017-02-01, before the end of
//! probation on 2017-03-05 (admitted 2016-03-05 + 12 months; Party Charter,
//! Article 5)`.
//!
//! Validations that look at many records at once (an organization tree, a
//! roster of members) report **every** problem they find, not just the first:
//! see [`ErrorKind::Tree`] and [`ErrorKind::Roster`].

use std::fmt;

use crate::display::quoted;
use crate::member::{MemberProblem, RosterProblem};
use crate::organization::{OrgProblem, TreeProblem};
use crate::{MemberId, OrgId};

/// The error type of every fallible operation in this crate.
///
/// Opaque and cheap to move; inspect it with [`Error::kind`].
///
/// # Examples
///
/// ```
/// use party_oversight::{DegradationIndicator, ErrorKind};
///
/// let err = "IV.1".parse::<DegradationIndicator>().unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::IndicatorCode { .. }));
/// assert_eq!(
///     err.to_string(),
///     "invalid degradation indicator code 'IV.1': the group must be I, II or III"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorKind>);

impl Error {
    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// The located problems of a dataset that could not be read (empty for
    /// other errors).
    #[must_use]
    pub fn problems(&self) -> &[crate::problem::Problem] {
        match &*self.0 {
            ErrorKind::Dataset(p) => p,
            _ => &[],
        }
    }

    /// Consumes the error, returning what went wrong.
    #[must_use]
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }
}

impl Error {
    /// `parameter value is not in min..=max`.
    pub(crate) fn out_of_range(
        parameter: &'static str,
        value: impl Into<i128>,
        min: impl Into<i128>,
        max: impl Into<i128>,
    ) -> Self {
        ErrorKind::OutOfRange {
            parameter,
            value: value.into(),
            min: min.into(),
            max: max.into(),
        }
        .into()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// What went wrong, with the entity, the value and the rule.
///
/// New kinds may be added in minor releases, so match with a wildcard arm.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An identifier is empty, too long or holds a control character
    /// ([the interchange format](crate::spec::format): "1–64 characters, no control
    /// characters").
    #[error("invalid {entity} id {}: {reason}", quoted(value))]
    #[non_exhaustive]
    Id {
        /// Which kind of id, e.g. `organization`.
        entity: &'static str,
        /// The rejected text.
        value: String,
        /// The rule it breaks.
        reason: crate::id::IdProblem,
    },

    /// A code of an enumeration (level, leaving reason, …) is not one of
    /// the known codes.
    #[error("unknown {what} code {}: expected one of {}", quoted(value), expected.join(", "))]
    #[non_exhaustive]
    UnknownCode {
        /// What the code names, e.g. `organization level`.
        what: &'static str,
        /// The rejected text.
        value: String,
        /// The accepted codes.
        expected: &'static [&'static str],
    },

    /// A degradation indicator code such as `I.10` is not one of the 27.
    #[error("invalid degradation indicator code '{value}': {reason}")]
    #[non_exhaustive]
    IndicatorCode {
        /// The rejected text.
        value: String,
        /// The rule it breaks.
        reason: &'static str,
    },

    /// An indicator number outside 1–9 within a group.
    #[error(
        "invalid degradation indicator number {number} in group {group}: each group has items 1 to 9 (Resolution 04-NQ/TW)"
    )]
    #[non_exhaustive]
    IndicatorNumber {
        /// The group's roman numeral.
        group: &'static str,
        /// The rejected number.
        number: u8,
    },

    /// One organization's own fields contradict each other.
    #[error("organization {id}: {problem}")]
    #[non_exhaustive]
    Organization {
        /// The organization.
        id: OrgId,
        /// The rule it breaks.
        problem: OrgProblem,
    },

    /// An organization tree breaks one or more structural rules; every
    /// problem found is listed.
    #[error("invalid organization tree ({} problem{}):{}", .0.len(), plural(.0.len()), join(.0))]
    Tree(Vec<TreeProblem>),

    /// One member's own fields contradict each other.
    #[error("member {id}: {problem}")]
    #[non_exhaustive]
    Member {
        /// The member.
        id: MemberId,
        /// The rule it breaks.
        problem: MemberProblem,
    },

    /// A roster of members does not fit its organization tree; every problem
    /// found is listed.
    #[error("invalid member roster ({} problem{}):{}", .0.len(), plural(.0.len()), join(.0))]
    Roster(Vec<RosterProblem>),

    /// A ratio or percentage with a zero denominator.
    #[error("invalid ratio {numerator}/0: the denominator must not be zero")]
    #[non_exhaustive]
    ZeroDenominator {
        /// The numerator given.
        numerator: u64,
    },

    /// A computation whose result does not fit its integer type.
    #[error("arithmetic overflow computing {what}")]
    #[non_exhaustive]
    Overflow {
        /// What was being computed.
        what: &'static str,
    },

    /// A parameter outside its range, e.g. quarter 5 (`quarter 5 is not in
    /// 1..=4`).
    #[error("{parameter} {value} is not in {min}..={max}")]
    #[non_exhaustive]
    OutOfRange {
        /// The parameter, e.g. `quarter`.
        parameter: &'static str,
        /// The value given.
        value: i128,
        /// The least value allowed.
        min: i128,
        /// The greatest value allowed.
        max: i128,
    },

    /// Text that is not a percentage.
    #[error(
        "invalid percentage '{value}': expected a non-negative decimal number such as 10, 12.5 or 12,5"
    )]
    #[non_exhaustive]
    InvalidPercent {
        /// The rejected text.
        value: String,
    },

    /// A year, month and day that name no calendar day.
    #[error("invalid date {year}-{month}-{day}: no such day in the calendar")]
    #[non_exhaustive]
    InvalidDate {
        /// The year.
        year: i32,
        /// The month.
        month: u32,
        /// The day.
        day: u32,
    },

    /// A period whose last day is before its first.
    #[error("invalid period {first}..{last}: the last day is before the first")]
    #[non_exhaustive]
    InvalidPeriod {
        /// The first day given.
        first: chrono::NaiveDate,
        /// The last day given.
        last: chrono::NaiveDate,
    },

    /// Text that names no period.
    #[error("invalid period {}: {reason}", quoted(value))]
    #[non_exhaustive]
    InvalidPeriodText {
        /// The rejected text.
        value: String,
        /// The spellings accepted.
        reason: &'static str,
    },

    /// A congress term that cannot be.
    #[error("invalid term: {reason}")]
    #[non_exhaustive]
    InvalidTerm {
        /// Why.
        reason: String,
    },

    /// Progress asked for on a day before its term starts: there is no pace
    /// yet.
    #[error("progress on {on} is asked before the term starts on {first}")]
    #[non_exhaustive]
    BeforeTerm {
        /// The day asked.
        on: chrono::NaiveDate,
        /// The term's first day.
        first: chrono::NaiveDate,
    },

    /// A percent-change target that cannot be.
    #[error("invalid target: {reason}")]
    #[non_exhaustive]
    InvalidTarget {
        /// Why.
        reason: String,
    },

    /// A rate whose part exceeds its whole.
    #[error("invalid {} rate {part}/{whole}: the part cannot exceed the whole", rate_name(*.kind))]
    #[non_exhaustive]
    InvalidRate {
        /// What the rate measures.
        kind: crate::rate::RateKind,
        /// The part given.
        part: u64,
        /// The whole given.
        whole: u64,
    },

    /// One inspection's own fields contradict each other.
    #[error("inspection {id}: {problem}")]
    #[non_exhaustive]
    Inspection {
        /// The inspection.
        id: crate::InspectionId,
        /// The rule it breaks.
        problem: crate::inspection::InspectionProblem,
    },

    /// Inspections that do not fit the tree, the roster or each other; every
    /// problem found is listed.
    #[error("invalid inspections ({} problem{}):{}", .0.len(), plural(.0.len()), join(.0))]
    Oversight(Vec<crate::inspection::OversightProblem>),

    /// A discipline action that breaks one or more rules; all are listed.
    #[error("discipline action {id}:{}", join(.problems))]
    #[non_exhaustive]
    Discipline {
        /// The action.
        id: crate::DisciplineId,
        /// The rules it breaks.
        problems: Vec<crate::discipline::DisciplineProblem>,
    },

    /// A decided discipline action whose body had no authority for it under
    /// the policy applied.
    #[error("discipline action {id}: {body} ({}) has no authority to decide {} for {} under this policy", level_text(*.level), .form.en(), match .subject { crate::discipline::AuthoritySubject::Members => "a member", crate::discipline::AuthoritySubject::Organizations => "an organization" })]
    #[non_exhaustive]
    NoAuthority {
        /// The action.
        id: crate::DisciplineId,
        /// The body.
        body: crate::Body,
        /// The body's level, if it has one that can discipline.
        level: Option<crate::discipline::BodyLevel>,
        /// The form.
        form: crate::DisciplineForm,
        /// Organizations or members.
        subject: crate::discipline::AuthoritySubject,
    },

    /// An annual quality rating that does not fit its year or subject.
    #[error("invalid annual rating: {reason}")]
    #[non_exhaustive]
    InvalidRating {
        /// Why.
        reason: String,
    },

    /// A briefing that does not fit the tree or the roster.
    #[error("briefing by {org} on {date}: {reason}")]
    #[non_exhaustive]
    InvalidBriefing {
        /// The organizer.
        org: crate::OrgId,
        /// The day.
        date: chrono::NaiveDate,
        /// Why.
        reason: String,
    },

    /// A member id that the roster does not hold.
    #[error("member {0} is not in the roster")]
    UnknownMember(crate::MemberId),

    /// A dataset that breaks the interchange format's rules; every problem
    /// found is listed, located by file, line and column.
    #[error("invalid dataset ({} problem{}):\n{}", .0.len(), plural(.0.len()), join_lines(.0))]
    Dataset(Vec<crate::problem::Problem>),

    /// A file that could not be written; [`std::error::Error::source`] is
    /// the I/O error.
    #[error("cannot write {path}: {source}")]
    #[non_exhaustive]
    Write {
        /// The file.
        path: String,
        /// Why.
        source: IoError,
    },

    /// Records of the organization over time that break its rules.
    #[error("invalid organization history ({} problem{}):{}", .0.len(), plural(.0.len()), join(.0))]
    History(Vec<crate::history::HistoryProblem>),

    /// A workbook that could not be made.
    #[error("cannot make the workbook: {reason}")]
    #[non_exhaustive]
    Workbook {
        /// Why.
        reason: String,
    },

    /// A value that the interchange format cannot hold.
    #[error("cannot write {what}: {reason}")]
    #[non_exhaustive]
    NotRepresentable {
        /// The record.
        what: String,
        /// Why.
        reason: String,
    },

    /// Columns loaded without the typed model's fields were asked for the
    /// typed model.
    #[error(
        "the columns were loaded without the typed model's fields; load with LoadOptions::model(true)"
    )]
    ModelFieldsMissing,

    /// A bug of this crate: a state its own checks should have made
    /// impossible. Please report it; no value is made up in its place.
    #[error("internal error: {what}; this is a bug of party-oversight, please report it")]
    #[non_exhaustive]
    Internal {
        /// What was found.
        what: &'static str,
    },

    /// An organization id that the tree does not hold.
    #[error("organization {0} is not in the organization tree")]
    UnknownOrganization(OrgId),

    /// A history checked against another tree or roster than the records
    /// it is used with.
    #[error("the history was checked against another {what} than these records")]
    #[non_exhaustive]
    HistoryMismatch {
        /// `tree` or `roster`.
        what: &'static str,
    },
}

fn level_text(level: Option<crate::discipline::BodyLevel>) -> &'static str {
    use crate::discipline::BodyLevel;
    match level {
        Some(BodyLevel::Central) => "central level",
        Some(BodyLevel::Provincial) => "provincial level",
        Some(BodyLevel::District) => "district level",
        Some(BodyLevel::GrassrootsCommittee) => "a grassroots party committee",
        Some(BodyLevel::ChiBo) => "a chi bộ",
        None => "no disciplining level",
    }
}

fn rate_name(kind: crate::rate::RateKind) -> &'static str {
    match kind {
        crate::rate::RateKind::Resolution => "resolution",
        crate::rate::RateKind::Coverage => "coverage",
    }
}

fn join_lines<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Several problems, one per line (a problem's own message may hold "; ").
fn join<T: fmt::Display>(items: &[T]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        out.push_str(if items.len() > 1 { "\n- " } else { " " });
        let _ = i;
        out.push_str(&item.to_string());
    }
    out
}

/// An I/O error kept as the [`source`](std::error::Error::source) of an
/// [`Error`]: shared so that errors stay cheap to clone, and compared by
/// kind and message.
#[derive(Debug, Clone)]
pub struct IoError(std::sync::Arc<std::io::Error>);

impl IoError {
    /// The I/O error.
    #[must_use]
    pub fn get(&self) -> &std::io::Error {
        &self.0
    }
}

impl From<std::io::Error> for IoError {
    fn from(e: std::io::Error) -> Self {
        IoError(std::sync::Arc::new(e))
    }
}

impl PartialEq for IoError {
    fn eq(&self, other: &Self) -> bool {
        self.0.kind() == other.0.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl Eq for IoError {}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}
