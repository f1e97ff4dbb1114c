//! Reading comfort: text size and theme, kept in this browser and applied
//! as `data-text-size` and `data-theme` on `<html>` (style/tokens.css).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::store;

const KEY: &str = "mtd-learn.reading";
/// Standard, large, larger, largest (100 %, 115 %, 130 %, 150 %).
pub const TEXT_SIZES: u8 = 4;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    #[serde(default)]
    pub size: u8,
    #[serde(default)]
    pub theme: Theme,
}

impl Reading {
    fn load() -> Self {
        store::read(KEY)
            .ok()
            .flatten()
            .and_then(|raw| serde_json::from_str::<Reading>(&raw).ok())
            .map(|r| Reading {
                size: r.size.min(TEXT_SIZES - 1),
                ..r
            })
            .unwrap_or_default()
    }

    fn apply(self) {
        let Some(root) = document().document_element() else {
            return;
        };
        let _ = root.set_attribute("data-text-size", &self.size.to_string());
        match self.theme {
            Theme::System => {
                let _ = root.remove_attribute("data-theme");
            }
            Theme::Light => {
                let _ = root.set_attribute("data-theme", "light");
            }
            Theme::Dark => {
                let _ = root.set_attribute("data-theme", "dark");
            }
        }
    }
}

/// The settings, provided as context; applied at once and on every change.
#[derive(Clone, Copy)]
pub struct ReadingPrefs(pub RwSignal<Reading>);

impl ReadingPrefs {
    pub fn start() -> Self {
        let prefs = ReadingPrefs(RwSignal::new(Reading::load()));
        prefs.0.get_untracked().apply();
        Effect::new(move |_| prefs.0.get().apply());
        prefs
    }

    fn set(self, reading: Reading) {
        self.0.set(reading);
        // In memory only when the browser refuses storage.
        let _ = store::write_raw(KEY, &serde_json::to_string(&reading).expect("serialises"));
    }
}

#[component]
pub fn ReadingPanel() -> impl IntoView {
    let prefs = expect_context::<ReadingPrefs>();
    let sizes: [fn() -> String; TEXT_SIZES as usize] = [
        || tr!(reading_size_standard),
        || tr!(reading_size_large),
        || tr!(reading_size_larger),
        || tr!(reading_size_largest),
    ];
    let themes: [(Theme, fn() -> String); 3] = [
        (Theme::System, || tr!(reading_theme_system)),
        (Theme::Light, || tr!(reading_theme_light)),
        (Theme::Dark, || tr!(reading_theme_dark)),
    ];
    view! {
        <section class="panel" aria-labelledby="reading-title" data-test="reading-panel">
            <h2 id="reading-title">{move || tr!(reading_title)}</h2>
            <fieldset class="choice-row">
                <legend>{move || tr!(reading_text_size)}</legend>
                {sizes.into_iter().enumerate().map(|(i, label)| {
                    let size = i as u8;
                    view! {
                        <label class="choice-row__option">
                            <input
                                type="radio"
                                name="text-size"
                                value=size.to_string()
                                data-test="text-size"
                                prop:checked=move || prefs.0.get().size == size
                                on:change=move |_| prefs.set(Reading { size, ..prefs.0.get_untracked() })
                            />
                            <span class=format!("choice-row__sample choice-row__sample--{i}")>{label}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="choice-row">
                <legend>{move || tr!(reading_colours)}</legend>
                {themes.into_iter().map(|(theme, label)| view! {
                    <label class="choice-row__option">
                        <input
                            type="radio"
                            name="theme"
                            value=format!("{theme:?}").to_lowercase()
                            data-test="theme"
                            prop:checked=move || prefs.0.get().theme == theme
                            on:change=move |_| prefs.set(Reading { theme, ..prefs.0.get_untracked() })
                        />
                        <span>{label}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <p class="hint">{move || tr!(reading_hint)}</p>
        </section>
    }
}
