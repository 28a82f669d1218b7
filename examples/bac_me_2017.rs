//! Bắc Mê, first half of 2017: the figures of the source article (Báo Hà
//! Giang, 8 September 2017) computed from records.
//!
//! The article reports that in the first six months of 2017 the inspection
//! commissions of all levels of the Bắc Mê district party organization
//! inspected 15 party organizations, supervised 27 grassroots party
//! organizations and 322 member-visits, proposed discipline for 1 grassroots
//! organization and 3 members, and that one probationary member's name was
//! removed; 636 cadres and members attended the online conference on the
//! assessment toolkit of the 27 indicators, and 100% were briefed in the May
//! cell meetings. Its congress set two targets for the 2015–2020 term:
//! 10–20% more inspections and supervisions than the previous term, and 100%
//! of the violations detected handled.
//!
//! This example builds those events as records (the district, its
//! grassroots organizations and cells, about 3,200 members, the inspections,
//! supervisions, proposals, the name removal and the briefings), and prints
//! the report the library computes from them, then the term targets. Where
//! the article gives no detail (names, which organizations, dates, the
//! previous term's activity) the records are **synthetic**: plausible, made
//! by a fixed pseudo-random sequence, and marked as such in the output. No
//! figure of the output is typed in: all are counted from the records.
//!
//! ```text
//! cargo run --example bac_me_2017              # Vietnamese
//! cargo run --example bac_me_2017 -- --lang en # English
//! cargo run --example bac_me_2017 -- --json    # the report as JSON
//! ```

use std::error::Error;
use std::process::ExitCode;

use chrono::{Days, NaiveDate};
use party_oversight::assessment::{Briefing, BriefingFields, BriefingKind, BriefingTopic};
use party_oversight::{
    Bodies, Body, BodyKind, DisciplineAction, DisciplineFields, DisciplineForm, DisciplineStatus,
    Finding, Half, Inspection, InspectionFields, InspectionGround, Lang, LeftReason, Member,
    MemberFields, OrgLevel, OrgTree, OrganizationFields, Outcome, OversightKind, OversightRegister,
    OversightReport, PartyOrganization, Percent, PercentTarget, Period, Records, ReportOptions,
    Roster, Subject, SupervisionMode, Term, TermTargets,
};

/// The district's id in the records.
pub const DISTRICT: &str = "HU-BACME";

/// The records of the example.
pub struct BacMe {
    /// The organization tree (centre, province, district, grassroots, cells).
    pub tree: OrgTree,
    /// The members.
    pub roster: Roster,
    /// Inspections and supervisions of the 2010–2015 and 2015–2020 terms.
    pub oversight: OversightRegister,
    /// Discipline proposals and decisions.
    pub discipline: Vec<DisciplineAction>,
    /// The conference and the May cell meetings.
    pub briefings: Vec<Briefing>,
    /// The 9th congress term and its targets.
    pub targets: TermTargets,
}

/// A small deterministic pseudo-random sequence (so the synthetic records
/// are the same on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound.max(1)
    }
}

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, Box<dyn Error>> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no such day {y}-{m}-{d}").into())
}

const COMMUNES: [&str; 13] = [
    "thị trấn Yên Phú",
    "xã Yên Phong",
    "xã Lạc Nông",
    "xã Phú Nam",
    "xã Minh Ngọc",
    "xã Minh Sơn",
    "xã Giáp Trung",
    "xã Yên Định",
    "xã Yên Cường",
    "xã Thượng Tân",
    "xã Đường Âm",
    "xã Đường Hồng",
    "xã Phiêng Luông",
];

