//! Periodic oversight reports: the figures of one organization's subtree
//! over one period, with the term targets, rendered in Vietnamese (as the
//! summary paragraph of an official report) or English, and serializable as
//! JSON.
//!
//! # JSON shape (stable)
//!
//! ```text
//! {
//!   "org": {"id", "name", "level"},
//!   "period": {"first", "last"},
//!   "bodies": "commission" | "committee" | "both",
//!   "figures": {
//!     "inspections", "supervisions",                       // cuộc
//!     "inspected_orgs", "inspected_org_visits",            // distinct, lượt
//!     "inspected_members", "inspected_member_visits",
//!     "supervised_orgs", "supervised_org_visits",
//!     "supervised_members", "supervised_member_visits",
//!     "members_covered", "committee_members_covered",      // distinct members inspected or supervised, and cấp ủy viên among them
//!     "orgs_with_violations", "member_visits_with_violations", "violations_handled",
//!     "escalations",                                       // supervisions turned into inspections
//!     "discipline": {"proposed_orgs", "proposed_members", "decided_orgs", "decided_members",
//!                    "decided_by_form": {"reprimand": n, …}},
//!     "name_removals", "name_removals_probationary",
//!     "assessments",
//!     "members_official", "members_probationary",          // on the last day
//!     "conference_attendance", "cell_meeting_attendance", "briefed_members",
//!     "briefing_coverage": {"kind", "part", "whole"}
//!   },
//!   "term": null | {
//!     "term": {…}, "baseline_period": {…}, "target": {…},
//!     "baseline", "current", "bounds": {"baseline", "low", "high"},
//!     "evaluation": {…}, "progress": {…},
//!     "resolution": {"kind", "part", "whole"}, "resolution_target": {…},
//!     "resolution_evaluation": {…}
//!   }
//! }
//! ```
//!
//! Every figure is computed from the records; rates are exact
//! (`part`/`whole`) in JSON and rounded only in the text, half away from
//! zero.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::OrgId;
use crate::assessment::BriefingKind;
use crate::discipline::{DisciplineForm, DisciplineStatus};
use crate::display::{Lang, count};
use crate::error::{Error, ErrorKind};
use crate::inspection::BodyKind;
use crate::organization::OrgLevel;
use crate::period::{Period, Term, date_en, date_vi};
use crate::rate::{Rate, RateEvaluation};
use crate::ratio::{Percent, Rounding};
use crate::rollup::{Records, SubjectSide, Tally};
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
}

/// The congress-term targets a report evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermTargets {
    /// The current term.
    pub term: Term,
    /// The previous term, whose count is the baseline.
    pub baseline_period: Period,
    /// The target for the number of inspections and supervisions (cuộc
    /// KTGS) of committees and commissions, e.g. 10–20% more.
    pub oversight: PercentTarget,
    /// The share of violations detected that must be handled, e.g. 100%.
    pub resolution: Percent,
}

/// Options of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    bodies: Bodies,
    tolerance: Percent,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            bodies: Bodies::Commission,
            tolerance: Percent::whole(0),
        }
    }
}

impl ReportOptions {
    /// Which bodies the oversight figures cover (default: commissions).
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
}

/// The organization a report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportOrg {
    /// Its id.
    pub id: OrgId,
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: OrgLevel,
}

/// Discipline figures of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineFigures {
    /// Organizations proposed for discipline.
    pub proposed_orgs: u64,
    /// Members proposed for discipline.
    pub proposed_members: u64,
    /// Organizations disciplined (decided).
    pub decided_orgs: u64,
    /// Members disciplined (decided).
    pub decided_members: u64,
    /// Decisions by form (organizations and members).
    pub decided_by_form: BTreeMap<DisciplineForm, u64>,
}

/// The figures of a report; see the module docs for the JSON shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct Figures {
    pub inspections: u64,
    pub supervisions: u64,
    pub inspected_orgs: u64,
    pub inspected_org_visits: u64,
    pub inspected_members: u64,
    pub inspected_member_visits: u64,
    pub supervised_orgs: u64,
    pub supervised_org_visits: u64,
    pub supervised_members: u64,
    pub supervised_member_visits: u64,
    pub members_covered: u64,
    pub committee_members_covered: u64,
    pub orgs_with_violations: u64,
    pub member_visits_with_violations: u64,
    pub violations_handled: u64,
    pub escalations: u64,
    pub discipline: DisciplineFigures,
    pub name_removals: u64,
    pub name_removals_probationary: u64,
    pub assessments: u64,
    pub members_official: u64,
    pub members_probationary: u64,
    pub conference_attendance: u64,
    pub cell_meeting_attendance: u64,
    pub briefed_members: u64,
    pub briefing_coverage: Rate,
}

