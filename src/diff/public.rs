//! When adding a recipient is only information: a public indexer that reads
//! what users published.
//!
//! Naming a new public indexer is `public-indexer-added` (minor) only when
//! every data category it receives is publishable (users can choose to make
//! it readable by anyone) in *both* documents. Otherwise — a "public indexer"
//! that receives passwords, or data made publishable in the same release —
//! it is a new recipient like any other (`recipient-added`, major). Making a
//! category publishable is itself a major change
//! (`data-category-now-publishable`), so the downgrade cannot be prepared
//! by a quiet release either.

use crate::model::{Id, Policy, Recipient, RecipientKind};

/// Whether `category` is a publishable data category of `policy`.
fn publishable(policy: &Policy, category: &Id) -> bool {
    policy
        .data_categories
        .iter()
        .any(|d| d.id == *category && d.publishable)
}

/// Whether `recipient`, added in `new`, is a public indexer that receives
/// only data categories publishable in `old` and `new`.
pub(crate) fn reads_only_published(old: &Policy, new: &Policy, recipient: &Recipient) -> bool {
    recipient.kind == RecipientKind::PublicIndexer
        && recipient
            .receives
            .iter()
            .all(|c| publishable(old, c) && publishable(new, c))
}
