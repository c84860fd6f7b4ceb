//! Ambiguous documents (SECURITY.md, "Ambiguity"): a document that two tools,
//! or a tool and a reviewer, could read differently is rejected with a
//! typed error naming the code and the place. One test per case:
//!
//! | case | where it is rejected | code |
//! |---|---|---|
//! | duplicate keys, also spelled differently (`"\u0074itle"`) | strict JSON | `duplicate-key` |
//! | a byte order mark | bytes | `byte-order-mark` |
//! | invalid Unicode (lone surrogate escapes, non-UTF-8 bytes) | strict JSON, bytes | `syntax`, `not-utf8` |
//! | ids with upper case or non-ASCII look-alikes (`cIoudflare`, Cyrillic `с`) | schema (id pattern) | `pattern` |
//! | ids that differ only by case | schema (only lower case exists) | `pattern` |
//! | URLs that are not http(s), carry credentials or white space | schema (URL pattern) | `pattern` |
//! | URLs with a backslash or non-ASCII characters (look-alike hosts) | schema (`format: uri`) | `format` |
//! | control characters in text (C0 but tab and line feed, DEL, C1), bidirectional and zero-width format characters | text check | `control-character` |
//! | numbers that are integers only by value (`1.0`) where an integer is expected | typed | `invalid-value` |
//!
//! Ids made only of lower-case ASCII letters, digits and `_` cannot be
//! confused by case or script; look-alikes within that alphabet (`c1oudflare`,
//! `rn`/`m`) are different ids, and the diff reports them as a removal and an
//! addition, which review sees.

use matrix_privacy_policy::Policy;
use matrix_privacy_policy::load::{self, Diagnostic, DiagnosticKind, LoadError};
use serde_json::{Value, json};

fn canonical() -> Value {
    serde_json::from_str(Policy::canonical_json()).unwrap()
}

fn with(pointer: &str, value: Value) -> String {
    let mut doc = canonical();
    *doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = value;
    serde_json::to_string_pretty(&doc).unwrap()
}

fn diags(text: &str) -> Vec<Diagnostic> {
    match load::load_str(text) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.diagnostics(),
    }
}

/// The document fails with exactly this one problem.
#[track_caller]
fn rejects_once(text: &str, code: &str, pointer: &str) -> Diagnostic {
    let list = diags(text);
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(
        (list[0].code.as_str(), list[0].pointer.as_str()),
        (code, pointer),
        "{list:#?}"
    );
    list.into_iter().next().unwrap()
}

/// Among the problems, this one, and every problem is at this pointer (a
/// value can break several schema keywords, e.g. a URL's `pattern` and its
/// `format`).
#[track_caller]
fn rejects_at(text: &str, code: &str, pointer: &str) -> Diagnostic {
    let list = diags(text);
    assert!(
        list.iter().all(|d| d.pointer == pointer),
        "not all at {pointer}: {list:#?}"
    );
    rejects(text, code, pointer)
}

/// Among the problems, this one (other stages may add more).
#[track_caller]
fn rejects(text: &str, code: &str, pointer: &str) -> Diagnostic {
    let list = diags(text);
    list.iter()
        .find(|d| d.code == code && d.pointer == pointer)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} at {pointer}: {list:#?}"))
}

// ---------------------------------------------------------------------------
// Duplicate keys.
// ---------------------------------------------------------------------------

#[test]
fn duplicate_keys_are_rejected_at_any_depth() {
    let text = Policy::canonical_json();
    let top = text.replacen(
        "\"title\":",
        "\"title\": \"Another policy\",\n  \"title\":",
        1,
    );
    match load::load_str(&top) {
        Err(LoadError::DuplicateKey {
            key, pointer, line, ..
        }) => {
            assert_eq!(
                (key.as_str(), pointer.as_str(), line),
                ("title", "/title", 5)
            );
        }
        other => panic!("{other:?}"),
    }
    let nested = text.replacen(
        "\"id\": \"cloudflare\",",
        "\"id\": \"cloudflare\", \"id\": \"aws\",",
        1,
    );
    let d = rejects_once(&nested, "duplicate-key", "/recipients/4/id");
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    // The line of the duplicate: where cloudflare's id is in the canonical file.
    let line = text
        .lines()
        .position(|l| l.contains("\"id\": \"cloudflare\","))
        .map(|i| i + 1);
    assert!(line.is_some());
    assert_eq!(d.position.map(|p| p.line), line);
}

