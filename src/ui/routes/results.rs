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
    set_title("Your results");
    let all = all_modules_resource();
    move || match all.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(message)) => view! { <ContentError message/> }.into_any(),
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
        let mut text = String::from("# My reflections – Make the Difference\n\n");
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
        let taken = move |phase| progress.with(|s| s.latest_attempt(&id, phase)).map(|a| long_date(a.started));
        let (before, after) = (taken(Phase::Before), taken(Phase::After));
        view! {
            <section class="panel" aria-labelledby="prepost-title">
                <h2 id="prepost-title">"Seminar self-assessment"</h2>
                <p>{format!(
                    "Before the seminar: {}. After the seminar: {}.",
                    before.unwrap_or_else(|| "not taken".into()),
                    after.unwrap_or_else(|| "not taken".into())
                )}</p>
                <p class="no-print"><A exact=true href=link>"Open the self-assessment and the comparison"</A></p>
            </section>
        }
    });
    view! {
        <div class="page results" data-test="results">
            <h1>"Your results"</h1>
            <p class="module-head__summary" data-test="completion">{format!("{done} of {total} modules completed.")}</p>
            <p class="hint">"Only you see this page: everything on it is stored in this browser. Print it or save it as a PDF to keep it."</p>
            <div class="data-actions no-print">
                <button type="button" class="button button--primary" on:click=print_page>"Print or save as PDF"</button>
                <button type="button" class="button button--secondary" data-test="download-reflections" on:click=download_reflections>"Download my reflections"</button>
                <A exact=true href="/certificate" attr:class="button button--secondary" attr:data-test="certificate-link">"Certificate of completion"</A>
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
                    format!(
                        "Case “{}”: completed, {} of {} choices recommended.",
                        v.title,
                        case.recommended(v),
                        case.taken.len()
                    )
                } else {
                    format!("Case “{}”: not completed.", v.title)
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
                <li>{format!("Sections read: {visited} of {sections}")}</li>
                <li data-test="knowledge-score">{format!(
                    "Knowledge questions: {} of {} points ({} of {} answered)",
                    score.points, score.max, score.answered, score.max
                )}</li>
                {cases.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
            {profiles.into_iter().map(|scores| view! { <ProfileChart scores title="Your self-assessment (private)"/> }).collect_view()}
        </section>
    }
}

const NAME_KEY: &str = "mtd-learn.name";

#[component]
pub fn Certificate() -> impl IntoView {
    set_title("Certificate of completion");
    let all = all_modules_resource();
    let progress = expect_context::<Progress>();
    let name = RwSignal::new(store::read(NAME_KEY).ok().flatten().unwrap_or_default());
    let save_name = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        let _ = store::write_raw(NAME_KEY, &value);
        name.set(value);
    };
    let today = long_date(store::now_ms());
    view! {
        <div class="page page--narrow">
            <div class="no-print">
                <h1>"Certificate of completion"</h1>
                <p>"Enter your name as it should appear. It stays in this browser and is never sent anywhere."</p>
                <label for="cert-name">"Your name"</label>
                <input id="cert-name" class="text-input" type="text" autocomplete="name" data-test="cert-name" prop:value=move || name.get() on:input=save_name/>
                <p><button type="button" class="button button--primary" on:click=print_page>"Print or save as PDF"</button></p>
            </div>
            {move || match all.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(message)) => view! { <ContentError message/> }.into_any(),
                Some(Ok((course, loaded))) => {
                    let done: Vec<String> = loaded
                        .iter()
                        .filter(|l| course.module(&l.module.id).is_some_and(|e| e.kind == EntryKind::Module))
                        .filter(|l| completed(&progress, &l.module))
                        .map(|l| l.module.title.clone())
                        .collect();
                    let title = course.title_in(&loaded.first().map(|l| l.lang.clone()).unwrap_or_default()).to_owned();
                    let today = today.clone();
                    view! {
                        <section class="certificate" data-test="certificate" aria-label="Certificate">
                            <p class="certificate__kicker">"Certificate of completion"</p>
                            <p class="certificate__name" data-test="cert-shown-name">{move || { let n = name.get(); if n.trim().is_empty() { "(your name)".to_owned() } else { n } }}</p>
                            <p>{format!("has completed {} of {} modules of the course", done.len(), course.learning_modules().count())}</p>
                            <p class="certificate__course">{title}</p>
                            {(!done.is_empty()).then(|| view! { <ul class="certificate__modules">{done.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> })}
                            <p class="certificate__date">{today}</p>
                            <p class="certificate__note">"Based on the curriculum of the joint seminars for addiction-care and youth-welfare professionals of the EU project “Make the difference” (2021–2023). Issued by the learner from their own progress in this app."</p>
                        </section>
                    }.into_any()
                }
            }}
        </div>
    }
}
