//! The seminar self-assessment before and after a module, the comparison,
//! the results page and the certificate; and shuffled options on a retry.
//!
//! Expected answers, scores and texts are computed from the English content
//! files in `public/content` (read when a test starts), never written down
//! here. Hooks come from docs/dom-contract.md and the markup in src/ui. Run
//! with `--test-threads=1` against the release build served by nginx
//! (MTD_BASE_URL).

use std::path::PathBuf;

use mtd_e2e::{Browser, Viewport};
use serde_json::{json, Value};

const ASSESSMENT: &str = "seminar-assessment";
const MODULE: &str = "family-dynamics";
const NAME_KEY: &str = "mtd-learn.name";
/// How many knowledge questions of the assessment the test answers.
const ANSWERED: usize = 3;
/// Likert values given before and after the seminar.
const BEFORE_VALUE: u8 = 2;
const AFTER_VALUE: u8 = 4;

// -- the content files ----------------------------------------------------------

fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/content")
}

fn read_content(rel: &str) -> String {
    let path = content_dir().join(rel);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()))
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Single,
    Multiple,
    TrueFalse,
}

#[derive(Clone, Debug)]
struct OptionSpec {
    correct: bool,
    text: String,
    explanation: String,
}

#[derive(Clone, Debug)]
struct QuestionSpec {
    id: String,
    kind: Kind,
    options: Vec<OptionSpec>,
}

impl QuestionSpec {
    /// File positions of the correct options.
    fn correct(&self) -> Vec<usize> {
        (0..self.options.len())
            .filter(|&i| self.options[i].correct)
            .collect()
    }

    /// Points and result text for the chosen file positions, as the app
    /// grades them (src/assess/grade.rs): 1 correct, ½ partly right
    /// (multiple choice: more right than wrong picks), else 0.
    fn grade(&self, chosen: &[usize]) -> (f64, &'static str) {
        let mut chosen = chosen.to_vec();
        chosen.sort_unstable();
        chosen.dedup();
        let correct = self.correct();
        if chosen == correct {
            return (1.0, "Correct.");
        }
        let hits = chosen.iter().filter(|i| correct.contains(i)).count();
        let misses = chosen.len() - hits;
        if self.kind == Kind::Multiple && hits > 0 && hits > misses {
            (0.5, "Partly right.")
        } else {
            (0.0, "Not quite.")
        }
    }
}

#[derive(Clone, Debug)]
struct StatementSpec {
    /// `<likert id>.<n>`, n from 1.
    id: String,
    subscale: String,
    reverse: bool,
    text: String,
}

#[derive(Clone, Debug)]
struct LikertSpec {
    points: usize,
    /// (key, label) in file order.
    subscales: Vec<(String, String)>,
    statements: Vec<StatementSpec>,
}

impl LikertSpec {
    /// The value a statement counts with (reverse items turned round).
    fn scored(&self, s: &StatementSpec, value: u8) -> u8 {
        if s.reverse {
            (self.points as u8 + 1) - value
        } else {
            value
        }
    }

    fn mean(&self, subscale: &str, value: u8) -> f64 {
        let vals: Vec<f64> = self
            .statements
            .iter()
            .filter(|s| s.subscale == subscale)
            .map(|s| f64::from(self.scored(s, value)))
            .collect();
        vals.iter().sum::<f64>() / vals.len() as f64
    }
}

/// A parsed module file: section ids and titles, questions, the Likert block.
#[derive(Debug)]
struct ModuleSpec {
    title: String,
    sections: Vec<(String, String)>,
    questions: Vec<QuestionSpec>,
    likert: Option<LikertSpec>,
}

impl ModuleSpec {
    fn question(&self, id: &str) -> &QuestionSpec {
        self.questions
            .iter()
            .find(|q| q.id == id)
            .unwrap_or_else(|| panic!("no question {id} in the content file"))
    }
}

fn attr<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix(&format!("{name}=")))
}

