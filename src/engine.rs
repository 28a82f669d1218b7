//! The counting engine: every figure of the crate is counted here, once.
//!
//! An [`Engine`] holds the records as columns, by position: organizations
//! in the depth-first order of their [`OrgTree`] (so a subtree is a range of
//! positions), members, inspections and supervisions, their subjects,
//! discipline actions, assessments and briefing attendances. It is built
//! cheaply from the typed model ([`Records::engine`](crate::Records::engine),
//! which copies the few fields it counts) or borrowed from columns loaded
//! from the interchange format
//! ([`Columns::engine`](crate::interchange::Columns::engine), no copy).
//!
//! **The counting rules**, written once in this module and used by every
//! figure of the crate (the typed [`Tally`](crate::Tally) and
//! [`Rollup`](crate::Rollup), the [`OversightReport`](crate::OversightReport)
//! and the interchange roll-up report):
//!
//! - an inspection or supervision counts at its body's organization, in every
//!   period that contains its start day; each of its subject rows is a visit
//!   (lượt) counted with it, and its subject counts once in distinct counts;
//! - a violation is a subject row concluded with a violation; it is handled
//!   when it has a handled date;
//! - a discipline action counts at its body's organization on its date (the
//!   proposal's or the decision's);
//! - membership is taken on the last day of each period, at the member's
//!   organization: a member from admission to the day before leaving,
//!   official from the day of recognition;
//! - a name removal counts on the leaving day, at the member's organization;
//!   it was of a probationary member if the member was not yet official
//!   that day;
//! - an assessment counts at the member's organization, in the period that
//!   contains the last day of the period assessed;
//! - a briefing attendance counts at the attendee's organization on the
//!   briefing's day; the attendee counts as briefed if still a member on the
//!   period's last day.
//!
//! **How.** Each record is turned into events, `(node, period, event)` and
//! `(node, period, distinct measure, subject)`, by one walk over the columns.
//! What a figure row keeps of them is the row's business (the trait `Row`):
//! the typed [`Tally`](crate::Tally) keeps everything; the roll-up report's
//! row keeps its twelve columns, so that a national roll-up stays small.
//! The walk feeds two kinds of query:
//!
//! - **one subtree** (or one organization alone): the records of a range of
//!   positions, filtered as they pass; distinct counts by sorting the
//!   (measure, period, subject) keys seen. The cost is one pass over the
//!   columns, whatever the subtree: tens of milliseconds at national scale.
//! - **every organization**: each event is added at its node, then nodes are
//!   summed into their parents in reverse depth-first order. Distinct counts
//!   per subtree come without a set per node: the (measure, period, subject,
//!   node) keys are sorted once, and for each group of measure, period and
//!   subject the nodes where it was seen, in depth-first order, add +1 each
//!   and −1 at the lowest common ancestor of each consecutive pair, so that a
//!   subtree's sum of marks is the number of distinct subjects in it.
//!   Membership comes from difference arrays over the periods sorted by last
//!   day. The cost is O(records log records + organizations × periods).
//!
//! Periods may be any list of [`Period`]s, overlapping or not: a day finds
//! its period in each layer of non-overlapping periods by binary search.

use std::borrow::Cow;
use std::ops::Range;

use chrono::NaiveDate;

use crate::assessment::BriefingKind;
use crate::content::Content;
use crate::discipline::{DisciplineForm, DisciplineStatus};
use crate::error::{Error, ErrorKind};
use crate::indicator::{DegradationIndicator, IndicatorSet};
use crate::inspection::{Activity, BodyKind, OversightKind};
use crate::member::LeftReason;
use crate::organization::{OrgIndex, OrgLevel, OrgTree};
use crate::period::Period;
use crate::ratio::Ratio;
use crate::timeline::Timeline;

/// The timeline of a structure that never changes.
static NO_TIMELINE: Timeline = Timeline::EMPTY;

/// Subject row flags: a member (else an organization).
pub(crate) const S_MEMBER: u8 = 1;
/// Subject row flags: concluded with a violation.
pub(crate) const S_VIOLATION: u8 = 2;
/// Subject row flags: concluded.
pub(crate) const S_CONCLUDED: u8 = 4;
/// Subject row flags: the violation was handled.
pub(crate) const S_HANDLED: u8 = 8;
/// Subject row flags: a member who sat on a party committee (cấp ủy viên).
pub(crate) const S_COMMITTEE: u8 = 16;
/// Subject row flags: concluded with a shortcoming that is not a violation.
pub(crate) const S_SHORTCOMING: u8 = 32;
/// Subject row flags: a discipline action (proposed or decided) names this
/// inspection and subject: "phải thi hành kỷ luật".
pub(crate) const S_MUST: u8 = 64;
/// Subject row flags: a decided discipline action names this inspection
/// and subject: "đã thi hành kỷ luật".
pub(crate) const S_DISCIPLINED: u8 = 128;

