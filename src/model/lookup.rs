//! Reverse lookups: from a data category to everything the policy says
//! about it (who receives it, why, for how long, where it goes, what
//! protects it).
//!
//! The policy links entities by id in one direction (a recipient lists the
//! data it receives); these methods answer the reader's question the other
//! way round. Each returns the entities in document order.
//!
//! ```
//! use matrix_privacy_policy::Policy;
//!
//! let policy = Policy::canonical();
//! let who: Vec<&str> = policy.recipients_of("ip_address").map(|r| r.name.as_str()).collect();
//! assert!(who.contains(&"Element"));
//! let kept: Vec<String> = policy.retention_for("ip_address").map(|r| r.retention.in_words()).collect();
//! assert_eq!(kept, ["at most 180 days"]);
//! ```

use super::{
    Id, Policy, Purpose, Recipient, RetentionRule, Section, SecurityMeasure, Service, Transfer,
};

impl Policy {
    /// The section of the text with this id.
    ///
    /// ```
    /// use matrix_privacy_policy::Policy;
    ///
    /// let policy = Policy::canonical();
    /// let passwords = policy.section("passwords").unwrap();
    /// assert_eq!(passwords.label(), "2.6 How do you handle passwords?");
    /// ```
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The cited sections as a reader names them (`2.6 How do you handle
    /// passwords?`), in citation order; an id the document does not list
    /// is shown as the id itself.
    pub fn section_labels(&self, ids: &[Id]) -> Vec<String> {
        ids.iter()
            .map(|id| match self.section(id.as_str()) {
                Some(s) => s.label(),
                None => id.to_string(),
            })
            .collect()
    }

    /// The recipients the policy says receive the data category `data` (by id).
    ///
    /// Recipients whose data the policy does not state are not among them:
    /// see [`Policy::recipients_with_unstated_data`].
    pub fn recipients_of<'a>(&'a self, data: &'a str) -> impl Iterator<Item = &'a Recipient> + 'a {
        self.recipients
            .iter()
            .filter(move |r| r.receives.iter().any(|d| d == data))
    }

    /// The recipients whose received data the policy does not state (an
    /// empty `receives`): they may receive any category.
    pub fn recipients_with_unstated_data(&self) -> impl Iterator<Item = &Recipient> + '_ {
        self.recipients.iter().filter(|r| r.receives.is_empty())
    }

    /// The purposes that process the data category `data`.
    pub fn purposes_using<'a>(&'a self, data: &'a str) -> impl Iterator<Item = &'a Purpose> + 'a {
        self.purposes
            .iter()
            .filter(move |p| p.data.iter().any(|d| d == data))
    }

    /// The retention rules that cover the data category `data` (none: the
    /// policy does not say how long it is kept).
    pub fn retention_for<'a>(
        &'a self,
        data: &'a str,
    ) -> impl Iterator<Item = &'a RetentionRule> + 'a {
        self.retention
            .iter()
            .filter(move |r| r.data.iter().any(|d| d == data))
    }

    /// The ids of the data categories no retention rule covers: the policy
    /// does not say how long they are kept.
    ///
    /// ```
    /// use matrix_privacy_policy::Policy;
    /// let policy = Policy::canonical();
    /// for id in policy.without_retention() {
    ///     assert!(policy.retention_for(id.as_str()).next().is_none());
    /// }
    /// ```
    pub fn without_retention(&self) -> Vec<crate::Id> {
        self.data_categories
            .iter()
            .filter(|d| self.retention_for(d.id.as_str()).next().is_none())
            .map(|d| d.id.clone())
            .collect()
    }

    /// The transfers to third countries that go to a recipient of the data
    /// category `data`.
    pub fn transfers_of<'a>(&'a self, data: &'a str) -> impl Iterator<Item = &'a Transfer> + 'a {
        self.transfers.iter().filter(move |t| {
            t.recipients.iter().any(|id| {
                self.recipient(id.as_str())
                    .is_some_and(|r| r.receives.iter().any(|d| d == data))
            })
        })
    }

    /// The security measures the policy says protect the data category
    /// `data`. Measures that do not name the data they protect are not among
    /// them: see [`Policy::security_measures_general`].
    pub fn security_measures_for<'a>(
        &'a self,
        data: &'a str,
    ) -> impl Iterator<Item = &'a SecurityMeasure> + 'a {
        self.security_measures
            .iter()
            .filter(move |m| m.applies_to.iter().any(|d| d == data))
    }

    /// The security measures that do not name the data they protect.
    pub fn security_measures_general(&self) -> impl Iterator<Item = &SecurityMeasure> + '_ {
        self.security_measures
            .iter()
            .filter(|m| m.applies_to.is_empty())
    }

    /// The services that collect the data category `data`.
    pub fn services_collecting<'a>(
        &'a self,
        data: &'a str,
    ) -> impl Iterator<Item = &'a Service> + 'a {
        let ids = self
            .data_category(data)
            .map(|d| d.services.as_slice())
            .unwrap_or_default();
        self.services.iter().filter(move |s| ids.contains(&s.id))
    }

    /// The transfers that go to the recipient `recipient` (by id).
    pub fn transfers_to<'a>(
        &'a self,
        recipient: &'a str,
    ) -> impl Iterator<Item = &'a Transfer> + 'a {
        self.transfers
            .iter()
            .filter(move |t| t.recipients.iter().any(|r| r == recipient))
    }
}

#[cfg(test)]
mod tests {
    use crate::Policy;

    fn ids<'a, T: 'a>(items: impl Iterator<Item = &'a T>, id: impl Fn(&T) -> &str) -> Vec<String> {
        items.map(|t| id(t).to_owned()).collect()
    }

    #[test]
    fn ip_address() {
        let p = Policy::canonical();
        let who = ids(p.recipients_of("ip_address"), |r| r.id.as_str());
        assert!(who.contains(&"element".to_owned()), "{who:?}");
        assert!(!who.contains(&"cloudflare".to_owned()));
        let unstated = ids(p.recipients_with_unstated_data(), |r| r.id.as_str());
        assert!(unstated.contains(&"cloudflare".to_owned()));
        assert_eq!(
            ids(p.retention_for("ip_address"), |r| r.id.as_str()),
            ["ip_address_logs"]
        );
        assert!(p.purposes_using("ip_address").count() > 0);
        assert_eq!(p.transfers_of("ip_address").count(), 0);
        assert!(p.transfers_of("messages_and_files").count() > 0);
        assert_eq!(
            ids(p.services_collecting("ip_address"), |s| s.id.as_str()).len(),
            p.data_category("ip_address")
                .map_or(0, |d| d.services.len())
        );
    }

    #[test]
    fn unknown_ids_find_nothing() {
        let p = Policy::canonical();
        assert_eq!(p.recipients_of("no_such").count(), 0);
        assert_eq!(p.purposes_using("no_such").count(), 0);
        assert_eq!(p.retention_for("no_such").count(), 0);
        assert_eq!(p.transfers_of("no_such").count(), 0);
        assert_eq!(p.security_measures_for("no_such").count(), 0);
        assert_eq!(p.services_collecting("no_such").count(), 0);
        assert_eq!(p.transfers_to("no_such").count(), 0);
    }

    #[test]
    fn general_and_specific_measures_partition() {
        let p = Policy::canonical();
        let specific = p
            .security_measures
            .iter()
            .filter(|m| !m.applies_to.is_empty())
            .count();
        assert_eq!(
            p.security_measures_general().count() + specific,
            p.security_measures.len()
        );
        assert!(p.security_measures_for("password").count() >= 2);
    }
}
