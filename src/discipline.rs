//! Party discipline (kỷ luật đảng): forms, who may receive them, the statute
//! of limitations, and the authority to decide.
//!
//! | rule | source | confidence |
//! |---|---|---|
//! | forms by subject: organizations reprimand, warning, dissolution; official members reprimand, warning, removal from office (only with a post), expulsion; probationary members reprimand, warning | Party Charter 2011, Article 35; QĐ 22-QĐ/TW Art. 10; QĐ 69-QĐ/TW Art. 7 | confirmed by two or more sources |
//! | one violation, one form | QĐ 102/181 era summaries; standard in QĐ 22, QĐ 69 | one source |
//! | statute of limitations 5 years (reprimand), 10 years (warning, removal from office), none for expulsion, dissolution and the listed exceptions | QĐ 102 Art. 3 → QĐ 69 Art. 4 (members); QĐ 07 → QĐ 69 (organizations) | confirmed by two or more sources |
//! | a chi bộ decides only reprimand or warning for its members | Party Charter 2011, Article 36.1 | confirmed by two or more sources |
//! | a commission only at a đảng ủy cơ sở and above | QĐ 262-QĐ/TW | one source |
//! | the rest of the authority table | Charter Articles 36–37, QĐ 22 Art. 11 (exact text not found) | unconfirmed defaults, see [`AuthorityPolicy`] |
//!
//! Name removal (xóa tên) is not a discipline form: it is a membership event,
//! [`LeftReason::NameRemoval`](crate::LeftReason::NameRemoval).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::content::Content;
use crate::error::{Error, ErrorKind};
use crate::id::{DisciplineId, InspectionId};
use crate::inspection::{
    Body, BodyAct, BodyKind, BodyProblem, Subject, SubjectAt, SubjectProblem, check_body_at,
    check_subject_at, has_commission,
};
use crate::member::Roster;
use crate::organization::{OrgIndex, OrgLevel, OrgTree};
use crate::rule::Rule;

catalogue! {
    /// A form of discipline, lightest first.
    pub enum DisciplineForm: "discipline form" {
        /// Reprimand (khiển trách): the lightest form.
        Reprimand => "reprimand", "khiển trách", "reprimand";
        /// Warning (cảnh cáo).
        Warning => "warning", "cảnh cáo", "warning";
        /// Removal from office (cách chức): from one or more party posts; only
        /// for a member who holds one (QĐ 69-QĐ/TW Art. 7: "nếu có chức vụ").
        RemovalFromOffice => "removal_from_office", "cách chức", "removal from office";
        /// Expulsion (khai trừ): the heaviest form for a member.
        Expulsion => "expulsion", "khai trừ", "expulsion";
        /// Dissolution (giải tán) of an organization.
        Dissolution => "dissolution", "giải tán", "dissolution";
    }
}

impl DisciplineForm {
    /// The forms a subject may receive (Party Charter 2011, Article 35; QĐ
    /// 69-QĐ/TW Art. 7): an organization reprimand, warning, dissolution; an
    /// official member reprimand, warning, removal from office, expulsion; a
    /// probationary member reprimand or warning only (their removal is name
    /// removal).
    #[must_use]
    pub const fn allowed_for(subject: SubjectKind) -> &'static [DisciplineForm] {
        match subject {
            SubjectKind::Organization => &[
                DisciplineForm::Reprimand,
                DisciplineForm::Warning,
                DisciplineForm::Dissolution,
            ],
            SubjectKind::OfficialMember => &[
                DisciplineForm::Reprimand,
                DisciplineForm::Warning,
                DisciplineForm::RemovalFromOffice,
                DisciplineForm::Expulsion,
            ],
            SubjectKind::ProbationaryMember => {
                &[DisciplineForm::Reprimand, DisciplineForm::Warning]
            }
        }
    }

    /// The statute of limitations for this form, in years, or `None` where
    /// there is none (expulsion, dissolution). QĐ 102 Art. 3 → QĐ 69 Art. 4
    /// (members: 60 and 120 months); QĐ 07 → QĐ 69 (organizations).
    #[must_use]
    pub const fn limitation_years(self) -> Option<u32> {
        match self {
            DisciplineForm::Reprimand => Some(5),
            DisciplineForm::Warning | DisciplineForm::RemovalFromOffice => Some(10),
            DisciplineForm::Expulsion | DisciplineForm::Dissolution => None,
        }
    }
}

