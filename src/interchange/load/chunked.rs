//! Reading a large file in chunks on several threads, and interning its ids.

use super::*;

/// Declares once the columns that each chunk of a large file produces, one
/// element per row: the struct, reserving room for about `n` rows, and
/// appending the next chunk's rows in file order (the first chunk's
/// columns are taken over, not copied, unless more room was reserved).
macro_rules! row_columns {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident: $ty:ty,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Default)]
        pub(super) struct $name {
            $($(#[$fm])* pub(super) $field: Vec<$ty>,)+
        }

        impl $name {
            pub(super) fn reserve(&mut self, n: usize) {
                $(self.$field.reserve(n);)+
            }

            pub(super) fn append(&mut self, other: $name) {
                $(
                    // Taken over when nothing larger was reserved.
                    if self.$field.is_empty() && self.$field.capacity() < other.$field.len() {
                        self.$field = other.$field;
                    } else {
                        self.$field.extend(other.$field);
                    }
                )+
            }
        }
    };
}

/// Parses the rows of `text` on `threads` threads; `parse` turns one chunk
/// into a partial result, which are returned in file order.
pub(super) fn parallel_chunks<T: Send>(
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

/// Reads the large file `file` in blocks of whole records, so that only one
/// block's text is in memory at a time: each block is parsed by
/// [`parallel_chunks`] with `parse`, and its parts are handed to `take` in
/// file order, with an estimate of the file's rows along with the first
/// block's (to reserve the columns once). Returns `false` (with a problem)
/// when the file cannot be opened or its header is wrong.
pub(super) fn read_blocks<T: Send>(
    dir: &Path,
    file: schema::FileSchema,
    options: LoadOptions,
    problems: &mut Sink,
    parse: impl Fn(&FileText, Chunk, &mut Sink) -> T + Sync,
    mut take: impl FnMut(Vec<(T, Sink)>, Option<usize>, &mut Sink),
) -> bool {
    let Some(mut blocks) = csvio::open_blocks(
        dir,
        file.name,
        file.columns,
        file.optional,
        options.block,
        problems,
    ) else {
        return false;
    };
    let mut reserved = false;
    while let Some(block) = blocks.next_block() {
        let text = match block {
            Ok(text) => text,
            Err(e) => {
                problems.push(Problem::new(
                    file.name,
                    1,
                    "*",
                    Rule::FileUnreadable,
                    format!("cannot read the file: {e}"),
                ));
                break;
            }
        };
        let estimate = (!reserved).then(|| blocks.rows_estimate(&text));
        reserved = true;
        let parts = parallel_chunks(&text, options, |chunk, problems| {
            parse(&text, chunk, problems)
        });
        drop(text);
        take(parts, estimate, problems);
    }
    true
}

/// Raw ids of a chunk: bytes in one arena.
#[derive(Default)]
pub(super) struct RawIds {
    pub(super) arena: Vec<u8>,
    pub(super) ends: Vec<usize>,
}

impl RawIds {
    pub(super) fn push(&mut self, id: &[u8]) {
        self.arena.extend_from_slice(id);
        self.ends.push(self.arena.len());
    }

    pub(super) fn reserve(&mut self, n: usize) {
        self.ends.reserve(n);
        self.arena.reserve(n * 12);
    }

    pub(super) fn key(&self, i: usize) -> &[u8] {
        let start = if i == 0 {
            0
        } else {
            self.ends.get(i - 1).copied().unwrap_or(0)
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.arena.get(start..end).unwrap_or_default()
    }

    pub(super) fn append(&mut self, other: RawIds) {
        let base = self.arena.len();
        if self.ends.is_empty() && self.ends.capacity() < other.ends.len() {
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
pub(super) fn intern(
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
