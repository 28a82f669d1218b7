//! One located problem of a data file: file, line, column, the typed
//! [`Rule`] and a message. A leaf of the crate: readers produce problems,
//! [`Error`](crate::Error) carries them.

use std::fmt;

use serde::Serialize;

use crate::rule::Rule;

/// One problem found in a dataset, located by file, line and column, with
/// the [`Rule`] it breaks.
///
/// `line` is the physical 1-based line number (the header is line 1): the
/// line of the record to blame, or of the header (line 1) where no record
/// is, as for a file that cannot be read. `column` is the column's header
/// name, or `*` for the whole record.
///
/// Serialize only: a problem is a reader's finding, to be found again by
/// reading the data again rather than read back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Problem {
    /// The file's base name, e.g. `members.csv`.
    pub file: String,
    /// The physical line, 1-based.
    pub line: u64,
    /// The column, or `*` for the whole record.
    pub column: String,
    /// The rule broken.
    pub rule: Rule,
    /// What is wrong, naming the value and the rule.
    pub message: String,
}

impl Problem {
    /// A problem of `file` on `line`, in `column`, breaking `rule`.
    #[must_use]
    pub fn new(
        file: &str,
        line: u64,
        column: &str,
        rule: Rule,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.to_owned(),
            line,
            column: column.to_owned(),
            rule,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}
