use std::fs;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::failure::truncate;
use crate::http::http;
use crate::wait::{POLL, TIMEOUT};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A chromedriver process in its own process group, with a scratch folder that
/// holds the Chromium profile and the driver's log. Dropping it kills the whole
/// process group (chromedriver and any Chromium it started) and removes the
/// folder.
pub(crate) struct Driver {
    child: Option<Child>,
    pub(crate) port: u16,
    dir: PathBuf,
    /// The WebDriver session, once opened: ended on drop so that chromedriver
    /// quits and reaps Chromium itself.
    pub(crate) session: Option<String>,
}

static DRIVER_COUNT: AtomicUsize = AtomicUsize::new(0);

impl Driver {
    pub(crate) fn start() -> Driver {
        let mut last_err = String::new();
        // A free port can be taken between finding and using it; try again then.
        for _ in 0..3 {
            match Driver::try_start() {
                Ok(d) => return d,
                Err(e) => last_err = e,
            }
        }
        panic!("could not start {CHROMEDRIVER}: {last_err}");
    }

    fn try_start() -> Result<Driver, String> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "mtd-e2e-{}-{}-{}",
            std::process::id(),
            DRIVER_COUNT.fetch_add(1, Ordering::SeqCst),
            nanos
        ));
        for sub in ["profile", "downloads"] {
            fs::create_dir_all(dir.join(sub))
                .map_err(|e| format!("cannot create {}: {e}", dir.join(sub).display()))?;
        }
        let port = free_port()?;
        let log = fs::File::create(dir.join("chromedriver.log"))
            .map_err(|e| format!("cannot create the chromedriver log: {e}"))?;
        let log2 = log
            .try_clone()
            .map_err(|e| format!("cannot clone the log handle: {e}"))?;
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2)
            // Own process group, so that drop can kill Chromium as well.
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot run {CHROMEDRIVER}: {e}"))?;
        let mut driver = Driver {
            child: Some(child),
            port,
            dir,
            session: None,
        };
        driver.wait_ready()?;
        Ok(driver)
    }

    /// Polls `GET /status` until chromedriver says it is ready.
    fn wait_ready(&mut self) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    return Err(format!(
                        "chromedriver on port {} exited with {status} before answering; its log:\n{}",
                        self.port,
                        self.log()
                    ));
                }
            }
            let last = match http(self.port, "GET", "/status", None, Duration::from_secs(2)) {
                Ok(body) => {
                    let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                    if v["value"]["ready"] == json!(true) {
                        return Ok(());
                    }
                    format!("status answer: {}", truncate(&body, 300))
                }
                Err(e) => e,
            };
            if start.elapsed() >= TIMEOUT {
                return Err(format!(
                    "chromedriver on port {} did not answer GET /status with ready=true within {TIMEOUT:?}; last: {last}; its log:\n{}",
                    self.port,
                    self.log()
                ));
            }
            std::thread::sleep(POLL);
        }
    }

    pub(crate) fn log(&self) -> String {
        let text = fs::read_to_string(self.dir.join("chromedriver.log")).unwrap_or_default();
        truncate(&text, 3000)
    }

    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub(crate) fn profile_dir(&self) -> PathBuf {
        self.dir.join("profile")
    }

    /// Where Chromium saves downloads (created by [`Driver::try_start`]).
    pub(crate) fn download_dir(&self) -> PathBuf {
        self.dir.join("downloads")
    }

    /// A folder for files a test writes itself (created on first use).
    pub(crate) fn files_dir(&self) -> PathBuf {
        self.dir.join("files")
    }

    /// Kills the process group, reaps chromedriver and waits (bounded) until no
    /// live process is left in the group. Idempotent.
    fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pgid = child.id();
        // First let chromedriver end the session (Chromium quits and is
        // reaped); the kill below catches whatever is left.
        if let Some(session) = self.session.take() {
            if let Ok(None) = child.try_wait() {
                let _ = http(
                    self.port,
                    "DELETE",
                    &format!("/session/{session}"),
                    None,
                    Duration::from_secs(10),
                );
            }
        }
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{pgid}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = child.kill();
        let _ = child.wait();
        let start = Instant::now();
        while !live_group_members(pgid).is_empty() && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(POLL);
        }
        let left = live_group_members(pgid);
        if !left.is_empty() {
            eprintln!("warning: processes of chromedriver group {pgid} still alive: {left:?}");
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> Result<u16, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot find a free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("cannot read the free port: {e}"))
}

/// Live (not zombie) processes whose process group is `pgid`.
fn live_group_members(pgid: u32) -> Vec<u32> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
        let Some(close) = stat.rfind(')') else {
            continue;
        };
        let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        if fields.len() > 2 && fields[0] != "Z" && fields[0] != "X" && fields[2] == pgid.to_string()
        {
            found.push(pid);
        }
    }
    found
}
