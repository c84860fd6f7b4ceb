//! The README's copy of the rule catalog is current: between
//! `<!-- rules:start -->` and `<!-- rules:end -->` it holds exactly
//! `catalog::markdown_table()`. To refresh it, paste the output of
//! `privacy-policy rules --format markdown` between the markers.

use matrix_privacy_policy::render::catalog;

const README: &str = include_str!("../README.md");
const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rule_table_is_current() {
    let start = README
        .find(START)
        .expect("README.md has a `<!-- rules:start -->` marker line");
    let body = &README[start + START.len()..];
    let end = body
        .find(END)
        .expect("README.md has a `<!-- rules:end -->` marker after the start");
    let copy = &body[..end];
    let table = catalog::markdown_table();
    assert!(
        copy == table,
        "the rule table in README.md is out of date; replace the lines between the markers with \
         the output of `privacy-policy rules --format markdown`:\n\n{table}"
    );
}
