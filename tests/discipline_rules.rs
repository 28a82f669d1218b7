//! The discipline and inspection rules, table-driven.

use chrono::NaiveDate;
use party_oversight::discipline::{AuthoritySubject, BodyLevel, Confidence};
use party_oversight::{
    AuthorityPolicy, Body, BodyKind, DisciplineAction, DisciplineFields, DisciplineForm,
    DisciplineStatus, Finding, Inspection, InspectionFields, InspectionGround, LeftReason,
    LimitationException, Member, MemberFields, OrgLevel, OrgTree, OrganizationFields, Outcome,
    OversightKind, OversightRegister, PartyOrganization, Roster, Subject, SupervisionMode, TimeBar,
    time_bar,
};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn org(id: &str, parent: Option<&str>, level: OrgLevel) -> PartyOrganization {
    PartyOrganization::new(OrganizationFields {
        id: id.parse().unwrap(),
        parent: parent.map(|p| p.parse().unwrap()),
        level,
        name: format!("Tổ chức {id}"),
        established: d(1990, 1, 1),
        dissolved: None,
        successor: None,
    })
    .unwrap()
}

/// TW > HG (province) > BM (district) > XA (đảng ủy cơ sở) > C1 (cell), B1
/// (partial) > C2; BM > CS (chi bộ cơ sở, no units).
fn tree() -> OrgTree {
    OrgTree::new(vec![
        org("TW", None, OrgLevel::Central),
        org("HG", Some("TW"), OrgLevel::Provincial),
        org("BM", Some("HG"), OrgLevel::District),
        org("XA", Some("BM"), OrgLevel::Grassroots),
        org("C1", Some("XA"), OrgLevel::Cell),
        org("B1", Some("XA"), OrgLevel::Partial),
        org("C2", Some("B1"), OrgLevel::Cell),
        org("CS", Some("BM"), OrgLevel::Grassroots),
        org("OT", Some("HG"), OrgLevel::Grassroots),
    ])
    .unwrap()
}

fn member(id: &str, org: &str, admitted: NaiveDate, official: Option<NaiveDate>) -> Member {
    Member::new(MemberFields {
        id: id.parse().unwrap(),
        org: org.parse().unwrap(),
        full_name: format!("Đảng viên {id}"),
        admitted,
        official,
        left: None,
        left_reason: None,
    })
    .unwrap()
}

fn roster(tree: &OrgTree) -> Roster {
    let mut expelled = member("EX", "C1", d(2000, 1, 1), Some(d(2001, 1, 1)))
        .fields()
        .clone();
    expelled.left = Some(d(2017, 5, 1));
    expelled.left_reason = Some(LeftReason::Expulsion);
    Roster::new(
        tree,
        vec![
            member("OF", "C1", d(2000, 1, 1), Some(d(2001, 1, 1))),
            member("PR", "C1", d(2016, 9, 1), None),
            member("CSM", "CS", d(2000, 1, 1), Some(d(2001, 1, 1))),
            Member::new(expelled).unwrap(),
        ],
    )
    .unwrap()
}

fn fields(
    subject: Subject,
    form: DisciplineForm,
    body: BodyKind,
    body_org: &str,
) -> DisciplineFields {
    DisciplineFields {
        id: "KL-1".parse().unwrap(),
        subject,
        form,
        status: DisciplineStatus::Decided,
        body: Body {
            kind: body,
            org: body_org.parse().unwrap(),
        },
        violation_date: d(2016, 12, 1),
        date: d(2017, 5, 1),
        inspection: None,
        holds_post: None,
        exception: None,
        content: None,
        committee_member: false,
    }
}

fn m(id: &str) -> Subject {
    Subject::Member(id.parse().unwrap())
}

fn o(id: &str) -> Subject {
    Subject::Organization(id.parse().unwrap())
}

