//! The learner's progress as a reactive value, saved on every change.

use leptos::prelude::*;

use crate::progress::{Answer, ProgressState};
use crate::store::{self, Notice};

/// Handed to every component through context. Components read with
/// `with` and change progress only through the methods here, so that every
/// change is timestamped, attributed to this device and saved.
#[derive(Clone, Copy)]
pub struct Progress {
    state: RwSignal<ProgressState>,
    device: StoredValue<String>,
    writable: StoredValue<bool>,
    /// A notice about storage, shown once at the top of the app.
    pub notice: RwSignal<Option<Notice>>,
    /// Counts changes made on this device (not merges from elsewhere), so
    /// that sync can follow them.
    pub local_changes: RwSignal<u64>,
}

impl Progress {
    pub fn load() -> Self {
        let loaded = store::load();
        Progress {
            state: RwSignal::new(loaded.state),
            device: StoredValue::new(loaded.device),
            writable: StoredValue::new(loaded.writable),
            notice: RwSignal::new(loaded.notice),
            local_changes: RwSignal::new(0),
        }
    }

    pub fn with<T>(&self, f: impl FnOnce(&ProgressState) -> T) -> T {
        self.state.with(f)
    }

    fn change(&self, f: impl FnOnce(&mut ProgressState, u64, &str)) {
        let now = store::now_ms();
        let device = self.device.get_value();
        self.state.update(|s| f(s, now, &device));
        self.persist();
        self.local_changes.update(|n| *n += 1);
    }

    /// A copy of the whole state (for sync).
    pub fn snapshot(&self) -> ProgressState {
        self.state.get_untracked()
    }

    pub fn device(&self) -> String {
        self.device.get_value()
    }

    /// Takes in what sync fetched (already merged with the local state).
    pub fn merge_remote(&self, theirs: ProgressState) {
        self.state.update(|s| *s = std::mem::take(s).merge(theirs));
        self.persist();
    }

    fn persist(&self) {
        if !self.writable.get_value() {
            return;
        }
        let current = self.state.get_untracked();
        match store::save(&current, &self.device.get_value()) {
            Ok(merged) if merged != current => self.state.set(merged),
            Ok(_) => {}
            Err(()) => {
                // Keep working in memory; say so once.
                self.writable.set_value(false);
                if self.notice.get_untracked().is_none() {
                    self.notice.set(Some(Notice::Unavailable));
                }
            }
        }
    }

    pub fn answer(&self, module: &str, block: &str) -> Option<Answer> {
        self.state.with(|s| s.answer(module, block).cloned())
    }

    pub fn set_answer(&self, module: &str, block: &str, answer: Answer) {
        self.change(|s, now, device| s.set_answer(module, block, answer, now, device));
    }

    pub fn set_reflection(&self, module: &str, id: &str, text: String) {
        self.change(|s, now, device| s.set_reflection(module, id, text, now, device));
    }

    pub fn visit(&self, module: &str, section: &str) {
        self.change(|s, now, device| s.visit(module, section, now, device));
    }

    /// Listens for what other tabs of the app store and merges it in, for as
    /// long as the current reactive owner lives.
    pub fn follow_other_tabs(self) {
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() == Some(store::PROGRESS_KEY) {
                if let Some(raw) = event.new_value() {
                    self.absorb(&raw);
                }
            }
        });
        on_cleanup(move || listener.remove());
    }

    /// Starts a new attempt of an assessment; returns its key.
    pub fn start_attempt(&self, assessment: &str, phase: crate::progress::Phase) -> String {
        let mut key = String::new();
        self.change(|s, now, device| key = s.start_attempt(assessment, phase, now, device));
        key
    }

    /// Takes in what another tab stored (from a `storage` event).
    fn absorb(&self, raw: &str) {
        if let Some(theirs) = store::decode_foreign(raw) {
            self.state.update(|s| *s = std::mem::take(s).merge(theirs));
        }
    }

    /// The learner's data as an export file.
    pub fn export(&self) -> String {
        crate::progress::export(
            &self.state.get_untracked(),
            &self.device.get_value(),
            store::now_ms(),
        )
    }

    /// Merges an export file into the progress; returns how many records
    /// the file held, or why it was refused.
    pub fn import(&self, raw: &str) -> Result<usize, crate::progress::ImportError> {
        let theirs = crate::progress::import(raw)?;
        let count = theirs.record_count();
        self.merge_remote(theirs);
        self.local_changes.update(|n| *n += 1);
        Ok(count)
    }

    /// Deletes every stored key of the app and forgets the in-memory state.
    pub fn delete_all(&self) -> Result<usize, ()> {
        let removed = store::delete_all()?;
        self.state.set(ProgressState::default());
        self.notice.set(None);
        self.writable.set_value(true);
        Ok(removed)
    }
}
