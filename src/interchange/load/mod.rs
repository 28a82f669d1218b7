//! Reading and validating a dataset into columns: one module per file,
//! and the chunked reading the large files share.

#[macro_use]
mod chunked;
mod discipline;
mod members;
mod moves;
mod orgs;
mod oversight;
mod subjects;

use chunked::*;
use discipline::*;
use members::*;
use moves::*;
use orgs::*;
use oversight::*;
use subjects::*;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::csvio::{self, Chunk, FileText};
use super::intern::Interner;
use super::{Dataset, Problem, Rule, Sink, problems_error, schema};
use crate::content::Content;
use crate::discipline::{
    DisciplineAction, DisciplineFacts, DisciplineFields, DisciplineForm, DisciplineProblem,
    DisciplineStatus, check_discipline,
};
use crate::display::{is_blank, quoted};
use crate::error::{Error, ErrorKind};
use crate::id::{DisciplineId, InspectionId, MemberId, OrgId};
use crate::indicator::IndicatorSet;
use crate::inspection::{
    Activity, Body, BodyAct, BodyKind, BodyProblem, Finding, Inspection, InspectionFields, Outcome,
    OversightKind, OversightRegister, Subject, SubjectAt, SubjectType, check_body_at, check_dates,
    check_finding, check_subject_at,
};
use crate::inspection::{InspectionProblem, check_categories};
use crate::member::{LeftReason, Member, MemberFields, MemberProblem, Roster, check_membership};
use crate::organization::{
    OrgIndex, OrgLevel, OrgProblem, OrgTree, OrganizationFields, PartyOrganization, TreeProblem,
};

const ORGS: &str = schema::ORGANIZATIONS.name;
const MEMBERS: &str = schema::MEMBERS.name;
const OVERSIGHT: &str = schema::OVERSIGHT.name;
const SUBJECTS: &str = schema::SUBJECTS.name;
const DISCIPLINE: &str = schema::DISCIPLINE.name;

const ORG_COLS: &[&str] = schema::ORGANIZATIONS.columns;
const MEMBER_COLS: &[&str] = schema::MEMBERS.columns;
const OVERSIGHT_COLS: &[&str] = schema::OVERSIGHT.columns;
const SUBJECT_COLS: &[&str] = schema::SUBJECTS.columns;
const DISCIPLINE_COLS: &[&str] = schema::DISCIPLINE.columns;

/// "No index": an unresolved reference.
const NONE: u32 = u32::MAX;

/// A reference named but not found.
const MISSING: u32 = u32::MAX - 1;

/// The default of [`LoadOptions::block_size`]: 32 MiB.
pub const DEFAULT_BLOCK: usize = 32 << 20;

/// Options of [`load`].
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    model: bool,
    threads: usize,
    max_problems: usize,
    block: usize,
    progress: Option<fn(&LoadProgress)>,
}

/// What [`load`] reports after each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadProgress {
    /// The file just read, e.g. `members.csv`.
    pub file: &'static str,
    /// Its data rows.
    pub rows: usize,
    /// Time since [`load`] started.
    pub elapsed: std::time::Duration,
}

impl Default for LoadOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(8);
        LoadOptions {
            model: false,
            threads,
            max_problems: super::MAX_PROBLEMS,
            block: DEFAULT_BLOCK,
            progress: None,
        }
    }
}

impl LoadOptions {
    /// Keep everything the typed model needs (names, leaving reasons,
    /// indicators, handling dates), so that [`Columns::into_dataset`] can
    /// build it. Off by default: the roll-up does not need them.
    #[must_use]
    pub fn model(mut self, model: bool) -> Self {
        self.model = model;
        self
    }

    /// Calls `progress` after each file is read and validated.
    #[must_use]
    pub fn progress(mut self, progress: fn(&LoadProgress)) -> Self {
        self.progress = Some(progress);
        self
    }

