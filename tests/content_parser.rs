//! The module file parser: every block kind, and the messages for broken files.
#![cfg(not(target_arch = "wasm32"))]

use mtd_learn::content::*;

const FRONT: &str =
    "---\nid: m\ntitle: T\nsummary: S\nobjectives:\n  - O\nsources:\n  - A source\n---\n";

/// A module with the given body, front matter on lines 1-9 (body starts at line 10).
fn module(body: &str) -> Parsed<Module> {
    parse_module("en/m.md", &format!("{FRONT}{body}"))
}

fn messages(parsed: &Parsed<Module>) -> Vec<String> {
    parsed.problems.iter().map(ToString::to_string).collect()
}

fn assert_problem(parsed: &Parsed<Module>, line: usize, fragment: &str) {
    assert!(
        parsed
            .problems
            .iter()
            .any(|p| p.line == line && p.message.contains(fragment)),
        "expected a problem at line {line} containing {fragment:?}, got {:#?}",
        messages(parsed)
    );
}

#[test]
fn front_matter_sections_and_slides() {
    let parsed = module("## One {#one}\n\nFirst.\n\n---\n\nSecond.\n\n## Two {#two}\n\nThird.\n");
    assert!(parsed.problems.is_empty(), "{:#?}", messages(&parsed));
    let m = parsed.value;
    assert_eq!(
        (m.id.as_str(), m.title.as_str(), m.summary.as_str()),
        ("m", "T", "S")
    );
    assert_eq!(m.objectives, vec!["O"]);
    assert_eq!(m.sources.len(), 1);
    assert_eq!(
        m.sections.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["one", "two"]
    );
    assert_eq!(m.sections[0].slides.len(), 2);
    assert_eq!(m.sections[1].slides.len(), 1);
}

#[test]
fn every_example_in_the_format_reference_parses_cleanly() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/content-format.md"
    ))
    .unwrap();
    let mut examples = 0;
    for block in doc.split("```").skip(1).step_by(2) {
        let body = block
            .trim_start_matches(|c: char| c.is_alphanumeric())
            .trim_start_matches('\n');
        if !body.starts_with(":::") {
            continue;
        }
        examples += 1;
        // Elided text ("…") in the docs is fine; everything else must be valid.
        let parsed = module(&format!("## Example {{#example}}\n\nText.\n\n{body}"));
        assert!(
            parsed.problems.is_empty(),
            "example fails:\n{body}\n{:#?}",
            messages(&parsed)
        );
    }
    assert_eq!(examples, 8, "one example per block kind: notes, callout, question, likert, vignette, reflection, term, contact");
}

#[test]
fn question_with_options_and_explanations() {
    let parsed = module(
        "## S {#s}\n\n::: question id=q1 kind=multiple\nPick *two*.\n\n- [x] A\n  > because A\n- [ ] B\n  > not B\n  > at all\n- [X] C\n  > C too\n:::\n",
    );
    assert!(parsed.problems.is_empty(), "{:#?}", messages(&parsed));
    let q = parsed.value.questions().next().expect("a question");
    assert_eq!(q.id, "q1");
    assert_eq!(q.kind, QuestionKind::Multiple);
    assert_eq!(q.correct_options(), vec![0, 2]);
    assert_eq!(plain_text(&q.options[1].explanation), "not B at all");
}

#[test]
fn likert_scale_subscales_and_reverse_items() {
    let parsed = module(
        "## S {#s}\n\n::: likert id=self\nIntro.\n\nscale: No | Maybe | Yes\nsubscale ask: Asking\n- [ask] I ask.\n- [ask, reverse] I avoid asking.\n:::\n",
    );
    assert!(parsed.problems.is_empty(), "{:#?}", messages(&parsed));
    let Some(Block::Likert(l)) = parsed
        .value
        .blocks()
        .find(|b| matches!(b, Block::Likert(_)))
    else {
        panic!("no likert block")
    };
    assert_eq!(l.scale, ["No", "Maybe", "Yes"]);
    assert_eq!(
        l.statements
            .iter()
            .map(|s| (s.id.as_str(), s.reverse))
            .collect::<Vec<_>>(),
        [("self.1", false), ("self.2", true)]
    );
    assert_eq!(l.intro.len(), 1);
}

#[test]
fn vignette_steps_branch_and_end() {
    let parsed = module(
        "## S {#s}\n\n::: vignette id=v title=\"Case\"\nIntro.\n@step a\nWhat now?\n- [+] Go on\n  > good\n- [-] Skip\n  > hm\n  goto: c\n@step b\nMiddle.\n- [~] Next\n  > ok\n@step c\nThe end.\n:::\n",
    );
    assert!(parsed.problems.is_empty(), "{:#?}", messages(&parsed));
    let Some(Block::Vignette(v)) = parsed
        .value
        .blocks()
        .find(|b| matches!(b, Block::Vignette(_)))
    else {
        panic!("no vignette")
    };
    assert_eq!(v.next_step("a", 0).map(|s| s.id.as_str()), Some("b"));
    assert_eq!(v.next_step("a", 1).map(|s| s.id.as_str()), Some("c"));
    assert_eq!(v.next_step("b", 0).map(|s| s.id.as_str()), Some("c"));
    assert!(v.step("c").unwrap().choices.is_empty());
}

