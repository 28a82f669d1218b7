//! Inspections and supervisions (kiểm tra, giám sát), their subjects and
//! findings.
//!
//! Statistics treat both together ("cuộc KTGS"), so one [`Inspection`]
//! entity carries either, with an [`OversightKind`] that only admits valid
//! pairs: an inspection on one of five grounds, or a supervision in one of
//! two modes (QĐ 30-QĐ/TW §30.1.1, kept in QĐ 22 and QĐ 296; interchange
//! format, see [`crate::spec::format`]). It is conducted by a [`Body`]: the committee (cấp ủy,
//! ban thường vụ, chi bộ) or the inspection commission (ủy ban kiểm tra) of
//! an organization. A commission exists only at a grassroots party committee
//! (đảng ủy cơ sở, a grassroots organization with units under it) and above,
//! never at a chi bộ (QĐ 262-QĐ/TW, 2025: "Ủy ban kiểm tra các cấp được lập
//! từ đảng ủy cơ sở trở lên").

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::content::Content;
use crate::error::{Error, ErrorKind};
use crate::id::{InspectionId, MemberId, OrgId};
use crate::indicator::IndicatorSet;
use crate::member::Roster;
use crate::organization::{OrgIndex, OrgLevel, OrgTree};
use crate::rule::Rule;

catalogue! {
    /// The grounds of an inspection (kiểm tra).
    pub enum InspectionGround: "inspection kind" {
        /// Compliance (kiểm tra chấp hành).
        Compliance => "compliance", "kiểm tra chấp hành", "compliance inspection";
        /// Signs of violation (kiểm tra khi có dấu hiệu vi phạm).
        SignsOfViolation => "signs_of_violation", "kiểm tra khi có dấu hiệu vi phạm", "inspection on signs of violation";
        /// Carrying out inspection, supervision and discipline duties (kiểm tra
        /// việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật).
        OversightDuties => "oversight_duties", "kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật", "inspection of oversight and discipline duties";
        /// Party finance (kiểm tra tài chính đảng).
        Finance => "finance", "kiểm tra tài chính đảng", "party finance inspection";
        /// Declaration of assets and income (kiểm tra việc kê khai tài sản, thu
        /// nhập).
        AssetDeclaration => "asset_declaration", "kiểm tra việc kê khai tài sản, thu nhập", "inspection of asset and income declarations";
    }
}

catalogue! {
    /// The two activities of oversight work (công tác kiểm tra, giám sát).
    pub enum Activity: "oversight activity" {
        /// Inspection (kiểm tra).
        Inspection => "inspection", "kiểm tra", "inspection";
        /// Supervision (giám sát).
        Supervision => "supervision", "giám sát", "supervision";
    }
}

catalogue! {
    /// What a subject or a disciplined subject is, as the interchange
    /// format's `subject_type` says it.
    pub enum SubjectType: "subject type" {
        /// A party organization (tổ chức đảng).
        Organization => "organization", "tổ chức đảng", "party organization";
        /// A party member (đảng viên).
        Member => "member", "đảng viên", "party member";
    }
}

catalogue! {
    /// The mode of a supervision (giám sát).
    pub enum SupervisionMode: "supervision kind" {
        /// Regular (giám sát thường xuyên).
        Regular => "regular", "giám sát thường xuyên", "regular supervision";
        /// Thematic (giám sát chuyên đề).
        Thematic => "thematic", "giám sát chuyên đề", "thematic supervision";
    }
}

/// What an [`Inspection`] is: an inspection on some grounds or a supervision
/// in some mode. Only valid pairs can be written.
///
/// Its text and serde forms are the interchange format's `activity` and
/// `kind` codes, e.g. `inspection/signs_of_violation`.
///
/// # Examples
///
/// ```
/// use party_oversight::{InspectionGround, OversightKind};
///
/// let k = OversightKind::from_codes("inspection", "signs_of_violation")?;
/// assert_eq!(k, OversightKind::Inspection(InspectionGround::SignsOfViolation));
/// assert!(OversightKind::from_codes("supervision", "finance").is_err());
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "activity", content = "kind")]
pub enum OversightKind {
    /// An inspection (kiểm tra).
    Inspection(InspectionGround),
    /// A supervision (giám sát).
    Supervision(SupervisionMode),
}

impl OversightKind {
    /// Every valid kind.
    pub const ALL: [OversightKind; 7] = [
        OversightKind::Inspection(InspectionGround::Compliance),
        OversightKind::Inspection(InspectionGround::SignsOfViolation),
        OversightKind::Inspection(InspectionGround::OversightDuties),
        OversightKind::Inspection(InspectionGround::Finance),
        OversightKind::Inspection(InspectionGround::AssetDeclaration),
        OversightKind::Supervision(SupervisionMode::Regular),
        OversightKind::Supervision(SupervisionMode::Thematic),
    ];