catalogue! {
    /// A disciplined subject, as the rules on forms see it.
    pub enum SubjectKind: "subject kind" {
        /// A party organization.
        Organization => "organization", "tổ chức đảng", "party organization";
        /// An official member on the decision date.
        OfficialMember => "official_member", "đảng viên chính thức", "official member";
        /// A probationary member on the decision date.
        ProbationaryMember => "probationary_member", "đảng viên dự bị", "probationary member";
    }
}

catalogue! {
    /// Where a discipline action stands.
    pub enum DisciplineStatus: "discipline status" {
        /// Proposed (đề nghị thi hành kỷ luật) to the body with authority.
        Proposed => "proposed", "đề nghị thi hành kỷ luật", "proposed";
        /// Decided (quyết định thi hành kỷ luật).
        Decided => "decided", "đã thi hành kỷ luật", "decided";
        /// Decided, then annulled on appeal (QĐ 117-QĐ/TW, 2023: apology and
        /// restoration).
        Annulled => "annulled", "đã hủy bỏ quyết định kỷ luật", "annulled";
    }
}

/// The categories of violation with no statute of limitations besides the
/// forms that have none (QĐ 102 Art. 3 → QĐ 69 Art. 4; QĐ 07 for
/// organizations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitationException {
    /// Violations of internal political security (chính trị nội bộ).
    InternalPolitics,
    /// Violations in national defence, security or foreign affairs that harm
    /// national interests.
    DefenceSecurityForeignAffairs,
    /// Use of illegal diplomas or certificates (members only).
    IllegalDiplomas,
}

/// The plain fields of a [`DisciplineAction`]: its serde form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineFields {
    /// Its id.
    pub id: DisciplineId,
    /// Who or what is disciplined.
    pub subject: Subject,
    /// The form.
    pub form: DisciplineForm,
    /// Proposed, decided or annulled.
    pub status: DisciplineStatus,
    /// The deciding or proposing body.
    pub body: Body,
    /// When the violation was committed; the statute of limitations runs
    /// from it.
    pub violation_date: NaiveDate,
    /// The date of the proposal or decision.
    pub date: NaiveDate,
    /// The inspection that found the violation.
    #[serde(default)]
    pub inspection: Option<InspectionId>,
    /// For a member: whether they hold a party post, where known (removal
    /// from office needs one).
    #[serde(default)]
    pub holds_post: Option<bool>,
    /// A category of violation without statute of limitations, if any.
    #[serde(default)]
    pub exception: Option<LimitationException>,
    /// What the violation was about, in the subject's list (the forms'
    /// "Nội dung vi phạm").
    #[serde(default)]
    pub content: Option<Content>,
    /// For a member: whether they sat on a party committee (cấp ủy viên)
    /// on the date; reports count them apart ("có … cấp ủy viên").
    #[serde(default)]
    pub committee_member: bool,
}

/// A rule that a discipline action breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DisciplineProblem {
    /// Decided before the violation.
    #[error("dated {date}, before the violation on {violation}")]
    BeforeViolation {
        /// The violation date.
        violation: NaiveDate,
        /// The action's date.
        date: NaiveDate,
    },
    /// A form the subject cannot receive.
    #[error("{}, so '{}' is not an allowed form (Party Charter, Article 35): allowed are {}", subject_on(.subject, *.kind, .date), .form.en(), forms_text(DisciplineForm::allowed_for(*.kind)))]
    FormNotAllowed {
        /// The subject.
        subject: Subject,
        /// What kind of subject it was on the date.
        kind: SubjectKind,
        /// The form.
        form: DisciplineForm,
        /// The action's date.
        date: NaiveDate,
    },
    /// Removal from office of a member without a post.
    #[error(
        "{0} holds no party post, so removal from office cannot apply (QĐ 69-QĐ/TW, Article 7)"
    )]
    NoPostToRemove(Subject),
    /// An exception category that does not apply to organizations.
    #[error("the use of illegal diplomas is a member's violation, not an organization's")]
    ExceptionNotForOrganizations,
    /// A body problem.
    #[error("{0}")]
    Body(BodyProblem),
    /// A body whose organization is a partial organization.
    #[error(
        "{0} cannot decide or propose discipline: a partial party organization (đảng bộ bộ phận) is not a disciplining body (docs/format.md)"
    )]
    PartialBody(Body),
    /// A chi bộ deciding more than reprimand or warning.
    #[error("{body} is a chi bộ, which decides only reprimand or warning for its members, not {} (Party Charter, Article 36)", .form.en())]
    CellLimit {
        /// The body.
        body: Body,
        /// The form.
        form: DisciplineForm,
    },
    /// A subject problem.
    #[error("{0}")]
    Subject(SubjectProblem),
    /// A content category or committee membership that does not fit the
    /// subject.
    #[error("{0}")]
    Category(crate::inspection::InspectionProblem),
    /// The same violation disciplined twice.
    #[error(
        "the violation of {subject} found by inspection {inspection} is already disciplined by {other}; one violation, one form"
    )]
    SecondForm {
        /// The subject.
        subject: Subject,
        /// The inspection.
        inspection: InspectionId,
        /// The other action.
        other: DisciplineId,
    },
}

