//! Id interning: ids become dense indices (their row in the file), with the
//! keys in one byte arena and a hash table of indices.
//!
//! The tables are cache-conscious: an entry holds the first 16 bytes of its
//! key inline, so a lookup of a short id touches one cache line of the
//! table and never the arena; and the table is split into partitions by
//! hash small enough to stay in cache, built and probed in batches, one
//! partition after another, on several threads.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

const INLINE: usize = 16;

/// One hash partition's table and the duplicates found while building it.
type Partition = (HashTable<Entry>, Vec<(u32, u32)>);

#[derive(Debug, Clone, Copy)]
struct Entry {
    index: u32,
    len: u32,
    head: [u8; INLINE],
}

impl Entry {
    fn new(index: u32, key: &[u8]) -> Entry {
        let mut head = [0u8; INLINE];
        let n = key.len().min(INLINE);
        if let (Some(dst), Some(src)) = (head.get_mut(..n), key.get(..n)) {
            dst.copy_from_slice(src);
        }
        Entry {
            index,
            len: u32::try_from(key.len()).unwrap_or(u32::MAX),
            head,
        }
    }

    /// Whether the entry's key is `key`, whose padded head is `head`;
    /// `arena_key` gives the full key when it is longer than the inline part.
    fn matches<'a>(
        &self,
        key: &[u8],
        head: &[u8; INLINE],
        arena_key: impl FnOnce(u32) -> &'a [u8],
    ) -> bool {
        self.len as usize == key.len()
            && self.head == *head
            && (key.len() <= INLINE || arena_key(self.index) == key)
    }

    fn head(key: &[u8]) -> [u8; INLINE] {
        let mut head = [0u8; INLINE];
        let n = key.len().min(INLINE);
        if let (Some(dst), Some(src)) = (head.get_mut(..n), key.get(..n)) {
            dst.copy_from_slice(src);
        }
        head
    }
}

/// Ids of one file, indexed by row.
#[derive(Debug, Clone)]
pub(crate) struct Interner {
    arena: Vec<u8>,
    ends: Vec<usize>,
    parts: Vec<HashTable<Entry>>,
    hasher: FixedState,
    /// After [`Interner::compact`]: the tables, built again on the first
    /// lookup.
    rebuilt: Option<std::sync::OnceLock<Vec<HashTable<Entry>>>>,
}

impl Default for Interner {
    fn default() -> Self {
        Interner::from_keys(Vec::new(), Vec::new(), 1).0
    }
}

fn hasher() -> FixedState {
    FixedState::with_seed(0x9e37_79b9_7f4a_7c15)
}

fn key_in<'a>(arena: &'a [u8], ends: &[usize], i: u32) -> &'a [u8] {
    let i = i as usize;
    let start = if i == 0 {
        0
    } else {
        ends.get(i - 1).copied().unwrap_or(0)
    };
    let end = ends.get(i).copied().unwrap_or(start);
    arena.get(start..end).unwrap_or_default()
}

impl Interner {
    /// Interns the keys `arena[ends[i-1]..ends[i]]`, key `i` getting index
    /// `i`, using `threads` threads. Returns the interner and the
    /// duplicates, as (row, row of its first occurrence).
    ///
    /// The keys are first bucketed by hash partition (a counting sort), so
    /// that each partition's table is built, and later probed, while it sits
    /// in cache.
    pub(crate) fn from_keys(
        arena: Vec<u8>,
        ends: Vec<usize>,
        threads: usize,
    ) -> (Interner, Vec<(u32, u32)>) {
        let h = hasher();
        let (parts, dups) = build_tables(&h, &arena, &ends, threads);
        (
            Interner {
                arena,
                ends,
                parts,
                hasher: h,
                rebuilt: None,
            },
            dups,
        )
    }

    /// Frees the hash tables once every reference has been resolved (they
    /// are the larger part of an interner at national scale); a later
    /// lookup builds them again, once.
    pub(crate) fn compact(&mut self) {
        self.parts = Vec::new();
        self.rebuilt = Some(std::sync::OnceLock::new());
    }

    /// The hash tables, built again if [`Self::compact`] freed them.
    fn tables(&self) -> &[HashTable<Entry>] {
        match &self.rebuilt {
            None => &self.parts,
            Some(once) => once.get_or_init(|| {
                let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
                build_tables(&self.hasher, &self.arena, &self.ends, threads).0
            }),
        }
    }

