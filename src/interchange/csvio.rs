//! Low-level CSV handling: whole-file buffers, the header, chunks that can
//! be parsed in parallel, strict RFC 4180 checks, and field parsers.

use std::path::Path;

use chrono::NaiveDate;

use super::{Problem, Rule, Sink};
use crate::display::quoted;

/// The text of one file, with the facts the record loop needs.
pub(crate) struct FileText {
    pub(crate) name: &'static str,
    pub(crate) bytes: Vec<u8>,
    /// Where the data rows start, and their first line number.
    pub(crate) body_start: usize,
    pub(crate) body_line: u64,
    /// The optional columns the header names after the others, in order.
    pub(crate) extra: Vec<&'static str>,
}

impl FileText {
    /// Every column of the file, the optional ones last.
    pub(crate) fn columns(&self, columns: &[&'static str]) -> Vec<&'static str> {
        columns.iter().chain(&self.extra).copied().collect()
    }
}

/// The UTF-8 byte order mark that some spreadsheet programs write first; it
/// is not data, and is skipped.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads `dir/name` and checks its header against `columns`. Returns `None`
/// (with a problem) when the file cannot be read or its header is wrong: its
/// rows cannot be interpreted.
pub(crate) fn open(
    dir: &Path,
    name: &'static str,
    columns: &[&str],
    optional: &[&'static str],
    problems: &mut Sink,
) -> Option<FileText> {
    let bytes = match std::fs::read(dir.join(name)) {
        Ok(b) => b,
        Err(e) => {
            problems.push(unreadable(name, &e));
            return None;
        }
    };
    let (body_start, body_line, extra) = header(&bytes, name, columns, optional, problems)?;
    Some(FileText {
        name,
        bytes,
        body_start,
        body_line,
        extra,
    })
}

fn unreadable(name: &str, e: &std::io::Error) -> Problem {
    Problem::new(
        name,
        1,
        "*",
        Rule::FileUnreadable,
        format!("cannot read the file: {e}"),
    )
}

/// Checks the header at the start of `bytes` (after a byte order mark and
/// blank lines, each reported) against `columns`, then any of `optional`
/// in any order, each once: where the rows start, their first line and the
/// optional columns present, or `None` with a problem.
fn header(
    bytes: &[u8],
    name: &'static str,
    columns: &[&str],
    optional: &[&'static str],
    problems: &mut Sink,
) -> Option<(usize, u64, Vec<&'static str>)> {
    let start = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let mut reader = Records::new(bytes, start, bytes.len(), 1);
    let header = loop {
        match reader.next_record() {
            None => {
                problems.push(Problem::new(
                    name,
                    reader.line,
                    "*",
                    Rule::MissingHeader,
                    "the file is empty; a header row is required",
                ));
                return None;
            }
            Some(Err(bad)) if bad.rule == Rule::BlankLine => {
                problems.push(bad.problem(name, columns));
            }
            Some(Err(bad)) => {
                problems.push(Problem::new(
                    name,
                    bad.line,
                    "*",
                    Rule::WrongHeader,
                    format!("malformed header: {}", bad.message),
                ));
                return None;
            }
            Some(Ok(line)) => break line,
        }
    };
    let found: Vec<&[u8]> = (0..reader.record.len())
        .map(|i| reader.record.get(i).unwrap_or_default())
        .collect();
    let fixed =
        found.len() >= columns.len() && found.iter().zip(columns).all(|(f, c)| *f == c.as_bytes());
    // The optional columns after the others, each once.
    let mut extra: Vec<&'static str> = Vec::new();
    let mut extras_ok = true;
    for f in found.iter().skip(columns.len()) {
        match optional.iter().find(|o| o.as_bytes() == *f) {
            Some(o) if !extra.contains(o) => extra.push(o),
            _ => extras_ok = false,
        }
    }
    if !fixed || !extras_ok {
        let found = found.iter().map(|f| text(f)).collect::<Vec<_>>().join(",");
        let then = match optional {
            [] => String::new(),
            [one] => format!(", then optionally {one}"),
            more => format!(
                ", then optionally any of {} (each once, in any order)",
                more.join(", ")
            ),
        };
        problems.push(Problem::new(
            name,
            header,
            "*",
            Rule::WrongHeader,
            format!(
                "the header must be {}{then}, not {}",
                columns.join(","),
                quoted(&found)
            ),
        ));
        return None;
    }
    Some((reader.pos, reader.line, extra))
}

/// A large file read in blocks of whole records, so that only one block's
/// text is in memory at a time: each block is a [`FileText`] of its own,
/// starting at a record boundary with its first line number.
pub(crate) struct Blocks {
    name: &'static str,
    file: std::fs::File,
    /// Bytes read and not yet handed out; they start at a record boundary.
    pending: Vec<u8>,
    /// The line of `pending`'s first byte.
    line: u64,
    /// Where the rows start in the first block (after the header).
    first_start: Option<usize>,
    /// The optional columns of the header.
    extra: Vec<&'static str>,
    eof: bool,
    block: usize,
    /// The file's length when opened.
    len: u64,
}

/// Opens `dir/name` to be read in blocks of about `block` bytes, and checks
/// its header against `columns`. Returns `None` (with a problem) as
/// [`open`] does.
pub(crate) fn open_blocks(
    dir: &Path,
    name: &'static str,
    columns: &[&str],
    optional: &[&'static str],
    block: usize,
    problems: &mut Sink,
) -> Option<Blocks> {
    let file = match std::fs::File::open(dir.join(name)) {
        Ok(f) => f,
        Err(e) => {
            problems.push(unreadable(name, &e));
            return None;
        }
    };
    let len = file.metadata().map_or(0, |m| m.len());
    let mut blocks = Blocks {
        name,
        len,
        file,
        pending: Vec::new(),
        line: 1,
        first_start: None,
        extra: Vec::new(),
        eof: false,
        block: block.max(1),
    };
    // The first block holds the header whole, and the blank lines before
    // it: read on until a record ends after them.
    let block = blocks.block;
    loop {
        if let Err(e) = blocks.fill() {
            problems.push(unreadable(name, &e));
            return None;
        }
        if blocks.eof || header_end(&blocks.pending).is_some() {
            break;
        }
        blocks.block = blocks.block.saturating_mul(2);
    }
    blocks.block = block;
    let (start, line, extra) = header(&blocks.pending, name, columns, optional, problems)?;
    blocks.first_start = Some(start);
    blocks.line = line;
    blocks.extra = extra;
    Some(blocks)
}

/// Where the first record after a byte order mark and blank lines ends
/// (after its line break), if it does in `bytes`.
fn header_end(bytes: &[u8]) -> Option<usize> {
    let mut at = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    loop {
        match bytes.get(at..) {
            Some([b'\n', ..]) => at += 1,
            Some([b'\r', b'\n', ..]) => at += 2,
            _ => break,
        }
    }
    record_boundary(bytes, at)
}

/// The end (after the line break) of the last record of `bytes[from..]`
/// that ends in it: the last line break with an even number of quotes
/// before it since `from` (outside any quoted field), where `from` is a
/// record boundary.
fn record_boundary(bytes: &[u8], from: usize) -> Option<usize> {
    // From the end back: the quotes before each line break are the total
    // less those after it (counting is vectorized; a byte loop is not).
    let body = bytes.get(from..)?;
    let mut quotes = count(body, b'"');
    let mut end = body.len();
    while let Some(nl) = body.get(..end)?.iter().rposition(|&b| b == b'\n') {
        quotes -= count(body.get(nl..end)?, b'"');
        if quotes.is_multiple_of(2) {
            return Some(from + nl + 1);
        }
        end = nl;
    }
    None
}

impl Blocks {
    /// Reads until `pending` holds at least one block (or the rest of the
    /// file).
    fn fill(&mut self) -> std::io::Result<()> {
        use std::io::Read;
        while !self.eof && self.pending.len() < self.block {
            let want = (self.block - self.pending.len()) as u64;
            self.pending.reserve(self.block - self.pending.len());
            let got = (&mut self.file).take(want).read_to_end(&mut self.pending)?;
            if got == 0 {
                self.eof = true;
            }
        }
        Ok(())
    }

    /// The next block of whole records, or `None` at the end.
    pub(crate) fn next_block(&mut self) -> Option<std::io::Result<FileText>> {
        loop {
            if let Err(e) = self.fill() {
                return Some(Err(e));
            }
            let start = self.first_start.unwrap_or(0);
            if self.pending.len() <= start {
                return None;
            }
            // The last line break with an even number of quotes before it
            // (outside any quoted field), counted from the block's start (a
            // record boundary).
            let cut = if self.eof {
                Some(self.pending.len())
            } else {
                record_boundary(&self.pending, start)
            };
            let Some(cut) = cut else {
                // No record ends in the block: read a larger one.
                self.block = self.block.saturating_mul(2);
                continue;
            };
            let rest = self.pending.split_off(cut);
            let bytes = std::mem::replace(&mut self.pending, rest);
            let body_line = self.line;
            let lines = bytes.get(start..).map_or(0, |b| count(b, b'\n'));
            self.line += lines as u64;
            self.first_start = None;
            return Some(Ok(FileText {
                name: self.name,
                bytes,
                body_start: start,
                body_line,
                extra: self.extra.clone(),
            }));
        }
    }

    /// About how many rows the whole file holds, judged from the average
    /// row length of `block` (a little more, so that columns reserved with
    /// it rarely grow).
    pub(crate) fn rows_estimate(&self, block: &FileText) -> usize {
        let body = block.bytes.get(block.body_start..).unwrap_or_default();
        let rows = count(body, b'\n').max(1);
        let avg = (body.len() / rows).max(1) as u64;
        usize::try_from(self.len / avg + self.len / avg / 32 + 16).unwrap_or(usize::MAX)
    }
}

/// One record as the tokenizer hands it out: field bounds into the file's
/// bytes, or into a scratch buffer for a quoted field with doubled quotes.
#[derive(Default)]
pub(crate) struct Record<'a> {
    data: &'a [u8],
    scratch: Vec<u8>,
    /// (start, end, in scratch)
    fields: Vec<(usize, usize, bool)>,
}

impl<'a> Record<'a> {
    /// The `i`-th field, unquoted.
    pub(crate) fn get(&self, i: usize) -> Option<&[u8]> {
        let &(start, end, scratch) = self.fields.get(i)?;
        if scratch {
            self.scratch.get(start..end)
        } else {
            self.data.get(start..end)
        }
    }

    /// How many fields.
    pub(crate) fn len(&self) -> usize {
        self.fields.len()
    }
}

/// A record refused whole by the tokenizer.
pub(crate) struct BadRecord {
    pub(crate) line: u64,
    /// The field to blame, if one is.
    pub(crate) field: Option<usize>,
    pub(crate) rule: Rule,
    pub(crate) message: String,
    /// The raw text up to the first comma (the id, or the first reference),
    /// so that references to it are not reported as missing.
    pub(crate) first: Vec<u8>,
}

impl BadRecord {
    pub(crate) fn problem(&self, file: &str, columns: &[&str]) -> Problem {
        let column = self
            .field
            .and_then(|i| columns.get(i).copied())
            .unwrap_or("*");
        Problem::new(file, self.line, column, self.rule, self.message.clone())
    }
}

/// A strict RFC 4180 tokenizer over `data[pos..end]`: fields are unquoted
/// and free of quotes and line breaks, or quoted whole with inner quotes
/// doubled; a record ends with LF or CR LF (a bare CR is refused); a blank
/// line is refused. Lines are counted by LF, inside quoted fields too, so
/// every record knows its first physical line.
pub(crate) struct Records<'a> {
    data: &'a [u8],
    pub(crate) pos: usize,
    end: usize,
    /// The physical line at `pos`.
    pub(crate) line: u64,
    pub(crate) record: Record<'a>,
}

impl<'a> Records<'a> {
    pub(crate) fn new(data: &'a [u8], pos: usize, end: usize, line: u64) -> Self {
        Records {
            data,
            pos,
            end: end.min(data.len()),
            line,
            record: Record {
                data,
                ..Record::default()
            },
        }
    }

    fn byte(&self, i: usize) -> Option<u8> {
        if i < self.end {
            self.data.get(i).copied()
        } else {
            None
        }
    }

    /// The next record: its line in `Ok` (the fields are in
    /// [`Self::record`]), or the one problem that refuses it whole. `None`
    /// at the end.
    pub(crate) fn next_record(&mut self) -> Option<Result<u64, BadRecord>> {
        if self.pos >= self.end {
            return None;
        }
        let line = self.line;
        let start = self.pos;
        self.record.fields.clear();
        self.record.scratch.clear();
        // A blank line.
        match (self.byte(start), self.byte(start + 1)) {
            (Some(b'\n'), _) | (Some(b'\r'), Some(b'\n')) => {
                self.pos = start
                    + if self.byte(start) == Some(b'\n') {
                        1
                    } else {
                        2
                    };
                self.line += 1;
                return Some(Err(BadRecord {
                    line,
                    field: None,
                    rule: Rule::BlankLine,
                    message: "a blank line; every line is the header or a record".into(),
                    first: Vec::new(),
                }));
            }
            _ => {}
        }
        match self.fields() {
            Ok(()) => {}
            Err((rule, message)) => {
                self.skip_line();
                // The first field as far as it parsed (unquoted), else the
                // raw text up to the first comma.
                let first = match self.record.get(0) {
                    Some(f) => f.to_vec(),
                    None => self
                        .data
                        .get(start..self.pos)
                        .unwrap_or_default()
                        .split(|&b| b == b',' || b == b'\n' || b == b'\r')
                        .next()
                        .unwrap_or_default()
                        .to_vec(),
                };
                return Some(Err(BadRecord {
                    line,
                    field: None,
                    rule,
                    message,
                    first,
                }));
            }
        }
        let raw = self.data.get(start..self.pos).unwrap_or_default();
        if let Err(e) = std::str::from_utf8(raw) {
            let at = start + e.valid_up_to();
            let column = self
                .record
                .fields
                .iter()
                .position(|&(_, end, scratch)| !scratch && end >= at)
                .unwrap_or(0);
            let first = self.record.get(0).unwrap_or_default().to_vec();
            return Some(Err(BadRecord {
                line,
                field: Some(column),
                rule: Rule::Utf8,
                message: "the text is not valid UTF-8".into(),
                first,
            }));
        }
        Some(Ok(line))
    }

    /// Reads the fields of one record, leaving `pos` after its line end.
    fn fields(&mut self) -> Result<(), (Rule, String)> {
        loop {
            if self.byte(self.pos) == Some(b'"') {
                self.quoted_field()?;
            } else {
                let start = self.pos;
                loop {
                    match self.byte(self.pos) {
                        None | Some(b',' | b'\n' | b'\r') => break,
                        Some(b'"') => {
                            return Err((
                                Rule::Quoting,
                                "bad quoting: a quote inside an unquoted field".into(),
                            ));
                        }
                        Some(_) => self.pos += 1,
                    }
                }
                self.record.fields.push((start, self.pos, false));
            }
            match self.byte(self.pos) {
                Some(b',') => self.pos += 1,
                None => return Ok(()),
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    return Ok(());
                }
                Some(b'\r') if self.byte(self.pos + 1) == Some(b'\n') => {
                    self.pos += 2;
                    self.line += 1;
                    return Ok(());
                }
                Some(b'\r') => return Err((Rule::LineEnd, BARE_CR.into())),
                Some(_) => {
                    return Err((
                        Rule::Quoting,
                        "bad quoting: text follows a closing quote".into(),
                    ));
                }
            }
        }
    }

    fn quoted_field(&mut self) -> Result<(), (Rule, String)> {
        self.pos += 1;
        let start = self.pos;
        // Where the field starts in the scratch buffer, once it is copied
        // (only a field with a doubled quote is).
        let mut copied: Option<usize> = None;
        loop {
            match self.byte(self.pos) {
                None => {
                    return Err((
                        Rule::Quoting,
                        "bad quoting: a quoted field is not closed".into(),
                    ));
                }
                Some(b'"') if self.byte(self.pos + 1) == Some(b'"') => {
                    if copied.is_none() {
                        let at = self.record.scratch.len();
                        let before = self.data.get(start..self.pos).unwrap_or_default();
                        self.record.scratch.extend_from_slice(before);
                        copied = Some(at);
                    }
                    self.record.scratch.push(b'"');
                    self.pos += 2;
                }
                Some(b'"') => {
                    let field = match copied {
                        Some(from) => (from, self.record.scratch.len(), true),
                        None => (start, self.pos, false),
                    };
                    self.record.fields.push(field);
                    self.pos += 1;
                    return Ok(());
                }
                Some(b) => {
                    if b == b'\n' {
                        self.line += 1;
                    } else if b == b'\r' && self.byte(self.pos + 1) != Some(b'\n') {
                        return Err((Rule::LineEnd, BARE_CR.into()));
                    }
                    if copied.is_some() {
                        self.record.scratch.push(b);
                    }
                    self.pos += 1;
                }
            }
        }
    }

    /// After a refused record: on past the end of its line.
    fn skip_line(&mut self) {
        while let Some(b) = self.byte(self.pos) {
            self.pos += 1;
            if b == b'\n' {
                self.line += 1;
                return;
            }
        }
    }
}

const BARE_CR: &str = "a carriage return (CR) without a line feed; lines end with LF or CR LF";

/// A part of a file's rows that starts at a record boundary.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Chunk {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) first_line: u64,
}

/// Splits the rows of `text` into about `n` chunks at record boundaries: a
/// line break preceded by an even number of quote characters is outside any
/// quoted field (RFC 4180 quotes come in pairs). The quotes and line breaks
/// of the candidate parts are counted in parallel.
pub(crate) fn chunks(text: &FileText, n: usize) -> Vec<Chunk> {
    let bytes = &text.bytes;
    let len = bytes.len();
    let start = text.body_start.min(len);
    let n = if len - start < (1 << 20) { 1 } else { n.max(1) };
    // Candidate cuts just after a line break near each n-th of the text.
    let mut cuts = vec![start];
    for k in 1..n {
        let target = start + (len - start) / n * k;
        let after = bytes
            .get(target..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'));
        if let Some(off) = after {
            let cut = target + off + 1;
            if cut > *cuts.last().unwrap_or(&start) && cut < len {
                cuts.push(cut);
            }
        }
    }
    cuts.push(len);
    // Quotes and line breaks per part, in parallel.
    let part = |w: &[usize]| bytes.get(w[0]..w[1]).unwrap_or_default();
    let counted = |w: &[usize]| (count(part(w), b'"'), count(part(w), b'\n'));
    let counts: Vec<(usize, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = cuts
            .windows(2)
            .map(|w| s.spawn(move || counted(w)))
            .collect();
        // A failed thread is a bug: resume its panic as it was.
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    // Keep the cuts where the quotes before are even; move the others on to
    // the next line break with even parity (rare: only inside a quoted field
    // that spans lines).
    let mut out = Vec::new();
    let (mut from, mut line, mut quotes) = (start, text.body_line, 0usize);
    let mut lines_before = text.body_line;
    let mut at = start;
    for (k, w) in cuts.windows(2).enumerate() {
        let (q, nl) = counts.get(k).copied().unwrap_or((0, 0));
        // Counts cover cuts[k]..cuts[k+1]; `at` may already be past cuts[k].
        if at <= w[0] {
            quotes += q;
            lines_before += nl as u64;
        } else if at < w[1] {
            let rest = bytes.get(at..w[1]).unwrap_or_default();
            quotes += count(rest, b'"');
            lines_before += count(rest, b'\n') as u64;
        }
        at = at.max(w[1]);
        if at >= len {
            break;
        }
        // Advance past line breaks until the parity is even.
        while quotes % 2 == 1 && at < len {
            match bytes
                .get(at..)
                .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            {
                None => at = len,
                Some(off) => {
                    let seg = bytes.get(at..at + off + 1).unwrap_or_default();
                    quotes += count(seg, b'"');
                    lines_before += 1;
                    at += off + 1;
                }
            }
        }
        if at >= len {
            break;
        }
        out.push(Chunk {
            start: from,
            end: at,
            first_line: line,
        });
        from = at;
        line = lines_before;
    }
    out.push(Chunk {
        start: from,
        end: len,
        first_line: line,
    });
    out
}

/// About how many rows `chunk` holds, from the line length of the file's
/// first 64 KiB: for reserving column space once instead of growing it.
pub(crate) fn rows_hint(text: &FileText, chunk: Chunk) -> usize {
    let sample = text.bytes.get(text.body_start..).unwrap_or_default();
    let sample = sample.get(..sample.len().min(1 << 16)).unwrap_or_default();
    let lines = count(sample, b'\n').max(1);
    let avg = (sample.len() / lines).max(1);
    (chunk.end.saturating_sub(chunk.start)) / avg + 16
}

/// How many times `byte` occurs in `bytes`: in runs of 255 counted in a
/// byte each (which vectorizes to byte-wide compares and adds).
fn count(bytes: &[u8], byte: u8) -> usize {
    bytes
        .chunks(255)
        .map(|run| {
            run.iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == byte))) as usize
        })
        .sum()
}

