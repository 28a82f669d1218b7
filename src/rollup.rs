//! Mergeable tallies of oversight figures, and roll-ups over the
//! organization tree and over periods.
//!
//! A [`Tally`] holds the figures of one periodic report for one subtree and
//! one period. Tallies **merge** (associative and commutative, with
//! [`Tally::default`] as identity), and distinct counts stay exact under
//! merging because the tally keeps the distinct ids, not just their number.
//!
//! [`Rollup::compute`] fills, for every organization and every requested
//! period, the tally of its own records and the tally of its whole subtree,
//! in one pass over the records: each record goes to the tally of one node
//! (the body that acted; for membership events, the member's organization)
//! for each period that contains its date, then nodes merge upward from the
//! leaves. Its cost is linear in records plus organizations times periods,
//! plus the merging of the distinct-id sets (which grows with depth). That
//! suits a province or a district held in the typed model; the CSV roll-up
//! at national scale has its own column-oriented path.
//!
//! **Counting rules.** An inspection or supervision counts in the period
//! containing its start date ([the interchange format](crate::spec::format)); its subjects are visits (lượt):
//! a member supervised twice counts twice as a visit and once as distinct
//! (the term is undefined in the sources found; reports mix heads and visits, so both are kept apart). Discipline counts on the date of the proposal or
//! decision. A name removal counts on the leaving date, at the member's
//! organization. Membership is taken on the last day of the period. A
//! briefing counts each attendee at the attendee's own organization, so
//! coverage is right at every level.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::assessment::{Assessment, Briefing, BriefingKind};
use crate::discipline::{DisciplineAction, DisciplineForm, DisciplineStatus};
use crate::error::{Error, ErrorKind};
use crate::id::{MemberId, OrgId};
use crate::indicator::DegradationIndicator;
use crate::inspection::{BodyKind, Inspection, Outcome, OversightKind, OversightRegister, Subject};
use crate::member::{LeftReason, Member, MemberStatus, Roster};
use crate::organization::{OrgIndex, OrgTree};
use crate::period::Period;
use crate::rate::Rate;
use crate::ratio::Ratio;

/// The figures of inspections, or of supervisions, by one kind of body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityTally {
    count: u64,
    by_kind: BTreeMap<OversightKind, u64>,
    org_visits: u64,
    orgs: BTreeSet<OrgId>,
    member_visits: u64,
    members: BTreeSet<MemberId>,
    committee_members: BTreeSet<MemberId>,
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

    /// How many of each kind.
    #[must_use]
    pub fn by_kind(&self) -> &BTreeMap<OversightKind, u64> {
        &self.by_kind
    }

    /// Organization subjects, counted per visit (lượt tổ chức).
    #[must_use]
    pub fn org_visits(&self) -> u64 {
        self.org_visits
    }

    /// Distinct organizations among the subjects.
    #[must_use]
    pub fn orgs_distinct(&self) -> u64 {
        self.orgs.len() as u64
    }

    /// Member subjects, counted per visit (lượt đảng viên).
    #[must_use]
    pub fn member_visits(&self) -> u64 {
        self.member_visits
    }

    /// Distinct members among the subjects.
    #[must_use]
    pub fn members_distinct(&self) -> u64 {
        self.members.len() as u64
    }

    /// Distinct members among the subjects who sat on a party committee.
    #[must_use]
    pub fn committee_members_distinct(&self) -> u64 {
        self.committee_members.len() as u64
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
        self.org_violations + self.member_violations
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

    /// Merges `other` into `self`: counts add, distinct sets unite.
    pub fn merge(&mut self, other: &ActivityTally) {
        self.count += other.count;
        for (k, v) in &other.by_kind {
            *self.by_kind.entry(*k).or_insert(0) += v;
        }
        self.org_visits += other.org_visits;
        self.orgs.extend(other.orgs.iter().cloned());
        self.member_visits += other.member_visits;
        self.members.extend(other.members.iter().cloned());
        self.committee_members
            .extend(other.committee_members.iter().cloned());
        self.org_violations += other.org_violations;
        self.member_violations += other.member_violations;
        self.handled += other.handled;
        self.escalations += other.escalations;
    }

    fn add(&mut self, i: &Inspection) {
        self.count += 1;
        *self.by_kind.entry(i.kind()).or_insert(0) += 1;
        if i.escalated_from().is_some() {
            self.escalations += 1;
        }
        for f in i.findings() {
            let violation = matches!(f.outcome, Outcome::Violation { .. });
            match &f.subject {
                Subject::Organization(o) => {
                    self.org_visits += 1;
                    self.orgs.insert(o.clone());
                    self.org_violations += u64::from(violation);
                }
                Subject::Member(m) => {
                    self.member_visits += 1;
                    self.members.insert(m.clone());
                    if f.committee_member {
                        self.committee_members.insert(m.clone());
                    }
                    self.member_violations += u64::from(violation);
                }
            }
            if let Outcome::Violation {
                handled: Some(_), ..
            } = f.outcome
            {
                self.handled += 1;
            }
        }
    }
}

