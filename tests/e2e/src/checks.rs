//! Checks several test files make on the app's pages.

use serde_json::json;

use crate::browser::Browser;

impl Browser {
    /// Waits until `question` (a selector) shows a visible, non-empty
    /// `[data-test=result]`; returns its text, trimmed.
    pub async fn wait_result(&self, question: &str) -> String {
        let sel = format!("{question} [data-test=result]");
        let v = self
            .wait_script(
                &format!("a visible, non-empty `{sel}`"),
                "const r = document.querySelector(arguments[0]);
                 if (!r) return [false, 'no result'];
                 const t = r.innerText.trim();
                 return [r.getClientRects().length > 0 && t.length > 0, t];",
                vec![json!(sel)],
            )
            .await;
        v.as_str().unwrap_or_default().trim().to_string()
    }

    /// Waits until no loading indicator is visible.
    pub async fn wait_loaded(&self) {
        self.wait_script(
            "the loading indicator `[data-test=loading]` to go away",
            "const l = Array.from(document.querySelectorAll('[data-test=loading]'))
                 .filter(e => e.getClientRects().length > 0);
             return [l.length === 0, l.length + ' loading indicator(s) shown'];",
            vec![],
        )
        .await;
    }

    /// Fails if the page scrolls sideways, naming the widest elements.
    pub async fn assert_no_horizontal_scroll(&self, what: &str) {
        let v = self
            .js(
                "const w = window.innerWidth;
                 const sw = document.documentElement.scrollWidth;
                 const wide = Array.from(document.querySelectorAll('body *'))
                     .filter(e => e.getBoundingClientRect().right > w + 0.5)
                     .slice(0, 5)
                     .map(e => e.tagName.toLowerCase()
                         + (e.id ? '#' + e.id : '')
                         + (e.getAttribute('data-test') ? '[data-test=' + e.getAttribute('data-test') + ']' : '')
                         + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                         + ' right=' + Math.round(e.getBoundingClientRect().right));
                 return [sw, w, wide];",
                vec![],
            )
            .await;
        let (sw, w) = (v[0].as_i64().unwrap_or(-1), v[1].as_i64().unwrap_or(-1));
        self.check(
            sw >= 0 && w > 0 && sw <= w,
            &format!("{what}: the page scrolls sideways (scrollWidth {sw} > innerWidth {w}); widest elements: {}", v[2]),
        )
        .await;
    }

    /// Fails if anything on the page has shifted since it was loaded without
    /// the user causing it (the layout-shift entries Chromium buffered since
    /// navigation, the same ones Lighthouse sums into CLS), naming the nodes.
    pub async fn assert_no_layout_shift(&self, what: &str) {
        let v = self
            .js(
                "const o = new PerformanceObserver(() => {});
                 o.observe({ type: 'layout-shift', buffered: true });
                 const shifts = o.takeRecords().filter(e => !e.hadRecentInput);
                 o.disconnect();
                 const name = n => !n ? '?' : n.nodeName.toLowerCase()
                     + (n.id ? '#' + n.id : '')
                     + (typeof n.className === 'string' && n.className ? '.' + n.className.trim().split(/\\s+/).join('.') : '');
                 return [shifts.reduce((a, e) => a + e.value, 0),
                         shifts.map(e => e.value.toFixed(3) + ' at ' + Math.round(e.startTime) + ' ms: '
                             + e.sources.map(s => name(s.node)).join(', '))];",
                vec![],
            )
            .await;
        let total = v[0].as_f64().unwrap_or(f64::NAN);
        self.check(
            total == 0.0,
            &format!("{what}: the layout shifted by {total} (CLS units) while loading: {}", v[1]),
        )
        .await;
    }
}
