//! Roll-up laws on random trees and records.

use chrono::{Days, NaiveDate};
use party_oversight::assessment::{Assessment, Assessor, Briefing, BriefingFields, BriefingKind};
use party_oversight::{
    Body, BodyKind, DisciplineAction, DisciplineFields, DisciplineForm, DisciplineStatus, Finding,
    Half, IndicatorSet, Inspection, InspectionFields, InspectionGround, LeftReason, Member,
    MemberFields, OrgLevel, OrgTree, OrganizationFields, Outcome, OversightKind, OversightRegister,
    PartyOrganization, Period, Records, Rollup, Roster, Subject, SupervisionMode, Tally,
};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct World {
    tree: OrgTree,
    roster: Roster,
    oversight: OversightRegister,
    discipline: Vec<DisciplineAction>,
    assessments: Vec<Assessment>,
    briefings: Vec<Briefing>,
}

/// A random valid world from a seed: a tree of up to 40 organizations, up
/// to 80 members, and random records; candidates that break a rule are
/// simply not kept (the generator's business, not the library's).
fn world(seed: u64, n_orgs: usize, n_members: usize, n_records: usize) -> World {
    let mut rng = seed;
    let mut next = move |bound: u64| {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (rng >> 33) % bound.max(1)
    };
    let mut fields: Vec<OrganizationFields> = Vec::new();
    for i in 0..n_orgs {
        let (parent, level) = if i == 0 {
            (None, OrgLevel::Central)
        } else {
            let hosts: Vec<usize> = (0..fields.len())
                .filter(|&j| !fields[j].level.child_levels().is_empty())
                .collect();
            let p = hosts[next(hosts.len() as u64) as usize];
            let kids = fields[p].level.child_levels();
            (
                Some(fields[p].id.clone()),
                kids[next(kids.len() as u64) as usize],
            )
        };
        fields.push(OrganizationFields {
            id: format!("O{i}").parse().unwrap(),
            parent,
            level,
            name: format!("Tổ chức {i}"),
            established: d(1990, 1, 1),
            dissolved: None,
            successor: None,
        });
    }
    let tree = OrgTree::new(
        fields
            .into_iter()
            .map(|f| PartyOrganization::new(f).unwrap())
            .collect(),
    )
    .unwrap();
    let homes: Vec<String> = tree
        .iter()
        .filter(|o| o.level().holds_members())
        .map(|o| o.id().to_string())
        .collect();
    let mut members = Vec::new();
    if !homes.is_empty() {
        for i in 0..n_members {
            let admitted = d(2010, 1, 1) + Days::new(next(3000));
            let official = (next(3) > 0)
                .then(|| party_oversight::probation_end(admitted).unwrap() + Days::new(next(60)));
            let leaves = next(6) == 0;
            let left = leaves.then(|| official.unwrap_or(admitted) + Days::new(1 + next(400)));
            let reason = match (left, official) {
                (None, _) => None,
                (Some(_), None) => Some(LeftReason::NameRemoval),
                (Some(_), Some(_)) => Some(
                    [
                        LeftReason::NameRemoval,
                        LeftReason::Expulsion,
                        LeftReason::Death,
                    ][next(3) as usize],
                ),
            };
            members.push(
                Member::new(MemberFields {
                    id: format!("M{i}").parse().unwrap(),
                    org: homes[next(homes.len() as u64) as usize].parse().unwrap(),
                    full_name: format!("Người {i}"),
                    admitted,
                    official,
                    left,
                    left_reason: reason,
                })
                .unwrap(),
            );
        }
    }
    let roster = Roster::new(&tree, members).unwrap();
    let orgs: Vec<String> = tree.iter().map(|o| o.id().to_string()).collect();
    let mids: Vec<String> = roster.iter().map(|m| m.id().to_string()).collect();
    let mut inspections = Vec::new();
    let mut discipline = Vec::new();
    let mut assessments = Vec::new();
    let mut briefings = Vec::new();
    let bodies: Vec<String> = tree
        .iter()
        .filter(|o| o.level().is_grassroots_or_above())
        .map(|o| o.id().to_string())
        .collect();
    for r in 0..n_records {
        let body_org = &bodies[next(bodies.len() as u64) as usize];
        let below: Vec<String> = tree
            .subtree(body_org)
            .skip(1)
            .map(|o| o.id().to_string())
            .collect();
        let members_below: Vec<String> = roster
            .in_subtree(&tree, body_org)
            .map(|m| m.id().to_string())
            .collect();
        let kind = if next(3) == 0 && party_oversight::inspection::has_commission(&tree, body_org) {
            BodyKind::Commission
        } else {
            BodyKind::Committee
        };
        let started = d(2016, 1, 1) + Days::new(next(730));
        let mut findings: Vec<Finding> = Vec::new();
        for _ in 0..next(5) {
            // Mostly subjects below the body; now and then anything, which the register refuses.
            let pick_any = next(8) == 0;
            let subject = if next(2) == 0 || members_below.is_empty() {
                let pool = if pick_any || below.is_empty() {
                    &orgs
                } else {
                    &below
                };
                Subject::Organization(pool[next(pool.len() as u64) as usize].parse().unwrap())
            } else {
                let pool = if pick_any { &mids } else { &members_below };
                Subject::Member(pool[next(pool.len() as u64) as usize].parse().unwrap())
            };
            if findings.iter().any(|f| f.subject == subject) {
                continue;
            }
            let outcome = match next(3) {
                0 => Outcome::NoViolation,
                1 => Outcome::Violation {
                    indicators: IndicatorSet::from_bits(next(1 << 27) as u32).unwrap(),
                    handled: None,
                },
                _ => Outcome::Violation {
                    indicators: IndicatorSet::new(),
                    handled: Some(started + Days::new(next(100))),
                },
            };
            findings.push(Finding {
                subject,
                outcome,
                committee_member: next(4) == 0,
            });
        }
        let activity = if next(2) == 0 {
            OversightKind::Inspection(InspectionGround::Compliance)
        } else {
            OversightKind::Supervision(SupervisionMode::Thematic)
        };
        let candidate = Inspection::new(InspectionFields {
            id: format!("I{r}").parse().unwrap(),
            kind: activity,
            body: Body {
                kind,
                org: body_org.parse().unwrap(),
            },
            started,
            concluded: Some(started + Days::new(30)),
            findings,
            escalated_from: None,
        })
        .unwrap();
        if OversightRegister::new(&tree, &roster, vec![candidate.clone()]).is_ok() {
            inspections.push(candidate);
        }
        if !mids.is_empty() {
            let subject = if next(3) == 0 || members_below.is_empty() {
                let pool = if below.is_empty() { &orgs } else { &below };
                Subject::Organization(pool[next(pool.len() as u64) as usize].parse().unwrap())
            } else {
                Subject::Member(
                    members_below[next(members_below.len() as u64) as usize]
                        .parse()
                        .unwrap(),
                )
            };
            let date = d(2016, 1, 1) + Days::new(next(730));
            if let Ok(a) = DisciplineAction::new(
                &tree,
                &roster,
                DisciplineFields {
                    id: format!("K{r}").parse().unwrap(),
                    subject,
                    form: [
                        DisciplineForm::Reprimand,
                        DisciplineForm::Warning,
                        DisciplineForm::Dissolution,
                    ][next(3) as usize],
                    status: [DisciplineStatus::Proposed, DisciplineStatus::Decided]
                        [next(2) as usize],
                    body: Body {
                        kind,
                        org: body_org.parse().unwrap(),
                    },
                    violation_date: date - Days::new(next(300)),
                    date,
                    inspection: None,
                    holds_post: None,
                    exception: None,
                },
            ) {
                discipline.push(a);
            }
            let member = &mids[next(mids.len() as u64) as usize];
            let first = d(2016, 1, 1) + Days::new(next(700));
            assessments.push(Assessment {
                member: member.parse().unwrap(),
                period: Period::new(first, first + Days::new(next(30))).unwrap(),
                assessor: if next(2) == 0 {
                    Assessor::SelfAssessment
                } else {
                    Assessor::CellCollective
                },
                indicators: IndicatorSet::from_bits(next(1 << 27) as u32).unwrap(),
            });
            let date = d(2016, 1, 1) + Days::new(next(730));
            let attendees: Vec<_> = roster
                .iter()
                .filter(|m| {
                    m.is_member_on(date)
                        && tree.is_within(m.org_id().as_str(), body_org)
                        && next(2) == 0
                })
                .map(|m| m.id().clone())
                .collect();
            briefings.push(
                Briefing::new(
                    &tree,
                    &roster,
                    BriefingFields {
                        org: body_org.parse().unwrap(),
                        date,
                        kind: if next(2) == 0 {
                            BriefingKind::Conference
                        } else {
                            BriefingKind::CellMeeting
                        },
                        attendees,
                    },
                )
                .unwrap(),
            );
        }
    }
    let oversight = OversightRegister::new(&tree, &roster, inspections).unwrap();
    World {
        tree,
        roster,
        oversight,
        discipline,
        assessments,
        briefings,
    }
}