/// The records the engine counts, as columns by position; see the
/// [module documentation](self).
///
/// Built by [`Records::engine`](crate::Records::engine) from the typed model,
/// or by [`Columns::engine`](crate::interchange::Columns::engine) from loaded
/// columns. Either way every reference is resolved: a subject, a body or a
/// member's organization is a position in the tree or in the member
/// columns.
///
/// ```
/// # use chrono::NaiveDate;
/// # use party_oversight::*;
/// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// # let org = |id: &str, parent: Option<&str>, level| PartyOrganization::new(OrganizationFields {
/// #     id: id.parse().unwrap(), parent: parent.map(|p| p.parse().unwrap()), level,
/// #     name: id.into(), established: day(1990, 1, 1), dissolved: None, successor: None }).unwrap();
/// let tree = OrgTree::new(vec![
///     org("T", None, OrgLevel::Provincial),
///     org("X", Some("T"), OrgLevel::Grassroots),
/// ])?;
/// let member = Member::new(MemberFields {
///     id: "DV-1".parse()?, org: "X".parse()?, full_name: "Lò Văn B".into(),
///     admitted: day(2018, 3, 1), official: Some(day(2019, 3, 1)), left: None, left_reason: None,
/// })?;
/// let roster = Roster::new(&tree, vec![member])?;
/// let oversight = OversightRegister::new(&tree, &roster, vec![])?;
/// // Build the engine once, then ask for any organization and period.
/// let engine = Records::of(&tree, &roster, &oversight).engine()?;
/// let h1: Period = "2019-H1".parse()?;
/// let tally = engine.tally("T", h1)?;
/// assert_eq!(tally.members_official(), 1); // official since 1 March 2019
/// assert_eq!(engine.tally("T", "2018".parse()?)?.members_probationary(), 1);
/// assert!(engine.tally("nowhere", h1).is_err());
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Engine<'a> {
    pub(crate) tree: &'a OrgTree,
    // Members, by member position.
    pub(crate) member_org: Cow<'a, [OrgIndex]>,
    pub(crate) admitted: Cow<'a, [NaiveDate]>,
    pub(crate) official: Cow<'a, [Option<NaiveDate>]>,
    pub(crate) left: Cow<'a, [Option<NaiveDate>]>,
    pub(crate) left_reason: Cow<'a, [Option<LeftReason>]>,
    // Inspections and supervisions, by row.
    pub(crate) kind: Cow<'a, [OversightKind]>,
    pub(crate) body_kind: Cow<'a, [BodyKind]>,
    pub(crate) body_pos: Cow<'a, [OrgIndex]>,
    pub(crate) started: Cow<'a, [NaiveDate]>,
    /// Empty when the source records no escalations (the interchange format).
    pub(crate) escalated: Cow<'a, [bool]>,
    // Subjects, by row: the inspection's row, flags, and the subject's
    // position (a member's or an organization's, as the flags say).
    pub(crate) subj_oversight: Cow<'a, [u32]>,
    pub(crate) subj_flags: Cow<'a, [u8]>,
    pub(crate) subj_target: Cow<'a, [u32]>,
    /// Empty when the source records no content categories.
    pub(crate) subj_content: Cow<'a, [Option<Content>]>,
    // Discipline, by row.
    pub(crate) disc_member: Cow<'a, [bool]>,
    pub(crate) disc_form: Cow<'a, [DisciplineForm]>,
    pub(crate) disc_status: Cow<'a, [DisciplineStatus]>,
    pub(crate) disc_body_kind: Cow<'a, [BodyKind]>,
    pub(crate) disc_body_pos: Cow<'a, [OrgIndex]>,
    pub(crate) disc_date: Cow<'a, [NaiveDate]>,
    /// Empty when the source records no committee membership.
    pub(crate) disc_committee: Cow<'a, [bool]>,
    /// Empty when the source records no content categories.
    pub(crate) disc_content: Cow<'a, [Option<Content>]>,
    // Assessments, by row: the member, the last day assessed, the indicators.
    pub(crate) assess_member: Cow<'a, [u32]>,
    pub(crate) assess_day: Cow<'a, [NaiveDate]>,
    pub(crate) assess_indicators: Cow<'a, [IndicatorSet]>,
    // Briefing attendances, by row.
    pub(crate) brief_day: Cow<'a, [NaiveDate]>,
    pub(crate) brief_kind: Cow<'a, [BriefingKind]>,
    /// Whether each was on the 27 indicators (empty: none recorded).
    pub(crate) brief_indicators: Cow<'a, [bool]>,
    pub(crate) brief_member: Cow<'a, [u32]>,
    /// The organizations and members over time (format version 2): parents
    /// and members' organizations of a day. `None`: the tree as it is, and
    /// each member in one organization.
    pub(crate) timeline: Option<Cow<'a, Timeline>>,
}

/// Whose records a query counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The organization's subtree (of each record's day).
    Subtree(OrgIndex),
    /// The organization's own records and members.
    Own(OrgIndex),
}

/// Something a record adds to a figure row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// An inspection or supervision.
    Oversight {
        body: BodyKind,
        kind: OversightKind,
        escalated: bool,
    },
    /// One subject row (a visit) of an inspection or supervision.
    Subject {
        body: BodyKind,
        /// The level of the body's organization.
        level: Option<OrgLevel>,
        /// What the violation was about, where recorded.
        content: Option<Content>,
        kind: OversightKind,
        /// Its inspection was escalated from a supervision.
        escalated: bool,
        member: bool,
        /// The subject row's flags (`S_…`).
        flags: u8,
    },
    /// A discipline action.
    Discipline {
        body: BodyKind,
        /// The level of the body's organization.
        level: Option<OrgLevel>,
        /// What the violation was about, where recorded.
        content: Option<Content>,
        status: DisciplineStatus,
        member: bool,
        form: DisciplineForm,
        /// Of a member who sat on a party committee.
        committee: bool,
    },
    /// A name removal (xóa tên).
    NameRemoval { probationary: bool },
    /// An assessment against the 27 indicators.
    Assessment,
    /// A briefing attendance, and whether the briefing was on the 27
    /// indicators.
    Briefing(BriefingKind, bool),
}

/// What a distinct count counts among subject rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Organizations.
    Orgs,
    /// Members.
    Members,
    /// Members who sat on a party committee.
    CommitteeMembers,
}

/// How many distinct measures there are: 3 body sets × 3 activity sets × 3
/// classes, the 27 indicators, and the members briefed.
pub(crate) const DISTINCT: usize = 27 + 27 + 1;

/// The distinct measure of subjects of `class` seen by `bodies` (`None`:
/// both kinds) in `activity` (`None`: both).
pub(crate) const fn subject_measure(
    bodies: Option<BodyKind>,
    activity: Option<Activity>,
    class: Class,
) -> usize {
    let b = match bodies {
        Some(BodyKind::Committee) => 0,
        Some(BodyKind::Commission) => 1,
        None => 2,
    };
    let a = match activity {
        Some(Activity::Inspection) => 0,
        Some(Activity::Supervision) => 1,
        None => 2,
    };
    let c = match class {
        Class::Orgs => 0,
        Class::Members => 1,
        Class::CommitteeMembers => 2,
    };
    (b * 3 + a) * 3 + c
}

/// The distinct measure of members showing `indicator` in an assessment.
pub(crate) const fn indicator_measure(indicator: DegradationIndicator) -> usize {
    27 + indicator.index()
}

/// The distinct measure of members briefed and members at the period's end.
pub(crate) const BRIEFED: usize = 54;

/// A subject seen by the walk, for distinct counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    /// A subject of `class` seen by a body of kind `body` in `activity`:
    /// counts in four subject measures (this body or both, this activity
    /// or both).
    Subject {
        body: BodyKind,
        activity: Activity,
        class: Class,
    },
    /// Any other distinct measure.
    Measure(usize),
}

impl Seen {
    /// The distinct measures it counts in.
    fn measures(self) -> impl Iterator<Item = usize> {
        let (list, len) = match self {
            Seen::Subject {
                body,
                activity,
                class,
            } => (
                [
                    subject_measure(Some(body), Some(activity), class),
                    subject_measure(Some(body), None, class),
                    subject_measure(None, Some(activity), class),
                    subject_measure(None, None, class),
                ],
                4,
            ),
            Seen::Measure(m) => ([m, 0, 0, 0], 1),
        };
        list.into_iter().take(len)
    }
}

/// The four (body, activity) pairs as bits, for one subtree's distinct
/// counts: bit `body * 2 + activity`.
const fn pair_bit(body: BodyKind, activity: Activity) -> u64 {
    let b = match body {
        BodyKind::Committee => 0,
        BodyKind::Commission => 1,
    };
    let a = match activity {
        Activity::Inspection => 0,
        Activity::Supervision => 1,
    };
    1 << (b * 2 + a)
}

/// The bits of the pairs a subject measure's body and activity sets cover.
fn pairs_of(bodies: Option<BodyKind>, activity: Option<Activity>) -> u64 {
    let mut bits = 0;
    for b in BodyKind::ALL {
        for a in Activity::ALL {
            if bodies.is_none_or(|x| x == b) && activity.is_none_or(|x| x == a) {
                bits |= pair_bit(b, a);
            }
        }
    }
    bits
}

