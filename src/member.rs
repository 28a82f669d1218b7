//! Party members: admission, probation, recognition and leaving.
//!
//! A person admitted to the Party (kết nạp) is a probationary member (đảng
//! viên dự bị) for twelve months, counted from admission (Party Charter 2011,
//! Article 5.1). A member who then qualifies is recognised as an official
//! member (đảng viên chính thức), at the earliest at the end of those twelve
//! months (Article 5; QĐ 24-QĐ/TW 2021 §4). Membership ends by name removal
//! (xóa tên, an administrative act and **never** a discipline form; Charter
//! Article 8, QĐ 29-QĐ/TW §8.1), expulsion (khai trừ, the heaviest discipline
//! form, which a probationary member cannot receive: Charter Article 35), by
//! resignation or by death.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::id::{MemberId, OrgId};
use crate::organization::{OrgLevel, OrgTree};
use crate::rule::Rule;

/// The length of probation: twelve calendar months (Party Charter 2011,
/// Article 5.1).
pub const PROBATION_MONTHS: u32 = 12;

/// The first day on which a member admitted on `admitted` may be official:
/// `admitted` + 12 calendar months, a day missing in the target month
/// clamping to that month's last day (2016-02-29 → 2017-02-28; [the interchange format](crate::spec::format)).
///
/// `None` only if the result lies beyond the calendar's range (year 262143).
#[must_use]
pub fn probation_end(admitted: NaiveDate) -> Option<NaiveDate> {
    admitted.checked_add_months(Months::new(PROBATION_MONTHS))
}

catalogue! {
    /// How a membership ended.
    pub enum LeftReason: "leaving reason" {
        /// Name removal (xóa tên): removal from the list of members, a
        /// membership event and not a discipline form (QĐ 29-QĐ/TW §8.1).
        NameRemoval => "name_removal", "xóa tên", "name removal";
        /// Expulsion (khai trừ): the heaviest discipline form for an official
        /// member (Party Charter, Article 35).
        Expulsion => "expulsion", "khai trừ", "expulsion";
        /// Resignation (xin ra khỏi Đảng).
        Resignation => "resignation", "xin ra khỏi Đảng", "resignation";
        /// Death.
        Death => "death", "từ trần", "death";
    }
}

impl LeftReason {}

/// A member's standing on a given day; see [`Member::status_on`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "reason")]
pub enum MemberStatus {
    /// Before the admission date.
    NotYetAdmitted,
    /// Admitted, not yet recognised official (đảng viên dự bị).
    Probationary,
    /// Recognised official (đảng viên chính thức).
    Official,
    /// Left the Party on or before that day, for this reason.
    Left(LeftReason),
}

impl MemberStatus {
    /// Whether the person was a member (probationary or official).
    #[must_use]
    pub const fn is_member(self) -> bool {
        matches!(self, MemberStatus::Probationary | MemberStatus::Official)
    }

    /// A rank that never decreases over a member's life: not yet admitted 0,
    /// probationary 1, official 2, left 3.
    #[must_use]
    pub const fn rank(self) -> u8 {
        match self {
            MemberStatus::NotYetAdmitted => 0,
            MemberStatus::Probationary => 1,
            MemberStatus::Official => 2,
            MemberStatus::Left(_) => 3,
        }
    }
}

/// The plain fields of a [`Member`], before validation: its serde form (the
/// columns of the interchange format's members.csv) and the argument of
/// [`Member::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFields {
    /// The member's id.
    pub id: MemberId,
    /// The organization the member is active in (level grassroots, partial or
    /// cell).
    pub org: OrgId,
    /// Full name.
    pub full_name: String,
    /// Admission (kết nạp): probation starts.
    pub admitted: NaiveDate,
    /// Recognition as an official member, if it happened.
    #[serde(default)]
    pub official: Option<NaiveDate>,
    /// The day the member left the Party, if they did.
    #[serde(default)]
    pub left: Option<NaiveDate>,
    /// Why; required with `left` and only with it.
    #[serde(default)]
    pub left_reason: Option<LeftReason>,
}

