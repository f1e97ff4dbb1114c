//! Phones and offline (issue #9): one visit makes the whole app and the
//! learner's content language available offline; it installs (manifest,
//! service worker); a new build replaces the old one cleanly after the
//! learner agrees; reading settings apply everywhere.
//!
//! These tests run their own nginx (`Server`) so they can stop it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use mtd_e2e::{dist, Browser, Server, Viewport};
use serde_json::{json, Value};

const Q_PATTERN: &str = "fieldset[data-test=question][data-id=cr-q-pattern]";

/// Waits until a service worker controls the page and the learner's
/// language is cached in full; returns (files, bytes).
async fn wait_offline_ready(b: &Browser) -> (u64, u64) {
    b.wait_js("navigator.serviceWorker && navigator.serviceWorker.controller").await;
    b.goto("/settings").await;
    let v = b
        .wait_script_within(
            "Settings to report the course as available offline",
            Duration::from_secs(20),
            "const p = document.querySelector('[data-test=offline-ready]');
             if (!p) return [false, 'no offline status'];
             const files = Number(p.dataset.files || 0);
             return [files > 0 && p.textContent.includes('Available offline'), [files, Number(p.dataset.bytes || 0), p.textContent]];",
            vec![],
        )
        .await;
    (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0))
}

#[tokio::test]
async fn after_one_visit_the_app_works_with_no_network() {
    let mut server = Server::start_with_sync();
    let b = Browser::start_at(Viewport::Phone, server.url()).await;
    b.goto("/").await;
    b.wait_loaded().await;
    let (files, bytes) = wait_offline_ready(&b).await;
    assert!(files >= 14, "course index and 13 English files cached, got {files}");
    eprintln!("precached content: {files} files, {bytes} bytes");

    b.step("the server goes away and the phone has no network");
    server.stop();
    b.set_offline(true).await;
    b.wait_visible("[data-test=offline-indicator]").await;
    b.refresh().await;
    b.wait_visible("h1").await;
    b.wait_visible("[data-test=offline-indicator]").await;

    b.step("a module never opened before opens from the cache and takes an answer");
    b.goto("/m/childrens-roles/roles").await;
    b.wait_loaded().await;
    b.wait_visible(Q_PATTERN).await;
    b.click_nth(&format!("{Q_PATTERN} label input"), 0, Some(&format!("{Q_PATTERN} label:has(input)"))).await;
    b.click(&format!("{Q_PATTERN} button[data-test=check]")).await;
    b.wait_result(Q_PATTERN).await;
    b.wait_stored("/data/modules/childrens-roles/answers/cr-q-pattern").await;
    b.screenshot("offline-section").await;
    let errors: Vec<String> = b
        .console_log()
        .await
        .into_iter()
        .filter(|l| l.contains("SEVERE") && !l.contains("net::ERR"))
        .collect();
    assert!(errors.is_empty(), "console errors while offline: {errors:?}");

    b.step("back online: the badge goes away");
    b.set_offline(false).await;
    b.wait_script(
        "the offline badge to hide",
        "const e = document.querySelector('[data-test=offline-indicator]');
         return [!!e && e.hidden, e ? String(e.hidden) : 'none'];",
        vec![],
    )
    .await;
    b.close().await;
}

