//! Presentation mode for trainers: the projector deck, the presenter window
//! and the printable handout. No personal data is ever shown here: these
//! views never read the learner's progress.

mod channel;
mod deck;
mod handout;
mod keys;
mod presenter;
mod slide_view;

pub(crate) use channel::{listen, DeckState};
pub use deck::Deck;
pub use handout::Handout;
pub use presenter::Presenter;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The module id and the 1-based slide number from the address. The module
/// is a memo so that moving between slides does not reload the module.
pub(crate) fn deck_params() -> (Memo<String>, usize) {
    let params = use_params_map();
    let module = Memo::new(move |_| params.read().get("module").unwrap_or_default());
    let slide = params
        .read_untracked()
        .get("n")
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    (module, slide)
}
