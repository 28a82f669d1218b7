//! Party organizations and the organization tree.
//!
//! The Party is organized in levels (Party Charter 2011, chapters on
//! organization; [the interchange format](crate::spec::format)): the centre (Trung ương);
//! provincial party organizations (đảng bộ tỉnh, thành phố and equivalents);
//! district ones (đảng bộ huyện and equivalents, "cấp trên trực tiếp của cơ
//! sở"); grassroots party organizations (tổ chức cơ sở đảng: a đảng bộ cơ sở
//! with units under it, or a chi bộ cơ sở with none); partial party
//! organizations (đảng bộ bộ phận) inside a đảng bộ cơ sở; and cells (chi bộ
//! trực thuộc). [`OrgTree`] holds organizations in that hierarchy and can
//! only exist valid.

type HashMap<K, V> = hashbrown::HashMap<K, V, foldhash::fast::RandomState>;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::id::OrgId;
use crate::rule::Rule;

catalogue! {
    /// The level of a party organization, from the centre down to the cell.
    ///
    /// Ordered from the top (`Central`) to the bottom (`Cell`). The serde and
    /// text form is the snake_case code of the interchange format.
    ///
    /// # Examples
    ///
    /// ```
    /// use party_oversight::OrgLevel;
    ///
    /// let level: OrgLevel = "grassroots".parse()?;
    /// assert_eq!(level.vi(), "tổ chức cơ sở đảng");
    /// assert!(level.may_have_child(OrgLevel::Cell));
    /// assert!(!OrgLevel::District.may_have_child(OrgLevel::Cell));
    /// # Ok::<(), party_oversight::Error>(())
    /// ```
    pub enum OrgLevel: "organization level" {
        /// The centre (Trung ương): the root of the whole tree.
        Central => "central", "Trung ương", "central";
        /// A provincial party organization (đảng bộ tỉnh, thành phố trực thuộc
        /// Trung ương, and equivalents directly under the centre).
        Provincial => "provincial", "đảng bộ tỉnh và tương đương", "provincial";
        /// A district party organization (đảng bộ huyện, quận, thị xã, thành
        /// phố thuộc tỉnh, and equivalents): the level directly above the
        /// grassroots.
        District => "district", "đảng bộ huyện và tương đương", "district";
        /// A grassroots party organization (tổ chức cơ sở đảng): a đảng bộ cơ sở
        /// or a chi bộ cơ sở.
        Grassroots => "grassroots", "tổ chức cơ sở đảng", "grassroots";
        /// A partial party organization (đảng bộ bộ phận) within a đảng bộ cơ sở.
        Partial => "partial", "đảng bộ bộ phận", "partial";
        /// A party cell (chi bộ trực thuộc) under a đảng bộ cơ sở or a đảng bộ
        /// bộ phận.
        Cell => "cell", "chi bộ trực thuộc", "cell";
    }
}

impl OrgLevel {
    /// The levels an organization of this level may have directly under it
    /// ([the interchange format](crate::spec::format)): `central` → `provincial` or `grassroots` (đảng bộ cơ sở
    /// trực thuộc Trung ương); `provincial` → `district` or `grassroots`;
    /// `district` → `grassroots`; `grassroots` → `partial` or `cell`;
    /// `partial` → `cell`; nothing under a `cell`.
    #[must_use]
    pub const fn child_levels(self) -> &'static [OrgLevel] {
        match self {
            OrgLevel::Central => &[OrgLevel::Provincial, OrgLevel::Grassroots],
            OrgLevel::Provincial => &[OrgLevel::District, OrgLevel::Grassroots],
            OrgLevel::District => &[OrgLevel::Grassroots],
            OrgLevel::Grassroots => &[OrgLevel::Partial, OrgLevel::Cell],
            OrgLevel::Partial => &[OrgLevel::Cell],
            OrgLevel::Cell => &[],
        }
    }

    /// Whether an organization of level `child` may sit directly under one of
    /// this level (see [`Self::child_levels`]).
    #[must_use]
    pub fn may_have_child(self, child: OrgLevel) -> bool {
        self.child_levels().contains(&child)
    }

    /// Whether members may have this level as their home organization
    /// (`grassroots`, `partial` or `cell`; [the interchange format](crate::spec::format), members.csv).
    #[must_use]
    pub const fn holds_members(self) -> bool {
        matches!(
            self,
            OrgLevel::Grassroots | OrgLevel::Partial | OrgLevel::Cell
        )
    }

    /// Whether this level is the grassroots level or above, where a
    /// committee may conduct inspections and supervisions ([the interchange format](crate::spec::format),
    /// oversight.csv, `body_org_id`).
    #[must_use]
    pub const fn is_grassroots_or_above(self) -> bool {
        matches!(
            self,
            OrgLevel::Central | OrgLevel::Provincial | OrgLevel::District | OrgLevel::Grassroots
        )
    }
}

