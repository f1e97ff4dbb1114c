//! The trainer's side of a live session, inside the presentation deck:
//! starts a session, writes `state.json` on every slide or poll change
//! (debounced), shows the join link and QR code, opens and closes polls,
//! shows their live counts, ends the session and deletes its files.

use std::time::Duration;

use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{accepted, delete, get, join_link, put, Failure, Got, DEFAULT_BASE};
use crate::live::{
    failure_delay_ms, parse_listing, session_folder, Aggregate, LiveState, Poll, PollTarget,
    SessionCode, Tally, SESSION_CODE_BYTES, STATE_FILE, TRAINER_DEBOUNCE_MS, VISIBLE_POLL_MS,
};
use crate::ui::present::{listen, DeckState};

/// Where the trainer's session stands.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainerStatus {
    Off,
    Starting,
    Live,
    /// Something failed (writing the state: retrying, the session goes on).
    Failing(Problem),
    Ended,
    Deleted,
}

/// What went wrong for the trainer.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// No secure random source for a session code.
    NoRandom,
    /// The session's first write failed; `base` is the folder's base.
    Start { base: String, failure: Failure },
    /// Participants do not see the latest slide.
    Write(Failure),
    Delete(Failure),
}

impl Problem {
    /// In the UI language; read inside a closure, it follows a switch.
    fn text(&self) -> String {
        match self {
            Problem::NoRandom => tr!(live_no_session_code),
            Problem::Start { base, failure: Failure::Status(code) } => {
                tr!(live_start_refused, folder = base, code = code)
            }
            Problem::Start { failure, .. } => tr!(live_start_failed, reason = failure.text()),
            Problem::Write(failure) => tr!(live_write_failed, reason = failure.text()),
            Problem::Delete(Failure::Status(code)) => tr!(live_delete_refused, code = code),
            Problem::Delete(failure) => tr!(live_delete_failed, reason = failure.text()),
        }
    }
}

/// A poll's target as the trainer's buttons name it, in the UI language.
fn target_text(target: PollTarget) -> String {
    match target {
        PollTarget::TheQuestion => tr!(live_target_the_question),
        PollTarget::Question(n) => tr!(live_target_question, n = n),
        PollTarget::Statement(n) => tr!(live_target_statement, n = n),
    }
}

impl TrainerStatus {
    /// For `data-live-trainer`.
    fn kind(&self) -> &'static str {
        match self {
            TrainerStatus::Off => "off",
            TrainerStatus::Starting => "starting",
            TrainerStatus::Live => "live",
            TrainerStatus::Failing(_) => "failing",
            TrainerStatus::Ended => "ended",
            TrainerStatus::Deleted => "deleted",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// As shown, `XXXX-XXXX`.
    pub code: String,
    pub base: String,
    pub module: String,
}

impl Session {
    fn folder(&self) -> Option<String> {
        Some(session_folder(&self.base, &SessionCode::parse(&self.code).ok()?))
    }
}

/// A running session survives a reload of the deck (this tab only).
const RESUME_KEY: &str = "mtd-learn.live.trainer";

/// Something that can be polled on a slide, with its option labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Pollable {
    pub poll: Poll,
    /// The question or statement it asks about.
    pub target: PollTarget,
    /// "A", "B", … or the scale's labels.
    pub options: Vec<String>,
}

/// The pollables of a slide's blocks.
pub fn pollables(blocks: &[crate::content::Block]) -> Vec<Pollable> {
    use crate::content::Block;
    let scale = blocks.iter().find_map(|b| match b {
        Block::Likert(l) => Some(l.scale.clone()),
        _ => None,
    });
    crate::live::polls_on(blocks)
        .into_iter()
        .map(|(poll, target)| {
            let options = match poll.kind {
                crate::live::PollKind::Likert => scale.clone().unwrap_or_default(),
                _ => (0..poll.options).map(|i| char::from(b'A' + (i as u8 % 26)).to_string()).collect(),
            };
            Pollable { poll, target, options }
        })
        .collect()
}

