//! The rule catalog: every kind of change the diff engine can report.
//!
//! The catalog is data: [`RULES`] is one table, and each entry says how much
//! of a version bump the change needs, what it does to the data subject, why,
//! and which GDPR article or promise of the policy it rests on. The engine
//! only *emits* [`RuleId`]s; it never decides a bump itself.
//!
//! ```
//! use matrix_privacy_policy::diff::{Bump, Effect, RuleId, rules};
//!
//! let rule = RuleId::RecipientAdded.rule();
//! assert_eq!(rule.id, "recipient-added");
//! assert_eq!(rule.bump, Bump::Major);
//! assert_eq!(rule.effect, Effect::Expands);
//! assert_eq!(rules::find("recipient-added").map(|r| r.title), Some(rule.title));
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Bump, Effect};

/// Where a change goes in a [Keep a Changelog](https://keepachangelog.com/) section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangelogSection {
    /// Something new: data, purposes, recipients, rights, statements.
    Added,
    /// Something that was there and is now different.
    Changed,
    /// Something that is gone.
    Removed,
    /// Security measures and their parameters.
    Security,
}

impl ChangelogSection {
    /// Every section, in the order a changelog lists them.
    pub const ALL: &'static [ChangelogSection] = &[
        ChangelogSection::Added,
        ChangelogSection::Changed,
        ChangelogSection::Removed,
        ChangelogSection::Security,
    ];

    /// The heading, as Keep a Changelog spells it.
    pub fn heading(self) -> &'static str {
        match self {
            ChangelogSection::Added => "Added",
            ChangelogSection::Changed => "Changed",
            ChangelogSection::Removed => "Removed",
            ChangelogSection::Security => "Security",
        }
    }
}

/// One entry of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The stable kebab-case id (`recipient-added`).
    pub id: &'static str,
    /// The version bump a change of this kind needs (never [`Bump::None`]).
    pub bump: Bump,
    /// What the change does to the processing of the data subject's data.
    pub effect: Effect,
    /// Whether an unaccepted finding fails the check whatever the bump
    /// (the document history is append-only).
    pub fails_check: bool,
    /// The changelog section the change belongs in.
    pub changelog: ChangelogSection,
    /// A short title ("A recipient was added").
    pub title: &'static str,
    /// Why the change has this bump, in one line.
    pub rationale: &'static str,
    /// The GDPR article or the promise of the policy the rule rests on.
    pub reference: &'static str,
    /// The template of the message of a change, for rules whose message has
    /// one shape (`{label}`, `{id}`, `{target}`, `{old}`, `{new}`, … are
    /// filled in by the diff engine); empty where the engine composes it.
    #[serde(skip)]
    pub message: &'static str,
}

/// The policy's promise of notice (Matrix.org policy, §1.2).
pub const NOTICE_PROMISE: &str = "the policy's promise (§1.2) of prompt notice of \"significant changes to the way we collect or process your data\"";
/// The Matrix.org definition of a patch release.
pub const PATCH_DEFINITION: &str =
    "Matrix.org policy versioning: a patch is a typo fix, wording only";
/// The Matrix.org definition of a minor release.
pub const MINOR_DEFINITION: &str =
    "Matrix.org policy versioning: a minor release is a notable change in the text";
/// The append-only history: a published release is never rewritten.
pub const HISTORY_PROMISE: &str =
    "the document history is append-only: a published release is never rewritten";

/// The reference of the text-binding rules (`check --text`).
pub const TEXT_PROMISE: &str = "the data states what the published text states, section by section (GDPR Art. 12(1): transparent information)";

macro_rules! catalog {
    ($(
        $variant:ident = $id:literal, $bump:ident, $effect:ident, $section:ident, $fails:literal,
        $title:literal, $rationale:literal, $reference:expr $(, message $message:literal)?;
    )+) => {
        /// The id of a rule of the catalog; [`RuleId::rule`] is its entry in [`RULES`].
        ///
        /// Serializes as its kebab-case id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "`: ", $title, ".")]
                $variant,
            )+
        }

        /// The rule catalog, one entry per [`RuleId`], in [`RuleId`] order.
        pub static RULES: &[Rule] = &[$(
            Rule {
                id: $id,
                bump: Bump::$bump,
                effect: Effect::$effect,
                fails_check: $fails,
                changelog: ChangelogSection::$section,
                title: $title,
                rationale: $rationale,
                reference: $reference,
                message: concat!("" $(, $message)?),
            },
        )+];

        impl RuleId {
            /// Every rule id, in catalog order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),+];

            /// The kebab-case id.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)+
                }
            }
        }
    };
}