/// Calls `row(line, record)` for every well-formed record of `chunk` that
/// has one field per column; reports each malformed record once (bad
/// quoting, a bare CR, a blank line, bad UTF-8, a wrong field count) and
/// returns the first fields of the records refused whole.
pub(crate) fn for_each_record(
    text: &FileText,
    chunk: Chunk,
    columns: &[&'static str],
    problems: &mut Sink,
    mut row: impl FnMut(u64, &Record<'_>, &mut Sink),
) -> Vec<(Vec<u8>, u64)> {
    let mut rejected = Vec::new();
    let mut reader = Records::new(&text.bytes, chunk.start, chunk.end, chunk.first_line);
    while let Some(next) = reader.next_record() {
        match next {
            Err(bad) => {
                problems.push(bad.problem(text.name, columns));
                if !bad.first.is_empty() {
                    rejected.push((bad.first, bad.line));
                }
            }
            Ok(line) if reader.record.len() != columns.len() => {
                problems.push(Problem::new(
                    text.name,
                    line,
                    "*",
                    Rule::FieldCount,
                    format!(
                        "expected {} fields, found {}",
                        columns.len(),
                        reader.record.len()
                    ),
                ));
                rejected.push((reader.record.get(0).unwrap_or_default().to_vec(), line));
            }
            Ok(line) => row(line, &reader.record, problems),
        }
    }
    rejected
}

/// Field text as `&str` (the file was checked to be UTF-8 where this is
/// called; otherwise lossy).
pub(crate) fn text(field: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(field) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(field),
    }
}

/// Minimal RFC 4180 quoting: only a field with a comma, a quote or a line
/// break is quoted.
pub(crate) fn quote(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

/// Parses an ISO 8601 calendar date `YYYY-MM-DD`.
pub(crate) fn date(field: &[u8]) -> Result<NaiveDate, String> {
    let d = |i: usize| {
        field
            .get(i)
            .filter(|b| b.is_ascii_digit())
            .map(|b| u32::from(b - b'0'))
    };
    let bad = || {
        format!(
            "{} is not a date; expected YYYY-MM-DD",
            quoted(&text(field))
        )
    };
    if field.len() != 10 || field.get(4) != Some(&b'-') || field.get(7) != Some(&b'-') {
        return Err(bad());
    }
    let (Some(y0), Some(y1), Some(y2), Some(y3), Some(m0), Some(m1), Some(d0), Some(d1)) =
        (d(0), d(1), d(2), d(3), d(5), d(6), d(8), d(9))
    else {
        return Err(bad());
    };
    let year = (y0 * 1000 + y1 * 100 + y2 * 10 + y3) as i32;
    NaiveDate::from_ymd_opt(year, m0 * 10 + m1, d0 * 10 + d1)
        .ok_or_else(|| format!("{} is not a day of the calendar", quoted(&text(field))))
}

/// Parses an optional date (empty means none).
pub(crate) fn opt_date(field: &[u8]) -> Result<Option<NaiveDate>, String> {
    if field.is_empty() {
        Ok(None)
    } else {
        date(field).map(Some)
    }
}

/// Checks an id field (1–64 characters, no control characters).
pub(crate) fn id(field: &[u8], entity: &'static str) -> Result<(), String> {
    let t = text(field);
    crate::id::check_id(&t).map_err(|reason| {
        // The constructors' message, so that both say it alike.
        crate::ErrorKind::Id {
            entity,
            value: t.into_owned(),
            reason,
        }
        .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            date(b"2016-02-29"),
            Ok(NaiveDate::from_ymd_opt(2016, 2, 29).unwrap())
        );
        assert_eq!(
            date(b"2017-02-29").unwrap_err(),
            "'2017-02-29' is not a day of the calendar"
        );
        assert_eq!(
            date(b"2017-2-28").unwrap_err(),
            "'2017-2-28' is not a date; expected YYYY-MM-DD"
        );
        assert_eq!(
            date(b"20170228").unwrap_err(),
            "'20170228' is not a date; expected YYYY-MM-DD"
        );
        assert_eq!(opt_date(b""), Ok(None));
    }
}
