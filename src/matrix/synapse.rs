//! Synapse's consent configuration and templates.
//!
//! Synapse asks users to accept a privacy policy through its `user_consent`
//! configuration block and its consent resource (`/_matrix/consent`):
//!
//! - `version` is the consent version: Synapse asks every user to accept
//!   again whenever it changes (use [`super::consent`] to choose it);
//! - `template_dir` holds `en/<version>.html` — the policy page, a Jinja
//!   template rendered with `user`, `userhmac`, `version`, `has_consented`
//!   and `public_version` — and `en/success.html`, shown after a consent
//!   POST (Synapse serves only the `en` directory);
//! - `policy_name` is the name shown in the registration's `m.login.terms`
//!   stage; `require_at_registration` adds that stage;
//! - `block_events_error` makes Synapse refuse events from users who have
//!   not accepted the current version, with a link to the consent page
//!   (`%(consent_uri)s`);
//! - `server_notice_content` (optional here, as it needs Synapse's server
//!   notices enabled) sends such users a notice.
//!
//! The policy page's form posts `v`, `u` and `h` back to `consent`, as the
//! consent resource expects. Synapse also needs `form_secret` (the HMAC key
//! of `h`), `public_baseurl`, and the `consent` resource on a client
//! listener; [`config_yaml`] says so in comments.
//!
//! The page is a readable summary of the main facts built from the model;
//! all document text is HTML-escaped and made inert for Jinja (braces
//! become character references).

use std::path::{Path, PathBuf};

use super::text::{html, yaml_string};
use super::{Localized, MatrixError, TermsOptions, localized};
use crate::{Policy, Retention};

/// Options of the Synapse export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynapseOptions {
    /// The version, policy id and URL options shared by every export.
    pub terms: TermsOptions,
    /// The template directory as the Synapse configuration names it
    /// (absolute, or relative to Synapse's working directory).
    pub template_dir: String,
    /// Whether registration asks users to accept the policy.
    pub require_at_registration: bool,
    /// Whether Synapse refuses events from users who have not accepted the
    /// current version.
    pub block_events: bool,
    /// Whether Synapse sends such users a server notice (needs server
    /// notices enabled in Synapse).
    pub server_notice: bool,
}

impl SynapseOptions {
    /// Defaults: consent at registration and event blocking on, no server notice.
    pub fn new(terms: TermsOptions, template_dir: impl Into<String>) -> Self {
        SynapseOptions {
            terms,
            template_dir: template_dir.into(),
            require_at_registration: true,
            block_events: true,
            server_notice: false,
        }
    }
}

/// A file of the template directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    /// Its path relative to the template directory (`en/3.0.0.html`).
    pub path: PathBuf,
    /// Its contents.
    pub contents: String,
}

/// The `user_consent` block and the template files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynapseExport {
    /// The YAML to merge into `homeserver.yaml`.
    pub config_yaml: String,
    /// The files of the template directory.
    pub templates: Vec<TemplateFile>,
}

/// Synapse serves consent templates from this language directory only.
pub const TEMPLATE_LANGUAGE: &str = "en";

/// The consent block and templates for `policy`.
///
/// ```
/// use matrix_privacy_policy::Policy;
/// use matrix_privacy_policy::matrix::{TermsOptions, TermsVersion, synapse};
///
/// let options = synapse::SynapseOptions::new(TermsOptions::new(TermsVersion::new("3.0.0")?), "/etc/synapse/consent");
/// let export = synapse::synapse(Policy::canonical(), &options)?;
/// assert!(export.config_yaml.contains("  version: \"3.0.0\"\n"));
/// assert_eq!(export.templates[0].path, std::path::Path::new("en/3.0.0.html"));
/// assert!(export.templates[0].contents.contains("name=\"h\" value=\"{{ userhmac }}\""));
/// # Ok::<(), matrix_privacy_policy::matrix::MatrixError>(())
/// ```
pub fn synapse(policy: &Policy, options: &SynapseOptions) -> Result<SynapseExport, MatrixError> {
    options.terms.checked_policy_id()?;
    let languages = localized(policy, &options.terms)?;
    let shown = preferred(&languages);
    let version = options.terms.version.as_str();
    Ok(SynapseExport {
        config_yaml: config_yaml(options, &shown.name),
        templates: vec![
            TemplateFile {
                path: Path::new(TEMPLATE_LANGUAGE).join(format!("{version}.html")),
                contents: policy_page(policy, &shown.language, &shown.name, version),
            },
            TemplateFile {
                path: Path::new(TEMPLATE_LANGUAGE).join("success.html"),
                contents: success_page(&shown.language, &shown.name),
            },
        ],
    })
}