impl DisciplineProblem {
    /// The [`Rule`] this problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            DisciplineProblem::BeforeViolation { .. } => Rule::DecisionBeforeViolation,
            DisciplineProblem::FormNotAllowed { .. } => Rule::FormNotAllowed,
            DisciplineProblem::NoPostToRemove(_) => Rule::NoPostToRemove,
            DisciplineProblem::ExceptionNotForOrganizations => Rule::ExceptionNotForOrganizations,
            DisciplineProblem::Body(b) => b.rule(),
            DisciplineProblem::PartialBody(_) => Rule::PartialBody,
            DisciplineProblem::CellLimit { .. } => Rule::CellLimit,
            DisciplineProblem::Subject(s) => s.rule(),
            DisciplineProblem::SecondForm { .. } => Rule::SecondForm,
            DisciplineProblem::Category(p) => p.rule(),
        }
    }
}

fn subject_on(subject: &Subject, kind: SubjectKind, date: &NaiveDate) -> String {
    match kind {
        SubjectKind::Organization => format!("{subject} is an organization"),
        SubjectKind::OfficialMember => format!("{subject} was official on {date}"),
        SubjectKind::ProbationaryMember => format!("{subject} was probationary on {date}"),
    }
}

fn forms_text(forms: &[DisciplineForm]) -> String {
    forms.iter().map(|f| f.en()).collect::<Vec<_>>().join(", ")
}

/// The facts the discipline rules need, resolved against the tree.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DisciplineFacts {
    /// The body's organization (`None`: unknown, reported by the caller).
    pub(crate) body_at: Option<OrgIndex>,
    pub(crate) body_kind: BodyKind,
    /// The subject and, for a member, the recognition date (`None`:
    /// unknown, reported by the caller).
    pub(crate) subject: Option<(SubjectAt, Option<NaiveDate>)>,
    /// For a subject whose place in the tree is unknown (it hangs below a
    /// broken row) but whose kind is known: `Some(official date)` (`None`
    /// inside for an organization or a member never recognised). Lets the
    /// form rule run without the tree.
    pub(crate) kind_only: Option<Option<NaiveDate>>,
    pub(crate) org_subject: bool,
    pub(crate) form: DisciplineForm,
    pub(crate) status: DisciplineStatus,
    pub(crate) violation_date: NaiveDate,
    pub(crate) date: NaiveDate,
}

