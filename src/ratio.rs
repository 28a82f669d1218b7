//! Exact ratios and percentages, and their display.
//!
//! Rates and targets are ratios of integer counts. They are compared exactly
//! (cross-multiplication in `u128`, which cannot overflow for `u64` parts)
//! and are rounded only when displayed, with a named [`Rounding`] rule.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::display::{Lang, group_digits};
use crate::error::{Error, ErrorKind};

/// An exact non-negative ratio `numerator / denominator` of counts, with a
/// non-zero denominator.
///
/// Equality and order are those of the rational numbers (`1/2 == 2/4`); the
/// parts are kept as given, so `handled / detected` still shows its counts.
///
/// # Examples
///
/// ```
/// use party_oversight::{Lang, Ratio, Rounding};
///
/// let rate = Ratio::new(67, 68)?;
/// assert!(rate < Ratio::new(1, 1)?);
/// let shown = rate.percent(2, Rounding::HalfAwayFromZero)?;
/// assert_eq!(shown.display(Lang::Vi).to_string(), "98,53%");
/// assert_eq!(shown.display(Lang::En).to_string(), "98.53%");
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(try_from = "RatioFields", into = "RatioFields")]
pub struct Ratio {
    num: u64,
    den: u64,
}

/// The serde form of a [`Ratio`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatioFields {
    /// The numerator.
    pub numerator: u64,
    /// The denominator, not zero.
    pub denominator: u64,
}

impl TryFrom<RatioFields> for Ratio {
    type Error = Error;
    fn try_from(f: RatioFields) -> Result<Self, Error> {
        Ratio::new(f.numerator, f.denominator)
    }
}

impl From<Ratio> for RatioFields {
    fn from(r: Ratio) -> Self {
        RatioFields {
            numerator: r.num,
            denominator: r.den,
        }
    }
}

/// How a value is rounded to the digits shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rounding {
    /// To the nearest; a tie goes away from zero (98.525 → 98.53). The rule
    /// of [the roll-up report](crate::spec::report) and of everyday reporting.
    HalfAwayFromZero,
    /// To the nearest; a tie goes to the even digit (banker's rounding).
    HalfEven,
    /// Toward zero: the digits shown never overstate the value.
    TowardZero,
}

/// The most decimals a percentage may be shown with.
pub const MAX_DECIMALS: u8 = 9;

