//! The statistical annex of a report as an XLSX workbook: one sheet per
//! form of the inspection sector that the data supports, and the term
//! target's progress with a native chart.
//!
//! The sheets are modelled on the forms of QĐ 357-QĐ/UBKTTW (2016), as a
//! UBKT data-entry application implemented them (the project's reading of
//! its export code; the row labels of the official forms were not
//! recovered, so the rows here are the organization, its own bodies and
//! each unit directly under it). Each sheet has the header block (the
//! organization on the left, "Biểu số …" on the right, the title in
//! capitals, the period, the unit line "(ĐVT: …)"), a two-level header
//! with merged cells, the column-number row "A, B, 1, 2, …", the data rows,
//! and the signature block. Numbers are stored as numbers with the format
//! `#,##0`: a spreadsheet shows them with the reader's separators
//! (`1.234` on a Vietnamese system).
//!
//! Covered: inspections of members and of organizations by committees (F1,
//! F2), supervisions by committees (F3, F4), inspections on signs of
//! violation (F5, F6), supervisions by commissions (F7, F8), inspections of
//! lower units' oversight duties (F9), finance inspections (F11/F12 in one
//! sheet, by organization: the data do not tell budgets from dues nor
//! record amounts of money), discipline of members (F18/F19) and of
//! organizations (F20). Not covered, for want of data: the checks of lower
//! units' discipline work (F10), denunciations (F13, F14), complaints
//! (F15–F17), letters (F21) and the commissions' staff (F22).
//!
//! ```no_run
//! # use party_oversight::{Records, workbook::{Annex, AnnexOptions}};
//! # fn f(records: Records<'_>) -> Result<(), party_oversight::Error> {
//! let engine = records.engine()?;
//! let annex = Annex::build(&engine, "BM", "2017-H1".parse()?, AnnexOptions::default())?;
//! annex.save("annex.xlsx".as_ref())?;
//! # Ok(()) }
//! ```

use std::path::Path;

use rust_xlsxwriter::{Chart, ChartType, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use crate::content::{Content, MemberContent, OrgContent};
use crate::discipline::{DisciplineForm, DisciplineStatus};
use crate::engine::{
    Engine, Event, Row, S_CONCLUDED, S_DISCIPLINED, S_MUST, S_SHORTCOMING, S_VIOLATION, Scope,
};
use crate::error::{Error, ErrorKind};
use crate::inspection::BodyKind;
use crate::organization::OrgLevel;
use crate::period::Period;
use crate::ratio::{Ratio, Rounding};
use crate::report::ClauseKind;
use crate::target::TermProgressReport;

/// The levels of a body, as the forms' "Cấp kiểm tra" columns: the centre,
/// the province, the district, the grassroots, and the cell (which only
/// disciplines).
const LEVELS: [OrgLevel; 5] = [
    OrgLevel::Central,
    OrgLevel::Provincial,
    OrgLevel::District,
    OrgLevel::Grassroots,
    OrgLevel::Cell,
];
/// Where the total over every level is kept.
const ALL_LEVELS: usize = LEVELS.len();
const N_CLAUSE: usize = ClauseKind::ALL.len();
const N_CONTENT: usize = 11;

/// Verdicts kept per clause and side.
const V_GOOD: usize = 0;
const V_SHORTCOMING: usize = 1;
const V_VIOLATION: usize = 2;
const V_MUST: usize = 3;
const V_DISCIPLINED: usize = 4;
const V_ESCALATED: usize = 5;

fn level_index(level: Option<OrgLevel>) -> Option<usize> {
    LEVELS.iter().position(|l| Some(*l) == level)
}

fn clause_index(c: ClauseKind) -> usize {
    ClauseKind::ALL.iter().position(|k| *k == c).unwrap_or(0)
}

fn content_index(c: Content) -> usize {
    match c {
        Content::Member(m) => m as usize,
        Content::Organization(o) => o as usize,
    }
}

/// The figures of the forms for one subtree and period: the engine's row
/// for this annex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Forms {
    /// Subject rows by clause, side (organization 0, member 1) and body
    /// level (the last: every level).
    subjects: [[[u64; ALL_LEVELS + 1]; 2]; N_CLAUSE],
    /// Verdicts by clause and side (`V_…`).
    verdicts: [[[u64; 6]; 2]; N_CLAUSE],
    /// Committee members among the member subjects, by clause.
    committee: [u64; N_CLAUSE],
    /// Violations by clause, side and content category.
    content: [[[u64; N_CONTENT]; 2]; N_CLAUSE],
    /// Decided discipline by body, side, level (the last: every level) and
    /// form.
    discipline: [[[[u64; 5]; ALL_LEVELS + 1]; 2]; 2],
    /// Committee members disciplined, by body.
    discipline_committee: [u64; 2],
    /// Decided discipline by body, side and content category.
    discipline_content: [[[u64; N_CONTENT]; 2]; 2],
}

impl Row for Forms {
    const SLOTS: usize = 0;