const AGENCIES: [&str; 20] = [
    "Chi bộ Trường THPT Bắc Mê",
    "Chi bộ Trường THPT Minh Ngọc",
    "Chi bộ Trung tâm Y tế huyện",
    "Chi bộ Bệnh viện Đa khoa huyện",
    "Chi bộ Phòng Giáo dục và Đào tạo",
    "Chi bộ Phòng Tài chính - Kế hoạch",
    "Chi bộ Phòng Nông nghiệp và Phát triển nông thôn",
    "Chi bộ Phòng Tài nguyên và Môi trường",
    "Chi bộ Kho bạc Nhà nước huyện",
    "Chi bộ Chi cục Thuế huyện",
    "Chi bộ Ngân hàng Chính sách xã hội huyện",
    "Chi bộ Ngân hàng Nông nghiệp huyện",
    "Chi bộ Hạt Kiểm lâm",
    "Chi bộ Tòa án nhân dân huyện",
    "Chi bộ Viện Kiểm sát nhân dân huyện",
    "Chi bộ Chi cục Thi hành án dân sự",
    "Chi bộ Trung tâm Văn hóa - Thể thao",
    "Chi bộ Bảo hiểm xã hội huyện",
    "Chi bộ Điện lực Bắc Mê",
    "Chi bộ Trường Dân tộc nội trú",
];

const FAMILY: [&str; 10] = [
    "Nguyễn", "Hoàng", "Nông", "Ma", "Lục", "Đặng", "Triệu", "Lý", "Vi", "Trần",
];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Thanh", "Minh", "Ngọc"];
const GIVEN: [&str; 12] = [
    "An", "Bình", "Chung", "Dung", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Quý", "Thắm",
];

fn org(
    id: &str,
    parent: Option<&str>,
    level: OrgLevel,
    name: &str,
) -> Result<PartyOrganization, Box<dyn Error>> {
    Ok(PartyOrganization::new(OrganizationFields {
        id: id.parse()?,
        parent: parent.map(str::parse).transpose()?,
        level,
        name: name.to_owned(),
        established: day(1976, 1, 1)?,
        dissolved: None,
        successor: None,
    })?)
}

