//! Read-only views of loaded [`Columns`], for computations the library does
//! not provide.
//!
//! Each table is a set of parallel slices, one element per row, in file
//! order (members: by first occurrence). Organizations are positions in
//! [`Columns::tree`] ([`OrgIndex`]), so "is X within Y's subtree" is
//! [`OrgTree::is_within_index`](crate::OrgTree::is_within_index) and a
//! subtree is a contiguous range of positions
//! ([`OrgTree::subtree_range`](crate::OrgTree::subtree_range)). Members, inspections and discipline
//! actions are numbered by row; [`Ids`] turns a number into its id and back.

use chrono::NaiveDate;

use super::intern::Interner;
use super::load::{Columns, S_CONCLUDED, S_HANDLED, S_MEMBER, S_VIOLATION};
use crate::discipline::{DisciplineForm, DisciplineStatus};
use crate::indicator::IndicatorSet;
use crate::inspection::{BodyKind, OversightKind};
use crate::organization::OrgIndex;

/// The ids of one file, by row number.
#[derive(Debug, Clone, Copy)]
pub struct Ids<'a>(&'a Interner);

impl<'a> Ids<'a> {
    /// How many.
    #[must_use]
    pub fn len(self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.0.len() == 0
    }

    /// The id of row `row`.
    #[must_use]
    pub fn get(self, row: usize) -> Option<&'a str> {
        let row = u32::try_from(row)
            .ok()
            .filter(|&r| (r as usize) < self.0.len())?;
        std::str::from_utf8(self.0.key(row)).ok()
    }

    /// The row of `id`.
    #[must_use]
    pub fn find(self, id: &str) -> Option<usize> {
        self.0.get(id.as_bytes()).map(|r| r as usize)
    }
}

/// The members (members.csv), one element per member.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct MemberColumns<'a> {
    /// Their ids.
    pub ids: Ids<'a>,
    /// The organization each is active in.
    pub org: &'a [OrgIndex],
    /// Admission.
    pub admitted: &'a [NaiveDate],
    /// Recognition as an official member, if any.
    pub official: &'a [Option<NaiveDate>],
    /// Leaving, if any.
    pub left: &'a [Option<NaiveDate>],
}

/// The inspections and supervisions (oversight.csv), one element per row.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct OversightColumns<'a> {
    /// Their ids.
    pub ids: Ids<'a>,
    /// Activity and kind.
    pub kind: &'a [OversightKind],
    /// Committee or commission.
    pub body_kind: &'a [BodyKind],
    /// The organization whose body acts.
    pub body_org: &'a [OrgIndex],
    /// The day it started (it counts in the period of this day).
    pub started: &'a [NaiveDate],
    /// The day it was concluded, if it was.
    pub concluded: &'a [Option<NaiveDate>],
}

/// Whom a subject row names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectRef {
    /// An organization, by tree position.
    Organization(OrgIndex),
    /// A member, by member number (see [`MemberColumns`]).
    Member(usize),
}

/// The subjects (oversight_subjects.csv), one element per row.
#[derive(Debug, Clone, Copy)]
pub struct SubjectColumns<'a> {
    columns: &'a Columns,
}

impl<'a> SubjectColumns<'a> {
    /// How many subject rows.
    #[must_use]
    pub fn len(self) -> usize {
        self.columns.subj_oversight.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The inspection or supervision of each row, by its row in
    /// [`OversightColumns`].
    #[must_use]
    pub fn oversight(self) -> &'a [u32] {
        &self.columns.subj_oversight
    }

    /// Whom row `row` names.
    #[must_use]
    pub fn subject(self, row: usize) -> Option<SubjectRef> {
        let c = self.columns;
        let target = *c.subj_target.get(row)?;
        let flags = *c.subj_flags.get(row)?;
        Some(if flags & S_MEMBER != 0 {
            SubjectRef::Member(target as usize)
        } else {
            SubjectRef::Organization(OrgIndex(target))
        })
    }

