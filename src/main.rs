//! Mounts the app. Everything else lives in the library so tests can use it.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(mtd_learn::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("mtd-learn is a web app: build it with `trunk build` (see README.md)");
}