#[test]
fn notes_belong_to_their_slide() {
    let parsed = module("## S {#s}\n\nOne.\n\n::: notes minutes=3\nSay one.\n:::\n\n---\n\nTwo.\n");
    assert!(parsed.problems.is_empty(), "{:#?}", messages(&parsed));
    let slides = &parsed.value.sections[0].slides;
    assert_eq!(slides[0].notes.as_ref().and_then(|n| n.minutes), Some(3));
    assert!(slides[1].notes.is_none());
    // Notes are not content: learners never see them in the block stream.
    assert_eq!(parsed.value.blocks().count(), 2);
}

#[test]
fn question_without_correct_option_is_reported_and_left_out() {
    let parsed = module("## S {#s}\n\nText.\n\n::: question id=q kind=single\nWhy?\n- [ ] A\n  > a\n- [ ] B\n  > b\n:::\n\nAfter.\n");
    assert_problem(&parsed, 14, "has no correct option");
    assert!(parsed.value.questions().next().is_none());
    // The rest of the module still shows.
    assert_eq!(parsed.value.sections[0].blocks().count(), 2);
}

#[test]
fn missing_explanation_names_the_option_line() {
    let parsed =
        module("## S {#s}\n\n::: question id=q kind=single\nWhy?\n- [x] A\n  > a\n- [ ] B\n:::\n");
    assert_problem(&parsed, 16, "option 2 of question \"q\" has no explanation");
}

#[test]
fn single_choice_with_two_correct_options() {
    let parsed = module(
        "## S {#s}\n\n::: question id=q kind=single\nWhy?\n- [x] A\n  > a\n- [x] B\n  > b\n:::\n",
    );
    assert_problem(&parsed, 12, "kind=single but has 2 correct options");
}

#[test]
fn unknown_subscale_is_reported_at_the_statement() {
    let parsed = module("## S {#s}\n\n::: likert id=l\nscale: a | b\nsubscale x: X\n- [x] fine\n- [y] unknown\n:::\n");
    assert_problem(&parsed, 16, "subscale \"y\", which is not declared");
}

#[test]
fn goto_to_a_missing_step() {
    let parsed = module("## S {#s}\n\n::: vignette id=v title=T\n@step a\nA.\n- [+] go\n  > fb\n  goto: nowhere\n:::\n");
    assert_problem(&parsed, 17, "goto \"nowhere\" names no step");
}

#[test]
fn unclosed_block_and_unknown_kind() {
    let parsed = module("## S {#s}\n\n::: quiz id=q\n:::\n\n::: reflection id=r\nThink.\n");
    assert_problem(&parsed, 12, "unknown block kind \"quiz\"");
    assert_problem(&parsed, 15, "never closed");
}

#[test]
fn section_without_id_and_text_before_sections() {
    let parsed = module("Loose text.\n\n## Heading\n\nBody.\n");
    assert_problem(&parsed, 10, "text before the first section");
    assert_problem(&parsed, 12, "section \"Heading\" has no id");
}

#[test]
fn duplicate_ids_and_two_notes_on_one_slide() {
    let parsed = module(
        "## S {#s}\n\n::: reflection id=r\nA?\n:::\n\n::: reflection id=r\nB?\n:::\n\n::: notes\nx\n:::\n\n::: notes\ny\n:::\n",
    );
    assert_problem(&parsed, 16, "id \"r\" is used by two blocks");
    assert_problem(&parsed, 24, "already has speaker notes (line 20)");
}

#[test]
fn missing_front_matter_fields() {
    let parsed = parse_module(
        "en/x.md",
        "---\nid: x\ntitle: X\nsources:\n---\n## S {#s}\n\nText.\n",
    );
    let all = messages(&parsed).join("\n");
    assert!(
        all.contains("en/x.md, line 1: the front matter has no summary"),
        "{all}"
    );
    assert!(all.contains("no learning objectives"), "{all}");
    assert!(all.contains("lists no sources"), "{all}");
}

#[test]
fn raw_html_stays_text() {
    let parsed = module("## S {#s}\n\n<script>alert(1)</script>\n");
    let Block::Paragraph(text) = parsed.value.blocks().next().unwrap() else {
        panic!()
    };
    assert_eq!(
        text,
        &vec![Inline::Text("<script>alert(1)</script>".into())]
    );
}

#[test]
fn problems_print_file_line_and_message() {
    let parsed = module("## S {#s}\n\n::: callout tone=loud\nHey.\n:::\n");
    assert_eq!(
        messages(&parsed),
        ["en/m.md, line 12: callout tone \"loud\" is unknown: use info, tip or warning"]
    );
}

