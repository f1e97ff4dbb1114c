use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::module_page::{LanguageFallback, ProblemList};
use super::{set_fixed_title, with_module, NotFound};
use crate::ui::blocks::BlockView;
use crate::ui::pack::LoadedModule;
use crate::ui::{href, Progress};

#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    let section_id = move || params.read().get("section").unwrap_or_default();
    with_module(
        move || params.read().get("module").unwrap_or_default(),
        move |_, loaded| match loaded.module.section_index(&section_id()) {
            Some(index) => view! { <SectionView loaded index/> }.into_any(),
            None => view! { <NotFound/> }.into_any(),
        },
    )
}

#[component]
fn SectionView(loaded: LoadedModule, index: usize) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let module = loaded.module.clone();
    let section = module.sections[index].clone();
    set_fixed_title(format!("{} – {}", section.title, module.title));
    progress.visit(&module.id, &section.id);

    let link = |i: usize| {
        module
            .sections
            .get(i)
            .map(|s| (href(&format!("/m/{}/{}", module.id, s.id)), s.title.clone()))
    };
    let previous = index.checked_sub(1).and_then(link);
    let next = link(index + 1);
    let module_href = href(&format!("/m/{}", module.id));
    let blocks: Vec<_> = section.blocks().cloned().collect();
    let module_id = module.id.clone();
    let module_title = module.title.clone();
    view! {
        <article class="page page--reading" lang=loaded.lang.clone()>
            <nav class="breadcrumb" aria-label=move || tr!(breadcrumb_label)>
                <ol>
                    <li><A exact=true href="/">{move || tr!(nav_course)}</A></li>
                    <li><A exact=true href=module_href.clone()>{module_title}</A></li>
                </ol>
            </nav>
            <LanguageFallback shown=loaded.lang.clone()/>
            <p class="section-count">{let total = module.sections.len(); move || tr!(section_count, n = index + 1, total = total)}</p>
            <h1>{section.title.clone()}</h1>
            <div class="prose">
                {blocks.into_iter().map(|block| view! { <BlockView block module_id=module_id.clone()/> }).collect_view()}
            </div>
            <nav class="pager" aria-label=move || tr!(module_sections)>
                {previous.map(|(to, title)| view! {
                    <A exact=true href=to attr:class="pager__link pager__link--prev" attr:data-test="prev" attr:rel="prev">
                        <span class="pager__dir">{move || tr!(section_previous)}</span><span class="pager__title">{title}</span>
                    </A>
                })}
                {match next {
                    Some((to, title)) => view! {
                        <A exact=true href=to attr:class="pager__link pager__link--next" attr:data-test="next" attr:rel="next">
                            <span class="pager__dir">{move || tr!(section_next)}</span><span class="pager__title">{title}</span>
                        </A>
                    }.into_any(),
                    // Not a "next" link: the module ends here.
                    None => view! {
                        <p class="pager__done">
                            <A exact=true href=module_href attr:class="pager__link pager__link--next">
                                <span class="pager__dir">{move || tr!(section_done)}</span>
                                <span class="pager__title">{move || tr!(section_back)}</span>
                            </A>
                        </p>
                    }
                    .into_any(),
                }}
            </nav>
            <ProblemList problems=loaded.problems.to_vec()/>
        </article>
    }
}
