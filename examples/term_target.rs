//! Did we meet the congress target? A district congress resolved to
//! "increase the number of inspections and supervisions by 10–20% over the
//! previous term" (the 9th Bắc Mê district congress, 2015–2020). Given the
//! previous term's count, the counts of each year so far and a date, this
//! prints the least count that meets the target, the top of the band, the
//! progress against a linear schedule, the plan per remaining year and the
//! verdict: in Vietnamese by default, in English with `--lang en`.
//!
//! ```text
//! cargo run --example term_target -- --baseline 120 --band 10-20 --term 2015-2020 \
//!     --actual 2015:20,2016:31,2017:14 --on 2017-06-30
//! ```

use std::collections::BTreeMap;
use std::error::Error;
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use clap::Parser;
use party_oversight::{
    Direction, Evaluation, Lang, OrgLevel, Pace, Percent, PercentTarget, Period, Ratio, Rounding,
    Term, count,
};

/// Evaluate a percent-increase (or decrease) target of a congress term.
#[derive(Debug, Parser)]
#[command(name = "term_target")]
struct Args {
    /// The previous term's count (the baseline), e.g. 120.
    #[arg(long)]
    baseline: u64,
    /// The target band in per cent: `10-20` (10% to 20%) or `10` (at least 10%).
    #[arg(long)]
    band: String,
    /// The target is a reduction ("giảm") rather than an increase.
    #[arg(long)]
    decrease: bool,
    /// The term's years as named, e.g. `2015-2020` (five calendar years from the first).
    #[arg(long)]
    term: String,
    /// The congress number, e.g. 9 for "Đại hội IX".
    #[arg(long, default_value_t = 9)]
    congress: u32,
    /// Counts so far by year: `2015:20,2016:31,2017:14`.
    #[arg(long, default_value = "")]
    actual: String,
    /// The date of the evaluation (YYYY-MM-DD).
    #[arg(long)]
    on: NaiveDate,
    /// How far behind the linear schedule still counts as on track, in per cent.
    #[arg(long, default_value = "0")]
    tolerance: String,
    /// Output language: `vi` or `en`.
    #[arg(long, default_value = "vi")]
    lang: String,
}

/// Parses the command line (`argv[0]` first) and renders the evaluation.
pub fn run<I, T>(argv: I) -> Result<String, Box<dyn Error>>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args = Args::try_parse_from(argv)?;
    let lang: Lang = args.lang.parse()?;
    let (min, max) = match args.band.split_once('-') {
        Some((a, b)) => (a.parse::<Percent>()?, Some(b.parse::<Percent>()?)),
        None => (args.band.parse::<Percent>()?, None),
    };
    let target = if args.decrease {
        PercentTarget::decrease(min, max)?
    } else {
        PercentTarget::increase(min, max)?
    };
    let (first_year, last_year) = args
        .term
        .split_once('-')
        .and_then(|(a, b)| Some((a.trim().parse::<i32>().ok()?, b.trim().parse::<i32>().ok()?)))
        .ok_or_else(|| {
            format!(
                "--term must be two years such as 2015-2020, not '{}'",
                args.term
            )
        })?;
    let term = Term::calendar(OrgLevel::District, args.congress, first_year)?;
    if term.named_years().1 != last_year {
        return Err(format!(
            "--term {}: a term runs five years, so {first_year}-{}",
            args.term,
            first_year + 5
        )
        .into());
    }
    let mut by_year = BTreeMap::new();
    for item in args.actual.split(',').filter(|s| !s.trim().is_empty()) {
        let (y, c) = item
            .split_once(':')
            .and_then(|(y, c)| Some((y.trim().parse::<i32>().ok()?, c.trim().parse::<u64>().ok()?)))
            .ok_or_else(|| format!("--actual entries are YEAR:COUNT, not '{item}'"))?;
        if !term.years().iter().any(|p| p.first().year() == y) {
            return Err(format!("--actual year {y} is outside {}", term.label(Lang::En)).into());
        }
        if y > args.on.year() {
            return Err(
                format!("--actual year {y} is after the evaluation date {}", args.on).into(),
            );
        }
        if by_year.insert(y, c).is_some() {
            return Err(format!("--actual names year {y} twice").into());
        }
    }
    let actual = by_year
        .values()
        .try_fold(0u64, |a, &c| a.checked_add(c))
        .ok_or("--actual counts overflow")?;
    let tolerance: Percent = args.tolerance.parse()?;
    render(
        lang,
        args.baseline,
        target,
        term,
        args.on,
        &by_year,
        actual,
        tolerance,
    )
}