    /// How many problems to keep (default [`MAX_PROBLEMS`](super::MAX_PROBLEMS),
    /// at least 1): the first ones in report order are kept and the rest
    /// counted, so that memory stays bounded on any input.
    #[must_use]
    pub fn max_problems(mut self, max: usize) -> Self {
        self.max_problems = max.max(1);
        self
    }

    /// How many bytes of a large file (members, inspections, subjects) are
    /// read and parsed at a time (default [`DEFAULT_BLOCK`], 32 MiB; at
    /// least 1): only one block's text is in memory at a time. Smaller
    /// blocks use less memory and a little more time; the result is the
    /// same.
    #[must_use]
    pub fn block_size(mut self, bytes: usize) -> Self {
        self.block = bytes.max(1);
        self
    }

    /// How many threads parse a large file (default: the processor's cores,
    /// at most 8).
    #[must_use]
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads.max(1);
        self
    }
}

/// A validated dataset in columns: every id replaced by a dense index,
/// organizations by their position in the [`OrgTree`].
#[derive(Debug, Clone)]
pub struct Columns {
    pub(crate) tree: OrgTree,
    // Members, by first occurrence in members.csv.
    pub(crate) member_ids: Interner,
    pub(crate) member_org: Vec<OrgIndex>,
    pub(crate) admitted: Vec<NaiveDate>,
    pub(crate) official: Vec<Option<NaiveDate>>,
    pub(crate) left: Vec<Option<NaiveDate>>,
    pub(crate) left_reason: Vec<Option<LeftReason>>,
    pub(crate) member_names: Vec<String>,
    // Inspections and supervisions, by row.
    pub(crate) oversight_ids: Interner,
    pub(crate) kind: Vec<OversightKind>,
    pub(crate) body_kind: Vec<BodyKind>,
    pub(crate) body_pos: Vec<OrgIndex>,
    pub(crate) started: Vec<NaiveDate>,
    pub(crate) concluded: Vec<Option<NaiveDate>>,
    // Subjects, by row.
    pub(crate) subj_oversight: Vec<u32>,
    pub(crate) subj_flags: Vec<u8>,
    pub(crate) subj_target: Vec<u32>,
    pub(crate) subj_indicators: Vec<IndicatorSet>,
    pub(crate) subj_handled: Vec<Option<NaiveDate>>,
    /// Empty without a content column.
    pub(crate) subj_content: Vec<Option<Content>>,
    // Discipline, by row.
    pub(crate) disc_ids: Interner,
    pub(crate) disc_member: Vec<bool>,
    pub(crate) disc_subject: Vec<u32>,
    pub(crate) disc_form: Vec<DisciplineForm>,
    pub(crate) disc_status: Vec<DisciplineStatus>,
    pub(crate) disc_body_kind: Vec<BodyKind>,
    pub(crate) disc_body_pos: Vec<OrgIndex>,
    pub(crate) disc_violation: Vec<NaiveDate>,
    pub(crate) disc_date: Vec<NaiveDate>,
    pub(crate) disc_oversight: Vec<u32>,
    /// Empty without a committee_member column.
    pub(crate) disc_committee: Vec<bool>,
    /// Empty without a content column.
    pub(crate) disc_content: Vec<Option<Content>>,
    /// The organizations and members over time (format version 2; empty
    /// for version 1).
    pub(crate) timeline: crate::timeline::Timeline,
    /// Whether the dataset had any file of format version 2.
    pub(crate) version_2: bool,
    pub(crate) model: bool,
}

/// Subject flags, as the engine reads them.
pub(crate) use crate::engine::{
    S_COMMITTEE, S_CONCLUDED, S_DISCIPLINED, S_HANDLED, S_MEMBER, S_MUST, S_VIOLATION,
};

impl Columns {
    /// The organization tree.
    #[must_use]
    pub fn tree(&self) -> &OrgTree {
        &self.tree
    }

    /// How many members (past and present).
    #[must_use]
    pub fn members(&self) -> usize {
        self.member_ids.len()
    }