/// The plain fields of a [`PartyOrganization`], before validation.
///
/// This is the serde form of an organization, and the argument of
/// [`PartyOrganization::new`]. All fields are public: it holds any values,
/// valid or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationFields {
    /// The organization's id.
    pub id: OrgId,
    /// The directly superior organization; `None` only for the root.
    pub parent: Option<OrgId>,
    /// Its level.
    pub level: OrgLevel,
    /// Its display name, e.g. `Đảng bộ huyện Bắc Mê`.
    pub name: String,
    /// The date it was established.
    pub established: NaiveDate,
    /// The date it was merged, split or dissolved, if it was.
    #[serde(default)]
    pub dissolved: Option<NaiveDate>,
    /// The organization that took over its members and records when it was
    /// dissolved by merger.
    #[serde(default)]
    pub successor: Option<OrgId>,
}

/// A rule that one organization's own fields break.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OrgProblem {
    /// The name is empty or only white space.
    #[error("the name must not be blank")]
    BlankName,
    /// Dissolved before it was established.
    #[error("dissolved on {dissolved}, before it was established on {established}")]
    DissolvedBeforeEstablished {
        /// Established on.
        established: NaiveDate,
        /// Dissolved on.
        dissolved: NaiveDate,
    },
    /// A successor is named but no dissolution date.
    #[error(
        "names successor {0} but has no dissolution date; a successor only takes over a dissolved organization (docs/format.md)"
    )]
    SuccessorWithoutDissolution(OrgId),
    /// It names itself as its parent.
    #[error("names itself as its parent")]
    OwnParent,
    /// It names itself as its successor.
    #[error("names itself as its successor")]
    OwnSuccessor,
}

impl OrgProblem {
    /// The [`Rule`] this problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            OrgProblem::BlankName => Rule::BlankText,
            OrgProblem::DissolvedBeforeEstablished { .. } => Rule::DissolvedBeforeEstablished,
            OrgProblem::SuccessorWithoutDissolution(_) => Rule::SuccessorWithoutDissolution,
            OrgProblem::OwnParent => Rule::OwnParent,
            OrgProblem::OwnSuccessor => Rule::OwnSuccessor,
        }
    }
}

/// A party organization (tổ chức đảng): valid by construction.
///
/// Its own fields are checked when it is built: a non-blank name, not
/// dissolved before it was established, a successor only with a dissolution
/// date, not its own parent or successor. Its place in the hierarchy is
/// checked by [`OrgTree`].
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use party_oversight::{OrgLevel, OrganizationFields, PartyOrganization};
///
/// let district = PartyOrganization::new(OrganizationFields {
///     id: "BM".parse()?,
///     parent: Some("HG".parse()?),
///     level: OrgLevel::District,
///     name: "Đảng bộ huyện Bắc Mê".into(),
///     established: NaiveDate::from_ymd_opt(1945, 1, 1).unwrap(),
///     dissolved: None,
///     successor: None,
/// })?;
/// assert_eq!(district.name(), "Đảng bộ huyện Bắc Mê");
/// assert!(district.existed_on(NaiveDate::from_ymd_opt(2017, 6, 30).unwrap()));
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OrganizationFields", into = "OrganizationFields")]
pub struct PartyOrganization {
    fields: OrganizationFields,
}

impl PartyOrganization {
    /// Validates `fields` as an organization.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Organization`] naming the first rule broken (see the type
    /// docs).
    pub fn new(fields: OrganizationFields) -> Result<Self, Error> {
        let problem = if crate::display::is_blank(&fields.name) {
            Some(OrgProblem::BlankName)
        } else if fields.parent.as_ref() == Some(&fields.id) {
            Some(OrgProblem::OwnParent)
        } else if fields.successor.as_ref() == Some(&fields.id) {
            Some(OrgProblem::OwnSuccessor)
        } else {
            match (fields.dissolved, &fields.successor) {
                (Some(d), _) if d < fields.established => {
                    Some(OrgProblem::DissolvedBeforeEstablished {
                        established: fields.established,
                        dissolved: d,
                    })
                }
                (None, Some(s)) => Some(OrgProblem::SuccessorWithoutDissolution(s.clone())),
                _ => None,
            }
        };
        match problem {
            Some(problem) => Err(ErrorKind::Organization {
                id: fields.id,
                problem,
            }
            .into()),
            None => Ok(PartyOrganization { fields }),
        }
    }

    /// Its id.
    #[must_use]
    pub fn id(&self) -> &OrgId {
        &self.fields.id
    }

    /// The id of its directly superior organization (`None` for the root).
    #[must_use]
    pub fn parent_id(&self) -> Option<&OrgId> {
        self.fields.parent.as_ref()
    }

    /// Its level.
    #[must_use]
    pub fn level(&self) -> OrgLevel {
        self.fields.level
    }

