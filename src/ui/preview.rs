//! The hand-over from a first-visit preview to the app.
//!
//! `scripts/prerender.py` writes, for the home, module and section pages of
//! every language with content and UI, the page as the app rendered it at
//! build time into `<div id="preview" inert>`, and `<html class="preview">`
//! shows it while the wasm loads (style/base.css hides the app meanwhile). The app starts
//! as usual and renders the same page out of sight; once its `<main>` has
//! content and no loading indicator, the preview goes and the app shows, in
//! one step between two frames. A page that never gets there (a lost
//! network) is handed over after about ten seconds, so the app's own
//! messages show.

use leptos::prelude::{document, request_animation_frame};

/// Frames to wait for the app's page before handing over anyway.
const MAX_FRAMES: u32 = 600;

/// Starts watching for the moment to hand over; does nothing without a
/// preview.
pub fn hand_over_when_ready() {
    if document().get_element_by_id("preview").is_some() {
        request_animation_frame(|| check(0));
    }
}

fn check(frame: u32) {
    if app_page_ready() || frame >= MAX_FRAMES {
        hand_over();
    } else {
        request_animation_frame(move || check(frame + 1));
    }
}

/// The app's `<main>` (not the preview's) shows a page: it has content and
/// nothing in it is still loading.
fn app_page_ready() -> bool {
    let Ok(Some(main)) = document().query_selector("body > main") else {
        return false;
    };
    main.child_element_count() > 0 && matches!(main.query_selector("[data-test=loading]"), Ok(None))
}

fn hand_over() {
    let doc = document();
    if let Some(preview) = doc.get_element_by_id("preview") {
        preview.remove();
    }
    if let Some(root) = doc.document_element() {
        let _ = root.class_list().remove_1("preview");
    }
}
