//! Percent-change targets of congress resolutions, e.g. "increase the number
//! of inspections and supervisions by 10–20% over the previous term" (the
//! 9th Bắc Mê district congress, 2015–2020).
//!
//! Everything is exact integer arithmetic: the least count that meets "10%
//! more than 47" is 52 (47 × 1.1 = 51.7, rounded **up**, since 51 would fall
//! short), never a float that happens to round the right way.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::display::Lang;
use crate::display::count;
use crate::error::{Error, ErrorKind};
use crate::period::Period;
use crate::period::Term;
use crate::ratio::{Percent, Ratio, Rounding};

/// Whether a target asks for more or for fewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// "tăng …%": at least the minimum percentage more than the baseline.
    Increase,
    /// "giảm …%": at least the minimum percentage fewer than the baseline.
    Decrease,
}

/// A percent-change target against a baseline count: a band from a minimum
/// percentage to an optional maximum, in an explicit direction.
///
/// "Increase by 10–20%" is `PercentTarget::increase(10%, Some(20%))`; "at
/// least 15% more" has no maximum; "reduce by 10%" is
/// `PercentTarget::decrease(10%, None)`.
///
/// # Examples
///
/// ```
/// use party_oversight::{Evaluation, Percent, PercentTarget};
///
/// let target = PercentTarget::increase(Percent::whole(10), Some(Percent::whole(20)))?;
/// let bounds = target.bounds(47)?;
/// assert_eq!(bounds.low(), 52); // 47 × 1.1 = 51.7: 52 is the least count that meets it
/// assert_eq!(bounds.high(), Some(56)); // 47 × 1.2 = 56.4
/// assert_eq!(target.evaluate(47, 50)?.outcome(), Evaluation::Below { by: 2 });
/// assert_eq!(target.evaluate(47, 53)?.outcome(), Evaluation::Within);
/// assert_eq!(target.evaluate(0, 53)?.outcome(), Evaluation::NoBaseline);
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PercentTargetFields", into = "PercentTargetFields")]
pub struct PercentTarget {
    direction: Direction,
    min: Percent,
    max: Option<Percent>,
}

/// The serde form of a [`PercentTarget`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PercentTargetFields {
    /// More or fewer.
    pub direction: Direction,
    /// The least change that meets the target.
    pub min: Percent,
    /// The top of the band, if any.
    #[serde(default)]
    pub max: Option<Percent>,
}

impl TryFrom<PercentTargetFields> for PercentTarget {
    type Error = Error;
    fn try_from(f: PercentTargetFields) -> Result<Self, Error> {
        PercentTarget::new(f.direction, f.min, f.max)
    }
}

impl From<PercentTarget> for PercentTargetFields {
    fn from(t: PercentTarget) -> Self {
        PercentTargetFields {
            direction: t.direction,
            min: t.min,
            max: t.max,
        }
    }
}

/// The range of counts that fall within a target's band for one baseline.
///
/// Serialize only: a computed result, to be computed again rather than
/// read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Bounds {
    baseline: Ratio,
    low: u64,
    high: Option<u64>,
}

impl Bounds {
    /// The baseline count: a whole count, or an exact fraction for a
    /// baseline re-based onto today's structure (733⅓).
    #[must_use]
    pub const fn baseline(self) -> Ratio {
        self.baseline
    }

    /// The least count within the band. For an increase: the required
    /// count, the least that meets the minimum.
    #[must_use]
    pub const fn low(self) -> u64 {
        self.low
    }

    /// The greatest count within the band, if it has a top. For a decrease:
    /// the most allowed, the greatest count that meets the minimum.
    #[must_use]
    pub const fn high(self) -> Option<u64> {
        self.high
    }
}

/// Where an actual count stands against a target's band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Evaluation {
    /// The baseline is zero: no percentage of it means anything, so there is
    /// no verdict (not a division by zero, and not "met").
    NoBaseline,
    /// Below the band, by this many.
    Below {
        /// How many more would reach the band.
        by: u64,
    },
    /// Within the band.
    Within,
    /// Above the band, by this many.
    Above {
        /// How many fewer would be back in the band.
        by: u64,
    },
}

impl PercentTarget {
    /// A target from its band as written: `10-20` (from 10% to 20%) or `10`
    /// (at least 10%); decimals with a comma or a point (`12,5`).
    ///
    /// ```
    /// use party_oversight::{Direction, Percent, PercentTarget};
    ///
    /// let t = PercentTarget::from_band("10-20", Direction::Increase)?;
    /// assert_eq!(t, PercentTarget::increase(Percent::whole(10), Some(Percent::whole(20)))?);
    /// # Ok::<(), party_oversight::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidPercent`] for a part that is not a percentage;
    /// the errors of [`PercentTarget::new`].
    pub fn from_band(band: &str, direction: Direction) -> Result<Self, Error> {
        let (min, max) = match band.split_once('-') {
            Some((a, b)) => (
                a.trim().parse::<Percent>()?,
                Some(b.trim().parse::<Percent>()?),
            ),
            None => (band.trim().parse::<Percent>()?, None),
        };
        PercentTarget::new(direction, min, max)
    }

