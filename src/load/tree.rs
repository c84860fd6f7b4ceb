//! The parsed document: a JSON tree in one arena, whose strings and keys
//! borrow from the input text (only strings with escapes are allocated).
//!
//! It is what the schema validator walks (through jsonschema's
//! [`Json`](jsonschema::json::Json) representation trait) and what the typed
//! [`Policy`](crate::Policy) is deserialized from, so the text is parsed once.
//!
//! All nodes live in one `Vec`, in document order, each written once as the
//! parser meets it: a container is followed by its whole subtree and records
//! where that subtree ends, so the next sibling of any node is found without
//! a search. An object's member is its value's subtree followed by its key
//! (the key is stored once its value is read). A document costs a handful of
//! allocations however many arrays and objects it has.

use std::borrow::Cow;
use std::fmt;

use jsonschema::JsonType;
use jsonschema::json::{self, Json, NodeIdentity};
use serde::de::{self, IntoDeserializer, value::BorrowedStrDeserializer};
use serde_json::{Map, Number, Value};

/// One node of the arena (24 bytes).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'t> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'t, str>),
    /// `len` elements; the subtree ends before `end`.
    Array {
        len: usize,
        end: usize,
    },
    /// `len` members (value subtree, then key); the subtree ends before `end`.
    Object {
        len: usize,
        end: usize,
    },
}

/// The index after the subtree of the node at `i`: its next sibling.
fn after(nodes: &[Node<'_>], i: usize) -> usize {
    match nodes.get(i) {
        Some(Node::Array { end, .. } | Node::Object { end, .. }) => (*end).max(i + 1),
        _ => i + 1,
    }
}

/// A whole document: the arena, root first.
#[derive(Debug, Clone)]
pub(crate) struct Tree<'t> {
    nodes: Vec<Node<'t>>,
}

/// Builds a [`Tree`] in document order.
#[derive(Default)]
pub(crate) struct Builder<'t> {
    nodes: Vec<Node<'t>>,
}

impl<'t> Builder<'t> {
    /// A builder for a text of `len` bytes. Policies take 20 to 25 bytes of
    /// text per node; reserving for 16 avoids regrowing (and copying) the
    /// arena, and pages of a large reservation that are never written cost
    /// nothing. Capped at 4M nodes (96 MiB), beyond which it grows.
    pub(crate) fn for_text(len: usize) -> Self {
        Builder {
            nodes: Vec::with_capacity((len / 16).min(1 << 22)),
        }
    }

    /// Adds a scalar, or an object's key after its value.
    pub(crate) fn push(&mut self, node: Node<'t>) {
        self.nodes.push(node);
    }

    /// Opens a container: a placeholder, completed by [`close_array`](Self::close_array)
    /// or [`close_object`](Self::close_object).
    pub(crate) fn open(&mut self) -> usize {
        self.nodes.push(Node::Null);
        self.nodes.len() - 1
    }

    pub(crate) fn close_array(&mut self, at: usize, len: usize) {
        let end = self.nodes.len();
        if let Some(node) = self.nodes.get_mut(at) {
            *node = Node::Array { len, end };
        }
    }

    pub(crate) fn close_object(&mut self, at: usize, len: usize) {
        let end = self.nodes.len();
        if let Some(node) = self.nodes.get_mut(at) {
            *node = Node::Object { len, end };
        }
    }

    /// The keys so far of the object opened at `at` (for duplicate checks).
    pub(crate) fn keys_since(&self, at: usize) -> impl Iterator<Item = &Cow<'t, str>> {
        let nodes = self.nodes.as_slice();
        let mut i = at + 1;
        std::iter::from_fn(move || {
            let key = after(nodes, i);
            i = key + 1;
            match nodes.get(key) {
                Some(Node::String(k)) => Some(k),
                _ => None,
            }
        })
    }

    pub(crate) fn finish(self) -> Tree<'t> {
        Tree { nodes: self.nodes }
    }
}

