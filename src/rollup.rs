//! Oversight figures ([`Tally`]) of one subtree and one period, and
//! roll-ups ([`Rollup`]) over the organization tree and over periods.
//!
//! Both are views on [the counting engine](crate::engine): the counting
//! rules (what counts where and when, visits and distinct subjects,
//! membership on the period's last day, …) are written there, once, and
//! documented there. A [`Tally`] is the engine's row of every figure for
//! one subtree (or one organization's own records) and one period; it holds
//! counts only, so distinct counts are exact for the subtree they were
//! counted over and tallies do not merge: ask the engine for the figures of
//! the subtree or period wanted instead.
//!
//! [`Records`] gathers the typed model; [`Records::engine`] turns it into
//! an [`Engine`], which answers [`Engine::tally`] for any organization and
//! period, and [`Engine::rollup`] for every organization and any list of
//! periods at once.

use chrono::NaiveDate;

use crate::assessment::{Assessment, Briefing, BriefingKind};
use crate::discipline::{DisciplineAction, DisciplineForm, DisciplineStatus};
use crate::engine::{
    BRIEFED, Class, DISTINCT, Engine, Event, Grid, Row, S_COMMITTEE, S_CONCLUDED, S_DISCIPLINED,
    S_HANDLED, S_MEMBER, S_MUST, S_SHORTCOMING, S_VIOLATION, Scope, indicator_measure,
    subject_measure,
};
use crate::error::{Error, ErrorKind};
use crate::history::History;
use crate::id::{MemberId, OrgId};
use crate::indicator::DegradationIndicator;
use crate::inspection::{Activity, BodyKind, Outcome, OversightKind, OversightRegister, Subject};
use crate::member::Roster;
use crate::organization::{OrgIndex, OrgTree};
use crate::period::Period;
use crate::rate::Rate;
use crate::ratio::{Ratio, Rounding};

const N_KIND: usize = OversightKind::ALL.len();
const N_BODY: usize = BodyKind::ALL.len();
const N_STATUS: usize = DisciplineStatus::ALL.len();
const N_FORM: usize = DisciplineForm::ALL.len();

// The figures kept of subject rows, by body, kind and side.
const F_SUBJECTS: usize = 0;
const F_COMMITTEE: usize = 1;
const F_GOOD: usize = 2;
const F_SHORTCOMING: usize = 3;
const F_VIOLATION: usize = 4;
const F_MUST: usize = 5;
const F_DISCIPLINED: usize = 6;
const F_HANDLED: usize = 7;
const F_ESCALATED: usize = 8;
const N_FIG: usize = 9;

const fn kind_index(kind: OversightKind) -> usize {
    use crate::inspection::{InspectionGround as G, SupervisionMode as M};
    match kind {
        OversightKind::Inspection(G::Compliance) => 0,
        OversightKind::Inspection(G::SignsOfViolation) => 1,
        OversightKind::Inspection(G::OversightDuties) => 2,
        OversightKind::Inspection(G::Finance) => 3,
        OversightKind::Inspection(G::AssetDeclaration) => 4,
        OversightKind::Supervision(M::Regular) => 5,
        OversightKind::Supervision(M::Thematic) => 6,
    }
}

const fn briefing_index(kind: BriefingKind) -> usize {
    match kind {
        BriefingKind::Conference => 0,
        BriefingKind::CellMeeting => 1,
    }
}

/// The figures of inspections, or of supervisions, or of both, by one
/// kind of body or by both: a view on a [`Tally`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActivityTally {
    count: u64,
    org_visits: u64,
    orgs_distinct: u64,
    member_visits: u64,
    members_distinct: u64,
    committee_members_distinct: u64,
    org_violations: u64,
    member_violations: u64,
    handled: u64,
    escalations: u64,
}

impl ActivityTally {
    /// How many inspections (or supervisions): "cuộc".
    #[must_use]
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Organization subjects, counted per visit (lượt tổ chức).
    #[must_use]
    pub fn org_visits(&self) -> u64 {
        self.org_visits
    }

    /// Distinct organizations among the subjects.
    #[must_use]
    pub fn orgs_distinct(&self) -> u64 {
        self.orgs_distinct
    }

    /// Member subjects, counted per visit (lượt đảng viên).
    #[must_use]
    pub fn member_visits(&self) -> u64 {
        self.member_visits
    }

    /// Distinct members among the subjects.
    #[must_use]
    pub fn members_distinct(&self) -> u64 {
        self.members_distinct
    }

    /// Distinct members among the subjects who sat on a party committee.
    #[must_use]
    pub fn committee_members_distinct(&self) -> u64 {
        self.committee_members_distinct
    }

    /// Organization subjects concluded with shortcomings or violations.
    #[must_use]
    pub fn org_violations(&self) -> u64 {
        self.org_violations
    }

    /// Member subjects concluded with shortcomings or violations.
    #[must_use]
    pub fn member_violations(&self) -> u64 {
        self.member_violations
    }

    /// Subjects with a violation concluded (organizations and members).
    #[must_use]
    pub fn violations(&self) -> u64 {
        self.org_violations.saturating_add(self.member_violations)
    }

    /// Of those, the ones handled (xử lý).
    #[must_use]
    pub fn handled(&self) -> u64 {
        self.handled
    }

    /// Inspections escalated from a supervision.
    #[must_use]
    pub fn escalations(&self) -> u64 {
        self.escalations
    }
}

