//! JSON Schema validation against the committed schema, with short messages.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, ValidationError, Validator};
use serde_json::Value;

use super::code::Code;
use super::error::Diagnostic;
use super::pointer::push_token;
use super::tree::{Ref, TreeJson, View};
use crate::schema::SCHEMA_JSON;
use crate::{Email, Id, PartialDate, Period, Url};

/// The committed schema, parsed once.
pub(super) fn schema_value() -> Result<&'static Value, &'static str> {
    static SCHEMA: OnceLock<Result<Value, String>> = OnceLock::new();
    SCHEMA
        .get_or_init(|| serde_json::from_str(SCHEMA_JSON).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(String::as_str)
}

fn compile(schema: &Value) -> Result<Validator<TreeJson>, String> {
    jsonschema::options_for::<TreeJson>()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| e.to_string())
}

/// The compiled validator, built once per process. `Err` only if the
/// committed schema itself is broken (a test guards against that).
fn validator() -> Result<&'static Validator<TreeJson>, &'static str> {
    static VALIDATOR: OnceLock<Result<Validator<TreeJson>, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| compile(schema_value()?))
        .as_ref()
        .map_err(String::as_str)
}

/// Validates a document against the committed JSON Schema
/// ([`SCHEMA_JSON`](crate::schema::SCHEMA_JSON), Draft 2020-12, formats
/// checked) in one call and returns its errors, in document order, at most
/// `limit`. Positions are not filled in.
///
/// A valid document costs no allocation (`is_valid` stops at nothing and
/// builds no error). An invalid one is validated once more with
/// `iter_errors`, which collects *every* error before returning the first:
/// its memory grows with the number of errors, about 200 bytes per input
/// byte for a document made of small errors (measured: 0.86 GB for 4 MiB,
/// 3.4 GB for 16 MiB). The loader's default size limit
/// ([`LoadOptions::DEFAULT_MAX_BYTES`](super::LoadOptions::DEFAULT_MAX_BYTES),
/// 1 MiB) is what bounds it; a caller that raises the limit accepts that cost.
pub(crate) fn validate(root: Ref<'_>, limit: usize) -> Vec<Diagnostic> {
    let validator = match validator() {
        Ok(v) => v,
        Err(e) => {
            return vec![Diagnostic::new(
                Code::SchemaUnusable,
                "",
                format!(
                    "the embedded schema does not compile: {}",
                    brief_text(e, 200)
                ),
            )];
        }
    };
    if validator.is_valid(root) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for error in validator.iter_errors(root) {
        if out.len() >= limit {
            break;
        }
        convert(root, &error, &mut out, limit, None);
    }
    out.truncate(limit);
    out
}

/// A short rendering of a JSON value for messages: strings quoted and cut
/// after 60 characters, containers summarised.
pub(crate) fn brief(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let cut = brief_text(s, 60);
            serde_json::to_string(&cut).unwrap_or(cut)
        }
        Value::Array(a) => format!(
            "an array of {} item{}",
            a.len(),
            if a.len() == 1 { "" } else { "s" }
        ),
        Value::Object(_) => "an object".to_owned(),
        other => other.to_string(),
    }
}

/// `s` cut after `max` characters, with `…` when cut.
pub(crate) fn brief_text(s: &str, max: usize) -> String {
    crate::render::text::truncate_chars(s, max).into_owned()
}

/// [`brief`] for a node of the document (`None`: not found).
fn brief_node(v: Option<Ref<'_>>) -> String {
    match v.map(Ref::view) {
        None => "the value".to_owned(),
        Some(View::String(s)) => {
            let cut = brief_text(s, 60);
            serde_json::to_string(&cut).unwrap_or(cut)
        }
        Some(View::Array(a)) => format!(
            "an array of {} item{}",
            a.len(),
            if a.len() == 1 { "" } else { "s" }
        ),
        Some(View::Object(_)) => "an object".to_owned(),
        Some(View::Null) => "null".to_owned(),
        Some(View::Bool(b)) => b.to_string(),
        Some(View::Number(n)) => n.to_string(),
    }
}

