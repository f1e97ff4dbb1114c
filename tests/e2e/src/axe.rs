//! axe-core inside the page: the rules of WCAG 2.0/2.1 A and AA and axe's
//! best practices, run on the whole document.
//!
//! The script is the npm package's `axe.min.js`, installed by
//! `scripts/setup.sh all`. Its path comes from `MTD_AXE_JS` (set by
//! `scripts/test.sh`), else the setup's folder in this repository. A missing
//! file fails the test: the accessibility checks never skip.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::browser::Browser;
use crate::failure::truncate;

/// The rule sets axe runs (axe's tags).
pub const AXE_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/// Where `scripts/setup.sh all` puts axe (see scripts/lib.sh).
fn default_axe_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/npm/node_modules/axe-core/axe.min.js")
}

/// The path of `axe.min.js`: `MTD_AXE_JS`, else the setup's default.
pub fn axe_path() -> PathBuf {
    match std::env::var("MTD_AXE_JS") {
        Ok(v) if !v.trim().is_empty() => PathBuf::from(v.trim()),
        _ => default_axe_path(),
    }
}

fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = axe_path();
        match std::fs::read_to_string(&path) {
            Ok(s) if s.contains("axe") => s,
            Ok(_) => panic!("{} does not look like axe-core's axe.min.js", path.display()),
            Err(e) => panic!(
                "axe-core is missing: cannot read {} ({e}). Run `scripts/setup.sh all` (it installs \
                 axe-core from npm into target/npm) or set MTD_AXE_JS to axe.min.js.",
                path.display()
            ),
        }
    })
}

/// Runs axe once the script is in the page; calls back with the violations.
const JS_RUN: &str = r#"
const done = arguments[arguments.length - 1];
const tags = arguments[0];
window.axe.run(document, {
  resultTypes: ['violations'],
  runOnly: { type: 'tag', values: tags },
}).then(r => done({ ok: true, version: window.axe.version, violations: r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({ target: n.target, html: n.html, summary: n.failureSummary })),
})), incomplete: r.incomplete.map(v => v.id + ' at ' + (v.nodes[0] ? v.nodes[0].target.join(' ') : '?')) }), e => done({ ok: false, error: String(e && e.stack || e) }));
"#;

/// One rule axe found broken, with the elements that break it.
#[derive(Clone, Debug)]
pub struct Violation {
    pub id: String,
    pub impact: String,
    pub help: String,
    /// (target selectors, failure summary, html) per element.
    pub nodes: Vec<(String, String, String)>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "  - {} ({}): {} [{} element(s)]",
            self.id,
            self.impact,
            self.help,
            self.nodes.len()
        )?;
        for (target, summary, html) in self.nodes.iter().take(6) {
            writeln!(f, "      at {target}")?;
            writeln!(f, "         {}", truncate(html, 160))?;
            for line in summary.lines().take(4) {
                writeln!(f, "         {}", truncate(line.trim(), 200))?;
            }
        }
        if self.nodes.len() > 6 {
            writeln!(f, "      … and {} more", self.nodes.len() - 6)?;
        }
        Ok(())
    }
}

impl Browser {
    /// Runs axe on the current page and returns its violations (empty
    /// when the page passes). Injects axe first when the page has none.
    /// What axe could not decide ("incomplete", e.g. text over a gradient)
    /// is printed as a note for a person to check.
    pub async fn axe(&self) -> Vec<Violation> {
        let source = axe_source();
        let has = self
            .js(
                "return typeof window.axe === 'object' && !!window.axe.run;",
                vec![],
            )
            .await;
        if has != json!(true) {
            // Sent as the script itself (not eval'd): the page's CSP does
            // not apply to WebDriver scripts, but would forbid eval.
            let script = format!("{source}\n;return typeof window.axe;");
            let v = self.js(&script, vec![]).await;
            if v != json!("object") {
                self.fail(&format!(
                    "axe-core did not load into the page (typeof axe: {v})"
                ))
                .await;
            }
        }
        let v = match self
            .client
            .execute_async(JS_RUN, vec![json!(AXE_TAGS)])
            .await
        {
            Ok(v) => v,
            Err(e) => self.fail(&format!("axe.run failed: {e}")).await,
        };
        if v["ok"] != json!(true) {
            self.fail(&format!("axe.run failed in the page: {}", v["error"]))
                .await;
        }
        if let Some(incomplete) = v["incomplete"].as_array().filter(|a| !a.is_empty()) {
            eprintln!(
                "note: [{}] axe could not decide (check by hand): {}",
                self.viewport,
                incomplete
                    .iter()
                    .map(|x| x.as_str().unwrap_or_default().to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
        v["violations"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|x| Violation {
                id: str_of(&x["id"]),
                impact: str_of(&x["impact"]),
                help: str_of(&x["help"]),
                nodes: x["nodes"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .map(|n| {
                        let target = n["target"]
                            .as_array()
                            .map(|t| {
                                t.iter()
                                    .map(|s| match s {
                                        Value::String(s) => s.clone(),
                                        other => other.to_string(),
                                    })
                                    .collect::<Vec<_>>()
                                    .join(" >>> ")
                            })
                            .unwrap_or_default();
                        (target, str_of(&n["summary"]), str_of(&n["html"]))
                    })
                    .collect(),
            })
            .collect()
    }

    /// Fails the test with a readable list when axe finds any violation.
    pub async fn assert_axe_clean(&self, what: &str) {
        let found = self.axe().await;
        if !found.is_empty() {
            let list: String = found.iter().map(|v| v.to_string()).collect();
            self.fail(&format!(
                "axe found {} violation(s) on {what}:\n{list}",
                found.len()
            ))
            .await;
        }
    }
}

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}
