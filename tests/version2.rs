//! Format version 2 end to end: the roll-up report's three files over the
//! version 2 tiny fixture (gen.py --format 2 --scale tiny --seed 1) against
//! a naive recomputation from the report's definitions, written
//! independently here with plain loops over the CSV files: parents of a
//! day replayed from org_moves.csv, members' organizations from
//! member_moves.csv, the map onto the last day with exact fractions.
//!
//! Set `PARTY_OVERSIGHT_V2_DIR` to run the same comparison on another
//! version 2 dataset (the district scale takes a few seconds).

#![cfg(feature = "interchange")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use party_oversight::interchange::{self, LoadOptions, RollupReport};

const V2TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v2tiny");
const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");

type Row = BTreeMap<String, String>;

fn rows(dir: &Path, name: &str) -> Vec<Row> {
    let path = dir.join(name);
    if !path.exists() {
        return Vec::new();
    }
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            header
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn opt_day(s: &str) -> Option<NaiveDate> {
    (!s.is_empty()).then(|| day(s))
}

/// An exact fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Frac(i128, i128);

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

impl Frac {
    const ZERO: Frac = Frac(0, 1);
    fn new(n: i128, d: i128) -> Frac {
        let g = gcd(n, d).max(1);
        Frac(n / g, d / g)
    }
    fn add(self, o: Frac) -> Frac {
        Frac::new(self.0 * o.1 + o.0 * self.1, self.1 * o.1)
    }
    fn mul(self, o: Frac) -> Frac {
        Frac::new(self.0 * o.0, self.1 * o.1)
    }
    /// Two decimals, half away from zero (all values are ≥ 0).
    fn two_decimals(self) -> String {
        let hundredths = (self.0 * 200 + self.1) / (2 * self.1);
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }
}

struct World {
    orgs: Vec<Row>,
    parent: BTreeMap<String, String>,
    moves: BTreeMap<String, Vec<(NaiveDate, String)>>,
    lineage: BTreeMap<String, Vec<(String, i128)>>,
    home: BTreeMap<String, String>,
    member_moves: BTreeMap<String, Vec<(NaiveDate, String)>>,
}

impl World {
    fn org(&self, id: &str) -> &Row {
        self.orgs.iter().find(|o| o["id"] == id).unwrap()
    }

    fn exists(&self, id: &str, d: NaiveDate) -> bool {
        let o = self.org(id);
        day(&o["established"]) <= d && opt_day(&o["dissolved"]).is_none_or(|x| d < x)
    }

    fn parent_on(&self, id: &str, d: NaiveDate) -> Option<String> {
        let mut p = self.parent.get(id).cloned().filter(|p| !p.is_empty());
        for (date, to) in self.moves.get(id).into_iter().flatten() {
            if *date <= d {
                p = Some(to.clone());
            }
        }
        p
    }

    fn within(&self, x: &str, o: &str, d: NaiveDate) -> bool {
        let mut at = Some(x.to_owned());
        for _ in 0..64 {
            match at {
                None => return false,
                Some(a) if a == o => return true,
                Some(a) => at = self.parent_on(&a, d),
            }
        }
        panic!("a parent chain without end")
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

    fn map_onto(&self, x: &str, t: NaiveDate, w: Frac, out: &mut BTreeMap<String, Frac>) {
        let o = self.org(x);
        if self.exists(x, t) {
            let e = out.entry(x.to_owned()).or_insert(Frac::ZERO);
            *e = e.add(w);
            return;
        }
        if day(&o["established"]) > t {
            return;
        }
        let Some(dissolved) = opt_day(&o["dissolved"]) else {
            return;
        };
        if let Some(links) = self.lineage.get(x) {
            let total: i128 = links.iter().map(|l| l.1).sum();
            for (s, weight) in links {
                self.map_onto(s, t, w.mul(Frac::new(*weight, total)), out);
            }
            return;
        }
        if let Some(p) = self.parent_on(x, dissolved.pred_opt().unwrap()) {
            self.map_onto(&p, t, w, out);
        }
    }
}

/// The three files, recomputed from REPORT.md's definitions.
fn naive(dir: &Path) -> (String, String, String) {
    let orgs = rows(dir, "organizations.csv");
    let members = rows(dir, "members.csv");
    let oversight = rows(dir, "oversight.csv");
    let subjects = rows(dir, "oversight_subjects.csv");
    let discipline = rows(dir, "discipline.csv");
    let mut w = World {
        parent: orgs
            .iter()
            .map(|o| (o["id"].clone(), o["parent_id"].clone()))
            .collect(),
        orgs: orgs.clone(),
        moves: BTreeMap::new(),
        lineage: BTreeMap::new(),
        home: members
            .iter()
            .map(|m| (m["id"].clone(), m["org_id"].clone()))
            .collect(),
        member_moves: BTreeMap::new(),
    };
    for m in rows(dir, "org_moves.csv") {
        w.moves
            .entry(m["org_id"].clone())
            .or_default()
            .push((day(&m["date"]), m["parent_id"].clone()));
    }
    for l in rows(dir, "org_lineage.csv") {
        w.lineage
            .entry(l["predecessor_id"].clone())
            .or_default()
            .push((l["successor_id"].clone(), l["weight"].parse().unwrap()));
    }
    for o in &orgs {
        if !o["successor_id"].is_empty() {
            w.lineage
                .entry(o["id"].clone())
                .or_default()
                .push((o["successor_id"].clone(), 1));
        }
    }
    for m in rows(dir, "member_moves.csv") {
        w.member_moves
            .entry(m["member_id"].clone())
            .or_default()
            .push((day(&m["date"]), m["org_id"].clone()));
    }
    for list in w.moves.values_mut().chain(w.member_moves.values_mut()) {
        list.sort();
    }
    let mut ids: Vec<String> = orgs.iter().map(|o| o["id"].clone()).collect();
    ids.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));

    let header = "org_id,year,inspections,supervisions,org_visits,orgs_distinct,member_visits,members_distinct,violations,handled,member_discipline_decisions,org_discipline_decisions,members_official,members_probationary\n";
    let term_header = "org_id,term_start,baseline,current,status,resolution\n";
    let rebased_header = "org_id,term_start,baseline,current,status\n";
    let years: BTreeSet<i32> = oversight
        .iter()
        .map(|o| day(&o["started"]).year())
        .collect();
    let (Some(&y0), Some(&y1)) = (years.first(), years.last()) else {
        return (header.into(), term_header.into(), rebased_header.into());
    };
    let started: BTreeMap<&str, NaiveDate> = oversight
        .iter()
        .map(|o| (o["id"].as_str(), day(&o["started"])))
        .collect();
    let body: BTreeMap<&str, &str> = oversight
        .iter()
        .map(|o| (o["id"].as_str(), o["body_org_id"].as_str()))
        .collect();

    let mut rollup = header.to_owned();
    // (org, year) → (inspections + supervisions, violations, handled)
    let mut per_year: BTreeMap<(String, i32), (u64, u64, u64)> = BTreeMap::new();
    for id in &ids {
        for y in y0..=y1 {
            let in_o = |b: &str, d: NaiveDate| d.year() == y && w.within(b, id, d);
            let counted: BTreeSet<&str> = oversight
                .iter()
                .filter(|o| in_o(&o["body_org_id"], day(&o["started"])))
                .map(|o| o["id"].as_str())
                .collect();
            let count = |a: &str| {
                oversight
                    .iter()
                    .filter(|o| counted.contains(o["id"].as_str()) && o["activity"] == a)
                    .count()
            };
            let (ins, sup) = (count("inspection"), count("supervision"));
            let subj: Vec<&Row> = subjects
                .iter()
                .filter(|s| counted.contains(s["oversight_id"].as_str()))
                .collect();
            let of = |t: &str| subj.iter().filter(|s| s["subject_type"] == t).count();
            let distinct = |t: &str| {
                subj.iter()
                    .filter(|s| s["subject_type"] == t)
                    .map(|s| s["subject_id"].as_str())
                    .collect::<BTreeSet<_>>()
                    .len()
            };
            let violations = subj.iter().filter(|s| s["violation"] == "true").count();
            let handled = subj
                .iter()
                .filter(|s| s["violation"] == "true" && !s["handled"].is_empty())
                .count();
            let decisions = |t: &str| {
                discipline
                    .iter()
                    .filter(|d| {
                        d["status"] == "decided"
                            && d["subject_type"] == t
                            && in_o(&d["body_org_id"], day(&d["date"]))
                    })
                    .count()
            };
            let end = NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
            let (mut official, mut probationary) = (0, 0);
            for m in &members {
                let member =
                    day(&m["admitted"]) <= end && opt_day(&m["left"]).is_none_or(|l| l > end);
                if !member || !w.within(&w.member_org(&m["id"], end), id, end) {
                    continue;
                }
                if opt_day(&m["official"]).is_some_and(|o| o <= end) {
                    official += 1;
                } else {
                    probationary += 1;
                }
            }
            rollup.push_str(&format!(
                "{id},{y},{ins},{sup},{},{},{},{},{violations},{handled},{},{},{official},{probationary}\n",
                of("organization"),
                distinct("organization"),
                of("member"),
                distinct("member"),
                decisions("member"),
                decisions("organization"),
            ));
            per_year.insert(
                (id.clone(), y),
                ((ins + sup) as u64, violations as u64, handled as u64),
            );
        }
    }

    let mut term = term_header.to_owned();
    let sum = |id: &str, ys: std::ops::RangeInclusive<i32>, f: fn(&(u64, u64, u64)) -> u64| {
        ys.map(|y| per_year.get(&(id.to_owned(), y)).map_or(0, f))
            .sum::<u64>()
    };
    let status = |b: Frac, c: Frac| {
        // 100 c vs 110 b and 120 b, cross-multiplied.
        let lhs = 100 * c.0 * b.1;
        if b.0 == 0 {
            "no_baseline"
        } else if lhs < 110 * b.0 * c.1 {
            "below"
        } else if lhs > 120 * b.0 * c.1 {
            "above"
        } else {
            "within"
        }
    };
    for id in &ids {
        let level = &w.org(id)["level"];
        if !["central", "provincial", "district"].contains(&level.as_str()) {
            continue;
        }
        let baseline = sum(id, y1 - 9..=y1 - 5, |r| r.0);
        let current = sum(id, y1 - 4..=y1, |r| r.0);
        let v = sum(id, y1 - 4..=y1, |r| r.1);
        let h = sum(id, y1 - 4..=y1, |r| r.2);
        let resolution = if v == 0 {
            String::new()
        } else {
            Frac::new(i128::from(h) * 100, i128::from(v)).two_decimals()
        };
        term.push_str(&format!(
            "{id},{},{baseline},{current},{},{resolution}\n",
            y1 - 4,
            status(
                Frac::new(i128::from(baseline), 1),
                Frac::new(i128::from(current), 1)
            ),
        ));
    }

    let t = NaiveDate::from_ymd_opt(y1, 12, 31).unwrap();
    let mut rebased = rebased_header.to_owned();
    let mut maps: BTreeMap<&str, BTreeMap<String, Frac>> = BTreeMap::new();
    for b in body.values() {
        maps.entry(b).or_insert_with(|| {
            let mut m = BTreeMap::new();
            w.map_onto(b, t, Frac::new(1, 1), &mut m);
            m
        });
    }
    for id in &ids {
        let o = w.org(id);
        if !w.exists(id, t)
            || !["central", "provincial", "district", "grassroots"].contains(&o["level"].as_str())
        {
            continue;
        }
        let total = |ys: std::ops::RangeInclusive<i32>| {
            let mut s = Frac::ZERO;
            for (oid, d) in &started {
                if !ys.contains(&d.year()) {
                    continue;
                }
                for (to, weight) in &maps[body[oid]] {
                    if w.within(to, id, t) {
                        s = s.add(*weight);
                    }
                }
            }
            s
        };
        let (b, c) = (total(y1 - 9..=y1 - 5), total(y1 - 4..=y1));
        rebased.push_str(&format!(
            "{id},{},{},{},{}\n",
            y1 - 4,
            b.two_decimals(),
            c.two_decimals(),
            status(b, c)
        ));
    }
    (rollup, term, rebased)
}