/// Inspections and supervisions by one kind of body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyTally {
    /// Inspections (kiểm tra).
    pub inspections: ActivityTally,
    /// Supervisions (giám sát).
    pub supervisions: ActivityTally,
}

impl BodyTally {
    /// Merges `other` into `self`.
    pub fn merge(&mut self, other: &BodyTally) {
        self.inspections.merge(&other.inspections);
        self.supervisions.merge(&other.supervisions);
    }
}

/// Organizations or members, as discipline figures split them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectSide {
    /// Party organizations.
    Organization,
    /// Members.
    Member,
}

/// The oversight figures of one subtree and one period; see the module
/// docs for what counts where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    committee: BodyTally,
    commission: BodyTally,
    discipline: BTreeMap<(BodyKind, DisciplineStatus, SubjectSide, DisciplineForm), u64>,
    name_removals: u64,
    name_removals_probationary: u64,
    assessments: u64,
    indicator_members: BTreeMap<DegradationIndicator, BTreeSet<MemberId>>,
    members_official: u64,
    members_probationary: u64,
    briefing_visits: BTreeMap<BriefingKind, u64>,
    briefed: BTreeSet<MemberId>,
}

impl Tally {
    /// The figures of one kind of body.
    #[must_use]
    pub fn body(&self, kind: BodyKind) -> &BodyTally {
        match kind {
            BodyKind::Committee => &self.committee,
            BodyKind::Commission => &self.commission,
        }
    }

    /// The figures of committees and commissions together.
    #[must_use]
    pub fn both_bodies(&self) -> BodyTally {
        let mut b = self.committee.clone();
        b.merge(&self.commission);
        b
    }

    /// Inspections and supervisions ("cuộc KTGS") by both kinds of body.
    #[must_use]
    pub fn oversight_count(&self) -> u64 {
        self.committee.inspections.count
            + self.committee.supervisions.count
            + self.commission.inspections.count
            + self.commission.supervisions.count
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
        self.discipline
            .iter()
            .filter(|((b, s, d, f), _)| {
                bodies.is_none_or(|x| x == *b)
                    && *s == status
                    && *d == side
                    && form.is_none_or(|x| x == *f)
            })
            .map(|(_, n)| n)
            .sum()
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
        self.indicator_members
            .get(&indicator)
            .map_or(0, |s| s.len() as u64)
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
        self.briefing_visits
            .iter()
            .filter(|(k, _)| kind.is_none_or(|x| x == **k))
            .map(|(_, n)| n)
            .sum()
    }

    /// Members still members at the period's end who were briefed in it.
    #[must_use]
    pub fn briefed_members(&self) -> u64 {
        self.briefed.len() as u64
    }

    /// The coverage of briefings: members briefed of members at the end.
    #[must_use]
    pub fn briefing_coverage(&self) -> Rate {
        let population = self.members_official + self.members_probationary;
        // `briefed` only holds members counted in the population.
        Rate::clamped(
            crate::rate::RateKind::Coverage,
            self.briefed_members(),
            population,
        )
    }

    /// The pooled resolution rate of violations found by inspections (of
    /// both kinds of body): all handled over all detected in the subtree.
    #[must_use]
    pub fn resolution_pooled(&self) -> Rate {
        let b = self.both_bodies();
        let detected = b.inspections.violations() + b.supervisions.violations();
        let handled = b.inspections.handled + b.supervisions.handled;
        Rate::clamped(crate::rate::RateKind::Resolution, handled, detected)
    }

