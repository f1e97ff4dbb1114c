//! The marked blocks: `::: kind …` to `:::`.

use super::attributes::Opening;
use super::is_valid_id;
use super::model::*;
use super::problem::Report;
use super::text::{parse_text, rich, Line};

/// What a marked block becomes: content of the slide, or the slide's notes.
pub(crate) enum Marked {
    Block(Block),
    Notes(Notes),
}

/// Parses one marked block. A block too broken to show is reported and
/// dropped (`None`); the rest of the module is unaffected.
pub(crate) fn parse_marked(
    mut opening: Opening,
    body: &[Line],
    report: &mut Report,
) -> Option<Marked> {
    let kind = opening.kind.clone();
    let marked = match kind.as_str() {
        "notes" => {
            let minutes = opening.take("minutes").and_then(|m| {
                let parsed = m.parse::<u32>().ok().filter(|&n| n > 0 && n <= 240);
                if parsed.is_none() {
                    report.at(opening.line(), format!("notes: minutes=\"{m}\" is not a whole number of minutes between 1 and 240"));
                }
                parsed
            });
            let body = parse_text(body, report);
            if body.is_empty() {
                report.at(
                    opening.line(),
                    "speaker notes are empty: write what the trainer should say",
                );
            }
            opening.finish(report, "minutes");
            Some(Marked::Notes(Notes { minutes, body }))
        }
        "callout" => {
            let tone = match opening.take("tone").as_deref() {
                None | Some("info") => Tone::Info,
                Some("tip") => Tone::Tip,
                Some("warning") => Tone::Warning,
                Some(other) => {
                    report.at(
                        opening.line(),
                        format!("callout tone \"{other}\" is unknown: use info, tip or warning"),
                    );
                    Tone::Info
                }
            };
            let title = opening.take("title");
            opening.finish(report, "tone, title");
            Some(Marked::Block(Block::Callout(Callout {
                tone,
                title,
                body: parse_text(body, report),
            })))
        }
        "question" => parse_question(&mut opening, body, report)
            .map(Block::Question)
            .map(Marked::Block),
        "likert" => parse_likert(&mut opening, body, report)
            .map(Block::Likert)
            .map(Marked::Block),
        "vignette" => parse_vignette(&mut opening, body, report)
            .map(Block::Vignette)
            .map(Marked::Block),
        "reflection" => {
            let id = take_id(&mut opening, report);
            let prompt = parse_text(body, report);
            if prompt.is_empty() {
                report.at(
                    opening.line(),
                    "reflection has no prompt: write the question the learner reflects on",
                );
            }
            opening.finish(report, "id");
            id.map(|id| {
                Marked::Block(Block::Reflection(Reflection {
                    id,
                    line: opening.line(),
                    prompt,
                }))
            })
        }
        "term" => {
            let id = take_id(&mut opening, report);
            let title = opening.take("title").unwrap_or_default();
            if title.is_empty() {
                report.at(opening.line(), "term has no title: add title=\"the term\"");
            }
            let body = parse_text(body, report);
            if body.is_empty() {
                report.at(
                    opening.line(),
                    format!("term \"{title}\" has no definition"),
                );
            }
            opening.finish(report, "id, title");
            id.map(|id| {
                Marked::Block(Block::Term(Term {
                    id,
                    line: opening.line(),
                    title,
                    body,
                }))
            })
        }
        "contact" => parse_contact(&mut opening, body, report)
            .map(Block::Contact)
            .map(Marked::Block),
        other => {
            report.at(
                opening.line(),
                format!("unknown block kind \"{other}\" (known: notes, callout, question, likert, vignette, reflection, term, contact)"),
            );
            return None;
        }
    };
    marked
}

fn take_id(opening: &mut Opening, report: &mut Report) -> Option<String> {
    let kind = opening.kind.clone();
    match opening.take("id") {
        None => {
            report.at(
                opening.line(),
                format!("{kind} has no id: add id=… (lower-case letters, digits and -)"),
            );
            None
        }
        Some(id) if !is_valid_id(&id) => {
            report.at(opening.line(), format!("{kind} id \"{id}\" is not valid: use lower-case letters, digits and single hyphens"));
            None
        }
        Some(id) => Some(id),
    }
}

