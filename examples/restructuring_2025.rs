//! The 2025 restructuring, as records: Hà Giang and Tuyên Quang merge into
//! the new Tuyên Quang on 1 July 2025, the district level ends (Bắc Mê's
//! district organization with it), Bắc Mê's communes merge and one is
//! split two to one; the new province's 2025–2030 target is evaluated
//! against its 2020–2025 baseline re-based onto today's structure, and its
//! first half of 2026 is compared with the first half of 2025 of the units
//! it took over from, in figures and in the report paragraph the library
//! writes ("so với tổng số của các đơn vị trước hợp nhất").
//!
//! `cargo run --example restructuring_2025` (`-- --lang en` for English).
//! The organizations are real; the records are synthetic, their counts
//! chosen to show the arithmetic (a commune's baseline of 733⅓).

use std::error::Error;

use chrono::NaiveDate;
use party_oversight::{
    Body, BodyKind, ComparisonStyle, Direction, Finding, History, Inspection, InspectionFields,
    InspectionGround, Lang, LineageLink, Member, MemberFields, OrgLevel, OrgMove, OrgTree,
    OrganizationFields, Outcome, OversightKind, OversightRegister, OversightReport,
    PartyOrganization, PercentTarget, Period, Ratio, Records, ReportOptions, Roster, Rounding,
    Subject, SupervisionMode,
};

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, Box<dyn Error>> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no day {y}-{m}-{d}").into())
}

/// The day of the merger.
pub fn merger() -> Result<NaiveDate, Box<dyn Error>> {
    day(2025, 7, 1)
}

struct Org<'a> {
    id: &'a str,
    parent: Option<&'a str>,
    level: OrgLevel,
    name: &'a str,
    established: (i32, u32, u32),
    dissolved: bool,
}

/// The records: the structure, its history and the oversight.
pub struct World {
    pub tree: OrgTree,
    pub roster: Roster,
    pub history: History<'static>,
    pub oversight: OversightRegister,
}

/// Inspections a year, by body organization, before the merger (each year
/// from 2020 H2 to 2025 H1) and after it.
const BEFORE: [(&str, BodyKind, u64); 7] = [
    ("HG", BodyKind::Committee, 24),
    ("TQC", BodyKind::Committee, 30),
    ("BM", BodyKind::Commission, 18),
    ("A", BodyKind::Committee, 60),
    ("B", BodyKind::Committee, 60),
    ("C", BodyKind::Committee, 40),
    ("D", BodyKind::Committee, 20),
];
const AFTER: [(&str, BodyKind, u64); 3] = [
    ("TQ", BodyKind::Committee, 70),
    ("X1", BodyKind::Committee, 160),
    ("X2", BodyKind::Committee, 40),
];

