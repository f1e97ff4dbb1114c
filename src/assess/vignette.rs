//! Following a stored path through a case vignette.

use crate::content::{ChoiceQuality, Vignette};

/// How far a stored path gets through a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseProgress {
    /// (step position, choice position) for every choice of the path that
    /// still fits the case.
    pub taken: Vec<(usize, usize)>,
    /// Step position where the learner is now; `None` once the case ended.
    pub current: Option<usize>,
    /// True when the path reached a step without choices (or ran past the
    /// last step).
    pub finished: bool,
}

impl CaseProgress {
    /// How many of the choices taken were the recommended ones.
    pub fn recommended(&self, vignette: &Vignette) -> usize {
        self.taken
            .iter()
            .filter(|&&(step, choice)| {
                vignette.steps[step].choices[choice].quality == ChoiceQuality::Recommended
            })
            .count()
    }
}

/// Replays `path` from the first step. Where the path no longer fits the
/// case (the pack changed), replay stops there and the learner continues
/// from that step: nothing is guessed.
pub fn replay(vignette: &Vignette, path: &[(String, u8)]) -> CaseProgress {
    let position = |id: &str| vignette.steps.iter().position(|s| s.id == id);
    let mut taken = Vec::new();
    let mut current = (!vignette.steps.is_empty()).then_some(0);
    for (step_id, choice) in path {
        let Some(at) = current.filter(|&at| vignette.steps[at].id == *step_id) else {
            break;
        };
        let choice = usize::from(*choice);
        if choice >= vignette.steps[at].choices.len() {
            break;
        }
        taken.push((at, choice));
        current = vignette
            .next_step(step_id, choice)
            .and_then(|s| position(&s.id));
    }
    let finished = current.is_none_or(|at| vignette.steps[at].choices.is_empty());
    CaseProgress {
        taken,
        current,
        finished,
    }
}
