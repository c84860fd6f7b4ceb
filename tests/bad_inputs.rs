//! The loader on bad inputs: each gets a typed error naming what
//! and where, without panicking, in bounded time.
//!
//! The files in `tests/corpus/bad/` are made by `tests/corpus/generate.py`
//! from `tests/fixtures/minimal.json`, one defect each. Huge inputs are
//! generated here in memory.

use std::time::{Duration, Instant};

use matrix_privacy_policy::load::{self, DiagnosticKind, LoadError, LoadOptions, Position};

const MINIMAL: &str = include_str!("fixtures/minimal.json");

fn corpus(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/corpus/bad/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One corpus file: the code of the one problem it must produce, the pointer
/// of that problem, and its line and column.
struct Case {
    file: &'static str,
    code: &'static str,
    pointer: &'static str,
    at: Option<(usize, usize)>,
}

const fn case(
    file: &'static str,
    code: &'static str,
    pointer: &'static str,
    at: (usize, usize),
) -> Case {
    Case {
        file,
        code,
        pointer,
        at: Some(at),
    }
}

const CASES: &[Case] = &[
    // Bytes and syntax.
    case("empty.json", "empty", "", (1, 1)),
    case("yaml_document.json", "not-json", "", (1, 1)),
    case("toml_document.json", "not-json", "", (1, 2)),
    case("truncated.json", "syntax", "/recipients/0/kind", (89, 18)),
    case("not_utf8.json", "not-utf8", "", (12, 58)),
    case("bom.json", "byte-order-mark", "", (1, 1)),
    case("trailing_content.json", "syntax", "", (241, 1)),
    case("duplicate_key_top.json", "duplicate-key", "/title", (6, 9)),
    case(
        "duplicate_key_nested.json",
        "duplicate-key",
        "/rights/1/caveats/0/id",
        (152, 14),
    ),
    // Schema.
    case(
        "unknown_field.json",
        "unknown-field",
        "/controller/legal_from",
        (8, 19),
    ),
    case(
        "wrong_type.json",
        "wrong-type",
        "/data_categories/0/optional",
        (53, 19),
    ),
    case("null_required.json", "wrong-type", "/title", (3, 12)),
    case(
        "missing_field.json",
        "missing-field",
        "/data_categories/1",
        (57, 5),
    ),
    case("invalid_semver.json", "pattern", "/version", (2, 14)),
    case(
        "bad_duration.json",
        "pattern",
        "/retention/0/retention/period",
        (122, 49),
    ),
    case(
        "bad_retention_kind.json",
        "not-allowed",
        "/retention/0/retention/kind",
        (122, 30),
    ),
    case(
        "unknown_right.json",
        "not-allowed",
        "/rights/0/right",
        (136, 16),
    ),
    case(
        "javascript_url.json",
        "pattern",
        "/recipients/0/privacy_policy",
        (94, 25),
    ),
    case("url_with_credentials.json", "pattern", "/url", (4, 10)),
    // Typed: the schema's date pattern cannot know February has no 30th.
    case(
        "impossible_date.json",
        "invalid-value",
        "/history/2/date",
        (222, 35),
    ),
    // Semantic.
    case(
        "dangling_reference.json",
        "dangling-reference",
        "/purposes/1/data/0",
        (81, 16),
    ),
    case(
        "duplicate_id.json",
        "duplicate-id",
        "/security_measures/1/id",
        (172, 13),
    ),
    case(
        "history_unordered.json",
        "history-version-order",
        "/history/1/version",
        (221, 18),
    ),
    case(
        "history_dates_unordered.json",
        "history-date-order",
        "/history/1/date",
        (221, 35),
    ),
    case(
        "history_last_not_version.json",
        "history-version-mismatch",
        "/version",
        (2, 14),
    ),
    case(
        "control_character.json",
        "control-character",
        "/profiling/description",
        (186, 20),
    ),
    case(
        "unused_data_category.json",
        "unused-data-category",
        "/data_categories/1",
        (57, 5),
    ),
    case(
        "contact_unreachable.json",
        "contact-unreachable",
        "/contacts/0",
        (21, 5),
    ),
    case(
        "duplicate_openness.json",
        "duplicate-openness",
        "/history_visibility/1/openness",
        (199, 19),
    ),
];

#[test]
fn corpus_cases() {
    let mut seen = Vec::new();
    for c in CASES {
        let err = load::load(&corpus(c.file)).expect_err(c.file);
        let diags = err.diagnostics();
        assert_eq!(
            diags.len(),
            1,
            "{}: exactly one problem expected:\n{err}",
            c.file
        );
        let d = &diags[0];
        assert_eq!(d.code, c.code, "{}: {err}", c.file);
        assert_eq!(
            (d.pointer.as_str(), d.position.map(|p| (p.line, p.column))),
            (c.pointer, c.at),
            "{}: {err}",
            c.file
        );
        assert!(d.message.len() < 300, "{}: message too long", c.file);
        seen.push(c.file);
    }
    // Every corpus file has a case.
    let dir = format!("{}/tests/corpus/bad", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            seen.contains(&name.as_str()),
            "no case for tests/corpus/bad/{name}"
        );
    }
}