pub fn build() -> Result<World, Box<dyn Error>> {
    let merger = merger()?;
    let orgs = [
        Org {
            id: "HG",
            parent: None,
            level: OrgLevel::Provincial,
            name: "Đảng bộ tỉnh Hà Giang",
            established: (1950, 1, 1),
            dissolved: true,
        },
        Org {
            id: "TQC",
            parent: None,
            level: OrgLevel::Provincial,
            name: "Đảng bộ tỉnh Tuyên Quang",
            established: (1950, 1, 1),
            dissolved: true,
        },
        Org {
            id: "TQ",
            parent: None,
            level: OrgLevel::Provincial,
            name: "Đảng bộ tỉnh Tuyên Quang",
            established: (2025, 7, 1),
            dissolved: false,
        },
        Org {
            id: "BM",
            parent: Some("HG"),
            level: OrgLevel::District,
            name: "Đảng bộ huyện Bắc Mê",
            established: (1960, 1, 1),
            dissolved: true,
        },
        Org {
            id: "A",
            parent: Some("BM"),
            level: OrgLevel::Grassroots,
            name: "Đảng bộ xã Yên Phong",
            established: (1970, 1, 1),
            dissolved: true,
        },
        Org {
            id: "B",
            parent: Some("BM"),
            level: OrgLevel::Grassroots,
            name: "Đảng bộ xã Minh Ngọc",
            established: (1970, 1, 1),
            dissolved: true,
        },
        Org {
            id: "C",
            parent: Some("BM"),
            level: OrgLevel::Grassroots,
            name: "Đảng bộ xã Yên Cường",
            established: (1970, 1, 1),
            dissolved: true,
        },
        Org {
            id: "D",
            parent: Some("BM"),
            level: OrgLevel::Grassroots,
            name: "Đảng bộ xã Đường Âm",
            established: (1970, 1, 1),
            dissolved: true,
        },
        Org {
            id: "X1",
            parent: Some("TQ"),
            level: OrgLevel::Grassroots,
            name: "Đảng bộ xã Bắc Mê",
            established: (2025, 7, 1),
            dissolved: false,
        },
        Org {
            id: "X2",
            parent: Some("TQ"),
            level: OrgLevel::Grassroots,
            name: "Đảng bộ xã Yên Cường",
            established: (2025, 7, 1),
            dissolved: false,
        },
        // One cell in each old commune, moving under the new communes.
        Org {
            id: "A1",
            parent: Some("A"),
            level: OrgLevel::Cell,
            name: "Chi bộ thôn Nà Nưa",
            established: (1980, 1, 1),
            dissolved: false,
        },
        Org {
            id: "B1",
            parent: Some("B"),
            level: OrgLevel::Cell,
            name: "Chi bộ thôn Khuổi Hon",
            established: (1980, 1, 1),
            dissolved: false,
        },
        Org {
            id: "C1",
            parent: Some("C"),
            level: OrgLevel::Cell,
            name: "Chi bộ thôn Nà Chuồng",
            established: (1980, 1, 1),
            dissolved: false,
        },
        Org {
            id: "C2",
            parent: Some("C"),
            level: OrgLevel::Cell,
            name: "Chi bộ thôn Bản Loan",
            established: (1980, 1, 1),
            dissolved: false,
        },
        Org {
            id: "D1",
            parent: Some("D"),
            level: OrgLevel::Cell,
            name: "Chi bộ thôn Nà Sài",
            established: (1980, 1, 1),
            dissolved: false,
        },
    ];
    let mut list = Vec::new();
    for o in &orgs {
        let (y, m, d) = o.established;
        list.push(PartyOrganization::new(OrganizationFields {
            id: o.id.parse()?,
            parent: o.parent.map(str::parse).transpose()?,
            level: o.level,
            name: o.name.into(),
            established: day(y, m, d)?,
            dissolved: o.dissolved.then_some(merger),
            successor: None,
        })?);
    }
    let tree = OrgTree::new(list)?;
    let members = (0..20)
        .map(|i| {
            Member::new(MemberFields {
                id: format!("DV{i:03}").parse()?,
                org: ["A1", "B1", "C1", "C2", "D1"][i % 5].parse()?,
                full_name: format!("Đảng viên {i}"),
                admitted: day(2000, 1, 1)?,
                official: Some(day(2001, 1, 1)?),
                left: None,
                left_reason: None,
            })
            .map_err(Into::into)
        })
        .collect::<Result<Vec<_>, Box<dyn Error>>>()?;
    let roster = Roster::new(&tree, members)?;
    let moves: Vec<OrgMove> = [
        ("A1", "X1"),
        ("B1", "X1"),
        ("C1", "X1"),
        ("C2", "X2"),
        ("D1", "X2"),
    ]
    .into_iter()
    .map(|(o, p)| -> Result<OrgMove, Box<dyn Error>> {
        Ok(OrgMove {
            org: o.parse()?,
            date: merger,
            parent: p.parse()?,
        })
    })
    .collect::<Result<_, _>>()?;
    let link = |p: &str, s: &str, weight| -> Result<LineageLink, Box<dyn Error>> {
        Ok(LineageLink {
            predecessor: p.parse()?,
            successor: s.parse()?,
            weight,
        })
    };
    // The provinces merge; the communes merge, C splits two to one; the
    // district ends without a successor: its records go to its province.
    let lineage = vec![
        link("HG", "TQ", 1)?,
        link("TQC", "TQ", 1)?,
        link("A", "X1", 1)?,
        link("B", "X1", 1)?,
        link("C", "X1", 2)?,
        link("C", "X2", 1)?,
        link("D", "X2", 1)?,
    ];
    let history = History::new(&tree, &roster, &moves, &lineage, &[])?.into_owned();
    // The oversight: each body's inspections spread over its years.
    let mut inspections = Vec::new();
    let mut add =
        |org: &str, body: BodyKind, first: NaiveDate, n: u64| -> Result<(), Box<dyn Error>> {
            // Each body's subject, read on the day: after the merger the cells
            // sit under the new communes. The old Tuyên Quang's units are not
            // in this example: its work has no subject.
            let subject = match org {
                "HG" => Some("BM"),
                "TQ" => Some("X1"),
                "BM" => Some("A"),
                "A" | "X1" => Some("A1"),
                "B" => Some("B1"),
                "C" => Some("C1"),
                "D" => Some("D1"),
                "X2" => Some("C2"),
                _ => None,
            };
            let kind = if body == BodyKind::Commission {
                OversightKind::Supervision(SupervisionMode::Thematic)
            } else {
                OversightKind::Inspection(InspectionGround::Compliance)
            };
            for k in 0..n {
                let started = first + chrono::Days::new(k % 170);
                inspections.push(Inspection::new(InspectionFields {
                    id: format!("{org}-{first}-{k}").parse()?,
                    kind,
                    body: Body {
                        kind: body,
                        org: org.parse()?,
                    },
                    started,
                    concluded: Some(started + chrono::Days::new(5)),
                    findings: subject
                        .map(|s| -> Result<Finding, Box<dyn Error>> {
                            Ok(Finding::new(
                                Subject::Organization(s.parse()?),
                                Outcome::NoViolation,
                            ))
                        })
                        .transpose()?
                        .into_iter()
                        .collect(),
                    escalated_from: None,
                })?);
            }
            Ok(())
        };
    // Ten half-years before the merger (2020 H2 … 2025 H1), each with half
    // of the yearly count.
    for (org, body, per_year) in BEFORE {
        for half in 0..10 {
            let first = if half % 2 == 0 {
                day(2020 + half / 2, 7, 1)?
            } else {
                day(2021 + half / 2, 1, 1)?
            };
            add(org, body, first, per_year / 2)?;
        }
    }
    // After it: 2025 H2 and 2026 H1.
    for (org, body, per_year) in AFTER {
        add(org, body, merger, per_year / 2)?;
        add(org, body, day(2026, 1, 1)?, per_year / 2)?;
    }
    // Checked on each inspection's day, against the history.
    let oversight = OversightRegister::on_history(&history, &roster, inspections)?;
    Ok(World {
        tree,
        roster,
        history,
        oversight,
    })
}

