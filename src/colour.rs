//! Theme colours: reading `#rrggbb`, their contrast with white text (WCAG 2), and the
//! tints the style sheet needs around one colour. Used by `validate` (is the author's
//! colour readable?) and by `emit` (the brand style sheet).

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#a8071a` (case-insensitive); `None` for anything else.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Relative luminance, 0 (black) to 1 (white).
    fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// Contrast ratio between two colours, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// `weight` of `other` mixed into this colour (0: this, 1: other).
    pub fn mix(self, other: Rgb, weight: f64) -> Rgb {
        let m =
            |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * weight).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// The least mix toward `toward` that has `ratio` contrast with `against` (`toward`
    /// itself when no lesser mix does).
    pub fn until_contrast(self, toward: Rgb, against: Rgb, ratio: f64) -> Rgb {
        (0..=20)
            .map(|step| self.mix(toward, f64::from(step) / 20.0))
            .find(|c| c.contrast(against) >= ratio)
            .unwrap_or(toward)
    }
}

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

pub const WHITE: Rgb = Rgb(255, 255, 255);
pub const BLACK: Rgb = Rgb(0, 0, 0);

/// Normal text needs this contrast (WCAG 2, level AA).
pub const MIN_CONTRAST: f64 = 4.5;

/// Width and height of a PNG image, from its header; `None` if it is not a PNG.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || &bytes[..8] != SIGNATURE || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    Some((be(16), be(20)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_six_digit_hex() {
        assert_eq!(Rgb::parse("#A8071a"), Some(Rgb(0xa8, 0x07, 0x1a)));
        for bad in ["a8071a", "#a8071", "#a8071ag", "#红色色色", "", "#a8071a0"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert_eq!(Rgb(0xa8, 7, 0x1a).to_string(), "#a8071a");
    }

    #[test]
    fn contrast_matches_wcag_figures() {
        assert!((WHITE.contrast(BLACK) - 21.0).abs() < 1e-9);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 1e-9);
        // The sample's red on white, worked by hand: L = 0.2126 * 0.3915 + 0.7152 *
        // 0.002125 + 0.0722 * 0.01034 = 0.0855; (1 + 0.05) / (0.0855 + 0.05) = 7.75.
        let red = Rgb::parse("#a8071a").unwrap();
        assert!(
            (red.contrast(WHITE) - 7.75).abs() < 0.01,
            "{}",
            red.contrast(WHITE)
        );
        // Party-flag gold is too light for white text.
        assert!(Rgb::parse("#ffd700").unwrap().contrast(WHITE) < MIN_CONTRAST);
    }

    #[test]
    fn png_size_reads_the_header() {
        let icon = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/site/static/icon-192.png"
        ))
        .unwrap();
        assert_eq!(png_size(&icon), Some((192, 192)));
        assert_eq!(
            png_size(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            None
        );
        assert_eq!(png_size(&icon[..20]), None);
    }

    #[test]
    fn tints_keep_their_contrast() {
        let red = Rgb::parse("#a8071a").unwrap();
        let dark_bg = Rgb(0x16, 0x16, 0x16);
        assert!(red.contrast(dark_bg) < MIN_CONTRAST);
        let light = red.until_contrast(WHITE, dark_bg, MIN_CONTRAST);
        assert!(light.contrast(dark_bg) >= MIN_CONTRAST);
        assert_ne!(light, WHITE);
    }
}
