//! [The roll-up report](crate::spec::report), as a view on
//! [the counting engine](crate::engine): its rows keep the twelve figures of
//! `rollup.csv`, so that a national roll-up stays small.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::csvio::quote;
use super::load::Columns;
use crate::discipline::DisciplineStatus;
use crate::engine::{Class, Engine, Event, Row, S_HANDLED, S_VIOLATION, subject_measure};
use crate::error::{Error, ErrorKind};
use crate::organization::{OrgIndex, OrgLevel};
use crate::period::Period;

/// One row of `rollup.csv`: an organization's subtree in one calendar year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[allow(missing_docs)]
pub struct RollupRow {
    pub inspections: u64,
    pub supervisions: u64,
    pub org_visits: u64,
    pub orgs_distinct: u64,
    pub member_visits: u64,
    pub members_distinct: u64,
    pub violations: u64,
    pub handled: u64,
    pub member_discipline_decisions: u64,
    pub org_discipline_decisions: u64,
    pub members_official: u64,
    pub members_probationary: u64,
}

/// The twelve figures as the engine counts them for every organization and
/// period: 32 bits each, so that a national roll-up over many periods stays
/// small; a count that would pass them saturates and is refused as an
/// overflow when the row is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Compact([u32; 12]);

const INSPECTIONS: usize = 0;
const SUPERVISIONS: usize = 1;
const ORG_VISITS: usize = 2;
const ORGS_DISTINCT: usize = 3;
const MEMBER_VISITS: usize = 4;
const MEMBERS_DISTINCT: usize = 5;
const VIOLATIONS: usize = 6;
const HANDLED: usize = 7;
const MEMBER_DECISIONS: usize = 8;
const ORG_DECISIONS: usize = 9;
const OFFICIAL: usize = 10;
const PROBATIONARY: usize = 11;

impl Compact {
    fn bump(&mut self, i: usize, n: u64) {
        if let Some(x) = self.0.get_mut(i) {
            *x = x.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        }
    }

    /// The row, or `None` if a count saturated.
    fn wide(self) -> Option<RollupRow> {
        if self.0.contains(&u32::MAX) {
            return None;
        }
        let [
            inspections,
            supervisions,
            org_visits,
            orgs_distinct,
            member_visits,
            members_distinct,
            violations,
            handled,
            member_discipline_decisions,
            org_discipline_decisions,
            members_official,
            members_probationary,
        ] = self.0.map(u64::from);
        Some(RollupRow {
            inspections,
            supervisions,
            org_visits,
            orgs_distinct,
            member_visits,
            members_distinct,
            violations,
            handled,
            member_discipline_decisions,
            org_discipline_decisions,
            members_official,
            members_probationary,
        })
    }
}

impl Row for Compact {
    const SLOTS: usize = 2;

    fn zero() -> Self {
        Compact::default()
    }

    fn slot(measure: usize) -> Option<usize> {
        if measure == subject_measure(None, None, Class::Orgs) {
            Some(0)
        } else if measure == subject_measure(None, None, Class::Members) {
            Some(1)
        } else {
            None
        }
    }

    fn add(&mut self, e: Event) {
        match e {
            Event::Oversight { kind, .. } => {
                self.bump(
                    if kind.is_inspection() {
                        INSPECTIONS
                    } else {
                        SUPERVISIONS
                    },
                    1,
                );
            }
            Event::Subject { member, flags, .. } => {
                let violation = flags & S_VIOLATION != 0;
                self.bump(if member { MEMBER_VISITS } else { ORG_VISITS }, 1);
                self.bump(VIOLATIONS, u64::from(violation));
                self.bump(HANDLED, u64::from(violation && flags & S_HANDLED != 0));
            }
            Event::Discipline {
                status: DisciplineStatus::Decided,
                member,
                ..
            } => self.bump(
                if member {
                    MEMBER_DECISIONS
                } else {
                    ORG_DECISIONS
                },
                1,
            ),
            Event::Discipline { .. }
            | Event::NameRemoval { .. }
            | Event::Assessment
            | Event::Briefing(..) => {}
        }
    }

    fn add_row(&mut self, o: &Compact) {
        for (i, &v) in o.0.iter().enumerate() {
            self.bump(i, u64::from(v));
        }
    }

    fn add_members(&mut self, official: u64, probationary: u64) {
        self.bump(OFFICIAL, official);
        self.bump(PROBATIONARY, probationary);
    }

    fn set_distinct(&mut self, slot: usize, n: u64) {
        let i = if slot == 0 {
            ORGS_DISTINCT
        } else {
            MEMBERS_DISTINCT
        };
        if let Some(x) = self.0.get_mut(i) {
            *x = u32::try_from(n).unwrap_or(u32::MAX);
        }
    }
}

