//! Properties of the domain model: trees, membership, indicators.

use chrono::NaiveDate;
use party_oversight::{
    LeftReason, Member, MemberFields, MemberStatus, OrgLevel, OrgTree, OrganizationFields,
    PartyOrganization,
};
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Fields of a random valid tree: node 0 is the central root; each later
/// node hangs under an earlier one that may have children, with a level the
/// parent allows. Returned in a shuffled order.
fn valid_tree_fields() -> impl Strategy<Value = Vec<OrganizationFields>> {
    (1usize..60, any::<u64>()).prop_map(|(n, seed)| {
        let mut rng = seed;
        let mut next = move |bound: usize| {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((rng >> 33) as usize) % bound.max(1)
        };
        let mut out: Vec<OrganizationFields> = Vec::with_capacity(n);
        for i in 0..n {
            let (parent, level) = if i == 0 {
                (None, OrgLevel::Central)
            } else {
                let hosts: Vec<usize> = (0..out.len())
                    .filter(|&j| !out[j].level.child_levels().is_empty())
                    .collect();
                let p = hosts[next(hosts.len())];
                let kids = out[p].level.child_levels();
                (Some(out[p].id.clone()), kids[next(kids.len())])
            };
            let established = day(
                1950 + next(50) as i32,
                1 + next(12) as u32,
                1 + next(28) as u32,
            );
            let dissolved = (next(5) == 0).then(|| day(2001 + next(20) as i32, 1, 1));
            out.push(OrganizationFields {
                id: format!("O{i}").parse().unwrap(),
                parent,
                level,
                name: format!("Tổ chức số {i}"),
                established,
                dissolved,
                successor: None,
            });
        }
        // Shuffle so that children may come before parents.
        for i in (1..out.len()).rev() {
            let j = next(i + 1);
            out.swap(i, j);
        }
        out
    })
}

fn build(fields: Vec<OrganizationFields>) -> Result<OrgTree, party_oversight::Error> {
    let orgs: Vec<PartyOrganization> = fields
        .into_iter()
        .map(|f| PartyOrganization::new(f).unwrap())
        .collect();
    OrgTree::new(orgs)
}