    /// Merges `other` into `self`: counts add, distinct sets unite.
    pub fn merge(&mut self, other: &Tally) {
        self.committee.merge(&other.committee);
        self.commission.merge(&other.commission);
        for (k, v) in &other.discipline {
            *self.discipline.entry(*k).or_insert(0) += v;
        }
        self.name_removals += other.name_removals;
        self.name_removals_probationary += other.name_removals_probationary;
        self.assessments += other.assessments;
        for (k, v) in &other.indicator_members {
            self.indicator_members
                .entry(*k)
                .or_default()
                .extend(v.iter().cloned());
        }
        self.members_official += other.members_official;
        self.members_probationary += other.members_probationary;
        for (k, v) in &other.briefing_visits {
            *self.briefing_visits.entry(*k).or_insert(0) += v;
        }
        self.briefed.extend(other.briefed.iter().cloned());
    }

    fn add_inspection(&mut self, i: &Inspection) {
        let body = match i.body().kind {
            BodyKind::Committee => &mut self.committee,
            BodyKind::Commission => &mut self.commission,
        };
        if i.kind().is_inspection() {
            body.inspections.add(i)
        } else {
            body.supervisions.add(i)
        }
    }

    fn add_discipline(&mut self, a: &DisciplineAction) {
        let side = match a.subject() {
            Subject::Organization(_) => SubjectSide::Organization,
            Subject::Member(_) => SubjectSide::Member,
        };
        *self
            .discipline
            .entry((a.body().kind, a.status(), side, a.form()))
            .or_insert(0) += 1;
    }

    fn add_name_removal(&mut self, m: &Member, left: chrono::NaiveDate) {
        self.name_removals += 1;
        if m.official().is_none_or(|o| o > left) {
            self.name_removals_probationary += 1;
        }
    }

    fn add_assessment(&mut self, a: &Assessment) {
        self.assessments += 1;
        for i in a.indicators.iter() {
            self.indicator_members
                .entry(i)
                .or_default()
                .insert(a.member.clone());
        }
    }

    fn add_membership(&mut self, status: MemberStatus) {
        match status {
            MemberStatus::Official => self.members_official += 1,
            MemberStatus::Probationary => self.members_probationary += 1,
            _ => {}
        }
    }

    fn add_briefing_attendance(
        &mut self,
        kind: BriefingKind,
        member: &MemberId,
        counted_at_end: bool,
    ) {
        *self.briefing_visits.entry(kind).or_insert(0) += 1;
        if counted_at_end {
            self.briefed.insert(member.clone());
        }
    }
}