impl<'t> Tree<'t> {
    /// The root node.
    pub(crate) fn root(&self) -> Ref<'_> {
        Ref {
            nodes: &self.nodes,
            index: 0,
        }
    }

    /// A tree borrowing the strings of a [`Value`].
    pub(crate) fn from_value(value: &'t Value) -> Tree<'t> {
        fn add<'t>(b: &mut Builder<'t>, v: &'t Value) {
            match v {
                Value::Null => b.push(Node::Null),
                Value::Bool(x) => b.push(Node::Bool(*x)),
                Value::Number(n) => b.push(Node::Number(n.clone())),
                Value::String(s) => b.push(Node::String(Cow::Borrowed(s))),
                Value::Array(items) => {
                    let at = b.open();
                    for item in items {
                        add(b, item);
                    }
                    b.close_array(at, items.len());
                }
                Value::Object(map) => {
                    let at = b.open();
                    for (k, item) in map {
                        add(b, item);
                        b.push(Node::String(Cow::Borrowed(k)));
                    }
                    b.close_object(at, map.len());
                }
            }
        }
        let mut b = Builder::default();
        add(&mut b, value);
        b.finish()
    }
}

/// A node of a [`Tree`], with access to its children: the handle everything
/// reads the tree through. Cheap to copy.
#[derive(Clone, Copy)]
pub(crate) struct Ref<'a> {
    nodes: &'a [Node<'a>],
    index: usize,
}

/// What a node is, with its contents.
pub(crate) enum View<'a> {
    Null,
    Bool(bool),
    Number(&'a Number),
    String(&'a Cow<'a, str>),
    Array(Items<'a>),
    Object(Members<'a>),
}

impl fmt::Debug for Ref<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_value())
    }
}