#[derive(Clone, Copy)]
pub struct LiveTrainer {
    deck: RwSignal<DeckState>,
    module: StoredValue<String>,
    lang: StoredValue<String>,
    total: usize,
    base: StoredValue<String>,
    pub session: RwSignal<Option<Session>>,
    pub status: RwSignal<TrainerStatus>,
    pub poll: RwSignal<Option<Poll>>,
    pub tally: RwSignal<Option<Tally>>,
    pub join_shown: RwSignal<bool>,
    aggregate: StoredValue<Option<Aggregate>>,
    write_timer: StoredValue<Option<TimeoutHandle>>,
    writing: StoredValue<bool>,
    write_again: StoredValue<bool>,
    write_failures: StoredValue<u32>,
    read_timer: StoredValue<Option<TimeoutHandle>>,
    reading: StoredValue<bool>,
    read_again: StoredValue<bool>,
    stopped: StoredValue<bool>,
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

impl LiveTrainer {
    /// For the deck of `module` in `lang` with `total` slides, steered by
    /// `deck`. Resumes a session this tab was running before a reload.
    pub fn new(deck: RwSignal<DeckState>, module: String, lang: String, total: usize) -> Self {
        let base = use_context::<crate::ui::sync::Sync>()
            .and_then(|s| s.config.get_untracked())
            .map(|c| c.url)
            .unwrap_or_else(|| DEFAULT_BASE.to_owned());
        let resumed = session_storage()
            .and_then(|s| s.get_item(RESUME_KEY).ok().flatten())
            .and_then(|raw| serde_json::from_str::<Session>(&raw).ok())
            .filter(|s| s.module == module && s.folder().is_some());
        let t = LiveTrainer {
            deck,
            module: StoredValue::new(module),
            lang: StoredValue::new(lang),
            total,
            base: StoredValue::new(base),
            status: RwSignal::new(if resumed.is_some() { TrainerStatus::Live } else { TrainerStatus::Off }),
            session: RwSignal::new(resumed),
            poll: RwSignal::new(None),
            tally: RwSignal::new(None),
            join_shown: RwSignal::new(false),
            aggregate: StoredValue::new(None),
            write_timer: StoredValue::new(None),
            writing: StoredValue::new(false),
            write_again: StoredValue::new(false),
            write_failures: StoredValue::new(0),
            read_timer: StoredValue::new(None),
            reading: StoredValue::new(false),
            read_again: StoredValue::new(false),
            stopped: StoredValue::new(false),
        };
        // Every slide or poll change is written, 100 ms after the last one.
        let slide = Memo::new(move |_| deck.with(|d| d.slide));
        Effect::new(move |_| {
            // A memo computes only when read: `track` alone would never
            // subscribe it to the deck.
            let _ = slide.get();
            t.poll.track();
            if t.session.with(Option::is_some) && t.status.with_untracked(|s| !matches!(s, TrainerStatus::Ended | TrainerStatus::Deleted)) {
                t.schedule_write(TRAINER_DEBOUNCE_MS);
            }
        });
        on_cleanup(move || {
            let _ = t.stopped.try_set_value(true);
            for timer in [t.write_timer, t.read_timer] {
                if let Some(Some(handle)) = timer.try_get_value() {
                    handle.clear();
                }
            }
        });
        t
    }

    fn alive(self) -> bool {
        self.stopped.try_get_value() == Some(false)
    }

    pub fn live(self) -> bool {
        self.session.with(Option::is_some)
            && self.status.with(|s| matches!(s, TrainerStatus::Live | TrainerStatus::Failing(_)))
    }

    fn state_now(self, ended: bool) -> LiveState {
        LiveState {
            module: self.module.get_value(),
            lang: self.lang.get_value(),
            slide: self.deck.get_untracked().slide.clamp(1, self.total.max(1)),
            total: self.total.max(1),
            poll: self.poll.get_untracked(),
            ended,
            at: crate::store::now_ms(),
        }
    }

