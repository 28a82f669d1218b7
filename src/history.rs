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
#[derive(Debug, Clone)]
pub struct History<'a> {
    tree: std::borrow::Cow<'a, OrgTree>,
    /// Each organization's moves, by date.
    moves: Vec<Vec<(NaiveDate, OrgIndex)>>,
    /// Each predecessor's successors and weights.
    lineage: Vec<Vec<(OrgIndex, u32)>>,
    /// The organizations that move under each, with the day.
    moved_in: Vec<Vec<(NaiveDate, OrgIndex)>>,
    /// Each member's home on admission and moves, by date.
    members: BTreeMap<MemberId, (OrgId, Vec<(NaiveDate, OrgId)>)>,
}

fn exists(tree: &OrgTree, i: OrgIndex, d: NaiveDate) -> bool {
    tree.org(i).is_some_and(|o| o.existed_on(d))
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
            moves: self.moves,
            lineage: self.lineage,
            moved_in: self.moved_in,
            members: self.members,
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
        let n = tree.len();
        let mut problems = Vec::new();
        let index = |id: &OrgId, problems: &mut Vec<HistoryProblem>| {
            let i = tree.index_of(id.as_str());
            if i.is_none() {
                problems.push(HistoryProblem::Unknown {
                    what: "organization",
                    id: id.to_string(),
                });
            }
            i
        };
        let mut by_org: Vec<Vec<(NaiveDate, OrgIndex)>> = vec![Vec::new(); n];
        for m in moves {
            let (Some(o), Some(p)) = (
                index(&m.org, &mut problems),
                index(&m.parent, &mut problems),
            ) else {
                continue;
            };
            if let Some(list) = by_org.get_mut(o.0 as usize) {
                list.push((m.date, p));
            }
        }
        for list in &mut by_org {
            list.sort();
        }
        let mut moved_in: Vec<Vec<(NaiveDate, OrgIndex)>> = vec![Vec::new(); n];
        for (i, list) in by_org.iter().enumerate() {
            for &(date, parent) in list {
                if let Some(m) = moved_in.get_mut(parent.0 as usize) {
                    m.push((date, OrgIndex(i as u32)));
                }
            }
        }
        let mut history = History {
            tree: std::borrow::Cow::Borrowed(tree),
            moves: by_org,
            lineage: vec![Vec::new(); n],
            moved_in,
            members: BTreeMap::new(),
        };
        // Moves: each on its own, then the forest on every move date.
        for (i, list) in history.moves.iter().enumerate() {
            let oi = OrgIndex(i as u32);
            let Some(org) = tree.org(oi) else { continue };
            let mut before: Option<NaiveDate> = None;
            for &(date, parent) in list {
                let bad = |reason: String| HistoryProblem::Move {
                    org: org.id().clone(),
                    parent: tree
                        .org(parent)
                        .map_or_else(|| org.id().clone(), |p| p.id().clone()),
                    date,
                    reason,
                };
                if before == Some(date) {
                    problems.push(bad("it already moves that day".into()));
                }
                before = Some(date);
                if date <= org.established() || !org.existed_on(date) {
                    problems.push(bad(
                        "it does not exist that day, after its establishment".into()
                    ));
                }
                if !exists(tree, parent, date) {
                    problems.push(bad("the new parent does not exist that day".into()));
                }
                if date.pred_opt().and_then(|d| history.parent_on(oi, d)) == Some(parent) {
                    problems.push(bad("it is its parent already".into()));
                }
                if let Some(p) = tree.org(parent)
                    && !p.level().may_have_child(org.level())
                {
                    problems.push(bad(format!(
                        "a {} may not hold a {}",
                        p.level(),
                        org.level()
                    )));
                }
                if history.cycle_on(oi, date) {
                    problems.push(bad("the parent links would form a cycle".into()));
                }
            }
        }
        // Parents exist: on each span of a parent, while the organization
        // exists.
        for i in 0..n {
            let oi = OrgIndex(i as u32);
            let Some(org) = tree.org(oi) else { continue };
            let mut starts = vec![org.established()];
            starts.extend(history.moves.get(i).into_iter().flatten().map(|m| m.0));
            for (k, &start) in starts.iter().enumerate() {
                let end = starts
                    .get(k + 1)
                    .copied()
                    .into_iter()
                    .chain(org.dissolved())
                    .min();
                let Some(parent) = history.parent_on(oi, start) else {
                    continue;
                };
                let Some(p) = tree.org(parent) else { continue };
                let gone = p.established() > start
                    || p.dissolved().is_some_and(|pd| end.is_none_or(|e| pd < e));
                if gone && org.existed_on(start) {
                    let date = if p.established() > start {
                        start
                    } else {
                        p.dissolved().unwrap_or(start)
                    };
                    problems.push(HistoryProblem::ParentGone {
                        org: org.id().clone(),
                        parent: p.id().clone(),
                        date,
                    });
                }
            }
        }
        // Lineage, with the tree's successor ids as links of weight 1.
        let mut links: Vec<(OrgId, OrgId, u32)> = lineage
            .iter()
            .map(|l| (l.predecessor.clone(), l.successor.clone(), l.weight))
            .collect();
        for o in tree.iter() {
            if let Some(s) = o.successor_id() {
                if lineage.iter().any(|l| l.predecessor == *o.id()) {
                    problems.push(HistoryProblem::Lineage {
                        predecessor: o.id().clone(),
                        successor: s.clone(),
                        reason: "it has lineage rows and a successor id too".into(),
                    });
                }
                links.push((o.id().clone(), s.clone(), 1));
            }
        }
        for (pred, succ, weight) in links {
            let (Some(p), Some(s)) = (index(&pred, &mut problems), index(&succ, &mut problems))
            else {
                continue;
            };
            let bad = |reason: &str| HistoryProblem::Lineage {
                predecessor: pred.clone(),
                successor: succ.clone(),
                reason: reason.into(),
            };
            let dissolved = tree.org(p).and_then(|o| o.dissolved());
            match dissolved {
                None => problems.push(bad("the predecessor is not dissolved")),
                Some(d) if !exists(tree, s, d) => problems.push(bad(
                    "the successor does not exist on the day of the dissolution",
                )),
                _ => {}
            }
            if weight == 0 {
                problems.push(bad("a weight is at least 1"));
            }
            if let Some(list) = history.lineage.get_mut(p.0 as usize) {
                if list.iter().any(|(x, _)| *x == s) {
                    problems.push(bad("the pair is given twice"));
                } else {
                    list.push((s, weight));
                }
            }
        }
        // Members' moves, and every member's home on admission.
        for m in roster.into_iter().flat_map(Roster::iter) {
            history
                .members
                .insert(m.id().clone(), (m.org_id().clone(), Vec::new()));
        }
        let mut by_member: BTreeMap<MemberId, Vec<(NaiveDate, OrgId)>> = BTreeMap::new();
        for m in member_moves {
            by_member
                .entry(m.member.clone())
                .or_default()
                .push((m.date, m.org.clone()));
        }
        for (member, mut list) in by_member {
            list.sort();
            let Some(person) = roster.and_then(|r| r.get(member.as_str())) else {
                problems.push(HistoryProblem::Unknown {
                    what: "member",
                    id: member.to_string(),
                });
                continue;
            };
            let mut current = person.org_id().clone();
            let mut before: Option<NaiveDate> = None;
            for (date, org) in &list {
                let bad = |reason: &str| HistoryProblem::MemberMove {
                    member: member.clone(),
                    org: org.clone(),
                    date: *date,
                    reason: reason.into(),
                };
                if before == Some(*date) {
                    problems.push(bad("the member already moves that day"));
                }
                before = Some(*date);
                if *date <= person.admitted() || !person.is_member_on(*date) {
                    problems.push(bad("the member is not a member that day, after admission"));
                }
                match tree.get(org.as_str()) {
                    None => problems.push(bad("the organization is not known")),
                    Some(o) if !o.existed_on(*date) => {
                        problems.push(bad("the organization does not exist that day"))
                    }
                    Some(o) if !o.level().holds_members() => {
                        problems.push(bad("the organization does not hold members"))
                    }
                    Some(_) => {}
                }
                if *org == current {
                    problems.push(bad("the member is there already"));
                }
                current = org.clone();
            }
            history
                .members
                .insert(member, (person.org_id().clone(), list));
        }
        if problems.is_empty() {
            Ok(history)
        } else {
            Err(ErrorKind::History(problems).into())
        }
    }

    /// The tree: each organization under its parent on its establishment.
    #[must_use]
    pub fn tree(&self) -> &OrgTree {
        &self.tree
    }

    /// The parent of the organization at `org` on `day` (`None`: a root).
    #[must_use]
    pub fn parent_on(&self, org: OrgIndex, day: NaiveDate) -> Option<OrgIndex> {
        let moved = self
            .moves
            .get(org.0 as usize)
            .and_then(|list| list.iter().rev().find(|(d, _)| *d <= day))
            .map(|(_, p)| *p);
        moved.or_else(|| self.tree.parent_index(org))
    }

    /// Whether following parents of `day` up from `org` comes back to it.
    fn cycle_on(&self, org: OrgIndex, day: NaiveDate) -> bool {
        let mut at = self.parent_on(org, day);
        for _ in 0..=self.tree.len() {
            match at {
                None => return false,
                Some(p) if p == org => return true,
                Some(p) => at = self.parent_on(p, day),
            }
        }
        true
    }

    /// Whether `org` lies in the subtree of `ancestor` on `day` (itself
    /// included).
    #[must_use]
    pub fn is_within_on(&self, org: OrgIndex, ancestor: OrgIndex, day: NaiveDate) -> bool {
        let mut at = Some(org);
        for _ in 0..=self.tree.len() {
            match at {
                None => return false,
                Some(p) if p == ancestor => return true,
                Some(p) => at = self.parent_on(p, day),
            }
        }
        false
    }

    /// The organization of `member` on `day` (`None` for a member not in
    /// the roster the history was checked against).
    #[must_use]
    pub fn member_org_on(&self, member: &str, day: NaiveDate) -> Option<&OrgId> {
        let (home, moves) = self.members.get(member)?;
        Some(
            moves
                .iter()
                .rev()
                .find(|(d, _)| *d <= day)
                .map_or(home, |(_, o)| o),
        )
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
        self.map_into(org, t, Ratio::ONE, &mut out, 0)?;
        Ok(out)
    }

    fn map_into(
        &self,
        org: OrgIndex,
        t: NaiveDate,
        weight: Ratio,
        out: &mut BTreeMap<OrgIndex, Ratio>,
        depth: usize,
    ) -> Result<(), Error> {
        // Lineage runs forward in time and parents exist: the chain ends.
        if depth > self.tree.len() {
            return Err(ErrorKind::Internal {
                what: "a lineage chain without end",
            }
            .into());
        }
        let Some(o) = self.tree.org(org) else {
            return Ok(());
        };
        if o.existed_on(t) {
            let w = out.entry(org).or_insert(Ratio::ZERO);
            *w = w.checked_add(weight)?;
            return Ok(());
        }
        if o.established() > t {
            return Ok(());
        }
        let Some(dissolved) = o.dissolved() else {
            return Ok(());
        };
        let links = self
            .lineage
            .get(org.0 as usize)
            .map_or(&[][..], Vec::as_slice);
        if links.is_empty() {
            // Without lineage, the parent of the day before carries it.
            return match dissolved.pred_opt().and_then(|d| self.parent_on(org, d)) {
                Some(p) => self.map_into(p, t, weight, out, depth + 1),
                None => Ok(()),
            };
        }
        let total: u64 = links.iter().map(|(_, w)| u64::from(*w)).sum();
        for &(s, w) in links {
            let share = weight.checked_mul(Ratio::new(u64::from(w), total.max(1))?)?;
            self.map_into(s, t, share, out, depth + 1)?;
        }
        Ok(())
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
        // Its children on establishment that have not moved away, and those
        // that moved under it by then and are still there.
        self.tree
            .child_indices(org)
            .chain(
                self.moved_in
                    .get(org.0 as usize)
                    .into_iter()
                    .flatten()
                    .filter(|(d, _)| *d <= day)
                    .map(|(_, c)| *c),
            )
            .any(|c| self.parent_on(c, day) == Some(org))
    }

    fn member_org_on(&self, member: &crate::Member, day: NaiveDate) -> Option<OrgIndex> {
        let id = History::member_org_on(self, member.id().as_str(), day).unwrap_or(member.org_id());
        self.tree.index_of(id.as_str())
    }
}
