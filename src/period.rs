//! Reporting periods: calendar years, half years, quarters, months, and
//! congress terms (nhiệm kỳ).
//!
//! A [`Period`] is a range of calendar days **including both its first and
//! its last day**: the year 2017 is 2017-01-01 ..= 2017-12-31, and "6 tháng
//! đầu năm 2017" (the first half of 2017) is 2017-01-01 ..= 2017-06-30. The
//! reporting periods follow the statistical forms of the Central Inspection
//! Commission (QĐ 885-QĐ/UBKTTW, 2022: month, quarter, 6 months, 9 months,
//! year, full term).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::display::{Lang, roman};
use crate::error::{Error, ErrorKind};
use crate::organization::OrgLevel;
use crate::ratio::Ratio;

catalogue! {
    /// A half of a calendar year.
    pub enum Half: "half" {
        /// January to June ("6 tháng đầu năm").
        First => "first", "6 tháng đầu năm", "the first half";
        /// July to December ("6 tháng cuối năm").
        Second => "second", "6 tháng cuối năm", "the second half";
    }
}

impl Half {
    /// 1 or 2, as in `2019-H1`.
    #[must_use]
    pub const fn number(self) -> u8 {
        match self {
            Half::First => 1,
            Half::Second => 2,
        }
    }
}

/// An inclusive range of calendar days.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use party_oversight::{Half, Lang, Period};
///
/// let h1 = Period::half(2017, Half::First)?;
/// assert_eq!(h1.days(), 181);
/// assert!(h1.contains(NaiveDate::from_ymd_opt(2017, 6, 30).unwrap()));
/// assert!(!h1.contains(NaiveDate::from_ymd_opt(2017, 7, 1).unwrap()));
/// assert_eq!(h1.label(Lang::Vi), "6 tháng đầu năm 2017");
/// assert_eq!(h1.label(Lang::En), "the first half of 2017");
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodFields", into = "PeriodFields")]
pub struct Period {
    first: NaiveDate,
    last: NaiveDate,
}

/// The serde form of a [`Period`]: its first and last day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodFields {
    /// The first day.
    pub first: NaiveDate,
    /// The last day (included).
    pub last: NaiveDate,
}

impl TryFrom<PeriodFields> for Period {
    type Error = Error;
    fn try_from(f: PeriodFields) -> Result<Self, Error> {
        Period::new(f.first, f.last)
    }
}

impl From<Period> for PeriodFields {
    fn from(p: Period) -> Self {
        PeriodFields {
            first: p.first,
            last: p.last,
        }
    }
}

fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| ErrorKind::InvalidDate { year, month, day }.into())
}

fn last_of_month(year: i32, month: u32) -> Result<NaiveDate, Error> {
    let (ny, nm) = if month == 12 {
        (year.checked_add(1), 1)
    } else {
        (Some(year), month + 1)
    };
    let next = ny
        .and_then(|y| NaiveDate::from_ymd_opt(y, nm, 1))
        .and_then(|d| d.pred_opt());
    next.ok_or_else(|| {
        ErrorKind::InvalidDate {
            year,
            month,
            day: 31,
        }
        .into()
    })
}

impl Period {
    /// The days from `first` to `last`, both included.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidPeriod`] if `last` is before `first`.
    pub fn new(first: NaiveDate, last: NaiveDate) -> Result<Self, Error> {
        if last < first {
            return Err(ErrorKind::InvalidPeriod { first, last }.into());
        }
        Ok(Period { first, last })
    }

    /// The calendar year `year`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidDate`] if the year is outside the calendar's range.
    pub fn year(year: i32) -> Result<Self, Error> {
        Ok(Period {
            first: ymd(year, 1, 1)?,
            last: ymd(year, 12, 31)?,
        })
    }