catalog! {
    // ----- data categories
    DataCategoryAdded = "data-category-added", Major, Expands, Added, false,
        "A data category was added",
        "More personal data is collected: users must know before it happens",
        "GDPR Art. 13(1)(c), 14(1)(d)",
        message "data category `{id}` ({name}) added: {source}, {optional}";
    DataCategoryRemoved = "data-category-removed", Minor, Restricts, Removed, false,
        "A data category was removed",
        "Less personal data is collected; worth telling, but nothing new is asked of users",
        "GDPR Art. 13(1)(c), 14(1)(d)",
        message "data category `{id}` ({name}) removed";
    DataCategoryNowMandatory = "data-category-now-mandatory", Major, Expands, Changed, false,
        "A data category became mandatory",
        "Users can no longer decline to provide data they could withhold before",
        "GDPR Art. 13(2)(e)",
        message "{label} is now mandatory";
    DataCategoryNowOptional = "data-category-now-optional", Minor, Restricts, Changed, false,
        "A data category became optional",
        "Users gain the choice not to provide the data",
        "GDPR Art. 13(2)(e)",
        message "{label} is now optional";
    DataCategoryNowPublishable = "data-category-now-publishable", Major, Expands, Changed, false,
        "A data category became publishable",
        "Data users could not publish is now said to be publishable: a public indexer may then receive it with only a minor release",
        "GDPR Art. 13(1)(e)",
        message "{label} is now publishable";
    DataCategoryNoLongerPublishable = "data-category-no-longer-publishable", Minor, Restricts, Changed, false,
        "A data category is no longer publishable",
        "Public indexers may no longer receive the data without a major release",
        "GDPR Art. 13(1)(e)",
        message "{label} is no longer publishable";
    DataCategorySourceChanged = "data-category-source-changed", Major, Expands, Changed, false,
        "The source of a data category changed",
        "The way the data is collected changes, which the policy promises to announce",
        NOTICE_PROMISE,
        message "{label} is now {new} (was {old})";
    DataCategoryServiceAdded = "data-category-service-added", Major, Expands, Changed, false,
        "A data category is collected by another service",
        "Existing data is collected in a new place",
        "GDPR Art. 13(1)(c)",
        message "data category `{id}` is now collected by service `{target}`";
    DataCategoryServiceRemoved = "data-category-service-removed", Minor, Restricts, Changed, false,
        "A data category is no longer collected by a service",
        "The data is collected in fewer places",
        "GDPR Art. 13(1)(c)",
        message "data category `{id}` is no longer collected by service `{target}`";
    DataCategoryNowHeldByController = "data-category-now-held-by-controller", Major, Expands, Changed, false,
        "The controller now holds data only a recipient held",
        "Data the controller never saw (card details on a payment page) is now in its hands and can be disclosed onwards",
        "GDPR Art. 13(1)(e), 14",
        message "{label} is now held by the controller";
    DataCategoryNoLongerHeldByController = "data-category-no-longer-held-by-controller", Minor, Restricts, Changed, false,
        "Data is now held only by a recipient",
        "The controller no longer holds the data, so it can no longer disclose it",
        "GDPR Art. 13(1)(e)",
        message "{label} is no longer held by the controller";
    DataCategoryHolderAdded = "data-category-holder-added", Major, Expands, Changed, false,
        "Another recipient holds data the controller never holds",
        "Another party receives data such as card details",
        "GDPR Art. 13(1)(e)",
        message "data category `{id}` is now also held by recipient `{target}`";
    DataCategoryHolderRemoved = "data-category-holder-removed", Minor, Restricts, Changed, false,
        "A recipient no longer holds data the controller never holds",
        "Fewer parties hold the data",
        "GDPR Art. 13(1)(e)",
        message "data category `{id}` is no longer held by recipient `{target}`";
    // ----- purposes and legal bases
    PurposeAdded = "purpose-added", Major, Expands, Added, false,
        "A purpose was added",
        "Data is processed for a reason users were not told of",
        "GDPR Art. 5(1)(b), 13(1)(c)",
        message "purpose `{id}` ({name}) added, using {data} on the basis of {bases}";
    PurposeRemoved = "purpose-removed", Minor, Restricts, Removed, false,
        "A purpose was removed",
        "Data is processed for fewer reasons",
        "GDPR Art. 13(1)(c)",
        message "purpose `{id}` ({name}) removed";
    PurposeDataAdded = "purpose-data-added", Major, Expands, Changed, false,
        "A purpose uses more data",
        "Data is used for a purpose it was not used for before",
        "GDPR Art. 5(1)(b), 13(1)(c)",
        message "purpose `{id}` now uses data category `{target}`";
    PurposeDataRemoved = "purpose-data-removed", Minor, Restricts, Changed, false,
        "A purpose uses less data",
        "Data is used for fewer purposes",
        "GDPR Art. 5(1)(c)",
        message "purpose `{id}` no longer uses data category `{target}`";
    LegalBasisChanged = "legal-basis-changed", Major, Expands, Changed, false,
        "The legal basis of a purpose changed",
        "The legal basis decides which rights apply (objection, portability, withdrawal of consent)",
        "GDPR Art. 6(1), 13(1)(c)",
        message "{label} now rests on {new} (was {old})";
    LegalBasisClarified = "legal-basis-clarified", Minor, Neutral, Changed, false,
        "A purpose's legal basis is now stated",
        "The text gave no basis for the purpose and now gives one: users learn which rights apply, nothing is weakened",
        "GDPR Art. 6(1), 13(1)(c)",
        message "{label} now states its legal basis: {new}";
    PurposeNowProcessesPersonalData = "purpose-now-processes-personal-data", Major, Expands, Changed, false,
        "A purpose now processes personal data",
        "A purpose that used no personal data now does",
        "GDPR Art. 5(1)(b), 13(1)(c)",
        message "{label} now processes personal data";
    PurposeNoLongerProcessesPersonalData = "purpose-no-longer-processes-personal-data", Minor, Restricts, Changed, false,
        "A purpose no longer processes personal data",
        "Processing of personal data for the purpose ends",
        "GDPR Art. 5(1)(c)",
        message "{label} no longer processes personal data";
    PurposeDocumentAdded = "purpose-document-added", Minor, Neutral, Changed, false,
        "A purpose names a document it rests on",
        "Users learn which terms the processing rests on; the processing is the same",
        "GDPR Art. 6(1)(b), 13(1)(c)",
        message "purpose `{id}` now names related document `{target}`";
    PurposeDocumentRemoved = "purpose-document-removed", Minor, Neutral, Changed, false,
        "A purpose no longer names a document",
        "The reference to the terms the processing rests on is gone; the processing is the same",
        "GDPR Art. 6(1)(b), 13(1)(c)",
        message "purpose `{id}` no longer names related document `{target}`";
    // ----- recipients
    RecipientAdded = "recipient-added", Major, Expands, Added, false,
        "A recipient was added",
        "A new party receives personal data",
        "GDPR Art. 13(1)(e)",
        message "recipient `{id}` ({name}, {role}) added, receiving {receives}";
    PublicIndexerAdded = "public-indexer-added", Minor, Neutral, Added, false,
        "A public indexer was named",
        "It receives only data categories that are publishable in both documents, and reads only what users chose to make readable by everyone, which anyone could already read: naming it informs, it does not widen what the controller discloses. One that receives anything else is a `recipient-added`",
        "GDPR Art. 13(1)(e)",
        message "public indexer `{id}` ({name}) named, reading {receives}{condition}";
    RecipientRemoved = "recipient-removed", Minor, Restricts, Removed, false,
        "A recipient was removed",
        "Fewer parties receive personal data",
        "GDPR Art. 13(1)(e)",
        message "recipient `{id}` ({name}) removed";
    RecipientDataAdded = "recipient-data-added", Major, Expands, Changed, false,
        "A recipient receives more data",
        "A party receives data it did not receive before",
        "GDPR Art. 13(1)(e)",
        message "recipient `{id}` now receives data category `{target}`";
    RecipientDataRemoved = "recipient-data-removed", Minor, Restricts, Changed, false,
        "A recipient receives less data",
        "A party receives less data",
        "GDPR Art. 13(1)(e)",
        message "recipient `{id}` no longer receives data category `{target}`";
    RecipientPurposeAdded = "recipient-purpose-added", Major, Expands, Changed, false,
        "A recipient receives data for another purpose",
        "A party gets data for a reason users were not told of",
        "GDPR Art. 5(1)(b), 13(1)(e)",
        message "recipient `{id}` now receives data for purpose `{target}`";
    RecipientPurposeRemoved = "recipient-purpose-removed", Minor, Restricts, Changed, false,
        "A recipient receives data for fewer purposes",
        "A party gets data for fewer reasons",
        "GDPR Art. 13(1)(e)",
        message "recipient `{id}` no longer receives data for purpose `{target}`";
    RecipientRoleChanged = "recipient-role-changed", Major, Expands, Changed, false,
        "The GDPR role of a recipient changed",
        "A processor acts on instructions; a controller decides its own uses: who answers for the data changes",
        "GDPR Art. 26, 28",
        message "{label} is now {new} (was {old})";
    RecipientRoleClarified = "recipient-role-clarified", Minor, Neutral, Changed, false,
        "A recipient's GDPR role is now stated",
        "The text named no role and now names one: users learn who answers for the data, nothing is weakened",
        "GDPR Art. 13(1)(e), 26, 28",
        message "{label}'s role is now stated: {new}";
    RecipientReceivesClarified = "recipient-receives-clarified", Minor, Neutral, Changed, false,
        "What a recipient receives is now stated",
        "The text did not say which data the recipient receives and now does: information added, not a new disclosure",
        "GDPR Art. 13(1)(e)",
        message "{label} is now stated to receive {new}";
    RecipientKindChanged = "recipient-kind-changed", Minor, Neutral, Changed, false,
        "The kind of a recipient changed",
        "What the party does for the controller is described differently",
        "GDPR Art. 13(1)(e)",
        message "{label} is now classed as {new} (was {old})";
    RecipientConditionAdded = "recipient-condition-added", Minor, Restricts, Changed, false,
        "A recipient receives data only under a condition",
        "Data that was always shared is now shared only in some circumstances",
        "GDPR Art. 13(1)(e)",
        message "{label} now receives data only on a condition: {new}";
    RecipientConditionRemoved = "recipient-condition-removed", Major, Expands, Changed, false,
        "A recipient receives data unconditionally",
        "Data that was shared only in some circumstances is now always shared",
        "GDPR Art. 13(1)(e)",
        message "{label} now receives data unconditionally (was only: {old})";
    RecipientShareChanged = "recipient-share-changed", Minor, Neutral, Changed, false,
        "A hosting supplier hosts a different share of the service",
        "The supplier already receives the data; only how much of the service it hosts moved (all, majority, some)",
        "GDPR Art. 13(1)(e)",
        message "{label} now hosts {new} of the service (was {old})";
    RecipientConditionChanged = "recipient-condition-changed", Major, Expands, Changed, false,
        "The condition under which a recipient receives data changed",
        "Free-text conditions do not compare, so the change is taken as an expansion; accept it with a reason when it is only wording",
        NOTICE_PROMISE,
        message "the condition of {label} changed: {old} → {new}";
    RecipientPrivacyPolicyChanged = "recipient-privacy-policy-changed", Patch, Neutral, Changed, false,
        "The link to a recipient's own privacy policy changed",
        "A third party's link is reference material, not a change in processing",
        PATCH_DEFINITION,
        message "privacy policy link of {label} changed: {old} → {new}";
    ValueNowStated = "value-now-stated", Patch, Neutral, Changed, false,
        "A value that was our reading of the text is now stated by it",
        "The value is the same; the text now says outright what the encoding read into it",
        PATCH_DEFINITION,
        message "{label}: the text now states its {field} outright (still {new}; was our reading)";
    ValueNoLongerStated = "value-no-longer-stated", Major, Expands, Changed, false,
        "A value the text stated is now only our reading",
        "The text no longer says it outright: a reader can no longer rely on it as a promise",
        NOTICE_PROMISE,
        message "{label}: the text no longer states its {field} outright; {new} is now only our reading";
    RelatedDocumentAdded = "related-document-added", Minor, Neutral, Added, false,
        "A related document is named",
        "The policy points to another document of the controller: notable information, not a change in processing",
        MINOR_DEFINITION,
        message "related document `{id}` ({title}) is now named";
    RelatedDocumentRemoved = "related-document-removed", Minor, Neutral, Removed, false,
        "A related document is no longer named",
        "The policy no longer points to the document: notable information, not a change in processing",
        MINOR_DEFINITION,
        message "related document `{id}` ({title}) is no longer named";
    // ----- transfers
    TransferAdded = "transfer-added", Major, Expands, Added, false,
        "A transfer to a third country was added",
        "Data leaves the protection of the GDPR's territory in a new way",
        "GDPR Art. 13(1)(f), 44",
        message "transfer `{id}` to {destination} added, to {recipients}, under {safeguards}";
    TransferRemoved = "transfer-removed", Minor, Restricts, Removed, false,
        "A transfer to a third country was removed",
        "Data leaves the GDPR's territory in fewer ways",
        "GDPR Art. 13(1)(f)",
        message "transfer `{id}` to {destination} removed";
    TransferDestinationNarrowed = "transfer-destination-narrowed", Minor, Restricts, Changed, false,
        "A transfer goes to fewer places",
        "The new region lies inside the old one (compared as sets of countries at the new release's date)",
        "GDPR Art. 13(1)(f), 44",
        message "{label} now goes to {new} (was {old}): a narrower region";
    TransferDestinationWidened = "transfer-destination-widened", Major, Expands, Changed, false,
        "A transfer goes to more places",
        "The new region contains the old one and more: data goes where users were not told of",
        "GDPR Art. 13(1)(f), 44",
        message "{label} now goes to {new} (was {old}): a wider region";
    TransferDestinationRestated = "transfer-destination-restated", Patch, Neutral, Changed, false,
        "A transfer's destination is worded differently, same region",
        "The typed region is the same set of countries; only the text's words moved",
        "GDPR Art. 13(1)(f)",
        message "{label}: destination reworded {old} → {new} (same region)";
    TransferDestinationChanged = "transfer-destination-changed", Major, Expands, Changed, false,
        "The destination of a transfer changed",
        "Data goes to a place users were not told of",
        "GDPR Art. 13(1)(f), 44",
        message "{label} now goes to {new} (was {old})";
    TransferRecipientAdded = "transfer-recipient-added", Major, Expands, Changed, false,
        "A transfer goes to another recipient",
        "Another party receives data abroad",
        "GDPR Art. 13(1)(f)",
        message "transfer `{id}` now also goes to recipient `{target}`";
    TransferRecipientRemoved = "transfer-recipient-removed", Minor, Restricts, Changed, false,
        "A transfer goes to fewer recipients",
        "Fewer parties receive data abroad",
        "GDPR Art. 13(1)(f)",
        message "transfer `{id}` no longer goes to recipient `{target}`";
    TransferSafeguardRemoved = "transfer-safeguard-removed", Major, Expands, Changed, false,
        "A transfer safeguard was removed",
        "Data abroad is less protected",
        "GDPR Art. 46",
        message "transfer `{id}` is no longer covered by {target}";
    TransferSafeguardAdded = "transfer-safeguard-added", Minor, Restricts, Changed, false,
        "A transfer safeguard was added",
        "Data abroad is better protected",
        "GDPR Art. 46",
        message "transfer `{id}` is now covered by {target}";
    TransferSafeguardsClarified = "transfer-safeguards-clarified", Minor, Neutral, Changed, false,
        "A transfer's safeguards are now stated",
        "The text stated no safeguard for the transfer and now states one: information added, nothing weakened",
        "GDPR Art. 13(1)(f), 46",
        message "{label} now states its safeguards: {new}";
    // ----- retention
    RetentionExtended = "retention-extended", Major, Expands, Changed, false,
        "Data is kept longer",
        "A longer retention expands processing",
        "GDPR Art. 5(1)(e), 13(2)(a)",
        message "{label} extended: {old} → {new}";
    RetentionShortened = "retention-shortened", Minor, Restricts, Changed, false,
        "Data is kept for a shorter time",
        "A shorter retention restricts processing",
        "GDPR Art. 5(1)(e), 13(2)(a)",
        message "{label} shortened: {old} → {new}";
    RetentionIncomparable = "retention-incomparable", Major, Expands, Changed, false,
        "A retention changed in a way that does not compare",
        "When the old and new retention cannot be ordered (P1M against P30D, a fixed period against an event), the change may be longer: be conservative",
        "GDPR Art. 5(1)(e), 13(2)(a)",
        message "{label} changed from {old} to {new}: {why}; taken as longer";
    RetentionReasonChanged = "retention-reason-changed", Patch, Neutral, Changed, false,
        "The reason for indefinite retention was reworded",
        "The data is kept indefinitely before and after; only the explanation changed",
        PATCH_DEFINITION,
        message "the reason {label} keeps data indefinitely was reworded";
    RetentionDataAdded = "retention-data-added", Major, Expands, Changed, false,
        "A retention rule covers more data",
        "Data falls under a rule that may keep it longer than before",
        "GDPR Art. 13(2)(a)",
        message "retention rule `{id}` ({detail}) now also covers data category `{target}`";
    RetentionDataRemoved = "retention-data-removed", Major, Expands, Changed, false,
        "A retention rule no longer covers some data",
        "The data that is still collected loses its stated limit",
        "GDPR Art. 13(2)(a)",
        message "retention rule `{id}` no longer covers data category `{target}`, which is still collected";
    RetentionRuleAdded = "retention-rule-added", Minor, Restricts, Added, false,
        "A retention rule was added",
        "Users learn how long more data is kept",
        "GDPR Art. 13(2)(a)",
        message "retention rule `{id}` added: {data} kept {keep}";
    RetentionRuleRemoved = "retention-rule-removed", Major, Expands, Removed, false,
        "A retention rule was removed",
        "Data that is still collected loses its stated limit",
        "GDPR Art. 13(2)(a)",
        message "retention rule `{id}` ({retention}) removed: {data} no longer {have} a stated retention";
    RetentionRuleRemovedWithData = "retention-rule-removed-with-data", Minor, Restricts, Removed, false,
        "A retention rule was removed together with its data",
        "None of the data it covered is collected any more",
        "GDPR Art. 13(2)(a)",
        message "retention rule `{id}` removed with all the data it covered ({data})";
    // ----- rights
    RightAdded = "right-added", Minor, Restricts, Added, false,
        "A right is stated",
        "Users learn of a right; protection grows",
        "GDPR Art. 12-22, 13(2)(b)",
        message "the {right} ({article}) is now stated";
    RightRemoved = "right-removed", Major, Expands, Removed, false,
        "A right is no longer stated",
        "Protection shrinks: users may no longer know they have the right",
        "GDPR Art. 12-22, 13(2)(b)",
        message "the {right} ({article}) is no longer stated";
    ExerciseMethodAdded = "exercise-method-added", Minor, Restricts, Added, false,
        "A right can be exercised in another way",
        "Exercising the right becomes easier",
        "GDPR Art. 12(2)";
    ExerciseMethodRemoved = "exercise-method-removed", Major, Expands, Removed, false,
        "A way to exercise a right was removed",
        "Exercising the right becomes harder",
        "GDPR Art. 12(2)";
    CaveatAdded = "caveat-added", Major, Expands, Added, false,
        "A right gained a caveat",
        "A caveat limits the right: protection shrinks",
        "GDPR Art. 12-23",
        message "caveat `{id}` added to {right}: {description}";
    CaveatRemoved = "caveat-removed", Minor, Restricts, Removed, false,
        "A caveat of a right was removed",
        "The right is less limited",
        "GDPR Art. 12-23",
        message "caveat `{id}` of {right} removed";
    // ----- controller, contacts, supervisory authority
    ControllerChanged = "controller-changed", Major, Expands, Changed, false,
        "The controller changed",
        "Another party decides how personal data is processed",
        "GDPR Art. 13(1)(a)";
    ControllerDetailsChanged = "controller-details-changed", Patch, Neutral, Changed, false,
        "A detail of the controller changed",
        "The controller's incorporation date is reference information",
        PATCH_DEFINITION;
    ControllerAddressChanged = "controller-address-changed", Minor, Neutral, Changed, false,
        "The controller's address changed",
        "Contact details are notable information, not a change in processing",
        "GDPR Art. 13(1)(a)";
    ContactAdded = "contact-added", Minor, Neutral, Added, false,
        "A contact was added",
        "Contact details are notable information, not a change in processing",
        "GDPR Art. 13(1)(a), 13(1)(b)",
        message "contact `{id}` ({role}{addresses}) added";
    ContactRemoved = "contact-removed", Minor, Neutral, Removed, false,
        "A contact was removed",
        "Contact details are notable information, not a change in processing",
        "GDPR Art. 13(1)(a), 13(1)(b)",
        message "contact `{id}` ({role}{addresses}) removed";
    ContactChanged = "contact-changed", Minor, Neutral, Changed, false,
        "A contact changed",
        "Contact details are notable information, not a change in processing",
        "GDPR Art. 13(1)(a), 13(1)(b)";
    SupervisoryAuthorityChanged = "supervisory-authority-changed", Minor, Neutral, Changed, false,
        "The supervisory authority changed",
        "Where to complain is notable information; the right to complain is unchanged",
        "GDPR Art. 13(2)(d), 77";
    // ----- security
    SecurityMeasureAdded = "security-measure-added", Minor, Restricts, Security, false,
        "A security measure was added",
        "Protection grows",
        "GDPR Art. 32",
        message "security measure `{id}` ({kind}) added";
    SecurityMeasureRemoved = "security-measure-removed", Major, Expands, Security, false,
        "A security measure was removed",
        "Protection shrinks",
        "GDPR Art. 32",
        message "security measure `{id}` ({kind}) removed";
    SecurityMeasureKindChanged = "security-measure-kind-changed", Minor, Neutral, Security, false,
        "A security measure was reclassified",
        "The measure is described as another kind; read it again",
        "GDPR Art. 32",
        message "{label} is now classed as {new} (was {old})";
    SecurityMeasureScopeExtended = "security-measure-scope-extended", Minor, Restricts, Security, false,
        "A security measure protects more data",
        "Protection grows",
        "GDPR Art. 32",
        message "security measure `{id}` now also protects data category `{target}`";
    SecurityMeasureScopeReduced = "security-measure-scope-reduced", Major, Expands, Security, false,
        "A security measure protects less data",
        "Protection shrinks for data that is still collected",
        "GDPR Art. 32",
        message "security measure `{id}` no longer protects data category `{target}`, which is still collected";
    ParameterAdded = "parameter-added", Minor, Restricts, Security, false,
        "A security measure states another parameter",
        "A new stated guarantee",
        "GDPR Art. 32",
        message "{label} now states `{name}` = {new}";
    ParameterRemoved = "parameter-removed", Major, Expands, Security, false,
        "A security parameter was removed",
        "A stated guarantee is gone",
        "GDPR Art. 32",
        message "{label} no longer states `{name}` (was {old})";
    ParameterStrengthened = "parameter-strengthened", Minor, Restricts, Security, false,
        "A security parameter was strengthened",
        "The parameter moved in its stronger direction",
        "GDPR Art. 32",
        message "`{name}` of {label} strengthened: {old} → {new} ({stronger} is stronger)";
    ParameterWeakened = "parameter-weakened", Major, Expands, Security, false,
        "A security parameter was weakened",
        "The parameter moved in its weaker direction: protection shrinks",
        "GDPR Art. 32",
        message "`{name}` of {label} weakened: {old} → {new} ({stronger} is stronger)";
    ParameterRestated = "parameter-restated", Patch, Neutral, Changed, false,
        "A security parameter is stated differently with the same strength",
        "After normalising units (cost factor 12 = 4096 rounds) the value is the same; only its wording, unit or inferred/stated marking moved",
        "GDPR Art. 32",
        message "`{name}` of {label} restated: {old} → {new} (same strength)";
    ParameterChanged = "parameter-changed", Major, Expands, Security, false,
        "A security parameter changed in a way that does not compare",
        "Text values (an algorithm), a changed type or direction cannot be ordered: the change may weaken protection",
        "GDPR Art. 32",
        message "`{name}` of {label} changed: {old} → {new} ({why})";
    // ----- children, profiling
    MinimumAgeLowered = "minimum-age-lowered", Major, Expands, Changed, false,
        "The minimum age was lowered",
        "Younger people's data is processed",
        "GDPR Art. 8",
        message "the minimum age was lowered from {old} to {new}";
    MinimumAgeRaised = "minimum-age-raised", Minor, Restricts, Changed, false,
        "The minimum age was raised",
        "Fewer young people's data is processed",
        "GDPR Art. 8",
        message "the minimum age was raised from {old} to {new}";
    MinimumAgeAdded = "minimum-age-added", Minor, Restricts, Added, false,
        "A minimum age is stated",
        "Users learn of a limit",
        "GDPR Art. 8",
        message "a minimum age of {age} is now stated";
    MinimumAgeRemoved = "minimum-age-removed", Major, Expands, Removed, false,
        "The minimum age is no longer stated",
        "The limit is gone: anyone's data may be processed",
        "GDPR Art. 8",
        message "the minimum age ({age}) is no longer stated";
    ProfilingStarted = "profiling-started", Major, Expands, Changed, false,
        "Users are profiled",
        "Profiling is new processing of a sensitive kind",
        "GDPR Art. 13(2)(f), 21, 22",
        message "users are now profiled";
    ProfilingStopped = "profiling-stopped", Minor, Restricts, Changed, false,
        "Users are no longer profiled",
        "Processing shrinks",
        "GDPR Art. 13(2)(f)",
        message "users are no longer profiled";
    ProfilingStatementAdded = "profiling-statement-added", Minor, Restricts, Added, false,
        "The policy states that users are not profiled",
        "A new statement that limits processing",
        "GDPR Art. 13(2)(f)",
        message "the policy now states that users are not profiled";
    ProfilingStatementRemoved = "profiling-statement-removed", Major, Expands, Removed, false,
        "The policy no longer says whether users are profiled",
        "A statement about profiling is gone: profiling may start unannounced",
        "GDPR Art. 13(2)(f)",
        message "the policy no longer says whether users are profiled (it said they {was})";
    AutomatedDecisionsStarted = "automated-decisions-started", Major, Expands, Changed, false,
        "Automated decisions with legal or similar effect are made",
        "Automated decisions touch the data subject directly",
        "GDPR Art. 22",
        message "automated decisions with legal or similar effect are now made";
    AutomatedDecisionsStopped = "automated-decisions-stopped", Minor, Restricts, Changed, false,
        "Automated decisions are no longer made",
        "Processing shrinks",
        "GDPR Art. 22",
        message "automated decisions with legal or similar effect are no longer made";
    AutomatedDecisionsStatementAdded = "automated-decisions-statement-added", Minor, Restricts, Added, false,
        "The policy states that no automated decisions are made",
        "A new statement that limits processing",
        "GDPR Art. 13(2)(f)",
        message "the policy now states that no automated decisions with legal or similar effect are made";
    AutomatedDecisionsStatementRemoved = "automated-decisions-statement-removed", Major, Expands, Removed, false,
        "The policy no longer says that no automated decisions are made",
        "A limiting statement is gone",
        "GDPR Art. 13(2)(f)",
        message "the policy no longer states that no automated decisions with legal or similar effect are made";
    // ----- services
    ServiceAdded = "service-added", Major, Expands, Added, false,
        "A service is covered",
        "The policy covers processing in a new service",
        NOTICE_PROMISE,
        message "service `{id}` ({name}) is now covered";
    ServiceRemoved = "service-removed", Minor, Restricts, Removed, false,
        "A service is no longer covered",
        "Less processing is covered",
        MINOR_DEFINITION,
        message "service `{id}` ({name}) is no longer covered";
    ServiceOperatorAdded = "service-operator-added", Major, Expands, Changed, false,
        "A service is operated by another recipient",
        "Another party runs a service that processes personal data",
        "GDPR Art. 28",
        message "service `{id}` is now operated by recipient `{target}`";
    ServiceOperatorRemoved = "service-operator-removed", Minor, Restricts, Changed, false,
        "A service is operated by fewer recipients",
        "Fewer parties run the service",
        "GDPR Art. 28",
        message "service `{id}` is no longer operated by recipient `{target}`";
    // ----- history visibility (explanatory content)
    VisibilityOptionAdded = "visibility-option-added", Minor, Neutral, Added, false,
        "A history visibility setting is explained",
        "New explanatory content",
        MINOR_DEFINITION,
        message "history visibility setting `{id}` is now explained ({public}): {description}";
    VisibilityOptionRemoved = "visibility-option-removed", Minor, Neutral, Removed, false,
        "A history visibility setting is no longer explained",
        "Explanatory content removed",
        MINOR_DEFINITION,
        message "history visibility setting `{id}` is no longer explained";
    VisibilityOptionChanged = "visibility-option-changed", Minor, Neutral, Changed, false,
        "The rank of a history visibility setting changed",
        "The explanation of the settings changed",
        MINOR_DEFINITION,
        message "{label} now ranks {new} in openness (was {old})";
    VisibilityOptionNowPublic = "visibility-option-now-public", Major, Expands, Changed, false,
        "A history visibility setting now makes history public",
        "Conversations under the setting become readable by anyone",
        NOTICE_PROMISE,
        message "rooms with history visibility `{id}` are now readable by the public";
    VisibilityOptionNoLongerPublic = "visibility-option-no-longer-public", Minor, Restricts, Changed, false,
        "A history visibility setting no longer makes history public",
        "Conversations under the setting are less exposed",
        MINOR_DEFINITION,
        message "rooms with history visibility `{id}` are no longer readable by the public";
    // ----- statements
    CommitmentAdded = "commitment-added", Minor, Restricts, Added, false,
        "A commitment was added",
        "A new promise to the data subject",
        MINOR_DEFINITION,
        message "statement `{id}` is now a commitment";
    CommitmentRemoved = "commitment-removed", Major, Expands, Removed, false,
        "A commitment was removed",
        "A promise to the data subject is gone: protection shrinks",
        NOTICE_PROMISE,
        message "statement `{id}` is no longer a commitment";
    CommitmentChanged = "commitment-changed", Major, Expands, Changed, false,
        "A commitment was reworded",
        "A reworded promise may promise less; accept it with a reason when it is only wording",
        NOTICE_PROMISE;
    StatementAdded = "statement-added", Minor, Neutral, Added, false,
        "A statement was added",
        "New explanatory content",
        MINOR_DEFINITION;
    StatementRemoved = "statement-removed", Minor, Neutral, Removed, false,
        "A statement was removed",
        "Explanatory content removed",
        MINOR_DEFINITION;
    StatementChanged = "statement-changed", Patch, Neutral, Changed, false,
        "A statement was reworded",
        "Wording of a statement that is not a commitment",
        PATCH_DEFINITION;
    // ----- wording
    TitleChanged = "title-changed", Patch, Neutral, Changed, false,
        "The document's title changed",
        "Wording only",
        PATCH_DEFINITION,
        message "title changed: {old} → {new}";
    LanguageChanged = "language-changed", Patch, Neutral, Changed, false,
        "The document's language tag changed",
        "Metadata only",
        PATCH_DEFINITION,
        message "language changed: {old} → {new}";
    NameChanged = "name-changed", Patch, Neutral, Changed, false,
        "An entity was renamed",
        "Wording only: the id, and so the entity, is the same",
        PATCH_DEFINITION,
        message "{label} renamed: {old} → {new}";
    DescriptionChanged = "description-changed", Patch, Neutral, Changed, false,
        "A description was reworded",
        "Wording only",
        PATCH_DEFINITION,
        message "description of {label} reworded: now {new}";
    SectionsChanged = "sections-changed", Patch, Neutral, Changed, false,
        "A statement points to other sections of the text",
        "Headings and numbering only",
        PATCH_DEFINITION,
        message "sections of {label} changed: now {new} (was {old})";
    SectionAdded = "section-added", Patch, Neutral, Added, false,
        "A section of the text was added to the document's sections",
        "Text structure only: what the section states is compared on the statements that cite it",
        PATCH_DEFINITION,
        message "section `{id}` added to the text's sections: {section}";
    SectionRemoved = "section-removed", Patch, Neutral, Removed, false,
        "A section of the text was removed from the document's sections",
        "Text structure only: what the section stated is compared on the statements that cited it",
        PATCH_DEFINITION,
        message "section `{id}` removed from the text's sections (was {section})";
    SectionRenamed = "section-renamed", Patch, Neutral, Changed, false,
        "A section of the text has a new heading",
        "Headings only: the id, and so the section's subject, is the same",
        PATCH_DEFINITION,
        message "section `{id}` renamed: {old} → {new}";
    SectionRenumbered = "section-renumbered", Patch, Neutral, Changed, false,
        "A section of the text has a new number",
        "Numbering only: the id, and so the section's subject, is the same",
        PATCH_DEFINITION,
        message "section `{id}` renumbered: {old} → {new} ({heading})";
    LinkChanged = "link-changed", Patch, Neutral, Changed, false,
        "A link changed",
        "Links are reference material",
        PATCH_DEFINITION,
        message "{whose} link changed: {old} → {new}";
    // ----- history
    HistoryEntryAdded = "history-entry-added", Patch, Neutral, Added, false,
        "A release was added to the history",
        "Every release appends its own entry",
        HISTORY_PROMISE,
        message "release {version} ({date}) added to the history: {summary}";
    HistoryRewritten = "history-rewritten", Patch, Neutral, Changed, true,
        "A published release's history entry was edited",
        "The history is append-only: fails the check unless accepted with a reason",
        HISTORY_PROMISE,
        message "the history entry of release {version} was edited: {what}";
    HistoryEntryRemoved = "history-entry-removed", Patch, Neutral, Removed, true,
        "A published release's history entry was removed",
        "The history is append-only: fails the check unless accepted with a reason",
        HISTORY_PROMISE,
        message "the history entry of release {version} ({date}) was removed";
    HistoryEntryBackfilled = "history-entry-backfilled", Patch, Neutral, Added, true,
        "A history entry was inserted before the old version",
        "The history is append-only: a release older than the old document cannot appear later; fails the check unless accepted with a reason",
        HISTORY_PROMISE,
        message "a history entry for release {version} ({date}) was inserted, though the old document is already at {old_version}";
    TextChangedDataUnchanged = "text-changed-data-unchanged", Patch, Neutral, Changed, false,
        "A section of the text changed, but no statement citing it did",
        "The encoding may have missed part of the change: at least a patch release, and a reviewer should compare the section with the data",
        TEXT_PROMISE,
        message "text section {section} ({file} line {line}) changed, but no statement citing it changed: is the encoding complete?";
    TextSectionUncited = "text-section-uncited", Patch, Neutral, Added, true,
        "A section of the new text is cited by no statement",
        "What the section says is not in the data at all; fails the check until a statement cites it",
        TEXT_PROMISE,
        message "text section {section} ({file} line {line}) is cited by no statement of the data";
    TextSectionMissing = "text-section-missing", Patch, Neutral, Removed, true,
        "The data lists a section the new text does not have",
        "An entry of the sections table that names no section of the text binds the statements citing it to nothing; fails the check until the entry is fixed",
        TEXT_PROMISE,
        message "the data lists section {section}, which {file} does not have";
}