    fn zero() -> Self {
        Forms {
            subjects: [[[0; ALL_LEVELS + 1]; 2]; N_CLAUSE],
            verdicts: [[[0; 6]; 2]; N_CLAUSE],
            committee: [0; N_CLAUSE],
            content: [[[0; N_CONTENT]; 2]; N_CLAUSE],
            discipline: [[[[0; 5]; ALL_LEVELS + 1]; 2]; 2],
            discipline_committee: [0; 2],
            discipline_content: [[[0; N_CONTENT]; 2]; 2],
        }
    }

    fn slot(_: usize) -> Option<usize> {
        None
    }

    fn add(&mut self, e: Event) {
        fn bump(x: Option<&mut u64>) {
            if let Some(x) = x {
                *x = x.saturating_add(1);
            }
        }
        match e {
            Event::Subject {
                body,
                level,
                content,
                kind,
                escalated,
                member,
                flags,
            } => {
                let c = clause_index(ClauseKind::of(body, kind));
                let side = usize::from(member);
                if let Some(row) = self.subjects.get_mut(c).and_then(|r| r.get_mut(side)) {
                    bump(row.get_mut(ALL_LEVELS));
                    if let Some(l) = level_index(level) {
                        bump(row.get_mut(l));
                    }
                }
                let violation = flags & S_VIOLATION != 0;
                let shortcoming = flags & S_SHORTCOMING != 0;
                if let Some(v) = self.verdicts.get_mut(c).and_then(|r| r.get_mut(side)) {
                    for (i, on) in [
                        (
                            V_GOOD,
                            flags & S_CONCLUDED != 0 && !violation && !shortcoming,
                        ),
                        (V_SHORTCOMING, shortcoming),
                        (V_VIOLATION, violation),
                        (V_MUST, flags & S_MUST != 0),
                        (V_DISCIPLINED, flags & S_DISCIPLINED != 0),
                        (V_ESCALATED, escalated),
                    ] {
                        if on {
                            bump(v.get_mut(i));
                        }
                    }
                }
                if member && flags & crate::engine::S_COMMITTEE != 0 {
                    bump(self.committee.get_mut(c));
                }
                if let Some(ct) = content.filter(|_| violation) {
                    bump(
                        self.content
                            .get_mut(c)
                            .and_then(|r| r.get_mut(side))
                            .and_then(|r| r.get_mut(content_index(ct))),
                    );
                }
            }
            Event::Discipline {
                body,
                level,
                content,
                status: DisciplineStatus::Decided,
                member,
                form,
                committee,
            } => {
                let (b, side) = (body as usize, usize::from(member));
                if let Some(by_level) = self.discipline.get_mut(b).and_then(|r| r.get_mut(side)) {
                    bump(
                        by_level
                            .get_mut(ALL_LEVELS)
                            .and_then(|r| r.get_mut(form as usize)),
                    );
                    if let Some(l) = level_index(level) {
                        bump(by_level.get_mut(l).and_then(|r| r.get_mut(form as usize)));
                    }
                }
                if member && committee {
                    bump(self.discipline_committee.get_mut(b));
                }
                if let Some(ct) = content {
                    bump(
                        self.discipline_content
                            .get_mut(b)
                            .and_then(|r| r.get_mut(side))
                            .and_then(|r| r.get_mut(content_index(ct))),
                    );
                }
            }
            Event::Oversight { .. }
            | Event::Discipline { .. }
            | Event::NameRemoval { .. }
            | Event::Assessment
            | Event::Briefing(..) => {}
        }
    }

    fn add_row(&mut self, _: &Self) {
        // The annex counts one subtree at a time: never summed.
    }

    fn add_members(&mut self, _: u64, _: u64) {}

    fn set_distinct(&mut self, _: usize, _: u64) {}
}

impl Forms {
    fn subjects(&self, clauses: &[ClauseKind], side: usize, level: usize) -> u64 {
        clauses
            .iter()
            .filter_map(|c| self.subjects.get(clause_index(*c))?.get(side)?.get(level))
            .fold(0, |a, b| a.saturating_add(*b))
    }

    fn verdict(&self, clauses: &[ClauseKind], side: usize, v: usize) -> u64 {
        clauses
            .iter()
            .filter_map(|c| self.verdicts.get(clause_index(*c))?.get(side)?.get(v))
            .fold(0, |a, b| a.saturating_add(*b))
    }

    fn committee(&self, clauses: &[ClauseKind]) -> u64 {
        clauses
            .iter()
            .filter_map(|c| self.committee.get(clause_index(*c)))
            .fold(0, |a, b| a.saturating_add(*b))
    }

    fn content(&self, clauses: &[ClauseKind], side: usize, i: usize) -> u64 {
        clauses
            .iter()
            .filter_map(|c| self.content.get(clause_index(*c))?.get(side)?.get(i))
            .fold(0, |a, b| a.saturating_add(*b))
    }

    fn discipline(
        &self,
        body: Option<BodyKind>,
        side: usize,
        level: usize,
        form: Option<DisciplineForm>,
    ) -> u64 {
        BodyKind::ALL
            .into_iter()
            .filter(|b| body.is_none_or(|x| x == *b))
            .filter_map(|b| self.discipline.get(b as usize)?.get(side)?.get(level))
            .flat_map(|forms| {
                DisciplineForm::ALL
                    .into_iter()
                    .filter(move |f| form.is_none_or(|x| x == *f))
                    .filter_map(move |f| forms.get(f as usize).copied())
            })
            .fold(0, u64::saturating_add)
    }

