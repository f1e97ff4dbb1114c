//! Scoring rules (docs/scoring.md): knowledge points, Likert profiles with
//! reverse items and missing answers, before/after changes, case paths.
#![cfg(not(target_arch = "wasm32"))]

use mtd_learn::assess::*;
use mtd_learn::content::*;
use mtd_learn::progress::Answer;
use proptest::prelude::*;
use std::collections::HashMap;

const FRONT: &str =
    "---\nid: m\ntitle: T\nsummary: S\nobjectives:\n  - O\nsources:\n  - A\n---\n## S {#s}\n\n";

fn module(body: &str) -> Module {
    let parsed = parse_module("en/m.md", &format!("{FRONT}{body}"));
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    parsed.value
}

fn likert() -> Likert {
    let m = module(
        "::: likert id=l\nscale: 1 | 2 | 3 | 4 | 5\nsubscale ask: Asking\nsubscale hope: Hope\n- [ask] A1\n- [ask, reverse] A2\n- [hope] H1\n- [hope] H2\n:::\n",
    );
    let Some(Block::Likert(l)) = m.blocks().next().cloned() else {
        panic!()
    };
    l
}

fn answers(pairs: &[(&str, u8)]) -> HashMap<String, u8> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn reverse_items_count_the_other_way_round() {
    assert_eq!(scored_value(1, 5, true), 5);
    assert_eq!(scored_value(2, 5, true), 4);
    assert_eq!(scored_value(3, 5, true), 3);
    assert_eq!(scored_value(4, 5, false), 4);
    assert_eq!(scored_value(4, 4, true), 1);
}

#[test]
fn subscale_means_leave_missing_answers_out() {
    let l = likert();
    let given = answers(&[("l.1", 4), ("l.2", 2), ("l.3", 5)]);
    let profile = likert_profile(&l, |id| given.get(id).copied());
    assert_eq!(profile[0].key, "ask");
    assert_eq!(profile[0].mean, Some(4.0), "4 and reversed 2 (= 4)");
    assert_eq!((profile[0].answered, profile[0].total), (2, 2));
    assert_eq!(
        profile[1].mean,
        Some(5.0),
        "only H1 answered: the missing H2 is not a zero"
    );
    assert_eq!((profile[1].answered, profile[1].total), (1, 2));
    assert_eq!(profile[1].band(), Some(Band::High));
    let nothing = likert_profile(&l, |_| None);
    assert!(nothing
        .iter()
        .all(|s| s.mean.is_none() && s.band().is_none()));
}

#[test]
fn bands_split_the_scale_in_thirds() {
    let l = likert();
    for (value, band) in [
        (1, Band::Low),
        (2, Band::Low),
        (3, Band::Middle),
        (4, Band::High),
        (5, Band::High),
    ] {
        let given = answers(&[("l.3", value), ("l.4", value)]);
        assert_eq!(
            likert_profile(&l, |id| given.get(id).copied())[1].band(),
            Some(band),
            "value {value}"
        );
    }
}

#[test]
fn before_and_after_show_the_change_per_subscale_and_item() {
    let l = likert();
    let before = answers(&[("l.1", 2), ("l.2", 4), ("l.3", 3), ("l.4", 3)]);
    let after = answers(&[("l.1", 4), ("l.2", 1), ("l.3", 3)]);
    let b = likert_profile(&l, |id| before.get(id).copied());
    let a = likert_profile(&l, |id| after.get(id).copied());
    let changes = compare_profiles(&b, &a);
    assert_eq!(
        changes[0].delta(),
        Some(2.5),
        "ask: mean 2 (2 and reversed 4) -> 4.5 (4 and reversed 1)"
    );
    assert_eq!(changes[1].delta(), Some(0.0));
    let items = item_changes(
        &l,
        |id| before.get(id).copied(),
        |id| after.get(id).copied(),
    );
    assert_eq!(
        items
            .iter()
            .map(|c| (c.statement.as_str(), c.delta()))
            .collect::<Vec<_>>(),
        [("l.2", 3), ("l.1", 2)],
        "largest change first; l.4 unanswered after, l.3 unchanged"
    );
}

