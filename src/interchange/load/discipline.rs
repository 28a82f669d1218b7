//! discipline.csv.

use super::*;

#[derive(Default)]
pub(super) struct Discipline {
    pub(super) ids: Interner,
    pub(super) line: Vec<u64>,
    pub(super) member: Vec<bool>,
    pub(super) subject: Vec<u32>,
    /// `None` only on a row with a problem.
    pub(super) form: Vec<Option<DisciplineForm>>,
    pub(super) status: Vec<Option<DisciplineStatus>>,
    pub(super) body_kind: Vec<Option<BodyKind>>,
    pub(super) body_pos: Vec<u32>,
    pub(super) violation: Vec<Option<NaiveDate>>,
    pub(super) date: Vec<Option<NaiveDate>>,
    pub(super) oversight: Vec<u32>,
    /// With a committee_member column, else empty.
    pub(super) committee: Vec<bool>,
    /// With a content column, else empty.
    pub(super) content: Vec<Option<Content>>,
}

pub(super) fn discipline_column(p: &DisciplineProblem) -> &'static str {
    match p {
        DisciplineProblem::BeforeViolation { .. } => "violation_date",
        DisciplineProblem::FormNotAllowed { .. } | DisciplineProblem::CellLimit { .. } => "form",
        DisciplineProblem::Body(b) => body_column(b),
        DisciplineProblem::PartialBody(_) => "body_org_id",
        DisciplineProblem::Subject(_) => "subject_id",
        _ => "*",
    }
}

pub(super) fn load_discipline(
    dir: &Path,
    orgs: &Orgs,
    structure: Option<Result<Day<'_>, Blame>>,
    members: &Members,
    oversight: &Oversight,
    problems: &mut Sink,
    unchecked: &mut Unchecked,
) -> Discipline {
    let mut out = Discipline::default();
    let Some(text) = csvio::open(
        dir,
        DISCIPLINE,
        DISCIPLINE_COLS,
        schema::DISCIPLINE.optional,
        problems,
    ) else {
        return out;
    };
    let columns = text.columns(DISCIPLINE_COLS);
    let cats = CategoryCols::of(&text, DISCIPLINE_COLS.len());
    let has_committee = text.extra.contains(&"committee_member");
    let chunk = Chunk {
        start: text.body_start,
        end: text.bytes.len(),
        first_line: text.body_line,
    };
    csvio::for_each_record(&text, chunk, &columns, problems, |line, rec, problems| {
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
                    members.rows.admitted.get(m).copied().flatten(),
                ) {
                    (Some(&p), Some(admitted)) => Some((
                        SubjectAt::Member {
                            // The member's organization of the day.
                            org: match (structure, date) {
                                (Some(Ok(day)), Some(date)) => {
                                    day.on.timeline.member_org_on(m as u32, OrgIndex(p), date)
                                }
                                _ => OrgIndex(p),
                            },
                            admitted,
                            left: members.rows.left.get(m).copied().flatten(),
                        },
                        members.rows.official.get(m).copied().flatten(),
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
                Some(members.rows.official.get(m as usize).copied().flatten())
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
            // A refused move would change the tree of the day, where the
            // subject stood, or whether the body has units.
            let refused = |day: &Day<'_>| {
                let subject = match (is_member, subject, &facts.subject) {
                    (Some(true), Some(m), Some((SubjectAt::Member { org, .. }, _))) => day
                        .blame_member(m, date)
                        .or_else(|| day.blame_org(*org, date)),
                    (_, _, Some((SubjectAt::Org(o), _))) => day.blame_org(*o, date),
                    _ => None,
                };
                subject.or_else(|| body_pos.and_then(|b| day.blame_units(b, date)))
            };
            let day = match structure {
                Some(Ok(day)) => match refused(&day) {
                    Some(blame) => {
                        blames.push(blame);
                        None
                    }
                    None => Some(day.on),
                },
                Some(Err(blame)) => {
                    // The tree of the day is not known: only the rules that
                    // need no tree run.
                    blames.push(blame);
                    None
                }
                None => None,
            };
            check_discipline(day.as_ref(), &facts, describe, &mut found);
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
        // Every discipline action records a violation.
        let side = is_member.map(|m| {
            if m {
                SubjectType::Member
            } else {
                SubjectType::Organization
            }
        });
        let (committee, content) = cats.read(
            f,
            side,
            true,
            || {
                if is_member == Some(true) {
                    Subject::Member(member_id_lossy(f(2)))
                } else {
                    Subject::Organization(org_id_lossy(f(2)))
                }
            },
            &mut bad,
        );
        if !blames.is_empty() {
            unchecked.note_row(&mut blames, DISCIPLINE);
        }
        if has_committee {
            out.committee.push(committee);
        }
        if cats.has_content() {
            out.content.push(content);
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
    });
    out
}