/// The subjects of some oversight and their verdicts, as a clause of a
/// report or a row of the statistical forms counts them
/// ([`Tally::subject_figures`]): each subject row once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SubjectFigures {
    /// Subjects inspected or supervised ("kiểm tra X tổ chức đảng").
    pub subjects: u64,
    /// Of the member subjects, those who sat on a party committee ("có …
    /// cấp ủy viên").
    pub committee_members: u64,
    /// Concluded as done well ("thực hiện tốt").
    pub good: u64,
    /// Concluded with shortcomings that are not a violation ("còn hạn chế,
    /// khuyết điểm").
    pub shortcoming: u64,
    /// Concluded with a violation ("có vi phạm"; for a supervision, "có
    /// dấu hiệu vi phạm").
    pub violation: u64,
    /// Of those, named by a discipline action ("phải thi hành kỷ luật").
    pub must_discipline: u64,
    /// Of those, named by a decided one ("đã thi hành kỷ luật").
    pub disciplined: u64,
    /// Violations handled (xử lý).
    pub handled: u64,
    /// Subjects of inspections escalated from a supervision ("chuyển kiểm
    /// tra khi có dấu hiệu vi phạm").
    pub escalated: u64,
}

/// Inspections and supervisions by one kind of body, or by both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodyTally {
    /// Inspections (kiểm tra).
    pub inspections: ActivityTally,
    /// Supervisions (giám sát).
    pub supervisions: ActivityTally,
}

/// Organizations or members, as discipline figures split them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectSide {
    /// Party organizations.
    Organization,
    /// Members.
    Member,
}

/// The oversight figures of one subtree (or one organization's own
/// records) and one period, as [the engine](crate::engine) counts them.
///
/// Built by [`Engine::tally`], [`Records::tally`] or a [`Rollup`]; the zero
/// tally is [`Tally::default`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Inspections and supervisions by body and kind.
    kinds: [[u64; N_KIND]; N_BODY],
    /// Escalated inspections by body.
    escalations: [u64; N_BODY],
    /// Subject rows by body, kind, side (organization 0, member 1) and
    /// figure (`F_…`).
    subjects: [[[[u64; N_FIG]; 2]; N_KIND]; N_BODY],
    /// Discipline by body, status, side (organization 0, member 1), form.
    discipline: [[[[u64; N_FORM]; 2]; N_STATUS]; N_BODY],
    /// Discipline of members who sat on a party committee, by body and
    /// status.
    discipline_committee: [[u64; N_STATUS]; N_BODY],
    name_removals: u64,
    name_removals_probationary: u64,
    assessments: u64,
    members_official: u64,
    members_probationary: u64,
    briefing_visits: [u64; 2],
    /// Briefing attendances on the 27 indicators.
    briefing_on_indicators: u64,
    /// The distinct counts, by the engine's measure.
    distinct: [u64; DISTINCT],
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            kinds: [[0; N_KIND]; N_BODY],
            escalations: [0; N_BODY],
            subjects: [[[[0; N_FIG]; 2]; N_KIND]; N_BODY],
            discipline: [[[[0; N_FORM]; 2]; N_STATUS]; N_BODY],
            discipline_committee: [[0; N_STATUS]; N_BODY],
            name_removals: 0,
            name_removals_probationary: 0,
            assessments: 0,
            members_official: 0,
            members_probationary: 0,
            briefing_visits: [0; 2],
            briefing_on_indicators: 0,
            distinct: [0; DISTINCT],
        }
    }
}

/// The body kinds `bodies` covers (`None`: both).
fn body_set(bodies: Option<BodyKind>) -> impl Iterator<Item = BodyKind> {
    BodyKind::ALL
        .into_iter()
        .filter(move |b| bodies.is_none_or(|x| x == *b))
}

/// The activities `activity` covers (`None`: both).
fn activity_set(activity: Option<Activity>) -> impl Iterator<Item = Activity> {
    Activity::ALL
        .into_iter()
        .filter(move |a| activity.is_none_or(|x| x == *a))
}

fn add_to(slot: &mut u64, n: u64) {
    *slot = slot.saturating_add(n);
}

impl Tally {
    /// Every count, in a fixed order (for sums over tallies).
    fn counts(&self) -> impl Iterator<Item = &u64> {
        self.kinds
            .iter()
            .flatten()
            .chain(self.escalations.iter())
            .chain(self.subjects.iter().flatten().flatten().flatten())
            .chain(self.discipline.iter().flatten().flatten().flatten())
            .chain(self.discipline_committee.iter().flatten())
            .chain([
                &self.name_removals,
                &self.name_removals_probationary,
                &self.assessments,
                &self.members_official,
                &self.members_probationary,
                &self.briefing_on_indicators,
            ])
            .chain(self.briefing_visits.iter())
            .chain(self.distinct.iter())
    }

    /// [`Self::counts`], to write.
    fn counts_mut(&mut self) -> impl Iterator<Item = &mut u64> {
        let Tally {
            kinds,
            escalations,
            subjects,
            discipline,
            discipline_committee,
            name_removals,
            name_removals_probationary,
            assessments,
            members_official,
            members_probationary,
            briefing_visits,
            briefing_on_indicators,
            distinct,
        } = self;
        kinds
            .iter_mut()
            .flatten()
            .chain(escalations.iter_mut())
            .chain(subjects.iter_mut().flatten().flatten().flatten())
            .chain(discipline.iter_mut().flatten().flatten().flatten())
            .chain(discipline_committee.iter_mut().flatten())
            .chain([
                name_removals,
                name_removals_probationary,
                assessments,
                members_official,
                members_probationary,
                briefing_on_indicators,
            ])
            .chain(briefing_visits.iter_mut())
            .chain(distinct.iter_mut())
    }