    /// Looks up many keys at once: the selected keys of `arena`/`ends` are
    /// bucketed by partition and each partition is probed while its table is
    /// in cache. Returns the row of each key (`u32::MAX` when not found or
    /// not selected).
    pub(crate) fn get_many(
        &self,
        arena: &[u8],
        ends: &[usize],
        threads: usize,
        select: impl Fn(usize) -> bool + Sync,
    ) -> Vec<u32> {
        let n = ends.len().min(u32::MAX as usize - 1);
        let tables = self.tables();
        let parts_n = tables.len();
        let hashes = hash_all(&self.hasher, arena, ends, n, threads, &select);
        let (starts, rows) = bucket(&hashes, parts_n, &select);
        let probe = |part: usize| {
            let range = starts[part]..starts[part + 1];
            let Some(table) = tables.get(part) else {
                return Vec::new();
            };
            rows.get(range)
                .unwrap_or_default()
                .iter()
                .map(|&i| {
                    let key = key_in(arena, ends, i);
                    let head = Entry::head(key);
                    table
                        .find(hashes[i as usize], |e| {
                            e.matches(key, &head, |j| self.key(j))
                        })
                        .map_or(u32::MAX, |e| e.index)
                })
                .collect::<Vec<u32>>()
        };
        let found: Vec<Vec<u32>> = for_partitions(parts_n, threads, n, probe);
        let mut out = vec![u32::MAX; n];
        for (part, values) in found.into_iter().enumerate() {
            let range = starts[part]..starts[part + 1];
            for (&row, v) in rows.get(range).unwrap_or_default().iter().zip(values) {
                if let Some(slot) = out.get_mut(row as usize) {
                    *slot = v;
                }
            }
        }
        out
    }

    /// How many rows.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The id of row `index`.
    pub(crate) fn key(&self, index: u32) -> &[u8] {
        key_in(&self.arena, &self.ends, index)
    }

    /// The id of row `index`, as text.
    pub(crate) fn key_str(&self, index: u32) -> String {
        String::from_utf8_lossy(self.key(index)).into_owned()
    }

    /// The first row whose id is `key`.
    pub(crate) fn get(&self, key: &[u8]) -> Option<u32> {
        let hash = self.hasher.hash_one(key);
        let tables = self.tables();
        let table = tables.get(partition(hash, tables.len()))?;
        let head = Entry::head(key);
        table
            .find(hash, |e| e.matches(key, &head, |j| self.key(j)))
            .map(|e| e.index)
    }

    /// Adds one more key (for small files read row by row); `Err(first)` if
    /// it is already there.
    pub(crate) fn insert(&mut self, key: &[u8]) -> Option<Result<u32, u32>> {
        if let Some(first) = self.get(key) {
            return Some(Err(first));
        }
        let index = u32::try_from(self.ends.len())
            .ok()
            .filter(|&i| i < u32::MAX)?;
        if let Some(once) = self.rebuilt.take() {
            // Compacted: take the tables back before adding to them.
            self.parts = once.into_inner().unwrap_or_default();
            if self.parts.is_empty() {
                let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
                self.parts = build_tables(&self.hasher, &self.arena, &self.ends, threads).0;
            }
        }
        let hash = self.hasher.hash_one(key);
        self.arena.extend_from_slice(key);
        self.ends.push(self.arena.len());
        let parts = self.parts.len();
        let (arena, ends, h) = (&self.arena, &self.ends, &self.hasher);
        let table = self.parts.get_mut(partition(hash, parts))?;
        table.insert_unique(hash, Entry::new(index, key), |e| {
            h.hash_one(key_in(arena, ends, e.index))
        });
        Some(Ok(index))
    }
}

/// Builds the partitioned tables of the keys `arena[ends[i-1]..ends[i]]`,
/// key `i` getting index `i`; returns them and the duplicates, as (row, row
/// of its first occurrence).
///
/// The keys are first bucketed by hash partition (a counting sort), so that
/// each partition's table is built, and later probed, while it sits in
/// cache.
fn build_tables(
    h: &FixedState,
    arena: &[u8],
    ends: &[usize],
    threads: usize,
) -> (Vec<HashTable<Entry>>, Vec<(u32, u32)>) {
    let n = ends.len().min(u32::MAX as usize - 1);
    let parts_n = partitions_for(n);
    let hashes = hash_all(h, arena, ends, n, threads, |_| true);
    let (starts, rows) = bucket(&hashes, parts_n, |_| true);
    let build = |part: usize| {
        let range = starts[part]..starts[part + 1];
        let mut table: HashTable<Entry> = HashTable::with_capacity(range.len());
        let mut dups = Vec::new();
        for &i in rows.get(range).unwrap_or_default() {
            let key = key_in(arena, ends, i);
            let hash = hashes[i as usize];
            let head = Entry::head(key);
            match table.find(hash, |e| e.matches(key, &head, |j| key_in(arena, ends, j))) {
                Some(first) => dups.push((i, first.index)),
                None => {
                    table.insert_unique(hash, Entry::new(i, key), |e| {
                        h.hash_one(key_in(arena, ends, e.index))
                    });
                }
            }
        }
        (table, dups)
    };
    let results: Vec<Partition> = for_partitions(parts_n, threads, n, build);
    drop((hashes, rows, starts));
    let mut dups = Vec::new();
    let mut parts = Vec::with_capacity(results.len());
    for (t, d) in results {
        parts.push(t);
        dups.extend(d);
    }
    dups.sort_unstable();
    (parts, dups)
}

