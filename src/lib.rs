//! The typed core of party inspection and supervision work (công tác kiểm
//! tra, giám sát của Đảng, "KTGS").
//!
//! ```
//! use chrono::NaiveDate;
//! use party_oversight::{DegradationIndicator, IndicatorSet, Member, MemberFields, MemberStatus};
//!
//! // The 27 expressions of degradation of Resolution 04-NQ/TW, by code.
//! let found: IndicatorSet = "I.4;II.2".parse()?;
//! for indicator in found.iter() {
//!     println!("{indicator}: {} / {}", indicator.label_vi(), indicator.label_en());
//! }
//!
//! // A member's standing on a date follows from admission, probation and leaving.
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let member = Member::new(MemberFields {
//!     id: "DV-17".parse()?,
//!     org: "CB-3".parse()?,
//!     full_name: "Nguyễn Thị Hà".into(),
//!     admitted: d(2016, 5, 2),
//!     official: Some(d(2017, 5, 2)),
//!     left: None,
//!     left_reason: None,
//! })?;
//! assert_eq!(member.status_on(d(2017, 5, 1)), MemberStatus::Probationary);
//! assert_eq!(member.status_on(d(2017, 5, 2)), MemberStatus::Official);
//! # Ok::<(), party_oversight::Error>(())
//! ```
//!
//! # The domain in one page
//!
//! **Who does the work.** Party committees (cấp ủy, with their standing
//! boards, ban thường vụ) and inspection commissions (ủy ban kiểm tra, UBKT)
//! inspect (kiểm tra) and supervise (giám sát) the party organizations and
//! members below them. An inspection concludes on shortcomings or
//! violations; a supervision follows activity so as to step in early, and
//! may be turned into an inspection when it finds signs of violation. A
//! commission exists only at a grassroots party committee (đảng ủy cơ sở)
//! and above (QĐ 262-QĐ/TW, 2025; Party Charter 2011, Article 32).
//!
//! **Organizations** ([`PartyOrganization`], [`OrgTree`], [`OrgLevel`]) form
//! a tree, or a forest when a dataset holds a province or a district alone:
//! the centre (Trung ương); provincial party organizations
//! (đảng bộ tỉnh and equivalents); district ones (đảng bộ huyện and
//! equivalents); grassroots party organizations (tổ chức cơ sở đảng: a đảng
//! bộ cơ sở or a chi bộ cơ sở); partial party organizations (đảng bộ bộ
//! phận); and cells (chi bộ trực thuộc). Which level may sit under which is
//! a rule of [the interchange format](crate::spec::format) that the tree enforces:
//! central → provincial or grassroots; provincial → district or grassroots;
//! district → grassroots; grassroots → partial or cell; partial → cell.
//!
//! **The organization over time** ([`History`], [`OrgMove`], [`LineageLink`],
//! [`MemberMove`]): the structure changes on known dates. On 1 July 2025
//! 63 provinces were merged into 34, the district level ended and communes
//! were merged (a few split); members move between cells every day. A
//! history gives the tree of any day, a member's organization on any day,
//! and the lineage with exact weights, so that a record counts where its
//! body stood on its day ("as it was") and a new organization is measured
//! against the work of the units it took over ("re-based": a commune that
//! took two thirds of a split one inherits two thirds of its baseline). Every
//! 2025–2030 term comparison crosses that date.
//!
//! **Members** ([`Member`], [`Roster`]) are admitted (kết nạp) as
//! probationary members (đảng viên dự bị) for twelve calendar months (Party
//! Charter 2011, Article 5), then recognised as official members (đảng viên
//! chính thức) no earlier than the end of probation. Membership ends by name
//! removal (xóa tên: an administrative act, never a discipline form; QĐ
//! 29-QĐ/TW §8.1), expulsion (khai trừ: a discipline form that only an
//! official member can receive, Charter Article 35), resignation or death.
//! [`Member::status_on`] answers where a member stood on any day.
//!
//! **The 27 expressions of degradation** ([`DegradationIndicator`],
//! [`IndicatorGroup`], [`IndicatorSet`]) are named by Resolution 04-NQ/TW of
//! the 12th Central Committee (30 October 2016) in three groups of nine:
//! political ideology (I), ethics and lifestyle (II), and "self-evolution",
//! "self-transformation" (III). Members are assessed against them (Hà
//! Giang's assessment toolkit, QĐ 791-QĐ/TU, 2017) and inspections record
//! which ones a violation shows. The Vietnamese text of each item is shipped
//! only where it was found quoted whole; otherwise the item carries its topic
//! and no official text: see [`indicator`].
//!
//! **Inspections, supervisions and discipline** ([`Inspection`],
//! [`OversightRegister`], [`DisciplineAction`], [`AuthorityPolicy`]): an
//! inspection or supervision is conducted by a [`Body`] (committee or
//! commission) on subjects lying below it, and concludes on each subject;
//! a violation may lead to a discipline proposal and decision. The forms a
//! subject may receive (Charter Article 35), the statute of limitations
//! (QĐ 69-QĐ/TW Article 4) and the authority to decide are in
//! [`discipline`], each with its source and how well it is confirmed.
//!
//! **Targets and rates** ([`PercentTarget`], [`Rate`], [`Period`], [`Term`],
//! [`TermCalendar`]): congress resolutions set percent-change targets over
//! the previous term and 100% targets for handling violations; both are
//! computed exactly, also over a fractional re-based baseline, and rounded
//! only for display ([`Rounding`]). Terms run from congress to congress,
//! with the real dates where they are known.
//!
//! **Counting, roll-ups and reports** ([`Engine`], [`Tally`], [`Rollup`],
//! [`OversightReport`]): one counting engine, built from the typed model or
//! from loaded columns, gives the figures of a periodic report for any
//! organization's subtree and any list of periods (years, halves, quarters,
//! months, terms), counting visits (lượt) and distinct subjects apart; the
//! report renders them in Vietnamese or English. The counting rules are
//! written once, in [`engine`].
//!
//! **Data in and out** ([`interchange`]): a documented CSV format, read with
//! every rule checked and every problem located, written back byte-stably,
//! and rolled up at national scale.
//!
//! **Sources.** Rules cite the Party Charter (Điều lệ Đảng, 2011) and the
//! regulations that implement it; where a rule is not confirmed by a
//! source, the docs say so.
//!
//! # Errors
//!
//! Every fallible operation returns [`Error`]; its [`Error::kind`] names the
//! entity, the value and the rule. Values cannot be built invalid: the
//! constructors, [`std::str::FromStr`] and serde's `Deserialize` share one
//! check each, and checks over many records report every problem they find.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations, unreachable_pub)]

#[macro_use]
mod catalogue;
pub mod assessment;
#[cfg(any(feature = "interchange", feature = "workbook"))]
mod atomic;
pub mod calendar;
pub mod content;
pub mod discipline;
mod display;
pub mod engine;
mod error;
pub mod history;
mod id;
pub mod indicator;
pub mod inspection;
#[cfg(feature = "interchange")]
pub mod interchange;
pub mod member;
pub mod organization;
pub mod period;
mod problem;
pub mod rate;
pub mod ratio;
pub mod report;
pub mod rollup;
pub mod rule;
pub mod target;
mod timeline;
#[cfg(feature = "workbook")]
pub mod workbook;

/// The project's specifications, in its own words (the files under `docs/`
/// of the repository): the interchange format and the roll-up report.
/// Every message that cites a rule of the format points here.
pub mod spec {
    #[doc = include_str!("../docs/format.md")]
    pub mod format {}

    #[doc = include_str!("../docs/report.md")]
    pub mod report {}
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use calendar::{Congress, TermCalendar};
pub use content::{Content, MemberContent, OrgContent};
pub use discipline::{
    AuthorityPolicy, AuthorityRule, DisciplineAction, DisciplineFields, DisciplineForm,
    DisciplineStatus, LimitationException, SubjectKind, TimeBar, time_bar,
};
pub use display::{Lang, MAX_QUOTED_CHARS, count, quoted, roman};
pub use engine::Engine;
pub use error::{Error, ErrorKind, IoError};
pub use history::{History, HistoryProblem, LineageLink, MemberMove, OrgMove};
pub use id::{DisciplineId, IdProblem, InspectionId, MAX_ID_CHARS, MemberId, OrgId};
pub use indicator::{DegradationIndicator, IndicatorGroup, IndicatorSet, TextConfirmation};
pub use inspection::{
    Activity, Body, BodyKind, Finding, Inspection, InspectionFields, InspectionGround, Outcome,
    OversightKind, OversightRegister, Subject, SubjectType, SupervisionMode,
};
pub use member::{LeftReason, Member, MemberFields, MemberStatus, Roster, probation_end};
pub use organization::{OrgIndex, OrgLevel, OrgTree, OrganizationFields, PartyOrganization};
pub use period::{Half, Period, PeriodShape, Term};
pub use problem::Problem;
pub use rate::{Rate, RateEvaluation, RateKind};
pub use ratio::{FixedPoint, Percent, Ratio, Rounding};
pub use report::{
    Bodies, Clause, ClauseKind, ComparisonStyle, MergerComparison, OversightReport, PriorUnit,
    ReportOptions, ReportStyle, TermTargets,
};
pub use rollup::{
    ActivityTally, BodyTally, RebasedUnit, Records, Rollup, SubjectFigures, SubjectSide, Tally,
};
pub use rule::Rule;
pub use target::{
    Bounds, Change, Direction, Evaluation, Pace, PercentTarget, Progress, TargetEvaluation,
    TermProgressReport,
};