    /// The sum of `parts`, each count times its share, rounded to a whole
    /// count half away from zero (only a share that is not whole, a split
    /// unit's, makes a fraction). Distinct counts are summed too: each part
    /// counted its own.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a sum does not fit.
    pub(crate) fn weighted_sum(parts: &[(Ratio, Tally)]) -> Result<Tally, Error> {
        let mut out = Tally::default();
        let mut sums: Vec<Ratio> = out.counts().map(|_| Ratio::ZERO).collect();
        for (share, t) in parts {
            for (sum, &c) in sums.iter_mut().zip(t.counts()) {
                if c != 0 {
                    *sum = sum.checked_add(share.checked_mul(Ratio::new(c, 1)?)?)?;
                }
            }
        }
        for (slot, sum) in out.counts_mut().zip(sums) {
            *slot = u64::try_from(sum.value_with::<0>(Rounding::HalfAwayFromZero).scaled())
                .map_err(|_| {
                    Error::from(ErrorKind::Overflow {
                        what: "a sum of tallies",
                    })
                })?;
        }
        Ok(out)
    }

    /// The figures of `bodies` (`None`: committees and commissions
    /// together) in `activity` (`None`: inspections and supervisions
    /// together); distinct counts are distinct across what is covered.
    #[must_use]
    pub fn activity(&self, bodies: Option<BodyKind>, activity: Option<Activity>) -> ActivityTally {
        let mut t = ActivityTally::default();
        for b in body_set(bodies) {
            let bi = b as usize;
            for a in activity_set(activity) {
                for k in OversightKind::ALL.into_iter().filter(|k| k.activity() == a) {
                    add_to(&mut t.count, self.kind_of(bi, k));
                }
                let f = |side: SubjectSide, fig: usize| {
                    self.subject_figure(Some(b), &|k: OversightKind| k.activity() == a, side, fig)
                };
                add_to(&mut t.org_visits, f(SubjectSide::Organization, F_SUBJECTS));
                add_to(&mut t.member_visits, f(SubjectSide::Member, F_SUBJECTS));
                add_to(
                    &mut t.org_violations,
                    f(SubjectSide::Organization, F_VIOLATION),
                );
                add_to(
                    &mut t.member_violations,
                    f(SubjectSide::Member, F_VIOLATION),
                );
                add_to(&mut t.handled, f(SubjectSide::Organization, F_HANDLED));
                add_to(&mut t.handled, f(SubjectSide::Member, F_HANDLED));
                if a == Activity::Inspection {
                    add_to(
                        &mut t.escalations,
                        self.escalations.get(bi).copied().unwrap_or(0),
                    );
                }
            }
        }
        let d = |class| {
            self.distinct
                .get(subject_measure(bodies, activity, class))
                .copied()
                .unwrap_or(0)
        };
        t.orgs_distinct = d(Class::Orgs);
        t.members_distinct = d(Class::Members);
        t.committee_members_distinct = d(Class::CommitteeMembers);
        t
    }

    /// The sum of figure `fig` over the bodies of `bodies`, the kinds that
    /// `kinds` accepts, on `side`.
    fn subject_figure(
        &self,
        bodies: Option<BodyKind>,
        kinds: &dyn Fn(OversightKind) -> bool,
        side: SubjectSide,
        fig: usize,
    ) -> u64 {
        let side = side as usize;
        body_set(bodies)
            .flat_map(|b| {
                OversightKind::ALL
                    .into_iter()
                    .filter(|k| kinds(*k))
                    .filter_map(move |k| {
                        self.subjects
                            .get(b as usize)?
                            .get(kind_index(k))?
                            .get(side)?
                            .get(fig)
                            .copied()
                    })
            })
            .fold(0, u64::saturating_add)
    }

    /// The subjects of the oversight of `bodies` (`None`: both kinds) of
    /// the kinds in `kinds` on `side`, with their verdicts: the figures of
    /// a clause of a report and of a row of the statistical forms. Each
    /// subject row counts (a subject of two inspections counts twice, as the
    /// forms and the aggregated figures of real reports count).
    #[must_use]
    pub fn subject_figures(
        &self,
        bodies: Option<BodyKind>,
        kinds: &[OversightKind],
        side: SubjectSide,
    ) -> SubjectFigures {
        let f = |fig| self.subject_figure(bodies, &|k| kinds.contains(&k), side, fig);
        SubjectFigures {
            subjects: f(F_SUBJECTS),
            committee_members: f(F_COMMITTEE),
            good: f(F_GOOD),
            shortcoming: f(F_SHORTCOMING),
            violation: f(F_VIOLATION),
            must_discipline: f(F_MUST),
            disciplined: f(F_DISCIPLINED),
            handled: f(F_HANDLED),
            escalated: f(F_ESCALATED),
        }
    }

    /// Discipline actions of this status on members who sat on a party
    /// committee, by bodies of `bodies` (`None`: both kinds).
    #[must_use]
    pub fn discipline_committee_members(
        &self,
        bodies: Option<BodyKind>,
        status: DisciplineStatus,
    ) -> u64 {
        body_set(bodies)
            .filter_map(|b| {
                self.discipline_committee
                    .get(b as usize)?
                    .get(status as usize)
                    .copied()
            })
            .fold(0, u64::saturating_add)
    }

    fn kind_of(&self, body: usize, kind: OversightKind) -> u64 {
        self.kinds
            .get(body)
            .and_then(|r| r.get(kind_index(kind)))
            .copied()
            .unwrap_or(0)
    }

    /// The figures of one kind of body.
    #[must_use]
    pub fn body(&self, kind: BodyKind) -> BodyTally {
        self.bodies(Some(kind))
    }

    /// The figures of committees and commissions together.
    #[must_use]
    pub fn both_bodies(&self) -> BodyTally {
        self.bodies(None)
    }

    fn bodies(&self, bodies: Option<BodyKind>) -> BodyTally {
        BodyTally {
            inspections: self.activity(bodies, Some(Activity::Inspection)),
            supervisions: self.activity(bodies, Some(Activity::Supervision)),
        }
    }