    /// A target in `direction` with a band from `min` to `max`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidTarget`] if `max` is below `min`, or a decrease
    /// asks for more than 100%.
    pub fn new(direction: Direction, min: Percent, max: Option<Percent>) -> Result<Self, Error> {
        if let Some(max) = max
            && max < min
        {
            return Err(ErrorKind::InvalidTarget {
                reason: format!("the band's top {max} is below its minimum {min}"),
            }
            .into());
        }
        if direction == Direction::Decrease {
            let top = max.unwrap_or(min);
            if top > Percent::whole(100) {
                return Err(ErrorKind::InvalidTarget {
                    reason: format!(
                        "a decrease of {top} would go below zero; a decrease is at most 100%"
                    ),
                }
                .into());
            }
        }
        Ok(PercentTarget {
            direction,
            min,
            max,
        })
    }

    /// "Increase by at least `min`" (up to `max`, if given).
    ///
    /// # Errors
    ///
    /// As [`Self::new`].
    pub fn increase(min: Percent, max: Option<Percent>) -> Result<Self, Error> {
        Self::new(Direction::Increase, min, max)
    }

    /// "Reduce by at least `min`" (at most `max`, if given).
    ///
    /// # Errors
    ///
    /// As [`Self::new`].
    pub fn decrease(min: Percent, max: Option<Percent>) -> Result<Self, Error> {
        Self::new(Direction::Decrease, min, max)
    }

    /// More or fewer.
    #[must_use]
    pub const fn direction(self) -> Direction {
        self.direction
    }

    /// The minimum change.
    #[must_use]
    pub const fn min(self) -> Percent {
        self.min
    }

    /// The top of the band.
    #[must_use]
    pub const fn max(self) -> Option<Percent> {
        self.max
    }

    /// The counts within the band for `baseline`, computed exactly: for an
    /// increase, `low` = ⌈baseline × (100 + min) / 100⌉ and `high` =
    /// ⌊baseline × (100 + max) / 100⌋; for a decrease, `high` = ⌊baseline ×
    /// (100 − min) / 100⌋ and `low` = ⌈baseline × (100 − max) / 100⌉ (0
    /// without a max).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a bound exceeds `u64`.
    pub fn bounds(self, baseline: u64) -> Result<Bounds, Error> {
        self.bounds_over(Ratio::new(baseline, 1)?)
    }

    /// [`Self::bounds`] for a baseline that is an exact fraction (a
    /// baseline re-based onto today's structure, such as 733⅓).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a bound exceeds `u64`.
    pub fn bounds_over(self, baseline: Ratio) -> Result<Bounds, Error> {
        let (low, high) = self.bounds_of(baseline)?;
        Ok(Bounds {
            baseline,
            low,
            high,
        })
    }

    /// The band's counts for a baseline that is an exact fraction (a
    /// baseline re-based onto today's structure, such as 733⅓): `low` =
    /// ⌈baseline × (100 + min) / 100⌉ and `high` = ⌊baseline × (100 + max) /
    /// 100⌋ for an increase, and the mirror for a decrease, as
    /// [`Self::bounds`] does for a whole baseline.
    ///
    /// ```
    /// use party_oversight::{Direction, PercentTarget, Ratio};
    /// let t = PercentTarget::from_band("10", Direction::Increase)?;
    /// // 733⅓ × 1.1 = 806.67: the least count that meets it is 807.
    /// assert_eq!(t.bounds_of(Ratio::new(2200, 3)?)?.0, 807);
    /// # Ok::<(), party_oversight::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a bound exceeds `u64`.
    pub fn bounds_of(self, baseline: Ratio) -> Result<(u64, Option<u64>), Error> {
        let scale = |p: Percent, up: bool, round_up: bool| -> Result<u64, Error> {
            let q = 100 * u128::from(p.denominator());
            let factor = if up {
                q + u128::from(p.numerator())
            } else {
                q.saturating_sub(u128::from(p.numerator()))
            };
            let n = u128::from(baseline.numerator()) * factor;
            let d = q * u128::from(baseline.denominator());
            let v = if round_up { n.div_ceil(d) } else { n / d };
            u64::try_from(v).map_err(|_| {
                ErrorKind::Overflow {
                    what: "the target count for this baseline",
                }
                .into()
            })
        };
        Ok(match self.direction {
            Direction::Increase => (
                scale(self.min, true, true)?,
                self.max.map(|m| scale(m, true, false)).transpose()?,
            ),
            Direction::Decrease => (
                self.max
                    .map(|m| scale(m, false, true))
                    .transpose()?
                    .unwrap_or(0),
                Some(scale(self.min, false, false)?),
            ),
        })
    }

    /// The count that decides whether the target is met: for an increase the
    /// least count that meets it, for a decrease the greatest.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if it exceeds `u64`.
    pub fn required(self, baseline: u64) -> Result<u64, Error> {
        self.required_over(Ratio::new(baseline, 1)?)
    }