#[tokio::test]
async fn the_app_meets_the_install_criteria() {
    let server = Server::start_with_sync();
    let b = Browser::start_at(Viewport::Phone, server.url()).await;
    b.goto("/").await;
    b.wait_loaded().await;
    b.wait_js("navigator.serviceWorker && navigator.serviceWorker.controller").await;
    let manifest = b.cdp("Page.getAppManifest", json!({})).await;
    let errors = manifest["errors"].as_array().cloned().unwrap_or_default();
    assert!(errors.is_empty(), "manifest errors: {errors:?}");
    let text: Value = serde_json::from_str(manifest["data"].as_str().unwrap_or("{}")).expect("manifest is JSON");
    assert_eq!(text["display"], "standalone");
    assert!(text["name"].as_str().is_some_and(|n| n.contains("Make the Difference")));
    let installability = b.cdp("Page.getInstallabilityErrors", json!({})).await;
    let problems = installability["installabilityErrors"].as_array().cloned().unwrap_or_default();
    assert!(problems.is_empty(), "installability errors: {problems:?}");
    // Every icon the manifest names is a PNG of the size it claims.
    let icons = b
        .js(
            "const m = await (await fetch('manifest.webmanifest')).json();
             const out = [];
             for (const icon of m.icons) {
               const r = await fetch(icon.src);
               const bmp = await createImageBitmap(await r.blob());
               out.push([icon.src, icon.sizes, r.headers.get('content-type'), bmp.width + 'x' + bmp.height]);
             }
             return out;",
            vec![],
        )
        .await;
    for icon in icons.as_array().cloned().unwrap_or_default() {
        assert_eq!(icon[2], "image/png", "{icon}");
        assert_eq!(icon[1], icon[3], "icon size as declared: {icon}");
    }
    b.close().await;
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the build whose index.html carries `<meta name=mtd-build
/// content=marker>`, with its sw.js rewritten by the real post-build hook,
/// as a new release would have. (The hashed files cannot be edited: their
/// `integrity` attributes would refuse them.)
/// Marks index.html and every first-visit preview (preview/**/index.html)
/// of a build copy, as a new build would change them all.
fn mark_pages(dir: &Path, marker: u32) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            mark_pages(&path, marker);
        } else if path.file_name().is_some_and(|n| n == "index.html") {
            let text = std::fs::read_to_string(&path).unwrap().replacen(
                "<head>",
                &format!("<head><meta name=\"mtd-build\" content=\"{marker}\">"),
                1,
            );
            std::fs::write(&path, text).unwrap();
        }
    }
}

fn build_copy(root: &Path, marker: u32) -> PathBuf {
    let copy = root.join(format!("build-{marker}"));
    copy_dir(&dist(), &copy);
    mark_pages(&copy, marker);
    let hook = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/precache.sh");
    let status = std::process::Command::new("bash").arg(hook).arg(&copy).status().unwrap();
    assert!(status.success(), "precache.sh failed on {}", copy.display());
    copy
}

#[tokio::test]
async fn a_new_build_replaces_the_old_one_after_the_learner_agrees() {
    let root = std::env::temp_dir().join(format!("mtd-e2e-builds-{}", std::process::id()));
    let first = build_copy(&root, 1);
    let second = build_copy(&root, 2);
    let live = root.join("live");
    copy_dir(&first, &live);
    let mut server = Server::serving(live.clone());
    let b = Browser::start_at(Viewport::Desktop, server.url()).await;
    let build = "return document.querySelector('meta[name=mtd-build]').content;";
    b.goto("/").await;
    b.wait_loaded().await;
    b.wait_js("navigator.serviceWorker && navigator.serviceWorker.controller").await;
    assert_eq!(b.js(build, vec![]).await, json!("1"));

    b.step("the server gets the new build; the open app finds it");
    server.stop();
    std::fs::remove_dir_all(&live).unwrap();
    copy_dir(&second, &live);
    server.start();
    b.refresh().await;
    b.wait_loaded().await;
    b.step("the old version keeps running until the learner reloads");
    b.wait_visible("[data-test=update-ready]").await;
    assert_eq!(b.js(build, vec![]).await, json!("1"), "no mix: the old version until reload");
    b.screenshot("update-ready").await;
    b.click("[data-test=update-reload]").await;
    b.wait_script(
        "the new build after reload",
        "const m = document.querySelector('meta[name=mtd-build]');
         const v = m ? m.content : 'none';
         return [v === '2' && !document.querySelector('[data-test=update-ready]'), v];",
        vec![],
    )
    .await;
    let caches = b
        .js("return (await caches.keys()).filter(k => k.startsWith('mtd-shell-'));", vec![])
        .await;
    assert_eq!(caches.as_array().map(Vec::len), Some(1), "one shell cache left: {caches}");
    b.close().await;
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
}

