//! Two language versions of a module must have the same structure: same
//! sections and slides, the same interactive blocks with the same ids, the
//! same number of options in the same order. Stored answers are keyed by id
//! and position, so a learner who switches language keeps them, and a
//! trainer presenting in one language sees the same slides as in another.

use super::model::*;
use super::problem::{Problem, Report};

/// Compares `other` with `reference` and reports differences in `other`'s file.
pub fn compare_structure(
    reference_file: &str,
    reference: &Module,
    other_file: &str,
    other: &Module,
) -> Vec<Problem> {
    let mut report = Report::new(other_file);
    let ours: Vec<&str> = other.sections.iter().map(|s| s.id.as_str()).collect();
    let theirs: Vec<&str> = reference.sections.iter().map(|s| s.id.as_str()).collect();
    if ours != theirs {
        report.at(
            other.sections.first().map_or(0, |s| s.line),
            format!(
                "the sections differ from {reference_file}: here {}, there {}",
                ours.join(", "),
                theirs.join(", ")
            ),
        );
        return report.problems;
    }
    for (mine, theirs) in other.sections.iter().zip(&reference.sections) {
        if mine.slides.len() != theirs.slides.len() {
            report.at(
                mine.line,
                format!(
                    "section \"{}\" has {} slides here and {} in {reference_file} (line {})",
                    mine.id,
                    mine.slides.len(),
                    theirs.slides.len(),
                    theirs.line
                ),
            );
            continue;
        }
        for (n, (a, b)) in mine.slides.iter().zip(&theirs.slides).enumerate() {
            compare_slide(&mut report, reference_file, &mine.id, n + 1, a, b);
        }
    }
    report.problems
}

fn compare_slide(
    report: &mut Report,
    reference_file: &str,
    section: &str,
    n: usize,
    mine: &Slide,
    theirs: &Slide,
) {
    if mine.notes.is_some() != theirs.notes.is_some() {
        let which = if mine.notes.is_some() {
            "has speaker notes here but not"
        } else {
            "has no speaker notes here but has them"
        };
        report.at(
            mine.line,
            format!("slide {n} of section \"{section}\" {which} in {reference_file}"),
        );
    }
    let ids = |slide: &Slide| {
        slide
            .blocks
            .iter()
            .filter_map(interactive_id)
            .collect::<Vec<_>>()
    };
    let (a, b) = (ids(mine), ids(theirs));
    if a != b {
        report.at(
            mine.line,
            format!(
                "slide {n} of section \"{section}\" has the interactive blocks [{}] here and [{}] in {reference_file} (line {})",
                a.join(", "),
                b.join(", "),
                theirs.line
            ),
        );
        return;
    }
    for (x, y) in interactive(mine).zip(interactive(theirs)) {
        compare_block(report, reference_file, x, y);
    }
}

fn interactive_id(block: &Block) -> Option<String> {
    Some(match block {
        Block::Question(q) => q.id.clone(),
        Block::Likert(l) => l.id.clone(),
        Block::Vignette(v) => v.id.clone(),
        Block::Reflection(r) => r.id.clone(),
        _ => return None,
    })
}

fn interactive(slide: &Slide) -> impl Iterator<Item = &Block> {
    slide.blocks.iter().filter(|b| interactive_id(b).is_some())
}

fn compare_block(report: &mut Report, reference_file: &str, mine: &Block, theirs: &Block) {
    match (mine, theirs) {
        (Block::Question(a), Block::Question(b)) => {
            let shape = |q: &Question| {
                (
                    q.kind,
                    q.options.iter().map(|o| o.correct).collect::<Vec<_>>(),
                )
            };
            if shape(a) != shape(b) {
                report.at(
                    a.line,
                    format!(
                        "question \"{}\" differs from {reference_file} (line {}): keep the same kind, the same number of options and the correct ones in the same places",
                        a.id, b.line
                    ),
                );
            }
        }
        (Block::Likert(a), Block::Likert(b)) => {
            let shape = |l: &Likert| {
                (
                    l.scale.len(),
                    l.subscales
                        .iter()
                        .map(|s| s.key.clone())
                        .collect::<Vec<_>>(),
                    l.statements
                        .iter()
                        .map(|s| (s.subscale.clone(), s.reverse))
                        .collect::<Vec<_>>(),
                )
            };
            if shape(a) != shape(b) {
                report.at(
                    a.line,
                    format!(
                        "likert \"{}\" differs from {reference_file} (line {}): keep the same number of scale points, the same subscale keys and the statements in the same order with the same subscale and reverse flag",
                        a.id, b.line
                    ),
                );
            }
        }
        (Block::Vignette(a), Block::Vignette(b)) => {
            let shape = |v: &Vignette| {
                v.steps
                    .iter()
                    .map(|s| {
                        (
                            s.id.clone(),
                            s.choices
                                .iter()
                                .map(|c| (c.quality, c.goto.clone()))
                                .collect::<Vec<_>>(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            if shape(a) != shape(b) {
                report.at(
                    a.line,
                    format!(
                        "vignette \"{}\" differs from {reference_file} (line {}): keep the same step ids, the same choices in the same order with the same marks and gotos",
                        a.id, b.line
                    ),
                );
            }
        }
        _ => {}
    }
}
