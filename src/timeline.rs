//! The structure over time by position: what [`History`](crate::History),
//! the reader and the engine share. Every rule of the organization over
//! time ([the interchange format](crate::spec::format), version 2) is
//! written here once, against tree positions and member positions, and
//! each problem names the input row it was found on ([`Source`]), so that
//! the typed constructor and the reader report the same problem with the
//! same words (the reader adds the file and line).
//!
//! **Fast on any day.** An organization's moves are kept sorted in one
//! flat array (compressed rows by organization), so its parent of a day is
//! a binary search among its own moves, or its parent on establishment
//! when it never moved. The level rules make every chain of parents
//! shorter than seven links, so "is within on a day" is a walk of at most
//! six parents; when nothing ever moves it is the tree's interval test.

use chrono::NaiveDate;

use crate::error::{Error, ErrorKind};
use crate::history::HistoryProblem;
use crate::id::{MemberId, OrgId};
use crate::organization::{OrgIndex, OrgTree};
use crate::ratio::Ratio;

/// The longest chain of parents the level rules allow (central,
/// provincial, district, grassroots, partial, cell), plus one.
const MAX_CHAIN: usize = 7;

/// The input row a problem of the organization over time was found on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    /// An organization's own row (its parent on establishment, or its
    /// successor id).
    Org(OrgIndex),
    /// Its successor id, as a lineage link.
    Successor(OrgIndex),
    /// The n-th organization move given.
    OrgMove(usize),
    /// The n-th lineage link given.
    Lineage(usize),
    /// The n-th member move given.
    MemberMove(usize),
}

/// A problem of the organization over time, with the row and column it
/// was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) source: Source,
    pub(crate) column: &'static str,
    pub(crate) problem: HistoryProblem,
}

fn found(source: Source, column: &'static str, problem: HistoryProblem) -> Found {
    Found {
        source,
        column,
        problem,
    }
}

/// Keeps the first row (in input order) of each key and day; reports the
/// others through `dup` (a second move on one day is refused, not taken).
fn first_of_day<T: Copy>(
    mut rows: Vec<(u32, NaiveDate, u32, T)>,
    mut dup: impl FnMut(u32, NaiveDate, u32, T),
) -> Vec<(u32, NaiveDate, u32, T)> {
    rows.sort_unstable_by_key(|r| (r.0, r.1, r.2));
    let mut kept: Vec<(u32, NaiveDate, u32, T)> = Vec::with_capacity(rows.len());
    for r in rows {
        match kept.last() {
            Some(last) if last.0 == r.0 && last.1 == r.1 => dup(r.0, r.1, r.2, r.3),
            _ => kept.push(r),
        }
    }
    kept
}

/// An organization move, resolved to positions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OrgMoveAt {
    pub(crate) org: OrgIndex,
    pub(crate) date: NaiveDate,
    pub(crate) parent: OrgIndex,
}

/// A lineage link, resolved to positions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkAt {
    pub(crate) predecessor: OrgIndex,
    pub(crate) successor: OrgIndex,
    pub(crate) weight: u32,
}

/// A member move, resolved to positions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MemberMoveAt {
    pub(crate) member: u32,
    pub(crate) date: NaiveDate,
    pub(crate) org: OrgIndex,
}

/// What the member rules need of a member.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MemberFacts {
    /// The organization on admission.
    pub(crate) home: OrgIndex,
    pub(crate) admitted: NaiveDate,
    pub(crate) left: Option<NaiveDate>,
}

/// Rows grouped by a dense key, in one flat array (`start` has one entry
/// per key plus one; empty when there are no rows at all).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Grouped<T> {
    start: Vec<u32>,
    rows: Vec<T>,
}

impl<T> Default for Grouped<T> {
    fn default() -> Self {
        Grouped {
            start: Vec::new(),
            rows: Vec::new(),
        }
    }
}

