//! The files of format version 2: org_moves.csv, org_lineage.csv and
//! member_moves.csv. Each is optional; their rules are the timeline's
//! ([`crate::timeline`]), located here on the file, line and column of the
//! row they were found on.

use super::*;
use crate::timeline::{Found, LinkAt, MemberFacts, MemberMoveAt, OrgMoveAt, Source, Timeline};
use std::collections::BTreeSet;

const ORG_MOVES: &str = schema::ORG_MOVES.name;
const ORG_LINEAGE: &str = schema::ORG_LINEAGE.name;
const MEMBER_MOVES: &str = schema::MEMBER_MOVES.name;

/// The rows of org_moves.csv and member_moves.csv refused: the tree and
/// the members' organizations of each day are those of the moves accepted,
/// and a rule that reads a day a refused move would have changed is not
/// checked against it (this is said, with the move's line).
#[derive(Debug, Default)]
pub(super) struct Refused {
    /// By organization: the day its refused move would have taken effect
    /// (the earliest day when the date cannot be read), the new parent if
    /// known, and the line.
    orgs: BTreeMap<OrgIndex, Vec<(NaiveDate, Option<OrgIndex>, u64)>>,
    /// By member position: the first refused move's day and line.
    members: std::collections::HashMap<u32, (NaiveDate, u64)>,
}

/// The structure of a day as the rules of the other files read it, with
/// the refused moves they must not be checked against.
#[derive(Debug, Clone, Copy)]
pub(super) struct Day<'t> {
    pub(super) on: OnDay<'t>,
    refused: &'t Refused,
}

impl Day<'_> {
    /// A refused move of an organization above `org` (itself included) on
    /// `day`, taking effect by then.
    pub(super) fn blame_org(&self, org: OrgIndex, day: NaiveDate) -> Option<Blame> {
        if self.refused.orgs.is_empty() {
            return None;
        }
        self.on
            .timeline
            .chain_on(self.on.tree, org, day)
            .find_map(|a| {
                self.refused
                    .orgs
                    .get(&a)?
                    .iter()
                    .find(|r| r.0 <= day)
                    .map(|r| (ORG_MOVES, r.2))
            })
    }

    /// A refused move that could change whether the grassroots
    /// organization `org` has units on `day` (where a commission sits,
    /// and what its bodies may decide): none when it has a unit that day
    /// that no refused move touches.
    pub(super) fn blame_units(&self, org: OrgIndex, day: NaiveDate) -> Option<Blame> {
        if self.refused.orgs.is_empty()
            || self.on.tree.org(org).map(|o| o.level()) != Some(OrgLevel::Grassroots)
        {
            return None;
        }
        let refused_by = |a: OrgIndex| {
            self.refused
                .orgs
                .get(&a)
                .and_then(|list| list.iter().find(|r| r.0 <= day))
        };
        let t = self.on.timeline;
        let units: Vec<OrgIndex> = t
            .children_ever(self.on.tree, org)
            .into_iter()
            .filter(|&c| t.parent_on(self.on.tree, c, day) == Some(org))
            .collect();
        if units.iter().any(|&c| refused_by(c).is_none()) {
            return None;
        }
        units
            .iter()
            .find_map(|&c| refused_by(c))
            .or_else(|| {
                self.refused
                    .orgs
                    .values()
                    .flatten()
                    .find(|r| r.0 <= day && r.1 == Some(org))
            })
            .map(|r| (ORG_MOVES, r.2))
    }

    /// A refused move of the member at `m` by `day`.
    pub(super) fn blame_member(&self, m: u32, day: NaiveDate) -> Option<Blame> {
        self.refused
            .members
            .get(&m)
            .filter(|r| r.0 <= day)
            .map(|r| (MEMBER_MOVES, r.1))
    }
}

/// The organizations over time as read, with what the other files need to
/// know about it.
#[derive(Debug, Default)]
pub(super) struct OrgHistory {
    pub(super) timeline: Timeline,
    refused: Refused,
    /// A row of org_moves.csv that leaves the tree of some day unknown
    /// (the moves accepted still form a cycle once others were refused),
    /// if any: the rules that read the tree of a day are then not checked
    /// at all, and this is said.
    pub(super) broken: Option<Blame>,
    /// Whether the dataset has any file of version 2.
    pub(super) version_2: bool,
}