impl RuleId {
    /// The rule's entry in [`RULES`].
    pub fn rule(self) -> &'static Rule {
        // `RULES` is generated in `RuleId` order by the same macro invocation.
        &RULES[self as usize]
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A string that is not the id of a rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a rule id (see `privacy-policy rules`)")]
pub struct UnknownRule(pub String);

impl FromStr for RuleId {
    type Err = UnknownRule;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRule(s.chars().take(80).collect()))
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The rule with this kebab-case id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Up to five rule ids that look like `id` (one contains the other, or they
/// share words), best first, for "did you mean" hints.
pub fn similar(id: &str) -> Vec<&'static str> {
    let id = id.trim().to_ascii_lowercase();
    if id.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = id.split(['-', '_', ' ']).filter(|w| w.len() > 2).collect();
    let mut scored: Vec<(usize, usize, &'static str)> = RULES
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let score = if r.id.contains(id.as_str()) || id.contains(r.id) {
                usize::MAX
            } else {
                words.iter().filter(|w| r.id.contains(**w)).count()
            };
            (score > 0).then_some((score, i, r.id))
        })
        .collect();
    scored.sort_by_key(|&(score, i, _)| (std::cmp::Reverse(score), i));
    scored.into_iter().take(5).map(|(_, _, id)| id).collect()
}

/// The catalog, most severe first and in catalog order within a bump.
pub fn sorted() -> Vec<&'static Rule> {
    let mut rules: Vec<&Rule> = RULES.iter().collect();
    rules.sort_by_key(|r| std::cmp::Reverse(r.bump));
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_order() {
        assert_eq!(RULES.len(), RuleId::ALL.len());
        for (i, id) in RuleId::ALL.iter().enumerate() {
            assert_eq!(*id as usize, i);
            assert_eq!(RULES[i].id, id.as_str());
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(*id));
        }
    }

    #[test]
    fn similar_ids() {
        assert!(similar("recipient-add").contains(&"recipient-added"));
        assert!(similar("retention").contains(&"retention-extended"));
        assert!(similar("").is_empty());
    }
}
