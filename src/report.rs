//! Periodic oversight reports: the figures of one organization's subtree
//! over one period, rendered as an inspection commission writes them in a
//! report (Vietnamese, or English), and serializable as JSON.
//!
//! # The paragraph
//!
//! The oversight paragraph follows the standard order of real reports
//! (the project's reading of published UBKT reports, e.g. Thái Nguyên's
//! half-year 2021 and a district đảng bộ's 2022 paragraph; see
//! [`ClauseKind`]): the committees' inspections, inspections on signs of
//! violation by committees and then by commissions, the commissions'
//! inspections of lower units' oversight duties, other inspections, finance
//! inspections, then supervisions by committees and by commissions. Each
//! clause names its body and verb and counts "X tổ chức đảng và Y đảng
//! viên", with "có Z cấp ủy viên" and, on request, a comparison with the
//! same period a year earlier in parentheses ("(tăng 230 tổ chức và 124
//! đảng viên so với cùng kỳ)"). After each clause comes its verdict: "Qua
//! kiểm tra, kết luận … thực hiện tốt; … còn hạn chế, khuyết điểm; … có vi
//! phạm; phải thi hành kỷ luật …; đã thi hành kỷ luật …", or for a
//! supervision "Qua giám sát, … có dấu hiệu vi phạm; chuyển kiểm tra khi có
//! dấu hiệu vi phạm …". Discipline follows by body, organizations before
//! members, each by form in the fixed order (khiển trách, cảnh cáo, cách
//! chức, khai trừ; giải tán), then membership, name removals and briefings,
//! and the term targets, each in its own paragraph.
//!
//! **What is counted.** A clause counts subject rows, as the statistical
//! forms do and as aggregated figures add up across levels: a member
//! inspected twice in the period counts twice ("lượt"; say so with
//! [`ReportOptions::visits`]). Zero clauses are left out; a period with no
//! oversight at all says so in one sentence.
//!
//! **Nouns by level.** "cấp ủy các cấp" and "UBKT các cấp" for a district,
//! province or the centre; "đảng ủy và các chi bộ" and "UBKT đảng ủy" for a
//! grassroots or partial organization; "chi bộ" for a cell.
//!
//! # JSON shape (stable)
//!
//! ```text
//! {
//!   "org": {"id", "name", "level"},
//!   "period": {"first", "last"},
//!   "bodies": "commission" | "committee" | "both",
//!   "figures": {
//!     "clauses": [{"kind", "count",
//!                  "orgs": {"subjects", "committee_members", "good", "shortcoming",
//!                           "violation", "must_discipline", "disciplined", "handled",
//!                           "escalated"},
//!                  "members": {…the same…}}, …],      // every clause kind, in order
//!     "discipline": [{"body", "decided_orgs": {"reprimand": n, …},
//!                     "decided_members": {…}, "committee_members",
//!                     "proposed_orgs", "proposed_members"}, …],
//!     "inspected_members_distinct", "supervised_members_distinct",
//!     "name_removals", "name_removals_probationary",
//!     "assessments",
//!     "members_official", "members_probationary",          // on the last day
//!     "conference_attendance", "cell_meeting_attendance", "briefed_members",
//!     "briefing_coverage": {"kind", "part", "whole"}
//!   },
//!   "previous": null | {"period", "figures"},              // the same period a year earlier
//!   "term": null | {…}
//! }
//! ```
//!
//! Every figure is computed from the records by [the engine](crate::engine);
//! rates are exact (`part`/`whole`) in JSON and rounded only in the text,
//! half away from zero.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::OrgId;
use crate::assessment::BriefingKind;
use crate::discipline::{DisciplineForm, DisciplineStatus};
use crate::display::{Lang, count};
use crate::engine::{Engine, Scope};
use crate::error::{Error, ErrorKind};
use crate::inspection::{
    Activity, BodyKind, InspectionGround as G, OversightKind, SupervisionMode as M,
};
use crate::organization::{OrgIndex, OrgLevel};
use crate::period::{Period, Term, date_en, date_vi};
use crate::rate::{Rate, RateEvaluation};
use crate::ratio::{Percent, Ratio, Rounding};
use crate::rollup::{SubjectFigures, SubjectSide, Tally};
use crate::target::{Bounds, Pace, PercentTarget, Progress, TargetEvaluation};

/// Which bodies a report's oversight figures cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bodies {
    /// The inspection commissions of all levels ("UBKT các cấp").
    Commission,
    /// The committees of all levels ("cấp ủy các cấp").
    Committee,
    /// Both ("cấp ủy, UBKT các cấp").
    Both,
}

impl Bodies {
    fn kind(self) -> Option<BodyKind> {
        match self {
            Bodies::Commission => Some(BodyKind::Commission),
            Bodies::Committee => Some(BodyKind::Committee),
            Bodies::Both => None,
        }
    }

    fn covers(self, body: Option<BodyKind>) -> bool {
        match (self.kind(), body) {
            (None, _) | (_, None) => true,
            (Some(a), Some(b)) => a == b,
        }
    }
}

/// The congress-term targets a report evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermTargets {
    /// The current term.
    pub term: Term,
    /// The previous term, whose count is the baseline.
    pub baseline_period: Period,
    /// The previous term's count when it is known as a number (from the
    /// previous term's report) rather than from records; `None`: counted
    /// from the records of `baseline_period`.
    #[serde(default)]
    pub baseline_count: Option<u64>,
    /// The target for the number of inspections and supervisions (cuộc
    /// KTGS) of committees and commissions, e.g. 10–20% more.
    pub oversight: PercentTarget,
    /// The share of violations detected that must be handled, e.g. 100%.
    pub resolution: Percent,
}

impl TermTargets {
    /// The targets of the term of `org` that holds `day`, from its congress
    /// dates in `calendar`, the previous term (from the congress before,
    /// or the five years before it) as the baseline period; where no
    /// congress of `org` is known on or before `day`, the term `default`
    /// (a five-year calendar term, [`Term::calendar`]) and the five
    /// calendar years before it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use party_oversight::*;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let calendar = TermCalendar::new().with(
    ///     "BM".parse()?,
    ///     OrgLevel::District,
    ///     &[Congress::new(9, d(2015, 7, 16)), Congress::new(10, d(2020, 7, 20))],
    /// )?;
    /// let target = PercentTarget::from_band("10-20", Direction::Increase)?;
    /// let default = Term::calendar(OrgLevel::District, 10, 2020)?;
    /// let t = TermTargets::from_calendar(
    ///     &calendar, "BM", d(2021, 6, 30), default, target, Percent::whole(100),
    /// )?;
    /// assert_eq!(t.term.period().first(), d(2020, 7, 20));
    /// assert_eq!(t.baseline_period.first(), d(2015, 7, 16));
    /// assert_eq!(t.baseline_period.last(), d(2020, 7, 19));
    /// // Another organization, without congress dates: the default.
    /// let other = TermTargets::from_calendar(
    ///     &calendar, "XX", d(2021, 6, 30), default, target, Percent::whole(100),
    /// )?;
    /// assert_eq!(other.term, default);
    /// assert_eq!(other.baseline_period.first(), d(2015, 1, 1));
    /// # Ok::<(), party_oversight::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidTerm`] for a term the calendar cannot make
    /// or without five years before it.
    pub fn from_calendar(
        calendar: &crate::TermCalendar,
        org: &str,
        day: chrono::NaiveDate,
        default: Term,
        oversight: PercentTarget,
        resolution: Percent,
    ) -> Result<Self, Error> {
        let (term, baseline_period) = match calendar.term_on(org, day)? {
            Some(term) => {
                let before = match calendar.previous_term(org, term)? {
                    Some(b) => b.period(),
                    // No congress known before: the five years before it.
                    None => {
                        let first = term.period().first();
                        let start = first
                            .checked_sub_months(chrono::Months::new(60))
                            .ok_or_else(|| {
                                Error::from(ErrorKind::InvalidTerm {
                                    reason: format!("no term before one that starts on {first}"),
                                })
                            })?;
                        let end = first.pred_opt().ok_or_else(|| {
                            Error::from(ErrorKind::InvalidTerm {
                                reason: format!("no term before one that starts on {first}"),
                            })
                        })?;
                        Period::new(start, end)?
                    }
                };
                (term, before)
            }
            None => {
                let first = default.period().first();
                let year = chrono::Datelike::year(&first);
                let start = chrono::NaiveDate::from_ymd_opt(year.saturating_sub(5), 1, 1);
                let end = chrono::NaiveDate::from_ymd_opt(year.saturating_sub(1), 12, 31);
                let (Some(start), Some(end)) = (start, end) else {
                    return Err(ErrorKind::InvalidTerm {
                        reason: format!("no five years before {year}"),
                    }
                    .into());
                };
                (default, Period::new(start, end)?)
            }
        };
        Ok(TermTargets {
            term,
            baseline_period,
            baseline_count: None,
            oversight,
            resolution,
        })
    }
}