fn type_name(v: Option<Ref<'_>>) -> &'static str {
    match v.map(Ref::view) {
        None => "something else",
        Some(View::Null) => "null",
        Some(View::Bool(_)) => "a boolean",
        Some(View::Number(n)) if n.is_i64() || n.is_u64() => "an integer",
        Some(View::Number(_)) => "a number",
        Some(View::String(_)) => "a string",
        Some(View::Array(_)) => "an array",
        Some(View::Object(_)) => "an object",
    }
}

/// The `$defs` entry (or property) whose keyword failed, for messages:
/// `/$defs/Period/pattern` → `Period`; `/properties/version/pattern` → `version`.
fn schema_name(schema_path: &str) -> Option<&str> {
    let mut segs = schema_path.rsplit('/');
    segs.next()?; // the keyword
    let name = segs.next()?;
    let parent = segs.next()?;
    matches!(parent, "$defs" | "properties").then_some(name)
}

/// Why a string does not match its pattern, from the model's own parser.
fn pattern_reason(def: Option<&str>, s: &str) -> Option<String> {
    match def? {
        "Period" => Period::parse(s).err().map(|e| e.to_string()),
        "Id" => Id::new(s).err().map(|e| e.to_string()),
        "Url" => Url::new(s).err().map(|e| e.to_string()),
        "Email" => Email::new(s).err().map(|e| e.to_string()),
        "PartialDate" => PartialDate::parse(s).err().map(|e| e.to_string()),
        "version" => semver::Version::parse(s).err().map(|e| {
            format!(
                "{} is not a semantic version: {e}",
                brief(&Value::String(s.to_owned()))
            )
        }),
        _ => None,
    }
}

fn plural(n: u64, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn push(out: &mut Vec<Diagnostic>, code: Code, pointer: &str, message: String) {
    out.push(Diagnostic::new(code, pointer, message));
}

fn convert(
    root: Ref<'_>,
    error: &ValidationError<'_>,
    out: &mut Vec<Diagnostic>,
    limit: usize,
    hint: Option<&str>,
) {
    let pointer = error.instance_path().as_str();
    // The instance is looked up in the document rather than taken from the
    // error, which would be a converted copy.
    let instance = root.pointer(pointer);
    let def = schema_name(error.schema_path().as_str()).or(hint);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            for key in unexpected.iter().take(limit.saturating_sub(out.len())) {
                let mut p = pointer.to_owned();
                push_token(&mut p, key);
                let key = brief_text(key, 60);
                push(
                    out,
                    Code::UnknownField,
                    &p,
                    format!("unknown field `{key}`"),
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), |s| brief_text(s, 60));
            push(
                out,
                Code::MissingField,
                pointer,
                format!("missing field `{name}`"),
            );
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.as_str().to_owned(),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            push(
                out,
                Code::WrongType,
                pointer,
                format!("expected {expected}, found {}", type_name(instance)),
            );
        }
        ValidationErrorKind::Pattern { pattern } => {
            let message = instance
                .and_then(Ref::as_str)
                .and_then(|s| pattern_reason(def, s))
                .unwrap_or_else(|| match def {
                    Some(d) => format!("{} is not a valid {d}", brief_node(instance)),
                    None => format!(
                        "{} does not match {}",
                        brief_node(instance),
                        brief_text(pattern, 80)
                    ),
                });
            push(out, Code::Pattern, pointer, message);
        }
        ValidationErrorKind::Format { format } => {
            let message = instance
                .and_then(Ref::as_str)
                .and_then(|s| pattern_reason(def, s))
                .unwrap_or_else(|| format!("{} is not a valid {format}", brief_node(instance)));
            push(out, Code::Format, pointer, message);
        }
        ValidationErrorKind::Constant { expected_value } => {
            push(
                out,
                Code::NotAllowed,
                pointer,
                format!(
                    "expected {}, found {}",
                    brief(expected_value),
                    brief_node(instance)
                ),
            );
        }
        ValidationErrorKind::Enum { options } => {
            let list = options.as_array().map_or_else(
                || brief(options),
                |a| a.iter().map(brief).collect::<Vec<_>>().join(", "),
            );
            push(
                out,
                Code::NotAllowed,
                pointer,
                format!("{} is not one of {list}", brief_node(instance)),
            );
        }
        ValidationErrorKind::MinItems { limit } => {
            push(
                out,
                Code::TooFewItems,
                pointer,
                format!("expected at least {}", plural(*limit, "item")),
            );
        }
        ValidationErrorKind::MaxItems { limit } => {
            push(
                out,
                Code::TooManyItems,
                pointer,
                format!("expected at most {}", plural(*limit, "item")),
            );
        }
        ValidationErrorKind::MinLength { limit } => {
            push(
                out,
                Code::TooShort,
                pointer,
                format!("expected at least {}", plural(*limit, "character")),
            );
        }
        ValidationErrorKind::MaxLength { limit } => {
            let reason = instance
                .and_then(Ref::as_str)
                .and_then(|s| pattern_reason(def, s));
            let message = reason
                .unwrap_or_else(|| format!("expected at most {}", plural(*limit, "character")));
            push(out, Code::TooLong, pointer, message);
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => {
            push(
                out,
                Code::OutOfRange,
                pointer,
                format!("{} is less than the minimum {limit}", brief_node(instance)),
            );
        }
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            push(
                out,
                Code::OutOfRange,
                pointer,
                format!("{} is more than the maximum {limit}", brief_node(instance)),
            );
        }
        ValidationErrorKind::UniqueItems => {
            push(
                out,
                Code::DuplicateItems,
                pointer,
                "the array has duplicate items".to_owned(),
            );
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            alternatives(root, pointer, instance, def, context, out, limit);
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            push(
                out,
                Code::Ambiguous,
                pointer,
                format!(
                    "{} matches more than one allowed form",
                    brief_node(instance)
                ),
            );
        }
        other => {
            let mut message = error.masked().to_string();
            if message.chars().count() > 160 {
                message = brief_text(&message, 160);
            }
            let code = match other {
                ValidationErrorKind::FalseSchema => Code::NotAllowed,
                _ => Code::Schema,
            };
            push(out, code, pointer, message);
        }
    }
}

