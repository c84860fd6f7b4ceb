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
/// The JSON Schema pattern of a [`Url`]: `http` or `https`, no credentials, no white space.
pub const URL_PATTERN: &str = r"^https?://[^\s/?#@]+([/?#][^\s]*)?$";
/// The longest [`Url`] accepted, in bytes.
pub const URL_MAX_LEN: usize = 2048;
/// The JSON Schema pattern of an [`Email`] address.
pub const EMAIL_PATTERN: &str = r"^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$";
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
        "`{0}` is not an accepted URL: expected http(s), no credentials, no white space, at most 2048 bytes"
    )]
    Url(String),
    /// The string is not a valid [`Email`] address.
    #[error("`{0}` is not an e-mail address")]
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
    /// An `http` or `https` URL without credentials or white space.
    ///
    /// ```
    /// use matrix_privacy_policy::Url;
    /// assert!(Url::new("https://stripe.com/privacy").is_ok());
    /// assert!(Url::new("javascript:alert(1)").is_err());
    /// assert!(Url::new("https://user:pw@example.org/").is_err());
    /// ```
    Url,
    is_valid_url,
    Url
);

string_newtype!(
    /// An e-mail address (a deliberately simple check: one `@`, a domain of two or more dot-separated labels, no white space).
    ///
    /// ```
    /// use matrix_privacy_policy::Email;
    /// assert!(Email::new("dpo@matrix.org").is_ok());
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

/// The white space of ECMA-262 `\s`, which the schema patterns use.
fn is_ecma_space(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{d}'
            | ' '
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{feff}'
    )
}

/// Whether `s` matches [`URL_PATTERN`] and is at most [`URL_MAX_LEN`] bytes.
pub fn is_valid_url(s: &str) -> bool {
    if s.len() > URL_MAX_LEN {
        return false;
    }
    let rest = match s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    {
        Some(r) => r,
        None => return false,
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(host_end);
    !host.is_empty()
        && !host.chars().any(|c| c == '@' || is_ecma_space(c))
        && !tail.chars().any(is_ecma_space)
}

/// Whether `s` matches [`EMAIL_PATTERN`] and is at most [`EMAIL_MAX_LEN`] bytes.
pub fn is_valid_email(s: &str) -> bool {
    if s.len() > EMAIL_MAX_LEN || s.chars().any(is_ecma_space) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty() || domain.contains('@') {
        return false;
    }
    // `[^\s@.]+(\.[^\s@.]+)+` on the domain: two or more non-empty labels.
    domain.contains('.') && domain.split('.').all(|label| !label.is_empty())
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
            "description": "An http(s) URL without credentials or white space.",
            "type": "string",
            "format": "uri",
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
            "description": "An e-mail address.",
            "type": "string",
            "format": "email",
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
        ] {
            assert!(!is_valid_url(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(is_valid_email("dpo@matrix.org"));
        for bad in [
            "", "a@b", "@b.c", "a@.c", "a@b.", "a@b..c", "a b@c.d", "a@b@c.d",
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
