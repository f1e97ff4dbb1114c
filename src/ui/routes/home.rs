use leptos::prelude::*;
use leptos_router::components::A;

use super::{set_title, ContentError, Loading};
use crate::content::{Course, EntryKind, ModuleEntry};
use crate::ui::app::{CourseResource, Language};
use crate::ui::pack::ModuleCache;
use crate::ui::{href, Progress};

#[component]
pub fn Home() -> impl IntoView {
    set_title(String::new);
    let course = expect_context::<CourseResource>().0;
    move || match course.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <ContentError error/> }.into_any(),
        Some(Ok((course, _))) => view! { <CourseOverview course=(*course).clone()/> }.into_any(),
    }
}

#[component]
fn CourseOverview(course: Course) -> impl IntoView {
    let lang = expect_context::<Language>().0;
    let progress = expect_context::<Progress>();
    let title = course.title_in(&lang.get_untracked()).to_owned();
    let course_lang = if course.title.contains_key(&lang.get_untracked()) {
        lang.get_untracked()
    } else {
        course.language_for(&lang.get_untracked()).to_owned()
    };
    let modules: Vec<ModuleEntry> = course.learning_modules().cloned().collect();
    let total_minutes: u32 = modules.iter().map(|m| m.minutes).sum();
    let count = modules.len();
    let assessments: Vec<ModuleEntry> = course.entries_of(EntryKind::Assessment).cloned().collect();
    let references: Vec<ModuleEntry> = course.entries_of(EntryKind::Reference).cloned().collect();
    let course_for_continue = course.clone();
    let continue_link = move || {
        let place = progress.with(|s| s.place.as_ref().map(|r| r.value.clone()))?;
        let entry = course_for_continue.module(&place.module)?;
        let module_title = entry.title_in(&lang.get()).to_owned();
        Some(view! {
            <a class="continue-card" data-test="continue" href=href(&format!("/m/{}/{}", place.module, place.section))>
                <span class="continue-card__label">{move || tr!(home_continue)}</span>
                <span class="continue-card__title">{module_title}</span>
            </a>
        })
    };
    view! {
        <div class="page">
            <section class="hero" aria-labelledby="course-title">
                <h1 id="course-title" lang=course_lang>{title}</h1>
                <p class="hero__lead">
                    {move || tr!(home_lead)}
                </p>
                <p class="hero__meta">{move || course_length(count, total_minutes)}</p>
            </section>
            {continue_link}
            <h2 class="section-heading">{move || tr!(home_modules_heading)}</h2>
            <ol class="module-list">
                {modules.into_iter().enumerate().map(|(i, entry)| view! { <ModuleCard entry number=i + 1/> }).collect_view()}
            </ol>
            {(!assessments.is_empty()).then(|| view! {
                <h2 class="section-heading">{move || tr!(assessment_heading)}</h2>
                <p class="hint">{move || tr!(home_assessment_hint)}</p>
                <ul class="module-list">
                    {assessments.into_iter().map(|entry| view! { <EntryLink entry/> }).collect_view()}
                </ul>
            })}
            <section class="panel live-join-panel" aria-labelledby="live-join-title">
                <h2 id="live-join-title" class="section-heading">{move || tr!(live_join_title)}</h2>
                <crate::ui::live::JoinForm/>
            </section>
            {(!references.is_empty()).then(|| view! {
                <h2 class="section-heading">{move || tr!(home_reference_heading)}</h2>
                <ul class="module-list">
                    {references.into_iter().map(|entry| view! { <EntryLink entry/> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

#[component]
fn ModuleCard(entry: ModuleEntry, number: usize) -> impl IntoView {
    let lang = expect_context::<Language>().0;
    let progress = expect_context::<Progress>();
    let id = entry.id.clone();
    let started = {
        let id = id.clone();
        move || progress.with(|s| s.started(&id))
    };
    // Only modules already started are fetched, to count their sections.
    let cache = expect_context::<ModuleCache>();
    let module = LocalResource::new({
        let id = id.clone();
        let started = started.clone();
        let entry = entry.clone();
        move || {
            let wanted = started().then(|| id.clone());
            // The module's language as the module page loads it, so the
            // count comes from the same file.
            let shown = entry.language_for(&lang.get_untracked()).to_owned();
            async move {
                match wanted {
                    Some(id) => cache.get(shown, id).await.ok(),
                    None => None,
                }
            }
        }
    });
    let status = {
        let id = id.clone();
        move || {
            if !started() {
                return tr!(home_not_started);
            }
            match module.get() {
                Some(Some(m)) => {
                    let total = m.module.sections.len();
                    let seen = progress.with(|s| {
                        s.visited_count(&id, m.module.sections.iter().map(|s| s.id.as_str()))
                    });
                    if seen >= total {
                        tr!(home_completed)
                    } else {
                        tr!(home_sections_seen, seen = seen, total = total)
                    }
                }
                _ => tr!(home_in_progress),
            }
        }
    };
    let title = entry.title_in(&lang.get_untracked()).to_owned();
    let summary = entry.summary_in(&lang.get_untracked()).to_owned();
    view! {
        <li class="module-card" data-test="module-card" data-module=id.clone() lang=entry.language_for(&lang.get_untracked()).to_owned()>
            <span class="module-card__number" aria-hidden="true">{number}</span>
            <div class="module-card__body">
                <h3 class="module-card__title"><A exact=true href=href(&format!("/m/{id}"))>{title}</A></h3>
                <p class="module-card__summary">{summary}</p>
                <p class="module-card__meta">
                    <span>{let minutes = entry.minutes; move || tr!(home_card_minutes, minutes = minutes)}</span>
                    <span class="module-card__status" data-test="module-progress">{status}</span>
                </p>
            </div>
        </li>
    }
}

fn course_length(modules: usize, minutes: u32) -> String {
    let modules = crate::ui::l10n::plural(
        modules,
        tr!(home_modules_one, count = modules),
        tr!(home_modules_many, count = modules),
    );
    if minutes < 90 {
        tr!(home_length_minutes, modules = modules, minutes = minutes)
    } else {
        tr!(
            home_length_hours,
            modules = modules,
            hours = (minutes + 30) / 60
        )
    }
}

/// A card for the assessment or a reference page: title and summary only.
#[component]
fn EntryLink(entry: ModuleEntry) -> impl IntoView {
    let lang = expect_context::<Language>().0;
    let title = entry.title_in(&lang.get_untracked()).to_owned();
    let summary = entry.summary_in(&lang.get_untracked()).to_owned();
    view! {
        <li class="module-card module-card--plain" data-test="entry-card" data-module=entry.id.clone() lang=entry.language_for(&lang.get_untracked()).to_owned()>
            <div class="module-card__body">
                <h3 class="module-card__title"><A exact=true href=href(&format!("/m/{}", entry.id))>{title}</A></h3>
                <p class="module-card__summary">{summary}</p>
            </div>
        </li>
    }
}
