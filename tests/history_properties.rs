//! Properties of the organization over time, on random worlds: provinces
//! (roots of a forest), districts, grassroots organizations and cells;
//! grassroots organizations and cells moving on random days; cells
//! dissolved, some with lineage of random weights; members moving between
//! cells; inspections by bodies at every level with member subjects.
//!
//! - the tree of a day equals a naive replay of the moves;
//! - the engine's figures "as it was" (one subtree, and every
//!   organization at once) equal a naive count on the tree of each
//!   record's day and the members' organizations of each period's end;
//! - re-basing conserves weight: the re-based counts summed over the roots
//!   of day T equal the number of records that map to something.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use party_oversight::*;
use proptest::prelude::*;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
}

fn day(offset: u16) -> NaiveDate {
    start() + Days::new(u64::from(offset))
}

/// Days span 2000–2029.
const SPAN: u16 = 365 * 30;

/// A cell's dissolution: (cell, day, successors as (cell choice,
/// weight)).
type Dissolution = (u8, u16, Vec<(u8, u32)>);

/// The random choices a world is built from.
#[derive(Debug, Clone)]
struct Plan {
    /// (grassroots or cell, day, new parent choice).
    moves: Vec<(u8, u16, u8)>,
    dissolutions: Vec<Dissolution>,
    /// Members: (home cell, admission day, official after probation?).
    members: Vec<(u8, u16, bool)>,
    /// (member, day, cell).
    member_moves: Vec<(u8, u16, u8)>,
    /// (body choice, day, subject member choices).
    records: Vec<(u8, u16, Vec<u8>)>,
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        prop::collection::vec((any::<u8>(), 1..SPAN, any::<u8>()), 0..12),
        prop::collection::vec(
            (
                any::<u8>(),
                1..SPAN,
                prop::collection::vec((any::<u8>(), 1..4u32), 0..3),
            ),
            0..5,
        ),
        prop::collection::vec((any::<u8>(), 0..SPAN / 2, any::<bool>()), 1..16),
        prop::collection::vec((any::<u8>(), 1..SPAN, any::<u8>()), 0..16),
        prop::collection::vec(
            (
                any::<u8>(),
                0..SPAN,
                prop::collection::vec(any::<u8>(), 0..4),
            ),
            0..30,
        ),
    )
        .prop_map(
            |(moves, dissolutions, members, member_moves, records)| Plan {
                moves,
                dissolutions,
                members,
                member_moves,
                records,
            },
        )
}

/// 2 provinces × 2 districts × 2 grassroots × 2 cells.
fn ids() -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
    let p: Vec<String> = (0..2).map(|i| format!("P{i}")).collect();
    let d: Vec<String> = (0..4).map(|i| format!("D{i}")).collect();
    let g: Vec<String> = (0..8).map(|i| format!("G{i}")).collect();
    let c: Vec<String> = (0..16).map(|i| format!("C{i}")).collect();
    (p, d, g, c)
}

/// A naive replay: each organization's parent of a day.
#[derive(Debug, Clone)]
struct Naive {
    base: BTreeMap<String, Option<String>>,
    moves: BTreeMap<String, Vec<(NaiveDate, String)>>,
    dissolved: BTreeMap<String, NaiveDate>,
    home: BTreeMap<String, String>,
    member_moves: BTreeMap<String, Vec<(NaiveDate, String)>>,
}

impl Naive {
    fn parent(&self, org: &str, d: NaiveDate) -> Option<String> {
        let mut p = self.base.get(org).cloned().flatten();
        for (date, to) in self.moves.get(org).into_iter().flatten() {
            if *date <= d {
                p = Some(to.clone());
            }
        }
        p
    }

    fn within(&self, x: &str, anc: &str, d: NaiveDate) -> bool {
        let mut at = Some(x.to_owned());
        for _ in 0..32 {
            match at {
                None => return false,
                Some(a) if a == anc => return true,
                Some(a) => at = self.parent(&a, d),
            }
        }
        panic!("a chain without end")
    }