/// How a report writes its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStyle {
    /// As provinces and districts write: "7 tổ chức đảng và 2 đảng viên".
    Standard,
    /// As a small đảng bộ writes (a district's 2022 half-year paragraph):
    /// counts padded to two digits ("07"), "cá nhân" for members, and the
    /// work of the organization's own bodies in parentheses ("(Ban Thường
    /// vụ Huyện ủy kiểm tra 02 tổ chức đảng và 02 cá nhân)").
    SmallUnit,
}

/// How a comparison with the same period a year earlier is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonStyle {
    /// "(tăng 230 tổ chức và 124 đảng viên so với cùng kỳ)".
    Absolute,
    /// "(tăng 18,1% tổ chức đảng và 15,7% đảng viên so với cùng kỳ)"; a
    /// count whose earlier figure is 0 is given as an absolute change.
    Percent,
}

/// How a report compares across a merger: for an organization formed by
/// one (or that took units over) since the same period a year earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergerComparison {
    /// Compare with the sum of the units before the merger, each as it was
    /// (a split unit's records by its share): "so với tổng số của các đơn
    /// vị trước hợp nhất" (../domain/REPORTS.md §4: the new unit "gồm các
    /// tổ chức đảng và đảng viên thuộc … trước hợp nhất", QĐ 328-QĐ/TW).
    #[default]
    Sum,
    /// No comparison, as a first report after a merger may be written
    /// (the practice of Phú Thọ's 2025 report, REPORTS.md §4); the units
    /// before the merger are named.
    Omit,
}

/// Options of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    bodies: Bodies,
    tolerance: Percent,
    style: ReportStyle,
    compare: Option<ComparisonStyle>,
    merger: MergerComparison,
    detail: bool,
    visits: bool,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            bodies: Bodies::Both,
            tolerance: Percent::whole(0),
            style: ReportStyle::Standard,
            compare: None,
            merger: MergerComparison::Sum,
            detail: false,
            visits: false,
        }
    }
}

impl ReportOptions {
    /// Which bodies the oversight figures cover (default: both).
    #[must_use]
    pub fn bodies(mut self, bodies: Bodies) -> Self {
        self.bodies = bodies;
        self
    }

    /// How far behind a linear schedule still counts as on track (default 0).
    #[must_use]
    pub fn tolerance(mut self, tolerance: Percent) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// How counts are written (default [`ReportStyle::Standard`]).
    #[must_use]
    pub fn style(mut self, style: ReportStyle) -> Self {
        self.style = style;
        self
    }

    /// Compare each clause with the same period a year earlier (default:
    /// no comparison, as for a first period after a merger).
    #[must_use]
    pub fn compare_previous_year(mut self, style: ComparisonStyle) -> Self {
        self.compare = Some(style);
        self
    }

    /// How the comparison with a year earlier is made for an organization
    /// formed by a merger since then (default: with the sum of the units
    /// before the merger).
    #[must_use]
    pub fn across_merger(mut self, merger: MergerComparison) -> Self {
        self.merger = merger;
        self
    }

    /// Add the number of inspections and supervisions ("cuộc") to each
    /// clause, and the distinct members inspected and supervised.
    #[must_use]
    pub fn detail(mut self, detail: bool) -> Self {
        self.detail = detail;
        self
    }

    /// Write member counts as visits ("lượt đảng viên"), as some reports
    /// do: they are the same numbers, said to count a member seen twice
    /// twice.
    #[must_use]
    pub fn visits(mut self, visits: bool) -> Self {
        self.visits = visits;
        self
    }
}

/// The organization a report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportOrg {
    /// Its id.
    pub id: OrgId,
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: OrgLevel,
}

/// The clauses of an oversight paragraph, in the standard order; every
/// (body, kind of oversight) pair belongs to exactly one ([`ClauseKind::of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseKind {
    /// Committees inspect (Điều 30): compliance, and their checks of
    /// oversight duties and asset declarations.
    CommitteeInspection,
    /// Committees inspect on signs of violation.
    CommitteeSigns,
    /// Commissions inspect on signs of violation.
    CommissionSigns,
    /// Commissions inspect how lower units do their oversight duties.
    CommissionDuties,
    /// Commissions inspect compliance or asset declarations.
    CommissionOther,
    /// Finance inspections (tài chính đảng), by either body.
    Finance,
    /// Committees' thematic supervisions (giám sát chuyên đề).
    CommitteeThematic,
    /// Committees' regular supervisions (giám sát thường xuyên).
    CommitteeRegular,
    /// Commissions' supervisions.
    CommissionSupervision,
}

impl ClauseKind {
    /// Every clause, in the paragraph's order.
    pub const ALL: [ClauseKind; 9] = [
        ClauseKind::CommitteeInspection,
        ClauseKind::CommitteeSigns,
        ClauseKind::CommissionSigns,
        ClauseKind::CommissionDuties,
        ClauseKind::CommissionOther,
        ClauseKind::Finance,
        ClauseKind::CommitteeThematic,
        ClauseKind::CommitteeRegular,
        ClauseKind::CommissionSupervision,
    ];

    /// The clause of oversight of `kind` by a body of kind `body`.
    #[must_use]
    pub const fn of(body: BodyKind, kind: OversightKind) -> ClauseKind {
        use BodyKind::{Commission, Committee};
        use OversightKind::{Inspection as I, Supervision as S};
        match (body, kind) {
            (_, I(G::Finance)) => ClauseKind::Finance,
            (Committee, I(G::Compliance | G::OversightDuties | G::AssetDeclaration)) => {
                ClauseKind::CommitteeInspection
            }
            (Committee, I(G::SignsOfViolation)) => ClauseKind::CommitteeSigns,
            (Commission, I(G::SignsOfViolation)) => ClauseKind::CommissionSigns,
            (Commission, I(G::OversightDuties)) => ClauseKind::CommissionDuties,
            (Commission, I(G::Compliance | G::AssetDeclaration)) => ClauseKind::CommissionOther,
            (Committee, S(M::Thematic)) => ClauseKind::CommitteeThematic,
            (Committee, S(M::Regular)) => ClauseKind::CommitteeRegular,
            (Commission, S(_)) => ClauseKind::CommissionSupervision,
        }
    }

    /// The body of its oversight (`None`: either).
    #[must_use]
    pub const fn body(self) -> Option<BodyKind> {
        match self {
            ClauseKind::Finance => None,
            ClauseKind::CommitteeInspection
            | ClauseKind::CommitteeSigns
            | ClauseKind::CommitteeThematic
            | ClauseKind::CommitteeRegular => Some(BodyKind::Committee),
            ClauseKind::CommissionSigns
            | ClauseKind::CommissionDuties
            | ClauseKind::CommissionOther
            | ClauseKind::CommissionSupervision => Some(BodyKind::Commission),
        }
    }

    /// The kinds of oversight it counts (for its body).
    #[must_use]
    pub fn kinds(self) -> Vec<OversightKind> {
        OversightKind::ALL
            .into_iter()
            .filter(|k| {
                BodyKind::ALL
                    .into_iter()
                    .filter(|b| self.body().is_none_or(|x| x == *b))
                    .any(|b| ClauseKind::of(b, *k) == self)
            })
            .collect()
    }

    /// Inspection or supervision.
    #[must_use]
    pub const fn activity(self) -> Activity {
        match self {
            ClauseKind::CommitteeThematic
            | ClauseKind::CommitteeRegular
            | ClauseKind::CommissionSupervision => Activity::Supervision,
            _ => Activity::Inspection,
        }
    }
}

/// One clause's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clause {
    /// Which clause.
    pub kind: ClauseKind,
    /// The bodies it covers (`None`: committees and commissions).
    pub body: Option<BodyKind>,
    /// Inspections or supervisions ("cuộc").
    pub count: u64,
    /// Organization subjects and their verdicts.
    pub orgs: SubjectFigures,
    /// Member subjects and their verdicts.
    pub members: SubjectFigures,
}