fn ours(dir: &Path) -> (String, String, String) {
    let columns = interchange::load(dir, LoadOptions::default()).unwrap();
    let report = RollupReport::compute(&columns).unwrap();
    let text = |f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    (
        text(&|o| report.write_rollup(o)),
        text(&|o| report.write_term(o)),
        text(&|o| report.write_rebased(o)),
    )
}

fn assert_same(dir: &Path) {
    let (a, b) = (ours(dir), naive(dir));
    for (name, x, y) in [
        ("rollup.csv", &a.0, &b.0),
        ("term.csv", &a.1, &b.1),
        ("rebased.csv", &a.2, &b.2),
    ] {
        for (k, (l, r)) in x.lines().zip(y.lines()).enumerate() {
            assert_eq!(l, r, "{name}, line {}", k + 1);
        }
        assert_eq!(x.lines().count(), y.lines().count(), "{name}: rows");
    }
}

#[test]
fn the_three_files_equal_a_naive_recomputation() {
    assert_same(Path::new(V2TINY));
}

#[test]
fn the_naive_recomputation_on_another_dataset() {
    // Off unless a directory is given (see the module documentation).
    if let Ok(dir) = std::env::var("PARTY_OVERSIGHT_V2_DIR") {
        assert_same(&PathBuf::from(dir));
    }
}