#[test]
fn variants_and_kinds() {
    let err = |f| load::load(&corpus(f)).unwrap_err();
    assert!(matches!(err("empty.json"), LoadError::Empty));
    assert!(matches!(
        err("yaml_document.json"),
        LoadError::NotJson {
            line: 1,
            column: 1,
            ..
        }
    ));
    assert!(
        err("yaml_document.json")
            .to_string()
            .contains("documents are JSON")
    );
    assert!(matches!(err("bom.json"), LoadError::ByteOrderMark));
    assert!(
        matches!(err("not_utf8.json"), LoadError::NotUtf8 { offset, line: 12, .. } if offset > 0)
    );
    assert!(
        matches!(err("duplicate_key_nested.json"), LoadError::DuplicateKey { ref key, ref pointer, .. } if key == "id" && pointer == "/rights/1/caveats/0/id")
    );
    let kind = |f| err(f).diagnostics()[0].kind;
    assert_eq!(kind("bom.json"), DiagnosticKind::Input);
    assert_eq!(kind("truncated.json"), DiagnosticKind::Syntax);
    assert_eq!(kind("unknown_field.json"), DiagnosticKind::Schema);
    assert_eq!(kind("impossible_date.json"), DiagnosticKind::Type);
    assert_eq!(kind("duplicate_id.json"), DiagnosticKind::Semantic);
    assert_eq!(kind("control_character.json"), DiagnosticKind::Semantic);
}

#[test]
fn deep_nesting_fails_fast_on_a_small_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let text = "[".repeat(100_000);
            let start = Instant::now();
            let err = load::load(text.as_bytes()).unwrap_err();
            (err, start.elapsed())
        })
        .unwrap();
    let (err, took) = handle.join().expect("no stack overflow");
    match err {
        LoadError::TooDeep {
            limit,
            ref pointer,
            line,
            column,
        } => {
            assert_eq!(limit, 64);
            assert_eq!(pointer, &"/0".repeat(64));
            assert_eq!((line, column), (1, 65));
        }
        other => panic!("{other}"),
    }
    assert!(took < Duration::from_secs(2), "{took:?}");
    // The same with objects.
    let text = "{\"a\":".repeat(100_000);
    let err = load::load(text.as_bytes()).unwrap_err();
    assert!(matches!(err, LoadError::TooDeep { ref pointer, .. } if pointer == &"/a".repeat(64)));
    assert_eq!(err.code(), "too-deep");
}

#[test]
fn oversized_inputs_are_rejected_before_parsing() {
    let just_over = vec![b' '; LoadOptions::DEFAULT_MAX_BYTES + 1];
    let err = load::load(&just_over).unwrap_err();
    assert!(
        matches!(err, LoadError::TooLarge { size, limit } if size == just_over.len() && limit == 1 << 20)
    );
    assert_eq!(err.diagnostics()[0].pointer, "");

    let start = Instant::now();
    let hundred_mb = vec![0u8; 100 << 20];
    assert!(matches!(
        load::load(&hundred_mb),
        Err(LoadError::TooLarge { .. })
    ));
    assert!(start.elapsed() < Duration::from_secs(5));

    // The limit is configurable, and inclusive.
    let opts = LoadOptions::default().with_max_bytes(MINIMAL.len());
    assert!(load::load_with(MINIMAL.as_bytes(), &opts).is_ok());
    let opts = LoadOptions::default().with_max_bytes(MINIMAL.len() - 1);
    assert_eq!(
        load::load_with(MINIMAL.as_bytes(), &opts)
            .unwrap_err()
            .code(),
        "too-large"
    );
}