impl Clause {
    fn of(tally: &Tally, kind: ClauseKind, bodies: Bodies) -> Clause {
        let body = kind.body().or(bodies.kind());
        let kinds = kind.kinds();
        // Escalated subjects belong to the supervisions of the same body.
        let escalated = |side| {
            if kind.activity() == Activity::Supervision {
                tally
                    .subject_figures(
                        body,
                        &[OversightKind::Inspection(G::SignsOfViolation)],
                        side,
                    )
                    .escalated
            } else {
                0
            }
        };
        let side = |side| SubjectFigures {
            escalated: escalated(side),
            ..tally.subject_figures(body, &kinds, side)
        };
        Clause {
            kind,
            body,
            count: kinds
                .iter()
                .map(|k| tally.kind_count(body, *k))
                .fold(0, u64::saturating_add),
            orgs: side(SubjectSide::Organization),
            members: side(SubjectSide::Member),
        }
    }

    fn is_empty(&self) -> bool {
        self.count == 0 && self.orgs.subjects == 0 && self.members.subjects == 0
    }
}

/// Discipline by one kind of body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisciplineBy {
    /// Committees (with cells) or commissions.
    pub body: BodyKind,
    /// Organizations disciplined (decided), by form.
    pub decided_orgs: BTreeMap<DisciplineForm, u64>,
    /// Members disciplined (decided), by form.
    pub decided_members: BTreeMap<DisciplineForm, u64>,
    /// Of the members disciplined, committee members ("có … cấp ủy viên").
    pub committee_members: u64,
    /// Organizations proposed for discipline.
    pub proposed_orgs: u64,
    /// Members proposed for discipline.
    pub proposed_members: u64,
}

impl DisciplineBy {
    fn of(tally: &Tally, body: BodyKind) -> DisciplineBy {
        let by_form = |side| {
            DisciplineForm::ALL
                .into_iter()
                .map(|f| {
                    (
                        f,
                        tally.discipline(Some(body), DisciplineStatus::Decided, side, Some(f)),
                    )
                })
                .filter(|(_, n)| *n > 0)
                .collect()
        };
        let proposed = |side| tally.discipline(Some(body), DisciplineStatus::Proposed, side, None);
        DisciplineBy {
            body,
            decided_orgs: by_form(SubjectSide::Organization),
            decided_members: by_form(SubjectSide::Member),
            committee_members: tally
                .discipline_committee_members(Some(body), DisciplineStatus::Decided),
            proposed_orgs: proposed(SubjectSide::Organization),
            proposed_members: proposed(SubjectSide::Member),
        }
    }

    fn orgs(&self) -> u64 {
        self.decided_orgs.values().sum()
    }

    fn members(&self) -> u64 {
        self.decided_members.values().sum()
    }
}

/// The figures of a report; see the module docs for the JSON shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Every clause, in the paragraph's order.
    pub clauses: Vec<Clause>,
    /// Discipline by committees, then by commissions.
    pub discipline: Vec<DisciplineBy>,
    /// Distinct members inspected.
    pub inspected_members_distinct: u64,
    /// Distinct members supervised.
    pub supervised_members_distinct: u64,
    /// Name removals (xóa tên).
    pub name_removals: u64,
    /// Of those, of probationary members.
    pub name_removals_probationary: u64,
    /// Assessments against the 27 indicators.
    pub assessments: u64,
    /// Official members on the last day.
    pub members_official: u64,
    /// Probationary members on the last day.
    pub members_probationary: u64,
    /// Attendances at briefing conferences.
    pub conference_attendance: u64,
    /// Attendances at cell meetings with a briefing.
    pub cell_meeting_attendance: u64,
    /// Attendances at briefings on the 27 indicators.
    pub briefing_on_indicators: u64,
    /// Members briefed, still members on the last day.
    pub briefed_members: u64,
    /// Members briefed of members on the last day.
    pub briefing_coverage: Rate,
}

impl Figures {
    /// The figures of `tally` for `bodies`.
    #[must_use]
    pub fn from_tally(tally: &Tally, bodies: Bodies) -> Figures {
        Figures {
            clauses: ClauseKind::ALL
                .into_iter()
                .filter(|k| bodies.covers(k.body()))
                .map(|k| Clause::of(tally, k, bodies))
                .collect(),
            discipline: BodyKind::ALL
                .into_iter()
                .filter(|b| bodies.covers(Some(*b)))
                .map(|b| DisciplineBy::of(tally, b))
                .collect(),
            inspected_members_distinct: tally
                .activity(bodies.kind(), Some(Activity::Inspection))
                .members_distinct(),
            supervised_members_distinct: tally
                .activity(bodies.kind(), Some(Activity::Supervision))
                .members_distinct(),
            name_removals: tally.name_removals(),
            name_removals_probationary: tally.name_removals_probationary(),
            assessments: tally.assessments(),
            members_official: tally.members_official(),
            members_probationary: tally.members_probationary(),
            conference_attendance: tally.briefing_visits(Some(BriefingKind::Conference)),
            cell_meeting_attendance: tally.briefing_visits(Some(BriefingKind::CellMeeting)),
            briefing_on_indicators: tally.briefing_visits_on_indicators(),
            briefed_members: tally.briefed_members(),
            briefing_coverage: tally.briefing_coverage(),
        }
    }

    /// The figures of one clause (zero when the report's bodies leave it
    /// out).
    #[must_use]
    pub fn clause(&self, kind: ClauseKind) -> Clause {
        self.clauses
            .iter()
            .find(|c| c.kind == kind)
            .copied()
            .unwrap_or(Clause {
                kind,
                body: kind.body(),
                count: 0,
                orgs: SubjectFigures::default(),
                members: SubjectFigures::default(),
            })
    }

    fn discipline_of(&self, body: BodyKind) -> Option<&DisciplineBy> {
        self.discipline.iter().find(|d| d.body == body)
    }
}

/// The figures of the same period a year earlier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Previous {
    /// That period.
    pub period: Period,
    /// Its figures: the organization's, or across a merger the sum of the
    /// units before it, each times its share (a split unit's share makes
    /// fractions, rounded to whole counts half away from zero; the exact
    /// shares are in [`OversightReport::merged_from`]).
    pub figures: Figures,
    /// Whether the figures are the sum of the units before a merger.
    pub summed: bool,
}

/// A unit an organization was formed from (or took over), for a
/// comparison across a merger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriorUnit {
    /// Its id.
    pub id: OrgId,
    /// Its name.
    pub name: String,
    /// The share of its records the organization took over (1 for a
    /// merger; 2/3 for two thirds of a split unit).
    pub share: Ratio,
    /// Whether it no longer exists at the end of the report's period:
    /// named "(cũ)".
    pub former: bool,
}

/// The term part of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermSection {
    /// The current term.
    pub term: Term,
    /// The previous term.
    pub baseline_period: Period,
    /// The target on the number of inspections and supervisions.
    pub target: PercentTarget,
    /// Inspections and supervisions of committees and commissions in the
    /// previous term: a whole count, or for an organization formed by a
    /// merger since then, the exact sum re-based onto it (a split unit's
    /// share makes fractions: 733⅓).
    pub baseline: Ratio,
    /// For a re-based baseline: the units before the merger it sums.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebased_from: Option<Vec<PriorUnit>>,
    /// The same in the current term up to the report's last day.
    pub current: u64,
    /// The band's counts for the baseline.
    pub bounds: Bounds,
    /// The current count against the whole term's target.
    pub evaluation: TargetEvaluation,
    /// Progress at the report's last day.
    pub progress: Progress,
    /// Violations handled of those detected in the term so far (pooled over
    /// the subtree, committees and commissions, inspections and
    /// supervisions).
    pub resolution: Rate,
    /// The resolution target.
    pub resolution_target: Percent,
    /// The resolution rate against its target.
    pub resolution_evaluation: RateEvaluation,
}

/// A periodic oversight report.
///
/// # Examples
///
/// See `examples/bac_me_2017.rs`, which builds the records of the source
/// article and prints this report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OversightReport {
    /// The organization.
    pub org: ReportOrg,
    /// The period.
    pub period: Period,
    /// The bodies the oversight figures cover.
    pub bodies: Bodies,
    /// How counts are written.
    pub style: ReportStyle,
    /// Whether "cuộc" and distinct members are added.
    pub detail: bool,
    /// Whether counts are written as visits (lượt).
    pub visits: bool,
    /// The figures.
    pub figures: Figures,
    /// The figures of the organization's own bodies alone (small-unit
    /// style only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own: Option<Figures>,
    /// The same period a year earlier, when a comparison was asked for
    /// (and not omitted across a merger).
    pub previous: Option<Previous>,
    /// When a comparison was asked for and the organization was formed by
    /// a merger since the same period a year earlier (or took units over
    /// that no longer exist): the units before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_from: Option<Vec<PriorUnit>>,
    /// How the comparison is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<ComparisonStyle>,
    /// The term targets, if asked for.
    pub term: Option<TermSection>,
}