    fn discipline_content(&self, side: usize, i: usize) -> u64 {
        self.discipline_content
            .iter()
            .filter_map(|b| b.get(side)?.get(i))
            .fold(0, |a, b| a.saturating_add(*b))
    }
}

/// Options of an annex.
#[derive(Debug, Clone, Default)]
pub struct AnnexOptions {
    compare: bool,
    term: Option<TermProgressReport>,
}

impl AnnexOptions {
    /// Add the columns "Kỳ này | Cùng kỳ năm trước | %" to each sheet's
    /// total.
    #[must_use]
    pub fn compare_previous_year(mut self, compare: bool) -> Self {
        self.compare = compare;
        self
    }

    /// Add the sheet "Tiến độ nhiệm kỳ": the term target's band, pro-rated
    /// year by year, against the cumulative count, with a chart.
    #[must_use]
    pub fn term_progress(mut self, report: TermProgressReport) -> Self {
        self.term = Some(report);
        self
    }
}

/// One data row of a sheet: its label and its figures now and a year
/// earlier.
#[derive(Debug, Clone)]
struct Line {
    label: String,
    bold: bool,
    now: Forms,
    before: Option<Forms>,
}

/// The statistical annex of one organization and period.
#[derive(Debug, Clone)]
pub struct Annex {
    org_name: String,
    period: Period,
    previous: Option<Period>,
    lines: Vec<Line>,
    term: Option<TermProgressReport>,
}

/// A column of a sheet: its heading and its value.
struct Col {
    head: String,
    value: Box<dyn Fn(&Forms) -> u64>,
}

/// A group of columns under one heading (`None`: a single column whose
/// heading spans both header rows).
struct Group {
    head: Option<&'static str>,
    cols: Vec<Col>,
}

/// A sheet: its name, form number, title, unit and column groups.
struct Sheet {
    name: &'static str,
    number: &'static str,
    title: &'static str,
    unit: &'static str,
    groups: Vec<Group>,
}

fn col(head: impl Into<String>, value: impl Fn(&Forms) -> u64 + 'static) -> Col {
    Col {
        head: head.into(),
        value: Box::new(value),
    }
}

const LEVEL_HEADS: [&str; 5] = [
    "Trung ương",
    "Tỉnh và tương đương",
    "Huyện và tương đương",
    "Cơ sở",
    "Chi bộ",
];

fn xlsx(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::from(ErrorKind::Workbook {
        reason: e.to_string(),
    })
}

impl Annex {
    /// The figures of `org`'s subtree over `period`: the whole, the
    /// organization's own bodies, and each unit directly under it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownOrganization`] for an unknown `org`.
    pub fn build(
        engine: &Engine<'_>,
        org: &str,
        period: Period,
        options: AnnexOptions,
    ) -> Result<Self, Error> {
        let tree = engine.tree();
        let pos = tree.index_of(org).ok_or_else(|| {
            crate::OrgId::new(org)
                .map(|id| Error::from(ErrorKind::UnknownOrganization(id)))
                .unwrap_or_else(|e| e)
        })?;
        let o = tree.org(pos).ok_or_else(|| {
            Error::from(ErrorKind::Internal {
                what: "an organization's position without it",
            })
        })?;
        let previous = if options.compare {
            crate::report::year_earlier(period)
        } else {
            None
        };
        let count = |scope: Scope, p: Period| -> Result<Forms, Error> {
            engine
                .count_range::<Forms>(scope, &[p])?
                .pop()
                .ok_or_else(|| {
                    Error::from(ErrorKind::Internal {
                        what: "a forms query without its period",
                    })
                })
        };
        let line = |label: String, bold: bool, scope: Scope| -> Result<Line, Error> {
            Ok(Line {
                label,
                bold,
                now: count(scope, period)?,
                before: match previous {
                    Some(p) => Some(count(scope, p)?),
                    None => None,
                },
            })
        };
        let mut lines = vec![
            line("Tổng số".into(), true, Scope::Subtree(pos))?,
            line(format!("Trực tiếp {}", o.name()), false, Scope::Own(pos))?,
        ];
        // The units under it in the period, those that no longer exist at
        // its end marked "(cũ)".
        for (c, former) in engine.units_under(pos, period) {
            if let Some(child) = tree.org(c) {
                let label = if former {
                    format!("{} (cũ)", child.name())
                } else {
                    child.name().to_owned()
                };
                lines.push(line(label, false, Scope::Subtree(c))?);
            }
        }
        Ok(Annex {
            org_name: o.name().to_owned(),
            period,
            previous,
            lines,
            term: options.term,
        })
    }