    /// How many inspections and supervisions.
    #[must_use]
    pub fn oversight(&self) -> usize {
        self.oversight_ids.len()
    }

    /// How many subject rows.
    #[must_use]
    pub fn subjects(&self) -> usize {
        self.subj_oversight.len()
    }

    /// How many discipline rows.
    #[must_use]
    pub fn discipline(&self) -> usize {
        self.disc_ids.len()
    }

    /// Whether the dataset had any file of format version 2 (org_moves.csv,
    /// org_lineage.csv, member_moves.csv).
    #[must_use]
    pub fn is_version_2(&self) -> bool {
        self.version_2
    }

    /// The counting engine over these columns, borrowed (no copy): any
    /// figure for any organization and any periods, as
    /// [`Engine::tally`](crate::Engine::tally) and
    /// [`OversightReport::build`](crate::OversightReport::build) give them.
    /// Format version 1 records no escalations, committee membership,
    /// assessments or briefings: those figures are 0.
    #[must_use]
    pub fn engine(&self) -> crate::Engine<'_> {
        use std::borrow::Cow::Borrowed;
        crate::Engine {
            tree: &self.tree,
            member_org: Borrowed(&self.member_org),
            admitted: Borrowed(&self.admitted),
            official: Borrowed(&self.official),
            left: Borrowed(&self.left),
            left_reason: Borrowed(&self.left_reason),
            kind: Borrowed(&self.kind),
            body_kind: Borrowed(&self.body_kind),
            body_pos: Borrowed(&self.body_pos),
            started: Borrowed(&self.started),
            escalated: Borrowed(&[]),
            subj_oversight: Borrowed(&self.subj_oversight),
            subj_flags: Borrowed(&self.subj_flags),
            subj_target: Borrowed(&self.subj_target),
            subj_content: Borrowed(&self.subj_content),
            disc_member: Borrowed(&self.disc_member),
            disc_form: Borrowed(&self.disc_form),
            disc_status: Borrowed(&self.disc_status),
            disc_body_kind: Borrowed(&self.disc_body_kind),
            disc_body_pos: Borrowed(&self.disc_body_pos),
            disc_date: Borrowed(&self.disc_date),
            disc_committee: Borrowed(&self.disc_committee),
            disc_content: Borrowed(&self.disc_content),
            assess_member: Borrowed(&[]),
            assess_day: Borrowed(&[]),
            assess_indicators: Borrowed(&[]),
            brief_day: Borrowed(&[]),
            brief_kind: Borrowed(&[]),
            brief_indicators: Borrowed(&[]),
            brief_member: Borrowed(&[]),
            timeline: (self.timeline != crate::timeline::Timeline::EMPTY)
                .then_some(Borrowed(&self.timeline)),
        }
    }

    /// Builds the typed model.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ModelFieldsMissing`] if the columns were loaded
    /// without [`LoadOptions::model`]; (which would be a bug) the typed
    /// constructor's own error if it refuses a row the reader accepted, or
    /// [`ErrorKind::Internal`] for a reference left unresolved.
    pub fn into_dataset(mut self) -> Result<Dataset, Error> {
        if !self.model {
            return Err(ErrorKind::ModelFieldsMissing.into());
        }
        // Rows the reader accepted and the typed model refuses, or a
        // reference left unresolved, would be bugs of this reader.
        let unresolved = || {
            Error::from(ErrorKind::Internal {
                what: "a reference of a valid dataset left unresolved",
            })
        };
        let org_id = |pos: u32| self.tree.org(OrgIndex(pos)).map(|o| o.id().clone());
        let mut members = Vec::with_capacity(self.member_ids.len());
        for i in 0..self.member_ids.len() {
            let fields = MemberFields {
                id: MemberId::new(self.member_ids.key_str(i as u32))?,
                org: org_id(self.member_org[i].0).ok_or_else(unresolved)?,
                full_name: self.member_names.get(i).cloned().unwrap_or_default(),
                admitted: self.admitted[i],
                official: self.official[i],
                left: self.left[i],
                left_reason: self.left_reason.get(i).copied().flatten(),
            };
            members.push(Member::new(fields)?);
        }
        let roster = Roster::new(&self.tree, members)?;
        // Format version 2: the records are checked on the structure of
        // their day.
        let timeline = std::mem::take(&mut self.timeline);
        let history = if self.version_2 {
            let ids = roster.iter().map(|m| m.id().clone()).collect();
            Some(crate::History::from_parts(
                &self.tree,
                timeline,
                ids,
                &self.member_org,
            ))
        } else {
            None
        };
        let n = self.oversight_ids.len();
        let mut findings: Vec<Vec<Finding>> = vec![Vec::new(); n];
        for (r, &o) in self.subj_oversight.iter().enumerate() {
            let flags = self.subj_flags[r];
            let subject = if flags & S_MEMBER != 0 {
                Subject::Member(MemberId::new(self.member_ids.key_str(self.subj_target[r]))?)
            } else {
                Subject::Organization(org_id(self.subj_target[r]).ok_or_else(unresolved)?)
            };
            let outcome = match (flags & S_CONCLUDED != 0, flags & S_VIOLATION != 0) {
                (false, _) => Outcome::NotConcluded,
                (true, false) => Outcome::NoViolation,
                (true, true) => Outcome::Violation {
                    indicators: self.subj_indicators[r],
                    handled: self.subj_handled[r],
                },
            };
            if let Some(list) = findings.get_mut(o as usize) {
                list.push(Finding {
                    subject,
                    outcome,
                    committee_member: flags & S_COMMITTEE != 0,
                    content: self.subj_content.get(r).copied().flatten(),
                });
            }
        }
        let mut inspections = Vec::with_capacity(n);
        for (i, f) in findings.into_iter().enumerate() {
            let fields = InspectionFields {
                id: InspectionId::new(self.oversight_ids.key_str(i as u32))?,
                kind: self.kind[i],
                body: Body {
                    kind: self.body_kind[i],
                    org: org_id(self.body_pos[i].0).ok_or_else(unresolved)?,
                },
                started: self.started[i],
                concluded: self.concluded[i],
                findings: f,
                escalated_from: None,
            };
            inspections.push(Inspection::new(fields)?);
        }
        let oversight = match &history {
            Some(h) => OversightRegister::on_history(h, &roster, inspections)?,
            None => OversightRegister::new(&self.tree, &roster, inspections)?,
        };
        let mut discipline = Vec::with_capacity(self.disc_ids.len());
        for i in 0..self.disc_ids.len() {
            let subject = if self.disc_member[i] {
                Subject::Member(MemberId::new(
                    self.member_ids.key_str(self.disc_subject[i]),
                )?)
            } else {
                Subject::Organization(org_id(self.disc_subject[i]).ok_or_else(unresolved)?)
            };
            let fields = DisciplineFields {
                id: DisciplineId::new(self.disc_ids.key_str(i as u32))?,
                subject,
                form: self.disc_form[i],
                status: self.disc_status[i],
                body: Body {
                    kind: self.disc_body_kind[i],
                    org: org_id(self.disc_body_pos[i].0).ok_or_else(unresolved)?,
                },
                violation_date: self.disc_violation[i],
                date: self.disc_date[i],
                inspection: match self.disc_oversight[i] {
                    NONE => None,
                    o => Some(InspectionId::new(self.oversight_ids.key_str(o))?),
                },
                holds_post: None,
                exception: None,
                content: self.disc_content.get(i).copied().flatten(),
                committee_member: self.disc_committee.get(i).copied().unwrap_or(false),
            };
            discipline.push(match &history {
                Some(h) => DisciplineAction::on_history(h, &roster, fields)?,
                None => DisciplineAction::new(&self.tree, &roster, fields)?,
            });
        }
        let moves = history
            .as_ref()
            .map(|h| (h.moves(), h.lineage(), h.member_moves()));
        drop(history);
        let dataset = Dataset::new(self.tree, roster, oversight, discipline);
        match moves {
            Some((moves, lineage, member_moves)) => {
                dataset.with_history(&moves, &lineage, &member_moves)
            }
            None => Ok(dataset),
        }
    }
}

