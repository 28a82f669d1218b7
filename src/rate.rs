//! Rates against 100%-style targets: the resolution rate ("xử lý đạt 100%
//! số vụ được phát hiện", handle 100% of the violations detected) and the
//! coverage rate ("100% cán bộ, đảng viên được phổ biến", 100% of members
//! briefed).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::display::Lang;
use crate::error::{Error, ErrorKind};
use crate::ratio::{Percent, Ratio, Rounding};

/// What a [`Rate`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    /// Violations handled (xử lý) of the violations detected **in the
    /// period**: the cohort is the detections, and a violation counts as
    /// handled whenever it was handled.
    Resolution,
    /// Members reached (e.g. briefed) of the population that should be.
    Coverage,
}

/// A part of a whole: handled of detected, reached of population.
///
/// A whole of zero is its own outcome ("nothing to handle"), never 100% and
/// never a division by zero.
///
/// # Examples
///
/// ```
/// use party_oversight::{Lang, Percent, Rate, RateEvaluation};
///
/// let rate = Rate::resolution(67, 68)?;
/// assert_eq!(rate.to_string(), "67/68");
/// assert_eq!(rate.percent_label(Lang::Vi, 2)?, "98,53%");
/// assert_eq!(rate.evaluate(Percent::whole(100)), RateEvaluation::Short { by: 1 });
/// assert_eq!(Rate::resolution(0, 0)?.evaluate(Percent::whole(100)), RateEvaluation::NothingToMeasure);
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RateFields", into = "RateFields")]
pub struct Rate {
    kind: RateKind,
    part: u64,
    whole: u64,
}

/// The serde form of a [`Rate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateFields {
    /// What it measures.
    pub kind: RateKind,
    /// Handled, or reached.
    pub part: u64,
    /// Detected, or the population.
    pub whole: u64,
}

impl TryFrom<RateFields> for Rate {
    type Error = Error;
    fn try_from(f: RateFields) -> Result<Self, Error> {
        Rate::new(f.kind, f.part, f.whole)
    }
}

impl From<Rate> for RateFields {
    fn from(r: Rate) -> Self {
        RateFields {
            kind: r.kind,
            part: r.part,
            whole: r.whole,
        }
    }
}

/// A rate against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum RateEvaluation {
    /// The whole is zero: nothing was detected (or there is no one to
    /// reach). Distinct from 100%.
    NothingToMeasure,
    /// The rate reaches the target.
    Met,
    /// The rate falls short; this many more would reach it.
    Short {
        /// The least number of further cases needed.
        by: u64,
    },
}

impl Rate {
    /// `part` of `whole`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`] if `part` exceeds `whole`.
    pub fn new(kind: RateKind, part: u64, whole: u64) -> Result<Self, Error> {
        if part > whole {
            return Err(ErrorKind::InvalidRate { kind, part, whole }.into());
        }
        Ok(Rate { kind, part, whole })
    }

    /// `part` of `whole`, with `part` capped at `whole` (for tallies whose
    /// part is a subset of the whole by construction).
    pub(crate) const fn clamped(kind: RateKind, part: u64, whole: u64) -> Self {
        let part = if part > whole { whole } else { part };
        Rate { kind, part, whole }
    }

    /// Violations `handled` of those `detected` in the period.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`] if `handled` exceeds `detected`.
    pub fn resolution(handled: u64, detected: u64) -> Result<Self, Error> {
        Self::new(RateKind::Resolution, handled, detected)
    }

    /// `reached` of `population`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`] if `reached` exceeds `population`.
    pub fn coverage(reached: u64, population: u64) -> Result<Self, Error> {
        Self::new(RateKind::Coverage, reached, population)
    }

    /// What it measures.
    #[must_use]
    pub const fn kind(self) -> RateKind {
        self.kind
    }

    /// Handled, or reached.
    #[must_use]
    pub const fn part(self) -> u64 {
        self.part
    }

    /// Detected, or the population.
    #[must_use]
    pub const fn whole(self) -> u64 {
        self.whole
    }

    /// The exact rate, or `None` when the whole is zero.
    #[must_use]
    pub fn ratio(self) -> Option<Ratio> {
        Ratio::new(self.part, self.whole).ok()
    }

    /// Evaluates the rate against `target` (e.g. 100%), exactly.
    #[must_use]
    pub fn evaluate(self, target: Percent) -> RateEvaluation {
        let Some(r) = self.ratio() else {
            return RateEvaluation::NothingToMeasure;
        };
        if r.at_least_percent(target) {
            return RateEvaluation::Met;
        }
        // The least part that reaches it: ⌈whole × p / (100 q)⌉.
        let q = 100 * u128::from(target.denominator());
        let need = (u128::from(self.whole) * u128::from(target.numerator())).div_ceil(q);
        let by = u64::try_from(need)
            .unwrap_or(u64::MAX)
            .saturating_sub(self.part);
        RateEvaluation::Short { by }
    }