/// A row of figures: what it keeps of the events. Rows are summed up the
/// tree by [`Row::add_row`], which adds every additive figure; distinct
/// counts are set afterwards.
pub(crate) trait Row: Clone {
    /// How many distinct counts the row keeps.
    const SLOTS: usize;
    /// The zero row.
    fn zero() -> Self;
    /// The slot (`0..SLOTS`) in which the row keeps distinct measure
    /// `measure`, if it keeps it.
    fn slot(measure: usize) -> Option<usize>;
    /// Adds an event.
    fn add(&mut self, e: Event);
    /// Adds the additive figures of `other`.
    fn add_row(&mut self, other: &Self);
    /// Adds members on the period's last day.
    fn add_members(&mut self, official: u64, probationary: u64);
    /// Sets the distinct count of `slot`.
    fn set_distinct(&mut self, slot: usize, n: u64);
}

/// A member's membership as day ranges: probationary on `[admitted,
/// official)`, official on `[official, left)`, each clipped to the
/// membership. The one rule of "member on a day" for every figure.
#[derive(Debug, Clone, Copy)]
struct Membership {
    admitted: NaiveDate,
    official: Option<NaiveDate>,
    left: Option<NaiveDate>,
}

/// A member's standing on a day, as the figures count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    None,
    Probationary,
    Official,
}

impl Membership {
    fn on(self, day: NaiveDate) -> Standing {
        if day < self.admitted || self.left.is_some_and(|l| l <= day) {
            Standing::None
        } else if self.official.is_some_and(|o| o <= day) {
            Standing::Official
        } else {
            Standing::Probationary
        }
    }
}

/// The periods of a query arranged for lookup: layers of periods that do
/// not overlap, each sorted by first day, so a day finds its period in each
/// layer by binary search; and the last days in order, for membership.
pub(crate) struct Buckets {
    layers: Vec<Vec<(Period, u16)>>,
    /// Period indices sorted by last day, and those last days.
    by_end: Vec<u16>,
    ends: Vec<NaiveDate>,
    /// The periods, in the order given.
    periods: Vec<Period>,
}

impl Buckets {
    pub(crate) fn new(periods: &[Period]) -> Result<Self, Error> {
        if periods.len() >= usize::from(u16::MAX) {
            return Err(Error::out_of_range(
                "periods",
                periods.len() as i128,
                0,
                i128::from(u16::MAX) - 1,
            ));
        }
        let mut sorted: Vec<(Period, u16)> = periods
            .iter()
            .enumerate()
            .map(|(i, &p)| (p, i as u16))
            .collect();
        sorted.sort_by_key(|(p, i)| (p.first(), p.last(), *i));
        let mut layers: Vec<Vec<(Period, u16)>> = Vec::new();
        for (p, i) in sorted {
            // The first layer whose last period ends before this one starts.
            match layers
                .iter_mut()
                .find(|l| l.last().is_none_or(|(q, _)| q.last() < p.first()))
            {
                Some(layer) => layer.push((p, i)),
                None => layers.push(vec![(p, i)]),
            }
        }
        let mut by_end: Vec<u16> = (0..periods.len() as u16).collect();
        by_end.sort_by_key(|&i| (periods.get(usize::from(i)).map(|p| p.last()), i));
        let ends = by_end
            .iter()
            .filter_map(|&i| periods.get(usize::from(i)).map(|p| p.last()))
            .collect();
        Ok(Buckets {
            layers,
            by_end,
            ends,
            periods: periods.to_vec(),
        })
    }

    /// The period of layer `layer` that contains `d`, if any.
    fn find(&self, layer: usize, d: NaiveDate) -> Option<u16> {
        let l = self.layers.get(layer)?;
        let at = l.partition_point(|(p, _)| p.first() <= d).checked_sub(1)?;
        l.get(at).filter(|(p, _)| p.contains(d)).map(|&(_, i)| i)
    }

    /// Every period that contains `d`, one per layer at most.
    fn each(&self, d: NaiveDate) -> impl Iterator<Item = u16> + '_ {
        (0..self.layers.len()).filter_map(move |l| self.find(l, d))
    }
}

/// Figures for every organization and period: `total` for subtrees, and
/// `own` for each organization's own records when asked for.
pub(crate) struct Grid<R> {
    pub(crate) np: usize,
    pub(crate) total: Vec<R>,
    pub(crate) own: Option<Vec<R>>,
}

impl<R> Grid<R> {
    pub(crate) fn get(&self, pos: OrgIndex, period: usize) -> Option<&R> {
        if period >= self.np {
            return None;
        }
        self.total
            .get((pos.0 as usize).checked_mul(self.np)?.checked_add(period)?)
    }

    pub(crate) fn get_own(&self, pos: OrgIndex, period: usize) -> Option<&R> {
        if period >= self.np {
            return None;
        }
        self.own
            .as_ref()?
            .get((pos.0 as usize).checked_mul(self.np)?.checked_add(period)?)
    }
}

fn negative() -> Error {
    Error::from(ErrorKind::Internal {
        what: "a negative count in the roll-up",
    })
}