#[test]
fn multi_megabyte_strings() {
    let huge = "x".repeat(8 << 20);
    // Over the default limit: a caller that trusts large documents opts in.
    let large = LoadOptions::default().with_max_bytes(16 << 20);
    let load_str = |text: &str| load::load_with(text.as_bytes(), &large);
    // In free text it is fine.
    let text = MINIMAL.replace("We do not profile users.", &huge);
    let start = Instant::now();
    let p = load_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.profiling.map(|p| p.description.len()), Some(8 << 20));
    // As an id it is an error with a short message.
    let text = MINIMAL.replace("\"id\": \"tls\"", &format!("\"id\": \"{huge}\""));
    let err = load_str(&text).unwrap_err();
    let diags = err.diagnostics();
    assert!(
        diags.iter().all(|d| d.pointer == "/security_measures/1/id"),
        "{diags:?}"
    );
    assert!(diags.iter().any(|d| d.code == "too-long"), "{diags:?}");
    assert!(err.to_string().len() < 1000);
    assert_eq!(
        diags[0].position,
        Some(Position {
            line: 172,
            column: 13
        })
    );
    // A huge key is reported briefly too.
    let text = MINIMAL.replacen("\"title\"", &format!("\"{huge}\": 1, \"title\""), 1);
    let err = load_str(&text).unwrap_err();
    assert_eq!(err.code(), "unknown-field");
    assert!(err.to_string().len() < 1000);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn many_errors_are_bounded() {
    // 50k dangling references: reported up to the limit, with positions.
    let refs: Vec<String> = (0..50_000).map(|i| format!("\"missing_{i}\"")).collect();
    let text = MINIMAL.replace(
        "\"data\": [\"account\", \"ip_address\"]",
        &format!(
            "\"data\": [\"account\", \"ip_address\", {}]",
            refs.join(", ")
        ),
    );
    let start = Instant::now();
    let err = load::load_str(&text).unwrap_err();
    let diags = err.diagnostics();
    assert_eq!(diags.len(), LoadOptions::DEFAULT_MAX_DIAGNOSTICS);
    assert_eq!(diags[0].pointer, "/purposes/0/data/2");
    assert!(
        diags
            .iter()
            .all(|d| d.code == "dangling-reference" && d.position.is_some())
    );
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn many_control_characters_are_bounded() {
    // 100k strings with a control character (0.9 MB), in a place the schema
    // rejects anyway: every report is bounded by the diagnostics limit.
    let strings: Vec<&str> = vec!["\"\\u0007\""; 100_000];
    let text = format!("{{\"x\": [{}]}}", strings.join(","));
    let err = load::load_str(&text).unwrap_err();
    let diags = err.diagnostics();
    assert!(
        diags.len() <= LoadOptions::DEFAULT_MAX_DIAGNOSTICS,
        "{}",
        diags.len()
    );
    assert!(
        diags
            .iter()
            .any(|d| d.code == "control-character" && d.pointer == "/x/0")
    );
    let opts = LoadOptions::default().with_max_diagnostics(5);
    assert!(
        load::load_with(text.as_bytes(), &opts)
            .unwrap_err()
            .diagnostics()
            .len()
            <= 5
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap deterministic fuzz: every prefix and some byte flips of the fixture.
    let bytes = MINIMAL.as_bytes();
    for end in (0..bytes.len()).step_by(7) {
        let _ = load::load(&bytes[..end]);
    }
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..2000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut copy = bytes.to_vec();
        let i = (state as usize) % copy.len();
        copy[i] = (state >> 32) as u8;
        if let Err(e) = load::load(&copy) {
            assert!(!e.diagnostics().is_empty());
            let _ = e.to_string();
        }
    }
}
