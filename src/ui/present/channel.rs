//! Keeps the projector and presenter windows in step (BroadcastChannel),
//! in both directions and across reloads: a window that opens says hello and
//! the others answer with their state.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What both windows show: the slide and whether its answer is revealed,
/// and when a person last changed it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DeckState {
    pub slide: usize,
    pub revealed: bool,
    /// Time of the last change by a person (ms), 0 for a freshly opened
    /// window. The latest change wins, so a reloaded window takes over the
    /// others' slide instead of pulling them back to its own.
    pub at: f64,
}

impl DeckState {
    pub fn opened_at(slide: usize) -> Self {
        DeckState {
            slide,
            revealed: false,
            at: 0.0,
        }
    }

    /// A change made now by the person at this window.
    pub fn changed(slide: usize, revealed: bool) -> Self {
        DeckState {
            slide,
            revealed,
            at: js_sys::Date::now(),
        }
    }

    fn newer_than(&self, other: &DeckState) -> bool {
        (self.at, self.slide, self.revealed as u8) > (other.at, other.slide, other.revealed as u8)
    }
}

/// Joins the channel of `module`; keeps `state` in step with the other
/// windows for as long as the current owner lives.
pub fn sync(module: &str, state: RwSignal<DeckState>) {
    let Ok(channel) = web_sys::BroadcastChannel::new(&format!("mtd-learn.present.{module}")) else {
        return; // Without BroadcastChannel each window works on its own.
    };
    let post = {
        let channel = channel.clone();
        move |s: DeckState| {
            let message = format!(
                "{{\"slide\":{},\"revealed\":{},\"at\":{}}}",
                s.slide, s.revealed, s.at
            );
            let _ = channel.post_message(&JsValue::from_str(&message));
        }
    };
    listen(channel.clone(), {
        let post = post.clone();
        move |text: String| {
            if text == "hello" {
                post(state.get_untracked());
                return;
            }
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
                return;
            };
            let slide = value
                .get("slide")
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(0) as usize;
            let revealed = value
                .get("revealed")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false);
            let at = value
                .get("at")
                .and_then(serde_json::Value::as_f64)
                .unwrap_or(0.0);
            let theirs = DeckState {
                slide,
                revealed,
                at,
            };
            if slide > 0 && theirs.newer_than(&state.get_untracked()) {
                state.set(theirs);
            }
        }
    });
    // Every change, local or received, is announced; a received one echoes
    // back once and is then ignored, because it is not newer.
    Effect::new({
        let post = post.clone();
        move |_| post(state.get())
    });
    let _ = channel.post_message(&JsValue::from_str("hello"));
}

/// Hands every text message of `channel` to `on_text` for as long as the
/// current reactive owner lives, then stops listening and closes it.
pub(crate) fn listen(channel: web_sys::BroadcastChannel, mut on_text: impl FnMut(String) + 'static) {
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        if let Some(text) = event.data().as_string() {
            on_text(text);
        }
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let keep = StoredValue::new_local((channel, on_message));
    on_cleanup(move || {
        keep.with_value(|(channel, _)| {
            channel.set_onmessage(None);
            channel.close();
        })
    });
}