/// Builds every record of the example.
pub fn build() -> Result<BacMe, Box<dyn Error>> {
    let mut rng = Lcg(2017);

    // Organizations: the province and the district, 13 commune party
    // organizations (đảng bộ cơ sở) with their village cells, and 20 chi bộ
    // cơ sở of agencies and schools.
    let mut orgs = vec![
        org("TW", None, OrgLevel::Central, "Đảng Cộng sản Việt Nam")?,
        org(
            "TU-HAGIANG",
            Some("TW"),
            OrgLevel::Provincial,
            "Đảng bộ tỉnh Hà Giang",
        )?,
        org(
            DISTRICT,
            Some("TU-HAGIANG"),
            OrgLevel::District,
            "Đảng bộ huyện Bắc Mê",
        )?,
    ];
    let mut communes = Vec::new();
    let mut cells: Vec<(String, String)> = Vec::new(); // (cell, its commune)
    for (c, name) in COMMUNES.iter().enumerate() {
        let id = format!("DB-{:02}", c + 1);
        orgs.push(org(
            &id,
            Some(DISTRICT),
            OrgLevel::Grassroots,
            &format!("Đảng bộ {name}"),
        )?);
        for k in 0..8 + rng.next(6) {
            let cell = format!("{id}-CB{:02}", k + 1);
            orgs.push(org(
                &cell,
                Some(&id),
                OrgLevel::Cell,
                &format!("Chi bộ thôn số {} ({name})", k + 1),
            )?);
            cells.push((cell, id.clone()));
        }
        communes.push(id);
    }
    let mut agencies = Vec::new();
    for (a, name) in AGENCIES.iter().enumerate() {
        let id = format!("CB-{:02}", a + 1);
        orgs.push(org(&id, Some(DISTRICT), OrgLevel::Grassroots, name)?);
        agencies.push(id);
    }
    let tree = OrgTree::new(orgs)?;

    // Members: admitted between 1975 and 2016; the ones admitted within the
    // last twelve months are probationary in 2017. The first two members of
    // each unit sit on its committee (chi ủy, đảng ủy).
    let mut members = Vec::new();
    let mut homes: Vec<&str> = cells.iter().map(|(c, _)| c.as_str()).collect();
    homes.extend(agencies.iter().map(String::as_str));
    let mut committee = std::collections::BTreeSet::new();
    let mut n = 0;
    for home in &homes {
        let size = if home.starts_with("CB-") {
            10 + rng.next(16)
        } else {
            13 + rng.next(17)
        };
        for k in 0..size {
            n += 1;
            let id = format!("DV-{n:05}");
            let admitted = day(
                1975 + rng.next(42) as i32,
                1 + rng.next(12) as u32,
                1 + rng.next(28) as u32,
            )?;
            let end = party_oversight::probation_end(admitted).ok_or("date out of range")?;
            let official = (end <= day(2017, 6, 30)?).then_some(end);
            let name = format!(
                "{} {} {}",
                FAMILY[rng.next(10) as usize],
                MIDDLE[rng.next(6) as usize],
                GIVEN[rng.next(12) as usize]
            );
            if k < 2 {
                committee.insert(id.clone());
            }
            members.push(MemberFields {
                id: id.parse()?,
                org: home.parse()?,
                full_name: name,
                admitted,
                official,
                left: None,
                left_reason: None,
            });
        }
    }
    // One probationary member's name is removed for violating the Charter.
    let removed = members
        .iter_mut()
        .find(|m| m.official.is_none() && m.admitted < day(2017, 3, 1).unwrap_or(NaiveDate::MIN))
        .ok_or("no probationary member to remove")?;
    removed.left = Some(day(2017, 4, 12)?);
    removed.left_reason = Some(LeftReason::NameRemoval);
    let roster = Roster::new(
        &tree,
        members
            .into_iter()
            .map(Member::new)
            .collect::<Result<_, _>>()?,
    )?;

    let member_ids: Vec<_> = roster
        .iter()
        .filter(|m| {
            m.is_member_on(day(2017, 6, 30).unwrap_or(NaiveDate::MIN))
                && m.admitted() < day(2016, 1, 1).unwrap_or(NaiveDate::MIN)
        })
        .map(|m| (m.id().clone(), m.org_id().clone()))
        .collect();
    let commune_of = |cell: &str| {
        cells
            .iter()
            .find(|(c, _)| c == cell)
            .map(|(_, d)| d.clone())
    };

    let mut inspections = Vec::new();
    let mut seq = 0;
    let mut next_id = |prefix: &str| {
        seq += 1;
        format!("{prefix}-{seq:04}")
    };
    let clean = |subject| Finding {
        subject,
        outcome: Outcome::NoViolation,
        committee_member: false,
        content: None,
    };
    let mut add = |id: String,
                   kind,
                   body: BodyKind,
                   body_org: &str,
                   started,
                   concluded,
                   findings: Vec<Finding>|
     -> Result<(), Box<dyn Error>> {
        inspections.push(Inspection::new(InspectionFields {
            id: id.parse()?,
            kind,
            body: Body {
                kind: body,
                org: body_org.parse()?,
            },
            started,
            concluded,
            findings,
            escalated_from: None,
        })?);
        Ok(())
    };

    // --- First half of 2017, the inspection commissions of all levels ---
    // The district commission inspects 6 grassroots organizations; the
    // commissions of the commune party committees inspect 9 of their cells.
    let h1 = Period::half(2017, Half::First)?;
    let mut inspected: Vec<(String, BodyKind, String)> = Vec::new();
    for g in communes.iter().take(4).chain(agencies.iter().take(2)) {
        inspected.push((g.clone(), BodyKind::Commission, DISTRICT.to_owned()));
    }
    for (cell, commune) in cells.iter().step_by(7).take(9) {
        inspected.push((cell.clone(), BodyKind::Commission, commune.clone()));
    }
    let grounds = [
        InspectionGround::Compliance,
        InspectionGround::Finance,
        InspectionGround::OversightDuties,
    ];
    let violating_org = communes.get(2).ok_or("too few communes")?.clone();
    for (k, (subject, body, body_org)) in inspected.iter().enumerate() {
        let started = h1.first() + Days::new(20 + 9 * k as u64);
        let outcome = if *subject == violating_org {
            Outcome::Violation {
                indicators: "I.4;II.2".parse()?,
                handled: None,
            }
        } else {
            Outcome::NoViolation
        };
        add(
            next_id("KT"),
            OversightKind::Inspection(grounds[k % 3]),
            *body,
            body_org,
            started,
            Some(started + Days::new(30)),
            vec![Finding {
                subject: Subject::Organization(subject.parse()?),
                outcome,
                committee_member: false,
                content: None,
            }],
        )?;
    }
    // The district commission supervises 27 grassroots organizations
    // (thematic), with some of their members; the commune commissions
    // supervise members regularly. 322 member-visits in all, some members
    // supervised twice.
    let grassroots: Vec<&String> = communes.iter().chain(agencies.iter()).collect();
    let mut visits_left: u64 = 322;
    let mut proposed_members = Vec::new();
    for (k, g) in grassroots.iter().take(27).enumerate() {
        let started = h1.first() + Days::new(10 + 5 * k as u64);
        let mut findings = vec![clean(Subject::Organization(g.parse()?))];
        let in_unit: Vec<_> = member_ids
            .iter()
            .filter(|(_, o)| {
                o.as_str() == g.as_str() || commune_of(o.as_str()).as_deref() == Some(g.as_str())
            })
            .take(6)
            .collect();
        for (m, _) in in_unit {
            if visits_left == 0 {
                break;
            }
            visits_left -= 1;
            findings.push(Finding {
                subject: Subject::Member(m.clone()),
                outcome: Outcome::NoViolation,
                committee_member: committee.contains(m.as_str()),
                content: None,
            });
        }
        add(
            next_id("GS"),
            OversightKind::Supervision(SupervisionMode::Thematic),
            BodyKind::Commission,
            DISTRICT,
            started,
            Some(started + Days::new(45)),
            findings,
        )?;
    }
    // Regular supervisions of members by the commune commissions: each
    // supervision takes up to 8 members of one commune; a second round
    // revisits some members of the first.
    let mut round = 0;
    while visits_left > 0 {
        for commune in &communes {
            if visits_left == 0 {
                break;
            }
            let pool: Vec<_> = member_ids
                .iter()
                .filter(|(_, o)| commune_of(o.as_str()).as_deref() == Some(commune.as_str()))
                .skip(10)
                .take(8)
                .collect();
            let take = pool.len().min(visits_left as usize);
            if take == 0 {
                continue;
            }
            let started = h1.first() + Days::new(40 + 7 * round as u64 + rng.next(20));
            let concluded = started + Days::new(30);
            let mut findings = Vec::new();
            for (m, _) in pool.into_iter().take(take) {
                // Three members are found in violation and proposed for discipline.
                let violation = round == 0
                    && findings.is_empty()
                    && proposed_members.len() < 3
                    && commune.ends_with(['1', '5', '9']);
                let outcome = if violation {
                    proposed_members.push((m.clone(), commune.clone(), concluded));
                    Outcome::Violation {
                        indicators: "II.1".parse()?,
                        handled: None,
                    }
                } else {
                    Outcome::NoViolation
                };
                findings.push(Finding {
                    subject: Subject::Member(m.clone()),
                    outcome,
                    committee_member: committee.contains(m.as_str()),
                    content: None,
                });
            }
            visits_left -= take as u64;
            add(
                next_id("GS"),
                OversightKind::Supervision(SupervisionMode::Regular),
                BodyKind::Commission,
                commune,
                started,
                Some(concluded),
                findings,
            )?;
        }
        round += 1;
    }

    // --- The committees' own work in the same half year (not in the
    // commissions' figures, but in the term's count) ---
    for (k, g) in grassroots.iter().skip(5).take(8).enumerate() {
        let started = h1.first() + Days::new(15 + 11 * k as u64);
        add(
            next_id("KT"),
            OversightKind::Inspection(InspectionGround::Compliance),
            BodyKind::Committee,
            DISTRICT,
            started,
            Some(started + Days::new(20)),
            vec![clean(Subject::Organization(g.parse()?))],
        )?;
    }

    // --- Synthetic history: the 8th term (2010–2015) and the 9th term to
    // the end of 2016, by committees and commissions, one grassroots
    // organization per inspection or supervision; a few violations, handled
    // within two months ---
    let baseline_period = Period::new(day(2010, 7, 20)?, day(2015, 7, 15)?);
    let baseline_period = baseline_period?;
    let term_start = day(2015, 7, 16)?;
    let history = [
        (baseline_period.first(), baseline_period.last(), 2u64),
        (term_start, day(2016, 12, 31)?, 2u64),
    ];
    for (from, to, step) in history {
        let mut date = from;
        let mut k = 0u64;
        while date <= to {
            let g = grassroots[(k as usize) % grassroots.len()];
            let kind = if k.is_multiple_of(3) {
                OversightKind::Inspection(grounds[(k % 9 / 3) as usize])
            } else {
                OversightKind::Supervision(SupervisionMode::Regular)
            };
            let body = if k.is_multiple_of(2) {
                BodyKind::Commission
            } else {
                BodyKind::Committee
            };
            let concluded = date + Days::new(30);
            let outcome = if k % 17 == 5 {
                Outcome::Violation {
                    indicators: "I.4".parse()?,
                    handled: Some(concluded + Days::new(30 + rng.next(30))),
                }
            } else {
                Outcome::NoViolation
            };
            add(
                next_id("LS"),
                kind,
                body,
                DISTRICT,
                date,
                Some(concluded),
                vec![Finding {
                    subject: Subject::Organization(g.parse()?),
                    outcome,
                    committee_member: false,
                    content: None,
                }],
            )?;
            date = date + Days::new(step + rng.next(step));
            k += 1;
        }
    }
    let oversight = OversightRegister::new(&tree, &roster, inspections)?;

    // --- Discipline proposals of the first half of 2017 ---
    let mut discipline = Vec::new();
    let mut kl = 0;
    let mut propose = |subject: Subject,
                       form,
                       body: BodyKind,
                       body_org: &str,
                       violation_date,
                       date,
                       inspection: Option<&str>|
     -> Result<(), Box<dyn Error>> {
        kl += 1;
        discipline.push(DisciplineAction::new(
            &tree,
            &roster,
            DisciplineFields {
                id: format!("KL-{kl:03}").parse()?,
                subject,
                form,
                status: DisciplineStatus::Proposed,
                body: Body {
                    kind: body,
                    org: body_org.parse()?,
                },
                violation_date,
                date,
                inspection: inspection.map(str::parse).transpose()?,
                holds_post: None,
                exception: None,
                content: None,
                committee_member: false,
            },
        )?);
        Ok(())
    };
    // The district commission proposes that the standing board discipline
    // the grassroots organization found in violation.
    let violating = Subject::Organization(violating_org.parse()?);
    let org_inspection = oversight
        .iter()
        .find(|i| i.findings().iter().any(|f| f.subject == violating))
        .ok_or("no inspection of the violating organization")?;
    propose(
        violating.clone(),
        DisciplineForm::Reprimand,
        BodyKind::Commission,
        DISTRICT,
        day(2016, 11, 1)?,
        org_inspection.concluded().ok_or("not concluded")? + Days::new(5),
        Some(org_inspection.id().as_str()),
    )?;
    // The commune commissions propose that the district commission
    // discipline three members.
    for (m, commune, concluded) in &proposed_members {
        let found = oversight
            .iter()
            .find(|i| {
                i.body().org.as_str() == commune
                    && i.findings()
                        .iter()
                        .any(|f| f.subject == Subject::Member(m.clone()))
            })
            .ok_or("no finding")?;
        propose(
            Subject::Member(m.clone()),
            DisciplineForm::Warning,
            BodyKind::Commission,
            commune,
            day(2016, 12, 1)?,
            *concluded + Days::new(3),
            Some(found.id().as_str()),
        )?;
    }

    // --- Briefings on the assessment toolkit ---
    // The district's online conference: 636 cadres and members attended.
    let on_conference = day(2017, 4, 25)?;
    let attendees: Vec<_> = roster
        .iter()
        .filter(|m| m.is_member_on(on_conference))
        .filter(|m| committee.contains(m.id().as_str()) || rng.next(100) < 15)
        .take(636)
        .map(|m| m.id().clone())
        .collect();
    let mut briefings = vec![Briefing::new(
        &tree,
        &roster,
        BriefingFields {
            org: DISTRICT.parse()?,
            date: on_conference,
            kind: BriefingKind::Conference,
            attendees,
            topic: Some(BriefingTopic::DegradationIndicators),
        },
    )?];
    // Then every cell and chi bộ cơ sở briefed all its members in its May
    // meeting.
    for home in &homes {
        let date = day(2017, 5, 5 + rng.next(20) as u32)?;
        let attendees = roster
            .iter()
            .filter(|m| m.org_id().as_str() == *home && m.is_member_on(date))
            .map(|m| m.id().clone())
            .collect();
        briefings.push(Briefing::new(
            &tree,
            &roster,
            BriefingFields {
                org: home.parse()?,
                date,
                kind: BriefingKind::CellMeeting,
                attendees,
                topic: Some(BriefingTopic::DegradationIndicators),
            },
        )?);
    }

    let targets = TermTargets {
        baseline_count: None,
        term: Term::dated(OrgLevel::District, 9, term_start, day(2020, 7, 15)?)?,
        baseline_period,
        oversight: PercentTarget::increase(Percent::whole(10), Some(Percent::whole(20)))?,
        resolution: Percent::whole(100),
    };
    Ok(BacMe {
        tree,
        roster,
        oversight,
        discipline,
        briefings,
        targets,
    })
}