/// A rule that one member's own fields break.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MemberProblem {
    /// The name is empty or only white space.
    #[error("the full name must not be blank")]
    BlankName,
    /// Recognised official before probation ended.
    #[error(
        "was recognised official on {official}, before the end of probation on {earliest} (admitted {admitted} + 12 months; Party Charter, Article 5)"
    )]
    OfficialBeforeProbationEnds {
        /// Admitted on.
        admitted: NaiveDate,
        /// Recognised on.
        official: NaiveDate,
        /// The earliest allowed recognition date.
        earliest: NaiveDate,
    },
    /// The admission date is so late that probation cannot be computed.
    #[error("admitted on {0}, too late in the calendar to compute the end of probation")]
    AdmissionOutOfRange(NaiveDate),
    /// Left before being admitted.
    #[error("left on {left}, before being admitted on {admitted}")]
    LeftBeforeAdmitted {
        /// Admitted on.
        admitted: NaiveDate,
        /// Left on.
        left: NaiveDate,
    },
    /// Recognised official after having left.
    #[error("was recognised official on {official}, after leaving on {left}")]
    OfficialAfterLeaving {
        /// Recognised on.
        official: NaiveDate,
        /// Left on.
        left: NaiveDate,
    },
    /// A leaving date without a reason.
    #[error("left on {0} but no leaving reason is given; a reason is required with a leaving date")]
    LeftWithoutReason(NaiveDate),
    /// A reason without a leaving date.
    #[error("has leaving reason '{0}' but no leaving date")]
    ReasonWithoutLeaving(LeftReason),
    /// Expelled while probationary.
    #[error(
        "was expelled on {0} while probationary; a probationary member cannot be expelled, their removal is name removal (Party Charter, Articles 5 and 35)"
    )]
    ProbationaryExpelled(NaiveDate),
}

impl MemberProblem {
    /// The [`Rule`] this problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            MemberProblem::BlankName => Rule::BlankText,
            MemberProblem::OfficialBeforeProbationEnds { .. } => Rule::OfficialBeforeProbationEnds,
            MemberProblem::AdmissionOutOfRange(_) => Rule::AdmissionOutOfRange,
            MemberProblem::LeftBeforeAdmitted { .. } => Rule::LeftBeforeAdmitted,
            MemberProblem::OfficialAfterLeaving { .. } => Rule::OfficialAfterLeaving,
            MemberProblem::LeftWithoutReason(_) | MemberProblem::ReasonWithoutLeaving(_) => {
                Rule::LeavingReason
            }
            MemberProblem::ProbationaryExpelled(_) => Rule::ProbationaryExpelled,
        }
    }
}

/// The rules on a membership's dates and leaving (see [`Member`]), shared by
/// [`Member::new`] and the interchange reader.
pub(crate) fn check_membership(
    admitted: NaiveDate,
    official: Option<NaiveDate>,
    left: Option<NaiveDate>,
    reason: Option<LeftReason>,
) -> Option<MemberProblem> {
    let Some(earliest) = probation_end(admitted) else {
        return Some(MemberProblem::AdmissionOutOfRange(admitted));
    };
    if let Some(official) = official
        && official < earliest
    {
        return Some(MemberProblem::OfficialBeforeProbationEnds {
            admitted,
            official,
            earliest,
        });
    }
    match (left, reason) {
        (None, None) => None,
        (Some(left), None) => Some(MemberProblem::LeftWithoutReason(left)),
        (None, Some(reason)) => Some(MemberProblem::ReasonWithoutLeaving(reason)),
        (Some(left), Some(reason)) => {
            if left < admitted {
                Some(MemberProblem::LeftBeforeAdmitted { admitted, left })
            } else if let Some(official) = official.filter(|&o| o > left) {
                Some(MemberProblem::OfficialAfterLeaving { official, left })
            } else if reason == LeftReason::Expulsion && official.is_none() {
                Some(MemberProblem::ProbationaryExpelled(left))
            } else {
                None
            }
        }
    }
}

