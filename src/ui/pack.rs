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

/// Why a file of the pack could not be used. Shown in the learner's
/// language by `routes::ContentError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The network or the server did not answer.
    Network { path: String },
    /// The server answered with an HTTP error.
    Status { path: String, code: u16 },
    /// The answer could not be read as text.
    Unreadable { path: String },
    /// The file cannot be used at all: the validator's message (English,
    /// for whoever maintains the pack).
    Invalid(String),
    /// The course lists no such module.
    NoModule(String),
}

impl LoadError {
    /// What to tell the learner, in the UI language.
    pub fn text(&self) -> String {
        match self {
            LoadError::Network { path } => tr!(load_error_network, path = path),
            LoadError::Status { path, code } => tr!(load_error_status, path = path, code = code),
            LoadError::Unreadable { path } => tr!(load_error_unreadable, path = path),
            LoadError::Invalid(problem) => problem.clone(),
            LoadError::NoModule(id) => tr!(load_error_no_module, id = id),
        }
    }
}

async fn fetch_text(path: &str) -> Result<String, LoadError> {
    let url = format!("{PACK_ROOT}{path}");
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|_| LoadError::Network {
            path: path.to_owned(),
        })?;
    if !response.ok() {
        return Err(LoadError::Status {
            path: path.to_owned(),
            code: response.status(),
        });
    }
    response.text().await.map_err(|_| LoadError::Unreadable {
        path: path.to_owned(),
    })
}

pub async fn fetch_course() -> Result<(Arc<Course>, Vec<Problem>), LoadError> {
    let text = fetch_text(crate::content::COURSE_FILE).await?;
    match parse_course(&text) {
        Ok(parsed) => Ok((Arc::new(parsed.value), parsed.problems)),
        Err(problem) => Err(LoadError::Invalid(problem.to_string())),
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

    pub async fn get(self, lang: String, id: String) -> Result<LoadedModule, LoadError> {
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
/// nearest language it has where it has not been translated.
pub fn module_resource(
    id: impl Fn() -> String + Send + Sync + 'static,
) -> LocalResource<Result<LoadedModule, LoadError>> {
    let cache = expect_context::<ModuleCache>();
    let wanted = expect_context::<super::app::Language>().0;
    let course = expect_context::<super::app::CourseResource>().0;
    LocalResource::new(move || {
        let (id, wanted) = (id(), wanted.get());
        async move {
            let (course, _) = course.await?;
            let entry = course
                .module(&id)
                .ok_or_else(|| LoadError::NoModule(id.clone()))?;
            cache.get(entry.language_for(&wanted).to_owned(), id).await
        }
    })
}

/// Every entry of the course (modules and the assessment) in the learner's
/// language, for pages that summarise the whole course.
pub fn all_modules_resource() -> LocalResource<Result<(Arc<Course>, Vec<LoadedModule>), LoadError>>
{
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