    fn exists(&self, org: &str, d: NaiveDate) -> bool {
        self.dissolved.get(org).is_none_or(|x| d < *x)
    }

    fn member_org(&self, m: &str, d: NaiveDate) -> String {
        let mut o = self.home[m].clone();
        for (date, to) in self.member_moves.get(m).into_iter().flatten() {
            if *date <= d {
                o = to.clone();
            }
        }
        o
    }
}

struct World {
    tree: OrgTree,
    roster: Roster,
    moves: Vec<OrgMove>,
    lineage: Vec<LineageLink>,
    member_moves: Vec<MemberMove>,
    /// (id, body org, started, member subjects).
    records: Vec<(String, String, NaiveDate, Vec<String>)>,
    naive: Naive,
    members: Vec<(String, NaiveDate, Option<NaiveDate>)>,
}

fn build(plan: &Plan) -> World {
    let (p, d, g, c) = ids();
    let mut naive = Naive {
        base: BTreeMap::new(),
        moves: BTreeMap::new(),
        dissolved: BTreeMap::new(),
        home: BTreeMap::new(),
        member_moves: BTreeMap::new(),
    };
    for x in &p {
        naive.base.insert(x.clone(), None);
    }
    for (i, x) in d.iter().enumerate() {
        naive.base.insert(x.clone(), Some(p[i / 2].clone()));
    }
    for (i, x) in g.iter().enumerate() {
        naive.base.insert(x.clone(), Some(d[i / 2].clone()));
    }
    for (i, x) in c.iter().enumerate() {
        naive.base.insert(x.clone(), Some(g[i / 2].clone()));
    }
    // Dissolutions of cells, with lineage to cells that outlive them.
    let mut lineage = Vec::new();
    let mut dissolutions: Vec<_> = plan
        .dissolutions
        .iter()
        .map(|(ci, off, s)| (usize::from(*ci) % 16, day(*off), s))
        .collect();
    dissolutions.sort_by_key(|x| x.0);
    dissolutions.dedup_by_key(|x| x.0);
    for (ci, date, _) in &dissolutions {
        naive.dissolved.insert(c[*ci].clone(), *date);
    }
    for (ci, date, successors) in &dissolutions {
        let mut seen = Vec::new();
        for (s, w) in successors.iter() {
            let si = usize::from(*s) % 16;
            if si == *ci || seen.contains(&si) || !naive.exists(&c[si], *date) {
                continue;
            }
            seen.push(si);
            lineage.push(LineageLink {
                predecessor: c[*ci].parse().unwrap(),
                successor: c[si].parse().unwrap(),
                weight: *w,
            });
        }
    }
    // Moves: grassroots under districts or provinces, cells under
    // grassroots; each valid when taken (the organization exists, the new
    // parent differs), one a day.
    let mut by_org: BTreeMap<String, Vec<(NaiveDate, String)>> = BTreeMap::new();
    for (o, off, to) in &plan.moves {
        let date = day(*off);
        let (org, parent) = if o % 2 == 0 {
            let parent = if to % 3 == 0 {
                p[usize::from(*to / 3) % 2].clone()
            } else {
                d[usize::from(*to) % 4].clone()
            };
            (g[usize::from(*o / 2) % 8].clone(), parent)
        } else {
            (
                c[usize::from(*o / 2) % 16].clone(),
                g[usize::from(*to) % 8].clone(),
            )
        };
        by_org.entry(org).or_default().push((date, parent));
    }
    let mut moves = Vec::new();
    for (org, mut list) in by_org {
        list.sort();
        list.dedup_by_key(|x| x.0);
        let mut current = naive.base[&org].clone();
        let mut kept = Vec::new();
        for (date, parent) in list {
            if !naive.exists(&org, date) || current.as_deref() == Some(parent.as_str()) {
                continue;
            }
            current = Some(parent.clone());
            kept.push((date, parent));
        }
        for (date, parent) in &kept {
            moves.push(OrgMove {
                org: org.parse().unwrap(),
                date: *date,
                parent: parent.parse().unwrap(),
            });
        }
        naive.moves.insert(org, kept);
    }
    let level = |id: &str| match &id[..1] {
        "P" => OrgLevel::Provincial,
        "D" => OrgLevel::District,
        "G" => OrgLevel::Grassroots,
        _ => OrgLevel::Cell,
    };
    let orgs: Vec<PartyOrganization> = p
        .iter()
        .chain(&d)
        .chain(&g)
        .chain(&c)
        .map(|id| {
            PartyOrganization::new(OrganizationFields {
                id: id.parse().unwrap(),
                parent: naive.base[id].as_ref().map(|x| x.parse().unwrap()),
                level: level(id),
                name: id.clone(),
                established: start(),
                dissolved: naive.dissolved.get(id).copied(),
                successor: None,
            })
            .unwrap()
        })
        .collect();
    let tree = OrgTree::new(orgs).unwrap();
    // Members in cells that exist on admission (or any cell), moving
    // between cells that exist, while members.
    let mut members = Vec::new();
    let mut people = Vec::new();
    for (k, (cell, off, official)) in plan.members.iter().enumerate() {
        let id = format!("M{k}");
        let admitted = day(*off);
        let home = c[usize::from(*cell) % 16].clone();
        let official = official.then(|| probation_end(admitted).unwrap());
        naive.home.insert(id.clone(), home.clone());
        people.push((id.clone(), admitted, official));
        members.push(
            Member::new(MemberFields {
                id: id.parse().unwrap(),
                org: home.parse().unwrap(),
                full_name: id.clone(),
                admitted,
                official,
                left: None,
                left_reason: None,
            })
            .unwrap(),
        );
    }
    let roster = Roster::new(&tree, members).unwrap();
    let mut by_member: BTreeMap<usize, Vec<(NaiveDate, String)>> = BTreeMap::new();
    for (m, off, cell) in &plan.member_moves {
        let k = usize::from(*m) % people.len();
        by_member
            .entry(k)
            .or_default()
            .push((day(*off), c[usize::from(*cell) % 16].clone()));
    }
    let mut member_moves = Vec::new();
    for (k, mut list) in by_member {
        list.sort();
        list.dedup_by_key(|x| x.0);
        let (id, admitted, _) = &people[k];
        let mut current = naive.home[id].clone();
        let mut kept = Vec::new();
        for (date, cell) in list {
            if date <= *admitted || !naive.exists(&cell, date) || cell == current {
                continue;
            }
            current = cell.clone();
            kept.push((date, cell));
        }
        for (date, cell) in &kept {
            member_moves.push(MemberMove {
                member: id.parse().unwrap(),
                date: *date,
                org: cell.parse().unwrap(),
            });
        }
        naive.member_moves.insert(id.clone(), kept);
    }
    // Records: a committee at any level above cells, its member subjects
    // those under it that day.
    let bodies: Vec<String> = p.iter().chain(&d).chain(&g).cloned().collect();
    let mut records = Vec::new();
    for (k, (b, off, subjects)) in plan.records.iter().enumerate() {
        let body = bodies[usize::from(*b) % bodies.len()].clone();
        let started = day(*off);
        let mut subj: Vec<String> = Vec::new();
        for s in subjects {
            let (id, admitted, _) = &people[usize::from(*s) % people.len()];
            if *admitted <= started
                && !subj.contains(id)
                && naive.within(&naive.member_org(id, started), &body, started)
            {
                subj.push(id.clone());
            }
        }
        records.push((format!("K{k}"), body, started, subj));
    }
    World {
        tree,
        roster,
        moves,
        lineage,
        member_moves,
        records,
        naive,
        members: people,
    }
}

