//! The oversight interchange format (CSV, version 1): reading a dataset
//! folder into the validated model, writing it back, and the roll-up report
//! of [the roll-up report](crate::spec::report).
//!
//! A dataset is a folder of five UTF-8 CSV files with a header row, RFC 4180
//! quoting and ISO 8601 dates: `organizations.csv`, `members.csv`,
//! `oversight.csv`, `oversight_subjects.csv` and `discipline.csv` (see
//! [`FILES`]). Every rule of the format is checked; nothing is dropped or
//! fixed. Each problem is reported as a [`Problem`] located by file, line
//! and column, with the typed [`Rule`] it breaks, printed as
//! `<file>:<line>: <column>: <message>`, and a reader reports **every**
//! problem it finds, in every file:
//!
//! - Records: LF or CR LF line ends (a bare CR is refused), strict RFC 4180
//!   quoting, UTF-8, one field per column, no blank lines; a broken record
//!   is one problem, on its own line.
//! - A broken row does not stop the checks of the others: the rules that
//!   do not need it still run (the tree's checks run on the part of the
//!   tree that no broken organization touches), and each check that cannot
//!   run is said once, on the row to blame, with the number of rows of each
//!   file it kept from being checked ([`Rule::NotChecked`]).
//! - Values in messages are quoted with control characters escaped and cut
//!   to a readable length ([`crate::quoted`]); a problem that involves many
//!   rows is written out once and pointed to from the others.
//! - The first [`MAX_PROBLEMS`] problems in report order are kept and the
//!   rest counted ([`LoadOptions::max_problems`]), so memory stays bounded.
//!
//! Two ways in:
//!
//! - [`read_dataset`] gives the typed model ([`Dataset`]: an
//!   [`OrgTree`], a [`Roster`], an [`OversightRegister`] and the
//!   [`DisciplineAction`]s), which [`write_dataset`]
//!   writes back byte-stably;
//! - [`load`] gives validated columns ([`Columns`]): dense integer indices
//!   instead of ids, no per-row allocation, the two processor cores used
//!   where it pays. [`Columns::engine`] borrows them as
//!   [the counting engine](crate::engine), which gives [`RollupReport`] and
//!   any typed report ([`OversightReport`](crate::OversightReport)) at
//!   national scale (about 275,000 organizations, 6 million members and 7
//!   million subjects) without building the typed model.
//!
//! Both apply the same rules; the typed model's constructors and this
//! reader call the same rule functions, so the messages agree.

mod csvio;
mod intern;
mod load;
mod par;
mod report;
pub mod schema;
mod view;
mod write;

use std::path::Path;

pub use load::{Columns, DEFAULT_BLOCK, LoadOptions, LoadProgress, load};
pub use report::{PeriodRollup, RollupReport, RollupRow, TermRow, TermStatus};
pub use view::{
    DisciplineColumns, Ids, MemberColumns, OversightColumns, SubjectColumns, SubjectRef,
};
pub use write::write_dataset;

use crate::discipline::DisciplineAction;
use crate::error::{Error, ErrorKind};
use crate::inspection::OversightRegister;
use crate::member::Roster;
use crate::organization::OrgTree;
pub use crate::problem::Problem;
pub use crate::rule::Rule;

/// The files every dataset has (format version 1).
pub const FILES: [&str; 5] = [
    schema::ORGANIZATIONS.name,
    schema::MEMBERS.name,
    schema::OVERSIGHT.name,
    schema::SUBJECTS.name,
    schema::DISCIPLINE.name,
];

/// The optional files of format version 2 (the organization over time).
pub const VERSION_2_FILES: [&str; 3] = [
    schema::ORG_MOVES.name,
    schema::ORG_LINEAGE.name,
    schema::MEMBER_MOVES.name,
];

/// Every file in the order problems are reported: each version 2 file
/// after the one it extends.
pub const REPORT_ORDER: [&str; 8] = [
    schema::ORGANIZATIONS.name,
    schema::ORG_MOVES.name,
    schema::ORG_LINEAGE.name,
    schema::MEMBERS.name,
    schema::MEMBER_MOVES.name,
    schema::OVERSIGHT.name,
    schema::SUBJECTS.name,
    schema::DISCIPLINE.name,
];

/// A problem in report order: by file (in [`REPORT_ORDER`]), line, the
/// problem itself before what it kept from being checked, column, message
/// and rule.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ranked(Problem);

