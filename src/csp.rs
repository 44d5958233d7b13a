//! Content-Security-Policy sources for what a page carries inline.
//!
//! In: the text of an inline `<style>` or `<script>`. Out: the source that allows
//! exactly that text (`'sha256-…'`), for the policies of the offline copies, the
//! printable papers and the tally's printable ledger.

use base64::Engine;
use sha2::{Digest, Sha256};

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
    /// The hash browsers compute for an empty inline script.
    #[test]
    fn hash_of_empty_text() {
        assert_eq!(
            super::hash(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }
}
