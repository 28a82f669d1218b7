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
    /// Org ids in output order (UTF-8 byte order) with their tree position.
    order: Vec<(String, u32)>,
    /// Rows by tree position, then year.
    rows: Vec<RollupRow>,
    /// Levels by tree position.
    levels: Vec<OrgLevel>,
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
        let years = c.started.iter().map(|&d| year_of(d)).fold(
            None,
            |acc: Option<(i32, i32)>, y| match acc {
                None => Some((y, y)),
                Some((a, b)) => Some((a.min(y), b.max(y))),
            },
        );
        let Some((y0, y1)) = years else {
            return Ok(RollupReport {
                years: None,
                order,
                rows: Vec::new(),
                levels,
            });
        };
        let ny = usize::try_from(y1 - y0 + 1)
            .ok()
            .filter(|&n| n <= 65_535)
            .ok_or(ErrorKind::Overflow {
                what: "the span of years",
            })?;
        let yi = |d: chrono::NaiveDate| -> Option<usize> {
            let y = year_of(d);
            (y0..=y1).contains(&y).then(|| (y - y0) as usize)
        };
        let mut rows = vec![RollupRow::default(); n * ny];
        let at = |pos: u32, y: usize| pos as usize * ny + y;

        // Membership is counted on a second thread meanwhile.
        let (org_keys, member_keys, packing) = std::thread::scope(|scope| -> Result<_, Error> {
            let membership = scope.spawn(|| membership_diffs(c, n, ny, y0));
            // Oversight rows at their body, in their start year.
            for i in 0..c.started.len() {
                let Some(y) = yi(c.started[i]) else { continue };
                if let Some(r) = rows.get_mut(at(c.body_pos[i].0, y)) {
                    if c.kind[i].is_inspection() {
                        r.inspections += 1;
                    } else {
                        r.supervisions += 1;
                    }
                }
            }
            // Subject rows at their inspection's body; distinct keys collected.
            let subj_year: Vec<u16> = c
                .started
                .iter()
                .map(|&d| yi(d).map_or(u16::MAX, |y| y as u16))
                .collect();
            let bits = |v: usize| usize::BITS - v.leading_zeros();
            let packing = Packing {
                nbits: bits(n),
                sbits: bits(c.member_ids.len().max(n)),
                ybits: bits(ny),
            };
            let mut org_keys = Keys::new(packing);
            let mut member_keys = Keys::new(packing);
            for (r, &o) in c.subj_oversight.iter().enumerate() {
                let o = o as usize;
                let (Some(&y), Some(body)) = (subj_year.get(o), c.body_pos.get(o).map(|p| p.0))
                else {
                    continue;
                };
                if y == u16::MAX {
                    continue;
                }
                let flags = c.subj_flags[r];
                let Some(row) = rows.get_mut(at(body, y as usize)) else {
                    continue;
                };
                if flags & S_MEMBER != 0 {
                    row.member_visits += 1;
                    member_keys.push(packing.pack(y, c.subj_target[r], body));
                } else {
                    row.org_visits += 1;
                    org_keys.push(packing.pack(y, c.subj_target[r], body));
                }
                if flags & S_VIOLATION != 0 {
                    row.violations += 1;
                    if flags & S_HANDLED != 0 {
                        row.handled += 1;
                    }
                }
            }
            // Discipline decisions at their body, in their year.
            for i in 0..c.disc_date.len() {
                if c.disc_status[i] != DisciplineStatus::Decided {
                    continue;
                }
                let Some(y) = yi(c.disc_date[i]) else {
                    continue;
                };
                if let Some(row) = rows.get_mut(at(c.disc_body_pos[i].0, y)) {
                    if c.disc_member[i] {
                        row.member_discipline_decisions += 1;
                    } else {
                        row.org_discipline_decisions += 1;
                    }
                }
            }
            // A failed thread is a bug: resume its panic as it was.
            let (official_diff, probation_diff) = membership
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            let ny1 = ny + 1;
            for node in 0..n {
                let (mut off, mut prob) = (0i64, 0i64);
                for y in 0..ny {
                    off += official_diff[node * ny1 + y];
                    prob += probation_diff[node * ny1 + y];
                    if let Some(row) = rows.get_mut(at(node as u32, y)) {
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
            depth[i] = parent
                .get(i)
                .and_then(|&p| depth.get(p as usize))
                .map_or(0, |d| d + 1);
        }
        let (org_marks, mut member_marks) = std::thread::scope(|s| {
            let orgs = s.spawn(|| distinct_marks(org_keys, packing, &parent, &depth, n, ny));
            let members = distinct_marks(member_keys, packing, &parent, &depth, n, ny);
            (orgs.join(), members)
        });
        // A failed thread is a bug: resume its panic as it was.
        let mut org_marks = org_marks.unwrap_or_else(|e| std::panic::resume_unwind(e));
        for i in (1..n).rev() {
            let p = parent[i] as usize;
            if p >= n {
                continue;
            }
            let (head, tail) = rows.split_at_mut(i * ny);
            if let (Some(dst), Some(src)) = (head.get_mut(p * ny..p * ny + ny), tail.get(..ny)) {
                for (d, s) in dst.iter_mut().zip(src) {
                    d.add(s);
                }
            }
            for marks in [&mut org_marks, &mut member_marks] {
                let (head, tail) = marks.split_at_mut(i * ny);
                if let (Some(dst), Some(src)) = (head.get_mut(p * ny..p * ny + ny), tail.get(..ny))
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
        Ok(RollupReport {
            years,
            order,
            rows,
            levels,
        })
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
        let ny = (y1 - y0 + 1) as usize;
        self.rows.get(pos.0 as usize * ny + (year - y0) as usize)
    }

    /// The term row of the organization at `pos` (levels central,
    /// provincial and district only).
    #[must_use]
    pub fn term(&self, pos: OrgIndex) -> Option<TermRow> {
        let (_, y1) = self.years?;
        if !matches!(
            self.levels.get(pos.0 as usize),
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
        let mut line: Vec<u8> = Vec::with_capacity(256);
        let mut num = itoa::Buffer::new();
        for (id, pos) in &self.order {
            let quoted = quote(id);
            for y in y0..=y1 {
                let Some(r) = self.row(OrgIndex(*pos), y) else {
                    continue;
                };
                line.clear();
                line.extend_from_slice(quoted.as_bytes());
                line.push(b',');
                line.extend_from_slice(num.format(y).as_bytes());
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
                out.write_all(&line)?;
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
        for (id, pos) in &self.order {
            let Some(t) = self.term(OrgIndex(*pos)) else {
                continue;
            };
            let resolution = crate::ratio::Ratio::new(t.handled, t.violations)
                .ok()
                .and_then(|r| r.percent(2, crate::ratio::Rounding::HalfAwayFromZero).ok())
                .map(|p| p.to_string())
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

/// Membership on 31 December of each year, at the member's organization, as
/// difference arrays by node (`ny + 1` slots each): a member is a member on
/// the year ends from the year of admission to the year before leaving
/// (admitted <= 31 December of Y and left > 31 December of Y), official from
/// the year of recognition. One step per member.
fn membership_diffs(c: &Columns, n: usize, ny: usize, y0: i32) -> (Vec<i64>, Vec<i64>) {
    let ny1 = ny + 1;
    let mut official_diff = vec![0i64; n * ny1];
    let mut probation_diff = vec![0i64; n * ny1];
    let clamp = |y: i64| y.clamp(0, ny as i64) as usize;
    for m in 0..c.admitted.len() {
        let org = c.member_org[m].0 as usize;
        if org >= n {
            continue;
        }
        let first = i64::from(year_of(c.admitted[m]) - y0);
        // The last year end on which the member had not left.
        let last = c.left[m].map_or(ny as i64 - 1, |l| i64::from(year_of(l) - y0) - 1);
        if last < first {
            continue;
        }
        let from_official = c.official[m].map_or(i64::MAX, |o| i64::from(year_of(o) - y0));
        let (a, b) = (clamp(first), clamp(last + 1));
        let o = clamp(from_official.max(first).min(last + 1));
        // probationary on [a, o), official on [o, b)
        let base = org * ny1;
        if a < o {
            probation_diff[base + a] += 1;
            probation_diff[base + o] -= 1;
        }
        if o < b {
            official_diff[base + o] += 1;
            official_diff[base + b] -= 1;
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
