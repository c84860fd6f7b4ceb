//! Rules across the document that neither the schema nor the types express.
//!
//! Every check is linear in the size of the document: each collection's ids
//! go into a `HashSet` once, and every reference is one lookup.
//!
//! | code | rule |
//! |---|---|
//! | `duplicate-id` | ids are unique within each collection (`contacts`, `services`, `data_categories`, `purposes`, `recipients`, `transfers`, `retention`, `security_measures`, `history_visibility`, `statements`), and caveat ids within a right |
//! | `duplicate-parameter` | parameter names are unique within a security measure |
//! | `duplicate-right` | each right is stated once |
//! | `dangling-reference` | every reference by id resolves (see [`check_semantics`]) |
//! | `history-version-order` | history versions strictly increase |
//! | `history-date-order` | history dates never decrease (dates that overlap, such as `2023-06` and `2023-06-14`, are accepted) |
//! | `history-version-mismatch` | the last history entry is the document's `version` |
//! | `contact-unreachable` | a contact has an e-mail address or a URL |
//! | `duplicate-openness` | history visibility settings have distinct openness ranks |
//! | `unused-data-category` | every data category is processed for at least one purpose (GDPR Art. 5(1)(b), 6(1): no processing without a purpose) |
//! | `placeholder` | free text does not start with `TODO:`, the mark of a placeholder `privacy-policy new` writes |
//! | `control-character` | text contains no control characters other than line feed and tab, and no bidirectional or zero-width format characters (see [`check_text`]) |

use super::Document;
use super::error::{Diagnostic, DiagnosticKind};
use super::hash::{FastSet, set_with_capacity};
use super::strict::Path;
use super::tree::{Ref, View};
use crate::{Id, Policy};

fn diag(code: &'static str, pointer: String, message: String) -> Diagnostic {
    Diagnostic::new(DiagnosticKind::Semantic, code, pointer, message)
}

/// Collects the ids of a collection, reporting duplicates.
/// Collects diagnostics up to a limit, formatting only those it keeps.
pub(crate) struct Sink {
    list: Vec<Diagnostic>,
    limit: usize,
}

impl Sink {
    fn push(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.list.len() < self.limit {
            self.list.push(make());
        }
    }
}

fn ids<'a, T>(
    items: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
    collection: &str,
    field: &str,
    code: &'static str,
    out: &mut Sink,
) -> FastSet<&'a str> {
    let mut set = set_with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let v = id(item);
        if !set.insert(v) {
            out.push(|| {
                diag(
                    code,
                    format!("{collection}/{i}/{field}"),
                    format!("`{v}` is already used in {}", show(collection)),
                )
            });
        }
    }
    set
}

fn show(pointer: &str) -> &str {
    if pointer.is_empty() {
        "the document"
    } else {
        pointer
    }
}

/// Reports every reference in `refs` that is not in `targets`.
fn refs(
    refs: &[Id],
    targets: &FastSet<&str>,
    pointer: impl Fn() -> String,
    target_collection: &str,
    out: &mut Sink,
) {
    for (j, r) in refs.iter().enumerate() {
        if !targets.contains(r.as_str()) {
            out.push(|| {
                diag(
                    "dangling-reference",
                    format!("{}/{j}", pointer()),
                    format!("`{r}` is not the id of any entry of /{target_collection}"),
                )
            });
        }
    }
}

