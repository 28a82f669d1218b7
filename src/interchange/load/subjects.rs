//! oversight_subjects.csv.

use super::*;

row_columns! {
    /// The columns of oversight_subjects.csv as its rows are parsed.
    SubjectRows {
        /// The inspection's row, `NONE` when unresolved.
        oversight: u32,
        flags: u8,
        line: u64,
        handled: Option<NaiveDate>,
    }
}

row_columns! {
    /// What only the checks of the subjects need.
    SubjectPass {
        /// 0 organization, 1 member, 2 unknown type.
        kind: u8,
        /// The row's fields parsed without a problem.
        ok: bool,
    }
}

#[derive(Default)]
pub(super) struct Subjects {
    pub(super) rows: SubjectRows,
    /// The member's row or the organization's tree position, `NONE` when
    /// unresolved.
    pub(super) target: Vec<u32>,
    /// With [`LoadOptions::model`] only.
    pub(super) indicators: Vec<IndicatorSet>,
    /// With a content column only.
    pub(super) content: Vec<Option<Content>>,
}

/// What pass 1 keeps of a subject row.
#[derive(Default)]
pub(super) struct SubjectChunk {
    pub(super) rows: SubjectRows,
    pub(super) pass: SubjectPass,
    pub(super) indicators: Vec<IndicatorSet>,
    /// With a content column only.
    pub(super) content: Vec<Option<Content>>,
    pub(super) keys: RawIds,
    /// The rows of oversight.csv refused whole that rows here point to.
    pub(super) blamed: Vec<Blame>,
}

pub(super) const SUBJ_ORG: u8 = 0;
pub(super) const SUBJ_MEMBER: u8 = 1;
pub(super) const SUBJ_UNKNOWN: u8 = 2;