impl RollupRow {
    fn add_row(&mut self, o: &RollupRow) {
        self.inspections += o.inspections;
        self.supervisions += o.supervisions;
        self.org_visits += o.org_visits;
        self.orgs_distinct += o.orgs_distinct;
        self.member_visits += o.member_visits;
        self.members_distinct += o.members_distinct;
        self.violations += o.violations;
        self.handled += o.handled;
        self.member_discipline_decisions += o.member_discipline_decisions;
        self.org_discipline_decisions += o.org_discipline_decisions;
        self.members_official += o.members_official;
        self.members_probationary += o.members_probationary;
    }
}

/// The term status of `term.csv` against "increase by 10–20%".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermStatus {
    /// The baseline is 0.
    NoBaseline,
    /// 100 × current < 110 × baseline.
    Below,
    /// Between.
    Within,
    /// 100 × current > 120 × baseline.
    Above,
}

impl TermStatus {
    /// The code written in `term.csv`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            TermStatus::NoBaseline => "no_baseline",
            TermStatus::Below => "below",
            TermStatus::Within => "within",
            TermStatus::Above => "above",
        }
    }
}

/// One row of `term.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TermRow {
    /// Inspections and supervisions over the baseline term.
    pub baseline: u64,
    /// The same over the current term.
    pub current: u64,
    /// Against "increase by 10–20%".
    pub status: TermStatus,
    /// Violations and handled ones over the current term.
    pub violations: u64,
    /// Handled.
    pub handled: u64,
}

/// [The roll-up report](crate::spec::report): `rollup.csv` and `term.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupReport {
    /// The first and last year, if there is any oversight row.
    years: Option<(i32, i32)>,
    /// The figures, one period per year.
    figures: PeriodRollup,
    /// `rebased.csv`: ids in output order with their rows.
    rebased: Vec<(String, RebasedRow)>,
}

/// One row of `rebased.csv`: an organization that exists on the last day
/// of the latest year, measured against the work of the organizations it
/// took over from ([the roll-up report](crate::spec::report)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RebasedRow {
    /// The first year of the current term.
    pub term_start: i32,
    /// Inspections and supervisions of the baseline term, re-based: an
    /// exact fraction.
    pub baseline: crate::Ratio,
    /// The same over the current term.
    pub current: crate::Ratio,
    /// Against "increase by 10–20%", compared exactly.
    pub status: TermStatus,
}

impl RebasedRow {
    fn status(baseline: crate::Ratio, current: crate::Ratio) -> TermStatus {
        // a/b vs c/d, scaled: 100 × current against 110 × baseline.
        let cur = u128::from(current.numerator()) * u128::from(baseline.denominator());
        let base = u128::from(baseline.numerator()) * u128::from(current.denominator());
        if baseline.numerator() == 0 {
            TermStatus::NoBaseline
        } else if 100 * cur < 110 * base {
            TermStatus::Below
        } else if 100 * cur > 120 * base {
            TermStatus::Above
        } else {
            TermStatus::Within
        }
    }
}

