//! Low-level CSV handling: whole-file buffers, the header, chunks that can
//! be parsed in parallel, strict RFC 4180 checks, and field parsers.

use std::path::Path;

use chrono::NaiveDate;

use super::Problem;

/// The text of one file, with the facts the record loop needs.
pub(crate) struct FileText {
    pub(crate) name: &'static str,
    pub(crate) bytes: Vec<u8>,
    /// Where the data rows start, and their first line number.
    pub(crate) body_start: usize,
    pub(crate) body_line: u64,
}

/// Reads `dir/name` and checks its header against `columns`. Returns `None`
/// (with a problem) when the file cannot be read or its header is wrong: its
/// rows cannot be interpreted.
pub(crate) fn open(
    dir: &Path,
    name: &'static str,
    columns: &[&str],
    problems: &mut Vec<Problem>,
) -> Option<FileText> {
    let bytes = match std::fs::read(dir.join(name)) {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::new(
                name,
                None,
                "*",
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut header = csv::ByteRecord::new();
    match rdr.read_byte_record(&mut header) {
        Ok(true) => {}
        Ok(false) => {
            problems.push(Problem::new(
                name,
                Some(1),
                "*",
                "the file is empty; a header row is required",
            ));
            return None;
        }
        Err(e) => {
            problems.push(Problem::new(
                name,
                Some(1),
                "*",
                format!("malformed header: {e}"),
            ));
            return None;
        }
    }
    let body_start = usize::try_from(rdr.position().byte()).unwrap_or(bytes.len());
    let found: Vec<String> = header
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    if found.iter().map(String::as_str).ne(columns.iter().copied()) {
        problems.push(Problem::new(
            name,
            Some(header.position().map_or(1, csv::Position::line)),
            "*",
            format!(
                "the header must be {}, not {}",
                columns.join(","),
                found.join(",")
            ),
        ));
        return None;
    }
    let body_line = rdr.position().line();
    Some(FileText {
        name,
        bytes,
        body_start,
        body_line,
    })
}

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
            .map(|w| (w, s.spawn(move || counted(w))))
            .collect();
        // A failed thread's part is counted again here.
        handles
            .into_iter()
            .map(|(w, h)| h.join().unwrap_or_else(|_| counted(w)))
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

fn count(bytes: &[u8], byte: u8) -> usize {
    bytes.iter().filter(|&&b| b == byte).count()
}

/// Calls `row(line, record)` for every well-formed record of `chunk` that
/// has one field per column; reports malformed ones (wrong field count, bad
/// quoting, bad UTF-8) in `problems` and returns their first fields.
pub(crate) fn for_each_record(
    text: &FileText,
    chunk: Chunk,
    columns: &[&'static str],
    problems: &mut Vec<Problem>,
    mut row: impl FnMut(u64, &csv::ByteRecord, &mut Vec<Problem>),
) -> Vec<Vec<u8>> {
    // The first field (the id, or the first reference) of each record
    // refused whole, so that references to it are not reported as missing.
    let mut rejected = Vec::new();
    let data = text.bytes.get(chunk.start..chunk.end).unwrap_or_default();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut rec = csv::ByteRecord::new();
    // Offsets (in the chunk) where the text is not UTF-8. A chunk starts
    // after a line break, so no character spans two chunks.
    let mut bad_utf8 = Vec::new();
    let mut at = 0;
    while let Err(e) = std::str::from_utf8(data.get(at..).unwrap_or_default()) {
        let bad = at + e.valid_up_to();
        bad_utf8.push(bad);
        at = bad + e.error_len().unwrap_or(1).max(1);
        if at >= data.len() {
            break;
        }
    }
    let mut bad = bad_utf8.into_iter().peekable();
    loop {
        let start = rdr.position().byte() as usize;
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line) + chunk.first_line - 1;
                problems.push(Problem::new(
                    text.name,
                    Some(line),
                    "*",
                    format!("malformed CSV: {e}"),
                ));
                continue;
            }
        }
        let end = rdr.position().byte() as usize;
        let line = rec.position().map_or(1, csv::Position::line) + chunk.first_line - 1;
        let raw = data.get(start..end).unwrap_or_default();
        if raw.contains(&b'"')
            && let Err(why) = strict_quotes(raw)
        {
            problems.push(Problem::new(
                text.name,
                Some(line),
                "*",
                format!("bad quoting: {why}"),
            ));
            rejected.push(rec.get(0).unwrap_or_default().to_vec());
            continue;
        }
        // Bad UTF-8 inside this record?
        let mut utf8_bad = false;
        while bad.peek().is_some_and(|&b| b < end) {
            bad.next();
            utf8_bad = true;
        }
        if utf8_bad {
            let col = rec
                .iter()
                .position(|f| std::str::from_utf8(f).is_err())
                .and_then(|i| columns.get(i).copied())
                .unwrap_or("*");
            problems.push(Problem::new(
                text.name,
                Some(line),
                col,
                "the text is not valid UTF-8",
            ));
            rejected.push(rec.get(0).unwrap_or_default().to_vec());
            continue;
        }
        if rec.len() != columns.len() {
            problems.push(Problem::new(
                text.name,
                Some(line),
                "*",
                format!("expected {} fields, found {}", columns.len(), rec.len()),
            ));
            rejected.push(rec.get(0).unwrap_or_default().to_vec());
            continue;
        }
        row(line, &rec, problems);
    }
    rejected
}

/// Checks one raw record against RFC 4180 quoting: a field is either
/// unquoted and free of quotes, or quoted whole with inner quotes doubled.
fn strict_quotes(raw: &[u8]) -> Result<(), &'static str> {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let mut i = 0;
    let n = raw.len();
    loop {
        // Start of a field.
        if raw.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match raw.get(i) {
                    None => return Err("a quoted field is not closed"),
                    Some(b'"') if raw.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            match raw.get(i) {
                None => return Ok(()),
                Some(b',') => i += 1,
                Some(_) => return Err("text follows a closing quote"),
            }
        } else {
            while let Some(&b) = raw.get(i) {
                if b == b',' {
                    break;
                }
                if b == b'"' {
                    return Err("a quote inside an unquoted field");
                }
                i += 1;
            }
            if i >= n {
                return Ok(());
            }
            i += 1;
        }
    }
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
    let bad = || format!("'{}' is not a date; expected YYYY-MM-DD", text(field));
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
        .ok_or_else(|| format!("'{}' is not a day of the calendar", text(field)))
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
pub(crate) fn id(field: &[u8], entity: &str) -> Result<(), String> {
    let t = text(field);
    crate::id::check_id(&t).map_err(|reason| format!("invalid {entity} id {t:?}: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_quoting() {
        assert_eq!(strict_quotes(b"a,b,c\n"), Ok(()));
        assert_eq!(strict_quotes(b"\"a,b\",\"say \"\"hi\"\"\",c\r\n"), Ok(()));
        assert_eq!(strict_quotes(b"\"\",x"), Ok(()));
        assert_eq!(
            strict_quotes(b"a\"b,c"),
            Err("a quote inside an unquoted field")
        );
        assert_eq!(
            strict_quotes(b"\"ab\"c,d"),
            Err("text follows a closing quote")
        );
        assert_eq!(
            strict_quotes(b"\"abc,d\n"),
            Err("a quoted field is not closed")
        );
    }

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
