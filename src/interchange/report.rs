//! [The roll-up report](crate::spec::report) over validated columns.
//!
//! One pass over each column: every record is counted once at its node (the
//! body's organization, or the member's), per calendar year; sums over
//! subtrees then come from adding each node into its parent in reverse
//! depth-first order. Distinct subjects per subtree and year are counted
//! without a set per node: the (year, subject, node) keys are sorted once,
//! and for each subject and year the nodes where it was seen, in
//! depth-first order, add +1 each and −1 at the lowest common ancestor of
//! each consecutive pair, so that a subtree's sum of marks is the number of
//! distinct subjects seen in it. The cost is O(records log records +
//! organizations × years).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::csvio::quote;
use super::load::{Columns, S_HANDLED, S_MEMBER, S_VIOLATION};
use crate::discipline::DisciplineStatus;
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

impl RollupRow {
    fn add(&mut self, o: &RollupRow) {
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
        let figures = PeriodRollup::compute(c, &periods)?;
        Ok(RollupReport { years, figures })
    }

    /// The first and last year of `rollup.csv`.
    #[must_use]
    pub fn years(&self) -> Option<(i32, i32)> {
        self.years
    }

    /// The row of the organization at `pos` for `year`.
    #[must_use]
    pub fn row(&self, pos: OrgIndex, year: i32) -> Option<&RollupRow> {
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
                    t.add(r);
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
                    write_row(out, (&mut line, &mut num), &id, label, r)?;
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
    rows: Vec<RollupRow>,
    /// Levels by tree position.
    levels: Vec<OrgLevel>,
}

/// The periods of a roll-up arranged for lookup: layers of periods that do
/// not overlap, each sorted by first day, so a day finds its period in each
/// layer by binary search; and the last days in order, for membership.
struct Buckets {
    layers: Vec<Vec<(Period, u16)>>,
    /// Period indices sorted by last day, and those last days.
    by_end: Vec<u16>,
    ends: Vec<chrono::NaiveDate>,
}

impl Buckets {
    fn new(periods: &[Period]) -> Result<Self, Error> {
        if periods.len() >= usize::from(u16::MAX) {
            return Err(Error::out_of_range(
                "periods",
                periods.len() as i128,
                0,
                i128::from(u16::MAX) - 1,
            ));
        }
        let mut sorted: Vec<(Period, u16)> = periods
            .iter()
            .enumerate()
            .map(|(i, &p)| (p, i as u16))
            .collect();
        sorted.sort_by_key(|(p, i)| (p.first(), p.last(), *i));
        let mut layers: Vec<Vec<(Period, u16)>> = Vec::new();
        for (p, i) in sorted {
            // The first layer whose last period ends before this one starts.
            match layers
                .iter_mut()
                .find(|l| l.last().is_none_or(|(q, _)| q.last() < p.first()))
            {
                Some(layer) => layer.push((p, i)),
                None => layers.push(vec![(p, i)]),
            }
        }
        let mut by_end: Vec<u16> = (0..periods.len() as u16).collect();
        by_end.sort_by_key(|&i| (periods.get(usize::from(i)).map(|p| p.last()), i));
        let ends = by_end
            .iter()
            .filter_map(|&i| periods.get(usize::from(i)).map(|p| p.last()))
            .collect();
        Ok(Buckets {
            layers,
            by_end,
            ends,
        })
    }

    /// The period of layer `layer` that contains `d`, if any.
    fn find(&self, layer: usize, d: chrono::NaiveDate) -> Option<u16> {
        let l = self.layers.get(layer)?;
        let at = l.partition_point(|(p, _)| p.first() <= d).checked_sub(1)?;
        l.get(at).filter(|(p, _)| p.contains(d)).map(|&(_, i)| i)
    }
}

impl PeriodRollup {
    /// Computes the figures of every organization for every period of
    /// `periods`, in one pass.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OutOfRange`] for 65,535 periods or more.
    pub fn compute(c: &Columns, periods: &[Period]) -> Result<Self, Error> {
        let negative = || {
            Error::from(ErrorKind::Internal {
                what: "a negative count in the roll-up",
            })
        };
        let tree = &c.tree;
        let n = tree.len();
        let levels: Vec<OrgLevel> = tree.iter().map(|o| o.level()).collect();
        let parent: Vec<u32> = (0..n)
            .map(|i| {
                tree.parent_index(OrgIndex(i as u32))
                    .map_or(u32::MAX, |p| p.0)
            })
            .collect();
        let mut order: Vec<(String, u32)> = tree
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id().to_string(), i as u32))
            .collect();
        order.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let buckets = Buckets::new(periods)?;
        let np = periods.len();
        if np == 0 {
            return Ok(PeriodRollup {
                periods: Vec::new(),
                order,
                rows: Vec::new(),
                levels,
            });
        }
        let mut rows = vec![RollupRow::default(); n * np];
        let at = |pos: u32, b: u16| pos as usize * np + usize::from(b);
        let nl = buckets.layers.len();