impl<'a> Engine<'a> {
    /// The organization tree.
    #[must_use]
    pub fn tree(&self) -> &'a OrgTree {
        self.tree
    }

    /// How many members (past and present).
    #[must_use]
    pub fn members(&self) -> usize {
        self.member_org.len()
    }

    /// How many inspections and supervisions.
    #[must_use]
    pub fn oversight(&self) -> usize {
        self.started.len()
    }

    /// The level of the organization at `pos` (every body's position is
    /// one of the tree's, so never `None` in practice).
    fn level(&self, pos: OrgIndex) -> Option<OrgLevel> {
        self.tree.org(pos).map(|o| o.level())
    }

    /// The timeline, or the one of a structure that never changes.
    pub(crate) fn timeline_or_empty(&self) -> &Timeline {
        self.timeline.as_deref().unwrap_or(&NO_TIMELINE)
    }

    /// The organization of the member at `m` on `day`.
    fn member_org_on(&self, m: usize, day: NaiveDate) -> Option<OrgIndex> {
        let home = *self.member_org.get(m)?;
        Some(match &self.timeline {
            Some(t) => t.member_org_on(m as u32, home, day),
            None => home,
        })
    }

    /// Whether records of the organization at `node` on `day` count in
    /// `scope`.
    fn in_scope(&self, scope: Scope, node: u32, day: NaiveDate) -> bool {
        match scope {
            Scope::Own(o) => node == o.0,
            Scope::Subtree(root) => match &self.timeline {
                Some(t) => t.is_within_on(self.tree, OrgIndex(node), root, day),
                None => self.tree.is_within_index(OrgIndex(node), root),
            },
        }
    }

    /// The organizations whose subtree holds `node` on `day`, itself
    /// first.
    fn chain(&self, node: u32, day: NaiveDate) -> impl Iterator<Item = OrgIndex> + '_ {
        self.timeline_or_empty()
            .chain_on(self.tree, OrgIndex(node), day)
    }

    /// The units whose records the organization at `org` holds on day `t`
    /// (its "units before the merger" when it was formed by one), over
    /// `period`: every organization that existed at some time in `period`
    /// and whose records map onto `t` (lineage, or the parent that took
    /// them) into `org`'s subtree, with that share; only the highest of
    /// them (whose parent on its last day in `period` takes nothing), in
    /// tree order. Their figures as they were, each times its share, make
    /// the period's figures re-based onto `org`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a share's parts exceed `u64`.
    pub(crate) fn units_before(
        &self,
        org: OrgIndex,
        period: Period,
        t: NaiveDate,
    ) -> Result<Vec<(OrgIndex, Ratio)>, Error> {
        let tree = self.tree;
        let tl = self.timeline_or_empty();
        let n = tree.len();
        let (first, last) = (period.first(), period.last());
        let mut share: Vec<Option<Ratio>> = vec![None; n];
        let share_of = |i: OrgIndex, share: &mut Vec<Option<Ratio>>| -> Result<Ratio, Error> {
            if let Some(Some(s)) = share.get(i.0 as usize) {
                return Ok(*s);
            }
            let mut map = std::collections::BTreeMap::new();
            tl.map_into(tree, i, t, Ratio::ONE, &mut map, 0)?;
            let mut s = Ratio::ZERO;
            for (to, w) in map {
                if tl.is_within_on(tree, to, org, t) {
                    s = s.checked_add(w)?;
                }
            }
            if let Some(slot) = share.get_mut(i.0 as usize) {
                *slot = Some(s);
            }
            Ok(s)
        };
        let mut out = Vec::new();
        for i in 0..n {
            let oi = OrgIndex(i as u32);
            let Some(o) = tree.org(oi) else { continue };
            if o.established() > last || o.dissolved().is_some_and(|d| d <= first) {
                continue;
            }
            let s = share_of(oi, &mut share)?;
            if s == Ratio::ZERO {
                continue;
            }
            let end = match o.dissolved() {
                Some(d) if d <= last => d.pred_opt().unwrap_or(d),
                _ => last,
            };
            let highest = match tl.parent_on(tree, oi, end) {
                None => true,
                Some(p) => share_of(p, &mut share)? == Ratio::ZERO,
            };
            if highest {
                out.push((oi, s));
            }
        }
        Ok(out)
    }

    /// The units under the organization at `pos` during `period`, in tree
    /// order: each organization that existed at some time in the period
    /// and was under it on its last day in the period, with whether it no
    /// longer exists at the period's end (a former unit, "(cũ)").
    #[cfg(feature = "workbook")]
    pub(crate) fn units_under(&self, pos: OrgIndex, period: Period) -> Vec<(OrgIndex, bool)> {
        let t: &Timeline = self.timeline.as_deref().unwrap_or(&NO_TIMELINE);
        let (first, last) = (period.first(), period.last());
        t.children_ever(self.tree, pos)
            .into_iter()
            .filter_map(|c| {
                let o = self.tree.org(c)?;
                if o.established() > last || o.dissolved().is_some_and(|d| d <= first) {
                    return None;
                }
                // Its last day in the period.
                let end = match o.dissolved() {
                    Some(d) if d <= last => d.pred_opt()?,
                    _ => last,
                };
                (t.parent_on(self.tree, c, end) == Some(pos)).then_some((c, !o.existed_on(last)))
            })
            .collect()
    }

    fn membership(&self, m: usize) -> Option<Membership> {
        Some(Membership {
            admitted: *self.admitted.get(m)?,
            official: self.official.get(m).copied().flatten(),
            left: self.left.get(m).copied().flatten(),
        })
    }

    /// The walk: every record at a node `keep` accepts, as events and
    /// distinct keys, in every period of `b` that contains its day.
    /// Membership on the periods' last days is left to the caller, which
    /// counts it in its own way (see [`Membership`]).
    fn walk(
        &self,
        b: &Buckets,
        keep: impl Fn(u32, NaiveDate) -> bool,
        event: &mut impl FnMut(u32, u16, NaiveDate, Event),
        distinct: &mut impl FnMut(u32, u16, NaiveDate, Seen, u32),
    ) {
        let nl = b.layers.len();
        // Inspections and supervisions at their body, with their subjects.
        // The period of each oversight row in each layer (u16::MAX: none).
        let layers: Vec<Vec<u16>> = (0..nl)
            .map(|l| {
                self.started
                    .iter()
                    .zip(self.body_pos.iter())
                    .map(|(&d, body)| {
                        if keep(body.0, d) {
                            b.find(l, d).unwrap_or(u16::MAX)
                        } else {
                            u16::MAX
                        }
                    })
                    .collect()
            })
            .collect();
        for layer in &layers {
            for (i, &p) in layer.iter().enumerate() {
                if p == u16::MAX {
                    continue;
                }
                let (Some(&kind), Some(&body), Some(pos), Some(&day)) = (
                    self.kind.get(i),
                    self.body_kind.get(i),
                    self.body_pos.get(i),
                    self.started.get(i),
                ) else {
                    continue;
                };
                let escalated = self.escalated.get(i).copied().unwrap_or(false);
                event(
                    pos.0,
                    p,
                    day,
                    Event::Oversight {
                        body,
                        kind,
                        escalated,
                    },
                );
            }
            for (r, &o) in self.subj_oversight.iter().enumerate() {
                let o = o as usize;
                let Some(&p) = layer.get(o) else { continue };
                if p == u16::MAX {
                    continue;
                }
                let (Some(&kind), Some(&body), Some(pos), Some(&day), Some(&flags), Some(&target)) = (
                    self.kind.get(o),
                    self.body_kind.get(o),
                    self.body_pos.get(o),
                    self.started.get(o),
                    self.subj_flags.get(r),
                    self.subj_target.get(r),
                ) else {
                    continue;
                };
                let activity = kind.activity();
                let member = flags & S_MEMBER != 0;
                let escalated = self.escalated.get(o).copied().unwrap_or(false);
                event(
                    pos.0,
                    p,
                    day,
                    Event::Subject {
                        body,
                        level: self.level(*pos),
                        content: self.subj_content.get(r).copied().flatten(),
                        kind,
                        escalated,
                        member,
                        flags,
                    },
                );
                let class = if member { Class::Members } else { Class::Orgs };
                distinct(
                    pos.0,
                    p,
                    day,
                    Seen::Subject {
                        body,
                        activity,
                        class,
                    },
                    target,
                );
                if member && flags & S_COMMITTEE != 0 {
                    let class = Class::CommitteeMembers;
                    let seen = Seen::Subject {
                        body,
                        activity,
                        class,
                    };
                    distinct(pos.0, p, day, seen, target);
                }
            }
        }
        // Discipline at its body, on its date.
        for i in 0..self.disc_date.len() {
            let (Some(&date), Some(pos), Some(&body), Some(&status), Some(&member), Some(&form)) = (
                self.disc_date.get(i),
                self.disc_body_pos.get(i),
                self.disc_body_kind.get(i),
                self.disc_status.get(i),
                self.disc_member.get(i),
                self.disc_form.get(i),
            ) else {
                continue;
            };
            if !keep(pos.0, date) {
                continue;
            }
            let committee = self.disc_committee.get(i).copied().unwrap_or(false);
            let content = self.disc_content.get(i).copied().flatten();
            let level = self.level(*pos);
            for p in b.each(date) {
                event(
                    pos.0,
                    p,
                    date,
                    Event::Discipline {
                        body,
                        level,
                        content,
                        status,
                        member,
                        form,
                        committee,
                    },
                );
            }
        }
        // Name removals at the member's organization, on the leaving day.
        for (m, reason) in self.left_reason.iter().enumerate() {
            if *reason != Some(LeftReason::NameRemoval) {
                continue;
            }
            let Some(Some(left)) = self.left.get(m) else {
                continue;
            };
            let Some(org) = self.member_org_on(m, *left) else {
                continue;
            };
            if !keep(org.0, *left) {
                continue;
            }
            let probationary = self
                .official
                .get(m)
                .copied()
                .flatten()
                .is_none_or(|o| o > *left);
            for p in b.each(*left) {
                event(org.0, p, *left, Event::NameRemoval { probationary });
            }
        }
        // Assessments at the member's organization.
        for (i, &m) in self.assess_member.iter().enumerate() {
            let (Some(&day), Some(&set)) = (self.assess_day.get(i), self.assess_indicators.get(i))
            else {
                continue;
            };
            let Some(org) = self.member_org_on(m as usize, day) else {
                continue;
            };
            if !keep(org.0, day) {
                continue;
            }
            for p in b.each(day) {
                event(org.0, p, day, Event::Assessment);
                for ind in set.iter() {
                    distinct(org.0, p, day, Seen::Measure(indicator_measure(ind)), m);
                }
            }
        }
        // Briefing attendances at the attendee's organization.
        for (i, &m) in self.brief_member.iter().enumerate() {
            let (Some(&day), Some(&kind), Some(ms)) = (
                self.brief_day.get(i),
                self.brief_kind.get(i),
                self.membership(m as usize),
            ) else {
                continue;
            };
            let Some(org) = self.member_org_on(m as usize, day) else {
                continue;
            };
            if !keep(org.0, day) {
                continue;
            }
            for l in 0..nl {
                let Some(p) = b.find(l, day) else { continue };
                let on_indicators = self.brief_indicators.get(i).copied().unwrap_or(false);
                event(org.0, p, day, Event::Briefing(kind, on_indicators));
                let end = b.periods.get(usize::from(p)).map(|q| q.last());
                if end.is_some_and(|e| ms.on(e) != Standing::None) {
                    distinct(org.0, p, day, Seen::Measure(BRIEFED), m);
                }
            }
        }
    }

    /// The figures of `scope` (a subtree of each record's day, or one
    /// organization alone) for each of `periods`.
    pub(crate) fn count_range<R: Row>(
        &self,
        scope: Scope,
        periods: &[Period],
    ) -> Result<Vec<R>, Error> {
        // Without a timeline, a subtree is a range of positions.
        let range: Option<Range<u32>> = match (scope, &self.timeline) {
            (Scope::Own(o), _) => Some(o.0..o.0.saturating_add(1)),
            (Scope::Subtree(o), None) => {
                let r = self.tree.subtree_range(o);
                Some(
                    u32::try_from(r.start).unwrap_or(u32::MAX)
                        ..u32::try_from(r.end).unwrap_or(u32::MAX),
                )
            }
            (Scope::Subtree(_), Some(_)) => None,
        };
        let keep = |node: u32, day: NaiveDate| match &range {
            Some(r) => r.contains(&node),
            None => self.in_scope(scope, node, day),
        };
        let b = Buckets::new(periods)?;
        let np = periods.len();
        let mut rows = vec![R::zero(); np];
        let slots: Vec<Option<usize>> = (0..DISTINCT).map(R::slot).collect();
        // Subjects: one key per subject row, (period, class, subject) and
        // the bit of its (body, activity) pair, so that one sort serves the
        // nine body and activity sets; other measures: (slot and period,
        // subject).
        let mut subject_keys: Vec<u64> = Vec::new();
        let mut keys: Vec<(u32, u32)> = Vec::new();
        self.walk(
            &b,
            keep,
            &mut |_, p, _, e| {
                if let Some(r) = rows.get_mut(usize::from(p)) {
                    r.add(e);
                }
            },
            &mut |_, p, _, seen, subject| match seen {
                Seen::Subject {
                    body,
                    activity,
                    class,
                } => {
                    let c = class as u64;
                    subject_keys.push(
                        (u64::from(p) << 38)
                            | (c << 36)
                            | (u64::from(subject) << 4)
                            | pair_bit(body, activity),
                    );
                }
                Seen::Measure(m) => {
                    if let Some(Some(s)) = slots.get(m) {
                        // (slot, period) as one column; np < u16::MAX.
                        keys.push(((*s * np + usize::from(p)) as u32, subject));
                    }
                }
            },
        );
        let mut counts = vec![0u64; R::SLOTS * np];
        let mut count = |measure: usize, p: usize| {
            if let Some(Some(s)) = slots.get(measure)
                && let Some(c) = counts.get_mut(*s * np + p)
            {
                *c += 1;
            }
        };
        subject_keys.sort_unstable();
        let sets: Vec<(Option<BodyKind>, Option<Activity>, u64)> =
            [Some(BodyKind::Committee), Some(BodyKind::Commission), None]
                .into_iter()
                .flat_map(|b| {
                    [
                        Some(Activity::Inspection),
                        Some(Activity::Supervision),
                        None,
                    ]
                    .into_iter()
                    .map(move |a| (b, a, pairs_of(b, a)))
                })
                .collect();
        for group in subject_keys.chunk_by(|a, b| a >> 4 == b >> 4) {
            let Some(&first) = group.first() else {
                continue;
            };
            let bits = group.iter().fold(0, |acc, k| acc | (k & 0xF));
            let p = (first >> 38) as usize;
            let class = match (first >> 36) & 3 {
                0 => Class::Orgs,
                1 => Class::Members,
                _ => Class::CommitteeMembers,
            };
            for &(bodies, activity, covered) in &sets {
                if bits & covered != 0 {
                    count(subject_measure(bodies, activity, class), p);
                }
            }
        }
        drop(subject_keys);
        keys.sort_unstable();
        keys.dedup();
        for (col, _) in keys {
            if let Some(c) = counts.get_mut(col as usize) {
                *c += 1;
            }
        }
        for (col, n) in counts.into_iter().enumerate() {
            if let Some(r) = rows.get_mut(col % np.max(1)) {
                r.set_distinct(col / np.max(1), n);
            }
        }
        for m in 0..self.member_org.len() {
            let Some(ms) = self.membership(m) else {
                continue;
            };
            for (p, period) in periods.iter().enumerate() {
                let end = period.last();
                let Some(org) = self.member_org_on(m, end) else {
                    continue;
                };
                if !keep(org.0, end) {
                    continue;
                }
                if let Some(r) = rows.get_mut(p) {
                    match ms.on(end) {
                        Standing::None => {}
                        Standing::Probationary => r.add_members(0, 1),
                        Standing::Official => r.add_members(1, 0),
                    }
                }
            }
        }
        Ok(rows)
    }

    /// The figures of every organization's subtree (and, with `own`, of its
    /// own records) for each of `periods`.
    pub(crate) fn count_all<R: Row + Send>(
        &self,
        periods: &[Period],
        own: bool,
    ) -> Result<Grid<R>, Error> {
        let b = Buckets::new(periods)?;
        let tree = self.tree;
        let n = tree.len();
        let np = periods.len();
        if np == 0 {
            return Ok(Grid {
                np,
                total: Vec::new(),
                own: own.then(Vec::new),
            });
        }
        if let Some(t) = &self.timeline
            && (t.has_org_moves() || t.has_member_moves())
        {
            return self.count_all_over_time(&b, periods, own);
        }
        let parent: Vec<u32> = (0..n)
            .map(|i| {
                tree.parent_index(OrgIndex(i as u32))
                    .map_or(u32::MAX, |p| p.0)
            })
            .collect();
        let mut rows = vec![R::zero(); n * np];
        let at = |pos: u32, p: u16| pos as usize * np + usize::from(p);
        let bits = |v: usize| usize::BITS - v.leading_zeros();
        let packing = Packing {
            nbits: bits(n),
            sbits: bits(self.member_org.len().max(n)),
            ybits: bits(np),
        };
        let slots: Vec<Option<usize>> = (0..DISTINCT).map(R::slot).collect();
        let mut keys: Vec<Keys> = (0..R::SLOTS).map(|_| Keys::new(packing)).collect();

        // Membership is counted on a second thread meanwhile.
        let (official_diff, probation_diff) = std::thread::scope(|scope| {
            let membership = scope.spawn(|| self.membership_diffs(n, &b));
            self.walk(
                &b,
                |_, _| true,
                &mut |node, p, _, e| {
                    if let Some(r) = rows.get_mut(at(node, p)) {
                        r.add(e);
                    }
                },
                &mut |node, p, _, seen, subject| {
                    for measure in seen.measures() {
                        if let Some(Some(s)) = slots.get(measure)
                            && let Some(k) = keys.get_mut(*s)
                        {
                            k.push(packing.pack(p, subject, node));
                        }
                    }
                },
            );
            // A failed thread is a bug: resume its panic as it was.
            membership
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))
        });
        let np1 = np + 1;
        for node in 0..n {
            let (mut off, mut prob) = (0i64, 0i64);
            for (k, &p) in b.by_end.iter().enumerate() {
                off += official_diff.get(node * np1 + k).copied().unwrap_or(0);
                prob += probation_diff.get(node * np1 + k).copied().unwrap_or(0);
                if let Some(row) = rows.get_mut(at(node as u32, p)) {
                    // Sums of +1/−1 marks that open and close memberships:
                    // never negative on valid records.
                    row.add_members(
                        u64::try_from(off).map_err(|_| negative())?,
                        u64::try_from(prob).map_err(|_| negative())?,
                    );
                }
            }
        }
        drop((official_diff, probation_diff));
        let mut depth = vec![0u32; n];
        for i in 1..n {
            let d = parent
                .get(i)
                .and_then(|&p| depth.get(p as usize))
                .map_or(0, |d| d + 1);
            if let Some(slot) = depth.get_mut(i) {
                *slot = d;
            }
        }
        // Distinct marks, one slot per thread, at most as many as cores.
        let (parent, depth) = (&parent, &depth);
        let mut marks = each_in_parallel(keys, |k| k.marks(packing, parent, depth, n, np, own));
        let mut own_rows = if own { Some(rows.clone()) } else { None };
        if let Some(own_rows) = own_rows.as_mut() {
            for (slot, (_, own_counts)) in marks.iter().enumerate() {
                for (row, &c) in own_rows.iter_mut().zip(own_counts.iter().flatten()) {
                    row.set_distinct(slot, c);
                }
            }
        }
        // Everything summed up the tree (parents come before their children
        // in depth-first order).
        for i in (1..n).rev() {
            let Some(p) = parent.get(i).map(|&p| p as usize).filter(|&p| p < n) else {
                continue;
            };
            let (head, tail) = rows.split_at_mut(i * np);
            if let (Some(dst), Some(src)) = (head.get_mut(p * np..p * np + np), tail.get(..np)) {
                for (d, s) in dst.iter_mut().zip(src) {
                    d.add_row(s);
                }
            }
            for (m, _) in &mut marks {
                let (head, tail) = m.split_at_mut(i * np);
                if let (Some(dst), Some(src)) = (head.get_mut(p * np..p * np + np), tail.get(..np))
                {
                    for (d, s) in dst.iter_mut().zip(src) {
                        *d += s;
                    }
                }
            }
        }
        for (slot, (m, _)) in marks.iter().enumerate() {
            for (row, &v) in rows.iter_mut().zip(m) {
                // A subtree's sum of marks counts distinct subjects.
                row.set_distinct(slot, u64::try_from(v).map_err(|_| negative())?);
            }
        }
        Ok(Grid {
            np,
            total: rows,
            own: own_rows,
        })
    }

    /// [`Self::count_all`] on a structure that changes: each record counts
    /// in the organizations above its body on its own day, each member in
    /// those above the member's organization on the period's last day.
    /// Distinct counts are counted on keys written for every such
    /// organization (at most seven per record).
    fn count_all_over_time<R: Row + Send>(
        &self,
        b: &Buckets,
        periods: &[Period],
        own: bool,
    ) -> Result<Grid<R>, Error> {
        let n = self.tree.len();
        let np = periods.len();
        let at = |pos: u32, p: u16| pos as usize * np + usize::from(p);
        let mut rows = vec![R::zero(); n * np];
        let mut own_rows = own.then(|| vec![R::zero(); n * np]);
        let bits = |v: usize| u128::BITS - (v as u128).leading_zeros();
        // The parent links change only on move dates: the chain of a node
        // is the same all through a span between two of them.
        let dates = self.timeline_or_empty().org_move_dates();
        let span_of = |day: NaiveDate| dates.partition_point(|&d| d <= day);
        let layout = SpanKeys {
            kbits: bits(dates.len() + 1),
            nbits: bits(n),
            sbits: bits(self.member_org.len().max(n)),
        };
        let slots: Vec<Option<usize>> = (0..DISTINCT).map(R::slot).collect();
        // One key per subject seen, (period, subject, node, span), whatever
        // the number of organizations above it.
        let mut keys: Vec<Vec<u128>> = (0..R::SLOTS).map(|_| Vec::new()).collect();
        // Members' own counts are made on a second thread meanwhile.
        let membership = std::thread::scope(|scope| {
            let membership = scope.spawn(|| self.own_membership_over_time(n, b, periods));
            self.walk(
                b,
                |_, _| true,
                &mut |node, p, day, e| {
                    for a in self.chain(node, day) {
                        if let Some(r) = rows.get_mut(at(a.0, p)) {
                            r.add(e);
                        }
                    }
                    if let Some(r) = own_rows.as_mut().and_then(|o| o.get_mut(at(node, p))) {
                        r.add(e);
                    }
                },
                &mut |node, p, day, seen, subject| {
                    let key = layout.pack(p, subject, node, span_of(day));
                    for measure in seen.measures() {
                        if let Some(&Some(s)) = slots.get(measure)
                            && let Some(k) = keys.get_mut(s)
                        {
                            k.push(key);
                        }
                    }
                },
            );
            // A failed thread is a bug: resume its panic as it was.
            membership
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))
        });
        let (official, probationary) = membership?;
        // Distinct counts, one measure per thread, at most as many as cores.
        let dates = &dates;
        let counted = each_in_parallel(keys, |k| {
            self.distinct_over_time(k, layout, dates, n, np, own)
        });
        for (slot, (totals, owns)) in counted.into_iter().enumerate() {
            for (row, c) in rows.iter_mut().zip(totals) {
                row.set_distinct(slot, c);
            }
            if let Some(own_rows) = own_rows.as_mut() {
                for (row, c) in own_rows.iter_mut().zip(owns) {
                    row.set_distinct(slot, c);
                }
            }
        }
        // Members at their organization of each period's last day, then in
        // the organizations above it that day.
        for node in 0..n {
            for (p, period) in periods.iter().enumerate() {
                let k = node * np + p;
                let (o, q) = (
                    official.get(k).copied().unwrap_or(0),
                    probationary.get(k).copied().unwrap_or(0),
                );
                if o == 0 && q == 0 {
                    continue;
                }
                if let Some(r) = own_rows.as_mut().and_then(|r| r.get_mut(k)) {
                    r.add_members(o, q);
                }
                for a in self.chain(node as u32, period.last()) {
                    if let Some(r) = rows.get_mut(a.0 as usize * np + p) {
                        r.add_members(o, q);
                    }
                }
            }
        }
        Ok(Grid {
            np,
            total: rows,
            own: own_rows,
        })
    }

    /// The distinct counts of one measure's keys by node and period: in
    /// each subtree of its day (the union of the chains of the nodes a
    /// subject was seen at, each counted once), and with `own` at each node
    /// alone.
    fn distinct_over_time(
        &self,
        mut keys: Vec<u128>,
        layout: SpanKeys,
        dates: &[NaiveDate],
        n: usize,
        np: usize,
        own: bool,
    ) -> (Vec<u64>, Vec<u64>) {
        keys.sort_unstable();
        keys.dedup();
        let mut totals = vec![0u64; n * np];
        let mut owns = vec![0u64; if own { n * np } else { 0 }];
        let span_day = |k: usize| {
            k.checked_sub(1)
                .and_then(|k| dates.get(k).copied())
                .unwrap_or(NaiveDate::MIN)
        };
        let mut above: Vec<u32> = Vec::new();
        let mut nodes: Vec<u32> = Vec::new();
        for group in keys.chunk_by(|a, b| layout.group(*a) == layout.group(*b)) {
            let Some(&first) = group.first() else {
                continue;
            };
            let p = layout.period(first);
            above.clear();
            nodes.clear();
            for &key in group {
                let (node, span) = layout.node_span(key);
                nodes.push(node);
                above.extend(self.chain(node, span_day(span)).map(|a| a.0));
            }
            above.sort_unstable();
            above.dedup();
            nodes.dedup();
            for &a in &above {
                if let Some(c) = totals.get_mut(a as usize * np + p) {
                    *c += 1;
                }
            }
            for &x in &nodes {
                if let Some(c) = owns.get_mut(x as usize * np + p) {
                    *c += 1;
                }
            }
        }
        (totals, owns)
    }

    /// Each organization's own members on each period's last day, official
    /// and probationary, at their organization of that day: those who never
    /// move by difference arrays, the others one by one.
    fn own_membership_over_time(
        &self,
        n: usize,
        b: &Buckets,
        periods: &[Period],
    ) -> Result<(Vec<u64>, Vec<u64>), Error> {
        let np = periods.len();
        let t = self.timeline_or_empty();
        let moves = |m: usize| t.member_moves_of(m as u32) > 0;
        let (official_diff, probation_diff) = self.membership_diffs_of(n, b, |m| !moves(m));
        let mut official = vec![0u64; n * np];
        let mut probationary = vec![0u64; n * np];
        let np1 = np + 1;
        for node in 0..n {
            let (mut off, mut prob) = (0i64, 0i64);
            for (k, &p) in b.by_end.iter().enumerate() {
                off += official_diff.get(node * np1 + k).copied().unwrap_or(0);
                prob += probation_diff.get(node * np1 + k).copied().unwrap_or(0);
                let cell = node * np + usize::from(p);
                if let (Some(o), Some(q)) = (official.get_mut(cell), probationary.get_mut(cell)) {
                    // Sums of +1/−1 marks: never negative on valid records.
                    *o = u64::try_from(off).map_err(|_| negative())?;
                    *q = u64::try_from(prob).map_err(|_| negative())?;
                }
            }
        }
        for m in (0..self.member_org.len()).filter(|&m| moves(m)) {
            let Some(ms) = self.membership(m) else {
                continue;
            };
            for (p, period) in periods.iter().enumerate() {
                let end = period.last();
                let cell = match ms.on(end) {
                    Standing::None => continue,
                    Standing::Probationary => &mut probationary,
                    Standing::Official => &mut official,
                };
                if let Some(org) = self.member_org_on(m, end)
                    && let Some(c) = cell.get_mut(org.0 as usize * np + p)
                {
                    *c += 1;
                }
            }
        }
        Ok((official, probationary))
    }

    /// Membership on the last day of each period, at the member's
    /// organization, as difference arrays by node over the periods sorted by
    /// last day (`np + 1` slots each): a member is a member on the sorted
    /// last days of a contiguous run ([`Membership`]), official on a later
    /// run. One binary search per date and member.
    fn membership_diffs(&self, n: usize, b: &Buckets) -> (Vec<i64>, Vec<i64>) {
        self.membership_diffs_of(n, b, |_| true)
    }

    /// [`Self::membership_diffs`] of the members `keep` accepts.
    fn membership_diffs_of(
        &self,
        n: usize,
        b: &Buckets,
        keep: impl Fn(usize) -> bool,
    ) -> (Vec<i64>, Vec<i64>) {
        let np1 = b.ends.len() + 1;
        let mut official_diff = vec![0i64; n * np1];
        let mut probation_diff = vec![0i64; n * np1];
        let ends = &b.ends;
        // The first sorted last day on or after `d`.
        let from = |d: NaiveDate| ends.partition_point(|&e| e < d);
        for m in 0..self.member_org.len() {
            if !keep(m) {
                continue;
            }
            let (Some(org), Some(ms)) = (self.member_org.get(m), self.membership(m)) else {
                continue;
            };
            let org = org.0 as usize;
            if org >= n {
                continue;
            }
            let a = from(ms.admitted);
            let end = ms.left.map_or(ends.len(), from);
            if end <= a {
                continue;
            }
            let o = ms.official.map_or(end, from).clamp(a, end);
            // probationary on [a, o), official on [o, end)
            let base = org * np1;
            for (diff, lo, hi) in [(&mut probation_diff, a, o), (&mut official_diff, o, end)] {
                if lo < hi {
                    if let Some(x) = diff.get_mut(base + lo) {
                        *x += 1;
                    }
                    if let Some(x) = diff.get_mut(base + hi) {
                        *x -= 1;
                    }
                }
            }
        }
        (official_diff, probation_diff)
    }
}