/// The report of the first half of 2017, with the term targets.
pub fn report(data: &BacMe) -> Result<OversightReport, Box<dyn Error>> {
    let engine = Records::of(&data.tree, &data.roster, &data.oversight)
        .with_discipline(&data.discipline)
        .with_briefings(&data.briefings)
        .engine()?;
    Ok(OversightReport::build(
        &engine,
        DISTRICT,
        Period::half(2017, Half::First)?,
        // The article reports the commissions' work, counting member
        // subjects as visits ("322 lượt đảng viên").
        ReportOptions::default()
            .bodies(Bodies::Commission)
            .visits(true),
        Some(&data.targets),
    )?)
}

/// Runs the example with `argv` (program name first) and returns its output.
pub fn run<I: IntoIterator<Item = String>>(argv: I) -> Result<String, Box<dyn Error>> {
    let mut lang = Lang::Vi;
    let mut json = false;
    let mut args = argv.into_iter().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lang" => lang = args.next().ok_or("--lang needs vi or en")?.parse()?,
            "--json" => json = true,
            other => {
                return Err(format!(
                    "unknown argument '{other}'; usage: bac_me_2017 [--lang vi|en] [--json]"
                )
                .into());
            }
        }
    }
    let data = build()?;
    let report = report(&data)?;
    if json {
        return Ok(serde_json::to_string_pretty(&report)? + "\n");
    }
    let note = match lang {
        Lang::Vi => {
            "(Số liệu dựng lại từ bài báo; tên tổ chức, đảng viên, ngày tháng và hoạt động nhiệm kỳ trước là giả định.)"
        }
        Lang::En => {
            "(Records rebuilt from the article; names, dates and the previous term's activity are synthetic.)"
        }
    };
    Ok(format!("{}{note}\n", report.render(lang)))
}

fn main() -> ExitCode {
    match run(std::env::args()) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