    /// [`Self::required`] for a baseline that is an exact fraction.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if it exceeds `u64`.
    pub fn required_over(self, baseline: Ratio) -> Result<u64, Error> {
        let b = self.bounds_over(baseline)?;
        match (self.direction, b.high) {
            (Direction::Increase, _) => Ok(b.low),
            (Direction::Decrease, Some(high)) => Ok(high),
            // A decrease's band always has its top: its allowance.
            (Direction::Decrease, None) => Err(ErrorKind::Internal {
                what: "a decrease target without its allowance",
            }
            .into()),
        }
    }

    /// Evaluates `actual` against `baseline`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a bound exceeds `u64`.
    pub fn evaluate(self, baseline: u64, actual: u64) -> Result<TargetEvaluation, Error> {
        self.evaluate_over(Ratio::new(baseline, 1)?, actual)
    }

    /// [`Self::evaluate`] against a baseline that is an exact fraction (a
    /// baseline re-based onto today's structure).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a bound exceeds `u64`.
    pub fn evaluate_over(self, baseline: Ratio, actual: u64) -> Result<TargetEvaluation, Error> {
        let bounds = self.bounds_over(baseline)?;
        let outcome = if baseline.numerator() == 0 {
            Evaluation::NoBaseline
        } else if actual < bounds.low {
            Evaluation::Below {
                by: bounds.low - actual,
            }
        } else {
            match bounds.high {
                Some(h) if actual > h => Evaluation::Above { by: actual - h },
                _ => Evaluation::Within,
            }
        };
        Ok(TargetEvaluation {
            target: self,
            bounds,
            actual,
            outcome,
        })
    }

    /// Progress at `on` within `term` towards the target, with `actual` the
    /// count so far, against a linear schedule: the count expected by then
    /// is the required count × the elapsed share of the term.
    ///
    /// For an increase the pace is on track when `actual` ≥ expected × (1 −
    /// `tolerance`); for a decrease, when `actual` ≤ expected × (1 +
    /// `tolerance`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a count exceeds `u64`;
    /// [`ErrorKind::BeforeTerm`] if `on` is before the term starts (there
    /// is no pace yet); [`ErrorKind::InvalidTarget`] if `tolerance` is over
    /// 100%.
    pub fn progress(
        self,
        baseline: u64,
        term: Term,
        on: NaiveDate,
        actual: u64,
        tolerance: Percent,
    ) -> Result<Progress, Error> {
        self.progress_over(Ratio::new(baseline, 1)?, term, on, actual, tolerance)
    }

    /// [`Self::progress`] against a baseline that is an exact fraction.
    ///
    /// # Errors
    ///
    /// As [`Self::progress`].
    pub fn progress_over(
        self,
        baseline: Ratio,
        term: Term,
        on: NaiveDate,
        actual: u64,
        tolerance: Percent,
    ) -> Result<Progress, Error> {
        let overflow = || {
            Error::from(ErrorKind::Overflow {
                what: "the pro-rated schedule",
            })
        };
        if tolerance > Percent::whole(100) {
            return Err(ErrorKind::InvalidTarget {
                reason: format!("a tolerance of {tolerance} is over 100%"),
            }
            .into());
        }
        let period = term.period();
        if on < period.first() {
            return Err(ErrorKind::BeforeTerm {
                on,
                first: period.first(),
            }
            .into());
        }
        let required = self.required_over(baseline)?;
        let total = period.days();
        let elapsed_days = period.days_elapsed(on);
        let elapsed = period.elapsed_share(on);
        let expected_num = required.checked_mul(elapsed_days).ok_or_else(overflow)?;
        let expected = Ratio::new(expected_num, total)?;
        // Threshold: expected × (100q ∓ p) / (100q), compared exactly.
        let q = 100 * u128::from(tolerance.denominator());
        let p = u128::from(tolerance.numerator());
        let pace = match self.direction {
            Direction::Increase => {
                let need = (u128::from(expected_num) * q.saturating_sub(p))
                    .div_ceil(u128::from(total) * q);
                let need = u64::try_from(need).map_err(|_| overflow())?;
                if actual >= need {
                    Pace::OnTrack
                } else {
                    Pace::Behind { by: need - actual }
                }
            }
            Direction::Decrease => {
                let cap = (u128::from(expected_num) * (q + p)) / (u128::from(total) * q);
                let cap = u64::try_from(cap).map_err(|_| overflow())?;
                if actual <= cap {
                    Pace::OnTrack
                } else {
                    Pace::Behind { by: actual - cap }
                }
            }
        };
        // Still needed (increase) or still allowed (decrease).
        let remaining = required.saturating_sub(actual);
        let remaining_days = total - elapsed_days;
        let (first, last) = term.named_years();
        let term_years = u64::try_from(last - first).unwrap_or(1).max(1);
        let per_remaining_year = if remaining_days == 0 {
            None
        } else {
            let num = remaining.checked_mul(total).ok_or_else(overflow)?;
            let den = remaining_days
                .checked_mul(term_years)
                .ok_or_else(overflow)?;
            Some(Ratio::new(num, den)?)
        };
        Ok(Progress {
            direction: self.direction,
            required,
            elapsed,
            expected,
            actual,
            pace,
            remaining,
            remaining_years: Ratio::new(
                remaining_days
                    .checked_mul(term_years)
                    .ok_or_else(overflow)?,
                total,
            )?,
            per_remaining_year,
        })
    }

