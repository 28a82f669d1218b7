//! oversight.csv.

use super::*;

row_columns! {
    /// The columns of oversight.csv as its rows are parsed.
    OversightRows {
        line: u64,
        /// `None` only on a row with a problem.
        kind: Option<OversightKind>,
        body_kind: Option<BodyKind>,
        started: Option<NaiveDate>,
        concluded: Option<NaiveDate>,
        ok: bool,
    }
}

#[derive(Default)]
pub(super) struct Oversight {
    pub(super) known: Known,
    pub(super) ids: Interner,
    pub(super) rows: OversightRows,
    pub(super) body_pos: Vec<u32>,
    /// The rows kept out of the checks by a broken organization row (empty
    /// on a valid dataset); other rows that are not `ok` are to blame
    /// themselves.
    pub(super) hidden: std::collections::HashMap<u32, Blame>,
}

impl Oversight {
    /// Whether row `o` can be checked against.
    pub(super) fn ok(&self, o: usize) -> bool {
        self.rows.ok.get(o).copied().unwrap_or(false)
    }

    /// The row to blame for a check that cannot use row `o`.
    pub(super) fn blame_of(&self, o: usize) -> Blame {
        self.hidden
            .get(&(o as u32))
            .copied()
            .unwrap_or((OVERSIGHT, self.rows.line.get(o).copied().unwrap_or(1)))
    }
}

#[derive(Default)]
pub(super) struct OversightChunk {
    pub(super) broken: Vec<(Vec<u8>, u64)>,
    pub(super) ids: RawIds,
    pub(super) body_keys: RawIds,
    pub(super) rows: OversightRows,
}

pub(super) fn body_column(p: &BodyProblem) -> &'static str {
    match p {
        BodyProblem::NoCommission(_) => "body",
        _ => "body_org_id",
    }
}

pub(super) fn load_oversight(
    dir: &Path,
    options: LoadOptions,
    orgs: &Orgs,
    structure: Option<Result<Day<'_>, Blame>>,
    problems: &mut Sink,
    unchecked: &mut Unchecked,
) -> Oversight {
    let mut out = Oversight {
        known: Known::new(OVERSIGHT),
        ..Oversight::default()
    };
    let mut ids = RawIds::default();
    let mut body_keys = RawIds::default();
    let parse = |text: &FileText, chunk: Chunk, problems: &mut Sink| {
        let mut c = OversightChunk::default();
        let n = csvio::rows_hint(text, chunk);
        c.ids.reserve(n);
        c.body_keys.reserve(n);
        c.rows.reserve(n);
        let refused = csvio::for_each_record(
            text,
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
                c.rows.line.push(line);
                c.rows.kind.push(kind);
                c.rows.body_kind.push(body);
                c.rows.started.push(started);
                c.rows.concluded.push(concluded);
                c.rows.ok.push(ok);
            },
        );
        c.broken.extend(refused);
        c
    };
    let mut broken = Vec::new();
    out.known.readable = read_blocks(
        dir,
        schema::OVERSIGHT,
        options,
        problems,
        parse,
        |parts, estimate, problems| {
            if let Some(n) = estimate {
                ids.reserve(n);
                body_keys.reserve(n);
                out.rows.reserve(n);
            }
            for (c, chunk_problems) in parts {
                problems.append(chunk_problems);
                broken.push(c.broken);
                ids.append(c.ids);
                body_keys.append(c.body_keys);
                out.rows.append(c.rows);
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
        let line = out.rows.line.get(i).copied().unwrap_or(1);
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
        let kind = out.rows.body_kind.get(i).copied().flatten();
        let started = out.rows.started.get(i).copied().flatten();
        // Whether it has units that day (for a commission) must be known.
        let day = match (structure, pos, started) {
            (Some(Err(blame)), Some(_), _) => Err(blame),
            (Some(Ok(day)), Some(at), Some(started)) => match day.blame_units(at, started) {
                Some(blame) => Err(blame),
                None => Ok(Some(day)),
            },
            _ => Ok(None),
        };
        let day = day.unwrap_or_else(|blame| {
            // The tree of the day is not known.
            unchecked.note(blame, OVERSIGHT);
            None
        });
        if let (Some(day), Some(at), Some(kind), Some(started)) = (day, pos, kind, started) {
            check_body_at(
                &day.on,
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
            && let Some(ok) = out.rows.ok.get_mut(i)
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
