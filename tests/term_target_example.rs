//! The `term_target` example, run in-process on fixed arguments.

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/term_target.rs"]
mod term_target;

fn run(args: &str) -> String {
    let argv = std::iter::once("term_target").chain(args.split_whitespace());
    match term_target::run(argv) {
        Ok(out) => out,
        Err(e) => format!("error: {e}"),
    }
}

const ISSUE_ARGS: &str =
    "--baseline 120 --band 10-20 --term 2015-2020 --actual 2015:20,2016:31,2017:14 --on 2017-06-30";

#[test]
fn vietnamese_by_default() {
    insta::assert_snapshot!(run(ISSUE_ARGS));
}

#[test]
fn english() {
    insta::assert_snapshot!(run(&format!("{ISSUE_ARGS} --lang en")));
}

#[test]
fn verdicts_at_the_end_of_the_term() {
    let base = "--baseline 120 --band 10-20 --term 2015-2020 --on 2019-12-31 --lang en";
    insta::assert_snapshot!(run(&format!("{base} --actual 2015:20,2016:31,2017:30,2018:30,2019:20")), @r"
    Target for the 2015–2020 term (9th congress): inspections and supervisions to increase by 10% to 20% over the previous term
    Term: 1 January 2015 to 31 December 2019
    Previous term: 120 inspections and supervisions
    Least count that meets the target: 132
    Top of the band: 144
    By 31 December 2019 (100.00% of the term elapsed): 131 so far
      2015: 20
      2016: 31
      2017: 30
      2018: 30
      2019: 20
    A linear schedule expects 132.00 by this date: behind schedule by 1
    Verdict: target missed (short by 1).
    ");
    assert!(run(&format!("{base} --actual 2015:132")).ends_with("Verdict: target met.\n"));
    assert!(run(&format!("{base} --actual 2015:144")).ends_with("Verdict: target met.\n"));
    assert!(
        run(&format!("{base} --actual 2015:145"))
            .ends_with("Verdict: beyond the band (1 above its top).\n")
    );
    let zero = run("--baseline 0 --band 10-20 --term 2015-2020 --on 2019-12-31 --actual 2015:5");
    assert!(zero.contains("Nhiệm kỳ trước không có cuộc nào"), "{zero}");
    assert!(
        zero.ends_with("Kết luận: không đánh giá được (nhiệm kỳ trước bằng 0).\n"),
        "{zero}"
    );
}

#[test]
fn a_decrease_target() {
    insta::assert_snapshot!(run("--baseline 1000 --band 10 --decrease --term 2020-2025 --congress 10 --actual 2020:300 --on 2020-12-31"), @r"
    Chỉ tiêu nhiệm kỳ 2020-2025 (Đại hội X): giảm ít nhất 10% số cuộc kiểm tra, giám sát so với nhiệm kỳ trước
    Thời gian nhiệm kỳ: từ ngày 1/1/2020 đến ngày 31/12/2024
    Nhiệm kỳ trước: 1.000 cuộc
    Mức tối đa được phép: 900 cuộc
    Đến ngày 31/12/2020 (đã qua 20,03% thời gian nhiệm kỳ): thực hiện 300 cuộc
      2020: 300
    Theo tiến độ đều, đến ngày này được phép tối đa 180,30 cuộc: vượt mức cho phép theo tiến độ 120 cuộc
    Còn được phép 600 cuộc trong 4,00 năm còn lại: bình quân 150,06 cuộc/năm (làm tròn lên 151 cuộc/năm)
    Kết luận: vượt mức cho phép theo tiến độ.
    ");
}

#[test]
fn wrong_arguments_get_a_clear_error() {
    let base = "--baseline 120 --term 2015-2020 --on 2017-06-30";
    insta::assert_snapshot!(run(&format!("{base} --band 20-10")), @"error: invalid target: the band's top 10% is below its minimum 20%");
    insta::assert_snapshot!(run(&format!("{base} --band ten")), @"error: invalid percentage 'ten': expected a non-negative decimal number such as 10, 12.5 or 12,5");
    insta::assert_snapshot!(run(&format!("{base} --band 10 --actual 2014:3")), @"error: invalid target: a count for 2014, outside the 2015–2020 term (9th congress)");
    insta::assert_snapshot!(run(&format!("{base} --band 10 --actual 2018:3")), @"error: invalid target: a count for 2018, after the evaluation on 2017-06-30");
    insta::assert_snapshot!(run(&format!("{base} --band 10 --actual 2015:3,2015:4")), @"error: invalid target: the count of 2015 is given twice");
    insta::assert_snapshot!(run(&format!("{base} --band 10 --actual 2015=3")), @"error: invalid target: counts are written YEAR:COUNT, not '2015=3'");
    insta::assert_snapshot!(run(&format!("{base} --band 10 --lang fr")), @"error: unknown language code 'fr': expected one of vi, en");
    insta::assert_snapshot!(run("--baseline 120 --band 10 --term 2015-2019 --on 2017-06-30"), @"error: invalid term: 2015-2019 is not a term: a term runs five years, so 2015-2020");
    let missing = run("--band 10 --term 2015-2020 --on 2017-06-30");
    assert!(
        missing.contains("the following required arguments were not provided")
            && missing.contains("--baseline"),
        "{missing}"
    );
    let bad_date = run("--baseline 1 --band 10 --term 2015-2020 --on 2017-02-30");
    assert!(
        bad_date.contains("invalid value '2017-02-30' for '--on <ON>'"),
        "{bad_date}"
    );
}

#[test]
fn json_figures() {
    let json = run(&format!("{ISSUE_ARGS} --json"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["actual"], 65);
    assert_eq!(v["bounds"]["low"], 132);
    assert_eq!(v["progress"]["pace"]["pace"], "behind");
    assert_eq!(v["progress"]["pace"]["by"], 1);
}