    /// The activity: inspection or supervision.
    #[must_use]
    pub const fn activity(self) -> Activity {
        match self {
            OversightKind::Inspection(_) => Activity::Inspection,
            OversightKind::Supervision(_) => Activity::Supervision,
        }
    }

    /// The interchange `activity` code: `inspection` or `supervision`.
    #[must_use]
    pub const fn activity_code(self) -> &'static str {
        self.activity().code()
    }

    /// The interchange `kind` code, e.g. `compliance` or `thematic`.
    #[must_use]
    pub const fn kind_code(self) -> &'static str {
        match self {
            OversightKind::Inspection(g) => g.code(),
            OversightKind::Supervision(m) => m.code(),
        }
    }

    /// The kind named by an `activity` code and a `kind` code.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownCode`] for an unknown activity, or a kind that
    /// does not belong to the activity (the error lists the activity's
    /// kinds).
    pub fn from_codes(activity: &str, kind: &str) -> Result<Self, Error> {
        Self::from_code_bytes(activity.as_bytes(), kind.as_bytes())
    }

    /// [`Self::from_codes`] on the bytes of a data file.
    pub(crate) fn from_code_bytes(activity: &[u8], kind: &[u8]) -> Result<Self, Error> {
        Ok(match Activity::parse_code(activity)? {
            Activity::Inspection => OversightKind::Inspection(InspectionGround::parse_code(kind)?),
            Activity::Supervision => OversightKind::Supervision(SupervisionMode::parse_code(kind)?),
        })
    }

    /// Whether it is an inspection (rather than a supervision).
    #[must_use]
    pub const fn is_inspection(self) -> bool {
        matches!(self, OversightKind::Inspection(_))
    }

    /// The Vietnamese name.
    #[must_use]
    pub const fn vi(self) -> &'static str {
        match self {
            OversightKind::Inspection(g) => g.vi(),
            OversightKind::Supervision(m) => m.vi(),
        }
    }

    /// The English name.
    #[must_use]
    pub const fn en(self) -> &'static str {
        match self {
            OversightKind::Inspection(g) => g.en(),
            OversightKind::Supervision(m) => m.en(),
        }
    }
}

impl fmt::Display for OversightKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.activity_code(), self.kind_code())
    }
}

catalogue! {
    /// Which body of an organization acts.
    pub enum BodyKind: "body" {
        /// The party committee (cấp ủy), its standing board (ban thường vụ), or
        /// the chi bộ itself.
        Committee => "committee", "cấp ủy", "committee";
        /// The inspection commission (ủy ban kiểm tra, UBKT).
        Commission => "commission", "ủy ban kiểm tra", "inspection commission";
    }
}

/// A body that conducts oversight or decides discipline: the committee or
/// the commission of an organization.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Body {
    /// Committee or commission.
    pub kind: BodyKind,
    /// The organization it belongs to.
    pub org: OrgId,
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} of {}", self.kind, self.org)
    }
}

/// Whether the organization at `org` may have an inspection commission: at
/// district level and above, or a grassroots organization with units under
/// it (a đảng bộ cơ sở); never a chi bộ cơ sở, a partial organization or a
/// cell (QĐ 262-QĐ/TW; [the interchange format](crate::spec::format)).
#[must_use]
pub fn has_commission(tree: &OrgTree, org: &str) -> bool {
    tree.index_of(org)
        .is_some_and(|i| has_commission_at(tree, i))
}

/// [`has_commission`] for an organization given by its index.
#[must_use]
pub fn has_commission_at(tree: &OrgTree, at: OrgIndex) -> bool {
    // A fixed tree's children do not depend on the day.
    has_commission_on(tree, at, NaiveDate::MIN)
}

/// Who or what is inspected, supervised or disciplined.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "id")]
pub enum Subject {
    /// A party organization.
    Organization(OrgId),
    /// A member.
    Member(MemberId),
}

impl Subject {
    /// Organization or member.
    #[must_use]
    pub const fn subject_type(&self) -> SubjectType {
        match self {
            Subject::Organization(_) => SubjectType::Organization,
            Subject::Member(_) => SubjectType::Member,
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Organization(o) => write!(f, "organization {o}"),
            Subject::Member(m) => write!(f, "member {m}"),
        }
    }
}

