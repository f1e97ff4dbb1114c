//! The participant's page, `/live/<code>`: follows the trainer's slide on
//! the participant's own device, lets them browse away and return, and
//! answers open polls anonymously. Nothing here can change what the
//! trainer shows: participants only read `state.json` and write their own
//! answer file.

use std::collections::HashMap;
use std::time::Duration;

use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::{
    accepted, code_error_text, get, net_text, participant_id, put, visible, Failure, Got,
    DEFAULT_BASE,
};
use crate::content::{Block, RichText};
use crate::live::{
    answer_file_name, poll_delay_ms, session_folder, LiveState, Poll, PollAnswer, PollKind,
    SessionCode, SessionCodeError, StateError, STATE_FILE,
};
use crate::progress::Answer;
use crate::ui::http::NetError;
use crate::ui::pack::LoadError;
use crate::ui::app::{CourseResource, Language};
use crate::ui::blocks::text::{rich, TextBlocks};
use crate::ui::blocks::BlockView;
use crate::ui::pack::{LoadedModule, ModuleCache};
use crate::ui::routes::{set_title, ContentError, Loading};
use crate::ui::Progress;

/// Where the participant's connection to the session stands.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Connecting,
    Live,
    /// The last read failed; the view stays and reading goes on.
    Lost(Failure),
    /// 404 before any state was read: a wrong code.
    NoSession,
    Ended,
    /// The state file cannot be used; reading goes on.
    Unreadable(StateError),
}

impl Phase {
    /// For `data-live-state`.
    fn kind(&self) -> &'static str {
        match self {
            Phase::Connecting => "connecting",
            Phase::Live => "live",
            Phase::Lost(_) => "lost",
            Phase::NoSession => "no-session",
            Phase::Ended => "ended",
            Phase::Unreadable(_) => "unreadable",
        }
    }

    /// In the UI language; read inside a closure, it follows a switch.
    fn message(&self) -> Option<String> {
        Some(match self {
            Phase::Connecting => tr!(live_connecting),
            Phase::Live => return None,
            Phase::Lost(why) => tr!(live_lost, reason = why.text()),
            Phase::NoSession => tr!(live_no_session),
            Phase::Ended => tr!(live_ended),
            Phase::Unreadable(error) => tr!(live_unreadable, reason = state_error_text(error)),
        })
    }

    fn polling(&self) -> bool {
        !matches!(self, Phase::NoSession | Phase::Ended)
    }
}

/// Why the state file cannot be used, in the UI language (`StateError`'s
/// `Display` is the English text the native tests read; what a malformed
/// file lacks stays English, as it is meant for whoever runs the server).
fn state_error_text(error: &StateError) -> String {
    match error {
        StateError::Newer { .. } => tr!(live_state_newer),
        StateError::TooLarge { bytes } => tr!(live_state_too_large, bytes = bytes),
        StateError::Malformed(why) => tr!(live_state_malformed, reason = why),
    }
}

/// Reads `state.json` on a timer and keeps the signals up to date.
#[derive(Clone, Copy)]
struct Follower {
    folder: StoredValue<String>,
    live: RwSignal<Option<LiveState>>,
    phase: RwSignal<Phase>,
    /// The slide this device shows.
    shown: RwSignal<usize>,
    /// Whether `shown` follows the trainer.
    following: RwSignal<bool>,
    etag: StoredValue<Option<String>>,
    failures: StoredValue<u32>,
    running: StoredValue<bool>,
    stopped: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Follower {
    fn start(folder: String) -> Self {
        let f = Follower {
            folder: StoredValue::new(folder),
            live: RwSignal::new(None),
            phase: RwSignal::new(Phase::Connecting),
            shown: RwSignal::new(1),
            following: RwSignal::new(true),
            etag: StoredValue::new(None),
            failures: StoredValue::new(0),
            running: StoredValue::new(false),
            stopped: StoredValue::new(false),
            timer: StoredValue::new(None),
        };
        let shown_again = window_event_listener_untyped("visibilitychange", move |_| {
            if visible() {
                f.schedule(0);
            }
        });
        let online = window_event_listener(leptos::ev::online, move |_| {
            let _ = f.failures.try_set_value(0);
            f.schedule(0);
        });
        on_cleanup(move || {
            shown_again.remove();
            online.remove();
            let _ = f.stopped.try_set_value(true);
            if let Some(Some(handle)) = f.timer.try_get_value() {
                handle.clear();
            }
        });
        f.schedule(0);
        f
    }

    /// False once the page is gone.
    fn alive(self) -> bool {
        self.stopped.try_get_value() == Some(false)
    }

    fn schedule(self, delay_ms: u64) {
        if !self.alive() || !self.phase.get_untracked().polling() {
            return;
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if self.alive() {
                    self.timer.set_value(None);
                    self.run();
                }
            },
            Duration::from_millis(delay_ms),
        )
        .ok();
        self.timer.set_value(handle);
    }