impl<T: Copy + Ord> Grouped<T> {
    /// Groups `rows` by `key` (each below `keys`), each group sorted.
    fn new(keys: usize, mut rows: Vec<(u32, T)>) -> Result<Self, Error> {
        if rows.is_empty() {
            return Ok(Grouped {
                start: Vec::new(),
                rows: Vec::new(),
            });
        }
        rows.sort_unstable();
        let too_many = || {
            Error::from(ErrorKind::Internal {
                what: "rows beyond u32",
            })
        };
        let mut start = vec![0u32; keys + 1];
        for &(k, _) in &rows {
            let c = start.get_mut(k as usize + 1).ok_or_else(too_many)?;
            *c = c.checked_add(1).ok_or_else(too_many)?;
        }
        for i in 0..keys {
            let (a, b) = (start.get(i).copied(), start.get(i + 1).copied());
            if let (Some(a), Some(b), Some(slot)) = (a, b, start.get_mut(i + 1)) {
                *slot = a.checked_add(b).ok_or_else(too_many)?;
            }
        }
        Ok(Grouped {
            start,
            rows: rows.into_iter().map(|(_, t)| t).collect(),
        })
    }

    fn of(&self, key: usize) -> &[T] {
        match (self.start.get(key), self.start.get(key + 1)) {
            (Some(&a), Some(&b)) => self.rows.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }

    fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The organizations' and members' moves and the lineage, by position;
/// see the [module documentation](self).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Timeline {
    /// Each organization's moves: (date, new parent, input row).
    moves: Grouped<(NaiveDate, OrgIndex, u32)>,
    /// The organizations that move under each: (date, child).
    moved_in: Grouped<(NaiveDate, OrgIndex)>,
    /// Each predecessor's successors and weights: (successor, weight, row
    /// or `u32::MAX` for a successor id).
    lineage: Grouped<(OrgIndex, u32, u32)>,
    /// Each member's moves: (date, organization, input row).
    members: Grouped<(NaiveDate, OrgIndex, u32)>,
    /// By organization: whether its chain of parents never changes (neither
    /// it nor any organization above it on establishment ever moves); empty
    /// when nothing moves. Such an organization is within another on a day
    /// exactly when it is within it in the tree.
    fixed: Vec<bool>,
}

impl Timeline {
    /// Nothing moves, and no lineage beyond successor ids.
    pub(crate) const EMPTY: Timeline = Timeline {
        moves: Grouped::EMPTY,
        moved_in: Grouped::EMPTY,
        lineage: Grouped::EMPTY,
        members: Grouped::EMPTY,
        fixed: Vec::new(),
    };
}

impl<T> Grouped<T> {
    const EMPTY: Grouped<T> = Grouped {
        start: Vec::new(),
        rows: Vec::new(),
    };
}

fn exists(tree: &OrgTree, i: OrgIndex, d: NaiveDate) -> bool {
    tree.org(i).is_some_and(|o| o.existed_on(d))
}

fn org_id(tree: &OrgTree, i: OrgIndex) -> OrgId {
    tree.org(i)
        .map_or_else(|| OrgId::trusted(format!("#{}", i.0)), |o| o.id().clone())
}

impl Timeline {
    /// Checks the organizations' moves and lineage against `tree` (every
    /// dissolved organization's successor id counts as a link of weight
    /// 1), pushing every problem with its input row.
    pub(crate) fn organizations(
        tree: &OrgTree,
        moves: &[OrgMoveAt],
        links: &[LinkAt],
        out: &mut Vec<Found>,
    ) -> Result<Timeline, Error> {
        let n = tree.len();
        let all = moves
            .iter()
            .enumerate()
            .map(|(k, m)| (m.org.0, m.date, k as u32, m.parent))
            .collect();
        let kept = first_of_day(all, |o, date, k, parent| {
            out.push(found(
                Source::OrgMove(k as usize),
                "date",
                HistoryProblem::Move {
                    org: org_id(tree, OrgIndex(o)),
                    parent: org_id(tree, parent),
                    date,
                    reason: "it already moves that day".into(),
                },
            ));
        });
        let build = |kept: &[(u32, NaiveDate, u32, OrgIndex)]| -> Result<Timeline, Error> {
            let moved_in = kept
                .iter()
                .map(|&(o, date, _, parent)| (parent.0, (date, OrgIndex(o))))
                .collect();
            let rows = kept
                .iter()
                .map(|&(o, date, k, parent)| (o, (date, parent, k)))
                .collect();
            Ok(Timeline {
                moves: Grouped::new(n, rows)?,
                moved_in: Grouped::new(n, moved_in)?,
                lineage: Grouped::default(),
                members: Grouped::default(),
                fixed: Vec::new(),
            })
        };
        let mut t = build(&kept)?;
        t.check_moves(tree, out);
        // A move refused is not taken: the tree of each day is the one of
        // the moves accepted.
        let refused: std::collections::BTreeSet<u32> = out
            .iter()
            .filter_map(|f| match f.source {
                Source::OrgMove(k) => u32::try_from(k).ok(),
                _ => None,
            })
            .collect();
        if !refused.is_empty() {
            let accepted: Vec<_> = kept
                .into_iter()
                .filter(|r| !refused.contains(&r.2))
                .collect();
            t = build(&accepted)?;
        }
        t.check_parents_exist(tree, out);
        t.fixed = t.fixed_chains(tree);
        // Lineage, with successor ids as links of weight 1.
        let mut all: Vec<(u32, (OrgIndex, u32, u32))> = links
            .iter()
            .enumerate()
            .map(|(k, l)| (l.predecessor.0, (l.successor, l.weight, k as u32)))
            .collect();
        for (i, o) in tree.iter().enumerate() {
            let Some(s) = o.successor_id() else { continue };
            let Some(si) = tree.index_of(s.as_str()) else {
                continue;
            };
            all.push((i as u32, (si, 1, u32::MAX)));
        }
        let mut seen: std::collections::BTreeSet<(u32, u32)> = std::collections::BTreeSet::new();
        let mut with_rows: std::collections::BTreeSet<u32> = std::collections::BTreeSet::new();
        for &(p, (_, _, row)) in &all {
            if row != u32::MAX {
                with_rows.insert(p);
            }
        }
        let mut kept = Vec::with_capacity(all.len());
        for (p, (s, weight, row)) in all {
            let source = if row == u32::MAX {
                Source::Successor(OrgIndex(p))
            } else {
                Source::Lineage(row as usize)
            };
            let pi = OrgIndex(p);
            let bad = |reason: &str| HistoryProblem::Lineage {
                predecessor: org_id(tree, pi),
                successor: org_id(tree, s),
                reason: reason.into(),
            };
            let mut ok = true;
            if row == u32::MAX && with_rows.contains(&p) {
                out.push(found(
                    source,
                    "successor_id",
                    bad("it has lineage rows and a successor id too; give its successors in one place"),
                ));
                continue;
            }
            match tree.org(pi).and_then(|o| o.dissolved()) {
                None => {
                    out.push(found(
                        source,
                        "predecessor_id",
                        bad("the predecessor is not dissolved"),
                    ));
                    ok = false;
                }
                Some(d) if !exists(tree, s, d) => {
                    out.push(found(
                        source,
                        "successor_id",
                        bad("the successor does not exist on the day of the dissolution"),
                    ));
                    ok = false;
                }
                _ => {}
            }
            if weight == 0 {
                out.push(found(
                    source,
                    "weight",
                    bad("a weight is a whole number of at least 1"),
                ));
                ok = false;
            }
            if !seen.insert((p, s.0)) {
                out.push(found(
                    source,
                    "successor_id",
                    bad("the pair is given twice"),
                ));
                ok = false;
            }
            if ok {
                kept.push((p, (s, weight, row)));
            }
        }
        t.lineage = Grouped::new(n, kept)?;
        Ok(t)
    }

