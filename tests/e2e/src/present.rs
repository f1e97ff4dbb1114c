//! Helpers for the presentation mode (`/present/<module>/<n>`): real key
//! presses, waiting for a slide to show and fit, and a fast in-page sweep
//! through many slides that measures each one.
//!
//! "Fits" means what the deck promises: `[data-test=slide-content]` does not
//! overflow (scrollHeight <= clientHeight + 1, scrollWidth <= clientWidth + 1)
//! and its box lies inside the viewport.

use std::time::Instant;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use serde_json::{json, Value};

use crate::browser::Browser;
use crate::wait::TIMEOUT;

/// Defines `__slideFit(frameSelector, withText)`: a measurement of the slide shown in
/// the frame, with `ok` and `problem` (empty when it fits).
const JS_SLIDE_FIT: &str = r#"
const __slideFit = (frameSel, withText) => {
  const frame = document.querySelector(frameSel || '[data-test=deck] [data-test=slide]');
  const counter = document.querySelector('[data-test=counter]');
  const m = {
    slide: frame ? Number(frame.getAttribute('data-slide')) : null,
    counter: counter ? counter.innerText.trim() : null,
    path: location.pathname,
    iw: window.innerWidth, ih: window.innerHeight,
    content: false, ok: false, problem: '',
  };
  if (!frame) { m.problem = 'no slide frame'; return m; }
  const c = frame.querySelector('[data-test=slide-content]');
  if (!c) { m.problem = 'no [data-test=slide-content]'; return m; }
  const r = c.getBoundingClientRect();
  Object.assign(m, {
    content: true,
    sh: c.scrollHeight, ch: c.clientHeight, sw: c.scrollWidth, cw: c.clientWidth,
    left: Math.round(r.left), top: Math.round(r.top),
    right: Math.round(r.right), bottom: Math.round(r.bottom),
    fit: c.style.getPropertyValue('--fit') || '1',
    fontSize: getComputedStyle(c).fontSize,
    question: c.querySelectorAll('[data-test=slide-question]').length,
    revealed: c.querySelectorAll('[data-test=revealed]').length,
    inputs: c.querySelectorAll('input, textarea, select').length,
  });
  if (withText) m.text = c.innerText;
  const problems = [];
  if (m.sh > m.ch + 1) problems.push('scrollHeight ' + m.sh + ' > clientHeight ' + m.ch + ' + 1');
  if (m.sw > m.cw + 1) problems.push('scrollWidth ' + m.sw + ' > clientWidth ' + m.cw + ' + 1');
  if (r.left < -0.5 || r.top < -0.5 || r.right > m.iw + 0.5 || r.bottom > m.ih + 0.5)
    problems.push('content box [' + m.left + ',' + m.top + ' – ' + m.right + ',' + m.bottom
      + '] is not inside the viewport ' + m.iw + 'x' + m.ih);
  if (r.width < 1 || r.height < 1) problems.push('content box is empty (' + r.width + 'x' + r.height + ')');
  m.problem = problems.join('; ');
  m.ok = problems.length === 0;
  return m;
};
"#;

/// The in-page sweep: `arguments = [to, reveal, budgetMs, withText, done]`. Measures
/// the current slide, then presses ArrowRight (a `keydown` on window, which
/// the deck listens to) until slide `to`; on question slides with `reveal`
/// it also presses R and measures the revealed slide. Stops early after
/// `budgetMs` so one call stays under the WebDriver script timeout.
const JS_SWEEP: &str = r#"
const done = arguments[arguments.length - 1];
const [to, reveal, budget, withText] = [arguments[0], arguments[1], arguments[2], arguments[3]];
const fit = () => __slideFit(null, withText);
const started = performance.now();
const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
const key = (k) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
// Waits until the frame says slide `want` (and, unless `revealed` is null,
// the answer is shown or hidden as asked), lets the deck's fit run (it is
// queued in a frame during the render; the deck patches the content element
// in place, so its identity tells nothing), and measures; keeps measuring
// for a little while if it does not fit yet.
const settle = async (want, revealed) => {
  const t0 = performance.now();
  for (;;) {
    let m = fit();
    const here = m.slide === want && m.content && (revealed === null || (m.revealed > 0) === revealed);
    if (here) {
      await frames();
      m = fit();
      if (m.ok || performance.now() - t0 > 800) return m;
    } else if (performance.now() - t0 > 3000) {
      m.ok = false;
      m.problem = 'slide ' + want + (revealed ? ' (revealed)' : '') + ' did not show within 3 s'
        + (m.problem ? '; ' + m.problem : '');
      return m;
    }
    await frames();
  }
};
(async () => {
  const out = [];
  let m = fit();
  let n = m.slide;
  const measureHere = async () => {
    m = await settle(n, null);
    out.push(Object.assign(m, { want: n, revealedStep: false }));
    if (reveal && m.question > 0 && m.revealed === 0) {
      key('r');
      const r = await settle(n, true);
      out.push(Object.assign(r, { want: n, revealedStep: true }));
    }
  };
  await measureHere();
  while (n < to && performance.now() - started < budget) {
    key('ArrowRight');
    n += 1;
    const r = await settle(n, false);
    out.push(Object.assign(r, { want: n, revealedStep: false }));
    if (r.slide !== n) break;
    if (reveal && r.question > 0 && r.revealed === 0) {
      key('r');
      const rr = await settle(n, true);
      out.push(Object.assign(rr, { want: n, revealedStep: true }));
    }
  }
  done(out);
})().catch(e => done([{ ok: false, problem: 'sweep script error: ' + e, slide: null }]));
"#;