/// The English translation if there is one, else the first.
fn preferred(languages: &[Localized]) -> &Localized {
    languages
        .iter()
        .find(|l| l.language.eq_ignore_ascii_case(TEMPLATE_LANGUAGE))
        .unwrap_or(&languages[0])
}

/// The `user_consent` block, with comments on what else Synapse needs.
pub fn config_yaml(options: &SynapseOptions, policy_name: &str) -> String {
    // `%` starts a Python format directive in Synapse's messages.
    let link_message = "Please read and accept the current privacy policy to keep using this server: %(consent_uri)s";
    let mut y = String::new();
    y.push_str("# Privacy policy consent (privacy-policy matrix synapse).\n");
    y.push_str("# Synapse also needs, elsewhere in homeserver.yaml: `public_baseurl`,\n");
    y.push_str("# `form_secret` (the key of the consent links' HMAC), and `consent` in the\n");
    y.push_str("# `resources` names of a client listener.\n");
    y.push_str("user_consent:\n");
    y.push_str(&format!(
        "  version: {}\n",
        yaml_string(options.terms.version.as_str())
    ));
    y.push_str(&format!(
        "  template_dir: {}\n",
        yaml_string(&options.template_dir)
    ));
    y.push_str(&format!("  policy_name: {}\n", yaml_string(policy_name)));
    y.push_str(&format!(
        "  require_at_registration: {}\n",
        options.require_at_registration
    ));
    if options.block_events {
        y.push_str(&format!(
            "  block_events_error: {}\n",
            yaml_string(link_message)
        ));
    }
    if options.server_notice {
        y.push_str("  server_notice_content:\n");
        y.push_str("    msgtype: \"m.text\"\n");
        y.push_str(&format!("    body: {}\n", yaml_string(link_message)));
    }
    y
}

/// Writes the template files under `dir` (creating `dir/en`).
pub fn write_templates(export: &SynapseExport, dir: &Path) -> Result<(), MatrixError> {
    for file in &export.templates {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| MatrixError::Io {
                path: parent.display().to_string(),
                source,
            })?;
        }
        std::fs::write(&path, &file.contents).map_err(|source| MatrixError::Io {
            path: path.display().to_string(),
            source,
        })?;
    }
    Ok(())
}

const STYLE: &str = "body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5}li{margin:.3em 0}form{margin:2em 0;padding:1em;border:1px solid #888}";

fn head(out: &mut String, lang: &str, title: &str) {
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n<head>\n", html(lang)));
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", html(title)));
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
}

fn section(out: &mut String, heading: &str, items: impl IntoIterator<Item = String>) {
    let items: Vec<String> = items.into_iter().collect();
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("<h2>{}</h2>\n<ul>\n", html(heading)));
    for item in items {
        out.push_str(&format!("<li>{item}</li>\n"));
    }
    out.push_str("</ul>\n");
}

fn item(name: &str, description: &str) -> String {
    format!("<strong>{}</strong>: {}", html(name), html(description))
}

