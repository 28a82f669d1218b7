//! Roll-up laws on random trees and records.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use party_oversight::assessment::{
    Assessment, Assessor, Briefing, BriefingFields, BriefingKind, BriefingTopic,
};
use party_oversight::{Activity, DegradationIndicator, MemberStatus, SubjectSide};
use party_oversight::{
    Body, BodyKind, DisciplineAction, DisciplineFields, DisciplineForm, DisciplineStatus, Finding,
    Half, IndicatorSet, Inspection, InspectionFields, InspectionGround, LeftReason, Member,
    MemberFields, OrgLevel, OrgTree, OrganizationFields, Outcome, OversightKind, OversightRegister,
    PartyOrganization, Period, Records, Rollup, Roster, Subject, Tally,
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
                content: None,
            });
        }
        let activity = OversightKind::ALL[next(OversightKind::ALL.len() as u64) as usize];
        // Now and then an inspection on signs of violation escalated from
        // an earlier supervision.
        let escalated_from = (activity
            == OversightKind::Inspection(InspectionGround::SignsOfViolation)
            && next(2) == 0)
            .then(|| {
                inspections
                    .iter()
                    .filter(|i: &&Inspection| !i.kind().is_inspection() && i.started() <= started)
                    .map(|i| i.id().clone())
                    .next_back()
            })
            .flatten();
        let Ok(candidate) = Inspection::new(InspectionFields {
            id: format!("I{r}").parse().unwrap(),
            kind: activity,
            body: Body {
                kind,
                org: body_org.parse().unwrap(),
            },
            started,
            concluded: Some(started + Days::new(30)),
            findings,
            escalated_from,
        }) else {
            continue;
        };
        let mut with = inspections.clone();
        with.push(candidate.clone());
        if OversightRegister::new(&tree, &roster, with).is_ok() {
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
                    content: None,
                    committee_member: false,
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
                        topic: (next(2) == 0).then_some(BriefingTopic::DegradationIndicators),
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

/// Every figure of a tally, by name: what the naive recomputation below
/// computes, read through the public API.
fn figures_of(t: &Tally) -> BTreeMap<String, u64> {
    let mut f = BTreeMap::new();
    let bodies = [Some(BodyKind::Committee), Some(BodyKind::Commission), None];
    let activities = [
        Some(Activity::Inspection),
        Some(Activity::Supervision),
        None,
    ];
    for b in bodies {
        for a in activities {
            let x = t.activity(b, a);
            let k = format!("{b:?}/{a:?}");
            f.insert(format!("{k} count"), x.count());
            f.insert(format!("{k} org_visits"), x.org_visits());
            f.insert(format!("{k} orgs_distinct"), x.orgs_distinct());
            f.insert(format!("{k} member_visits"), x.member_visits());
            f.insert(format!("{k} members_distinct"), x.members_distinct());
            f.insert(
                format!("{k} committee_distinct"),
                x.committee_members_distinct(),
            );
            f.insert(format!("{k} org_violations"), x.org_violations());
            f.insert(format!("{k} member_violations"), x.member_violations());
            f.insert(format!("{k} handled"), x.handled());
            f.insert(format!("{k} escalations"), x.escalations());
        }
        for kind in OversightKind::ALL {
            f.insert(format!("{b:?} kind {kind:?}"), t.kind_count(b, kind));
        }
        for status in DisciplineStatus::ALL {
            for side in [SubjectSide::Organization, SubjectSide::Member] {
                for form in DisciplineForm::ALL {
                    f.insert(
                        format!("{b:?} discipline {status:?} {side:?} {form:?}"),
                        t.discipline(b, status, side, Some(form)),
                    );
                }
            }
        }
    }
    f.insert("name_removals".into(), t.name_removals());
    f.insert(
        "name_removals_probationary".into(),
        t.name_removals_probationary(),
    );
    f.insert("assessments".into(), t.assessments());
    for i in DegradationIndicator::ALL {
        f.insert(format!("showing {i}"), t.members_showing(i));
    }
    f.insert("members_official".into(), t.members_official());
    f.insert("members_probationary".into(), t.members_probationary());
    for k in [BriefingKind::Conference, BriefingKind::CellMeeting] {
        f.insert(format!("briefing {k:?}"), t.briefing_visits(Some(k)));
    }
    f.insert("briefed".into(), t.briefed_members());
    f.insert(
        "briefing on indicators".into(),
        t.briefing_visits_on_indicators(),
    );
    f
}

/// The same figures recomputed from the definitions with plain loops over
/// the typed records: no counting code shared with the library. `at`
/// says which organizations count (a subtree, or one organization alone).
fn naive(w: &World, at: &dyn Fn(&str) -> bool, p: Period) -> BTreeMap<String, u64> {
    let mut f: BTreeMap<String, u64> = figures_of(&Tally::default());
    let mut bump = |k: String| *f.get_mut(&k).unwrap_or_else(|| panic!("{k}")) += 1;
    let bodies = |b: BodyKind| [Some(b), None];
    let acts = |a: Activity| [Some(a), None];
    // Distinct sets, by name.
    let mut sets: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for i in w.oversight.iter() {
        if !at(i.body().org.as_str()) || !p.contains(i.started()) {
            continue;
        }
        let (bk, act) = (i.body().kind, i.kind().activity());
        for b in bodies(bk) {
            for a in acts(act) {
                let k = format!("{b:?}/{a:?}");
                bump(format!("{k} count"));
                if i.escalated_from().is_some() && act == Activity::Inspection {
                    bump(format!("{k} escalations"));
                }
                for s in i.findings() {
                    let violation = matches!(s.outcome, Outcome::Violation { .. });
                    let handled = matches!(
                        s.outcome,
                        Outcome::Violation {
                            handled: Some(_),
                            ..
                        }
                    );
                    match &s.subject {
                        Subject::Organization(o) => {
                            bump(format!("{k} org_visits"));
                            sets.entry(format!("{k} orgs_distinct"))
                                .or_default()
                                .insert(o.to_string());
                            if violation {
                                bump(format!("{k} org_violations"));
                            }
                        }
                        Subject::Member(m) => {
                            bump(format!("{k} member_visits"));
                            sets.entry(format!("{k} members_distinct"))
                                .or_default()
                                .insert(m.to_string());
                            if s.committee_member {
                                sets.entry(format!("{k} committee_distinct"))
                                    .or_default()
                                    .insert(m.to_string());
                            }
                            if violation {
                                bump(format!("{k} member_violations"));
                            }
                        }
                    }
                    if handled {
                        bump(format!("{k} handled"));
                    }
                }
            }
            bump(format!("{b:?} kind {:?}", i.kind()));
        }
    }
    for a in &w.discipline {
        if !at(a.body().org.as_str()) || !p.contains(a.date()) {
            continue;
        }
        let side = match a.subject() {
            Subject::Organization(_) => SubjectSide::Organization,
            Subject::Member(_) => SubjectSide::Member,
        };
        for b in bodies(a.body().kind) {
            bump(format!(
                "{b:?} discipline {:?} {side:?} {:?}",
                a.status(),
                a.form()
            ));
        }
    }
    let home = |m: &str| w.roster.get(m).unwrap().org_id().to_string();
    for m in w.roster.iter() {
        if !at(m.org_id().as_str()) {
            continue;
        }
        if let Some((left, LeftReason::NameRemoval)) = m.left()
            && p.contains(left)
        {
            bump("name_removals".into());
            if m.official().is_none_or(|o| o > left) {
                bump("name_removals_probationary".into());
            }
        }
        match m.status_on(p.last()) {
            MemberStatus::Official => bump("members_official".into()),
            MemberStatus::Probationary => bump("members_probationary".into()),
            _ => {}
        }
    }
    for a in &w.assessments {
        if !at(&home(a.member.as_str())) || !p.contains(a.period.last()) {
            continue;
        }
        bump("assessments".into());
        for i in a.indicators.iter() {
            sets.entry(format!("showing {i}"))
                .or_default()
                .insert(a.member.to_string());
        }
    }
    for b in &w.briefings {
        if !p.contains(b.date()) {
            continue;
        }
        for m in b.attendees() {
            if !at(&home(m.as_str())) {
                continue;
            }
            bump(format!("briefing {:?}", b.kind()));
            if b.topic() == Some(BriefingTopic::DegradationIndicators) {
                bump("briefing on indicators".into());
            }
            if w.roster.get(m.as_str()).unwrap().is_member_on(p.last()) {
                sets.entry("briefed".into())
                    .or_default()
                    .insert(m.to_string());
            }
        }
    }
    for (k, set) in sets {
        *f.get_mut(&k).unwrap_or_else(|| panic!("{k}")) = set.len() as u64;
    }
    f
}

fn random_periods(seed: u64) -> Vec<Period> {
    let mut r = seed;
    let mut next = move |bound: u64| {
        r = r
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (r >> 33) % bound.max(1)
    };
    let mut ps = periods();
    for _ in 0..next(4) {
        let first = d(2015, 6, 1) + Days::new(next(1000));
        ps.push(Period::new(first, first + Days::new(next(500))).unwrap());
    }
    ps.push(Period::quarter(2016 + next(2) as i32, 1 + next(4) as u32).unwrap());
    ps.push(Period::month(2016 + next(2) as i32, 1 + next(12) as u32).unwrap());
    ps
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_engine_equals_a_naive_recomputation(seed in any::<u64>(), n_orgs in 1usize..30, n_members in 0usize..60, n_records in 0usize..40, pseed in any::<u64>()) {
        let w = world(seed, n_orgs, n_members, n_records);
        let records = Records::new(&w.tree, &w.roster, &w.oversight, &w.discipline, &w.assessments, &w.briefings).unwrap();
        let engine = records.engine().unwrap();
        let ps = random_periods(pseed);
        let rollup = engine.rollup(&ps).unwrap();
        for p in &ps {
            for o in w.tree.iter() {
                let id = o.id().as_str();
                let expected = naive(&w, &|x| w.tree.is_within(x, id), *p);
                let total = rollup.total(id, *p).unwrap();
                prop_assert_eq!(&figures_of(total), &expected, "subtree of {} over {}", id, p);
                prop_assert_eq!(&engine.tally(id, *p).unwrap(), total);
                let own = naive(&w, &|x| x == id, *p);
                prop_assert_eq!(&figures_of(rollup.own(id, *p).unwrap()), &own, "own records of {} over {}", id, p);
                prop_assert_eq!(&engine.tally_own(id, *p).unwrap(), rollup.own(id, *p).unwrap());
                // distinct <= visits
                let all = total.activity(None, None);
                prop_assert!(all.orgs_distinct() <= all.org_visits());
                prop_assert!(all.members_distinct() <= all.member_visits());
                prop_assert!(all.committee_members_distinct() <= all.members_distinct());
                prop_assert!(all.handled() <= all.violations());
                prop_assert!(total.briefed_members() <= total.members_official() + total.members_probationary());
            }
        }
    }

    #[test]
    fn the_rollup_is_the_same_in_any_order_of_records_and_periods(seed in any::<u64>(), n_orgs in 2usize..25, order in any::<u64>()) {
        let w = world(seed, n_orgs, 40, 30);
        let records = Records::new(&w.tree, &w.roster, &w.oversight, &w.discipline, &w.assessments, &w.briefings).unwrap();
        let ps = periods();
        let rollup = Rollup::compute(&records, &ps).unwrap();
        // The same records and periods, shuffled.
        let mut r = order;
        let mut shuffle = |n: usize| {
            let mut idx: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                r = r.wrapping_mul(6364136223846793005).wrapping_add(1);
                idx.swap(i, (r >> 33) as usize % (i + 1));
            }
            idx
        };
        let discipline: Vec<DisciplineAction> = shuffle(w.discipline.len()).into_iter().map(|i| w.discipline[i].clone()).collect();
        let assessments: Vec<Assessment> = shuffle(w.assessments.len()).into_iter().map(|i| w.assessments[i].clone()).collect();
        let briefings: Vec<Briefing> = shuffle(w.briefings.len()).into_iter().map(|i| w.briefings[i].clone()).collect();
        let periods: Vec<Period> = shuffle(ps.len()).into_iter().map(|i| ps[i]).collect();
        let shuffled = Records::new(&w.tree, &w.roster, &w.oversight, &discipline, &assessments, &briefings).unwrap();
        let again = Rollup::compute(&shuffled, &periods).unwrap();
        for p in &ps {
            for o in w.tree.iter() {
                let id = o.id().as_str();
                prop_assert_eq!(rollup.total(id, *p), again.total(id, *p));
                prop_assert_eq!(rollup.own(id, *p), again.own(id, *p));
                // A parent's additive figures are its own plus its children's.
                let kids: Vec<&Tally> = w.tree.children(id).map(|c| rollup.total(c.id().as_str(), *p).unwrap()).collect();
                let own = rollup.own(id, *p).unwrap();
                let total = rollup.total(id, *p).unwrap();
                let sum = |f: &dyn Fn(&Tally) -> u64| f(own) + kids.iter().map(|t| f(t)).sum::<u64>();
                prop_assert_eq!(total.oversight_count(), sum(&|t| t.oversight_count()));
                prop_assert_eq!(total.activity(None, None).member_visits(), sum(&|t| t.activity(None, None).member_visits()));
                prop_assert_eq!(total.members_official(), sum(&|t| t.members_official()));
                // Distinct counts are at most the sum, at least the largest part.
                let distinct = |t: &Tally| t.activity(None, None).members_distinct();
                prop_assert!(distinct(total) <= sum(&distinct));
                prop_assert!(kids.iter().all(|t| distinct(t) <= distinct(total)) && distinct(own) <= distinct(total));
            }
        }
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
                    content: None,
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
    let rollup = Rollup::compute(&records, &[p]).unwrap();
    let pooled = rollup.resolution_pooled("TW", p).unwrap();
    assert_eq!((pooled.part(), pooled.whole()), (1, 4));
    let mean = rollup.resolution_mean_of_units("TW", p).unwrap().unwrap();
    assert_eq!(mean, party_oversight::Ratio::new(1, 2).unwrap());
    assert_eq!(rollup.resolution_mean_of_units("A1", p).unwrap(), None);
}

#[test]
fn the_random_worlds_are_not_empty() {
    // Guards the generator: the laws above are only tested if worlds hold records.
    let (mut insp, mut disc, mut visits, mut escalated, mut kinds) = (0, 0, 0, 0, BTreeSet::new());
    for seed in 0..20 {
        let w = world(seed, 30, 60, 40);
        insp += w.oversight.len();
        escalated += w
            .oversight
            .iter()
            .filter(|i| i.escalated_from().is_some())
            .count();
        kinds.extend(w.oversight.iter().map(|i| i.kind()));
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
    assert!(escalated > 5, "{escalated} escalations");
    assert_eq!(kinds.len(), OversightKind::ALL.len(), "{kinds:?}");
}