    /// A half of `year`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidDate`] if the year is outside the calendar's range.
    pub fn half(year: i32, half: Half) -> Result<Self, Error> {
        match half {
            Half::First => Ok(Period {
                first: ymd(year, 1, 1)?,
                last: ymd(year, 6, 30)?,
            }),
            Half::Second => Ok(Period {
                first: ymd(year, 7, 1)?,
                last: ymd(year, 12, 31)?,
            }),
        }
    }

    /// Quarter `quarter` (1 to 4) of `year`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] if `quarter` is not 1 to 4;
    /// [`ErrorKind::InvalidDate`] if the year is out of the calendar's range.
    pub fn quarter(year: i32, quarter: u32) -> Result<Self, Error> {
        if !(1..=4).contains(&quarter) {
            return Err(Error::out_of_range("quarter", quarter, 1, 4));
        }
        let m = quarter * 3 - 2;
        Ok(Period {
            first: ymd(year, m, 1)?,
            last: last_of_month(year, m + 2)?,
        })
    }

    /// Month `month` (1 to 12) of `year`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] if `month` is not 1 to 12;
    /// [`ErrorKind::InvalidDate`] if the year is out of the calendar's range.
    pub fn month(year: i32, month: u32) -> Result<Self, Error> {
        if !(1..=12).contains(&month) {
            return Err(Error::out_of_range("month", month, 1, 12));
        }
        Ok(Period {
            first: ymd(year, month, 1)?,
            last: last_of_month(year, month)?,
        })
    }

    /// The first day.
    #[must_use]
    pub const fn first(self) -> NaiveDate {
        self.first
    }

    /// The last day (included).
    #[must_use]
    pub const fn last(self) -> NaiveDate {
        self.last
    }

    /// Whether `date` lies in the period (first and last day included).
    #[must_use]
    pub fn contains(self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }

    /// How many days the period has (at least 1).
    #[must_use]
    pub fn days(self) -> u64 {
        (self.last - self.first).num_days().unsigned_abs() + 1
    }

    /// The days of the period on or before `date` (0 before the period, all
    /// of them after it).
    #[must_use]
    pub fn days_elapsed(self, date: NaiveDate) -> u64 {
        if date < self.first {
            0
        } else if date >= self.last {
            self.days()
        } else {
            (date - self.first).num_days().unsigned_abs() + 1
        }
    }

    /// The share of the period elapsed at the **end** of `date`, exactly:
    /// [`Self::days_elapsed`] / [`Self::days`]. 0 before the first day, 1
    /// from the last day on.
    #[must_use]
    pub fn elapsed_share(self, date: NaiveDate) -> Ratio {
        // days() >= 1, so the denominator is never zero.
        Ratio::new(self.days_elapsed(date), self.days()).unwrap_or(Ratio::ZERO)
    }

    /// The part of the period shared with `other`, if any.
    #[must_use]
    pub fn intersection(self, other: Period) -> Option<Period> {
        let first = self.first.max(other.first);
        let last = self.last.min(other.last);
        (first <= last).then_some(Period { first, last })
    }

    /// The calendar years the period touches, each clipped to the period.
    #[must_use]
    pub fn years(self) -> Vec<Period> {
        (self.first.year()..=self.last.year())
            .filter_map(|y| Period::year(y).ok().and_then(|p| p.intersection(self)))
            .collect()
    }

    /// The half years the period touches, each clipped to the period.
    #[must_use]
    pub fn halves(self) -> Vec<Period> {
        (self.first.year()..=self.last.year())
            .flat_map(|y| [Half::First, Half::Second].map(move |h| Period::half(y, h)))
            .filter_map(|p| p.ok().and_then(|p| p.intersection(self)))
            .collect()
    }