impl Ratio {
    /// Zero (0/1).
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };

    /// One (1/1).
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };

    /// `numerator / denominator`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ZeroDenominator`] if `denominator` is 0.
    pub fn new(numerator: u64, denominator: u64) -> Result<Self, Error> {
        if denominator == 0 {
            return Err(ErrorKind::ZeroDenominator { numerator }.into());
        }
        Ok(Ratio {
            num: numerator,
            den: denominator,
        })
    }

    /// The numerator.
    #[must_use]
    pub const fn numerator(self) -> u64 {
        self.num
    }

    /// The denominator (never 0).
    #[must_use]
    pub const fn denominator(self) -> u64 {
        self.den
    }

    /// The same value in lowest terms.
    #[must_use]
    pub fn reduced(self) -> Ratio {
        let g = gcd(self.num, self.den).max(1);
        Ratio {
            num: self.num / g,
            den: self.den / g,
        }
    }

    /// `self + other`, exactly, in lowest terms.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a part of the result exceeds `u64`.
    pub fn checked_add(self, other: Ratio) -> Result<Ratio, Error> {
        if self.den == 1 && other.den == 1 {
            let num = self.num.checked_add(other.num).ok_or_else(|| {
                Error::from(ErrorKind::Overflow {
                    what: "an exact fraction",
                })
            })?;
            return Ratio::new(num, 1);
        }
        let (a, b) = (self.reduced(), other.reduced());
        let g = u128::from(gcd(a.den, b.den).max(1));
        let den = u128::from(a.den) / g * u128::from(b.den);
        let num = u128::from(a.num) * (u128::from(b.den) / g)
            + u128::from(b.num) * (u128::from(a.den) / g);
        Ratio::from_wide(num, den)
    }

    /// How `self` compares with `other`, and their difference, exactly,
    /// in lowest terms: `(Greater, self − other)`, `(Less, other − self)`,
    /// or `(Equal, 0)`.
    ///
    /// ```
    /// use std::cmp::Ordering;
    /// use party_oversight::Ratio;
    /// let (a, b) = (Ratio::new(2200, 3)?, Ratio::new(700, 1)?);
    /// assert_eq!(a.abs_diff(b)?, (Ordering::Greater, Ratio::new(100, 3)?));
    /// assert_eq!(b.abs_diff(a)?, (Ordering::Less, Ratio::new(100, 3)?));
    /// # Ok::<(), party_oversight::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a part of the result exceeds `u64`.
    pub fn abs_diff(self, other: Ratio) -> Result<(std::cmp::Ordering, Ratio), Error> {
        let a = u128::from(self.num) * u128::from(other.den);
        let b = u128::from(other.num) * u128::from(self.den);
        let den = u128::from(self.den) * u128::from(other.den);
        let order = a.cmp(&b);
        Ok((order, Ratio::from_wide(a.abs_diff(b), den)?))
    }

    /// `self × other`, exactly, in lowest terms.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a part of the result exceeds `u64`.
    pub fn checked_mul(self, other: Ratio) -> Result<Ratio, Error> {
        Ratio::from_wide(
            u128::from(self.num) * u128::from(other.num),
            u128::from(self.den) * u128::from(other.den),
        )
    }

    /// `num / den` reduced into `u64` parts.
    fn from_wide(num: u128, den: u128) -> Result<Ratio, Error> {
        let (mut x, mut y) = (num, den);
        while y != 0 {
            (x, y) = (y, x % y);
        }
        let g = x.max(1);
        let overflow = || {
            Error::from(ErrorKind::Overflow {
                what: "an exact fraction",
            })
        };
        let num = u64::try_from(num / g).map_err(|_| overflow())?;
        let den = u64::try_from(den / g).map_err(|_| overflow())?;
        Ratio::new(num, den)
    }

    /// The largest integer not above the value.
    #[must_use]
    pub const fn floor(self) -> u64 {
        self.num / self.den
    }

    /// The smallest integer not below the value.
    #[must_use]
    pub const fn ceil(self) -> u64 {
        self.num / self.den + !self.num.is_multiple_of(self.den) as u64
    }

    /// Whether the value is at least `percent` per cent, where `percent` is
    /// itself exact (see [`Percent`]).
    #[must_use]
    pub fn at_least_percent(self, percent: Percent) -> bool {
        // num/den >= p/(100 q)  <=>  num * 100 q >= p * den
        u128::from(self.num) * 100 * u128::from(percent.den)
            >= u128::from(percent.num) * u128::from(self.den)
    }

    /// The value as a percentage with `decimals` decimal places, rounded by
    /// `rounding`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] if `decimals` exceeds [`MAX_DECIMALS`].
    pub fn percent(self, decimals: u8, rounding: Rounding) -> Result<FixedPoint, Error> {
        self.scaled(100, decimals, rounding)
    }

    /// The value itself (not a percentage) with `decimals` decimal places.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] if `decimals` exceeds [`MAX_DECIMALS`].
    pub fn value(self, decimals: u8, rounding: Rounding) -> Result<FixedPoint, Error> {
        self.scaled(1, decimals, rounding)
    }

    /// [`Self::percent`] with the decimals fixed at compile time, so that it
    /// cannot fail: `percent_with::<2>(…)` is how reports show rates
    /// ("98,53%"). More than [`MAX_DECIMALS`] does not compile.
    ///
    /// ```
    /// use party_oversight::{Lang, Ratio, Rounding};
    ///
    /// let r = Ratio::new(67, 68)?;
    /// assert_eq!(r.percent_with::<2>(Rounding::HalfAwayFromZero).display(Lang::Vi).to_string(), "98,53%");
    /// # Ok::<(), party_oversight::Error>(())
    /// ```
    #[must_use]
    pub fn percent_with<const DECIMALS: u8>(self, rounding: Rounding) -> FixedPoint {
        const { assert!(DECIMALS <= MAX_DECIMALS) };
        self.scaled_within(100, DECIMALS, rounding)
    }

    /// [`Self::value`] with the decimals fixed at compile time; see
    /// [`Self::percent_with`].
    #[must_use]
    pub fn value_with<const DECIMALS: u8>(self, rounding: Rounding) -> FixedPoint {
        const { assert!(DECIMALS <= MAX_DECIMALS) };
        self.scaled_within(1, DECIMALS, rounding)
    }

    fn scaled(self, factor: u128, decimals: u8, rounding: Rounding) -> Result<FixedPoint, Error> {
        if decimals > MAX_DECIMALS {
            return Err(Error::out_of_range("decimals", decimals, 0, MAX_DECIMALS));
        }
        Ok(self.scaled_within(factor, decimals, rounding))
    }

    /// `decimals` is at most [`MAX_DECIMALS`] (checked by the callers).
    fn scaled_within(self, factor: u128, decimals: u8, rounding: Rounding) -> FixedPoint {
        // num * factor * 10^decimals <= 1.8e19 * 100 * 1e9 < 2^128.
        let n = u128::from(self.num) * factor * 10u128.pow(u32::from(decimals));
        let d = u128::from(self.den);
        let (q, r) = (n / d, n % d);
        let up = match rounding {
            Rounding::HalfAwayFromZero => 2 * r >= d,
            Rounding::HalfEven => 2 * r > d || (2 * r == d && q % 2 == 1),
            Rounding::TowardZero => false,
        };
        FixedPoint {
            scaled: q + u128::from(up),
            decimals,
            percent: factor == 100,
        }
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        (u128::from(self.num) * u128::from(other.den))
            .cmp(&(u128::from(other.num) * u128::from(self.den)))
    }
}