/// The re-based rows: every oversight row of the two terms mapped onto the
/// structure of `t` ([`History::map_onto`](crate::History::map_onto), with
/// the dataset's lineage) and summed up the tree of that day.
fn rebased_rows(c: &Engine<'_>, years: (i32, i32)) -> Result<Vec<(String, RebasedRow)>, Error> {
    let (_, y) = years;
    let tree = c.tree();
    let timeline = c.timeline_or_empty();
    let t = chrono::NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(|| {
        Error::from(ErrorKind::Internal {
            what: "the last day of the latest year",
        })
    })?;
    let n = tree.len();
    // Rows by body, per term, first; each body mapped once.
    let mut by_body: Vec<(u64, u64)> = vec![(0, 0); n];
    for (&started, body) in c.started.iter().zip(c.body_pos.iter()) {
        let year = year_of(started);
        if let Some(cell) = by_body.get_mut(body.0 as usize) {
            if (y - 4..=y).contains(&year) {
                cell.1 += 1;
            } else if (y - 9..=y - 5).contains(&year) {
                cell.0 += 1;
            }
        }
    }
    // Exact sums at the organizations of day `t`: baseline, current.
    let mut at: Vec<(crate::Ratio, crate::Ratio)> =
        vec![(crate::Ratio::ZERO, crate::Ratio::ZERO); n];
    for (i, &(base, cur)) in by_body.iter().enumerate() {
        if base == 0 && cur == 0 {
            continue;
        }
        let mut map = std::collections::BTreeMap::new();
        timeline.map_into(tree, OrgIndex(i as u32), t, crate::Ratio::ONE, &mut map, 0)?;
        for (to, w) in map {
            if let Some(cell) = at.get_mut(to.0 as usize) {
                cell.0 = cell
                    .0
                    .checked_add(w.checked_mul(crate::Ratio::new(base, 1)?)?)?;
                cell.1 = cell
                    .1
                    .checked_add(w.checked_mul(crate::Ratio::new(cur, 1)?)?)?;
            }
        }
    }
    // Up the tree of day `t`, deepest first, each organization's sums
    // into its parent of that day.
    let parent: Vec<Option<OrgIndex>> = (0..n)
        .map(|i| timeline.parent_on(tree, OrgIndex(i as u32), t))
        .collect();
    let mut depth = vec![0usize; n];
    for (i, d) in depth.iter_mut().enumerate() {
        let mut up = parent.get(i).copied().flatten();
        while let Some(p) = up {
            *d += 1;
            if *d > n {
                return Err(ErrorKind::Internal {
                    what: "a parent chain without end",
                }
                .into());
            }
            up = parent.get(p.0 as usize).copied().flatten();
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth.get(i).copied().unwrap_or(0)));
    let mut total = at;
    for i in order {
        let (Some(Some(p)), Some(&(b, cu))) = (parent.get(i), total.get(i)) else {
            continue;
        };
        if let Some(cell) = total.get_mut(p.0 as usize) {
            cell.0 = cell.0.checked_add(b)?;
            cell.1 = cell.1.checked_add(cu)?;
        }
    }
    let mut rows: Vec<(String, RebasedRow)> = tree
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            o.existed_on(t)
                && matches!(
                    o.level(),
                    OrgLevel::Central
                        | OrgLevel::Provincial
                        | OrgLevel::District
                        | OrgLevel::Grassroots
                )
        })
        .filter_map(|(i, o)| {
            let (baseline, current) = total.get(i).copied()?;
            Some((
                o.id().to_string(),
                RebasedRow {
                    term_start: y - 4,
                    baseline,
                    current,
                    status: RebasedRow::status(baseline, current),
                },
            ))
        })
        .collect();
    rows.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    Ok(rows)
}

fn year_of(d: chrono::NaiveDate) -> i32 {
    chrono::Datelike::year(&d)
}

impl RollupReport {
    /// Computes the report from validated columns.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if the years span more than 65,535.
    pub fn compute(c: &Columns) -> Result<Self, Error> {
        Self::from_engine(&c.engine())
    }

    /// Computes the report from the counting engine (over loaded columns,
    /// or over the typed model: [`Records::engine`](crate::Records::engine)).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if the years span more than 65,535.
    pub fn from_engine(c: &Engine<'_>) -> Result<Self, Error> {
        let years = c.started.iter().map(|&d| year_of(d)).fold(
            None,
            |acc: Option<(i32, i32)>, y| match acc {
                None => Some((y, y)),
                Some((a, b)) => Some((a.min(y), b.max(y))),
            },
        );
        let periods = match years {
            None => Vec::new(),
            Some((y0, y1)) => {
                if y1 - y0 >= 65_535 {
                    return Err(ErrorKind::Overflow {
                        what: "the span of years",
                    }
                    .into());
                }
                (y0..=y1).map(Period::year).collect::<Result<_, _>>()?
            }
        };
        let figures = PeriodRollup::from_engine(c, &periods)?;
        let rebased = match years {
            Some(y) => rebased_rows(c, y)?,
            None => Vec::new(),
        };
        Ok(RollupReport {
            years,
            figures,
            rebased,
        })
    }

    /// The first and last year of `rollup.csv`.
    #[must_use]
    pub fn years(&self) -> Option<(i32, i32)> {
        self.years
    }

    /// The row of the organization at `pos` for `year`.
    #[must_use]
    pub fn row(&self, pos: OrgIndex, year: i32) -> Option<RollupRow> {
        let (y0, y1) = self.years?;
        if !(y0..=y1).contains(&year) {
            return None;
        }
        self.figures.row(pos, usize::try_from(year - y0).ok()?)
    }