#[test]
fn course_index_errors_name_line_and_column() {
    let err = parse_course(
        "{\n  \"title\": {\"en\": \"C\"},\n  \"languages\": [\"en\"]\n  \"modules\": []\n}",
    )
    .unwrap_err();
    assert_eq!((err.file.as_str(), err.line), ("course.json", 4));
    let parsed = parse_course(r#"{"title":{"en":"C"},"languages":["en"],"modules":[{"id":"a","minutes":5,"languages":["de"],"title":{"de":"A"},"summary":{"de":"s"}}]}"#).unwrap();
    assert!(
        parsed
            .problems
            .iter()
            .any(|p| p.message.contains("\"de\", which the course does not list")),
        "{:?}",
        parsed.problems
    );
}

#[test]
fn language_versions_must_share_their_structure() {
    let en = module("## A {#a}\n\nText.\n\n::: notes\nSay.\n:::\n\n::: question id=q kind=single\nQ?\n- [x] Yes\n  > y\n- [ ] No\n  > n\n:::\n").value;
    let same = module("## B {#a}\n\nTexte.\n\n::: notes\nDire.\n:::\n\n::: question id=q kind=single\nQ ?\n- [x] Oui\n  > o\n- [ ] Non\n  > n\n:::\n").value;
    assert!(compare_structure("en/m.md", &en, "de/m.md", &same).is_empty());

    let swapped = module("## B {#a}\n\nTexte.\n\n::: notes\nDire.\n:::\n\n::: question id=q kind=single\nQ ?\n- [ ] Non\n  > n\n- [x] Oui\n  > o\n:::\n").value;
    let problems = compare_structure("en/m.md", &en, "de/m.md", &swapped);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].file.as_str(), problems[0].line),
        ("de/m.md", 18)
    );
    assert!(problems[0]
        .message
        .contains("question \"q\" differs from en/m.md (line 18)"));

    let no_notes = module("## B {#a}\n\nTexte.\n\n::: question id=q kind=single\nQ ?\n- [x] Oui\n  > o\n- [ ] Non\n  > n\n:::\n").value;
    let problems = compare_structure("en/m.md", &en, "de/m.md", &no_notes);
    assert!(
        problems[0]
            .message
            .contains("has no speaker notes here but has them in en/m.md"),
        "{problems:?}"
    );

    let other_sections = module("## B {#b}\n\nTexte.\n").value;
    assert!(
        compare_structure("en/m.md", &en, "de/m.md", &other_sections)[0]
            .message
            .contains("the sections differ")
    );
}

#[test]
fn terms_and_contacts() {
    let parsed = module(
        "## S {#s}\n\n::: term id=fd title=\"Family dynamics\"\nHow a family works.\n:::\n\n::: contact title=\"Centre\" region=\"Town\" phone=\"+49 (0)251 1234\" url=\"https://example.org\"\nOpen daily.\n:::\n",
    );
    assert!(parsed.problems.is_empty(), "{:#?}", messages(&parsed));
    let blocks: Vec<&Block> = parsed.value.blocks().collect();
    assert!(matches!(blocks[0], Block::Term(t) if t.title == "Family dynamics"));
    assert!(
        matches!(blocks[1], Block::Contact(c) if c.phone.as_deref() == Some("+49 (0)251 1234") && c.url.is_some())
    );
}

#[test]
fn a_contact_with_an_unsafe_address_is_reported_and_the_address_dropped() {
    let parsed = module(
        "## S {#s}\n\n::: contact title=\"C\" url=\"javascript:x\" phone=\"call me\"\nText.\n:::\n",
    );
    assert_problem(&parsed, 12, "url \"javascript:x\" must start with https://");
    assert_problem(&parsed, 12, "phone \"call me\" should contain only digits");
    let Some(Block::Contact(c)) = parsed.value.blocks().next() else {
        panic!("contact still shown")
    };
    assert_eq!(c.url, None);
}

#[test]
fn a_module_splits_into_numbered_slides_in_order() {
    let m = module(
        "## One {#one}\n\nA.\n\n---\n\nB.\n\n## Two {#two}\n\nC.\n\n::: notes\nSay C.\n:::\n",
    )
    .value;
    let slides = m.slides();
    assert_eq!(
        slides
            .iter()
            .map(|s| (s.number, s.section.id.as_str(), s.index))
            .collect::<Vec<_>>(),
        [(1, "one", 0), (2, "one", 1), (3, "two", 0)]
    );
    assert!(slides[2].slide.notes.is_some());
    assert_eq!(
        slides[1].slide.blocks,
        vec![Block::Paragraph(vec![Inline::Text("B.".into())])]
    );
}

#[test]
fn every_shipped_module_has_slides_with_content() {
    let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content/en");
    for file in std::fs::read_dir(pack).unwrap() {
        let path = file.unwrap().path();
        let module = parse_module("x", &std::fs::read_to_string(&path).unwrap()).value;
        let slides = module.slides();
        assert!(!slides.is_empty(), "{} has no slides", path.display());
        assert_eq!(
            slides.len(),
            module
                .sections
                .iter()
                .map(|s| s.slides.len())
                .sum::<usize>()
        );
        assert!(
            slides.iter().all(|s| !s.slide.blocks.is_empty()),
            "{}: an empty slide",
            path.display()
        );
    }
}