    fn check_moves(&self, tree: &OrgTree, out: &mut Vec<Found>) {
        for i in 0..tree.len() {
            let oi = OrgIndex(i as u32);
            let Some(org) = tree.org(oi) else { continue };
            for &(date, parent, row) in self.moves.of(i) {
                let source = Source::OrgMove(row as usize);
                let bad = |reason: String| HistoryProblem::Move {
                    org: org.id().clone(),
                    parent: org_id(tree, parent),
                    date,
                    reason,
                };
                if date <= org.established() || !org.existed_on(date) {
                    out.push(found(
                        source,
                        "date",
                        bad("it does not exist that day, after its establishment".into()),
                    ));
                }
                if !exists(tree, parent, date) {
                    out.push(found(
                        source,
                        "parent_id",
                        bad("the new parent does not exist that day".into()),
                    ));
                }
                if date.pred_opt().and_then(|d| self.parent_on(tree, oi, d)) == Some(parent) {
                    out.push(found(
                        source,
                        "parent_id",
                        bad("it is its parent already".into()),
                    ));
                }
                if let Some(p) = tree.org(parent)
                    && !p.level().may_have_child(org.level())
                {
                    out.push(found(
                        source,
                        "parent_id",
                        bad(format!("a {} may not hold a {}", p.level(), org.level())),
                    ));
                }
                if self.cycle_on(tree, oi, date) {
                    out.push(found(
                        source,
                        "parent_id",
                        bad("the parent links would form a cycle".into()),
                    ));
                }
            }
        }
    }

