//! Matching entities by key and comparing reference lists as sets, in linear
//! time (hash maps above a small size, a scan below it).
//!
//! Duplicate keys only occur in documents the loader rejects; here the first
//! occurrence of a key stands for it and later ones are ignored, so matching
//! never depends on position.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// Below this many elements on both sides, a scan beats hashing.
const SMALL: usize = 16;

/// How one entity of the old or new collection pairs up.
pub(crate) enum Pairing<'a, T> {
    /// Only in the old collection, at this index.
    Removed(usize, &'a T),
    /// Only in the new collection, at this index.
    Added(usize, &'a T),
    /// In both: old index and entity, new index and entity.
    Matched(usize, &'a T, usize, &'a T),
}

/// Pairs the entities of two collections by key: removals first (in old
/// order), then additions and matches (in new order).
pub(crate) fn pair_by<'a, T, K, F>(old: &'a [T], new: &'a [T], key: F) -> Vec<Pairing<'a, T>>
where
    K: Hash + Eq,
    F: Fn(&'a T) -> K,
{
    let mut out = Vec::with_capacity(old.len().max(new.len()));
    if old.len() <= SMALL && new.len() <= SMALL {
        let old_keys: Vec<K> = old.iter().map(&key).collect();
        let new_keys: Vec<K> = new.iter().map(&key).collect();
        let first = |keys: &[K], i: usize| !keys[..i].contains(&keys[i]);
        for (i, k) in old_keys.iter().enumerate() {
            if first(&old_keys, i) && !new_keys.contains(k) {
                out.push(Pairing::Removed(i, &old[i]));
            }
        }
        for (j, k) in new_keys.iter().enumerate() {
            if !first(&new_keys, j) {
                continue;
            }
            match old_keys.iter().position(|o| o == k) {
                Some(i) => out.push(Pairing::Matched(i, &old[i], j, &new[j])),
                None => out.push(Pairing::Added(j, &new[j])),
            }
        }
        return out;
    }
    let old_index = index(old, &key);
    let new_index = index(new, &key);
    for (i, item) in old.iter().enumerate() {
        let k = key(item);
        if old_index.get(&k) == Some(&i) && !new_index.contains_key(&k) {
            out.push(Pairing::Removed(i, item));
        }
    }
    for (j, item) in new.iter().enumerate() {
        let k = key(item);
        if new_index.get(&k) != Some(&j) {
            continue;
        }
        match old_index.get(&k) {
            Some(&i) => out.push(Pairing::Matched(i, &old[i], j, item)),
            None => out.push(Pairing::Added(j, item)),
        }
    }
    out
}

/// The index of the first occurrence of each key.
pub(crate) fn index<'a, T, K, F>(items: &'a [T], key: F) -> HashMap<K, usize>
where
    K: Hash + Eq,
    F: Fn(&'a T) -> K,
{
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        map.entry(key(item)).or_insert(i);
    }
    map
}

/// The elements of a reference list added and removed, compared as sets:
/// `(added: (new index, value), removed: (old index, value))`.
pub(crate) type SetChanges<'a, T> = (Vec<(usize, &'a T)>, Vec<(usize, &'a T)>);

/// Compares two lists as sets (order and repetition do not count).
pub(crate) fn set_changes<'a, T: Hash + Eq>(old: &'a [T], new: &'a [T]) -> SetChanges<'a, T> {
    let mut added = Vec::new();
    let mut removed = Vec::new();
    for p in pair_by(old, new, |t| t) {
        match p {
            Pairing::Added(j, t) => added.push((j, t)),
            Pairing::Removed(i, t) => removed.push((i, t)),
            Pairing::Matched(..) => {}
        }
    }
    (added, removed)
}

/// Whether every element of `a` is in `b`.
pub(crate) fn is_subset<T: Hash + Eq>(a: &[T], b: &[T]) -> bool {
    if a.len() <= SMALL && b.len() <= SMALL {
        return a.iter().all(|x| b.contains(x));
    }
    let set: HashSet<&T> = b.iter().collect();
    a.iter().all(|x| set.contains(x))
}

/// Whether two lists hold the same elements, ignoring order and repetition.
pub(crate) fn same_set<T: Hash + Eq>(a: &[T], b: &[T]) -> bool {
    is_subset(a, b) && is_subset(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(old: &[u32], new: &[u32]) -> (Vec<u32>, Vec<u32>, Vec<(usize, usize)>) {
        let (mut r, mut a, mut m) = (vec![], vec![], vec![]);
        for p in pair_by(old, new, |x| *x) {
            match p {
                Pairing::Removed(_, x) => r.push(*x),
                Pairing::Added(_, x) => a.push(*x),
                Pairing::Matched(i, _, j, _) => m.push((i, j)),
            }
        }
        (r, a, m)
    }

    #[test]
    fn small_and_large_agree() {
        let old = [1, 2, 3, 2, 5];
        let new = [5, 4, 1, 1];
        let small = run(&old, &new);
        assert_eq!(small, (vec![2, 3], vec![4], vec![(4, 0), (0, 2)]));
        let big_old: Vec<u32> = (200..300).chain(old).collect();
        let big_new: Vec<u32> = (1000..1100).chain(new).collect();
        let (r, a, m) = run(&big_old, &big_new);
        assert_eq!(r[100..], [2, 3]);
        assert_eq!(a[100..], [4]);
        assert_eq!(m, vec![(104, 100), (100, 102)]);
    }

    #[test]
    fn sets() {
        assert!(same_set(&[1, 2, 2], &[2, 1]));
        assert!(!same_set(&[1, 2], &[1]));
        let big: Vec<u32> = (0..100).collect();
        let rev: Vec<u32> = (0..100).rev().collect();
        assert!(same_set(&big, &rev));
    }
}