/// `- [x] text`, `- [ ] text`, `- [+] text`: returns (mark, text).
fn marked_item(text: &str) -> Option<(char, &str)> {
    let rest = text.strip_prefix("- [")?;
    let mut chars = rest.chars();
    let mark = chars.next()?;
    let rest = chars.as_str().strip_prefix("] ")?;
    Some((mark, rest))
}

/// Lines indented under an item: `> …` lines and `goto:` lines.
struct ItemTail {
    extra_text: String,
    explanation: String,
    goto: Option<(usize, String)>,
}

fn read_item_tail(line: &Line, tail: &mut ItemTail, allow_goto: bool, report: &mut Report) {
    let text = line.text.trim();
    if let Some(quoted) = text.strip_prefix('>') {
        if !tail.explanation.is_empty() {
            tail.explanation.push(' ');
        }
        tail.explanation.push_str(quoted.trim());
    } else if let Some(target) = text.strip_prefix("goto:").filter(|_| allow_goto) {
        tail.goto = Some((line.number, target.trim().to_owned()));
    } else if tail.explanation.is_empty() {
        tail.extra_text.push(' ');
        tail.extra_text.push_str(text);
    } else {
        report.at(
            line.number,
            "unexpected line after the explanation: start explanation lines with \"  >\"",
        );
    }
}

fn parse_question(opening: &mut Opening, body: &[Line], report: &mut Report) -> Option<Question> {
    let id = take_id(opening, report);
    let kind = match opening.take("kind").as_deref() {
        Some("single") => Some(QuestionKind::Single),
        Some("multiple") => Some(QuestionKind::Multiple),
        Some("truefalse") => Some(QuestionKind::TrueFalse),
        Some(other) => {
            report.at(
                opening.line(),
                format!("question kind \"{other}\" is unknown: use single, multiple or truefalse"),
            );
            None
        }
        None => {
            report.at(
                opening.line(),
                "question has no kind: add kind=single, kind=multiple or kind=truefalse",
            );
            None
        }
    };
    let line = opening.line();
    let label = id.clone().unwrap_or_default();

    let first_option = body
        .iter()
        .position(|l| marked_item(l.text).is_some())
        .unwrap_or(body.len());
    let prompt = parse_text(&body[..first_option], report);
    if prompt.is_empty() {
        report.at(
            line,
            format!("question \"{label}\" has no question text before its options"),
        );
    }
    let mut options: Vec<(usize, QuestionOption)> = Vec::new();
    let mut tail: Option<(usize, String, bool, ItemTail)> = None;
    let finish = |tail: Option<(usize, String, bool, ItemTail)>,
                  options: &mut Vec<(usize, QuestionOption)>,
                  report: &mut Report| {
        if let Some((number, text, correct, t)) = tail {
            if t.explanation.is_empty() {
                report.at(number, format!("option {} of question \"{label}\" has no explanation: add a line \"  > why this is right or wrong\"", options.len() + 1));
            }
            let option = QuestionOption {
                text: rich(&(text + &t.extra_text), number, report),
                correct,
                explanation: rich(&t.explanation, number, report),
            };
            options.push((number, option));
        }
    };
    for l in &body[first_option..] {
        if l.text.trim().is_empty() {
            continue;
        }
        if let Some((mark, text)) = marked_item(l.text) {
            finish(tail.take(), &mut options, report);
            let correct = match mark {
                'x' | 'X' => true,
                ' ' => false,
                other => {
                    report.at(l.number, format!("option mark \"[{other}]\" is unknown: use \"[x]\" for a correct option and \"[ ]\" for a wrong one"));
                    false
                }
            };
            tail = Some((
                l.number,
                text.to_owned(),
                correct,
                ItemTail {
                    extra_text: String::new(),
                    explanation: String::new(),
                    goto: None,
                },
            ));
        } else if let (Some((_, _, _, t)), true) =
            (&mut tail, l.text.starts_with(char::is_whitespace))
        {
            read_item_tail(l, t, false, report);
        } else {
            report.at(l.number, "text after the options: options are \"- [x] …\" or \"- [ ] …\" lines, explanations \"  > …\" lines below them");
        }
    }
    finish(tail.take(), &mut options, report);
    opening.finish(report, "id, kind");

    let correct = options.iter().filter(|(_, o)| o.correct).count();
    if options.len() < 2 {
        report.at(
            line,
            format!("question \"{label}\" needs at least two options"),
        );
    }
    if correct == 0 && !options.is_empty() {
        report.at(
            line,
            format!("question \"{label}\" has no correct option (mark one with \"- [x]\")"),
        );
    }
    match kind {
        Some(QuestionKind::Single) if correct > 1 => {
            report.at(line, format!("question \"{label}\" is kind=single but has {correct} correct options: use kind=multiple or mark one"))
        }
        Some(QuestionKind::TrueFalse) if options.len() != 2 || correct != 1 => report.at(
            line,
            format!("question \"{label}\" is kind=truefalse: it needs exactly two options, one of them correct"),
        ),
        _ => {}
    }
    if correct == 0 || options.len() < 2 {
        return None;
    }
    Some(Question {
        id: id?,
        line,
        kind: kind?,
        prompt,
        options: options.into_iter().map(|(_, o)| o).collect(),
    })
}