    /// "Start live session": a new code, its state file written once; on
    /// success the join information is shown.
    pub fn start(self) {
        if matches!(self.status.get_untracked(), TrainerStatus::Starting) || self.live() {
            return;
        }
        let mut bytes = [0u8; SESSION_CODE_BYTES];
        if !crate::store::random_bytes(&mut bytes) {
            self.status.set(TrainerStatus::Failing(Problem::NoRandom));
            return;
        }
        let code = SessionCode::from_bytes(bytes);
        let session = Session {
            code: code.to_string(),
            base: self.base.get_value(),
            module: self.module.get_value(),
        };
        let folder = session_folder(&session.base, &code);
        self.poll.set(None);
        self.tally.set(None);
        self.aggregate.set_value(None);
        self.status.set(TrainerStatus::Starting);
        let body = self.state_now(false).to_json();
        leptos::task::spawn_local(async move {
            let result = put(&format!("{folder}{STATE_FILE}"), body).await;
            if !self.alive() {
                return;
            }
            match result {
                Ok(code) if accepted(code) => {
                    if let (Some(s), Ok(raw)) = (session_storage(), serde_json::to_string(&session)) {
                        let _ = s.set_item(RESUME_KEY, &raw);
                    }
                    self.session.set(Some(session));
                    self.status.set(TrainerStatus::Live);
                    self.join_shown.set(true);
                }
                Ok(code) => self.status.set(TrainerStatus::Failing(Problem::Start {
                    base: session.base,
                    failure: Failure::Status(code),
                })),
                Err(e) => self.status.set(TrainerStatus::Failing(Problem::Start {
                    base: session.base,
                    failure: Failure::Net(e),
                })),
            }
        });
    }

    fn schedule_write(self, delay_ms: u64) {
        if !self.alive() {
            return;
        }
        if let Some(handle) = self.write_timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if self.alive() {
                    self.write_timer.set_value(None);
                    self.write(false);
                }
            },
            Duration::from_millis(delay_ms),
        )
        .ok();
        self.write_timer.set_value(handle);
    }

    fn write(self, ended: bool) {
        if self.writing.get_value() {
            self.write_again.set_value(true);
            return;
        }
        let Some(folder) = self.session.get_untracked().and_then(|s| s.folder()) else {
            return;
        };
        let ended = ended || self.status.get_untracked() == TrainerStatus::Ended;
        self.writing.set_value(true);
        let body = self.state_now(ended).to_json();
        leptos::task::spawn_local(async move {
            let result = put(&format!("{folder}{STATE_FILE}"), body).await;
            if !self.alive() {
                return;
            }
            self.writing.set_value(false);
            let failure = match result {
                Ok(code) if accepted(code) => None,
                Ok(code) => Some(Failure::Status(code)),
                Err(e) => Some(Failure::Net(e)),
            };
            match failure {
                None => {
                    self.write_failures.set_value(0);
                    if matches!(self.status.get_untracked(), TrainerStatus::Failing(_)) {
                        self.status.set(TrainerStatus::Live);
                    }
                }
                Some(why) => {
                    let failures = self.write_failures.get_value().saturating_add(1);
                    self.write_failures.set_value(failures);
                    if self.live() {
                        self.status.set(TrainerStatus::Failing(Problem::Write(why)));
                    }
                    self.schedule_write(failure_delay_ms(failures));
                }
            }
            if std::mem::take(&mut *self.write_again.write_value()) {
                self.schedule_write(0);
            }
        });
    }

    /// Opens a poll (a new one, or the same one again).
    pub fn open_poll(self, poll: Poll) {
        if !self.live() {
            return;
        }
        let poll = Poll { open: true, ..poll };
        let same = self.aggregate.with_value(|a| a.as_ref().is_some_and(|a| a.poll().id == poll.id));
        if !same {
            let aggregate = Aggregate::new(poll.clone());
            self.tally.set(Some(aggregate.tally()));
            self.aggregate.set_value(Some(aggregate));
        }
        self.poll.set(Some(poll));
        self.schedule_read(0);
    }

    /// Closes the open poll; its result stays on the screen.
    pub fn close_poll(self) {
        if self.poll.with_untracked(|p| p.as_ref().is_some_and(|p| p.open)) {
            self.poll.update(|p| {
                if let Some(p) = p {
                    p.open = false;
                }
            });
            // One last read for answers sent just before.
            self.schedule_read(0);
        }
    }

    /// Ends the session: participants are told; the files stay until the
    /// trainer deletes them.
    pub fn end(self) {
        if !self.live() {
            return;
        }
        self.close_poll();
        if let Some(handle) = self.write_timer.get_value() {
            handle.clear();
        }
        self.status.set(TrainerStatus::Ended);
        self.join_shown.set(false);
        self.write(true);
        if let Some(s) = session_storage() {
            let _ = s.remove_item(RESUME_KEY);
        }
    }

    /// Deletes the session folder with everything in it.
    pub fn delete_files(self) {
        let Some(folder) = self.session.get_untracked().and_then(|s| s.folder()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = delete(&folder).await;
            if !self.alive() {
                return;
            }
            match result {
                Ok(code) if accepted(code) || code == 404 => {
                    self.session.set(None);
                    self.poll.set(None);
                    self.tally.set(None);
                    self.aggregate.set_value(None);
                    self.status.set(TrainerStatus::Deleted);
                }
                Ok(code) => self.status.set(TrainerStatus::Failing(Problem::Delete(Failure::Status(code)))),
                Err(e) => self.status.set(TrainerStatus::Failing(Problem::Delete(Failure::Net(e)))),
            }
        });
    }

    fn schedule_read(self, delay_ms: u64) {
        if !self.alive() {
            return;
        }
        if self.reading.get_value() {
            self.read_again.set_value(true);
            return;
        }
        if let Some(handle) = self.read_timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if self.alive() {
                    self.read_timer.set_value(None);
                    self.read();
                }
            },
            Duration::from_millis(delay_ms),
        )
        .ok();
        self.read_timer.set_value(handle);
    }

    /// Reads the folder listing and the answer files that changed.
    fn read(self) {
        let Some(folder) = self.session.get_untracked().and_then(|s| s.folder()) else {
            return;
        };
        if self.aggregate.with_value(Option::is_none) || self.reading.get_value() {
            return;
        }
        self.reading.set_value(true);
        leptos::task::spawn_local(async move {
            let listing = get(&folder, None).await;
            if !self.alive() {
                return;
            }
            if let Ok(Got::Text { text, date, .. }) = listing {
                if let Ok(entries) = parse_listing(&text) {
                    let wanted = self
                        .aggregate
                        .try_update_value(|a| a.as_mut().map(|a| a.to_fetch(&entries)))
                        .flatten()
                        .unwrap_or_default();
                    for entry in wanted {
                        let file = get(&format!("{folder}{}", entry.name), None).await;
                        if !self.alive() {
                            return;
                        }
                        self.aggregate.update_value(|a| {
                            if let Some(a) = a {
                                match &file {
                                    Ok(Got::Text { text, .. }) => a.record(&entry, date.as_deref(), text),
                                    Ok(Got::Missing) => a.forget(&entry.name),
                                    _ => {} // tried again on the next read
                                }
                            }
                        });
                    }
                    let tally = self.aggregate.with_value(|a| a.as_ref().map(Aggregate::tally));
                    if self.tally.get_untracked() != tally {
                        self.tally.set(tally);
                    }
                }
            }
            self.reading.set_value(false);
            let again = std::mem::take(&mut *self.read_again.write_value());
            let open = self.poll.with_untracked(|p| p.as_ref().is_some_and(|p| p.open)) && self.live();
            if again {
                self.schedule_read(0);
            } else if open {
                self.schedule_read(VISIBLE_POLL_MS);
            }
        });
    }
}

