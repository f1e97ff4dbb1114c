//! The learner's results across the course, printable, and the
//! certificate of completion.

use leptos::prelude::*;
use leptos_router::components::A;

use super::assessment::long_date;
use super::{set_title, ContentError, Loading};
use crate::assess::{knowledge_score, likert_profile, replay};
use crate::content::{plain_text, Block, EntryKind, Module};
use crate::progress::{Answer, Phase};
use crate::store;
use crate::ui::blocks::profile::ProfileChart;
use crate::ui::pack::{all_modules_resource, LoadedModule};
use crate::ui::{href, Progress};

/// A module counts as completed when every section was opened.
fn completed(progress: &Progress, module: &Module) -> bool {
    progress.with(|s| {
        s.visited_count(&module.id, module.sections.iter().map(|x| x.id.as_str()))
            == module.sections.len()
    })
}

fn print_page(_: leptos::ev::MouseEvent) {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

#[component]
pub fn Results() -> impl IntoView {
    set_title(move || tr!(results_title));
    let all = all_modules_resource();
    move || match all.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <ContentError error/> }.into_any(),
        Some(Ok((course, loaded))) => {
            let modules: Vec<LoadedModule> = loaded
                .into_iter()
                .filter(|l| {
                    course
                        .module(&l.module.id)
                        .is_some_and(|e| e.kind == EntryKind::Module)
                })
                .collect();
            let assessment = course
                .entries_of(EntryKind::Assessment)
                .next()
                .map(|e| e.id.clone());
            view! { <ResultsView modules assessment/> }.into_any()
        }
    }
}

#[component]
fn ResultsView(modules: Vec<LoadedModule>, assessment: Option<String>) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let done = modules
        .iter()
        .filter(|l| completed(&progress, &l.module))
        .count();
    let total = modules.len();
    let reflections = modules.clone();
    let download_reflections = move |_| {
        let mut text = format!(
            "# {} – Make the Difference\n\n",
            tr!(results_reflections_heading)
        );
        for l in &reflections {
            for block in l.module.blocks() {
                if let Block::Reflection(r) = block {
                    if let Some(answer) =
                        progress.with(|s| s.reflection(&l.module.id, &r.id).map(str::to_owned))
                    {
                        let prompt: Vec<String> = r
                            .prompt
                            .iter()
                            .filter_map(|b| {
                                if let Block::Paragraph(t) = b {
                                    Some(plain_text(t))
                                } else {
                                    None
                                }
                            })
                            .collect();
                        text.push_str(&format!(
                            "## {}\n\n*{}*\n\n{}\n\n",
                            l.module.title,
                            prompt.join(" "),
                            answer
                        ));
                    }
                }
            }
        }
        crate::ui::download::download(
            &format!("mtd-learn-reflections-{}.md", crate::ui::download::today()),
            "text/markdown",
            &text,
        );
    };
    let prepost = assessment.map(|id| {
        let link = href(&format!("/m/{id}"));
        let taken = move |phase| {
            progress
                .with(|s| s.latest_attempt(&id, phase))
                .map(|a| long_date(a.started))
        };
        let (before, after) = (taken(Phase::Before), taken(Phase::After));
        view! {
            <section class="panel" aria-labelledby="prepost-title">
                <h2 id="prepost-title">{tr!(assessment_heading)}</h2>
                <p>{tr!(
                    results_prepost,
                    before = before.unwrap_or_else(|| tr!(results_not_taken)),
                    after = after.unwrap_or_else(|| tr!(results_not_taken))
                )}</p>
                <p class="no-print"><A exact=true href=link>{tr!(results_open_assessment)}</A></p>
            </section>
        }
    });
    view! {
        <div class="page results" data-test="results">
            <h1>{tr!(results_title)}</h1>
            <p class="module-head__summary" data-test="completion">{tr!(results_completion, done = done, total = total)}</p>
            <p class="hint">{tr!(results_hint)}</p>
            <div class="data-actions no-print">
                <button type="button" class="button button--primary" on:click=print_page>{tr!(print_or_pdf)}</button>
                <button type="button" class="button button--secondary" data-test="download-reflections" on:click=download_reflections>{tr!(results_download_reflections)}</button>
                <A exact=true href="/certificate" attr:class="button button--secondary" attr:data-test="certificate-link">{tr!(cert_title)}</A>
            </div>
            {prepost}
            {modules.into_iter().map(|l| view! { <ModuleResult loaded=l/> }).collect_view()}
        </div>
    }
}