/// The construction rules of a discipline action (see [`DisciplineAction`]),
/// shared with the interchange reader: pushes every problem and returns the
/// kind of subject on the date.
pub(crate) fn check_discipline<S: crate::inspection::Structure>(
    tree: Option<&S>,
    f: &DisciplineFacts,
    describe: impl Fn() -> (Subject, Body),
    problems: &mut Vec<DisciplineProblem>,
) -> SubjectKind {
    if f.date < f.violation_date {
        problems.push(DisciplineProblem::BeforeViolation {
            violation: f.violation_date,
            date: f.date,
        });
    }
    if let (Some(tree), Some(at)) = (tree, f.body_at) {
        let mut body_problems = Vec::new();
        check_body_at(
            tree,
            at,
            f.body_kind,
            f.date,
            BodyAct::Discipline,
            || describe().1,
            &mut body_problems,
        );
        problems.extend(body_problems.into_iter().map(DisciplineProblem::Body));
        let level = tree.tree().org(at).map(|o| o.level());
        if level == Some(OrgLevel::Partial) {
            problems.push(DisciplineProblem::PartialBody(describe().1));
        }
        let is_chi_bo = level == Some(OrgLevel::Cell)
            || (level == Some(OrgLevel::Grassroots)
                && !crate::inspection::has_commission_on(tree, at, f.date));
        if is_chi_bo
            && f.status != DisciplineStatus::Proposed
            && matches!(
                f.form,
                DisciplineForm::RemovalFromOffice | DisciplineForm::Expulsion
            )
        {
            problems.push(DisciplineProblem::CellLimit {
                body: describe().1,
                form: f.form,
            });
        }
        if let Some((subject, _)) = f.subject
            && let Some(p) = check_subject_at(tree, at, subject, f.date, true, &describe)
        {
            problems.push(DisciplineProblem::Subject(p));
        }
    }
    let kind = if f.org_subject {
        SubjectKind::Organization
    } else {
        // Official on the date: recognised on or before it (a member expelled
        // is dated the day the membership ends, so leaving does not matter).
        let official = f.subject.map(|(_, o)| o).or(f.kind_only).flatten();
        match official {
            Some(official) if official <= f.date => SubjectKind::OfficialMember,
            _ => SubjectKind::ProbationaryMember,
        }
    };
    let known = f.subject.is_some() || f.kind_only.is_some();
    if known && !DisciplineForm::allowed_for(kind).contains(&f.form) {
        problems.push(DisciplineProblem::FormNotAllowed {
            subject: describe().0,
            kind,
            form: f.form,
            date: f.date,
        });
    }
    kind
}

