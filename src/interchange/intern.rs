//! Id interning: ids become dense indices (the row order of their file),
//! with the keys in one byte arena and a hash table of indices.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

/// Ids of one file, by first occurrence.
#[derive(Debug, Default, Clone)]
pub(crate) struct Interner {
    arena: Vec<u8>,
    ends: Vec<usize>,
    table: HashTable<u32>,
    hasher: FixedState,
}

impl Interner {
    pub(crate) fn with_capacity(n: usize, bytes: usize) -> Self {
        Interner {
            arena: Vec::with_capacity(bytes),
            ends: Vec::with_capacity(n),
            table: HashTable::with_capacity(n),
            hasher: FixedState::with_seed(0x9e37_79b9_7f4a_7c15),
        }
    }

    /// How many ids.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The id at `index`.
    pub(crate) fn key(&self, index: u32) -> &[u8] {
        let i = index as usize;
        let start = if i == 0 {
            0
        } else {
            self.ends.get(i - 1).copied().unwrap_or(0)
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.arena.get(start..end).unwrap_or_default()
    }

    /// The id at `index`, as text.
    pub(crate) fn key_str(&self, index: u32) -> String {
        String::from_utf8_lossy(self.key(index)).into_owned()
    }

    /// Adds `key`; `Err(existing)` if it is already there. Returns `None`
    /// when there are more than `u32::MAX - 1` ids.
    pub(crate) fn insert(&mut self, key: &[u8]) -> Option<Result<u32, u32>> {
        let hash = self.hasher.hash_one(key);
        let Self {
            arena,
            ends,
            table,
            hasher,
        } = self;
        let key_at = |i: u32| {
            let i = i as usize;
            let start = if i == 0 {
                0
            } else {
                ends.get(i - 1).copied().unwrap_or(0)
            };
            arena
                .get(start..ends.get(i).copied().unwrap_or(start))
                .unwrap_or_default()
        };
        if let Some(&found) = table.find(hash, |&i| key_at(i) == key) {
            return Some(Err(found));
        }
        let index = u32::try_from(ends.len()).ok().filter(|&i| i < u32::MAX)?;
        arena.extend_from_slice(key);
        ends.push(arena.len());
        let (arena, ends) = (&*arena, &*ends);
        let rehash = |&i: &u32| {
            let i = i as usize;
            let start = if i == 0 {
                0
            } else {
                ends.get(i - 1).copied().unwrap_or(0)
            };
            hasher.hash_one(
                arena
                    .get(start..ends.get(i).copied().unwrap_or(start))
                    .unwrap_or_default(),
            )
        };
        table.insert_unique(hash, index, rehash);
        Some(Ok(index))
    }

    /// The index of `key`.
    pub(crate) fn get(&self, key: &[u8]) -> Option<u32> {
        let hash = self.hasher.hash_one(key);
        self.table.find(hash, |&i| self.key(i) == key).copied()
    }
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
}