/// The partition of a hash: bits 32 and up (hashbrown uses the low bits and
/// the top seven for its own purposes). `parts` is a power of two.
fn partition(hash: u64, parts: usize) -> usize {
    ((hash >> 32) as usize) & (parts.max(1) - 1)
}

/// About 65,536 keys a partition: a table of 1.8 MB, which fits in a core's
/// cache.
fn partitions_for(n: usize) -> usize {
    (n / 65_536).next_power_of_two().clamp(1, 1 << 16)
}

/// The hash of every selected key (0 for the others), on `threads` threads.
fn hash_all(
    h: &FixedState,
    arena: &[u8],
    ends: &[usize],
    n: usize,
    threads: usize,
    select: impl Fn(usize) -> bool + Sync,
) -> Vec<u64> {
    let work = |range: std::ops::Range<usize>| {
        range
            .map(|i| {
                if select(i) {
                    h.hash_one(key_in(arena, ends, i as u32))
                } else {
                    0
                }
            })
            .collect::<Vec<u64>>()
    };
    if threads <= 1 || n < 100_000 {
        return work(0..n);
    }
    super::par::ranges(n, threads, work).concat()
}

/// The selected rows bucketed by partition, stable: `(starts, rows)` with
/// partition `p`'s rows at `rows[starts[p]..starts[p + 1]]`, in row order.
fn bucket(hashes: &[u64], parts: usize, select: impl Fn(usize) -> bool) -> (Vec<usize>, Vec<u32>) {
    let mut starts = vec![0usize; parts + 1];
    for (i, &h) in hashes.iter().enumerate() {
        if select(i) {
            starts[partition(h, parts) + 1] += 1;
        }
    }
    for p in 0..parts {
        starts[p + 1] += starts[p];
    }
    let mut next = starts.clone();
    let mut rows = vec![0u32; starts[parts]];
    for (i, &h) in hashes.iter().enumerate() {
        if select(i) {
            let p = partition(h, parts);
            rows[next[p]] = i as u32;
            next[p] += 1;
        }
    }
    (starts, rows)
}

/// Runs `work` for every partition, spread over `threads` threads (small
/// inputs on one), and returns the results in partition order.
fn for_partitions<T: Send>(
    parts: usize,
    threads: usize,
    n: usize,
    work: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let sequential = || (0..parts).map(&work).collect();
    if threads <= 1 || parts == 1 || n < 100_000 {
        return sequential();
    }
    super::par::ranges(parts, threads, |r| r.map(&work).collect::<Vec<T>>())
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_in_order() {
        let mut i = Interner::default();
        assert_eq!(i.insert(b"b"), Some(Ok(0)));
        assert_eq!(i.insert(b"a"), Some(Ok(1)));
        assert_eq!(i.insert(b"b"), Some(Err(0)));
        assert_eq!(i.get(b"a"), Some(1));
        assert_eq!(i.get(b"c"), None);
        assert_eq!(i.key(1), b"a");
        for k in 0..10_000u32 {
            i.insert(k.to_string().as_bytes());
        }
        assert_eq!(i.get(b"9999"), Some(10_001));
        assert_eq!(i.len(), 10_002);
    }

    #[test]
    fn partitioned_build_finds_every_key_and_duplicate() {
        let mut arena = Vec::new();
        let mut ends = Vec::new();
        let long = "an identifier longer than sixteen bytes";
        for k in 0..250_000u32 {
            let key = if k % 7 == 0 {
                format!("{long}-{k}")
            } else {
                format!("M{k}")
            };
            arena.extend_from_slice(key.as_bytes());
            ends.push(arena.len());
        }
        for dup in ["M5", "M77776", &format!("{long}-14")] {
            arena.extend_from_slice(dup.as_bytes());
            ends.push(arena.len());
        }
        for threads in [1, 2, 3] {
            let (i, dups) = Interner::from_keys(arena.clone(), ends.clone(), threads);
            assert_eq!(dups, vec![(250_000, 5), (250_001, 77_776), (250_002, 14)]);
            assert_eq!(i.get(b"M123456"), Some(123_456));
            assert_eq!(i.get(format!("{long}-700").as_bytes()), Some(700));
            assert_eq!(i.get(format!("{long}-701").as_bytes()), None);
            assert_eq!(i.get(b"M1234567"), None);
        }
    }
}