/// `f` of each item, on as many threads at a time as there are cores, the
/// results in the items' order.
fn each_in_parallel<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .max(1);
    let mut out = Vec::with_capacity(items.len());
    let mut queue = items.into_iter();
    let f = &f;
    loop {
        let batch: Vec<T> = queue.by_ref().take(threads).collect();
        if batch.is_empty() {
            break;
        }
        let done = std::thread::scope(|s| {
            let handles: Vec<_> = batch.into_iter().map(|x| s.spawn(move || f(x))).collect();
            handles
                .into_iter()
                // A failed thread is a bug: resume its panic as it was.
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect::<Vec<_>>()
        });
        out.extend(done);
    }
    out
}

/// How (period, subject, node, span) keys are packed into one integer for
/// distinct counts on a structure that changes: period first, then
/// subject, so that sorted keys are grouped by both; the span between two
/// move dates tells the tree of the node's day.
#[derive(Debug, Clone, Copy)]
struct SpanKeys {
    kbits: u32,
    nbits: u32,
    sbits: u32,
}

impl SpanKeys {
    fn pack(self, p: u16, subject: u32, node: u32, span: usize) -> u128 {
        (((u128::from(p) << self.sbits | u128::from(subject)) << self.nbits | u128::from(node))
            << self.kbits)
            | span as u128
    }