/// A party member (đảng viên): valid by construction.
///
/// Checked when built: a non-blank name; recognition as official on or after
/// the end of the 12-month probation ([`probation_end`]) and not after
/// leaving; a leaving date not before admission and always with a reason
/// (and a reason only with a date); expulsion only of an official member. The
/// home organization's existence and level are checked by [`Roster`].
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use party_oversight::{Member, MemberFields, MemberStatus};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let member = Member::new(MemberFields {
///     id: "DV-1".parse()?,
///     org: "C1".parse()?,
///     full_name: "Nguyễn Văn A".into(),
///     admitted: d(2016, 2, 29),
///     official: Some(d(2017, 2, 28)), // 12 months, clamped to the month's end
///     left: None,
///     left_reason: None,
/// })?;
/// assert_eq!(member.status_on(d(2016, 2, 28)), MemberStatus::NotYetAdmitted);
/// assert_eq!(member.status_on(d(2016, 12, 31)), MemberStatus::Probationary);
/// assert_eq!(member.status_on(d(2017, 2, 28)), MemberStatus::Official);
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "MemberFields", into = "MemberFields")]
pub struct Member {
    fields: MemberFields,
}

impl Member {
    /// Validates `fields` as a member.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Member`] naming the first rule broken (see the type docs).
    pub fn new(fields: MemberFields) -> Result<Self, Error> {
        match Self::check(&fields) {
            Some(problem) => Err(ErrorKind::Member {
                id: fields.id,
                problem,
            }
            .into()),
            None => Ok(Member { fields }),
        }
    }

    fn check(f: &MemberFields) -> Option<MemberProblem> {
        if crate::display::is_blank(&f.full_name) {
            return Some(MemberProblem::BlankName);
        }
        check_membership(f.admitted, f.official, f.left, f.left_reason)
    }

    /// Its id.
    #[must_use]
    pub fn id(&self) -> &MemberId {
        &self.fields.id
    }

    /// The organization the member is active in.
    #[must_use]
    pub fn org_id(&self) -> &OrgId {
        &self.fields.org
    }

    /// Full name.
    #[must_use]
    pub fn full_name(&self) -> &str {
        &self.fields.full_name
    }

    /// Admission date.
    #[must_use]
    pub fn admitted(&self) -> NaiveDate {
        self.fields.admitted
    }

    /// Recognition date, if recognised official.
    #[must_use]
    pub fn official(&self) -> Option<NaiveDate> {
        self.fields.official
    }

    /// When and why the member left, if they did.
    #[must_use]
    pub fn left(&self) -> Option<(NaiveDate, LeftReason)> {
        self.fields.left.zip(self.fields.left_reason)
    }

    /// The first day the member may be recognised official (admission + 12
    /// months, clamped; Party Charter, Article 5).
    #[must_use]
    pub fn probation_end(&self) -> NaiveDate {
        // Checked in `new`.
        probation_end(self.fields.admitted).unwrap_or(NaiveDate::MAX)
    }

    /// The member's standing on `date`.
    ///
    /// Not yet admitted before the admission date; left from the leaving day
    /// on (a member who leaves on a day is no longer a member that day:
    /// [the interchange format](crate::spec::format)); official from the
    /// recognition date; probationary between.
    #[must_use]
    pub fn status_on(&self, date: NaiveDate) -> MemberStatus {
        if date < self.fields.admitted {
            return MemberStatus::NotYetAdmitted;
        }
        if let Some((left, reason)) = self.left()
            && date >= left
        {
            return MemberStatus::Left(reason);
        }
        match self.fields.official {
            Some(o) if date >= o => MemberStatus::Official,
            _ => MemberStatus::Probationary,
        }
    }

    /// Whether the person was a member (probationary or official) on `date`.
    #[must_use]
    pub fn is_member_on(&self, date: NaiveDate) -> bool {
        self.status_on(date).is_member()
    }

    /// Its plain fields.
    #[must_use]
    pub fn fields(&self) -> &MemberFields {
        &self.fields
    }
}

impl TryFrom<MemberFields> for Member {
    type Error = Error;
    fn try_from(fields: MemberFields) -> Result<Self, Error> {
        Member::new(fields)
    }
}

impl From<Member> for MemberFields {
    fn from(m: Member) -> Self {
        m.fields
    }
}

