//! Assessments of members against the 27 indicators, and the annual quality
//! rating of members and organizations.
//!
//! Hà Giang's assessment toolkit (Bộ công cụ đánh giá cán bộ, đảng viên, QĐ
//! 791-QĐ/TU, 2017) assesses each member against the 27 expressions of
//! degradation of Resolution 04-NQ/TW. Its scoring method was not found
//! (QĐ 791-QĐ/TU of Hà Giang, 2017; its scoring rules were not found), so an [`Assessment`] records only who assessed whom,
//! when, and which indicators were found.
//!
//! The annual quality rating (xếp loại chất lượng) changed in 2018: rating
//! years up to 2017 follow Hướng dẫn 27-HD/BTCTW (2014), with
//! four categories for members and four for organizations; from 2018, QĐ
//! 132-QĐ/TW and Hướng dẫn 16-HD/BTCTW, with the same four levels for both
//! (kept by QĐ 124-QĐ/TW, 2023).

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::id::MemberId;
use crate::indicator::IndicatorSet;
use crate::period::Period;

/// Who made an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessor {
    /// The member's self-assessment (tự đánh giá).
    SelfAssessment,
    /// The cell's collective assessment (chi bộ đánh giá).
    CellCollective,
}

/// One assessment of a member against the 27 indicators over a period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Assessment {
    /// The member assessed.
    pub member: MemberId,
    /// The period assessed (a single day is a one-day period).
    pub period: Period,
    /// Who assessed.
    pub assessor: Assessor,
    /// The indicators found (empty: none).
    pub indicators: IndicatorSet,
}

/// The rating regime in force for a rating year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingRegime {
    /// Rating years to 2017: Hướng dẫn 27-HD/BTCTW (25/9/2014).
    Hd27Of2014,
    /// Rating years from 2018: QĐ 132-QĐ/TW (8/3/2018), Hướng dẫn
    /// 16-HD/BTCTW; kept by QĐ 124-QĐ/TW (2023).
    Qd132Of2018,
}

impl RatingRegime {
    /// The regime for a rating year.
    #[must_use]
    pub const fn for_year(year: i32) -> RatingRegime {
        if year <= 2017 {
            RatingRegime::Hd27Of2014
        } else {
            RatingRegime::Qd132Of2018
        }
    }
}

/// Rated subject: a member or an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatedSubject {
    /// A member.
    Member,
    /// A grassroots organization or a chi bộ.
    Organization,
}

/// A quality grade, of one regime or the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualityGrade {
    /// 2014–2017, members: "đủ tư cách, hoàn thành xuất sắc nhiệm vụ".
    MemberExcellent2014,
    /// 2014–2017, members: "đủ tư cách, hoàn thành tốt nhiệm vụ".
    MemberGood2014,
    /// 2014–2017, members: "đủ tư cách, hoàn thành nhiệm vụ".
    MemberCompleted2014,
    /// 2014–2017, members: "vi phạm tư cách hoặc không hoàn thành nhiệm vụ".
    MemberViolatedOrFailed2014,
    /// 2014–2017, organizations: "trong sạch, vững mạnh".
    OrgCleanStrong2014,
    /// 2014–2017, organizations: "hoàn thành tốt nhiệm vụ".
    OrgGood2014,
    /// 2014–2017, organizations: "hoàn thành nhiệm vụ".
    OrgCompleted2014,
    /// 2014–2017, organizations: "yếu kém".
    OrgWeak2014,
    /// From 2018, both: "hoàn thành xuất sắc nhiệm vụ".
    Excellent,
    /// From 2018, both: "hoàn thành tốt nhiệm vụ".
    Good,
    /// From 2018, both: "hoàn thành nhiệm vụ".
    Completed,
    /// From 2018, both: "không hoàn thành nhiệm vụ".
    NotCompleted,
}

impl QualityGrade {
    /// The regime the grade belongs to.
    #[must_use]
    pub const fn regime(self) -> RatingRegime {
        match self {
            QualityGrade::Excellent
            | QualityGrade::Good
            | QualityGrade::Completed
            | QualityGrade::NotCompleted => RatingRegime::Qd132Of2018,
            _ => RatingRegime::Hd27Of2014,
        }
    }

