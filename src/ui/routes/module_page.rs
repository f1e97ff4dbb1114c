use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::{set_fixed_title, with_module};
use crate::content::{EntryKind, ModuleEntry};
use crate::ui::app::Language;
use crate::ui::blocks::text::rich;
use crate::ui::blocks::BlockView;
use crate::ui::pack::LoadedModule;
use crate::ui::{href, Progress};

#[component]
pub fn ModulePage() -> impl IntoView {
    let params = use_params_map();
    with_module(
        move || params.read().get("module").unwrap_or_default(),
        |entry, loaded| match entry.kind {
            EntryKind::Reference => view! { <ReferencePage loaded/> }.into_any(),
            EntryKind::Assessment => {
                view! { <super::assessment::AssessmentOverview loaded/> }.into_any()
            }
            EntryKind::Module => view! { <ModuleOverview entry loaded/> }.into_any(),
        },
    )
}

#[component]
fn ModuleOverview(entry: ModuleEntry, loaded: LoadedModule) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let module = loaded.module.clone();
    set_fixed_title(module.title.clone());
    let id = module.id.clone();
    let sections: Vec<(String, String)> = module
        .sections
        .iter()
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    let start = {
        let sections = sections.clone();
        let id = id.clone();
        move || {
            let visited: Vec<bool> = progress.with(|s| {
                sections
                    .iter()
                    .map(|(sid, _)| s.visited(&id, sid))
                    .collect()
            });
            let (label, target) = match visited.iter().position(|v| !v) {
                Some(0) => (tr!(module_start), 0),
                Some(i) => (tr!(module_continue), i),
                None => (tr!(module_read_again), 0),
            };
            view! {
                <A exact=true href=href(&format!("/m/{id}/{}", sections[target].0)) attr:class="button button--primary" attr:data-test="start">{label}</A>
            }
        }
    };
    let problems = loaded.problems.clone();
    view! {
        <div class="page" lang=loaded.lang.clone()>
            <LanguageFallback shown=loaded.lang.clone()/>
            <nav class="breadcrumb" aria-label=move || tr!(breadcrumb_label)>
                <ol><li><A exact=true href="/">{move || tr!(nav_course)}</A></li><li aria-current="page">{module.title.clone()}</li></ol>
            </nav>
            <header class="module-head">
                <h1>{module.title.clone()}</h1>
                <p class="module-head__summary">{module.summary.clone()}</p>
                <p class="module-head__meta">{let (minutes, count) = (entry.minutes, sections.len()); move || tr!(module_meta, minutes = minutes, sections = count)}</p>
                <div class="question__actions">
                    {start}
                    <A exact=true href=href(&format!("/present/{}/1", module.id)) attr:class="button button--secondary" attr:data-test="present">{move || tr!(module_present)}</A>
                    <A exact=true href=href(&format!("/handout/{}", module.id)) attr:class="button button--secondary" attr:data-test="handout-link">{move || tr!(module_handout)}</A>
                </div>
            </header>
            <div class="module-grid">
                <section aria-labelledby="objectives-title" class="panel">
                    <h2 id="objectives-title">{move || tr!(module_objectives)}</h2>
                    <ul class="objectives">
                        {module.objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}
                    </ul>
                </section>
                <section aria-labelledby="sections-title" class="panel">
                    <h2 id="sections-title">{move || tr!(module_sections)}</h2>
                    <ol class="section-list">
                        {sections.clone().into_iter().map(|(sid, title)| {
                            let visited = { let id = id.clone(); let sid = sid.clone(); move || progress.with(|s| s.visited(&id, &sid)) };
                            view! {
                                <li class:visited=visited.clone()>
                                    <A exact=true href=href(&format!("/m/{id}/{sid}")) attr:data-test="section-link">{title.clone()}</A>
                                    <Show when=visited.clone()>
                                        <span class="visited-mark">"✓"<span class="visually-hidden">{move || tr!(module_visited)}</span></span>
                                    </Show>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </section>
            </div>
            <section aria-labelledby="sources-title" class="sources">
                <h2 id="sources-title">{move || tr!(module_sources)}</h2>
                <ol>{module.sources.iter().map(|s| view! { <li>{rich(s)}</li> }).collect_view()}</ol>
            </section>
            <ProblemList problems=problems.to_vec()/>
        </div>
    }
}

/// A reference page (glossary, help and contacts): every section on one page.
#[component]
fn ReferencePage(loaded: LoadedModule) -> impl IntoView {
    let module = loaded.module.clone();
    set_fixed_title(module.title.clone());
    let id = module.id.clone();
    view! {
        <article class="page page--reading reference" lang=loaded.lang.clone()>
            <nav class="breadcrumb" aria-label=move || tr!(breadcrumb_label)>
                <ol><li><A exact=true href="/">{move || tr!(nav_course)}</A></li><li aria-current="page">{module.title.clone()}</li></ol>
            </nav>
            <h1>{module.title.clone()}</h1>
            <p class="module-head__summary">{module.summary.clone()}</p>
            {module.sections.iter().map(|section| {
                let blocks: Vec<_> = section.blocks().cloned().collect();
                let id = id.clone();
                view! {
                    <section class="prose reference__section" id=section.id.clone() aria-label=section.title.clone()>
                        {blocks.into_iter().map(|block| view! { <BlockView block module_id=id.clone()/> }).collect_view()}
                    </section>
                }
            }).collect_view()}
            <section aria-labelledby="sources-title" class="sources">
                <h2 id="sources-title">{move || tr!(module_sources)}</h2>
                <ol>{module.sources.iter().map(|s| view! { <li>{rich(s)}</li> }).collect_view()}</ol>
            </section>
            <ProblemList problems=loaded.problems.to_vec()/>
        </article>
    }
}

/// Says so when a module is shown in another language than the one chosen
/// (the nearest one it has), and offers to show everything in that one.
#[component]
pub(crate) fn LanguageFallback(shown: String) -> impl IntoView {
    let language = expect_context::<Language>();
    move || {
        let wanted = language.0.get();
        let shown = shown.clone();
        (wanted != shown).then(|| {
            let switch_to = shown.clone();
            view! {
                <p class="notice notice--info" lang=wanted.clone() data-test="language-fallback">
                    {tr!(
                        fallback_notice,
                        wanted = crate::ui::l10n::language_in_sentence(&wanted),
                        shown = crate::ui::l10n::language_in_sentence(&shown)
                    )}
                    " "
                    <button type="button" class="button button--quiet" data-test="fallback-switch" on:click=move |_| language.choose(&switch_to)>
                        {tr!(fallback_switch, shown = crate::ui::l10n::language_in_sentence(&shown))}
                    </button>
                </p>
            }
        })
    }
}

/// Problems in the module file, for whoever maintains the pack. Learners see
/// a short line; the details are one click away.
#[component]
pub(crate) fn ProblemList(problems: Vec<crate::content::Problem>) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        let count = problems.len();
        view! {
            <details class="notice notice--info pack-problems" data-test="content-error">
                <summary>{move || tr!(module_problems, count = count)}</summary>
                <ul lang="en">{problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}</ul>
            </details>
        }
    })
}