impl Hash for Ratio {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let r = self.reduced();
        (r.num, r.den).hash(state);
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

pub(crate) fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A decimal number already rounded for display: `scaled / 10^decimals`,
/// optionally a percentage.
///
/// Serialize only: a computed result, to be computed again rather than
/// read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct FixedPoint {
    scaled: u128,
    decimals: u8,
    percent: bool,
}

impl FixedPoint {
    /// The digits as an integer: the value times `10^decimals`.
    #[must_use]
    pub const fn scaled(self) -> u128 {
        self.scaled
    }

    /// How many decimals are shown.
    #[must_use]
    pub const fn decimals(self) -> u8 {
        self.decimals
    }

    /// Displays the number in `lang`: decimal comma and thousands dot in
    /// Vietnamese (`1.234,5%`), decimal point and thousands comma in English
    /// (`1,234.5%`); no space before `%`.
    #[must_use]
    pub fn display(self, lang: Lang) -> impl fmt::Display {
        DisplayFixed { value: self, lang }
    }
}

impl fmt::Display for FixedPoint {
    /// The plain, locale-free form used in data files: `98.53` (no `%`, no
    /// grouping).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = 10u128.pow(u32::from(self.decimals));
        write!(f, "{}", self.scaled / p)?;
        if self.decimals > 0 {
            write!(
                f,
                ".{:0width$}",
                self.scaled % p,
                width = usize::from(self.decimals)
            )?;
        }
        Ok(())
    }
}

struct DisplayFixed {
    value: FixedPoint,
    lang: Lang,
}

