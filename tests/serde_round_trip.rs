//! Every public type that is both `Serialize` and `Deserialize` reads back
//! as itself (one generic helper, strategies for valid values), and no JSON
//! at all makes a `Deserialize` and then `Display` or `Debug` panic.
//!
//! `OrgTree`'s round trip is in `model_properties.rs` (it needs a random
//! valid tree); computed results are `Serialize` only, so they have nothing
//! to read back.

use std::fmt::Debug;

use chrono::NaiveDate;
use party_oversight::assessment::{
    AnnualRating, AnnualRatingFields, Assessment, Assessor, BriefingFields, BriefingKind,
    QualityGrade, RatedSubject, RatingRegime,
};
use party_oversight::discipline::{
    AuthorityRule, AuthoritySubject, BodyLevel, Confidence, DisciplineFields,
};
#[cfg(feature = "interchange")]
use party_oversight::interchange::TermStatus;
use party_oversight::period::{PeriodFields, TermFields};
use party_oversight::rate::RateFields;
use party_oversight::ratio::{RatioFields, RatioFields32};
use party_oversight::target::PercentTargetFields;
use party_oversight::{
    Activity, AuthorityPolicy, Bodies, Body, BodyKind, ComparisonStyle, Congress, Content,
    DegradationIndicator, Direction, DisciplineForm, DisciplineId, DisciplineStatus, Evaluation,
    Finding, Half, IndicatorGroup, IndicatorSet, Inspection, InspectionFields, InspectionGround,
    InspectionId, Lang, LeftReason, LimitationException, LineageLink, Member, MemberContent,
    MemberFields, MemberId, MemberMove, MemberStatus, MergerComparison, OrgContent, OrgId,
    OrgIndex, OrgLevel, OrgMove, OrganizationFields, Outcome, OversightKind, Pace,
    PartyOrganization, Percent, PercentTarget, Period, Rate, RateEvaluation, RateKind, Ratio,
    ReportStyle, Rounding, Rule, Subject, SubjectKind, SubjectType, SupervisionMode, Term,
    TermCalendar, TermTargets, TextConfirmation, TimeBar,
};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The one helper: `value` serializes, reads back equal, and serializes
/// again to the same text.
fn round_trip<T>(value: &T) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let json = serde_json::to_string(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("{json} does not read back: {e}")))?;
    prop_assert_eq!(&back, value, "{}", json);
    prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    Ok(())
}

// ---------------------------------------------------------------------------
// Strategies for valid values.

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=12, 1u32..=31).prop_filter_map("a calendar day", |(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d)
    })
}

fn id_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9._-]{1,12}",
        // Any non-control characters, up to the limit.
        "[^\\p{Cc}]{1,64}",
    ]
}

fn org_id() -> impl Strategy<Value = OrgId> {
    id_text().prop_map(|t| t.parse().unwrap())
}

fn member_id() -> impl Strategy<Value = MemberId> {
    id_text().prop_map(|t| t.parse().unwrap())
}

fn one_of<T: Clone + Debug + 'static>(values: &[T]) -> impl Strategy<Value = T> + use<T> {
    prop::sample::select(values.to_vec())
}

fn indicators() -> impl Strategy<Value = IndicatorSet> {
    prop::collection::vec(one_of(&DegradationIndicator::ALL), 0..6)
        .prop_map(|v| v.into_iter().collect())
}

fn subject() -> impl Strategy<Value = Subject> {
    prop_oneof![
        org_id().prop_map(Subject::Organization),
        member_id().prop_map(Subject::Member),
    ]
}

fn body() -> impl Strategy<Value = Body> {
    (one_of(&BodyKind::ALL), org_id()).prop_map(|(kind, org)| Body { kind, org })
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::NotConcluded),
        Just(Outcome::NoViolation),
        Just(Outcome::Shortcoming),
        (indicators(), prop::option::of(date())).prop_map(|(indicators, handled)| {
            Outcome::Violation {
                indicators,
                handled,
            }
        }),
    ]
}

fn content() -> impl Strategy<Value = Content> {
    prop_oneof![
        one_of(&MemberContent::ALL).prop_map(Content::Member),
        one_of(&OrgContent::ALL).prop_map(Content::Organization),
    ]
}

fn finding() -> impl Strategy<Value = Finding> {
    (
        subject(),
        outcome(),
        any::<bool>(),
        prop::option::of(content()),
    )
        .prop_map(|(subject, outcome, committee_member, content)| Finding {
            subject,
            outcome,
            committee_member,
            content,
        })
}