    /// Whether the grade can be given to `subject`.
    #[must_use]
    pub const fn applies_to(self, subject: RatedSubject) -> bool {
        match self {
            QualityGrade::MemberExcellent2014
            | QualityGrade::MemberGood2014
            | QualityGrade::MemberCompleted2014
            | QualityGrade::MemberViolatedOrFailed2014 => matches!(subject, RatedSubject::Member),
            QualityGrade::OrgCleanStrong2014
            | QualityGrade::OrgGood2014
            | QualityGrade::OrgCompleted2014
            | QualityGrade::OrgWeak2014 => matches!(subject, RatedSubject::Organization),
            _ => true,
        }
    }

    /// The Vietnamese wording.
    #[must_use]
    pub const fn vi(self) -> &'static str {
        match self {
            QualityGrade::MemberExcellent2014 => "đủ tư cách, hoàn thành xuất sắc nhiệm vụ",
            QualityGrade::MemberGood2014 => "đủ tư cách, hoàn thành tốt nhiệm vụ",
            QualityGrade::MemberCompleted2014 => "đủ tư cách, hoàn thành nhiệm vụ",
            QualityGrade::MemberViolatedOrFailed2014 => {
                "vi phạm tư cách hoặc không hoàn thành nhiệm vụ"
            }
            QualityGrade::OrgCleanStrong2014 => "trong sạch, vững mạnh",
            QualityGrade::OrgGood2014 | QualityGrade::Good => "hoàn thành tốt nhiệm vụ",
            QualityGrade::OrgCompleted2014 | QualityGrade::Completed => "hoàn thành nhiệm vụ",
            QualityGrade::OrgWeak2014 => "yếu kém",
            QualityGrade::Excellent => "hoàn thành xuất sắc nhiệm vụ",
            QualityGrade::NotCompleted => "không hoàn thành nhiệm vụ",
        }
    }
}

/// An annual quality rating, valid for its year's regime and its subject.
///
/// # Examples
///
/// ```
/// use party_oversight::assessment::{AnnualRating, QualityGrade, RatedSubject};
///
/// assert!(AnnualRating::new(RatedSubject::Member, 2017, QualityGrade::MemberGood2014).is_ok());
/// assert!(AnnualRating::new(RatedSubject::Member, 2018, QualityGrade::MemberGood2014).is_err());
/// assert!(AnnualRating::new(RatedSubject::Organization, 2018, QualityGrade::Excellent).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "AnnualRatingFields", into = "AnnualRatingFields")]
pub struct AnnualRating {
    subject: RatedSubject,
    year: i32,
    grade: QualityGrade,
}

/// The serde form of an [`AnnualRating`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualRatingFields {
    /// Member or organization.
    pub subject: RatedSubject,
    /// The rating year.
    pub year: i32,
    /// The grade.
    pub grade: QualityGrade,
}

impl TryFrom<AnnualRatingFields> for AnnualRating {
    type Error = Error;
    fn try_from(f: AnnualRatingFields) -> Result<Self, Error> {
        AnnualRating::new(f.subject, f.year, f.grade)
    }
}

impl From<AnnualRating> for AnnualRatingFields {
    fn from(r: AnnualRating) -> Self {
        AnnualRatingFields {
            subject: r.subject,
            year: r.year,
            grade: r.grade,
        }
    }
}

impl AnnualRating {
    /// A rating of `subject` for `year`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRating`] if the grade is not of the year's regime
    /// or not for that kind of subject.
    pub fn new(subject: RatedSubject, year: i32, grade: QualityGrade) -> Result<Self, Error> {
        let regime = RatingRegime::for_year(year);
        if grade.regime() != regime {
            return Err(ErrorKind::InvalidRating {
                reason: format!(
                    "'{}' is not a grade of rating year {year}: the four levels of QĐ 132-QĐ/TW apply from 2018, the categories of Hướng dẫn 27-HD/BTCTW before",
                    grade.vi()
                ),
            }
            .into());
        }
        if !grade.applies_to(subject) {
            return Err(ErrorKind::InvalidRating {
                reason: format!(
                    "'{}' is not a grade for {:?} in rating year {year}",
                    grade.vi(),
                    subject
                )
                .to_lowercase(),
            }
            .into());
        }
        Ok(AnnualRating {
            subject,
            year,
            grade,
        })
    }

    /// Member or organization.
    #[must_use]
    pub const fn subject(self) -> RatedSubject {
        self.subject
    }

    /// The rating year.
    #[must_use]
    pub const fn year(self) -> i32 {
        self.year
    }

