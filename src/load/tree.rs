//! The parsed document: a JSON tree whose strings and keys borrow from the
//! input text (only strings with escapes are allocated).
//!
//! It is what the schema validator walks (through jsonschema's
//! [`Json`](jsonschema::json::Json) representation trait) and what the typed
//! [`Policy`](crate::Policy) is deserialized from, so the text is parsed once
//! and the only allocations are the tree's arrays and objects. Objects keep
//! their members in document order.

use std::borrow::Cow;
use std::fmt;

use jsonschema::JsonType;
use jsonschema::json::{self, Json, NodeIdentity};
use serde::de::{self, IntoDeserializer, value::BorrowedStrDeserializer};
use serde_json::{Map, Number, Value};

/// One JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tree<'t> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'t, str>),
    Array(Vec<Tree<'t>>),
    Object(Vec<(Cow<'t, str>, Tree<'t>)>),
}

impl<'t> Tree<'t> {
    /// The value at an (escaped) JSON pointer.
    pub(crate) fn pointer(&self, pointer: &str) -> Option<&Tree<'t>> {
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
            cur = match cur {
                Tree::Object(members) => &members.iter().find(|(k, _)| *k == token)?.1,
                Tree::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur)
    }

    /// The member of an object.
    #[cfg(test)]
    pub(crate) fn get(&self, key: &str) -> Option<&Tree<'t>> {
        match self {
            Tree::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Tree::String(s) => Some(s),
            _ => None,
        }
    }

    /// A copy as a [`Value`] (object members in key order, as `serde_json` keeps them).
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Tree::Null => Value::Null,
            Tree::Bool(b) => Value::Bool(*b),
            Tree::Number(n) => Value::Number(n.clone()),
            Tree::String(s) => Value::String(s.to_string()),
            Tree::Array(items) => Value::Array(items.iter().map(Tree::to_value).collect()),
            Tree::Object(members) => {
                let mut map = Map::new();
                for (k, v) in members {
                    map.insert(k.to_string(), v.to_value());
                }
                Value::Object(map)
            }
        }
    }

    /// A tree borrowing the strings of a [`Value`].
    pub(crate) fn from_value(value: &'t Value) -> Tree<'t> {
        match value {
            Value::Null => Tree::Null,
            Value::Bool(b) => Tree::Bool(*b),
            Value::Number(n) => Tree::Number(n.clone()),
            Value::String(s) => Tree::String(Cow::Borrowed(s)),
            Value::Array(items) => Tree::Array(items.iter().map(Tree::from_value).collect()),
            Value::Object(map) => Tree::Object(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Tree::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// JSON equality (numbers compare mathematically; object member order does not matter).
    fn equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Tree::Null, Value::Null) => true,
            (Tree::Bool(a), Value::Bool(b)) => a == b,
            (Tree::Number(a), Value::Number(b)) => json::cmp::equal_numbers(&a, b),
            (Tree::String(a), Value::String(b)) => a == b,
            (Tree::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.equals(y))
            }
            (Tree::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.get(k.as_ref()).is_some_and(|w| v.equals(w)))
            }
            _ => false,
        }
    }
}

/// The jsonschema representation of a [`Tree`].
pub(crate) struct TreeJson;

impl Json for TreeJson {
    type Node<'a> = &'a Tree<'a>;
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
        let node = Tree::String(Cow::Borrowed(string));
        f(&node)
    }
}

/// An object of a [`Tree`], for jsonschema.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a>(&'a [(Cow<'a, str>, Tree<'a>)]);

/// An array of a [`Tree`], for jsonschema.
#[derive(Clone, Copy)]
pub(crate) struct Arr<'a>(&'a [Tree<'a>]);

impl<'a> json::Node<'a, TreeJson> for &'a Tree<'a> {
    type Object = Obj<'a>;
    type Array = Arr<'a>;
    type Number = &'a Number;

    fn as_object(&self) -> Option<Obj<'a>> {
        match self {
            Tree::Object(m) => Some(Obj(m)),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Arr<'a>> {
        match self {
            Tree::Array(a) => Some(Arr(a)),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match self {
            Tree::String(s) => Some(Cow::Borrowed(s.as_ref())),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<&'a Number> {
        match self {
            Tree::Number(n) => Some(n),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self {
            Tree::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Tree::Null)
    }

    fn json_type(&self) -> JsonType {
        match self {
            Tree::Null => JsonType::Null,
            Tree::Bool(_) => JsonType::Boolean,
            Tree::Number(_) => JsonType::Number,
            Tree::String(_) => JsonType::String,
            Tree::Array(_) => JsonType::Array,
            Tree::Object(_) => JsonType::Object,
        }
    }

    fn string_length_within(&self, min: u64, max: u64) -> Option<bool> {
        let Tree::String(s) = self else { return None };
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
        Cow::Owned(Tree::to_value(self))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(
            std::ptr::from_ref::<Tree<'a>>(*self) as usize
        ))
    }
}

/// The members of an [`Obj`].
pub(crate) struct Members<'a>(std::slice::Iter<'a, (Cow<'a, str>, Tree<'a>)>);

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, &'a Tree<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<'a> json::Object<'a, TreeJson> for Obj<'a> {
    type Node = &'a Tree<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn get(&self, key: &Box<str>) -> Option<&'a Tree<'a>> {
        self.0
            .iter()
            .find(|(k, _)| k.as_ref() == key.as_ref())
            .map(|(_, v)| v)
    }

    fn members(&self) -> Members<'a> {
        Members(self.0.iter())
    }
}