    /// Its display name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.fields.name
    }

    /// The date it was established.
    #[must_use]
    pub fn established(&self) -> NaiveDate {
        self.fields.established
    }

    /// The date it was dissolved, merged or split, if it was.
    #[must_use]
    pub fn dissolved(&self) -> Option<NaiveDate> {
        self.fields.dissolved
    }

    /// The organization that took it over, if it was dissolved by merger.
    #[must_use]
    pub fn successor_id(&self) -> Option<&OrgId> {
        self.fields.successor.as_ref()
    }

    /// Whether it existed on `date`: established on or before it, and not
    /// dissolved on or before it ([the interchange format](crate::spec::format), oversight.csv rules).
    #[must_use]
    pub fn existed_on(&self, date: NaiveDate) -> bool {
        self.fields.established <= date && self.fields.dissolved.is_none_or(|d| d > date)
    }

    /// Its plain fields.
    #[must_use]
    pub fn fields(&self) -> &OrganizationFields {
        &self.fields
    }
}

impl TryFrom<OrganizationFields> for PartyOrganization {
    type Error = Error;
    fn try_from(fields: OrganizationFields) -> Result<Self, Error> {
        PartyOrganization::new(fields)
    }
}

impl From<PartyOrganization> for OrganizationFields {
    fn from(org: PartyOrganization) -> Self {
        org.fields
    }
}

/// A rule of the hierarchy that an organization tree breaks.
///
/// [`OrgTree::new`] reports every one it finds, in this order of kinds and
/// within a kind in input order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TreeProblem {
    /// More organizations than a tree can index.
    #[error(
        "{count} organizations are more than the {} that a tree can index",
        u32::MAX
    )]
    #[non_exhaustive]
    TooMany {
        /// How many were given.
        count: usize,
    },
    /// An id is used by more than one organization.
    #[error("organization id {id} is used {count} times; ids must be unique")]
    DuplicateId {
        /// The id.
        id: OrgId,
        /// How many organizations use it.
        count: usize,
    },
    /// The parent named is not in the tree.
    #[error("organization {id} names parent {parent}, which is not in the tree")]
    UnknownParent {
        /// The organization.
        id: OrgId,
        /// The missing parent.
        parent: OrgId,
    },
    /// The successor named is not in the tree.
    #[error("organization {id} names successor {successor}, which is not in the tree")]
    UnknownSuccessor {
        /// The organization.
        id: OrgId,
        /// The missing successor.
        successor: OrgId,
    },
    /// A child's level does not fit its parent's.
    #[error("organization {id} ({level}) cannot be directly under {parent} ({parent_level}): {}", allowed_children(*.parent_level))]
    LevelOrder {
        /// The organization.
        id: OrgId,
        /// Its level.
        level: OrgLevel,
        /// Its parent.
        parent: OrgId,
        /// The parent's level.
        parent_level: OrgLevel,
    },
    /// Parent links that go round in a cycle (listed from the smallest id).
    #[error("organizations {} form a parent cycle; the parent links must form a tree", cycle_text(.0))]
    Cycle(Vec<OrgId>),
}

impl TreeProblem {
    /// The [`Rule`] this problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            TreeProblem::DuplicateId { .. } => Rule::DuplicateId,
            TreeProblem::TooMany { .. } => Rule::TooManyRecords,
            TreeProblem::UnknownParent { .. } | TreeProblem::UnknownSuccessor { .. } => {
                Rule::UnknownReference
            }
            TreeProblem::LevelOrder { .. } => Rule::LevelOrder,
            TreeProblem::Cycle(_) => Rule::ParentCycle,
        }
    }
}

/// How many organizations of a cycle a message names before it counts the
/// rest.
const CYCLE_SHOWN: usize = 6;

fn cycle_text(ids: &[OrgId]) -> String {
    let mut parts: Vec<&str> = ids.iter().take(CYCLE_SHOWN).map(OrgId::as_str).collect();
    match ids.len().checked_sub(CYCLE_SHOWN) {
        Some(rest) if rest > 0 => {
            parts.push("…");
            format!("{} ({rest} more)", parts.join(" → "))
        }
        _ => {
            if let Some(first) = ids.first() {
                parts.push(first.as_str());
            }
            parts.join(" → ")
        }
    }
}

fn allowed_children(level: OrgLevel) -> String {
    let kids = level.child_levels();
    if kids.is_empty() {
        return format!("nothing may be under a {level}");
    }
    let names: Vec<&str> = kids.iter().map(|l| l.code()).collect();
    format!("only {} may be under a {level}", names.join(" or "))
}

/// The position of an organization in an [`OrgTree`]: its number in the
/// tree's depth-first (pre-)order, root = 0.
///
/// Only meaningful for the tree that issued it; methods taking an index
/// answer `None` or `false` for an index the tree does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OrgIndex(pub u32);

