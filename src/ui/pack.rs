//! Fetching and parsing the content pack at run time, so an organisation can
//! host an adapted pack without rebuilding the app.

use std::collections::HashMap;
use std::sync::Arc;

use gloo_net::http::Request;
use leptos::prelude::*;

use crate::content::{parse_course, parse_module, Course, Module, Problem};

/// Where the pack lives, relative to the document's base URL.
const PACK_ROOT: &str = "content/";

/// A loaded module with the problems its file has (shown to the learner in
/// a short notice; the valid parts still display).
#[derive(Clone, Debug)]
pub struct LoadedModule {
    pub module: Arc<Module>,
    pub problems: Arc<Vec<Problem>>,
    pub lang: String,
}

async fn fetch_text(path: &str) -> Result<String, String> {
    let url = format!("{PACK_ROOT}{path}");
    let response = Request::get(&url).send().await.map_err(|_| {
        format!("{path} could not be loaded: the network or the server did not answer")
    })?;
    if !response.ok() {
        return Err(format!(
            "{path} could not be loaded (HTTP {})",
            response.status()
        ));
    }
    response
        .text()
        .await
        .map_err(|_| format!("{path} could not be read"))
}

pub async fn fetch_course() -> Result<(Arc<Course>, Vec<Problem>), String> {
    let text = fetch_text(crate::content::COURSE_FILE).await?;
    match parse_course(&text) {
        Ok(parsed) => Ok((Arc::new(parsed.value), parsed.problems)),
        Err(problem) => Err(problem.to_string()),
    }
}

/// Parsed modules by `<lang>/<id>`, so moving between sections of a module
/// does not fetch it again.
#[derive(Clone, Copy)]
pub struct ModuleCache(StoredValue<HashMap<String, LoadedModule>, LocalStorage>);

impl ModuleCache {
    pub fn new() -> Self {
        ModuleCache(StoredValue::new_local(HashMap::new()))
    }

    pub async fn get(self, lang: String, id: String) -> Result<LoadedModule, String> {
        let path = Course::module_path(&lang, &id);
        if let Some(hit) = self.0.with_value(|cache| cache.get(&path).cloned()) {
            return Ok(hit);
        }
        let text = fetch_text(&path).await?;
        let parsed = parse_module(&path, &text);
        let loaded = LoadedModule {
            module: Arc::new(parsed.value),
            problems: Arc::new(parsed.problems),
            lang,
        };
        self.0.update_value(|cache| {
            cache.insert(path, loaded.clone());
        });
        Ok(loaded)
    }
}

impl Default for ModuleCache {
    fn default() -> Self {
        Self::new()
    }
}

/// Loads the module named by `id()` in the learner's language, or in the
/// module's first language where it has not been translated.
pub fn module_resource(
    id: impl Fn() -> String + Send + Sync + 'static,
) -> LocalResource<Result<LoadedModule, String>> {
    let cache = expect_context::<ModuleCache>();
    let wanted = expect_context::<super::app::Language>().0;
    let course = expect_context::<super::app::CourseResource>().0;
    LocalResource::new(move || {
        let (id, wanted) = (id(), wanted.get());
        async move {
            let (course, _) = course.await?;
            let entry = course
                .module(&id)
                .ok_or_else(|| format!("the course has no module \"{id}\""))?;
            cache.get(entry.language_for(&wanted).to_owned(), id).await
        }
    })
}

/// Every entry of the course (modules and the assessment) in the learner's
/// language, for pages that summarise the whole course.
pub fn all_modules_resource() -> LocalResource<Result<(Arc<Course>, Vec<LoadedModule>), String>> {
    let cache = expect_context::<ModuleCache>();
    let wanted = expect_context::<super::app::Language>().0;
    let course = expect_context::<super::app::CourseResource>().0;
    LocalResource::new(move || {
        let wanted = wanted.get();
        async move {
            let (course, _) = course.await?;
            let mut loaded = Vec::new();
            for entry in course
                .modules
                .iter()
                .filter(|m| m.kind != crate::content::EntryKind::Reference)
            {
                loaded.push(
                    cache
                        .get(entry.language_for(&wanted).to_owned(), entry.id.clone())
                        .await?,
                );
            }
            Ok((course, loaded))
        }
    })
}
