//! Keyboard-only use: Tab and Shift+Tab through the page, what has focus,
//! and whether the focus can be seen.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::browser::Browser;

/// Defines `__focusInfo()`: the focused element described, and whether a
/// focus indicator is drawn (an outline or box-shadow on the element, or
/// on an ancestor through `:focus-within`), and whether it is on screen.
const JS_FOCUS: &str = r#"
const __focusInfo = () => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return { none: true, desc: '(body)' };
  const attr = (n) => e.getAttribute(n);
  const label = e.closest('label');
  const text = ((label && label.innerText) || e.innerText || attr('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 60);
  const desc = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (attr('data-test') ? '[data-test=' + attr('data-test') + ']' : '')
    + (attr('type') ? '[type=' + attr('type') + ']' : '')
    + (attr('value') !== null && e.tagName === 'INPUT' ? '[value=' + attr('value') + ']' : '')
    + (text ? ' "' + text + '"' : '');
  const drawn = (el) => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    return outline ? 'outline ' + s.outlineWidth + ' ' + s.outlineStyle + ' ' + s.outlineColor
      : shadow ? 'box-shadow ' + s.boxShadow : '';
  };
  let ring = e.matches(':focus-visible') ? drawn(e) : '';
  let on = ring ? desc.split(' ')[0] : '';
  for (let a = e.parentElement; !ring && a && a !== document.body; a = a.parentElement) {
    if (a.matches(':focus-within')) {
      const d = drawn(a);
      // Only a ring the ancestor gets from having focus inside counts.
      if (d && d.startsWith('outline')) { ring = d; on = a.tagName.toLowerCase() + (a.className ? '.' + String(a.className).split(' ')[0] : ''); }
    }
  }
  const r = e.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
    && r.top < window.innerHeight && r.left < window.innerWidth;
  return { none: false, desc, visible: e.matches(':focus-visible'), ring, ringOn: on, onScreen,
    rect: [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)] };
};
"#;

impl Browser {
    /// Presses Tab once.
    pub async fn tab(&self) {
        self.press(Key::Tab).await;
    }

    /// Presses Shift+Tab once.
    pub async fn shift_tab(&self) {
        let (shift, tab): (char, char) = (Key::Shift.into(), Key::Tab.into());
        let actions = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value: shift })
            .then(KeyAction::Down { value: tab })
            .then(KeyAction::Up { value: tab })
            .then(KeyAction::Up { value: shift });
        if let Err(e) = self.client.perform_actions(actions).await {
            self.fail(&format!("could not press Shift+Tab: {e}")).await;
        }
    }

    /// The focused element as `{ none, desc, visible, ring, ringOn, onScreen, rect }`.
    pub async fn focus_info(&self) -> Value {
        self.js(&format!("{JS_FOCUS} return __focusInfo();"), vec![])
            .await
    }

    /// Waits until the focused element matches `selector`; returns its
    /// description.
    pub async fn wait_focus(&self, selector: &str) -> String {
        let v = self
            .wait_script(
                &format!("the focus to be on `{selector}`"),
                &format!(
                    "{JS_FOCUS}
                     const i = __focusInfo();
                     const e = document.activeElement;
                     return [!!e && e.matches(arguments[0]), i.desc];"
                ),
                vec![json!(selector)],
            )
            .await;
        v.as_str().unwrap_or_default().to_string()
    }

    /// Presses Tab (or Shift+Tab with `back`) until the focused element
    /// matches `selector`, at most `max` times; returns the descriptions of
    /// every element focused on the way (the focus order), the target last.
    /// Fails if the target is not reached or the focus stops moving.
    pub async fn tab_to(&self, selector: &str, max: usize, back: bool) -> Vec<String> {
        let mut order = Vec::new();
        for _ in 0..max {
            if back {
                self.shift_tab().await;
            } else {
                self.tab().await;
            }
            let v = self
                .js(
                    &format!(
                        "{JS_FOCUS}
                         const e = document.activeElement;
                         return [!!e && e !== document.body && e.matches(arguments[0]), __focusInfo().desc];"
                    ),
                    vec![json!(selector)],
                )
                .await;
            order.push(v[1].as_str().unwrap_or_default().to_string());
            if v[0] == json!(true) {
                return order;
            }
        }
        self.fail(&format!(
            "{} {max} times without reaching `{selector}`; focus went through:\n    {}",
            if back {
                "pressed Shift+Tab"
            } else {
                "pressed Tab"
            },
            order.join("\n    ")
        ))
        .await
    }

    /// Fails unless the focused element shows a focus indicator (outline or
    /// box-shadow while `:focus-visible`, or an outline on a `:focus-within`
    /// ancestor) and lies on screen. Returns the indicator's description.
    pub async fn assert_focus_visible(&self, what: &str) -> String {
        let i = self.focus_info().await;
        let ok = i["none"] == json!(false)
            && !i["ring"].as_str().unwrap_or_default().is_empty()
            && i["onScreen"] == json!(true);
        self.check(
            ok,
            &format!("{what}: the focused element has no visible focus indicator on screen: {i}"),
        )
        .await;
        format!(
            "{} ({} on {})",
            i["desc"].as_str().unwrap_or_default(),
            i["ring"].as_str().unwrap_or_default(),
            i["ringOn"].as_str().unwrap_or_default()
        )
    }
}