    fn group(self, k: u128) -> u128 {
        k >> (self.kbits + self.nbits)
    }

    fn period(self, k: u128) -> usize {
        (k >> (self.kbits + self.nbits + self.sbits)) as usize
    }

    fn node_span(self, k: u128) -> (u32, usize) {
        let low = |bits: u32| (1u128 << bits) - 1;
        (
            ((k >> self.kbits) & low(self.nbits)) as u32,
            (k & low(self.kbits)) as usize,
        )
    }
}

/// How (period, subject, node) keys are packed into one integer, period
/// first: sorted keys are grouped by period and subject, nodes in
/// depth-first order within a group.
#[derive(Debug, Clone, Copy)]
struct Packing {
    nbits: u32,
    sbits: u32,
    ybits: u32,
}

impl Packing {
    fn pack(self, p: u16, subject: u32, node: u32) -> u128 {
        (u128::from(p) << (self.sbits + self.nbits))
            | (u128::from(subject) << self.nbits)
            | u128::from(node)
    }

    fn node(self, k: u128) -> u32 {
        (k & ((1u128 << self.nbits) - 1)) as u32
    }

    fn group(self, k: u128) -> u128 {
        k >> self.nbits
    }

    fn period(self, k: u128) -> usize {
        (k >> (self.sbits + self.nbits)) as usize
    }

