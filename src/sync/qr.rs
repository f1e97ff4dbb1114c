//! The QR code of a link, drawn as one SVG path (no image files, no
//! third-party service).

use qrcodegen::{QrCode, QrCodeEcc};

/// The side length in modules (without quiet zone) and the path data of
/// the dark modules, one unit-high rectangle per horizontal run. `None` when the
/// text is too long for a QR code.
pub fn qr_svg_path(text: &str) -> Option<(u32, String)> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let mut d = String::new();
    // One rectangle per horizontal run of dark modules.
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !qr.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && qr.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            d.push_str(&format!("M{start} {y}h{run}v1h-{run}z"));
        }
    }
    Some((size as u32, d))
}