impl<'a> json::Array<'a, TreeJson> for Arr<'a> {
    type Node = &'a Tree<'a>;
    type ElementsIter = std::slice::Iter<'a, Tree<'a>>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> Self::ElementsIter {
        self.0.iter()
    }

    fn is_unique(&self) -> bool {
        let values: Vec<Value> = self.0.iter().map(Tree::to_value).collect();
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

impl<'de, 't: 'de> de::Deserializer<'de> for &'de Tree<'t> {
    type Error = DeError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Tree::Null => visitor.visit_unit(),
            Tree::Bool(b) => visitor.visit_bool(*b),
            Tree::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Tree::String(s) => visitor.visit_borrowed_str(s.as_ref()),
            Tree::Array(items) => {
                let mut seq = de::value::SeqDeserializer::new(items.iter());
                let v = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(v)
            }
            Tree::Object(members) => visitor.visit_map(MapAccess {
                iter: members.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Tree::Null => visitor.visit_none(),
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
        match self {
            Tree::String(s) => visitor.visit_enum(BorrowedStrDeserializer::new(s.as_ref())),
            Tree::Object(members) => match members.as_slice() {
                [(k, v)] => visitor.visit_enum(EnumAccess {
                    variant: k.as_ref(),
                    value: v,
                }),
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

impl Tree<'_> {
    fn unexpected(&self) -> de::Unexpected<'_> {
        match self {
            Tree::Null => de::Unexpected::Unit,
            Tree::Bool(b) => de::Unexpected::Bool(*b),
            Tree::Number(_) => de::Unexpected::Other("a number"),
            Tree::String(s) => de::Unexpected::Str(s),
            Tree::Array(_) => de::Unexpected::Seq,
            Tree::Object(_) => de::Unexpected::Map,
        }
    }
}

impl<'a, 't: 'a> IntoDeserializer<'a, DeError> for &'a Tree<'t> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

struct MapAccess<'a, 't> {
    iter: std::slice::Iter<'a, (Cow<'t, str>, Tree<'t>)>,
    value: Option<&'a Tree<'t>>,
}

impl<'a, 't: 'a> de::MapAccess<'a> for MapAccess<'a, 't> {
    type Error = DeError;

    fn next_key_seed<K: de::DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(BorrowedStrDeserializer::new(k.as_ref()))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'a>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(v) => seed.deserialize(v),
            None => Err(de::Error::custom("value requested before key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct EnumAccess<'a, 't> {
    variant: &'a str,
    value: &'a Tree<'t>,
}

impl<'a, 't: 'a> de::EnumAccess<'a> for EnumAccess<'a, 't> {
    type Error = DeError;
    type Variant = &'a Tree<'t>;

    fn variant_seed<V: de::DeserializeSeed<'a>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), DeError> {
        let v = seed.deserialize(BorrowedStrDeserializer::<DeError>::new(self.variant))?;
        Ok((v, self.value))
    }
}

impl<'a, 't: 'a> de::VariantAccess<'a> for &'a Tree<'t> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'a>>(
        self,
        seed: T,
    ) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: de::Visitor<'a>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: de::Visitor<'a>>(
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

    fn tree(v: &Value) -> Tree<'_> {
        Tree::from_value(v)
    }

    #[test]
    fn round_trips_through_value() {
        let v = serde_json::json!({"a": [1, -2, 2.5, "s", null, true, {"b": {}}], "c": "é"});
        assert_eq!(tree(&v).to_value(), v);
        assert_eq!(tree(&v).pointer("/a/6/b"), Some(&Tree::Object(Vec::new())));
        assert_eq!(tree(&v).pointer("/a/7"), None);
        assert!(tree(&v).equals(&v));
        assert!(!tree(&v).equals(&serde_json::json!({"a": [], "c": "é"})));
        assert!(Tree::Number(1u64.into()).equals(&serde_json::json!(1.0)));
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
        let s = S::deserialize(&tree(&v)).unwrap();
        assert_eq!(s, serde_json::from_value::<S>(v).unwrap());
        let v = serde_json::json!({"a": [], "c": {"two": 7}, "d": null});
        assert_eq!(S::deserialize(&tree(&v)).unwrap().c, E::Two(7));
        for bad in [
            serde_json::json!({"a": [300], "c": "one"}),
            serde_json::json!({"a": [], "c": "three"}),
            serde_json::json!({"a": [], "c": "one", "z": 1}),
            serde_json::json!({"a": "x", "c": "one"}),
        ] {
            assert!(S::deserialize(&tree(&bad)).is_err(), "{bad}");
            assert!(serde_json::from_value::<S>(bad).is_err());
        }
    }
}