impl OrgIndex {
    fn get(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Node {
    parent: Option<u32>,
    /// One past the last descendant in depth-first order.
    end: u32,
    depth: u32,
    first_child: u32,
    child_count: u32,
}

/// The organization hierarchy, valid by construction: unique ids, every
/// parent known, no cycles, every child's level fitting its parent's ([the
/// interchange format](crate::spec::format)), every successor known.
///
/// It is a **forest**: any number of roots, of any level, so that a
/// national dataset (one central root), a province standing alone, or the
/// two provinces that merged into one are all valid;
/// [`OrgTree::root`] is the root when there is exactly one.
///
/// Organizations are stored in depth-first order, tree by tree (roots and
/// children by id), so that
/// each subtree is one contiguous run: "is A within B's subtree" is two
/// comparisons, and a subtree is a slice. Build it with [`OrgTree::new`]; its
/// serde form is the list of organizations.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use party_oversight::{OrgLevel, OrgTree, OrganizationFields, PartyOrganization};
///
/// let day = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
/// let org = |id: &str, parent: Option<&str>, level| {
///     PartyOrganization::new(OrganizationFields {
///         id: id.parse().unwrap(),
///         parent: parent.map(|p| p.parse().unwrap()),
///         level,
///         name: format!("Tổ chức {id}"),
///         established: day,
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
/// assert!(tree.is_within("C1", "BM"));
/// assert!(!tree.is_within("BM", "C1"));
/// assert_eq!(tree.depth("C1"), Some(4));
/// let ancestors: Vec<_> = tree.ancestors("C1").map(|o| o.id().as_str()).collect();
/// assert_eq!(ancestors, ["XA", "BM", "HG", "TW"]);
/// assert_eq!(tree.subtree("BM").count(), 3);
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgTree {
    orgs: Vec<PartyOrganization>,
    nodes: Vec<Node>,
    index: HashMap<OrgId, u32>,
}

impl OrgTree {
    /// Validates `orgs` as a tree, in any input order.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Tree`] listing every [`TreeProblem`] found.
    pub fn new(orgs: Vec<PartyOrganization>) -> Result<Self, Error> {
        let mut problems = Vec::new();
        if u32::try_from(orgs.len()).is_err() {
            // Far beyond any real party; refuse rather than truncate indices.
            return Err(ErrorKind::Tree(vec![TreeProblem::TooMany { count: orgs.len() }]).into());
        }

        // Unique ids: first occurrence wins, later ones are reported.
        let mut index: HashMap<OrgId, u32> =
            HashMap::with_capacity_and_hasher(orgs.len(), Default::default());
        let mut keep = vec![true; orgs.len()];
        let mut dup_counts: Vec<(u32, usize)> = Vec::new();
        for (i, org) in orgs.iter().enumerate() {
            match index.entry(org.id().clone()) {
                hashbrown::hash_map::Entry::Vacant(v) => {
                    v.insert(i as u32);
                }
                hashbrown::hash_map::Entry::Occupied(o) => {
                    let first = *o.get();
                    match dup_counts.iter_mut().find(|(f, _)| *f == first) {
                        Some((_, c)) => *c += 1,
                        None => dup_counts.push((first, 2)),
                    }
                    if let Some(k) = keep.get_mut(i) {
                        *k = false;
                    }
                }
            }
        }
        dup_counts.sort_unstable();
        for (first, count) in dup_counts {
            if let Some(org) = orgs.get(first as usize) {
                problems.push(TreeProblem::DuplicateId {
                    id: org.id().clone(),
                    count,
                });
            }
        }

        // Parents, successors, level order.
        let mut parent_of: Vec<Option<u32>> = vec![None; orgs.len()];
        for (i, org) in orgs.iter().enumerate() {
            if !keep.get(i).copied().unwrap_or(false) {
                continue;
            }
            if let Some(pid) = org.parent_id() {
                match index.get(pid) {
                    None => problems.push(TreeProblem::UnknownParent {
                        id: org.id().clone(),
                        parent: pid.clone(),
                    }),
                    Some(&p) => {
                        if let Some(slot) = parent_of.get_mut(i) {
                            *slot = Some(p);
                        }
                        if let Some(parent) = orgs.get(p as usize)
                            && !parent.level().may_have_child(org.level())
                        {
                            problems.push(TreeProblem::LevelOrder {
                                id: org.id().clone(),
                                level: org.level(),
                                parent: pid.clone(),
                                parent_level: parent.level(),
                            });
                        }
                    }
                }
            }
            if let Some(sid) = org.successor_id()
                && !index.contains_key(sid)
            {
                problems.push(TreeProblem::UnknownSuccessor {
                    id: org.id().clone(),
                    successor: sid.clone(),
                });
            }
        }

        // Cycles: walk up from each node, colouring (0 new, 1 on the current
        // path, 2 done).
        let mut colour = vec![0u8; orgs.len()];
        for start in 0..orgs.len() {
            if colour.get(start) != Some(&0) {
                continue;
            }
            let mut path = Vec::new();
            let mut at = Some(start as u32);
            while let Some(n) = at {
                match colour.get(n as usize) {
                    Some(0) => {
                        if let Some(c) = colour.get_mut(n as usize) {
                            *c = 1;
                        }
                        path.push(n);
                        at = parent_of.get(n as usize).copied().flatten();
                    }
                    Some(1) => {
                        // Found a cycle: the part of the path from n onwards.
                        if let Some(pos) = path.iter().position(|&p| p == n) {
                            let mut ids: Vec<OrgId> = path
                                .get(pos..)
                                .unwrap_or_default()
                                .iter()
                                .filter_map(|&p| orgs.get(p as usize).map(|o| o.id().clone()))
                                .collect();
                            // Children point at parents; list in the parent direction, from
                            // the smallest id.
                            if let Some(min) = ids
                                .iter()
                                .enumerate()
                                .min_by(|a, b| a.1.cmp(b.1))
                                .map(|(i, _)| i)
                            {
                                ids.rotate_left(min);
                            }
                            problems.push(TreeProblem::Cycle(ids));
                        }
                        break;
                    }
                    _ => break,
                }
            }
            for n in path {
                if let Some(c) = colour.get_mut(n as usize) {
                    *c = 2;
                }
            }
        }

        if !problems.is_empty() {
            return Err(ErrorKind::Tree(problems).into());
        }
        Self::arrange(orgs, &parent_of, index)
    }

    /// Lays a validated forest with one root out in depth-first order.
    fn arrange(
        orgs: Vec<PartyOrganization>,
        parent_of: &[Option<u32>],
        mut index: HashMap<OrgId, u32>,
    ) -> Result<OrgTree, Error> {
        let n = orgs.len();
        // Children lists, by id.
        let mut kids: Vec<(u32, u32)> = parent_of
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|p| (p, i as u32)))
            .collect();
        kids.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| orgs[a.1 as usize].id().cmp(orgs[b.1 as usize].id()))
        });
        let mut start = vec![0usize; n + 1];
        for &(p, _) in &kids {
            start[p as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        // The roots by id; validated above: without cycles, every
        // organization hangs from one of them.
        let mut roots: Vec<u32> = (0..n as u32)
            .filter(|&i| parent_of.get(i as usize) == Some(&None))
            .collect();
        roots.sort_by(|&a, &b| {
            let id = |i: u32| orgs.get(i as usize).map(PartyOrganization::id);
            id(a).cmp(&id(b))
        });

        // Iterative pre-order walk, tree by tree.
        let mut order: Vec<u32> = Vec::with_capacity(n);
        let mut stack: Vec<u32> = roots.into_iter().rev().collect();
        while let Some(v) = stack.pop() {
            order.push(v);
            let (a, b) = (start[v as usize], start[v as usize + 1]);
            for &(_, c) in kids[a..b].iter().rev() {
                stack.push(c);
            }
        }
        let mut pos = vec![0u32; n];
        for (p, &v) in order.iter().enumerate() {
            pos[v as usize] = p as u32;
        }
        let mut nodes: Vec<Node> = order
            .iter()
            .map(|&v| Node {
                parent: parent_of[v as usize].map(|p| pos[p as usize]),
                end: 0,
                depth: 0,
                first_child: 0,
                child_count: (start[v as usize + 1] - start[v as usize]) as u32,
            })
            .collect();
        for p in 0..n {
            let depth = nodes[p].parent.map_or(0, |q| nodes[q as usize].depth + 1);
            nodes[p].depth = depth;
            nodes[p].first_child = p as u32 + 1;
        }
        for p in (0..n).rev() {
            let end = if nodes[p].child_count == 0 {
                p as u32 + 1
            } else {
                nodes[p].end.max(p as u32 + 1)
            };
            nodes[p].end = end;
            if let Some(q) = nodes[p].parent {
                let q = q as usize;
                nodes[q].end = nodes[q].end.max(end);
            }
        }
        let mut slots: Vec<Option<PartyOrganization>> = orgs.into_iter().map(Some).collect();
        let orgs: Vec<PartyOrganization> = order
            .iter()
            .filter_map(|&v| slots[v as usize].take())
            .collect();
        // The index maps ids to input positions: make them tree positions.
        for v in index.values_mut() {
            *v = pos.get(*v as usize).copied().unwrap_or(*v);
        }
        Ok(OrgTree { orgs, nodes, index })
    }

    /// How many organizations the tree holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.orgs.len()
    }

    /// Always `false`: a valid tree has a root.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.orgs.is_empty()
    }

    /// The root, when the forest has exactly one (a national dataset's
    /// central organization, or a province standing alone).
    #[must_use]
    pub fn root(&self) -> Option<&PartyOrganization> {
        let mut roots = self.roots();
        match (roots.next(), roots.next()) {
            (Some(root), None) => Some(root),
            _ => None,
        }
    }

    /// The roots (organizations without a parent), by id.
    pub fn roots(&self) -> impl Iterator<Item = &PartyOrganization> {
        self.orgs.iter().filter(|o| o.parent_id().is_none())
    }

    /// All organizations in depth-first order (parents before children,
    /// siblings by id).
    pub fn iter(&self) -> std::slice::Iter<'_, PartyOrganization> {
        self.orgs.iter()
    }

    /// The organization with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&PartyOrganization> {
        self.index_of(id).and_then(|i| self.org(i))
    }

    /// Whether the tree holds this id.
    #[must_use]
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// The position of `id` in depth-first order.
    #[must_use]
    pub fn index_of(&self, id: &str) -> Option<OrgIndex> {
        self.index.get(id).map(|&i| OrgIndex(i))
    }

    /// The organization at `index`.
    #[must_use]
    pub fn org(&self, index: OrgIndex) -> Option<&PartyOrganization> {
        self.orgs.get(index.get())
    }

    /// The directly superior organization of `id` (`None` for the root or an
    /// unknown id).
    #[must_use]
    pub fn parent(&self, id: &str) -> Option<&PartyOrganization> {
        self.index_of(id)
            .and_then(|i| self.parent_index(i))
            .and_then(|p| self.org(p))
    }

    /// The index of the parent of `index`.
    #[must_use]
    pub fn parent_index(&self, index: OrgIndex) -> Option<OrgIndex> {
        self.nodes
            .get(index.get())
            .and_then(|n| n.parent)
            .map(OrgIndex)
    }

    /// The organizations directly under `id`, by id (empty for an unknown id).
    pub fn children(&self, id: &str) -> impl Iterator<Item = &PartyOrganization> {
        self.index_of(id)
            .into_iter()
            .flat_map(move |i| self.child_indices(i))
            .filter_map(|c| self.org(c))
    }

    /// The indices of the organizations directly under `index`.
    pub fn child_indices(&self, index: OrgIndex) -> impl Iterator<Item = OrgIndex> + '_ {
        let node = self.nodes.get(index.get());
        let mut next = node.map(|n| n.first_child);
        let mut left = node.map_or(0, |n| n.child_count);
        std::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            let c = next?;
            left -= 1;
            next = self.nodes.get(c as usize).map(|n| n.end);
            Some(OrgIndex(c))
        })
    }

    /// The organizations above `id`, from its parent up to the root (empty
    /// for the root or an unknown id).
    pub fn ancestors(&self, id: &str) -> impl Iterator<Item = &PartyOrganization> {
        let mut at = self.index_of(id);
        std::iter::from_fn(move || {
            at = at.and_then(|i| self.parent_index(i));
            at.and_then(|i| self.org(i))
        })
    }

    /// `id` and every organization below it, in depth-first order (empty for
    /// an unknown id).
    pub fn subtree(&self, id: &str) -> std::slice::Iter<'_, PartyOrganization> {
        let range = self.index_of(id).map_or(0..0, |i| self.subtree_range(i));
        self.orgs.get(range).unwrap_or_default().iter()
    }

    /// The depth-first positions of `index`'s subtree: `index` itself first.
    #[must_use]
    pub fn subtree_range(&self, index: OrgIndex) -> std::ops::Range<usize> {
        self.nodes
            .get(index.get())
            .map_or(0..0, |n| index.get()..n.end as usize)
    }

    /// How far `id` is below the root (root = 0).
    #[must_use]
    pub fn depth(&self, id: &str) -> Option<usize> {
        self.index_of(id)
            .and_then(|i| self.nodes.get(i.get()))
            .map(|n| n.depth as usize)
    }

    /// Whether `id` lies in `ancestor`'s subtree, itself included. Constant
    /// time. `false` if either id is unknown.
    #[must_use]
    pub fn is_within(&self, id: &str, ancestor: &str) -> bool {
        match (self.index_of(id), self.index_of(ancestor)) {
            (Some(a), Some(b)) => self.is_within_index(a, b),
            _ => false,
        }
    }

    /// Whether `id` lies strictly below `ancestor`.
    #[must_use]
    pub fn is_strictly_within(&self, id: &str, ancestor: &str) -> bool {
        id != ancestor && self.is_within(id, ancestor)
    }

    /// Whether `index` lies in `ancestor`'s subtree, itself included.
    #[must_use]
    pub fn is_within_index(&self, index: OrgIndex, ancestor: OrgIndex) -> bool {
        self.subtree_range(ancestor).contains(&index.get())
    }

    /// Whether the organization at `index` has organizations under it.
    #[must_use]
    pub fn has_children(&self, index: OrgIndex) -> bool {
        self.nodes
            .get(index.get())
            .is_some_and(|n| n.child_count > 0)
    }
}

