//! Term calendars: each organization's congresses with their real dates,
//! and the five-year default for the others.
//!
//! A term runs from one congress to the day before the next (Party Charter
//! 2011, Articles 15 and 17: ordinary terms of five years). Congresses are
//! not held on 1 January: the Bắc Mê district's 9th congress opened on
//! 16/7/2015, Hà Giang province's 17th on 16/10/2020, and the provinces
//! formed on 1/7/2025 held their first congresses in the second half of
//! 2025 (../domain/REFERENCE.md §6). A [`TermCalendar`] holds the known
//! dates per organization; where none is known,
//! [`Term::calendar`](crate::Term::calendar)'s five calendar years stay
//! the rule, as the roll-up report uses them.
//!
//! ```
//! use chrono::NaiveDate;
//! use party_oversight::{Congress, Lang, OrgLevel, TermCalendar};
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let calendar = TermCalendar::new().with(
//!     "HG".parse()?,
//!     OrgLevel::Provincial,
//!     &[Congress::new(16, d(2015, 10, 13)), Congress::new(17, d(2020, 10, 16))],
//! )?;
//! let term = calendar.term_on("HG", d(2021, 3, 1))?.expect("a congress before");
//! assert_eq!(term.label(Lang::Vi), "nhiệm kỳ 2020-2025 (Đại hội XVII)");
//! assert_eq!(term.period().first(), d(2020, 10, 16));
//! // The last congress known runs five years, to the day before.
//! assert_eq!(term.period().last(), d(2025, 10, 15));
//! let before = calendar.previous_term("HG", term)?.expect("the 16th");
//! assert_eq!(before.period().last(), d(2020, 10, 15));
//! # Ok::<(), party_oversight::Error>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::id::OrgId;
use crate::organization::OrgLevel;
use crate::period::{TERM_YEARS, Term};

/// A congress (đại hội) of a party organization: its number and the day it
/// opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Congress {
    /// Its number ("lần thứ XVII": 17).
    pub ordinal: u32,
    /// The day it opened: the term starts that day.
    pub opened: NaiveDate,
}

impl Congress {
    /// The `ordinal`-th congress, opened on `opened`.
    #[must_use]
    pub const fn new(ordinal: u32, opened: NaiveDate) -> Self {
        Congress { ordinal, opened }
    }
}

/// One organization's congresses, checked: numbers consecutive and at
/// least 1, days increasing, each term ending in a later year than it
/// began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Congresses {
    level: OrgLevel,
    list: Vec<Congress>,
}

/// The serde form of a [`TermCalendar`].
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CalendarFields {
    organizations: BTreeMap<OrgId, (OrgLevel, Vec<Congress>)>,
}

/// Each organization's congresses; see the [module documentation](self).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CalendarFields", into = "CalendarFields")]
pub struct TermCalendar {
    by_org: BTreeMap<OrgId, Congresses>,
}

impl TryFrom<CalendarFields> for TermCalendar {
    type Error = Error;

    fn try_from(f: CalendarFields) -> Result<Self, Error> {
        let mut c = TermCalendar::new();
        for (org, (level, list)) in f.organizations {
            c = c.with(org, level, &list)?;
        }
        Ok(c)
    }
}

impl From<TermCalendar> for CalendarFields {
    fn from(c: TermCalendar) -> Self {
        CalendarFields {
            organizations: c
                .by_org
                .into_iter()
                .map(|(id, c)| (id, (c.level, c.list)))
                .collect(),
        }
    }
}

impl TermCalendar {
    /// No congress known: every term is five calendar years.
    #[must_use]
    pub fn new() -> Self {
        TermCalendar::default()
    }

    /// With the congresses of `org`, an organization of `level` (replacing
    /// any given before), in any order.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidTerm`] if the numbers are not consecutive from
    /// at least 1, if the days do not increase with them, or if a term
    /// would not end in a later year than it began (the rule of
    /// [`Term::dated`]).
    pub fn with(
        mut self,
        org: OrgId,
        level: OrgLevel,
        congresses: &[Congress],
    ) -> Result<Self, Error> {
        let mut list = congresses.to_vec();
        list.sort();
        let bad = |reason: String| Error::from(ErrorKind::InvalidTerm { reason });
        for pair in list.windows(2) {
            if let [a, b] = pair {
                if b.ordinal != a.ordinal.saturating_add(1) {
                    return Err(bad(format!(
                        "the congresses of {org} are not numbered one after another: {} then {}",
                        a.ordinal, b.ordinal
                    )));
                }
                if b.opened <= a.opened {
                    return Err(bad(format!(
                        "congress {} of {org} opened on {}, not after congress {} on {}",
                        b.ordinal, b.opened, a.ordinal, a.opened
                    )));
                }
            }
        }
        let c = Congresses { level, list };
        // Every term must be a valid dated term.
        for k in 0..c.list.len() {
            c.term(k)?;
        }
        self.by_org.insert(org, c);
        Ok(self)
    }