fn parse_likert(opening: &mut Opening, body: &[Line], report: &mut Report) -> Option<Likert> {
    let id = take_id(opening, report);
    let label = id.clone().unwrap_or_default();
    let line = opening.line();
    opening.finish(report, "id");

    let mut intro_end = body.len();
    let mut scale: Vec<String> = Vec::new();
    let mut subscales: Vec<Subscale> = Vec::new();
    let mut statements: Vec<(usize, Statement)> = Vec::new();
    for (index, l) in body.iter().enumerate() {
        let text = l.text.trim();
        let structural = text.starts_with("scale:")
            || text.starts_with("subscale ")
            || marked_statement(text).is_some();
        if structural && intro_end == body.len() {
            intro_end = index;
        }
        if intro_end == body.len() || text.is_empty() {
            continue;
        }
        if let Some(labels) = text.strip_prefix("scale:") {
            scale = labels.split('|').map(|s| s.trim().to_owned()).collect();
            if scale.len() < 2 || scale.len() > 11 || scale.iter().any(String::is_empty) {
                report.at(
                    l.number,
                    "scale: give 2 to 11 labels separated by \"|\", lowest first",
                );
                scale.clear();
            }
        } else if let Some(rest) = text.strip_prefix("subscale ") {
            match rest.split_once(':') {
                Some((key, name)) if is_valid_id(key.trim()) && !name.trim().is_empty() => {
                    subscales.push(Subscale { key: key.trim().to_owned(), label: name.trim().to_owned() })
                }
                _ => report.at(l.number, "write a subscale as \"subscale key: Label\" (key in lower-case letters, digits and -)"),
            }
        } else if let Some((tags, words)) = marked_statement(text) {
            let mut tags = tags.split(',').map(str::trim);
            let subscale = tags.next().unwrap_or_default().to_owned();
            let mut reverse = false;
            for tag in tags {
                if tag == "reverse" {
                    reverse = true;
                } else {
                    report.at(
                        l.number,
                        format!("unknown statement flag \"{tag}\": the only flag is \"reverse\""),
                    );
                }
            }
            if !subscales.iter().any(|s| s.key == subscale) {
                report.at(l.number, format!("statement names subscale \"{subscale}\", which is not declared: add \"subscale {subscale}: Label\" above the statements"));
            }
            let statement = Statement {
                id: format!("{label}.{}", statements.len() + 1),
                subscale,
                reverse,
                text: rich(words, l.number, report),
            };
            statements.push((l.number, statement));
        } else if l.text.starts_with(char::is_whitespace) && !statements.is_empty() {
            let (number, last) = statements.last_mut().expect("checked non-empty");
            let more = rich(text, *number, report);
            last.text.push(Inline::Text(" ".into()));
            last.text.extend(more);
        } else {
            report.at(
                l.number,
                "expected \"scale:\", \"subscale key: Label\" or a statement \"- [key] text\"",
            );
        }
    }
    let intro = parse_text(&body[..intro_end], report);
    if scale.is_empty() {
        report.at(line, format!("likert \"{label}\" has no scale: add \"scale: Strongly disagree | … | Strongly agree\""));
    }
    if statements.is_empty() {
        report.at(
            line,
            format!("likert \"{label}\" has no statements (\"- [subscale] text\")"),
        );
    }
    for subscale in &subscales {
        if !statements.iter().any(|(_, s)| s.subscale == subscale.key) {
            report.at(
                line,
                format!("subscale \"{}\" has no statements", subscale.key),
            );
        }
    }
    if scale.is_empty() || statements.is_empty() {
        return None;
    }
    let statements = statements
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| subscales.iter().any(|d| d.key == s.subscale))
        .collect();
    Some(Likert {
        id: id?,
        line,
        intro,
        scale,
        subscales,
        statements,
    })
}

