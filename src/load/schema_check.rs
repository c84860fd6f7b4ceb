//! JSON Schema validation against the committed schema, with short messages.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

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
fn schema_value() -> Result<&'static Value, &'static str> {
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

/// Subtrees up to this many nodes are validated in one jsonschema call.
/// jsonschema collects every error of a call before returning any, so a
/// larger subtree is taken apart first (see [`Bounded`]): the memory for
/// errors stays proportional to this, not to the document. (A size limit
/// alone would not do: the eager error list costs about 200 bytes per input
/// byte, 0.86 GB for a 4 MiB array of wrong-typed items, measured.)
const DIRECT_NODES: usize = 20_000;

/// Validates a document against the committed JSON Schema
/// ([`SCHEMA_JSON`](crate::schema::SCHEMA_JSON), Draft 2020-12, formats
/// checked) and returns its errors, in document order, at most `limit`.
/// Positions are not filled in.
pub(crate) fn validate(root: Ref<'_>, limit: usize) -> Vec<Diagnostic> {
    let unusable = |e: &str| {
        vec![Diagnostic::new(
            Code::SchemaUnusable,
            "",
            format!(
                "the embedded schema does not compile: {}",
                brief_text(e, 200)
            ),
        )]
    };
    let (validator, schema) = match (validator(), schema_value()) {
        (Ok(v), Ok(s)) => (v, s),
        (Err(e), _) | (_, Err(e)) => return unusable(e),
    };
    if validator.is_valid(root) {
        return Vec::new();
    }
    in_pieces(validator, schema, root, limit, DIRECT_NODES)
}

/// The errors of an invalid document, found in pieces of at most
/// `direct_nodes` nodes (and whole when it is no larger).
fn in_pieces(
    validator: &Validator<TreeJson>,
    schema: &Value,
    root: Ref<'_>,
    limit: usize,
    direct_nodes: usize,
) -> Vec<Diagnostic> {
    let mut bounded = Bounded {
        schema,
        root: validator,
        compiled: HashMap::new(),
        out: Vec::new(),
        limit,
        direct_nodes,
    };
    bounded.check("", root, "");
    let mut out = bounded.out;
    out.truncate(limit);
    out
}

/// Validation of a large invalid document in pieces, each small enough for
/// one jsonschema call, following the schema's structure (`$ref`,
/// `properties`, `items`, and `anyOf`/`oneOf` alternatives told apart by
/// type and `const` tags).
struct Bounded<'s> {
    schema: &'s Value,
    /// The validator of the whole schema (location `""`).
    root: &'s Validator<TreeJson>,
    /// Subtrees up to this size are validated in one call.
    direct_nodes: usize,
    /// Validators for schema locations used by this call.
    compiled: HashMap<String, Option<Arc<Validator<TreeJson>>>>,
    out: Vec<Diagnostic>,
    limit: usize,
}

impl<'s> Bounded<'s> {
    fn full(&self) -> bool {
        self.out.len() >= self.limit
    }

    /// The schema at `location`, following `$ref`s (to `#/...` only), with its location.
    fn resolve(&self, location: &str) -> Option<(String, &'s Value)> {
        let mut location = location.to_owned();
        for _ in 0..32 {
            let s = self.schema.pointer(&location)?;
            match s
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
            {
                Some(target) => location = target.to_owned(),
                None => return Some((location, s)),
            }
        }
        None
    }

    /// A validator for the schema at `location` (the root's `$defs` made available).
    fn validator(&mut self, location: &str) -> Option<&Validator<TreeJson>> {
        if location.is_empty() {
            return Some(self.root);
        }
        if !self.compiled.contains_key(location) {
            let compiled = located_validator(self.schema, location);
            self.compiled.insert(location.to_owned(), compiled);
        }
        self.compiled.get(location).and_then(Option::as_deref)
    }

    /// Runs one jsonschema call on `node` against the schema at `location`
    /// and converts its errors, their pointers prefixed with `path`.
    /// `keep` filters errors by their pointer relative to `node`.
    fn direct(&mut self, location: &str, node: Ref<'_>, path: &str, keep: impl Fn(&str) -> bool) {
        let limit = self.limit;
        let mut found = Vec::new();
        // Errors of a wrapper schema have no `$defs` name in their path when
        // the wrapper is that definition: name it from the location.
        let hint_location = format!("{location}/_");
        let hint = schema_name(&hint_location);
        if let Some(v) = self.validator(location) {
            for error in v.iter_errors(node) {
                if found.len() >= limit {
                    break;
                }
                if keep(error.instance_path().as_str()) {
                    convert(node, &error, &mut found, limit, hint);
                }
            }
        }
        for mut d in found {
            if self.full() {
                break;
            }
            d.pointer.insert_str(0, path);
            self.out.push(d);
        }
    }