    fn fits_u64(self) -> bool {
        self.nbits + self.sbits + self.ybits <= 64
    }
}

/// Keys packed in 64 bits when they fit (most datasets; they sort twice as
/// fast), else in 128.
enum Keys {
    Small(Vec<u64>),
    Large(Vec<u128>),
}

impl Keys {
    fn new(p: Packing) -> Keys {
        if p.fits_u64() {
            Keys::Small(Vec::new())
        } else {
            Keys::Large(Vec::new())
        }
    }

    fn push(&mut self, k: u128) {
        match self {
            Keys::Small(v) => v.push(k as u64),
            Keys::Large(v) => v.push(k),
        }
    }

    /// The distinct-count marks by node and period, and with `own` the
    /// distinct count of each node's own keys.
    fn marks(
        self,
        p: Packing,
        parent: &[u32],
        depth: &[u32],
        n: usize,
        np: usize,
        own: bool,
    ) -> (Vec<i64>, Option<Vec<u64>>) {
        match self {
            Keys::Small(k) => marks_of(k, p, parent, depth, n, np, own),
            Keys::Large(k) => marks_of(k, p, parent, depth, n, np, own),
        }
    }
}

/// The distinct-count marks of `keys` (packed period, subject, node), by
/// node and period: sorted and deduplicated, then for each (period,
/// subject) +1 at each node and −1 at the lowest common ancestor of
/// consecutive nodes (nodes are depth-first positions, so sorted order is
/// depth-first order). A subtree's sum of marks is then the number of
/// distinct subjects in it.
fn marks_of<K: Copy + Ord + Into<u128>>(
    mut keys: Vec<K>,
    p: Packing,
    parent: &[u32],
    depth: &[u32],
    n: usize,
    np: usize,
    own: bool,
) -> (Vec<i64>, Option<Vec<u64>>) {
    keys.sort_unstable();
    keys.dedup();
    let up = |x: u32| {
        parent
            .get(x as usize)
            .copied()
            .filter(|&q| (q as usize) < n)
            .unwrap_or(x)
    };
    let d = |x: u32| depth.get(x as usize).copied().unwrap_or(0);
    // The lowest common ancestor, or `None` for two trees of a forest.
    let lca = |mut a: u32, mut b: u32| {
        while d(a) > d(b) {
            a = up(a);
        }
        while d(b) > d(a) {
            b = up(b);
        }
        while a != b && (up(a) != a || up(b) != b) {
            a = up(a);
            b = up(b);
        }
        (a == b).then_some(a)
    };
    let mut marks = vec![0i64; n * np];
    let mut own_counts = own.then(|| vec![0u64; n * np]);
    let mut prev: Option<u128> = None;
    for k in keys {
        let k: u128 = k.into();
        let (y, node) = (p.period(k), p.node(k));
        if let Some(m) = marks.get_mut(node as usize * np + y) {
            *m += 1;
        }
        if let Some(c) = own_counts
            .as_mut()
            .and_then(|o| o.get_mut(node as usize * np + y))
        {
            *c += 1;
        }
        if let Some(pk) = prev
            && p.group(pk) == p.group(k)
            && let Some(l) = lca(p.node(pk), node)
            && let Some(m) = marks.get_mut(l as usize * np + y)
        {
            *m -= 1;
        }
        prev = Some(k);
    }
    (marks, own_counts)
}

