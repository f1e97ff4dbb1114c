//! A server of the tests' own: the release build with the sync backend
//! (deploy/nginx-sync.conf), started through the README's serve command so
//! the tests exercise the same nginx rules. Unlike the shared server of
//! `scripts/test.sh`, a test can stop and restart it.

use std::fs;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::http::http;

pub struct Server {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
    dist: PathBuf,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The build folder: `MTD_DIST`, set by scripts/test.sh.
pub fn dist() -> PathBuf {
    match std::env::var("MTD_DIST") {
        Ok(v) if !v.trim().is_empty() => PathBuf::from(v.trim()),
        _ => panic!("MTD_DIST is not set: run scripts/test.sh, which builds the release into dist/"),
    }
}

impl Server {
    /// Serves the build with an empty sync folder on a free port.
    pub fn start_with_sync() -> Server {
        Server::serving(dist())
    }

    /// Serves `dist` (for example a modified copy of the build) the same way.
    pub fn serving(dist: PathBuf) -> Server {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("mtd-e2e-sync-{}-{nanos}", std::process::id()));
        fs::create_dir_all(dir.join("data")).expect("create the sync test folder");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let mut server = Server {
            child: None,
            port,
            dir,
            dist,
        };
        server.start();
        server
    }

    /// Starts (again) on the same port with the same files.
    pub fn start(&mut self) {
        assert!(self.child.is_none(), "the sync test server is already running");
        let child = Command::new("bash")
            .arg(repo_root().join("scripts/serve.sh"))
            .args(["--no-build", "--sync"])
            .env("PORT", self.port.to_string())
            .env("MTD_DIST", &self.dist)
            .env("MTD_SYNC_DIR", self.dir.join("data"))
            .env("MTD_NGINX_ACCESS_LOG", self.access_log_path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(self.dir.join("serve.err")).expect("log file"))
            .process_group(0)
            .spawn()
            .expect("run scripts/serve.sh");
        self.child = Some(child);
        let start = Instant::now();
        loop {
            if http(self.port, "GET", "/", None, Duration::from_secs(2)).is_ok() {
                return;
            }
            let exited = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten());
            if exited.is_some() || start.elapsed() > Duration::from_secs(30) {
                let err = fs::read_to_string(self.dir.join("serve.err")).unwrap_or_default();
                panic!("the sync test server did not start on port {}: {err}", self.port);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops nginx (the app in open tabs keeps running without a server).
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else { return };
        let pgid = child.id();
        // serve.sh stops nginx on TERM (its EXIT trap).
        let _ = Command::new("kill").args(["-TERM", &pgid.to_string()]).status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{pgid}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = child.wait();
        // The port must be free before a restart.
        let start = Instant::now();
        while http(self.port, "GET", "/", None, Duration::from_millis(300)).is_ok()
            && start.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn access_log_path(&self) -> PathBuf {
        self.dir.join("access.log")
    }

    /// Every request line nginx logged so far (across restarts).
    pub fn requests(&self) -> Vec<String> {
        fs::read_to_string(self.access_log_path())
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split('"').nth(1).map(str::to_owned))
            .collect()
    }

    /// Every request line nginx logged so far with the response status.
    pub fn responses(&self) -> Vec<(String, u16)> {
        fs::read_to_string(self.access_log_path())
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let mut parts = l.split('"');
                let request = parts.nth(1)?.to_owned();
                let status = parts.next()?.split_whitespace().next()?.parse().ok()?;
                Some((request, status))
            })
            .collect()
    }

    /// The files the sync backend holds, with their bytes.
    pub fn sync_files(&self) -> Vec<(String, Vec<u8>)> {
        let folder = self.dir.join("data/sync");
        let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(&folder)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.path().is_file())
                    .map(|e| {
                        (
                            e.file_name().to_string_lossy().into_owned(),
                            fs::read(e.path()).unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    }
}

impl Server {
    /// The sync backend's folder on disk (`…/sync/`); live sessions are
    /// in `live/<code>/` below it.
    pub fn sync_dir(&self) -> PathBuf {
        self.dir.join("data/sync")
    }

    /// The files of a live session's folder (`live/<folder>/`), with their
    /// text; `None` when the folder does not exist.
    pub fn live_files(&self, folder: &str) -> Option<Vec<(String, String)>> {
        let entries = fs::read_dir(self.sync_dir().join("live").join(folder)).ok()?;
        let mut files: Vec<(String, String)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read_to_string(e.path()).unwrap_or_default(),
                )
            })
            .collect();
        files.sort();
        Some(files)
    }

    /// Replaces a file of a live session, as a broken or hostile writer would.
    pub fn write_live_file(&self, folder: &str, name: &str, bytes: &[u8]) {
        let dir = self.sync_dir().join("live").join(folder);
        fs::create_dir_all(&dir).expect("create the live folder");
        fs::write(dir.join(name), bytes).expect("write the live file");
    }

    /// Replaces a file in the sync folder, as a hostile or broken server
    /// would.
    pub fn write_sync_file(&self, name: &str, bytes: &[u8]) {
        fs::write(self.dir.join("data/sync").join(name), bytes).expect("write the sync file");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
        let _ = fs::remove_dir_all(&self.dir);
    }
}