    /// The sheets' names, in order.
    #[must_use]
    pub fn sheet_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = sheets().iter().map(|s| s.name).collect();
        if self.term.is_some() {
            names.push(TERM_SHEET);
        }
        names
    }

    /// The workbook's bytes.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Workbook`] if the workbook cannot be made.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut wb = self.workbook()?;
        wb.save_to_buffer().map_err(xlsx)
    }

    /// Writes the workbook to `path` (atomically: under a temporary name
    /// first).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Workbook`] if the workbook cannot be made,
    /// [`ErrorKind::Write`] if it cannot be written.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let bytes = self.to_bytes()?;
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "annex.xlsx".into());
        crate::atomic::write_files(dir, &[name.as_str()], |_, out| out.write_all(&bytes))
    }

    fn workbook(&self) -> Result<Workbook, Error> {
        let mut wb = Workbook::new();
        for sheet in sheets() {
            let ws = wb.add_worksheet();
            self.write_sheet(ws, &sheet).map_err(xlsx)?;
        }
        if let Some(t) = &self.term {
            let ws = wb.add_worksheet();
            write_term_sheet(ws, t, &self.org_name).map_err(xlsx)?;
        }
        Ok(wb)
    }

    fn write_sheet(
        &self,
        ws: &mut Worksheet,
        sheet: &Sheet,
    ) -> Result<(), rust_xlsxwriter::XlsxError> {
        ws.set_name(sheet.name)?;
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        let bold = Format::new().set_bold();
        let centre_bold = Format::new()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        let title = Format::new()
            .set_bold()
            .set_font_size(13)
            .set_align(FormatAlign::Center);
        let italic_centre = Format::new().set_italic().set_align(FormatAlign::Center);
        let head = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        let numbering = Format::new()
            .set_italic()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center);
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_num_format("#,##0");
        let cell_bold = cell.clone().set_bold();
        let pct = Format::new()
            .set_border(FormatBorder::Thin)
            .set_num_format("0.00");
        let label = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
        let label_bold = label.clone().set_bold();

        // The columns: STT, unit, then each group's (the first, the total,
        // with the comparison when asked for).
        let compare = self.previous.is_some();
        let mut heads: Vec<(Option<String>, Vec<String>)> = Vec::new();
        for (g, group) in sheet.groups.iter().enumerate() {
            let mut cols: Vec<String> = group.cols.iter().map(|c| c.head.clone()).collect();
            if g == 0 && compare {
                cols = vec![
                    "Kỳ này".into(),
                    "Cùng kỳ năm trước".into(),
                    "% kỳ này so với cùng kỳ".into(),
                ];
            }
            let group_head = match (group.head, g == 0 && compare) {
                (_, true) => group.cols.first().map(|c| c.head.clone()),
                (h, false) => h.map(str::to_owned),
            };
            heads.push((group_head, cols));
        }
        let n_cols: u16 = 2 + heads.iter().map(|(_, c)| c.len() as u16).sum::<u16>();
        let last = n_cols.saturating_sub(1);
        ws.set_column_width(0, 5)?;
        ws.set_column_width(1, 34)?;
        for c in 2..n_cols {
            ws.set_column_width(c, 11)?;
        }
        // The header block.
        ws.write_string_with_format(0, 0, self.org_name.to_uppercase(), &bold)?;
        ws.write_string_with_format(1, 0, "ỦY BAN KIỂM TRA", &bold)?;
        ws.write_string_with_format(0, last, sheet.number, &bold)?;
        ws.merge_range(3, 0, 3, last, sheet.title, &title)?;
        let period = format!("Kỳ báo cáo: {}", self.period.label(crate::Lang::Vi));
        ws.merge_range(4, 0, 4, last, &period, &italic_centre)?;
        ws.write_string_with_format(5, last, sheet.unit, &Format::new().set_italic())?;
        // The two-level header and the column numbers.
        let (h1, h2, nums) = (6u32, 7u32, 8u32);
        ws.merge_range(h1, 0, h2, 0, "STT", &head)?;
        ws.merge_range(h1, 1, h2, 1, "Đơn vị", &head)?;
        ws.write_string_with_format(nums, 0, "A", &numbering)?;
        ws.write_string_with_format(nums, 1, "B", &numbering)?;
        let mut c: u16 = 2;
        let mut number = 1;
        for (group_head, cols) in &heads {
            let width = cols.len() as u16;
            match group_head {
                Some(h) if width > 1 || cols.first() != Some(h) => {
                    if width > 1 {
                        ws.merge_range(h1, c, h1, c + width - 1, h, &head)?;
                    } else {
                        ws.write_string_with_format(h1, c, h, &head)?;
                    }
                    for (k, name) in cols.iter().enumerate() {
                        ws.write_string_with_format(h2, c + k as u16, name, &head)?;
                    }
                }
                _ => {
                    if let Some(name) = cols.first() {
                        ws.merge_range(h1, c, h2, c, name, &head)?;
                    }
                }
            }
            for k in 0..width {
                ws.write_string_with_format(nums, c + k, number.to_string(), &numbering)?;
                number += 1;
            }
            c += width;
        }
        ws.set_row_height(h1, 30)?;
        ws.set_row_height(h2, 75)?;
        // The rows.
        let mut r = nums + 1;
        for (k, line) in self.lines.iter().enumerate() {
            let (lf, nf) = if line.bold {
                (&label_bold, &cell_bold)
            } else {
                (&label, &cell)
            };
            let stt = if k == 0 { String::new() } else { k.to_string() };
            ws.write_string_with_format(r, 0, &stt, lf)?;
            ws.write_string_with_format(r, 1, &line.label, lf)?;
            let mut c: u16 = 2;
            for (g, group) in sheet.groups.iter().enumerate() {
                if g == 0 && compare {
                    let total = group.cols.first();
                    let now = total.map_or(0, |t| (t.value)(&line.now));
                    let before = total
                        .zip(line.before.as_ref())
                        .map_or(0, |(t, b)| (t.value)(b));
                    ws.write_number_with_format(r, c, now as f64, nf)?;
                    ws.write_number_with_format(r, c + 1, before as f64, nf)?;
                    // Kỳ này × 100 / cùng kỳ, exact then rounded half away
                    // from zero to two decimals; empty when the earlier
                    // count is 0.
                    if let Ok(ratio) = Ratio::new(now, before) {
                        let p = ratio.percent_with::<2>(Rounding::HalfAwayFromZero);
                        ws.write_number_with_format(r, c + 2, p.scaled() as f64 / 100.0, &pct)?;
                    } else {
                        ws.write_string_with_format(r, c + 2, "", &pct)?;
                    }
                    c += 3;
                    continue;
                }
                for col in &group.cols {
                    ws.write_number_with_format(r, c, (col.value)(&line.now) as f64, nf)?;
                    c += 1;
                }
            }
            r += 1;
        }
        // The signature block.
        let sign_col = last.saturating_sub(4).max(2);
        r += 1;
        ws.write_string_with_format(
            r,
            sign_col,
            "…………, ngày … tháng … năm ……",
            &Format::new().set_italic(),
        )?;
        r += 1;
        ws.write_string_with_format(r, 1, "NGƯỜI LẬP BIỂU", &centre_bold)?;
        ws.write_string_with_format(r, sign_col, "T/M ỦY BAN KIỂM TRA", &centre_bold)?;
        r += 1;
        ws.write_string_with_format(r, 1, "(Ký, ghi rõ họ và tên)", &italic_centre)?;
        ws.write_string_with_format(
            r,
            sign_col,
            "(Ký, đóng dấu, ghi rõ họ và tên)",
            &italic_centre,
        )?;
        Ok(())
    }
}