/// What an inspection or supervision concluded about one subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// Not concluded yet.
    NotConcluded,
    /// Concluded with no violation: done well ("thực hiện tốt").
    NoViolation,
    /// Concluded with shortcomings or limitations that are not a violation
    /// ("thực hiện chưa tốt", "còn có khuyết điểm, hạn chế", to be
    /// remedied): the forms count them apart from violations (QĐ
    /// 357-QĐ/UBKTTW, F1 and F2 "Thực hiện chưa tốt"). Format version 1
    /// cannot hold it.
    Shortcoming,
    /// Concluded with violations ("có khuyết điểm, vi phạm"; for a
    /// supervision, "có dấu hiệu vi phạm").
    Violation {
        /// The degradation indicators the violation shows (may be empty).
        indicators: IndicatorSet,
        /// The date the violation was handled (xử lý), if it was.
        handled: Option<NaiveDate>,
    },
}

/// One subject of an inspection and what was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// Who or what.
    pub subject: Subject,
    /// What was concluded.
    pub outcome: Outcome,
    /// For a member subject: whether the member sat on a party committee
    /// (cấp ủy viên) at the time; reports count them apart ("trong đó có …
    /// cấp ủy viên").
    #[serde(default)]
    pub committee_member: bool,
    /// What the violation was about, in the subject's list; only with
    /// [`Outcome::Violation`].
    #[serde(default)]
    pub content: Option<Content>,
}

impl Finding {
    /// A finding on `subject` with `outcome`: not a committee member, no
    /// content category.
    #[must_use]
    pub fn new(subject: Subject, outcome: Outcome) -> Self {
        Finding {
            subject,
            outcome,
            committee_member: false,
            content: None,
        }
    }
}

/// The plain fields of an [`Inspection`]: its serde form and the argument of
/// [`Inspection::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionFields {
    /// Its id.
    pub id: InspectionId,
    /// Inspection on what grounds, or supervision in what mode.
    pub kind: OversightKind,
    /// The conducting body.
    pub body: Body,
    /// The day it started; decides the period it counts in.
    pub started: NaiveDate,
    /// The day it concluded, if it has.
    #[serde(default)]
    pub concluded: Option<NaiveDate>,
    /// Its subjects and findings.
    pub findings: Vec<Finding>,
    /// For an inspection on signs of violation: the supervision it was
    /// escalated from ("chuyển kiểm tra khi có dấu hiệu vi phạm").
    #[serde(default)]
    pub escalated_from: Option<InspectionId>,
}

/// A rule that one inspection's own fields break.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InspectionProblem {
    /// Concluded before it started.
    #[error("concluded on {concluded}, before it started on {started}")]
    ConcludedBeforeStarted {
        /// Started on.
        started: NaiveDate,
        /// Concluded on.
        concluded: NaiveDate,
    },
    /// A violation handled before the inspection started.
    #[error("{subject}: handled on {handled}, before the inspection started on {started}")]
    HandledBeforeStarted {
        /// The subject.
        subject: Subject,
        /// Handled on.
        handled: NaiveDate,
        /// Started on.
        started: NaiveDate,
    },
    /// A subject listed twice.
    #[error("{0} is listed twice; a subject appears at most once per inspection")]
    DuplicateSubject(Subject),
    /// A subject concluded on while the inspection is not concluded.
    #[error("{0} has a conclusion but the inspection has no conclusion date")]
    OutcomeWithoutConclusion(Subject),
    /// A subject without conclusion in a concluded inspection.
    #[error("{0} has no conclusion but the inspection concluded")]
    MissingOutcome(Subject),
    /// An escalation link on something other than an inspection on signs of
    /// violation.
    #[error(
        "only an inspection on signs of violation can be escalated from a supervision, not a {0}"
    )]
    EscalationOnWrongKind(OversightKind),
    /// Escalated from itself.
    #[error("names itself as the supervision it was escalated from")]
    EscalatedFromItself,
    /// A content category without a violation.
    #[error("{0}: a content category is given only with a violation")]
    ContentWithoutViolation(Subject),
    /// A content category of the other subject type's list.
    #[error(
        "{subject}: {content} is not in its list of content categories (11 for members, 7 for organizations)"
    )]
    ContentSide {
        /// The subject.
        subject: Subject,
        /// The content category.
        content: Content,
    },
    /// Committee membership on an organization.
    #[error("{0}: only a member can be a committee member")]
    CommitteeMemberSide(Subject),
}