    /// The term row of the organization at `pos` (levels central,
    /// provincial and district only).
    #[must_use]
    pub fn term(&self, pos: OrgIndex) -> Option<TermRow> {
        let (_, y1) = self.years?;
        if !matches!(
            self.figures.levels.get(pos.0 as usize),
            Some(OrgLevel::Central | OrgLevel::Provincial | OrgLevel::District)
        ) {
            return None;
        }
        let sum = |a: i32, b: i32| {
            let mut t = RollupRow::default();
            for y in a..=b {
                if let Some(r) = self.row(pos, y) {
                    t.add_row(&r);
                }
            }
            t
        };
        let base = sum(y1 - 9, y1 - 5);
        let cur = sum(y1 - 4, y1);
        let baseline = base.inspections + base.supervisions;
        let current = cur.inspections + cur.supervisions;
        let status = if baseline == 0 {
            TermStatus::NoBaseline
        } else if 100 * u128::from(current) < 110 * u128::from(baseline) {
            TermStatus::Below
        } else if 100 * u128::from(current) > 120 * u128::from(baseline) {
            TermStatus::Above
        } else {
            TermStatus::Within
        };
        Some(TermRow {
            baseline,
            current,
            status,
            violations: cur.violations,
            handled: cur.handled,
        })
    }

    /// Writes `rollup.csv` and `term.csv` into `dir` (created if needed).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Write`] if a file cannot be written; then neither file
    /// is replaced (both are written under temporary names, then renamed).
    pub fn write(&self, dir: &Path) -> Result<(), Error> {
        super::write::write_files(dir, &["rollup.csv", "term.csv"], |i, out| {
            let mut out = out;
            if i == 0 {
                self.write_rollup(&mut out)
            } else {
                self.write_term(&mut out)
            }
        })
    }

    /// Writes `rollup.csv`, `term.csv` and `rebased.csv` into `dir`
    /// (created if needed), atomically as [`Self::write`] does.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Write`] if a file cannot be written.
    pub fn write_all(&self, dir: &Path) -> Result<(), Error> {
        super::write::write_files(dir, &["rollup.csv", "term.csv", "rebased.csv"], |i, out| {
            let mut out = out;
            match i {
                0 => self.write_rollup(&mut out),
                1 => self.write_term(&mut out),
                _ => self.write_rebased(&mut out),
            }
        })
    }

    /// The rows of `rebased.csv`, by `org_id`.
    #[must_use]
    pub fn rebased(&self) -> &[(String, RebasedRow)] {
        &self.rebased
    }

    /// Writes `rebased.csv` to `out`: `org_id,term_start,baseline,current,status`,
    /// the fractions with two decimals rounded half away from zero and a
    /// point (`733.33`).
    ///
    /// # Errors
    ///
    /// Any I/O error of `out`.
    pub fn write_rebased(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(b"org_id,term_start,baseline,current,status\n")?;
        let two = |r: crate::Ratio| {
            r.value_with::<2>(crate::Rounding::HalfAwayFromZero)
                .display(crate::Lang::En)
                .to_string()
                .replace(',', "")
        };
        for (id, r) in &self.rebased {
            writeln!(
                out,
                "{},{},{},{},{}",
                quote(id),
                r.term_start,
                two(r.baseline),
                two(r.current),
                r.status.code()
            )?;
        }
        Ok(())
    }

    /// Writes `rollup.csv` to `out`.
    ///
    /// # Errors
    ///
    /// Any I/O error of `out`.
    pub fn write_rollup(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(b"org_id,year,inspections,supervisions,org_visits,orgs_distinct,member_visits,members_distinct,violations,handled,member_discipline_decisions,org_discipline_decisions,members_official,members_probationary\n")?;
        let Some((y0, y1)) = self.years else {
            return Ok(());
        };
        let labels: Vec<String> = (y0..=y1).map(|y| y.to_string()).collect();
        let (mut line, mut num) = (Vec::with_capacity(256), itoa::Buffer::new());
        for (id, pos) in &self.figures.order {
            let id = quote(id);
            for (k, label) in labels.iter().enumerate() {
                if let Some(r) = self.figures.row(OrgIndex(*pos), k) {
                    write_row(out, (&mut line, &mut num), &id, label, &r)?;
                }
            }
        }
        Ok(())
    }

    /// Writes `term.csv` to `out`.
    ///
    /// # Errors
    ///
    /// Any I/O error of `out`.
    pub fn write_term(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(b"org_id,term_start,baseline,current,status,resolution\n")?;
        let Some((_, y1)) = self.years else {
            return Ok(());
        };
        for (id, pos) in &self.figures.order {
            let Some(t) = self.term(OrgIndex(*pos)) else {
                continue;
            };
            // Empty exactly when there were no violations (docs/report.md).
            let resolution = crate::ratio::Ratio::new(t.handled, t.violations)
                .map(|r| {
                    r.percent_with::<2>(crate::ratio::Rounding::HalfAwayFromZero)
                        .to_string()
                })
                .unwrap_or_default();
            writeln!(
                out,
                "{},{},{},{},{},{resolution}",
                quote(id),
                y1 - 4,
                t.baseline,
                t.current,
                t.status.code()
            )?;
        }
        Ok(())
    }
}

