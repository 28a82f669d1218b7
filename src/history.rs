//! The organization over time: moves under another parent, lineage with
//! exact weights, members' moves, and the map of any organization onto
//! the structure of a day (the interchange format's version 2; the 2025
//! restructuring: provinces merged, the district level ended, communes
//! merged and split).
//!
//! A [`History`] holds an [`OrgTree`] (each organization under its parent
//! on the day it was established) with what changes later, checked as a
//! whole. It answers, for any day, an organization's parent and whether it
//! lies within another's subtree, a member's organization, and
//! [`History::map_onto`]: the organizations of a day that a record of an
//! organization belongs to, each with an exact weight, so that a term
//! baseline can be re-based onto today's structure
//! ([`History::rebased_oversight`]) and compared with a target exactly
//! ([`PercentTarget::bounds_of`](crate::PercentTarget::bounds_of)).
//!
//! The rules are the format's ([the interchange format](crate::spec::format),
//! version 2): an organization moves on a day it exists, after it is
//! established, at most once a day, under another parent that exists that
//! day and may hold its level, without a cycle; an organization that exists
//! on a day has a parent that exists that day (or is a root); a predecessor
//! is dissolved and its successors exist on that day, each pair once, with
//! a weight of at least 1; a member moves on a day of membership after
//! admission, at most once a day, to another organization that exists and
//! holds members. Every problem is reported.
//!
//! **Mapping onto day T** (the project's roll-up report, version 2): an
//! organization that exists on T maps to itself with weight 1; a dissolved
//! one with lineage maps to each successor with its share (weight ÷ the sum
//! of its weights), times what the successor maps to; a dissolved one
//! without lineage maps as its parent on the day before its dissolution
//! did (a district committee that ended hands its records to the province
//! above it); a dissolved root without lineage, or an organization
//! established after T, maps to nothing. Weights multiply along a chain
//! and add up where chains meet, exactly.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::id::{MemberId, OrgId};
use crate::inspection::OversightRegister;
use crate::member::Roster;
use crate::organization::{OrgIndex, OrgTree};
use crate::period::Period;
use crate::ratio::Ratio;
use crate::rule::Rule;
use crate::timeline::{LinkAt, MemberFacts, MemberMoveAt, OrgMoveAt, Timeline};

/// An organization moves under another parent from a day on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OrgMove {
    /// The organization.
    pub org: OrgId,
    /// From this day on, its parent is `parent`.
    pub date: NaiveDate,
    /// The new parent.
    pub parent: OrgId,
}

/// A dissolved organization's successor and its share.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LineageLink {
    /// The dissolved organization.
    pub predecessor: OrgId,
    /// An organization that took over (part of) its members, records and
    /// targets.
    pub successor: OrgId,
    /// Its share: this weight over the sum of the predecessor's weights
    /// (a merger: 1 each; a split of two thirds and one third: 2 and 1).
    pub weight: u32,
}

/// A member moves to another organization from a day on (chuyển sinh hoạt
/// đảng).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MemberMove {
    /// The member.
    pub member: MemberId,
    /// From this day on, the member is active in `org`.
    pub date: NaiveDate,
    /// The organization.
    pub org: OrgId,
}

/// A rule of the organization over time that the records break.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HistoryProblem {
    /// A name that is not in the tree or roster.
    #[error("{what} {id} is not known")]
    Unknown {
        /// What it names.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A move that breaks a rule.
    #[error("organization {org} cannot move under {parent} on {date}: {reason}")]
    Move {
        /// The organization.
        org: OrgId,
        /// The new parent.
        parent: OrgId,
        /// The day.
        date: NaiveDate,
        /// Why.
        reason: String,
    },
    /// An organization left under a parent that no longer exists.
    #[error("organization {org} exists on {date} but its parent {parent} does not")]
    ParentGone {
        /// The organization.
        org: OrgId,
        /// Its parent that day.
        parent: OrgId,
        /// The day.
        date: NaiveDate,
    },
    /// A lineage link that breaks a rule.
    #[error("lineage {predecessor} → {successor}: {reason}")]
    Lineage {
        /// The predecessor.
        predecessor: OrgId,
        /// The successor.
        successor: OrgId,
        /// Why.
        reason: String,
    },
    /// A member's move that breaks a rule.
    #[error("member {member} cannot move to {org} on {date}: {reason}")]
    MemberMove {
        /// The member.
        member: MemberId,
        /// The organization.
        org: OrgId,
        /// The day.
        date: NaiveDate,
        /// Why.
        reason: String,
    },
}