    /// "tăng từ 10% đến 20%" / "increase by 10% to 20%", "tăng ít nhất 15%"
    /// / "increase by at least 15%", "giảm ít nhất 10%" / "reduce by at least
    /// 10%".
    #[must_use]
    pub fn label(self, lang: Lang) -> String {
        let (min, max) = (
            self.min.display(lang).to_string(),
            self.max.map(|m| m.display(lang).to_string()),
        );
        match (lang, self.direction, max) {
            (Lang::Vi, Direction::Increase, Some(max)) => format!("tăng từ {min} đến {max}"),
            (Lang::Vi, Direction::Increase, None) => format!("tăng ít nhất {min}"),
            (Lang::Vi, Direction::Decrease, Some(max)) => format!("giảm từ {min} đến {max}"),
            (Lang::Vi, Direction::Decrease, None) => format!("giảm ít nhất {min}"),
            (Lang::En, Direction::Increase, Some(max)) => format!("increase by {min} to {max}"),
            (Lang::En, Direction::Increase, None) => format!("increase by at least {min}"),
            (Lang::En, Direction::Decrease, Some(max)) => format!("reduce by {min} to {max}"),
            (Lang::En, Direction::Decrease, None) => format!("reduce by at least {min}"),
        }
    }
}

/// An actual count evaluated against a target and a baseline.
///
/// Serialize only: a computed result, to be computed again rather than
/// read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct TargetEvaluation {
    target: PercentTarget,
    bounds: Bounds,
    actual: u64,
    outcome: Evaluation,
}

impl TargetEvaluation {
    /// The target.
    #[must_use]
    pub const fn target(self) -> PercentTarget {
        self.target
    }

    /// The band's counts for the baseline.
    #[must_use]
    pub const fn bounds(self) -> Bounds {
        self.bounds
    }

    /// The actual count.
    #[must_use]
    pub const fn actual(self) -> u64 {
        self.actual
    }

    /// Where it stands.
    #[must_use]
    pub const fn outcome(self) -> Evaluation {
        self.outcome
    }

    /// Whether the target is met (an increase at or above its minimum, a
    /// decrease at or below its allowance); `None` without a baseline.
    #[must_use]
    pub fn is_met(self) -> Option<bool> {
        match (self.outcome, self.target.direction) {
            (Evaluation::NoBaseline, _) => None,
            (Evaluation::Within, _) => Some(true),
            (Evaluation::Above { .. }, Direction::Increase)
            | (Evaluation::Below { .. }, Direction::Decrease) => Some(true),
            _ => Some(false),
        }
    }

    /// The actual change against the baseline: whether it went up, and by
    /// what share of the baseline (`None` without a baseline).
    #[must_use]
    pub fn change(self) -> Option<Change> {
        // |a − n/d| ÷ (n/d) = |a·d − n| ÷ n, exactly.
        let (n, d) = (
            self.bounds.baseline.numerator(),
            self.bounds.baseline.denominator(),
        );
        let ad = u128::from(self.actual) * u128::from(d);
        let diff = u64::try_from(ad.abs_diff(u128::from(n))).ok()?;
        Ratio::new(diff, n).ok().map(|ratio| Change {
            increase: ad >= u128::from(n),
            ratio,
        })
    }
}

/// A change against a baseline, as a share of it.
///
/// Serialize only: a computed result, to be computed again rather than
/// read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Change {
    /// Up (or unchanged) rather than down.
    pub increase: bool,
    /// The size of the change over the baseline.
    pub ratio: Ratio,
}

impl Change {
    /// "tăng 12,50%" / "up 12.50%", with `decimals` decimals rounded half away
    /// from zero.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] if `decimals` exceeds [`MAX_DECIMALS`](crate::ratio::MAX_DECIMALS).
    pub fn label(self, lang: Lang, decimals: u8) -> Result<String, Error> {
        let p = self
            .ratio
            .percent(decimals, Rounding::HalfAwayFromZero)?
            .display(lang)
            .to_string();
        Ok(match (lang, self.increase) {
            (Lang::Vi, true) => format!("tăng {p}"),
            (Lang::Vi, false) => format!("giảm {p}"),
            (Lang::En, true) => format!("up {p}"),
            (Lang::En, false) => format!("down {p}"),
        })
    }
}

/// Whether progress keeps pace with a linear schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "pace")]
pub enum Pace {
    /// On schedule, within the tolerance.
    OnTrack,
    /// Behind schedule: this many more (for a decrease: fewer) would be back
    /// on track.
    Behind {
        /// The shortfall against the schedule, in counts.
        by: u64,
    },
}

