//! members.csv.

use super::*;

row_columns! {
    /// The columns of members.csv as its rows are parsed.
    MemberRows {
        line: u64,
        /// `None` only on a row with a problem.
        admitted: Option<NaiveDate>,
        official: Option<NaiveDate>,
        left: Option<NaiveDate>,
        ok: bool,
    }
}

/// The leaving reasons, and what the typed model needs besides (the names,
/// with [`LoadOptions::model`]).
#[derive(Debug, Default)]
pub(super) struct MemberModel {
    pub(super) reason: Vec<Option<LeftReason>>,
    pub(super) names: Vec<String>,
}

#[derive(Default)]
pub(super) struct Members {
    pub(super) known: Known,
    pub(super) ids: Interner,
    pub(super) rows: MemberRows,
    pub(super) model: MemberModel,
    pub(super) org_pos: Vec<u32>,
    /// The rows kept out of the checks by a broken organization row
    /// (empty on a valid dataset); other rows that are not `ok` are to blame
    /// themselves.
    pub(super) hidden: std::collections::HashMap<u32, Blame>,
}

impl Members {
    /// Whether row `m` can be checked against.
    pub(super) fn ok(&self, m: usize) -> bool {
        self.rows.ok.get(m).copied().unwrap_or(false)
    }

    /// The row to blame for a check that cannot use row `m`.
    pub(super) fn blame_of(&self, m: usize) -> Blame {
        self.hidden
            .get(&(m as u32))
            .copied()
            .unwrap_or((MEMBERS, self.rows.line.get(m).copied().unwrap_or(1)))
    }
}

#[derive(Default)]
pub(super) struct MemberChunk {
    pub(super) broken: Vec<(Vec<u8>, u64)>,
    pub(super) ids: RawIds,
    pub(super) org_keys: RawIds,
    pub(super) rows: MemberRows,
    pub(super) model: MemberModel,
}

pub(super) fn load_members(
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
    let mut ids = RawIds::default();
    let mut org_keys = RawIds::default();
    let parse = |text: &FileText, chunk: Chunk, problems: &mut Sink| {
        let mut c = MemberChunk::default();
        let n = csvio::rows_hint(text, chunk);
        c.ids.reserve(n);
        c.org_keys.reserve(n);
        c.rows.reserve(n);
        let refused =
            csvio::for_each_record(text, chunk, MEMBER_COLS, problems, |line, rec, problems| {
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
                c.rows.line.push(line);
                c.rows.admitted.push(admitted);
                c.rows.official.push(official);
                c.rows.left.push(left);
                // The reason is counted (name removals); the name is
                // only for the typed model.
                c.model.reason.push(reason);
                if options.model {
                    c.model.names.push(csvio::text(f(2)).into_owned());
                }
                c.rows.ok.push(ok.get());
            });
        c.broken.extend(refused);
        c
    };
    let mut broken = Vec::new();
    out.known.readable = read_blocks(
        dir,
        schema::MEMBERS,
        options,
        problems,
        parse,
        |parts, estimate, problems| {
            if let Some(n) = estimate {
                ids.reserve(n);
                org_keys.reserve(n);
                out.rows.reserve(n);
                out.model.reason.reserve(n);
            }
            for (c, chunk_problems) in parts {
                problems.append(chunk_problems);
                broken.push(c.broken);
                ids.append(c.ids);
                org_keys.append(c.org_keys);
                out.rows.append(c.rows);
                out.model.reason.extend(c.model.reason);
                out.model.names.extend(c.model.names);
            }
        },
    );
    if !out.known.readable {
        return out;
    }
    for b in broken {
        out.known.add_broken(b);
    }
    out.ids = intern(
        ids,
        options.threads,
        &out.rows.line,
        MEMBERS,
        "member",
        problems,
    );
    // Each member's organization, resolved in cache-sized batches.
    let org_rows = orgs
        .ids
        .get_many(&org_keys.arena, &org_keys.ends, options.threads, |_| true);
    out.org_pos = Vec::with_capacity(org_rows.len());
    for (i, &r) in org_rows.iter().enumerate() {
        let line = out.rows.line.get(i).copied().unwrap_or(1);
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
            && let Some(ok) = out.rows.ok.get_mut(i)
        {
            *ok = false;
        }
        out.org_pos.push(pos.map_or(NONE, |p| p.0));
    }
    out
}