/// The figures of `rollup.csv` for every organization and any list of
/// periods (years, halves, quarters, months, terms, or any runs of days,
/// overlapping or not), computed in one pass over the columns, at national
/// scale.
///
/// Each record counts in every period that contains its day (an
/// inspection's `started`, a decision's `date`); membership is taken on each
/// period's last day. The counting rules are those of
/// [the roll-up report](crate::spec::report), read per period instead of
/// per calendar year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodRollup {
    periods: Vec<Period>,
    /// Org ids in output order (UTF-8 byte order) with their tree position.
    order: Vec<(String, u32)>,
    /// Rows by tree position, then period (in the order given).
    rows: Vec<Compact>,
    /// Levels by tree position.
    levels: Vec<OrgLevel>,
}

impl PeriodRollup {
    /// Computes the figures of every organization for every period of
    /// `periods`, in one pass.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] for 65,535 periods or more.
    pub fn compute(c: &Columns, periods: &[Period]) -> Result<Self, Error> {
        Self::from_engine(&c.engine(), periods)
    }

    /// The same from the counting engine (over loaded columns, or over the
    /// typed model).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] for 65,535 periods or more.
    pub fn from_engine(c: &Engine<'_>, periods: &[Period]) -> Result<Self, Error> {
        let tree = c.tree();
        let levels: Vec<OrgLevel> = tree.iter().map(|o| o.level()).collect();
        let mut order: Vec<(String, u32)> = tree
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id().to_string(), i as u32))
            .collect();
        order.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let grid = c.count_all::<Compact>(periods, false)?;
        if grid.total.iter().any(|r| r.0.contains(&u32::MAX)) {
            return Err(ErrorKind::Overflow {
                what: "a roll-up count (4,294,967,294 at most)",
            }
            .into());
        }
        Ok(PeriodRollup {
            periods: periods.to_vec(),
            order,
            rows: grid.total,
            levels,
        })
    }

    /// The periods, in the order given.
    #[must_use]
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// The figures of the subtree of the organization at `pos` for the
    /// `period`-th period.
    #[must_use]
    pub fn row(&self, pos: OrgIndex, period: usize) -> Option<RollupRow> {
        if period >= self.periods.len() {
            return None;
        }
        self.rows
            .get(
                (pos.0 as usize)
                    .checked_mul(self.periods.len())?
                    .checked_add(period)?,
            )?
            .wide()
    }

    /// Writes the figures as CSV: `org_id,period,…` with the columns of
    /// `rollup.csv` after them, the period in its usual spelling (`2019-H1`),
    /// rows sorted by `org_id` (UTF-8 byte order), then in the order of the
    /// periods.
    ///
    /// # Errors
    ///
    /// Any I/O error of `out`.
    pub fn write_csv(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(b"org_id,period,inspections,supervisions,org_visits,orgs_distinct,member_visits,members_distinct,violations,handled,member_discipline_decisions,org_discipline_decisions,members_official,members_probationary\n")?;
        let labels: Vec<String> = self.periods.iter().map(ToString::to_string).collect();
        let (mut line, mut num) = (Vec::with_capacity(256), itoa::Buffer::new());
        for (id, pos) in &self.order {
            let id = quote(id);
            for (k, label) in labels.iter().enumerate() {
                if let Some(r) = self.row(OrgIndex(*pos), k) {
                    write_row(out, (&mut line, &mut num), &id, label, &r)?;
                }
            }
        }
        Ok(())
    }
}

/// Writes one row: the quoted id, the key (year or period), the figures;
/// `line` and `num` are scratch space reused across rows.
fn write_row(
    out: &mut impl std::io::Write,
    (line, num): (&mut Vec<u8>, &mut itoa::Buffer),
    id: &str,
    key: &str,
    r: &RollupRow,
) -> std::io::Result<()> {
    line.clear();
    line.extend_from_slice(id.as_bytes());
    line.push(b',');
    line.extend_from_slice(key.as_bytes());
    for v in [
        r.inspections,
        r.supervisions,
        r.org_visits,
        r.orgs_distinct,
        r.member_visits,
        r.members_distinct,
        r.violations,
        r.handled,
        r.member_discipline_decisions,
        r.org_discipline_decisions,
        r.members_official,
        r.members_probationary,
    ] {
        line.push(b',');
        line.extend_from_slice(num.format(v).as_bytes());
    }
    line.push(b'\n');
    out.write_all(line)
}