/// The QR code of `text` as an SVG.
fn qr(text: &str) -> Option<impl IntoView> {
    crate::sync::qr_svg_path(text).map(|(size, d)| {
        let box_size = size + 8;
        view! {
            <svg class="live-qr" data-test="live-qr" role="img" aria-label=move || tr!(live_qr_label)
                viewBox=format!("-4 -4 {box_size} {box_size}") shape-rendering="crispEdges">
                <rect x="-4" y="-4" width=box_size height=box_size class="sync-qr__light"/>
                <path d=d class="sync-qr__dark"/>
            </svg>
        }
    })
}

/// Everything live on the projector: the controls, the join overlay and
/// the poll result. `polls` holds the pollables of every slide.
#[component]
pub fn LiveDeck(trainer: LiveTrainer, polls: Vec<Vec<Pollable>>) -> impl IntoView {
    let t = trainer;
    let polls = StoredValue::new(polls);
    let here = move || {
        let n = t.deck.with(|d| d.slide);
        polls.with_value(|p| p.get(n.wrapping_sub(1)).cloned().unwrap_or_default())
    };
    let poll_controls = move || {
        let open_id = t.poll.with(|p| p.as_ref().filter(|p| p.open).map(|p| p.id.clone()));
        here()
            .into_iter()
            .map(|item| {
                let id = item.poll.id.clone();
                if open_id.as_deref() == Some(id.as_str()) {
                    let target = item.target;
                    view! { <button type="button" class="button button--quiet" data-test="live-poll-close" data-id=id on:click=move |_| t.close_poll()>{move || tr!(live_poll_close, target = target_text(target))}</button> }.into_any()
                } else {
                    let poll = item.poll.clone();
                    let target = item.target;
                    view! { <button type="button" class="button button--quiet" data-test="live-poll-open" data-id=id on:click=move |_| t.open_poll(poll.clone())>{move || tr!(live_poll_open, target = target_text(target))}</button> }.into_any()
                }
            })
            .collect_view()
    };
    let controls = move || match t.status.get() {
        TrainerStatus::Live | TrainerStatus::Failing(_) if t.session.with(Option::is_some) => {
            let code = t.session.with(|s| s.as_ref().map(|s| s.code.clone()).unwrap_or_default());
            view! {
                <span class="live-controls__code"><span class="live-controls__dot" aria-hidden="true">"● "</span>{move || tr!(live_label)}<strong data-test="live-code">{code}</strong></span>
                <button type="button" class="button button--quiet" data-test="live-join-toggle" on:click=move |_| t.join_shown.update(|s| *s = !*s)>{move || tr!(live_join_info)}</button>
                {poll_controls}
                <button type="button" class="button button--quiet" data-test="live-end" on:click=move |_| t.end()>{move || tr!(live_end)}</button>
            }
            .into_any()
        }
        TrainerStatus::Ended => view! {
            <span class="live-controls__code">{move || tr!(live_session_ended)}</span>
            <button type="button" class="button button--quiet" data-test="live-delete" on:click=move |_| t.delete_files()>{move || tr!(live_delete_files)}</button>
        }
        .into_any(),
        TrainerStatus::Starting => view! { <span class="live-controls__code">{move || tr!(live_starting)}</span> }.into_any(),
        status => view! {
            {(status == TrainerStatus::Deleted).then(|| view! { <span class="live-controls__code" data-test="live-deleted">{move || tr!(live_files_deleted)}</span> })}
            <button type="button" class="button button--quiet" data-test="live-start" on:click=move |_| t.start()>{move || tr!(live_start)}</button>
        }
        .into_any(),
    };
    let problem = move || match t.status.get() {
        TrainerStatus::Failing(why) => Some(view! { <p class="live-controls__problem" role="alert" data-test="live-error">{move || why.text()}</p> }),
        _ => None,
    };
    let join = move || {
        let session = t.session.get()?;
        if !t.join_shown.get() || !t.live() {
            return None;
        }
        let code = SessionCode::parse(&session.code).ok()?;
        let link = join_link(&session.base, &code);
        let short = super::absolute("live");
        Some(view! {
            <section class="live-join" data-test="live-join" aria-label=move || tr!(live_join_label)>
                <h2>{move || tr!(live_join_heading)}</h2>
                {qr(&link)}
                <p class="live-join__code" data-test="live-join-code">{session.code.clone()}</p>
                <p class="live-join__link">{move || tr!(live_join_open)}<a href=link.clone() data-test="live-join-link">{link.clone()}</a></p>
                <p class="live-join__hint">{move || tr!(live_join_or, address = short)}</p>
                <button type="button" class="button button--quiet" data-test="live-join-hide" on:click=move |_| t.join_shown.set(false)>{move || tr!(live_join_hide)}</button>
            </section>
        })
    };
    let results = move || {
        let poll = t.poll.get()?;
        let item = here().into_iter().find(|p| p.poll.id == poll.id)?;
        let tally = t.tally.get().unwrap_or_default();
        let most = tally.counts.iter().copied().max().unwrap_or(0).max(1);
        let answers = tally.answers;
        let bars = item
            .options
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let count = tally.counts.get(i).copied().unwrap_or(0);
                view! {
                    <li class="live-results__row" data-test="live-bar" data-option=i.to_string() data-count=count.to_string()>
                        <span class="live-results__label">{label.clone()}</span>
                        <span class="live-results__track"><span class="live-results__bar" style:width=format!("{:.1}%", count as f64 / most as f64 * 100.0)></span></span>
                        <span class="live-results__count">{count.to_string()}</span>
                    </li>
                }
            })
            .collect_view();
        let open = poll.open;
        Some(view! {
            <section class="live-results" data-test="live-results" data-poll=poll.id.clone() data-open=poll.open.to_string()
                data-answers=answers.to_string() data-ignored=tally.ignored.to_string() aria-label=move || tr!(live_results_label)>
                <p class="live-results__title">
                    {move || if open { tr!(live_results_open) } else { tr!(live_results_closed) }}
                    <span class="live-results__total" data-test="live-answers">{move || format!(" · {}", answers_text(answers))}</span>
                </p>
                <ol class="live-results__bars">{bars}</ol>
            </section>
        })
    };
    view! {
        <div class="live-controls" data-test="live-controls" data-live-trainer=move || t.status.with(TrainerStatus::kind)>
            {controls}
            {problem}
        </div>
        {join}
        {results}
    }
}

