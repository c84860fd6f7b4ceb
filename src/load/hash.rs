//! A fast keyed hasher for the short strings (ids, keys) the loader puts in
//! hash sets.
//!
//! std's SipHash costs more than the rest of the semantic checks together.
//! This hasher mixes 8 bytes at a time with a folded 64×64→128-bit multiply
//! (the construction of foldhash and aHash's fallback) under keys drawn once
//! per process from std's random source, so an input cannot be crafted to
//! collide without knowing the keys: the sets stay linear on hostile input.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

/// A `HashSet` with the loader's hasher.
pub(crate) type FastSet<T> = HashSet<T, FastState>;

/// A new, empty [`FastSet`] with room for `capacity` items.
pub(crate) fn set_with_capacity<T>(capacity: usize) -> FastSet<T> {
    HashSet::with_capacity_and_hasher(capacity, FastState::new())
}

fn keys() -> (u64, u64) {
    static KEYS: OnceLock<(u64, u64)> = OnceLock::new();
    *KEYS.get_or_init(|| {
        let random = std::collections::hash_map::RandomState::new();
        // Odd multiplier, so the multiply never loses the low bit.
        (random.hash_one(0x5eed_u64), random.hash_one(0xf01d_u64) | 1)
    })
}

/// Builds [`FastHasher`]s with the per-process keys.
#[derive(Clone, Copy)]
pub(crate) struct FastState {
    seed: u64,
    multiplier: u64,
}

impl FastState {
    pub(crate) fn new() -> Self {
        let (seed, multiplier) = keys();
        FastState { seed, multiplier }
    }
}

impl BuildHasher for FastState {
    type Hasher = FastHasher;

    fn build_hasher(&self) -> FastHasher {
        FastHasher {
            state: self.seed,
            multiplier: self.multiplier,
        }
    }
}

/// See the module documentation.
pub(crate) struct FastHasher {
    state: u64,
    multiplier: u64,
}

fn folded_multiply(a: u64, b: u64) -> u64 {
    let full = u128::from(a) * u128::from(b);
    // Truncations intended: the low and high halves of the product.
    #[allow(clippy::cast_possible_truncation)]
    let (low, high) = (full as u64, (full >> 64) as u64);
    low ^ high
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = chunk
                .iter()
                .rev()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            self.state = folded_multiply(self.state ^ word, self.multiplier);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let word = rest
                .iter()
                .rev()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            self.state = folded_multiply(
                self.state ^ word ^ ((rest.len() as u64) << 56),
                self.multiplier,
            );
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.state = folded_multiply(self.state ^ u64::from(i) ^ 0xff00, self.multiplier);
    }

    fn write_usize(&mut self, i: usize) {
        self.state = folded_multiply(self.state ^ i as u64, self.multiplier);
    }

    fn finish(&self) -> u64 {
        folded_multiply(self.state, self.multiplier ^ 0x9e37_79b9_7f4a_7c15)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinguishes_strings() {
        let words: Vec<String> = (0..20_000).map(|i| format!("id_{i}")).collect();
        let mut set = set_with_capacity(words.len());
        for w in &words {
            assert!(set.insert(w.as_str()));
        }
        for w in &words {
            assert!(!set.insert(w.as_str()));
        }
        assert!(!set.contains("id_20000"));
        // Prefixes and padding do not collide into equality.
        let tricky = ["", "a", "a\0", "\0a", "abcdefgh", "abcdefgh\0", "abcdefg"];
        let mut set = set_with_capacity(0);
        for t in tricky {
            assert!(set.insert(t), "{t:?}");
        }
        let state = FastState::new();
        let distinct: HashSet<u64> = tricky.iter().map(|t| state.hash_one(t)).collect();
        assert_eq!(distinct.len(), tricky.len());
    }
}