/// Everything a report counts: the tree, the roster and the records.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    tree: &'a OrgTree,
    roster: &'a Roster,
    oversight: &'a OversightRegister,
    discipline: &'a [DisciplineAction],
    assessments: &'a [Assessment],
    briefings: &'a [Briefing],
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
        }
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

    /// Calls `visit(period index, node, add)` for every record and every
    /// period it counts in, where `node` is the organization it is counted at
    /// and `add` adds it to a tally.
    fn for_each_record(
        &self,
        periods: &[Period],
        mut visit: impl FnMut(usize, &str, &dyn Fn(&mut Tally)),
    ) {
        for i in self.oversight.iter() {
            for (p, period) in periods.iter().enumerate() {
                if period.contains(i.started()) {
                    visit(p, i.body().org.as_str(), &|t: &mut Tally| {
                        t.add_inspection(i)
                    });
                }
            }
        }
        for a in self.discipline {
            for (p, period) in periods.iter().enumerate() {
                if period.contains(a.date()) {
                    visit(p, a.body().org.as_str(), &|t: &mut Tally| {
                        t.add_discipline(a)
                    });
                }
            }
        }
        for a in self.assessments {
            let Some(m) = self.roster.get(a.member.as_str()) else {
                continue;
            };
            for (p, period) in periods.iter().enumerate() {
                if period.contains(a.period.last()) {
                    visit(p, m.org_id().as_str(), &|t: &mut Tally| t.add_assessment(a));
                }
            }
        }
        for m in self.roster.iter() {
            for (p, period) in periods.iter().enumerate() {
                if let Some((left, LeftReason::NameRemoval)) = m.left()
                    && period.contains(left)
                {
                    visit(p, m.org_id().as_str(), &|t: &mut Tally| {
                        t.add_name_removal(m, left)
                    });
                }
                let status = m.status_on(period.last());
                if status.is_member() {
                    visit(p, m.org_id().as_str(), &|t: &mut Tally| {
                        t.add_membership(status)
                    });
                }
            }
        }
        for b in self.briefings {
            for (p, period) in periods.iter().enumerate() {
                if !period.contains(b.date()) {
                    continue;
                }
                for a in b.attendees() {
                    let Some(m) = self.roster.get(a.as_str()) else {
                        continue;
                    };
                    let at_end = m.is_member_on(period.last());
                    visit(p, m.org_id().as_str(), &|t: &mut Tally| {
                        t.add_briefing_attendance(b.kind(), a, at_end)
                    });
                }
            }
        }
    }

    /// The tally of `org`'s subtree over `period`, computed directly by
    /// filtering every record (the reference the roll-up is tested
    /// against; use [`Rollup`] for many organizations or periods).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownOrganization`] if `org` is not in the tree.
    pub fn tally(&self, org: &str, period: Period) -> Result<Tally, Error> {
        let root = self.index(org)?;
        let mut tally = Tally::default();
        self.for_each_record(&[period], |_, node, add| {
            if self
                .tree
                .index_of(node)
                .is_some_and(|n| self.tree.is_within_index(n, root))
            {
                add(&mut tally);
            }
        });
        Ok(tally)
    }

    fn index(&self, org: &str) -> Result<OrgIndex, Error> {
        self.tree.index_of(org).ok_or_else(|| {
            OrgId::new(org)
                .map(|id| Error::from(ErrorKind::UnknownOrganization(id)))
                .unwrap_or_else(|e| e)
        })
    }
}

/// Tallies for every organization and every requested period: its own
/// records, and its whole subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup<'a> {
    tree: &'a OrgTree,
    periods: Vec<Period>,
    own: Vec<Vec<Tally>>,
    total: Vec<Vec<Tally>>,
}

impl<'a> Rollup<'a> {
    /// Computes the roll-up of `records` over `periods` (any periods, which
    /// may overlap: years, halves and a term at once).
    #[must_use]
    pub fn compute(records: &Records<'a>, periods: &[Period]) -> Rollup<'a> {
        let tree = records.tree;
        let n = tree.len();
        let mut own: Vec<Vec<Tally>> = vec![vec![Tally::default(); n]; periods.len()];
        records.for_each_record(periods, |p, node, add| {
            if let (Some(i), Some(row)) = (tree.index_of(node), own.get_mut(p))
                && let Some(t) = row.get_mut(i.0 as usize)
            {
                add(t);
            }
        });
        let mut total = own.clone();
        for row in &mut total {
            for i in (1..n).rev() {
                let Some(parent) = tree.parent_index(OrgIndex(i as u32)) else {
                    continue;
                };
                let (head, tail) = row.split_at_mut(i);
                if let (Some(p), Some(c)) = (head.get_mut(parent.0 as usize), tail.first()) {
                    p.merge(c);
                }
            }
        }
        Rollup {
            tree,
            periods: periods.to_vec(),
            own,
            total,
        }
    }

    /// The periods, in the order given.
    #[must_use]
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// The tally of `org`'s whole subtree over `period` (`None` for an
    /// unknown organization or a period not computed).
    #[must_use]
    pub fn total(&self, org: &str, period: Period) -> Option<&Tally> {
        let p = self.periods.iter().position(|q| *q == period)?;
        let i = self.tree.index_of(org)?;
        self.total.get(p)?.get(i.0 as usize)
    }

    /// The tally of `org`'s own records over `period`.
    #[must_use]
    pub fn own(&self, org: &str, period: Period) -> Option<&Tally> {
        let p = self.periods.iter().position(|q| *q == period)?;
        let i = self.tree.index_of(org)?;
        self.own.get(p)?.get(i.0 as usize)
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