/// What the example computes.
pub struct Figures {
    /// The new province's 2020–2025 baseline re-based onto its structure.
    pub province_baseline: Ratio,
    /// The new commune's, with the split commune's two thirds.
    pub commune_baseline: Ratio,
    /// The least counts that meet +10% over each.
    pub province_required: u64,
    /// The same for the commune.
    pub commune_required: u64,
    /// 2026 H1 in the new province, and 2025 H1 of the units it took over.
    pub h1_2026: Ratio,
    /// The same period a year earlier, re-based.
    pub h1_2025: Ratio,
}

pub fn figures(w: &World) -> Result<Figures, Box<dyn Error>> {
    let t = day(2026, 6, 30)?;
    let term_before = Period::new(day(2020, 7, 1)?, day(2025, 6, 30)?)?;
    let target = PercentTarget::from_band("10-20", Direction::Increase)?;
    let province_baseline = w
        .history
        .rebased_oversight(&w.oversight, "TQ", term_before, t)?;
    let commune_baseline = w
        .history
        .rebased_oversight(&w.oversight, "X1", term_before, t)?;
    Ok(Figures {
        province_required: target.bounds_of(province_baseline)?.0,
        commune_required: target.bounds_of(commune_baseline)?.0,
        province_baseline,
        commune_baseline,
        h1_2026: w.history.rebased_oversight(
            &w.oversight,
            "TQ",
            Period::new(day(2026, 1, 1)?, t)?,
            t,
        )?,
        h1_2025: w.history.rebased_oversight(
            &w.oversight,
            "TQ",
            Period::new(day(2025, 1, 1)?, day(2025, 6, 30)?)?,
            t,
        )?,
    })
}

fn show(r: Ratio, lang: Lang) -> String {
    let r = r.reduced();
    let whole = r.floor();
    let exact = r
        .value_with::<2>(Rounding::HalfAwayFromZero)
        .display(lang)
        .to_string();
    if r.denominator() == 1 {
        party_oversight::count(whole, lang).to_string()
    } else {
        let frac = format!("{}/{}", r.numerator() % r.denominator(), r.denominator());
        format!("{} {frac} ({exact})", party_oversight::count(whole, lang))
    }
}

