//! A small deterministic generator of valid interchange datasets, shared by
//! the benchmarks so that they need no Python.

use std::fmt::Write as _;
use std::path::Path;

pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound.max(1)
    }
}

fn date(days: u64) -> String {
    (chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(days)).to_string()
}

const D2015: u64 = 16_436; // 2015-01-01 in days since 1970

/// The day of the restructuring of [`generate_over_time`]: 2020-01-01.
const MOVE_DAY: u64 = 18_262;

/// Writes a valid dataset of `provinces` province-scale provinces into
/// `dir`: about 3,400 organizations, 96,000 members and 38,000 inspections
/// and supervisions (2015–2024) each.
pub fn generate(dir: &Path, provinces: usize) {
    generate_with(dir, provinces, false);
}

/// [`generate`], in format version 2: on 2020-01-01 half of each
/// district's grassroots organizations move under the neighbouring
/// district of their province (org_moves.csv), and one member in a hundred
/// moves to another cell of the same grassroots organization once
/// (member_moves.csv); every record is placed on the tree of its day.
#[allow(dead_code)]
pub fn generate_over_time(dir: &Path, provinces: usize) {
    generate_with(dir, provinces, true);
}

fn generate_with(dir: &Path, provinces: usize, over_time: bool) {
    let mut r = Lcg(2024);
    let mut orgs = String::from(
        "id,parent_id,level,name,established,dissolved,successor_id\nTW,,central,Trung ương,1930-02-03,,\n",
    );
    let mut grass = Vec::new(); // (grassroots id, district id, cells)
    // (grassroots index, district after MOVE_DAY)
    let mut moved: Vec<Option<String>> = Vec::new();
    let mut org_moves = String::from("org_id,date,parent_id\n");
    for d in 0..11 * provinces {
        let p = d / 11;
        if d % 11 == 0 {
            let _ = writeln!(orgs, "P{p},TW,provincial,Tỉnh {p},1950-01-01,,");
        }
        let did = format!("D{d}");
        let _ = writeln!(orgs, "{did},P{p},district,Huyện {d},1960-01-01,,");
        for g in 0..60 {
            let gid = format!("D{d}G{g}");
            let _ = writeln!(
                orgs,
                "{gid},{did},grassroots,\"Đảng bộ xã {g}, huyện {d}\",1965-01-01,,"
            );
            let mut cells = Vec::new();
            for c in 0..4 {
                let cid = format!("{gid}C{c}");
                let _ = writeln!(orgs, "{cid},{gid},cell,Chi bộ {c},1970-01-01,,");
                cells.push(cid);
            }
            let next = if over_time && g % 2 == 0 {
                // The neighbouring district of the same province.
                let other = if d % 11 == 10 { d - 1 } else { d + 1 };
                let to = format!("D{other}");
                let _ = writeln!(org_moves, "{gid},{},{to}", date(MOVE_DAY));
                Some(to)
            } else {
                None
            };
            moved.push(next);
            grass.push((gid, did.clone(), cells));
        }
    }
    let mut member_moves = String::from("member_id,date,org_id\n");
    let mut members = String::from("id,org_id,full_name,admitted,official,left,left_reason\n");
    // (id, grassroots index, admitted, left)
    let mut people: Vec<(String, usize, u64, Option<u64>)> = Vec::new();
    for m in 0..96_000 * provinces as u64 {
        // Members stay in their province's grassroots.
        let g = r.next(grass.len() as u64) as usize;
        let cell = &grass[g].2[r.next(4) as usize];
        let admitted = 4_000 + r.next(19_000);
        let official = (r.next(10) > 0).then(|| admitted + 366 + r.next(60));
        let left = (r.next(12) == 0).then(|| official.unwrap_or(admitted) + 1 + r.next(2_000));
        let reason = match (left, official) {
            (None, _) => "",
            (Some(_), None) => "name_removal",
            (Some(_), Some(_)) => {
                ["death", "resignation", "expulsion", "name_removal"][r.next(4) as usize]
            }
        };
        let id = format!("DV{m:07}");
        let _ = writeln!(
            members,
            "{id},{cell},Nguyễn Văn {m},{},{},{},{reason}",
            date(admitted),
            official.map(date).unwrap_or_default(),
            left.map(date).unwrap_or_default()
        );
        if over_time && r.next(100) == 0 {
            // Once, to another cell of the same grassroots organization,
            // while a member.
            let end = left.unwrap_or(admitted + 19_000);
            if end > admitted + 2 {
                let day = admitted + 1 + r.next(end - admitted - 2);
                let other = grass[g]
                    .2
                    .iter()
                    .find(|c| *c != cell)
                    .cloned()
                    .unwrap_or_default();
                let _ = writeln!(member_moves, "{id},{},{other}", date(day));
            }
        }
        people.push((id, g, admitted, left));
    }
    let mut by_grass: Vec<Vec<usize>> = vec![Vec::new(); grass.len()];
    for (i, p) in people.iter().enumerate() {
        by_grass[p.1].push(i);
    }
    let mut oversight = String::from("id,activity,kind,body,body_org_id,started,concluded\n");
    let mut subjects =
        String::from("oversight_id,subject_type,subject_id,violation,indicators,handled\n");
    let mut discipline = String::from(
        "id,subject_type,subject_id,form,status,body,body_org_id,violation_date,date,oversight_id\n",
    );
    let mut kl = 0;
    for k in 0..38_000 * provinces as u64 {
        let g = r.next(grass.len() as u64) as usize;
        let (gid, home_district, cells) = &grass[g];
        let started = D2015 + r.next(3_650);
        let concluded = started + 30;
        let inspection = r.next(3) == 0;
        let (activity, kind) = if inspection {
            ("inspection", "compliance")
        } else {
            ("supervision", "thematic")
        };
        let at_district = r.next(2) == 0;
        // The grassroots organization's district of a day.
        let district_on = |day: u64| match &moved[g] {
            Some(to) if day >= MOVE_DAY => to,
            _ => home_district,
        };
        let did = district_on(started);
        let (body, body_org) = if at_district {
            ("commission", did.as_str())
        } else {
            ("committee", gid.as_str())
        };
        let id = format!("GS{k:07}");
        let _ = writeln!(
            oversight,
            "{id},{activity},{kind},{body},{body_org},{},{}",
            date(started),
            date(concluded)
        );
        let org_subject = if at_district {
            gid
        } else {
            &cells[r.next(4) as usize]
        };
        let violation = r.next(10) == 0;
        if violation {
            let _ = writeln!(
                subjects,
                "{id},organization,{org_subject},true,I.4,{}",
                date(concluded + 10)
            );
        } else {
            let _ = writeln!(subjects, "{id},organization,{org_subject},false,,");
        }
        let mut seen = Vec::new();
        for _ in 0..2 {
            let pool = &by_grass[g];
            let m = pool[r.next(pool.len() as u64) as usize];
            let (mid, _, admitted, left) = &people[m];
            if *admitted > started || left.is_some_and(|l| l <= started) || seen.contains(&m) {
                continue;
            }
            seen.push(m);
            let _ = writeln!(subjects, "{id},member,{mid},false,,");
            if at_district && r.next(12) == 0 && left.is_none() {
                kl += 1;
                let did = district_on(concluded + 5);
                let _ = writeln!(
                    discipline,
                    "KL{kl:06},member,{mid},reprimand,decided,commission,{did},{},{},{id}",
                    date(started - 20),
                    date(concluded + 5)
                );
            }
        }
    }
    for (name, text) in [
        ("organizations.csv", orgs),
        ("members.csv", members),
        ("oversight.csv", oversight),
        ("oversight_subjects.csv", subjects),
        ("discipline.csv", discipline),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    if over_time {
        for (name, text) in [
            ("org_moves.csv", org_moves),
            ("member_moves.csv", member_moves),
        ] {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
}