/// `anyOf`/`oneOf` failed: report the errors of the one alternative the
/// value was evidently meant to match (the right type, every `const` such as a
/// `kind` tag matched), or else a summary of the allowed forms.
fn alternatives(
    root: Ref<'_>,
    pointer: &str,
    instance: Option<Ref<'_>>,
    def: Option<&str>,
    context: &[Vec<ValidationError<'static>>],
    out: &mut Vec<Diagnostic>,
    limit: usize,
) {
    let mismatched = |branch: &Vec<ValidationError<'static>>| {
        branch.iter().any(|e| match e.kind() {
            ValidationErrorKind::Constant { .. } | ValidationErrorKind::Enum { .. } => true,
            ValidationErrorKind::Type { .. } => e.instance_path().as_str() == pointer,
            _ => false,
        })
    };
    let candidates: Vec<&Vec<ValidationError<'static>>> = context
        .iter()
        .filter(|b| !b.is_empty() && !mismatched(b))
        .collect();
    let best = candidates.iter().min_by_key(|b| b.len());
    if let (Some(best), 1) = (best, candidates.len()) {
        for e in best.iter() {
            convert(root, e, out, limit, def);
        }
        return;
    }
    // Every alternative requires a different constant at the same place inside
    // the value (a tag such as `kind`): report the tag.
    let mut tag: Option<(&str, &Value)> = None;
    let mut tags = Vec::new();
    for branch in context {
        let found = branch.iter().find_map(|e| match e.kind() {
            ValidationErrorKind::Constant { expected_value }
                if e.instance_path().as_str() != pointer =>
            {
                Some((e.instance_path().as_str(), expected_value))
            }
            _ => None,
        });
        match (found, tag) {
            (Some((p, v)), None) => {
                tag = Some((p, v));
                tags.push(brief(v));
            }
            (Some((p, v)), Some((q, _))) if p == q => tags.push(brief(v)),
            _ => {
                tags.clear();
                break;
            }
        }
    }
    if let (Some((p, _)), false) = (tag, tags.is_empty()) {
        let found = brief_node(root.pointer(p));
        push(
            out,
            Code::NotAllowed,
            p,
            format!("{found} is not one of {}", tags.join(", ")),
        );
        return;
    }
    // Every alternative is a constant (a closed vocabulary): list them.
    let consts: Option<Vec<String>> = context
        .iter()
        .map(|b| match b.as_slice() {
            [e] => match e.kind() {
                ValidationErrorKind::Constant { expected_value } => Some(brief(expected_value)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let what = def.map_or_else(|| "an allowed value".to_owned(), |d| format!("a valid {d}"));
    let (code, message) = match consts {
        Some(list) if !list.is_empty() => (
            Code::NotAllowed,
            format!("{} is not one of {}", brief_node(instance), list.join(", ")),
        ),
        _ => {
            let types: Option<Vec<String>> = context
                .iter()
                .map(|b| match b.as_slice() {
                    [e] => match e.kind() {
                        ValidationErrorKind::Type {
                            kind: TypeKind::Single(t),
                        } if e.instance_path().as_str() == pointer => Some(t.as_str().to_owned()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            // Four object-shaped alternatives make one "object".
            let types = types.map(|mut t| {
                let mut seen = std::collections::HashSet::new();
                t.retain(|x| seen.insert(x.clone()));
                t
            });
            match types {
                Some(t) if !t.is_empty() => (
                    Code::WrongType,
                    format!("expected {}, found {}", t.join(" or "), type_name(instance)),
                ),
                _ => (
                    Code::NoMatch,
                    format!("{} is not {what}", brief_node(instance)),
                ),
            }
        }
    };
    push(out, code, pointer, message);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_compiles() {
        assert!(validator().is_ok());
    }

    fn parse(text: &str) -> crate::load::tree::Tree<'_> {
        crate::load::strict::parse_text(text, &crate::load::LoadOptions::default())
            .unwrap()
            .0
    }

    /// A large document with millions of errors: bounded, correct pointers.
    #[test]
    fn many_errors_in_a_large_document() {
        let minimal = include_str!("../../tests/fixtures/minimal.json");
        let sections = vec!["{}"; 300_000].join(",");
        let text = minimal.replacen(
            "\"sections\": [\"who_we_are\"]",
            &format!("\"sections\": [{sections}]"),
            1,
        );
        let tree = parse(&text);
        let found = validate(tree.root(), 100);
        assert_eq!(found.len(), 100);
        assert!(found.iter().all(|d| d.code == "wrong-type"), "{found:?}");
        assert_eq!(found[0].pointer, "/controller/sections/0");
        assert_eq!(found[99].pointer, "/controller/sections/99");
    }

    #[test]
    fn brief_values() {
        assert_eq!(brief(&Value::String("a".repeat(100))).chars().count(), 63);
        assert_eq!(brief(&serde_json::json!([1, 2])), "an array of 2 items");
        assert_eq!(brief(&serde_json::json!("a\u{7}")), "\"a\\u0007\"");
        assert_eq!(schema_name("/$defs/Period/pattern"), Some("Period"));
        assert_eq!(schema_name("/properties/version/pattern"), Some("version"));
        assert_eq!(schema_name("/type"), None);
    }
}
