//! The `bac_me_2017` example reproduces the article's figures from records.

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/bac_me_2017.rs"]
mod bac_me_2017;

use party_oversight::{
    Activity, BodyKind, ClauseKind, DisciplineStatus, Half, OrgLevel, Percent, Period,
    RateEvaluation, Records, Rollup, Subject,
};

fn run(args: &[&str]) -> String {
    let argv = std::iter::once("bac_me_2017")
        .chain(args.iter().copied())
        .map(String::from);
    bac_me_2017::run(argv).unwrap()
}

#[test]
fn the_articles_figures() {
    let data = bac_me_2017::build().unwrap();
    let report = bac_me_2017::report(&data).unwrap();
    let f = &report.figures;
    let supervised = f.clause(ClauseKind::CommissionSupervision);
    // "UBKT các cấp của huyện kiểm tra 15 tổ chức Đảng": the commissions'
    // inspections of every kind.
    let inspected: u64 = f
        .clauses
        .iter()
        .filter(|c| c.kind.activity() == Activity::Inspection)
        .map(|c| c.orgs.subjects)
        .sum();
    assert_eq!(inspected, 15);
    assert!(
        f.clauses
            .iter()
            .all(|c| c.body == Some(BodyKind::Commission))
    );
    // "giám sát 27 tổ chức cơ sở Đảng và 322 lượt đảng viên"
    assert_eq!(supervised.orgs.subjects, 27);
    assert_eq!(supervised.members.subjects, 322);
    assert!(
        f.supervised_members_distinct < 322,
        "some members were supervised twice"
    );
    let commission = f
        .discipline
        .iter()
        .find(|d| d.body == BodyKind::Commission)
        .unwrap();
    // "đề nghị Ban Thường vụ Huyện ủy xem xét thi hành kỷ luật đối với 1 tổ chức cơ sở Đảng"
    assert_eq!(commission.proposed_orgs, 1);
    // "xóa tên một đảng viên dự bị"
    assert_eq!(f.name_removals, 1);
    assert_eq!(f.name_removals_probationary, 1);
    // "đề nghị UBKT Huyện ủy thi hành kỷ luật đối với 3 đảng viên"
    assert_eq!(commission.proposed_members, 3);
    // "636 cán bộ, đảng viên tham dự" and "100% cán bộ, đảng viên ... được phổ biến"
    assert_eq!(f.conference_attendance, 636);
    assert_eq!(
        f.briefing_coverage.evaluate(Percent::whole(100)),
        RateEvaluation::Met
    );
    assert!(
        f.briefing_coverage.whole() > 3_000,
        "over 3,200 members in 2015 (Báo Hà Giang, 16 July 2015)"
    );
    // The 2015–2020 targets: 10–20% more inspections and supervisions, 100% handled.
    let t = report.term.as_ref().unwrap();
    assert_eq!(t.term.named_years(), (2015, 2020));
    assert_eq!(t.target.min(), Percent::whole(10));
    assert_eq!(t.target.max(), Some(Percent::whole(20)));
    assert_eq!(t.resolution_target, Percent::whole(100));
    assert_eq!(t.baseline.denominator(), 1);
    assert_eq!(t.bounds.low(), (t.baseline.numerator() * 110).div_ceil(100));
}

#[test]
fn the_records_mean_what_the_article_says() {
    let data = bac_me_2017::build().unwrap();
    let h1 = Period::half(2017, Half::First).unwrap();
    let in_h1: Vec<_> = data
        .oversight
        .iter()
        .filter(|i| h1.contains(i.started()))
        .collect();
    // The 27 supervised organizations are grassroots organizations (tổ chức cơ sở đảng).
    for i in in_h1
        .iter()
        .filter(|i| i.body().kind == BodyKind::Commission && !i.kind().is_inspection())
    {
        for f in i.findings() {
            if let Subject::Organization(o) = &f.subject {
                assert_eq!(
                    data.tree.get(o.as_str()).unwrap().level(),
                    OrgLevel::Grassroots
                );
            }
        }
    }
    // The proposals are by commissions; the organization's was made to the district.
    for a in &data.discipline {
        assert_eq!(a.status(), DisciplineStatus::Proposed);
        assert_eq!(a.body().kind, BodyKind::Commission);
    }
    // The roll-up of the district equals the direct tally, and its communes add up.
    let records = Records::new(
        &data.tree,
        &data.roster,
        &data.oversight,
        &data.discipline,
        &[],
        &data.briefings,
    )
    .unwrap();
    let rollup = Rollup::compute(&records, &[h1]).unwrap();
    let direct = records.tally(bac_me_2017::DISTRICT, h1).unwrap();
    assert_eq!(rollup.total(bac_me_2017::DISTRICT, h1), Some(&direct));
    let communes: u64 = data
        .tree
        .children(bac_me_2017::DISTRICT)
        .map(|c| {
            rollup
                .total(c.id().as_str(), h1)
                .unwrap()
                .members_official()
        })
        .sum();
    let own = rollup.own(bac_me_2017::DISTRICT, h1).unwrap();
    assert_eq!(communes + own.members_official(), direct.members_official());
    assert!(direct.members_official() > 0);
}

#[test]
fn vietnamese_report() {
    insta::assert_snapshot!(run(&[]));
}

#[test]
fn english_report() {
    insta::assert_snapshot!(run(&["--lang", "en"]));
}

#[test]
fn json_report() {
    let json = run(&["--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let supervision = value["figures"]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "commission_supervision")
        .unwrap();
    assert_eq!(supervision["members"]["subjects"], 322);
    insta::assert_snapshot!(json);
    // A report is a computed result: it serializes, and is computed again
    // rather than read back; its JSON is the same computed afresh.
    let again =
        serde_json::to_string_pretty(&bac_me_2017::report(&bac_me_2017::build().unwrap()).unwrap())
            .unwrap();
    assert_eq!(json.trim_end(), again.trim_end());
}

#[test]
fn bad_arguments() {
    let argv = ["bac_me_2017", "--lang", "fr"].map(String::from);
    assert_eq!(
        bac_me_2017::run(argv).unwrap_err().to_string(),
        "unknown language code 'fr': expected one of vi, en"
    );
    let argv = ["bac_me_2017", "--nope"].map(String::from);
    assert_eq!(
        bac_me_2017::run(argv).unwrap_err().to_string(),
        "unknown argument '--nope'; usage: bac_me_2017 [--lang vi|en] [--json]"
    );
}
