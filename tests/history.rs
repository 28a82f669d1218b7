//! The organization over time (format version 2's model): the tree of a
//! day, lineage with exact weights, re-based baselines, and every broken
//! rule reported; through the `restructuring_2025` example's records.

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/restructuring_2025.rs"]
mod restructuring_2025;

use chrono::NaiveDate;
use party_oversight::{History, Lang, LineageLink, MemberMove, OrgMove, Ratio, Rule};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_tree_of_a_day_and_the_map_onto_today() {
    let w = restructuring_2025::build().unwrap();
    let h = &w.history;
    let t = w.tree.clone();
    let i = |id: &str| t.index_of(id).unwrap();
    // A cell under its old commune before the merger, under the new one after.
    assert_eq!(h.parent_on(i("C2"), d(2025, 6, 30)), Some(i("C")));
    assert_eq!(h.parent_on(i("C2"), d(2025, 7, 1)), Some(i("X2")));
    assert!(h.is_within_on(i("A1"), i("HG"), d(2024, 1, 1)));
    assert!(h.is_within_on(i("A1"), i("TQ"), d(2026, 1, 1)));
    assert!(!h.is_within_on(i("A1"), i("TQ"), d(2024, 1, 1)));
    // Lineage: the split commune in thirds, the district through its
    // province, the provinces into the new one.
    let today = d(2026, 6, 30);
    let c = h.map_onto(i("C"), today).unwrap();
    assert_eq!(c.get(&i("X1")).copied(), Some(Ratio::new(2, 3).unwrap()));
    assert_eq!(c.get(&i("X2")).copied(), Some(Ratio::new(1, 3).unwrap()));
    let bm = h.map_onto(i("BM"), today).unwrap();
    assert_eq!(
        bm.into_iter().collect::<Vec<_>>(),
        vec![(i("TQ"), Ratio::ONE)]
    );
    // Before its establishment, the new province takes nothing: the old
    // ones map onto themselves.
    let hg = h.map_onto(i("HG"), d(2024, 1, 1)).unwrap();
    assert_eq!(
        hg.into_iter().collect::<Vec<_>>(),
        vec![(i("HG"), Ratio::ONE)]
    );
    // A member's organization of a day (no moves: the home on admission).
    assert_eq!(
        h.member_org_on("DV000", today).map(|o| o.as_str()),
        Some("A1")
    );
}

#[test]
fn re_based_baselines_and_the_least_counts() {
    let w = restructuring_2025::build().unwrap();
    let f = restructuring_2025::figures(&w).unwrap();
    // 24 + 30 + 18 + 60 + 60 + 40 + 20 a year over five years.
    assert_eq!(f.province_baseline.reduced(), Ratio::new(1260, 1).unwrap());
    // 5 × (60 + 60 + ⅔ × 40) = 733⅓, and +10% of it needs 807.
    assert_eq!(f.commune_baseline.reduced(), Ratio::new(2200, 3).unwrap());
    assert_eq!(f.commune_required, 807);
    assert_eq!(f.province_required, 1386);
    // The same period a year earlier, re-based: the old units' first half.
    assert_eq!(f.h1_2025.reduced(), Ratio::new(126, 1).unwrap());
    assert_eq!(f.h1_2026.reduced(), Ratio::new(135, 1).unwrap());
    insta::assert_snapshot!(format!(
        "{}---\n{}",
        restructuring_2025::render(&w, Lang::Vi).unwrap(),
        restructuring_2025::render(&w, Lang::En).unwrap()
    ));
}

#[test]
fn every_broken_rule_is_reported() {
    let w = restructuring_2025::build().unwrap();
    let mv = |o: &str, date, p: &str| OrgMove {
        org: o.parse().unwrap(),
        date,
        parent: p.parse().unwrap(),
    };
    let moves = vec![
        // Before its establishment; under a dissolved parent; a cell under a
        // cell; twice the same day.
        mv("X1", d(2025, 7, 1), "TQ"),
        mv("A1", d(2026, 1, 1), "B"),
        mv("A1", d(2024, 1, 1), "B1"),
        mv("B1", d(2024, 1, 1), "A"),
        mv("B1", d(2024, 1, 1), "C"),
    ];
    let lineage = vec![
        LineageLink {
            predecessor: "TQ".parse().unwrap(),
            successor: "X1".parse().unwrap(),
            weight: 1,
        },
        LineageLink {
            predecessor: "D".parse().unwrap(),
            successor: "X2".parse().unwrap(),
            weight: 0,
        },
    ];
    let members = vec![MemberMove {
        member: "DV000".parse().unwrap(),
        date: d(2024, 1, 1),
        org: "HG".parse().unwrap(),
    }];
    let e = History::new(&w.tree, &w.roster, &moves, &lineage, &members).unwrap_err();
    let text = e.to_string();
    insta::assert_snapshot!(text);
    let rules: std::collections::BTreeSet<Rule> = match e.kind() {
        party_oversight::ErrorKind::History(problems) => {
            problems.iter().map(|p| p.rule()).collect()
        }
        other => panic!("{other:?}"),
    };
    for rule in [
        Rule::OrgMove,
        Rule::ParentExists,
        Rule::Lineage,
        Rule::MemberMove,
    ] {
        assert!(rules.contains(&rule), "{rule:?} in\n{text}");
    }
}

#[test]
fn inspections_are_checked_on_their_day() {
    use party_oversight::{
        Body, BodyKind, Finding, Inspection, InspectionFields, InspectionGround, Outcome,
        OversightKind, OversightRegister, Subject, SupervisionMode,
    };
    let w = restructuring_2025::build().unwrap();
    let inspection = |id: &str, body: (BodyKind, &str), subject: &str, started| {
        Inspection::new(InspectionFields {
            id: id.parse().unwrap(),
            kind: if body.0 == BodyKind::Commission {
                OversightKind::Supervision(SupervisionMode::Regular)
            } else {
                OversightKind::Inspection(InspectionGround::Compliance)
            },
            body: Body {
                kind: body.0,
                org: body.1.parse().unwrap(),
            },
            started,
            concluded: None,
            findings: vec![Finding::new(
                Subject::Organization(subject.parse().unwrap()),
                Outcome::NotConcluded,
            )],
            escalated_from: None,
        })
        .unwrap()
    };
    // The new commune inspects a cell that moved under it on the merger
    // day, and its commission (it has units under it that day) supervises
    // another: valid on their day, refused on the tree of establishment.
    let after = vec![
        inspection("K1", (BodyKind::Committee, "X1"), "A1", d(2025, 9, 1)),
        inspection("G1", (BodyKind::Commission, "X1"), "B1", d(2025, 9, 1)),
    ];
    assert!(OversightRegister::on_history(&w.history, &w.roster, after.clone()).is_ok());
    let e = OversightRegister::new(&w.tree, &w.roster, after)
        .unwrap_err()
        .to_string();
    assert!(e.contains("does not lie under"), "{e}");
    assert!(e.contains("commission of X1 does not exist"), "{e}");
    // Before the merger the cell was under its old commune, not the new
    // one's future parent.
    let before = vec![inspection(
        "K2",
        (BodyKind::Committee, "TQ"),
        "A1",
        d(2024, 9, 1),
    )];
    let e = OversightRegister::on_history(&w.history, &w.roster, before)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("did not exist on 2024-09-01") || e.contains("does not lie under"),
        "{e}"
    );
}