    /// A label in `lang`: "năm 2017" / "2017", "6 tháng đầu năm 2017" / "the
    /// first half of 2017", "quý II năm 2017" / "Q2 2017", "tháng 5 năm 2017"
    /// / "May 2017"; otherwise "từ ngày 16/7/2015 đến ngày 30/6/2017" / "16
    /// July 2015 to 30 June 2017".
    #[must_use]
    pub fn label(self, lang: Lang) -> String {
        let (y, m1, d1) = (self.first.year(), self.first.month(), self.first.day());
        let same_year = self.last.year() == y;
        let ends_month = last_of_month(self.last.year(), self.last.month()).ok() == Some(self.last);
        let months = if same_year && d1 == 1 && ends_month {
            Some((m1, self.last.month()))
        } else {
            None
        };
        match (lang, months) {
            (Lang::Vi, Some((1, 12))) => format!("năm {y}"),
            (Lang::En, Some((1, 12))) => format!("{y}"),
            (Lang::Vi, Some((1, 6))) => format!("6 tháng đầu năm {y}"),
            (Lang::En, Some((1, 6))) => format!("the first half of {y}"),
            (Lang::Vi, Some((7, 12))) => format!("6 tháng cuối năm {y}"),
            (Lang::En, Some((7, 12))) => format!("the second half of {y}"),
            (Lang::Vi, Some((1, 9))) => format!("9 tháng đầu năm {y}"),
            (Lang::En, Some((1, 9))) => format!("the first nine months of {y}"),
            (Lang::Vi, Some((a, b))) if a == b => format!("tháng {a} năm {y}"),
            (Lang::En, Some((a, b))) if a == b => format!("{} {y}", month_en(a)),
            (Lang::Vi, Some((a, b))) if a % 3 == 1 && b == a + 2 => {
                format!("quý {} năm {y}", roman(a / 3 + 1))
            }
            (Lang::En, Some((a, b))) if a % 3 == 1 && b == a + 2 => format!("Q{} {y}", a / 3 + 1),
            (Lang::Vi, _) => format!(
                "từ ngày {} đến ngày {}",
                date_vi(self.first),
                date_vi(self.last)
            ),
            (Lang::En, _) => format!("{} to {}", date_en(self.first), date_en(self.last)),
        }
    }
}

fn month_en(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(m.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

/// A date the way Vietnamese official texts write it: `16/7/2015` (day and
/// month without padding).
#[must_use]
pub fn date_vi(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}

/// A date in English prose: `16 July 2015`.
#[must_use]
pub fn date_en(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_en(d.month()), d.year())
}

impl Period {
    /// What the period is, when it is one of the usual ones: a calendar
    /// year, half, quarter or month.
    #[must_use]
    pub fn shape(self) -> PeriodShape {
        let (y, f, l) = (self.first.year(), self.first, self.last);
        let same = |p: Result<Period, Error>| p.is_ok_and(|p| p == self);
        // The short spellings have four-digit years.
        if f.year() != l.year() || !(0..=9999).contains(&y) {
            return PeriodShape::Days;
        }
        if same(Period::year(y)) {
            return PeriodShape::Year(y);
        }
        for half in Half::ALL {
            if same(Period::half(y, half)) {
                return PeriodShape::Half(y, half);
            }
        }
        for q in 1..=4 {
            if same(Period::quarter(y, q)) {
                return PeriodShape::Quarter(y, q);
            }
        }
        if same(Period::month(y, f.month())) {
            return PeriodShape::Month(y, f.month());
        }
        PeriodShape::Days
    }
}

/// The usual periods of reports (QĐ 885-QĐ/UBKTTW counts by month, quarter,
/// half year, year and term), as [`Period::shape`] recognises them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PeriodShape {
    /// A calendar year: `2019`.
    Year(i32),
    /// A half year: `2019-H1` ("6 tháng đầu năm").
    Half(i32, Half),
    /// A quarter, 1 to 4: `2019-Q3`.
    Quarter(i32, u32),
    /// A month, 1 to 12: `2019-06`.
    Month(i32, u32),
    /// Any other run of days: `2019-01-01..2019-09-30`.
    Days,
}