impl InspectionProblem {
    /// The [`Rule`] this problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            InspectionProblem::ConcludedBeforeStarted { .. } => Rule::ConcludedBeforeStarted,
            InspectionProblem::HandledBeforeStarted { .. } => Rule::HandledBeforeStarted,
            InspectionProblem::DuplicateSubject(_) => Rule::DuplicateSubject,
            InspectionProblem::OutcomeWithoutConclusion(_)
            | InspectionProblem::MissingOutcome(_) => Rule::Conclusion,
            InspectionProblem::EscalationOnWrongKind(_)
            | InspectionProblem::EscalatedFromItself => Rule::Escalation,
            InspectionProblem::ContentWithoutViolation(_) => Rule::ContentWithoutViolation,
            InspectionProblem::ContentSide { .. } => Rule::ContentSide,
            InspectionProblem::CommitteeMemberSide(_) => Rule::CommitteeMemberSide,
        }
    }
}

/// An inspection or a supervision: valid by construction.
///
/// Checked when built: concluded not before started; a subject's conclusion
/// present exactly when the inspection is concluded; a violation handled not
/// before the start; each subject at most once; an escalation link only on
/// an inspection on signs of violation. Checks against the organization tree
/// and the membership are made by [`OversightRegister`].
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use party_oversight::{Body, BodyKind, Finding, Inspection, InspectionFields, Outcome, OversightKind, Subject, SupervisionMode};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let supervision = Inspection::new(InspectionFields {
///     id: "GS-1".parse()?,
///     kind: OversightKind::Supervision(SupervisionMode::Thematic),
///     body: Body { kind: BodyKind::Commission, org: "BM".parse()? },
///     started: d(2017, 3, 1),
///     concluded: Some(d(2017, 4, 15)),
///     findings: vec![Finding {
///         subject: Subject::Member("DV-7".parse()?),
///         outcome: Outcome::Violation { indicators: "I.4".parse()?, handled: Some(d(2017, 5, 2)) },
///         committee_member: false,
/// content: None,
///     }],
///     escalated_from: None,
/// })?;
/// assert_eq!(supervision.violations().count(), 1);
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "InspectionFields", into = "InspectionFields")]
pub struct Inspection {
    fields: InspectionFields,
}

impl Inspection {
    /// Validates `fields`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Inspection`] naming the first rule broken.
    pub fn new(fields: InspectionFields) -> Result<Self, Error> {
        match Self::check(&fields) {
            Some(problem) => Err(ErrorKind::Inspection {
                id: fields.id,
                problem,
            }
            .into()),
            None => Ok(Inspection { fields }),
        }
    }

    fn check(f: &InspectionFields) -> Option<InspectionProblem> {
        if let Some(p) = check_dates(f.started, f.concluded) {
            return Some(p);
        }
        if let Some(e) = &f.escalated_from {
            if f.kind != OversightKind::Inspection(InspectionGround::SignsOfViolation) {
                return Some(InspectionProblem::EscalationOnWrongKind(f.kind));
            }
            if *e == f.id {
                return Some(InspectionProblem::EscalatedFromItself);
            }
        }
        let mut seen = HashSet::with_capacity(f.findings.len());
        for finding in &f.findings {
            if !seen.insert(&finding.subject) {
                return Some(InspectionProblem::DuplicateSubject(finding.subject.clone()));
            }
            let handled = match finding.outcome {
                Outcome::Violation { handled, .. } => handled,
                _ => None,
            };
            let concluded = !matches!(finding.outcome, Outcome::NotConcluded);
            if let Some(p) = check_finding(f.started, f.concluded, concluded, handled, || {
                finding.subject.clone()
            }) {
                return Some(p);
            }
            let violation = matches!(finding.outcome, Outcome::Violation { .. });
            if let Some(p) = check_categories(
                finding.subject.subject_type(),
                violation,
                finding.content,
                finding.committee_member,
                || finding.subject.clone(),
            ) {
                return Some(p);
            }
        }
        None
    }

    /// Its id.
    #[must_use]
    pub fn id(&self) -> &InspectionId {
        &self.fields.id
    }

    /// Its kind.
    #[must_use]
    pub fn kind(&self) -> OversightKind {
        self.fields.kind
    }

    /// The conducting body.
    #[must_use]
    pub fn body(&self) -> &Body {
        &self.fields.body
    }

    /// Started on.
    #[must_use]
    pub fn started(&self) -> NaiveDate {
        self.fields.started
    }

    /// Concluded on.
    #[must_use]
    pub fn concluded(&self) -> Option<NaiveDate> {
        self.fields.concluded
    }

    /// Its subjects and findings.
    #[must_use]
    pub fn findings(&self) -> &[Finding] {
        &self.fields.findings
    }