    fn run(self) {
        if self.running.get_value() {
            return; // the read under way schedules the next one
        }
        self.running.set_value(true);
        leptos::task::spawn_local(async move {
            let url = format!("{}{STATE_FILE}", self.folder.get_value());
            let etag = self.etag.get_value();
            let result = get(&url, etag.as_deref()).await;
            if !self.alive() {
                return;
            }
            self.running.set_value(false);
            self.take(result);
            if self.phase.get_untracked().polling() {
                self.schedule(poll_delay_ms(visible(), self.failures.get_value()));
            }
        });
    }

    fn failed(self, phase: Phase) {
        self.failures.update_value(|n| *n = n.saturating_add(1));
        self.phase.set(phase);
    }

    fn take(self, result: Result<Got, NetError>) {
        match result {
            Err(error) => self.failed(Phase::Lost(Failure::Net(error))),
            Ok(Got::NotModified) => {
                self.failures.set_value(0);
                if self.phase.get_untracked() != Phase::Live {
                    self.phase.set(Phase::Live);
                }
            }
            Ok(Got::Text { text, etag, .. }) => match LiveState::parse(&text) {
                Ok(state) => {
                    self.failures.set_value(0);
                    self.etag.set_value(etag);
                    self.apply(state);
                }
                Err(error) => {
                    self.etag.set_value(None);
                    self.failed(Phase::Unreadable(error));
                }
            },
            Ok(Got::Missing) => {
                // Deleted after the end, or never there.
                let phase = if self.live.with_untracked(Option::is_some) {
                    Phase::Ended
                } else {
                    Phase::NoSession
                };
                self.phase.set(phase);
            }
            Ok(Got::Status(code)) => self.failed(Phase::Lost(Failure::Status(code))),
        }
    }

    fn apply(self, state: LiveState) {
        let ended = state.ended;
        let slide = state.slide;
        let total = state.total;
        if self.live.with_untracked(|s| s.as_ref() != Some(&state)) {
            self.live.set(Some(state));
        }
        let want = if self.following.get_untracked() {
            slide
        } else {
            self.shown.get_untracked().clamp(1, total)
        };
        if self.shown.get_untracked() != want {
            self.shown.set(want);
        }
        let phase = if ended { Phase::Ended } else { Phase::Live };
        if self.phase.get_untracked() != phase {
            self.phase.set(phase);
        }
    }

    fn live_slide(self) -> Option<usize> {
        self.live.with(|s| s.as_ref().map(|s| s.slide))
    }
}

/// The session folder's base from a join link's `#url=…`, else `/sync/`.
fn base_from_fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    let (url, _) = crate::sync::parse_link_fragment(&hash);
    url.and_then(|u| crate::sync::check_base_url(&u).ok())
        .unwrap_or_else(|| DEFAULT_BASE.to_owned())
}

/// `/live/<code>`.
#[component]
pub fn LivePage() -> impl IntoView {
    set_title(|| tr!(live_page_title));
    let params = use_params_map();
    move || {
        let raw = params.read().get("code").unwrap_or_default();
        view! { <LiveSession raw base=base_from_fragment()/> }
    }
}

