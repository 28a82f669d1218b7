//! The rules of the model and of the interchange format, as a typed list.
//!
//! Every [`Problem`](crate::interchange::Problem) a reader reports carries
//! the [`Rule`] it breaks beside its message, so that a program can filter
//! problems without matching text; the same rules checked in memory by the
//! constructors give the typed problems of [`crate::organization`],
//! [`crate::member`], [`crate::inspection`] and [`crate::discipline`], each
//! of which maps onto a `Rule` with its `rule()` method.
//!
//! The variants of [`Rule`] are the one table of every rule; for programs,
//! [`Rule::ALL`], [`Rule::code`] (its serde and text form, e.g.
//! `parent_cycle`) and [`Rule::requirement`] (what it requires, in a
//! sentence) give the same table, from the same declaration.

macro_rules! rules {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, $what:literal; )+) => {
        /// A rule of the model or of the interchange format; see the
        /// [module documentation](self) for the table.
        ///
        /// New rules may be added in minor releases, so match with a
        /// wildcard arm.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[$doc])* $variant, )+
        }

        impl Rule {
            /// Every rule, in the table's order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),+];

            /// The rule's code, e.g. `parent_cycle`.
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code,)+ }
            }

            /// What the rule requires, in one sentence.
            #[must_use]
            pub const fn requirement(self) -> &'static str {
                match self { $(Rule::$variant => $what,)+ }
            }
        }
    };
}