#[test]
fn the_fixture_moves_organizations_and_members_and_has_lineage() {
    // Guard: the comparison above is only worth something if the fixture
    // exercises what version 2 adds.
    let dir = Path::new(V2TINY);
    assert!(rows(dir, "org_moves.csv").len() >= 10);
    assert!(rows(dir, "org_lineage.csv").len() >= 2);
    assert!(rows(dir, "member_moves.csv").len() >= 30);
    let columns = interchange::load(dir, LoadOptions::default()).unwrap();
    assert!(columns.is_version_2());
}

#[test]
fn as_it_was_counts_differ_from_the_tree_on_establishment() {
    // A province's district that ended on 1/7/2025: its subtree in 2026
    // holds nothing, as the tree of that day says, though its communes
    // still hang under it on establishment.
    let (rollup, _, _) = ours(Path::new(V2TINY));
    let orgs = rows(Path::new(V2TINY), "organizations.csv");
    let district = orgs
        .iter()
        .find(|o| o["level"] == "district" && o["dissolved"] == "2025-07-01")
        .expect("a district that ended on 1/7/2025");
    let line = rollup
        .lines()
        .find(|l| l.starts_with(&format!("{},2026,", district["id"])))
        .unwrap();
    assert!(
        line.ends_with(",0,0,0,0,0,0,0,0,0,0,0,0"),
        "a dissolved district holds nothing after its end: {line}"
    );
}