fn parse_module(md: &str) -> ModuleSpec {
    let mut spec = ModuleSpec {
        title: String::new(),
        sections: Vec::new(),
        questions: Vec::new(),
        likert: None,
    };
    let mut front = 0;
    // Which block the current line belongs to.
    enum In {
        Nothing,
        Question,
        Likert,
        Other,
    }
    let mut block = In::Nothing;
    let mut likert_id = String::new();
    for line in md.lines() {
        if line.trim() == "---" && front < 2 && spec.sections.is_empty() {
            front += 1;
            continue;
        }
        if front == 1 {
            if let Some(t) = line.strip_prefix("title: ") {
                spec.title = t.trim().to_string();
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix(":::") {
            let rest = rest.trim();
            if rest.is_empty() {
                block = In::Nothing;
            } else if rest.starts_with("question") {
                let id = attr(rest, "id").expect("question without id").to_string();
                let kind = match attr(rest, "kind") {
                    Some("multiple") => Kind::Multiple,
                    Some("truefalse") => Kind::TrueFalse,
                    _ => Kind::Single,
                };
                spec.questions.push(QuestionSpec {
                    id,
                    kind,
                    options: Vec::new(),
                });
                block = In::Question;
            } else if rest.starts_with("likert") {
                likert_id = attr(rest, "id").expect("likert without id").to_string();
                spec.likert = Some(LikertSpec {
                    points: 0,
                    subscales: Vec::new(),
                    statements: Vec::new(),
                });
                block = In::Likert;
            } else {
                block = In::Other;
            }
            continue;
        }
        match block {
            In::Nothing => {
                if let Some(h) = line.strip_prefix("## ") {
                    if let (Some(open), true) = (h.rfind("{#"), h.trim_end().ends_with('}')) {
                        let id = h[open + 2..h.trim_end().len() - 1].to_string();
                        spec.sections.push((id, h[..open].trim().to_string()));
                    }
                }
            }
            In::Question => {
                let q = spec.questions.last_mut().expect("question");
                let (done, text) = if let Some(t) = line.strip_prefix("- [x] ") {
                    (Some(true), t)
                } else if let Some(t) = line.strip_prefix("- [ ] ") {
                    (Some(false), t)
                } else {
                    (None, line)
                };
                if let Some(correct) = done {
                    q.options.push(OptionSpec {
                        correct,
                        text: text.trim().to_string(),
                        explanation: String::new(),
                    });
                } else if let (Some(o), Some(t)) =
                    (q.options.last_mut(), line.trim_start().strip_prefix('>'))
                {
                    o.explanation.push(' ');
                    o.explanation.push_str(t.trim());
                } else if let (Some(o), false) = (q.options.last_mut(), line.trim().is_empty()) {
                    o.text.push(' ');
                    o.text.push_str(line.trim());
                }
            }
            In::Likert => {
                let l = spec.likert.as_mut().expect("likert");
                if let Some(s) = line.strip_prefix("scale:") {
                    l.points = s.split('|').count();
                } else if let Some(s) = line.strip_prefix("subscale ") {
                    let (key, label) = s.split_once(':').expect("subscale key: label");
                    l.subscales
                        .push((key.trim().to_string(), label.trim().to_string()));
                } else if let Some(s) = line.strip_prefix("- [") {
                    let (tags, text) = s.split_once("] ").expect("- [subscale] text");
                    let mut tags = tags.split(',').map(str::trim);
                    let subscale = tags.next().unwrap_or_default().to_string();
                    let reverse = tags.any(|t| t == "reverse");
                    let id = format!("{likert_id}.{}", l.statements.len() + 1);
                    l.statements.push(StatementSpec {
                        id,
                        subscale,
                        reverse,
                        text: text.trim().to_string(),
                    });
                }
            }
            In::Other => {}
        }
    }
    assert!(!spec.title.is_empty(), "no title in the front matter");
    spec
}

fn load_module(id: &str) -> ModuleSpec {
    parse_module(&read_content(&format!("en/{id}.md")))
}

/// Modules of kind "module" in course.json (entries without a kind are modules).
fn learning_module_count() -> usize {
    let course: Value =
        serde_json::from_str(&read_content("course.json")).expect("course.json is JSON");
    course["modules"]
        .as_array()
        .expect("course.json has modules")
        .iter()
        .filter(|m| m["kind"].as_str().unwrap_or("module") == "module")
        .count()
}

/// Markdown inline marks dropped, whitespace collapsed: what `innerText`
/// shows of a rich text.
fn plain(s: &str) -> String {
    s.replace(['*', '`'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The app's number format for points (`{}` of an f64: 3, 0.5, 2.5).
fn points(x: f64) -> String {
    format!("{x}")
}

// -- page helpers -----------------------------------------------------------------

fn question_sel(id: &str) -> String {
    format!("fieldset[data-test=question][data-id={id}]")
}

fn statement_sel(id: &str) -> String {
    format!("fieldset[data-test=statement][data-id=\"{id}\"]")
}

/// Keys of the stored attempts of `phase`, oldest first.
fn attempt_keys(progress: &Value, phase: &str) -> Vec<String> {
    let prefix = format!("{ASSESSMENT}@{phase}@");
    let mut keys: Vec<(u64, String)> = progress["data"]["modules"]
        .as_object()
        .map(|m| {
            m.keys()
                .filter_map(|k| Some((k.strip_prefix(&prefix)?.parse().ok()?, k.clone())))
                .collect()
        })
        .unwrap_or_default();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}

/// (value attribute, option text) of the options of `question`, in the
/// order shown.
async fn shown_options(b: &Browser, question: &str) -> Vec<(String, String)> {
    let v = b
        .js(
            "return Array.from(document.querySelectorAll(arguments[0] + ' label input'),
                 i => [i.getAttribute('value'), i.closest('label').innerText.trim()]);",
            vec![json!(question)],
        )
        .await;
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap_or_default().to_string(),
                        p[1].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until exactly the options of `question` whose `value` is in
/// `values` are checked.
async fn wait_checked_values(b: &Browser, question: &str, values: &[usize]) {
    let want: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    b.wait_script(
        &format!("options {want:?} (by value) of `{question}` to be the checked ones"),
        "const ins = Array.from(document.querySelectorAll(arguments[0] + ' label input'));
         if (ins.length === 0) return [false, 'no option inputs'];
         const on = ins.filter(i => i.checked).map(i => i.value).sort();
         const want = arguments[1].slice().sort();
         return [JSON.stringify(on) === JSON.stringify(want), 'checked values: ' + JSON.stringify(on)];",
        vec![json!(question), json!(want)],
    )
    .await;
}

/// Clicks the option of `question` whose `value` (file position) is `value`.
async fn click_value(b: &Browser, question: &str, value: usize) {
    b.click_nth(
        &format!("{question} label input[value=\"{value}\"]"),
        0,
        Some(&format!("{question} label:has(input[value=\"{value}\"])")),
    )
    .await;
}

/// Chooses the options with the given values, checks the answer and
/// returns the result text.
async fn answer(b: &Browser, question: &str, values: &[usize]) -> String {
    b.wait_visible(question).await;
    for &v in values {
        click_value(b, question, v).await;
    }
    wait_checked_values(b, question, values).await;
    b.click(&format!("{question} button[data-test=check]"))
        .await;
    b.wait_result(question).await
}

/// Clicks value `value` of every statement; waits until each shows it.
async fn rate_all(b: &Browser, likert: &LikertSpec, value: u8) {
    for s in &likert.statements {
        let sel = statement_sel(&s.id);
        b.click_nth(
            &format!("{sel} label.scale__point input[value=\"{value}\"]"),
            0,
            Some(&format!(
                "{sel} label.scale__point:has(input[value=\"{value}\"])"
            )),
        )
        .await;
    }
    wait_statements(b, likert, Some(value)).await;
}

/// Waits until every statement has `value` checked (`None`: nothing checked).
async fn wait_statements(b: &Browser, likert: &LikertSpec, value: Option<u8>) {
    let ids: Vec<&str> = likert.statements.iter().map(|s| s.id.as_str()).collect();
    let want = value.map_or("(none)".to_string(), |v| v.to_string());
    b.wait_script(
        &format!("all {} statements to show {want} checked", ids.len()),
        "const want = arguments[1];
         const seen = arguments[0].map(id => {
             const f = document.querySelector('fieldset[data-test=statement][data-id=\"' + id + '\"]');
             if (!f) return id + ': missing';
             const on = Array.from(f.querySelectorAll('label.scale__point input')).filter(i => i.checked);
             return on.length === 0 ? '(none)' : on.map(i => i.value).join('+');
         });
         const bad = seen.map((s, n) => [arguments[0][n], s]).filter(p => p[1] !== want);
         return [bad.length === 0, 'differing: ' + JSON.stringify(bad.slice(0, 6))];",
        vec![json!(ids), json!(want)],
    )
    .await;
}

/// Scrolls `selector` to the top of the viewport (or `also` into view
/// below it, when that does not fit), after the fonts are ready, and waits
/// until the top of `also` is on screen.
async fn scroll_to(b: &Browser, selector: &str, also: &str) {
    b.wait_js("document.fonts.status === 'loaded'").await;
    b.js(
        "const e = document.querySelector(arguments[0]);
         const a = document.querySelector(arguments[1]);
         e.scrollIntoView({ block: 'start', behavior: 'instant' });
         const r = a.getBoundingClientRect();
         if (r.bottom > window.innerHeight) a.scrollIntoView({ block: 'end', behavior: 'instant' });",
        vec![json!(selector), json!(also)],
    )
    .await;
    b.wait_script(
        &format!("`{also}` to be on screen"),
        "const a = document.querySelector(arguments[0]);
         if (!a) return [false, 'missing'];
         const r = a.getBoundingClientRect();
         return [r.height > 0 && r.top >= -1 && r.top < window.innerHeight,
                 'top ' + Math.round(r.top) + ', bottom ' + Math.round(r.bottom) + ', innerHeight ' + window.innerHeight];",
        vec![json!(also)],
    )
    .await;
}

/// Texts of the `li` of `selector`, trimmed.
async fn list_texts(b: &Browser, selector: &str) -> Vec<String> {
    let v = b
        .js(
            "return Array.from(document.querySelectorAll(arguments[0] + ' > li'), l => l.innerText.trim());",
            vec![json!(selector)],
        )
        .await;
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|t| t.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until the `li` texts of `selector` equal `want` exactly.
async fn wait_list(b: &Browser, selector: &str, want: &[String]) {
    b.wait_script(
        &format!("`{selector} > li` to read {want:?}"),
        "const got = Array.from(document.querySelectorAll(arguments[0] + ' > li'), l => l.innerText.trim());
         return [JSON.stringify(got) === JSON.stringify(arguments[1]), 'items: ' + JSON.stringify(got)];",
        vec![json!(selector), json!(want)],
    )
    .await;
}

/// Waits until `selector`'s trimmed text is exactly `want`.
async fn wait_exact_text(b: &Browser, selector: &str, want: &str) -> String {
    b.wait_script(
        &format!("`{selector}` to read {want:?}"),
        "const e = document.querySelector(arguments[0]);
         if (!e) return [false, 'missing'];
         const t = e.innerText.trim();
         return [t === arguments[1], JSON.stringify(t)];",
        vec![json!(selector), json!(want)],
    )
    .await;
    want.to_string()
}

// -- the attempt -----------------------------------------------------------------

/// What one attempt answers, and what the page should then show.
struct Plan<'a> {
    phase: &'a str,
    /// (question, chosen file positions, expected result text).
    answers: Vec<(&'a QuestionSpec, Vec<usize>, &'static str)>,
    value: u8,
}

/// Verifies the attempt page shows `plan`'s answers (and no others).
async fn check_attempt_shown(
    b: &Browser,
    plan: &Plan<'_>,
    likert: &LikertSpec,
    all: &[QuestionSpec],
) {
    b.wait_visible(&format!(
        "article[data-test=attempt][data-phase={}]",
        plan.phase
    ))
    .await;
    for (q, values, expect) in &plan.answers {
        let sel = question_sel(&q.id);
        let result = b.wait_result(&sel).await;
        b.check(
            result.starts_with(expect),
            &format!("{}: expected result {expect:?}, found {result:?}", q.id),
        )
        .await;
        wait_checked_values(b, &sel, values).await;
        let n = b.count(&format!("{sel} [data-test=explanation]")).await;
        b.check(
            n == q.options.len(),
            &format!(
                "{}: expected {} explanations, found {n}",
                q.id,
                q.options.len()
            ),
        )
        .await;
    }
    // The questions not answered show no result.
    let answered: Vec<&str> = plan.answers.iter().map(|(q, _, _)| q.id.as_str()).collect();
    for q in all.iter().filter(|q| !answered.contains(&q.id.as_str())) {
        let n = b
            .count(&format!("{} [data-test=result]", question_sel(&q.id)))
            .await;
        b.check(
            n == 0,
            &format!("{} shows a result but was not answered", q.id),
        )
        .await;
    }
    wait_statements(b, likert, Some(plan.value)).await;
    b.wait_visible("article[data-test=attempt] figure[data-test=profile]")
        .await;
}

/// Waits until the latest stored attempt of the plan's phase holds all its
/// answers; returns the attempt key.
async fn wait_attempt_stored(b: &Browser, plan: &Plan<'_>, likert: &LikertSpec) -> String {
    b.wait_progress(
        &format!("the {} attempt's answers in localStorage", plan.phase),
        |p| {
            let key = attempt_keys(p, plan.phase)
                .pop()
                .ok_or_else(|| format!("no {ASSESSMENT}@{}@<ms> key", plan.phase))?;
            let answers = &p["data"]["modules"][&key]["answers"];
            for (q, values, _) in &plan.answers {
                let v = &answers[&q.id]["value"];
                let want = json!({ "kind": "choice", "selected": values, "checked": true });
                if *v != want {
                    return Err(format!("{key}: {} is {v}, expected {want}", q.id));
                }
            }
            for s in &likert.statements {
                let v = &answers[&s.id]["value"];
                let want = json!({ "kind": "likert", "value": plan.value });
                if *v != want {
                    return Err(format!("{key}: {} is {v}, expected {want}", s.id));
                }
            }
            Ok(key)
        },
    )
    .await
}

/// Fills in an attempt already open in the browser.
async fn fill_attempt(b: &Browser, plan: &Plan<'_>, likert: &LikertSpec) {
    b.wait_visible(&format!(
        "article[data-test=attempt][data-phase={}]",
        plan.phase
    ))
    .await;
    for (q, values, expect) in &plan.answers {
        b.step(&format!("{}: answer {} with {values:?}", plan.phase, q.id));
        let sel = question_sel(&q.id);
        let before = b.count(&format!("{sel} [data-test=result]")).await;
        b.check(
            before == 0,
            &format!(
                "{}: a fresh {} attempt already shows a result",
                q.id, plan.phase
            ),
        )
        .await;
        let result = answer(b, &sel, values).await;
        b.check(
            result.starts_with(expect),
            &format!("{}: expected result {expect:?}, found {result:?}", q.id),
        )
        .await;
    }
    b.step(&format!(
        "{}: rate all statements {}",
        plan.phase, plan.value
    ));
    wait_statements(b, likert, None).await;
    let profiles = b.count("figure[data-test=profile]").await;
    b.check(
        profiles == 0,
        &format!("a profile is shown before any statement was answered ({profiles})"),
    )
    .await;
    rate_all(b, likert, plan.value).await;
    b.wait_visible("article[data-test=attempt] figure[data-test=profile]")
        .await;
}

/// Opens the overview, waits for both phase cards.
async fn open_overview(b: &Browser) {
    b.goto(&format!("/m/{ASSESSMENT}")).await;
    b.wait_visible("li[data-test=phase][data-phase=before]")
        .await;
    b.wait_visible("li[data-test=phase][data-phase=after]")
        .await;
    b.wait_loaded().await;
}

/// Checks the comparison section against what the plans imply.
async fn check_comparison(
    b: &Browser,
    want_knowledge: &str,
    want_subscales: &[String],
    want_items: &[String],
) {
    b.wait_visible("section[data-test=comparison]").await;
    wait_exact_text(
        b,
        "section[data-test=comparison] [data-test=knowledge-change]",
        want_knowledge,
    )
    .await;
    wait_list(
        b,
        "section[data-test=comparison] [data-test=subscale-changes]",
        want_subscales,
    )
    .await;
    wait_list(
        b,
        "section[data-test=comparison] [data-test=item-changes]",
        want_items,
    )
    .await;
    b.wait_visible("section[data-test=comparison] figure[data-test=profile]")
        .await;
}

async fn pre_module_post_comparison(vp: Viewport) {
    let sa = load_module(ASSESSMENT);
    let fd = load_module(MODULE);
    let likert = sa
        .likert
        .clone()
        .expect("the assessment has a Likert block");
    let modules_total = learning_module_count();
    assert!(
        sa.questions.len() >= ANSWERED && likert.statements.len() == 20,
        "the assessment file has {} questions and {} statements",
        sa.questions.len(),
        likert.statements.len()
    );
    let first3: Vec<&QuestionSpec> = sa.questions.iter().take(ANSWERED).collect();
    let before = Plan {
        phase: "before",
        answers: first3
            .iter()
            .map(|q| (*q, vec![0], q.grade(&[0]).1))
            .collect(),
        value: BEFORE_VALUE,
    };
    let after = Plan {
        phase: "after",
        answers: first3
            .iter()
            .map(|q| (*q, q.correct(), "Correct."))
            .collect(),
        value: AFTER_VALUE,
    };
    let points_before: f64 = first3.iter().map(|q| q.grade(&[0]).0).sum();
    let points_after = ANSWERED as f64;
    let n = sa.questions.len();
    let want_knowledge = format!(
        "Knowledge: {} of {n} points before, {} of {n} after (+{}).",
        points(points_before),
        points(points_after),
        points(points_after - points_before)
    );
    let want_subscales: Vec<String> = likert
        .subscales
        .iter()
        .map(|(key, label)| {
            let d = likert.mean(key, AFTER_VALUE) - likert.mean(key, BEFORE_VALUE);
            assert!(
                d > 0.05,
                "subscale {key}: the plan should raise it, changes by {d}"
            );
            format!("{label}: +{:.1}", d.abs())
        })
        .collect();
    // Every statement changes by the same amount: the first five, in file order.
    let want_items: Vec<String> = likert
        .statements
        .iter()
        .take(5)
        .map(|s| {
            format!(
                "“{}”: {} → {}",
                plain(&s.text),
                likert.scored(s, BEFORE_VALUE),
                likert.scored(s, AFTER_VALUE)
            )
        })
        .collect();
    let rules = fd.question("fd-q-rules");
    let (rules_points, rules_result) = rules.grade(&[0]);

    let b = Browser::start(vp).await;

    // 1. The before attempt.
    b.step("open the assessment overview; nothing taken yet");
    open_overview(&b).await;
    for phase in ["before", "after"] {
        let c = b
            .count(&format!(
                "li[data-test=phase][data-phase={phase}] a[data-test=continue-attempt]"
            ))
            .await;
        b.check(
            c == 0,
            &format!("{phase}: a continue link before any attempt"),
        )
        .await;
    }
    let cmp = b.count("section[data-test=comparison]").await;
    b.check(cmp == 0, "a comparison is shown before any attempt")
        .await;

    b.step("start the before attempt");
    b.click("li[data-test=phase][data-phase=before] button[data-test=start-attempt]")
        .await;
    b.wait_url_ends_with(&format!("/assess/{ASSESSMENT}/before"))
        .await;
    b.wait_count("article[data-test=attempt] fieldset[data-test=question]", n)
        .await;
    b.wait_count(
        "article[data-test=attempt] fieldset[data-test=statement]",
        likert.statements.len(),
    )
    .await;
    b.wait_visible("article[data-test=attempt] textarea").await;
    // A fresh attempt shows the options in the file's order.
    for q in &first3 {
        let shown: Vec<String> = shown_options(&b, &question_sel(&q.id))
            .await
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        let want: Vec<String> = (0..q.options.len()).map(|i| i.to_string()).collect();
        b.check(
            shown == want,
            &format!(
                "{}: first attempt shows option values {shown:?}, expected {want:?}",
                q.id
            ),
        )
        .await;
    }
    fill_attempt(&b, &before, &likert).await;
    let before_key = wait_attempt_stored(&b, &before, &likert).await;
    eprintln!("[{vp}] before attempt stored as {before_key}");

    b.step("reload the before attempt: answers are kept");
    b.refresh().await;
    check_attempt_shown(&b, &before, &likert, &sa.questions).await;
    // Sideways scrolling is checked by `assessment_pages_do_not_scroll_sideways`.

    b.step("screenshot a checked question");
    let shot_q = question_sel(&first3[1].id);
    scroll_to(&b, &shot_q, &format!("{shot_q} [data-test=result]")).await;
    b.screenshot("assessment-question").await;

    b.step("screenshot the profile");
    let profile = "article[data-test=attempt] figure[data-test=profile]";
    let readings = b.text(profile).await.unwrap_or_default();
    for (_, label) in &likert.subscales {
        b.check(
            readings.contains(label.as_str()),
            &format!("the profile does not name subscale {label:?}: {readings:?}"),
        )
        .await;
    }
    scroll_to(&b, profile, profile).await;
    b.screenshot("profile").await;

    b.step("the overview offers to continue the before attempt");
    open_overview(&b).await;
    let href = b
        .attr(
            "li[data-test=phase][data-phase=before] a[data-test=continue-attempt]",
            "href",
        )
        .await
        .unwrap_or_default();
    b.check(
        href.ends_with(&format!("/assess/{ASSESSMENT}/before")),
        &format!("before: continue link points at {href:?}"),
    )
    .await;
    b.wait_text(
        "li[data-test=phase][data-phase=before]",
        &format!(
            "{ANSWERED} of {n} questions checked, {0} of {0} statements answered",
            likert.statements.len()
        ),
    )
    .await;
    let cmp = b.count("section[data-test=comparison]").await;
    b.check(cmp == 0, "a comparison is shown with only a before attempt")
        .await;

    // 2. The module.
    b.step(&format!(
        "open every section of {MODULE} through the next links"
    ));
    let (first_id, _) = &fd.sections[0];
    b.goto(&format!("/m/{MODULE}/{first_id}")).await;
    for (i, (id, title)) in fd.sections.iter().enumerate() {
        b.step(&format!(
            "{MODULE}: section {} of {} ({id})",
            i + 1,
            fd.sections.len()
        ));
        b.wait_url_ends_with(&format!("/m/{MODULE}/{id}")).await;
        b.wait_text("h1", title).await;
        // The last section must have no next link; that is checked by
        // `last_section_has_no_next_link` (here the walk stops by the file).
        if i + 1 < fd.sections.len() {
            b.click("a[data-test=next]").await;
        }
    }
    b.wait_progress("every section of the module stored as visited", |p| {
        let visits = &p["data"]["modules"][MODULE]["visits"];
        let missing: Vec<&str> = fd
            .sections
            .iter()
            .map(|(id, _)| id.as_str())
            .filter(|id| visits.get(*id).is_none())
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!("not visited: {missing:?}; visits {visits}"))
        }
    })
    .await;

    b.step("answer fd-q-rules with its first option");
    b.goto(&format!("/m/{MODULE}/rules")).await;
    let rules_sel = question_sel("fd-q-rules");
    let result = answer(&b, &rules_sel, &[0]).await;
    b.check(
        result.starts_with(rules_result),
        &format!("fd-q-rules: expected {rules_result:?}, found {result:?}"),
    )
    .await;
    let stored = b
        .wait_stored(&format!("/data/modules/{MODULE}/answers/fd-q-rules/value"))
        .await;
    b.check(
        stored == json!({ "kind": "choice", "selected": [0], "checked": true }),
        &format!("stored fd-q-rules: {stored}"),
    )
    .await;
    b.refresh().await;
    let again = b.wait_result(&rules_sel).await;
    b.check(
        again == result,
        &format!("after reload fd-q-rules shows {again:?}, before {result:?}"),
    )
    .await;
    wait_checked_values(&b, &rules_sel, &[0]).await;

    // 3. The after attempt.
    b.step("start the after attempt from the overview");
    open_overview(&b).await;
    b.click("li[data-test=phase][data-phase=after] button[data-test=start-attempt]")
        .await;
    b.wait_url_ends_with(&format!("/assess/{ASSESSMENT}/after"))
        .await;
    b.wait_count(
        "article[data-test=attempt][data-phase=after] fieldset[data-test=question]",
        n,
    )
    .await;
    fill_attempt(&b, &after, &likert).await;
    let after_key = wait_attempt_stored(&b, &after, &likert).await;
    eprintln!("[{vp}] after attempt stored as {after_key}");
    b.check(
        after_key != before_key,
        "the after attempt has the before attempt's key",
    )
    .await;
    b.step("reload the after attempt: answers are kept");
    b.refresh().await;
    check_attempt_shown(&b, &after, &likert, &sa.questions).await;
    // The before attempt is unchanged.
    let progress = b.stored_progress().await.unwrap_or(Value::Null);
    let v =
        &progress["data"]["modules"][&before_key]["answers"][&first3[0].id]["value"]["selected"];
    b.check(
        *v == json!([0]),
        &format!("the before attempt changed: {} selected {v}", first3[0].id),
    )
    .await;

    // 4. The comparison.
    b.step("the overview compares before and after");
    open_overview(&b).await;
    check_comparison(&b, &want_knowledge, &want_subscales, &want_items).await;
    eprintln!(
        "[{vp}] comparison: {want_knowledge} | {:?}",
        list_texts(&b, "[data-test=subscale-changes]").await
    );
    scroll_to(
        &b,
        "section[data-test=comparison]",
        "section[data-test=comparison] [data-test=knowledge-change]",
    )
    .await;
    b.screenshot("comparison").await;
    b.step("reload: the comparison is still there");
    b.refresh().await;
    check_comparison(&b, &want_knowledge, &want_subscales, &want_items).await;

    // 5. Results.
    b.step("the results page");
    b.goto("/results").await;
    wait_exact_text(
        &b,
        "[data-test=completion]",
        &format!("1 of {modules_total} modules completed."),
    )
    .await;
    let fd_result = format!("section[data-test=module-result][data-module={MODULE}]");
    let q = fd.questions.len();
    wait_exact_text(
        &b,
        &format!("{fd_result} [data-test=knowledge-score]"),
        &format!(
            "Knowledge questions: {} of {q} points (1 of {q} answered)",
            points(rules_points)
        ),
    )
    .await;
    b.wait_text(
        &fd_result,
        &format!("Sections read: {0} of {0}", fd.sections.len()),
    )
    .await;
    let assessed = b
        .count(&format!(
            "section[data-test=module-result][data-module={ASSESSMENT}]"
        ))
        .await;
    b.check(
        assessed == 0,
        "the self-assessment is listed as a module on the results page",
    )
    .await;
    b.assert_no_horizontal_scroll("the results page").await;
    b.wait_js("document.fonts.status === 'loaded'").await;
    b.js("window.scrollTo(0, 0);", vec![]).await;
    b.wait_js("window.scrollY === 0").await;
    b.screenshot("results").await;

    // 6. Certificate.
    b.step("the certificate: type a name");
    let name = "Anna Müller-Ødegaard";
    b.goto("/certificate").await;
    b.wait_visible("input[data-test=cert-name]").await;
    b.wait_visible("section[data-test=certificate]").await;
    let input = match b
        .client
        .find(mtd_e2e::fantoccini::Locator::Css(
            "input[data-test=cert-name]",
        ))
        .await
    {
        Ok(e) => e,
        Err(e) => b.fail(&format!("could not find the name input: {e}")).await,
    };
    if let Err(e) = input.send_keys(name).await {
        b.fail(&format!("could not type into the name input: {e}"))
            .await;
    }
    b.wait_text("[data-test=cert-shown-name]", name).await;
    b.wait_script(
        &format!("localStorage[{NAME_KEY:?}] to be {name:?}"),
        "const v = localStorage.getItem(arguments[0]);
         return [v === arguments[1], JSON.stringify(v)];",
        vec![json!(NAME_KEY), json!(name)],
    )
    .await;
    b.step("the certificate: reload keeps the name; the module is listed");
    b.refresh().await;
    b.wait_script(
        &format!("the name input to hold {name:?}"),
        "const i = document.querySelector('input[data-test=cert-name]');
         return [!!i && i.value === arguments[0], i ? JSON.stringify(i.value) : 'no input'];",
        vec![json!(name)],
    )
    .await;
    wait_exact_text(&b, "[data-test=cert-shown-name]", name).await;
    wait_list(&b, "section[data-test=certificate] ul", &[fd.title.clone()]).await;
    b.wait_text(
        "section[data-test=certificate]",
        &format!("has completed 1 of {modules_total} modules"),
    )
    .await;
    b.assert_no_horizontal_scroll("the certificate").await;
    scroll_to(
        &b,
        "section[data-test=certificate]",
        "[data-test=cert-shown-name]",
    )
    .await;
    b.screenshot("certificate").await;

    b.close().await;
}

#[tokio::test]
async fn pre_module_post_comparison_phone() {
    pre_module_post_comparison(Viewport::Phone).await;
}

#[tokio::test]
async fn pre_module_post_comparison_desktop() {
    pre_module_post_comparison(Viewport::Desktop).await;
}

// -- retry -----------------------------------------------------------------------

/// Answers `question`, checks, tries again: the options come in another
/// order but keep their values and texts. Returns (first, second) orders.
async fn retry_reorders(
    b: &Browser,
    spec: &QuestionSpec,
    first_choice: usize,
) -> (Vec<(String, String)>, Vec<(String, String)>) {
    let sel = question_sel(&spec.id);
    b.wait_visible(&sel).await;
    let first = shown_options(b, &sel).await;
    let want: Vec<(String, String)> = spec
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| (i.to_string(), plain(&o.text)))
        .collect();
    b.check(
        first == want,
        &format!(
            "{}: first attempt shows {first:?}, expected the file's order {want:?}",
            spec.id
        ),
    )
    .await;
    answer(b, &sel, &[first_choice]).await;
    b.click(&format!("{sel} button[data-test=retry]")).await;
    b.wait_visible(&format!("{sel} button[data-test=check]"))
        .await;
    b.wait_script(
        &format!("{}: no result and no option checked after the retry", spec.id),
        "const f = document.querySelector(arguments[0]);
         const r = f.querySelectorAll('[data-test=result], [data-test=explanation]').length;
         const on = Array.from(f.querySelectorAll('label input')).filter(i => i.checked).length;
         const dis = Array.from(f.querySelectorAll('label input')).filter(i => i.disabled).length;
         return [r === 0 && on === 0 && dis === 0, r + ' result/explanations, ' + on + ' checked, ' + dis + ' disabled'];",
        vec![json!(sel)],
    )
    .await;
    let second = shown_options(b, &sel).await;
    b.check(
        second != first,
        &format!("{}: the retry shows the same order {second:?}", spec.id),
    )
    .await;
    let mut sorted = second.clone();
    sorted.sort();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    b.check(
        sorted == want_sorted,
        &format!(
            "{}: after the retry the (value, text) pairs changed: {second:?}, expected a reordering of {want:?}",
            spec.id
        ),
    )
    .await;
    (first, second)
}

#[tokio::test]
async fn retry_shuffles_options_but_keeps_identity() {
    let fd = load_module(MODULE);
    let rules = fd.question("fd-q-rules").clone();
    let cork = fd.question("fd-q-cork").clone();
    assert!(
        cork.kind == Kind::Multiple && cork.options.len() == 4,
        "fd-q-cork: expected multiple choice with 4 options, found {:?} with {}",
        cork.kind,
        cork.options.len()
    );
    let b = Browser::start(Viewport::Desktop).await;
    b.goto(&format!("/m/{MODULE}/rules")).await;

    b.step("fd-q-rules: answer, check, retry");
    let (r1, r2) = retry_reorders(&b, &rules, 0).await;
    eprintln!("fd-q-rules order: {:?} then {:?}", values(&r1), values(&r2));
    let stored = b
        .wait_stored(&format!("/data/modules/{MODULE}/answers/fd-q-rules/value"))
        .await;
    b.check(
        stored == json!({ "kind": "choice", "selected": [], "checked": false, "attempt": 1 }),
        &format!("stored fd-q-rules after the retry: {stored}"),
    )
    .await;

    b.step("fd-q-cork: answer the last option, check, retry");
    let last = cork.options.len() - 1;
    let (c1, c2) = retry_reorders(&b, &cork, last).await;
    eprintln!("fd-q-cork order: {:?} then {:?}", values(&c1), values(&c2));

    b.step("fd-q-cork: choose the option with value 0 and check");
    let sel = question_sel("fd-q-cork");
    let (want_points, want_result) = cork.grade(&[0]);
    let result = answer(&b, &sel, &[0]).await;
    b.check(
        result.starts_with(want_result),
        &format!("fd-q-cork: expected {want_result:?} ({want_points} points), found {result:?}"),
    )
    .await;
    let stored = b
        .wait_stored(&format!("/data/modules/{MODULE}/answers/fd-q-cork/value"))
        .await;
    b.check(
        stored["selected"] == json!([0])
            && stored["checked"] == json!(true)
            && stored["attempt"] == json!(1),
        &format!("stored fd-q-cork: expected selected [0], checked, attempt 1; found {stored}"),
    )
    .await;

    let check_explanations = |order: Vec<(String, String)>| {
        let cork = cork.clone();
        let b = &b;
        let sel = sel.clone();
        async move {
            // Each option shows the explanation of its own file position.
            let v = b
                .js(
                    "return Array.from(document.querySelectorAll(arguments[0] + ' li:has(> label > input)'), li => {
                         const i = li.querySelector('label input');
                         const e = li.querySelector('[data-test=explanation]');
                         return [i ? i.value : null, i ? i.checked : null, e ? e.innerText.trim() : null];
                     });",
                    vec![json!(sel)],
                )
                .await;
            let rows = v.as_array().cloned().unwrap_or_default();
            let shown_values: Vec<String> = rows
                .iter()
                .map(|r| r[0].as_str().unwrap_or_default().to_string())
                .collect();
            b.check(
                shown_values == values(&order),
                &format!(
                    "fd-q-cork: options now in order {shown_values:?}, expected {:?}",
                    values(&order)
                ),
            )
            .await;
            for r in &rows {
                let pos: usize = r[0]
                    .as_str()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(usize::MAX);
                let Some(opt) = cork.options.get(pos) else {
                    b.fail(&format!("fd-q-cork: an option has value {}", r[0]))
                        .await;
                };
                let text = r[2].as_str().unwrap_or_default();
                let chosen = r[1] == json!(true);
                let verdict = match (opt.correct, chosen) {
                    (true, true) => "Your choice – correct.",
                    (true, false) => "Correct answer.",
                    (false, true) => "Your choice – not correct.",
                    (false, false) => "Not correct.",
                };
                b.check(
                    chosen == (pos == 0),
                    &format!("fd-q-cork: option {pos} checked = {chosen}"),
                )
                .await;
                let want = plain(&opt.explanation);
                b.check(
                    text.starts_with(verdict) && plain(text).ends_with(&want),
                    &format!(
                        "fd-q-cork option {pos}: explanation {text:?}, expected {verdict:?} then {want:?}"
                    ),
                )
                .await;
            }
        }
    };
    check_explanations(c2.clone()).await;
    b.screenshot("retry-explained").await;

    b.step("reload: the shuffled order, the choice and the explanations stay");
    b.refresh().await;
    b.wait_result(&sel).await;
    check_explanations(c2.clone()).await;
    let r_again = shown_options(&b, &question_sel("fd-q-rules")).await;
    b.check(
        r_again == r2,
        &format!(
            "fd-q-rules after reload shows {:?}, before {:?}",
            values(&r_again),
            values(&r2)
        ),
    )
    .await;

    b.close().await;
}