    /// Inspections or supervisions of `kind` by `bodies` (`None`: both
    /// kinds of body).
    #[must_use]
    pub fn kind_count(&self, bodies: Option<BodyKind>, kind: OversightKind) -> u64 {
        body_set(bodies)
            .map(|b| self.kind_of(b as usize, kind))
            .fold(0, u64::saturating_add)
    }

    /// Inspections and supervisions ("cuộc KTGS") by both kinds of body.
    #[must_use]
    pub fn oversight_count(&self) -> u64 {
        self.kinds
            .iter()
            .flatten()
            .copied()
            .fold(0, u64::saturating_add)
    }

    /// Discipline actions by bodies of `bodies` (`None`: both kinds) with
    /// this status, subject side and form (`None`: every form).
    #[must_use]
    pub fn discipline(
        &self,
        bodies: Option<BodyKind>,
        status: DisciplineStatus,
        side: SubjectSide,
        form: Option<DisciplineForm>,
    ) -> u64 {
        let side = match side {
            SubjectSide::Organization => 0,
            SubjectSide::Member => 1,
        };
        body_set(bodies)
            .filter_map(|b| self.discipline.get(b as usize))
            .filter_map(|by_status| by_status.get(status as usize))
            .filter_map(|by_side| by_side.get(side))
            .flat_map(|by_form| {
                DisciplineForm::ALL
                    .into_iter()
                    .filter(move |f| form.is_none_or(|x| x == *f))
                    .filter_map(move |f| by_form.get(f as usize).copied())
            })
            .fold(0, u64::saturating_add)
    }

    /// Name removals (xóa tên) in the period.
    #[must_use]
    pub fn name_removals(&self) -> u64 {
        self.name_removals
    }

    /// Of those, members removed while probationary.
    #[must_use]
    pub fn name_removals_probationary(&self) -> u64 {
        self.name_removals_probationary
    }

    /// Assessments against the 27 indicators.
    #[must_use]
    pub fn assessments(&self) -> u64 {
        self.assessments
    }

    /// How many distinct members showed `indicator` in an assessment.
    #[must_use]
    pub fn members_showing(&self, indicator: DegradationIndicator) -> u64 {
        self.distinct
            .get(indicator_measure(indicator))
            .copied()
            .unwrap_or(0)
    }

    /// Official members on the last day of the period.
    #[must_use]
    pub fn members_official(&self) -> u64 {
        self.members_official
    }

    /// Probationary members on the last day of the period.
    #[must_use]
    pub fn members_probationary(&self) -> u64 {
        self.members_probationary
    }

    /// Briefing attendances of a kind (`None`: all kinds); a member at two
    /// briefings counts twice.
    #[must_use]
    pub fn briefing_visits(&self, kind: Option<BriefingKind>) -> u64 {
        [BriefingKind::Conference, BriefingKind::CellMeeting]
            .into_iter()
            .filter(|k| kind.is_none_or(|x| x == *k))
            .filter_map(|k| self.briefing_visits.get(briefing_index(k)).copied())
            .fold(0, u64::saturating_add)
    }

    /// Briefing attendances of briefings on the 27 indicators.
    #[must_use]
    pub fn briefing_visits_on_indicators(&self) -> u64 {
        self.briefing_on_indicators
    }

    /// Members still members at the period's end who were briefed in it.
    #[must_use]
    pub fn briefed_members(&self) -> u64 {
        self.distinct.get(BRIEFED).copied().unwrap_or(0)
    }

    /// The coverage of briefings: members briefed of members at the end.
    #[must_use]
    pub fn briefing_coverage(&self) -> Rate {
        let population = self
            .members_official
            .saturating_add(self.members_probationary);
        // The briefed are counted among members at the end only.
        Rate::clamped(
            crate::rate::RateKind::Coverage,
            self.briefed_members(),
            population,
        )
    }

    /// The pooled resolution rate of violations found by inspections and
    /// supervisions (of both kinds of body): all handled over all detected
    /// in the subtree.
    #[must_use]
    pub fn resolution_pooled(&self) -> Rate {
        let all = self.activity(None, None);
        Rate::clamped(
            crate::rate::RateKind::Resolution,
            all.handled(),
            all.violations(),
        )
    }
}

impl Row for Tally {
    const SLOTS: usize = DISTINCT;

    fn zero() -> Self {
        Tally::default()
    }

    fn slot(measure: usize) -> Option<usize> {
        (measure < DISTINCT).then_some(measure)
    }

    fn add(&mut self, e: Event) {
        let bump = |x: Option<&mut u64>| {
            if let Some(x) = x {
                add_to(x, 1);
            }
        };
        match e {
            Event::Oversight {
                body,
                kind,
                escalated,
            } => {
                let b = body as usize;
                bump(
                    self.kinds
                        .get_mut(b)
                        .and_then(|r| r.get_mut(kind_index(kind))),
                );
                if escalated {
                    bump(self.escalations.get_mut(b));
                }
            }
            Event::Subject {
                body,
                kind,
                escalated,
                member,
                flags,
                ..
            } => {
                let Some(figs) = self
                    .subjects
                    .get_mut(body as usize)
                    .and_then(|r| r.get_mut(kind_index(kind)))
                    .and_then(|r| r.get_mut(usize::from(member)))
                else {
                    return;
                };
                let violation = flags & S_VIOLATION != 0;
                let shortcoming = flags & S_SHORTCOMING != 0;
                let good = flags & S_CONCLUDED != 0 && !violation && !shortcoming;
                for (fig, on) in [
                    (F_SUBJECTS, true),
                    (F_COMMITTEE, member && flags & S_COMMITTEE != 0),
                    (F_GOOD, good),
                    (F_SHORTCOMING, shortcoming),
                    (F_VIOLATION, violation),
                    (F_MUST, flags & S_MUST != 0),
                    (F_DISCIPLINED, flags & S_DISCIPLINED != 0),
                    (F_HANDLED, violation && flags & S_HANDLED != 0),
                    (F_ESCALATED, escalated),
                ] {
                    if on {
                        bump(figs.get_mut(fig));
                    }
                }
            }
            Event::Discipline {
                body,
                status,
                member,
                form,
                committee,
                ..
            } => {
                bump(
                    self.discipline
                        .get_mut(body as usize)
                        .and_then(|r| r.get_mut(status as usize))
                        .and_then(|r| r.get_mut(usize::from(member)))
                        .and_then(|r| r.get_mut(form as usize)),
                );
                if member && committee {
                    bump(
                        self.discipline_committee
                            .get_mut(body as usize)
                            .and_then(|r| r.get_mut(status as usize)),
                    );
                }
            }
            Event::NameRemoval { probationary } => {
                add_to(&mut self.name_removals, 1);
                if probationary {
                    add_to(&mut self.name_removals_probationary, 1);
                }
            }
            Event::Assessment => add_to(&mut self.assessments, 1),
            Event::Briefing(kind, on_indicators) => {
                bump(self.briefing_visits.get_mut(briefing_index(kind)));
                if on_indicators {
                    add_to(&mut self.briefing_on_indicators, 1);
                }
            }
        }
    }