impl fmt::Display for Period {
    /// The usual spelling: `2019`, `2019-H1`, `2019-Q3`, `2019-06`, or
    /// `2019-01-01..2019-09-30` (both days included) for any other period;
    /// [`FromStr`](std::str::FromStr) reads each back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.shape() {
            PeriodShape::Year(y) => write!(f, "{y:04}"),
            PeriodShape::Half(y, h) => write!(f, "{y:04}-H{}", h.number()),
            PeriodShape::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            PeriodShape::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PeriodShape::Days => write!(f, "{}..{}", self.first, self.last),
        }
    }
}

impl std::str::FromStr for Period {
    type Err = Error;

    /// Reads `2019`, `2019-H1`/`2019-H2`, `2019-Q1`…`2019-Q4`, `2019-06`,
    /// or `2019-01-01..2019-09-30` (also written `..=`; both days are
    /// included).
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |why: &'static str| {
            Error::from(ErrorKind::InvalidPeriodText {
                value: s.to_owned(),
                reason: why,
            })
        };
        if let Some((a, b)) = s.split_once("..") {
            let b = b.strip_prefix('=').unwrap_or(b);
            // ISO 8601 days, as they print (years past 9999 with a sign).
            let day = |t: &str| {
                t.parse::<NaiveDate>()
                    .ok()
                    .filter(|d| d.to_string() == t)
                    .ok_or_else(|| bad("a range is two days written YYYY-MM-DD..YYYY-MM-DD"))
            };
            return Period::new(day(a)?, day(b)?);
        }
        let year = |t: &str| {
            if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse::<i32>().map_err(|_| bad(SPELLINGS))
            } else {
                Err(bad(SPELLINGS))
            }
        };
        match s.split_once('-') {
            None => Period::year(year(s)?),
            Some((y, rest)) => {
                let y = year(y)?;
                match rest.as_bytes() {
                    [b'H', b'1'] => Period::half(y, Half::First),
                    [b'H', b'2'] => Period::half(y, Half::Second),
                    [b'Q', n @ b'1'..=b'4'] => Period::quarter(y, u32::from(n - b'0')),
                    [a @ b'0'..=b'9', b @ b'0'..=b'9'] => {
                        Period::month(y, u32::from(a - b'0') * 10 + u32::from(b - b'0'))
                    }
                    _ => Err(bad(SPELLINGS)),
                }
            }
        }
    }
}

/// The spellings a period is read from, for messages.
const SPELLINGS: &str = "expected a year (2019), a half (2019-H1), a quarter (2019-Q3), a month (2019-06) or days (2019-01-01..2019-09-30)";

/// A congress term (nhiệm kỳ): the time from one congress of a party
/// organization to the next, e.g. the 9th district congress of Bắc Mê,
/// "nhiệm kỳ 2015–2020".
///
/// Terms are normally five years: congresses are held every five years (Party Charter 2011, Articles 15 and 17). Where the real dates are
/// not known, [`Term::calendar`] takes the five calendar years from the
/// first year (the 2015–2020 term is 2015-01-01 ..= 2019-12-31), as the
/// roll-up report does ([the roll-up report](crate::spec::report)); [`Term::dated`] takes the real dates
/// (the Bắc Mê 9th congress opened on 16 July 2015).
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use party_oversight::{Lang, OrgLevel, Term};
///
/// let term = Term::calendar(OrgLevel::District, 9, 2015)?;
/// assert_eq!(term.label(Lang::Vi), "nhiệm kỳ 2015-2020 (Đại hội IX)");
/// assert_eq!(term.period().last(), NaiveDate::from_ymd_opt(2019, 12, 31).unwrap());
/// assert_eq!(term.years().len(), 5);
/// # Ok::<(), party_oversight::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "TermFields", into = "TermFields")]
pub struct Term {
    level: OrgLevel,
    ordinal: u32,
    first_year: i32,
    last_year: i32,
    period: Period,
    /// Built by [`Term::calendar`] (else by [`Term::dated`]).
    calendar: bool,
}