fn values(order: &[(String, String)]) -> Vec<String> {
    order.iter().map(|(v, _)| v.clone()).collect()
}

// -- layout and navigation contract ------------------------------------------------

/// After following the next links to the last section, that section offers
/// no `a[data-test=next]` (docs/dom-contract.md: absent at the ends), also
/// without a reload.
#[tokio::test]
async fn last_section_has_no_next_link() {
    let fd = load_module(MODULE);
    let n = fd.sections.len();
    let (before_last, _) = &fd.sections[n - 2];
    let (last, last_title) = &fd.sections[n - 1];
    let b = Browser::start(Viewport::Desktop).await;

    b.step("open the second-to-last section and follow its next link");
    b.goto(&format!("/m/{MODULE}/{before_last}")).await;
    b.wait_visible("a[data-test=next]").await;
    b.click("a[data-test=next]").await;
    b.wait_url_ends_with(&format!("/m/{MODULE}/{last}")).await;
    b.wait_text("h1", last_title).await;
    b.wait_visible("a[data-test=prev]").await;
    let links = b
        .js(
            "return Array.from(document.querySelectorAll('a[data-test=next], a[rel=next]'), a => a.outerHTML);",
            vec![],
        )
        .await;
    b.check(
        links.as_array().is_some_and(Vec::is_empty),
        &format!(
            "the last section ({last}), reached through the next link, still has a next link: {links}"
        ),
    )
    .await;

    b.step("reload the last section");
    b.refresh().await;
    b.wait_text("h1", last_title).await;
    b.wait_visible("a[data-test=prev]").await;
    let n_next = b.count("a[data-test=next], a[rel=next]").await;
    b.check(
        n_next == 0,
        &format!("the last section ({last}) after a reload has {n_next} next link(s)"),
    )
    .await;
    b.close().await;
}