    /// The congresses known for `org`, by number.
    #[must_use]
    pub fn congresses(&self, org: &str) -> &[Congress] {
        self.by_org.get(org).map_or(&[], |c| c.list.as_slice())
    }

    /// The term of `org` that holds `day`: from the latest congress on or
    /// before it to the day before the next, or for the last congress
    /// known, five years to the day before its fifth anniversary. `None`
    /// when no congress of `org` is known on or before `day` (use
    /// [`Term::calendar`]).
    ///
    /// # Errors
    ///
    /// As [`Term::dated`] (never for a calendar built by [`Self::with`]).
    pub fn term_on(&self, org: &str, day: NaiveDate) -> Result<Option<Term>, Error> {
        let Some(c) = self.by_org.get(org) else {
            return Ok(None);
        };
        let k = c.list.partition_point(|x| x.opened <= day);
        match k.checked_sub(1) {
            None => Ok(None),
            Some(k) => c.term(k).map(Some),
        }
    }

    /// The term before `term` of `org` (the baseline of a term target), if
    /// its congress is known.
    ///
    /// # Errors
    ///
    /// As [`Self::term_on`].
    pub fn previous_term(&self, org: &str, term: Term) -> Result<Option<Term>, Error> {
        match term.period().first().pred_opt() {
            Some(day) => self.term_on(org, day),
            None => Ok(None),
        }
    }
}

impl Congresses {
    /// The term of the `k`-th congress known.
    fn term(&self, k: usize) -> Result<Term, Error> {
        let internal = || {
            Error::from(ErrorKind::Internal {
                what: "a congress index out of its list",
            })
        };
        let c = self.list.get(k).ok_or_else(internal)?;
        let last = match self.list.get(k + 1) {
            Some(next) => next.opened.pred_opt(),
            None => c
                .opened
                .checked_add_months(chrono::Months::new(TERM_YEARS.unsigned_abs() * 12))
                .and_then(|d| d.pred_opt()),
        }
        .ok_or_else(|| {
            Error::from(ErrorKind::InvalidTerm {
                reason: format!(
                    "congress {} opened on {}: no end of term",
                    c.ordinal, c.opened
                ),
            })
        })?;
        Term::dated(self.level, c.ordinal, c.opened, last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn terms_run_from_congress_to_congress() {
        let c = TermCalendar::new()
            .with(
                "BM".parse().unwrap(),
                OrgLevel::District,
                &[
                    Congress::new(10, d(2020, 7, 20)),
                    Congress::new(9, d(2015, 7, 16)),
                ],
            )
            .unwrap();
        // Before the first congress known: nothing.
        assert_eq!(c.term_on("BM", d(2015, 7, 15)).unwrap(), None);
        let ninth = c.term_on("BM", d(2015, 7, 16)).unwrap().unwrap();
        assert_eq!(ninth.period().last(), d(2020, 7, 19));
        assert_eq!(ninth.ordinal(), 9);
        let tenth = c.term_on("BM", d(2024, 1, 1)).unwrap().unwrap();
        assert_eq!(c.previous_term("BM", tenth).unwrap(), Some(ninth));
        assert_eq!(c.previous_term("BM", ninth).unwrap(), None);
        // Another organization has none.
        assert_eq!(c.term_on("HG", d(2024, 1, 1)).unwrap(), None);
        assert!(c.congresses("HG").is_empty());
    }

    #[test]
    fn bad_congress_lists_are_refused() {
        let org = || "X".parse::<OrgId>().unwrap();
        let level = OrgLevel::Grassroots;
        // A number skipped.
        assert!(
            TermCalendar::new()
                .with(
                    org(),
                    level,
                    &[
                        Congress::new(1, d(2015, 1, 5)),
                        Congress::new(3, d(2020, 1, 5))
                    ]
                )
                .is_err()
        );
        // Days not increasing with the numbers.
        assert!(
            TermCalendar::new()
                .with(
                    org(),
                    level,
                    &[
                        Congress::new(1, d(2020, 1, 5)),
                        Congress::new(2, d(2015, 1, 5))
                    ]
                )
                .is_err()
        );
        // Two congresses in one year: the term would not end in a later year.
        assert!(
            TermCalendar::new()
                .with(
                    org(),
                    level,
                    &[
                        Congress::new(1, d(2020, 1, 5)),
                        Congress::new(2, d(2020, 9, 5))
                    ]
                )
                .is_err()
        );
        // Number 0.
        assert!(
            TermCalendar::new()
                .with(org(), level, &[Congress::new(0, d(2020, 1, 5))])
                .is_err()
        );
    }

    #[test]
    fn a_calendar_round_trips_through_serde_and_is_checked_on_the_way_in() {
        let c = TermCalendar::new()
            .with(
                "HG".parse().unwrap(),
                OrgLevel::Provincial,
                &[Congress::new(17, d(2020, 10, 16))],
            )
            .unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<TermCalendar>(&json).unwrap(), c);
        let bad = json.replace("17", "0");
        assert!(serde_json::from_str::<TermCalendar>(&bad).is_err());
    }
}
