//! Grading knowledge questions and summing them to a score.

use crate::content::Question;
use crate::progress::Answer;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grade {
    Correct,
    /// Multiple choice: some right options chosen and no wrong one, or
    /// all right ones plus a wrong one.
    Partial,
    Incorrect,
}

/// Grades the chosen option positions. For multiple choice an answer is
/// partly right when it picks at least one correct option and more correct
/// options than wrong ones.
pub fn grade(question: &Question, selected: &[u8]) -> Grade {
    let correct = question.correct_options();
    let mut chosen: Vec<usize> = selected
        .iter()
        .map(|&i| usize::from(i))
        .filter(|&i| i < question.options.len())
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    if chosen == correct {
        return Grade::Correct;
    }
    let hits = chosen.iter().filter(|i| correct.contains(i)).count();
    let misses = chosen.len() - hits;
    if question.kind.allows_several() && hits > 0 && hits > misses {
        Grade::Partial
    } else {
        Grade::Incorrect
    }
}

impl Grade {
    /// Points for a grade: 1 for correct, ½ for partly right, 0 otherwise.
    pub fn points(self) -> f64 {
        match self {
            Grade::Correct => 1.0,
            Grade::Partial => 0.5,
            Grade::Incorrect => 0.0,
        }
    }
}

/// A knowledge score over a set of questions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KnowledgeScore {
    /// Sum of points of the checked answers.
    pub points: f64,
    /// Number of questions, i.e. the highest possible score.
    pub max: usize,
    /// Questions the learner answered and checked.
    pub answered: usize,
}

impl KnowledgeScore {
    /// Points as a share of the maximum, 0 to 1 (0 when there are no questions).
    pub fn share(&self) -> f64 {
        if self.max == 0 {
            0.0
        } else {
            self.points / self.max as f64
        }
    }
}

/// Scores the questions with the learner's answers; only checked answers
/// count (a chosen but unchecked option is still a draft).
pub fn knowledge_score<'a>(
    questions: impl IntoIterator<Item = &'a Question>,
    answer: impl Fn(&str) -> Option<&'a Answer>,
) -> KnowledgeScore {
    let mut score = KnowledgeScore {
        points: 0.0,
        max: 0,
        answered: 0,
    };
    for question in questions {
        score.max += 1;
        if let Some(Answer::Choice {
            selected,
            checked: true,
            ..
        }) = answer(&question.id)
        {
            score.answered += 1;
            score.points += grade(question, selected).points();
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{QuestionKind, QuestionOption};

    fn question(kind: QuestionKind, correct: &[bool]) -> Question {
        Question {
            id: "q".into(),
            line: 1,
            kind,
            prompt: vec![],
            options: correct
                .iter()
                .map(|&c| QuestionOption {
                    text: vec![],
                    correct: c,
                    explanation: vec![],
                })
                .collect(),
        }
    }

    #[test]
    fn single_choice_is_right_or_wrong() {
        let q = question(QuestionKind::Single, &[false, true, false]);
        assert_eq!(grade(&q, &[1]), Grade::Correct);
        assert_eq!(grade(&q, &[0]), Grade::Incorrect);
        assert_eq!(grade(&q, &[]), Grade::Incorrect);
    }

    #[test]
    fn multiple_choice_gives_partial_credit_for_more_hits_than_misses() {
        let q = question(QuestionKind::Multiple, &[true, true, false, true]);
        assert_eq!(grade(&q, &[3, 1, 0]), Grade::Correct);
        assert_eq!(grade(&q, &[0, 1]), Grade::Partial);
        assert_eq!(grade(&q, &[0, 1, 3, 2]), Grade::Partial);
        assert_eq!(grade(&q, &[0, 2]), Grade::Incorrect);
        assert_eq!(grade(&q, &[2]), Grade::Incorrect);
    }

    #[test]
    fn out_of_range_and_repeated_positions_are_ignored() {
        let q = question(QuestionKind::Single, &[true, false]);
        assert_eq!(grade(&q, &[0, 0, 9]), Grade::Correct);
    }
}