#[cfg(all(test, feature = "interchange"))]
mod tests {
    use super::*;
    use crate::Tally;

    /// The count that follows each record's day gives, on a structure that
    /// never changes, what the tree's own count gives: on the tiny
    /// fixture, every organization, every year, half and a term.
    #[test]
    fn as_it_was_on_a_fixed_tree_equals_the_tree_count() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
        let columns =
            crate::interchange::load(&dir, crate::interchange::LoadOptions::default()).unwrap();
        let engine = columns.engine();
        let mut periods: Vec<Period> = (2015..2025).map(|y| Period::year(y).unwrap()).collect();
        periods.push("2019-H1".parse().unwrap());
        periods.push("2015-01-01..2019-12-31".parse().unwrap());
        let fast = engine.count_all::<Tally>(&periods, true).unwrap();
        let b = Buckets::new(&periods).unwrap();
        let slow = engine
            .count_all_over_time::<Tally>(&b, &periods, true)
            .unwrap();
        assert_eq!(fast.np, slow.np);
        assert!(fast.total == slow.total, "totals differ");
        assert!(fast.own == slow.own, "own figures differ");
        // And the one-subtree query, by position range or by day.
        let t22 = engine.tree.index_of("T22").unwrap();
        for p in &periods {
            let by_range = engine
                .count_range::<Tally>(Scope::Subtree(t22), &[*p])
                .unwrap();
            let mut by_day = engine.clone();
            by_day.timeline = Some(Cow::Owned(Timeline::EMPTY));
            let by_day = by_day
                .count_range::<Tally>(Scope::Subtree(t22), &[*p])
                .unwrap();
            assert!(by_range == by_day, "{p}");
        }
    }
}