/// `/live`: the join form alone.
#[component]
pub fn JoinPage() -> impl IntoView {
    set_title(|| tr!(live_join_title));
    view! {
        <div class="page page--reading">
            <h1>{move || tr!(live_join_title)}</h1>
            <JoinForm/>
        </div>
    }
}

/// Typing the code the trainer shows.
#[component]
pub fn JoinForm() -> impl IntoView {
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<SessionCodeError>);
    let navigate = use_navigate();
    let join = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match SessionCode::parse(&code.get_untracked()) {
            Ok(parsed) => {
                error.set(None);
                navigate(&crate::ui::href(&format!("/live/{parsed}")), Default::default());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="live-join-form" data-test="live-join-form" on:submit=join>
            <label for="live-code">{move || tr!(live_code_label)}</label>
            <div class="live-join-form__row">
                <input
                    id="live-code"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    placeholder="ABCD-1234"
                    data-test="live-code-input"
                    prop:value=move || code.get()
                    on:input=move |e| code.set(event_target_value(&e))
                />
                <button type="submit" class="button button--primary" data-test="live-join">{move || tr!(live_join)}</button>
            </div>
            <p class="hint">{move || tr!(live_join_hint)}</p>
            {move || error.get().map(|e| view! { <p class="status" role="alert" data-test="live-code-error">{move || code_error_text(&e)}</p> })}
        </form>
    }
}

#[component]
fn LiveSession(raw: String, base: String) -> impl IntoView {
    let code = match SessionCode::parse(&raw) {
        Ok(code) => code,
        Err(e) => {
            return view! {
                <div class="page page--reading live-page" data-test="live-page" data-live-state="bad-code">
                    <h1>{move || tr!(live_join_title)}</h1>
                    <p class="notice notice--error" role="alert" data-test="live-message" data-live-error="bad-code">
                        {move || tr!(live_bad_code, code = raw, error = code_error_text(&e))}
                    </p>
                    <JoinForm/>
                </div>
            }
            .into_any()
        }
    };
    let folder = session_folder(&base, &code);
    let follower = Follower::start(folder.clone());
    let course = expect_context::<CourseResource>().0;
    let cache = expect_context::<ModuleCache>();
    let wanted = expect_context::<Language>().0;
    // Which module, in which language: the trainer's, where the module has it.
    let key = Memo::new(move |_| {
        follower
            .live
            .with(|s| s.as_ref().map(|s| (s.module.clone(), s.lang.clone())))
    });
    let loaded = LocalResource::new(move || {
        let key = key.get();
        let mine = wanted.get_untracked();
        async move {
            let (id, lang) = key?;
            let result = async {
                let (course, _) = course.await?;
                let entry = course
                    .module(&id)
                    .ok_or_else(|| LoadError::NoModule(id.clone()))?;
                let lang = if entry.languages.contains(&lang) { lang } else { entry.language_for(&mine).to_owned() };
                cache.get(lang, id).await
            };
            Some(result.await)
        }
    });
    let phase = follower.phase;
    let body = move || match loaded.get() {
        Some(Some(Ok(module))) => view! { <LiveSlides module follower folder=folder.clone()/> }.into_any(),
        Some(Some(Err(error))) => view! { <ContentError error/> }.into_any(),
        _ if phase.with(|p| matches!(p, Phase::Connecting)) => view! { <Loading/> }.into_any(),
        Some(None) | None => ().into_any(),
    };
    let shown_code = code.to_string();
    view! {
        <div
            class="page page--reading live-page"
            data-test="live-page"
            data-live-state=move || phase.with(Phase::kind)
            data-live-slide=move || follower.live_slide().map(|n| n.to_string()).unwrap_or_default()
            data-slide=move || follower.live.with(|s| s.is_some()).then(|| follower.shown.get().to_string()).unwrap_or_default()
        >
            <header class="live-bar">
                <span class="live-indicator" class:live-indicator--on=move || phase.with(|p| *p == Phase::Live) data-test="live-indicator">
                    {move || match phase.get() {
                        Phase::Live => tr!(live_on),
                        Phase::Ended => tr!(live_session_ended),
                        Phase::NoSession => tr!(live_not_connected),
                        _ => tr!(live_reconnecting),
                    }}
                </span>
                <span class="live-bar__code">{move || tr!(live_session_label)}<span data-test="live-session-code">{shown_code}</span></span>
            </header>
            <p class="live-message" role="status" aria-live="polite">
                {move || phase.with(Phase::message).map(|text| view! {
                    <span class="notice" class:notice--warning=move || !matches!(phase.get(), Phase::Connecting) data-test="live-message" data-live-error=move || phase.with(Phase::kind)>{text}</span>
                })}
            </p>
            {move || phase.with(|p| *p == Phase::NoSession).then(|| view! { <JoinForm/> })}
            {body}
        </div>
    }
    .into_any()
}