#[test]
fn a_version_1_dataset_reads_the_same_with_empty_version_2_files() {
    let tmp = std::env::temp_dir().join(format!("po-v2-empty-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for f in interchange::FILES {
        std::fs::copy(Path::new(TINY).join(f), tmp.join(f)).unwrap();
    }
    let before = ours(&tmp);
    std::fs::write(tmp.join("org_moves.csv"), "org_id,date,parent_id\n").unwrap();
    std::fs::write(
        tmp.join("org_lineage.csv"),
        "predecessor_id,successor_id,weight\n",
    )
    .unwrap();
    std::fs::write(tmp.join("member_moves.csv"), "member_id,date,org_id\n").unwrap();
    let after = ours(&tmp);
    std::fs::remove_dir_all(&tmp).unwrap();
    assert_eq!(before, after);
    // And version 1's rebased.csv follows the naive definition too.
    assert_eq!(before.2, naive(Path::new(TINY)).2);
}

#[test]
fn the_typed_model_reads_and_writes_version_2_back_unchanged() {
    let dir = Path::new(V2TINY);
    let dataset = interchange::read_dataset(dir).unwrap();
    let history = dataset
        .history()
        .expect("a version 2 dataset has a history");
    assert!(!history.is_static());
    let out = std::env::temp_dir().join(format!("po-v2-write-{}", std::process::id()));
    interchange::write_dataset(&dataset, &out).unwrap();
    for f in interchange::VERSION_2_FILES {
        let a = std::fs::read_to_string(dir.join(f)).unwrap();
        let b = std::fs::read_to_string(out.join(f)).unwrap();
        // The same rows (the writer orders moves by organization and date).
        let mut a: Vec<&str> = a.lines().collect();
        let mut b: Vec<&str> = b.lines().collect();
        a.sort_unstable();
        b.sort_unstable();
        assert!(a == b, "{f} differs after the round trip");
    }
    // What was written reads back to the same report.
    assert!(
        ours(&out) == ours(dir),
        "the report differs after the round trip"
    );
    // The typed engine counts as the columns do.
    let typed = dataset.records().engine().unwrap();
    let again = interchange::RollupReport::from_engine(&typed).unwrap();
    let mut x = Vec::new();
    again.write_rollup(&mut x).unwrap();
    assert_eq!(String::from_utf8(x).unwrap(), ours(dir).0);
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_commune_formed_by_a_merger_is_compared_with_the_units_before_it() {
    use party_oversight::{
        ComparisonStyle, Lang, MergerComparison, OversightReport, ReportOptions,
    };
    // T12 (Đảng bộ phường Lâm Ba) was formed on 1/7/2025 from T8 and T10.
    let columns = interchange::load(Path::new(V2TINY), LoadOptions::default()).unwrap();
    let engine = columns.engine();
    let h1: party_oversight::Period = "2026-H1".parse().unwrap();
    let options = ReportOptions::default().compare_previous_year(ComparisonStyle::Absolute);
    let sum = OversightReport::build(&engine, "T12", h1, options, None).unwrap();
    let units = sum.merged_from.as_ref().expect("units before the merger");
    let ids: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["T10", "T8"], "in tree order");
    assert!(units.iter().all(|u| u.former));
    let prev = sum.previous.as_ref().unwrap();
    assert!(prev.summed);
    // The sum of the two units' own figures, as they were in 2025 H1.
    let h1_2025: party_oversight::Period = "2025-H1".parse().unwrap();
    let t8 = engine.tally("T8", h1_2025).unwrap();
    let t10 = engine.tally("T10", h1_2025).unwrap();
    let both = t8.activity(None, None).org_visits() + t10.activity(None, None).org_visits();
    let clauses: u64 = prev.figures.clauses.iter().map(|c| c.orgs.subjects).sum();
    assert_eq!(clauses, both);
    let vi = sum.render(Lang::Vi);
    assert!(
        vi.contains("so với tổng số của các đơn vị trước hợp nhất"),
        "{vi}"
    );
    assert!(vi.contains("(cũ)"), "{vi}");
    let omit = OversightReport::build(
        &engine,
        "T12",
        h1,
        options.across_merger(MergerComparison::Omit),
        None,
    )
    .unwrap();
    assert!(omit.previous.is_none());
    let omitted = omit.render(Lang::Vi);
    assert!(omitted.contains("không so sánh với cùng kỳ"), "{omitted}");
    insta::assert_snapshot!(format!("{vi}---\n{}---\n{omitted}", sum.render(Lang::En)));
    // The province, which existed throughout, compares with itself.
    let province = OversightReport::build(&engine, "T22", h1, options, None).unwrap();
    assert!(province.merged_from.is_none());
    assert!(!province.previous.unwrap().summed);
}

#[test]
fn re_based_oversight_matches_rebased_csv() {
    use party_oversight::{Period, Ratio};
    let dir = Path::new(V2TINY);
    let columns = interchange::load(dir, LoadOptions::default()).unwrap();
    let engine = columns.engine();
    let report = RollupReport::compute(&columns).unwrap();
    let (_, y) = report.years().unwrap();
    let t = NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
    let current = Period::new(NaiveDate::from_ymd_opt(y - 4, 1, 1).unwrap(), t).unwrap();
    for (id, row) in report.rebased() {
        let ours = engine.rebased_oversight(id, current, t).unwrap();
        assert_eq!(ours.reduced(), row.current.reduced(), "{id}");
        assert!(ours >= Ratio::ZERO);
    }
}

#[cfg(feature = "workbook")]
#[test]
fn the_workbook_lists_the_units_of_the_period_former_ones_marked() {
    use calamine::{Data, Reader, Xlsx};
    use party_oversight::workbook::{Annex, AnnexOptions};
    let columns = interchange::load(Path::new(V2TINY), LoadOptions::default()).unwrap();
    let engine = columns.engine();
    // 2025: the district T46 (Ngọc Đồng) ended on 1/7/2025; T12 began then.
    let annex = Annex::build(
        &engine,
        "T22",
        "2025".parse().unwrap(),
        AnnexOptions::default(),
    )
    .unwrap();
    let bytes = annex.to_bytes().unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names().to_vec();
    let range = book.worksheet_range(&names[0]).unwrap();
    let labels: Vec<String> = range
        .rows()
        .filter_map(|r| match r.get(1) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(
        labels.iter().any(|l| l == "Đảng bộ huyện Ngọc Đồng (cũ)"),
        "{labels:#?}"
    );
    assert!(
        labels.iter().any(|l| l == "Đảng bộ phường Lâm Ba"),
        "{labels:#?}"
    );
}

#[test]
fn a_term_target_across_the_merger_uses_the_re_based_baseline() {
    use party_oversight::{
        Direction, Lang, OrgLevel, OversightReport, Percent, PercentTarget, Period, ReportOptions,
        Term, TermTargets,
    };
    let columns = interchange::load(Path::new(V2TINY), LoadOptions::default()).unwrap();
    let engine = columns.engine();
    let h1: Period = "2026-H1".parse().unwrap();
    let term = Term::calendar(OrgLevel::Grassroots, 1, 2025).unwrap();
    let before = Term::calendar(OrgLevel::Grassroots, 1, 2020)
        .unwrap()
        .period();
    let targets = TermTargets {
        term,
        baseline_period: before,
        baseline_count: None,
        oversight: PercentTarget::from_band("10-20", Direction::Increase).unwrap(),
        resolution: Percent::whole(100),
    };
    let report =
        OversightReport::build(&engine, "T12", h1, ReportOptions::default(), Some(&targets))
            .unwrap();
    let t = report.term.as_ref().unwrap();
    // T12 did not exist in 2020–2024: its baseline is the work of T8 and T10.
    let units = t.rebased_from.as_ref().expect("re-based across the merger");
    assert_eq!(units.len(), 2);
    let rebased = engine.rebased_oversight("T12", before, h1.last()).unwrap();
    assert_eq!(t.baseline, rebased);
    assert!(rebased > party_oversight::Ratio::ZERO);
    assert_eq!(
        t.bounds.low(),
        targets.oversight.bounds_of(rebased).unwrap().0
    );
    let vi = report.render(Lang::Vi);
    assert!(
        vi.contains("tổng số của các đơn vị trước hợp nhất: Chi bộ xã Mỹ Vạn (cũ)"),
        "{vi}"
    );
    // The province, the same unit throughout, counts its own term.
    let province =
        OversightReport::build(&engine, "T22", h1, ReportOptions::default(), Some(&targets))
            .unwrap();
    assert!(province.term.unwrap().rebased_from.is_none());
}

#[test]
fn figures_re_based_by_unit_add_up_to_the_sum_of_the_units() {
    use party_oversight::{Period, Ratio};
    let columns = interchange::load(Path::new(V2TINY), LoadOptions::default()).unwrap();
    let engine = columns.engine();
    let h1: Period = "2025-H1".parse().unwrap();
    let t = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let units = engine.rebased_units("T12", h1, t).unwrap();
    let ids: Vec<&str> = units.iter().map(|u| u.org.as_str()).collect();
    assert_eq!(ids, ["T10", "T8"]);
    assert!(units.iter().all(|u| u.share == Ratio::ONE));
    for u in &units {
        assert_eq!(u.tally, engine.tally(u.org.as_str(), h1).unwrap());
    }
    // Their inspections and supervisions, summed, are the record-by-record
    // re-based count (each unit's records all went to T12).
    let summed: u64 = units.iter().map(|u| u.tally.oversight_count()).sum();
    assert_eq!(
        engine.rebased_oversight("T12", h1, t).unwrap(),
        Ratio::new(summed, 1).unwrap()
    );
    // An organization never merged is its own unit.
    let own = engine.rebased_units("T22", h1, t).unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].org.as_str(), "T22");
}