/// Checks the rules across a typed document that the schema cannot express.
///
/// - ids are unique within each collection (`duplicate-id`), parameter names
///   within a measure (`duplicate-parameter`), rights (`duplicate-right`);
/// - every reference resolves (`dangling-reference`):
///   `services[].operated_by` → `recipients`, `data_categories[].services` →
///   `services`, `purposes[].data` → `data_categories`,
///   `recipients[].receives` → `data_categories`, `recipients[].purposes` →
///   `purposes`, `transfers[].recipients` → `recipients`, `retention[].data`
///   → `data_categories`, `rights[].exercise[].contact` → `contacts`,
///   `security_measures[].applies_to` → `data_categories`;
/// - the history is ordered (`history-version-order`, `history-date-order`)
///   and ends at the document's version (`history-version-mismatch`);
/// - a contact can be reached (`contact-unreachable`);
/// - history visibility ranks are distinct (`duplicate-openness`);
/// - every data category has a purpose (`unused-data-category`).
///
/// Returns the problems in the order of the checks above, at most
/// [`LoadOptions::DEFAULT_MAX_DIAGNOSTICS`](super::LoadOptions::DEFAULT_MAX_DIAGNOSTICS),
/// each with the pointer of the offending value and no position (the loader
/// adds positions from the text). Linear time.
///
/// ```
/// use matrix_privacy_policy::load::{check_semantics, load_str};
/// let mut policy = load_str(include_str!("../../tests/fixtures/minimal.json"))?;
/// assert!(check_semantics(&policy).is_empty());
/// policy.purposes.clear();
/// assert!(check_semantics(&policy).iter().any(|d| d.code == "unused-data-category"));
/// # Ok::<(), matrix_privacy_policy::load::LoadError>(())
/// ```
pub fn check_semantics(p: &Policy) -> Vec<Diagnostic> {
    check_semantics_limited(p, super::LoadOptions::DEFAULT_MAX_DIAGNOSTICS)
}

