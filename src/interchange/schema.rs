//! The files of the format and their columns, declared once for the reader
//! and the writer (see [the interchange format](crate::spec::format)).

/// One file of a dataset: its name and its columns, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileSchema {
    /// The file's name, e.g. `members.csv`.
    pub name: &'static str,
    /// Its header: the columns in order.
    pub columns: &'static [&'static str],
    /// The optional columns that may follow them, in any order, each once
    /// ([the interchange format](crate::spec::format), "Optional
    /// columns").
    pub optional: &'static [&'static str],
}

/// The optional columns of oversight_subjects.csv and discipline.csv.
pub const CATEGORY_COLUMNS: &[&str] = &["committee_member", "content"];

impl FileSchema {
    /// The header row, with its line end.
    #[must_use]
    pub fn header(self) -> String {
        let mut out = self.columns.join(",");
        out.push('\n');
        out
    }

    /// The header row with the optional columns `extra` after the others.
    #[must_use]
    pub fn header_with(self, extra: &[&str]) -> String {
        let mut out = self.columns.join(",");
        for e in extra {
            out.push(',');
            out.push_str(e);
        }
        out.push('\n');
        out
    }
}

/// organizations.csv.
pub const ORGANIZATIONS: FileSchema = FileSchema {
    name: "organizations.csv",
    columns: &[
        "id",
        "parent_id",
        "level",
        "name",
        "established",
        "dissolved",
        "successor_id",
    ],
    optional: &[],
};

/// members.csv.
pub const MEMBERS: FileSchema = FileSchema {
    name: "members.csv",
    columns: &[
        "id",
        "org_id",
        "full_name",
        "admitted",
        "official",
        "left",
        "left_reason",
    ],
    optional: &[],
};

/// oversight.csv.
pub const OVERSIGHT: FileSchema = FileSchema {
    name: "oversight.csv",
    columns: &[
        "id",
        "activity",
        "kind",
        "body",
        "body_org_id",
        "started",
        "concluded",
    ],
    optional: &[],
};

/// oversight_subjects.csv.
pub const SUBJECTS: FileSchema = FileSchema {
    name: "oversight_subjects.csv",
    columns: &[
        "oversight_id",
        "subject_type",
        "subject_id",
        "violation",
        "indicators",
        "handled",
    ],
    optional: CATEGORY_COLUMNS,
};

/// discipline.csv.
pub const DISCIPLINE: FileSchema = FileSchema {
    name: "discipline.csv",
    columns: &[
        "id",
        "subject_type",
        "subject_id",
        "form",
        "status",
        "body",
        "body_org_id",
        "violation_date",
        "date",
        "oversight_id",
    ],
    optional: CATEGORY_COLUMNS,
};

/// org_moves.csv (format version 2): an organization moves under another
/// parent.
pub const ORG_MOVES: FileSchema = FileSchema {
    name: "org_moves.csv",
    columns: &["org_id", "date", "parent_id"],
    optional: &[],
};

/// org_lineage.csv (format version 2): who took over from a dissolved
/// organization, with weights.
pub const ORG_LINEAGE: FileSchema = FileSchema {
    name: "org_lineage.csv",
    columns: &["predecessor_id", "successor_id", "weight"],
    optional: &[],
};

/// member_moves.csv (format version 2): a member moves to another
/// organization (chuyển sinh hoạt đảng).
pub const MEMBER_MOVES: FileSchema = FileSchema {
    name: "member_moves.csv",
    columns: &["member_id", "date", "org_id"],
    optional: &[],
};

/// The files every dataset has (format version 1), in the order they are
/// read.
pub const SCHEMA: [FileSchema; 5] = [ORGANIZATIONS, MEMBERS, OVERSIGHT, SUBJECTS, DISCIPLINE];

/// The optional files of format version 2: a dataset without them reads as
/// version 1.
pub const SCHEMA_V2: [FileSchema; 3] = [ORG_MOVES, ORG_LINEAGE, MEMBER_MOVES];