    /// The grade.
    #[must_use]
    pub const fn grade(self) -> QualityGrade {
        self.grade
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regime_by_year() {
        assert_eq!(RatingRegime::for_year(2017), RatingRegime::Hd27Of2014);
        assert_eq!(RatingRegime::for_year(2018), RatingRegime::Qd132Of2018);
        assert!(
            AnnualRating::new(
                RatedSubject::Organization,
                2016,
                QualityGrade::OrgCleanStrong2014
            )
            .is_ok()
        );
        insta::assert_snapshot!(AnnualRating::new(RatedSubject::Member, 2018, QualityGrade::MemberGood2014).unwrap_err(), @"invalid annual rating: 'đủ tư cách, hoàn thành tốt nhiệm vụ' is not a grade of rating year 2018: the four levels of QĐ 132-QĐ/TW apply from 2018, the categories of Hướng dẫn 27-HD/BTCTW before");
        insta::assert_snapshot!(AnnualRating::new(RatedSubject::Member, 2017, QualityGrade::OrgWeak2014).unwrap_err(), @"invalid annual rating: 'yếu kém' is not a grade for member in rating year 2017");
        let json = r#"{"subject":"member","year":2018,"grade":"member_good2014"}"#;
        assert!(serde_json::from_str::<AnnualRating>(json).is_err());
        let ok = AnnualRating::new(RatedSubject::Member, 2019, QualityGrade::Good).unwrap();
        let back: AnnualRating =
            serde_json::from_str(&serde_json::to_string(&ok).unwrap()).unwrap();
        assert_eq!(back, ok);
    }
}

/// How members were briefed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BriefingKind {
    /// A conference (hội nghị), e.g. the district's online conference.
    Conference,
    /// A cell meeting (sinh hoạt chi bộ) with the briefing folded in.
    CellMeeting,
}

/// What a briefing was about, where it matters to reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BriefingTopic {
    /// The 27 expressions of degradation named by Resolution 4 of the 12th
    /// Central Committee, and the toolkit that assesses members against
    /// them (QĐ 791-QĐ/TU, Hà Giang, 2017).
    DegradationIndicators,
}

/// The plain fields of a [`Briefing`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefingFields {
    /// The organizing organization.
    pub org: crate::OrgId,
    /// The day.
    pub date: chrono::NaiveDate,
    /// Conference or cell meeting.
    pub kind: BriefingKind,
    /// The members who attended.
    pub attendees: Vec<MemberId>,
    /// What it was about, if recorded.
    #[serde(default)]
    pub topic: Option<BriefingTopic>,
}

/// A briefing (phổ biến, quán triệt) of members, e.g. on the assessment
/// toolkit: valid against the tree and roster (the organizer is known; each
/// attendee is known, listed once, a member on the day and belongs to the
/// organizer's subtree).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Briefing {
    fields: BriefingFields,
}

impl Briefing {
    /// Validates `fields`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidBriefing`] naming the first rule broken.
    pub fn new(
        tree: &crate::OrgTree,
        roster: &crate::Roster,
        mut fields: BriefingFields,
    ) -> Result<Self, Error> {
        let fail = |reason: String| {
            Err(ErrorKind::InvalidBriefing {
                org: fields.org.clone(),
                date: fields.date,
                reason,
            }
            .into())
        };
        if !tree.contains(fields.org.as_str()) {
            return fail("the organizer is not in the tree".into());
        }
        for a in &fields.attendees {
            match roster.get(a.as_str()) {
                None => return fail(format!("attendee {a} is not in the roster")),
                Some(m) if !m.is_member_on(fields.date) => {
                    return fail(format!("attendee {a} was not a member that day"));
                }
                Some(m) if !tree.is_within(m.org_id().as_str(), fields.org.as_str()) => {
                    return fail(format!(
                        "attendee {a} does not belong to the organizer's subtree"
                    ));
                }
                Some(_) => {}
            }
        }
        let n = fields.attendees.len();
        fields.attendees.sort();
        fields.attendees.dedup();
        if fields.attendees.len() != n {
            return fail("an attendee is listed twice".into());
        }
        Ok(Briefing { fields })
    }

    /// The organizer.
    #[must_use]
    pub fn org(&self) -> &crate::OrgId {
        &self.fields.org
    }

    /// The day.
    #[must_use]
    pub fn date(&self) -> chrono::NaiveDate {
        self.fields.date
    }

    /// Conference or cell meeting.
    #[must_use]
    pub fn kind(&self) -> BriefingKind {
        self.fields.kind
    }

    /// What it was about, if recorded.
    #[must_use]
    pub fn topic(&self) -> Option<BriefingTopic> {
        self.fields.topic
    }

    /// The attendees, by id.
    #[must_use]
    pub fn attendees(&self) -> &[MemberId] {
        &self.fields.attendees
    }
}
