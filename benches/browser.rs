//! Progress merge and migration timed inside headless Chromium (wasm, release
//! profile). Run by scripts/bench.sh:
//! `cargo test --release --target wasm32-unknown-unknown --bench browser -- --nocapture`
//! (test mode, so the wasm-bindgen test runner runs it; release for real figures).
//! Prints `name<TAB>value<TAB>unit` lines (medians of 21 runs).
#![cfg(target_arch = "wasm32")]

use mtd_learn::progress::{as_schema_1, decode, synthetic_state};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn median_us(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = now_ms();
            f();
            (now_ms() - start) * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

#[wasm_bindgen_test]
fn progress_in_chromium() {
    let a = synthetic_state(10_000, "device-a", 1);
    let b = synthetic_state(10_000, "device-b", 5);
    let merge = median_us(21, || {
        std::hint::black_box(a.clone().merge(b.clone()));
    });
    let v1 = as_schema_1(&a, "device-a");
    let migrate = median_us(21, || {
        std::hint::black_box(decode(&v1));
    });
    console_log!("bench\tmerge_10k_records_chromium\t{merge:.0}\tus");
    console_log!("bench\tdecode_migrate_10k_records_chromium\t{migrate:.0}\tus");
    assert!(merge > 0.0 && migrate > 0.0, "the clock measured something");
}