const TERM_SHEET: &str = "Tiến độ nhiệm kỳ";

/// The term sheet: by year, the count and its running total against the
/// band of the target pro-rated to the year's end, with a line chart.
fn write_term_sheet(
    ws: &mut Worksheet,
    t: &TermProgressReport,
    org: &str,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_name(TERM_SHEET)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 1);
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0");
    let dec = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.00");
    ws.write_string_with_format(0, 0, org.to_uppercase(), &bold)?;
    ws.write_string_with_format(1, 0, "ỦY BAN KIỂM TRA", &bold)?;
    let title = format!(
        "TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU {}: {} SỐ CUỘC KIỂM TRA, GIÁM SÁT",
        t.term.label(crate::Lang::Vi).to_uppercase(),
        t.target.label(crate::Lang::Vi).to_uppercase()
    );
    ws.merge_range(
        3,
        0,
        3,
        5,
        &title,
        &Format::new().set_bold().set_align(FormatAlign::Center),
    )?;
    ws.write_string(4, 0, format!("Nhiệm kỳ trước: {} cuộc", t.baseline))?;
    ws.write_string_with_format(5, 4, "(ĐVT: Cuộc)", &Format::new().set_italic())?;
    let year_cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0");
    let heads = [
        "Năm",
        "Thực hiện trong năm",
        "Lũy kế",
        "Mức thấp của chỉ tiêu theo tiến độ đều",
        "Mức cao của chỉ tiêu theo tiến độ đều",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(6, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, 22)?;
    }
    ws.set_row_height(6, 45)?;
    let mut running: u64 = 0;
    let years = t.term.years();
    let end = t.term.period().last();
    for (k, y) in years.iter().enumerate() {
        let r = 7 + k as u32;
        let year = chrono::Datelike::year(&y.first());
        let count = t.actual_by_year.get(&year).copied().unwrap_or(0);
        running = running.saturating_add(count);
        let share = t.term.elapsed_share(y.last().min(end));
        let prorate = |n: u64| -> f64 {
            Ratio::new(
                n.saturating_mul(share.numerator()),
                share.denominator().max(1),
            )
            .map(|r| r.value_with::<2>(Rounding::HalfAwayFromZero).scaled() as f64 / 100.0)
            .unwrap_or(0.0)
        };
        ws.write_number_with_format(r, 0, year, &year_cell)?;
        ws.write_number_with_format(r, 1, count as f64, &cell)?;
        ws.write_number_with_format(r, 2, running as f64, &cell)?;
        ws.write_number_with_format(r, 3, prorate(t.bounds.low()), &dec)?;
        if let Some(high) = t.bounds.high() {
            ws.write_number_with_format(r, 4, prorate(high), &dec)?;
        }
    }
    let last = 6 + years.len() as u32;
    let mut chart = Chart::new(ChartType::Line);
    chart
        .title()
        .set_name("Lũy kế số cuộc kiểm tra, giám sát và chỉ tiêu theo tiến độ");
    for (c, name) in [
        (2u16, "Lũy kế thực hiện"),
        (3, "Mức thấp theo tiến độ"),
        (4, "Mức cao theo tiến độ"),
    ] {
        if c == 4 && t.bounds.high().is_none() {
            continue;
        }
        chart
            .add_series()
            .set_name(name)
            .set_categories((TERM_SHEET, 7, 0, last, 0))
            .set_values((TERM_SHEET, 7, c, last, c));
    }
    chart.x_axis().set_name("Năm");
    chart.y_axis().set_name("Số cuộc");
    chart.set_width(720).set_height(400);
    ws.insert_chart(last + 2, 0, &chart)?;
    Ok(())
}

