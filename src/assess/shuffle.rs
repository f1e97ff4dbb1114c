//! The order in which a question's options are shown.

use crate::content::QuestionKind;

/// Display order of `n` options for one attempt: positions in the file, in
/// the order to show them. The first attempt keeps the author's order;
/// every retry gets a new order, the same for the same question and attempt
/// (so a reload shows what the learner saw). Answers are always stored by
/// position in the file, so shuffling never changes what an answer means.
/// True/false keeps its order: "True" first reads naturally.
pub fn option_order(question_id: &str, attempt: u32, n: usize, kind: QuestionKind) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if attempt == 0 || kind == QuestionKind::TrueFalse || n < 2 {
        return order;
    }
    // FNV-1a over the id and attempt seeds a xorshift generator; Fisher-Yates.
    let mut state: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in question_id.bytes().chain(attempt.to_le_bytes()) {
        state = (state ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    if order.iter().enumerate().all(|(i, &o)| i == o) {
        // A retry should look different: rotate if the shuffle changed nothing.
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_attempt_and_true_false_keep_the_authors_order() {
        assert_eq!(
            option_order("q", 0, 4, QuestionKind::Single),
            vec![0, 1, 2, 3]
        );
        assert_eq!(option_order("q", 3, 2, QuestionKind::TrueFalse), vec![0, 1]);
    }

    #[test]
    fn a_retry_is_a_stable_permutation_that_differs_from_the_first() {
        for attempt in 1..50 {
            let order = option_order("fd-q-rules", attempt, 4, QuestionKind::Multiple);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2, 3], "a permutation");
            assert_ne!(order, vec![0, 1, 2, 3], "looks different");
            assert_eq!(
                order,
                option_order("fd-q-rules", attempt, 4, QuestionKind::Multiple),
                "stable"
            );
        }
    }
}
