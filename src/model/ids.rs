//! Identifiers and small validated string types shared by the whole model.
//!
//! Every type here is *closed*: it can only hold a value that passes its
//! parser, whether it was built in Rust or deserialized from JSON, and the
//! JSON Schema pattern it publishes accepts exactly the same strings.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// The JSON Schema pattern of an [`Id`].
pub const ID_PATTERN: &str = "^[a-z][a-z0-9_]*$";
/// The longest [`Id`] accepted, in bytes.
pub const ID_MAX_LEN: usize = 64;
/// The JSON Schema pattern of a [`Url`]: `http` or `https`, an ASCII host
/// name (IDNA `xn--` form for other scripts) and optional port, then only the
/// characters RFC 3986 allows, with `%` always followed by two hex digits. No
/// credentials, white space or non-ASCII characters, so every validator and
/// URL parser reads the same host.
pub const URL_PATTERN: &str = r"^https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?([/?#]([A-Za-z0-9._~!$&'()*+,;=:@/?#-]|%[0-9A-Fa-f]{2})*)?$";
/// The longest [`Url`] accepted, in bytes.
pub const URL_MAX_LEN: usize = 2048;
/// The JSON Schema pattern of an [`Email`] address: an ASCII dot-atom local
/// part (RFC 5322: no leading, trailing or doubled dots), `@`, and a domain of
/// two or more labels of ASCII letters, digits and `-`.
pub const EMAIL_PATTERN: &str = r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$";
/// The longest [`Email`] accepted, in bytes.
pub const EMAIL_MAX_LEN: usize = 254;

/// Why a string was not accepted as one of the validated string types.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidString {
    /// The string is not a valid [`Id`].
    #[error(
        "`{0}` is not a valid id: expected lower-case ASCII letters, digits and `_`, starting with a letter, at most 64 bytes ({ID_PATTERN})"
    )]
    Id(String),
    /// The string is not a valid [`Url`].
    #[error(
        "`{0}` is not an accepted URL: expected http(s) in ASCII (RFC 3986 characters, `%` before two hex digits), no credentials, no white space, at most 2048 bytes"
    )]
    Url(String),
    /// The string is not a valid [`Email`] address.
    #[error(
        "`{0}` is not an accepted e-mail address: expected an ASCII dot-atom local part, `@`, and a domain of two or more labels"
    )]
    Email(String),
}

fn shorten(s: &str) -> String {
    const MAX: usize = 80;
    if s.len() <= MAX {
        return s.to_owned();
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

macro_rules! string_newtype {
    ($(#[$meta:meta])* $name:ident, $check:path, $err:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses and validates `s`.
            ///
            /// # Errors
            /// Returns [`InvalidString`] when `s` does not match the type's pattern.
            pub fn new(s: impl Into<String>) -> Result<Self, InvalidString> {
                let s = s.into();
                if $check(&s) {
                    Ok(Self(s))
                } else {
                    Err(InvalidString::$err(shorten(&s)))
                }
            }

            /// The string itself.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidString;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::new(s)
            }
        }

        impl FromStr for $name {
            type Err = InvalidString;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

string_newtype!(
    /// A stable identifier of an entity, unique within its collection.
    ///
    /// Ids are lower-case ASCII (`^[a-z][a-z0-9_]*$`, at most 64 bytes), so
    /// two ids can never differ only by case or by a Unicode look-alike.
    ///
    /// ```
    /// use matrix_privacy_policy::Id;
    /// assert!(Id::new("ip_address").is_ok());
    /// assert!(Id::new("IP-Address").is_err());
    /// assert!(Id::new("cIoudflare").is_err());
    /// ```
    Id,
    is_valid_id,
    Id
);

string_newtype!(
    /// An `http` or `https` URL in ASCII ([`URL_PATTERN`]): an ASCII host
    /// name (IDNA `xn--` form), an optional port, then RFC 3986 characters
    /// with `%` only before two hex digits; no credentials or white space.
    ///
    /// ```
    /// use matrix_privacy_policy::Url;
    /// assert!(Url::new("https://stripe.com/privacy").is_ok());
    /// assert!(Url::new("https://matrix.org/%zz").is_err());
    /// assert!(Url::new("javascript:alert(1)").is_err());
    /// assert!(Url::new("https://user:pw@example.org/").is_err());
    /// ```
    Url,
    is_valid_url,
    Url
);

string_newtype!(
    /// An e-mail address ([`EMAIL_PATTERN`]): an ASCII dot-atom local part
    /// (RFC 5322, no leading, trailing or doubled dots), `@`, and a domain of
    /// two or more labels of ASCII letters, digits and `-`.
    ///
    /// ```
    /// use matrix_privacy_policy::Email;
    /// assert!(Email::new("dpo@matrix.org").is_ok());
    /// assert!(Email::new("a..b@matrix.org").is_err());
    /// assert!(Email::new("dpo at matrix.org").is_err());
    /// ```
    Email,
    is_valid_email,
    Email
);

/// Whether `s` matches [`ID_PATTERN`] and is at most [`ID_MAX_LEN`] bytes.
pub fn is_valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= ID_MAX_LEN
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

/// Whether `c` may appear in the local part of an e-mail address (RFC 5322 `atext`).
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c)
}

/// Whether `s` is one or more non-empty labels of ASCII letters, digits and
/// `-`, separated by dots.
fn is_dotted_labels(s: &str, label_ok: fn(char) -> bool) -> bool {
    s.split('.')
        .all(|label| !label.is_empty() && label.chars().all(label_ok))
}

fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

/// Whether `s` matches [`URL_PATTERN`] and is at most [`URL_MAX_LEN`] bytes.
pub fn is_valid_url(s: &str) -> bool {
    if s.len() > URL_MAX_LEN {
        return false;
    }
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let port_ok =
        port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    is_dotted_labels(host, is_host_char) && port_ok && is_url_tail(tail)
}

/// The path, query and fragment: RFC 3986 characters, `%` only before two hex digits.
fn is_url_tail(tail: &str) -> bool {
    let bytes = tail.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b == b'%' {
            let hex = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(at + 1) && hex(at + 2)) {
                return false;
            }
            at += 3;
        } else if b.is_ascii_alphanumeric() || b"._~!$&'()*+,;=:@/?#-".contains(&b) {
            at += 1;
        } else {
            return false;
        }
    }
    true
}