/// A discipline action, proposed or decided, checked against the tree and
/// the roster when built: the structural rules of [the interchange format](crate::spec::format) and the forms of
/// the Party Charter. Whether the body had **authority** is a separate,
/// replaceable check: [`AuthorityPolicy::check`].
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use party_oversight::*;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let org = |id: &str, parent: Option<&str>, level| {
///     PartyOrganization::new(OrganizationFields {
///         id: id.parse().unwrap(),
///         parent: parent.map(|p| p.parse().unwrap()),
///         level,
///         name: id.into(),
///         established: d(1990, 1, 1),
///         dissolved: None,
///         successor: None,
///     })
/// };
/// let tree = OrgTree::new(vec![
///     org("TW", None, OrgLevel::Central)?,
///     org("HG", Some("TW"), OrgLevel::Provincial)?,
///     org("BM", Some("HG"), OrgLevel::District)?,
///     org("XA", Some("BM"), OrgLevel::Grassroots)?,
///     org("C1", Some("XA"), OrgLevel::Cell)?,
/// ])?;
/// let member = Member::new(MemberFields {
///     id: "DV-1".parse()?, org: "C1".parse()?, full_name: "Ma Văn Long".into(),
///     admitted: d(2016, 9, 1), official: None, left: None, left_reason: None,
/// })?;
/// let roster = Roster::new(&tree, vec![member])?;
/// let fields = |form| DisciplineFields {
///     id: "KL-1".parse().unwrap(),
///     subject: Subject::Member("DV-1".parse().unwrap()),
///     form,
///     status: DisciplineStatus::Decided,
///     body: Body { kind: BodyKind::Commission, org: "BM".parse().unwrap() },
///     violation_date: d(2017, 1, 10),
///     date: d(2017, 5, 2),
///     inspection: None,
///     holds_post: None,
///     exception: None,
///     content: None,
///     committee_member: false,
/// };
/// // Probationary on the decision date: a warning is allowed, expulsion is not.
/// let warning = DisciplineAction::new(&tree, &roster, fields(DisciplineForm::Warning))?;
/// assert_eq!(warning.subject_kind(), SubjectKind::ProbationaryMember);
/// assert!(DisciplineAction::new(&tree, &roster, fields(DisciplineForm::Expulsion)).is_err());
/// // Authority is a separate, replaceable check.
/// assert!(AuthorityPolicy::default().check(&tree, &warning).is_ok());
/// # Ok::<(), party_oversight::Error>(())
/// ```
///
/// It serializes as its [`DisciplineFields`]; it is not deserialized
/// directly, since its validity depends on the tree and the roster: read
/// the fields and pass them to [`DisciplineAction::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "DisciplineFields")]
pub struct DisciplineAction {
    fields: DisciplineFields,
    subject_kind: SubjectKind,
}

impl From<DisciplineAction> for DisciplineFields {
    fn from(a: DisciplineAction) -> Self {
        a.fields
    }
}

impl DisciplineAction {
    /// Validates `fields` against `tree` and `roster`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Discipline`] listing every [`DisciplineProblem`] found.
    pub fn new(tree: &OrgTree, roster: &Roster, fields: DisciplineFields) -> Result<Self, Error> {
        Self::validate(tree, roster, fields)
    }

    /// Validates `fields` on the structure of its `date` in `history`: the
    /// subject in the body's subtree of that day, a member's organization of
    /// that day, and where a commission sits that day ([the interchange
    /// format](crate::spec::format), version 2).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Discipline`] listing every [`DisciplineProblem`] found.
    pub fn on_history(
        history: &crate::History<'_>,
        roster: &Roster,
        fields: DisciplineFields,
    ) -> Result<Self, Error> {
        Self::validate(history, roster, fields)
    }

    fn validate(
        s: &impl crate::inspection::MembersOnDay,
        roster: &Roster,
        fields: DisciplineFields,
    ) -> Result<Self, Error> {
        let tree = s.tree();
        let mut problems = Vec::new();
        let body_at = tree.index_of(fields.body.org.as_str());
        if body_at.is_none() {
            problems.push(DisciplineProblem::Body(BodyProblem::UnknownOrganization(
                fields.body.org.clone(),
            )));
        }
        let subject = match &fields.subject {
            Subject::Organization(o) => {
                tree.index_of(o.as_str()).map(|i| (SubjectAt::Org(i), None))
            }
            Subject::Member(m) => roster.get(m.as_str()).and_then(|m| {
                let org = s.member_org_on(m, fields.date)?;
                Some((
                    SubjectAt::Member {
                        org,
                        admitted: m.admitted(),
                        left: m.left().map(|(l, _)| l),
                    },
                    m.official(),
                ))
            }),
        };
        if subject.is_none() {
            problems.push(DisciplineProblem::Subject(SubjectProblem::Unknown(
                fields.subject.clone(),
            )));
        }
        let facts = DisciplineFacts {
            body_at,
            body_kind: fields.body.kind,
            subject,
            kind_only: None,
            org_subject: matches!(fields.subject, Subject::Organization(_)),
            form: fields.form,
            status: fields.status,
            violation_date: fields.violation_date,
            date: fields.date,
        };
        let kind = check_discipline(
            Some(s),
            &facts,
            || (fields.subject.clone(), fields.body.clone()),
            &mut problems,
        );
        if let Some(p) = crate::inspection::check_categories(
            fields.subject.subject_type(),
            true,
            fields.content,
            fields.committee_member,
            || fields.subject.clone(),
        ) {
            problems.push(DisciplineProblem::Category(p));
        }
        if fields.form == DisciplineForm::RemovalFromOffice
            && fields.holds_post == Some(false)
            && DisciplineForm::allowed_for(kind).contains(&fields.form)
        {
            problems.push(DisciplineProblem::NoPostToRemove(fields.subject.clone()));
        }
        if kind == SubjectKind::Organization
            && fields.exception == Some(LimitationException::IllegalDiplomas)
        {
            problems.push(DisciplineProblem::ExceptionNotForOrganizations);
        }
        if !problems.is_empty() {
            return Err(ErrorKind::Discipline {
                id: fields.id,
                problems,
            }
            .into());
        }
        Ok(DisciplineAction {
            fields,
            subject_kind: kind,
        })
    }

    /// Its id.
    #[must_use]
    pub fn id(&self) -> &DisciplineId {
        &self.fields.id
    }

    /// The subject.
    #[must_use]
    pub fn subject(&self) -> &Subject {
        &self.fields.subject
    }

    /// What kind of subject it was on the action's date.
    #[must_use]
    pub fn subject_kind(&self) -> SubjectKind {
        self.subject_kind
    }

    /// The form.
    #[must_use]
    pub fn form(&self) -> DisciplineForm {
        self.fields.form
    }

    /// Proposed, decided or annulled.
    #[must_use]
    pub fn status(&self) -> DisciplineStatus {
        self.fields.status
    }

    /// The body.
    #[must_use]
    pub fn body(&self) -> &Body {
        &self.fields.body
    }

    /// The violation date.
    #[must_use]
    pub fn violation_date(&self) -> NaiveDate {
        self.fields.violation_date
    }

    /// The date of the proposal or decision.
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.fields.date
    }

    /// The inspection that found it.
    #[must_use]
    pub fn inspection(&self) -> Option<&InspectionId> {
        self.fields.inspection.as_ref()
    }

    /// Its plain fields.
    #[must_use]
    pub fn fields(&self) -> &DisciplineFields {
        &self.fields
    }

    /// Whether the action is time-barred, and why: see [`time_bar`].
    #[must_use]
    pub fn time_bar(&self) -> TimeBar {
        time_bar(
            self.fields.form,
            self.fields.exception,
            self.fields.violation_date,
            self.fields.date,
        )
    }
}

