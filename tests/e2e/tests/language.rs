//! Switching the content language keeps the learner's answers: ids and
//! option positions are the same in every language of the pack.

use mtd_e2e::{Browser, Viewport};

const QUESTION: &str = "fieldset[data-test=question][data-id=fd-q-rules]";

#[tokio::test]
async fn switching_to_german_keeps_answers_and_is_remembered() {
    let b = Browser::start(Viewport::Desktop).await;

    b.step("answer a question in English");
    b.goto("/m/family-dynamics/rules").await;
    b.wait_visible(QUESTION).await;
    b.click_nth(
        &format!("{QUESTION} label input"),
        0,
        Some(&format!("{QUESTION} label:has(input)")),
    )
    .await;
    b.click(&format!("{QUESTION} button[data-test=check]"))
        .await;
    b.wait_visible(&format!("{QUESTION} [data-test=result]"))
        .await;

    b.step("choose Deutsch in the settings");
    b.goto("/settings").await;
    b.wait_visible("select[data-test=language]").await;
    b.wait_count("select[data-test=language] option[value=de]", 1)
        .await;
    b.js(
        "const s = document.querySelector('select[data-test=language]');
         s.value = 'de';
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    )
    .await;
    b.wait_storage_contains("mtd-learn.language", "de").await;

    b.step("the home page lists the German titles");
    b.goto("/").await;
    b.wait_text(
        "[data-test=module-card][data-module=family-dynamics] h3",
        "Familiendynamik",
    )
    .await;

    b.step("the German section shows the answer given in English");
    b.goto("/m/family-dynamics/rules").await;
    b.wait_text("h1", "Ungeschriebene Regeln").await;
    b.wait_visible(&format!("{QUESTION} [data-test=result]"))
        .await;
    b.wait_script(
        "the German article to carry lang=\"de\"",
        "const a = document.querySelector('article[lang]');
         return [!!a && a.lang === 'de', a ? 'lang=' + a.lang : 'no article[lang]'];",
        vec![],
    )
    .await;
    b.screenshot("section-de").await;

    b.step("after a reload the choice is still German");
    b.refresh().await;
    b.wait_text("h1", "Ungeschriebene Regeln").await;
    let chosen = b.local_storage("mtd-learn.language").await;
    b.check(
        chosen.as_deref() == Some("de"),
        &format!("stored language: {chosen:?}"),
    )
    .await;
    b.close().await;
}
