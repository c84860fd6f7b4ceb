//! Hints added to schema diagnostics, read from the committed schema at the
//! place each diagnostic points to: the nearest allowed field for an unknown
//! one, and the accepted shapes of a union (`oneOf`/`anyOf`, such as a
//! retention's `kind`) that a value matches none of.
//!
//! The schema is walked along the diagnostic's pointer from the document's
//! root, choosing at each union the one alternative the document's value is
//! evidently meant to match (the right type, every `const` tag matched), so
//! hints do not depend on how validation was split up.

use serde_json::Value;

use super::code::Code;
use super::error::Diagnostic;
use super::schema_check::{brief, schema_value};
use super::suggest::nearest;
use super::tree::{Ref, View};

/// The most `$ref`s followed in a row, and unions entered in a row.
const MAX_HOPS: usize = 32;

/// Adds hints to the messages of `problems`, found in the document `root`.
pub(crate) fn add_hints(root: Ref<'_>, problems: &mut [Diagnostic]) {
    let Ok(schema) = schema_value() else {
        return;
    };
    for d in problems {
        let hint = match d.code {
            Code::UnknownField => field_hint(schema, root, &d.pointer),
            Code::NoMatch | Code::WrongType => {
                schema_at(schema, root, &d.pointer).and_then(|(s, _)| shapes(schema, s))
            }
            Code::NotAllowed => tag_hint(schema, root, &d.pointer)
                .or_else(|| vocabulary_hint(schema, root, &d.pointer)),
            _ => None,
        };
        if let Some(hint) = hint {
            d.message.push_str("; ");
            d.message.push_str(&hint);
        }
    }
}

/// `did you mean `name`?` for an unknown field close to an allowed one.
fn field_hint(schema: &'static Value, root: Ref<'_>, pointer: &str) -> Option<String> {
    let (parent, key) = split_last(pointer)?;
    let (object, node) = schema_at(schema, root, parent)?;
    let object = select(schema, object, node)?;
    let allowed = object.get("properties")?.as_object()?;
    let near = nearest(&key, allowed.keys().map(String::as_str))?;
    Some(format!("did you mean `{near}`?"))
}

/// For a wrong tag (`/retention/kind`): the nearest tag value and the
/// accepted shapes of the union around it.
fn tag_hint(schema: &'static Value, root: Ref<'_>, pointer: &str) -> Option<String> {
    let (parent, key) = split_last(pointer)?;
    let (union, node) = schema_at(schema, root, parent)?;
    let union = deref(schema, union)?;
    let branches = branches(schema, union)?;
    if tag_of(&branches)? != key {
        return None;
    }
    let shapes = shapes(schema, union)?;
    let found = node.get(&key).and_then(Ref::as_str);
    let values = branches
        .iter()
        .filter_map(|b| b.pointer(&format!("/properties/{key}/const"))?.as_str());
    match found.and_then(|found| nearest(found, values)) {
        Some(near) => Some(format!("did you mean \"{near}\"? {shapes}")),
        None => Some(shapes),
    }
}

/// `did you mean "access"?` for a string of a closed vocabulary (a union
/// of `const`s, or an `enum`) close to one of its words.
fn vocabulary_hint(schema: &'static Value, root: Ref<'_>, pointer: &str) -> Option<String> {
    let (vocabulary, node) = schema_at(schema, root, pointer)?;
    let found = node.as_str()?;
    let words: Vec<&str> = match branches(schema, vocabulary) {
        Some(list) => list
            .iter()
            .filter_map(|b| b.get("const")?.as_str())
            .collect(),
        None => vocabulary
            .get("enum")?
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .collect(),
    };
    nearest(found, words).map(|near| format!("did you mean \"{near}\"?"))
}

/// The pointer's parent and its last token, unescaped.
fn split_last(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

/// `schema` with `$ref`s (to `#/…` only) followed.
fn deref(root: &'static Value, mut schema: &'static Value) -> Option<&'static Value> {
    for _ in 0..MAX_HOPS {
        match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(target) => schema = root.pointer(target)?,
            None => return Some(schema),
        }
    }
    None
}

/// The alternatives of a union, `$ref`s followed; `None` when not a union.
fn branches(root: &'static Value, schema: &'static Value) -> Option<Vec<&'static Value>> {
    let list = ["oneOf", "anyOf"]
        .iter()
        .find_map(|k| schema.get(*k)?.as_array())?;
    list.iter().map(|b| deref(root, b)).collect()
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