/// The same period a year earlier, or `None` when it does not exist.
pub(crate) fn year_earlier(p: Period) -> Option<Period> {
    let back = |d: chrono::NaiveDate| d.checked_sub_months(chrono::Months::new(12));
    let first = back(p.first())?;
    // A period that ends on the last day of a month ends a year earlier on
    // the last day of that month (29 February → 28 February).
    let last = back(p.last())?;
    let last = if p.last().succ_opt().map(|d| chrono::Datelike::day(&d)) == Some(1) {
        last.checked_add_months(chrono::Months::new(1))
            .and_then(|d| {
                chrono::NaiveDate::from_ymd_opt(
                    chrono::Datelike::year(&d),
                    chrono::Datelike::month(&d),
                    1,
                )
            })
            .and_then(|d| d.pred_opt())
            .unwrap_or(last)
    } else {
        last
    };
    Period::new(first, last).ok()
}

/// The units before a merger whose work over `p` the organization `org` of
/// day `t` took over, when it was formed by one since (or took over units
/// that no longer exist); `None` when it is the same unit.
fn merged_units(
    engine: &Engine<'_>,
    org: &str,
    p: Period,
    t: chrono::NaiveDate,
) -> Result<Option<Vec<PriorUnit>>, Error> {
    let tree = engine.tree();
    let pos = tree.index_of(org).ok_or_else(|| unknown(org))?;
    let o = tree.org(pos).ok_or_else(|| unknown(org))?;
    let units = engine.units_before(pos, p, t)?;
    let same = matches!(units.as_slice(), [(u, s)] if *u == pos && *s == Ratio::ONE);
    let former = |u: OrgIndex| tree.org(u).is_some_and(|x| !x.existed_on(t));
    let merged = !units.is_empty()
        && !same
        && (o.established() > p.first() || units.iter().any(|(u, _)| *u != pos && former(*u)));
    if !merged {
        return Ok(None);
    }
    Ok(Some(
        units
            .iter()
            .filter_map(|&(u, share)| {
                let x = tree.org(u)?;
                Some(PriorUnit {
                    id: x.id().clone(),
                    name: x.name().to_owned(),
                    share: share.reduced(),
                    former: former(u),
                })
            })
            .collect(),
    ))
}

/// The same period a year earlier `p` for `org`: its own figures, or across
/// a merger the sum of the units before it (or none, as `options` say),
/// with those units.
fn previous_of(
    engine: &Engine<'_>,
    org: &str,
    period: Period,
    p: Period,
    options: ReportOptions,
) -> Result<(Option<Previous>, Option<Vec<PriorUnit>>), Error> {
    let Some(prior) = merged_units(engine, org, p, period.last())? else {
        let figures = Figures::from_tally(&engine.tally(org, p)?, options.bodies);
        return Ok((
            Some(Previous {
                period: p,
                figures,
                summed: false,
            }),
            None,
        ));
    };
    match options.merger {
        MergerComparison::Omit => Ok((None, Some(prior))),
        MergerComparison::Sum => {
            let tree = engine.tree();
            let mut parts = Vec::with_capacity(prior.len());
            for u in &prior {
                let at = tree
                    .index_of(u.id.as_str())
                    .ok_or_else(|| unknown(u.id.as_str()))?;
                parts.push((u.share, engine.tally_in(Scope::Subtree(at), p)?));
            }
            let figures = Figures::from_tally(&Tally::weighted_sum(&parts)?, options.bodies);
            Ok((
                Some(Previous {
                    period: p,
                    figures,
                    summed: true,
                }),
                Some(prior),
            ))
        }
    }
}

impl OversightReport {
    /// Builds the report of `org`'s subtree over `period`, with the term
    /// targets if given.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownOrganization`] for an unknown `org`;
    /// [`ErrorKind::Overflow`] if a target computation overflows.
    pub fn build(
        engine: &Engine<'_>,
        org: &str,
        period: Period,
        options: ReportOptions,
        targets: Option<&TermTargets>,
    ) -> Result<Self, Error> {
        let tally = engine.tally(org, period)?;
        let o = engine.tree().get(org).ok_or_else(|| unknown(org))?;
        let term = match targets {
            None => None,
            Some(t) => Some(term_section(engine, org, period, options, t)?),
        };
        let (previous, merged_from) = match options.compare.and_then(|_| year_earlier(period)) {
            None => (None, None),
            Some(p) => previous_of(engine, org, period, p, options)?,
        };
        let own = match options.style {
            ReportStyle::Standard => None,
            ReportStyle::SmallUnit => Some(Figures::from_tally(
                &engine.tally_own(org, period)?,
                options.bodies,
            )),
        };
        Ok(OversightReport {
            org: ReportOrg {
                id: o.id().clone(),
                name: o.name().to_owned(),
                level: o.level(),
            },
            period,
            bodies: options.bodies,
            style: options.style,
            detail: options.detail,
            visits: options.visits,
            figures: Figures::from_tally(&tally, options.bodies),
            own,
            comparison: previous.as_ref().and(options.compare),
            previous,
            merged_from,
            term,
        })
    }