/// [`check_semantics`], keeping at most `limit` diagnostics.
pub(crate) fn check_semantics_limited(p: &Policy, limit: usize) -> Vec<Diagnostic> {
    let mut out = Sink {
        list: Vec::new(),
        limit,
    };
    let o = &mut out;
    let contacts = ids(
        &p.contacts,
        |e| e.id.as_str(),
        "/contacts",
        "id",
        "duplicate-id",
        o,
    );
    let services = ids(
        &p.services,
        |e| e.id.as_str(),
        "/services",
        "id",
        "duplicate-id",
        o,
    );
    let data = ids(
        &p.data_categories,
        |e| e.id.as_str(),
        "/data_categories",
        "id",
        "duplicate-id",
        o,
    );
    let purposes = ids(
        &p.purposes,
        |e| e.id.as_str(),
        "/purposes",
        "id",
        "duplicate-id",
        o,
    );
    let recipients = ids(
        &p.recipients,
        |e| e.id.as_str(),
        "/recipients",
        "id",
        "duplicate-id",
        o,
    );
    ids(
        &p.transfers,
        |e| e.id.as_str(),
        "/transfers",
        "id",
        "duplicate-id",
        o,
    );
    ids(
        &p.retention,
        |e| e.id.as_str(),
        "/retention",
        "id",
        "duplicate-id",
        o,
    );
    ids(
        &p.security_measures,
        |e| e.id.as_str(),
        "/security_measures",
        "id",
        "duplicate-id",
        o,
    );
    ids(
        &p.history_visibility,
        |e| e.id.as_str(),
        "/history_visibility",
        "id",
        "duplicate-id",
        o,
    );
    ids(
        &p.statements,
        |e| e.id.as_str(),
        "/statements",
        "id",
        "duplicate-id",
        o,
    );
    ids(
        &p.rights,
        |e| e.right.key(),
        "/rights",
        "right",
        "duplicate-right",
        o,
    );
    for (i, r) in p.rights.iter().enumerate() {
        ids(
            &r.caveats,
            |e| e.id.as_str(),
            &format!("/rights/{i}/caveats"),
            "id",
            "duplicate-id",
            o,
        );
    }
    for (i, m) in p.security_measures.iter().enumerate() {
        if !m.parameters.is_empty() {
            let coll = format!("/security_measures/{i}/parameters");
            ids(
                &m.parameters,
                |e| e.name.as_str(),
                &coll,
                "name",
                "duplicate-parameter",
                o,
            );
        }
    }

    for (i, s) in p.services.iter().enumerate() {
        refs(
            &s.operated_by,
            &recipients,
            || format!("/services/{i}/operated_by"),
            "recipients",
            o,
        );
    }
    for (i, d) in p.data_categories.iter().enumerate() {
        refs(
            &d.services,
            &services,
            || format!("/data_categories/{i}/services"),
            "services",
            o,
        );
    }
    let mut used = set_with_capacity(p.data_categories.len());
    for (i, pu) in p.purposes.iter().enumerate() {
        refs(
            &pu.data,
            &data,
            || format!("/purposes/{i}/data"),
            "data_categories",
            o,
        );
        used.extend(pu.data.iter().map(Id::as_str));
    }
    for (i, r) in p.recipients.iter().enumerate() {
        refs(
            &r.receives,
            &data,
            || format!("/recipients/{i}/receives"),
            "data_categories",
            o,
        );
        refs(
            &r.purposes,
            &purposes,
            || format!("/recipients/{i}/purposes"),
            "purposes",
            o,
        );
    }
    for (i, t) in p.transfers.iter().enumerate() {
        refs(
            &t.recipients,
            &recipients,
            || format!("/transfers/{i}/recipients"),
            "recipients",
            o,
        );
    }
    for (i, r) in p.retention.iter().enumerate() {
        refs(
            &r.data,
            &data,
            || format!("/retention/{i}/data"),
            "data_categories",
            o,
        );
    }
    for (i, r) in p.rights.iter().enumerate() {
        for (j, e) in r.exercise.iter().enumerate() {
            if let Some(c) = &e.contact
                && !contacts.contains(c.as_str())
            {
                o.push(|| {
                    diag(
                        "dangling-reference",
                        format!("/rights/{i}/exercise/{j}/contact"),
                        format!("`{c}` is not the id of any entry of /contacts"),
                    )
                });
            }
        }
    }
    for (i, m) in p.security_measures.iter().enumerate() {
        refs(
            &m.applies_to,
            &data,
            || format!("/security_measures/{i}/applies_to"),
            "data_categories",
            o,
        );
    }

    for (i, d) in p.data_categories.iter().enumerate() {
        if !used.contains(d.id.as_str()) {
            o.push(|| diag(
                "unused-data-category",
                format!("/data_categories/{i}"),
                format!(
                    "no purpose processes `{}`; every category of personal data needs a purpose",
                    d.id
                ),
            ));
        }
    }

    for (i, c) in p.contacts.iter().enumerate() {
        if c.email.is_none() && c.url.is_none() {
            o.push(|| {
                diag(
                    "contact-unreachable",
                    format!("/contacts/{i}"),
                    format!("contact `{}` has neither `email` nor `url`", c.id),
                )
            });
        }
    }

    let mut ranks = set_with_capacity(p.history_visibility.len());
    for (i, v) in p.history_visibility.iter().enumerate() {
        if !ranks.insert(v.openness) {
            o.push(|| {
                diag(
                    "duplicate-openness",
                    format!("/history_visibility/{i}/openness"),
                    format!(
                        "openness rank {} is already used by another setting",
                        v.openness
                    ),
                )
            });
        }
    }

    history(p, o);
    super::placeholder::check(p, |d| {
        o.push(|| d);
        o.list.len() < o.limit
    });
    out.list
}

fn history(p: &Policy, o: &mut Sink) {
    for (i, pair) in p.history.windows(2).enumerate() {
        let [prev, next] = pair else { continue };
        let j = i + 1;
        if next.version <= prev.version {
            o.push(|| {
                diag(
                    "history-version-order",
                    format!("/history/{j}/version"),
                    format!(
                        "version {} does not come after the previous entry's {}",
                        next.version, prev.version
                    ),
                )
            });
        }
        if prev.date.compare(&next.date) == Some(std::cmp::Ordering::Greater) {
            o.push(|| {
                diag(
                    "history-date-order",
                    format!("/history/{j}/date"),
                    format!(
                        "date {} is before the previous entry's {}",
                        next.date, prev.date
                    ),
                )
            });
        }
    }
    match p.history.last() {
        Some(last) if last.version == p.version => {}
        Some(last) => o.push(|| {
            diag(
                "history-version-mismatch",
                "/version".to_owned(),
                format!(
                    "the document's version {} is not the last history entry's {}",
                    p.version, last.version
                ),
            )
        }),
        None => o.push(|| {
            diag(
                "history-version-mismatch",
                "/history".to_owned(),
                format!(
                    "the history is empty; its last entry must be the document's version {}",
                    p.version
                ),
            )
        }),
    }
}