impl fmt::Display for DisplayFixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.value;
        let p = 10u128.pow(u32::from(v.decimals));
        f.write_str(&group_digits(v.scaled / p, self.lang))?;
        if v.decimals > 0 {
            let sep = match self.lang {
                Lang::Vi => ',',
                Lang::En => '.',
            };
            write!(
                f,
                "{sep}{:0width$}",
                v.scaled % p,
                width = usize::from(v.decimals)
            )?;
        }
        if v.percent {
            f.write_str("%")?;
        }
        Ok(())
    }
}

/// An exact percentage `p / q` per cent, e.g. 10%, 12.5% or 100%: the
/// parameter of targets. Parts are `u32` so that every computation with a
/// `u64` count fits in `u128`.
///
/// # Examples
///
/// ```
/// use party_oversight::Percent;
///
/// let p: Percent = "12,5".parse()?; // Vietnamese decimal comma accepted
/// assert_eq!(p, Percent::new(25, 2)?);
/// assert_eq!(p.to_string(), "12.5%");
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(try_from = "RatioFields32", into = "RatioFields32")]
pub struct Percent {
    num: u32,
    den: u32,
}

/// The serde form of a [`Percent`]: `numerator / denominator` per cent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatioFields32 {
    /// The numerator.
    pub numerator: u32,
    /// The denominator, not zero.
    pub denominator: u32,
}

impl TryFrom<RatioFields32> for Percent {
    type Error = Error;
    fn try_from(f: RatioFields32) -> Result<Self, Error> {
        Percent::new(f.numerator, f.denominator)
    }
}

impl From<Percent> for RatioFields32 {
    fn from(p: Percent) -> Self {
        RatioFields32 {
            numerator: p.num,
            denominator: p.den,
        }
    }
}

impl Percent {
    /// `numerator / denominator` per cent.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ZeroDenominator`] if `denominator` is 0.
    pub fn new(numerator: u32, denominator: u32) -> Result<Self, Error> {
        if denominator == 0 {
            return Err(ErrorKind::ZeroDenominator {
                numerator: u64::from(numerator),
            }
            .into());
        }
        Ok(Percent {
            num: numerator,
            den: denominator,
        })
    }

    /// A whole percentage.
    #[must_use]
    pub const fn whole(percent: u32) -> Self {
        Percent {
            num: percent,
            den: 1,
        }
    }

    /// The numerator of the percentage.
    #[must_use]
    pub const fn numerator(self) -> u32 {
        self.num
    }

    /// The denominator of the percentage (never 0).
    #[must_use]
    pub const fn denominator(self) -> u32 {
        self.den
    }

    /// The percentage as a fraction of one: `p / (100 q)`.
    #[must_use]
    pub fn as_ratio(self) -> Ratio {
        Ratio {
            num: u64::from(self.num),
            den: 100 * u64::from(self.den),
        }
    }

    /// Displays it in `lang`, with as many decimals as it needs (up to 9;
    /// beyond that rounded half away from zero).
    #[must_use]
    pub fn display(self, lang: Lang) -> impl fmt::Display {
        DisplayFixed {
            value: self.fixed(),
            lang,
        }
    }

    fn fixed(self) -> FixedPoint {
        let r = Ratio {
            num: u64::from(self.num),
            den: u64::from(self.den),
        };
        // The shortest exact decimal, if there is one within 9 places.
        for d in 0..=MAX_DECIMALS {
            let p = 10u128.pow(u32::from(d));
            if (u128::from(self.num) * p) % u128::from(self.den) == 0 {
                return FixedPoint {
                    scaled: u128::from(self.num) * p / u128::from(self.den),
                    decimals: d,
                    percent: true,
                };
            }
        }
        let mut v = r
            .value(MAX_DECIMALS, Rounding::HalfAwayFromZero)
            .unwrap_or(FixedPoint {
                scaled: 0,
                decimals: 0,
                percent: true,
            });
        v.percent = true;
        v
    }
}