proptest! {
    #[test]
    fn valid_trees_build_and_round_trip_through_json(fields in valid_tree_fields()) {
        let tree = build(fields.clone()).unwrap();
        prop_assert_eq!(tree.len(), fields.len());
        let json = serde_json::to_string(&tree).unwrap();
        let back: OrgTree = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &tree);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn is_within_agrees_with_a_naive_ancestor_walk(fields in valid_tree_fields()) {
        let tree = build(fields.clone()).unwrap();
        let parent_of = |id: &str| fields.iter().find(|f| f.id.as_str() == id).and_then(|f| f.parent.clone());
        for a in &fields {
            // Naive: walk up from a, collecting itself and its ancestors.
            let mut chain = vec![a.id.clone()];
            while let Some(p) = parent_of(chain.last().unwrap().as_str()) {
                chain.push(p);
            }
            prop_assert_eq!(tree.depth(a.id.as_str()), Some(chain.len() - 1));
            let ancestors: Vec<_> = tree.ancestors(a.id.as_str()).map(|o| o.id().clone()).collect();
            prop_assert_eq!(&ancestors[..], &chain[1..]);
            for b in &fields {
                let naive = chain.contains(&b.id);
                prop_assert_eq!(tree.is_within(a.id.as_str(), b.id.as_str()), naive, "{} within {}", a.id, b.id);
            }
        }
        // Subtrees partition into the node plus its children's subtrees.
        for f in &fields {
            let size = tree.subtree(f.id.as_str()).count();
            let kids: usize = tree.children(f.id.as_str()).map(|c| tree.subtree(c.id().as_str()).count()).sum();
            prop_assert_eq!(size, kids + 1);
        }
    }

    #[test]
    fn a_cycle_is_always_rejected(fields in valid_tree_fields(), pick in any::<prop::sample::Index>()) {
        // Point some non-root node's ancestor at a node of its own subtree.
        let tree = build(fields.clone()).unwrap();
        let non_root: Vec<_> = fields.iter().filter(|f| f.parent.is_some()).collect();
        prop_assume!(!non_root.is_empty());
        let victim = pick.get(&non_root).id.clone();
        let descendant = tree.subtree(victim.as_str()).last().unwrap().id().clone();
        let mut broken = fields.clone();
        for f in &mut broken {
            if f.id == victim {
                f.parent = Some(descendant.clone());
            }
        }
        if descendant == victim {
            // Its own parent is refused when the organization is built.
            let f = broken.into_iter().find(|f| f.id == victim).unwrap();
            prop_assert!(PartyOrganization::new(f).is_err());
        } else {
            let err = build(broken).unwrap_err().to_string();
            prop_assert!(err.contains("form a parent cycle"), "{}", err);
        }
    }

    #[test]
    fn a_missing_parent_is_always_rejected(fields in valid_tree_fields(), pick in any::<prop::sample::Index>()) {
        let mut broken = fields.clone();
        let non_root: Vec<usize> = (0..broken.len()).filter(|&i| broken[i].parent.is_some()).collect();
        prop_assume!(!non_root.is_empty());
        let i = *pick.get(&non_root);
        broken[i].parent = Some("NOT-THERE".parse().unwrap());
        let err = build(broken).unwrap_err().to_string();
        prop_assert!(err.contains("names parent NOT-THERE, which is not in the tree"), "{}", err);
    }

    #[test]
    fn a_level_inversion_is_always_rejected(fields in valid_tree_fields(), pick in any::<prop::sample::Index>()) {
        // Give a child the level of its parent or one above it.
        let mut broken = fields.clone();
        let non_root: Vec<usize> = (0..broken.len()).filter(|&i| broken[i].parent.is_some()).collect();
        prop_assume!(!non_root.is_empty());
        let i = *pick.get(&non_root);
        let parent = broken[i].parent.clone().unwrap();
        let parent_level = broken.iter().find(|f| f.id == parent).unwrap().level;
        let above: Vec<OrgLevel> = OrgLevel::ALL.into_iter().filter(|l| *l <= parent_level).collect();
        broken[i].level = above[i % above.len()];
        let err = build(broken).unwrap_err().to_string();
        prop_assert!(err.contains("cannot be directly under"), "{}", err);
    }

    #[test]
    fn member_status_never_goes_back(
        admitted_off in 0i64..20_000,
        wait in 0i64..2_000,
        recognised in any::<bool>(),
        stay in 0i64..20_000,
        leaves in any::<bool>(),
        reason in 0usize..4,
        probes in prop::collection::vec(0i64..45_000, 1..30),
    ) {
        let base = day(1950, 1, 1);
        let admitted = base + chrono::Duration::days(admitted_off);
        let official = recognised.then(|| party_oversight::probation_end(admitted).unwrap() + chrono::Duration::days(wait));
        let left = leaves.then(|| official.unwrap_or(admitted) + chrono::Duration::days(stay));
        let mut reason = LeftReason::ALL[reason];
        if reason == LeftReason::Expulsion && official.is_none() {
            reason = LeftReason::NameRemoval;
        }
        let m = Member::new(MemberFields {
            id: "M".parse().unwrap(),
            org: "C".parse().unwrap(),
            full_name: "Người thử".into(),
            admitted,
            official,
            left,
            left_reason: left.map(|_| reason),
        }).unwrap();
        let mut probes = probes;
        probes.sort_unstable();
        let mut last = 0;
        for p in probes {
            let s = m.status_on(base + chrono::Duration::days(p));
            prop_assert!(s.rank() >= last, "status went back to {:?}", s);
            if s == MemberStatus::Official {
                prop_assert!(official.is_some());
            }
            last = s.rank();
        }
    }
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<OrgTree>();
    check::<PartyOrganization>();
    check::<Member>();
    check::<party_oversight::Roster>();
    check::<party_oversight::Error>();
    check::<party_oversight::IndicatorSet>();
}
