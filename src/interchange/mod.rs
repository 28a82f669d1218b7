//! The oversight interchange format (CSV, version 1): reading a dataset
//! folder into the validated model, writing it back, and the roll-up report
//! of REPORT.md.
//!
//! A dataset is a folder of five UTF-8 CSV files with a header row, RFC 4180
//! quoting and ISO 8601 dates: `organizations.csv`, `members.csv`,
//! `oversight.csv`, `oversight_subjects.csv` and `discipline.csv` (see
//! [`FILES`]). Every rule of the format is checked; nothing is dropped or
//! fixed. Each problem is reported as a [`Problem`] located by file, line
//! and column, printed as `<file>:<line>: <column>: <message>`, and a
//! reader reports **every** problem it finds, in every file.
//!
//! Two ways in:
//!
//! - [`read_dataset`] gives the typed model ([`Dataset`]: an
//!   [`OrgTree`](crate::OrgTree), a [`Roster`](crate::Roster), an
//!   [`OversightRegister`](crate::OversightRegister) and the
//!   [`DisciplineAction`](crate::DisciplineAction)s), which [`write_dataset`]
//!   writes back byte-stably;
//! - [`load`] gives validated columns ([`Columns`]): dense integer indices
//!   instead of ids, no per-row allocation, the two processor cores used
//!   where it pays. It is what [`RollupReport`] runs on at national scale
//!   (about 275,000 organizations, 6 million members and 7 million subjects).
//!
//! Both apply the same rules; the typed model's constructors and this
//! reader call the same rule functions, so the messages agree.

mod csvio;
mod intern;
mod load;
mod par;
mod report;
mod write;

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use load::{Columns, LoadOptions, LoadProgress, load};
pub use report::{RollupReport, RollupRow, TermRow, TermStatus};
pub use write::write_dataset;

use crate::discipline::DisciplineAction;
use crate::error::{Error, ErrorKind};
use crate::inspection::OversightRegister;
use crate::member::Roster;
use crate::organization::OrgTree;

/// The files of a dataset, in the order they are read and reported.
pub const FILES: [&str; 5] = [
    "organizations.csv",
    "members.csv",
    "oversight.csv",
    "oversight_subjects.csv",
    "discipline.csv",
];

/// One problem found in a dataset, located by file, line and column.
///
/// `line` is the physical 1-based line number (the header is line 1); it is
/// absent for a problem with a whole file (it cannot be read). `column` is
/// the column's header name, or `*` for the whole row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Problem {
    /// The file's base name, e.g. `members.csv`.
    pub file: String,
    /// The physical line, 1-based.
    pub line: Option<u64>,
    /// The column, or `*` for the whole row.
    pub column: String,
    /// What is wrong, naming the value and the rule.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(
        file: &str,
        line: Option<u64>,
        column: &str,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.to_owned(),
            line,
            column: column.to_owned(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}: {}", self.file, self.column, self.message),
            None => write!(f, "{}: {}: {}", self.file, self.column, self.message),
        }
    }
}

/// Sorts problems by file (in [`FILES`] order), then line, and wraps them in
/// an error.
pub(crate) fn problems_error(mut problems: Vec<Problem>) -> Error {
    let rank = |f: &str| FILES.iter().position(|x| *x == f).unwrap_or(FILES.len());
    problems.sort_by(|a, b| {
        rank(&a.file)
            .cmp(&rank(&b.file))
            .then(a.line.cmp(&b.line))
            .then_with(|| a.column.cmp(&b.column))
    });
    problems.dedup();
    ErrorKind::Dataset(problems).into()
}

/// A dataset in the typed model: valid as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    tree: OrgTree,
    roster: Roster,
    oversight: OversightRegister,
    discipline: Vec<DisciplineAction>,
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
        }
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