    /// Parents exist: on each span of a parent, while the organization
    /// exists, the parent exists too.
    fn check_parents_exist(&self, tree: &OrgTree, out: &mut Vec<Found>) {
        for i in 0..tree.len() {
            let oi = OrgIndex(i as u32);
            let Some(org) = tree.org(oi) else { continue };
            let spans: Vec<(NaiveDate, Option<OrgIndex>, Source)> =
                std::iter::once((org.established(), tree.parent_index(oi), Source::Org(oi)))
                    .chain(
                        self.moves
                            .of(i)
                            .iter()
                            .map(|&(d, p, row)| (d, Some(p), Source::OrgMove(row as usize))),
                    )
                    .collect();
            for (k, &(start, parent, source)) in spans.iter().enumerate() {
                let end = spans
                    .get(k + 1)
                    .map(|s| s.0)
                    .into_iter()
                    .chain(org.dissolved())
                    .min();
                let Some(p) = parent.and_then(|p| tree.org(p)) else {
                    continue;
                };
                if end.is_some_and(|e| e <= start) {
                    continue;
                }
                // The first day of the span on which the organization
                // exists and its parent does not.
                let gone = if p.established() > start {
                    Some(start)
                } else {
                    p.dissolved().filter(|&pd| end.is_none_or(|e| pd < e))
                };
                if let Some(date) = gone
                    && org.existed_on(date)
                {
                    out.push(found(
                        source,
                        "parent_id",
                        HistoryProblem::ParentGone {
                            org: org.id().clone(),
                            parent: p.id().clone(),
                            date,
                        },
                    ));
                }
            }
        }
    }