/// "1 answer", "2 answers" in the UI language.
fn answers_text(count: usize) -> String {
    crate::ui::l10n::plural(
        count,
        tr!(live_answers_one, count = count),
        tr!(live_answers_many, count = count),
    )
}

/// What the deck tells the presenter window about the live session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct LiveInfo {
    status: String,
    code: Option<String>,
    poll: Option<String>,
    open: bool,
    answers: usize,
    counts: Vec<usize>,
}

fn live_channel(module: &str) -> Option<web_sys::BroadcastChannel> {
    web_sys::BroadcastChannel::new(&format!("mtd-learn.live.{module}")).ok()
}

impl LiveTrainer {
    /// Keeps the presenter window(s) of this module told about the session
    /// (the code and the poll's counts), for as long as the deck lives.
    pub fn announce(self) {
        use wasm_bindgen::prelude::*;
        let Some(channel) = live_channel(&self.module.get_value()) else {
            return;
        };
        let info = move || LiveInfo {
            status: self.status.with(TrainerStatus::kind).to_owned(),
            code: self.session.with(|s| s.as_ref().map(|s| s.code.clone())),
            poll: self.poll.with(|p| p.as_ref().map(|p| p.id.clone())),
            open: self.poll.with(|p| p.as_ref().is_some_and(|p| p.open)),
            answers: self.tally.with(|t| t.as_ref().map_or(0, |t| t.answers)),
            counts: self.tally.with(|t| t.as_ref().map(|t| t.counts.clone()).unwrap_or_default()),
        };
        let post = {
            let channel = channel.clone();
            move |info: LiveInfo| {
                if let Ok(text) = serde_json::to_string(&info) {
                    let _ = channel.post_message(&JsValue::from_str(&text));
                }
            }
        };
        listen(channel, {
            let post = post.clone();
            move |text: String| {
                if text == "hello" {
                    if let Some(info) = untrack(|| (self.alive()).then(info)) {
                        post(info);
                    }
                }
            }
        });
        Effect::new(move |_| post(info()));
    }
}