pub fn render(w: &World, lang: Lang) -> Result<String, Box<dyn Error>> {
    let f = figures(w)?;
    let vi = lang == Lang::Vi;
    let mut out = Vec::new();
    let (now, before) = (f.h1_2026, f.h1_2025);
    let (order, d) = now.abs_diff(before)?;
    let change = match (order, vi) {
        (std::cmp::Ordering::Less, true) => format!("giảm {}", show(d, lang)),
        (std::cmp::Ordering::Less, false) => format!("down {}", show(d, lang)),
        (_, true) => format!("tăng {}", show(d, lang)),
        (_, false) => format!("up {}", show(d, lang)),
    };
    if vi {
        out.push(format!(
            "6 tháng đầu năm 2026, cấp ủy, UBKT các cấp trong Đảng bộ tỉnh Tuyên Quang tiến hành {} cuộc kiểm tra, giám sát ({change} cuộc so với tổng số của các đơn vị trước hợp nhất cùng kỳ năm 2025: Đảng bộ tỉnh Hà Giang (cũ), Đảng bộ tỉnh Tuyên Quang (cũ), {} cuộc).",
            show(now, lang),
            show(before, lang)
        ));
        out.push(format!(
            "Chỉ tiêu nhiệm kỳ 2025-2030: tăng từ 10% đến 20% số cuộc kiểm tra, giám sát so với nhiệm kỳ trước. Nhiệm kỳ 2020-2025 (số liệu cộng gộp của các đơn vị trước hợp nhất, gồm Đảng bộ huyện Bắc Mê (cũ)): {} cuộc; cả nhiệm kỳ cần ít nhất {} cuộc.",
            show(f.province_baseline, lang),
            party_oversight::count(f.province_required, lang)
        ));
        out.push(format!(
            "Đảng bộ xã Bắc Mê (hợp nhất xã Yên Phong (cũ), xã Minh Ngọc (cũ) và 2/3 xã Yên Cường (cũ)): nhiệm kỳ trước {} cuộc; cả nhiệm kỳ cần ít nhất {} cuộc.",
            show(f.commune_baseline, lang),
            party_oversight::count(f.commune_required, lang)
        ));
    } else {
        out.push(format!(
            "In the first half of 2026, the committees and commissions of the Tuyên Quang provincial organization carried out {} inspections and supervisions ({change} on the sum of the units before the merger in the first half of 2025: the former Hà Giang and Tuyên Quang provincial organizations, {}).",
            show(now, lang),
            show(before, lang)
        ));
        out.push(format!(
            "Target for the 2025–2030 term: 10% to 20% more inspections and supervisions than the previous term. The 2020–2025 term, summed over the units before the merger (the former Bắc Mê district organization included): {}; the whole term needs at least {}.",
            show(f.province_baseline, lang),
            party_oversight::count(f.province_required, lang)
        ));
        out.push(format!(
            "Bắc Mê commune (the former Yên Phong and Minh Ngọc communes and two thirds of the former Yên Cường): previous term {}; the whole term needs at least {}.",
            show(f.commune_baseline, lang),
            party_oversight::count(f.commune_required, lang)
        ));
    }
    // The report paragraph as the library writes it: the new province's
    // first half of 2026, compared with the sum of the units before the
    // merger in the first half of 2025, counted as they were.
    let engine = Records::of(&w.tree, &w.roster, &w.oversight)
        .with_history(&w.history)?
        .engine()?;
    let report = OversightReport::build(
        &engine,
        "TQ",
        "2026-H1".parse()?,
        ReportOptions::default().compare_previous_year(ComparisonStyle::Absolute),
        None,
    )?;
    out.push(report.render(lang).trim_end().to_owned());
    Ok(out.join("\n") + "\n")
}

fn main() -> Result<(), Box<dyn Error>> {
    let lang = match std::env::args().nth(1).as_deref() {
        None => Lang::Vi,
        Some("--lang") => std::env::args()
            .nth(2)
            .ok_or("usage: restructuring_2025 [--lang vi|en]")?
            .parse()?,
        Some(_) => return Err("usage: restructuring_2025 [--lang vi|en]".into()),
    };
    let w = build()?;
    print!("{}", render(&w, lang)?);
    Ok(())
}