    /// The rate as a percentage with `decimals` decimals, rounded half away
    /// from zero, in `lang` ("98,53%"); the words for "nothing to measure"
    /// when the whole is zero.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] if `decimals` exceeds [`MAX_DECIMALS`](crate::ratio::MAX_DECIMALS).
    pub fn percent_label(self, lang: Lang, decimals: u8) -> Result<String, Error> {
        match self.ratio() {
            Some(r) => Ok(r
                .percent(decimals, Rounding::HalfAwayFromZero)?
                .display(lang)
                .to_string()),
            None => Ok(self.nothing_label(lang).into()),
        }
    }

    /// [`Self::percent_label`] with the decimals fixed at compile time, so
    /// that it cannot fail (two, as reports show rates).
    #[must_use]
    pub fn percent_label_with<const DECIMALS: u8>(self, lang: Lang) -> String {
        match self.ratio() {
            Some(r) => r
                .percent_with::<DECIMALS>(Rounding::HalfAwayFromZero)
                .display(lang)
                .to_string(),
            None => self.nothing_label(lang).into(),
        }
    }

    fn nothing_label(self, lang: Lang) -> &'static str {
        match (self.kind, lang) {
            (RateKind::Resolution, Lang::Vi) => "không có vi phạm phải xử lý",
            (RateKind::Resolution, Lang::En) => "no violations to handle",
            (RateKind::Coverage, Lang::Vi) => "không có đối tượng",
            (RateKind::Coverage, Lang::En) => "no one to reach",
        }
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.part, self.whole)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn zero_detected_is_not_one_hundred_percent() {
        let r = Rate::resolution(0, 0).unwrap();
        assert_eq!(r.ratio(), None);
        assert_eq!(
            r.evaluate(Percent::whole(100)),
            RateEvaluation::NothingToMeasure
        );
        assert_eq!(
            r.percent_label(Lang::Vi, 2).unwrap(),
            "không có vi phạm phải xử lý"
        );
        assert_eq!(
            Rate::coverage(0, 0)
                .unwrap()
                .percent_label(Lang::En, 0)
                .unwrap(),
            "no one to reach"
        );
    }

    #[test]
    fn targets() {
        assert_eq!(
            Rate::resolution(68, 68)
                .unwrap()
                .evaluate(Percent::whole(100)),
            RateEvaluation::Met
        );
        assert_eq!(
            Rate::coverage(636, 700)
                .unwrap()
                .evaluate(Percent::whole(100)),
            RateEvaluation::Short { by: 64 }
        );
        assert_eq!(
            Rate::coverage(89, 100)
                .unwrap()
                .evaluate(Percent::whole(90)),
            RateEvaluation::Short { by: 1 }
        );
        assert_eq!(
            Rate::coverage(90, 100)
                .unwrap()
                .evaluate(Percent::whole(90)),
            RateEvaluation::Met
        );
        // 99.5% of 201 = 199.995: 200 are needed.
        assert_eq!(
            Rate::coverage(199, 201)
                .unwrap()
                .evaluate(Percent::new(199, 2).unwrap()),
            RateEvaluation::Short { by: 1 }
        );
        insta::assert_snapshot!(Rate::resolution(3, 2).unwrap_err(), @"invalid resolution rate 3/2: the part cannot exceed the whole");
        assert_eq!(
            Rate::resolution(1, 3)
                .unwrap()
                .percent_label(Lang::En, 2)
                .unwrap(),
            "33.33%"
        );
    }

    proptest! {
        #[test]
        fn shortfall_is_the_least_that_meets(whole in 1u64..1_000_000, part_frac in 0u64..=1000, p in 0u32..=100) {
            let part = whole * part_frac / 1000;
            let r = Rate::coverage(part, whole).unwrap();
            match r.evaluate(Percent::whole(p)) {
                RateEvaluation::Met => prop_assert!(u128::from(part) * 100 >= u128::from(whole) * u128::from(p)),
                RateEvaluation::Short { by } => {
                    let with = Rate::coverage(part + by, whole).unwrap();
                    prop_assert_eq!(with.evaluate(Percent::whole(p)), RateEvaluation::Met);
                    let less = Rate::coverage(part + by - 1, whole).unwrap();
                    prop_assert_ne!(less.evaluate(Percent::whole(p)), RateEvaluation::Met);
                }
                RateEvaluation::NothingToMeasure => prop_assert!(false),
            }
        }
    }
}