/// Progress within a term towards a target; see [`PercentTarget::progress`].
///
/// Serialize only: a computed result, to be computed again rather than
/// read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Progress {
    /// More or fewer.
    pub direction: Direction,
    /// The count the whole term must reach (increase) or stay within
    /// (decrease).
    pub required: u64,
    /// The share of the term elapsed.
    pub elapsed: Ratio,
    /// The count expected by now on a linear schedule (exact).
    pub expected: Ratio,
    /// The count so far.
    pub actual: u64,
    /// Whether that keeps pace.
    pub pace: Pace,
    /// For an increase, how many are still needed; for a decrease, how many
    /// remain allowed.
    pub remaining: u64,
    /// The years of the term left (exact).
    pub remaining_years: Ratio,
    /// `remaining` spread over the years left (`None` when the term is over).
    pub per_remaining_year: Option<Ratio>,
}

impl fmt::Display for Bounds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.high {
            Some(h) => write!(f, "{}..={h}", self.low),
            None => write!(f, "{}..", self.low),
        }
    }
}

/// A term target's standing on a day, as a report states it: the band for
/// the previous term's count, the counts so far by year, the pace against
/// a linear schedule, the plan per remaining year and the verdict. It is
/// what `cargo run --example term_target` prints, in either language.
///
/// Serialize only: a computed result, to be computed again rather than
/// read back.
///
/// # Examples
///
/// ```
/// use std::collections::BTreeMap;
/// use chrono::NaiveDate;
/// use party_oversight::{Lang, OrgLevel, Percent, PercentTarget, Term, TermProgressReport};
///
/// let target = PercentTarget::increase(Percent::whole(10), Some(Percent::whole(20)))?;
/// let term = Term::calendar(OrgLevel::District, 9, 2015)?;
/// let on = NaiveDate::from_ymd_opt(2017, 6, 30).unwrap();
/// let by_year = BTreeMap::from([(2015, 20), (2016, 31), (2017, 14)]);
/// let report = TermProgressReport::new(target, 120, term, on, by_year, Percent::whole(0))?;
/// assert_eq!(report.actual, 65);
/// assert!(report.render(Lang::Vi).ends_with("Kết luận: chưa đạt, chậm tiến độ.\n"));
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TermProgressReport {
    /// The target.
    pub target: PercentTarget,
    /// The previous term's count.
    pub baseline: u64,
    /// The term.
    pub term: Term,
    /// The day of the evaluation.
    pub on: NaiveDate,
    /// The counts so far, by year.
    pub actual_by_year: BTreeMap<i32, u64>,
    /// Their sum.
    pub actual: u64,
    /// How far behind the linear schedule still counts as on track.
    pub tolerance: Percent,
    /// The band for the baseline.
    pub bounds: Bounds,
    /// The pace on `on`.
    pub progress: Progress,
    /// The count so far against the whole term's target.
    pub evaluation: TargetEvaluation,
}

impl TermProgressReport {
    /// Counts by year as written on a command line or in a form:
    /// `2015:20,2016:31,2017:14` (the empty text is none).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidTarget`] for an entry that is not `YEAR:COUNT`,
    /// or a year given twice.
    pub fn parse_counts(text: &str) -> Result<BTreeMap<i32, u64>, Error> {
        let mut by_year = BTreeMap::new();
        for item in text.split(',').filter(|s| !s.trim().is_empty()) {
            let bad = |reason: String| Error::from(ErrorKind::InvalidTarget { reason });
            let (y, c) = item
                .split_once(':')
                .and_then(|(y, c)| {
                    Some((y.trim().parse::<i32>().ok()?, c.trim().parse::<u64>().ok()?))
                })
                .ok_or_else(|| {
                    bad(format!(
                        "counts are written YEAR:COUNT, not {}",
                        crate::quoted(item)
                    ))
                })?;
            if by_year.insert(y, c).is_some() {
                return Err(bad(format!("the count of {y} is given twice")));
            }
        }
        Ok(by_year)
    }

    /// Evaluates `target` against `baseline` over `term` on `on`, with the
    /// counts so far by year.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidTarget`] for a year outside the term or after
    /// `on`; [`ErrorKind::Overflow`] if the counts overflow; the errors of
    /// [`PercentTarget::progress`] (a day before the term, a tolerance over
    /// 100%).
    pub fn new(
        target: PercentTarget,
        baseline: u64,
        term: Term,
        on: NaiveDate,
        actual_by_year: BTreeMap<i32, u64>,
        tolerance: Percent,
    ) -> Result<Self, Error> {
        for &y in actual_by_year.keys() {
            if !term.years().iter().any(|p| p.first().year() == y) {
                return Err(ErrorKind::InvalidTarget {
                    reason: format!("a count for {y}, outside {}", term.label(Lang::En)),
                }
                .into());
            }
            if y > on.year() {
                return Err(ErrorKind::InvalidTarget {
                    reason: format!("a count for {y}, after the evaluation on {on}"),
                }
                .into());
            }
        }
        let actual = actual_by_year
            .values()
            .try_fold(0u64, |a, &c| a.checked_add(c))
            .ok_or(ErrorKind::Overflow {
                what: "the counts so far",
            })?;
        Ok(TermProgressReport {
            target,
            baseline,
            term,
            on,
            bounds: target.bounds(baseline)?,
            progress: target.progress(baseline, term, on, actual, tolerance)?,
            evaluation: target.evaluate(baseline, actual)?,
            actual_by_year,
            actual,
            tolerance,
        })
    }