impl Figures {
    /// The figures of `tally` for `bodies`.
    #[must_use]
    pub fn from_tally(tally: &Tally, bodies: Bodies) -> Figures {
        let b = match bodies.kind() {
            Some(k) => tally.body(k).clone(),
            None => tally.both_bodies(),
        };
        let (i, s) = (&b.inspections, &b.supervisions);
        let mut covered = i.clone();
        covered.merge(s);
        let d = |status, side| tally.discipline(bodies.kind(), status, side, None);
        let decided_by_form = DisciplineForm::ALL
            .into_iter()
            .map(|f| {
                let n = tally.discipline(
                    bodies.kind(),
                    DisciplineStatus::Decided,
                    SubjectSide::Member,
                    Some(f),
                ) + tally.discipline(
                    bodies.kind(),
                    DisciplineStatus::Decided,
                    SubjectSide::Organization,
                    Some(f),
                );
                (f, n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        Figures {
            inspections: i.count(),
            supervisions: s.count(),
            inspected_orgs: i.orgs_distinct(),
            inspected_org_visits: i.org_visits(),
            inspected_members: i.members_distinct(),
            inspected_member_visits: i.member_visits(),
            supervised_orgs: s.orgs_distinct(),
            supervised_org_visits: s.org_visits(),
            supervised_members: s.members_distinct(),
            supervised_member_visits: s.member_visits(),
            members_covered: covered.members_distinct(),
            committee_members_covered: covered.committee_members_distinct(),
            orgs_with_violations: i.org_violations() + s.org_violations(),
            member_visits_with_violations: i.member_violations() + s.member_violations(),
            violations_handled: i.handled() + s.handled(),
            escalations: i.escalations(),
            discipline: DisciplineFigures {
                proposed_orgs: d(DisciplineStatus::Proposed, SubjectSide::Organization),
                proposed_members: d(DisciplineStatus::Proposed, SubjectSide::Member),
                decided_orgs: d(DisciplineStatus::Decided, SubjectSide::Organization),
                decided_members: d(DisciplineStatus::Decided, SubjectSide::Member),
                decided_by_form,
            },
            name_removals: tally.name_removals(),
            name_removals_probationary: tally.name_removals_probationary(),
            assessments: tally.assessments(),
            members_official: tally.members_official(),
            members_probationary: tally.members_probationary(),
            conference_attendance: tally.briefing_visits(Some(BriefingKind::Conference)),
            cell_meeting_attendance: tally.briefing_visits(Some(BriefingKind::CellMeeting)),
            briefed_members: tally.briefed_members(),
            briefing_coverage: tally.briefing_coverage(),
        }
    }
}

/// The term part of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermSection {
    /// The current term.
    pub term: Term,
    /// The previous term.
    pub baseline_period: Period,
    /// The target on the number of inspections and supervisions.
    pub target: PercentTarget,
    /// Inspections and supervisions of committees and commissions in the
    /// previous term.
    pub baseline: u64,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OversightReport {
    /// The organization.
    pub org: ReportOrg,
    /// The period.
    pub period: Period,
    /// The bodies the oversight figures cover.
    pub bodies: Bodies,
    /// The figures.
    pub figures: Figures,
    /// The term targets, if asked for.
    pub term: Option<TermSection>,
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
        records: &Records<'_>,
        org: &str,
        period: Period,
        options: ReportOptions,
        targets: Option<&TermTargets>,
    ) -> Result<Self, Error> {
        let tally = records.tally(org, period)?;
        let o = records.tree().get(org).ok_or_else(|| unknown(org))?;
        let term = match targets {
            None => None,
            Some(t) => Some(term_section(records, org, period, options, t)?),
        };
        Ok(OversightReport {
            org: ReportOrg {
                id: o.id().clone(),
                name: o.name().to_owned(),
                level: o.level(),
            },
            period,
            bodies: options.bodies,
            figures: Figures::from_tally(&tally, options.bodies),
            term,
        })
    }

    /// The report as text in `lang`: a summary paragraph of the oversight
    /// figures, a paragraph on membership and briefings, and the term
    /// targets.
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.render_vi(),
            Lang::En => self.render_en(),
        }
    }