impl<'a> Ref<'a> {
    fn at(self, index: usize) -> Ref<'a> {
        Ref {
            nodes: self.nodes,
            index,
        }
    }

    fn node(self) -> &'a Node<'a> {
        static NULL: Node<'static> = Node::Null;
        self.nodes.get(self.index).unwrap_or(&NULL)
    }

    pub(crate) fn view(self) -> View<'a> {
        match self.node() {
            Node::Null => View::Null,
            Node::Bool(b) => View::Bool(*b),
            Node::Number(n) => View::Number(n),
            Node::String(s) => View::String(s),
            Node::Array { len, .. } => View::Array(Items {
                tree: self,
                next: self.index + 1,
                remaining: *len,
            }),
            Node::Object { len, .. } => View::Object(Members {
                tree: self,
                next: self.index + 1,
                remaining: *len,
            }),
        }
    }

    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self.node() {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    /// The member of an object.
    pub(crate) fn get(self, key: &str) -> Option<Ref<'a>> {
        match self.view() {
            View::Object(mut m) => m.find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value at an (escaped) JSON pointer.
    pub(crate) fn pointer(self, pointer: &str) -> Option<Ref<'a>> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut cur = self;
        for raw in pointer.strip_prefix('/')?.split('/') {
            let token: Cow<'_, str> = if raw.contains('~') {
                Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(raw)
            };
            cur = match cur.view() {
                View::Object(_) => cur.get(&token)?,
                View::Array(mut items) => items.nth(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// A copy as a [`Value`].
    pub(crate) fn to_value(self) -> Value {
        match self.view() {
            View::Null => Value::Null,
            View::Bool(b) => Value::Bool(b),
            View::Number(n) => Value::Number(n.clone()),
            View::String(s) => Value::String(s.to_string()),
            View::Array(items) => Value::Array(items.map(Ref::to_value).collect()),
            View::Object(members) => {
                let mut map = Map::new();
                for (k, v) in members {
                    map.insert(k.to_owned(), v.to_value());
                }
                Value::Object(map)
            }
        }
    }

    /// JSON equality (numbers compare mathematically; member order does not matter).
    fn equals(self, other: &Value) -> bool {
        match (self.view(), other) {
            (View::Null, Value::Null) => true,
            (View::Bool(a), Value::Bool(b)) => a == *b,
            (View::Number(a), Value::Number(b)) => json::cmp::equal_numbers(&a, b),
            (View::String(a), Value::String(b)) => a == b,
            (View::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.zip(b).all(|(x, y)| x.equals(y))
            }
            (View::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.into_iter()
                        .all(|(k, v)| b.get(k).is_some_and(|w| v.equals(w)))
            }
            _ => false,
        }
    }

    fn unexpected(self) -> de::Unexpected<'a> {
        match self.view() {
            View::Null => de::Unexpected::Unit,
            View::Bool(b) => de::Unexpected::Bool(b),
            View::Number(_) => de::Unexpected::Other("a number"),
            View::String(s) => de::Unexpected::Str(s),
            View::Array(_) => de::Unexpected::Seq,
            View::Object(_) => de::Unexpected::Map,
        }
    }
}

/// The elements of an array.
#[derive(Clone, Copy)]
pub(crate) struct Items<'a> {
    tree: Ref<'a>,
    next: usize,
    remaining: usize,
}

impl<'a> Iterator for Items<'a> {
    type Item = Ref<'a>;

    fn next(&mut self) -> Option<Ref<'a>> {
        if self.remaining == 0 {
            return None;
        }
        let r = self.tree.at(self.next);
        self.next = after(self.tree.nodes, self.next);
        self.remaining -= 1;
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Items<'_> {}

/// The members of an object: key and value.
#[derive(Clone, Copy)]
pub(crate) struct Members<'a> {
    tree: Ref<'a>,
    next: usize,
    remaining: usize,
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, Ref<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        let value = self.tree.at(self.next);
        let key = after(self.tree.nodes, self.next);
        self.next = key + 1;
        self.remaining -= 1;
        Some((self.tree.at(key).as_str().unwrap_or_default(), value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Members<'_> {}

/// The jsonschema representation of a [`Tree`].
pub(crate) struct TreeJson;

impl Json for TreeJson {
    type Node<'a> = Ref<'a>;
    type PreparedKey = Box<str>;
    type StringBuffer = ();

    // A lookup scans the members, so a members pass pays off as soon as it
    // replaces a few lookups.
    const KEYS_PER_LOOKUP: usize = 4;
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> Box<str> {
        key.into()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(Self::Node<'_>) -> T) -> T {
        let nodes = [Node::String(Cow::Borrowed(string))];
        f(Ref {
            nodes: &nodes,
            index: 0,
        })
    }
}

impl<'a> json::Node<'a, TreeJson> for Ref<'a> {
    type Object = Members<'a>;
    type Array = Items<'a>;
    type Number = &'a Number;

    fn as_object(&self) -> Option<Members<'a>> {
        match self.view() {
            View::Object(m) => Some(m),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Items<'a>> {
        match self.view() {
            View::Array(a) => Some(a),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        self.as_str().map(Cow::Borrowed)
    }

    fn as_number(&self) -> Option<&'a Number> {
        match self.node() {
            Node::Number(n) => Some(n),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.node() {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.node(), Node::Null)
    }

    fn json_type(&self) -> JsonType {
        match self.node() {
            Node::Null => JsonType::Null,
            Node::Bool(_) => JsonType::Boolean,
            Node::Number(_) => JsonType::Number,
            Node::String(_) => JsonType::String,
            Node::Array { .. } => JsonType::Array,
            Node::Object { .. } => JsonType::Object,
        }
    }

    fn string_length_within(&self, min: u64, max: u64) -> Option<bool> {
        let s = self.as_str()?;
        // A code point takes one to four bytes: decide without counting when possible.
        let bytes = s.len() as u64;
        let fewest = bytes.div_ceil(4);
        if bytes < min || fewest > max {
            return Some(false);
        }
        if min <= fewest && bytes <= max {
            return Some(true);
        }
        Some((min..=max).contains(&(s.chars().count() as u64)))
    }

    fn equals_value(&self, expected: &Value) -> bool {
        self.equals(expected)
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(Ref::to_value(*self))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(
            std::ptr::from_ref::<Node<'a>>(self.node()) as usize,
        ))
    }
}

impl<'a> json::Object<'a, TreeJson> for Members<'a> {
    type Node = Ref<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        ExactSizeIterator::len(self)
    }

    fn get(&self, key: &Box<str>) -> Option<Ref<'a>> {
        let mut m = *self;
        m.find(|(k, _)| *k == key.as_ref()).map(|(_, v)| v)
    }

    fn members(&self) -> Members<'a> {
        *self
    }
}

impl<'a> json::Array<'a, TreeJson> for Items<'a> {
    type Node = Ref<'a>;
    type ElementsIter = Items<'a>;

    fn len(&self) -> usize {
        ExactSizeIterator::len(self)
    }

    fn elements(&self) -> Items<'a> {
        *self
    }

    fn is_unique(&self) -> bool {
        let values: Vec<Value> = self.map(Ref::to_value).collect();
        json::unique::is_unique(&values)
    }
}

