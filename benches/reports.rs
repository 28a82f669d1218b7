//! Typed reports after one load: the first report after loading a dataset,
//! and each further report, for organizations of every level and periods of
//! every kind.
//!
//! `cargo bench --bench reports` runs on one generated province (about
//! 3,400 organizations, 96,000 members). The national scale:
//! `PARTY_OVERSIGHT_BENCH_PROVINCES=63 cargo bench --bench reports`
//! (about 214,000 organizations, 6 million members, 2.4 million inspections
//! and supervisions and 7 million subject rows over ten years; generating
//! and loading it takes a minute and about 2 GiB).

use std::path::PathBuf;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use party_oversight::interchange::{self, LoadOptions};
use party_oversight::{Bodies, OversightReport, Period, ReportOptions};

#[path = "common/gen.rs"]
mod generator;

fn provinces() -> usize {
    std::env::var("PARTY_OVERSIGHT_BENCH_PROVINCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(1)
}

fn benches(c: &mut Criterion) {
    let n = provinces();
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "party-oversight-bench-reports-{n}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let t = Instant::now();
    generator::generate(&dir, n);
    eprintln!("generated {n} province(s) in {:.1?}", t.elapsed());
    let t = Instant::now();
    let columns =
        interchange::load(&dir, LoadOptions::default()).expect("the generated dataset is valid");
    eprintln!(
        "loaded {} organizations, {} members, {} inspections and supervisions, {} subjects in {:.1?}",
        columns.tree().len(),
        columns.members(),
        columns.oversight(),
        columns.subjects(),
        t.elapsed()
    );
    let options = ReportOptions::default().bodies(Bodies::Both);
    let report = |org: &str, period: &str| {
        let period: Period = period.parse().unwrap();
        OversightReport::build(&columns.engine(), org, period, options, None).unwrap()
    };
    // The figures are real: the province's half-year has work to report.
    assert!(
        report("P0", "2019-H1")
            .figures
            .clauses
            .iter()
            .any(|c| c.count > 0)
    );

    let mut g = c.benchmark_group(format!("reports/{n}-province"));
    g.sample_size(10);
    g.bench_function("first report after load: a province, 2019-H1", |b| {
        b.iter(|| report("P0", "2019-H1").figures.clauses.len())
    });
    let further = [
        ("D3", "2019"),
        ("D5G7", "2019-Q3"),
        ("D5G7C1", "2019-06"),
        ("TW", "2015-01-01..2019-12-31"),
    ];
    for (org, period) in further {
        g.bench_function(format!("a further report: {org}, {period}"), |b| {
            b.iter(|| report(org, period).figures.clauses.len())
        });
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(report_benches, benches);
criterion_main!(report_benches);