    /// Checks the members' moves (`facts` gives each member's facts by
    /// position, `None` for one that cannot be checked), pushing every
    /// problem with its input row.
    pub(crate) fn add_members(
        &mut self,
        tree: &OrgTree,
        n_members: usize,
        facts: impl Fn(u32) -> Option<MemberFacts>,
        member_id: impl Fn(u32) -> MemberId,
        moves: &[MemberMoveAt],
        out: &mut Vec<Found>,
    ) -> Result<(), Error> {
        let all = moves
            .iter()
            .enumerate()
            .map(|(k, m)| (m.member, m.date, k as u32, m.org))
            .collect();
        let kept = first_of_day(all, |m, date, k, org| {
            out.push(found(
                Source::MemberMove(k as usize),
                "date",
                HistoryProblem::MemberMove {
                    member: member_id(m),
                    org: org_id(tree, org),
                    date,
                    reason: "the member already moves that day".into(),
                },
            ));
        });
        let rows = kept
            .iter()
            .map(|&(m, date, k, org)| (m, (date, org, k)))
            .collect();
        self.members = Grouped::new(n_members, rows)?;
        for m in 0..n_members {
            let list = self.members.of(m);
            if list.is_empty() {
                continue;
            }
            let Some(person) = facts(m as u32) else {
                continue;
            };
            let mut current = person.home;
            for &(date, org, row) in list {
                let source = Source::MemberMove(row as usize);
                let bad = |reason: &str| HistoryProblem::MemberMove {
                    member: member_id(m as u32),
                    org: org_id(tree, org),
                    date,
                    reason: reason.into(),
                };
                let before = out.len();
                if date <= person.admitted || person.left.is_some_and(|l| l <= date) {
                    out.push(found(
                        source,
                        "date",
                        bad("the member is not a member that day, after admission"),
                    ));
                }
                match tree.org(org) {
                    Some(o) if !o.existed_on(date) => {
                        out.push(found(
                            source,
                            "org_id",
                            bad("the organization does not exist that day"),
                        ));
                    }
                    Some(o) if !o.level().holds_members() => {
                        out.push(found(
                            source,
                            "org_id",
                            bad("the organization does not hold members"),
                        ));
                    }
                    _ => {}
                }
                if org == current {
                    out.push(found(source, "org_id", bad("the member is there already")));
                }
                // A move refused does not change where the next one starts.
                if out.len() == before {
                    current = org;
                }
            }
        }
        // A move refused is not taken.
        let refused: std::collections::BTreeSet<u32> = out
            .iter()
            .filter_map(|f| match f.source {
                Source::MemberMove(k) => u32::try_from(k).ok(),
                _ => None,
            })
            .collect();
        if !refused.is_empty() {
            let rows = kept
                .into_iter()
                .filter(|r| !refused.contains(&r.2))
                .map(|(m, date, k, org)| (m, (date, org, k)))
                .collect();
            self.members = Grouped::new(n_members, rows)?;
        }
        Ok(())
    }

    /// Whether the parent links of some move date form a cycle (possible
    /// only after moves were refused, which changes the parents later
    /// moves start from).
    #[cfg(feature = "interchange")]
    pub(crate) fn has_cycle(&self, tree: &OrgTree) -> bool {
        self.org_moves()
            .any(|(o, date, _)| self.cycle_on(tree, o, date))
    }

    /// [`Timeline::fixed`]: parents come before their children in the
    /// tree's order.
    fn fixed_chains(&self, tree: &OrgTree) -> Vec<bool> {
        if !self.has_org_moves() {
            return Vec::new();
        }
        let mut fixed = vec![false; tree.len()];
        for i in 0..tree.len() {
            let oi = OrgIndex(i as u32);
            let up = tree
                .parent_index(oi)
                .is_none_or(|p| fixed.get(p.0 as usize).copied().unwrap_or(false));
            if let Some(f) = fixed.get_mut(i) {
                *f = up && self.moves.of(i).is_empty();
            }
        }
        fixed
    }

    /// Whether the chain of parents of `org` never changes.
    fn is_fixed(&self, org: OrgIndex) -> bool {
        !self.has_org_moves() || self.fixed.get(org.0 as usize).copied().unwrap_or(false)
    }

    /// Whether any organization ever moves.
    pub(crate) fn has_org_moves(&self) -> bool {
        !self.moves.is_empty()
    }

    /// Whether any member ever moves.
    pub(crate) fn has_member_moves(&self) -> bool {
        !self.members.is_empty()
    }