/// The serde form of a [`Term`]: how it was built, so that it reads back
/// as itself.
///
/// A calendar term is `{"basis":"calendar","level":…,"ordinal":9,"first_year":2015}`;
/// a dated one is `{"basis":"dated","level":…,"ordinal":9,"first":"2015-07-16","last":"2020-07-14"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum TermFields {
    /// [`Term::calendar`]: five calendar years from `first_year`.
    Calendar {
        /// The level of the organization whose congress it is.
        level: OrgLevel,
        /// The congress number (9 for "Đại hội IX").
        ordinal: u32,
        /// The year named first ("2015" in "2015–2020").
        first_year: i32,
    },
    /// [`Term::dated`]: from the congress to the day before the next one.
    Dated {
        /// The level of the organization whose congress it is.
        level: OrgLevel,
        /// The congress number.
        ordinal: u32,
        /// The day of the congress.
        first: NaiveDate,
        /// The day before the next congress.
        last: NaiveDate,
    },
}

impl TryFrom<TermFields> for Term {
    type Error = Error;
    fn try_from(f: TermFields) -> Result<Self, Error> {
        match f {
            TermFields::Calendar {
                level,
                ordinal,
                first_year,
            } => Term::calendar(level, ordinal, first_year),
            TermFields::Dated {
                level,
                ordinal,
                first,
                last,
            } => Term::dated(level, ordinal, first, last),
        }
    }
}

impl From<Term> for TermFields {
    fn from(t: Term) -> Self {
        if t.calendar {
            TermFields::Calendar {
                level: t.level,
                ordinal: t.ordinal,
                first_year: t.first_year,
            }
        } else {
            TermFields::Dated {
                level: t.level,
                ordinal: t.ordinal,
                first: t.period.first(),
                last: t.period.last(),
            }
        }
    }
}

/// The ordinary length of a term, in years (Party Charter 2011, Articles 15 and 17).
pub const TERM_YEARS: i32 = 5;

impl Term {
    /// The term of the `ordinal`-th congress of an organization of `level`,
    /// named `first_year`–`first_year + 5`, taken as the five calendar years
    /// from `first_year`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidTerm`] if `ordinal` is 0; [`ErrorKind::InvalidDate`]
    /// if the years are out of range.
    pub fn calendar(level: OrgLevel, ordinal: u32, first_year: i32) -> Result<Self, Error> {
        if ordinal == 0 {
            return Err(ErrorKind::InvalidTerm {
                reason: "the congress number must be at least 1".into(),
            }
            .into());
        }
        let last_year = first_year.checked_add(TERM_YEARS).ok_or_else(|| {
            Error::from(ErrorKind::InvalidDate {
                year: first_year,
                month: 1,
                day: 1,
            })
        })?;
        let period = Period::new(ymd(first_year, 1, 1)?, ymd(last_year - 1, 12, 31)?)?;
        Ok(Term {
            level,
            ordinal,
            first_year,
            last_year,
            period,
            calendar: true,
        })
    }

    /// The calendar term named as written, e.g. `2015-2020`: five calendar
    /// years from the first (see [`Term::calendar`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidTerm`] if `name` is not two years, or they are
    /// not five years apart; the errors of [`Term::calendar`].
    pub fn calendar_named(level: OrgLevel, ordinal: u32, name: &str) -> Result<Self, Error> {
        let bad = |reason: String| Error::from(ErrorKind::InvalidTerm { reason });
        let (first, last) = name
            .split_once(['-', '–'])
            .and_then(|(a, b)| Some((a.trim().parse::<i32>().ok()?, b.trim().parse::<i32>().ok()?)))
            .ok_or_else(|| {
                bad(format!(
                    "a term is named by two years such as 2015-2020, not {}",
                    crate::quoted(name)
                ))
            })?;
        let term = Term::calendar(level, ordinal, first)?;
        if term.named_years().1 != last {
            return Err(bad(format!(
                "{name} is not a term: a term runs five years, so {first}-{}",
                first.saturating_add(TERM_YEARS)
            )));
        }
        Ok(term)
    }