    /// The conclusion of row `row`: `None` while not concluded, else
    /// whether a violation was found.
    #[must_use]
    pub fn violation(self, row: usize) -> Option<bool> {
        let flags = *self.columns.subj_flags.get(row)?;
        (flags & S_CONCLUDED != 0).then_some(flags & S_VIOLATION != 0)
    }

    /// Whether row `row`'s violation was handled.
    #[must_use]
    pub fn handled(self, row: usize) -> bool {
        self.columns
            .subj_flags
            .get(row)
            .is_some_and(|f| f & S_HANDLED != 0)
    }

    /// The handling dates, where [`LoadOptions::model`](super::LoadOptions::model)
    /// kept them (empty otherwise).
    #[must_use]
    pub fn handled_on(self) -> &'a [Option<NaiveDate>] {
        &self.columns.subj_handled
    }

    /// The indicators found, where [`LoadOptions::model`](super::LoadOptions::model)
    /// kept them (empty otherwise).
    #[must_use]
    pub fn indicators(self) -> &'a [IndicatorSet] {
        &self.columns.subj_indicators
    }
}

/// The discipline actions (discipline.csv), one element per row.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct DisciplineColumns<'a> {
    /// Their ids.
    pub ids: Ids<'a>,
    /// Whether the subject is a member (else an organization).
    pub member_subject: &'a [bool],
    /// The subject: a member number when `member_subject`, else a tree
    /// position (see [`Self::subject`]).
    pub subject_raw: &'a [u32],
    /// The form.
    pub form: &'a [DisciplineForm],
    /// Proposed or decided.
    pub status: &'a [DisciplineStatus],
    /// Committee or commission.
    pub body_kind: &'a [BodyKind],
    /// The organization whose body proposes or decides.
    pub body_org: &'a [OrgIndex],
    /// The day of the violation.
    pub violation_date: &'a [NaiveDate],
    /// The day of the proposal or decision.
    pub date: &'a [NaiveDate],
}

impl DisciplineColumns<'_> {
    /// Whom row `row` disciplines.
    #[must_use]
    pub fn subject(&self, row: usize) -> Option<SubjectRef> {
        let raw = *self.subject_raw.get(row)?;
        Some(if *self.member_subject.get(row)? {
            SubjectRef::Member(raw as usize)
        } else {
            SubjectRef::Organization(OrgIndex(raw))
        })
    }
}

impl Columns {
    /// The members, as parallel slices.
    #[must_use]
    pub fn member_columns(&self) -> MemberColumns<'_> {
        MemberColumns {
            ids: Ids(&self.member_ids),
            org: &self.member_org,
            admitted: &self.admitted,
            official: &self.official,
            left: &self.left,
        }
    }

    /// The inspections and supervisions, as parallel slices.
    #[must_use]
    pub fn oversight_columns(&self) -> OversightColumns<'_> {
        OversightColumns {
            ids: Ids(&self.oversight_ids),
            kind: &self.kind,
            body_kind: &self.body_kind,
            body_org: &self.body_pos,
            started: &self.started,
            concluded: &self.concluded,
        }
    }

    /// The subjects of the inspections and supervisions.
    #[must_use]
    pub fn subject_columns(&self) -> SubjectColumns<'_> {
        SubjectColumns { columns: self }
    }

    /// The discipline actions, as parallel slices.
    #[must_use]
    pub fn discipline_columns(&self) -> DisciplineColumns<'_> {
        DisciplineColumns {
            ids: Ids(&self.disc_ids),
            member_subject: &self.disc_member,
            subject_raw: &self.disc_subject,
            form: &self.disc_form,
            status: &self.disc_status,
            body_kind: &self.disc_body_kind,
            body_org: &self.disc_body_pos,
            violation_date: &self.disc_violation,
            date: &self.disc_date,
        }
    }
}