/// Whether discipline is time-barred (hết thời hiệu), and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "time_bar")]
pub enum TimeBar {
    /// In time: the limitation runs until this day, included.
    InTime {
        /// The last day on which the action is in time.
        last_day: NaiveDate,
    },
    /// Time-barred since this day. The violation is still inspected and
    /// concluded, but the form is not executed (HD 06-HD/UBKTTW).
    Barred {
        /// The first day on which it is barred.
        since: NaiveDate,
    },
    /// No limitation: the form has none (expulsion, dissolution).
    NoLimitForForm,
    /// No limitation: the violation is of an exception category.
    NoLimitForCategory(LimitationException),
}

/// Whether a `form` of discipline for a violation committed on `violation`
/// is time-barred on `on` (QĐ 69-QĐ/TW Art. 4; QĐ 102 Art. 3).
///
/// The limitation runs from the violation: 5 years (60 months) for a
/// reprimand, 10 years (120 months) for a warning or removal from office.
/// This crate counts it in calendar months with month-end clamping: an
/// action on the fifth anniversary of the violation is in time, the next day
/// it is barred (a violation on 29 February has its anniversary on 28
/// February). The exact day rule is not confirmed by a source. Expulsion,
/// dissolution and the [`LimitationException`] categories have no
/// limitation.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use party_oversight::{DisciplineForm, TimeBar, time_bar};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(time_bar(DisciplineForm::Reprimand, None, d(2012, 2, 29), d(2017, 2, 28)), TimeBar::InTime { last_day: d(2017, 2, 28) });
/// assert_eq!(time_bar(DisciplineForm::Reprimand, None, d(2012, 2, 29), d(2017, 3, 1)), TimeBar::Barred { since: d(2017, 3, 1) });
/// assert_eq!(time_bar(DisciplineForm::Expulsion, None, d(1990, 1, 1), d(2017, 1, 1)), TimeBar::NoLimitForForm);
/// ```
#[must_use]
pub fn time_bar(
    form: DisciplineForm,
    exception: Option<LimitationException>,
    violation: NaiveDate,
    on: NaiveDate,
) -> TimeBar {
    if let Some(e) = exception {
        return TimeBar::NoLimitForCategory(e);
    }
    let Some(years) = form.limitation_years() else {
        return TimeBar::NoLimitForForm;
    };
    match violation.checked_add_months(Months::new(years * 12)) {
        // Beyond the calendar: never barred within it.
        None => TimeBar::InTime {
            last_day: NaiveDate::MAX,
        },
        Some(last_day) if on <= last_day => TimeBar::InTime { last_day },
        Some(last_day) => TimeBar::Barred {
            since: last_day.succ_opt().unwrap_or(last_day),
        },
    }
}

/// The level of a disciplining body, as the authority table sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyLevel {
    /// The centre (BCH TW, Bộ Chính trị, Ban Bí thư, UBKT TW).
    Central,
    /// Provincial level.
    Provincial,
    /// District level.
    District,
    /// A grassroots party committee (đảng ủy cơ sở), with units under it.
    GrassrootsCommittee,
    /// A chi bộ: a chi bộ cơ sở or a chi bộ trực thuộc.
    ChiBo,
}

impl BodyLevel {
    /// The authority level of `org` in `tree`, or `None` for a partial
    /// organization or an unknown id.
    #[must_use]
    pub fn of(tree: &OrgTree, org: &str) -> Option<BodyLevel> {
        match tree.get(org)?.level() {
            OrgLevel::Central => Some(BodyLevel::Central),
            OrgLevel::Provincial => Some(BodyLevel::Provincial),
            OrgLevel::District => Some(BodyLevel::District),
            OrgLevel::Grassroots if has_commission(tree, org) => {
                Some(BodyLevel::GrassrootsCommittee)
            }
            OrgLevel::Grassroots | OrgLevel::Cell => Some(BodyLevel::ChiBo),
            OrgLevel::Partial => None,
        }
    }
}