#[test]
fn the_form_matrix() {
    // (subject kind × status on the date × form): allowed exactly as the Charter says.
    let t = tree();
    let r = roster(&t);
    let subjects = [
        ("organization", o("XA")),
        ("official", m("OF")),
        ("probationary", m("PR")),
    ];
    let mut table = String::new();
    for (name, subject) in &subjects {
        for form in DisciplineForm::ALL {
            let ok = DisciplineAction::new(
                &t,
                &r,
                fields(subject.clone(), form, BodyKind::Commission, "BM"),
            )
            .is_ok();
            table.push_str(&format!(
                "{name:<13} {:<20} {}\n",
                form.code(),
                if ok { "allowed" } else { "refused" }
            ));
        }
    }
    insta::assert_snapshot!(table, @r"
    organization  reprimand            allowed
    organization  warning              allowed
    organization  removal_from_office  refused
    organization  expulsion            refused
    organization  dissolution          allowed
    official      reprimand            allowed
    official      warning              allowed
    official      removal_from_office  allowed
    official      expulsion            allowed
    official      dissolution          refused
    probationary  reprimand            allowed
    probationary  warning              allowed
    probationary  removal_from_office  refused
    probationary  expulsion            refused
    probationary  dissolution          refused
    ");
    // The expulsion is dated the day it ends the membership.
    assert!(
        DisciplineAction::new(
            &t,
            &r,
            fields(
                m("EX"),
                DisciplineForm::Expulsion,
                BodyKind::Commission,
                "BM"
            )
        )
        .is_ok()
    );
}

#[test]
fn error_messages() {
    let t = tree();
    let r = roster(&t);
    let err = |f: DisciplineFields| DisciplineAction::new(&t, &r, f).unwrap_err().to_string();
    insta::assert_snapshot!(err(fields(m("PR"), DisciplineForm::RemovalFromOffice, BodyKind::Commission, "BM")), @"discipline action KL-1: member PR was probationary on 2017-05-01, so 'removal from office' is not an allowed form (Party Charter, Article 35): allowed are reprimand, warning");
    insta::assert_snapshot!(err(fields(m("OF"), DisciplineForm::Expulsion, BodyKind::Committee, "C1")), @"discipline action KL-1: the committee of C1 is a chi bộ, which decides only reprimand or warning for its members, not expulsion (Party Charter, Article 36)");
    insta::assert_snapshot!(err(fields(m("CSM"), DisciplineForm::Warning, BodyKind::Commission, "CS")), @"discipline action KL-1: the commission of CS does not exist: an inspection commission sits only at district level and above or at a grassroots party committee with units under it (QĐ 262-QĐ/TW)");
    insta::assert_snapshot!(err(fields(m("OF"), DisciplineForm::Warning, BodyKind::Committee, "B1")), @"
    discipline action KL-1:
    - the committee of B1 cannot decide or propose discipline: a partial party organization (đảng bộ bộ phận) is not a disciplining body (docs/format.md)
    - member OF does not lie under the committee of B1; a member subject belongs to an organization in the body's subtree
    ");
    insta::assert_snapshot!(err(fields(m("OF"), DisciplineForm::Warning, BodyKind::Commission, "OT")), @"
    discipline action KL-1:
    - the commission of OT does not exist: an inspection commission sits only at district level and above or at a grassroots party committee with units under it (QĐ 262-QĐ/TW)
    - member OF does not lie under the commission of OT; a member subject belongs to an organization in the body's subtree
    ");
    insta::assert_snapshot!(err(fields(o("BM"), DisciplineForm::Warning, BodyKind::Committee, "BM")), @"discipline action KL-1: organization BM does not lie under the committee of BM; an organization subject lies strictly below the body's organization");
    let mut f = fields(
        m("OF"),
        DisciplineForm::RemovalFromOffice,
        BodyKind::Commission,
        "BM",
    );
    f.holds_post = Some(false);
    f.date = d(2016, 11, 1);
    insta::assert_snapshot!(err(f), @"
    discipline action KL-1:
    - dated 2016-11-01, before the violation on 2016-12-01
    - member OF holds no party post, so removal from office cannot apply (QĐ 69-QĐ/TW, Article 7)
    ");
    let mut f = fields(m("PR"), DisciplineForm::Warning, BodyKind::Commission, "BM");
    f.date = d(2016, 8, 1);
    f.violation_date = d(2016, 8, 1);
    insta::assert_snapshot!(err(f), @"discipline action KL-1: member PR was not a member on 2016-08-01");
}

#[test]
fn statute_of_limitations_boundaries() {
    use DisciplineForm::*;
    // 5 years for a reprimand: in time on the anniversary, barred the day after.
    let v = d(2012, 3, 15);
    assert_eq!(
        time_bar(Reprimand, None, v, d(2017, 3, 14)),
        TimeBar::InTime {
            last_day: d(2017, 3, 15)
        }
    );
    assert_eq!(
        time_bar(Reprimand, None, v, d(2017, 3, 15)),
        TimeBar::InTime {
            last_day: d(2017, 3, 15)
        }
    );
    assert_eq!(
        time_bar(Reprimand, None, v, d(2017, 3, 16)),
        TimeBar::Barred {
            since: d(2017, 3, 16)
        }
    );
    // 10 years for a warning or removal from office.
    assert_eq!(
        time_bar(Warning, None, v, d(2022, 3, 15)),
        TimeBar::InTime {
            last_day: d(2022, 3, 15)
        }
    );
    assert_eq!(
        time_bar(RemovalFromOffice, None, v, d(2022, 3, 16)),
        TimeBar::Barred {
            since: d(2022, 3, 16)
        }
    );
    // Across 29 February: the anniversary clamps to 28 February.
    let leap = d(2016, 2, 29);
    assert_eq!(
        time_bar(Reprimand, None, leap, d(2021, 2, 27)),
        TimeBar::InTime {
            last_day: d(2021, 2, 28)
        }
    );
    assert_eq!(
        time_bar(Reprimand, None, leap, d(2021, 2, 28)),
        TimeBar::InTime {
            last_day: d(2021, 2, 28)
        }
    );
    assert_eq!(
        time_bar(Reprimand, None, leap, d(2021, 3, 1)),
        TimeBar::Barred {
            since: d(2021, 3, 1)
        }
    );
    // A limit that ends on a leap day.
    assert_eq!(
        time_bar(Reprimand, None, d(2015, 2, 28), d(2020, 2, 29)),
        TimeBar::Barred {
            since: d(2020, 2, 29)
        }
    );
    // No limit.
    assert_eq!(
        time_bar(Expulsion, None, d(1970, 1, 1), d(2020, 1, 1)),
        TimeBar::NoLimitForForm
    );
    assert_eq!(
        time_bar(Dissolution, None, d(1970, 1, 1), d(2020, 1, 1)),
        TimeBar::NoLimitForForm
    );
    assert_eq!(
        time_bar(
            Reprimand,
            Some(LimitationException::InternalPolitics),
            d(1970, 1, 1),
            d(2020, 1, 1)
        ),
        TimeBar::NoLimitForCategory(LimitationException::InternalPolitics)
    );
}

#[test]
fn the_default_authority_table() {
    let policy = AuthorityPolicy::default();
    let mut table = String::new();
    for r in policy.rules() {
        let forms: Vec<&str> = r.forms.iter().map(|f| f.code()).collect();
        table.push_str(&format!(
            "{:?} {:?} {:?}: {} [{:?}]\n",
            r.body,
            r.level,
            r.subject,
            forms.join(", "),
            r.confidence
        ));
    }
    insta::assert_snapshot!(table, @r"
    Committee ChiBo Members: reprimand, warning [Confirmed]
    Committee GrassrootsCommittee Members: reprimand, warning [Confirmed]
    Committee GrassrootsCommittee Members: removal_from_office, expulsion [Default]
    Committee District Members: reprimand, warning, removal_from_office, expulsion [Default]
    Committee Provincial Members: reprimand, warning, removal_from_office, expulsion [Default]
    Committee Central Members: reprimand, warning, removal_from_office, expulsion [Default]
    Commission GrassrootsCommittee Members: reprimand, warning [Default]
    Commission District Members: reprimand, warning, removal_from_office, expulsion [Default]
    Commission Provincial Members: reprimand, warning, removal_from_office, expulsion [Default]
    Commission Central Members: reprimand, warning, removal_from_office, expulsion [Default]
    Committee GrassrootsCommittee Organizations: reprimand, warning [Default]
    Committee District Organizations: reprimand, warning, dissolution [Default]
    Committee Provincial Organizations: reprimand, warning, dissolution [Default]
    Committee Central Organizations: reprimand, warning, dissolution [Default]
    Commission District Organizations: reprimand, warning [Default]
    Commission Provincial Organizations: reprimand, warning [Default]
    Commission Central Organizations: reprimand, warning [Default]
    ");
    assert!(
        policy
            .rules()
            .iter()
            .any(|r| r.confidence == Confidence::Confirmed)
    );
    // A decided action without authority is rejected by the default policy; a proposal passes.
    let t = tree();
    let r = roster(&t);
    let a = DisciplineAction::new(
        &t,
        &r,
        fields(
            m("OF"),
            DisciplineForm::Expulsion,
            BodyKind::Commission,
            "XA",
        ),
    )
    .unwrap();
    insta::assert_snapshot!(policy.check(&t, &a).unwrap_err(), @"discipline action KL-1: the commission of XA (a grassroots party committee) has no authority to decide expulsion for a member under this policy");
    let mut proposal = fields(
        m("OF"),
        DisciplineForm::Expulsion,
        BodyKind::Commission,
        "XA",
    );
    proposal.status = DisciplineStatus::Proposed;
    let p = DisciplineAction::new(&t, &r, proposal).unwrap();
    assert!(policy.check(&t, &p).is_ok());
    // The table can be replaced: a stricter policy without commissions at grassroots.
    let strict = AuthorityPolicy::new(
        policy
            .rules()
            .iter()
            .filter(|r| r.level != BodyLevel::GrassrootsCommittee)
            .cloned()
            .collect(),
    );
    let w = DisciplineAction::new(
        &t,
        &r,
        fields(m("OF"), DisciplineForm::Warning, BodyKind::Commission, "XA"),
    )
    .unwrap();
    assert!(policy.check(&t, &w).is_ok());
    assert!(strict.check(&t, &w).is_err());
    assert!(
        policy
            .allowing(
                BodyKind::Committee,
                BodyLevel::ChiBo,
                AuthoritySubject::Members,
                DisciplineForm::Warning
            )
            .is_some()
    );
}

fn inspection(
    id: &str,
    kind: OversightKind,
    body: BodyKind,
    body_org: &str,
    findings: Vec<Finding>,
) -> Inspection {
    Inspection::new(InspectionFields {
        id: id.parse().unwrap(),
        kind,
        body: Body {
            kind: body,
            org: body_org.parse().unwrap(),
        },
        started: d(2017, 3, 1),
        concluded: Some(d(2017, 4, 1)),
        findings,
        escalated_from: None,
    })
    .unwrap()
}

fn clean(subject: Subject) -> Finding {
    Finding {
        subject,
        outcome: Outcome::NoViolation,
        committee_member: false,
        content: None,
    }
}

#[test]
fn inspections_against_the_tree() {
    let t = tree();
    let r = roster(&t);
    let sup = OversightKind::Supervision(SupervisionMode::Regular);
    let ok = inspection(
        "GS-1",
        sup,
        BodyKind::Commission,
        "BM",
        vec![clean(o("XA")), clean(m("OF"))],
    );
    let register = OversightRegister::new(&t, &r, vec![ok.clone()]).unwrap();
    assert_eq!(register.len(), 1);
    let bad = vec![
        inspection(
            "GS-2",
            sup,
            BodyKind::Commission,
            "CS",
            vec![clean(o("BM"))],
        ),
        inspection("GS-3", sup, BodyKind::Committee, "C1", vec![clean(m("PR"))]),
        inspection(
            "GS-4",
            sup,
            BodyKind::Committee,
            "XA",
            vec![clean(m("CSM")), clean(o("NOPE"))],
        ),
        ok.clone(),
        ok,
    ];
    insta::assert_snapshot!(OversightRegister::new(&t, &r, bad).unwrap_err(), @"
    invalid inspections (6 problems):
    - inspection id GS-1 is used more than once; ids must be unique
    - inspection GS-2: the commission of CS does not exist: an inspection commission sits only at district level and above or at a grassroots party committee with units under it (QĐ 262-QĐ/TW)
    - inspection GS-2: organization BM does not lie under the commission of CS; an organization subject lies strictly below the body's organization
    - inspection GS-3: the committee of C1 cannot act: organization C1 is a cell; only the grassroots level and above conduct oversight
    - inspection GS-4: member CSM does not lie under the committee of XA; a member subject belongs to an organization in the body's subtree
    - inspection GS-4: organization NOPE is not known
    ");
    let own = |f: InspectionFields| Inspection::new(f).unwrap_err().to_string();
    let base = InspectionFields {
        id: "X".parse().unwrap(),
        kind: sup,
        body: Body {
            kind: BodyKind::Committee,
            org: "BM".parse().unwrap(),
        },
        started: d(2017, 3, 1),
        concluded: Some(d(2017, 2, 1)),
        findings: vec![],
        escalated_from: None,
    };
    insta::assert_snapshot!(own(base.clone()), @"inspection X: concluded on 2017-02-01, before it started on 2017-03-01");
    let mut f = base.clone();
    f.concluded = Some(d(2017, 4, 1));
    f.findings = vec![clean(m("OF")), clean(m("OF"))];
    insta::assert_snapshot!(own(f), @"inspection X: member OF is listed twice; a subject appears at most once per inspection");
    let mut f = base.clone();
    f.concluded = None;
    f.findings = vec![clean(m("OF"))];
    insta::assert_snapshot!(own(f), @"inspection X: member OF has a conclusion but the inspection has no conclusion date");
    let mut f = base.clone();
    f.concluded = Some(d(2017, 4, 1));
    f.findings = vec![Finding {
        subject: m("OF"),
        outcome: Outcome::Violation {
            indicators: Default::default(),
            handled: Some(d(2017, 1, 1)),
        },
        committee_member: false,
        content: None,
    }];
    insta::assert_snapshot!(own(f), @"inspection X: member OF: handled on 2017-01-01, before the inspection started on 2017-03-01");
    let mut f = base;
    f.concluded = Some(d(2017, 4, 1));
    f.escalated_from = Some("GS-1".parse().unwrap());
    insta::assert_snapshot!(own(f), @"inspection X: only an inspection on signs of violation can be escalated from a supervision, not a supervision/regular");
    // An escalation keeps its link to an earlier supervision.
    let mut esc = inspection(
        "KT-1",
        OversightKind::Inspection(InspectionGround::SignsOfViolation),
        BodyKind::Commission,
        "BM",
        vec![clean(m("OF"))],
    )
    .fields()
    .clone();
    esc.escalated_from = Some("GS-1".parse().unwrap());
    let esc = Inspection::new(esc).unwrap();
    let sup1 = inspection(
        "GS-1",
        sup,
        BodyKind::Commission,
        "BM",
        vec![clean(m("OF"))],
    );
    assert!(OversightRegister::new(&t, &r, vec![sup1, esc.clone()]).is_ok());
    insta::assert_snapshot!(OversightRegister::new(&t, &r, vec![esc]).unwrap_err(), @"invalid inspections (1 problem): inspection KT-1 names GS-1 as the supervision it was escalated from, but there is no such inspection or supervision");
}

proptest! {
    #[test]
    fn actions_are_accepted_exactly_when_the_tables_allow(subject_i in 0usize..3, form_i in 0usize..5, body_i in 0usize..2, org_i in 0usize..4) {
        let t = tree();
        let r = roster(&t);
        let subjects = [(o("C1"), party_oversight::SubjectKind::Organization), (m("OF"), party_oversight::SubjectKind::OfficialMember), (m("PR"), party_oversight::SubjectKind::ProbationaryMember)];
        let (subject, kind) = subjects[subject_i].clone();
        let form = DisciplineForm::ALL[form_i];
        let body = [BodyKind::Committee, BodyKind::Commission][body_i];
        let body_org = ["TW", "HG", "BM", "XA"][org_i];
        let accepted = DisciplineAction::new(&t, &r, fields(subject, form, body, body_org)).is_ok();
        // All bodies here may act and hold the subject; only the form table decides.
        prop_assert_eq!(accepted, DisciplineForm::allowed_for(kind).contains(&form));
    }

    #[test]
    fn an_accepted_inspection_never_has_a_subject_outside_its_body(body_i in 0usize..9, subj in prop::collection::vec(0usize..13, 0..6)) {
        let t = tree();
        let r = roster(&t);
        let orgs = ["TW", "HG", "BM", "XA", "C1", "B1", "C2", "CS", "OT"];
        let subjects: Vec<Subject> = orgs.iter().map(|x| o(x)).chain(["OF", "PR", "CSM", "EX"].iter().map(|x| m(x))).collect();
        let mut findings: Vec<Finding> = subj.iter().map(|&i| clean(subjects[i].clone())).collect();
        findings.sort_by(|a, b| a.subject.cmp(&b.subject));
        findings.dedup();
        let body_org = orgs[body_i];
        let i = inspection("K", OversightKind::Supervision(SupervisionMode::Thematic), BodyKind::Committee, body_org, findings);
        if let Ok(reg) = OversightRegister::new(&t, &r, vec![i]) {
            for f in reg.iter().flat_map(|i| i.findings()) {
                match &f.subject {
                    Subject::Organization(x) => prop_assert!(t.is_strictly_within(x.as_str(), body_org)),
                    Subject::Member(x) => prop_assert!(t.is_within(r.get(x.as_str()).unwrap().org_id().as_str(), body_org)),
                }
            }
        }
    }
}

#[test]
fn one_violation_one_form() {
    let t = tree();
    let r = roster(&t);
    let mk = |id: &str, form| {
        let mut f = fields(m("OF"), form, BodyKind::Commission, "BM");
        f.id = id.parse().unwrap();
        f.inspection = Some("KT-9".parse().unwrap());
        DisciplineAction::new(&t, &r, f).unwrap()
    };
    let one = [mk("KL-1", DisciplineForm::Warning)];
    assert!(party_oversight::discipline::check_one_form_per_violation(&one).is_ok());
    let two = [
        mk("KL-1", DisciplineForm::Warning),
        mk("KL-2", DisciplineForm::Reprimand),
    ];
    insta::assert_snapshot!(party_oversight::discipline::check_one_form_per_violation(&two).unwrap_err(), @"discipline action KL-2: the violation of member OF found by inspection KT-9 is already disciplined by KL-1; one violation, one form");
}

// ---------------------------------------------------------------------------
// Every error path, with its message pinned.

#[test]
fn exception_not_for_organizations_message() {
    let t = tree();
    let r = roster(&t);
    let mut f = fields(o("XA"), DisciplineForm::Warning, BodyKind::Commission, "BM");
    f.exception = Some(LimitationException::IllegalDiplomas);
    let e = DisciplineAction::new(&t, &r, f).unwrap_err();
    insta::assert_snapshot!(e, @"discipline action KL-1: the use of illegal diplomas is a member's violation, not an organization's");
}

#[test]
fn every_briefing_error_path() {
    use party_oversight::assessment::{Briefing, BriefingFields, BriefingKind};
    let t = tree();
    let r = roster(&t);
    let briefing = |org: &str, attendees: &[&str]| {
        Briefing::new(
            &t,
            &r,
            BriefingFields {
                org: org.parse().unwrap(),
                date: d(2017, 5, 1),
                kind: BriefingKind::Conference,
                attendees: attendees.iter().map(|a| a.parse().unwrap()).collect(),
                topic: None,
            },
        )
        .map(|b| b.attendees().len())
    };
    assert_eq!(briefing("XA", &["OF", "PR"]), Ok(2));
    let errors = [
        briefing("NOWHERE", &["OF"]),
        briefing("XA", &["GHOST"]),
        briefing("XA", &["EX"]),
        briefing("CS", &["OF"]),
        briefing("XA", &["OF", "OF"]),
    ];
    let text: Vec<String> = errors
        .iter()
        .map(|e| e.clone().unwrap_err().to_string())
        .collect();
    insta::assert_snapshot!(text.join("\n"), @"
    briefing by NOWHERE on 2017-05-01: the organizer is not in the tree
    briefing by XA on 2017-05-01: attendee GHOST is not in the roster
    briefing by XA on 2017-05-01: attendee EX was not a member that day
    briefing by CS on 2017-05-01: attendee OF does not belong to the organizer's subtree
    briefing by XA on 2017-05-01: an attendee is listed twice
    ");
}

#[cfg(feature = "interchange")]
#[test]
fn every_write_dataset_refusal() {
    use party_oversight::interchange::{Dataset, write_dataset};
    let t = tree();
    let r = roster(&t);
    let inspection = |id: &str, kind: OversightKind, escalated: Option<&str>, committee: bool| {
        Inspection::new(InspectionFields {
            id: id.parse().unwrap(),
            kind,
            body: Body {
                kind: BodyKind::Commission,
                org: "BM".parse().unwrap(),
            },
            started: d(2017, 3, 1),
            concluded: None,
            findings: vec![Finding {
                subject: m("OF"),
                outcome: Outcome::NotConcluded,
                committee_member: committee,
                content: None,
            }],
            escalated_from: escalated.map(|e| e.parse().unwrap()),
        })
        .unwrap()
    };
    let supervision = OversightKind::Supervision(SupervisionMode::Regular);
    let on_signs = OversightKind::Inspection(InspectionGround::SignsOfViolation);
    let refuse = |inspections: Vec<Inspection>, actions: Vec<DisciplineFields>| {
        let register = OversightRegister::new(&t, &r, inspections).unwrap();
        let actions = actions
            .into_iter()
            .map(|f| DisciplineAction::new(&t, &r, f).unwrap())
            .collect();
        let dir = std::env::temp_dir().join(format!("po-refusal-{}", std::process::id()));
        let e = write_dataset(&Dataset::new(t.clone(), r.clone(), register, actions), &dir)
            .unwrap_err();
        // Nothing is written when a value cannot be held.
        assert!(!dir.join("organizations.csv").exists());
        e.to_string()
    };
    let annulled = {
        let mut f = fields(m("OF"), DisciplineForm::Warning, BodyKind::Commission, "BM");
        f.status = DisciplineStatus::Annulled;
        f
    };
    let post = {
        let mut f = fields(m("OF"), DisciplineForm::Warning, BodyKind::Commission, "BM");
        f.holds_post = Some(true);
        f
    };
    let text = [
        refuse(
            vec![
                inspection("GS-1", supervision, None, false),
                inspection("KT-1", on_signs, Some("GS-1"), false),
            ],
            vec![],
        ),
        refuse(
            vec![{
                let mut f = inspection("GS-1", supervision, None, true).fields().clone();
                f.concluded = Some(d(2017, 4, 1));
                f.findings[0].outcome = Outcome::Shortcoming;
                Inspection::new(f).unwrap()
            }],
            vec![],
        ),
        refuse(vec![], vec![annulled]),
        refuse(vec![], vec![post]),
    ];
    insta::assert_snapshot!(text.join("\n"), @"
    cannot write inspection KT-1: format version 1 has no column for the supervision an inspection was escalated from
    cannot write inspection GS-1, member OF: the format records a violation or none, not a shortcoming apart
    cannot write discipline action KL-1: format version 1 has no status for an annulled action
    cannot write discipline action KL-1: format version 1 has no column for a member's post or a limitation category
    ");
}