/// A rule that a roster breaks against its organization tree.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RosterProblem {
    /// A member id used more than once.
    #[error("member id {id} is used {count} times; ids must be unique")]
    DuplicateId {
        /// The id.
        id: MemberId,
        /// How many members use it.
        count: usize,
    },
    /// The home organization is not in the tree.
    #[error("member {member} belongs to organization {org}, which is not in the tree")]
    UnknownOrganization {
        /// The member.
        member: MemberId,
        /// The missing organization.
        org: OrgId,
    },
    /// The home organization cannot hold members.
    #[error(
        "member {member} belongs to organization {org} of level {level}; members belong to a grassroots, partial or cell organization"
    )]
    WrongLevel {
        /// The member.
        member: MemberId,
        /// The organization.
        org: OrgId,
        /// Its level.
        level: OrgLevel,
    },
}

impl RosterProblem {
    /// The [`Rule`] this problem breaks.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self {
            RosterProblem::DuplicateId { .. } => Rule::DuplicateId,
            RosterProblem::UnknownOrganization { .. } => Rule::UnknownReference,
            RosterProblem::WrongLevel { .. } => Rule::MemberOrgLevel,
        }
    }
}

/// The members of an organization tree, valid against it: unique ids, each
/// member's organization in the tree and of a level that holds members
/// (grassroots, partial or cell).
///
/// Members are kept sorted by id.
///
/// # Examples
///
/// ```
/// # use chrono::NaiveDate;
/// # use party_oversight::*;
/// # let day = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
/// # let org = |id: &str, parent: Option<&str>, level| PartyOrganization::new(OrganizationFields {
/// #     id: id.parse().unwrap(), parent: parent.map(|p| p.parse().unwrap()), level,
/// #     name: id.into(), established: day, dissolved: None, successor: None }).unwrap();
/// let tree = OrgTree::new(vec![org("TW", None, OrgLevel::Central), org("CS", Some("TW"), OrgLevel::Grassroots)])?;
/// let member = Member::new(MemberFields {
///     id: "DV-1".parse()?, org: "CS".parse()?, full_name: "Lò Văn B".into(),
///     admitted: day, official: None, left: None, left_reason: None,
/// })?;
/// let roster = Roster::new(&tree, vec![member])?;
/// assert_eq!(roster.get("DV-1").map(|m| m.full_name()), Some("Lò Văn B"));
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Roster {
    members: Vec<Member>,
}

impl Roster {
    /// Validates `members` against `tree`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Roster`] listing every [`RosterProblem`] found, in input
    /// order.
    pub fn new(tree: &OrgTree, mut members: Vec<Member>) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let mut counts: HashMap<&MemberId, (usize, usize)> = HashMap::with_capacity(members.len());
        for (i, m) in members.iter().enumerate() {
            counts.entry(m.id()).or_insert((i, 0)).1 += 1;
        }
        for (i, m) in members.iter().enumerate() {
            if let Some(&(first, count)) = counts.get(m.id())
                && count > 1
                && first == i
            {
                problems.push(RosterProblem::DuplicateId {
                    id: m.id().clone(),
                    count,
                });
            }
            match tree.get(m.org_id().as_str()) {
                None => problems.push(RosterProblem::UnknownOrganization {
                    member: m.id().clone(),
                    org: m.org_id().clone(),
                }),
                Some(o) if !o.level().holds_members() => problems.push(RosterProblem::WrongLevel {
                    member: m.id().clone(),
                    org: m.org_id().clone(),
                    level: o.level(),
                }),
                Some(_) => {}
            }
        }
        drop(counts);
        if !problems.is_empty() {
            return Err(ErrorKind::Roster(problems).into());
        }
        members.sort_by(|a, b| a.id().cmp(b.id()));
        Ok(Roster { members })
    }

    /// The member with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Member> {
        self.members
            .binary_search_by(|m| m.id().as_str().cmp(id))
            .ok()
            .and_then(|i| self.members.get(i))
    }

    /// The position of the member with this id in [`Self::iter`]'s order.
    #[must_use]
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.members
            .binary_search_by(|m| m.id().as_str().cmp(id))
            .ok()
    }

    /// How many members (past and present) the roster holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the roster is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// All members, by id.
    pub fn iter(&self) -> std::slice::Iter<'_, Member> {
        self.members.iter()
    }

    /// The members whose home organization lies in `org`'s subtree.
    pub fn in_subtree<'a>(
        &'a self,
        tree: &'a OrgTree,
        org: &'a str,
    ) -> impl Iterator<Item = &'a Member> + 'a {
        self.members
            .iter()
            .filter(move |m| tree.is_within(m.org_id().as_str(), org))
    }
}