impl<'a> IntoIterator for &'a OrgTree {
    type Item = &'a PartyOrganization;
    type IntoIter = std::slice::Iter<'a, PartyOrganization>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl TryFrom<Vec<PartyOrganization>> for OrgTree {
    type Error = Error;
    fn try_from(orgs: Vec<PartyOrganization>) -> Result<Self, Error> {
        OrgTree::new(orgs)
    }
}

impl Serialize for OrgTree {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(&self.orgs)
    }
}

impl<'de> Deserialize<'de> for OrgTree {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let orgs = Vec::<PartyOrganization>::deserialize(d)?;
        OrgTree::new(orgs).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn fields(id: &str, parent: Option<&str>, level: OrgLevel) -> OrganizationFields {
        OrganizationFields {
            id: id.parse().unwrap(),
            parent: parent.map(|p| p.parse().unwrap()),
            level,
            name: format!("Tổ chức {id}"),
            established: day(1990, 1, 1),
            dissolved: None,
            successor: None,
        }
    }

    fn org(id: &str, parent: Option<&str>, level: OrgLevel) -> PartyOrganization {
        PartyOrganization::new(fields(id, parent, level)).unwrap()
    }

    fn tree_err(orgs: Vec<PartyOrganization>) -> String {
        OrgTree::new(orgs).unwrap_err().to_string()
    }