/// Pieces of one slide, owned.
#[derive(Clone)]
struct SlideParts {
    section_title: String,
    opens_section: bool,
    blocks: Vec<Block>,
}

#[component]
fn LiveSlides(module: LoadedModule, follower: Follower, folder: String) -> impl IntoView {
    let slides: Vec<SlideParts> = module
        .module
        .slides()
        .into_iter()
        .map(|s| SlideParts {
            section_title: s.section.title.clone(),
            opens_section: s.index == 0,
            blocks: s.slide.blocks.clone(),
        })
        .collect();
    let total = slides.len().max(1);
    let module_id = module.module.id.clone();
    let title = module.module.title.clone();
    set_title(move || tr!(live_slides_title, module = title));
    let Follower { shown, following, live, .. } = follower;
    let poll = Memo::new(move |_| live.with(|s| s.as_ref().and_then(|s| s.poll.clone())));
    let sent = RwSignal::new(HashMap::<String, PollAnswer>::new());
    let pid = StoredValue::new(participant_id(&folder));
    let folder = StoredValue::new(folder);
    let live_slide = move || follower.live_slide().unwrap_or(1).min(total);
    let go = move |n: usize| {
        let n = n.clamp(1, total);
        shown.set(n);
        following.set(n == live_slide());
        scroll_to_top();
    };
    let back_to_live = move |_| {
        following.set(true);
        shown.set(live_slide());
        scroll_to_top();
    };
    let current = move || {
        let n = shown.get().clamp(1, total);
        let Some(slide) = slides.get(n - 1).cloned() else {
            return ().into_any();
        };
        // Every slide is a page of its own here, so it always has an h1: the
        // section's title, marked as continued after the section's first slide.
        let heading = if slide.opens_section {
            view! { <h1>{slide.section_title.clone()}</h1> }.into_any()
        } else {
            view! {
                <h1 class="live-heading--continued">
                    {slide.section_title.clone()}
                    <span class="section-count">{move || tr!(live_continued)}</span>
                </h1>
            }
            .into_any()
        };
        let module_id = module_id.clone();
        let blocks = slide
            .blocks
            .into_iter()
            .map(|block| {
                let module_id = module_id.clone();
                let polled = poll.with(|p| p.clone().filter(|p| polls_block(&block, &p.id)));
                match polled {
                    Some(p) => view! { <PollForm poll=p block module_id folder=folder.get_value() pid=pid.get_value() sent/> }.into_any(),
                    None => view! { <BlockView block module_id/> }.into_any(),
                }
            })
            .collect_view();
        view! {
            <div class="live-slide" data-test="live-slide">
                {heading}
                <div class="prose">{blocks}</div>
            </div>
        }
        .into_any()
    };
    view! {
        <p class="live-counter" data-test="live-counter">
            {move || {
                let (n, at) = (shown.get(), live_slide());
                if n == at { tr!(live_counter, n = n, total = total) } else { tr!(live_counter_away, n = n, total = total, at = at) }
            }}
        </p>
        {current}
        <nav class="live-nav" aria-label=move || tr!(live_nav_label)>
            <button type="button" class="button button--secondary" data-test="live-prev"
                disabled=move || { shown.get() <= 1 } on:click=move |_| go(shown.get_untracked().saturating_sub(1))>"← "{move || tr!(section_previous)}</button>
            <Show when=move || shown.get() != live_slide()>
                <button type="button" class="button button--primary" data-test="live-return" on:click=back_to_live>{move || tr!(live_return)}</button>
            </Show>
            <button type="button" class="button button--secondary" data-test="live-next"
                disabled=move || { shown.get() >= total } on:click=move |_| go(shown.get_untracked() + 1)>{move || tr!(section_next)}" →"</button>
        </nav>
    }
}