impl OrgHistory {
    /// The structure of a day for the rules, or the row to blame when it
    /// cannot be trusted.
    pub(super) fn on_day<'t>(&'t self, tree: &'t OrgTree) -> Result<Day<'t>, Blame> {
        match self.broken {
            Some(blame) => Err(blame),
            None => Ok(Day {
                on: OnDay {
                    tree,
                    timeline: &self.timeline,
                },
                refused: &self.refused,
            }),
        }
    }
}

pub(super) use crate::timeline::OnDay;

/// Opens an optional file of version 2: `None` when it is not there.
fn open_optional(dir: &Path, file: schema::FileSchema, problems: &mut Sink) -> Option<FileText> {
    if !dir.join(file.name).exists() {
        return None;
    }
    csvio::open(dir, file.name, file.columns, file.optional, problems)
}

fn whole(text: &FileText) -> Chunk {
    Chunk {
        start: text.body_start,
        end: text.bytes.len(),
        first_line: text.body_line,
    }
}

/// Reads org_moves.csv and org_lineage.csv and checks them against the tree
/// (each dissolved organization's successor_id counts as a lineage row of
/// weight 1).
pub(super) fn load_org_history(
    dir: &Path,
    orgs: &Orgs,
    tree: Option<&OrgTree>,
    problems: &mut Sink,
) -> OrgHistory {
    let mut out = OrgHistory::default();
    let mut moves: Vec<OrgMoveAt> = Vec::new();
    let mut move_lines: Vec<u64> = Vec::new();
    let mut refused = Refused::default();
    if let Some(text) = open_optional(dir, schema::ORG_MOVES, problems) {
        out.version_2 = true;
        let columns = text.columns(schema::ORG_MOVES.columns);
        csvio::for_each_record(
            &text,
            whole(&text),
            &columns,
            problems,
            |line, rec, problems| {
                let f = |i: usize| rec.get(i).unwrap_or_default();
                let mut ok = true;
                let mut bad = |col: &str, rule: Rule, msg: String| {
                    ok = false;
                    problems.push(Problem::new(ORG_MOVES, line, col, rule, msg));
                };
                let org = refer_org(orgs, f(0), "org_id", &mut bad);
                let date = csvio::date(f(1))
                    .map_err(|m| bad("date", Rule::InvalidDate, m))
                    .ok();
                let parent = if f(2).is_empty() {
                    bad(
                        "parent_id",
                        Rule::OrgMove,
                        "a move names the new parent: an organization cannot move back to being a root"
                            .into(),
                    );
                    None
                } else {
                    refer_org(orgs, f(2), "parent_id", &mut bad)
                };
                match (org, date, parent) {
                    (Some(org), Some(date), Some(parent)) if ok => {
                        moves.push(OrgMoveAt { org, date, parent });
                        move_lines.push(line);
                    }
                    (Some(org), date, parent) => {
                        // Not taken; the days it would change are not known.
                        refused.orgs.entry(org).or_default().push((
                            date.unwrap_or(NaiveDate::MIN),
                            parent,
                            line,
                        ));
                    }
                    // An organization not known: nothing it would move.
                    (None, ..) => {}
                }
            },
        );
    }
    let mut links: Vec<LinkAt> = Vec::new();
    let mut link_lines: Vec<u64> = Vec::new();
    if let Some(text) = open_optional(dir, schema::ORG_LINEAGE, problems) {
        out.version_2 = true;
        let columns = text.columns(schema::ORG_LINEAGE.columns);
        csvio::for_each_record(
            &text,
            whole(&text),
            &columns,
            problems,
            |line, rec, problems| {
                let f = |i: usize| rec.get(i).unwrap_or_default();
                let mut bad = |col: &str, rule: Rule, msg: String| {
                    problems.push(Problem::new(ORG_LINEAGE, line, col, rule, msg));
                };
                let predecessor = refer_org(orgs, f(0), "predecessor_id", &mut bad);
                let successor = refer_org(orgs, f(1), "successor_id", &mut bad);
                let weight = match std::str::from_utf8(f(2))
                    .ok()
                    .and_then(|s| s.parse::<u32>().ok())
                {
                    Some(w) if w >= 1 => Some(w),
                    _ => {
                        bad(
                            "weight",
                            Rule::InvalidWeight,
                            format!(
                                "{} is not a whole number from 1 to {}",
                                quoted(&csvio::text(f(2))),
                                u32::MAX
                            ),
                        );
                        None
                    }
                };
                if let (Some(predecessor), Some(successor), Some(weight)) =
                    (predecessor, successor, weight)
                {
                    links.push(LinkAt {
                        predecessor,
                        successor,
                        weight,
                    });
                    link_lines.push(line);
                }
            },
        );
    }
    let Some(tree) = tree else {
        // Without the tree nothing can be checked: organizations.csv's own
        // problems say why.
        return out;
    };
    let mut found = Vec::new();
    match Timeline::organizations(tree, &moves, &links, &mut found) {
        Ok(t) => out.timeline = t,
        Err(e) => {
            problems.push(Problem::new(
                ORG_MOVES,
                1,
                "*",
                Rule::TooManyRecords,
                e.to_string(),
            ));
            out.broken = Some((ORG_MOVES, 1));
            return out;
        }
    }
    let org_lines = org_lines(orgs, tree);
    let mut refused_rows: BTreeSet<usize> = BTreeSet::new();
    for f in &found {
        let (file, line) = locate(f, &org_lines, &move_lines, &link_lines, &[]);
        if let Source::OrgMove(k) = f.source
            && !matches!(f.problem, crate::HistoryProblem::ParentGone { .. })
        {
            refused_rows.insert(k);
        }
        push(problems, file, line, f);
    }
    for k in refused_rows {
        if let (Some(m), Some(&line)) = (moves.get(k), move_lines.get(k)) {
            refused
                .orgs
                .entry(m.org)
                .or_default()
                .push((m.date, Some(m.parent), line));
        }
    }
    if out.timeline.has_cycle(tree) {
        // Refusing moves left the later ones in a cycle: no day's tree is
        // trusted. (Blamed on the first refused move.)
        out.broken = refused
            .orgs
            .values()
            .flatten()
            .map(|r| r.2)
            .min()
            .map(|l| (ORG_MOVES, l));
    }
    out.refused = refused;
    out
}