    use OrgLevel::*;

    #[test]
    fn level_codes_round_trip() {
        for l in OrgLevel::ALL {
            assert_eq!(l.code().parse::<OrgLevel>().unwrap(), l);
            assert_eq!(
                serde_json::to_string(&l).unwrap(),
                format!("\"{}\"", l.code())
            );
        }
        insta::assert_snapshot!("commune".parse::<OrgLevel>().unwrap_err(), @"unknown organization level code 'commune': expected one of central, provincial, district, grassroots, partial, cell");
    }

    #[test]
    fn level_order_table() {
        let allowed: Vec<String> = OrgLevel::ALL
            .iter()
            .flat_map(|p| p.child_levels().iter().map(move |c| format!("{p}>{c}")))
            .collect();
        assert_eq!(
            allowed,
            [
                "central>provincial",
                "central>grassroots",
                "provincial>district",
                "provincial>grassroots",
                "district>grassroots",
                "grassroots>partial",
                "grassroots>cell",
                "partial>cell"
            ]
        );
    }

    #[test]
    fn single_organization_rules() {
        let err = |f: OrganizationFields| PartyOrganization::new(f).unwrap_err().to_string();
        let mut f = fields("A", Some("P"), Cell);
        f.name = "  ".into();
        insta::assert_snapshot!(err(f), @"organization A: the name must not be blank");
        let mut f = fields("A", Some("P"), Cell);
        f.dissolved = Some(day(1989, 12, 31));
        insta::assert_snapshot!(err(f), @"organization A: dissolved on 1989-12-31, before it was established on 1990-01-01");
        let mut f = fields("A", Some("P"), Cell);
        f.successor = Some("B".parse().unwrap());
        insta::assert_snapshot!(err(f), @"organization A: names successor B but has no dissolution date; a successor only takes over a dissolved organization (docs/format.md)");
        insta::assert_snapshot!(err(fields("A", Some("A"), Cell)), @"organization A: names itself as its parent");
        let mut f = fields("A", Some("P"), Cell);
        f.dissolved = Some(day(2000, 1, 1));
        f.successor = Some("A".parse().unwrap());
        insta::assert_snapshot!(err(f), @"organization A: names itself as its successor");
        // Dissolved on the day it was established is allowed.
        let mut f = fields("A", Some("P"), Cell);
        f.dissolved = Some(day(1990, 1, 1));
        let o = PartyOrganization::new(f).unwrap();
        assert!(!o.existed_on(day(1990, 1, 1)));
    }