/// How well a rule is established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Confirmed by a source (the Party Charter or a regulation quoted).
    Confirmed,
    /// The best-known default: the text was not found; check it against the
    /// regulation in force and replace the table where it differs.
    Default,
}

/// One row of an authority table: a body of some kind and level may
/// **decide** these forms for subjects of this kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuthorityRule {
    /// Committee or commission.
    pub body: BodyKind,
    /// The body's level.
    pub level: BodyLevel,
    /// Organizations, or members (official or probationary alike; the
    /// forms a subject may receive at all are checked separately).
    pub subject: AuthoritySubject,
    /// The forms it may decide.
    pub forms: Vec<DisciplineForm>,
    /// How well the row is established.
    pub confidence: Confidence,
    /// Where it comes from.
    pub source: String,
}

/// The subjects of an authority rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthoritySubject {
    /// Party organizations.
    Organizations,
    /// Members.
    Members,
}

/// Who may decide which discipline: a table the caller can read and
/// replace.
///
/// The Party Charter 2011 (Articles 36 and 37) and QĐ 22-QĐ/TW Art. 11 set
/// the authority; only some of it was confirmed from a quoted text (the chi
/// bộ rule, Article 36.1). [`AuthorityPolicy::default`] ships those rules as
/// [`Confidence::Confirmed`] and the best-known reading of the rest as
/// [`Confidence::Default`]. A policy check is separate from building a
/// [`DisciplineAction`], so records made under other rules stay readable.
///
/// The check applies to **decided** actions; a proposal goes to the body
/// with authority, which decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityPolicy {
    rules: Vec<AuthorityRule>,
}

impl Default for AuthorityPolicy {
    fn default() -> Self {
        use AuthoritySubject::{Members, Organizations};
        use BodyKind::{Commission, Committee};
        use BodyLevel::*;
        use Confidence::{Confirmed, Default as Unconfirmed};
        use DisciplineForm::*;
        let rule = |body, level, subject, forms: &[DisciplineForm], confidence, source: &str| {
            AuthorityRule {
                body,
                level,
                subject,
                forms: forms.to_vec(),
                confidence,
                source: source.to_owned(),
            }
        };
        let all_member = &[Reprimand, Warning, RemovalFromOffice, Expulsion][..];
        AuthorityPolicy {
            rules: vec![
                rule(
                    Committee,
                    ChiBo,
                    Members,
                    &[Reprimand, Warning],
                    Confirmed,
                    "Party Charter 2011, Article 36.1; QĐ 22-QĐ/TW Art. 11",
                ),
                rule(
                    Committee,
                    GrassrootsCommittee,
                    Members,
                    &[Reprimand, Warning],
                    Confirmed,
                    "QĐ 14-QĐ/TW §37.3",
                ),
                rule(
                    Committee,
                    GrassrootsCommittee,
                    Members,
                    &[RemovalFromOffice, Expulsion],
                    Unconfirmed,
                    "Party Charter 2011, Article 36 (a đảng ủy cơ sở authorized to admit members may expel; text not found)",
                ),
                rule(
                    Committee,
                    District,
                    Members,
                    all_member,
                    Unconfirmed,
                    "Party Charter 2011, Article 36 (text not found)",
                ),
                rule(
                    Committee,
                    Provincial,
                    Members,
                    all_member,
                    Unconfirmed,
                    "Party Charter 2011, Article 36 (text not found)",
                ),
                rule(
                    Committee,
                    Central,
                    Members,
                    all_member,
                    Unconfirmed,
                    "Party Charter 2011, Article 36 (text not found)",
                ),
                rule(
                    Commission,
                    GrassrootsCommittee,
                    Members,
                    &[Reprimand, Warning],
                    Unconfirmed,
                    "Party Charter 2011, Article 36 (text not found)",
                ),
                rule(
                    Commission,
                    District,
                    Members,
                    all_member,
                    Unconfirmed,
                    "Party Charter 2011, Article 36 (text not found)",
                ),
                rule(
                    Commission,
                    Provincial,
                    Members,
                    all_member,
                    Unconfirmed,
                    "Party Charter 2011, Article 36 (text not found)",
                ),
                rule(
                    Commission,
                    Central,
                    Members,
                    all_member,
                    Unconfirmed,
                    "Party Charter 2011, Article 36 (text not found)",
                ),
                rule(
                    Committee,
                    GrassrootsCommittee,
                    Organizations,
                    &[Reprimand, Warning],
                    Unconfirmed,
                    "Party Charter 2011, Article 37 (text not found)",
                ),
                rule(
                    Committee,
                    District,
                    Organizations,
                    &[Reprimand, Warning, Dissolution],
                    Unconfirmed,
                    "Party Charter 2011, Article 37 (text not found; dissolution needs the approval of the level above)",
                ),
                rule(
                    Committee,
                    Provincial,
                    Organizations,
                    &[Reprimand, Warning, Dissolution],
                    Unconfirmed,
                    "Party Charter 2011, Article 37 (text not found; dissolution needs the approval of the level above)",
                ),
                rule(
                    Committee,
                    Central,
                    Organizations,
                    &[Reprimand, Warning, Dissolution],
                    Unconfirmed,
                    "Party Charter 2011, Article 37 (text not found)",
                ),
                rule(
                    Commission,
                    District,
                    Organizations,
                    &[Reprimand, Warning],
                    Unconfirmed,
                    "UBKT statistics report organizations disciplined by commissions (2022, 2023); the rule's text not found",
                ),
                rule(
                    Commission,
                    Provincial,
                    Organizations,
                    &[Reprimand, Warning],
                    Unconfirmed,
                    "UBKT statistics (2022, 2023); the rule's text not found",
                ),
                rule(
                    Commission,
                    Central,
                    Organizations,
                    &[Reprimand, Warning],
                    Unconfirmed,
                    "UBKT statistics (2022, 2023); the rule's text not found",
                ),
            ],
        }
    }
}