    fn add_row(&mut self, o: &Self) {
        fn add_all<'x>(dst: impl Iterator<Item = &'x mut u64>, src: impl Iterator<Item = &'x u64>) {
            for (d, s) in dst.zip(src) {
                add_to(d, *s);
            }
        }
        add_all(self.kinds.iter_mut().flatten(), o.kinds.iter().flatten());
        add_all(self.escalations.iter_mut(), o.escalations.iter());
        add_all(
            self.subjects.iter_mut().flatten().flatten().flatten(),
            o.subjects.iter().flatten().flatten().flatten(),
        );
        add_all(
            self.discipline.iter_mut().flatten().flatten().flatten(),
            o.discipline.iter().flatten().flatten().flatten(),
        );
        add_all(
            self.discipline_committee.iter_mut().flatten(),
            o.discipline_committee.iter().flatten(),
        );
        add_to(&mut self.name_removals, o.name_removals);
        add_to(
            &mut self.name_removals_probationary,
            o.name_removals_probationary,
        );
        add_to(&mut self.assessments, o.assessments);
        add_to(&mut self.members_official, o.members_official);
        add_to(&mut self.members_probationary, o.members_probationary);
        add_all(self.briefing_visits.iter_mut(), o.briefing_visits.iter());
        add_to(&mut self.briefing_on_indicators, o.briefing_on_indicators);
    }

    fn add_members(&mut self, official: u64, probationary: u64) {
        add_to(&mut self.members_official, official);
        add_to(&mut self.members_probationary, probationary);
    }

    fn set_distinct(&mut self, slot: usize, n: u64) {
        if let Some(d) = self.distinct.get_mut(slot) {
            *d = n;
        }
    }
}

/// Everything a report counts, in the typed model: the tree, the roster
/// and the records. [`Records::engine`] turns it into the counting engine.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    tree: &'a OrgTree,
    roster: &'a Roster,
    oversight: &'a OversightRegister,
    discipline: &'a [DisciplineAction],
    assessments: &'a [Assessment],
    briefings: &'a [Briefing],
    history: Option<&'a History<'a>>,
}

impl<'a> Records<'a> {
    /// Gathers the records. Inspections, discipline actions and briefings
    /// were validated against `tree` and `roster` when built; assessments
    /// are checked here.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownMember`] for an assessment of a member not in the
    /// roster.
    pub fn new(
        tree: &'a OrgTree,
        roster: &'a Roster,
        oversight: &'a OversightRegister,
        discipline: &'a [DisciplineAction],
        assessments: &'a [Assessment],
        briefings: &'a [Briefing],
    ) -> Result<Self, Error> {
        Records::of(tree, roster, oversight)
            .with_discipline(discipline)
            .with_briefings(briefings)
            .with_assessments(assessments)
    }

    /// The records of `tree`, `roster` and `oversight` alone, to be
    /// completed with named setters: [`Self::with_discipline`],
    /// [`Self::with_assessments`] and [`Self::with_briefings`].
    ///
    /// ```
    /// # use party_oversight::{OrgTree, Roster, OversightRegister, Records};
    /// let tree = OrgTree::new(vec![])?;
    /// let roster = Roster::new(&tree, vec![])?;
    /// let oversight = OversightRegister::new(&tree, &roster, vec![])?;
    /// let records = Records::of(&tree, &roster, &oversight).with_discipline(&[]);
    /// assert_eq!(records.oversight().iter().count(), 0);
    /// # Ok::<(), party_oversight::Error>(())
    /// ```
    #[must_use]
    pub fn of(tree: &'a OrgTree, roster: &'a Roster, oversight: &'a OversightRegister) -> Self {
        Records {
            tree,
            roster,
            oversight,
            discipline: &[],
            assessments: &[],
            briefings: &[],
            history: None,
        }
    }

    /// With the organization over time: every record then counts where its
    /// body stood on its own day, and every member where the member was
    /// ("as it was"), and re-based figures can be asked for
    /// ([`Engine::rebased_oversight`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::HistoryMismatch`] if `history` was checked against
    /// another tree or roster.
    pub fn with_history(self, history: &'a History<'a>) -> Result<Self, Error> {
        if history.tree() != self.tree {
            return Err(ErrorKind::HistoryMismatch { what: "tree" }.into());
        }
        if !history.member_ids_match(self.roster) {
            return Err(ErrorKind::HistoryMismatch { what: "roster" }.into());
        }
        Ok(self.with_checked_history(history))
    }