/// Whether `node` could be meant to match `branch`: the right type, and
/// every `const` property of the branch present with that value.
fn fits(branch: &Value, node: Ref<'_>) -> bool {
    let type_ok = branch.get("type").and_then(Value::as_str).is_none_or(|t| {
        t == type_keyword(node) || (t == "number" && type_keyword(node) == "integer")
    });
    let consts_ok = branch
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

/// `schema`, or for a union the one alternative `node` fits; `None` when
/// none or several do.
fn select(root: &'static Value, schema: &'static Value, node: Ref<'_>) -> Option<&'static Value> {
    let mut schema = deref(root, schema)?;
    for _ in 0..MAX_HOPS {
        let Some(list) = branches(root, schema) else {
            return Some(schema);
        };
        let mut fitting = list.into_iter().filter(|b| fits(b, node));
        schema = match (fitting.next(), fitting.next()) {
            (Some(one), None) => one,
            _ => return None,
        };
    }
    None
}

/// The schema of the value at `pointer` (unions on the way resolved by the
/// document's values, the one at the pointer left as it is) and the value.
fn schema_at<'r>(
    root: &'static Value,
    doc: Ref<'r>,
    pointer: &str,
) -> Option<(&'static Value, Ref<'r>)> {
    let mut schema = deref(root, root)?;
    let mut node = doc;
    if pointer.is_empty() {
        return Some((schema, node));
    }
    for raw in pointer.strip_prefix('/')?.split('/') {
        let token = raw.replace("~1", "/").replace("~0", "~");
        let here = select(root, schema, node)?;
        let (next_schema, next_node) = match node.view() {
            View::Object(_) => (here.get("properties")?.get(&token)?, node.get(&token)?),
            View::Array(mut items) => (here.get("items")?, items.nth(token.parse().ok()?)?),
            _ => return None,
        };
        schema = deref(root, next_schema)?;
        node = next_node;
    }
    Some((schema, node))
}

/// The property every alternative fixes with a `const` (the tag, `kind`).
fn tag_of(branches: &[&'static Value]) -> Option<&'static str> {
    let first = branches.first()?.get("properties")?.as_object()?;
    first
        .iter()
        .find(|(k, p)| {
            p.get("const").is_some()
                && branches
                    .iter()
                    .all(|b| b.pointer(&format!("/properties/{k}/const")).is_some())
        })
        .map(|(k, _)| k.as_str())
}

/// `accepted shapes: `kind` = "fixed" with `period` | …`, read from a union
/// of the schema; `None` when `schema` is not a union.
fn shapes(root: &'static Value, schema: &'static Value) -> Option<String> {
    let schema = deref(root, schema)?;
    let list = branches(root, schema)?;
    if let Some(tag) = tag_of(&list) {
        let shapes: Vec<String> = list
            .iter()
            .map(|b| {
                let value = b
                    .pointer(&format!("/properties/{tag}/const"))
                    .map(brief)
                    .unwrap_or_default();
                let required: Vec<String> = b
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .filter(|f| *f != tag)
                    .map(|f| format!("`{f}`"))
                    .collect();
                if required.is_empty() {
                    value
                } else {
                    format!("{value} with {}", required.join(", "))
                }
            })
            .collect();
        return Some(format!("accepted shapes: `{tag}` = {}", shapes.join(" | ")));
    }
    let originals = ["oneOf", "anyOf"]
        .iter()
        .find_map(|k| schema.get(*k)?.as_array())?;
    let shapes: Vec<String> = originals
        .iter()
        .zip(&list)
        .map(|(original, b)| describe(original, b))
        .collect();
    Some(format!("accepted: {}", shapes.join(" | ")))
}

/// One alternative of an untagged union, in a few words.
fn describe(original: &Value, branch: &Value) -> String {
    if let Some(c) = branch.get("const") {
        return brief(c);
    }
    let kind = branch
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("any value");
    let name = original
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.rsplit('/').next());
    match (name, branch.get("required").and_then(Value::as_array)) {
        (Some(name), _) => format!("{kind} ({name})"),
        (None, Some(required)) if !required.is_empty() => {
            let fields: Vec<String> = required
                .iter()
                .filter_map(Value::as_str)
                .map(|f| format!("`{f}`"))
                .collect();
            format!("{kind} with {}", fields.join(", "))
        }
        _ => kind.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(text: &str, code: Code, pointer: &str) -> String {
        let (tree, _) =
            super::super::strict::parse_text(text, &super::super::LoadOptions::default()).unwrap();
        let mut d = vec![Diagnostic::new(code, pointer, "m")];
        add_hints(tree.root(), &mut d);
        d.remove(0).message
    }

    #[test]
    fn unions_list_their_shapes_from_the_schema() {
        let doc = r#"{"retention": [{"retention": {"period": "P1D"}}]}"#;
        let m = hints(doc, Code::NoMatch, "/retention/0/retention");
        assert_eq!(
            m,
            "m; accepted shapes: `kind` = \"fixed\" with `period` | \"after_event\" with `period`, `events` | \"until_event\" with `events` | \"indefinite\" with `reason`"
        );
        let doc = r#"{"retention": [{"retention": {"kind": "fixd"}}]}"#;
        let m = hints(doc, Code::NotAllowed, "/retention/0/retention/kind");
        assert!(
            m.starts_with("m; did you mean \"fixed\"? accepted shapes: `kind` = \"fixed\""),
            "{m}"
        );
        // A closed vocabulary: the nearest word, when close.
        let doc = r#"{"rights": [{"right": "acess"}]}"#;
        assert_eq!(
            hints(doc, Code::NotAllowed, "/rights/0/right"),
            "m; did you mean \"access\"?"
        );
        let doc = r#"{"rights": [{"right": "x"}]}"#;
        assert_eq!(hints(doc, Code::NotAllowed, "/rights/0/right"), "m");
    }

    #[test]
    fn unknown_fields_suggest_through_unions() {
        let doc = r#"{"retention": [{"retention": {"kind": "fixed", "perod": "P1D"}}]}"#;
        let m = hints(doc, Code::UnknownField, "/retention/0/retention/perod");
        assert_eq!(m, "m; did you mean `period`?");
        // Pointers that lead nowhere in the schema or the document: no hint.
        for p in [
            "/nope/x",
            "/retention/9/x",
            "",
            "/retention/0/retention/kind/x",
        ] {
            assert_eq!(hints(doc, Code::UnknownField, p), "m", "{p}");
        }
    }
}