    #[test]
    fn existed_on_boundaries() {
        let mut f = fields("A", Some("P"), Cell);
        f.dissolved = Some(day(2020, 6, 30));
        let o = PartyOrganization::new(f).unwrap();
        assert!(!o.existed_on(day(1989, 12, 31)));
        assert!(o.existed_on(day(1990, 1, 1)));
        assert!(o.existed_on(day(2020, 6, 29)));
        assert!(!o.existed_on(day(2020, 6, 30)));
    }

    #[test]
    fn every_tree_problem_is_reported() {
        let mut dissolved = fields("G2", Some("D1"), Grassroots);
        dissolved.dissolved = Some(day(2000, 1, 1));
        dissolved.successor = Some("NOPE".parse().unwrap());
        let orgs = vec![
            org("TW", None, Central),
            org("P1", Some("TW"), Provincial),
            org("D1", Some("P1"), District),
            org("D1", Some("P1"), District),
            org("C1", Some("D1"), Cell),
            org("X", Some("MISSING"), Grassroots),
            org("K1", Some("K2"), Grassroots),
            org("K2", Some("K1"), Cell),
            org("R2", None, Provincial),
            PartyOrganization::new(dissolved).unwrap(),
        ];
        insta::assert_snapshot!(tree_err(orgs), @"
        invalid organization tree (6 problems):
        - organization id D1 is used 2 times; ids must be unique
        - organization C1 (cell) cannot be directly under D1 (district): only grassroots may be under a district
        - organization X names parent MISSING, which is not in the tree
        - organization K1 (grassroots) cannot be directly under K2 (cell): nothing may be under a cell
        - organization G2 names successor NOPE, which is not in the tree
        - organizations K1 → K2 → K1 form a parent cycle; the parent links must form a tree
        ");
    }

    #[test]
    fn a_forest_of_roots_of_any_level() {
        // Empty, a province alone, two units that merged: all valid.
        assert!(OrgTree::new(vec![]).unwrap().is_empty());
        let alone = OrgTree::new(vec![
            org("P", None, Provincial),
            org("D", Some("P"), District),
        ])
        .unwrap();
        assert_eq!(alone.root().unwrap().id().as_str(), "P");
        let two = OrgTree::new(vec![
            org("Q", None, Provincial),
            org("G", Some("Q"), Grassroots),
            org("P", None, Provincial),
            org("D", None, District),
        ])
        .unwrap();
        assert!(two.root().is_none());
        let roots: Vec<&str> = two.roots().map(|o| o.id().as_str()).collect();
        assert_eq!(roots, ["D", "P", "Q"]);
        // Depth-first, tree by tree: each subtree is a contiguous range.
        let order: Vec<&str> = two.iter().map(|o| o.id().as_str()).collect();
        assert_eq!(order, ["D", "P", "Q", "G"]);
        assert!(two.is_within("G", "Q") && !two.is_within("G", "P"));
        insta::assert_snapshot!(tree_err(vec![org("A", Some("B"), Central), org("B", Some("A"), Provincial)]), @"
        invalid organization tree (2 problems):
        - organization A (central) cannot be directly under B (provincial): only district or grassroots may be under a provincial
        - organizations A → B → A form a parent cycle; the parent links must form a tree
        ");
        insta::assert_snapshot!(tree_err(vec![org("TW", None, Central), org("C", Some("TW"), Cell), org("Z", Some("C"), Cell)]), @"
        invalid organization tree (2 problems):
        - organization C (cell) cannot be directly under TW (central): only provincial or grassroots may be under a central
        - organization Z (cell) cannot be directly under C (cell): nothing may be under a cell
        ");
    }

    #[test]
    fn queries() {
        let tree = OrgTree::new(vec![
            org("G2", Some("D"), Grassroots),
            org("C1", Some("G1"), Cell),
            org("TW", None, Central),
            org("P", Some("TW"), Provincial),
            org("D", Some("P"), District),
            org("G1", Some("D"), Grassroots),
            org("B1", Some("G1"), Partial),
            org("C2", Some("B1"), Cell),
            org("GD", Some("P"), Grassroots),
        ])
        .unwrap();
        let ids = |it: &mut dyn Iterator<Item = &PartyOrganization>| -> Vec<String> {
            it.map(|o| o.id().to_string()).collect()
        };
        assert_eq!(
            ids(&mut tree.iter()),
            ["TW", "P", "D", "G1", "B1", "C2", "C1", "G2", "GD"]
        );
        assert_eq!(tree.root().unwrap().id().as_str(), "TW");
        assert_eq!(ids(&mut tree.children("G1")), ["B1", "C1"]);
        assert_eq!(ids(&mut tree.children("P")), ["D", "GD"]);
        assert_eq!(ids(&mut tree.children("C1")), Vec::<String>::new());
        assert_eq!(ids(&mut tree.children("nope")), Vec::<String>::new());
        assert_eq!(ids(&mut tree.ancestors("C2")), ["B1", "G1", "D", "P", "TW"]);
        assert_eq!(ids(&mut tree.subtree("G1")), ["G1", "B1", "C2", "C1"]);
        assert_eq!(tree.parent("C2").unwrap().id().as_str(), "B1");
        assert!(tree.parent("TW").is_none());
        assert_eq!(tree.depth("TW"), Some(0));
        assert_eq!(tree.depth("C2"), Some(5));
        assert!(tree.is_within("C2", "D"));
        assert!(tree.is_within("D", "D"));
        assert!(!tree.is_strictly_within("D", "D"));
        assert!(!tree.is_within("GD", "D"));
        assert!(!tree.is_within("nope", "D"));
        let g1 = tree.index_of("G1").unwrap();
        assert!(tree.has_children(g1));
        assert_eq!(tree.subtree_range(g1), 3..7);
        assert_eq!(tree.len(), 9);
    }

    #[test]
    fn serde_round_trip_and_rejection() {
        let tree = OrgTree::new(vec![
            org("TW", None, Central),
            org("P", Some("TW"), Provincial),
        ])
        .unwrap();
        let json = serde_json::to_string(&tree).unwrap();
        assert_eq!(serde_json::from_str::<OrgTree>(&json).unwrap(), tree);
        let bad = json.replace("\"provincial\"", "\"cell\"");
        let err = serde_json::from_str::<OrgTree>(&bad)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("organization P (cell) cannot be directly under TW (central)"),
            "{err}"
        );
        let bad = json.replace("1990-01-01", "1990-02-30");
        assert!(serde_json::from_str::<OrgTree>(&bad).is_err());
        let mut f = fields("A", None, Central);
        f.successor = Some("B".parse().unwrap());
        let j = serde_json::to_string(&f).unwrap();
        let err = serde_json::from_str::<PartyOrganization>(&j)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("names successor B but has no dissolution date"),
            "{err}"
        );
    }
}
