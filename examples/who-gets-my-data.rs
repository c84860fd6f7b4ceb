//! Who gets a piece of my data, why, for how long, and where does it go?
//!
//! ```sh
//! cargo run --example who-gets-my-data -- ip_address
//! cargo run --example who-gets-my-data -- email_address path/to/policy.json
//! ```
//!
//! With no policy file, it asks the embedded Matrix.org policy. Copy it as
//! the start of your own tool: every answer is one method call on `Policy`.

use std::process::ExitCode;

use matrix_privacy_policy::Policy;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let data = args.next().unwrap_or_else(|| "ip_address".to_owned());
    let policy = match args.next() {
        None => Policy::canonical().clone(),
        Some(path) => {
            let loaded = std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| matrix_privacy_policy::load(&bytes).map_err(|e| e.to_string()));
            match loaded {
                Ok(policy) => policy,
                Err(e) => {
                    eprintln!("{path}: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let Some(category) = policy.data_category(&data) else {
        let known: Vec<&str> = policy
            .data_categories
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        eprintln!(
            "no data category `{data}`; the policy has: {}",
            known.join(", ")
        );
        return ExitCode::FAILURE;
    };

    println!("{} — {}", category.name, category.source);
    for recipient in policy.recipients_of(&data) {
        println!(
            "  received by {} ({}, {})",
            recipient.name,
            recipient.kind_in_words(),
            recipient.role_in_words()
        );
    }
    for purpose in policy.purposes_using(&data) {
        let bases: Vec<String> = purpose
            .legal_bases
            .iter()
            .map(ToString::to_string)
            .collect();
        println!("  used for {} ({})", purpose.name, bases.join(", "));
    }
    let kept: Vec<String> = policy
        .retention_for(&data)
        .map(|r| r.retention.in_words())
        .collect();
    if kept.is_empty() {
        println!("  kept: not stated in the policy");
    }
    for words in kept {
        println!("  kept {words}");
    }
    for transfer in policy.transfers_of(&data) {
        println!("  transferred: {}", transfer.destination);
    }
    ExitCode::SUCCESS
}