fn push(problems: &mut Sink, file: &'static str, line: u64, f: &Found) {
    problems.push(Problem::new(
        file,
        line,
        f.column,
        f.problem.rule(),
        f.problem.to_string(),
    ));
}

/// Each tree position's line in organizations.csv.
fn org_lines(orgs: &Orgs, tree: &OrgTree) -> Vec<u64> {
    let mut lines = vec![1u64; tree.len()];
    for (row, &pos) in orgs.pos.iter().enumerate() {
        if let (Some(slot), Some(&line)) = (lines.get_mut(pos as usize), orgs.line.get(row)) {
            *slot = line;
        }
    }
    lines
}

/// The file and line of a problem's source row.
fn locate(
    f: &Found,
    org_lines: &[u64],
    move_lines: &[u64],
    link_lines: &[u64],
    member_move_lines: &[u64],
) -> (&'static str, u64) {
    let at = |lines: &[u64], k: usize| lines.get(k).copied().unwrap_or(1);
    match f.source {
        Source::Org(o) | Source::Successor(o) => (ORGS, at(org_lines, o.0 as usize)),
        Source::OrgMove(k) => (ORG_MOVES, at(move_lines, k)),
        Source::Lineage(k) => (ORG_LINEAGE, at(link_lines, k)),
        Source::MemberMove(k) => (MEMBER_MOVES, at(member_move_lines, k)),
    }
}