/// The policy page: a summary of the main facts and the consent form, in
/// `language` under the document's `name` in it; `version` is the consent
/// version the page records.
pub fn policy_page(policy: &Policy, language: &str, name: &str, version: &str) -> String {
    let mut out = String::new();
    head(&mut out, language, name);
    out.push_str(&format!("<h1>{}</h1>\n", html(name)));
    let date = policy
        .history
        .last()
        .map(|h| format!(", published {}", h.date))
        .unwrap_or_default();
    out.push_str(&format!(
        "<p>Version {}{}. Accepting it records consent version <code>{}</code>.</p>\n",
        html(&policy.version.to_string()),
        html(&date),
        html(version)
    ));
    if let Some(url) = policy
        .publication
        .as_ref()
        .and_then(|p| p.version_url.as_ref())
    {
        out.push_str(&format!(
            "<p>The full text: <a href=\"{0}\">{0}</a></p>\n",
            html(url.as_str())
        ));
    }

    let c = &policy.controller;
    let mut controller = format!(
        "<strong>{}</strong>: {}",
        html(&c.name),
        html(&c.description)
    );
    if let Some(a) = &c.address {
        let mut lines = a.lines.clone();
        lines.push(a.locality.clone());
        lines.extend(a.postal_code.clone());
        lines.push(a.country.clone());
        controller.push_str(&format!(" ({})", html(&lines.join(", "))));
    }
    section(&mut out, "Who is responsible", [controller]);
    section(
        &mut out,
        "How to reach them",
        policy.contacts.iter().map(|c| {
            let how = c
                .email
                .as_ref()
                .map(|e| e.as_str())
                .or(c.url.as_ref().map(|u| u.as_str()))
                .unwrap_or("");
            format!("{} ({})", html(&c.description), html(how))
        }),
    );
    section(
        &mut out,
        "What is collected",
        policy.data_categories.iter().map(|d| {
            let optional = if d.optional { " (optional)" } else { "" };
            format!("{}{}", item(&d.name, &d.description), optional)
        }),
    );
    section(
        &mut out,
        "Why, and on what legal basis",
        policy.purposes.iter().map(|p| {
            let bases = crate::render::legal_bases_in_words(p, false, crate::render::OUR_READING);
            format!("{} ({})", item(&p.name, &p.description), html(&bases))
        }),
    );
    section(
        &mut out,
        "Who receives it",
        policy
            .recipients
            .iter()
            .map(|r| item(&r.name, &r.description)),
    );
    section(
        &mut out,
        "Transfers to other countries",
        policy
            .transfers
            .iter()
            .map(|t| item(&t.destination, &t.description)),
    );
    section(
        &mut out,
        "How long it is kept",
        policy.retention.iter().map(|r| {
            let how = match &r.retention {
                Retention::Fixed { period } => format!("at most {period}"),
                Retention::AfterEvent { period, .. } => format!("{period} after an event"),
                Retention::UntilEvent { .. } => "until an event".to_owned(),
                Retention::Indefinite { .. } => "with no end".to_owned(),
            };
            format!("{} ({})", html(&r.description), html(&how))
        }),
    );
    section(
        &mut out,
        "Your rights",
        policy
            .rights
            .iter()
            .map(|r| item(r.right.label(), &r.description)),
    );
    if let Some(children) = &policy.children {
        section(
            &mut out,
            "Minimum age",
            [format!(
                "{} ({})",
                children.minimum_age,
                html(&children.description)
            )],
        );
    }
    if let Some(authority) = &policy.supervisory_authority {
        section(
            &mut out,
            "Complaints",
            [html(&format!("{} ({})", authority.name, authority.country))],
        );
    }
    out.push_str(CONSENT_FORM);
    out.push_str("</body>\n</html>\n");
    out
}

/// The consent form, as the consent resource expects it: GET renders the
/// page with `user`, `userhmac`, `version`, `has_consented` and
/// `public_version`; the form POSTs `v`, `u` and `h` to `consent`.
/// Synapse's Jinja environment escapes the variables.
const CONSENT_FORM: &str = r#"{% if has_consented %}
<p><strong>You have accepted version {{ version }} of this policy.</strong></p>
{% elif not public_version %}
<form method="post" action="consent">
<input type="hidden" name="v" value="{{ version }}">
<input type="hidden" name="u" value="{{ user }}">
<input type="hidden" name="h" value="{{ userhmac }}">
<p>To keep using this server, please accept this policy.</p>
<button type="submit">I have read and accept this policy</button>
</form>
{% endif %}
"#;

/// The page Synapse shows after a consent POST.
pub fn success_page(language: &str, name: &str) -> String {
    let mut out = String::new();
    head(&mut out, language, name);
    out.push_str(&format!(
        "<h1>{}</h1>\n<p>Thank you: your acceptance is recorded. You can return to your Matrix client.</p>\n</body>\n</html>\n",
        html(name)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::TermsVersion;

    fn options(version: &str) -> SynapseOptions {
        SynapseOptions::new(
            TermsOptions::new(TermsVersion::new(version).unwrap()),
            "/srv/consent\nuser_consent: {evil}",
        )
    }

    #[test]
    fn yaml_quotes_hostile_values() {
        let y = config_yaml(&options("1"), "x\"\n  version: \"666\"");
        assert!(y.contains("  template_dir: \"/srv/consent\\u000Auser_consent: {evil}\"\n"));
        assert_eq!(y.matches("\n  version:").count(), 1);
        assert!(!y.contains("server_notice_content"));
    }

    #[test]
    fn page_is_inert_for_jinja_and_html() {
        let mut policy = Policy::canonical().clone();
        policy.controller.name = "{{ 7*7 }}<script>{% endif %}".to_owned();
        let export = synapse(&policy, &options("3.0.0")).unwrap();
        let page = &export.templates[0].contents;
        assert!(!page.contains("{{ 7*7"));
        assert!(!page.contains("<script>"));
        // Only the consent form's own Jinja remains.
        assert_eq!(page.matches("{%").count(), 3);
        assert_eq!(page.matches("{{").count(), 4);
    }
}
