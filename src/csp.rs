//! The Content-Security-Policies of everything xuexi writes for readers, in one place.
//!
//! In: nothing for the site's pages ([`SITE`]: its own files only); for a
//! self-contained document (an offline copy, a printable paper, the tally's printable
//! ledger), the text of its inline styles and scripts. Out: the policy, which allows
//! exactly those texts (`'sha256-…'`) and nothing from any network.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy of the site's pages (`site/templates/base.html` takes it from the
/// campaign section): the site's own files, `data:` images (the QR code), nothing else.
pub const SITE: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// The policy of a self-contained document: nothing but its inline `styles` and
/// `scripts`, and `data:` images when `images`.
pub fn self_contained(styles: &[&str], scripts: &[&str], images: bool) -> String {
    let sources = |texts: &[&str]| texts.iter().map(|t| hash(t)).collect::<Vec<_>>().join(" ");
    let mut csp = String::from("default-src 'none'; ");
    if images {
        csp.push_str("img-src data:; ");
    }
    csp.push_str(&format!("style-src {}; ", sources(styles)));
    if !scripts.is_empty() {
        csp.push_str(&format!("script-src {}; ", sources(scripts)));
    }
    csp.push_str("base-uri 'none'; form-action 'none'");
    csp
}

/// The CSP source for an inline style or script: `'sha256-…'`.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_self_contained_policy_names_only_what_is_inline() {
        assert_eq!(
            super::self_contained(&[""], &[], false),
            "default-src 'none'; style-src 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; base-uri 'none'; form-action 'none'"
        );
        let both = super::self_contained(&["a"], &["b", "c"], true);
        assert!(both.starts_with("default-src 'none'; img-src data:; style-src 'sha256-"));
        assert_eq!(both.matches("'sha256-").count(), 3);
        assert!(!both.contains("'self'") && !both.contains("http"));
    }

    /// The hash browsers compute for an empty inline script.
    #[test]
    fn hash_of_empty_text() {
        assert_eq!(
            super::hash(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }
}