#[allow(clippy::too_many_arguments)]
pub(super) fn load_subjects(
    dir: &Path,
    options: LoadOptions,
    orgs: &Orgs,
    tree: Option<&OrgTree>,
    structure: Option<Result<Day<'_>, Blame>>,
    members: &Members,
    oversight: &Oversight,
    problems: &mut Sink,
    unchecked: &mut Unchecked,
) -> Subjects {
    // Pass 1, block by block, in parallel chunks: each row on its own.
    let pass1 = |text: &FileText, chunk: Chunk, problems: &mut Sink| {
        let mut c = SubjectChunk::default();
        let n = csvio::rows_hint(text, chunk);
        c.keys.reserve(n);
        c.pass.reserve(n);
        c.rows.reserve(n);
        let mut last: (Vec<u8>, Option<u32>) = (Vec::new(), None);
        let columns = text.columns(SUBJECT_COLS);
        let cats = CategoryCols::of(text, SUBJECT_COLS.len());
        csvio::for_each_record(text, chunk, &columns, problems, |line, rec, problems| {
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
            let side = match kind {
                SUBJ_MEMBER => Some(SubjectType::Member),
                SUBJ_ORG => Some(SubjectType::Organization),
                _ => None,
            };
            let (committee, content) = cats.read(
                f,
                side,
                violation == Some(true),
                || {
                    if kind == SUBJ_MEMBER {
                        Subject::Member(member_id_lossy(f(2)))
                    } else {
                        Subject::Organization(org_id_lossy(f(2)))
                    }
                },
                &mut bad,
            );
            let mut flags = 0;
            if kind == SUBJ_MEMBER {
                flags |= S_MEMBER;
            }
            if committee && kind == SUBJ_MEMBER {
                flags |= S_COMMITTEE;
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
            c.pass.kind.push(kind);
            c.pass.ok.push(ok);
            c.rows.oversight.push(o.unwrap_or(NONE));
            c.rows.flags.push(flags);
            c.rows.line.push(line);
            c.rows.handled.push(handled);
            if options.model {
                c.indicators.push(indicators);
            }
            if cats.has_content() {
                c.content.push(content);
            }
        });
        c
    };
    let mut out = Subjects::default();
    let mut pass = SubjectPass::default();
    // The subject ids are resolved block by block and not kept: a resolved
    // subject's id is its member's or organization's; only the ids of rows
    // left unresolved are kept, for the messages of pass 2.
    let mut keys = SubjectKeys::default();
    let mut org_rows: Vec<u32> = Vec::new();
    let take = |parts: Vec<(SubjectChunk, Sink)>, estimate: Option<usize>, problems: &mut Sink| {
        if let Some(n) = estimate {
            pass.reserve(n);
            out.rows.reserve(n);
            out.target.reserve(n);
            org_rows.reserve(n);
        }
        let base = out.rows.line.len();
        let mut block_keys = RawIds::default();
        for (c, chunk_problems) in parts {
            problems.append(chunk_problems);
            block_keys.append(c.keys);
            pass.append(c.pass);
            for blame in c.blamed {
                unchecked.note(blame, SUBJECTS);
            }
            out.rows.append(c.rows);
            out.indicators.extend(c.indicators);
            out.content.extend(c.content);
        }
        // Resolve the block's subjects, members and organizations each in
        // cache-sized batches.
        let kind_of = |j: usize| pass.kind.get(base + j).copied();
        let member_rows =
            members
                .ids
                .get_many(&block_keys.arena, &block_keys.ends, options.threads, |j| {
                    kind_of(j) == Some(SUBJ_MEMBER)
                });
        let block_org_rows =
            orgs.ids
                .get_many(&block_keys.arena, &block_keys.ends, options.threads, |j| {
                    kind_of(j) == Some(SUBJ_ORG)
                });
        for (j, (mut target, org_row)) in member_rows.into_iter().zip(block_org_rows).enumerate() {
            let i = base + j;
            let line = out.rows.line.get(i).copied().unwrap_or(1);
            let key = block_keys.key(j);
            let mut bad = |col: &str, rule: Rule, msg: String| {
                problems.push(Problem::new(SUBJECTS, line, col, rule, msg));
            };
            match kind_of(j) {
                Some(SUBJ_ORG) => {
                    let row = Some(org_row).filter(|&r| r != NONE);
                    // A blamed organization is counted with the row's other
                    // causes, in pass 2.
                    match orgs.refer(key, row) {
                        Ok(pos) => target = pos.0,
                        Err(why) => {
                            why.report("subject_id", &mut bad);
                        }
                    }
                }
                Some(SUBJ_MEMBER) if target == NONE => {
                    let why = members.known.unresolved("member", key);
                    if let Some(blame) = why.report("subject_id", &mut bad) {
                        unchecked.note(blame, SUBJECTS);
                    }
                }
                _ => {}
            }
            // A subject found is named by its member's or organization's id
            // (the same bytes, found by them); keep the others' ids.
            let named = target != NONE
                && (kind_of(j) == Some(SUBJ_MEMBER)
                    || tree.is_some_and(|t| t.org(OrgIndex(target)).is_some()));
            if !named {
                keys.unresolved.insert(i as u32, key.to_vec());
            }
            out.target.push(target);
            org_rows.push(org_row);
        }
    };
    if !read_blocks(dir, schema::SUBJECTS, options, problems, pass1, take) {
        return Subjects::default();
    }
    let SubjectPass { kind, ok } = pass;
    let keys = SubjectKeys {
        members: Some(members),
        tree,
        ..keys
    };

    // Pass 2, in parallel: the rules between a subject and its inspection.
    let n = out.rows.line.len();
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
                    structure,
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
    for (found, hidden) in crate::interchange::par::ranges(n, threads, check) {
        problems.append(found);
        unchecked.append(hidden);
    }
    if !options.model {
        out.rows.handled = Vec::new();
    }
    duplicate_subjects(&out, &keys, oversight.ids.len(), problems);
    out
}

/// The subject id of each row after resolution: a resolved subject's is its
/// member's or organization's; the others' are kept here.
#[derive(Default)]
pub(super) struct SubjectKeys<'a> {
    unresolved: std::collections::HashMap<u32, Vec<u8>>,
    members: Option<&'a Members>,
    tree: Option<&'a OrgTree>,
}