fn inspections(w: &World) -> Vec<Inspection> {
    w.records
        .iter()
        .map(|(id, body, started, subjects)| {
            Inspection::new(InspectionFields {
                id: id.parse().unwrap(),
                kind: OversightKind::Inspection(InspectionGround::Compliance),
                body: Body {
                    kind: BodyKind::Committee,
                    org: body.parse().unwrap(),
                },
                started: *started,
                concluded: None,
                findings: subjects
                    .iter()
                    .map(|m| Finding {
                        subject: Subject::Member(m.parse().unwrap()),
                        outcome: Outcome::NotConcluded,
                        committee_member: false,
                        content: None,
                    })
                    .collect(),
                escalated_from: None,
            })
            .unwrap()
        })
        .collect()
}

fn periods() -> Vec<Period> {
    let mut out: Vec<Period> = (2000..2030).map(|y| Period::year(y).unwrap()).collect();
    out.push("2010-H2".parse().unwrap());
    out.push("2024-Q3".parse().unwrap());
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_tree_of_a_day_equals_a_naive_replay(plan in plan(), days in prop::collection::vec(0..SPAN, 1..8)) {
        let w = build(&plan);
        let h = History::new(&w.tree, &w.roster, &w.moves, &w.lineage, &w.member_moves).unwrap();
        for off in days {
            let d = day(off);
            for a in w.tree.iter() {
                let ai = w.tree.index_of(a.id().as_str()).unwrap();
                // The subtree of the day: exactly those within it that day.
                let sub: Vec<String> = h
                    .subtree_on(ai, d)
                    .into_iter()
                    .map(|i| w.tree.org(i).unwrap().id().to_string())
                    .collect();
                let mut naive: Vec<String> = w
                    .tree
                    .iter()
                    .filter(|b| w.naive.within(b.id().as_str(), a.id().as_str(), d))
                    .map(|b| b.id().to_string())
                    .collect();
                let mut sorted = sub.clone();
                sorted.sort();
                naive.sort();
                prop_assert_eq!(sorted, naive, "subtree of {} on {}", a.id(), d);
                let parent = h.parent_on(ai, d).map(|p| w.tree.org(p).unwrap().id().to_string());
                prop_assert_eq!(parent, w.naive.parent(a.id().as_str(), d), "{} on {}", a.id(), d);
                for b in w.tree.iter() {
                    let bi = w.tree.index_of(b.id().as_str()).unwrap();
                    prop_assert_eq!(
                        h.is_within_on(ai, bi, d),
                        w.naive.within(a.id().as_str(), b.id().as_str(), d),
                        "{} within {} on {}", a.id(), b.id(), d
                    );
                }
            }
            for (m, _, _) in &w.members {
                prop_assert_eq!(
                    h.member_org_on(m, d).map(|o| o.to_string()),
                    Some(w.naive.member_org(m, d))
                );
            }
        }
    }

    #[test]
    fn figures_as_they_were_equal_a_naive_count(plan in plan()) {
        let w = build(&plan);
        let h = History::new(&w.tree, &w.roster, &w.moves, &w.lineage, &w.member_moves).unwrap();
        let oversight = OversightRegister::on_history(&h, &w.roster, inspections(&w)).unwrap();
        let engine = Records::of(&w.tree, &w.roster, &oversight)
            .with_history(&h)
            .unwrap()
            .engine()
            .unwrap();
        let periods = periods();
        let all = engine.rollup(&periods).unwrap();
        for o in w.tree.iter() {
            let id = o.id().as_str();
            for period in &periods {
                let counted: Vec<&(String, String, NaiveDate, Vec<String>)> = w
                    .records
                    .iter()
                    .filter(|r| period.contains(r.2) && w.naive.within(&r.1, id, r.2))
                    .collect();
                let own: Vec<&(String, String, NaiveDate, Vec<String>)> = w
                    .records
                    .iter()
                    .filter(|r| period.contains(r.2) && r.1 == id)
                    .collect();
                let visits = |rs: &[&(String, String, NaiveDate, Vec<String>)]| {
                    rs.iter().map(|r| r.3.len() as u64).sum::<u64>()
                };
                let distinct = |rs: &[&(String, String, NaiveDate, Vec<String>)]| {
                    let mut s: Vec<&String> = rs.iter().flat_map(|r| r.3.iter()).collect();
                    s.sort();
                    s.dedup();
                    s.len() as u64
                };
                let end = period.last();
                let (mut official, mut probationary) = (0u64, 0u64);
                let (mut own_official, mut own_probationary) = (0u64, 0u64);
                for (m, admitted, off) in &w.members {
                    if *admitted > end {
                        continue;
                    }
                    let at = w.naive.member_org(m, end);
                    let is_official = off.is_some_and(|x| x <= end);
                    if w.naive.within(&at, id, end) {
                        if is_official { official += 1 } else { probationary += 1 }
                    }
                    if at == id {
                        if is_official { own_official += 1 } else { own_probationary += 1 }
                    }
                }
                let one = engine.tally(id, *period).unwrap();
                let mine = engine.tally_own(id, *period).unwrap();
                for (t, what) in [(&one, "tally"), (all.total(id, *period).unwrap(), "rollup")] {
                    let a = t.activity(None, None);
                    prop_assert_eq!(t.oversight_count(), counted.len() as u64, "{} {} {}", what, id, period);
                    prop_assert_eq!(a.member_visits(), visits(&counted), "{} {} {}", what, id, period);
                    prop_assert_eq!(a.members_distinct(), distinct(&counted), "{} {} {}", what, id, period);
                    prop_assert_eq!(t.members_official(), official, "{} {} {}", what, id, period);
                    prop_assert_eq!(t.members_probationary(), probationary, "{} {} {}", what, id, period);
                }
                for (t, what) in [(&mine, "tally_own"), (all.own(id, *period).unwrap(), "rollup own")] {
                    let a = t.activity(None, None);
                    prop_assert_eq!(t.oversight_count(), own.len() as u64, "{} {} {}", what, id, period);
                    prop_assert_eq!(a.member_visits(), visits(&own), "{} {} {}", what, id, period);
                    prop_assert_eq!(a.members_distinct(), distinct(&own), "{} {} {}", what, id, period);
                    prop_assert_eq!(t.members_official(), own_official, "{} {} {}", what, id, period);
                    prop_assert_eq!(t.members_probationary(), own_probationary, "{} {} {}", what, id, period);
                }
            }
        }
    }

    #[test]
    fn re_basing_conserves_weight(plan in plan()) {
        let w = build(&plan);
        let h = History::new(&w.tree, &w.roster, &w.moves, &w.lineage, &w.member_moves).unwrap();
        let oversight = OversightRegister::on_history(&h, &w.roster, inspections(&w)).unwrap();
        // A day after every change: the provinces are the roots.
        let t = day(SPAN);
        let whole = Period::new(start(), t).unwrap();
        let mut sum = Ratio::ZERO;
        for root in ["P0", "P1"] {
            sum = sum.checked_add(h.rebased_oversight(&oversight, root, whole, t).unwrap()).unwrap();
        }
        // Roots never dissolve here, so every record maps, with weight 1.
        let mapped = w.records.len() as u64;
        prop_assert_eq!(sum.reduced(), Ratio::new(mapped, 1).unwrap());
        // And each body's map onto T weighs exactly 1.
        for (_, body, _, _) in &w.records {
            let map = h.map_onto(w.tree.index_of(body).unwrap(), t).unwrap();
            let total = map.values().try_fold(Ratio::ZERO, |a, b| a.checked_add(*b)).unwrap();
            prop_assert_eq!(total.reduced(), Ratio::ONE);
        }
        // A dissolved cell's weight lands on cells that exist on T, or on
        // its grassroots parent of the day before: never lost.
        for ci in w.naive.dissolved.keys() {
            let map = h.map_onto(w.tree.index_of(ci).unwrap(), t).unwrap();
            let total = map.values().try_fold(Ratio::ZERO, |a, b| a.checked_add(*b)).unwrap();
            prop_assert_eq!(total.reduced(), Ratio::ONE, "{}", ci);
        }
    }
}