    /// The term from the congress on `first` to the day before the next
    /// congress, `last` (both included); it is named by their years.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidTerm`] if `ordinal` is 0 or `last` is not in a
    /// later year than `first`; [`ErrorKind::InvalidPeriod`] if `last` is
    /// before `first`.
    pub fn dated(
        level: OrgLevel,
        ordinal: u32,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Self, Error> {
        if ordinal == 0 {
            return Err(ErrorKind::InvalidTerm {
                reason: "the congress number must be at least 1".into(),
            }
            .into());
        }
        let period = Period::new(first, last)?;
        if last.year() <= first.year() {
            return Err(ErrorKind::InvalidTerm {
                reason: format!("a term from {first} must end in a later year, not on {last}"),
            }
            .into());
        }
        Ok(Term {
            level,
            ordinal,
            first_year: first.year(),
            last_year: last.year(),
            period,
            calendar: false,
        })
    }

    /// The level of the organization whose congress it is.
    #[must_use]
    pub const fn level(self) -> OrgLevel {
        self.level
    }

    /// The congress number.
    #[must_use]
    pub const fn ordinal(self) -> u32 {
        self.ordinal
    }

    /// The years in the term's name, e.g. `(2015, 2020)`.
    #[must_use]
    pub const fn named_years(self) -> (i32, i32) {
        (self.first_year, self.last_year)
    }

    /// The days the term covers.
    #[must_use]
    pub const fn period(self) -> Period {
        self.period
    }

    /// The calendar years of the term, each clipped to it.
    #[must_use]
    pub fn years(self) -> Vec<Period> {
        self.period.years()
    }

    /// The half years of the term, each clipped to it.
    #[must_use]
    pub fn halves(self) -> Vec<Period> {
        self.period.halves()
    }

    /// The share of the term elapsed at the end of `date` (see
    /// [`Period::elapsed_share`]).
    #[must_use]
    pub fn elapsed_share(self, date: NaiveDate) -> Ratio {
        self.period.elapsed_share(date)
    }

    /// "nhiệm kỳ 2015-2020 (Đại hội IX)" / "the 2015–2020 term (9th congress)".
    #[must_use]
    pub fn label(self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!(
                "nhiệm kỳ {}-{} (Đại hội {})",
                self.first_year,
                self.last_year,
                roman(self.ordinal)
            ),
            Lang::En => format!(
                "the {}–{} term ({} congress)",
                self.first_year,
                self.last_year,
                ordinal_en(self.ordinal)
            ),
        }
    }
}