fn marked_statement(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("- [")?;
    let (tags, words) = rest.split_once("] ")?;
    Some((tags, words))
}

fn parse_vignette(opening: &mut Opening, body: &[Line], report: &mut Report) -> Option<Vignette> {
    let id = take_id(opening, report);
    let label = id.clone().unwrap_or_default();
    let line = opening.line();
    let title = opening.take("title").unwrap_or_else(|| {
        report.at(
            line,
            format!("vignette \"{label}\" has no title: add title=\"…\""),
        );
        String::new()
    });
    opening.finish(report, "id, title");

    let starts: Vec<usize> = (0..body.len())
        .filter(|&i| body[i].text.trim_start().starts_with("@step"))
        .collect();
    let intro = parse_text(
        &body[..starts.first().copied().unwrap_or(body.len())],
        report,
    );
    let mut steps: Vec<Step> = Vec::new();
    let mut gotos: Vec<(usize, String)> = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(body.len());
        let head = &body[start];
        let step_id = head.text.trim_start()["@step".len()..].trim().to_owned();
        if !is_valid_id(&step_id) {
            report.at(
                head.number,
                format!("step id \"{step_id}\" is not valid: write \"@step some-id\""),
            );
            continue;
        }
        if steps.iter().any(|s| s.id == step_id) {
            report.at(
                head.number,
                format!("step \"{step_id}\" appears twice in vignette \"{label}\""),
            );
            continue;
        }
        let lines = &body[start + 1..end];
        let first_choice = lines
            .iter()
            .position(|l| marked_item(l.text).is_some())
            .unwrap_or(lines.len());
        let step_body = parse_text(&lines[..first_choice], report);
        if step_body.is_empty() {
            report.at(head.number, format!("step \"{step_id}\" has no text"));
        }
        let mut choices: Vec<Choice> = Vec::new();
        let mut open: Option<(usize, String, ChoiceQuality, ItemTail)> = None;
        let close = |open: Option<(usize, String, ChoiceQuality, ItemTail)>,
                     choices: &mut Vec<Choice>,
                     gotos: &mut Vec<(usize, String)>,
                     report: &mut Report| {
            if let Some((number, text, quality, tail)) = open {
                if tail.explanation.is_empty() {
                    report.at(
                        number,
                        "choice has no feedback: add a line \"  > what follows from this choice\"",
                    );
                }
                if let Some(goto) = &tail.goto {
                    gotos.push(goto.clone());
                }
                choices.push(Choice {
                    text: rich(&(text + &tail.extra_text), number, report),
                    quality,
                    feedback: rich(&tail.explanation, number, report),
                    goto: tail.goto.map(|(_, target)| target),
                });
            }
        };
        for l in &lines[first_choice..] {
            if l.text.trim().is_empty() {
                continue;
            }
            if let Some((mark, text)) = marked_item(l.text) {
                close(open.take(), &mut choices, &mut gotos, report);
                let quality = match mark {
                    '+' => ChoiceQuality::Recommended,
                    '~' => ChoiceQuality::Partial,
                    '-' => ChoiceQuality::NotRecommended,
                    other => {
                        report.at(l.number, format!("choice mark \"[{other}]\" is unknown: use [+] recommended, [~] partly helpful or [-] not recommended"));
                        ChoiceQuality::Partial
                    }
                };
                open = Some((
                    l.number,
                    text.to_owned(),
                    quality,
                    ItemTail {
                        extra_text: String::new(),
                        explanation: String::new(),
                        goto: None,
                    },
                ));
            } else if let (Some((_, _, _, tail)), true) =
                (&mut open, l.text.starts_with(char::is_whitespace))
            {
                read_item_tail(l, tail, true, report);
            } else {
                report.at(l.number, "text after the choices: choices are \"- [+] …\" lines with \"  > feedback\" below");
            }
        }
        close(open.take(), &mut choices, &mut gotos, report);
        steps.push(Step {
            id: step_id,
            body: step_body,
            choices,
        });
    }
    if steps.is_empty() {
        report.at(
            line,
            format!("vignette \"{label}\" has no steps: start each with \"@step some-id\""),
        );
        return None;
    }
    for (number, target) in &gotos {
        if !steps.iter().any(|s| &s.id == target) {
            report.at(
                *number,
                format!("goto \"{target}\" names no step of vignette \"{label}\""),
            );
        }
    }
    let vignette = Vignette {
        id: id?,
        line,
        title,
        intro,
        steps,
    };
    for unreachable in unreachable_steps(&vignette) {
        report.at(
            line,
            format!(
                "step \"{unreachable}\" of vignette \"{label}\" cannot be reached by any choice"
            ),
        );
    }
    Some(vignette)
}