/// Reads and validates the dataset in `dir` into columns.
///
/// Large files are cut at record boundaries and parsed on several threads;
/// ids are then interned in file order. Every rule of the interchange
/// format is checked, and every problem reported.
///
/// # Errors
///
/// [`ErrorKind::Dataset`] with every [`Problem`] found.
pub fn load(dir: &Path, options: LoadOptions) -> Result<Columns, Error> {
    let mut problems = Sink::new(options.max_problems);
    let started = std::time::Instant::now();
    let report = |file: &'static str, rows: usize| {
        if let Some(f) = options.progress {
            f(&LoadProgress {
                file,
                rows,
                elapsed: started.elapsed(),
            });
        }
    };
    let orgs = load_orgs(dir, &mut problems);
    report(ORGS, orgs.line.len());
    let tree = orgs.tree.as_ref();
    // Format version 2: the organizations over time, before the files
    // whose rules read the tree of a day.
    let mut history = load_org_history(dir, &orgs, tree, &mut problems);
    let mut unchecked = Unchecked::default();
    // members.csv and oversight.csv depend only on the organizations: read
    // them at the same time, so that one's sequential steps overlap the
    // other's parallel ones.
    let (members, (oversight, oversight_problems, oversight_unchecked)) = std::thread::scope(|s| {
        let structure = tree.map(|t| history.on_day(t));
        let orgs = &orgs;
        let o = s.spawn(move || {
            let mut p = Sink::new(options.max_problems);
            let mut u = Unchecked::default();
            let o = load_oversight(dir, options, orgs, structure, &mut p, &mut u);
            (o, p, u)
        });
        let m = load_members(dir, options, orgs, &mut problems, &mut unchecked);
        // A failed thread is a bug: resume its panic as it was.
        let o = o.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (m, o)
    });
    problems.append(oversight_problems);
    unchecked.append(oversight_unchecked);
    report(MEMBERS, members.rows.line.len());
    report(OVERSIGHT, oversight.rows.line.len());
    load_member_moves(
        dir,
        &orgs,
        tree,
        &members,
        &mut history,
        &mut problems,
        &mut unchecked,
    );
    let structure = tree.map(|t| history.on_day(t));
    let subjects = load_subjects(
        dir,
        options,
        &orgs,
        tree,
        structure,
        &members,
        &oversight,
        &mut problems,
        &mut unchecked,
    );
    report(SUBJECTS, subjects.rows.line.len());
    let discipline = load_discipline(
        dir,
        &orgs,
        structure,
        &members,
        &oversight,
        &mut problems,
        &mut unchecked,
    );
    report(DISCIPLINE, discipline.line.len());
    let mut subjects = subjects;
    link_discipline(&mut subjects, &discipline, oversight.ids.len());

    unchecked.report(&mut problems);
    if !problems.is_empty() {
        return Err(problems_error(problems));
    }
    // With no problem, every row parsed whole and the whole tree was built:
    // a missing value here would be a bug of this reader, never filled in.
    let internal = |what: &'static str| Error::from(ErrorKind::Internal { what });
    let tree = orgs
        .tree
        .ok_or_else(|| internal("no tree without a problem"))?;
    // Every reference is resolved: the id tables are freed (rebuilt on a
    // lookup through the columns' views).
    let mut members = members;
    members.ids.compact();
    let mut oversight = oversight;
    oversight.ids.compact();
    Ok(Columns {
        tree,
        member_ids: members.ids,
        member_org: positions(members.org_pos)?,
        admitted: complete(members.rows.admitted)?,
        official: members.rows.official,
        left: members.rows.left,
        left_reason: members.model.reason,
        member_names: members.model.names,
        oversight_ids: oversight.ids,
        kind: complete(oversight.rows.kind)?,
        body_kind: complete(oversight.rows.body_kind)?,
        body_pos: positions(oversight.body_pos)?,
        started: complete(oversight.rows.started)?,
        concluded: oversight.rows.concluded,
        subj_oversight: subjects.rows.oversight,
        subj_flags: subjects.rows.flags,
        subj_target: subjects.target,
        subj_indicators: subjects.indicators,
        subj_handled: subjects.rows.handled,
        subj_content: subjects.content,
        disc_ids: discipline.ids,
        disc_member: discipline.member,
        disc_subject: discipline.subject,
        disc_form: complete(discipline.form)?,
        disc_status: complete(discipline.status)?,
        disc_body_kind: complete(discipline.body_kind)?,
        disc_body_pos: positions(discipline.body_pos)?,
        disc_violation: complete(discipline.violation)?,
        disc_date: complete(discipline.date)?,
        disc_oversight: discipline.oversight,
        disc_committee: discipline.committee,
        disc_content: discipline.content,
        timeline: history.timeline,
        version_2: history.version_2,
        model: options.model,
    })
}

