//! The annex workbook read back with an independent XLSX reader
//! (calamine): its sheets, numeric cells, and totals that agree with the
//! engine's figures for the same organization and period.

#![cfg(all(feature = "interchange", feature = "workbook"))]

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use party_oversight::interchange::{self, LoadOptions};
use party_oversight::workbook::{Annex, AnnexOptions};
use party_oversight::{
    BodyKind, ClauseKind, Direction, DisciplineStatus, OrgLevel, Percent, PercentTarget, Period,
    SubjectSide, Term, TermProgressReport,
};

const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");

fn read(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

/// The number under the column numbered `n` (row 9, "1", "2", …) in the
/// sheet's first data row (the total).
fn total_at(range: &calamine::Range<Data>, n: usize) -> f64 {
    let numbers = 8;
    let col = (0..range.width())
        .find(|&c| range.get((numbers, c)) == Some(&Data::String(n.to_string())))
        .unwrap_or_else(|| panic!("no column {n}"));
    match range.get((numbers + 1, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("column {n}: {other:?}"),
    }
}

#[test]
fn the_annex_reads_back_with_the_engines_figures() {
    let columns = interchange::load(Path::new(TINY), LoadOptions::default()).unwrap();
    let engine = columns.engine();
    let period: Period = "2019".parse().unwrap();
    let target = PercentTarget::from_band("10-20", Direction::Increase).unwrap();
    let term = Term::calendar_named(OrgLevel::District, 9, "2015-2020").unwrap();
    let by_year = [(2015, 3), (2016, 5), (2017, 4), (2018, 6), (2019, 7)]
        .into_iter()
        .collect();
    let progress =
        TermProgressReport::new(target, 20, term, period.last(), by_year, Percent::whole(0))
            .unwrap();
    let annex = Annex::build(
        &engine,
        "T3",
        period,
        AnnexOptions::default()
            .compare_previous_year(true)
            .term_progress(progress),
    )
    .unwrap();
    let mut book = read(annex.to_bytes().unwrap());
    let names = book.sheet_names();
    assert_eq!(
        names,
        annex
            .sheet_names()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(names.len(), 13);
    assert_eq!(names.last().map(String::as_str), Some("Tiến độ nhiệm kỳ"));
    let tally = engine.tally("T3", period).unwrap();
    let before = engine.tally("T3", "2018".parse().unwrap()).unwrap();
    let subjects = |t: &party_oversight::Tally, c: &[ClauseKind], side| -> f64 {
        c.iter()
            .map(|k| {
                let kinds = k.kinds();
                t.subject_figures(k.body(), &kinds, side).subjects
            })
            .sum::<u64>() as f64
    };
    let checks: [(&str, &[ClauseKind], SubjectSide); 6] = [
        (
            "1 KT đảng viên",
            &[ClauseKind::CommitteeInspection],
            SubjectSide::Member,
        ),
        (
            "2 KT tổ chức đảng",
            &[ClauseKind::CommitteeInspection],
            SubjectSide::Organization,
        ),
        (
            "3 GS đảng viên (cấp ủy)",
            &[ClauseKind::CommitteeThematic, ClauseKind::CommitteeRegular],
            SubjectSide::Member,
        ),
        (
            "5 KTDHVP đảng viên",
            &[ClauseKind::CommitteeSigns, ClauseKind::CommissionSigns],
            SubjectSide::Member,
        ),
        (
            "7 GS đảng viên (UBKT)",
            &[ClauseKind::CommissionSupervision],
            SubjectSide::Member,
        ),
        (
            "10 KT tài chính đảng",
            &[ClauseKind::Finance],
            SubjectSide::Organization,
        ),
    ];
    for (sheet, clauses, side) in checks {
        let range = book.worksheet_range(sheet).unwrap();
        // Kỳ này, cùng kỳ năm trước: the engine's figures.
        assert_eq!(
            total_at(&range, 1),
            subjects(&tally, clauses, side),
            "{sheet}"
        );
        assert_eq!(
            total_at(&range, 2),
            subjects(&before, clauses, side),
            "{sheet} a year earlier"
        );
    }
    let mut nonzero = 0;
    for name in names.iter().filter(|n| n.as_str() != "Tiến độ nhiệm kỳ") {
        let range = book.worksheet_range(name).unwrap();
        // The header block and the column numbers.
        assert!(
            matches!(range.get((8, 0)), Some(Data::String(a)) if a == "A"),
            "{name}"
        );
        assert!(
            matches!(range.get((8, 1)), Some(Data::String(b)) if b == "B"),
            "{name}"
        );
        // Every figure cell of the data rows is a number (the % column may
        // be empty when the earlier count is 0).
        let rows = 9..range.height();
        for r in rows {
            let label = range.get((r, 1));
            if !matches!(label, Some(Data::String(s)) if !s.is_empty()) {
                break;
            }
            for c in 2..range.width() {
                match range.get((r, c)) {
                    Some(Data::Float(f)) => {
                        if *f > 0.0 {
                            nonzero += 1;
                        }
                    }
                    Some(Data::Int(_)) => {}
                    Some(Data::String(s)) if s.is_empty() => {}
                    Some(Data::Empty) | None => {}
                    other => panic!("{name} row {r} column {c}: {other:?}"),
                }
            }
        }
        // The rows of the units add up to the total, column by column (the
        // organization's own bodies, then each unit under it).
        let total_row = 9;
        for c in 2..range.width() {
            let value = |r: usize| match range.get((r, c)) {
                Some(Data::Float(f)) => *f,
                _ => 0.0,
            };
            let header = range.get((8, c));
            // The comparison's % column does not add up.
            let is_pct = matches!(range.get((7, c)), Some(Data::String(s)) if s.starts_with('%'));
            if is_pct || header.is_none() {
                continue;
            }
            let parts: f64 = (total_row + 1..range.height())
                .take_while(
                    |&r| matches!(range.get((r, 1)), Some(Data::String(s)) if !s.is_empty()),
                )
                .map(value)
                .sum();
            assert_eq!(parts, value(total_row), "{name} column {c}");
        }
    }
    assert!(
        nonzero > 20,
        "the tiny dataset fills the sheets: {nonzero} figures"
    );
    // Discipline: the decided members of the engine.
    let range = book.worksheet_range("11 THKL đảng viên").unwrap();
    let decided = tally.discipline(None, DisciplineStatus::Decided, SubjectSide::Member, None);
    assert_eq!(total_at(&range, 1), decided as f64);
    let _ = BodyKind::Committee;
    // The term sheet: the running total of the years.
    let term = book.worksheet_range("Tiến độ nhiệm kỳ").unwrap();
    let last_running = (0..term.height())
        .filter_map(|r| match (term.get((r, 0)), term.get((r, 2))) {
            (Some(Data::Float(y)), Some(Data::Float(v))) if *y == 2019.0 => Some(*v),
            _ => None,
        })
        .next();
    assert_eq!(last_running, Some(25.0));
}

#[test]
fn an_unknown_organization_is_refused() {
    let columns = interchange::load(Path::new(TINY), LoadOptions::default()).unwrap();
    let e = Annex::build(
        &columns.engine(),
        "NOPE",
        "2019".parse().unwrap(),
        AnnexOptions::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("NOPE"), "{e}");
}
