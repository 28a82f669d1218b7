//! The `party-oversight` binary, run on the committed fixtures: every
//! subcommand, every exit code, and its output.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn tiny() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/tiny")
}

fn cli() -> Command {
    Command::cargo_bin("party-oversight").unwrap()
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Out {
    let out = cli().args(args).output().unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("po-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn corrupted() -> PathBuf {
    let dir = temp("corrupted");
    for f in [
        "organizations.csv",
        "members.csv",
        "oversight.csv",
        "oversight_subjects.csv",
        "discipline.csv",
    ] {
        std::fs::copy(tiny().join(f), dir.join(f)).unwrap();
    }
    let path = dir.join("members.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut f: Vec<&str> = lines[2].split(',').collect();
    f[3] = "2016-02-30";
    lines[2] = f.join(",");
    let with_reason = lines.iter().position(|l| l.ends_with(",death")).unwrap();
    lines[with_reason] = lines[with_reason].replacen(",death", ",gone", 1);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    dir
}

#[test]
fn check_a_valid_dataset() {
    let tiny = tiny();
    let out = run(&["check", tiny.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout, @"valid: 25 organizations, 325 members, 408 inspections and supervisions, 1130 subjects, 8 discipline actions");
    let json = run(&["check", tiny.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["organizations"], 25);
}

#[test]
fn check_an_invalid_dataset_prints_every_problem_and_exits_1() {
    let dir = corrupted();
    let out = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stdout, @"
    members.csv:2: left_reason: unknown leaving reason code 'gone': expected one of name_removal, expulsion, resignation, death
    members.csv:2: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    members.csv:3: admitted: '2016-02-30' is not a day of the calendar
    members.csv:3: *: because of the problem on this line, 4 rows of oversight_subjects.csv could not be checked against it
    ");
    assert!(out.stderr.contains("problems found"), "{}", out.stderr);
    let json = run(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(json.code, 1);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["valid"], false);
    let rules: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"invalid_date") && rules.contains(&"unknown_code"),
        "{rules:?}"
    );
    // rollup and report refuse it too, with the same problems.
    let out_dir = temp("refused");
    let rollup = run(&["rollup", dir.to_str().unwrap(), out_dir.to_str().unwrap()]);
    assert_eq!(rollup.code, 1);
    assert!(!out_dir.join("rollup.csv").exists());
    let report = run(&[
        "report",
        dir.to_str().unwrap(),
        "--org",
        "T22",
        "--period",
        "2019",
    ]);
    assert_eq!(report.code, 1);
}

#[test]
fn usage_and_io_errors_exit_2() {
    let missing = run(&["check", "/no/such/folder"]);
    assert_eq!(missing.code, 2);
    insta::assert_snapshot!(missing.stderr, @"error: /no/such/folder is not a folder; a dataset is a folder of the five CSV files");
    assert_eq!(run(&["frobnicate"]).code, 2);
    assert_eq!(run(&["check"]).code, 2);
    let tiny = tiny();
    let bad_period = run(&[
        "report",
        tiny.to_str().unwrap(),
        "--org",
        "T22",
        "--period",
        "2019-H3",
    ]);
    assert_eq!(bad_period.code, 2);
    assert!(
        bad_period.stderr.contains("invalid period '2019-H3'"),
        "{}",
        bad_period.stderr
    );
}

#[test]
fn rollup_writes_the_report_files() {
    let tiny = tiny();
    let out = temp("rollup");
    let r = run(&[
        "rollup",
        tiny.to_str().unwrap(),
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The same bytes as the library's.
    let c = party_oversight::interchange::load(&tiny, Default::default()).unwrap();
    let report = party_oversight::interchange::RollupReport::compute(&c).unwrap();
    let mut expected = Vec::new();
    report.write_rollup(&mut expected).unwrap();
    assert_eq!(std::fs::read(out.join("rollup.csv")).unwrap(), expected);
    assert!(out.join("term.csv").exists());
    assert!(!out.join("rebased.csv").exists(), "only with --rebased");
    let r = run(&[
        "rollup",
        tiny.to_str().unwrap(),
        out.to_str().unwrap(),
        "--rebased",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut expected = Vec::new();
    report.write_rebased(&mut expected).unwrap();
    assert_eq!(std::fs::read(out.join("rebased.csv")).unwrap(), expected);
    let q = run(&[
        "rollup",
        tiny.to_str().unwrap(),
        out.to_str().unwrap(),
        "--period",
        "quarter",
    ]);
    assert_eq!(q.code, 0, "{}", q.stderr);
    let periods = std::fs::read_to_string(out.join("periods.csv")).unwrap();
    let (y0, y1) = report.years().unwrap();
    assert_eq!(periods.lines().count(), 1 + 25 * 4 * (y1 - y0 + 1) as usize);
    assert!(periods.contains(&format!("T22,{y0}-Q1,")));
    let t = run(&[
        "rollup",
        tiny.to_str().unwrap(),
        out.to_str().unwrap(),
        "--period",
        "term",
    ]);
    assert_eq!(t.code, 0);
    let terms = std::fs::read_to_string(out.join("periods.csv")).unwrap();
    assert!(
        terms.contains(&format!(
            "T22,{}..{},",
            format_args!("{}-01-01", y1 - 4),
            format_args!("{y1}-12-31")
        )),
        "{terms}"
    );
}

#[test]
fn report_on_an_organization_and_a_period() {
    let tiny = tiny();
    let en = run(&[
        "report",
        tiny.to_str().unwrap(),
        "--org",
        "T22",
        "--period",
        "2019-H1",
        "--lang",
        "en",
        "--bodies",
        "both",
    ]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    insta::assert_snapshot!(en.stdout, @"
    In the first half of 2019, party committees at all levels inspected 11 party organizations and 11 members. The inspections found 11 party organizations and 11 members doing well. Inspection commissions at all levels inspected the compliance of 2 party organizations and 2 members. The inspections found 2 party organizations and 2 members doing well. Party committees and inspection commissions at all levels inspected the party finances of 2 party organizations. The inspections found 1 party organization doing well; 1 party organization in violation. Party committees at all levels carried out thematic supervision of 2 party organizations and 14 members. The supervisions found 2 party organizations and 13 members doing well; 1 member showing signs of violation. Inspection commissions at all levels supervised 12 party organizations and 19 members. The supervisions found 12 party organizations and 19 members doing well.
    Party committees at all levels and cells disciplined 1 member (removal from office 1).
    On 30 June 2019, Đảng bộ tỉnh Quảng Ngãi had 268 members (259 official, 9 probationary).
    ");
    // A comparison with the same period a year earlier, in the small-unit
    // style.
    let compared = run(&[
        "report",
        tiny.to_str().unwrap(),
        "--org",
        "T3",
        "--period",
        "2019-H1",
        "--compare",
        "previous-year",
        "--style",
        "small",
    ]);
    assert_eq!(compared.code, 0, "{}", compared.stderr);
    insta::assert_snapshot!("report_compared_small", compared.stdout);
    // The workbook: written with -o, refused without.
    let out = temp("report");
    let xlsx = out.join("annex.xlsx");
    let written = run(&[
        "report",
        tiny.to_str().unwrap(),
        "--org",
        "T22",
        "--period",
        "2019",
        "--format",
        "xlsx",
        "--compare",
        "previous-year",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an XLSX file is a zip archive");
    let refused = run(&[
        "report",
        tiny.to_str().unwrap(),
        "--org",
        "T22",
        "--period",
        "2019",
        "--format",
        "xlsx",
    ]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("-o <file.xlsx>"),
        "{}",
        refused.stderr
    );
    let file = out.join("report.json");
    let json = run(&[
        "report",
        tiny.to_str().unwrap(),
        "--org",
        "T22",
        "--period",
        "2019",
        "--format",
        "json",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    assert!(json.stdout.is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["org"]["id"], "T22");
    let unknown = run(&[
        "report",
        tiny.to_str().unwrap(),
        "--org",
        "T222",
        "--period",
        "2019",
    ]);
    assert_eq!(unknown.code, 2);
    insta::assert_snapshot!(unknown.stderr, @r#"error: unknown organization "T222"; did you mean T22, T12, T2?"#);
}

#[test]
fn target_in_text_and_json() {
    let args = [
        "target",
        "--baseline",
        "120",
        "--band",
        "10-20",
        "--term",
        "2015-2020",
        "--actual",
        "2015:20,2016:31,2017:14",
        "--on",
        "2017-06-30",
    ];
    let vi = run(&args);
    assert_eq!(vi.code, 0, "{}", vi.stderr);
    insta::assert_snapshot!(vi.stdout, @"
    Chỉ tiêu nhiệm kỳ 2015-2020 (Đại hội IX): tăng từ 10% đến 20% số cuộc kiểm tra, giám sát so với nhiệm kỳ trước
    Thời gian nhiệm kỳ: từ ngày 1/1/2015 đến ngày 31/12/2019
    Nhiệm kỳ trước: 120 cuộc
    Mức tối thiểu: 132 cuộc
    Mức trên của khoảng: 144 cuộc
    Đến ngày 30/6/2017 (đã qua 49,95% thời gian nhiệm kỳ): thực hiện 65 cuộc
      2015: 20
      2016: 31
      2017: 14
    Theo tiến độ đều, đến ngày này cần 65,93 cuộc: chậm tiến độ 1 cuộc
    Còn phải thực hiện 67 cuộc trong 2,50 năm còn lại: bình quân 26,77 cuộc/năm (làm tròn lên 27 cuộc/năm)
    Kết luận: chưa đạt, chậm tiến độ.
    ");
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json = run(&json_args);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["actual"], 65);
    let bad = run(&[
        "target",
        "--baseline",
        "120",
        "--band",
        "20-10",
        "--term",
        "2015-2020",
        "--on",
        "2017-06-30",
    ]);
    assert_eq!(bad.code, 2);
    insta::assert_snapshot!(bad.stderr, @"error: invalid target: the band's top 10% is below its minimum 20%");
}

#[test]
fn completions_and_help() {
    let bash = run(&["completions", "bash"]);
    assert_eq!(bash.code, 0);
    assert!(bash.stdout.contains("party-oversight") && bash.stdout.contains("rollup"));
    let help = run(&["check", "--help"]);
    assert_eq!(help.code, 0);
    assert!(
        help.stdout.contains("Examples:") && help.stdout.contains("Exit codes"),
        "{}",
        help.stdout
    );
}

fn v2tiny() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/v2tiny")
}

#[test]
fn a_version_2_dataset_is_checked_rolled_up_and_reported_across_the_merger() {
    let dir = v2tiny();
    let d = dir.to_str().unwrap();
    let out = run(&["check", d]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout, @"valid: 49 organizations, 337 members, 462 inspections and supervisions, 1283 subjects, 14 discipline actions");
    let o = temp("v2rollup");
    let r = run(&["rollup", d, o.to_str().unwrap(), "--rebased", "--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = party_oversight::interchange::load(&dir, Default::default()).unwrap();
    let report = party_oversight::interchange::RollupReport::compute(&c).unwrap();
    let mut expected = Vec::new();
    report.write_rebased(&mut expected).unwrap();
    assert_eq!(std::fs::read(o.join("rebased.csv")).unwrap(), expected);
    // T12 was formed on 1/7/2025 from T8 and T10.
    let args = [
        "report",
        d,
        "--org",
        "T12",
        "--period",
        "2026-H1",
        "--compare",
        "previous-year",
    ];
    let sum = run(&args);
    assert_eq!(sum.code, 0, "{}", sum.stderr);
    assert!(
        sum.stdout
            .contains("so với tổng số của các đơn vị trước hợp nhất"),
        "{}",
        sum.stdout
    );
    let mut omit = args.to_vec();
    omit.extend(["--across-merger", "omit"]);
    let omitted = run(&omit);
    assert_eq!(omitted.code, 0, "{}", omitted.stderr);
    assert!(
        omitted.stdout.contains("không so sánh với cùng kỳ"),
        "{}",
        omitted.stdout
    );
    let broken = temp("v2broken");
    for f in std::fs::read_dir(&dir).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, broken.join(f.file_name().unwrap())).unwrap();
    }
    let moves = broken.join("org_moves.csv");
    let mut text = std::fs::read_to_string(&moves).unwrap();
    text.push_str("T18,2020-01-01,T22\n");
    std::fs::write(&moves, text).unwrap();
    let bad = run(&["check", broken.to_str().unwrap()]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stdout
            .contains("org_moves.csv:15: parent_id: organization T18 cannot move under T22"),
        "{}",
        bad.stdout
    );
}