fn periods() -> Vec<Period> {
    vec![
        Period::year(2016).unwrap(),
        Period::year(2017).unwrap(),
        Period::half(2017, Half::First).unwrap(),
        Period::new(d(2016, 1, 1), d(2017, 12, 31)).unwrap(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn rollup_equals_a_naive_recomputation(seed in any::<u64>(), n_orgs in 1usize..30, n_members in 0usize..60, n_records in 0usize..40) {
        let w = world(seed, n_orgs, n_members, n_records);
        let records = Records::new(&w.tree, &w.roster, &w.oversight, &w.discipline, &w.assessments, &w.briefings).unwrap();
        let ps = periods();
        let rollup = Rollup::compute(&records, &ps);
        for p in &ps {
            for o in w.tree.iter() {
                let naive = records.tally(o.id().as_str(), *p).unwrap();
                prop_assert_eq!(rollup.total(o.id().as_str(), *p), Some(&naive), "{} {}", o.id(), p);
                // distinct <= visits
                for kind in [BodyKind::Committee, BodyKind::Commission] {
                    let b = naive.body(kind);
                    for a in [&b.inspections, &b.supervisions] {
                        prop_assert!(a.orgs_distinct() <= a.org_visits());
                        prop_assert!(a.members_distinct() <= a.member_visits());
                        prop_assert!(a.committee_members_distinct() <= a.members_distinct());
                        prop_assert!(a.handled() <= a.violations());
                    }
                }
                prop_assert!(naive.briefed_members() <= naive.members_official() + naive.members_probationary());
                // A parent's totals are its own records plus its children's totals.
                let mut sum = rollup.own(o.id().as_str(), *p).unwrap().clone();
                for c in w.tree.children(o.id().as_str()) {
                    sum.merge(rollup.total(c.id().as_str(), *p).unwrap());
                }
                prop_assert_eq!(&sum, &naive);
            }
        }
    }

    #[test]
    fn merging_is_order_and_grouping_free(seed in any::<u64>(), n_orgs in 2usize..25, order in any::<u64>()) {
        let w = world(seed, n_orgs, 40, 30);
        let records = Records::new(&w.tree, &w.roster, &w.oversight, &w.discipline, &w.assessments, &w.briefings).unwrap();
        let p = Period::year(2017).unwrap();
        let rollup = Rollup::compute(&records, &[p]);
        let parts: Vec<Tally> = w.tree.iter().map(|o| rollup.own(o.id().as_str(), p).unwrap().clone()).collect();
        // Left fold in tree order.
        let mut forward = Tally::default();
        for t in &parts { forward.merge(t); }
        // A shuffled order, grouped in pairs first.
        let mut idx: Vec<usize> = (0..parts.len()).collect();
        let mut r = order;
        for i in (1..idx.len()).rev() {
            r = r.wrapping_mul(6364136223846793005).wrapping_add(1);
            idx.swap(i, (r >> 33) as usize % (i + 1));
        }
        let mut pairs = Vec::new();
        for chunk in idx.chunks(2) {
            let mut t = Tally::default();
            for &i in chunk.iter().rev() { t.merge(&parts[i]); }
            pairs.push(t);
        }
        let mut shuffled = Tally::default();
        for t in pairs.iter().rev() { shuffled.merge(t); }
        prop_assert_eq!(&forward, &shuffled);
        // The identity.
        let mut with_empty = forward.clone();
        with_empty.merge(&Tally::default());
        prop_assert_eq!(&with_empty, &forward);
        // And the total at the root is the merge of every organization's own tally.
        let root = w.tree.root().unwrap().id().as_str();
        prop_assert_eq!(rollup.total(root, p), Some(&forward));
    }
}

#[test]
fn pooled_and_mean_rates_differ_knowingly() {
    // Two units: one handled 1 of 1, the other 0 of 3. Pooled 1/4, mean (1 + 0) / 2 = 1/2.
    let tree = OrgTree::new(vec![
        PartyOrganization::new(OrganizationFields {
            id: "TW".parse().unwrap(),
            parent: None,
            level: OrgLevel::Central,
            name: "TW".into(),
            established: d(1990, 1, 1),
            dissolved: None,
            successor: None,
        })
        .unwrap(),
        PartyOrganization::new(OrganizationFields {
            id: "A".parse().unwrap(),
            parent: Some("TW".parse().unwrap()),
            level: OrgLevel::Provincial,
            name: "A".into(),
            established: d(1990, 1, 1),
            dissolved: None,
            successor: None,
        })
        .unwrap(),
        PartyOrganization::new(OrganizationFields {
            id: "B".parse().unwrap(),
            parent: Some("TW".parse().unwrap()),
            level: OrgLevel::Provincial,
            name: "B".into(),
            established: d(1990, 1, 1),
            dissolved: None,
            successor: None,
        })
        .unwrap(),
        PartyOrganization::new(OrganizationFields {
            id: "A1".parse().unwrap(),
            parent: Some("A".parse().unwrap()),
            level: OrgLevel::Grassroots,
            name: "A1".into(),
            established: d(1990, 1, 1),
            dissolved: None,
            successor: None,
        })
        .unwrap(),
        PartyOrganization::new(OrganizationFields {
            id: "B1".parse().unwrap(),
            parent: Some("B".parse().unwrap()),
            level: OrgLevel::Grassroots,
            name: "B1".into(),
            established: d(1990, 1, 1),
            dissolved: None,
            successor: None,
        })
        .unwrap(),
        PartyOrganization::new(OrganizationFields {
            id: "B2".parse().unwrap(),
            parent: Some("B".parse().unwrap()),
            level: OrgLevel::Grassroots,
            name: "B2".into(),
            established: d(1990, 1, 1),
            dissolved: None,
            successor: None,
        })
        .unwrap(),
        PartyOrganization::new(OrganizationFields {
            id: "B3".parse().unwrap(),
            parent: Some("B".parse().unwrap()),
            level: OrgLevel::Grassroots,
            name: "B3".into(),
            established: d(1990, 1, 1),
            dissolved: None,
            successor: None,
        })
        .unwrap(),
    ])
    .unwrap();
    let roster = Roster::new(&tree, vec![]).unwrap();
    let insp = |id: &str, body: &str, subjects: &[(&str, bool)]| {
        Inspection::new(InspectionFields {
            id: id.parse().unwrap(),
            kind: OversightKind::Inspection(InspectionGround::SignsOfViolation),
            body: Body {
                kind: BodyKind::Committee,
                org: body.parse().unwrap(),
            },
            started: d(2017, 3, 1),
            concluded: Some(d(2017, 4, 1)),
            findings: subjects
                .iter()
                .map(|(s, handled)| Finding {
                    subject: Subject::Organization(s.parse().unwrap()),
                    outcome: Outcome::Violation {
                        indicators: IndicatorSet::new(),
                        handled: handled.then(|| d(2017, 5, 1)),
                    },
                    committee_member: false,
                })
                .collect(),
            escalated_from: None,
        })
        .unwrap()
    };
    let oversight = OversightRegister::new(
        &tree,
        &roster,
        vec![
            insp("X", "A", &[("A1", true)]),
            insp("Y", "B", &[("B1", false), ("B2", false), ("B3", false)]),
        ],
    )
    .unwrap();
    let records = Records::new(&tree, &roster, &oversight, &[], &[], &[]).unwrap();
    let p = Period::year(2017).unwrap();
    let rollup = Rollup::compute(&records, &[p]);
    let pooled = rollup.resolution_pooled("TW", p).unwrap();
    assert_eq!((pooled.part(), pooled.whole()), (1, 4));
    let mean = rollup.resolution_mean_of_units("TW", p).unwrap().unwrap();
    assert_eq!(mean, party_oversight::Ratio::new(1, 2).unwrap());
    assert_eq!(rollup.resolution_mean_of_units("A1", p).unwrap(), None);
}

#[test]
fn the_random_worlds_are_not_empty() {
    // Guards the generator: the laws above are only tested if worlds hold records.
    let (mut insp, mut disc, mut visits) = (0, 0, 0);
    for seed in 0..20 {
        let w = world(seed, 30, 60, 40);
        insp += w.oversight.len();
        disc += w.discipline.len();
        visits += w
            .oversight
            .iter()
            .map(|i| i.findings().len())
            .sum::<usize>();
    }
    assert!(insp > 200, "{insp} inspections");
    assert!(disc > 50, "{disc} discipline actions");
    assert!(visits > 200, "{visits} subjects");
}