/// The first control character in `s` other than `\n` and `\t` (C0, DEL and
/// C1), or bidirectional or zero-width format character, with its character
/// index.
pub(crate) fn control_char(s: &str) -> Option<(usize, char)> {
    let b = s.as_bytes();
    if !b.iter().any(|&c| c < 0x20 && c != b'\n' && c != b'\t') && !has_del_or_non_ascii(b) {
        return None;
    }
    find_control(s)
}

/// [`control_char`] for text that came out of a JSON string without escapes,
/// which cannot hold C0 characters (JSON forbids them raw).
pub(crate) fn control_char_unescaped(s: &str) -> Option<(usize, char)> {
    if !has_del_or_non_ascii(s.as_bytes()) {
        return None;
    }
    find_control(s)
}

/// Whether `b` has a byte of 0x7F or more: DEL, or a byte of a non-ASCII
/// character (C1 controls are U+0080 to U+009F). Word at a time: for each
/// byte, `(byte & 0x7F) + 1` reaches 0x80 only from 0x7F or 0xFF, and no
/// sum carries into the next byte.
pub(crate) fn has_del_or_non_ascii(b: &[u8]) -> bool {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONE: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let word = |c: &[u8]| {
        let w = c
            .iter()
            .rev()
            .fold(0u64, |acc, &x| (acc << 8) | u64::from(x));
        (w | ((w & LOW) + ONE)) & HIGH
    };
    let mut chunks = b.chunks_exact(32);
    for c in &mut chunks {
        let (a, rest) = c.split_at(8);
        let (b2, rest) = rest.split_at(8);
        let (c3, d) = rest.split_at(8);
        if word(a) | word(b2) | word(c3) | word(d) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&c| c >= 0x7f)
}

fn find_control(s: &str) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|&(_, c)| (c.is_control() && c != '\n' && c != '\t') || is_hiding_format(c))
}

/// Unicode format characters (category Cf, which `char::is_control` does not
/// cover) that reorder or hide text: bidirectional embeddings, overrides and
/// isolates ("Trojan Source": text displayed in another order than it is
/// stored), and zero-width spaces. Joiners (U+200C, U+200D) and direction
/// marks (U+200E, U+200F) are left to the scripts that need them.
fn is_hiding_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Checks every string value of a document for control characters other
/// than line feed and tab (`control-character`): a carriage return, a
/// backspace or an escape sequence hidden in a policy's text would render
/// differently, or not at all, in different tools. Bidirectional overrides,
/// embeddings and isolates (U+202A–U+202E, U+2066–U+2069) and zero-width
/// spaces (U+200B, U+2060, U+FEFF) are reported too: they make text display
/// in another order than it is stored, or hide a difference. Object keys are not
/// checked (unknown keys are schema errors anyway). Positions are filled in
/// from the document's text.
///
/// ```
/// use matrix_privacy_policy::load::{check_text, parse_strict, LoadOptions};
/// let doc = parse_strict(br#"{"title": "ok\n", "items": [{"text": "bell\u0007"}]}"#, &LoadOptions::default())?;
/// let found = check_text(&doc);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].pointer, "/items/0/text");
/// assert_eq!(found[0].position.map(|p| (p.line, p.column)), Some((1, 38)));
/// # Ok::<(), matrix_privacy_policy::load::LoadError>(())
/// ```
pub fn check_text(doc: &Document<'_>) -> Vec<Diagnostic> {
    doc.with_positions(doc.text_problems().to_vec())
}

/// The `control-character` diagnostic.
pub(crate) fn control_diagnostic(pointer: String, (i, c): (usize, char)) -> Diagnostic {
    diag(
        "control-character",
        pointer,
        format!(
            "text contains the control character U+{:04X} at character {}",
            u32::from(c),
            i + 1
        ),
    )
}