#[component]
fn ModuleResult(loaded: LoadedModule) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let module = loaded.module.clone();
    let id = module.id.clone();
    let sections = module.sections.len();
    let visited =
        progress.with(|s| s.visited_count(&id, module.sections.iter().map(|x| x.id.as_str())));
    let score = progress.with(|s| knowledge_score(module.questions(), |q| s.answer(&id, q)));
    let cases: Vec<String> = module
        .blocks()
        .filter_map(|b| match b {
            Block::Vignette(v) => {
                let path = match progress.answer(&id, &v.id) {
                    Some(Answer::Vignette { path }) => path,
                    _ => Vec::new(),
                };
                let case = replay(v, &path);
                Some(if case.finished {
                    tr!(
                        results_case_done,
                        title = v.title,
                        recommended = case.recommended(v),
                        choices = case.taken.len()
                    )
                } else {
                    tr!(results_case_open, title = v.title)
                })
            }
            _ => None,
        })
        .collect();
    let profiles: Vec<_> = module
        .blocks()
        .filter_map(|b| match b {
            Block::Likert(l) => {
                let scores = likert_profile(l, |sid| match progress.answer(&id, sid) {
                    Some(Answer::Likert { value }) => Some(value),
                    _ => None,
                });
                scores.iter().any(|s| s.mean.is_some()).then_some(scores)
            }
            _ => None,
        })
        .collect();
    view! {
        <section class="panel module-result" lang=loaded.lang.clone() data-test="module-result" data-module=id.clone()>
            <h2><A exact=true href=href(&format!("/m/{id}"))>{module.title.clone()}</A></h2>
            <ul class="result-facts">
                <li>{tr!(results_sections_read, visited = visited, sections = sections)}</li>
                <li data-test="knowledge-score">{tr!(
                    results_knowledge,
                    points = crate::ui::l10n::number(score.points),
                    max = score.max,
                    answered = score.answered
                )}</li>
                {cases.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
            {profiles.into_iter().map(|scores| view! { <ProfileChart scores title=tr!(results_profile_title)/> }).collect_view()}
        </section>
    }
}

const NAME_KEY: &str = "mtd-learn.name";

#[component]
pub fn Certificate() -> impl IntoView {
    set_title(move || tr!(cert_title));
    let all = all_modules_resource();
    let progress = expect_context::<Progress>();
    let name = RwSignal::new(store::read(NAME_KEY).ok().flatten().unwrap_or_default());
    let save_name = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        let _ = store::write_raw(NAME_KEY, &value);
        name.set(value);
    };
    let today_ms = store::now_ms();
    view! {
        <div class="page page--narrow">
            <div class="no-print">
                <h1>{move || tr!(cert_title)}</h1>
                <p>{move || tr!(cert_intro)}</p>
                <label for="cert-name">{move || tr!(cert_name_label)}</label>
                <input id="cert-name" class="text-input" type="text" autocomplete="name" data-test="cert-name" prop:value=move || name.get() on:input=save_name/>
                <p><button type="button" class="button button--primary" on:click=print_page>{move || tr!(print_or_pdf)}</button></p>
            </div>
            {move || match all.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <ContentError error/> }.into_any(),
                Some(Ok((course, loaded))) => {
                    let done: Vec<String> = loaded
                        .iter()
                        .filter(|l| course.module(&l.module.id).is_some_and(|e| e.kind == EntryKind::Module))
                        .filter(|l| completed(&progress, &l.module))
                        .map(|l| l.module.title.clone())
                        .collect();
                    let title = course.title_in(&loaded.first().map(|l| l.lang.clone()).unwrap_or_default()).to_owned();
                    let today = long_date(today_ms);
                    view! {
                        <section class="certificate" data-test="certificate" aria-label=tr!(cert_label)>
                            <p class="certificate__kicker">{tr!(cert_title)}</p>
                            <p class="certificate__name" data-test="cert-shown-name">{move || { let n = name.get(); if n.trim().is_empty() { tr!(cert_name_placeholder) } else { n } }}</p>
                            <p>{tr!(cert_completed, done = done.len(), total = course.learning_modules().count())}</p>
                            <p class="certificate__course">{title}</p>
                            {(!done.is_empty()).then(|| view! { <ul class="certificate__modules">{done.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> })}
                            <p class="certificate__date">{today}</p>
                            <p class="certificate__note">{tr!(cert_note)}</p>
                        </section>
                    }.into_any()
                }
            }}
        </div>
    }
}