/// An error of the typed stage.
#[derive(Debug)]
pub(crate) struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }
}

impl<'de> de::Deserializer<'de> for Ref<'de> {
    type Error = DeError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.view() {
            View::Null => visitor.visit_unit(),
            View::Bool(b) => visitor.visit_bool(b),
            View::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            View::String(s) => visitor.visit_borrowed_str(s),
            View::Array(items) => {
                let mut seq = de::value::SeqDeserializer::new(items);
                let v = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(v)
            }
            View::Object(members) => visitor.visit_map(MapAccess {
                members,
                value: None,
            }),
        }
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node() {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.view() {
            View::String(s) => visitor.visit_enum(BorrowedStrDeserializer::new(s)),
            View::Object(mut members) => match (members.next(), members.next()) {
                (Some((variant, value)), None) => visitor.visit_enum(EnumAccess { variant, value }),
                _ => Err(de::Error::invalid_type(
                    de::Unexpected::Map,
                    &"a string or an object with one key",
                )),
            },
            _ => Err(de::Error::invalid_type(self.unexpected(), &"a string")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, DeError> for Ref<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

struct MapAccess<'de> {
    members: Members<'de>,
    value: Option<Ref<'de>>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'de> {
    type Error = DeError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.members.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(BorrowedStrDeserializer::new(k)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(v) => seed.deserialize(v),
            None => Err(de::Error::custom("value requested before key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

struct EnumAccess<'de> {
    variant: &'de str,
    value: Ref<'de>,
}

impl<'de> de::EnumAccess<'de> for EnumAccess<'de> {
    type Error = DeError;
    type Variant = Ref<'de>;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Ref<'de>), DeError> {
        let v = seed.deserialize(BorrowedStrDeserializer::<DeError>::new(self.variant))?;
        Ok((v, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for Ref<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: de::Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: de::Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn round_trips_through_value() {
        let v =
            serde_json::json!({"a": [1, -2, 2.5, "s", null, true, {"b": {}}], "c": "é", "d": []});
        let t = Tree::from_value(&v);
        assert_eq!(t.root().to_value(), v);
        assert_eq!(
            t.root().pointer("/a/6/b").map(Ref::to_value),
            Some(serde_json::json!({}))
        );
        assert_eq!(t.root().pointer("/a/3").and_then(Ref::as_str), Some("s"));
        assert!(t.root().pointer("/a/7").is_none());
        assert!(t.root().pointer("/d/0").is_none());
        assert!(t.root().equals(&v));
        assert!(
            !t.root()
                .equals(&serde_json::json!({"a": [], "c": "é", "d": []}))
        );
        let one = serde_json::json!(1u64);
        assert!(
            Tree::from_value(&one)
                .root()
                .equals(&serde_json::json!(1.0))
        );
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct S {
        a: Vec<u8>,
        b: Option<String>,
        c: E,
        d: Option<i64>,
        #[serde(default)]
        e: Vec<T>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum E {
        One,
        Two(u8),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum T {
        X { n: i64 },
        Y,
    }

    #[test]
    fn deserializes_like_serde_json() {
        let v = serde_json::json!({"a": [1, 2], "b": null, "c": "one", "d": -5, "e": [{"kind": "x", "n": 3}, {"kind": "y"}]});
        let s = S::deserialize(Tree::from_value(&v).root()).unwrap();
        assert_eq!(s, serde_json::from_value::<S>(v).unwrap());
        let v = serde_json::json!({"a": [], "c": {"two": 7}, "d": null});
        assert_eq!(
            S::deserialize(Tree::from_value(&v).root()).unwrap().c,
            E::Two(7)
        );
        for bad in [
            serde_json::json!({"a": [300], "c": "one"}),
            serde_json::json!({"a": [], "c": "three"}),
            serde_json::json!({"a": [], "c": "one", "z": 1}),
            serde_json::json!({"a": "x", "c": "one"}),
            serde_json::json!({"a": [], "c": {"two": 1, "one": null}}),
        ] {
            assert!(
                S::deserialize(Tree::from_value(&bad).root()).is_err(),
                "{bad}"
            );
            assert!(serde_json::from_value::<S>(bad).is_err());
        }
    }
}