/// Tree positions of a column that has one on every row once the dataset
/// has no problem; a gap is a bug of this reader, reported as such.
fn positions(column: Vec<u32>) -> Result<Vec<OrgIndex>, Error> {
    complete(
        column
            .into_iter()
            .map(|p| (p != NONE).then_some(OrgIndex(p)))
            .collect(),
    )
}

/// The values of a column that has one on every row once the dataset has
/// no problem; a gap is a bug of this reader, reported as such.
fn complete<T>(column: Vec<Option<T>>) -> Result<Vec<T>, Error> {
    column
        .into_iter()
        .collect::<Option<Vec<T>>>()
        .ok_or_else(|| {
            ErrorKind::Internal {
                what: "a value missing from a row reported valid",
            }
            .into()
        })
}

/// What a file tells about the ids in it beyond its good rows: whether it
/// could be read at all, and the ids of rows refused whole, with their
/// lines. A reference to such an id is not reported as missing: the file's
/// own problem is, and the check that could not run is counted against it.
#[derive(Debug, Default)]
struct Known {
    file: &'static str,
    readable: bool,
    broken: std::collections::HashMap<Vec<u8>, u64>,
}

impl Known {
    fn new(file: &'static str) -> Self {
        Known {
            file,
            readable: false,
            broken: std::collections::HashMap::new(),
        }
    }