    fn check(&mut self, location: &str, node: Ref<'_>, path: &str) {
        if self.full() {
            return;
        }
        if node.subtree_len() <= self.direct_nodes {
            let valid = self.validator(location).is_none_or(|v| v.is_valid(node));
            if !valid {
                self.direct(location, node, path, |_| true);
            }
            return;
        }
        let Some((location, schema)) = self.resolve(location) else {
            return;
        };
        // Alternatives: the one the node is evidently meant to match.
        for keyword in ["anyOf", "oneOf"] {
            if let Some(branches) = schema.get(keyword).and_then(Value::as_array) {
                let matching: Vec<usize> = (0..branches.len())
                    .filter(|&i| self.could_match(&format!("{location}/{keyword}/{i}"), node))
                    .collect();
                match matching.as_slice() {
                    [i] => self.check(&format!("{location}/{keyword}/{i}"), node, path),
                    _ => self.trimmed(&location, node, path),
                }
                return;
            }
        }
        match node.view() {
            View::Array(items) if schema.get("items").is_some_and(Value::is_object) => {
                // The array's own keywords (type, length), on a copy with one element.
                self.trimmed_own(&location, node, path);
                let item = format!("{location}/items");
                for (i, element) in items.enumerate() {
                    if self.full() {
                        break;
                    }
                    let mut p = path.to_owned();
                    push_token(&mut p, &i.to_string());
                    self.check(&item, element, &p);
                }
            }
            View::Object(members) if schema.get("properties").is_some_and(Value::is_object) => {
                // The object's own keywords (required, additionalProperties), on a trimmed copy.
                self.trimmed_own(&location, node, path);
                for (key, value) in members {
                    if self.full() {
                        break;
                    }
                    let mut property = format!("{location}/properties");
                    push_token(&mut property, key);
                    if self.schema.pointer(&property).is_some() {
                        let mut p = path.to_owned();
                        push_token(&mut p, key);
                        self.check(&property, value, &p);
                    }
                }
            }
            _ => self.trimmed(&location, node, path),
        }
    }

    /// Whether the alternative at `location` could be the one `node` is
    /// meant to match: the right type, and every `const` property it
    /// defines present with that value.
    fn could_match(&self, location: &str, node: Ref<'_>) -> bool {
        let Some((_, schema)) = self.resolve(location) else {
            return false;
        };
        let type_ok = match schema.get("type").and_then(Value::as_str) {
            None => true,
            Some(t) => t == type_keyword(node),
        };
        let consts_ok = schema
            .get("properties")
            .and_then(Value::as_object)
            .is_none_or(|props| {
                props.iter().all(|(k, p)| match p.get("const") {
                    Some(c) => node.get(k).is_some_and(|v| v.to_value() == *c),
                    None => true,
                })
            });
        type_ok && consts_ok
    }

    /// Validates a copy of `node` whose arrays keep only their first element,
    /// keeping every error (indices are unchanged).
    fn trimmed(&mut self, location: &str, node: Ref<'_>, path: &str) {
        let copy = node.trimmed();
        self.direct(location, copy.root(), path, |_| true);
    }

    /// As [`trimmed`](Self::trimmed), keeping only the errors about `node`
    /// itself (its children are checked on their own).
    fn trimmed_own(&mut self, location: &str, node: Ref<'_>, path: &str) {
        let copy = node.trimmed();
        self.direct(location, copy.root(), path, str::is_empty);
    }
}

/// A validator for the subschema at `location` of the committed schema
/// (with the root's `$defs`), compiled once per process and location.
fn located_validator(schema: &Value, location: &str) -> Option<Arc<Validator<TreeJson>>> {
    type Cache = Mutex<HashMap<String, Option<Arc<Validator<TreeJson>>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    if let Some(found) = cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(location)
    {
        return found.clone();
    }
    let compiled = schema.pointer(location).and_then(|sub| {
        let mut wrapper = match sub {
            Value::Object(m) => m.clone(),
            _ => return None,
        };
        if let Some(defs) = schema.get("$defs") {
            wrapper.insert("$defs".to_owned(), defs.clone());
        }
        compile(&Value::Object(wrapper)).ok().map(Arc::new)
    });
    cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(location.to_owned(), compiled.clone());
    compiled
}

/// The JSON Schema `type` of a node.
fn type_keyword(node: Ref<'_>) -> &'static str {
    match node.view() {
        View::Null => "null",
        View::Bool(_) => "boolean",
        View::Number(n) if n.is_i64() || n.is_u64() => "integer",
        View::Number(_) => "number",
        View::String(_) => "string",
        View::Array(_) => "array",
        View::Object(_) => "object",
    }
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

    fn summary(found: &[Diagnostic]) -> Vec<(String, Code, String)> {
        let mut v: Vec<_> = found
            .iter()
            .map(|d| (d.pointer.clone(), d.code, d.message.clone()))
            .collect();
        v.sort();
        v
    }

    /// Validation in pieces finds what one call finds, whatever the size of
    /// the pieces: every schema defect of the corpus, and several at once.
    #[test]
    fn pieces_agree_with_one_call() {
        let (v, schema) = (validator().unwrap(), schema_value().unwrap());
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/bad");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
            .collect();
        let minimal = include_str!("../../tests/fixtures/minimal.json");
        texts.push(
            minimal
                .replace("\"legal_form\"", "\"legal_from\"")
                .replace("\"P90D\"", "\"P1W\"")
                .replace("\"kind\": \"after_event\"", "\"kind\": \"after\"")
                .replace("\"right\": \"access\"", "\"right\": 3")
                .replace("\"value\": \"bcrypt\"", "\"value\": []")
                .replacen("\"sections\": [\"who_we_are\"]", "\"sections\": []", 1)
                .replace("\"public\": true", "\"public\": null"),
        );
        let mut checked = 0;
        for text in &texts {
            let Ok((tree, _)) =
                crate::load::strict::parse_text(text, &crate::load::LoadOptions::default())
            else {
                continue;
            };
            let root = tree.root();
            if v.is_valid(root) {
                continue;
            }
            let whole = in_pieces(v, schema, root, 1000, usize::MAX);
            assert!(!whole.is_empty());
            for direct_nodes in [0, 1, 5, 50] {
                let pieces = in_pieces(v, schema, root, 1000, direct_nodes);
                assert_eq!(
                    summary(&pieces),
                    summary(&whole),
                    "{direct_nodes}: {text:.200}"
                );
            }
            checked += 1;
        }
        assert!(checked >= 11, "{checked}");
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
