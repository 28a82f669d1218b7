//! Reading, validating, rolling up and writing an interchange dataset at
//! the `province` scale (about 3,400 organizations, 96,000 members, 38,000
//! inspections and supervisions, 90,000 subjects), generated here by a
//! small deterministic generator so that the benchmarks need no Python.
//!
//! `cargo bench --bench interchange`. The national scale end to end:
//! `bash scripts/national.sh` (see README, Performance).

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use party_oversight::interchange::{self, LoadOptions, RollupReport};

#[path = "common/gen.rs"]
mod generator;

fn dataset_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("party-oversight-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    generator::generate(&dir, 1);
    dir
}

fn benches(c: &mut Criterion) {
    let dir = dataset_dir();
    let columns =
        interchange::load(&dir, LoadOptions::default()).expect("the generated dataset is valid");
    assert!(
        columns.subjects() > 80_000,
        "{} subjects",
        columns.subjects()
    );

    let mut g = c.benchmark_group("interchange/province");
    g.sample_size(10);
    g.bench_function("load: parse and validate all five files", |b| {
        b.iter(|| {
            interchange::load(&dir, LoadOptions::default())
                .map(|c| c.subjects())
                .unwrap_or(0)
        })
    });
    g.bench_function("load on one thread", |b| {
        b.iter(|| {
            interchange::load(&dir, LoadOptions::default().threads(1))
                .map(|c| c.subjects())
                .unwrap_or(0)
        })
    });
    g.bench_function("read_dataset: into the typed model", |b| {
        b.iter(|| {
            interchange::read_dataset(&dir)
                .map(|d| d.roster().len())
                .unwrap_or(0)
        })
    });
    g.bench_function("roll-up: RollupReport::compute", |b| {
        b.iter(|| RollupReport::compute(&columns).map(|r| r.years()).ok())
    });
    let report = RollupReport::compute(&columns).unwrap();
    g.bench_function("write rollup.csv and term.csv (to memory)", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(8 << 20);
            report.write_rollup(&mut out).unwrap();
            report.write_term(&mut out).unwrap();
            out.len()
        })
    });
    let model = interchange::read_dataset(&dir).unwrap();
    let out = dir.join("written");
    g.bench_function("write_dataset: the five files", |b| {
        b.iter(|| interchange::write_dataset(&model, &out).is_ok())
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);

    // Format version 2: the same province with grassroots organizations
    // moving under another district in 2020 and members moving between
    // cells; read with every rule on the tree of its day, rolled up as it
    // was.
    let dir2 =
        std::env::temp_dir().join(format!("party-oversight-bench-v2-{}", std::process::id()));
    std::fs::create_dir_all(&dir2).unwrap();
    generator::generate_over_time(&dir2, 1);
    let columns2 =
        interchange::load(&dir2, LoadOptions::default()).expect("the generated dataset is valid");
    assert!(columns2.is_version_2());
    let mut g = c.benchmark_group("interchange/province-version-2");
    g.sample_size(10);
    g.bench_function("load: parse and validate, rules on the day", |b| {
        b.iter(|| {
            interchange::load(&dir2, LoadOptions::default())
                .map(|c| c.subjects())
                .unwrap_or(0)
        })
    });
    g.bench_function("roll-up as it was, with rebased.csv", |b| {
        b.iter(|| RollupReport::compute(&columns2).map(|r| r.years()).ok())
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir2);
}

criterion_group!(interchange_benches, benches);
criterion_main!(interchange_benches);
