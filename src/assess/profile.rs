//! Likert self-assessments: reverse items and subscale means.

use crate::content::Likert;

/// The value a statement contributes to its subscale: reverse-scored
/// statements count the other way round (on 5 points, 1 counts as 5).
pub fn scored_value(value: u8, points: usize, reverse: bool) -> u8 {
    let value = value.clamp(1, points as u8);
    if reverse {
        points as u8 + 1 - value
    } else {
        value
    }
}

/// Where a subscale mean lies on the scale, for a plain-language reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    /// In the lowest third of the scale.
    Low,
    Middle,
    /// In the highest third.
    High,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SubscaleScore {
    pub key: String,
    pub label: String,
    /// Mean of the answered statements (after reverse scoring), from 1 to
    /// the number of scale points; `None` when none was answered.
    pub mean: Option<f64>,
    pub answered: usize,
    pub total: usize,
    /// Number of scale points.
    pub points: usize,
}

impl SubscaleScore {
    pub fn band(&self) -> Option<Band> {
        let mean = self.mean?;
        let position = (mean - 1.0) / (self.points as f64 - 1.0);
        Some(if position < 1.0 / 3.0 {
            Band::Low
        } else if position > 2.0 / 3.0 {
            Band::High
        } else {
            Band::Middle
        })
    }
}

/// Subscale scores of one Likert block. Missing answers are left out of
/// the mean (not counted as zero); `answer` gives a statement's value.
pub fn likert_profile(likert: &Likert, answer: impl Fn(&str) -> Option<u8>) -> Vec<SubscaleScore> {
    let points = likert.scale.len();
    likert
        .subscales
        .iter()
        .map(|sub| {
            let mut total = 0;
            let mut values = Vec::new();
            for statement in likert.statements.iter().filter(|s| s.subscale == sub.key) {
                total += 1;
                if let Some(value) = answer(&statement.id) {
                    values.push(f64::from(scored_value(value, points, statement.reverse)));
                }
            }
            let mean =
                (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
            SubscaleScore {
                key: sub.key.clone(),
                label: sub.label.clone(),
                mean,
                answered: values.len(),
                total,
                points,
            }
        })
        .collect()
}
