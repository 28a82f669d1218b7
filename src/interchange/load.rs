//! Reading and validating a dataset into columns.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::csvio::{self, Chunk, FileText};
use super::intern::Interner;
use super::{Dataset, Problem, Rule, Sink, problems_error, schema};
use crate::discipline::{
    DisciplineAction, DisciplineFacts, DisciplineFields, DisciplineForm, DisciplineProblem,
    DisciplineStatus, check_discipline,
};
use crate::display::{is_blank, quoted};
use crate::error::{Error, ErrorKind};
use crate::id::{DisciplineId, InspectionId, MemberId, OrgId};
use crate::indicator::IndicatorSet;
use crate::inspection::InspectionProblem;
use crate::inspection::{
    Activity, Body, BodyAct, BodyKind, BodyProblem, Finding, Inspection, InspectionFields, Outcome,
    OversightKind, OversightRegister, Subject, SubjectAt, SubjectType, check_body_at, check_dates,
    check_finding, check_subject_at,
};
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

/// Options of [`load`].
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    model: bool,
    threads: usize,
    max_problems: usize,
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
    pub(crate) model: bool,
}

/// Subject flags.
pub(crate) const S_MEMBER: u8 = 1;
pub(crate) const S_VIOLATION: u8 = 2;
pub(crate) const S_CONCLUDED: u8 = 4;
pub(crate) const S_HANDLED: u8 = 8;

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

    /// Builds the typed model.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Dataset`] if the columns were loaded without
    /// [`LoadOptions::model`], or (which would be a bug) if a typed
    /// constructor refuses a row that the reader accepted.
    pub fn into_dataset(self) -> Result<Dataset, Error> {
        let file_problem = |file: &str, message: String| {
            let mut sink = Sink::default();
            sink.push(Problem::new(file, 1, "*", Rule::NotChecked, message));
            problems_error(sink)
        };
        if !self.model {
            return Err(file_problem(
                MEMBERS,
                "loaded without the model's fields; use LoadOptions::model(true)".into(),
            ));
        }
        let org_id = |pos: u32| self.tree.org(OrgIndex(pos)).map(|o| o.id().clone());
        let mut members = Vec::with_capacity(self.member_ids.len());
        for i in 0..self.member_ids.len() {
            let fields = MemberFields {
                id: MemberId::new(self.member_ids.key_str(i as u32))?,
                org: org_id(self.member_org[i].0)
                    .ok_or_else(|| file_problem(MEMBERS, "unresolved organization".into()))?,
                full_name: self.member_names.get(i).cloned().unwrap_or_default(),
                admitted: self.admitted[i],
                official: self.official[i],
                left: self.left[i],
                left_reason: self.left_reason.get(i).copied().flatten(),
            };
            members.push(Member::new(fields).map_err(|e| file_problem(MEMBERS, e.to_string()))?);
        }
        let roster =
            Roster::new(&self.tree, members).map_err(|e| file_problem(MEMBERS, e.to_string()))?;
        // Subjects grouped by inspection, in file order.
        let n = self.oversight_ids.len();
        let mut findings: Vec<Vec<Finding>> = vec![Vec::new(); n];
        for (r, &o) in self.subj_oversight.iter().enumerate() {
            let flags = self.subj_flags[r];
            let subject = if flags & S_MEMBER != 0 {
                Subject::Member(MemberId::new(self.member_ids.key_str(self.subj_target[r]))?)
            } else {
                Subject::Organization(
                    org_id(self.subj_target[r])
                        .ok_or_else(|| file_problem(SUBJECTS, "unresolved".into()))?,
                )
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
                    committee_member: false,
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
                    org: org_id(self.body_pos[i].0)
                        .ok_or_else(|| file_problem(OVERSIGHT, "unresolved".into()))?,
                },
                started: self.started[i],
                concluded: self.concluded[i],
                findings: f,
                escalated_from: None,
            };
            inspections
                .push(Inspection::new(fields).map_err(|e| file_problem(OVERSIGHT, e.to_string()))?);
        }
        let oversight = OversightRegister::new(&self.tree, &roster, inspections)
            .map_err(|e| file_problem(OVERSIGHT, e.to_string()))?;
        let mut discipline = Vec::with_capacity(self.disc_ids.len());
        for i in 0..self.disc_ids.len() {
            let subject = if self.disc_member[i] {
                Subject::Member(MemberId::new(
                    self.member_ids.key_str(self.disc_subject[i]),
                )?)
            } else {
                Subject::Organization(
                    org_id(self.disc_subject[i])
                        .ok_or_else(|| file_problem(DISCIPLINE, "unresolved".into()))?,
                )
            };
            let fields = DisciplineFields {
                id: DisciplineId::new(self.disc_ids.key_str(i as u32))?,
                subject,
                form: self.disc_form[i],
                status: self.disc_status[i],
                body: Body {
                    kind: self.disc_body_kind[i],
                    org: org_id(self.disc_body_pos[i].0)
                        .ok_or_else(|| file_problem(DISCIPLINE, "unresolved".into()))?,
                },
                violation_date: self.disc_violation[i],
                date: self.disc_date[i],
                inspection: match self.disc_oversight[i] {
                    NONE => None,
                    o => Some(InspectionId::new(self.oversight_ids.key_str(o))?),
                },
                holds_post: None,
                exception: None,
            };
            discipline.push(
                DisciplineAction::new(&self.tree, &roster, fields)
                    .map_err(|e| file_problem(DISCIPLINE, e.to_string()))?,
            );
        }
        Ok(Dataset::new(self.tree, roster, oversight, discipline))
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
    let mut unchecked = Unchecked::default();
    // members.csv and oversight.csv depend only on the organizations: read
    // them at the same time, so that one's sequential steps overlap the
    // other's parallel ones.
    let (members, (oversight, oversight_problems, oversight_unchecked)) = std::thread::scope(|s| {
        let o = s.spawn(|| {
            let mut p = Sink::new(options.max_problems);
            let mut u = Unchecked::default();
            let o = load_oversight(dir, options, &orgs, tree, &mut p, &mut u);
            (o, p, u)
        });
        let m = load_members(dir, options, &orgs, &mut problems, &mut unchecked);
        // A failed thread is a bug: resume its panic as it was.
        let o = o.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (m, o)
    });
    problems.append(oversight_problems);
    unchecked.append(oversight_unchecked);
    report(MEMBERS, members.line.len());
    report(OVERSIGHT, oversight.line.len());
    let subjects = load_subjects(
        dir,
        options,
        &orgs,
        tree,
        &members,
        &oversight,
        &mut problems,
        &mut unchecked,
    );
    report(SUBJECTS, subjects.line.len());
    let discipline = load_discipline(
        dir,
        &orgs,
        tree,
        &members,
        &oversight,
        &mut problems,
        &mut unchecked,
    );
    report(DISCIPLINE, discipline.line.len());

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
    Ok(Columns {
        tree,
        member_ids: members.ids,
        member_org: positions(members.org_pos)?,
        admitted: complete(members.admitted)?,
        official: members.official,
        left: members.left,
        left_reason: members.reason,
        member_names: members.names,
        oversight_ids: oversight.ids,
        kind: complete(oversight.kind)?,
        body_kind: complete(oversight.body_kind)?,
        body_pos: positions(oversight.body_pos)?,
        started: complete(oversight.started)?,
        concluded: oversight.concluded,
        subj_oversight: subjects.oversight,
        subj_flags: subjects.flags,
        subj_target: subjects.target,
        subj_indicators: subjects.indicators,
        subj_handled: subjects.handled,
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
/// [`FILES`](super::FILES)) how many rows could not be checked.
type Blamed = (&'static str, BTreeMap<usize, u64>);

fn file_rank(file: &str) -> usize {
    super::FILES
        .iter()
        .position(|f| *f == file)
        .unwrap_or(super::FILES.len())
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
                    let name = super::FILES.get(file).copied().unwrap_or("?");
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

// ---------------------------------------------------------------------------
// organizations.csv

struct Orgs {
    known: Known,
    ids: Interner,
    line: Vec<u64>,
    level: Vec<Option<OrgLevel>>,
    established: Vec<Option<NaiveDate>>,
    dissolved: Vec<Option<NaiveDate>>,
    /// Whether the row was accepted whole (and is in the tree).
    ok: Vec<bool>,
    /// Tree position by row, if the tree was built.
    pos: Vec<u32>,
    /// By row: the row of the broken organization that keeps this one out
    /// of the tree, or `NONE`.
    cause: Vec<u32>,
    tree: Option<OrgTree>,
}

impl Orgs {
    /// The row of an organization id.
    fn row(&self, id: &[u8]) -> Option<u32> {
        self.ids.get(id)
    }

    /// The tree position of a row, if the tree exists and holds it.
    fn pos_of(&self, row: u32) -> Option<OrgIndex> {
        self.pos
            .get(row as usize)
            .copied()
            .filter(|&p| p != NONE)
            .map(OrgIndex)
    }

    /// The row that keeps row `row` out of the tree.
    fn blame_of(&self, row: u32) -> Blame {
        let cause = self.cause.get(row as usize).copied().unwrap_or(row);
        (ORGS, self.line.get(cause as usize).copied().unwrap_or(1))
    }

    /// A reference to an organization (`row`: its row, if the file holds
    /// it): its tree position, or why it cannot be followed.
    fn refer(&self, key: &[u8], row: Option<u32>) -> Result<OrgIndex, Unresolved> {
        match row {
            Some(r) => self
                .pos_of(r)
                .ok_or_else(|| Unresolved::Blamed(self.blame_of(r))),
            None => Err(self.known.unresolved("organization", key)),
        }
    }
}

fn load_orgs(dir: &Path, problems: &mut Sink) -> Orgs {
    let mut orgs = Orgs {
        known: Known::new(ORGS),
        ids: Interner::default(),
        line: Vec::new(),
        level: Vec::new(),
        established: Vec::new(),
        dissolved: Vec::new(),
        ok: Vec::new(),
        pos: Vec::new(),
        cause: Vec::new(),
        tree: None,
    };
    let Some(text) = csvio::open(dir, ORGS, ORG_COLS, problems) else {
        return orgs;
    };
    let mut fields_of: Vec<Option<OrganizationFields>> = Vec::new();
    let chunk = Chunk {
        start: text.body_start,
        end: text.bytes.len(),
        first_line: text.body_line,
    };
    let mut invalid = Vec::new();
    let rejected =
        csvio::for_each_record(&text, chunk, ORG_COLS, problems, |line, rec, problems| {
            let f = |i: usize| rec.get(i).unwrap_or_default();
            let p = |col: &str, rule: Rule, msg: String| Problem::new(ORGS, line, col, rule, msg);
            if let Err(m) = csvio::id(f(0), "organization") {
                problems.push(p("id", Rule::InvalidId, m));
                // References to it are blamed on this row, not reported missing.
                invalid.push((f(0).to_vec(), line));
                return;
            }
            let row = match orgs.ids.insert(f(0)) {
                Some(Ok(row)) => row,
                Some(Err(first)) => {
                    let first_line = orgs.line.get(first as usize).copied().unwrap_or(1);
                    let m = duplicate_message("organization", f(0), first_line);
                    problems.push(p("id", Rule::DuplicateId, m));
                    return;
                }
                None => {
                    problems.push(p(
                        "id",
                        Rule::TooManyRecords,
                        format!("more than {} organizations", NONE - 1),
                    ));
                    return;
                }
            };
            let mut ok = true;
            let mut bad = |col: &str, rule: Rule, msg: String| {
                problems.push(Problem::new(ORGS, line, col, rule, msg));
                ok = false;
            };
            let parent = parse_opt_id(f(1), "organization", "parent_id", &mut bad);
            let level = OrgLevel::parse_code(f(2))
                .map_err(|e| bad("level", Rule::UnknownCode, e.to_string()))
                .ok();
            let established = csvio::date(f(4))
                .map_err(|m| bad("established", Rule::InvalidDate, m))
                .ok();
            let dissolved = csvio::opt_date(f(5))
                .map_err(|m| bad("dissolved", Rule::InvalidDate, m))
                .ok()
                .flatten();
            let successor = parse_opt_id(f(6), "organization", "successor_id", &mut bad);
            let fields = match (level, established) {
                (Some(level), Some(established)) if ok => Some(OrganizationFields {
                    id: OrgId::trusted(csvio::text(f(0)).into_owned()),
                    parent,
                    level,
                    name: csvio::text(f(3)).into_owned(),
                    established,
                    dissolved,
                    successor,
                }),
                _ => None,
            };
            orgs.line.push(line);
            orgs.level.push(level);
            orgs.established.push(established);
            orgs.dissolved.push(dissolved);
            orgs.ok.push(fields.is_some());
            debug_assert_eq!(row as usize, fields_of.len());
            fields_of.push(fields);
        });
    orgs.known.readable = true;
    orgs.known.add_broken(rejected);
    orgs.known.add_broken(invalid);
    drop(text);

    // Single-organization rules, then the tree.
    let mut accepted = Vec::with_capacity(fields_of.len());
    let mut accepted_rows = Vec::with_capacity(fields_of.len());
    // By row: the parent's and the successor's rows (`NONE`: none named,
    // `MISSING`: named but not in the file).
    let mut parent_row = vec![NONE; fields_of.len()];
    let mut successor_row = vec![NONE; fields_of.len()];
    for (row, fields) in fields_of.into_iter().enumerate() {
        let Some(fields) = fields else { continue };
        let line = orgs.line.get(row).copied().unwrap_or(1);
        let row_of = |id: &OrgId| orgs.row(id.as_str().as_bytes()).unwrap_or(MISSING);
        if let (Some(parent), Some(slot)) = (&fields.parent, parent_row.get_mut(row)) {
            *slot = row_of(parent);
        }
        if let (Some(successor), Some(slot)) = (&fields.successor, successor_row.get_mut(row)) {
            *slot = row_of(successor);
        }
        match PartyOrganization::new(fields) {
            Ok(o) => {
                accepted.push(o);
                accepted_rows.push(row);
            }
            Err(e) => {
                if let ErrorKind::Organization { problem, .. } = e.kind() {
                    let col = match problem {
                        OrgProblem::BlankName => "name",
                        OrgProblem::DissolvedBeforeEstablished { .. } => "dissolved",
                        OrgProblem::OwnParent => "parent_id",
                        _ => "successor_id",
                    };
                    problems.push(Problem::new(ORGS, line, col, problem.rule(), e.to_string()));
                }
                if let Some(ok) = orgs.ok.get_mut(row) {
                    *ok = false;
                }
            }
        }
    }
    let all_ok = orgs.ok.iter().all(|&b| b);
    let whole = if all_ok {
        match OrgTree::new(accepted.clone()) {
            Ok(tree) => Some(tree),
            Err(e) => {
                if let ErrorKind::Tree(list) = e.kind() {
                    for t in list {
                        tree_problem(&orgs, t, problems);
                    }
                }
                None
            }
        }
    } else {
        // The tree's own rules still run over the rows that parsed.
        if let Err(e) = OrgTree::new(accepted.clone())
            && let ErrorKind::Tree(list) = e.kind()
        {
            for t in list {
                tree_problem(&orgs, t, problems);
            }
        }
        None
    };
    let tree = match whole {
        Some(tree) => {
            orgs.cause = vec![NONE; orgs.ids.len()];
            Some(tree)
        }
        None => {
            // The part of the tree that no broken row touches: the checks
            // against the tree still run there, and every row that hangs
            // below a broken one is counted against it.
            orgs.cause = hidden_by(&orgs, &parent_row, &successor_row);
            let healthy: Vec<PartyOrganization> = accepted
                .into_iter()
                .zip(&accepted_rows)
                .filter(|(_, r)| orgs.cause.get(**r) == Some(&NONE))
                .map(|(o, _)| o)
                .collect();
            if healthy.is_empty() {
                // No root to hang anything from: every row is counted
                // against the row it hangs from, already reported.
                None
            } else {
                match OrgTree::new(healthy) {
                    Ok(tree) => Some(tree),
                    Err(e) => {
                        // Not expected: the healthy part is a tree by
                        // construction. Said rather than skipped.
                        problems.push(Problem::new(
                            ORGS,
                            1,
                            "*",
                            Rule::NotChecked,
                            format!("the rows without problems do not form a tree either, so nothing was checked against the tree: {e}"),
                        ));
                        None
                    }
                }
            }
        }
    };
    if let Some(tree) = &tree {
        orgs.pos = (0..orgs.ids.len())
            .map(|r| {
                std::str::from_utf8(orgs.ids.key(r as u32))
                    .ok()
                    .and_then(|k| tree.index_of(k))
                    .map_or(NONE, |i| i.0)
            })
            .collect();
    } else {
        orgs.pos = vec![NONE; orgs.ids.len()];
    }
    orgs.tree = tree;
    orgs
}

/// For each organization row, the row of the broken organization that keeps
/// it out of the tree (itself, an ancestor, or a member of the cycle it
/// hangs from), or `NONE` for a row in the healthy part of the forest: the
/// roots (of any level) and what hangs below them through rows without
/// problems.
fn hidden_by(orgs: &Orgs, parent_row: &[u32], successor_row: &[u32]) -> Vec<u32> {
    let mut cause = walk_up(orgs, parent_row);
    // A successor must be in the tree too: a row whose successor is not
    // breaks, and hides what hangs below it. Each row leaves the healthy
    // part at most once, so this is linear.
    let n = cause.len();
    let mut children: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut named_by: Vec<Vec<u32>> = vec![Vec::new(); n];
    for r in 0..n {
        if let Some(list) = parent_row
            .get(r)
            .and_then(|&p| children.get_mut(p as usize))
        {
            list.push(r as u32);
        }
        if let Some(list) = successor_row
            .get(r)
            .and_then(|&s| named_by.get_mut(s as usize))
        {
            list.push(r as u32);
        }
    }
    let healthy = |cause: &[u32], r: usize| cause.get(r) == Some(&NONE);
    let mut work: Vec<u32> = (0..n)
        .filter(|&r| {
            healthy(&cause, r)
                && match successor_row.get(r).copied().unwrap_or(NONE) {
                    NONE => false,
                    s => !healthy(&cause, s as usize),
                }
        })
        .map(|r| r as u32)
        .collect();
    let mut hide = Vec::new();
    while let Some(r) = work.pop() {
        if !healthy(&cause, r as usize) {
            continue;
        }
        // r breaks; what hangs below it is hidden by it.
        hide.push(r);
        while let Some(x) = hide.pop() {
            if let Some(c) = cause.get_mut(x as usize) {
                *c = r;
            }
            for &k in children
                .get(x as usize)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if healthy(&cause, k as usize) {
                    hide.push(k);
                }
            }
            for &y in named_by
                .get(x as usize)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if healthy(&cause, y as usize) {
                    work.push(y);
                }
            }
        }
    }
    cause
}

/// [`hidden_by`] through the parent links alone.
fn walk_up(orgs: &Orgs, parent_row: &[u32]) -> Vec<u32> {
    const UNKNOWN: u32 = NONE - 1;
    let n = orgs.ids.len();
    let ok = |r: usize| orgs.ok.get(r).copied().unwrap_or(false);
    let level = |r: usize| orgs.level.get(r).copied().flatten();
    let mut cause = vec![UNKNOWN; n];
    let mut path = Vec::new();
    for start in 0..n {
        path.clear();
        let mut r = start;
        // Walk up until a row whose state is known, or that decides it.
        let found = loop {
            match cause.get(r).copied() {
                Some(c) if c != UNKNOWN => break c,
                None => break NONE,
                _ => {}
            }
            if path.contains(&r) {
                // A cycle: its smallest row stands for it.
                let at = path.iter().position(|&x| x == r).unwrap_or(0);
                let first = path
                    .get(at..)
                    .and_then(|c| c.iter().min().copied())
                    .unwrap_or(r);
                break first as u32;
            }
            path.push(r);
            if !ok(r) {
                break r as u32;
            }
            let p = parent_row.get(r).copied().unwrap_or(NONE);
            if p == NONE {
                // A root, of any level (a forest: a province may stand alone).
                break NONE;
            }
            if p == MISSING {
                break r as u32;
            }
            let fits = match (level(p as usize), level(r)) {
                (Some(pl), Some(l)) => pl.may_have_child(l),
                _ => false,
            };
            if !fits {
                break r as u32;
            }
            r = p as usize;
        };
        for &x in &path {
            if let Some(c) = cause.get_mut(x)
                && *c == UNKNOWN
            {
                *c = found;
            }
        }
    }
    cause
}

/// Locates one tree problem on the rows it involves. Problems caused by a
/// row already refused (a parent whose row had a bad date, say) are not
/// repeated. A problem that involves many rows is written out once, on the
/// first of them, and the others point to it, so that the messages grow
/// linearly with the dataset.
fn tree_problem(orgs: &Orgs, t: &TreeProblem, problems: &mut Sink) {
    let line_of = |id: &OrgId| {
        orgs.row(id.as_str().as_bytes())
            .and_then(|r| orgs.line.get(r as usize).copied())
            .unwrap_or(1)
    };
    let refused = |id: &OrgId| {
        orgs.row(id.as_str().as_bytes())
            .is_some_and(|r| !orgs.ok.get(r as usize).copied().unwrap_or(false))
    };
    let rule = t.rule();
    let mut push = |line: u64, col: &str, msg: String| {
        problems.push(Problem::new(ORGS, line, col, rule, msg));
    };
    let msg = t.to_string();
    match t {
        TreeProblem::TooMany { .. } => push(1, "*", msg),
        TreeProblem::Cycle(ids) => {
            let mut lines: Vec<u64> = ids.iter().map(line_of).collect();
            lines.sort_unstable();
            let Some((&first, rest)) = lines.split_first() else {
                return;
            };
            push(first, "parent_id", msg);
            for &line in rest {
                push(
                    line,
                    "parent_id",
                    format!("is part of the parent cycle reported on line {first}"),
                );
            }
        }
        TreeProblem::LevelOrder { id, .. } => push(line_of(id), "level", msg),
        TreeProblem::UnknownParent { id, parent } => {
            if !refused(parent) {
                push(line_of(id), "parent_id", msg);
            }
        }
        TreeProblem::UnknownSuccessor { id, successor } => {
            if !refused(successor) {
                push(line_of(id), "successor_id", msg);
            }
        }
        TreeProblem::DuplicateId { id, .. } => push(line_of(id), "id", msg),
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

// ---------------------------------------------------------------------------
// Parallel chunked parsing of the large files.

/// Parses the rows of `text` on `threads` threads; `parse` turns one chunk
/// into a partial result, which are returned in file order.
fn parallel_chunks<T: Send>(
    text: &FileText,
    options: LoadOptions,
    parse: impl Fn(Chunk, &mut Sink) -> T + Sync,
) -> Vec<(T, Sink)> {
    let chunks = csvio::chunks(text, options.threads);
    let run = |c: Chunk| {
        let mut problems = Sink::new(options.max_problems);
        let r = parse(c, &mut problems);
        (r, problems)
    };
    if chunks.len() == 1 {
        return chunks.into_iter().map(run).collect();
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|&c| {
                let run = &run;
                s.spawn(move || run(c))
            })
            .collect();
        // A failed thread is a bug: resume its panic as it was.
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Raw ids of a chunk: bytes in one arena.
#[derive(Default)]
struct RawIds {
    arena: Vec<u8>,
    ends: Vec<usize>,
}

impl RawIds {
    fn push(&mut self, id: &[u8]) {
        self.arena.extend_from_slice(id);
        self.ends.push(self.arena.len());
    }

    fn reserve(&mut self, n: usize) {
        self.ends.reserve(n);
        self.arena.reserve(n * 12);
    }

    fn key(&self, i: usize) -> &[u8] {
        let start = if i == 0 {
            0
        } else {
            self.ends.get(i - 1).copied().unwrap_or(0)
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.arena.get(start..end).unwrap_or_default()
    }

    fn append(&mut self, other: RawIds) {
        let base = self.arena.len();
        if self.arena.is_empty() {
            self.arena = other.arena;
            self.ends = other.ends;
            return;
        }
        self.arena.extend_from_slice(&other.arena);
        self.ends.extend(other.ends.into_iter().map(|e| e + base));
    }
}

/// Interns the ids of a file read in chunks, reporting duplicates with
/// both lines.
fn intern(
    ids: RawIds,
    threads: usize,
    lines: &[u64],
    file: &str,
    entity: &str,
    problems: &mut Sink,
) -> Interner {
    let (interner, dups) = Interner::from_keys(ids.arena, ids.ends, threads);
    for (row, first) in dups {
        let line = lines.get(row as usize).copied().unwrap_or(1);
        let first_line = lines.get(first as usize).copied().unwrap_or(1);
        problems.push(Problem::new(
            file,
            line,
            "id",
            Rule::DuplicateId,
            duplicate_message(entity, interner.key(row), first_line),
        ));
    }
    interner
}

// ---------------------------------------------------------------------------
// members.csv

#[derive(Default)]
struct Members {
    known: Known,
    ids: Interner,
    line: Vec<u64>,
    org_pos: Vec<u32>,
    /// `None` only on a row with a problem.
    admitted: Vec<Option<NaiveDate>>,
    official: Vec<Option<NaiveDate>>,
    left: Vec<Option<NaiveDate>>,
    reason: Vec<Option<LeftReason>>,
    names: Vec<String>,
    ok: Vec<bool>,
    /// The rows kept out of the checks by a broken organization row
    /// (empty on a valid dataset); other rows that are not `ok` are to blame
    /// themselves.
    hidden: std::collections::HashMap<u32, Blame>,
}

impl Members {
    /// Whether row `m` can be checked against.
    fn ok(&self, m: usize) -> bool {
        self.ok.get(m).copied().unwrap_or(false)
    }

    /// The row to blame for a check that cannot use row `m`.
    fn blame_of(&self, m: usize) -> Blame {
        self.hidden
            .get(&(m as u32))
            .copied()
            .unwrap_or((MEMBERS, self.line.get(m).copied().unwrap_or(1)))
    }
}

#[derive(Default)]
struct MemberChunk {
    broken: Vec<(Vec<u8>, u64)>,
    ids: RawIds,
    org_keys: RawIds,
    line: Vec<u64>,
    admitted: Vec<Option<NaiveDate>>,
    official: Vec<Option<NaiveDate>>,
    left: Vec<Option<NaiveDate>>,
    reason: Vec<Option<LeftReason>>,
    names: Vec<String>,
    ok: Vec<bool>,
}

fn load_members(
    dir: &Path,
    options: LoadOptions,
    orgs: &Orgs,
    problems: &mut Sink,
    unchecked: &mut Unchecked,
) -> Members {
    let mut out = Members {
        known: Known::new(MEMBERS),
        ..Members::default()
    };
    let Some(text) = csvio::open(dir, MEMBERS, MEMBER_COLS, problems) else {
        return out;
    };
    out.known.readable = true;
    let parts = parallel_chunks(&text, options, |chunk, problems| {
        let mut c = MemberChunk::default();
        let n = csvio::rows_hint(&text, chunk);
        c.ids.reserve(n);
        c.org_keys.reserve(n);
        c.line.reserve(n);
        c.admitted.reserve(n);
        c.official.reserve(n);
        c.left.reserve(n);
        c.ok.reserve(n);
        let refused = csvio::for_each_record(
            &text,
            chunk,
            MEMBER_COLS,
            problems,
            |line, rec, problems| {
                let f = |i: usize| rec.get(i).unwrap_or_default();
                if let Err(m) = csvio::id(f(0), "member") {
                    problems.push(Problem::new(MEMBERS, line, "id", Rule::InvalidId, m));
                    // References to it are blamed on this row, not reported missing.
                    c.broken.push((f(0).to_vec(), line));
                    return;
                }
                let ok = std::cell::Cell::new(true);
                let mut bad = |col: &str, rule: Rule, msg: String| {
                    problems.push(Problem::new(MEMBERS, line, col, rule, msg));
                    ok.set(false);
                };
                // The organization is resolved for the whole file at once, below.
                c.org_keys.push(f(1));
                if is_blank(&csvio::text(f(2))) {
                    let p = MemberProblem::BlankName;
                    bad(
                        "full_name",
                        p.rule(),
                        format!("member {}: {p}", csvio::text(f(0))),
                    );
                }
                let admitted = csvio::date(f(3))
                    .map_err(|m| bad("admitted", Rule::InvalidDate, m))
                    .ok();
                let official =
                    csvio::opt_date(f(4)).map_err(|m| bad("official", Rule::InvalidDate, m));
                let left = csvio::opt_date(f(5)).map_err(|m| bad("left", Rule::InvalidDate, m));
                // The membership rules apply once every date and the reason parse.
                let parsed = official.is_ok() && left.is_ok();
                let (official, left) = (official.ok().flatten(), left.ok().flatten());
                let reason = if f(6).is_empty() {
                    None
                } else {
                    LeftReason::parse_code(f(6))
                        .map_err(|e| bad("left_reason", Rule::UnknownCode, e.to_string()))
                        .ok()
                };
                if let Some(admitted) = admitted
                    && parsed
                    && (f(6).is_empty() || reason.is_some())
                    && let Some(problem) = check_membership(admitted, official, left, reason)
                {
                    let col = match problem {
                        MemberProblem::OfficialBeforeProbationEnds { .. }
                        | MemberProblem::OfficialAfterLeaving { .. } => "official",
                        MemberProblem::AdmissionOutOfRange(_) => "admitted",
                        MemberProblem::LeftBeforeAdmitted { .. }
                        | MemberProblem::ReasonWithoutLeaving(_) => "left",
                        _ => "left_reason",
                    };
                    bad(
                        col,
                        problem.rule(),
                        format!("member {}: {problem}", csvio::text(f(0))),
                    );
                }
                c.ids.push(f(0));
                c.line.push(line);
                c.admitted.push(admitted);
                c.official.push(official);
                c.left.push(left);
                if options.model {
                    c.reason.push(reason);
                    c.names.push(csvio::text(f(2)).into_owned());
                }
                c.ok.push(ok.get());
            },
        );
        c.broken.extend(refused);
        c
    });
    drop(text);
    let mut ids = RawIds::default();
    let mut org_keys = RawIds::default();
    for (c, chunk_problems) in parts {
        problems.append(chunk_problems);
        out.known.add_broken(c.broken);
        ids.append(c.ids);
        org_keys.append(c.org_keys);
        out.line.extend(c.line);
        out.admitted.extend(c.admitted);
        out.official.extend(c.official);
        out.left.extend(c.left);
        out.reason.extend(c.reason);
        out.names.extend(c.names);
        out.ok.extend(c.ok);
    }
    out.ids = intern(ids, options.threads, &out.line, MEMBERS, "member", problems);
    // Each member's organization, resolved in cache-sized batches.
    let org_rows = orgs
        .ids
        .get_many(&org_keys.arena, &org_keys.ends, options.threads, |_| true);
    out.org_pos = Vec::with_capacity(org_rows.len());
    for (i, &r) in org_rows.iter().enumerate() {
        let line = out.line.get(i).copied().unwrap_or(1);
        let key = org_keys.key(i);
        let row = (r != NONE).then_some(r);
        let mut own_problem = false;
        if let Some(level) = row.and_then(|r| orgs.level.get(r as usize).copied().flatten())
            && !level.holds_members()
        {
            problems.push(Problem::new(
                MEMBERS,
                line,
                "org_id",
                Rule::MemberOrgLevel,
                format!(
                    "organization {} is a {level}; members belong to a grassroots, partial or cell organization",
                    quoted(&csvio::text(key))
                ),
            ));
            own_problem = true;
        }
        let pos = match orgs.refer(key, row) {
            Ok(pos) => Some(pos),
            Err(Unresolved::Missing(m)) => {
                problems.push(Problem::new(
                    MEMBERS,
                    line,
                    "org_id",
                    Rule::UnknownReference,
                    m,
                ));
                own_problem = true;
                None
            }
            Err(Unresolved::Blamed(blame)) => {
                unchecked.note(blame, MEMBERS);
                if out.ok(i) {
                    out.hidden.insert(i as u32, blame);
                }
                None
            }
        };
        if (own_problem || pos.is_none())
            && let Some(ok) = out.ok.get_mut(i)
        {
            *ok = false;
        }
        out.org_pos.push(pos.map_or(NONE, |p| p.0));
    }
    out
}

// ---------------------------------------------------------------------------
// oversight.csv

#[derive(Default)]
struct Oversight {
    known: Known,
    ids: Interner,
    line: Vec<u64>,
    /// `None` only on a row with a problem.
    kind: Vec<Option<OversightKind>>,
    body_kind: Vec<Option<BodyKind>>,
    body_pos: Vec<u32>,
    started: Vec<Option<NaiveDate>>,
    concluded: Vec<Option<NaiveDate>>,
    ok: Vec<bool>,
    /// The rows kept out of the checks by a broken organization row (empty
    /// on a valid dataset); other rows that are not `ok` are to blame
    /// themselves.
    hidden: std::collections::HashMap<u32, Blame>,
}

impl Oversight {
    /// Whether row `o` can be checked against.
    fn ok(&self, o: usize) -> bool {
        self.ok.get(o).copied().unwrap_or(false)
    }

    /// The row to blame for a check that cannot use row `o`.
    fn blame_of(&self, o: usize) -> Blame {
        self.hidden
            .get(&(o as u32))
            .copied()
            .unwrap_or((OVERSIGHT, self.line.get(o).copied().unwrap_or(1)))
    }
}

#[derive(Default)]
struct OversightChunk {
    broken: Vec<(Vec<u8>, u64)>,
    ids: RawIds,
    body_keys: RawIds,
    line: Vec<u64>,
    kind: Vec<Option<OversightKind>>,
    body_kind: Vec<Option<BodyKind>>,
    started: Vec<Option<NaiveDate>>,
    concluded: Vec<Option<NaiveDate>>,
    ok: Vec<bool>,
}

fn body_column(p: &BodyProblem) -> &'static str {
    match p {
        BodyProblem::NoCommission(_) => "body",
        _ => "body_org_id",
    }
}

fn load_oversight(
    dir: &Path,
    options: LoadOptions,
    orgs: &Orgs,
    tree: Option<&OrgTree>,
    problems: &mut Sink,
    unchecked: &mut Unchecked,
) -> Oversight {
    let mut out = Oversight {
        known: Known::new(OVERSIGHT),
        ..Oversight::default()
    };
    let Some(text) = csvio::open(dir, OVERSIGHT, OVERSIGHT_COLS, problems) else {
        return out;
    };
    out.known.readable = true;
    let parts = parallel_chunks(&text, options, |chunk, problems| {
        let mut c = OversightChunk::default();
        let n = csvio::rows_hint(&text, chunk);
        c.ids.reserve(n);
        c.body_keys.reserve(n);
        c.line.reserve(n);
        c.kind.reserve(n);
        c.body_kind.reserve(n);
        c.started.reserve(n);
        c.concluded.reserve(n);
        c.ok.reserve(n);
        let refused = csvio::for_each_record(
            &text,
            chunk,
            OVERSIGHT_COLS,
            problems,
            |line, rec, problems| {
                let f = |i: usize| rec.get(i).unwrap_or_default();
                if let Err(m) = csvio::id(f(0), "inspection") {
                    problems.push(Problem::new(OVERSIGHT, line, "id", Rule::InvalidId, m));
                    // References to it are blamed on this row, not reported missing.
                    c.broken.push((f(0).to_vec(), line));
                    return;
                }
                let mut ok = true;
                let mut bad = |col: &str, rule: Rule, msg: String| {
                    problems.push(Problem::new(OVERSIGHT, line, col, rule, msg));
                    ok = false;
                };
                let kind = match OversightKind::from_code_bytes(f(1), f(2)) {
                    Ok(k) => Some(k),
                    Err(e) => {
                        let col = if Activity::from_code_bytes(f(1)).is_some() {
                            "kind"
                        } else {
                            "activity"
                        };
                        bad(col, Rule::UnknownCode, e.to_string());
                        None
                    }
                };
                let body = BodyKind::parse_code(f(3))
                    .map_err(|e| bad("body", Rule::UnknownCode, e.to_string()))
                    .ok();
                // The body's organization is resolved for the whole file at once, below.
                c.body_keys.push(f(4));
                let started = csvio::date(f(5))
                    .map_err(|m| bad("started", Rule::InvalidDate, m))
                    .ok();
                let concluded = csvio::opt_date(f(6))
                    .map_err(|m| bad("concluded", Rule::InvalidDate, m))
                    .ok()
                    .flatten();
                if let Some(s) = started
                    && let Some(p) = check_dates(s, concluded)
                {
                    bad(
                        "concluded",
                        p.rule(),
                        format!("inspection {}: {p}", csvio::text(f(0))),
                    );
                }
                c.ids.push(f(0));
                c.line.push(line);
                c.kind.push(kind);
                c.body_kind.push(body);
                c.started.push(started);
                c.concluded.push(concluded);
                c.ok.push(ok);
            },
        );
        c.broken.extend(refused);
        c
    });
    drop(text);
    let mut ids = RawIds::default();
    let mut body_keys = RawIds::default();
    for (c, chunk_problems) in parts {
        problems.append(chunk_problems);
        out.known.add_broken(c.broken);
        ids.append(c.ids);
        body_keys.append(c.body_keys);
        out.line.extend(c.line);
        out.kind.extend(c.kind);
        out.body_kind.extend(c.body_kind);
        out.started.extend(c.started);
        out.concluded.extend(c.concluded);
        out.ok.extend(c.ok);
    }
    out.ids = intern(
        ids,
        options.threads,
        &out.line,
        OVERSIGHT,
        "inspection",
        problems,
    );
    // The bodies, resolved in cache-sized batches, then checked.
    let rows = orgs
        .ids
        .get_many(&body_keys.arena, &body_keys.ends, options.threads, |_| true);
    out.body_pos = Vec::with_capacity(rows.len());
    for (i, &r) in rows.iter().enumerate() {
        let line = out.line.get(i).copied().unwrap_or(1);
        let key = body_keys.key(i);
        let mut found = Vec::new();
        let row = (r != NONE).then_some(r);
        let pos = match orgs.refer(key, row) {
            Ok(pos) => Some(pos),
            Err(Unresolved::Missing(m)) => {
                let column = "body_org_id";
                problems.push(Problem::new(
                    OVERSIGHT,
                    line,
                    column,
                    Rule::UnknownReference,
                    m,
                ));
                None
            }
            Err(Unresolved::Blamed(blame)) => {
                unchecked.note(blame, OVERSIGHT);
                if out.ok(i) {
                    out.hidden.insert(i as u32, blame);
                }
                None
            }
        };
        let kind = out.body_kind.get(i).copied().flatten();
        let started = out.started.get(i).copied().flatten();
        if let (Some(tree), Some(at), Some(kind), Some(started)) = (tree, pos, kind, started) {
            check_body_at(
                tree,
                at,
                kind,
                started,
                BodyAct::Oversight,
                || Body {
                    kind,
                    org: org_id_lossy(key),
                },
                &mut found,
            );
        }
        if (pos.is_none() || !found.is_empty())
            && let Some(ok) = out.ok.get_mut(i)
        {
            *ok = false;
        }
        for p in found {
            problems.push(Problem::new(
                OVERSIGHT,
                line,
                body_column(&p),
                p.rule(),
                p.to_string(),
            ));
        }
        out.body_pos.push(pos.map_or(NONE, |p| p.0));
    }
    out
}

/// An id from a field already checked (or a placeholder for messages).
fn org_id_lossy(field: &[u8]) -> OrgId {
    OrgId::trusted(csvio::text(field).into_owned())
}

fn member_id_lossy(field: &[u8]) -> MemberId {
    MemberId::trusted(csvio::text(field).into_owned())
}

// ---------------------------------------------------------------------------
// oversight_subjects.csv

#[derive(Default)]
struct Subjects {
    oversight: Vec<u32>,
    flags: Vec<u8>,
    target: Vec<u32>,
    indicators: Vec<IndicatorSet>,
    handled: Vec<Option<NaiveDate>>,
    line: Vec<u64>,
}

/// What pass 1 keeps of a subject row.
#[derive(Default)]
struct SubjectChunk {
    rows: Subjects,
    keys: RawIds,
    /// 0 organization, 1 member, 2 unknown type.
    kind: Vec<u8>,
    /// The row's fields parsed without a problem.
    ok: Vec<bool>,
    /// The rows of oversight.csv refused whole that rows here point to.
    blamed: Vec<Blame>,
}

const SUBJ_ORG: u8 = 0;
const SUBJ_MEMBER: u8 = 1;
const SUBJ_UNKNOWN: u8 = 2;

#[allow(clippy::too_many_arguments)]
fn load_subjects(
    dir: &Path,
    options: LoadOptions,
    orgs: &Orgs,
    tree: Option<&OrgTree>,
    members: &Members,
    oversight: &Oversight,
    problems: &mut Sink,
    unchecked: &mut Unchecked,
) -> Subjects {
    let Some(text) = csvio::open(dir, SUBJECTS, SUBJECT_COLS, problems) else {
        return Subjects::default();
    };
    // Pass 1, in parallel chunks: each row on its own.
    let parts = parallel_chunks(&text, options, |chunk, problems| {
        let mut c = SubjectChunk::default();
        let n = csvio::rows_hint(&text, chunk);
        c.keys.reserve(n);
        c.kind.reserve(n);
        c.ok.reserve(n);
        c.rows.oversight.reserve(n);
        c.rows.flags.reserve(n);
        c.rows.line.reserve(n);
        c.rows.handled.reserve(n);
        let mut last: (Vec<u8>, Option<u32>) = (Vec::new(), None);
        csvio::for_each_record(
            &text,
            chunk,
            SUBJECT_COLS,
            problems,
            |line, rec, problems| {
                let f = |i: usize| rec.get(i).unwrap_or_default();
                // Rows of one inspection usually follow each other: look each id up once.
                let o = if last.0 == f(0) {
                    last.1
                } else {
                    // Subjects usually come in the order of their inspections:
                    // try the next inspection before hashing.
                    let next = last.1.map(|i| i + 1).filter(|&i| {
                        (i as usize) < oversight.ids.len() && oversight.ids.key(i) == f(0)
                    });
                    let o = next.or_else(|| oversight.ids.get(f(0)));
                    last.0.clear();
                    last.0.extend_from_slice(f(0));
                    last.1 = o;
                    o
                };
                let mut ok = true;
                let mut bad = |col: &str, rule: Rule, msg: String| {
                    problems.push(Problem::new(SUBJECTS, line, col, rule, msg));
                    ok = false;
                };
                if o.is_none() {
                    match oversight.known.unresolved("inspection", f(0)) {
                        Unresolved::Missing(m) => bad("oversight_id", Rule::UnknownReference, m),
                        // Its inspection's row was refused whole.
                        Unresolved::Blamed(blame) => c.blamed.push(blame),
                    }
                }
                let kind = match SubjectType::parse_code(f(1)) {
                    Ok(SubjectType::Organization) => SUBJ_ORG,
                    Ok(SubjectType::Member) => SUBJ_MEMBER,
                    Err(e) => {
                        bad("subject_type", Rule::UnknownCode, e.to_string());
                        SUBJ_UNKNOWN
                    }
                };
                let violation = match f(3) {
                    b"" => None,
                    b"true" => Some(true),
                    b"false" => Some(false),
                    _ => {
                        bad(
                            "violation",
                            Rule::InvalidFlag,
                            format!("{} is not true, false or empty", quoted(&csvio::text(f(3)))),
                        );
                        None
                    }
                };
                let indicators = match std::str::from_utf8(f(4)).map(str::parse::<IndicatorSet>) {
                    Ok(Ok(set)) => set,
                    Ok(Err(e)) => {
                        bad("indicators", Rule::InvalidIndicators, e.to_string());
                        IndicatorSet::new()
                    }
                    Err(_) => IndicatorSet::new(),
                };
                let handled = csvio::opt_date(f(5))
                    .map_err(|m| bad("handled", Rule::InvalidDate, m))
                    .ok()
                    .flatten();
                if violation != Some(true) && !indicators.is_empty() {
                    bad(
                        "indicators",
                        Rule::FindingWithoutViolation,
                        "indicators are given only with violation = true".into(),
                    );
                }
                if violation != Some(true) && handled.is_some() {
                    bad(
                        "handled",
                        Rule::FindingWithoutViolation,
                        "a handling date is given only with violation = true".into(),
                    );
                }
                let mut flags = 0;
                if kind == SUBJ_MEMBER {
                    flags |= S_MEMBER;
                }
                if violation == Some(true) {
                    flags |= S_VIOLATION;
                }
                if violation.is_some() {
                    flags |= S_CONCLUDED;
                }
                if handled.is_some() {
                    flags |= S_HANDLED;
                }
                c.keys.push(f(2));
                c.kind.push(kind);
                c.ok.push(ok);
                c.rows.oversight.push(o.unwrap_or(NONE));
                c.rows.flags.push(flags);
                c.rows.line.push(line);
                c.rows.handled.push(handled);
                if options.model {
                    c.rows.indicators.push(indicators);
                }
            },
        );
        c
    });
    drop(text);
    let mut out = Subjects::default();
    let mut keys = RawIds::default();
    let mut kind = Vec::new();
    let mut ok = Vec::new();
    for (c, chunk_problems) in parts {
        problems.append(chunk_problems);
        keys.append(c.keys);
        kind.extend(c.kind);
        ok.extend(c.ok);
        for blame in c.blamed {
            unchecked.note(blame, SUBJECTS);
        }
        out.oversight.extend(c.rows.oversight);
        out.flags.extend(c.rows.flags);
        out.line.extend(c.rows.line);
        out.handled.extend(c.rows.handled);
        out.indicators.extend(c.rows.indicators);
    }

    // Resolve the subjects, members and organizations each in cache-sized
    // batches.
    let member_rows = members
        .ids
        .get_many(&keys.arena, &keys.ends, options.threads, |i| {
            kind.get(i) == Some(&SUBJ_MEMBER)
        });
    let org_rows = orgs
        .ids
        .get_many(&keys.arena, &keys.ends, options.threads, |i| {
            kind.get(i) == Some(&SUBJ_ORG)
        });
    out.target = member_rows;
    for (i, target) in out.target.iter_mut().enumerate() {
        let line = out.line.get(i).copied().unwrap_or(1);
        let key = keys.key(i);
        let mut bad = |col: &str, rule: Rule, msg: String| {
            problems.push(Problem::new(SUBJECTS, line, col, rule, msg));
        };
        match kind.get(i).copied() {
            Some(SUBJ_ORG) => {
                let row = org_rows.get(i).copied().filter(|&r| r != NONE);
                // A blamed organization is counted with the row's other
                // causes, in pass 2.
                match orgs.refer(key, row) {
                    Ok(pos) => *target = pos.0,
                    Err(why) => {
                        why.report("subject_id", &mut bad);
                    }
                }
            }
            Some(SUBJ_MEMBER) if *target == NONE => {
                let why = members.known.unresolved("member", key);
                if let Some(blame) = why.report("subject_id", &mut bad) {
                    unchecked.note(blame, SUBJECTS);
                }
            }
            _ => {}
        }
    }
    // Pass 2, in parallel: the rules between a subject and its inspection.
    let n = out.line.len();
    let threads = if n < 100_000 {
        1
    } else {
        options.threads.max(1)
    };
    let check = |range: std::ops::Range<usize>| {
        let mut found = Sink::new(options.max_problems);
        let mut hidden = Unchecked::default();
        for i in range {
            if ok.get(i).copied().unwrap_or(false) {
                subject_rules(
                    i,
                    &out,
                    &keys,
                    &kind,
                    tree,
                    (orgs, &org_rows),
                    members,
                    oversight,
                    &mut found,
                    &mut hidden,
                );
            }
        }
        (found, hidden)
    };
    for (found, hidden) in super::par::ranges(n, threads, check) {
        problems.append(found);
        unchecked.append(hidden);
    }
    if !options.model {
        out.handled = Vec::new();
    }
    duplicate_subjects(&out, &keys, oversight.ids.len(), problems);
    out
}

/// The rules of one subject row that involve its inspection, its subject
/// and the tree. Each check that cannot run because a row it needs is
/// broken is counted against that row.
#[allow(clippy::too_many_arguments)]
fn subject_rules(
    i: usize,
    s: &Subjects,
    keys: &RawIds,
    kind: &[u8],
    tree: Option<&OrgTree>,
    targets: (&Orgs, &[u32]),
    members: &Members,
    oversight: &Oversight,
    problems: &mut Sink,
    unchecked: &mut Unchecked,
) {
    let line = s.line.get(i).copied().unwrap_or(1);
    let key = keys.key(i);
    let is_member = kind.get(i) == Some(&SUBJ_MEMBER);
    let target = s.target.get(i).copied().unwrap_or(NONE);
    // The rows that keep this one from being checked, each counted once.
    let mut blames: Vec<Blame> = Vec::new();
    let (orgs, org_rows) = targets;
    if kind.get(i) == Some(&SUBJ_ORG)
        && target == NONE
        && let Some(&r) = org_rows.get(i).filter(|&&r| r != NONE)
    {
        blames.push(orgs.blame_of(r));
    }
    if is_member && target != NONE && !members.ok(target as usize) {
        blames.push(members.blame_of(target as usize));
    }
    let o = s.oversight.get(i).copied().unwrap_or(NONE);
    let started = match o {
        // A missing inspection is reported, one refused whole counted, in
        // pass 1.
        NONE => None,
        o if !oversight.ok(o as usize) => {
            blames.push(oversight.blame_of(o as usize));
            None
        }
        o => oversight.started.get(o as usize).copied().flatten(),
    };
    if !blames.is_empty() {
        unchecked.note_row(&mut blames, SUBJECTS);
    }
    let Some(started) = started else { return };
    let o = o as usize;
    let subject = || {
        if is_member {
            Subject::Member(member_id_lossy(key))
        } else {
            Subject::Organization(org_id_lossy(key))
        }
    };
    let flags = s.flags.get(i).copied().unwrap_or(0);
    let concluded = oversight.concluded.get(o).copied().flatten();
    let handled = s.handled.get(i).copied().flatten();
    if let Some(p) = check_finding(
        started,
        concluded,
        flags & S_CONCLUDED != 0,
        handled,
        subject,
    ) {
        let col = match p {
            InspectionProblem::HandledBeforeStarted { .. } => "handled",
            _ => "violation",
        };
        let inspection = csvio::text(oversight.ids.key(o as u32));
        problems.push(Problem::new(
            SUBJECTS,
            line,
            col,
            p.rule(),
            format!("inspection {inspection}: {p}"),
        ));
    }
    let (Some(tree), Some(body_at), Some(body_kind)) = (
        tree,
        oversight
            .body_pos
            .get(o)
            .copied()
            .filter(|&p| p != NONE)
            .map(OrgIndex),
        oversight.body_kind.get(o).copied().flatten(),
    ) else {
        // A usable inspection has its body in the tree: not reached.
        return;
    };
    if target == NONE || !blames.is_empty() {
        // Reported or counted above.
        return;
    }
    let subject_at = if is_member {
        let m = target as usize;
        let (Some(&org), Some(admitted)) = (
            members.org_pos.get(m).filter(|&&p| p != NONE),
            members.admitted.get(m).copied().flatten(),
        ) else {
            // A usable member has both: not reached.
            return;
        };
        SubjectAt::Member {
            org: OrgIndex(org),
            admitted,
            left: members.left.get(m).copied().flatten(),
        }
    } else {
        SubjectAt::Org(OrgIndex(target))
    };
    let describe = || {
        let org = tree
            .org(body_at)
            .map(|o| o.id().clone())
            .unwrap_or_else(|| org_id_lossy(b"?"));
        (
            subject(),
            Body {
                kind: body_kind,
                org,
            },
        )
    };
    if let Some(p) = check_subject_at(tree, body_at, subject_at, started, false, describe) {
        problems.push(Problem::new(
            SUBJECTS,
            line,
            "subject_id",
            p.rule(),
            p.to_string(),
        ));
    }
}

/// Reports every subject listed twice for one inspection: rows are bucketed
/// by inspection (a counting sort, linear), then each small bucket is
/// sorted.
fn duplicate_subjects(s: &Subjects, keys: &RawIds, n_oversight: usize, problems: &mut Sink) {
    let mut start = vec![0u32; n_oversight + 1];
    for &o in &s.oversight {
        if let Some(c) = start.get_mut(o as usize + 1) {
            *c += 1;
        }
    }
    for i in 0..n_oversight {
        let (a, b) = (start[i], start[i + 1]);
        start[i + 1] = a + b;
    }
    let mut next = start.clone();
    let mut rows = vec![0u32; start.last().copied().unwrap_or(0) as usize];
    for (r, &o) in s.oversight.iter().enumerate() {
        if let Some(slot) = next.get_mut(o as usize)
            && let Some(cell) = rows.get_mut(*slot as usize)
        {
            *cell = r as u32;
            *slot += 1;
        }
    }
    let mut bucket: Vec<(u8, u32, u64, usize)> = Vec::new();
    for i in 0..n_oversight {
        let range = start[i] as usize..start[i + 1] as usize;
        if range.len() < 2 {
            continue;
        }
        bucket.clear();
        for &r in rows.get(range).unwrap_or_default() {
            let r = r as usize;
            let target = s.target.get(r).copied().unwrap_or(NONE);
            if target != NONE {
                bucket.push((
                    s.flags.get(r).copied().unwrap_or(0) & S_MEMBER,
                    target,
                    s.line.get(r).copied().unwrap_or(1),
                    r,
                ));
            }
        }
        bucket.sort_unstable();
        for pair in bucket.windows(2) {
            if let [a, b] = pair
                && a.0 == b.0
                && a.1 == b.1
            {
                let key = keys.key(b.3);
                let subject = if a.0 != 0 {
                    Subject::Member(member_id_lossy(key))
                } else {
                    Subject::Organization(org_id_lossy(key))
                };
                let p = InspectionProblem::DuplicateSubject(subject);
                problems.push(Problem::new(
                    SUBJECTS,
                    b.2,
                    "subject_id",
                    p.rule(),
                    format!("{p} (first on line {})", a.2),
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// discipline.csv

#[derive(Default)]
struct Discipline {
    ids: Interner,
    line: Vec<u64>,
    member: Vec<bool>,
    subject: Vec<u32>,
    /// `None` only on a row with a problem.
    form: Vec<Option<DisciplineForm>>,
    status: Vec<Option<DisciplineStatus>>,
    body_kind: Vec<Option<BodyKind>>,
    body_pos: Vec<u32>,
    violation: Vec<Option<NaiveDate>>,
    date: Vec<Option<NaiveDate>>,
    oversight: Vec<u32>,
}

fn discipline_column(p: &DisciplineProblem) -> &'static str {
    match p {
        DisciplineProblem::BeforeViolation { .. } => "violation_date",
        DisciplineProblem::FormNotAllowed { .. } | DisciplineProblem::CellLimit { .. } => "form",
        DisciplineProblem::Body(b) => body_column(b),
        DisciplineProblem::PartialBody(_) => "body_org_id",
        DisciplineProblem::Subject(_) => "subject_id",
        _ => "*",
    }
}

fn load_discipline(
    dir: &Path,
    orgs: &Orgs,
    tree: Option<&OrgTree>,
    members: &Members,
    oversight: &Oversight,
    problems: &mut Sink,
    unchecked: &mut Unchecked,
) -> Discipline {
    let mut out = Discipline::default();
    let Some(text) = csvio::open(dir, DISCIPLINE, DISCIPLINE_COLS, problems) else {
        return out;
    };
    let chunk = Chunk {
        start: text.body_start,
        end: text.bytes.len(),
        first_line: text.body_line,
    };
    csvio::for_each_record(
        &text,
        chunk,
        DISCIPLINE_COLS,
        problems,
        |line, rec, problems| {
            let f = |i: usize| rec.get(i).unwrap_or_default();
            if let Err(m) = csvio::id(f(0), "discipline action") {
                problems.push(Problem::new(DISCIPLINE, line, "id", Rule::InvalidId, m));
                return;
            }
            match out.ids.insert(f(0)) {
                Some(Ok(_)) => {}
                Some(Err(first)) => {
                    let first_line = out.line.get(first as usize).copied().unwrap_or(1);
                    let m = duplicate_message("discipline action", f(0), first_line);
                    problems.push(Problem::new(DISCIPLINE, line, "id", Rule::DuplicateId, m));
                    return;
                }
                None => {
                    let m = format!("more than {} discipline actions", NONE - 1);
                    problems.push(Problem::new(
                        DISCIPLINE,
                        line,
                        "id",
                        Rule::TooManyRecords,
                        m,
                    ));
                    return;
                }
            }
            // The rows that keep this one from being checked, each counted
            // once.
            let mut blames: Vec<Blame> = Vec::new();
            let mut bad = |col: &str, rule: Rule, msg: String| {
                problems.push(Problem::new(DISCIPLINE, line, col, rule, msg))
            };
            let is_member = SubjectType::parse_code(f(1))
                .map_err(|e| bad("subject_type", Rule::UnknownCode, e.to_string()))
                .ok()
                .map(|t| t == SubjectType::Member);
            let subject = match is_member {
                Some(false) => match orgs.refer(f(2), orgs.row(f(2))) {
                    Ok(pos) => Some(pos.0),
                    Err(why) => {
                        blames.extend(why.report("subject_id", &mut bad));
                        None
                    }
                },
                Some(true) => {
                    let r = members.ids.get(f(2));
                    if r.is_none() {
                        let why = members.known.unresolved("member", f(2));
                        blames.extend(why.report("subject_id", &mut bad));
                    }
                    r
                }
                None => None,
            };
            let form = DisciplineForm::parse_code(f(3))
                .map_err(|e| bad("form", Rule::UnknownCode, e.to_string()))
                .ok();
            // Format version 1 holds proposed and decided actions only.
            let status = match DisciplineStatus::parse_code(f(4)) {
                Ok(s @ (DisciplineStatus::Proposed | DisciplineStatus::Decided)) => Some(s),
                _ => {
                    let e = ErrorKind::UnknownCode {
                        what: DisciplineStatus::WHAT,
                        value: csvio::text(f(4)).into_owned(),
                        expected: &["proposed", "decided"],
                    };
                    bad("status", Rule::UnknownCode, e.to_string());
                    None
                }
            };
            let body = BodyKind::parse_code(f(5))
                .map_err(|e| bad("body", Rule::UnknownCode, e.to_string()))
                .ok();
            let body_pos = match orgs.refer(f(6), orgs.row(f(6))) {
                Ok(pos) => Some(pos),
                Err(why) => {
                    blames.extend(why.report("body_org_id", &mut bad));
                    None
                }
            };
            let violation = csvio::date(f(7))
                .map_err(|m| bad("violation_date", Rule::InvalidDate, m))
                .ok();
            let date = csvio::date(f(8))
                .map_err(|m| bad("date", Rule::InvalidDate, m))
                .ok();
            let insp = if f(9).is_empty() {
                None
            } else {
                let o = oversight.ids.get(f(9));
                // No rule of this row needs the inspection beyond its
                // existence: a row refused whole is reported on its own.
                if o.is_none()
                    && let Unresolved::Missing(m) = oversight.known.unresolved("inspection", f(9))
                {
                    bad("oversight_id", Rule::UnknownReference, m);
                }
                o
            };
            let member_ok = |m: u32| members.ok(m as usize);
            let subject_at = match (is_member, subject) {
                (Some(false), Some(p)) => Some((SubjectAt::Org(OrgIndex(p)), None)),
                (Some(true), Some(m)) if member_ok(m) => {
                    let m = m as usize;
                    match (
                        members.org_pos.get(m).filter(|&&p| p != NONE),
                        members.admitted.get(m).copied().flatten(),
                    ) {
                        (Some(&p), Some(admitted)) => Some((
                            SubjectAt::Member {
                                org: OrgIndex(p),
                                admitted,
                                left: members.left.get(m).copied().flatten(),
                            },
                            members.official.get(m).copied().flatten(),
                        )),
                        _ => None,
                    }
                }
                (Some(true), Some(m)) => {
                    blames.push(members.blame_of(m as usize));
                    None
                }
                _ => None,
            };
            // The kind of subject is known without the tree: the form rule
            // runs even when the subject's place in it is not.
            let kind_only = match (is_member, subject) {
                _ if subject_at.is_some() => None,
                (Some(false), _) if orgs.row(f(2)).is_some() => Some(None),
                (Some(true), Some(m)) if member_ok(m) => {
                    Some(members.official.get(m as usize).copied().flatten())
                }
                _ => None,
            };
            if let (Some(kind), Some(form), Some(status), Some(violation), Some(date)) =
                (body, form, status, violation, date)
            {
                let facts = DisciplineFacts {
                    body_at: body_pos,
                    body_kind: kind,
                    subject: subject_at,
                    kind_only,
                    org_subject: is_member == Some(false),
                    form,
                    status,
                    violation_date: violation,
                    date,
                };
                let describe = || {
                    let subject = if is_member == Some(true) {
                        Subject::Member(member_id_lossy(f(2)))
                    } else {
                        Subject::Organization(org_id_lossy(f(2)))
                    };
                    (
                        subject,
                        Body {
                            kind,
                            org: org_id_lossy(f(6)),
                        },
                    )
                };
                let mut found = Vec::new();
                check_discipline(tree, &facts, describe, &mut found);
                for p in found {
                    bad(discipline_column(&p), p.rule(), p.to_string());
                }
            } else if let (Some(violation), Some(date)) = (violation, date)
                && date < violation
            {
                // The rule that needs nothing else still holds.
                let p = DisciplineProblem::BeforeViolation { violation, date };
                bad(discipline_column(&p), p.rule(), p.to_string());
            }
            if !blames.is_empty() {
                unchecked.note_row(&mut blames, DISCIPLINE);
            }
            out.line.push(line);
            out.member.push(is_member == Some(true));
            out.subject.push(subject.unwrap_or(NONE));
            out.form.push(form);
            out.status.push(status);
            out.body_kind.push(body);
            out.body_pos.push(body_pos.map_or(NONE, |p| p.0));
            out.violation.push(violation);
            out.date.push(date);
            out.oversight.push(insp.unwrap_or(NONE));
        },
    );
    out
}
