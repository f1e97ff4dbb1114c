//! Saving a text as a file on the learner's device, without a server.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `filename`. Returns false where the
/// browser refuses.
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    let attempt = || -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = web_sys::window()?.document()?;
        let link: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(filename);
        link.click();
        web_sys::Url::revoke_object_url(&url).ok()
    };
    attempt().is_some()
}

/// Today's date as `YYYY-MM-DD` for file names.
pub fn today() -> String {
    crate::progress::iso8601(crate::store::now_ms())[..10].to_owned()
}