/// An organization named in a version 2 file: its tree position, or the
/// problem reported (an unknown id) or left to the row to blame.
fn refer_org(
    orgs: &Orgs,
    key: &[u8],
    column: &str,
    bad: &mut impl FnMut(&str, Rule, String),
) -> Option<OrgIndex> {
    if let Err(m) = csvio::id(key, "organization") {
        bad(column, Rule::InvalidId, m);
        return None;
    }
    match orgs.refer(key, orgs.row(key)) {
        Ok(pos) => Some(pos),
        Err(why) => {
            // A row refused in organizations.csv is reported there.
            why.report(column, bad);
            None
        }
    }
}

/// Reads member_moves.csv and checks it against the members and the
/// organizations, adding the moves to `history`'s timeline.
pub(super) fn load_member_moves(
    dir: &Path,
    orgs: &Orgs,
    tree: Option<&OrgTree>,
    members: &Members,
    history: &mut OrgHistory,
    problems: &mut Sink,
    unchecked: &mut Unchecked,
) {
    let Some(text) = open_optional(dir, schema::MEMBER_MOVES, problems) else {
        return;
    };
    history.version_2 = true;
    let mut moves: Vec<MemberMoveAt> = Vec::new();
    let mut lines: Vec<u64> = Vec::new();
    let columns = text.columns(schema::MEMBER_MOVES.columns);
    csvio::for_each_record(
        &text,
        whole(&text),
        &columns,
        problems,
        |line, rec, problems| {
            let f = |i: usize| rec.get(i).unwrap_or_default();
            let mut blames: Vec<Blame> = Vec::new();
            let mut bad = |col: &str, rule: Rule, msg: String| {
                problems.push(Problem::new(MEMBER_MOVES, line, col, rule, msg));
            };
            let member = if let Err(m) = csvio::id(f(0), "member") {
                bad("member_id", Rule::InvalidId, m);
                None
            } else {
                match members.ids.get(f(0)) {
                    Some(m) if members.ok(m as usize) => Some(m),
                    Some(m) => {
                        blames.push(members.blame_of(m as usize));
                        None
                    }
                    None => {
                        let why = members.known.unresolved("member", f(0));
                        blames.extend(why.report("member_id", &mut bad));
                        None
                    }
                }
            };
            let date = csvio::date(f(1))
                .map_err(|m| bad("date", Rule::InvalidDate, m))
                .ok();
            let org = if let Err(m) = csvio::id(f(2), "organization") {
                bad("org_id", Rule::InvalidId, m);
                None
            } else {
                match orgs.refer(f(2), orgs.row(f(2))) {
                    Ok(pos) => Some(pos),
                    Err(why) => {
                        blames.extend(why.report("org_id", &mut bad));
                        None
                    }
                }
            };
            if let (Some(member), Some(date), Some(org)) = (member, date, org) {
                moves.push(MemberMoveAt { member, date, org });
                lines.push(line);
            }
            if !blames.is_empty() {
                unchecked.note_row(&mut blames, MEMBER_MOVES);
            }
        },
    );
    let Some(tree) = tree else { return };
    let facts = |m: u32| {
        let m = m as usize;
        if !members.ok(m) {
            return None;
        }
        Some(MemberFacts {
            home: members
                .org_pos
                .get(m)
                .copied()
                .filter(|&p| p != NONE)
                .map(OrgIndex)?,
            admitted: members.rows.admitted.get(m).copied().flatten()?,
            left: members.rows.left.get(m).copied().flatten(),
        })
    };
    let mut found = Vec::new();
    let added = history.timeline.add_members(
        tree,
        members.ids.len(),
        facts,
        |m| member_id_lossy(members.ids.key(m)),
        &moves,
        &mut found,
    );
    if let Err(e) = added {
        problems.push(Problem::new(
            MEMBER_MOVES,
            1,
            "*",
            Rule::TooManyRecords,
            e.to_string(),
        ));
        return;
    }
    for f in &found {
        let (file, line) = locate(f, &[], &[], &[], &lines);
        push(problems, file, line, f);
        // The first refused move of a member: the days from it on are not
        // known for the member.
        if let Source::MemberMove(k) = f.source
            && let (Some(m), Some(&l)) = (moves.get(k), lines.get(k))
        {
            let e = history
                .refused
                .members
                .entry(m.member)
                .or_insert((m.date, l));
            if m.date < e.0 {
                *e = (m.date, l);
            }
        }
    }
}
