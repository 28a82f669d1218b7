//! organizations.csv: the rows, the tree, and what keeps a row out of it.

use super::*;

pub(super) struct Orgs {
    pub(super) known: Known,
    pub(super) ids: Interner,
    pub(super) line: Vec<u64>,
    pub(super) level: Vec<Option<OrgLevel>>,
    pub(super) established: Vec<Option<NaiveDate>>,
    pub(super) dissolved: Vec<Option<NaiveDate>>,
    /// Whether the row was accepted whole (and is in the tree).
    pub(super) ok: Vec<bool>,
    /// Tree position by row, if the tree was built.
    pub(super) pos: Vec<u32>,
    /// By row: the row of the broken organization that keeps this one out
    /// of the tree, or `NONE`.
    pub(super) cause: Vec<u32>,
    pub(super) tree: Option<OrgTree>,
}

impl Orgs {
    /// The row of an organization id.
    pub(super) fn row(&self, id: &[u8]) -> Option<u32> {
        self.ids.get(id)
    }

    /// The tree position of a row, if the tree exists and holds it.
    pub(super) fn pos_of(&self, row: u32) -> Option<OrgIndex> {
        self.pos
            .get(row as usize)
            .copied()
            .filter(|&p| p != NONE)
            .map(OrgIndex)
    }

    /// The row that keeps row `row` out of the tree.
    pub(super) fn blame_of(&self, row: u32) -> Blame {
        let cause = self.cause.get(row as usize).copied().unwrap_or(row);
        (ORGS, self.line.get(cause as usize).copied().unwrap_or(1))
    }

    /// A reference to an organization (`row`: its row, if the file holds
    /// it): its tree position, or why it cannot be followed.
    pub(super) fn refer(&self, key: &[u8], row: Option<u32>) -> Result<OrgIndex, Unresolved> {
        match row {
            Some(r) => self
                .pos_of(r)
                .ok_or_else(|| Unresolved::Blamed(self.blame_of(r))),
            None => Err(self.known.unresolved("organization", key)),
        }
    }
}

pub(super) fn load_orgs(dir: &Path, problems: &mut Sink) -> Orgs {
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
    let Some(text) = csvio::open(dir, ORGS, ORG_COLS, &[], problems) else {
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
pub(super) fn hidden_by(orgs: &Orgs, parent_row: &[u32], successor_row: &[u32]) -> Vec<u32> {
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
pub(super) fn walk_up(orgs: &Orgs, parent_row: &[u32]) -> Vec<u32> {
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
pub(super) fn tree_problem(orgs: &Orgs, t: &TreeProblem, problems: &mut Sink) {
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