    /// [`Self::with_history`] for a history known to be checked against
    /// these records' tree and roster.
    pub(crate) fn with_checked_history(mut self, history: &'a History<'a>) -> Self {
        self.history = Some(history);
        self
    }

    /// With these discipline actions (validated against the same tree and
    /// roster when built).
    #[must_use]
    pub fn with_discipline(mut self, discipline: &'a [DisciplineAction]) -> Self {
        self.discipline = discipline;
        self
    }

    /// With these assessments.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownMember`] for an assessment of a member not in the
    /// roster.
    pub fn with_assessments(mut self, assessments: &'a [Assessment]) -> Result<Self, Error> {
        if let Some(a) = assessments
            .iter()
            .find(|a| self.roster.get(a.member.as_str()).is_none())
        {
            return Err(ErrorKind::UnknownMember(a.member.clone()).into());
        }
        self.assessments = assessments;
        Ok(self)
    }

    /// With these briefings (validated against the same tree and roster
    /// when built).
    #[must_use]
    pub fn with_briefings(mut self, briefings: &'a [Briefing]) -> Self {
        self.briefings = briefings;
        self
    }

    /// The organization tree.
    #[must_use]
    pub fn tree(&self) -> &'a OrgTree {
        self.tree
    }

    /// The roster.
    #[must_use]
    pub fn roster(&self) -> &'a Roster {
        self.roster
    }

    /// The inspections and supervisions.
    #[must_use]
    pub fn oversight(&self) -> &'a OversightRegister {
        self.oversight
    }

    /// The counting engine over these records: the few fields it counts,
    /// copied into columns (linear in the records).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownOrganization`] or [`ErrorKind::UnknownMember`] if
    /// a record names an organization or member missing from the tree or
    /// roster (records validated against another tree or roster).
    pub fn engine(&self) -> Result<Engine<'a>, Error> {
        let tree = self.tree;
        let org = |id: &OrgId| {
            tree.index_of(id.as_str())
                .ok_or_else(|| Error::from(ErrorKind::UnknownOrganization(id.clone())))
        };
        let member = |id: &MemberId| {
            self.roster
                .index_of(id.as_str())
                .and_then(|i| u32::try_from(i).ok())
                .ok_or_else(|| Error::from(ErrorKind::UnknownMember(id.clone())))
        };
        let n = self.roster.len();
        let (mut member_org, mut admitted, mut official, mut left, mut left_reason) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for m in self.roster.iter() {
            member_org.push(org(m.org_id())?);
            admitted.push(m.admitted());
            official.push(m.official());
            left.push(m.left().map(|(d, _)| d));
            left_reason.push(m.left().map(|(_, r)| r));
        }
        let no = self.oversight.iter().count();
        let (mut kind, mut body_kind, mut body_pos, mut started, mut escalated) = (
            Vec::with_capacity(no),
            Vec::with_capacity(no),
            Vec::with_capacity(no),
            Vec::with_capacity(no),
            Vec::with_capacity(no),
        );
        let (mut subj_oversight, mut subj_flags, mut subj_target, mut subj_content) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        // The discipline actions that name an inspection and a subject:
        // "phải thi hành kỷ luật", and "đã" for a decided one.
        let mut named: std::collections::HashMap<(&str, &Subject), bool> =
            std::collections::HashMap::new();
        for a in self.discipline {
            if let Some(i) = a.inspection() {
                *named.entry((i.as_str(), a.subject())).or_insert(false) |=
                    a.status() == DisciplineStatus::Decided;
            }
        }
        for (row, i) in self.oversight.iter().enumerate() {
            let row = u32::try_from(row).map_err(|_| {
                Error::from(ErrorKind::Overflow {
                    what: "the number of inspections",
                })
            })?;
            kind.push(i.kind());
            body_kind.push(i.body().kind);
            body_pos.push(org(&i.body().org)?);
            started.push(i.started());
            escalated.push(i.escalated_from().is_some());
            for f in i.findings() {
                let (target, mut flags) = match &f.subject {
                    Subject::Organization(o) => (org(o)?.0, 0),
                    Subject::Member(m) => (member(m)?, S_MEMBER),
                };
                match f.outcome {
                    Outcome::NotConcluded => {}
                    Outcome::NoViolation => flags |= S_CONCLUDED,
                    Outcome::Shortcoming => flags |= S_CONCLUDED | S_SHORTCOMING,
                    Outcome::Violation { handled, .. } => {
                        flags |= S_CONCLUDED | S_VIOLATION;
                        if handled.is_some() {
                            flags |= S_HANDLED;
                        }
                    }
                }
                if f.committee_member && flags & S_MEMBER != 0 {
                    flags |= S_COMMITTEE;
                }
                if let Some(&decided) = named.get(&(i.id().as_str(), &f.subject)) {
                    flags |= S_MUST;
                    if decided {
                        flags |= S_DISCIPLINED;
                    }
                }
                subj_oversight.push(row);
                subj_flags.push(flags);
                subj_target.push(target);
                subj_content.push(f.content);
            }
        }
        let nd = self.discipline.len();
        let mut disc_committee = Vec::with_capacity(nd);
        let mut disc_content = Vec::with_capacity(nd);
        let mut disc = (
            Vec::with_capacity(nd),
            Vec::with_capacity(nd),
            Vec::with_capacity(nd),
            Vec::with_capacity(nd),
            Vec::with_capacity(nd),
            Vec::with_capacity(nd),
        );
        for a in self.discipline {
            disc.0.push(matches!(a.subject(), Subject::Member(_)));
            disc.1.push(a.form());
            disc.2.push(a.status());
            disc.3.push(a.body().kind);
            disc.4.push(org(&a.body().org)?);
            disc.5.push(a.date());
            disc_committee.push(a.fields().committee_member);
            disc_content.push(a.fields().content);
        }
        let (mut assess_member, mut assess_day, mut assess_indicators) =
            (Vec::new(), Vec::new(), Vec::new());
        for a in self.assessments {
            assess_member.push(member(&a.member)?);
            assess_day.push(a.period.last());
            assess_indicators.push(a.indicators);
        }
        let (mut brief_day, mut brief_kind, mut brief_member, mut brief_indicators) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for b in self.briefings {
            for m in b.attendees() {
                brief_day.push(b.date());
                brief_kind.push(b.kind());
                brief_indicators.push(
                    b.topic() == Some(crate::assessment::BriefingTopic::DegradationIndicators),
                );
                brief_member.push(member(m)?);
            }
        }
        Ok(Engine {
            tree,
            member_org: member_org.into(),
            admitted: admitted.into(),
            official: official.into(),
            left: left.into(),
            left_reason: left_reason.into(),
            kind: kind.into(),
            body_kind: body_kind.into(),
            body_pos: body_pos.into(),
            started: started.into(),
            escalated: escalated.into(),
            subj_oversight: subj_oversight.into(),
            subj_flags: subj_flags.into(),
            subj_target: subj_target.into(),
            subj_content: subj_content.into(),
            disc_member: disc.0.into(),
            disc_form: disc.1.into(),
            disc_status: disc.2.into(),
            disc_body_kind: disc.3.into(),
            disc_body_pos: disc.4.into(),
            disc_date: disc.5.into(),
            disc_committee: disc_committee.into(),
            disc_content: disc_content.into(),
            assess_member: assess_member.into(),
            assess_day: assess_day.into(),
            assess_indicators: assess_indicators.into(),
            brief_day: brief_day.into(),
            brief_kind: brief_kind.into(),
            brief_indicators: brief_indicators.into(),
            brief_member: brief_member.into(),
            timeline: self
                .history
                .map(|h| std::borrow::Cow::Borrowed(h.timeline())),
        })
    }

    /// The tally of `org`'s subtree over `period`: [`Self::engine`], then
    /// [`Engine::tally`]. Build the engine once for many queries.
    ///
    /// # Errors
    ///
    /// As [`Self::engine`] and [`Engine::tally`].
    pub fn tally(&self, org: &str, period: Period) -> Result<Tally, Error> {
        self.engine()?.tally(org, period)
    }
}