impl HistoryProblem {
    /// The [`Rule`] this problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            HistoryProblem::Unknown { .. } => Rule::UnknownReference,
            HistoryProblem::Move { .. } => Rule::OrgMove,
            HistoryProblem::ParentGone { .. } => Rule::ParentExists,
            HistoryProblem::Lineage { .. } => Rule::Lineage,
            HistoryProblem::MemberMove { .. } => Rule::MemberMove,
        }
    }
}

/// The organization over time; see the [module documentation](self).
///
/// It borrows its tree ([`History::into_owned`] for one that does not).
///
/// ```
/// # use chrono::NaiveDate;
/// # use party_oversight::*;
/// # let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// # let org = |id: &str, parent: Option<&str>, level, dissolved| PartyOrganization::new(OrganizationFields {
/// #     id: id.parse().unwrap(), parent: parent.map(|p| p.parse().unwrap()), level,
/// #     name: id.into(), established: day(1990, 1, 1), dissolved, successor: None }).unwrap();
/// let tree = OrgTree::new(vec![
///     org("P", None, OrgLevel::Provincial, None),
///     org("D", Some("P"), OrgLevel::District, Some(day(2025, 7, 1))),
///     org("X", Some("D"), OrgLevel::Grassroots, None),
/// ])?;
/// // The district ends on 1/7/2025; its commune moves under the province.
/// let moves = [OrgMove { org: "X".parse()?, date: day(2025, 7, 1), parent: "P".parse()? }];
/// let history = History::of_organizations(&tree, &moves, &[])?;
/// let (x, d, p) = (tree.index_of("X").unwrap(), tree.index_of("D").unwrap(), tree.index_of("P").unwrap());
/// assert!(history.is_within_on(x, d, day(2025, 6, 30)));
/// assert!(!history.is_within_on(x, d, day(2025, 7, 1)));
/// assert_eq!(history.parent_on(x, day(2025, 7, 1)), Some(p));
/// // The district's records belong to the province of today.
/// let map = history.map_onto(d, day(2026, 6, 30))?;
/// assert_eq!(map.get(&p), Some(&Ratio::ONE));
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History<'a> {
    tree: std::borrow::Cow<'a, OrgTree>,
    timeline: Timeline,
    /// Each member's position in the timeline and organization on
    /// admission.
    members: BTreeMap<MemberId, (u32, OrgIndex)>,
    /// Members by position.
    member_ids: Vec<MemberId>,
}