fn ordinal_en(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn usual_spellings_read_and_print_back() {
        for text in [
            "2019",
            "2019-H1",
            "2019-H2",
            "2019-Q3",
            "2019-06",
            "2019-01-01..2019-09-30",
        ] {
            let p: Period = text.parse().unwrap();
            assert_eq!(p.to_string(), text);
        }
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            "2019-H1".parse::<Period>().unwrap(),
            Period::new(d(2019, 1, 1), d(2019, 6, 30)).unwrap()
        );
        assert_eq!(
            "2019-Q3".parse::<Period>().unwrap(),
            Period::new(d(2019, 7, 1), d(2019, 9, 30)).unwrap()
        );
        assert_eq!("2020-02".parse::<Period>().unwrap().last(), d(2020, 2, 29));
        // `..=` is read too; a range that is a usual period prints as one.
        assert_eq!(
            "2019-01-01..=2019-12-31"
                .parse::<Period>()
                .unwrap()
                .to_string(),
            "2019"
        );
        assert_eq!(
            Period::new(d(2019, 1, 1), d(2019, 9, 30)).unwrap().shape(),
            PeriodShape::Days
        );
        let errors: Vec<String> = [
            "2019-H3",
            "2019-Q5",
            "2019-13",
            "19",
            "2019-1",
            "2019-06-01..2019-05-01",
            "2019-06-01..x",
            "",
        ]
        .iter()
        .map(|t| t.parse::<Period>().unwrap_err().to_string())
        .collect();
        insta::assert_snapshot!(errors.join("\n"), @"
        invalid period '2019-H3': expected a year (2019), a half (2019-H1), a quarter (2019-Q3), a month (2019-06) or days (2019-01-01..2019-09-30)
        invalid period '2019-Q5': expected a year (2019), a half (2019-H1), a quarter (2019-Q3), a month (2019-06) or days (2019-01-01..2019-09-30)
        month 13 is not in 1..=12
        invalid period '19': expected a year (2019), a half (2019-H1), a quarter (2019-Q3), a month (2019-06) or days (2019-01-01..2019-09-30)
        invalid period '2019-1': expected a year (2019), a half (2019-H1), a quarter (2019-Q3), a month (2019-06) or days (2019-01-01..2019-09-30)
        invalid period 2019-06-01..2019-05-01: the last day is before the first
        invalid period '2019-06-01..x': a range is two days written YYYY-MM-DD..YYYY-MM-DD
        invalid period '': expected a year (2019), a half (2019-H1), a quarter (2019-Q3), a month (2019-06) or days (2019-01-01..2019-09-30)
        ");
    }

    proptest::proptest! {
        #[test]
        fn any_period_prints_and_reads_back(y in -9999i32..=99_999, a in 0u32..366, len in 0u32..800) {
            let first = NaiveDate::from_yo_opt(y, 1).unwrap() + chrono::Duration::days(i64::from(a));
            let last = first + chrono::Duration::days(i64::from(len));
            if let Ok(p) = Period::new(first, last) {
                let text = p.to_string();
                proptest::prop_assert_eq!(text.parse::<Period>().unwrap(), p, "{}", text);
            }
        }
    }

    #[test]
    fn constructors_and_labels() {
        let cases = [
            (Period::year(2017).unwrap(), "năm 2017", "2017", 365),
            (Period::year(2016).unwrap(), "năm 2016", "2016", 366),
            (
                Period::half(2017, Half::First).unwrap(),
                "6 tháng đầu năm 2017",
                "the first half of 2017",
                181,
            ),
            (
                Period::half(2016, Half::First).unwrap(),
                "6 tháng đầu năm 2016",
                "the first half of 2016",
                182,
            ),
            (
                Period::half(2017, Half::Second).unwrap(),
                "6 tháng cuối năm 2017",
                "the second half of 2017",
                184,
            ),
            (
                Period::quarter(2017, 2).unwrap(),
                "quý II năm 2017",
                "Q2 2017",
                91,
            ),
            (
                Period::month(2016, 2).unwrap(),
                "tháng 2 năm 2016",
                "February 2016",
                29,
            ),
            (
                Period::month(2017, 12).unwrap(),
                "tháng 12 năm 2017",
                "December 2017",
                31,
            ),
            (
                Period::new(d(2017, 1, 1), d(2017, 9, 30)).unwrap(),
                "9 tháng đầu năm 2017",
                "the first nine months of 2017",
                273,
            ),
            (
                Period::new(d(2015, 7, 16), d(2017, 6, 30)).unwrap(),
                "từ ngày 16/7/2015 đến ngày 30/6/2017",
                "16 July 2015 to 30 June 2017",
                716,
            ),
        ];
        for (p, vi, en, days) in cases {
            assert_eq!(p.label(Lang::Vi), vi);
            assert_eq!(p.label(Lang::En), en);
            assert_eq!(p.days(), days, "{p}");
        }
        insta::assert_snapshot!(Period::quarter(2017, 5).unwrap_err(), @"quarter 5 is not in 1..=4");
        insta::assert_snapshot!(Period::month(2017, 0).unwrap_err(), @"month 0 is not in 1..=12");
        insta::assert_snapshot!(Period::new(d(2017, 2, 1), d(2017, 1, 31)).unwrap_err(), @"invalid period 2017-02-01..2017-01-31: the last day is before the first");
    }

    #[test]
    fn containment_is_inclusive() {
        let p = Period::year(2016).unwrap();
        assert!(p.contains(d(2016, 1, 1)));
        assert!(p.contains(d(2016, 2, 29)));
        assert!(p.contains(d(2016, 12, 31)));
        assert!(!p.contains(d(2015, 12, 31)));
        assert!(!p.contains(d(2017, 1, 1)));
    }

    #[test]
    fn elapsed_share_is_exact() {
        let t = Term::calendar(OrgLevel::District, 9, 2015).unwrap();
        assert_eq!(t.period().days(), 1826);
        assert_eq!(t.elapsed_share(d(2014, 12, 31)), Ratio::new(0, 1).unwrap());
        assert_eq!(t.elapsed_share(d(2015, 1, 1)), Ratio::new(1, 1826).unwrap());
        assert_eq!(
            t.elapsed_share(d(2017, 6, 30)),
            Ratio::new(912, 1826).unwrap()
        );
        // The last day of the term: all of it has elapsed.
        assert_eq!(t.elapsed_share(d(2019, 12, 31)), Ratio::new(1, 1).unwrap());
        assert_eq!(t.elapsed_share(d(2030, 1, 1)), Ratio::new(1, 1).unwrap());
        // A leap day counts as a day.
        let feb = Period::month(2016, 2).unwrap();
        assert_eq!(feb.elapsed_share(d(2016, 2, 29)), Ratio::new(1, 1).unwrap());
        assert_eq!(
            feb.elapsed_share(d(2016, 2, 28)),
            Ratio::new(28, 29).unwrap()
        );
    }

    #[test]
    fn terms() {
        let t = Term::dated(OrgLevel::District, 9, d(2015, 7, 16), d(2020, 7, 14)).unwrap();
        assert_eq!(t.named_years(), (2015, 2020));
        assert_eq!(t.label(Lang::En), "the 2015–2020 term (9th congress)");
        let years: Vec<String> = t.years().iter().map(ToString::to_string).collect();
        assert_eq!(years.first().unwrap(), "2015-07-16..2015-12-31");
        assert_eq!(years.last().unwrap(), "2020-01-01..2020-07-14");
        assert_eq!(years.len(), 6);
        assert_eq!(t.halves().len(), 11); // 2015 H2, four whole years, 2020 H1 and 14 days of 2020 H2
        assert_eq!(
            Term::calendar(OrgLevel::Provincial, 16, 2015)
                .unwrap()
                .halves()
                .len(),
            10
        );
        insta::assert_snapshot!(Term::calendar(OrgLevel::District, 0, 2015).unwrap_err(), @"invalid term: the congress number must be at least 1");
        insta::assert_snapshot!(Term::dated(OrgLevel::District, 9, d(2015, 7, 16), d(2015, 12, 1)).unwrap_err(), @"invalid term: a term from 2015-07-16 must end in a later year, not on 2015-12-01");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Term>(&json).unwrap(), t);
        let bad = json.replace("\"last\":\"2020-07-14\"", "\"last\":\"2015-07-14\"");
        insta::assert_snapshot!(serde_json::from_str::<Term>(&bad).unwrap_err(), @"invalid period 2015-07-16..2015-07-14: the last day is before the first");
        // A calendar term reads back as itself (issue 9: it did not).
        let c = Term::calendar(OrgLevel::District, 9, 2015).unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"basis":"calendar","level":"district","ordinal":9,"first_year":2015}"#
        );
        assert_eq!(serde_json::from_str::<Term>(&json).unwrap(), c);
        assert_eq!(ordinal_en(1), "1st");
        assert_eq!(ordinal_en(12), "12th");
        assert_eq!(ordinal_en(22), "22nd");
    }

    #[test]
    fn serde_rejects_reversed_periods() {
        let p = Period::year(2017).unwrap();
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"first":"2017-01-01","last":"2017-12-31"}"#);
        assert!(
            serde_json::from_str::<Period>(r#"{"first":"2017-01-02","last":"2017-01-01"}"#)
                .is_err()
        );
    }
}