    /// The report as text in `lang`: the oversight paragraph, the
    /// discipline paragraph, membership and briefings, and the term
    /// targets, one paragraph a line.
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        let w = Words {
            lang,
            small: self.style == ReportStyle::SmallUnit,
            visits: self.visits,
            merged: self.previous.as_ref().is_some_and(|p| p.summed),
        };
        let mut out = String::new();
        for p in [
            self.oversight_paragraph(&w),
            self.discipline_paragraph(&w),
            self.membership_paragraph(&w),
        ]
        .into_iter()
        .flatten()
        {
            out.push_str(&p);
            out.push('\n');
        }
        if let Some(t) = &self.term {
            out.push_str(&render_term(t, self.period, lang));
        }
        out
    }

    fn oversight_paragraph(&self, w: &Words) -> Option<String> {
        let level = self.org.level;
        let mut sentences: Vec<String> = Vec::new();
        for c in self.figures.clauses.iter().filter(|c| !c.is_empty()) {
            let prev = self.previous.as_ref().map(|p| p.figures.clause(c.kind));
            let own = self.own.as_ref().map(|o| o.clause(c.kind));
            sentences.push(clause_sentence(
                c,
                level,
                w,
                prev.as_ref(),
                own.as_ref(),
                self.comparison,
                self.detail,
            ));
            if let Some(v) = verdict_sentence(c, w) {
                sentences.push(v);
            }
        }
        let period = self.period.label(w.lang);
        let merger = self.merger_sentence(w);
        let Some(first) = sentences.first_mut() else {
            let none = match w.lang {
                Lang::Vi => format!(
                    "Trong {period}, {} không tiến hành kiểm tra, giám sát.",
                    self.org.name
                ),
                Lang::En => format!(
                    "In {period}, no inspection or supervision was carried out in {}.",
                    self.org.name
                ),
            };
            return Some(match merger {
                Some(m) => format!("{none} {}.", cap(&m)),
                None => none,
            });
        };
        *first = match w.lang {
            Lang::Vi => format!("Trong {period}, {first}"),
            Lang::En => format!("In {period}, {first}"),
        };
        if self.detail {
            let (i, s) = (
                self.figures.inspected_members_distinct,
                self.figures.supervised_members_distinct,
            );
            if i + s > 0 {
                sentences.push(match w.lang {
                    Lang::Vi => format!(
                        "số đảng viên được kiểm tra (không tính trùng) là {}, được giám sát là {}",
                        w.num(i),
                        w.num(s)
                    ),
                    Lang::En => format!(
                        "distinct members inspected: {}; supervised: {}",
                        w.num(i),
                        w.num(s)
                    ),
                });
            }
        }
        sentences.extend(merger);
        Some(
            sentences
                .iter()
                .map(|s| cap(s) + ".")
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    /// What a comparison across a merger was made with, or why there is
    /// none.
    fn merger_sentence(&self, w: &Words) -> Option<String> {
        let units = prior_units(self.merged_from.as_deref()?, w.lang);
        Some(match (&self.previous, w.lang) {
            (Some(p), Lang::Vi) => format!(
                "số liệu so sánh là tổng số {} của các đơn vị trước hợp nhất: {units}",
                p.period.label(Lang::Vi)
            ),
            (Some(p), Lang::En) => format!(
                "comparisons are with the sum of the units before the merger in {}: {units}",
                p.period.label(Lang::En)
            ),
            (None, Lang::Vi) => format!(
                "{} được hình thành từ {units}; kỳ này không so sánh với cùng kỳ",
                self.org.name
            ),
            (None, Lang::En) => format!(
                "{} was formed from {units}; this period is not compared with the same period a year earlier",
                self.org.name
            ),
        })
    }

    fn discipline_paragraph(&self, w: &Words) -> Option<String> {
        // Discipline counts heads, never visits.
        let w = &Words {
            visits: false,
            ..*w
        };
        let level = self.org.level;
        let mut sentences = Vec::new();
        for d in &self.figures.discipline {
            let who = discipline_who(level, d.body, w.lang);
            let orgs = d.orgs();
            let members = d.members();
            let with_forms = |n: u64, forms: &BTreeMap<DisciplineForm, u64>, noun: String| {
                if n == 0 {
                    return None;
                }
                let list: Vec<String> = forms
                    .iter()
                    .map(|(f, k)| format!("{} {}", f.label(w.lang), w.num(*k)))
                    .collect();
                Some(format!("{noun} ({})", list.join(", ")))
            };
            let parts: Vec<String> = [
                with_forms(orgs, &d.decided_orgs, w.orgs(orgs)),
                with_forms(members, &d.decided_members, w.members(members)),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !parts.is_empty() {
                let mut s = match w.lang {
                    Lang::Vi => format!("{who} đã thi hành kỷ luật {}", parts.join(" và ")),
                    Lang::En => format!("{who} disciplined {}", parts.join(" and ")),
                };
                if d.committee_members > 0 {
                    s.push_str(&w.committee(d.committee_members));
                }
                if let (Some(style), Some(prev)) = (
                    self.comparison,
                    self.previous
                        .as_ref()
                        .and_then(|p| p.figures.discipline_of(d.body)),
                ) {
                    let change =
                        comparison(w, style, [(orgs, prev.orgs()), (members, prev.members())]);
                    s.push_str(&format!(", {change}"));
                }
                sentences.push(s);
            }
            if let Some(pair) = w.pair(d.proposed_orgs, d.proposed_members) {
                sentences.push(match w.lang {
                    Lang::Vi => format!("{who} đã đề nghị thi hành kỷ luật {pair}"),
                    Lang::En => format!("{who} proposed discipline for {pair}"),
                });
            }
        }
        (!sentences.is_empty()).then(|| {
            sentences
                .iter()
                .map(|s| cap(s) + ".")
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    fn membership_paragraph(&self, w: &Words) -> Option<String> {
        let f = &self.figures;
        let total = f.members_official.saturating_add(f.members_probationary);
        let name = &self.org.name;
        let mut sentences = vec![match w.lang {
            Lang::Vi => format!(
                "Đến ngày {}, {name} có {} đảng viên ({} chính thức, {} dự bị)",
                date_vi(self.period.last()),
                count(total, w.lang),
                count(f.members_official, w.lang),
                count(f.members_probationary, w.lang)
            ),
            Lang::En => format!(
                "On {}, {name} had {} ({} official, {} probationary)",
                date_en(self.period.last()),
                plural(total, "member", "members", w.lang),
                count(f.members_official, w.lang),
                count(f.members_probationary, w.lang)
            ),
        }];
        let (removed, probationary) = (f.name_removals, f.name_removals_probationary);
        if removed > 0 {
            let all = probationary == removed;
            let some = probationary > 0 && !all;
            let n = |v| count(v, w.lang);
            sentences.push(match w.lang {
                Lang::Vi => {
                    let prob = if all {
                        " dự bị".to_string()
                    } else if some {
                        format!(" (trong đó {} đảng viên dự bị)", n(probationary))
                    } else {
                        String::new()
                    };
                    format!(
                        "xóa tên {} đảng viên{prob} khỏi danh sách đảng viên",
                        n(removed)
                    )
                }
                Lang::En => {
                    let prob = if all { " probationary" } else { "" };
                    let extra = if some {
                        format!(" ({} of them probationary)", n(probationary))
                    } else {
                        String::new()
                    };
                    let (the, verb) = if removed == 1 {
                        ("the name", "member was")
                    } else {
                        ("the names", "members were")
                    };
                    format!(
                        "{the} of {}{prob} {verb} removed from the membership list{extra}",
                        n(removed)
                    )
                }
            });
        }
        if f.conference_attendance > 0 {
            let a = f.conference_attendance;
            sentences.push(match w.lang {
                // The topic, when every attendance was on the 27 indicators.
                Lang::Vi if f.briefing_on_indicators == a + f.cell_meeting_attendance => format!(
                    "{} lượt cán bộ, đảng viên dự hội nghị phổ biến, quán triệt 27 biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống, “tự diễn biến”, “tự chuyển hóa” trong nội bộ (Nghị quyết Trung ương 4 khóa XII) và bộ công cụ đánh giá",
                    count(a, w.lang)
                ),
                Lang::Vi => format!(
                    "{} lượt cán bộ, đảng viên dự hội nghị phổ biến, quán triệt",
                    count(a, w.lang)
                ),
                Lang::En if f.briefing_on_indicators == a + f.cell_meeting_attendance => format!(
                    "{} attended briefing conferences on the 27 expressions of degradation (Resolution 4 of the 12th Central Committee) and the assessment toolkit",
                    plural(a, "cadre or member", "cadres and members", w.lang)
                ),
                Lang::En => format!(
                    "{} attended briefing conferences",
                    plural(a, "cadre or member", "cadres and members", w.lang)
                ),
            });
        }
        if f.briefed_members > 0 {
            let rate = f.briefing_coverage.percent_label_with::<2>(w.lang);
            sentences.push(match w.lang {
                Lang::Vi => format!(
                    "{} đảng viên được phổ biến, quán triệt ({rate})",
                    count(f.briefed_members, w.lang)
                ),
                Lang::En => format!(
                    "{} briefed ({rate})",
                    plural(f.briefed_members, "member was", "members were", w.lang)
                ),
            });
        }
        Some(
            sentences
                .iter()
                .map(|s| cap(s) + ".")
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// The first letter in capitals.
fn cap(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `n` with its noun: Vietnamese nouns do not inflect; English ones take
/// the singular for 1.
fn plural(n: u64, one: &str, many: &str, lang: Lang) -> String {
    format!("{} {}", count(n, lang), if n == 1 { one } else { many })
}

/// The words of a report in one language and style.
#[derive(Clone, Copy)]
struct Words {
    lang: Lang,
    small: bool,
    visits: bool,
    /// Comparisons are with the sum of the units before a merger.
    merged: bool,
}

impl Words {
    /// A count: padded to two digits in the small-unit style ("07").
    fn num(&self, n: u64) -> String {
        if self.small && self.lang == Lang::Vi && n < 10 {
            format!("{n:02}")
        } else {
            count(n, self.lang).to_string()
        }
    }

    fn orgs(&self, n: u64) -> String {
        match (self.lang, self.visits) {
            (Lang::Vi, _) => format!("{} tổ chức đảng", self.num(n)),
            (Lang::En, _) => plural(n, "party organization", "party organizations", self.lang),
        }
    }

    fn members(&self, n: u64) -> String {
        match (self.lang, self.visits, self.small) {
            (Lang::Vi, _, true) => format!("{} cá nhân", self.num(n)),
            (Lang::Vi, false, false) => format!("{} đảng viên", self.num(n)),
            (Lang::Vi, true, false) => format!("{} lượt đảng viên", self.num(n)),
            (Lang::En, false, _) => plural(n, "member", "members", self.lang),
            (Lang::En, true, _) => plural(n, "member visit", "member visits", self.lang),
        }
    }

    /// "X tổ chức đảng và Y đảng viên", leaving out a zero; `None` for none.
    fn pair(&self, orgs: u64, members: u64) -> Option<String> {
        let parts: Vec<String> = [(orgs, self.orgs(orgs)), (members, self.members(members))]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(_, t)| t)
            .collect();
        let and = match self.lang {
            Lang::Vi => " và ",
            Lang::En => " and ",
        };
        (!parts.is_empty()).then(|| parts.join(and))
    }

    /// ", có Z cấp ủy viên".
    fn committee(&self, n: u64) -> String {
        match self.lang {
            Lang::Vi => format!(", có {} cấp ủy viên", self.num(n)),
            Lang::En if n == 1 => ", 1 of them a committee member".to_string(),
            Lang::En => format!(", {} of them committee members", count(n, self.lang)),
        }
    }
}

/// Who did the work of a clause, by the report's level.
fn who(level: OrgLevel, body: Option<BodyKind>, lang: Lang) -> &'static str {
    let wide = matches!(
        level,
        OrgLevel::Central | OrgLevel::Provincial | OrgLevel::District
    );
    match (lang, body, wide, level) {
        (Lang::Vi, _, false, OrgLevel::Cell) => "chi bộ",
        (Lang::Vi, Some(BodyKind::Committee), true, _) => "cấp ủy các cấp",
        (Lang::Vi, Some(BodyKind::Committee), false, _) => "đảng ủy và các chi bộ",
        (Lang::Vi, Some(BodyKind::Commission), true, _) => "Ủy ban Kiểm tra các cấp",
        (Lang::Vi, Some(BodyKind::Commission), false, _) => "Ủy ban Kiểm tra Đảng ủy",
        (Lang::Vi, None, true, _) => "cấp ủy, Ủy ban Kiểm tra các cấp",
        (Lang::Vi, None, false, _) => "đảng ủy, Ủy ban Kiểm tra Đảng ủy và các chi bộ",
        (Lang::En, _, false, OrgLevel::Cell) => "the party cell",
        (Lang::En, Some(BodyKind::Committee), true, _) => "party committees at all levels",
        (Lang::En, Some(BodyKind::Committee), false, _) => "the party committee and its cells",
        (Lang::En, Some(BodyKind::Commission), true, _) => "inspection commissions at all levels",
        (Lang::En, Some(BodyKind::Commission), false, _) => "the inspection commission",
        (Lang::En, None, true, _) => "party committees and inspection commissions at all levels",
        (Lang::En, None, false, _) => "the party committee, its inspection commission and cells",
    }
}

/// Who disciplined: committees together with the cells ("cấp ủy các cấp và
/// chi bộ"), or commissions.
fn discipline_who(level: OrgLevel, body: BodyKind, lang: Lang) -> &'static str {
    let wide = matches!(
        level,
        OrgLevel::Central | OrgLevel::Provincial | OrgLevel::District
    );
    match (lang, body, wide) {
        (Lang::Vi, BodyKind::Committee, true) => "cấp ủy các cấp và chi bộ",
        (Lang::En, BodyKind::Committee, true) => "party committees at all levels and cells",
        _ => who(level, Some(body), lang),
    }
}

/// The organization's own body, for the small-unit style's detail.
fn own_who(level: OrgLevel, body: Option<BodyKind>, lang: Lang) -> &'static str {
    match (lang, body, level) {
        (Lang::Vi, Some(BodyKind::Commission), OrgLevel::Central) => "Ủy ban Kiểm tra Trung ương",
        (Lang::Vi, Some(BodyKind::Commission), OrgLevel::Provincial) => "Ủy ban Kiểm tra Tỉnh ủy",
        (Lang::Vi, Some(BodyKind::Commission), OrgLevel::District) => "Ủy ban Kiểm tra Huyện ủy",
        (Lang::Vi, Some(BodyKind::Commission), _) => "Ủy ban Kiểm tra Đảng ủy",
        (Lang::Vi, _, OrgLevel::Central) => "Bộ Chính trị, Ban Bí thư",
        (Lang::Vi, _, OrgLevel::Provincial) => "Ban Thường vụ Tỉnh ủy",
        (Lang::Vi, _, OrgLevel::District) => "Ban Thường vụ Huyện ủy",
        (Lang::Vi, _, OrgLevel::Cell) => "Chi bộ",
        (Lang::Vi, _, _) => "Đảng ủy",
        (Lang::En, Some(BodyKind::Commission), _) => "its own inspection commission",
        (Lang::En, _, _) => "its own committee",
    }
}

fn clause_sentence(
    c: &Clause,
    level: OrgLevel,
    w: &Words,
    prev: Option<&Clause>,
    own: Option<&Clause>,
    style: Option<ComparisonStyle>,
    detail: bool,
) -> String {
    let who = who(level, c.body, w.lang);
    let pair = w
        .pair(c.orgs.subjects, c.members.subjects)
        .unwrap_or_else(|| w.num(0));
    let mut s = match (w.lang, c.kind) {
        (Lang::Vi, ClauseKind::CommitteeInspection) => format!("{who} đã kiểm tra {pair}"),
        (Lang::Vi, ClauseKind::CommitteeSigns | ClauseKind::CommissionSigns) => {
            format!("{who} đã kiểm tra khi có dấu hiệu vi phạm đối với {pair}")
        }
        (Lang::Vi, ClauseKind::CommissionDuties) => format!(
            "{who} đã kiểm tra {pair} cấp dưới thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật đảng"
        ),
        (Lang::Vi, ClauseKind::CommissionOther) => {
            format!("{who} đã kiểm tra việc chấp hành đối với {pair}")
        }
        (Lang::Vi, ClauseKind::Finance) => {
            format!("{who} đã kiểm tra tài chính đảng đối với {pair}")
        }
        (Lang::Vi, ClauseKind::CommitteeThematic) => format!("{who} đã giám sát chuyên đề {pair}"),
        (Lang::Vi, ClauseKind::CommitteeRegular) => {
            format!("{who} đã giám sát thường xuyên {pair}")
        }
        (Lang::Vi, ClauseKind::CommissionSupervision) => format!("{who} đã giám sát {pair}"),
        (Lang::En, ClauseKind::CommitteeInspection) => format!("{who} inspected {pair}"),
        (Lang::En, ClauseKind::CommitteeSigns | ClauseKind::CommissionSigns) => {
            format!("{who} inspected {pair} on signs of violation")
        }
        (Lang::En, ClauseKind::CommissionDuties) => format!(
            "{who} inspected how {pair} at lower levels carried out their oversight and discipline duties"
        ),
        (Lang::En, ClauseKind::CommissionOther) => {
            format!("{who} inspected the compliance of {pair}")
        }
        (Lang::En, ClauseKind::Finance) => format!("{who} inspected the party finances of {pair}"),
        (Lang::En, ClauseKind::CommitteeThematic) => {
            format!("{who} carried out thematic supervision of {pair}")
        }
        (Lang::En, ClauseKind::CommitteeRegular) => {
            format!("{who} carried out regular supervision of {pair}")
        }
        (Lang::En, ClauseKind::CommissionSupervision) => format!("{who} supervised {pair}"),
    };
    if c.members.committee_members > 0 {
        s.push_str(&w.committee(c.members.committee_members));
    }
    // The parentheses after the count: the own bodies' share, the number
    // of inspections or supervisions, the comparison; one pair, "; "
    // between.
    let mut notes: Vec<String> = Vec::new();
    if let Some(own) = own
        .filter(|o| (o.orgs.subjects, o.members.subjects) != (c.orgs.subjects, c.members.subjects))
        && let Some(pair) = w.pair(own.orgs.subjects, own.members.subjects)
    {
        let verb = match (w.lang, c.kind.activity()) {
            (Lang::Vi, Activity::Inspection) => "kiểm tra",
            (Lang::Vi, Activity::Supervision) => "giám sát",
            (Lang::En, Activity::Inspection) => "inspected",
            (Lang::En, Activity::Supervision) => "supervised",
        };
        notes.push(format!("{} {verb} {pair}", own_who(level, c.body, w.lang)));
    }
    if detail && c.count > 0 {
        notes.push(match (w.lang, c.kind.activity()) {
            (Lang::Vi, Activity::Inspection) => format!("{} cuộc kiểm tra", w.num(c.count)),
            (Lang::Vi, Activity::Supervision) => format!("{} cuộc giám sát", w.num(c.count)),
            (Lang::En, Activity::Inspection) => {
                plural(c.count, "inspection", "inspections", w.lang)
            }
            (Lang::En, Activity::Supervision) => {
                plural(c.count, "supervision", "supervisions", w.lang)
            }
        });
    }
    if let (Some(style), Some(p)) = (style, prev) {
        notes.push(comparison(
            w,
            style,
            [
                (c.orgs.subjects, p.orgs.subjects),
                (c.members.subjects, p.members.subjects),
            ],
        ));
    }
    if !notes.is_empty() {
        s.push_str(&format!(" ({})", notes.join("; ")));
    }
    s
}

/// The units before a merger: "Đảng bộ xã A (cũ), 2/3 số liệu của Đảng bộ
/// xã C (cũ) và Đảng bộ xã X1" (units that no longer exist marked "(cũ)",
/// as REPORTS.md §4 finds them named).
fn prior_units(units: &[PriorUnit], lang: Lang) -> String {
    let names: Vec<String> = units
        .iter()
        .map(|u| {
            let former = match (u.former, lang) {
                (false, _) => "",
                (true, Lang::Vi) => " (cũ)",
                (true, Lang::En) => " (former)",
            };
            let share = u.share.reduced();
            if share == Ratio::ONE {
                format!("{}{former}", u.name)
            } else {
                let (n, d) = (share.numerator(), share.denominator());
                match lang {
                    Lang::Vi => format!("{n}/{d} số liệu của {}{former}", u.name),
                    Lang::En => format!("{n}/{d} of {}{former}", u.name),
                }
            }
        })
        .collect();
    let and = match lang {
        Lang::Vi => " và ",
        Lang::En => " and ",
    };
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// "tăng 230 tổ chức và 124 đảng viên so với cùng kỳ": organizations then
/// members, each as (now, then); a clause puts it in parentheses, the
/// discipline sentence after a comma.
fn comparison(w: &Words, style: ComparisonStyle, pairs: [(u64, u64); 2]) -> String {
    // (Vietnamese short and long nouns; English singular and plural.)
    let person = if w.small {
        "cá nhân"
    } else {
        "đảng viên"
    };
    let nouns = match w.lang {
        Lang::Vi => [("tổ chức", "tổ chức đảng"), (person, person)],
        Lang::En => [("organization", "organizations"), ("member", "members")],
    };
    let mut parts = Vec::new();
    for ((now, then), (short, long)) in pairs.into_iter().zip(nouns) {
        if now == then {
            continue;
        }
        let (up, by) = if now > then {
            (true, now - then)
        } else {
            (false, then - now)
        };
        let word = match (w.lang, up) {
            (Lang::Vi, true) => "tăng",
            (Lang::Vi, false) => "giảm",
            (Lang::En, true) => "up",
            (Lang::En, false) => "down",
        };
        let amount = match (style, crate::Ratio::new(by, then)) {
            (ComparisonStyle::Percent, Ok(r)) if then > 0 => {
                let pct = r
                    .percent_with::<1>(Rounding::HalfAwayFromZero)
                    .display(w.lang);
                match w.lang {
                    Lang::Vi => format!("{pct} {long}"),
                    Lang::En => format!("{pct} in {long}"),
                }
            }
            _ => match w.lang {
                Lang::Vi => format!("{} {short}", w.num(by)),
                Lang::En => plural(by, short, long, w.lang),
            },
        };
        parts.push((word, amount));
    }
    let tail = match (w.lang, w.merged) {
        (Lang::Vi, false) => "so với cùng kỳ",
        (Lang::Vi, true) => "so với tổng số của các đơn vị trước hợp nhất",
        (Lang::En, false) => "on the same period a year earlier",
        (Lang::En, true) => "on the sum of the units before the merger a year earlier",
    };
    if parts.is_empty() {
        return match w.lang {
            Lang::Vi => format!("tương đương {tail}"),
            Lang::En => format!("unchanged {tail}"),
        };
    }
    // "tăng A tổ chức và B đảng viên"; with opposite signs, each its word.
    let same = parts
        .windows(2)
        .all(|p| p.first().map(|x| x.0) == p.get(1).map(|x| x.0));
    let and = match w.lang {
        Lang::Vi => " và ",
        Lang::En => " and ",
    };
    let body = if same {
        let word = parts.first().map_or("", |p| p.0);
        let amounts: Vec<String> = parts.into_iter().map(|p| p.1).collect();
        format!("{word} {}", amounts.join(and))
    } else {
        parts
            .into_iter()
            .map(|(word, amount)| format!("{word} {amount}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("{body} {tail}")
}

/// "Qua kiểm tra, kết luận … thực hiện tốt; … có vi phạm; phải thi hành kỷ
/// luật …; đã thi hành kỷ luật …", or the supervision's; `None` when the
/// clause concluded nothing yet.
fn verdict_sentence(c: &Clause, w: &Words) -> Option<String> {
    let pair = |f: fn(&SubjectFigures) -> u64| w.pair(f(&c.orgs), f(&c.members));
    let inspection = c.kind.activity() == Activity::Inspection;
    let mut found: Vec<String> = Vec::new();
    let mut then: Vec<String> = Vec::new();
    let (good, short, viol) = match w.lang {
        Lang::Vi => (
            "thực hiện tốt",
            "còn hạn chế, khuyết điểm",
            if inspection {
                "có vi phạm"
            } else {
                "có dấu hiệu vi phạm"
            },
        ),
        Lang::En => (
            "doing well",
            "with shortcomings",
            if inspection {
                "in violation"
            } else {
                "showing signs of violation"
            },
        ),
    };
    for (p, what) in [
        (pair(|f| f.good), good),
        (pair(|f| f.shortcoming), short),
        (pair(|f| f.violation), viol),
    ] {
        if let Some(p) = p {
            found.push(format!("{p} {what}"));
        }
    }
    if inspection {
        if let Some(p) = pair(|f| f.must_discipline) {
            then.push(match w.lang {
                Lang::Vi => format!("phải thi hành kỷ luật {p}"),
                Lang::En => format!("{p} to be disciplined"),
            });
        }
        if let Some(p) = pair(|f| f.disciplined) {
            then.push(match w.lang {
                Lang::Vi => format!("đã thi hành kỷ luật {p}"),
                Lang::En => format!("{p} disciplined"),
            });
        }
    } else if let Some(p) = pair(|f| f.escalated) {
        then.push(match w.lang {
            Lang::Vi => format!("chuyển kiểm tra khi có dấu hiệu vi phạm {p}"),
            Lang::En => format!("{p} turned over for inspection on signs of violation"),
        });
    }
    if found.is_empty() && then.is_empty() {
        return None;
    }
    let all: Vec<String> = found.iter().chain(&then).cloned().collect();
    Some(match (w.lang, inspection) {
        (Lang::Vi, true) => {
            let head = if found.is_empty() {
                "Qua kiểm tra, "
            } else {
                "Qua kiểm tra, kết luận "
            };
            format!("{head}{}", all.join("; "))
        }
        (Lang::Vi, false) => format!("Qua giám sát, {}", all.join("; ")),
        (Lang::En, true) => format!("The inspections found {}", all.join("; ")),
        (Lang::En, false) => format!("The supervisions found {}", all.join("; ")),
    })
}

fn unknown(org: &str) -> Error {
    match OrgId::new(org) {
        Ok(id) => ErrorKind::UnknownOrganization(id).into(),
        Err(e) => e,
    }
}

fn term_section(
    engine: &Engine<'_>,
    org: &str,
    period: Period,
    options: ReportOptions,
    t: &TermTargets,
) -> Result<TermSection, Error> {
    // Across a merger the baseline is the work of the units before it,
    // re-based onto the organization at the report's last day.
    let (baseline, rebased_from) = match t.baseline_count {
        Some(n) => (Ratio::new(n, 1)?, None),
        None => match merged_units(engine, org, t.baseline_period, period.last())? {
            Some(units) => (
                engine.rebased_oversight(org, t.baseline_period, period.last())?,
                Some(units),
            ),
            None => (
                Ratio::new(engine.tally(org, t.baseline_period)?.oversight_count(), 1)?,
                None,
            ),
        },
    };
    let term_period = t.term.period();
    let so_far = Period::new(term_period.first(), period.last().min(term_period.last()))
        .unwrap_or(Period::new(term_period.first(), term_period.first())?);
    let current_tally = if period.last() < term_period.first() {
        Tally::default()
    } else {
        engine.tally(org, so_far)?
    };
    let current = current_tally.oversight_count();
    let evaluation = t.oversight.evaluate_over(baseline, current)?;
    let progress =
        t.oversight
            .progress_over(baseline, t.term, period.last(), current, options.tolerance)?;
    let resolution = current_tally.resolution_pooled();
    Ok(TermSection {
        term: t.term,
        baseline_period: t.baseline_period,
        target: t.oversight,
        baseline,
        rebased_from,
        current,
        bounds: evaluation.bounds(),
        evaluation,
        progress,
        resolution,
        resolution_target: t.resolution,
        resolution_evaluation: resolution.evaluate(t.resolution),
    })
}

fn render_term(t: &TermSection, period: Period, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let n = |v: u64| count(v, lang).to_string();
    let pct = |r: crate::Ratio| {
        r.percent_with::<2>(Rounding::HalfAwayFromZero)
            .display(lang)
            .to_string()
    };
    let dec = |r: crate::Ratio| {
        r.value_with::<2>(Rounding::HalfAwayFromZero)
            .display(lang)
            .to_string()
    };
    // A whole count as it is; a re-based fraction with two decimals,
    // rounded half away from zero for display only.
    let baseline = if t.baseline.denominator() == 1 {
        n(t.baseline.numerator())
    } else {
        dec(t.baseline)
    };
    let (term, target) = (t.term.label(lang), t.target.label(lang));
    let mut baseline_period = t.baseline_period.label(lang);
    if let Some(units) = &t.rebased_from {
        baseline_period.push_str(&match lang {
            Lang::Vi => format!(
                "; tổng số của các đơn vị trước hợp nhất: {}",
                prior_units(units, lang)
            ),
            Lang::En => format!(
                "; the sum of the units before the merger: {}",
                prior_units(units, lang)
            ),
        });
    }
    let mut lines = vec![if vi {
        format!(
            "Chỉ tiêu {term}: {target} số cuộc kiểm tra, giám sát của cấp ủy, UBKT các cấp so với nhiệm kỳ trước ({baseline} cuộc, {baseline_period})."
        )
    } else {
        format!(
            "Target for {term}: inspections and supervisions by committees and commissions at all levels to {target} over the previous term ({baseline}, {baseline_period})."
        )
    }];
    let b = t.bounds;
    if t.baseline.numerator() == 0 {
        lines.push(if vi {
            "- Nhiệm kỳ trước không có cuộc nào: không đánh giá được tỷ lệ tăng.".into()
        } else {
            "- The previous term had none: the increase cannot be judged.".into()
        });
    } else {
        let low = n(b.low());
        lines.push(match (b.high().map(n), vi) {
            (Some(h), true) => {
                format!("- Cả nhiệm kỳ cần ít nhất {low} cuộc, mức trên của khoảng {h} cuộc.")
            }
            (None, true) => format!("- Cả nhiệm kỳ cần ít nhất {low} cuộc."),
            (Some(h), false) => {
                format!("- The whole term needs at least {low}, top of the band {h}.")
            }
            (None, false) => format!("- The whole term needs at least {low}."),
        });
        let pace = match (t.progress.pace, vi) {
            (Pace::OnTrack, true) => "đúng tiến độ".to_string(),
            (Pace::OnTrack, false) => "on track".to_string(),
            (Pace::Behind { by }, true) => format!("chậm tiến độ {} cuộc", n(by)),
            (Pace::Behind { by }, false) => format!("behind schedule by {}", n(by)),
        };
        let (elapsed, current, expected) = (
            pct(t.progress.elapsed),
            n(t.current),
            dec(t.progress.expected),
        );
        lines.push(if vi {
            let day = date_vi(period.last());
            format!("- Đến ngày {day} (đã qua {elapsed} thời gian nhiệm kỳ) thực hiện {current} cuộc; theo tiến độ đều cần {expected} cuộc: {pace}.")
        } else {
            let day = date_en(period.last());
            format!("- By {day} ({elapsed} of the term elapsed): {current}; a linear schedule expects {expected}: {pace}.")
        });
        if let Some(per_year) = t.progress.per_remaining_year
            && t.progress.remaining > 0
        {
            let (remaining, years, per_year) = (
                n(t.progress.remaining),
                dec(t.progress.remaining_years),
                dec(per_year),
            );
            lines.push(if vi {
                format!("- Còn phải thực hiện {remaining} cuộc trong {years} năm còn lại, bình quân {per_year} cuộc/năm.")
            } else {
                format!("- Still needed: {remaining} in the {years} years left, {per_year} a year on average.")
            });
        }
    }
    let verdict = match (t.resolution_evaluation, vi) {
        (RateEvaluation::NothingToMeasure, true) => "chưa phát hiện vi phạm phải xử lý".to_string(),
        (RateEvaluation::NothingToMeasure, false) => "no violation to handle yet".to_string(),
        (RateEvaluation::Met, true) => "đạt chỉ tiêu".to_string(),
        (RateEvaluation::Met, false) => "target met".to_string(),
        (RateEvaluation::Short { by }, true) => {
            format!("chưa đạt, còn {} trường hợp chưa xử lý", n(by))
        }
        (RateEvaluation::Short { by }, false) => format!("not met, {} still to handle", n(by)),
    };
    let goal = t.resolution_target.display(lang);
    let (part, whole) = (n(t.resolution.part()), n(t.resolution.whole()));
    let rate = t.resolution.percent_label_with::<2>(lang);
    lines.push(if vi {
        format!("Chỉ tiêu xử lý đạt {goal} số vụ vi phạm được phát hiện: đã xử lý {part}/{whole} ({rate}): {verdict}.")
    } else {
        format!("Target to handle {goal} of the violations detected: {part} of {whole} handled ({rate}): {verdict}.")
    });
    lines.into_iter().map(|l| l + "\n").collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_body_and_kind_has_one_clause() {
        for b in BodyKind::ALL {
            for k in OversightKind::ALL {
                let c = ClauseKind::of(b, k);
                assert!(c.kinds().contains(&k), "{b:?} {k:?} in {c:?}");
                assert!(c.body().is_none_or(|x| x == b));
                assert_eq!(c.activity(), k.activity());
                let others = ClauseKind::ALL
                    .into_iter()
                    .filter(|o| {
                        *o != c && o.body().is_none_or(|x| x == b) && o.kinds().contains(&k)
                    })
                    .count();
                assert_eq!(others, 0, "{b:?} {k:?}");
            }
        }
    }

    #[test]
    fn a_year_earlier() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(year_earlier(p("2019-H1")), Some(p("2018-H1")));
        assert_eq!(year_earlier(p("2020-02")), Some(p("2019-02")));
        assert_eq!(year_earlier(p("2021-02")), Some(p("2020-02")));
        assert_eq!(
            year_earlier(p("2020-02-10..2020-02-28")),
            Some(p("2019-02-10..2019-02-28"))
        );
    }

    #[test]
    fn comparisons_read_as_reports_write_them() {
        let w = Words {
            lang: Lang::Vi,
            small: false,
            visits: false,
            merged: false,
        };
        let abs = ComparisonStyle::Absolute;
        assert_eq!(
            comparison(&w, abs, [(450, 220), (206, 82)]),
            "tăng 230 tổ chức và 124 đảng viên so với cùng kỳ"
        );
        assert_eq!(
            comparison(&w, abs, [(3, 3), (7, 7)]),
            "tương đương so với cùng kỳ"
        );
        assert_eq!(
            comparison(&w, abs, [(5, 3), (1, 7)]),
            "tăng 2 tổ chức, giảm 6 đảng viên so với cùng kỳ"
        );
        assert_eq!(
            comparison(&w, abs, [(0, 0), (1, 7)]),
            "giảm 6 đảng viên so với cùng kỳ"
        );
        let pct = ComparisonStyle::Percent;
        assert_eq!(
            comparison(&w, pct, [(1181, 1000), (3, 0)]),
            "tăng 18,1% tổ chức đảng và 3 đảng viên so với cùng kỳ"
        );
        let en = Words {
            lang: Lang::En,
            small: false,
            visits: false,
            merged: false,
        };
        assert_eq!(
            comparison(&en, abs, [(450, 220), (206, 82)]),
            "up 230 organizations and 124 members on the same period a year earlier"
        );
        let merged = Words { merged: true, ..w };
        assert_eq!(
            comparison(&merged, abs, [(450, 220), (206, 82)]),
            "tăng 230 tổ chức và 124 đảng viên so với tổng số của các đơn vị trước hợp nhất"
        );
    }

    #[test]
    fn units_before_a_merger_are_named() {
        let unit = |name: &str, share: Ratio, former| PriorUnit {
            id: "X".parse().unwrap(),
            name: name.into(),
            share,
            former,
        };
        let units = [
            unit("Đảng bộ xã A", Ratio::ONE, true),
            unit("Đảng bộ xã C", Ratio::new(2, 3).unwrap(), true),
            unit("Đảng bộ xã X1", Ratio::ONE, false),
        ];
        assert_eq!(
            prior_units(&units, Lang::Vi),
            "Đảng bộ xã A (cũ), 2/3 số liệu của Đảng bộ xã C (cũ) và Đảng bộ xã X1"
        );
        assert_eq!(
            prior_units(&units, Lang::En),
            "Đảng bộ xã A (former), 2/3 of Đảng bộ xã C (former) and Đảng bộ xã X1"
        );
    }
}
