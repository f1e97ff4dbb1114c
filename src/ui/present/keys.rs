//! Keys shared by the projector and presenter windows: what a clicker sends
//! (arrows, PageUp/PageDown) and what reveal.js users know.

use leptos::prelude::*;

use super::channel::DeckState;

/// Slide navigation shared by the projector and the presenter window.
#[derive(Clone, Copy)]
pub struct Navigation {
    pub state: RwSignal<DeckState>,
    pub total: usize,
    /// Digits typed so far for "number + Enter".
    pub typed: RwSignal<String>,
}

impl Navigation {
    pub fn new(state: RwSignal<DeckState>, total: usize) -> Self {
        Navigation {
            state,
            total,
            typed: RwSignal::new(String::new()),
        }
    }

    /// Shows slide `n` (clamped), with its answer hidden again.
    pub fn go(&self, n: usize) {
        let n = n.clamp(1, self.total.max(1));
        if self.state.get_untracked().slide != n {
            self.state.set(DeckState::changed(n, false));
        }
    }

    pub fn toggle_reveal(&self) {
        let s = self.state.get_untracked();
        self.state.set(DeckState::changed(s.slide, !s.revealed));
    }

    pub fn current(&self) -> usize {
        self.state.get_untracked().slide
    }

    /// Carries out the moving commands; returns the others (and `Jump`
    /// after jumping) for the window to handle.
    pub fn apply(&self, cmd: Command) -> Option<Command> {
        let current = self.current();
        match cmd {
            Command::Next => self.go(current + 1),
            Command::Previous => self.go(current.saturating_sub(1)),
            Command::First => self.go(1),
            Command::Last => self.go(self.total),
            Command::Digit(d) => self.typed.update(|t| t.push(char::from(b'0' + d))),
            Command::Reveal => self.toggle_reveal(),
            Command::Jump => {
                if let Ok(n) = self.typed.get_untracked().parse::<usize>() {
                    self.go(n);
                }
                self.typed.set(String::new());
                return Some(Command::Jump);
            }
            other => return Some(other),
        }
        None
    }

    /// Listens for keys on the window for as long as the current owner
    /// lives; `rest` gets the commands `apply` leaves.
    pub fn listen(self, rest: impl Fn(Command) + 'static) {
        let keys = window_event_listener(leptos::ev::keydown, move |event| {
            if event.ctrl_key() || event.alt_key() || event.meta_key() {
                return;
            }
            let key = event.key();
            if focus_owns_key(&event, &key) {
                return;
            }
            let Some(cmd) = command(&key) else {
                return;
            };
            event.prevent_default();
            if let Some(other) = self.apply(cmd) {
                rest(other);
            }
        });
        on_cleanup(move || keys.remove());
    }
}

/// Whether the focused control needs `key` for itself: Enter and Space
/// press a focused button or follow a link (the presenter's buttons, the
/// slide overview), and a text field or list keeps every key.
fn focus_owns_key(event: &web_sys::KeyboardEvent, key: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match target.tag_name().to_ascii_lowercase().as_str() {
        "input" | "textarea" | "select" => true,
        "button" | "a" | "summary" => matches!(key, "Enter" | " "),
        _ => false,
    }
}

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Next,
    Previous,
    First,
    Last,
    Digit(u8),
    Jump,
    Reveal,
    Black,
    Fullscreen,
    Overview,
    Presenter,
    /// Start a live session, or show/hide its join information.
    Live,
    /// Open or close the poll on the current slide's first question or
    /// statement (live session only).
    Poll,
    /// Show or hide the list of keys.
    Help,
}

pub fn command(key: &str) -> Option<Command> {
    Some(match key {
        "ArrowRight" | "ArrowDown" | "PageDown" | " " | "n" | "N" => Command::Next,
        "ArrowLeft" | "ArrowUp" | "PageUp" | "Backspace" => Command::Previous,
        "Home" => Command::First,
        "End" => Command::Last,
        "Enter" => Command::Jump,
        "r" | "R" => Command::Reveal,
        "b" | "B" | "." => Command::Black,
        "f" | "F" => Command::Fullscreen,
        "Escape" | "o" | "O" => Command::Overview,
        "p" | "P" => Command::Presenter,
        "l" | "L" => Command::Live,
        "q" | "Q" => Command::Poll,
        "?" | "h" | "H" => Command::Help,
        d if d.len() == 1 && d.as_bytes()[0].is_ascii_digit() => {
            Command::Digit(d.as_bytes()[0] - b'0')
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicker_keys_move_and_digits_jump() {
        for key in ["ArrowRight", "PageDown", " "] {
            assert_eq!(command(key), Some(Command::Next));
        }
        for key in ["ArrowLeft", "PageUp"] {
            assert_eq!(command(key), Some(Command::Previous));
        }
        assert_eq!(command("7"), Some(Command::Digit(7)));
        assert_eq!(command("."), Some(Command::Black));
        assert_eq!(command("x"), None);
        assert_eq!(command("L"), Some(Command::Live));
        assert_eq!(command("q"), Some(Command::Poll));
        assert_eq!(command("?"), Some(Command::Help));
    }
}