impl AuthorityPolicy {
    /// A policy of exactly these rules.
    #[must_use]
    pub fn new(rules: Vec<AuthorityRule>) -> Self {
        AuthorityPolicy { rules }
    }

    /// Its rules.
    #[must_use]
    pub fn rules(&self) -> &[AuthorityRule] {
        &self.rules
    }

    /// The rule that allows `body` at `level` to decide `form` for `subject`,
    /// if any.
    #[must_use]
    pub fn allowing(
        &self,
        body: BodyKind,
        level: BodyLevel,
        subject: AuthoritySubject,
        form: DisciplineForm,
    ) -> Option<&AuthorityRule> {
        self.rules.iter().find(|r| {
            r.body == body && r.level == level && r.subject == subject && r.forms.contains(&form)
        })
    }

    /// Checks that the body of a **decided** `action` had authority for it.
    /// Proposals and annulled actions pass.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoAuthority`] naming the body, its level, the form and
    /// the subject.
    pub fn check(&self, tree: &OrgTree, action: &DisciplineAction) -> Result<(), Error> {
        if action.status() != DisciplineStatus::Decided {
            return Ok(());
        }
        let subject = match action.subject() {
            Subject::Organization(_) => AuthoritySubject::Organizations,
            Subject::Member(_) => AuthoritySubject::Members,
        };
        let level = BodyLevel::of(tree, action.body().org.as_str());
        match level.and_then(|l| self.allowing(action.body().kind, l, subject, action.form())) {
            Some(_) => Ok(()),
            None => Err(ErrorKind::NoAuthority {
                id: action.id().clone(),
                body: action.body().clone(),
                level,
                form: action.form(),
                subject,
            }
            .into()),
        }
    }
}

/// Checks that no violation is disciplined twice: among decided actions, one
/// subject and one finding inspection have at most one form ("01 nội dung vi
/// phạm chỉ bị xử lý kỷ luật 01 lần bằng 01 hình thức kỷ luật").
///
/// # Errors
///
/// [`ErrorKind::Discipline`] for the first action that repeats one.
pub fn check_one_form_per_violation(actions: &[DisciplineAction]) -> Result<(), Error> {
    let mut seen: std::collections::HashMap<(&Subject, &InspectionId), &DisciplineId> =
        std::collections::HashMap::new();
    for a in actions
        .iter()
        .filter(|a| a.status() == DisciplineStatus::Decided)
    {
        if let Some(insp) = a.inspection()
            && let Some(other) = seen.insert((a.subject(), insp), a.id())
        {
            return Err(ErrorKind::Discipline {
                id: a.id().clone(),
                problems: vec![DisciplineProblem::SecondForm {
                    subject: a.subject().clone(),
                    inspection: insp.clone(),
                    other: other.clone(),
                }],
            }
            .into());
        }
    }
    Ok(())
}