#[test]
fn duplicate_keys_spelled_with_escapes_are_rejected() {
    // `\u0074itle` is `title`: a reader that compares raw text would see two
    // keys, one that keeps the last would see the other title.
    let text = Policy::canonical_json().replacen(
        "\"title\":",
        "\"\\u0074itle\": \"Another policy\",\n  \"title\":",
        1,
    );
    rejects_once(&text, "duplicate-key", "/title");
    let text = Policy::canonical_json().replacen(
        "\"title\":",
        "\"title\": \"Another policy\",\n  \"t\\u0069tle\":",
        1,
    );
    rejects_once(&text, "duplicate-key", "/title");
}

#[test]
fn keys_that_differ_only_by_case_or_script_are_unknown_fields() {
    for key in [
        "Title",
        "TITLE",
        "tіtle", /* Cyrillic і */
        "title\u{200b}",
    ] {
        let text = Policy::canonical_json().replacen(
            "\"title\":",
            &format!("\"{key}\": \"x\",\n  \"title\":"),
            1,
        );
        let list = diags(&text);
        assert!(
            list.iter().any(|d| d.code == "unknown-field"),
            "{key}: {list:#?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Encoding.
// ---------------------------------------------------------------------------

#[test]
fn a_byte_order_mark_is_rejected() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(Policy::canonical_json().as_bytes());
    let err = load::load(&bytes).unwrap_err();
    assert!(matches!(err, LoadError::ByteOrderMark), "{err:?}");
    let d = &err.diagnostics()[0];
    assert_eq!(
        (d.code.as_str(), d.pointer.as_str(), d.kind),
        ("byte-order-mark", "", DiagnosticKind::Input)
    );
    assert!(err.to_string().contains("without BOM"), "{err}");
    // A BOM in UTF-16 is not UTF-8 at all.
    let err = load::load(b"\xFF\xFE{\x00}\x00").unwrap_err();
    assert_eq!(err.code(), "not-utf8");
}

#[test]
fn invalid_unicode_is_rejected() {
    // A lone surrogate escape names no character.
    let text = with("/title", json!("PLACEHOLDER")).replace("PLACEHOLDER", "\\ud800");
    rejects_once(&text, "syntax", "/title");
    // A high surrogate followed by something other than a low one.
    let text = with("/title", json!("PLACEHOLDER")).replace("PLACEHOLDER", "\\ud800\\u0041");
    rejects_once(&text, "syntax", "/title");
    // Overlong and invalid UTF-8.
    let mut bytes = with("/title", json!("PLACEHOLDER")).into_bytes();
    let at = bytes.windows(11).position(|w| w == b"PLACEHOLDER").unwrap();
    bytes.splice(at..at + 11, *b"\xC0\xAF");
    match load::load(&bytes).unwrap_err() {
        LoadError::NotUtf8 { offset, line, .. } => {
            assert_eq!(offset, at);
            assert_eq!(
                line,
                1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()
            );
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Ids: case, script, look-alikes.
// ---------------------------------------------------------------------------

#[test]
fn look_alike_ids_are_rejected_by_the_id_pattern() {
    for id in [
        "cIoudflare",         // capital I for l
        "Cloudflare",         // mixed case
        "CLOUDFLARE",         // upper case
        "сloudflare",         // Cyrillic с
        "cloudflarе",         // Cyrillic е
        "ｃloudflare",        // full-width c
        "cloud\u{200b}flare", // zero-width space
        "cloudflare ",        // trailing space
        "cloud-flare",        // hyphen
    ] {
        // (The zero-width space is a `control-character` too.)
        let d = rejects_at(
            &with("/recipients/4/id", json!(id)),
            "pattern",
            "/recipients/4/id",
        );
        assert_eq!(d.kind, DiagnosticKind::Schema, "{id}");
    }
}

#[test]
fn references_to_look_alike_ids_are_rejected() {
    let text = with("/services/0/operated_by/0", json!("eIement"));
    rejects_once(&text, "pattern", "/services/0/operated_by/0");
    let text = with("/purposes/0/data/0", json!("Username"));
    rejects_once(&text, "pattern", "/purposes/0/data/0");
}

#[test]
fn ids_that_differ_only_by_case_cannot_coexist() {
    // The second spelling is not an id at all, so there is never a pair of
    // ids equal but for case.
    let mut doc = canonical();
    let mut twin = doc["recipients"][4].clone();
    twin["id"] = json!("CloudFlare");
    doc["recipients"].as_array_mut().unwrap().push(twin);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    rejects_once(&text, "pattern", "/recipients/15/id");
    // The same spelling twice is a duplicate id (semantic check).
    doc["recipients"][15]["id"] = json!("cloudflare");
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let d = rejects_once(&text, "duplicate-id", "/recipients/15/id");
    assert_eq!(d.kind, DiagnosticKind::Semantic);
}

#[test]
fn ascii_look_alikes_are_distinct_ids_and_the_diff_shows_them() {
    // `c1oudflare` is a valid, different id: a rename the diff reports.
    let text = with("/recipients/4/id", json!("c1oudflare"));
    let new = load::load_str(&text).unwrap();
    let d = matrix_privacy_policy::diff::diff(Policy::canonical(), &new);
    let rules: Vec<&str> = d.iter().map(|c| c.rule.as_str()).collect();
    assert!(
        rules.contains(&"recipient-removed") && rules.contains(&"recipient-added"),
        "{rules:?}"
    );
}

// ---------------------------------------------------------------------------
// URLs.
// ---------------------------------------------------------------------------

#[test]
fn privacy_policy_links_must_be_plain_http_urls() {
    let p = "/recipients/4/privacy_policy";
    for url in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://ftp.cloudflare.com/privacy",
        "mailto:privacy@cloudflare.com",
        "HTTPS://www.cloudflare.com/privacypolicy/", // the scheme is lower case
        "//www.cloudflare.com/privacypolicy/",       // scheme-relative
        "www.cloudflare.com/privacypolicy/",         // no scheme
        "https://",                                  // no host
    ] {
        let d = rejects_at(&with(p, json!(url)), "pattern", p);
        assert_eq!(d.kind, DiagnosticKind::Schema, "{url}");
    }
}

#[test]
fn urls_with_credentials_are_rejected() {
    let p = "/recipients/4/privacy_policy";
    for url in [
        "https://user:secret@www.cloudflare.com/privacypolicy/",
        "https://user@www.cloudflare.com/privacypolicy/",
        "https://www.cloudflare.com@evil.example/privacypolicy/",
        "https://www.cloudflare.com\\@evil.example/",
        "https://:@evil.example/",
    ] {
        rejects_at(&with(p, json!(url)), "pattern", p);
    }
    // An `@` after the host is part of the path or query, not credentials.
    assert!(
        load::load_str(&with(
            p,
            json!("https://www.cloudflare.com/privacy?contact=a@b.example")
        ))
        .is_ok()
    );
}

#[test]
fn urls_with_white_space_or_control_characters_are_rejected() {
    let p = "/recipients/4/privacy_policy";
    for url in [
        "https://www.cloudflare.com/privacy policy/",
        "https://www.cloudflare.com/\u{a0}",
        " https://www.cloudflare.com/",
    ] {
        rejects_at(&with(p, json!(url)), "pattern", p);
    }
    // A control character: the text check names it (and the URL pattern may too).
    let text = with(p, json!("https://www.cloudflare.com/\u{1b}[8m"));
    rejects(&text, "control-character", p);
    // Every URL field, not only privacy policies.
    for pointer in [
        "/url",
        "/controller/website",
        "/supervisory_authority/url",
        "/services/0/url",
    ] {
        rejects_once(
            &with(pointer, json!("javascript:alert(1)")),
            "pattern",
            pointer,
        );
    }
}

// ---------------------------------------------------------------------------
// Control characters in text.
// ---------------------------------------------------------------------------

#[test]
fn control_characters_in_text_are_rejected() {
    for (c, name) in [
        ('\u{0}', "NUL"),
        ('\r', "carriage return"),
        ('\u{8}', "backspace"),
        ('\u{b}', "vertical tab"),
        ('\u{c}', "form feed"),
        ('\u{1b}', "escape"),
        ('\u{7f}', "delete"),
        ('\u{85}', "next line (C1)"),
        ('\u{9b}', "CSI (C1)"),
    ] {
        let text = with(
            "/recipients/4/description",
            json!(format!("Runs the CDN.{c}[2J Hidden")),
        );
        let d = rejects_once(&text, "control-character", "/recipients/4/description");
        assert_eq!(d.kind, DiagnosticKind::Semantic, "{name}");
        assert!(
            d.message.contains(&format!("U+{:04X}", u32::from(c))),
            "{name}: {d}"
        );
        assert!(d.message.contains("character 14"), "{name}: {d}");
    }
}

#[test]
fn control_characters_are_found_everywhere_text_is() {
    for pointer in [
        "/title",
        "/controller/name",
        "/history/0/summary",
        "/rights/0/caveats/0/description",
        "/sections/0/heading",
        "/statements/0/text",
        "/$schema",
    ] {
        rejects(
            &with(pointer, json!("a\u{1b}b")),
            "control-character",
            pointer,
        );
    }
}

#[test]
fn tab_and_line_feed_are_text() {
    let text = with(
        "/recipients/4/description",
        json!("Runs the CDN.\n\tIndented line."),
    );
    assert!(load::load_str(&text).is_ok());
}

// ---------------------------------------------------------------------------
// Numbers.
// ---------------------------------------------------------------------------

#[test]
fn integers_written_as_fractions_are_rejected() {
    // JSON Schema calls 16.0 an integer; the typed model does not guess.
    for value in [json!(16.0), json!(1.6e1), json!(256), json!(-1)] {
        let list = diags(&with("/children/minimum_age", value.clone()));
        assert!(!list.is_empty(), "{value}");
        assert!(
            list.iter().all(|d| d.pointer == "/children/minimum_age"),
            "{value}: {list:#?}"
        );
    }
}

#[test]
fn url_hosts_must_be_plain_ascii() {
    // The schema's URL pattern admits only RFC 3986 ASCII: it rejects a
    // backslash (`https://evil.example\.cloudflare.com/`, which
    // WHATWG parsers read as the host `evil.example`) and non-ASCII
    // characters (a Cyrillic `а` in the host). The IDNA form is accepted.
    let p = "/recipients/4/privacy_policy";
    for url in [
        "https://evil.example\\.cloudflare.com/privacypolicy/",
        "https://www.cloudfl\u{430}re.com/privacypolicy/",
        "https://www.cloudflare.com/priv\u{e4}cy",
    ] {
        let d = rejects_once(&with(p, json!(url)), "pattern", p);
        assert_eq!(d.kind, DiagnosticKind::Schema, "{url}");
    }
    assert!(load::load_str(&with(p, json!("https://xn--cloudflre-8ng.com/"))).is_ok());
}

#[test]
fn bidi_and_zero_width_characters_in_text_are_rejected() {
    // "Trojan Source": bidirectional overrides, embeddings and isolates make
    // text display in another order than it is stored; zero-width spaces
    // hide a difference. Joiners and direction marks are text (Persian, emoji,
    // right-to-left scripts).
    for c in [
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200b}', '\u{2060}', '\u{feff}',
    ] {
        let text = with(
            "/recipients/4/description",
            json!(format!("Runs the {c}CDN.")),
        );
        let d = rejects_once(&text, "control-character", "/recipients/4/description");
        assert!(
            d.message
                .contains(&format!("U+{:04X} at character 10", u32::from(c))),
            "{d}"
        );
    }
    let text = with(
        "/recipients/4/description",
        json!("\u{5e9}\u{200f}\u{5dc} \u{1f469}\u{200d}\u{1f4bb} \u{645}\u{200c}\u{6cc}"),
    );
    assert!(load::load_str(&text).is_ok());
}

// ---------------------------------------------------------------------------
// Known gap (SECURITY.md): ignored until the renderer escapes the title.
// ---------------------------------------------------------------------------

#[test]

fn markdown_reports_escape_the_title() {
    // A pull request's policy text must not put links or images into the
    // bot's comment.
    let title = "![pixel](https://tracker.example/p.png) [click](https://evil.example)";
    let path = std::env::temp_dir().join(format!("pp-ambiguity-{}.json", std::process::id()));
    std::fs::write(&path, with("/title", json!(title))).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_privacy-policy"))
        .args(["validate", "--format", "markdown"])
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("![pixel]("), "{text}");
    assert!(!text.contains("[click]("), "{text}");
}