/// Whether `s` matches [`EMAIL_PATTERN`] and is at most [`EMAIL_MAX_LEN`] bytes.
pub fn is_valid_email(s: &str) -> bool {
    if s.len() > EMAIL_MAX_LEN {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    is_dotted_labels(local, is_atext)
        && domain.contains('.')
        && is_dotted_labels(domain, is_host_char)
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A stable identifier, unique within its collection: lower-case ASCII letters, digits and `_`, starting with a letter.",
            "type": "string",
            "pattern": ID_PATTERN,
            "minLength": 1,
            "maxLength": ID_MAX_LEN,
        })
    }
}

impl JsonSchema for Url {
    fn schema_name() -> Cow<'static, str> {
        "Url".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An http(s) URL in ASCII (RFC 3986 characters, percent-encoded otherwise; IDNA `xn--` host names): no credentials, no white space.",
            "type": "string",
            "pattern": URL_PATTERN,
            "maxLength": URL_MAX_LEN,
        })
    }
}

impl JsonSchema for Email {
    fn schema_name() -> Cow<'static, str> {
        "Email".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An e-mail address: an ASCII dot-atom local part, `@`, and a domain of two or more labels.",
            "type": "string",
            "pattern": EMAIL_PATTERN,
            "maxLength": EMAIL_MAX_LEN,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for ok in ["a", "ip_address", "a1_b2", "x_"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in [
            "",
            "1a",
            "_a",
            "A",
            "a-b",
            "a b",
            "é",
            "cIoudflare",
            &"a".repeat(65),
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        for ok in ["https://a", "http://a.b/c?d#e", "https://x.org/a@b"] {
            assert!(is_valid_url(ok), "{ok}");
        }
        for bad in [
            "",
            "ftp://a",
            "https://",
            "https:///a",
            "https://u:p@a",
            "https://a b",
            "https://a/ b",
            "javascript:x",
            "HTTPS://a",
            "https://matrix.org/%zz",
            "https://a/%4",
            "https://a\\.b/",
            "https://\u{e4}.b/",
            "https://a.b/\u{e4}",
            "https://a..b/",
            "https://a:123456/",
            "https://a:/",
        ] {
            assert!(!is_valid_url(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(is_valid_email("dpo@matrix.org"));
        assert!(is_valid_email("first.last+tag@example.co.uk"));
        for bad in [
            "",
            "a@b",
            "@b.c",
            "a@.c",
            "a@b.",
            "a@b..c",
            "a b@c.d",
            "a@b@c.d",
            "a..b@matrix.org",
            ".a@b.c",
            "a.@b.c",
            "\u{e9}@b.c",
            "a@b_c.d",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn long_input_is_shortened_in_errors() {
        let err = Id::new("X".repeat(10_000)).unwrap_err().to_string();
        assert!(err.len() < 400);
    }
}