impl Browser {
    /// Presses and releases one key through WebDriver (a real key event in
    /// the focused window). `key` is a character or a
    /// [`fantoccini::key::Key`].
    pub async fn press(&self, key: impl Into<char>) {
        let value: char = key.into();
        let actions = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
        if let Err(e) = self.client.perform_actions(actions).await {
            self.fail(&format!("could not press key {value:?}: {e}"))
                .await;
        }
    }

    /// Presses the keys of `text`, one after the other.
    pub async fn press_all(&self, text: &str) {
        for c in text.chars() {
            self.press(c).await;
        }
    }

    /// Waits until the deck's counter reads "n / total"; returns `(n, total)`.
    pub async fn deck_counter(&self) -> (usize, usize) {
        let v = self
            .wait_script(
                "the deck counter `[data-test=counter]` to read \"n / total\"",
                "const c = document.querySelector('[data-test=deck] [data-test=counter]');
                 if (!c) return [false, 'no counter'];
                 const t = c.innerText.trim();
                 const m = /^(\\d+)\\s*\\/\\s*(\\d+)$/.exec(t);
                 return [!!m && Number(m[2]) > 0, m ? [Number(m[1]), Number(m[2])] : 'counter text ' + JSON.stringify(t)];",
                vec![],
            )
            .await;
        (
            v[0].as_u64().unwrap_or(0) as usize,
            v[1].as_u64().unwrap_or(0) as usize,
        )
    }

    /// The current slide's measurement (see the module docs), right now.
    pub async fn slide_fit(&self) -> Value {
        self.js(&format!("{JS_SLIDE_FIT} return __slideFit();"), vec![])
            .await
    }

    /// Waits until the deck shows slide `n` of `total` and it fits: the
    /// frame's `data-slide`, the counter "n / total" and the address
    /// (`…/present/<module>/n`) agree, and the content does not overflow.
    /// Returns the measurement.
    pub async fn wait_deck_slide(&self, module: &str, n: usize, total: usize) -> Value {
        let script = format!(
            "{JS_SLIDE_FIT}
             const m = __slideFit();
             const want = arguments[0], total = arguments[1], path = arguments[2];
             const here = m.slide === want && m.counter === want + ' / ' + total
                 && m.path.endsWith(path);
             return [here && m.content && m.ok, m];"
        );
        self.wait_script(
            &format!(
                "slide {n} of {total} to show (data-slide, counter, address /present/{module}/{n}) and fit"
            ),
            &script,
            vec![json!(n), json!(total), json!(format!("/present/{module}/{n}"))],
        )
        .await
    }

    /// Steps the deck with ArrowRight from its current slide to slide `to`,
    /// measuring every slide in the page (and, with `reveal`, every question
    /// slide once more with its answer revealed). Returns one measurement per
    /// step; `ok` is false and `problem` says why for each slide that does
    /// not fit or did not show.
    pub async fn sweep_deck(&self, to: usize, reveal: bool) -> Vec<Value> {
        self.sweep(to, reveal, false).await
    }

    /// Like [`Browser::sweep_deck`] without revealing, and each measurement
    /// also has the slide's `text` (`innerText` of its content).
    pub async fn sweep_deck_text(&self, to: usize) -> Vec<Value> {
        self.sweep(to, false, true).await
    }

    async fn sweep(&self, to: usize, reveal: bool, with_text: bool) -> Vec<Value> {
        let script = format!("{JS_SLIDE_FIT}\n{JS_SWEEP}");
        let mut all: Vec<Value> = Vec::new();
        let start = Instant::now();
        loop {
            let v = match self
                .client
                .execute_async(
                    &script,
                    vec![json!(to), json!(reveal), json!(6000), json!(with_text)],
                )
                .await
            {
                Ok(v) => v,
                Err(e) => {
                    self.fail(&format!("the slide sweep script failed: {e}"))
                        .await
                }
            };
            let batch = v.as_array().cloned().unwrap_or_default();
            let last = batch.last().cloned().unwrap_or(Value::Null);
            let stuck = batch.len() <= 1
                && all
                    .last()
                    .map(|l| l["slide"] == last["slide"])
                    .unwrap_or(false);
            // The next call measures the slide it starts on again: skip it.
            let skip = usize::from(!all.is_empty() && !batch.is_empty());
            all.extend(batch.into_iter().skip(skip));
            let at = last["slide"].as_u64().unwrap_or(0) as usize;
            let finished = at >= to || last["want"].as_u64() != Some(at as u64);
            if finished || stuck || start.elapsed() > TIMEOUT * 12 {
                break;
            }
        }
        all
    }
}