impl<'a> Engine<'a> {
    fn index(&self, org: &str) -> Result<OrgIndex, Error> {
        self.tree.index_of(org).ok_or_else(|| {
            OrgId::new(org)
                .map(|id| Error::from(ErrorKind::UnknownOrganization(id)))
                .unwrap_or_else(|e| e)
        })
    }

    /// The figures of `org`'s whole subtree over `period`, in one pass over
    /// the columns (tens of milliseconds at national scale).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownOrganization`] if `org` is not in the tree.
    pub fn tally(&self, org: &str, period: Period) -> Result<Tally, Error> {
        self.tally_in(Scope::Subtree(self.index(org)?), period)
    }

    /// The figures of `org`'s own records over `period`: what its own
    /// bodies did, and its own members, without the organizations below it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownOrganization`] if `org` is not in the tree.
    pub fn tally_own(&self, org: &str, period: Period) -> Result<Tally, Error> {
        self.tally_in(Scope::Own(self.index(org)?), period)
    }

    pub(crate) fn tally_in(&self, scope: Scope, period: Period) -> Result<Tally, Error> {
        self.count_range::<Tally>(scope, &[period])?
            .pop()
            .ok_or_else(|| {
                Error::from(ErrorKind::Internal {
                    what: "a tally query without its period",
                })
            })
    }

    /// The inspections and supervisions of `period` re-based onto the
    /// structure of day `t`, as `org` (an organization of that day) took
    /// them over: each record counts by the weight of every organization
    /// its body maps to on `t` ([`History::map_onto`]) that lies in `org`'s
    /// subtree on `t`. An exact fraction: a commune split in thirds passes
    /// on two thirds of its work. (The term targets' baseline across a
    /// restructuring; rebased.csv's figure for two terms.)
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownOrganization`] if `org` is not in the tree;
    /// [`ErrorKind::Overflow`] if the sum's parts exceed `u64`.
    pub fn rebased_oversight(
        &self,
        org: &str,
        period: Period,
        t: NaiveDate,
    ) -> Result<Ratio, Error> {
        let target = self.index(org)?;
        let tree = self.tree;
        let tl = self.timeline_or_empty();
        let mut by_body: std::collections::BTreeMap<OrgIndex, u64> =
            std::collections::BTreeMap::new();
        for (&day, &body) in self.started.iter().zip(self.body_pos.iter()) {
            if period.contains(day) {
                *by_body.entry(body).or_insert(0) += 1;
            }
        }
        let mut sum = Ratio::ZERO;
        for (body, n) in by_body {
            let mut map = std::collections::BTreeMap::new();
            tl.map_into(tree, body, t, Ratio::ONE, &mut map, 0)?;
            for (to, w) in map {
                if tl.is_within_on(tree, to, target, t) {
                    sum = sum.checked_add(w.checked_mul(Ratio::new(n, 1)?)?)?;
                }
            }
        }
        Ok(sum)
    }

    /// Every figure of `period` re-based onto the structure of day `t` for
    /// `org` (an organization of that day): the units whose records `org`
    /// took over, each with its share and its tally as it was (the highest
    /// such units: a merged province's former provinces; a new commune's
    /// former communes, two thirds of a split one). Any figure re-based is
    /// the sum of each unit's figure times its share, an exact fraction;
    /// for an organization that was never merged, it is `org` itself with
    /// share 1. (Record by record, [`Self::rebased_oversight`] re-bases the
    /// count of inspections and supervisions: the two agree when each
    /// unit's records all go the same way.)
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownOrganization`] if `org` is not in the tree;
    /// [`ErrorKind::Overflow`] if a share's parts exceed `u64`.
    pub fn rebased_units(
        &self,
        org: &str,
        period: Period,
        t: NaiveDate,
    ) -> Result<Vec<RebasedUnit>, Error> {
        let pos = self.index(org)?;
        let mut out = Vec::new();
        for (u, share) in self.units_before(pos, period, t)? {
            let Some(o) = self.tree.org(u) else { continue };
            out.push(RebasedUnit {
                org: o.id().clone(),
                share: share.reduced(),
                tally: self.tally_in(Scope::Subtree(u), period)?,
            });
        }
        Ok(out)
    }

    /// The tallies of every organization and every period of `periods`
    /// (any periods, which may overlap: years, halves and a term at once),
    /// in one pass. Each tally is about a kilobyte: for every organization
    /// of a national tree, ask for few periods, or use the interchange
    /// roll-up report, which keeps fewer figures.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] for 65,535 periods or more.
    pub fn rollup(&self, periods: &[Period]) -> Result<Rollup<'a>, Error> {
        Ok(Rollup {
            tree: self.tree,
            periods: periods.to_vec(),
            grid: self.count_all::<Tally>(periods, true)?,
        })
    }
}

