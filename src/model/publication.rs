//! Where a policy document is published for people: its name and address
//! in each language, and the address of this version's text.
//!
//! Homeservers show these to users when asking them to accept the policy
//! (the Matrix `m.login.terms` registration stage carries a name and URL
//! per language), so they are part of the document rather than of each
//! homeserver's configuration.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Url;

/// How the document is published: this version's address and its name and
/// address per language.
///
/// ```
/// use matrix_privacy_policy::Policy;
/// let publication = Policy::canonical().publication.as_ref().expect("3.1.0 has one");
/// assert_eq!(publication.translations[0].language, "en");
/// assert!(publication.translation("en").is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Where this version's text is published, when an address is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_url: Option<Url>,
    /// The document's name and address in each language it is published in,
    /// one entry per language, the document's own language first.
    #[schemars(length(min = 1))]
    pub translations: Vec<Translation>,
}

impl Publication {
    /// The translation in `language` (compared case-insensitively, `_` and
    /// `-` alike), if the document is published in it.
    pub fn translation(&self, language: &str) -> Option<&Translation> {
        let wanted = normalise_language(language);
        self.translations
            .iter()
            .find(|t| normalise_language(&t.language) == wanted)
    }
}

fn normalise_language(tag: &str) -> String {
    tag.chars()
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The document's name and address in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The language (a BCP 47 tag such as `en` or `pt-BR`).
    #[schemars(regex(pattern = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"))]
    pub language: String,
    /// The document's name in that language.
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// Where the text in that language is published.
    pub url: Url,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translation(language: &str) -> Translation {
        Translation {
            language: language.to_owned(),
            name: "Privacy Policy".to_owned(),
            url: Url::new("https://example.org/privacy").unwrap(),
        }
    }

    #[test]
    fn translation_lookup_ignores_case_and_separator() {
        let p = Publication {
            version_url: None,
            translations: vec![translation("en"), translation("pt-BR")],
        };
        assert_eq!(
            p.translation("pt_br").map(|t| t.language.as_str()),
            Some("pt-BR")
        );
        assert!(p.translation("de").is_none());
    }
}