impl PartialEq for Percent {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Percent {}

impl PartialOrd for Percent {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Percent {
    fn cmp(&self, other: &Self) -> Ordering {
        (u64::from(self.num) * u64::from(other.den))
            .cmp(&(u64::from(other.num) * u64::from(self.den)))
    }
}

impl Hash for Percent {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let g = gcd(u64::from(self.num), u64::from(self.den)).max(1);
        (u64::from(self.num) / g, u64::from(self.den) / g).hash(state);
    }
}

impl fmt::Display for Percent {
    /// English form, e.g. `12.5%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fixed = self.fixed();
        write!(f, "{fixed}%")
    }
}

impl std::str::FromStr for Percent {
    type Err = Error;

    /// Parses a non-negative decimal such as `10`, `12.5` or `12,5`, with or
    /// without a trailing `%`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let fail = || {
            Error::from(ErrorKind::InvalidPercent {
                value: s.to_owned(),
            })
        };
        let t = s.trim().trim_end_matches('%').trim_end();
        let (int, frac) = match t.split_once(['.', ',']) {
            Some((i, f)) => (i, f),
            None => (t, ""),
        };
        if int.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(fail());
        }
        if frac.len() > MAX_DECIMALS as usize {
            return Err(fail());
        }
        let den = 10u32.checked_pow(frac.len() as u32).ok_or_else(fail)?;
        let digits = format!("{int}{frac}");
        let num: u32 = digits.parse().map_err(|_| fail())?;
        let g = gcd(u64::from(num), u64::from(den)).max(1);
        Percent::new((u64::from(num) / g) as u32, (u64::from(den) / g) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pct(n: u64, d: u64, dec: u8, lang: Lang) -> String {
        Ratio::new(n, d)
            .unwrap()
            .percent(dec, Rounding::HalfAwayFromZero)
            .unwrap()
            .display(lang)
            .to_string()
    }

    #[test]
    fn percent_display() {
        assert_eq!(pct(67, 68, 2, Lang::Vi), "98,53%");
        assert_eq!(pct(67, 68, 2, Lang::En), "98.53%");
        assert_eq!(pct(1, 1, 0, Lang::Vi), "100%");
        assert_eq!(pct(0, 5, 1, Lang::En), "0.0%");
        assert_eq!(pct(1, 8, 2, Lang::En), "12.50%");
        assert_eq!(pct(1, 8, 1, Lang::En), "12.5%");
        // 0.125 -> 12.5% shown with 0 decimals: a tie, away from zero.
        assert_eq!(pct(1, 8, 0, Lang::En), "13%");
        assert_eq!(pct(57_486, 1, 0, Lang::Vi), "5.748.600%");
        assert_eq!(pct(57_486, 1, 0, Lang::En), "5,748,600%");
        let r = Ratio::new(1, 8).unwrap();
        assert_eq!(r.percent(0, Rounding::HalfEven).unwrap().to_string(), "12");
        assert_eq!(
            Ratio::new(3, 8)
                .unwrap()
                .percent(0, Rounding::HalfEven)
                .unwrap()
                .to_string(),
            "38"
        );
        assert_eq!(
            Ratio::new(2, 3)
                .unwrap()
                .percent(2, Rounding::TowardZero)
                .unwrap()
                .to_string(),
            "66.66"
        );
        assert_eq!(
            Ratio::new(2, 3)
                .unwrap()
                .percent(2, Rounding::HalfAwayFromZero)
                .unwrap()
                .to_string(),
            "66.67"
        );
        assert_eq!(
            Ratio::new(u64::MAX, 1)
                .unwrap()
                .percent(9, Rounding::HalfEven)
                .unwrap()
                .decimals(),
            9
        );
        insta::assert_snapshot!(r.percent(10, Rounding::HalfEven).unwrap_err(), @"decimals 10 is not in 0..=9");
        insta::assert_snapshot!(Ratio::new(3, 0).unwrap_err(), @"invalid ratio 3/0: the denominator must not be zero");
    }

    #[test]
    fn exact_comparison() {
        let r = |n, d| Ratio::new(n, d).unwrap();
        assert_eq!(r(1, 2), r(2, 4));
        assert!(r(1, 3) < r(333_333_334, 1_000_000_000));
        assert!(r(u64::MAX, u64::MAX - 1) > r(1, 1));
        assert_eq!(r(6, 4).floor(), 1);
        assert_eq!(r(6, 4).ceil(), 2);
        assert_eq!(r(8, 4).ceil(), 2);
        assert_eq!(r(6, 4).reduced().to_string(), "3/2");
        assert!(r(99, 100).at_least_percent(Percent::whole(99)));
        assert!(!r(98, 100).at_least_percent(Percent::whole(99)));
    }

    #[test]
    fn percent_parsing() {
        assert_eq!("10".parse::<Percent>().unwrap(), Percent::whole(10));
        assert_eq!(
            "12.5%".parse::<Percent>().unwrap(),
            Percent::new(25, 2).unwrap()
        );
        assert_eq!("12,50".parse::<Percent>().unwrap().to_string(), "12.5%");
        assert_eq!(Percent::new(1, 3).unwrap().to_string(), "0.333333333%");
        assert_eq!(
            Percent::new(25, 2).unwrap().display(Lang::Vi).to_string(),
            "12,5%"
        );
        for bad in ["", "-5", "abc", "1.2.3", ".5", "99999999999"] {
            assert!(bad.parse::<Percent>().is_err(), "{bad}");
        }
        insta::assert_snapshot!("x%".parse::<Percent>().unwrap_err(), @"invalid percentage 'x%': expected a non-negative decimal number such as 10, 12.5 or 12,5");
    }

    proptest! {
        #[test]
        fn ratios_compare_like_rationals(a in 0u64..1_000_000, b in 1u64..1_000_000, c in 0u64..1_000_000, d in 1u64..1_000_000) {
            let x = Ratio::new(a, b).unwrap();
            let y = Ratio::new(c, d).unwrap();
            // Compare with exact big-integer arithmetic done differently: reduce and cross-multiply in i128.
            let expected = (i128::from(a) * i128::from(d)).cmp(&(i128::from(c) * i128::from(b)));
            prop_assert_eq!(x.cmp(&y), expected);
            prop_assert_eq!(x == y, x.reduced() == y.reduced() && x.reduced().numerator() == y.reduced().numerator());
        }

        #[test]
        fn display_never_crosses_a_boundary(n in 0u64..100_000, d in 1u64..100_000, dec in 0u8..4) {
            // Rounded half away from zero, the shown value s satisfies |s - v| <= 1/2 unit,
            // and it shows 100% only if the ratio is at least 100% - half a unit.
            let r = Ratio::new(n, d).unwrap();
            let shown = r.percent(dec, Rounding::HalfAwayFromZero).unwrap().scaled();
            let unit = 10u128.pow(u32::from(dec));
            // v * 100 * unit = n * 100 * unit / d ; check 2|s*d - n*100*unit| <= d, ties upward.
            let exact = u128::from(n) * 100 * unit;
            let lhs = shown * u128::from(d);
            prop_assert!(2 * lhs.abs_diff(exact) <= u128::from(d));
            if 2 * lhs.abs_diff(exact) == u128::from(d) { prop_assert!(lhs > exact); }
            // Toward zero never overstates.
            let tz = r.percent(dec, Rounding::TowardZero).unwrap().scaled();
            prop_assert!(tz * u128::from(d) <= exact);
            // The exact 100% comparison agrees with the truncated display.
            prop_assert_eq!(r.at_least_percent(Percent::whole(100)), tz >= 100 * unit);
        }

        #[test]
        fn no_u64_panics(n in any::<u64>(), d in any::<u64>(), dec in 0u8..=12) {
            if let Ok(r) = Ratio::new(n, d) {
                let _ = r.percent(dec, Rounding::HalfAwayFromZero).map(|p| p.display(Lang::Vi).to_string());
                let _ = r.ceil();
                let _ = r.reduced();
            }
        }
    }
}
