//! Matching entities by key and comparing reference lists as sets, in linear
//! time.
//!
//! Documents usually keep their entities in the same order from one version
//! to the next, so [`pair_by`] first walks both collections in step (with a
//! short look-ahead to step over insertions and removals) and only hashes the
//! entities it could not pair that way. The result is exactly the pairing by
//! key whatever the order; the walk only saves work and keeps memory access
//! sequential.
//!
//! Duplicate keys only occur in documents the loader rejects; they still
//! compare, deterministically and in linear time: duplicates pair up in
//! document order.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// Below this many elements on both sides, a scan beats hashing.
const SMALL: usize = 16;

/// How far the walk looks ahead for the key it lost.
const LOOK_AHEAD: usize = 8;

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
/// order), then additions and changed matches (in new order). Matches whose
/// entities are equal are left out: they cannot hold a change.
pub(crate) fn pair_by<'a, T, K, F>(old: &'a [T], new: &'a [T], key: F) -> Vec<Pairing<'a, T>>
where
    T: PartialEq,
    K: Hash + Eq,
    F: Fn(&'a T) -> K,
{
    let mut out = Vec::new();
    if old == new {
        return out;
    }
    // The position of each entity's match on the other side, or `UNPAIRED`.
    const UNPAIRED: usize = usize::MAX;
    let mut old_match = vec![UNPAIRED; old.len()];
    let mut new_match = vec![UNPAIRED; new.len()];

    // 1. Walk in step.
    let (mut i, mut j) = (0, 0);
    while i < old.len() && j < new.len() {
        let (ko, kn) = (key(&old[i]), key(&new[j]));
        if ko == kn {
            old_match[i] = j;
            new_match[j] = i;
            i += 1;
            j += 1;
        } else if let Some(d) =
            (1..=LOOK_AHEAD).find(|d| new.get(j + d).is_some_and(|n| key(n) == ko))
        {
            j += d; // new[j..j + d] were inserted (or moved)
        } else if let Some(d) =
            (1..=LOOK_AHEAD).find(|d| old.get(i + d).is_some_and(|o| key(o) == kn))
        {
            i += d; // old[i..i + d] were removed (or moved)
        } else {
            i += 1;
            j += 1;
        }
    }

    // 2. Pair what is left by key, first come first paired.
    let old_left: Vec<usize> = (0..old.len())
        .filter(|&i| old_match[i] == UNPAIRED)
        .collect();
    let new_left: Vec<usize> = (0..new.len())
        .filter(|&j| new_match[j] == UNPAIRED)
        .collect();
    if !old_left.is_empty() && !new_left.is_empty() {
        if old_left.len() <= SMALL && new_left.len() <= SMALL {
            for &j in &new_left {
                let kn = key(&new[j]);
                if let Some(&i) = old_left
                    .iter()
                    .find(|&&i| old_match[i] == UNPAIRED && key(&old[i]) == kn)
                {
                    old_match[i] = j;
                    new_match[j] = i;
                }
            }
        } else {
            let mut waiting: HashMap<K, Vec<usize>> = HashMap::with_capacity(old_left.len());
            for &i in old_left.iter().rev() {
                waiting.entry(key(&old[i])).or_default().push(i);
            }
            for &j in &new_left {
                if let Some(i) = waiting.get_mut(&key(&new[j])).and_then(Vec::pop) {
                    old_match[i] = j;
                    new_match[j] = i;
                }
            }
        }
    }

    for (i, &m) in old_match.iter().enumerate() {
        if m == UNPAIRED {
            out.push(Pairing::Removed(i, &old[i]));
        }
    }
    for (j, &m) in new_match.iter().enumerate() {
        if m == UNPAIRED {
            out.push(Pairing::Added(j, &new[j]));
        } else if old[m] != new[j] {
            out.push(Pairing::Matched(m, &old[m], j, &new[j]));
        }
    }
    out
}

/// The elements of a reference list added and removed, compared as sets:
/// `(added: (new index, value), removed: (old index, value))`.
pub(crate) type SetChanges<'a, T> = (Vec<(usize, &'a T)>, Vec<(usize, &'a T)>);

/// Compares two lists as sets (order and repetition do not count): each
/// element of one list that is not in the other, at its first occurrence.
///
/// Not [`pair_by`], which pairs duplicates one to one: reference lists of
/// valid documents may repeat an id, and `["a"]` → `["a", "a"]` adds nothing.
pub(crate) fn set_changes<'a, T: Hash + Eq>(old: &'a [T], new: &'a [T]) -> SetChanges<'a, T> {
    if old == new {
        return (Vec::new(), Vec::new());
    }
    (only_in(new, old), only_in(old, new))
}

/// The first occurrence of each element of `a` that is not in `b`, with its index.
fn only_in<'a, T: Hash + Eq>(a: &'a [T], b: &[T]) -> Vec<(usize, &'a T)> {
    if a.len() <= SMALL && b.len() <= SMALL {
        return a
            .iter()
            .enumerate()
            .filter(|&(i, x)| !b.contains(x) && !a[..i].contains(x))
            .collect();
    }
    let in_b: HashSet<&T> = b.iter().collect();
    let mut seen: HashSet<&T> = HashSet::new();
    a.iter()
        .enumerate()
        .filter(|&(_, x)| !in_b.contains(x) && seen.insert(x))
        .collect()
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
        // Duplicates pair up in document order: one `2` and one `1` are left.
        assert_eq!(
            small,
            (vec![2, 3, 2], vec![4, 1], vec![]),
            "equal matches are left out"
        );
        let big_old: Vec<u32> = (200..300).chain(old).collect();
        let big_new: Vec<u32> = (1000..1100).chain(new).collect();
        let (r, a, m) = run(&big_old, &big_new);
        assert_eq!(r[100..], [2, 3, 2]);
        assert_eq!(a[100..], [4, 1]);
        assert_eq!(m, vec![]);
    }

    #[test]
    fn changed_matches_pair_by_key() {
        for extra in [0u32, 100] {
            let mut old: Vec<(u32, char)> = (1000..1000 + extra).map(|k| (k, 'x')).collect();
            old.extend([(1, 'a'), (2, 'b')]);
            let mut new: Vec<(u32, char)> = vec![(2, 'c'), (1, 'a')];
            new.extend((1000..1000 + extra).map(|k| (k, 'x')));
            let m: Vec<(usize, usize)> = pair_by(&old, &new, |x| x.0)
                .into_iter()
                .filter_map(|p| match p {
                    Pairing::Matched(i, _, j, _) => Some((i, j)),
                    _ => None,
                })
                .collect();
            assert_eq!(m, vec![(extra as usize + 1, 0)]);
        }
    }

    #[test]
    fn set_changes_ignore_repetition() {
        let ids = |v: Vec<(usize, &u32)>| v.into_iter().map(|(i, x)| (i, *x)).collect::<Vec<_>>();
        for n in [1usize, 100] {
            let old: Vec<u32> = (0..n as u32).collect();
            let mut new = old.clone();
            new.extend(old.iter().copied()); // every reference twice
            let (added, removed) = set_changes(&old, &new);
            assert!(added.is_empty() && removed.is_empty(), "{n}");
            new.extend([7777, 7777]);
            let (added, removed) = set_changes(&old, &new);
            assert_eq!(ids(added), vec![(2 * n, 7777)], "{n}");
            let (added, removed_back) = set_changes(&new, &old);
            assert!(added.is_empty() && removed.is_empty());
            assert_eq!(ids(removed_back), vec![(2 * n, 7777)], "{n}");
        }
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