/// The sheets the data supports, in the order of the forms.
fn sheets() -> Vec<Sheet> {
    use ClauseKind as K;
    let levels = |clauses: &'static [ClauseKind], side: usize, n: usize| Group {
        head: Some("Cấp kiểm tra"),
        cols: (0..n)
            .map(|l| {
                col(
                    LEVEL_HEADS.get(l).copied().unwrap_or(""),
                    move |f: &Forms| f.subjects(clauses, side, l),
                )
            })
            .collect(),
    };
    let total = |head: &'static str, clauses: &'static [ClauseKind], side: usize| Group {
        head: None,
        cols: vec![col(head, move |f: &Forms| {
            f.subjects(clauses, side, ALL_LEVELS)
        })],
    };
    let contents = |clauses: &'static [ClauseKind], side: usize| Group {
        head: Some("Nội dung vi phạm"),
        cols: if side == 1 {
            MemberContent::ALL
                .into_iter()
                .map(|m| {
                    col(capitalize(m.vi()), move |f: &Forms| {
                        f.content(clauses, 1, m as usize)
                    })
                })
                .collect()
        } else {
            OrgContent::ALL
                .into_iter()
                .map(|o| {
                    col(capitalize(o.vi()), move |f: &Forms| {
                        f.content(clauses, 0, o as usize)
                    })
                })
                .collect()
        },
    };
    let verdicts =
        |clauses: &'static [ClauseKind], side: usize, heads: &[(usize, &'static str)]| Group {
            head: Some("Kết luận"),
            cols: heads
                .iter()
                .map(|&(v, h)| col(h, move |f: &Forms| f.verdict(clauses, side, v)))
                .collect(),
        };
    let committee = |clauses: &'static [ClauseKind]| Group {
        head: None,
        cols: vec![col("Trong đó cấp ủy viên", move |f: &Forms| {
            f.committee(clauses)
        })],
    };
    const INSPECTION_VERDICTS: [(usize, &str); 5] = [
        (V_GOOD, "Thực hiện tốt"),
        (V_SHORTCOMING, "Còn hạn chế, khuyết điểm"),
        (V_VIOLATION, "Có vi phạm"),
        (V_MUST, "Phải thi hành kỷ luật"),
        (V_DISCIPLINED, "Đã thi hành kỷ luật"),
    ];
    const SIGNS_VERDICTS: [(usize, &str); 3] = [
        (V_VIOLATION, "Có vi phạm"),
        (V_MUST, "Phải thi hành kỷ luật"),
        (V_DISCIPLINED, "Đã thi hành kỷ luật"),
    ];
    const COMMITTEE_INSPECTION: &[ClauseKind] = &[K::CommitteeInspection];
    const COMMITTEE_SUPERVISION: &[ClauseKind] = &[K::CommitteeThematic, K::CommitteeRegular];
    const SIGNS: &[ClauseKind] = &[K::CommitteeSigns, K::CommissionSigns];
    const COMMISSION_SUPERVISION: &[ClauseKind] = &[K::CommissionSupervision];
    const DUTIES: &[ClauseKind] = &[K::CommissionDuties];
    const FINANCE: &[ClauseKind] = &[K::Finance];
    // Supervisions turned into inspections on signs of violation, counted
    // on the inspections of the same body.
    let supervision_results =
        |clauses: &'static [ClauseKind], signs: &'static [ClauseKind], side: usize| Group {
            head: Some("Kết quả"),
            cols: vec![
                col("Thực hiện tốt", move |f: &Forms| {
                    f.verdict(clauses, side, V_GOOD)
                }),
                col("Còn hạn chế, khuyết điểm", move |f: &Forms| {
                    f.verdict(clauses, side, V_SHORTCOMING)
                }),
                col("Có dấu hiệu vi phạm", move |f: &Forms| {
                    f.verdict(clauses, side, V_VIOLATION)
                }),
                col(
                    "Chuyển kiểm tra khi có dấu hiệu vi phạm",
                    move |f: &Forms| f.verdict(signs, side, V_ESCALATED),
                ),
            ],
        };
    let discipline_forms = |side: usize, forms: &'static [DisciplineForm]| Group {
        head: Some("Hình thức kỷ luật"),
        cols: forms
            .iter()
            .map(|&form| {
                col(capitalize(form.vi()), move |f: &Forms| {
                    f.discipline(None, side, ALL_LEVELS, Some(form))
                })
            })
            .collect(),
    };
    let discipline_levels = |side: usize, body: BodyKind, head: &'static str, n: usize| Group {
        head: Some(head),
        cols: (0..n)
            .map(|l| {
                col(
                    LEVEL_HEADS.get(l).copied().unwrap_or(""),
                    move |f: &Forms| f.discipline(Some(body), side, l, None),
                )
            })
            .collect(),
    };
    let discipline_contents = |side: usize| Group {
        head: Some("Nội dung vi phạm"),
        cols: if side == 1 {
            MemberContent::ALL
                .into_iter()
                .map(|m| {
                    col(capitalize(m.vi()), move |f: &Forms| {
                        f.discipline_content(1, m as usize)
                    })
                })
                .collect()
        } else {
            OrgContent::ALL
                .into_iter()
                .map(|o| {
                    col(capitalize(o.vi()), move |f: &Forms| {
                        f.discipline_content(0, o as usize)
                    })
                })
                .collect()
        },
    };
    vec![
        Sheet {
            name: "1 KT đảng viên",
            number: "Biểu số 01",
            title: "KIỂM TRA ĐẢNG VIÊN THEO ĐIỀU 30 ĐIỀU LỆ ĐẢNG",
            unit: "(ĐVT: Đảng viên)",
            groups: vec![
                total("Tổng số đảng viên được kiểm tra", COMMITTEE_INSPECTION, 1),
                levels(COMMITTEE_INSPECTION, 1, 4),
                contents(COMMITTEE_INSPECTION, 1),
                verdicts(COMMITTEE_INSPECTION, 1, &INSPECTION_VERDICTS),
                committee(COMMITTEE_INSPECTION),
            ],
        },
        Sheet {
            name: "2 KT tổ chức đảng",
            number: "Biểu số 02",
            title: "KIỂM TRA TỔ CHỨC ĐẢNG CẤP DƯỚI THEO ĐIỀU 30 ĐIỀU LỆ ĐẢNG",
            unit: "(ĐVT: Tổ chức đảng)",
            groups: vec![
                total(
                    "Tổng số tổ chức đảng được kiểm tra",
                    COMMITTEE_INSPECTION,
                    0,
                ),
                levels(COMMITTEE_INSPECTION, 0, 4),
                contents(COMMITTEE_INSPECTION, 0),
                verdicts(COMMITTEE_INSPECTION, 0, &INSPECTION_VERDICTS),
            ],
        },
        Sheet {
            name: "3 GS đảng viên (cấp ủy)",
            number: "Biểu số 03",
            title: "GIÁM SÁT ĐẢNG VIÊN THEO ĐIỀU 30 ĐIỀU LỆ ĐẢNG",
            unit: "(ĐVT: Đảng viên)",
            groups: vec![
                total("Tổng số đảng viên được giám sát", COMMITTEE_SUPERVISION, 1),
                levels(COMMITTEE_SUPERVISION, 1, 4),
                supervision_results(COMMITTEE_SUPERVISION, &[K::CommitteeSigns], 1),
                committee(COMMITTEE_SUPERVISION),
            ],
        },
        Sheet {
            name: "4 GS tổ chức đảng (cấp ủy)",
            number: "Biểu số 04",
            title: "GIÁM SÁT TỔ CHỨC ĐẢNG THEO ĐIỀU 30 ĐIỀU LỆ ĐẢNG",
            unit: "(ĐVT: Tổ chức đảng)",
            groups: vec![
                total(
                    "Tổng số tổ chức đảng được giám sát",
                    COMMITTEE_SUPERVISION,
                    0,
                ),
                levels(COMMITTEE_SUPERVISION, 0, 4),
                supervision_results(COMMITTEE_SUPERVISION, &[K::CommitteeSigns], 0),
            ],
        },
        Sheet {
            name: "5 KTDHVP đảng viên",
            number: "Biểu số 05",
            title: "KIỂM TRA ĐẢNG VIÊN KHI CÓ DẤU HIỆU VI PHẠM CỦA ỦY BAN KIỂM TRA CÁC CẤP VÀ CHI BỘ",
            unit: "(ĐVT: Đảng viên)",
            groups: vec![
                total("Tổng số đảng viên được kiểm tra", SIGNS, 1),
                levels(SIGNS, 1, 4),
                contents(SIGNS, 1),
                verdicts(SIGNS, 1, &SIGNS_VERDICTS),
                committee(SIGNS),
            ],
        },
        Sheet {
            name: "6 KTDHVP tổ chức đảng",
            number: "Biểu số 06",
            title: "KIỂM TRA TỔ CHỨC ĐẢNG KHI CÓ DẤU HIỆU VI PHẠM CỦA ỦY BAN KIỂM TRA CÁC CẤP",
            unit: "(ĐVT: Tổ chức đảng)",
            groups: vec![
                total("Tổng số tổ chức đảng được kiểm tra", SIGNS, 0),
                levels(SIGNS, 0, 4),
                contents(SIGNS, 0),
                verdicts(SIGNS, 0, &SIGNS_VERDICTS),
            ],
        },
        Sheet {
            name: "7 GS đảng viên (UBKT)",
            number: "Biểu số 07",
            title: "GIÁM SÁT ĐẢNG VIÊN CỦA ỦY BAN KIỂM TRA CÁC CẤP",
            unit: "(ĐVT: Đảng viên)",
            groups: vec![
                total("Tổng số đảng viên được giám sát", COMMISSION_SUPERVISION, 1),
                levels(COMMISSION_SUPERVISION, 1, 4),
                supervision_results(COMMISSION_SUPERVISION, &[K::CommissionSigns], 1),
                committee(COMMISSION_SUPERVISION),
            ],
        },
        Sheet {
            name: "8 GS tổ chức đảng (UBKT)",
            number: "Biểu số 08",
            title: "GIÁM SÁT TỔ CHỨC ĐẢNG CỦA ỦY BAN KIỂM TRA CÁC CẤP",
            unit: "(ĐVT: Tổ chức đảng)",
            groups: vec![
                total(
                    "Tổng số tổ chức đảng được giám sát",
                    COMMISSION_SUPERVISION,
                    0,
                ),
                levels(COMMISSION_SUPERVISION, 0, 4),
                supervision_results(COMMISSION_SUPERVISION, &[K::CommissionSigns], 0),
            ],
        },
        Sheet {
            name: "9 KT thực hiện nhiệm vụ",
            number: "Biểu số 09",
            title: "KIỂM TRA TỔ CHỨC ĐẢNG CẤP DƯỚI THỰC HIỆN NHIỆM VỤ KIỂM TRA, GIÁM SÁT CỦA ỦY BAN KIỂM TRA CÁC CẤP",
            unit: "(ĐVT: Tổ chức đảng)",
            groups: vec![
                total("Tổng số tổ chức đảng được kiểm tra", DUTIES, 0),
                levels(DUTIES, 0, 4),
                verdicts(DUTIES, 0, &INSPECTION_VERDICTS[..3]),
            ],
        },
        Sheet {
            name: "10 KT tài chính đảng",
            number: "Biểu số 10",
            title: "KIỂM TRA TÀI CHÍNH ĐẢNG",
            unit: "(ĐVT: Tổ chức đảng)",
            groups: vec![
                total("Tổng số tổ chức đảng được kiểm tra", FINANCE, 0),
                levels(FINANCE, 0, 4),
                verdicts(FINANCE, 0, &SIGNS_VERDICTS),
            ],
        },
        Sheet {
            name: "11 THKL đảng viên",
            number: "Biểu số 11",
            title: "THI HÀNH KỶ LUẬT ĐẢNG VIÊN CỦA CẤP ỦY, ỦY BAN KIỂM TRA CÁC CẤP VÀ CHI BỘ",
            unit: "(ĐVT: Đảng viên)",
            groups: vec![
                Group {
                    head: None,
                    cols: vec![col(
                        "Tổng số đảng viên bị thi hành kỷ luật",
                        |f: &Forms| f.discipline(None, 1, ALL_LEVELS, None),
                    )],
                },
                discipline_forms(
                    1,
                    &[
                        DisciplineForm::Reprimand,
                        DisciplineForm::Warning,
                        DisciplineForm::RemovalFromOffice,
                        DisciplineForm::Expulsion,
                    ],
                ),
                discipline_levels(
                    1,
                    BodyKind::Committee,
                    "Cấp ủy các cấp và chi bộ thi hành kỷ luật",
                    5,
                ),
                discipline_levels(
                    1,
                    BodyKind::Commission,
                    "Ủy ban kiểm tra các cấp thi hành kỷ luật",
                    4,
                ),
                discipline_contents(1),
                Group {
                    head: None,
                    cols: vec![col("Trong đó cấp ủy viên", |f: &Forms| {
                        f.discipline_committee
                            .iter()
                            .fold(0, |a, b| a.saturating_add(*b))
                    })],
                },
            ],
        },
        Sheet {
            name: "12 THKL tổ chức đảng",
            number: "Biểu số 12",
            title: "THI HÀNH KỶ LUẬT TỔ CHỨC ĐẢNG CỦA CẤP ỦY CÁC CẤP",
            unit: "(ĐVT: Tổ chức đảng)",
            groups: vec![
                Group {
                    head: None,
                    cols: vec![col(
                        "Tổng số tổ chức đảng bị thi hành kỷ luật",
                        |f: &Forms| f.discipline(None, 0, ALL_LEVELS, None),
                    )],
                },
                discipline_forms(
                    0,
                    &[
                        DisciplineForm::Reprimand,
                        DisciplineForm::Warning,
                        DisciplineForm::Dissolution,
                    ],
                ),
                discipline_levels(0, BodyKind::Committee, "Cấp thi hành kỷ luật", 4),
                discipline_contents(0),
            ],
        },
    ]
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