    fn render_vi(&self) -> String {
        let f = &self.figures;
        let n = |v: u64| count(v, Lang::Vi).to_string();
        let who = match self.bodies {
            Bodies::Commission => "UBKT các cấp",
            Bodies::Committee => "cấp ủy các cấp",
            Bodies::Both => "cấp ủy, UBKT các cấp",
        };
        let mut out = String::new();
        let mut clauses: Vec<String> = Vec::new();
        let mut inspected = Vec::new();
        if f.inspected_orgs > 0 {
            inspected.push(format!("{} tổ chức đảng", n(f.inspected_orgs)));
        }
        if f.inspected_member_visits > 0 {
            inspected.push(format!("{} lượt đảng viên", n(f.inspected_member_visits)));
        }
        if !inspected.is_empty() {
            clauses.push(format!("kiểm tra {}", inspected.join(" và ")));
        }
        let mut supervised = Vec::new();
        if f.supervised_orgs > 0 {
            supervised.push(format!("{} tổ chức đảng", n(f.supervised_orgs)));
        }
        if f.supervised_member_visits > 0 {
            supervised.push(format!("{} lượt đảng viên", n(f.supervised_member_visits)));
        }
        if !supervised.is_empty() {
            clauses.push(format!("giám sát {}", supervised.join(" và ")));
        }
        if f.inspected_member_visits + f.supervised_member_visits > 0 {
            let committee = if f.committee_members_covered > 0 {
                format!(", trong đó {} cấp ủy viên", n(f.committee_members_covered))
            } else {
                String::new()
            };
            clauses.push(format!(
                "số đảng viên được kiểm tra, giám sát (không tính trùng) là {}{committee}",
                n(f.members_covered)
            ));
        }
        if f.orgs_with_violations + f.member_visits_with_violations > 0 {
            let handled = if f.violations_handled == 0 {
                "chưa xử lý trường hợp nào".to_string()
            } else {
                format!("đã xử lý {} trường hợp", n(f.violations_handled))
            };
            clauses.push(format!(
                "kết luận {} tổ chức và {} lượt đảng viên có khuyết điểm, vi phạm, {handled}",
                n(f.orgs_with_violations),
                n(f.member_visits_with_violations),
            ));
        }
        if f.escalations > 0 {
            clauses.push(format!(
                "chuyển {} cuộc giám sát sang kiểm tra khi có dấu hiệu vi phạm",
                n(f.escalations)
            ));
        }
        let d = &f.discipline;
        let mut proposed = Vec::new();
        if d.proposed_orgs > 0 {
            proposed.push(format!("{} tổ chức đảng", n(d.proposed_orgs)));
        }
        if d.proposed_members > 0 {
            proposed.push(format!("{} đảng viên", n(d.proposed_members)));
        }
        if !proposed.is_empty() {
            clauses.push(format!(
                "đề nghị xem xét thi hành kỷ luật {}",
                proposed.join(" và ")
            ));
        }
        let mut decided = Vec::new();
        if d.decided_orgs > 0 {
            decided.push(format!("{} tổ chức đảng", n(d.decided_orgs)));
        }
        if d.decided_members > 0 {
            decided.push(format!("{} đảng viên", n(d.decided_members)));
        }
        if !decided.is_empty() {
            let forms: Vec<String> = d
                .decided_by_form
                .iter()
                .map(|(k, v)| format!("{} {}", k.vi(), n(*v)))
                .collect();
            clauses.push(format!(
                "thi hành kỷ luật {} ({})",
                decided.join(" và "),
                forms.join(", ")
            ));
        }
        if clauses.is_empty() {
            clauses.push("không tiến hành cuộc kiểm tra, giám sát nào".into());
        }
        let _ = writeln!(
            out,
            "Trong {}, {} của {} tiến hành {} cuộc kiểm tra và {} cuộc giám sát: {}.",
            self.period.label(Lang::Vi),
            who,
            self.org.name,
            n(f.inspections),
            n(f.supervisions),
            clauses.join("; ")
        );
        if f.name_removals > 0 {
            let prob = if f.name_removals_probationary == f.name_removals {
                " dự bị".to_string()
            } else if f.name_removals_probationary > 0 {
                format!(
                    " (trong đó {} đảng viên dự bị)",
                    n(f.name_removals_probationary)
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "Xóa tên {} đảng viên{prob} khỏi danh sách đảng viên.",
                n(f.name_removals)
            );
        }
        let mut members = format!(
            "Đến ngày {}, đảng bộ có {} đảng viên ({} chính thức, {} dự bị)",
            date_vi(self.period.last()),
            n(f.members_official + f.members_probationary),
            n(f.members_official),
            n(f.members_probationary)
        );
        if f.conference_attendance > 0 {
            let _ = write!(
                members,
                "; {} lượt cán bộ, đảng viên dự hội nghị phổ biến, quán triệt",
                n(f.conference_attendance)
            );
        }
        if f.briefed_members > 0 {
            let _ = write!(
                members,
                "; {} đảng viên được phổ biến, quán triệt ({})",
                n(f.briefed_members),
                f.briefing_coverage
                    .percent_label(Lang::Vi, 2)
                    .unwrap_or_default()
            );
        }
        let _ = writeln!(out, "{members}.");
        if let Some(t) = &self.term {
            out.push_str(&render_term(t, self.period, Lang::Vi));
        }
        out
    }

    fn render_en(&self) -> String {
        let f = &self.figures;
        let n = |v: u64| count(v, Lang::En).to_string();
        // "1 party organization", "2 party organizations".
        let nn = |v: u64, one: &str, many: &str| {
            format!("{} {}", count(v, Lang::En), if v == 1 { one } else { many })
        };
        let who = match self.bodies {
            Bodies::Commission => "the inspection commissions at all levels",
            Bodies::Committee => "the party committees at all levels",
            Bodies::Both => "the party committees and inspection commissions at all levels",
        };
        let mut out = String::new();
        let mut clauses: Vec<String> = Vec::new();
        let mut inspected = Vec::new();
        if f.inspected_orgs > 0 {
            inspected.push(nn(
                f.inspected_orgs,
                "party organization",
                "party organizations",
            ));
        }
        if f.inspected_member_visits > 0 {
            inspected.push(nn(
                f.inspected_member_visits,
                "member-visit",
                "member-visits",
            ));
        }
        if !inspected.is_empty() {
            clauses.push(format!("inspected {}", inspected.join(" and ")));
        }
        let mut supervised = Vec::new();
        if f.supervised_orgs > 0 {
            supervised.push(nn(
                f.supervised_orgs,
                "party organization",
                "party organizations",
            ));
        }
        if f.supervised_member_visits > 0 {
            supervised.push(nn(
                f.supervised_member_visits,
                "member-visit",
                "member-visits",
            ));
        }
        if !supervised.is_empty() {
            clauses.push(format!("supervised {}", supervised.join(" and ")));
        }
        if f.inspected_member_visits + f.supervised_member_visits > 0 {
            let committee = if f.committee_members_covered > 0 {
                format!(
                    ", {} of them committee members",
                    n(f.committee_members_covered)
                )
            } else {
                String::new()
            };
            clauses.push(format!(
                "covered {}{committee}",
                nn(f.members_covered, "distinct member", "distinct members")
            ));
        }
        if f.orgs_with_violations + f.member_visits_with_violations > 0 {
            clauses.push(format!(
                "found shortcomings or violations in {} and {}, {} of them handled",
                nn(f.orgs_with_violations, "organization", "organizations"),
                nn(
                    f.member_visits_with_violations,
                    "member-visit",
                    "member-visits"
                ),
                n(f.violations_handled)
            ));
        }
        if f.escalations > 0 {
            clauses.push(format!(
                "turned {} into inspections on signs of violation",
                nn(f.escalations, "supervision", "supervisions")
            ));
        }
        let d = &f.discipline;
        let mut proposed = Vec::new();
        if d.proposed_orgs > 0 {
            proposed.push(nn(
                d.proposed_orgs,
                "party organization",
                "party organizations",
            ));
        }
        if d.proposed_members > 0 {
            proposed.push(nn(d.proposed_members, "member", "members"));
        }
        if !proposed.is_empty() {
            clauses.push(format!(
                "proposed discipline for {}",
                proposed.join(" and ")
            ));
        }
        let mut decided = Vec::new();
        if d.decided_orgs > 0 {
            decided.push(nn(
                d.decided_orgs,
                "party organization",
                "party organizations",
            ));
        }
        if d.decided_members > 0 {
            decided.push(nn(d.decided_members, "member", "members"));
        }
        if !decided.is_empty() {
            let forms: Vec<String> = d
                .decided_by_form
                .iter()
                .map(|(k, v)| format!("{} {}", k.en(), n(*v)))
                .collect();
            clauses.push(format!(
                "disciplined {} ({})",
                decided.join(" and "),
                forms.join(", ")
            ));
        }
        if clauses.is_empty() {
            clauses.push("conducted no inspection or supervision".into());
        }
        let period = self.period.label(Lang::En);
        let _ = writeln!(
            out,
            "In {period}, {who} of {} conducted {} inspections and {} supervisions: they {}.",
            self.org.name,
            n(f.inspections),
            n(f.supervisions),
            clauses.join("; ")
        );
        if f.name_removals > 0 {
            let prob = if f.name_removals_probationary == f.name_removals {
                " probationary".to_string()
            } else {
                String::new()
            };
            let extra = if f.name_removals_probationary > 0
                && f.name_removals_probationary < f.name_removals
            {
                format!(
                    " ({} of them probationary)",
                    n(f.name_removals_probationary)
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{} of {}{prob} {} removed from the membership list{extra}.",
                if f.name_removals == 1 {
                    "The name"
                } else {
                    "The names"
                },
                n(f.name_removals),
                if f.name_removals == 1 {
                    "member was"
                } else {
                    "members were"
                }
            );
        }
        let mut members = format!(
            "On {}, the party organization had {} members ({} official, {} probationary)",
            date_en(self.period.last()),
            n(f.members_official + f.members_probationary),
            n(f.members_official),
            n(f.members_probationary)
        );
        if f.conference_attendance > 0 {
            let _ = write!(
                members,
                "; {} attended the briefing conference",
                nn(
                    f.conference_attendance,
                    "cadre or member",
                    "cadres and members"
                )
            );
        }
        if f.briefed_members > 0 {
            let _ = write!(
                members,
                "; {} members were briefed ({})",
                n(f.briefed_members),
                f.briefing_coverage
                    .percent_label(Lang::En, 2)
                    .unwrap_or_default()
            );
        }
        let _ = writeln!(out, "{members}.");
        if let Some(t) = &self.term {
            out.push_str(&render_term(t, self.period, Lang::En));
        }
        out
    }
}

fn unknown(org: &str) -> Error {
    match OrgId::new(org) {
        Ok(id) => ErrorKind::UnknownOrganization(id).into(),
        Err(e) => e,
    }
}

fn term_section(
    records: &Records<'_>,
    org: &str,
    period: Period,
    options: ReportOptions,
    t: &TermTargets,
) -> Result<TermSection, Error> {
    let baseline = records.tally(org, t.baseline_period)?.oversight_count();
    let term_period = t.term.period();
    let so_far = Period::new(term_period.first(), period.last().min(term_period.last()))
        .unwrap_or(Period::new(term_period.first(), term_period.first())?);
    let current_tally = if period.last() < term_period.first() {
        Tally::default()
    } else {
        records.tally(org, so_far)?
    };
    let current = current_tally.oversight_count();
    let evaluation = t.oversight.evaluate(baseline, current)?;
    let progress =
        t.oversight
            .progress(baseline, t.term, period.last(), current, options.tolerance)?;
    let resolution = current_tally.resolution_pooled();
    Ok(TermSection {
        term: t.term,
        baseline_period: t.baseline_period,
        target: t.oversight,
        baseline,
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
        r.percent(2, Rounding::HalfAwayFromZero)
            .map(|p| p.display(lang).to_string())
            .unwrap_or_default()
    };
    let dec = |r: crate::Ratio| {
        r.value(2, Rounding::HalfAwayFromZero)
            .map(|p| p.display(lang).to_string())
            .unwrap_or_default()
    };
    let (term, target, baseline) = (t.term.label(lang), t.target.label(lang), n(t.baseline));
    let baseline_period = t.baseline_period.label(lang);
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
    if t.baseline == 0 {
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
    let rate = t.resolution.percent_label(lang, 2).unwrap_or_default();
    lines.push(if vi {
        format!("Chỉ tiêu xử lý đạt {goal} số vụ vi phạm được phát hiện: đã xử lý {part}/{whole} ({rate}): {verdict}.")
    } else {
        format!("Target to handle {goal} of the violations detected: {part} of {whole} handled ({rate}): {verdict}.")
    });
    lines.into_iter().map(|l| l + "\n").collect()
}