fn inspection_fields() -> impl Strategy<Value = InspectionFields> {
    (
        "[A-Z0-9]{1,8}",
        one_of(&OversightKind::ALL),
        body(),
        date(),
        prop::option::of(date()),
        prop::collection::vec(finding(), 0..4),
        prop::option::of("[A-Z0-9]{1,8}"),
    )
        .prop_map(
            |(id, kind, body, started, concluded, findings, escalated)| InspectionFields {
                id: id.parse().unwrap(),
                kind,
                body,
                started,
                concluded,
                findings,
                escalated_from: escalated.map(|e| e.parse().unwrap()),
            },
        )
}

fn member_fields() -> impl Strategy<Value = MemberFields> {
    (
        member_id(),
        org_id(),
        "[^\\p{Cc}]{0,20}",
        date(),
        prop::option::of(date()),
        prop::option::of(date()),
        prop::option::of(one_of(&LeftReason::ALL)),
    )
        .prop_map(
            |(id, org, full_name, admitted, official, left, left_reason)| MemberFields {
                id,
                org,
                full_name,
                admitted,
                official,
                left,
                left_reason,
            },
        )
}

fn organization_fields() -> impl Strategy<Value = OrganizationFields> {
    (
        org_id(),
        prop::option::of(org_id()),
        one_of(&OrgLevel::ALL),
        "[^\\p{Cc}]{0,20}",
        date(),
        prop::option::of(date()),
        prop::option::of(org_id()),
    )
        .prop_map(
            |(id, parent, level, name, established, dissolved, successor)| OrganizationFields {
                id,
                parent,
                level,
                name,
                established,
                dissolved,
                successor,
            },
        )
}

fn period() -> impl Strategy<Value = Period> {
    (date(), date()).prop_filter_map("ordered", |(a, b)| Period::new(a.min(b), a.max(b)).ok())
}

fn term() -> impl Strategy<Value = Term> {
    prop_oneof![
        (one_of(&OrgLevel::ALL), 1u32..30, 1930i32..2090)
            .prop_filter_map("valid", |(l, n, y)| Term::calendar(l, n, y).ok()),
        (one_of(&OrgLevel::ALL), 1u32..30, date(), date()).prop_filter_map(
            "valid",
            |(l, n, a, b)| Term::dated(l, n, a.min(b), a.max(b)).ok()
        ),
    ]
}

fn percent() -> impl Strategy<Value = Percent> {
    (0u32..100_000, 1u32..1000).prop_filter_map("valid", |(n, d)| Percent::new(n, d).ok())
}

fn percent_target() -> impl Strategy<Value = PercentTarget> {
    (
        one_of(&[Direction::Increase, Direction::Decrease]),
        percent(),
        prop::option::of(percent()),
    )
        .prop_filter_map("valid", |(d, min, max)| {
            PercentTarget::new(d, min, max).ok()
        })
}

fn discipline_fields() -> impl Strategy<Value = DisciplineFields> {
    (
        "[A-Z0-9]{1,8}",
        subject(),
        one_of(&DisciplineForm::ALL),
        one_of(&DisciplineStatus::ALL),
        body(),
        date(),
        date(),
        prop::option::of("[A-Z0-9]{1,8}"),
        prop::option::of(any::<bool>()),
        prop::option::of(one_of(&[
            LimitationException::InternalPolitics,
            LimitationException::DefenceSecurityForeignAffairs,
            LimitationException::IllegalDiplomas,
        ])),
        prop::option::of(content()),
        any::<bool>(),
    )
        .prop_map(
            |(
                id,
                subject,
                form,
                status,
                body,
                v,
                d,
                inspection,
                holds_post,
                exception,
                content,
                committee_member,
            )| {
                DisciplineFields {
                    id: id.parse::<DisciplineId>().unwrap(),
                    subject,
                    form,
                    status,
                    body,
                    violation_date: v,
                    date: d,
                    inspection: inspection.map(|i| i.parse::<InspectionId>().unwrap()),
                    holds_post,
                    exception,
                    content,
                    committee_member,
                }
            },
        )
}

// ---------------------------------------------------------------------------
// The round trips.

/// One property per strategy and type.
macro_rules! round_trips {
    ($($name:ident: $strategy:expr;)+) => {
        proptest! {
            $(
                #[test]
                fn $name(value in $strategy) {
                    round_trip(&value)?;
                }
            )+
        }
    };
}