rules! {
    // The file and its records.
    /// The file can be read.
    FileUnreadable => "file_unreadable", "every file of the dataset exists and can be read";
    /// The file starts with a header row.
    MissingHeader => "missing_header", "a file starts with its header row";
    /// The header names the file's columns, in order.
    WrongHeader => "wrong_header", "the header names exactly the file's columns, in order";
    /// RFC 4180 quoting.
    Quoting => "quoting", "a field is unquoted and free of quotes, or quoted whole with inner quotes doubled";
    /// Line ends.
    LineEnd => "line_end", "lines end with LF or CR LF, never a bare CR";
    /// No blank lines.
    BlankLine => "blank_line", "every line is the header or a record; blank lines are not allowed";
    /// UTF-8 text.
    Utf8 => "utf8", "the text is UTF-8";
    /// One field per column.
    FieldCount => "field_count", "a record has one field per column";

    // Values.
    /// Ids: 1 to 64 characters, no control character.
    InvalidId => "invalid_id", "an id has 1 to 64 characters and no control character";
    /// Ids are unique within their file.
    DuplicateId => "duplicate_id", "an id is used once in its file";
    /// Codes come from their code list.
    UnknownCode => "unknown_code", "a code is one of its list";
    /// Dates are calendar days written YYYY-MM-DD.
    InvalidDate => "invalid_date", "a date is a calendar day written YYYY-MM-DD";
    /// Flags are true, false or empty.
    InvalidFlag => "invalid_flag", "a flag is true, false or (where allowed) empty";
    /// Indicator sets are `;`-separated codes of the 27.
    InvalidIndicators => "invalid_indicators", "indicators are codes of the 27, separated by ';', each once";
    /// Names are not blank.
    BlankText => "blank_text", "a name is not blank (white space only counts as blank)";
    /// References name a record of the file they point into.
    UnknownReference => "unknown_reference", "a reference names a record of the file it points into";
    /// There are not more records than the reader can index.
    TooManyRecords => "too_many_records", "a file holds at most 4,294,967,294 records";

    // Organizations and the tree.
    /// An organization is not dissolved before it is established.
    DissolvedBeforeEstablished => "dissolved_before_established", "an organization is dissolved on or after the day it is established";
    /// A successor only for a dissolved organization.
    SuccessorWithoutDissolution => "successor_without_dissolution", "only a dissolved organization names a successor";
    /// Not its own parent.
    OwnParent => "own_parent", "an organization is not its own parent";
    /// Not its own successor.
    OwnSuccessor => "own_successor", "an organization is not its own successor";
    /// Parent links are acyclic.
    ParentCycle => "parent_cycle", "the parent links form a tree, without cycles";
    /// Levels nest in their order.
    LevelOrder => "level_order", "an organization sits directly under a level that may hold its level";
    /// A lineage weight is a whole number of at least 1 (format version 2).
    InvalidWeight => "invalid_weight", "a lineage weight is a whole number from 1 to 4294967295";
    /// A move under another parent (format version 2).
    OrgMove => "org_move", "an organization moves on a day it exists (after it is established), once a day, under another existing parent that may hold its level, without making a cycle";
    /// Parents exist (format version 2).
    ParentExists => "parent_exists", "an organization that exists on a day has a parent of that day that exists too (or is a root)";
    /// Lineage (format version 2).
    Lineage => "lineage", "a predecessor is dissolved, its successors exist on that day, each pair once, with a weight of at least 1";
    /// A member's move (format version 2).
    MemberMove => "member_move", "a member moves on a day of membership after admission, once a day, to another existing organization that holds members";

    // Members.
    /// Members belong to a grassroots, partial or cell organization.
    MemberOrgLevel => "member_org_level", "a member belongs to a grassroots, partial or cell organization";
    /// Recognition no earlier than the end of probation.
    OfficialBeforeProbationEnds => "official_before_probation_ends", "a member is recognised official no earlier than 12 months after admission (Party Charter, Article 5)";
    /// An admission date whose probation can be computed.
    AdmissionOutOfRange => "admission_out_of_range", "an admission date lies where its probation can be computed";
    /// Leaving not before admission.
    LeftBeforeAdmitted => "left_before_admitted", "a member leaves on or after admission";
    /// Recognition not after leaving.
    OfficialAfterLeaving => "official_after_leaving", "a member is recognised official before leaving, if at all";
    /// A leaving date has a reason, and a reason a date.
    LeavingReason => "leaving_reason", "a leaving date comes with its reason, and a reason with its date";
    /// Only official members are expelled.
    ProbationaryExpelled => "probationary_expelled", "only an official member can be expelled (Party Charter, Article 35)";

    // Inspections and supervisions.
    /// Concluded on or after the start.
    ConcludedBeforeStarted => "concluded_before_started", "an inspection is concluded on or after the day it starts";
    /// Handled on or after the start.
    HandledBeforeStarted => "handled_before_started", "a violation is handled on or after the day its inspection starts";
    /// A subject once per inspection.
    DuplicateSubject => "duplicate_subject", "a subject appears once per inspection";
    /// A conclusion on each subject exactly when the inspection is concluded.
    Conclusion => "conclusion", "a subject has a conclusion (violation true or false) exactly when its inspection is concluded";
    /// Indicators and handling dates only with a violation.
    FindingWithoutViolation => "finding_without_violation", "indicators and a handling date are given only with violation = true";
    /// A content category only with a violation.
    ContentWithoutViolation => "content_without_violation", "a content category is given only where a violation is recorded";
    /// A content category of the subject's own list.
    ContentSide => "content_side", "a content category is one of the subject's own list: 11 for members, 7 for organizations";
    /// Committee membership only for a member.
    CommitteeMemberSide => "committee_member_side", "committee membership (cấp ủy viên) is given only for a member subject";
    /// Escalation only from a supervision into an inspection.
    Escalation => "escalation", "only an inspection is escalated, from an existing supervision of the same body";
    /// The body's organization is at grassroots level or above.
    BodyBelowGrassroots => "body_below_grassroots", "a body belongs to an organization at grassroots level or above";
    /// A commission only where there is one.
    NoCommission => "no_commission", "an inspection commission acts only where one exists: at a đảng ủy cơ sở and above";
    /// The body's organization exists on the day.
    BodyNotExisting => "body_not_existing", "a body's organization exists on the day it acts";
    /// Subjects lie under the body.
    SubjectOutsideBody => "subject_outside_body", "a subject lies in the subtree of the body's organization";
    /// Subjects exist on the day.
    SubjectNotExisting => "subject_not_existing", "a subject exists (is established, or a member) on the day";

    // Discipline.
    /// Decided on or after the violation.
    DecisionBeforeViolation => "decision_before_violation", "a discipline action is dated on or after the violation";
    /// Forms fit the subject.
    FormNotAllowed => "form_not_allowed", "the form is one the subject may receive on the day (Party Charter, Article 35)";
    /// Removal from office only for a member holding a post.
    NoPostToRemove => "no_post_to_remove", "removal from office is only for a member who holds a post";
    /// The diplomas exception is for members.
    ExceptionNotForOrganizations => "exception_not_for_organizations", "the illegal-diplomas exception applies to members only";
    /// No discipline by a partial organization.
    PartialBody => "partial_body", "a đảng bộ bộ phận does not decide discipline";
    /// A chi bộ decides reprimand or warning only.
    CellLimit => "cell_limit", "a chi bộ decides only reprimand or warning for its members (Party Charter, Article 36)";
    /// One violation, one form.
    SecondForm => "second_form", "one violation receives one form";

    // What could not be checked.
    /// A check that could not run because of another problem.
    NotChecked => "not_checked", "every check runs; where one cannot, because of a broken record, that is said";
    /// Problems beyond the number kept.
    MoreProblems => "more_problems", "the problems beyond the number kept are counted";
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Rule {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.code() == s)
            .ok_or_else(|| {
                crate::ErrorKind::UnknownCode {
                    what: "rule",
                    value: s.to_owned(),
                    expected: &RULE_CODES,
                }
                .into()
            })
    }
}

const RULE_CODES: [&str; Rule::ALL.len()] = {
    let mut codes = [""; Rule::ALL.len()];
    let mut i = 0;
    while i < Rule::ALL.len() {
        codes[i] = Rule::ALL[i].code();
        i += 1;
    }
    codes
};

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_read_back() {
        let mut codes: Vec<_> = Rule::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Rule::ALL.len());
        for &r in Rule::ALL {
            assert_eq!(r.code().parse::<Rule>().unwrap(), r);
            assert!(!r.requirement().is_empty());
        }
        insta::assert_snapshot!("x".parse::<Rule>().unwrap_err().to_string().len() > 100, @"true");
    }
}