/// Steps that no path from the first step leads to.
fn unreachable_steps(vignette: &Vignette) -> Vec<String> {
    let mut seen = vec![false; vignette.steps.len()];
    let mut stack = vec![0usize];
    while let Some(index) = stack.pop() {
        if std::mem::replace(&mut seen[index], true) {
            continue;
        }
        let step = &vignette.steps[index];
        for choice in 0..step.choices.len() {
            if let Some(next) = vignette.next_step(&step.id, choice) {
                let next_index = vignette
                    .steps
                    .iter()
                    .position(|s| s.id == next.id)
                    .expect("found by id");
                stack.push(next_index);
            }
        }
    }
    vignette
        .steps
        .iter()
        .zip(seen)
        .filter(|(_, s)| !s)
        .map(|(step, _)| step.id.clone())
        .collect()
}

fn parse_contact(opening: &mut Opening, body: &[Line], report: &mut Report) -> Option<Contact> {
    let line = opening.line();
    let title = opening.take("title").unwrap_or_default();
    if title.is_empty() {
        report.at(
            line,
            "contact has no title: add title=\"name of the service\"",
        );
    }
    let region = opening.take("region");
    let phone = opening.take("phone");
    if let Some(p) = &phone {
        if !p
            .chars()
            .all(|c| c.is_ascii_digit() || " +-/()".contains(c))
            || !p.chars().any(|c| c.is_ascii_digit())
        {
            report.at(
                line,
                format!("phone \"{p}\" should contain only digits, spaces and + - / ( )"),
            );
        }
    }
    let email = opening.take("email");
    if let Some(e) = &email {
        if !e.contains('@') || e.contains(char::is_whitespace) {
            report.at(
                line,
                format!("email \"{e}\" does not look like an e-mail address"),
            );
        }
    }
    let url = opening.take("url");
    if let Some(u) = &url {
        if !(u.starts_with("https://") || u.starts_with("http://")) {
            report.at(
                line,
                format!("url \"{u}\" must start with https:// (or http://)"),
            );
        }
    }
    opening.finish(report, "title, region, phone, email, url");
    let url = url.filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    (!title.is_empty()).then(|| Contact {
        title,
        region,
        phone,
        email,
        url,
        body: parse_text(body, report),
    })
}