    /// The days on which some organization moves, sorted, each once.
    pub(crate) fn org_move_dates(&self) -> Vec<NaiveDate> {
        let mut d: Vec<NaiveDate> = self.moves.rows.iter().map(|m| m.0).collect();
        d.sort_unstable();
        d.dedup();
        d
    }

    /// Every organization's moves: (organization, date, new parent).
    pub(crate) fn org_moves(&self) -> impl Iterator<Item = (OrgIndex, NaiveDate, OrgIndex)> + '_ {
        (0..self.moves.start.len().saturating_sub(1)).flat_map(move |i| {
            self.moves
                .of(i)
                .iter()
                .map(move |&(d, p, _)| (OrgIndex(i as u32), d, p))
        })
    }

    /// Every lineage row given (not the successor ids): (predecessor,
    /// successor, weight).
    pub(crate) fn lineage_rows(&self) -> impl Iterator<Item = (OrgIndex, OrgIndex, u32)> + '_ {
        (0..self.lineage.start.len().saturating_sub(1)).flat_map(move |i| {
            self.lineage
                .of(i)
                .iter()
                .filter(|l| l.2 != u32::MAX)
                .map(move |&(s, w, _)| (OrgIndex(i as u32), s, w))
        })
    }

    /// Every member's moves: (member, date, organization).
    pub(crate) fn member_moves(&self) -> impl Iterator<Item = (u32, NaiveDate, OrgIndex)> + '_ {
        (0..self.members.start.len().saturating_sub(1)).flat_map(move |m| {
            self.members
                .of(m)
                .iter()
                .map(move |&(d, o, _)| (m as u32, d, o))
        })
    }

    /// The parent of `org` on `day` (`None`: a root).
    pub(crate) fn parent_on(
        &self,
        tree: &OrgTree,
        org: OrgIndex,
        day: NaiveDate,
    ) -> Option<OrgIndex> {
        let list = self.moves.of(org.0 as usize);
        let k = list.partition_point(|m| m.0 <= day);
        match k.checked_sub(1).and_then(|k| list.get(k)) {
            Some(&(_, p, _)) => Some(p),
            None => tree.parent_index(org),
        }
    }

    /// Whether following parents of `day` up from `org` comes back to it.
    fn cycle_on(&self, tree: &OrgTree, org: OrgIndex, day: NaiveDate) -> bool {
        let mut at = self.parent_on(tree, org, day);
        for _ in 0..=tree.len() {
            match at {
                None => return false,
                Some(p) if p == org => return true,
                Some(p) => at = self.parent_on(tree, p, day),
            }
        }
        true
    }

    /// The organizations above `org` on `day`, nearest first, itself
    /// first: at most [`MAX_CHAIN`] of them on a valid timeline (longer
    /// chains, which only an invalid one has, are cut there).
    pub(crate) fn chain_on<'s>(
        &'s self,
        tree: &'s OrgTree,
        org: OrgIndex,
        day: NaiveDate,
    ) -> impl Iterator<Item = OrgIndex> + 's {
        let tree_len = tree.len();
        let mut at = (org.0 as usize) < tree_len;
        let mut next = Some(org);
        let mut steps = 0usize;
        let moved = self.has_org_moves();
        std::iter::from_fn(move || {
            if !at || steps > MAX_CHAIN {
                return None;
            }
            let cur = next?;
            steps += 1;
            next = if moved && !self.is_fixed(cur) {
                self.parent_on(tree, cur, day)
            } else {
                tree.parent_index(cur)
            };
            at = true;
            Some(cur)
        })
    }

    /// Whether `org` lies in `ancestor`'s subtree on `day` (itself
    /// included).
    pub(crate) fn is_within_on(
        &self,
        tree: &OrgTree,
        org: OrgIndex,
        ancestor: OrgIndex,
        day: NaiveDate,
    ) -> bool {
        if self.is_fixed(org) {
            return tree.is_within_index(org, ancestor);
        }
        self.chain_on(tree, org, day).any(|a| a == ancestor)
    }

    /// Whether `org` has organizations under it on `day`.
    pub(crate) fn has_children_on(&self, tree: &OrgTree, org: OrgIndex, day: NaiveDate) -> bool {
        tree.child_indices(org)
            .chain(
                self.moved_in
                    .of(org.0 as usize)
                    .iter()
                    .filter(|(d, _)| *d <= day)
                    .map(|(_, c)| *c),
            )
            .any(|c| self.parent_on(tree, c, day) == Some(org))
    }

    /// Every organization that is ever under `org`: its children on
    /// establishment and those that move under it (each once).
    pub(crate) fn children_ever(&self, tree: &OrgTree, org: OrgIndex) -> Vec<OrgIndex> {
        let mut out: Vec<OrgIndex> = tree
            .child_indices(org)
            .chain(self.moved_in.of(org.0 as usize).iter().map(|(_, c)| *c))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// How many times the member at `member` moves.
    pub(crate) fn member_moves_of(&self, member: u32) -> usize {
        self.members.of(member as usize).len()
    }

    /// The organization of the member at `member` on `day`, given the one
    /// on admission.
    pub(crate) fn member_org_on(&self, member: u32, home: OrgIndex, day: NaiveDate) -> OrgIndex {
        let list = self.members.of(member as usize);
        let k = list.partition_point(|m| m.0 <= day);
        match k.checked_sub(1).and_then(|k| list.get(k)) {
            Some(&(_, o, _)) => o,
            None => home,
        }
    }

    /// The organizations of day `t` that the records of `org` belong to,
    /// each with its exact weight, added into `out` times `weight`.
    pub(crate) fn map_into(
        &self,
        tree: &OrgTree,
        org: OrgIndex,
        t: NaiveDate,
        weight: Ratio,
        out: &mut std::collections::BTreeMap<OrgIndex, Ratio>,
        depth: usize,
    ) -> Result<(), Error> {
        // Lineage runs forward in time and parents exist: the chain ends.
        if depth > tree.len() {
            return Err(ErrorKind::Internal {
                what: "a lineage chain without end",
            }
            .into());
        }
        let Some(o) = tree.org(org) else {
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
        let links = self.lineage.of(org.0 as usize);
        if links.is_empty() {
            // Without lineage, the parent of the day before carries it.
            return match dissolved
                .pred_opt()
                .and_then(|d| self.parent_on(tree, org, d))
            {
                Some(p) => self.map_into(tree, p, t, weight, out, depth + 1),
                None => Ok(()),
            };
        }
        let total = links
            .iter()
            .try_fold(0u64, |acc, l| acc.checked_add(u64::from(l.1)))
            .ok_or_else(|| {
                Error::from(ErrorKind::Overflow {
                    what: "lineage weights",
                })
            })?;
        for &(s, w, _) in links {
            let share = weight.checked_mul(Ratio::new(u64::from(w), total.max(1))?)?;
            self.map_into(tree, s, t, share, out, depth + 1)?;
        }
        Ok(())
    }
}

/// The structure on a day as the rules read it: a tree and its timeline.
#[cfg(feature = "interchange")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct OnDay<'t> {
    pub(crate) tree: &'t OrgTree,
    pub(crate) timeline: &'t Timeline,
}

#[cfg(feature = "interchange")]
impl crate::inspection::Structure for OnDay<'_> {
    fn tree(&self) -> &OrgTree {
        self.tree
    }

    fn within_on(&self, org: OrgIndex, ancestor: OrgIndex, day: NaiveDate) -> bool {
        self.timeline.is_within_on(self.tree, org, ancestor, day)
    }

    fn has_children_on(&self, org: OrgIndex, day: NaiveDate) -> bool {
        if self.timeline.has_org_moves() {
            self.timeline.has_children_on(self.tree, org, day)
        } else {
            self.tree.has_children(org)
        }
    }
}