impl<'a> History<'a> {
    /// Checks `moves`, `lineage` and `member_moves` against `tree` and
    /// `roster` (a dissolved organization's `successor_id` in the tree
    /// counts as a lineage link of weight 1).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::History`] listing every [`HistoryProblem`].
    pub fn new(
        tree: &'a OrgTree,
        roster: &Roster,
        moves: &[OrgMove],
        lineage: &[LineageLink],
        member_moves: &[MemberMove],
    ) -> Result<History<'a>, Error> {
        Self::check(tree, Some(roster), moves, lineage, member_moves)
    }

    /// The same history, owning its tree.
    #[must_use]
    pub fn into_owned(self) -> History<'static> {
        History {
            tree: std::borrow::Cow::Owned(self.tree.into_owned()),
            timeline: self.timeline,
            members: self.members,
            member_ids: self.member_ids,
        }
    }

    /// The organizations' history alone (no members): `moves` and
    /// `lineage` checked against `tree`, as [`Self::new`] checks them.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::History`] listing every [`HistoryProblem`].
    pub fn of_organizations(
        tree: &'a OrgTree,
        moves: &[OrgMove],
        lineage: &[LineageLink],
    ) -> Result<History<'a>, Error> {
        Self::check(tree, None, moves, lineage, &[])
    }

    fn check(
        tree: &'a OrgTree,
        roster: Option<&Roster>,
        moves: &[OrgMove],
        lineage: &[LineageLink],
        member_moves: &[MemberMove],
    ) -> Result<History<'a>, Error> {
        let mut unknown = Vec::new();
        let mut index = |id: &OrgId| {
            let i = tree.index_of(id.as_str());
            if i.is_none() {
                unknown.push(HistoryProblem::Unknown {
                    what: "organization",
                    id: id.to_string(),
                });
            }
            i
        };
        let moves_at: Vec<OrgMoveAt> = moves
            .iter()
            .filter_map(|m| {
                let (o, p) = (index(&m.org), index(&m.parent));
                Some(OrgMoveAt {
                    org: o?,
                    date: m.date,
                    parent: p?,
                })
            })
            .collect();
        let links_at: Vec<LinkAt> = lineage
            .iter()
            .filter_map(|l| {
                let (p, s) = (index(&l.predecessor), index(&l.successor));
                Some(LinkAt {
                    predecessor: p?,
                    successor: s?,
                    weight: l.weight,
                })
            })
            .collect();
        let mut found = Vec::new();
        let mut timeline = Timeline::organizations(tree, &moves_at, &links_at, &mut found)?;
        // Members by roster order.
        let mut members = BTreeMap::new();
        let mut member_ids = Vec::new();
        let mut facts = Vec::new();
        for m in roster.into_iter().flat_map(Roster::iter) {
            let Some(home) = tree.index_of(m.org_id().as_str()) else {
                continue;
            };
            let pos = member_ids.len() as u32;
            members.insert(m.id().clone(), (pos, home));
            member_ids.push(m.id().clone());
            facts.push(MemberFacts {
                home,
                admitted: m.admitted(),
                left: m.left().map(|(l, _)| l),
            });
        }
        let mut member_moves_at = Vec::with_capacity(member_moves.len());
        for m in member_moves {
            let Some(&(pos, _)) = members.get(&m.member) else {
                unknown.push(HistoryProblem::Unknown {
                    what: "member",
                    id: m.member.to_string(),
                });
                continue;
            };
            let Some(org) = tree.index_of(m.org.as_str()) else {
                unknown.push(HistoryProblem::Unknown {
                    what: "organization",
                    id: m.org.to_string(),
                });
                continue;
            };
            member_moves_at.push(MemberMoveAt {
                member: pos,
                date: m.date,
                org,
            });
        }
        timeline.add_members(
            tree,
            member_ids.len(),
            |m| facts.get(m as usize).copied(),
            |m| {
                member_ids
                    .get(m as usize)
                    .cloned()
                    .unwrap_or_else(|| MemberId::trusted(format!("#{m}")))
            },
            &member_moves_at,
            &mut found,
        )?;
        found.sort_by_key(|f| f.source);
        let mut problems = unknown;
        problems.extend(found.into_iter().map(|f| f.problem));
        if problems.is_empty() {
            Ok(History {
                tree: std::borrow::Cow::Borrowed(tree),
                timeline,
                members,
                member_ids,
            })
        } else {
            Err(ErrorKind::History(problems).into())
        }
    }

    /// The history of loaded columns (already checked by the reader):
    /// members by position with their organizations on admission.
    #[cfg(feature = "interchange")]
    pub(crate) fn from_parts(
        tree: &'a OrgTree,
        timeline: Timeline,
        member_ids: Vec<MemberId>,
        homes: &[OrgIndex],
    ) -> History<'a> {
        let members = member_ids
            .iter()
            .zip(homes)
            .enumerate()
            .map(|(i, (id, &home))| (id.clone(), (i as u32, home)))
            .collect();
        History {
            tree: std::borrow::Cow::Borrowed(tree),
            timeline,
            members,
            member_ids,
        }
    }

    /// The tree: each organization under its parent on its establishment.
    #[must_use]
    pub fn tree(&self) -> &OrgTree {
        &self.tree
    }

    /// Whether the members were taken from `roster`, in its order.
    pub(crate) fn member_ids_match(&self, roster: &Roster) -> bool {
        self.member_ids.len() == roster.len()
            && self
                .member_ids
                .iter()
                .zip(roster.iter())
                .all(|(a, b)| a == b.id())
            || (self.member_ids.is_empty() && !self.timeline.has_member_moves())
    }

    pub(crate) fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The organizations' moves, by organization (in tree order) and date.
    #[must_use]
    pub fn moves(&self) -> Vec<OrgMove> {
        self.timeline
            .org_moves()
            .filter_map(|(o, date, p)| {
                Some(OrgMove {
                    org: self.tree.org(o)?.id().clone(),
                    date,
                    parent: self.tree.org(p)?.id().clone(),
                })
            })
            .collect()
    }

    /// The lineage links given (not the tree's successor ids), by
    /// predecessor (in tree order) and successor.
    #[must_use]
    pub fn lineage(&self) -> Vec<LineageLink> {
        self.timeline
            .lineage_rows()
            .filter_map(|(p, s, weight)| {
                Some(LineageLink {
                    predecessor: self.tree.org(p)?.id().clone(),
                    successor: self.tree.org(s)?.id().clone(),
                    weight,
                })
            })
            .collect()
    }

    /// The members' moves, by member and date.
    #[must_use]
    pub fn member_moves(&self) -> Vec<MemberMove> {
        let mut out: Vec<MemberMove> = self
            .timeline
            .member_moves()
            .filter_map(|(m, date, o)| {
                Some(MemberMove {
                    member: self.member_ids.get(m as usize)?.clone(),
                    date,
                    org: self.tree.org(o)?.id().clone(),
                })
            })
            .collect();
        out.sort();
        out
    }

    /// Whether nothing changes: no organization or member ever moves, and
    /// there is no lineage beyond the tree's successor ids.
    #[must_use]
    pub fn is_static(&self) -> bool {
        !self.timeline.has_org_moves()
            && !self.timeline.has_member_moves()
            && self.timeline.lineage_rows().next().is_none()
    }

    /// The parent of the organization at `org` on `day` (`None`: a root).
    #[must_use]
    pub fn parent_on(&self, org: OrgIndex, day: NaiveDate) -> Option<OrgIndex> {
        self.timeline.parent_on(&self.tree, org, day)
    }

    /// Whether `org` lies in the subtree of `ancestor` on `day` (itself
    /// included): a walk of at most six parents of the day, each a binary
    /// search among the organization's own moves.
    #[must_use]
    pub fn is_within_on(&self, org: OrgIndex, ancestor: OrgIndex, day: NaiveDate) -> bool {
        self.timeline.is_within_on(&self.tree, org, ancestor, day)
    }

    /// The organizations directly under `org` on `day` (in the tree of that
    /// day), in tree order.
    #[must_use]
    pub fn children_on(&self, org: OrgIndex, day: NaiveDate) -> Vec<OrgIndex> {
        self.timeline
            .children_ever(&self.tree, org)
            .into_iter()
            .filter(|&c| self.parent_on(c, day) == Some(org))
            .collect()
    }

    /// The subtree of `org` on `day`: itself and every organization below it
    /// in the tree of that day (also those that do not exist that day, as
    /// the tree of a day holds them), in tree order.
    #[must_use]
    pub fn subtree_on(&self, org: OrgIndex, day: NaiveDate) -> Vec<OrgIndex> {
        let mut out = vec![org];
        let mut k = 0;
        while let Some(&at) = out.get(k) {
            out.extend(self.children_on(at, day));
            k += 1;
            if k > self.tree.len() {
                break;
            }
        }
        out.sort_unstable();
        out
    }

    /// The organizations whose subtree holds `org` on `day`: itself, its
    /// parent of that day, and so on up to its root.
    pub fn ancestors_on(
        &self,
        org: OrgIndex,
        day: NaiveDate,
    ) -> impl Iterator<Item = OrgIndex> + '_ {
        self.timeline.chain_on(&self.tree, org, day)
    }

    /// The organization of `member` on `day` (`None` for a member not in
    /// the roster the history was checked against).
    #[must_use]
    pub fn member_org_on(&self, member: &str, day: NaiveDate) -> Option<&OrgId> {
        let &(pos, home) = self.members.get(member)?;
        let at = self.timeline.member_org_on(pos, home, day);
        self.tree.org(at).map(|o| o.id())
    }

    /// The organizations of day `t` that the records of `org` belong to,
    /// each with its exact weight (see the [module documentation](self));
    /// empty when they drop.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a weight's parts exceed `u64`.
    pub fn map_onto(
        &self,
        org: OrgIndex,
        t: NaiveDate,
    ) -> Result<BTreeMap<OrgIndex, Ratio>, Error> {
        let mut out = BTreeMap::new();
        self.timeline
            .map_into(&self.tree, org, t, Ratio::ONE, &mut out, 0)?;
        Ok(out)
    }

    /// The inspections and supervisions of `oversight` started in `period`,
    /// counted as the organization `org` of day `t` took them over: each
    /// counts by the weight of every organization its body maps to on `t`
    /// that lies in `org`'s subtree on `t`; an exact fraction.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownOrganization`] for an unknown `org`;
    /// [`ErrorKind::Overflow`] if the sum's parts exceed `u64`.
    pub fn rebased_oversight(
        &self,
        oversight: &OversightRegister,
        org: &str,
        period: Period,
        t: NaiveDate,
    ) -> Result<Ratio, Error> {
        let target = self.tree.index_of(org).ok_or_else(|| {
            OrgId::new(org)
                .map(|id| Error::from(ErrorKind::UnknownOrganization(id)))
                .unwrap_or_else(|e| e)
        })?;
        let mut cache: BTreeMap<OrgIndex, BTreeMap<OrgIndex, Ratio>> = BTreeMap::new();
        let mut sum = Ratio::ZERO;
        for i in oversight.iter().filter(|i| period.contains(i.started())) {
            let Some(body) = self.tree.index_of(i.body().org.as_str()) else {
                continue;
            };
            let map = match cache.entry(body) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => e.insert(self.map_onto(body, t)?),
            };
            for (&to, &w) in map.iter() {
                if self.is_within_on(to, target, t) {
                    sum = sum.checked_add(w)?;
                }
            }
        }
        Ok(sum)
    }
}

impl crate::inspection::Structure for History<'_> {
    fn tree(&self) -> &OrgTree {
        &self.tree
    }

    fn within_on(&self, org: OrgIndex, ancestor: OrgIndex, day: NaiveDate) -> bool {
        self.is_within_on(org, ancestor, day)
    }

    fn has_children_on(&self, org: OrgIndex, day: NaiveDate) -> bool {
        self.timeline.has_children_on(&self.tree, org, day)
    }
}

impl crate::inspection::MembersOnDay for History<'_> {
    fn member_org_on(&self, member: &crate::Member, day: NaiveDate) -> Option<OrgIndex> {
        match self.members.get(member.id()) {
            Some(&(pos, home)) => Some(self.timeline.member_org_on(pos, home, day)),
            None => self.tree.index_of(member.org_id().as_str()),
        }
    }
}