impl<'a> IntoIterator for &'a Roster {
    type Item = &'a Member;
    type IntoIter = std::slice::Iter<'a, Member>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organization::{OrganizationFields, PartyOrganization};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn fields(admitted: NaiveDate) -> MemberFields {
        MemberFields {
            id: "M-17".parse().unwrap(),
            org: "C1".parse().unwrap(),
            full_name: "Hoàng Văn Minh".into(),
            admitted,
            official: None,
            left: None,
            left_reason: None,
        }
    }

    fn err(f: MemberFields) -> String {
        Member::new(f).unwrap_err().to_string()
    }

    #[test]
    fn probation_clamps_to_month_end() {
        assert_eq!(probation_end(day(2016, 2, 29)), Some(day(2017, 2, 28)));
        assert_eq!(probation_end(day(2015, 2, 28)), Some(day(2016, 2, 28)));
        assert_eq!(probation_end(day(2017, 5, 2)), Some(day(2018, 5, 2)));
        assert_eq!(probation_end(NaiveDate::MAX), None);
        let mut f = fields(day(2016, 2, 29));
        f.official = Some(day(2017, 2, 28));
        assert!(Member::new(f.clone()).is_ok());
        f.official = Some(day(2017, 2, 27));
        insta::assert_snapshot!(err(f), @"member M-17: was recognised official on 2017-02-27, before the end of probation on 2017-02-28 (admitted 2016-02-29 + 12 months; Party Charter, Article 5)");
    }

    #[test]
    fn every_member_rule_has_a_message() {
        let mut f = fields(day(2010, 1, 1));
        f.full_name = String::new();
        insta::assert_snapshot!(err(f), @"member M-17: the full name must not be blank");
        let mut f = fields(day(2010, 1, 1));
        f.left = Some(day(2009, 12, 31));
        f.left_reason = Some(LeftReason::Death);
        insta::assert_snapshot!(err(f), @"member M-17: left on 2009-12-31, before being admitted on 2010-01-01");
        let mut f = fields(day(2010, 1, 1));
        f.left = Some(day(2012, 1, 1));
        insta::assert_snapshot!(err(f), @"member M-17: left on 2012-01-01 but no leaving reason is given; a reason is required with a leaving date");
        let mut f = fields(day(2010, 1, 1));
        f.left_reason = Some(LeftReason::NameRemoval);
        insta::assert_snapshot!(err(f), @"member M-17: has leaving reason 'name_removal' but no leaving date");
        let mut f = fields(day(2010, 1, 1));
        f.official = Some(day(2011, 6, 1));
        f.left = Some(day(2011, 3, 1));
        f.left_reason = Some(LeftReason::Resignation);
        insta::assert_snapshot!(err(f), @"member M-17: was recognised official on 2011-06-01, after leaving on 2011-03-01");
        let mut f = fields(day(2010, 1, 1));
        f.left = Some(day(2010, 9, 1));
        f.left_reason = Some(LeftReason::Expulsion);
        insta::assert_snapshot!(err(f), @"member M-17: was expelled on 2010-09-01 while probationary; a probationary member cannot be expelled, their removal is name removal (Party Charter, Articles 5 and 35)");
        insta::assert_snapshot!(err(fields(NaiveDate::MAX)), @"member M-17: admitted on +262142-12-31, too late in the calendar to compute the end of probation");
        insta::assert_snapshot!("fired".parse::<LeftReason>().unwrap_err(), @"unknown leaving reason code 'fired': expected one of name_removal, expulsion, resignation, death");
        // Name removal of a probationary member is a membership event, allowed.
        let mut f = fields(day(2010, 1, 1));
        f.left = Some(day(2010, 9, 1));
        f.left_reason = Some(LeftReason::NameRemoval);
        assert!(Member::new(f).is_ok());
    }

    #[test]
    fn status_over_time() {
        let mut f = fields(day(2015, 3, 10));
        f.official = Some(day(2016, 3, 10));
        f.left = Some(day(2020, 1, 1));
        f.left_reason = Some(LeftReason::Death);
        let m = Member::new(f).unwrap();
        assert_eq!(m.status_on(day(2015, 3, 9)), MemberStatus::NotYetAdmitted);
        assert_eq!(m.status_on(day(2015, 3, 10)), MemberStatus::Probationary);
        assert_eq!(m.status_on(day(2016, 3, 9)), MemberStatus::Probationary);
        assert_eq!(m.status_on(day(2016, 3, 10)), MemberStatus::Official);
        assert_eq!(m.status_on(day(2019, 12, 31)), MemberStatus::Official);
        assert_eq!(
            m.status_on(day(2020, 1, 1)),
            MemberStatus::Left(LeftReason::Death)
        );
        assert!(!m.is_member_on(day(2020, 1, 1)));
        assert_eq!(m.probation_end(), day(2016, 3, 10));
        assert_eq!(m.left(), Some((day(2020, 1, 1), LeftReason::Death)));
    }

    #[test]
    fn serde_validates() {
        let m = Member::new(fields(day(2015, 3, 10))).unwrap();
        let json = serde_json::to_string(&m).unwrap();
        insta::assert_snapshot!(json, @r#"{"id":"M-17","org":"C1","full_name":"Hoàng Văn Minh","admitted":"2015-03-10","official":null,"left":null,"left_reason":null}"#);
        assert_eq!(serde_json::from_str::<Member>(&json).unwrap(), m);
        let bad = json.replace(r#""official":null"#, r#""official":"2015-12-31""#);
        let e = serde_json::from_str::<Member>(&bad)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("before the end of probation on 2016-03-10"),
            "{e}"
        );
        let bad = json.replace(r#""left_reason":null"#, r#""left_reason":"fired""#);
        assert!(serde_json::from_str::<Member>(&bad).is_err());
    }

    fn org(id: &str, parent: Option<&str>, level: OrgLevel) -> PartyOrganization {
        PartyOrganization::new(OrganizationFields {
            id: id.parse().unwrap(),
            parent: parent.map(|p| p.parse().unwrap()),
            level,
            name: id.into(),
            established: day(1990, 1, 1),
            dissolved: None,
            successor: None,
        })
        .unwrap()
    }

    #[test]
    fn roster_reports_every_problem() {
        let tree = OrgTree::new(vec![
            org("TW", None, OrgLevel::Central),
            org("P", Some("TW"), OrgLevel::Provincial),
            org("G", Some("P"), OrgLevel::Grassroots),
            org("C1", Some("G"), OrgLevel::Cell),
        ])
        .unwrap();
        let m = |id: &str, org: &str| {
            let mut f = fields(day(2000, 1, 1));
            f.id = id.parse().unwrap();
            f.org = org.parse().unwrap();
            Member::new(f).unwrap()
        };
        let e = Roster::new(
            &tree,
            vec![m("A", "C1"), m("B", "P"), m("A", "G"), m("C", "X")],
        )
        .unwrap_err();
        insta::assert_snapshot!(e, @"
        invalid member roster (3 problems):
        - member id A is used 2 times; ids must be unique
        - member B belongs to organization P of level provincial; members belong to a grassroots, partial or cell organization
        - member C belongs to organization X, which is not in the tree
        ");
        let roster = Roster::new(&tree, vec![m("B", "G"), m("A", "C1")]).unwrap();
        assert_eq!(
            roster.iter().map(|m| m.id().as_str()).collect::<Vec<_>>(),
            ["A", "B"]
        );
        assert_eq!(roster.in_subtree(&tree, "G").count(), 2);
        assert_eq!(roster.in_subtree(&tree, "C1").count(), 1);
        assert!(roster.get("Z").is_none());
    }
}
