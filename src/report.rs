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

use serde::{Deserialize, Serialize};

use crate::OrgId;
use crate::assessment::BriefingKind;
use crate::discipline::{DisciplineForm, DisciplineStatus};
use crate::display::{Lang, count};
use crate::engine::Engine;
use crate::error::{Error, ErrorKind};
use crate::inspection::{Activity, BodyKind};
use crate::organization::OrgLevel;
use crate::period::{Period, Term, date_en, date_vi};
use crate::rate::{Rate, RateEvaluation};
use crate::ratio::{Percent, Rounding};
use crate::rollup::{SubjectSide, Tally};
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportOrg {
    /// Its id.
    pub id: OrgId,
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: OrgLevel,
}

/// Discipline figures of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
        let i = tally.activity(bodies.kind(), Some(Activity::Inspection));
        let s = tally.activity(bodies.kind(), Some(Activity::Supervision));
        let covered = tally.activity(bodies.kind(), None);
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
        self.render_summary(lang)
    }

    fn render_summary(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let f = &self.figures;
        let n = |v: u64| count(v, lang).to_string();
        // A count with its noun: Vietnamese nouns do not inflect; English
        // ones take the singular for 1.
        let nn = |v: u64, noun_vi: &str, one: &str, many: &str| {
            let noun = if vi {
                noun_vi
            } else if v == 1 {
                one
            } else {
                many
            };
            format!("{} {noun}", n(v))
        };
        let and = if vi { " và " } else { " and " };
        let orgs = |v: u64| {
            nn(
                v,
                "tổ chức đảng",
                "party organization",
                "party organizations",
            )
        };
        let visits = |v: u64| nn(v, "lượt đảng viên", "member-visit", "member-visits");
        let members = |v: u64| nn(v, "đảng viên", "member", "members");
        let listed = |items: [(u64, String); 2]| {
            items
                .into_iter()
                .filter(|(v, _)| *v > 0)
                .map(|(_, t)| t)
                .collect::<Vec<_>>()
                .join(and)
        };
        let who = match (self.bodies, vi) {
            (Bodies::Commission, true) => "UBKT các cấp",
            (Bodies::Committee, true) => "cấp ủy các cấp",
            (Bodies::Both, true) => "cấp ủy, UBKT các cấp",
            (Bodies::Commission, false) => "the inspection commissions at all levels",
            (Bodies::Committee, false) => "the party committees at all levels",
            (Bodies::Both, false) => {
                "the party committees and inspection commissions at all levels"
            }
        };
        let mut clauses: Vec<String> = Vec::new();
        let inspected = listed([
            (f.inspected_orgs, orgs(f.inspected_orgs)),
            (f.inspected_member_visits, visits(f.inspected_member_visits)),
        ]);
        if !inspected.is_empty() {
            clauses.push(if vi {
                format!("kiểm tra {inspected}")
            } else {
                format!("inspected {inspected}")
            });
        }
        let supervised = listed([
            (f.supervised_orgs, orgs(f.supervised_orgs)),
            (
                f.supervised_member_visits,
                visits(f.supervised_member_visits),
            ),
        ]);
        if !supervised.is_empty() {
            clauses.push(if vi {
                format!("giám sát {supervised}")
            } else {
                format!("supervised {supervised}")
            });
        }
        if f.inspected_member_visits + f.supervised_member_visits > 0 {
            let c = f.committee_members_covered;
            clauses.push(match (vi, c > 0) {
                (true, true) => format!(
                    "số đảng viên được kiểm tra, giám sát (không tính trùng) là {}, trong đó {} cấp ủy viên",
                    n(f.members_covered),
                    n(c)
                ),
                (true, false) => {
                    format!("số đảng viên được kiểm tra, giám sát (không tính trùng) là {}", n(f.members_covered))
                }
                (false, true) => format!(
                    "covered {}, {} of them committee members",
                    nn(f.members_covered, "", "distinct member", "distinct members"),
                    n(c)
                ),
                (false, false) => {
                    format!("covered {}", nn(f.members_covered, "", "distinct member", "distinct members"))
                }
            });
        }
        if f.orgs_with_violations + f.member_visits_with_violations > 0 {
            let (o, v, h) = (
                f.orgs_with_violations,
                f.member_visits_with_violations,
                f.violations_handled,
            );
            clauses.push(if vi {
                let handled = if h == 0 {
                    "chưa xử lý trường hợp nào".to_string()
                } else {
                    format!("đã xử lý {} trường hợp", n(h))
                };
                format!(
                    "kết luận {} tổ chức và {} lượt đảng viên có khuyết điểm, vi phạm, {handled}",
                    n(o),
                    n(v)
                )
            } else {
                format!(
                    "found shortcomings or violations in {} and {}, {} of them handled",
                    nn(o, "", "organization", "organizations"),
                    visits(v),
                    n(h)
                )
            });
        }
        if f.escalations > 0 {
            clauses.push(if vi {
                format!(
                    "chuyển {} cuộc giám sát sang kiểm tra khi có dấu hiệu vi phạm",
                    n(f.escalations)
                )
            } else {
                format!(
                    "turned {} into inspections on signs of violation",
                    nn(f.escalations, "", "supervision", "supervisions")
                )
            });
        }
        let d = &f.discipline;
        let proposed = listed([
            (d.proposed_orgs, orgs(d.proposed_orgs)),
            (d.proposed_members, members(d.proposed_members)),
        ]);
        if !proposed.is_empty() {
            clauses.push(if vi {
                format!("đề nghị xem xét thi hành kỷ luật {proposed}")
            } else {
                format!("proposed discipline for {proposed}")
            });
        }
        let decided = listed([
            (d.decided_orgs, orgs(d.decided_orgs)),
            (d.decided_members, members(d.decided_members)),
        ]);
        if !decided.is_empty() {
            let forms: Vec<String> = d
                .decided_by_form
                .iter()
                .map(|(k, v)| format!("{} {}", if vi { k.vi() } else { k.en() }, n(*v)))
                .collect();
            let forms = forms.join(", ");
            clauses.push(if vi {
                format!("thi hành kỷ luật {decided} ({forms})")
            } else {
                format!("disciplined {decided} ({forms})")
            });
        }
        if clauses.is_empty() {
            clauses.push(if vi {
                "không tiến hành cuộc kiểm tra, giám sát nào".into()
            } else {
                "conducted no inspection or supervision".into()
            });
        }
        let (period, org, clauses) = (self.period.label(lang), &self.org.name, clauses.join("; "));
        let mut out = if vi {
            format!(
                "Trong {period}, {who} của {org} tiến hành {} cuộc kiểm tra và {} cuộc giám sát: {clauses}.\n",
                n(f.inspections),
                n(f.supervisions)
            )
        } else {
            format!(
                "In {period}, {who} of {org} conducted {} and {}: they {clauses}.\n",
                nn(f.inspections, "", "inspection", "inspections"),
                nn(f.supervisions, "", "supervision", "supervisions")
            )
        };
        let (removed, probationary) = (f.name_removals, f.name_removals_probationary);
        if removed > 0 {
            let all = probationary == removed;
            let some = probationary > 0 && !all;
            let line = if vi {
                let prob = if all {
                    " dự bị".to_string()
                } else if some {
                    format!(" (trong đó {} đảng viên dự bị)", n(probationary))
                } else {
                    String::new()
                };
                format!(
                    "Xóa tên {} đảng viên{prob} khỏi danh sách đảng viên.",
                    n(removed)
                )
            } else {
                let prob = if all { " probationary" } else { "" };
                let extra = if some {
                    format!(" ({} of them probationary)", n(probationary))
                } else {
                    String::new()
                };
                let (the, verb) = if removed == 1 {
                    ("The name", "member was")
                } else {
                    ("The names", "members were")
                };
                format!(
                    "{the} of {}{prob} {verb} removed from the membership list{extra}.",
                    n(removed)
                )
            };
            out.push_str(&line);
            out.push('\n');
        }
        let (total, official, prob) = (
            n(f.members_official + f.members_probationary),
            n(f.members_official),
            n(f.members_probationary),
        );
        let mut line = if vi {
            format!(
                "Đến ngày {}, đảng bộ có {total} đảng viên ({official} chính thức, {prob} dự bị)",
                date_vi(self.period.last())
            )
        } else {
            format!(
                "On {}, the party organization had {total} members ({official} official, {prob} probationary)",
                date_en(self.period.last())
            )
        };
        if f.conference_attendance > 0 {
            let a = f.conference_attendance;
            line.push_str(&if vi {
                format!(
                    "; {} lượt cán bộ, đảng viên dự hội nghị phổ biến, quán triệt",
                    n(a)
                )
            } else {
                format!(
                    "; {} attended the briefing conference",
                    nn(a, "", "cadre or member", "cadres and members")
                )
            });
        }
        if f.briefed_members > 0 {
            let rate = f.briefing_coverage.percent_label_with::<2>(lang);
            line.push_str(&if vi {
                format!(
                    "; {} đảng viên được phổ biến, quán triệt ({rate})",
                    n(f.briefed_members)
                )
            } else {
                format!("; {} members were briefed ({rate})", n(f.briefed_members))
            });
        }
        out.push_str(&line);
        out.push_str(".\n");
        if let Some(t) = &self.term {
            out.push_str(&render_term(t, self.period, lang));
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
    engine: &Engine<'_>,
    org: &str,
    period: Period,
    options: ReportOptions,
    t: &TermTargets,
) -> Result<TermSection, Error> {
    let baseline = engine.tally(org, t.baseline_period)?.oversight_count();
    let term_period = t.term.period();
    let so_far = Period::new(term_period.first(), period.last().min(term_period.last()))
        .unwrap_or(Period::new(term_period.first(), term_period.first())?);
    let current_tally = if period.last() < term_period.first() {
        Tally::default()
    } else {
        engine.tally(org, so_far)?
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
        r.percent_with::<2>(Rounding::HalfAwayFromZero)
            .display(lang)
            .to_string()
    };
    let dec = |r: crate::Ratio| {
        r.value_with::<2>(Rounding::HalfAwayFromZero)
            .display(lang)
            .to_string()
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

    fn report(inspections: u64, removed: u64, probationary: u64) -> OversightReport {
        let mut decided_by_form = BTreeMap::new();
        decided_by_form.insert(DisciplineForm::Warning, 1);
        decided_by_form.insert(DisciplineForm::Expulsion, 1);
        OversightReport {
            org: ReportOrg {
                id: OrgId::trusted("X"),
                name: "Đảng bộ xã X".into(),
                level: OrgLevel::Grassroots,
            },
            period: Period::year(2018).unwrap(),
            bodies: Bodies::Both,
            figures: Figures {
                inspections,
                supervisions: 1,
                inspected_orgs: 1,
                inspected_org_visits: 1,
                inspected_members: 2,
                inspected_member_visits: 3,
                supervised_orgs: 0,
                supervised_org_visits: 0,
                supervised_members: 0,
                supervised_member_visits: 0,
                members_covered: 2,
                committee_members_covered: 0,
                orgs_with_violations: 1,
                member_visits_with_violations: 1,
                violations_handled: 1,
                escalations: 1,
                discipline: DisciplineFigures {
                    proposed_orgs: 0,
                    proposed_members: 0,
                    decided_orgs: 0,
                    decided_members: 2,
                    decided_by_form,
                },
                name_removals: removed,
                name_removals_probationary: probationary,
                assessments: 0,
                members_official: 40,
                members_probationary: 2,
                conference_attendance: 0,
                cell_meeting_attendance: 0,
                briefed_members: 0,
                briefing_coverage: Rate::coverage(0, 42).unwrap(),
            },
            term: None,
        }
    }

    #[test]
    fn branches_the_bac_me_report_does_not_reach() {
        insta::assert_snapshot!(report(1, 3, 1).render(Lang::Vi), @r"
        Trong năm 2018, cấp ủy, UBKT các cấp của Đảng bộ xã X tiến hành 1 cuộc kiểm tra và 1 cuộc giám sát: kiểm tra 1 tổ chức đảng và 3 lượt đảng viên; số đảng viên được kiểm tra, giám sát (không tính trùng) là 2; kết luận 1 tổ chức và 1 lượt đảng viên có khuyết điểm, vi phạm, đã xử lý 1 trường hợp; chuyển 1 cuộc giám sát sang kiểm tra khi có dấu hiệu vi phạm; thi hành kỷ luật 2 đảng viên (cảnh cáo 1, khai trừ 1).
        Xóa tên 3 đảng viên (trong đó 1 đảng viên dự bị) khỏi danh sách đảng viên.
        Đến ngày 31/12/2018, đảng bộ có 42 đảng viên (40 chính thức, 2 dự bị).
        ");
        insta::assert_snapshot!(report(1, 3, 1).render(Lang::En), @r"
        In 2018, the party committees and inspection commissions at all levels of Đảng bộ xã X conducted 1 inspection and 1 supervision: they inspected 1 party organization and 3 member-visits; covered 2 distinct members; found shortcomings or violations in 1 organization and 1 member-visit, 1 of them handled; turned 1 supervision into inspections on signs of violation; disciplined 2 members (warning 1, expulsion 1).
        The names of 3 members were removed from the membership list (1 of them probationary).
        On 31 December 2018, the party organization had 42 members (40 official, 2 probationary).
        ");
        let none = report(0, 1, 0).render(Lang::En);
        assert!(
            none.contains("The name of 1 member was removed from the membership list."),
            "{none}"
        );
    }
}