    /// The findings with a violation.
    pub fn violations(&self) -> impl Iterator<Item = &Finding> {
        self.fields
            .findings
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Violation { .. }))
    }

    /// The supervision it was escalated from.
    #[must_use]
    pub fn escalated_from(&self) -> Option<&InspectionId> {
        self.fields.escalated_from.as_ref()
    }

    /// Its plain fields.
    #[must_use]
    pub fn fields(&self) -> &InspectionFields {
        &self.fields
    }
}

impl TryFrom<InspectionFields> for Inspection {
    type Error = Error;
    fn try_from(f: InspectionFields) -> Result<Self, Error> {
        Inspection::new(f)
    }
}

impl From<Inspection> for InspectionFields {
    fn from(i: Inspection) -> Self {
        i.fields
    }
}

/// A rule that an inspection breaks against the organization tree, the
/// membership or the other inspections.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OversightProblem {
    /// An inspection id used twice.
    #[error("inspection id {0} is used more than once; ids must be unique")]
    DuplicateId(InspectionId),
    /// A body problem (see [`BodyProblem`]).
    #[error("inspection {id}: {problem}")]
    Body {
        /// The inspection.
        id: InspectionId,
        /// What is wrong with its body.
        problem: BodyProblem,
    },
    /// A subject problem (see [`SubjectProblem`]).
    #[error("inspection {id}: {problem}")]
    Subject {
        /// The inspection.
        id: InspectionId,
        /// What is wrong with the subject.
        problem: SubjectProblem,
    },
    /// The supervision named as escalated from is not one.
    #[error("inspection {id} names {from} as the supervision it was escalated from, but {reason}")]
    Escalation {
        /// The inspection.
        id: InspectionId,
        /// The id it names.
        from: InspectionId,
        /// Why the link does not hold.
        reason: &'static str,
    },
}

impl OversightProblem {
    /// The [`Rule`] this problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            OversightProblem::DuplicateId(_) => Rule::DuplicateId,
            OversightProblem::Body { problem, .. } => problem.rule(),
            OversightProblem::Subject { problem, .. } => problem.rule(),
            OversightProblem::Escalation { .. } => Rule::Escalation,
        }
    }
}

/// What is wrong with a body, for an inspection or a discipline action.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BodyProblem {
    /// The body's organization is not in the tree.
    #[error("body organization {0} is not in the tree")]
    UnknownOrganization(OrgId),
    /// The body's organization is below the grassroots level.
    #[error(
        "{body} cannot act: organization {org} is a {level}; only the grassroots level and above conduct oversight"
    )]
    BelowGrassroots {
        /// The body.
        body: Body,
        /// Its organization.
        org: OrgId,
        /// The organization's level.
        level: OrgLevel,
    },
    /// A commission where there is none.
    #[error(
        "{0} does not exist: an inspection commission sits only at district level and above or at a grassroots party committee with units under it (QĐ 262-QĐ/TW)"
    )]
    NoCommission(Body),
    /// The body's organization did not exist on the day.
    #[error("{body} did not exist on {date}")]
    NotExisting {
        /// The body.
        body: Body,
        /// The day.
        date: NaiveDate,
    },
}

impl BodyProblem {
    /// The [`Rule`] this problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            BodyProblem::UnknownOrganization(_) => Rule::UnknownReference,
            BodyProblem::BelowGrassroots { .. } => Rule::BodyBelowGrassroots,
            BodyProblem::NoCommission(_) => Rule::NoCommission,
            BodyProblem::NotExisting { .. } => Rule::BodyNotExisting,
        }
    }
}

/// What is wrong with a subject of an inspection or a discipline action.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SubjectProblem {
    /// The subject is not in the tree or roster.
    #[error("{0} is not known")]
    Unknown(Subject),
    /// The subject does not lie under the body.
    #[error("{subject} does not lie under {body}; {rule}")]
    OutsideBody {
        /// The subject.
        subject: Subject,
        /// The body.
        body: Body,
        /// The rule.
        rule: &'static str,
    },
    /// The subject did not exist (organization) or was not a member on the
    /// day.
    #[error("{subject} {what} on {date}")]
    NotExisting {
        /// The subject.
        subject: Subject,
        /// "did not exist" or "was not a member".
        what: &'static str,
        /// The day.
        date: NaiveDate,
    },
}

impl SubjectProblem {
    /// The [`Rule`] this problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            SubjectProblem::Unknown(_) => Rule::UnknownReference,
            SubjectProblem::OutsideBody { .. } => Rule::SubjectOutsideBody,
            SubjectProblem::NotExisting { .. } => Rule::SubjectNotExisting,
        }
    }
}