#[allow(clippy::too_many_arguments)]
fn render(
    lang: Lang,
    baseline: u64,
    target: PercentTarget,
    term: Term,
    on: NaiveDate,
    by_year: &BTreeMap<i32, u64>,
    actual: u64,
    tolerance: Percent,
) -> Result<String, Box<dyn Error>> {
    let vi = lang == Lang::Vi;
    let n = |v: u64| count(v, lang).to_string();
    let dec = |r: Ratio| -> Result<String, Box<dyn Error>> {
        Ok(r.value(2, Rounding::HalfAwayFromZero)?
            .display(lang)
            .to_string())
    };
    let pct = |r: Ratio| -> Result<String, Box<dyn Error>> {
        Ok(r.percent(2, Rounding::HalfAwayFromZero)?
            .display(lang)
            .to_string())
    };
    let bounds = target.bounds(baseline)?;
    let progress = target.progress(baseline, term, on, actual, tolerance)?;
    let whole = target.evaluate(baseline, actual)?;
    let period = term.period();
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    let date = |d: NaiveDate| {
        if vi {
            party_oversight::period::date_vi(d)
        } else {
            party_oversight::period::date_en(d)
        }
    };

    if vi {
        line(format!(
            "Chỉ tiêu {}: {} số cuộc kiểm tra, giám sát so với nhiệm kỳ trước",
            term.label(lang),
            target.label(lang)
        ));
        line(format!(
            "Thời gian nhiệm kỳ: {}",
            Period::label(period, lang)
        ));
        line(format!("Nhiệm kỳ trước: {} cuộc", n(baseline)));
    } else {
        line(format!(
            "Target for {}: inspections and supervisions to {} over the previous term",
            term.label(lang),
            target.label(lang)
        ));
        line(format!("Term: {}", Period::label(period, lang)));
        line(format!(
            "Previous term: {} inspections and supervisions",
            n(baseline)
        ));
    }
    let (low_word, high_word) = match (target.direction(), vi) {
        (Direction::Increase, true) => ("Mức tối thiểu", "Mức trên của khoảng"),
        (Direction::Increase, false) => ("Least count that meets the target", "Top of the band"),
        (Direction::Decrease, true) => ("Mức dưới của khoảng", "Mức tối đa được phép"),
        (Direction::Decrease, false) => ("Bottom of the band", "Most allowed"),
    };
    let unit = if vi { "cuộc" } else { "" };
    let with_unit = |v: u64| if vi { format!("{} {unit}", n(v)) } else { n(v) };
    if baseline == 0 {
        line(if vi {
            "Nhiệm kỳ trước không có cuộc nào: không tính được tỷ lệ tăng, giảm.".into()
        } else {
            "The previous term had none: no percentage change can be computed.".into()
        });
    } else {
        match target.direction() {
            Direction::Increase => {
                line(format!("{low_word}: {}", with_unit(bounds.low())));
                if let Some(h) = bounds.high() {
                    line(format!("{high_word}: {}", with_unit(h)));
                }
            }
            Direction::Decrease => {
                if target.max().is_some() {
                    line(format!("{low_word}: {}", with_unit(bounds.low())));
                }
                line(format!(
                    "{high_word}: {}",
                    with_unit(bounds.high().unwrap_or(0))
                ));
            }
        }
    }
    if vi {
        line(format!(
            "Đến ngày {} (đã qua {} thời gian nhiệm kỳ): thực hiện {}",
            date(on),
            pct(progress.elapsed)?,
            with_unit(actual)
        ));
    } else {
        line(format!(
            "By {} ({} of the term elapsed): {} so far",
            date(on),
            pct(progress.elapsed)?,
            n(actual)
        ));
    }
    for (y, c) in by_year {
        line(format!("  {y}: {}", n(*c)));
    }
    if baseline > 0 {
        let increase = target.direction() == Direction::Increase;
        let pace = match (progress.pace, increase, vi) {
            (Pace::OnTrack, _, true) => "đúng tiến độ".to_string(),
            (Pace::OnTrack, _, false) => "on track".to_string(),
            (Pace::Behind { by }, true, true) => format!("chậm tiến độ {}", with_unit(by)),
            (Pace::Behind { by }, true, false) => format!("behind schedule by {}", n(by)),
            (Pace::Behind { by }, false, true) => {
                format!("vượt mức cho phép theo tiến độ {}", with_unit(by))
            }
            (Pace::Behind { by }, false, false) => format!("over the allowed pace by {}", n(by)),
        };
        let expected = dec(progress.expected)?;
        line(match (increase, vi) {
            (true, true) => format!("Theo tiến độ đều, đến ngày này cần {expected} cuộc: {pace}"),
            (true, false) => format!("A linear schedule expects {expected} by this date: {pace}"),
            (false, true) => {
                format!("Theo tiến độ đều, đến ngày này được phép tối đa {expected} cuộc: {pace}")
            }
            (false, false) => format!("A linear schedule allows {expected} by this date: {pace}"),
        });
        match progress.per_remaining_year {
            Some(per_year) if progress.remaining > 0 => {
                let ceil = per_year.ceil();
                let verb = match (target.direction(), vi) {
                    (Direction::Increase, true) => "Còn phải thực hiện",
                    (Direction::Increase, false) => "Still needed",
                    (Direction::Decrease, true) => "Còn được phép",
                    (Direction::Decrease, false) => "Still allowed",
                };
                if vi {
                    line(format!(
                        "{verb} {} trong {} năm còn lại: bình quân {} cuộc/năm (làm tròn lên {} cuộc/năm)",
                        with_unit(progress.remaining),
                        dec(progress.remaining_years)?,
                        dec(per_year)?,
                        n(ceil)
                    ));
                } else {
                    line(format!(
                        "{verb}: {} in the {} years left, {} a year on average ({} a year rounded up)",
                        n(progress.remaining),
                        dec(progress.remaining_years)?,
                        dec(per_year)?,
                        n(ceil)
                    ));
                }
            }
            _ => {}
        }
    }
    let finished = on >= period.last();
    let verdict = match (whole.outcome(), finished, vi) {
        (Evaluation::NoBaseline, _, true) => {
            "không đánh giá được (nhiệm kỳ trước bằng 0)".to_string()
        }
        (Evaluation::NoBaseline, _, false) => "cannot be judged (the baseline is zero)".to_string(),
        (_, false, _) => match (target.direction(), whole.is_met(), progress.pace, vi) {
            (Direction::Increase, Some(true), _, true) => {
                "đã đạt mức tối thiểu của chỉ tiêu".into()
            }
            (Direction::Increase, Some(true), _, false) => {
                "the target's minimum is already met".into()
            }
            (Direction::Increase, _, Pace::OnTrack, true) => "chưa đạt, đúng tiến độ".into(),
            (Direction::Increase, _, Pace::OnTrack, false) => "not yet met, on track".into(),
            (Direction::Increase, _, Pace::Behind { .. }, true) => "chưa đạt, chậm tiến độ".into(),
            (Direction::Increase, _, Pace::Behind { .. }, false) => {
                "not yet met, behind schedule".into()
            }
            (Direction::Decrease, Some(false), _, true) => {
                "đã vượt mức tối đa của cả nhiệm kỳ".into()
            }
            (Direction::Decrease, Some(false), _, false) => {
                "already over the whole term's allowance".into()
            }
            (Direction::Decrease, _, Pace::OnTrack, true) => "trong giới hạn, đúng tiến độ".into(),
            (Direction::Decrease, _, Pace::OnTrack, false) => {
                "within the allowance, on track".into()
            }
            (Direction::Decrease, _, Pace::Behind { .. }, true) => {
                "vượt mức cho phép theo tiến độ".into()
            }
            (Direction::Decrease, _, Pace::Behind { .. }, false) => "over the allowed pace".into(),
        },
        (Evaluation::Below { by }, true, true) => {
            format!("không đạt chỉ tiêu (thiếu {})", with_unit(by))
        }
        (Evaluation::Below { by }, true, false) => format!("target missed (short by {})", n(by)),
        (Evaluation::Within, true, true) => "đạt chỉ tiêu".into(),
        (Evaluation::Within, true, false) => "target met".into(),
        (Evaluation::Above { by }, true, true) => {
            format!("vượt khoảng chỉ tiêu ({} trên mức trên)", with_unit(by))
        }
        (Evaluation::Above { by }, true, false) => {
            format!("beyond the band ({} above its top)", n(by))
        }
    };
    line(if vi {
        format!("Kết luận: {verdict}.")
    } else {
        format!("Verdict: {verdict}.")
    });
    Ok(out)
}

fn main() -> ExitCode {
    match run(std::env::args_os()) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => match e.downcast::<clap::Error>() {
            Ok(clap_error) => clap_error.exit(),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}