/// A unit whose records an organization took over, with its share and its
/// figures as they were ([`Engine::rebased_units`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RebasedUnit {
    /// The unit.
    pub org: OrgId,
    /// The share of its records taken over (1 for a merger, 2/3 for two
    /// thirds of a split unit).
    pub share: Ratio,
    /// Its figures over the period, as they were.
    pub tally: Tally,
}

/// Tallies for every organization and every requested period: its own
/// records, and its whole subtree ([`Engine::rollup`]).
pub struct Rollup<'a> {
    tree: &'a OrgTree,
    periods: Vec<Period>,
    grid: Grid<Tally>,
}

impl std::fmt::Debug for Rollup<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rollup")
            .field("organizations", &self.tree.len())
            .field("periods", &self.periods)
            .finish_non_exhaustive()
    }
}

impl<'a> Rollup<'a> {
    /// Computes the roll-up of `records` over `periods`:
    /// [`Records::engine`], then [`Engine::rollup`].
    ///
    /// # Errors
    ///
    /// As those two.
    pub fn compute(records: &Records<'a>, periods: &[Period]) -> Result<Rollup<'a>, Error> {
        records.engine()?.rollup(periods)
    }

    /// The periods, in the order given.
    #[must_use]
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    fn at(&self, org: &str, period: Period) -> Option<(OrgIndex, usize)> {
        let p = self.periods.iter().position(|q| *q == period)?;
        Some((self.tree.index_of(org)?, p))
    }

    /// The tally of `org`'s whole subtree over `period` (`None` for an
    /// unknown organization or a period not computed).
    #[must_use]
    pub fn total(&self, org: &str, period: Period) -> Option<&Tally> {
        let (i, p) = self.at(org, period)?;
        self.grid.get(i, p)
    }

    /// The tally of `org`'s own records over `period`.
    #[must_use]
    pub fn own(&self, org: &str, period: Period) -> Option<&Tally> {
        let (i, p) = self.at(org, period)?;
        self.grid.get_own(i, p)
    }

    /// The resolution rate of `org`'s subtree, pooled: all violations
    /// handled over all detected.
    #[must_use]
    pub fn resolution_pooled(&self, org: &str, period: Period) -> Option<Rate> {
        self.total(org, period).map(Tally::resolution_pooled)
    }

    /// The mean of the resolution rates of the units directly under `org`
    /// that detected any violation, exactly (`Ok(None)` when none did).
    /// Pooled and mean rates differ when units differ in size: choose
    /// knowingly.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if the exact mean does not fit `u64` parts.
    pub fn resolution_mean_of_units(
        &self,
        org: &str,
        period: Period,
    ) -> Result<Option<Ratio>, Error> {
        let Some(i) = self.tree.index_of(org) else {
            return Ok(None);
        };
        let rates: Vec<Ratio> = self
            .tree
            .child_indices(i)
            .filter_map(|c| self.tree.org(c))
            .filter_map(|c| self.total(c.id().as_str(), period))
            .filter_map(|t| t.resolution_pooled().ratio())
            .collect();
        mean(&rates)
    }
}

/// The exact mean of `ratios` (`None` for none).
fn mean(ratios: &[Ratio]) -> Result<Option<Ratio>, Error> {
    let overflow = || {
        Error::from(ErrorKind::Overflow {
            what: "the mean of unit rates",
        })
    };
    let Some(first) = ratios.first() else {
        return Ok(None);
    };
    let mut sum = first.reduced();
    for r in ratios.iter().skip(1) {
        let r = r.reduced();
        let g = crate::ratio::gcd(sum.denominator(), r.denominator()).max(1);
        let den = (sum.denominator() / g)
            .checked_mul(r.denominator())
            .ok_or_else(overflow)?;
        let a = sum
            .numerator()
            .checked_mul(r.denominator() / g)
            .ok_or_else(overflow)?;
        let b = r
            .numerator()
            .checked_mul(sum.denominator() / g)
            .ok_or_else(overflow)?;
        sum = Ratio::new(a.checked_add(b).ok_or_else(overflow)?, den)?.reduced();
    }
    let n = ratios.len() as u64;
    let g = crate::ratio::gcd(sum.numerator(), n).max(1);
    let den = sum.denominator().checked_mul(n / g).ok_or_else(overflow)?;
    Ok(Some(Ratio::new(sum.numerator() / g, den)?.reduced()))
}