fn questions() -> Module {
    module(
        "::: question id=s kind=single\nQ?\n- [x] a\n  > a\n- [ ] b\n  > b\n:::\n\n::: question id=m kind=multiple\nQ?\n- [x] a\n  > a\n- [x] b\n  > b\n- [ ] c\n  > c\n- [x] d\n  > d\n:::\n\n::: question id=t kind=truefalse\nQ?\n- [ ] True\n  > t\n- [x] False\n  > f\n:::\n",
    )
}

#[test]
fn knowledge_score_counts_checked_answers_with_half_points_for_partial() {
    let m = questions();
    let given: HashMap<&str, Answer> = [
        (
            "s",
            Answer::Choice {
                selected: vec![0],
                checked: true,
                attempt: 0,
            },
        ),
        (
            "m",
            Answer::Choice {
                selected: vec![0, 1],
                checked: true,
                attempt: 1,
            },
        ),
        (
            "t",
            Answer::Choice {
                selected: vec![1],
                checked: false,
                attempt: 0,
            },
        ),
    ]
    .into_iter()
    .collect();
    let score = knowledge_score(m.questions(), |id| given.get(id));
    assert_eq!(
        score.points, 1.5,
        "single right (1) + multiple partly right (0.5); unchecked true/false counts nothing"
    );
    assert_eq!((score.answered, score.max), (2, 3));
    assert_eq!(score.share(), 0.5);
}

#[test]
fn a_case_path_replays_branches_and_stops_where_the_case_changed() {
    let m = module(
        "::: vignette id=v title=T\n@step a\nA.\n- [+] on\n  > fine\n- [-] skip\n  > hm\n  goto: c\n@step b\nB.\n- [~] on\n  > ok\n@step c\nEnd.\n:::\n",
    );
    let Some(Block::Vignette(v)) = m.blocks().next().cloned() else {
        panic!()
    };
    let full = replay(&v, &[("a".into(), 0), ("b".into(), 0)]);
    assert_eq!(full.taken, vec![(0, 0), (1, 0)]);
    assert_eq!((full.current, full.finished), (Some(2), true));
    assert_eq!(full.recommended(&v), 1);
    let branch = replay(&v, &[("a".into(), 1)]);
    assert_eq!((branch.current, branch.finished), (Some(2), true), "goto c");
    let stale = replay(&v, &[("a".into(), 0), ("x".into(), 0)]);
    assert_eq!(
        (stale.taken.len(), stale.current, stale.finished),
        (1, Some(1), false),
        "continues at b"
    );
    let fresh = replay(&v, &[]);
    assert_eq!((fresh.current, fresh.finished), (Some(0), false));
}

proptest! {
    #[test]
    fn knowledge_scores_stay_in_range(picks in proptest::collection::vec((proptest::collection::vec(0u8..8, 0..6), any::<bool>()), 3)) {
        let m = questions();
        let ids = ["s", "m", "t"];
        let given: HashMap<&str, Answer> = ids.iter().zip(picks).map(|(id, (selected, checked))| (*id, Answer::Choice { selected, checked, attempt: 0 })).collect();
        let score = knowledge_score(m.questions(), |id| given.get(id));
        prop_assert!(score.points >= 0.0 && score.points <= score.max as f64);
        prop_assert!(score.answered <= score.max);
        prop_assert!((0.0..=1.0).contains(&score.share()));
    }

    #[test]
    fn subscale_means_stay_on_the_scale(values in proptest::collection::vec(proptest::option::of(0u8..9), 4)) {
        let l = likert();
        let given: HashMap<String, u8> = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (format!("l.{}", i + 1), v))).collect();
        for s in likert_profile(&l, |id| given.get(id).copied()) {
            if let Some(mean) = s.mean {
                prop_assert!((1.0..=5.0).contains(&mean), "mean {} off the scale", mean);
            }
            prop_assert!(s.answered <= s.total);
        }
    }

    #[test]
    fn shuffled_options_are_always_a_permutation(id in "[a-z-]{1,12}", attempt in 0u32..1000, n in 0usize..9) {
        let mut order = option_order(&id, attempt, n, QuestionKind::Single);
        order.sort_unstable();
        prop_assert_eq!(order, (0..n).collect::<Vec<_>>());
    }
}