fn term_calendar() -> impl Strategy<Value = TermCalendar> {
    prop::collection::vec(
        (
            org_id(),
            one_of(&OrgLevel::ALL),
            1..30u32,
            date(),
            1..4usize,
        ),
        0..4,
    )
    .prop_map(|orgs| {
        let mut c = TermCalendar::new();
        for (org, level, first, opened, n) in orgs {
            let list: Vec<Congress> = (0..n)
                .map(|k| {
                    Congress::new(
                        first + k as u32,
                        opened
                            .checked_add_months(chrono::Months::new(60 * k as u32))
                            .unwrap(),
                    )
                })
                .collect();
            c = c.with(org, level, &list).unwrap();
        }
        c
    })
}

round_trips! {
    merger_comparison: one_of(&[MergerComparison::Sum, MergerComparison::Omit]);
    congress: (1..50u32, date()).prop_map(|(n, d)| Congress::new(n, d));
    term_calendar_value: term_calendar();
    ids_org: org_id();
    ids_member: member_id();
    ids_inspection: "[A-Z0-9]{1,8}".prop_map(|t| t.parse::<InspectionId>().unwrap());
    ids_discipline: "[A-Z0-9]{1,8}".prop_map(|t| t.parse::<DisciplineId>().unwrap());
    org_level: one_of(&OrgLevel::ALL);
    left_reason: one_of(&LeftReason::ALL);
    discipline_form: one_of(&DisciplineForm::ALL);
    discipline_status: one_of(&DisciplineStatus::ALL);
    subject_kind: one_of(&SubjectKind::ALL);
    body_kind: one_of(&BodyKind::ALL);
    inspection_ground: one_of(&InspectionGround::ALL);
    supervision_mode: one_of(&SupervisionMode::ALL);
    activity: one_of(&Activity::ALL);
    subject_type: one_of(&SubjectType::ALL);
    indicator_group: one_of(&IndicatorGroup::ALL);
    half: one_of(&Half::ALL);
    member_content: one_of(&MemberContent::ALL);
    org_content: one_of(&OrgContent::ALL);
    content_category: content();
    lang: one_of(&[Lang::Vi, Lang::En]);
    rule: one_of(Rule::ALL);
    text_confirmation: one_of(&[
        TextConfirmation::TwoOrMoreSources,
        TextConfirmation::OneSource,
        TextConfirmation::Partial,
        TextConfirmation::NotFound,
    ]);
    indicator: one_of(&DegradationIndicator::ALL);
    indicator_set: indicators();
    oversight_kind: one_of(&OversightKind::ALL);
    body_value: body();
    subject_value: subject();
    outcome_value: outcome();
    finding_value: finding();
    inspection_fields_value: inspection_fields();
    inspection: inspection_fields().prop_filter_map("valid", |f| Inspection::new(f).ok());
    member_fields_value: member_fields();
    member: member_fields().prop_filter_map("valid", |f| Member::new(f).ok());
    member_status: prop_oneof![
        Just(MemberStatus::NotYetAdmitted),
        Just(MemberStatus::Probationary),
        Just(MemberStatus::Official),
        one_of(&LeftReason::ALL).prop_map(MemberStatus::Left),
    ];
    organization_fields_value: organization_fields();
    organization: organization_fields().prop_filter_map("valid", |f| PartyOrganization::new(f).ok());
    org_index: any::<u32>().prop_map(OrgIndex);
    period_value: period();
    period_fields: (date(), date()).prop_map(|(first, last)| PeriodFields { first, last });
    term_value: term();
    term_fields: term().prop_map(TermFields::from);
    ratio: (any::<u64>(), 1u64..).prop_filter_map("valid", |(n, d)| Ratio::new(n, d).ok());
    ratio_fields: (any::<u64>(), any::<u64>())
        .prop_map(|(numerator, denominator)| RatioFields { numerator, denominator });
    percent_value: percent();
    ratio_fields32: (any::<u32>(), any::<u32>())
        .prop_map(|(numerator, denominator)| RatioFields32 { numerator, denominator });
    rounding: one_of(&[Rounding::HalfAwayFromZero, Rounding::HalfEven, Rounding::TowardZero]);
    rate_kind: one_of(&[RateKind::Resolution, RateKind::Coverage]);
    rate: (one_of(&[RateKind::Resolution, RateKind::Coverage]), any::<u64>(), any::<u64>())
        .prop_filter_map("valid", |(k, p, w)| Rate::new(k, p, w).ok());
    rate_fields: (one_of(&[RateKind::Resolution, RateKind::Coverage]), any::<u64>(), any::<u64>())
        .prop_map(|(kind, part, whole)| RateFields { kind, part, whole });
    rate_evaluation: prop_oneof![
        Just(RateEvaluation::NothingToMeasure),
        Just(RateEvaluation::Met),
        any::<u64>().prop_map(|by| RateEvaluation::Short { by }),
    ];
    direction: one_of(&[Direction::Increase, Direction::Decrease]);
    percent_target_value: percent_target();
    percent_target_fields: (one_of(&[Direction::Increase, Direction::Decrease]), percent(), prop::option::of(percent()))
        .prop_map(|(direction, min, max)| PercentTargetFields { direction, min, max });
    evaluation: prop_oneof![
        Just(Evaluation::NoBaseline),
        Just(Evaluation::Within),
        any::<u64>().prop_map(|by| Evaluation::Below { by }),
        any::<u64>().prop_map(|by| Evaluation::Above { by }),
    ];
    pace: prop_oneof![Just(Pace::OnTrack), any::<u64>().prop_map(|by| Pace::Behind { by })];
    time_bar: prop_oneof![
        date().prop_map(|last_day| TimeBar::InTime { last_day }),
        date().prop_map(|since| TimeBar::Barred { since }),
        Just(TimeBar::NoLimitForForm),
        Just(TimeBar::NoLimitForCategory(LimitationException::IllegalDiplomas)),
    ];
    limitation_exception: one_of(&[
        LimitationException::InternalPolitics,
        LimitationException::DefenceSecurityForeignAffairs,
        LimitationException::IllegalDiplomas,
    ]);
    discipline_fields_value: discipline_fields();
    body_level: one_of(&[
        BodyLevel::Central,
        BodyLevel::Provincial,
        BodyLevel::District,
        BodyLevel::GrassrootsCommittee,
        BodyLevel::ChiBo,
    ]);
    confidence: one_of(&[Confidence::Confirmed, Confidence::Default]);
    authority_subject: one_of(&[AuthoritySubject::Organizations, AuthoritySubject::Members]);
    authority_rule: (
        one_of(&BodyKind::ALL),
        one_of(&[BodyLevel::Central, BodyLevel::ChiBo]),
        one_of(&[AuthoritySubject::Organizations, AuthoritySubject::Members]),
        prop::collection::vec(one_of(&DisciplineForm::ALL), 0..4),
        one_of(&[Confidence::Confirmed, Confidence::Default]),
        ".{0,20}",
    )
        .prop_map(|(body, level, subject, forms, confidence, source)| AuthorityRule {
            body,
            level,
            subject,
            forms,
            confidence,
            source,
        });
    authority_policy: Just(AuthorityPolicy::default());
    assessor: one_of(&[Assessor::SelfAssessment, Assessor::CellCollective]);
    assessment: (member_id(), period(), one_of(&[Assessor::SelfAssessment, Assessor::CellCollective]), indicators())
        .prop_map(|(member, period, assessor, indicators)| Assessment { member, period, assessor, indicators });
    rating_regime: one_of(&[RatingRegime::Hd27Of2014, RatingRegime::Qd132Of2018]);
    rated_subject: one_of(&[RatedSubject::Member, RatedSubject::Organization]);
    quality_grade: one_of(&[
        QualityGrade::Excellent,
        QualityGrade::Good,
        QualityGrade::Completed,
        QualityGrade::NotCompleted,
    ]);
    annual_rating_fields: (
        one_of(&[RatedSubject::Member, RatedSubject::Organization]),
        1990i32..2040,
        one_of(&[QualityGrade::Excellent, QualityGrade::NotCompleted]),
    )
        .prop_map(|(subject, year, grade)| AnnualRatingFields { subject, year, grade });
    annual_rating: (
        one_of(&[RatedSubject::Member, RatedSubject::Organization]),
        1990i32..2040,
        one_of(&[QualityGrade::Excellent, QualityGrade::Good, QualityGrade::Completed, QualityGrade::NotCompleted]),
    )
        .prop_filter_map("valid", |(s, y, g)| AnnualRating::new(s, y, g).ok());
    briefing_kind: one_of(&[BriefingKind::Conference, BriefingKind::CellMeeting]);
    briefing_fields: (org_id(), date(), one_of(&[BriefingKind::Conference, BriefingKind::CellMeeting]), prop::collection::vec(member_id(), 0..4))
        .prop_map(|(org, date, kind, attendees)| BriefingFields { org, date, kind, attendees, topic: None });
    bodies: one_of(&[Bodies::Commission, Bodies::Committee, Bodies::Both]);
    briefing_topic: Just(party_oversight::assessment::BriefingTopic::DegradationIndicators);
    org_move: (org_id(), date(), org_id()).prop_map(|(org, date, parent)| party_oversight::OrgMove { org, date, parent });
    lineage_link: (org_id(), org_id(), any::<u32>()).prop_map(|(predecessor, successor, weight)| party_oversight::LineageLink { predecessor, successor, weight });
    member_move: (member_id(), date(), org_id()).prop_map(|(member, date, org)| party_oversight::MemberMove { member, date, org });
    report_style: one_of(&[ReportStyle::Standard, ReportStyle::SmallUnit]);
    comparison_style: one_of(&[ComparisonStyle::Absolute, ComparisonStyle::Percent]);
    term_targets: (term(), period(), percent_target(), percent(), prop::option::of(any::<u64>()))
        .prop_map(|(term, baseline_period, oversight, resolution, baseline_count)| TermTargets { term, baseline_period, baseline_count, oversight, resolution });
}

