use fantoccini::wd::WindowHandle;

use crate::browser::Browser;

impl Browser {
    /// The handle of the window WebDriver currently drives.
    pub async fn current_window(&self) -> WindowHandle {
        match self.client.window().await {
            Ok(h) => h,
            Err(e) => {
                self.fail(&format!("could not read the current window handle: {e}"))
                    .await
            }
        }
    }

    /// Opens a new window in the same session (same profile, so the same
    /// localStorage), switches to it and returns its handle. The window it
    /// comes from stays open; come back with [`Browser::switch_to`].
    pub async fn open_window(&self) -> WindowHandle {
        let handle = match self.client.new_window(false).await {
            Ok(w) => w.handle,
            Err(e) => {
                self.fail(&format!("could not open a new window: {e}"))
                    .await
            }
        };
        self.switch_to(&handle).await;
        handle
    }

    /// Makes `window` the one WebDriver drives.
    pub async fn switch_to(&self, window: &WindowHandle) {
        if let Err(e) = self.client.switch_to_window(window.clone()).await {
            self.fail(&format!("could not switch to window {window:?}: {e}"))
                .await;
        }
    }
}