impl SubjectKeys<'_> {
    /// The subject id of row `i`, whose subject is `target` (a member's row
    /// or an organization's tree position) of type `member` or not.
    fn key(&self, i: usize, target: u32, member: bool) -> &[u8] {
        if let Some(k) = (!self.unresolved.is_empty())
            .then(|| u32::try_from(i).ok().and_then(|i| self.unresolved.get(&i)))
            .flatten()
        {
            return k;
        }
        if member {
            self.members.map_or(&[], |m| m.ids.key(target))
        } else {
            self.tree
                .and_then(|t| t.org(OrgIndex(target)))
                .map_or(&[], |o| o.id().as_str().as_bytes())
        }
    }
}

/// The rules of one subject row that involve its inspection, its subject
/// and the tree. Each check that cannot run because a row it needs is
/// broken is counted against that row.
#[allow(clippy::too_many_arguments)]
pub(super) fn subject_rules(
    i: usize,
    s: &Subjects,
    keys: &SubjectKeys<'_>,
    kind: &[u8],
    structure: Option<Result<Day<'_>, Blame>>,
    targets: (&Orgs, &[u32]),
    members: &Members,
    oversight: &Oversight,
    problems: &mut Sink,
    unchecked: &mut Unchecked,
) {
    let line = s.rows.line.get(i).copied().unwrap_or(1);
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
    let o = s.rows.oversight.get(i).copied().unwrap_or(NONE);
    let started = match o {
        // A missing inspection is reported, one refused whole counted, in
        // pass 1.
        NONE => None,
        o if !oversight.ok(o as usize) => {
            blames.push(oversight.blame_of(o as usize));
            None
        }
        o => oversight.rows.started.get(o as usize).copied().flatten(),
    };
    if !blames.is_empty() {
        unchecked.note_row(&mut blames, SUBJECTS);
    }
    let Some(started) = started else { return };
    let o = o as usize;
    let subject = || {
        let key = keys.key(i, target, is_member);
        if is_member {
            Subject::Member(member_id_lossy(key))
        } else {
            Subject::Organization(org_id_lossy(key))
        }
    };
    let flags = s.rows.flags.get(i).copied().unwrap_or(0);
    let concluded = oversight.rows.concluded.get(o).copied().flatten();
    let handled = s.rows.handled.get(i).copied().flatten();
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
    let structure = match structure {
        Some(Err(blame)) => {
            // The tree of the day is not known.
            unchecked.note(blame, SUBJECTS);
            return;
        }
        Some(Ok(day)) => Some(day),
        None => None,
    };
    let (Some(day), Some(body_at), Some(body_kind)) = (
        structure,
        oversight
            .body_pos
            .get(o)
            .copied()
            .filter(|&p| p != NONE)
            .map(OrgIndex),
        oversight.rows.body_kind.get(o).copied().flatten(),
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
            members.rows.admitted.get(m).copied().flatten(),
        ) else {
            // A usable member has both: not reached.
            return;
        };
        SubjectAt::Member {
            org: day
                .on
                .timeline
                .member_org_on(target, OrgIndex(org), started),
            admitted,
            left: members.rows.left.get(m).copied().flatten(),
        }
    } else {
        SubjectAt::Org(OrgIndex(target))
    };
    // A refused move would change where the subject stood that day.
    let blame = match subject_at {
        SubjectAt::Member { org, .. } => day
            .blame_member(target, started)
            .or_else(|| day.blame_org(org, started)),
        SubjectAt::Org(org) => day.blame_org(org, started),
    };
    if let Some(blame) = blame {
        unchecked.note(blame, SUBJECTS);
        return;
    }
    let describe = || {
        let org = day
            .on
            .tree
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
    if let Some(p) = check_subject_at(&day.on, body_at, subject_at, started, false, describe) {
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
pub(super) fn duplicate_subjects(
    s: &Subjects,
    keys: &SubjectKeys<'_>,
    n_oversight: usize,
    problems: &mut Sink,
) {
    let mut start = vec![0u32; n_oversight + 1];
    for &o in &s.rows.oversight {
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
    for (r, &o) in s.rows.oversight.iter().enumerate() {
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
                    s.rows.flags.get(r).copied().unwrap_or(0) & S_MEMBER,
                    target,
                    s.rows.line.get(r).copied().unwrap_or(1),
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
                let key = keys.key(b.3, b.1, a.0 != 0);
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