fn scroll_to_top() {
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// Whether the poll `id` asks about this block (a question, or a statement
/// of this self-assessment).
fn polls_block(block: &Block, id: &str) -> bool {
    match block {
        Block::Question(q) => q.id == id,
        Block::Likert(l) => l.statements.iter().any(|s| s.id == id),
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Sending {
    Idle,
    Busy,
    Sent,
    Failed(SendError),
}

/// Why an answer was not sent.
#[derive(Clone, Copy, PartialEq)]
enum SendError {
    NoChoice,
    NoRandom,
    Refused(u16),
    Net(NetError),
}

impl SendError {
    fn text(self) -> String {
        match self {
            SendError::NoChoice => tr!(live_choose_first),
            SendError::NoRandom => tr!(live_no_random),
            SendError::Refused(code) => tr!(live_send_refused, code = code),
            SendError::Net(error) => tr!(live_send_failed, reason = net_text(error)),
        }
    }
}

/// The answer form of an open poll, in place of its block.
#[component]
fn PollForm(
    poll: Poll,
    block: Block,
    module_id: String,
    folder: String,
    pid: Option<String>,
    sent: RwSignal<HashMap<String, PollAnswer>>,
) -> impl IntoView {
    let progress = expect_context::<Progress>();
    // What is asked, and the choices.
    let (prompt, choices): (Vec<Block>, Vec<RichText>) = match &block {
        Block::Question(q) => (q.prompt.clone(), q.options.iter().map(|o| o.text.clone()).collect()),
        Block::Likert(l) => {
            let statement = l.statements.iter().find(|s| s.id == poll.id);
            (
                statement.map(|s| vec![Block::Paragraph(s.text.clone())]).unwrap_or_default(),
                l.scale.iter().map(|label| vec![crate::content::Inline::Text(label.clone())]).collect(),
            )
        }
        _ => (Vec::new(), Vec::new()),
    };
    let before = sent.with_untracked(|s| s.get(&poll.id).cloned());
    let chosen = RwSignal::new(match &before {
        Some(PollAnswer::Choice(c)) => c.clone(),
        Some(PollAnswer::Value(v)) => vec![v - 1],
        None => Vec::new(),
    });
    let status = RwSignal::new(if before.is_some() { Sending::Sent } else { Sending::Idle });
    let save_own = RwSignal::new(false);
    let several = poll.kind == PollKind::Multiple;
    let open = poll.open;
    let name = format!("live-poll-{}", poll.id);
    let kind = poll.kind;
    let label = move || match kind {
        PollKind::Likert => tr!(live_poll_likert),
        PollKind::Multiple => tr!(live_poll_multiple),
        PollKind::Choice => tr!(live_poll_choice),
    };
    let options = choices
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let checked = move || chosen.with(|c| c.contains(&i));
            view! {
                <li class="option" class:option--selected=checked>
                    <label class="option__label">
                        <input
                            type=if several { "checkbox" } else { "radio" }
                            name=name.clone()
                            value=i.to_string()
                            data-test="live-option"
                            disabled=!open
                            prop:checked=checked
                            on:change=move |_| {
                                chosen.update(|c| {
                                    if several {
                                        if let Some(at) = c.iter().position(|&x| x == i) { c.remove(at); } else { c.push(i); c.sort_unstable(); }
                                    } else {
                                        *c = vec![i];
                                    }
                                });
                                if status.get_untracked() == Sending::Sent { status.set(Sending::Idle); }
                            }
                        />
                        <span class="option__text">{rich(&text)}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let poll_for_send = poll.clone();
    let send = move |_| {
        let poll = poll_for_send.clone();
        let picked = chosen.get_untracked();
        let answer = match poll.kind {
            PollKind::Likert => PollAnswer::Value(picked.first().map_or(0, |i| i + 1)),
            _ => PollAnswer::Choice(picked.clone()),
        };
        let Ok(answer) = answer.fitted(&poll) else {
            status.set(Sending::Failed(SendError::NoChoice));
            return;
        };
        let Some(name) = pid.as_deref().and_then(|pid| answer_file_name(pid, &poll.id)) else {
            status.set(Sending::Failed(SendError::NoRandom));
            return;
        };
        let url = format!("{folder}{name}");
        let body = answer.to_json(&poll.id);
        let module_id = module_id.clone();
        let keep = save_own.get_untracked();
        status.set(Sending::Busy);
        leptos::task::spawn_local(async move {
            let result = put(&url, body).await;
            let outcome = match result {
                Ok(code) if accepted(code) => {
                    let _ = sent.try_update(|s| s.insert(poll.id.clone(), answer.clone()));
                    if keep {
                        save_in_progress(progress, &module_id, &poll.id, &answer);
                    }
                    Sending::Sent
                }
                Ok(code) => Sending::Failed(SendError::Refused(code)),
                Err(e) => Sending::Failed(SendError::Net(e)),
            };
            let _ = status.try_set(outcome);
        });
    };
    let own_id = format!("live-save-own-{}", poll.id);
    view! {
        <fieldset class="question live-poll" data-test="live-poll" data-id=poll.id.clone() data-open=open.to_string()>
            <legend><span class="question__label">{label}</span></legend>
            <TextBlocks blocks=prompt/>
            <ul class="options" role="list">{options}</ul>
            {if open {
                view! {
                    <p class="live-poll__own">
                        <input type="checkbox" id=own_id.clone() data-test="live-save-own"
                            prop:checked=move || save_own.get() on:change=move |e| save_own.set(event_target_checked(&e))/>
                        <label for=own_id>{move || tr!(live_save_own)}</label>
                    </p>
                    <div class="question__actions">
                        <button type="button" class="button button--primary" data-test="live-send"
                            disabled=move || chosen.with(Vec::is_empty) || status.get() == Sending::Busy
                            on:click=send>
                            {move || if status.get() == Sending::Sent { tr!(live_change_answer) } else { tr!(live_send_answer) }}
                        </button>
                    </div>
                }.into_any()
            } else {
                view! { <p class="hint" data-test="live-poll-closed">{move || tr!(live_poll_closed)}</p> }.into_any()
            }}
            <p class="status" role="status" aria-live="polite">
                {move || match status.get() {
                    Sending::Idle => None,
                    Sending::Busy => Some(view! { <span>{move || tr!(live_sending)}</span> }.into_any()),
                    Sending::Sent => Some(view! { <span data-test="live-sent">{move || tr!(live_sent)}</span> }.into_any()),
                    Sending::Failed(why) => Some(view! { <span data-test="live-send-error">{move || why.text()}</span> }.into_any()),
                }}
            </p>
        </fieldset>
    }
}

/// Only when the participant ticked "Also save": the poll answer becomes
/// part of their own progress, like answering in the learning view.
fn save_in_progress(progress: Progress, module: &str, id: &str, answer: &PollAnswer) {
    let stored = match answer {
        PollAnswer::Choice(chosen) => Answer::Choice {
            selected: chosen.iter().map(|&i| i as u8).collect(),
            checked: true,
            attempt: match progress.answer(module, id) {
                Some(Answer::Choice { attempt, .. }) => attempt,
                _ => 0,
            },
        },
        PollAnswer::Value(v) => Answer::Likert { value: *v as u8 },
    };
    progress.set_answer(module, id, stored);
}