/// The attempt page with its profile and the overview with the comparison
/// fit the viewport's width.
async fn assessment_pages_do_not_scroll_sideways(vp: Viewport) {
    let sa = load_module(ASSESSMENT);
    let likert = sa.likert.expect("the assessment has a Likert block");
    let first = question_sel(&sa.questions[0].id);
    let statement = statement_sel(&likert.statements[0].id);
    let b = Browser::start(vp).await;
    for (phase, value) in [("before", BEFORE_VALUE), ("after", AFTER_VALUE)] {
        b.step(&format!("{phase}: answer one question and one statement"));
        open_overview(&b).await;
        b.click(&format!(
            "li[data-test=phase][data-phase={phase}] button[data-test=start-attempt]"
        ))
        .await;
        b.wait_url_ends_with(&format!("/assess/{ASSESSMENT}/{phase}"))
            .await;
        answer(&b, &first, &[0]).await;
        b.click_nth(
            &format!("{statement} label.scale__point input[value=\"{value}\"]"),
            0,
            Some(&format!(
                "{statement} label.scale__point:has(input[value=\"{value}\"])"
            )),
        )
        .await;
        b.wait_visible("article[data-test=attempt] figure[data-test=profile]")
            .await;
        b.wait_js("document.fonts.status === 'loaded'").await;
        b.assert_no_horizontal_scroll(&format!("the {phase} attempt with its profile"))
            .await;
    }
    b.step("the overview with the comparison");
    open_overview(&b).await;
    b.wait_visible("section[data-test=comparison] figure[data-test=profile]")
        .await;
    b.wait_js("document.fonts.status === 'loaded'").await;
    b.assert_no_horizontal_scroll("the overview with the comparison")
        .await;
    b.close().await;
}

#[tokio::test]
async fn assessment_pages_do_not_scroll_sideways_phone() {
    assessment_pages_do_not_scroll_sideways(Viewport::Phone).await;
}

#[tokio::test]
async fn assessment_pages_do_not_scroll_sideways_desktop() {
    assessment_pages_do_not_scroll_sideways(Viewport::Desktop).await;
}