/// The live session as the presenter window shows it: the code and the
/// poll's counts (nothing while no session runs).
#[component]
pub fn PresenterLive(module: String) -> impl IntoView {
    use wasm_bindgen::prelude::*;
    let info = RwSignal::new(None::<LiveInfo>);
    if let Some(channel) = live_channel(&module) {
        listen(channel.clone(), move |text: String| {
            if let Ok(parsed) = serde_json::from_str::<LiveInfo>(&text) {
                let _ = info.try_set(Some(parsed));
            }
        });
        let _ = channel.post_message(&JsValue::from_str("hello"));
    }
    move || {
        let info = info.get().filter(|i| i.code.is_some() && i.status != "off")?;
        let code = info.code.clone().unwrap_or_default();
        let poll = info.poll.as_ref().map(|id| {
            let counts = info
                .counts
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{} {c}", char::from(b'A' + (i as u8 % 26))))
                .collect::<Vec<_>>()
                .join(" · ");
            let answers = answers_text(info.answers);
            let poll = if info.open {
                tr!(presenter_live_open, poll = id, answers = answers, counts = counts)
            } else {
                tr!(presenter_live_closed, poll = id, answers = answers, counts = counts)
            };
            format!(" · {poll}")
        });
        let state = match info.status.as_str() {
            "ended" => tr!(presenter_live_ended),
            "failing" => tr!(presenter_live_failing),
            _ => String::new(),
        };
        Some(view! {
            <p class="presenter__live" data-test="presenter-live" data-answers=info.answers.to_string()>
                <span class="presenter__label">{tr!(live_label)}</span><strong>{code}</strong>{state}{poll}
            </p>
        })
    }
}