/// The text check on a tree built from a [`serde_json::Value`] (a parsed
/// [`Document`] is checked while it is parsed).
pub(crate) fn check_tree_text(tree: Ref<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk(tree, Path::Root, &mut out);
    out
}

fn walk(value: Ref<'_>, path: Path<'_>, out: &mut Vec<Diagnostic>) {
    match value.view() {
        View::String(s) => {
            if let Some(found) = control_char(s) {
                out.push(control_diagnostic(path.to_pointer(), found));
            }
        }
        View::Array(items) => {
            for (i, v) in items.enumerate() {
                walk(v, Path::Index(&path, i), out);
            }
        }
        View::Object(members) => {
            for (k, v) in members {
                walk(v, Path::Key(&path, k), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Caveat, Parameter, ParameterValue, PartialDate, Right};

    fn minimal() -> Policy {
        crate::load::load_str(include_str!("../../tests/fixtures/minimal.json")).unwrap()
    }

    fn found(p: &Policy) -> Vec<(&'static str, String)> {
        check_semantics(p)
            .into_iter()
            .map(|d| (d.code, d.pointer))
            .collect()
    }

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    #[test]
    fn minimal_is_clean() {
        assert!(found(&minimal()).is_empty());
    }

    #[test]
    fn duplicate_ids_in_every_collection() {
        let mut p = minimal();
        p.contacts[1].id = id("dpo");
        p.services.push(p.services[0].clone());
        p.data_categories[1].id = id("account");
        p.purposes[1].id = id("provide_service");
        p.recipients[1].id = id("hosting_co");
        p.transfers.push(p.transfers[0].clone());
        p.retention[1].id = id("ip_logs");
        p.security_measures[1].id = id("password_hashing");
        p.history_visibility[1].id = id("joined");
        p.history_visibility[1].openness = 2;
        p.statements.push(p.statements[0].clone());
        let got = found(&p);
        for pointer in [
            "/contacts/1/id",
            "/services/1/id",
            "/data_categories/1/id",
            "/purposes/1/id",
            "/recipients/1/id",
            "/transfers/1/id",
            "/retention/1/id",
            "/security_measures/1/id",
            "/history_visibility/1/id",
            "/statements/1/id",
        ] {
            assert!(
                got.contains(&("duplicate-id", pointer.to_owned())),
                "{pointer}: {got:?}"
            );
        }
    }

    #[test]
    fn duplicate_rights_caveats_parameters() {
        let mut p = minimal();
        p.rights[1].right = Right::Access;
        let c: Caveat = p.rights[1].caveats[0].clone();
        p.rights[1].caveats.push(c);
        p.security_measures[0].parameters.push(Parameter {
            name: id("rounds"),
            value: ParameterValue::Integer(10),
            stronger: None,
        });
        assert_eq!(
            found(&p),
            vec![
                ("duplicate-right", "/rights/1/right".to_owned()),
                ("duplicate-id", "/rights/1/caveats/1/id".to_owned()),
                (
                    "duplicate-parameter",
                    "/security_measures/0/parameters/2/name".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn every_reference_resolves() {
        let mut p = minimal();
        let x = id("nowhere");
        p.services[0].operated_by.push(x.clone());
        p.data_categories[0].services.push(x.clone());
        p.purposes[0].data.push(x.clone());
        p.recipients[0].receives.push(x.clone());
        p.recipients[0].purposes.push(x.clone());
        p.transfers[0].recipients.push(x.clone());
        p.retention[0].data.push(x.clone());
        p.rights[0].exercise[0].contact = Some(x.clone());
        p.security_measures[0].applies_to.push(x);
        let got = found(&p);
        let expected = [
            "/services/0/operated_by/1",
            "/data_categories/0/services/1",
            "/purposes/0/data/2",
            "/recipients/0/receives/2",
            "/recipients/0/purposes/1",
            "/transfers/0/recipients/1",
            "/retention/0/data/1",
            "/rights/0/exercise/0/contact",
            "/security_measures/0/applies_to/1",
        ];
        assert_eq!(got.len(), expected.len(), "{got:?}");
        for pointer in expected {
            assert!(
                got.contains(&("dangling-reference", pointer.to_owned())),
                "{pointer}: {got:?}"
            );
        }
    }

    #[test]
    fn history_rules() {
        let date = |s: &str| PartialDate::parse(s).unwrap();
        let mut p = minimal();
        // Overlapping dates (a month and a day in it) are accepted.
        p.history[1].date = date("2023-06");
        assert!(found(&p).is_empty());
        p.history[1].version = p.history[0].version.clone();
        p.history[2].date = date("2023-05-31");
        assert_eq!(
            found(&p),
            vec![
                ("history-version-order", "/history/1/version".to_owned()),
                ("history-date-order", "/history/2/date".to_owned()),
            ]
        );
        let mut p = minimal();
        p.version = semver::Version::new(9, 0, 0);
        assert_eq!(
            found(&p),
            vec![("history-version-mismatch", "/version".to_owned())]
        );
        p.history.clear();
        assert_eq!(
            found(&p),
            vec![("history-version-mismatch", "/history".to_owned())]
        );
    }

    #[test]
    fn contacts_openness_and_unused_data() {
        let mut p = minimal();
        p.contacts[1].email = None;
        assert!(found(&p).is_empty(), "a url is enough");
        p.contacts[1].url = None;
        p.history_visibility[1].openness = 1;
        p.purposes[1].data = vec![id("account")];
        p.purposes[0].data = vec![id("account")];
        assert_eq!(
            found(&p),
            vec![
                ("unused-data-category", "/data_categories/1".to_owned()),
                ("contact-unreachable", "/contacts/1".to_owned()),
                (
                    "duplicate-openness",
                    "/history_visibility/1/openness".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn control_characters() {
        assert_eq!(control_char("plain\ttext\nok é ü"), None);
        assert_eq!(control_char("a\rb"), Some((1, '\r')));
        assert_eq!(control_char("ab\u{7f}"), Some((2, '\u{7f}')));
        assert_eq!(control_char("é\u{85}"), Some((1, '\u{85}')));
        assert_eq!(control_char("\u{0}"), Some((0, '\u{0}')));
        assert_eq!(control_char_unescaped("é\u{85}"), Some((1, '\u{85}')));
        assert_eq!(control_char_unescaped("a\u{7f}"), Some((1, '\u{7f}')));
        assert_eq!(control_char_unescaped("£ © nbsp\u{a0}"), None);
        // Bidirectional and zero-width format characters; joiners and marks are text.
        assert_eq!(
            control_char_unescaped("ab\u{202e}cd"),
            Some((2, '\u{202e}'))
        );
        assert_eq!(control_char("a\u{2066}b\u{2069}"), Some((1, '\u{2066}')));
        assert_eq!(control_char("zero\u{200b}width"), Some((4, '\u{200b}')));
        assert_eq!(control_char("\u{feff}x"), Some((0, '\u{feff}')));
        assert_eq!(
            control_char(
                "\u{5e9}\u{200f}\u{5dc} \u{1f469}\u{200d}\u{1f4bb} \u{645}\u{200c}\u{6cc}"
            ),
            None
        );
        for len in [0, 1, 7, 8, 31, 32, 33, 64, 100] {
            let mut text = vec![b'a'; len];
            assert!(!has_del_or_non_ascii(&text), "{len}");
            for i in 0..len {
                for bad in [0x7f, 0x80, 0xc2, 0xff] {
                    text[i] = bad;
                    assert!(has_del_or_non_ascii(&text), "{len} {i} {bad}");
                }
                text[i] = 0x7e;
                assert!(!has_del_or_non_ascii(&text));
                text[i] = b'a';
            }
        }
        let v = serde_json::json!({"a/b": ["ok", {"c": "x\u{1b}"}], "n": 1, "t": "\u{9f}"});
        let got: Vec<String> = check_tree_text(crate::load::tree::Tree::from_value(&v).root())
            .into_iter()
            .map(|d| d.pointer)
            .collect();
        assert_eq!(got, vec!["/a~1b/1/c", "/t"]);
    }
}
