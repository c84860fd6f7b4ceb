//! "Did you mean …?": the nearest of a few names to a misspelt one.

/// The most candidates looked at for one suggestion: a suggestion is a
/// courtesy, and a hostile document with huge collections must not make
/// every one of its errors cost a scan of all of them.
const MAX_CANDIDATES: usize = 2_000;

/// The edit distance between `a` and `b` (optimal string alignment:
/// insertions, deletions, substitutions and swaps of two neighbours, each
/// costing 1), counted in characters.
fn distance(a: &[char], b: &[char]) -> usize {
    // Three rows: two back (for swaps), one back, this one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            let mut best = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && a[i - 1] == cb && ca == b[j - 1] {
                best = best.min(before[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The most edits a suggestion for a word of `len` characters may be away:
/// 2, or a third of the word when it is longer, and never half of it
/// (`ab` is not a misspelling of `id`).
fn max_distance(len: usize) -> usize {
    2.max(len / 3).min(len.saturating_sub(1) / 2)
}

/// The candidate nearest to `word` when it is close enough to be a
/// misspelling of it (see [`max_distance`]); the first in order on ties.
/// `None` when `word` is itself a candidate or nothing is close.
pub(crate) fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word: Vec<char> = word.chars().collect();
    let limit = max_distance(word.len());
    if limit == 0 {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates.into_iter().take(MAX_CANDIDATES) {
        let chars: Vec<char> = candidate.chars().collect();
        // Cheap bound first: the lengths alone need this many edits.
        if chars.len().abs_diff(word.len()) > limit {
            continue;
        }
        let d = distance(&word, &chars);
        if d == 0 {
            return None;
        }
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        distance(&a, &b)
    }

    #[test]
    fn distances() {
        assert_eq!(d("", ""), 0);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("ip_adress", "ip_address"), 1);
        assert_eq!(d("recieves", "receives"), 1, "a swap is one edit");
        assert_eq!(d("né", "ne"), 1, "characters, not bytes");
    }

    #[test]
    fn suggests_only_close_names() {
        let fields = ["id", "name", "receives", "purposes", "legal_form"];
        assert_eq!(nearest("nme", fields), Some("name"));
        assert_eq!(nearest("recieves", fields), Some("receives"));
        assert_eq!(nearest("legal_from", fields), Some("legal_form"));
        assert_eq!(nearest("Name", fields), Some("name"));
        assert_eq!(
            nearest("name", fields),
            None,
            "an exact match is no misspelling"
        );
        assert_eq!(nearest("ab", fields), None, "too short to guess");
        assert_eq!(nearest("colour", fields), None);
        assert_eq!(nearest("", fields), None);
        assert_eq!(nearest(&"x".repeat(100_000), fields), None);
        let ids = ["ip_address", "ip_addresses"];
        assert_eq!(nearest("ip_adress", ids), Some("ip_address"));
    }
}