pub(crate) const ORG_UNDER_BODY: &str =
    "an organization subject lies strictly below the body's organization";
pub(crate) const MEMBER_UNDER_BODY: &str =
    "a member subject belongs to an organization in the body's subtree";

/// The rule between an inspection's start and its conclusion, shared by
/// [`Inspection::new`] and the reader.
pub(crate) fn check_dates(
    started: NaiveDate,
    concluded: Option<NaiveDate>,
) -> Option<InspectionProblem> {
    match concluded {
        Some(c) if c < started => Some(InspectionProblem::ConcludedBeforeStarted {
            started,
            concluded: c,
        }),
        _ => None,
    }
}

/// The rules between one subject's finding and its inspection, shared by
/// [`Inspection::new`] and the reader: a conclusion on the subject exactly
/// when the inspection is concluded, and a handling date not before the
/// start. `subject` names the subject, only when there is a problem.
pub(crate) fn check_finding(
    started: NaiveDate,
    inspection_concluded: Option<NaiveDate>,
    finding_concluded: bool,
    handled: Option<NaiveDate>,
    subject: impl Fn() -> Subject,
) -> Option<InspectionProblem> {
    match (finding_concluded, inspection_concluded) {
        (false, Some(_)) => return Some(InspectionProblem::MissingOutcome(subject())),
        (true, None) => return Some(InspectionProblem::OutcomeWithoutConclusion(subject())),
        _ => {}
    }
    match handled {
        Some(h) if h < started => Some(InspectionProblem::HandledBeforeStarted {
            subject: subject(),
            handled: h,
            started,
        }),
        _ => None,
    }
}

/// The rules of the forms' categories on one subject, shared by
/// [`Inspection::new`], discipline actions and the reader: a content
/// category only with a violation (`violation`; any discipline action is
/// one) and from the subject type's own list; committee membership only
/// for a member.
pub(crate) fn check_categories(
    side: SubjectType,
    violation: bool,
    content: Option<Content>,
    committee_member: bool,
    subject: impl Fn() -> Subject,
) -> Option<InspectionProblem> {
    if committee_member && side != SubjectType::Member {
        return Some(InspectionProblem::CommitteeMemberSide(subject()));
    }
    let content = content?;
    if !violation {
        return Some(InspectionProblem::ContentWithoutViolation(subject()));
    }
    (content.side() != side).then(|| InspectionProblem::ContentSide {
        subject: subject(),
        content,
    })
}

/// What a body does, which decides the rules it is checked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyAct {
    /// Conducts an inspection or supervision that starts on the day: from
    /// the grassroots level up, and the organization exists that day
    /// ([the interchange format](crate::spec::format): `dissolved` > `started`).
    Oversight,
    /// Decides discipline on the day: a cell may too, for its members
    /// (Party Charter, Article 36.1; partial organizations are refused by
    /// the caller), and a decision may be dated on the day its body's
    /// organization is dissolved ([the interchange format](crate::spec::format): `dissolved` ≥ `date`).
    Discipline,
}

/// The organizations as the rules read them on a day: a fixed tree
/// (format version 1) or a [`History`](crate::History) (version 2: the
/// parents and members' organizations of the day).
pub(crate) trait Structure {
    /// The organizations.
    fn tree(&self) -> &OrgTree;
    /// Whether `org` lies in `ancestor`'s subtree on `day` (itself
    /// included).
    fn within_on(&self, org: OrgIndex, ancestor: OrgIndex, day: NaiveDate) -> bool;
    /// Whether `org` has organizations under it on `day`.
    fn has_children_on(&self, org: OrgIndex, day: NaiveDate) -> bool;
}

/// A [`Structure`] that also knows typed members' organizations of a day.
pub(crate) trait MembersOnDay: Structure {
    /// The organization of `member` on `day`.
    fn member_org_on(&self, member: &crate::Member, day: NaiveDate) -> Option<OrgIndex>;
}

impl Structure for OrgTree {
    fn tree(&self) -> &OrgTree {
        self
    }

    fn within_on(&self, org: OrgIndex, ancestor: OrgIndex, _: NaiveDate) -> bool {
        self.is_within_index(org, ancestor)
    }

    fn has_children_on(&self, org: OrgIndex, _: NaiveDate) -> bool {
        self.has_children(org)
    }
}

impl MembersOnDay for OrgTree {
    fn member_org_on(&self, member: &crate::Member, _: NaiveDate) -> Option<OrgIndex> {
        self.index_of(member.org_id().as_str())
    }
}