        // Membership is counted on a second thread meanwhile.
        let (org_keys, member_keys, packing) = std::thread::scope(|scope| -> Result<_, Error> {
            let membership = scope.spawn(|| membership_diffs(c, n, &buckets));
            // The period of each oversight row in each layer.
            let oversight_bucket: Vec<Vec<u16>> = (0..nl)
                .map(|l| {
                    c.started
                        .iter()
                        .map(|&d| buckets.find(l, d).unwrap_or(u16::MAX))
                        .collect()
                })
                .collect();
            // Oversight rows at their body, in their periods.
            for layer in &oversight_bucket {
                for (i, &b) in layer.iter().enumerate() {
                    if b == u16::MAX {
                        continue;
                    }
                    let (Some(kind), Some(body)) = (c.kind.get(i), c.body_pos.get(i)) else {
                        continue;
                    };
                    if let Some(r) = rows.get_mut(at(body.0, b)) {
                        if kind.is_inspection() {
                            r.inspections += 1;
                        } else {
                            r.supervisions += 1;
                        }
                    }
                }
            }
            // Subject rows at their inspection's body; distinct keys collected.
            let bits = |v: usize| usize::BITS - v.leading_zeros();
            let packing = Packing {
                nbits: bits(n),
                sbits: bits(c.member_ids.len().max(n)),
                ybits: bits(np),
            };
            let mut org_keys = Keys::new(packing);
            let mut member_keys = Keys::new(packing);
            for layer in &oversight_bucket {
                for (r, &o) in c.subj_oversight.iter().enumerate() {
                    let o = o as usize;
                    let (Some(&b), Some(body)) = (layer.get(o), c.body_pos.get(o).map(|p| p.0))
                    else {
                        continue;
                    };
                    if b == u16::MAX {
                        continue;
                    }
                    let (Some(&flags), Some(&target)) = (c.subj_flags.get(r), c.subj_target.get(r))
                    else {
                        continue;
                    };
                    let Some(row) = rows.get_mut(at(body, b)) else {
                        continue;
                    };
                    if flags & S_MEMBER != 0 {
                        row.member_visits += 1;
                        member_keys.push(packing.pack(b, target, body));
                    } else {
                        row.org_visits += 1;
                        org_keys.push(packing.pack(b, target, body));
                    }
                    if flags & S_VIOLATION != 0 {
                        row.violations += 1;
                        if flags & S_HANDLED != 0 {
                            row.handled += 1;
                        }
                    }
                }
            }
            // Discipline decisions at their body, in their periods.
            for i in 0..c.disc_date.len() {
                let (Some(&status), Some(&date), Some(body), Some(&member)) = (
                    c.disc_status.get(i),
                    c.disc_date.get(i),
                    c.disc_body_pos.get(i),
                    c.disc_member.get(i),
                ) else {
                    continue;
                };
                if status != DisciplineStatus::Decided {
                    continue;
                }
                for l in 0..nl {
                    let Some(b) = buckets.find(l, date) else {
                        continue;
                    };
                    if let Some(row) = rows.get_mut(at(body.0, b)) {
                        if member {
                            row.member_discipline_decisions += 1;
                        } else {
                            row.org_discipline_decisions += 1;
                        }
                    }
                }
            }
            // A failed thread is a bug: resume its panic as it was.
            let (official_diff, probation_diff) = membership
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            let np1 = np + 1;
            for node in 0..n {
                let (mut off, mut prob) = (0i64, 0i64);
                for (k, &b) in buckets.by_end.iter().enumerate() {
                    off += official_diff.get(node * np1 + k).copied().unwrap_or(0);
                    prob += probation_diff.get(node * np1 + k).copied().unwrap_or(0);
                    if let Some(row) = rows.get_mut(at(node as u32, b)) {
                        // Sums of +1/−1 marks that open and close memberships:
                        // never negative on a valid dataset.
                        row.members_official = u64::try_from(off).map_err(|_| negative())?;
                        row.members_probationary = u64::try_from(prob).map_err(|_| negative())?;
                    }
                }
            }
            drop((official_diff, probation_diff));
            Ok((org_keys, member_keys, packing))
        })?;
        // Distinct marks, then everything summed up the tree (parents come
        // before their children in depth-first order).
        let mut depth = vec![0u32; n];
        for i in 1..n {
            let d = parent
                .get(i)
                .and_then(|&p| depth.get(p as usize))
                .map_or(0, |d| d + 1);
            if let Some(slot) = depth.get_mut(i) {
                *slot = d;
            }
        }
        let (org_marks, mut member_marks) = std::thread::scope(|s| {
            let orgs = s.spawn(|| distinct_marks(org_keys, packing, &parent, &depth, n, np));
            let members = distinct_marks(member_keys, packing, &parent, &depth, n, np);
            (orgs.join(), members)
        });
        // A failed thread is a bug: resume its panic as it was.
        let mut org_marks = org_marks.unwrap_or_else(|e| std::panic::resume_unwind(e));
        for i in (1..n).rev() {
            let Some(p) = parent.get(i).map(|&p| p as usize).filter(|&p| p < n) else {
                continue;
            };
            let (head, tail) = rows.split_at_mut(i * np);
            if let (Some(dst), Some(src)) = (head.get_mut(p * np..p * np + np), tail.get(..np)) {
                for (d, s) in dst.iter_mut().zip(src) {
                    d.add(s);
                }
            }
            for marks in [&mut org_marks, &mut member_marks] {
                let (head, tail) = marks.split_at_mut(i * np);
                if let (Some(dst), Some(src)) = (head.get_mut(p * np..p * np + np), tail.get(..np))
                {
                    for (d, s) in dst.iter_mut().zip(src) {
                        *d += s;
                    }
                }
            }
        }
        for ((row, o), m) in rows.iter_mut().zip(&org_marks).zip(&member_marks) {
            // A subtree's sum of marks counts distinct subjects: never negative.
            row.orgs_distinct = u64::try_from(*o).map_err(|_| negative())?;
            row.members_distinct = u64::try_from(*m).map_err(|_| negative())?;
        }
        Ok(PeriodRollup {
            periods: periods.to_vec(),
            order,
            rows,
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
    pub fn row(&self, pos: OrgIndex, period: usize) -> Option<&RollupRow> {
        if period >= self.periods.len() {
            return None;
        }
        self.rows.get(
            (pos.0 as usize)
                .checked_mul(self.periods.len())?
                .checked_add(period)?,
        )
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
                    write_row(out, (&mut line, &mut num), &id, label, r)?;
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

/// How (year, subject, node) keys are packed into one integer, year
/// first: sorted keys are grouped by year and subject, nodes in
/// depth-first order within a group.
#[derive(Debug, Clone, Copy)]
struct Packing {
    nbits: u32,
    sbits: u32,
    ybits: u32,
}

impl Packing {
    fn pack(self, y: u16, subject: u32, node: u32) -> u128 {
        // `y` is the period's index.
        (u128::from(y) << (self.sbits + self.nbits))
            | (u128::from(subject) << self.nbits)
            | u128::from(node)
    }

    fn node(self, k: u128) -> u32 {
        (k & ((1u128 << self.nbits) - 1)) as u32
    }

    fn group(self, k: u128) -> u128 {
        k >> self.nbits
    }

    fn year(self, k: u128) -> usize {
        (k >> (self.sbits + self.nbits)) as usize
    }

    fn fits_u64(self) -> bool {
        self.nbits + self.sbits + self.ybits <= 64
    }
}

/// Membership on the last day of each period, at the member's
/// organization, as difference arrays by node over the periods sorted by
/// last day (`np + 1` slots each): a member is a member on the last days
/// from admission (admitted ≤ the day) to before leaving (left > the day),
/// official from recognition; each is a contiguous run of the sorted days.
/// One binary search per date and member.
fn membership_diffs(c: &Columns, n: usize, buckets: &Buckets) -> (Vec<i64>, Vec<i64>) {
    let np1 = buckets.ends.len() + 1;
    let mut official_diff = vec![0i64; n * np1];
    let mut probation_diff = vec![0i64; n * np1];
    let ends = &buckets.ends;
    // The first sorted last day on or after `d`.
    let from = |d: chrono::NaiveDate| ends.partition_point(|&e| e < d);
    for m in 0..c.admitted.len() {
        let (Some(org), Some(&admitted)) = (c.member_org.get(m), c.admitted.get(m)) else {
            continue;
        };
        let org = org.0 as usize;
        if org >= n {
            continue;
        }
        let a = from(admitted);
        // Not a member from the leaving day on.
        let b = c.left.get(m).copied().flatten().map_or(ends.len(), from);
        if b <= a {
            continue;
        }
        let o = c
            .official
            .get(m)
            .copied()
            .flatten()
            .map_or(b, from)
            .clamp(a, b);
        // probationary on [a, o), official on [o, b)
        let base = org * np1;
        if a < o {
            if let Some(x) = probation_diff.get_mut(base + a) {
                *x += 1;
            }
            if let Some(x) = probation_diff.get_mut(base + o) {
                *x -= 1;
            }
        }
        if o < b {
            if let Some(x) = official_diff.get_mut(base + o) {
                *x += 1;
            }
            if let Some(x) = official_diff.get_mut(base + b) {
                *x -= 1;
            }
        }
    }
    (official_diff, probation_diff)
}

/// The distinct-count marks of `keys` (packed year, subject, node), by node
/// and year: sorted and deduplicated, then for each (year, subject) +1 at
/// each node and −1 at the lowest common ancestor of consecutive nodes
/// (nodes are depth-first positions, so sorted order is depth-first order).
/// A subtree's sum of marks is then the number of distinct subjects in it.
fn distinct_marks(
    keys: Keys,
    p: Packing,
    parent: &[u32],
    depth: &[u32],
    n: usize,
    ny: usize,
) -> Vec<i64> {
    match keys {
        Keys::Small(k) => marks_of(k, p, parent, depth, n, ny),
        Keys::Large(k) => marks_of(k, p, parent, depth, n, ny),
    }
}

/// Keys packed in 64 bits when they fit (most datasets; they sort twice as
/// fast), else in 128.
enum Keys {
    Small(Vec<u64>),
    Large(Vec<u128>),
}

impl Keys {
    fn new(p: Packing) -> Keys {
        if p.fits_u64() {
            Keys::Small(Vec::new())
        } else {
            Keys::Large(Vec::new())
        }
    }

    fn push(&mut self, k: u128) {
        match self {
            Keys::Small(v) => v.push(k as u64),
            Keys::Large(v) => v.push(k),
        }
    }
}

fn marks_of<K: Copy + Ord + Into<u128>>(
    mut keys: Vec<K>,
    p: Packing,
    parent: &[u32],
    depth: &[u32],
    n: usize,
    ny: usize,
) -> Vec<i64> {
    keys.sort_unstable();
    keys.dedup();
    let up = |x: u32| {
        parent
            .get(x as usize)
            .copied()
            .filter(|&q| (q as usize) < n)
            .unwrap_or(x)
    };
    let d = |x: u32| depth.get(x as usize).copied().unwrap_or(0);
    // The lowest common ancestor, or `None` for two trees of a forest.
    let lca = |mut a: u32, mut b: u32| {
        while d(a) > d(b) {
            a = up(a);
        }
        while d(b) > d(a) {
            b = up(b);
        }
        while a != b && (up(a) != a || up(b) != b) {
            a = up(a);
            b = up(b);
        }
        (a == b).then_some(a)
    };
    let mut marks = vec![0i64; n * ny];
    let mut prev: Option<u128> = None;
    for k in keys {
        let k: u128 = k.into();
        let (y, node) = (p.year(k), p.node(k));
        if let Some(m) = marks.get_mut(node as usize * ny + y) {
            *m += 1;
        }
        if let Some(pk) = prev
            && p.group(pk) == p.group(k)
            && let Some(l) = lca(p.node(pk), node)
            && let Some(m) = marks.get_mut(l as usize * ny + y)
        {
            *m -= 1;
        }
        prev = Some(k);
    }
    marks
}