#[cfg(feature = "interchange")]
round_trips! {
    term_status: one_of(&[TermStatus::NoBaseline, TermStatus::Below, TermStatus::Within, TermStatus::Above]);
}

// ---------------------------------------------------------------------------
// Arbitrary JSON never makes a Deserialize, then Display or Debug, panic.

fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<u64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|n| serde_json::json!(n)),
        // Strings that look like the crate's own values, and any strings.
        prop_oneof![
            "(I|II|III|IV)\\.[0-9]{1,2}(;(I|II)\\.[0-9])?",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            "(central|cell|calendar|dated|inspection|supervision|member|organization|decided)",
            ".{0,70}",
        ]
        .prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    "(id|org|parent|level|name|established|dissolved|successor|first|last|basis|ordinal|first_year|numerator|denominator|kind|part|whole|direction|min|max|subject|outcome|type|activity|indicators|handled|full_name|admitted|official|left|left_reason|body|started|concluded|findings|form|status|date|violation_date|year|grade)",
                    ".{0,8}",
                ],
                inner,
                0..8,
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Feeds `json` to each type's `Deserialize`, and shows what it accepts.
macro_rules! never_panics {
    ($json:expr; display: $($d:ty),+; debug: $($g:ty),+) => {{
        $(
            if let Ok(v) = serde_json::from_value::<$d>($json.clone()) {
                let _ = v.to_string();
                let _ = format!("{v:?}");
            }
        )+
        $(
            if let Ok(v) = serde_json::from_value::<$g>($json.clone()) {
                let _ = format!("{v:?}");
                let _ = serde_json::to_string(&v);
            }
        )+
    }};
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn arbitrary_json_never_panics(json in any_json()) {
        never_panics!(json;
            display: OrgId, MemberId, InspectionId, DisciplineId, OrgLevel, LeftReason,
                DisciplineForm, DisciplineStatus, SubjectKind, BodyKind, InspectionGround,
                SupervisionMode, Activity, SubjectType, IndicatorGroup, Half, Rule,
                MemberContent, OrgContent, Content, DegradationIndicator, IndicatorSet, OversightKind, Body, Subject, Period,
                Ratio, Percent, Rate;
            debug: Term, Lang, TextConfirmation, Outcome, Finding, InspectionFields, Inspection,
                MemberFields, Member, MemberStatus, OrganizationFields, PartyOrganization,
                OrgIndex, party_oversight::OrgTree, PeriodFields, TermFields, RatioFields,
                RatioFields32, Rounding, RateKind, RateFields, RateEvaluation, Direction,
                PercentTarget, PercentTargetFields, Evaluation, Pace, TimeBar,
                LimitationException, DisciplineFields, BodyLevel, Confidence,
                AuthoritySubject, AuthorityRule, AuthorityPolicy, Assessor, Assessment,
                RatingRegime, RatedSubject, QualityGrade, AnnualRatingFields, AnnualRating,
                BriefingKind, BriefingFields, Bodies, TermTargets, TermCalendar, Congress,
                MergerComparison, OrgMove, LineageLink, MemberMove
        );
        #[cfg(feature = "interchange")]
        never_panics!(json; display: Rule; debug: TermStatus);
    }
}