/// Whether the organization at `at` has an inspection commission on `day`
/// (see [`has_commission_at`]).
pub(crate) fn has_commission_on(s: &impl Structure, at: OrgIndex, day: NaiveDate) -> bool {
    match s.tree().org(at).map(|o| o.level()) {
        Some(OrgLevel::Central | OrgLevel::Provincial | OrgLevel::District) => true,
        Some(OrgLevel::Grassroots) => s.has_children_on(at, day),
        _ => false,
    }
}

/// Checks a body against the tree on `date`; pushes every problem.
pub(crate) fn check_body(
    tree: &impl Structure,
    body: &Body,
    date: NaiveDate,
    act: BodyAct,
    out: &mut Vec<BodyProblem>,
) {
    match tree.tree().index_of(body.org.as_str()) {
        None => out.push(BodyProblem::UnknownOrganization(body.org.clone())),
        Some(at) => check_body_at(tree, at, body.kind, date, act, || body.clone(), out),
    }
}

/// [`check_body`] for an organization already resolved to its index;
/// `body` builds the body for messages, only when there is a problem.
pub(crate) fn check_body_at(
    s: &impl Structure,
    at: OrgIndex,
    kind: BodyKind,
    date: NaiveDate,
    act: BodyAct,
    body: impl Fn() -> Body,
    out: &mut Vec<BodyProblem>,
) {
    let Some(org) = s.tree().org(at) else { return };
    if act == BodyAct::Oversight && !org.level().is_grassroots_or_above() {
        out.push(BodyProblem::BelowGrassroots {
            body: body(),
            org: org.id().clone(),
            level: org.level(),
        });
    } else if kind == BodyKind::Commission && !has_commission_on(s, at, date) {
        out.push(BodyProblem::NoCommission(body()));
    }
    let exists = match act {
        BodyAct::Oversight => org.existed_on(date),
        BodyAct::Discipline => {
            org.established() <= date && org.dissolved().is_none_or(|d| d >= date)
        }
    };
    if !exists {
        out.push(BodyProblem::NotExisting { body: body(), date });
    }
}

/// A subject resolved against the tree: an organization, or a member with
/// the facts the rules need.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SubjectAt {
    /// An organization.
    Org(OrgIndex),
    /// A member of the organization at `org`.
    Member {
        org: OrgIndex,
        admitted: NaiveDate,
        left: Option<NaiveDate>,
    },
}

/// Checks that a resolved subject lies under the body at `body_at` and
/// existed (was a member) on `date`; with `inclusive_end`, up to and
/// including the day it ended (discipline dated the day it takes effect).
/// `describe` builds the subject and body for messages.
pub(crate) fn check_subject_at(
    s: &impl Structure,
    body_at: OrgIndex,
    subject: SubjectAt,
    date: NaiveDate,
    inclusive_end: bool,
    describe: impl Fn() -> (Subject, Body),
) -> Option<SubjectProblem> {
    let ended = |end: Option<NaiveDate>| {
        end.is_some_and(|e| if inclusive_end { e < date } else { e <= date })
    };
    match subject {
        SubjectAt::Org(at) => {
            if at == body_at || !s.within_on(at, body_at, date) {
                let (subject, body) = describe();
                return Some(SubjectProblem::OutsideBody {
                    subject,
                    body,
                    rule: ORG_UNDER_BODY,
                });
            }
            let org = s.tree().org(at)?;
            (org.established() > date || ended(org.dissolved())).then(|| {
                SubjectProblem::NotExisting {
                    subject: describe().0,
                    what: "did not exist",
                    date,
                }
            })
        }
        SubjectAt::Member {
            org,
            admitted,
            left,
        } => {
            if !s.within_on(org, body_at, date) {
                let (subject, body) = describe();
                return Some(SubjectProblem::OutsideBody {
                    subject,
                    body,
                    rule: MEMBER_UNDER_BODY,
                });
            }
            (admitted > date || ended(left)).then(|| SubjectProblem::NotExisting {
                subject: describe().0,
                what: "was not a member",
                date,
            })
        }
    }
}