/// Every route at 320 and 390 px: no sideways scrolling, and every control
/// outside running text is at least 44 x 44 CSS px.
#[tokio::test]
async fn phone_routes_fit_and_have_large_enough_targets() {
    let routes = [
        "/",
        "/m/family-dynamics",
        "/m/family-dynamics/rules",
        "/m/family-dynamics/apply",
        "/m/seminar-assessment",
        "/assess/seminar-assessment/before",
        "/m/glossary",
        "/m/help",
        "/results",
        "/certificate",
        "/settings",
        "/handout/family-dynamics",
        "/no-such-page",
    ];
    let mut failures = Vec::new();
    for viewport in [Viewport::SmallPhone, Viewport::Phone] {
        let b = Browser::start(viewport).await;
        for route in routes {
            b.step(&format!("{route} at {viewport}"));
            b.goto(route).await;
            b.wait_visible("h1").await;
            b.wait_loaded().await;
            b.assert_no_horizontal_scroll(route).await;
            let small = b
                .js(
                    "const inText = (e) => e.tagName === 'A' && !!e.closest('p, dd, td, blockquote, figcaption, .prose li, .sources li, .term__body, .contact')
                         && !e.classList.contains('button');
                     const box = (e) => {
                       // A link stretched over its card (::after, inset 0) is as big as the card.
                       if (e.tagName === 'A' && getComputedStyle(e, '::after').position === 'absolute' && e.offsetParent)
                         return e.offsetParent.getBoundingClientRect();
                       if (e.matches('input[type=radio], input[type=checkbox]')) return (e.closest('label') || e).getBoundingClientRect();
                       if (e.matches('input.visually-hidden')) return (e.closest('label') || e).getBoundingClientRect();
                       return e.getBoundingClientRect();
                     };
                     return Array.from(document.querySelectorAll('a[href], button, select, textarea, input:not([type=hidden]), summary'))
                       .filter(e => e.getClientRects().length > 0 && !inText(e))
                       .map(e => [e, box(e)])
                       .filter(([e, r]) => r.width < 43.5 || r.height < 43.5)
                       .slice(0, 8)
                       .map(([e, r]) => e.outerHTML.slice(0, 90) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));",
                    vec![],
                )
                .await;
            if !small.as_array().is_some_and(Vec::is_empty) {
                failures.push(format!("{route} at {viewport}: {small}"));
            }
        }
        b.goto("/m/family-dynamics/rules").await;
        b.wait_loaded().await;
        b.screenshot("section").await;
        b.close().await;
    }
    assert!(failures.is_empty(), "targets under 44 x 44 px:\n{}", failures.join("\n"));
}

/// Text size and theme from Settings apply to every page and survive a reload.
#[tokio::test]
async fn reading_settings_apply_everywhere_and_are_kept() {
    let b = Browser::start(Viewport::Phone).await;
    b.goto("/m/family-dynamics/rules").await;
    b.wait_loaded().await;
    let body_px = "return parseFloat(getComputedStyle(document.querySelector('main p')).fontSize);";
    b.wait_visible("main p").await;
    let before = b.js(body_px, vec![]).await.as_f64().unwrap_or(0.0);
    b.goto("/settings").await;
    b.click_nth("input[data-test=text-size]", 3, Some("label:has(input[data-test=text-size])")).await;
    b.click_nth("input[data-test=theme]", 2, Some("label:has(input[data-test=theme])")).await;
    b.wait_js("document.documentElement.dataset.theme === 'dark' && document.documentElement.dataset.textSize === '3'").await;
    b.refresh().await;
    b.wait_js("document.documentElement.dataset.theme === 'dark'").await;
    b.goto("/m/family-dynamics/rules").await;
    b.wait_loaded().await;
    b.wait_visible("main p").await;
    let after = b.js(body_px, vec![]).await.as_f64().unwrap_or(0.0);
    assert!(after >= before * 1.45, "largest text is 150 %: {before} px → {after} px");
    let bg = b.js("return getComputedStyle(document.body).backgroundColor;", vec![]).await;
    assert_eq!(bg, json!("rgb(17, 23, 25)"), "dark background");
    b.assert_no_horizontal_scroll("section at the largest text size").await;
    b.screenshot("section-dark-largest").await;
    b.close().await;
}

/// Home, a section and settings at 320 and 390 px in light and dark, saved
/// as screenshots for people to look at (tests/e2e/screenshots/phone*/).
#[tokio::test]
async fn phone_pages_in_light_and_dark() {
    for viewport in [Viewport::SmallPhone, Viewport::Phone] {
        let b = Browser::start(viewport).await;
        for theme in ["light", "dark"] {
            b.goto("/").await;
            b.js(
                "localStorage.setItem('mtd-learn.reading', JSON.stringify({size: 0, theme: arguments[0]}));",
                vec![json!(theme)],
            )
            .await;
            for (route, name) in [("/", "home"), ("/m/family-dynamics/rules", "section"), ("/settings", "settings")] {
                b.goto(route).await;
                b.wait_visible("h1").await;
                b.wait_loaded().await;
                b.wait_js(&format!("document.documentElement.dataset.theme === '{theme}'")).await;
                b.assert_no_horizontal_scroll(&format!("{route} in {theme}")).await;
                b.screenshot(&format!("{name}-{theme}")).await;
            }
        }
        b.close().await;
    }
}