    /// The evaluation as text in `lang`, a line per figure, ending with the
    /// verdict.
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let n = |v: u64| count(v, lang).to_string();
        let dec = |r: Ratio| {
            r.value_with::<2>(Rounding::HalfAwayFromZero)
                .display(lang)
                .to_string()
        };
        let pct = |r: Ratio| {
            r.percent_with::<2>(Rounding::HalfAwayFromZero)
                .display(lang)
                .to_string()
        };
        let (target, term, on, baseline, actual) =
            (self.target, self.term, self.on, self.baseline, self.actual);
        let (bounds, progress, whole, by_year) = (
            self.bounds,
            self.progress,
            self.evaluation,
            &self.actual_by_year,
        );
        let period = term.period();
        let mut out = String::new();
        let mut line = |s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        let date = |d: NaiveDate| {
            if vi {
                crate::period::date_vi(d)
            } else {
                crate::period::date_en(d)
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
            (Direction::Increase, false) => {
                ("Least count that meets the target", "Top of the band")
            }
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
                    // A decrease's band always has its top: its allowance.
                    if let Some(h) = bounds.high() {
                        line(format!("{high_word}: {}", with_unit(h)));
                    }
                }
            }
        }
        if vi {
            line(format!(
                "Đến ngày {} (đã qua {} thời gian nhiệm kỳ): thực hiện {}",
                date(on),
                pct(progress.elapsed),
                with_unit(actual)
            ));
        } else {
            line(format!(
                "By {} ({} of the term elapsed): {} so far",
                date(on),
                pct(progress.elapsed),
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
                (Pace::Behind { by }, false, false) => {
                    format!("over the allowed pace by {}", n(by))
                }
            };
            let expected = dec(progress.expected);
            line(match (increase, vi) {
                (true, true) => {
                    format!("Theo tiến độ đều, đến ngày này cần {expected} cuộc: {pace}")
                }
                (true, false) => {
                    format!("A linear schedule expects {expected} by this date: {pace}")
                }
                (false, true) => {
                    format!(
                        "Theo tiến độ đều, đến ngày này được phép tối đa {expected} cuộc: {pace}"
                    )
                }
                (false, false) => {
                    format!("A linear schedule allows {expected} by this date: {pace}")
                }
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
                            dec(progress.remaining_years),
                            dec(per_year),
                            n(ceil)
                        ));
                    } else {
                        line(format!(
                            "{verb}: {} in the {} years left, {} a year on average ({} a year rounded up)",
                            n(progress.remaining),
                            dec(progress.remaining_years),
                            dec(per_year),
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
            (Evaluation::NoBaseline, _, false) => {
                "cannot be judged (the baseline is zero)".to_string()
            }
            (_, false, _) => match (target.direction(), whole.is_met(), progress.pace, vi) {
                (Direction::Increase, Some(true), _, true) => {
                    "đã đạt mức tối thiểu của chỉ tiêu".into()
                }
                (Direction::Increase, Some(true), _, false) => {
                    "the target's minimum is already met".into()
                }
                (Direction::Increase, _, Pace::OnTrack, true) => "chưa đạt, đúng tiến độ".into(),
                (Direction::Increase, _, Pace::OnTrack, false) => "not yet met, on track".into(),
                (Direction::Increase, _, Pace::Behind { .. }, true) => {
                    "chưa đạt, chậm tiến độ".into()
                }
                (Direction::Increase, _, Pace::Behind { .. }, false) => {
                    "not yet met, behind schedule".into()
                }
                (Direction::Decrease, Some(false), _, true) => {
                    "đã vượt mức tối đa của cả nhiệm kỳ".into()
                }
                (Direction::Decrease, Some(false), _, false) => {
                    "already over the whole term's allowance".into()
                }
                (Direction::Decrease, _, Pace::OnTrack, true) => {
                    "trong giới hạn, đúng tiến độ".into()
                }
                (Direction::Decrease, _, Pace::OnTrack, false) => {
                    "within the allowance, on track".into()
                }
                (Direction::Decrease, _, Pace::Behind { .. }, true) => {
                    "vượt mức cho phép theo tiến độ".into()
                }
                (Direction::Decrease, _, Pace::Behind { .. }, false) => {
                    "over the allowed pace".into()
                }
            },
            (Evaluation::Below { by }, true, true) => {
                format!("không đạt chỉ tiêu (thiếu {})", with_unit(by))
            }
            (Evaluation::Below { by }, true, false) => {
                format!("target missed (short by {})", n(by))
            }
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
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organization::OrgLevel;
    use proptest::prelude::*;

    fn band(min: u32, max: Option<u32>) -> PercentTarget {
        PercentTarget::increase(Percent::whole(min), max.map(Percent::whole)).unwrap()
    }

    #[test]
    fn boundaries() {
        let t = band(10, Some(20));
        assert_eq!(t.bounds(47).unwrap().low(), 52);
        assert_eq!(t.bounds(120).unwrap().low(), 132);
        assert_eq!(t.bounds(120).unwrap().high(), Some(144));
        // Exactly 10% and exactly 20% are within.
        assert_eq!(t.evaluate(120, 132).unwrap().outcome(), Evaluation::Within);
        assert_eq!(
            t.evaluate(120, 131).unwrap().outcome(),
            Evaluation::Below { by: 1 }
        );
        assert_eq!(t.evaluate(120, 144).unwrap().outcome(), Evaluation::Within);
        assert_eq!(
            t.evaluate(120, 145).unwrap().outcome(),
            Evaluation::Above { by: 1 }
        );
        assert_eq!(t.evaluate(120, 145).unwrap().is_met(), Some(true));
        assert_eq!(t.evaluate(0, 5).unwrap().outcome(), Evaluation::NoBaseline);
        assert_eq!(t.evaluate(0, 5).unwrap().is_met(), None);
        assert_eq!(t.evaluate(0, 5).unwrap().change(), None);
        let at_least = band(15, None);
        assert_eq!(
            at_least.evaluate(100, 1_000).unwrap().outcome(),
            Evaluation::Within
        );
        let dec = PercentTarget::decrease(Percent::whole(10), None).unwrap();
        assert_eq!(dec.required(47).unwrap(), 42); // 42.3 → at most 42
        assert_eq!(
            dec.evaluate(47, 43).unwrap().outcome(),
            Evaluation::Above { by: 1 }
        );
        assert_eq!(dec.evaluate(47, 43).unwrap().is_met(), Some(false));
        assert_eq!(dec.evaluate(47, 10).unwrap().is_met(), Some(true));
        let dec_band =
            PercentTarget::decrease(Percent::whole(10), Some(Percent::whole(20))).unwrap();
        assert_eq!(dec_band.bounds(47).unwrap().to_string(), "38..=42");
        assert_eq!(
            dec_band.evaluate(47, 37).unwrap().outcome(),
            Evaluation::Below { by: 1 }
        );
        let change = t.evaluate(120, 135).unwrap().change().unwrap();
        assert_eq!(change.label(Lang::Vi, 2).unwrap(), "tăng 12,50%");
        assert_eq!(
            t.evaluate(120, 90)
                .unwrap()
                .change()
                .unwrap()
                .label(Lang::En, 0)
                .unwrap(),
            "down 25%"
        );
    }

    #[test]
    fn invalid_targets() {
        insta::assert_snapshot!(PercentTarget::increase(Percent::whole(20), Some(Percent::whole(10))).unwrap_err(), @"invalid target: the band's top 10% is below its minimum 20%");
        insta::assert_snapshot!(PercentTarget::decrease(Percent::whole(120), None).unwrap_err(), @"invalid target: a decrease of 120% would go below zero; a decrease is at most 100%");
        insta::assert_snapshot!(band(20, None).bounds(u64::MAX).unwrap_err(), @"arithmetic overflow computing the target count for this baseline");
    }

    #[test]
    fn labels() {
        let t = PercentTarget::increase(Percent::whole(10), Some(Percent::whole(20))).unwrap();
        assert_eq!(t.label(Lang::Vi), "tăng từ 10% đến 20%");
        assert_eq!(t.label(Lang::En), "increase by 10% to 20%");
        let d = PercentTarget::decrease("7,5".parse().unwrap(), None).unwrap();
        assert_eq!(d.label(Lang::Vi), "giảm ít nhất 7,5%");
        assert_eq!(d.label(Lang::En), "reduce by at least 7.5%");
    }

    #[test]
    fn progress_on_a_linear_schedule() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let term = Term::calendar(OrgLevel::District, 9, 2015).unwrap();
        let t = band(10, Some(20));
        let p = t
            .progress(120, term, day(2017, 6, 30), 65, Percent::whole(0))
            .unwrap();
        assert_eq!(p.required, 132);
        assert_eq!(p.elapsed, Ratio::new(912, 1826).unwrap());
        assert_eq!(p.expected, Ratio::new(132 * 912, 1826).unwrap()); // 65.93
        assert_eq!(p.pace, Pace::Behind { by: 1 });
        assert_eq!(p.remaining, 67);
        assert_eq!(p.remaining_years, Ratio::new(914 * 5, 1826).unwrap());
        assert_eq!(
            p.per_remaining_year.unwrap(),
            Ratio::new(67 * 1826, 914 * 5).unwrap()
        ); // 26.77 a year
        let lenient = t
            .progress(120, term, day(2017, 6, 30), 65, Percent::whole(5))
            .unwrap();
        assert_eq!(lenient.pace, Pace::OnTrack);
        // On the last day of the term nothing remains to spread.
        let end = t
            .progress(120, term, day(2019, 12, 31), 140, Percent::whole(0))
            .unwrap();
        assert_eq!(end.per_remaining_year, None);
        assert_eq!(end.remaining, 0);
        assert_eq!(end.pace, Pace::OnTrack);
        // A decrease: a cap pro-rated.
        let d = PercentTarget::decrease(Percent::whole(10), None).unwrap();
        let p = d
            .progress(100, term, day(2017, 6, 30), 50, Percent::whole(0))
            .unwrap();
        assert_eq!(p.required, 90);
        assert_eq!(p.pace, Pace::Behind { by: 6 }); // allowed so far ⌊90 × 912/1826⌋ = 44
    }

    #[test]
    fn progress_refuses_nonsense() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let term = Term::calendar(OrgLevel::District, 9, 2015).unwrap();
        let t = band(10, Some(20));
        // The day before the term: no pace yet.
        insta::assert_snapshot!(
            t.progress(120, term, day(2014, 12, 31), 0, Percent::whole(0)).unwrap_err(),
            @"progress on 2014-12-31 is asked before the term starts on 2015-01-01"
        );
        // The first day of the term is fine.
        assert!(
            t.progress(120, term, day(2015, 1, 1), 0, Percent::whole(0))
                .is_ok()
        );
        // A tolerance over 100% means nothing; 100% itself is allowed.
        insta::assert_snapshot!(
            t.progress(120, term, day(2017, 6, 30), 65, Percent::whole(500)).unwrap_err(),
            @"invalid target: a tolerance of 500% is over 100%"
        );
        assert!(
            t.progress(120, term, day(2017, 6, 30), 65, Percent::whole(100))
                .is_ok()
        );
    }

    proptest! {
        #[test]
        fn required_is_the_least_count_that_meets(baseline in 0u64..10_000_000, p in 0u32..500, q in 1u32..100, extra in 0u32..500) {
            let min = Percent::new(p, q).unwrap();
            let max = Percent::new(p + extra * q, q).unwrap();
            let t = PercentTarget::increase(min, Some(max)).unwrap();
            let req = t.required(baseline).unwrap();
            // Meets: req × 100q >= baseline × (100q + p); one less does not.
            let meets = |c: u64| u128::from(c) * 100 * u128::from(q) >= u128::from(baseline) * (100 * u128::from(q) + u128::from(p));
            prop_assert!(meets(req));
            if req > 0 { prop_assert!(!meets(req - 1)); }
            if baseline > 0 {
                prop_assert_eq!(t.evaluate(baseline, req).unwrap().is_met(), Some(true));
                if req > 0 { prop_assert_eq!(t.evaluate(baseline, req - 1).unwrap().is_met(), Some(false)); }
            }
            let top = t.bounds(baseline).unwrap().high().unwrap();
            prop_assert!(top + 1 >= req);
            let within_top = |c: u64| u128::from(c) * 100 * u128::from(q) <= u128::from(baseline) * (100 * u128::from(q) + u128::from(p + extra * q));
            prop_assert!(within_top(top));
            prop_assert!(!within_top(top + 1));
        }

        #[test]
        fn decrease_allowance_is_the_greatest_that_meets(baseline in 0u64..10_000_000, p in 0u32..=100) {
            let t = PercentTarget::decrease(Percent::whole(p), None).unwrap();
            let cap = t.required(baseline).unwrap();
            let meets = |c: u64| u128::from(c) * 100 <= u128::from(baseline) * u128::from(100 - p);
            prop_assert!(meets(cap));
            prop_assert!(!meets(cap + 1));
        }

        #[test]
        fn evaluation_is_monotone_in_the_actual_count(baseline in 1u64..100_000, a in 0u64..200_000, b in 0u64..200_000) {
            let t = band(10, Some(20));
            let rank = |e: Evaluation| match e { Evaluation::NoBaseline => 0, Evaluation::Below { .. } => 1, Evaluation::Within => 2, Evaluation::Above { .. } => 3 };
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert!(rank(t.evaluate(baseline, lo).unwrap().outcome()) <= rank(t.evaluate(baseline, hi).unwrap().outcome()));
            // And it agrees with the roll-up report's integer rule (docs/report.md).
            let expected = if 100 * u128::from(a) < 110 * u128::from(baseline) { 1 } else if 100 * u128::from(a) > 120 * u128::from(baseline) { 3 } else { 2 };
            prop_assert_eq!(rank(t.evaluate(baseline, a).unwrap().outcome()), expected);
        }

        #[test]
        fn no_input_panics(baseline in any::<u64>(), actual in any::<u64>(), p in any::<u32>(), q in any::<u32>(), m in any::<u32>(), off in 0i64..5000, tol in any::<u32>()) {
            if let (Ok(min), Ok(max)) = (Percent::new(p, q.max(1)), Percent::new(m, q.max(1))) {
                for t in [PercentTarget::increase(min, Some(max)), PercentTarget::decrease(min, None), PercentTarget::increase(min, None)].into_iter().flatten() {
                    let _ = t.evaluate(baseline, actual);
                    let term = Term::calendar(OrgLevel::District, 1, 2015).unwrap();
                    let on = NaiveDate::from_ymd_opt(2014, 1, 1).unwrap() + chrono::Duration::days(off);
                    let _ = t.progress(baseline, term, on, actual, Percent::new(tol, 1).unwrap());
                }
            }
        }
    }
}