/// Checks that `subject` lies under `body` and existed on `date` (see
/// [`check_subject_at`]).
pub(crate) fn check_subject(
    s: &impl MembersOnDay,
    roster: &Roster,
    body: &Body,
    subject: &Subject,
    date: NaiveDate,
    inclusive_end: bool,
) -> Option<SubjectProblem> {
    let tree = s.tree();
    let at = match subject {
        Subject::Organization(o) => match tree.index_of(o.as_str()) {
            Some(i) => SubjectAt::Org(i),
            None => return Some(SubjectProblem::Unknown(subject.clone())),
        },
        Subject::Member(m) => {
            let Some(member) = roster.get(m.as_str()) else {
                return Some(SubjectProblem::Unknown(subject.clone()));
            };
            SubjectAt::Member {
                org: s.member_org_on(member, date)?,
                admitted: member.admitted(),
                left: member.left().map(|(l, _)| l),
            }
        }
    };
    let body_at = tree.index_of(body.org.as_str())?;
    check_subject_at(s, body_at, at, date, inclusive_end, || {
        (subject.clone(), body.clone())
    })
}

/// Inspections and supervisions validated against an organization tree and
/// a roster: every body exists, may act and existed on the start date;
/// every subject lies under its body (an organization strictly below it),
/// existed (an organization) or was a member (a member) on the start date;
/// ids are unique; an escalation names an earlier supervision of the set.
///
/// Inspections are kept sorted by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct OversightRegister {
    inspections: Vec<Inspection>,
}

impl OversightRegister {
    /// Validates `inspections` against `tree` and `roster`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Oversight`] listing every [`OversightProblem`] found, in
    /// input order.
    pub fn new(
        tree: &OrgTree,
        roster: &Roster,
        inspections: Vec<Inspection>,
    ) -> Result<Self, Error> {
        Self::validate(tree, roster, inspections)
    }

    /// Validates `inspections` against the organization over time: each
    /// inspection's body, subjects and members' organizations are read on
    /// its start date ([the interchange format](crate::spec::format),
    /// version 2: "version 1 rules read on a day").
    ///
    /// # Errors
    ///
    /// As [`Self::new`].
    pub fn on_history(
        history: &crate::History<'_>,
        roster: &Roster,
        inspections: Vec<Inspection>,
    ) -> Result<Self, Error> {
        Self::validate(history, roster, inspections)
    }

    fn validate(
        tree: &impl MembersOnDay,
        roster: &Roster,
        mut inspections: Vec<Inspection>,
    ) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let mut by_id: HashMap<&InspectionId, &Inspection> =
            HashMap::with_capacity(inspections.len());
        let mut reported = HashSet::new();
        for i in &inspections {
            if by_id.insert(i.id(), i).is_some() && reported.insert(i.id()) {
                problems.push(OversightProblem::DuplicateId(i.id().clone()));
            }
        }
        for i in &inspections {
            let mut body_problems = Vec::new();
            check_body(
                tree,
                i.body(),
                i.started(),
                BodyAct::Oversight,
                &mut body_problems,
            );
            problems.extend(
                body_problems
                    .into_iter()
                    .map(|problem| OversightProblem::Body {
                        id: i.id().clone(),
                        problem,
                    }),
            );
            for f in i.findings() {
                if let Some(problem) =
                    check_subject(tree, roster, i.body(), &f.subject, i.started(), false)
                {
                    problems.push(OversightProblem::Subject {
                        id: i.id().clone(),
                        problem,
                    });
                }
            }
            if let Some(from) = i.escalated_from() {
                let reason = match by_id.get(from) {
                    None => Some("there is no such inspection or supervision"),
                    Some(s) if s.kind().is_inspection() => {
                        Some("it is an inspection, not a supervision")
                    }
                    Some(s) if s.started() > i.started() => {
                        Some("it started after this inspection")
                    }
                    Some(_) => None,
                };
                if let Some(reason) = reason {
                    problems.push(OversightProblem::Escalation {
                        id: i.id().clone(),
                        from: from.clone(),
                        reason,
                    });
                }
            }
        }
        drop(by_id);
        drop(reported);
        if !problems.is_empty() {
            return Err(ErrorKind::Oversight(problems).into());
        }
        inspections.sort_by(|a, b| a.id().cmp(b.id()));
        Ok(OversightRegister { inspections })
    }

    /// The inspection with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Inspection> {
        self.inspections
            .binary_search_by(|i| i.id().as_str().cmp(id))
            .ok()
            .and_then(|i| self.inspections.get(i))
    }

    /// All inspections and supervisions, by id.
    pub fn iter(&self) -> std::slice::Iter<'_, Inspection> {
        self.inspections.iter()
    }

    /// How many there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.inspections.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.inspections.is_empty()
    }

    /// How many inspections and supervisions of each kind.
    #[must_use]
    pub fn count_by_kind(&self) -> BTreeMap<OversightKind, usize> {
        let mut out = BTreeMap::new();
        for i in &self.inspections {
            *out.entry(i.kind()).or_insert(0) += 1;
        }
        out
    }
}