impl Ranked {
    fn key(&self) -> (usize, &str, u64, bool, &str, &str, Rule) {
        let p = &self.0;
        let rank = REPORT_ORDER
            .iter()
            .position(|x| *x == p.file)
            .map_or(REPORT_ORDER.len(), |i| i);
        let consequence = matches!(p.rule, Rule::NotChecked | Rule::MoreProblems);
        (
            rank,
            &p.file,
            p.line,
            consequence,
            &p.column,
            &p.message,
            p.rule,
        )
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// How many problems a reader keeps by default; the rest are counted (see
/// [`LoadOptions::max_problems`]).
pub const MAX_PROBLEMS: usize = 10_000;

/// Where a reader puts its problems: it keeps the first `limit` in report
/// order and counts the rest, so that memory stays bounded however broken a
/// dataset is, and the problems kept do not depend on the order the threads
/// found them in.
#[derive(Debug, Clone)]
pub(crate) struct Sink {
    kept: std::collections::BinaryHeap<Ranked>,
    limit: usize,
    dropped: u64,
}

impl Default for Sink {
    fn default() -> Self {
        Sink::new(MAX_PROBLEMS)
    }
}

impl Sink {
    pub(crate) fn new(limit: usize) -> Self {
        Sink {
            kept: std::collections::BinaryHeap::new(),
            limit: limit.max(1),
            dropped: 0,
        }
    }

    pub(crate) fn push(&mut self, p: Problem) {
        let p = Ranked(p);
        if self.kept.len() < self.limit {
            self.kept.push(p);
            return;
        }
        self.dropped += 1;
        if let Some(mut top) = self.kept.peek_mut()
            && p < *top
        {
            *top = p;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    pub(crate) fn append(&mut self, other: Sink) {
        self.dropped += other.dropped;
        for p in other.kept {
            self.push(p.0);
        }
    }

    /// The problems in report order, with a last one that counts the rest.
    pub(crate) fn into_sorted(self) -> Vec<Problem> {
        let mut out: Vec<Problem> = self
            .kept
            .into_sorted_vec()
            .into_iter()
            .map(|r| r.0)
            .collect();
        out.dedup();
        if self.dropped > 0 {
            let last = out.last().map_or(1, |p| p.line);
            let file = out.last().map_or(FILES[0], |p| p.file.as_str()).to_owned();
            out.push(Problem {
                file,
                line: last,
                column: "*".into(),
                rule: Rule::MoreProblems,
                message: format!(
                    "and {} more problem{} not listed (only the first {} are kept)",
                    self.dropped,
                    if self.dropped == 1 { "" } else { "s" },
                    self.limit
                ),
            });
        }
        out
    }
}

/// Wraps the problems of a sink, sorted, in an error.
pub(crate) fn problems_error(problems: Sink) -> Error {
    ErrorKind::Dataset(problems.into_sorted()).into()
}

/// A dataset in the typed model: valid as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    tree: OrgTree,
    roster: Roster,
    oversight: OversightRegister,
    discipline: Vec<DisciplineAction>,
    history: Option<crate::History<'static>>,
}

impl Dataset {
    /// Puts validated parts together. The register and the actions must
    /// have been validated against this tree and roster (their constructors
    /// take them).
    #[must_use]
    pub fn new(
        tree: OrgTree,
        roster: Roster,
        oversight: OversightRegister,
        discipline: Vec<DisciplineAction>,
    ) -> Self {
        Dataset {
            tree,
            roster,
            oversight,
            discipline,
            history: None,
        }
    }

    /// With the organization over time (format version 2): the moves,
    /// lineage and members' moves, checked against this dataset's tree and
    /// roster ([`History::new`](crate::History::new)). The records must
    /// hold on the structure of their day: build the register with
    /// [`OversightRegister::on_history`] on the same history to check
    /// that.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::History`] listing every problem.
    pub fn with_history(
        mut self,
        moves: &[crate::OrgMove],
        lineage: &[crate::LineageLink],
        member_moves: &[crate::MemberMove],
    ) -> Result<Self, Error> {
        let history = crate::History::new(&self.tree, &self.roster, moves, lineage, member_moves)?
            .into_owned();
        self.history = Some(history);
        Ok(self)
    }

    /// The organization over time, for a dataset of format version 2.
    #[must_use]
    pub fn history(&self) -> Option<&crate::History<'static>> {
        self.history.as_ref()
    }

    /// The organizations.
    #[must_use]
    pub fn tree(&self) -> &OrgTree {
        &self.tree
    }

    /// The members.
    #[must_use]
    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    /// The inspections and supervisions.
    #[must_use]
    pub fn oversight(&self) -> &OversightRegister {
        &self.oversight
    }

    /// The discipline actions, in file order.
    #[must_use]
    pub fn discipline(&self) -> &[DisciplineAction] {
        &self.discipline
    }

    /// The records of the dataset, for roll-ups and reports
    /// ([`Rollup`](crate::Rollup), [`OversightReport`](crate::OversightReport));
    /// the format holds no assessments or briefings, so add them with
    /// [`Records::with_assessments`](crate::Records::with_assessments) and
    /// [`Records::with_briefings`](crate::Records::with_briefings) where the
    /// caller has them.
    #[must_use]
    pub fn records(&self) -> crate::Records<'_> {
        let records = crate::Records::of(&self.tree, &self.roster, &self.oversight)
            .with_discipline(&self.discipline);
        match &self.history {
            // Checked against this very tree and roster when it was added.
            Some(h) => records.with_checked_history(h),
            None => records,
        }
    }
}

/// Reads and validates the dataset in `dir` into the typed model.
///
/// # Errors
///
/// [`ErrorKind::Dataset`] with every [`Problem`] found (see
/// [`Error::problems`](crate::Error::problems)).
///
/// # Examples
///
/// ```no_run
/// let dataset = party_oversight::interchange::read_dataset("data/bac_me".as_ref());
/// match dataset {
///     Ok(d) => println!("{} organizations", d.tree().len()),
///     Err(e) => {
///         for p in e.problems() {
///             eprintln!("{p}");
///         }
///     }
/// }
/// ```
pub fn read_dataset(dir: &Path) -> Result<Dataset, Error> {
    load(dir, LoadOptions::default().model(true))?.into_dataset()
}