    fn add_broken(&mut self, rows: Vec<(Vec<u8>, u64)>) {
        for (key, line) in rows {
            self.broken.entry(key).or_insert(line);
        }
    }

    /// Why a reference to `key`, which the file does not hold, cannot be
    /// followed: the file's own problem (a row refused whole, or a file
    /// that cannot be read), to blame for the checks that cannot run; or,
    /// when nothing explains it, the reference is missing.
    fn unresolved(&self, what: &str, key: &[u8]) -> Unresolved {
        if !self.readable {
            return Unresolved::Blamed((self.file, 1));
        }
        if let Some(&line) = self.broken.get(key) {
            return Unresolved::Blamed((self.file, line));
        }
        Unresolved::Missing(format!(
            "{what} {} is not in {}",
            quoted(&csvio::text(key)),
            self.file
        ))
    }
}

/// A row to blame for a check that cannot run: its file and line.
type Blame = (&'static str, u64);

/// A reference that cannot be followed.
enum Unresolved {
    /// Nothing holds it: the message that says so, for the referring row
    /// ([`Rule::UnknownReference`]).
    Missing(String),
    /// The row it names is broken, or hangs below a broken one: the checks
    /// that needed it are counted against that row.
    Blamed(Blame),
}

impl Unresolved {
    /// Reports a missing reference in `column` of the referring row through
    /// `bad`; returns the row to blame for the checks that cannot run.
    fn report(self, column: &str, bad: &mut impl FnMut(&str, Rule, String)) -> Option<Blame> {
        match self {
            Unresolved::Missing(m) => {
                bad(column, Rule::UnknownReference, m);
                None
            }
            Unresolved::Blamed(blame) => Some(blame),
        }
    }
}

/// The checks that could not run because of a broken row, counted by that
/// row and by the file of the rows that could not be checked, so that each
/// cause is said once, with the number of rows it affects.
#[derive(Debug, Default)]
struct Unchecked(BTreeMap<(usize, u64), Blamed>);

/// One cause of [`Unchecked`]: its file, and by dependent file (its rank in
/// [`REPORT_ORDER`](super::REPORT_ORDER)) how many rows could not be
/// checked.
type Blamed = (&'static str, BTreeMap<usize, u64>);

fn file_rank(file: &str) -> usize {
    super::REPORT_ORDER
        .iter()
        .position(|f| *f == file)
        .unwrap_or(super::REPORT_ORDER.len())
}

impl Unchecked {
    /// One row of `file` could not be checked because of the rows in
    /// `blames` (each cause counted once, however many checks it stopped).
    fn note_row(&mut self, blames: &mut [Blame], file: &'static str) {
        blames.sort_unstable();
        let mut last = None;
        for &blame in blames.iter() {
            if last != Some(blame) {
                self.note(blame, file);
            }
            last = Some(blame);
        }
    }

    /// One row of `file` could not be checked because of `blame`.
    fn note(&mut self, (cause, line): Blame, file: &'static str) {
        let entry = self
            .0
            .entry((file_rank(cause), line))
            .or_insert_with(|| (cause, BTreeMap::new()));
        *entry.1.entry(file_rank(file)).or_insert(0) += 1;
    }

    fn append(&mut self, other: Unchecked) {
        for (key, (cause, counts)) in other.0 {
            let entry = self
                .0
                .entry(key)
                .or_insert_with(|| (cause, BTreeMap::new()));
            for (file, n) in counts {
                *entry.1.entry(file).or_insert(0) += n;
            }
        }
    }

    fn report(self, problems: &mut Sink) {
        for ((_, line), (cause, counts)) in self.0 {
            let parts: Vec<String> = counts
                .into_iter()
                .map(|(file, n)| {
                    let name = super::REPORT_ORDER.get(file).copied().unwrap_or("?");
                    format!("{n} row{} of {name}", if n == 1 { "" } else { "s" })
                })
                .collect();
            problems.push(Problem::new(
                cause,
                line,
                "*",
                Rule::NotChecked,
                format!(
                    "because of the problem on this line, {} could not be checked against it",
                    parts.join(" and ")
                ),
            ));
        }
    }
}

fn parse_opt_id<T: std::str::FromStr>(
    field: &[u8],
    entity: &'static str,
    col: &str,
    bad: &mut impl FnMut(&str, Rule, String),
) -> Option<T> {
    if field.is_empty() {
        return None;
    }
    match csvio::id(field, entity) {
        Ok(()) => csvio::text(field).parse().ok(),
        Err(m) => {
            bad(col, Rule::InvalidId, m);
            None
        }
    }
}

fn duplicate_message(entity: &str, key: &[u8], first_line: u64) -> String {
    format!(
        "{entity} id {} is also on line {first_line}; ids must be unique",
        quoted(&csvio::text(key))
    )
}

/// An id from a field already checked (or a placeholder for messages).
/// Marks each subject row that a discipline action names (by its
/// `oversight_id` and subject): "phải thi hành kỷ luật" for any action,
/// "đã thi hành kỷ luật" for a decided one.
fn link_discipline(subjects: &mut Subjects, d: &Discipline, n_oversight: usize) {
    let mut linked: std::collections::HashMap<(u32, bool, u32), bool> =
        std::collections::HashMap::new();
    let mut named = vec![false; n_oversight];
    for (i, &o) in d.oversight.iter().enumerate() {
        let (Some(&member), Some(&subject), Some(status)) =
            (d.member.get(i), d.subject.get(i), d.status.get(i))
        else {
            continue;
        };
        if o == NONE || subject == NONE {
            continue;
        }
        let decided = *status == Some(DisciplineStatus::Decided);
        *linked.entry((o, member, subject)).or_insert(false) |= decided;
        if let Some(n) = named.get_mut(o as usize) {
            *n = true;
        }
    }
    if linked.is_empty() {
        return;
    }
    let rows = &mut subjects.rows;
    for (r, flags) in rows.flags.iter_mut().enumerate() {
        let o = rows.oversight.get(r).copied().unwrap_or(NONE);
        if !named.get(o as usize).copied().unwrap_or(false) {
            continue;
        }
        let target = subjects.target.get(r).copied().unwrap_or(NONE);
        if let Some(&decided) = linked.get(&(o, *flags & S_MEMBER != 0, target)) {
            *flags |= S_MUST;
            if decided {
                *flags |= S_DISCIPLINED;
            }
        }
    }
}

/// Where a file's optional category columns are, if it has them
/// ([the interchange format](crate::spec::format), "Optional columns").
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct CategoryCols {
    committee: Option<usize>,
    content: Option<usize>,
}

impl CategoryCols {
    /// The positions in `text`, whose fixed columns number `fixed`.
    pub(super) fn of(text: &FileText, fixed: usize) -> Self {
        let at = |name: &str| {
            text.extra
                .iter()
                .position(|c| *c == name)
                .map(|p| fixed + p)
        };
        CategoryCols {
            committee: at("committee_member"),
            content: at("content"),
        }
    }

    /// Whether the file has a content column.
    pub(super) fn has_content(self) -> bool {
        self.content.is_some()
    }

    /// Reads a row's committee membership and content category and checks
    /// them ([`check_categories`], the constructors' rule): `side` is the
    /// subject type when known, `violation` whether the row records one.
    pub(super) fn read<'r>(
        self,
        f: impl Fn(usize) -> &'r [u8],
        side: Option<SubjectType>,
        violation: bool,
        subject: impl Fn() -> Subject,
        bad: &mut impl FnMut(&str, Rule, String),
    ) -> (bool, Option<Content>) {
        let committee = match self.committee.map(&f) {
            None | Some(b"" | b"false") => false,
            Some(b"true") => true,
            Some(other) => {
                bad(
                    "committee_member",
                    Rule::InvalidFlag,
                    format!(
                        "{} is not true, false or empty",
                        quoted(&csvio::text(other))
                    ),
                );
                false
            }
        };
        let Some(side) = side else {
            // The subject type is reported already; nothing to check against.
            return (committee, None);
        };
        let content = match self.content.map(&f) {
            None | Some(b"") => None,
            Some(code) => {
                let text = csvio::text(code);
                match Content::parse(side, &text) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        let other = match side {
                            SubjectType::Member => SubjectType::Organization,
                            SubjectType::Organization => SubjectType::Member,
                        };
                        match Content::parse(other, &text) {
                            // A code of the other list: the side rule says so.
                            Ok(c) => Some(c),
                            Err(_) => {
                                bad("content", Rule::UnknownCode, e.to_string());
                                None
                            }
                        }
                    }
                }
            }
        };
        if let Some(p) = check_categories(side, violation, content, committee, subject) {
            let col = match p {
                InspectionProblem::CommitteeMemberSide(_) => "committee_member",
                _ => "content",
            };
            bad(col, p.rule(), p.to_string());
        }
        (committee, content)
    }
}

fn org_id_lossy(field: &[u8]) -> OrgId {
    OrgId::trusted(csvio::text(field).into_owned())
}

fn member_id_lossy(field: &[u8]) -> MemberId {
    MemberId::trusted(csvio::text(field).into_owned())
}
