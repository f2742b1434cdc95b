//! Running Debian's `chromium` and `firefox-esr` headless against a capture server, for the
//! live-browser tests: a scratch directory, a Firefox profile trusting the test CA, and a
//! browser process whose whole group is killed when the test is done with it.

#![allow(dead_code)] // Each test file uses its own part of it.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use mummer_testkit::{Capture, CaptureServer, TestCa};

pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
pub(crate) const FIREFOX: &str = "/usr/bin/firefox-esr";
pub(crate) const CERTUTIL: &str = "/usr/bin/certutil";
/// The longest a browser gets to make its request; it is killed then, whatever happened.
pub(crate) const BROWSER_TIMEOUT: Duration = Duration::from_secs(30);

/// Chromium's headless command for `url`, with background traffic off and `fp.test` and its
/// subdomains sent to 127.0.0.1.
pub(crate) fn chromium_command(dir: &TempDir, url: &str, extra: &[&str]) -> Command {
    let mut cmd = Command::new(CHROMIUM);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--ignore-certificate-errors",
        "--host-resolver-rules=MAP fp.test 127.0.0.1, MAP *.fp.test 127.0.0.1",
    ])
    .args(extra)
    .arg(format!(
        "--user-data-dir={}",
        dir.path().join("profile").display()
    ))
    .args(["--dump-dom", url]);
    cmd
}

/// Firefox's headless command for `url`, with a fresh profile in `dir` trusting `ca`. Screenshot
/// mode loads the page and exits: a navigation without user activation.
pub(crate) fn firefox_command(dir: &TempDir, ca: &TestCa, url: &str) -> Command {
    let profile = dir.path().join("profile");
    firefox_profile(&profile, ca, dir.path());
    let mut cmd = Command::new(FIREFOX);
    cmd.arg("--headless")
        .arg("--profile")
        .arg(&profile)
        .arg("--no-remote")
        .arg("--screenshot")
        .arg(dir.path().join("screenshot.png"))
        .arg(url);
    cmd
}

/// A fresh Firefox profile in `profile` that trusts `ca` (imported into its NSS database with
/// certutil) and resolves every name to 127.0.0.1, with first-run and background traffic off.
/// Nothing that shapes the ClientHello or the HTTP/2 preface is touched.
pub(crate) fn firefox_profile(profile: &Path, ca: &TestCa, scratch: &Path) {
    std::fs::create_dir_all(profile).expect("create profile dir");
    let db = format!("sql:{}", profile.display());
    let ca_file = scratch.join("ca.pem");
    std::fs::write(&ca_file, ca.ca_pem()).expect("write CA");
    certutil(&["-N", "-d", &db, "--empty-password"]);
    certutil(&[
        "-A",
        "-d",
        &db,
        "-n",
        "mummer test CA",
        "-t",
        "C,,",
        "-i",
        &ca_file.display().to_string(),
    ]);
    let prefs = [
        ("network.dns.forceResolve", "\"127.0.0.1\""),
        ("network.trr.mode", "5"),
        ("network.dns.disablePrefetch", "true"),
        ("network.captive-portal-service.enabled", "false"),
        ("network.connectivity-service.enabled", "false"),
        ("browser.shell.checkDefaultBrowser", "false"),
        ("browser.aboutwelcome.enabled", "false"),
        ("browser.startup.homepage_override.mstone", "\"ignore\""),
        ("datareporting.policy.dataSubmissionEnabled", "false"),
        ("datareporting.healthreport.uploadEnabled", "false"),
        ("toolkit.telemetry.reportingpolicy.firstRun", "false"),
        ("app.update.disabledForTesting", "true"),
        ("app.normandy.enabled", "false"),
        ("browser.safebrowsing.malware.enabled", "false"),
        ("browser.safebrowsing.phishing.enabled", "false"),
        ("browser.safebrowsing.downloads.enabled", "false"),
        ("extensions.update.enabled", "false"),
        ("services.settings.server", "\"https://127.0.0.1:9/\""),
    ];
    let user_js: String = prefs
        .iter()
        .map(|(k, v)| format!("user_pref(\"{k}\", {v});\n"))
        .collect();
    std::fs::write(profile.join("user.js"), user_js).expect("write user.js");
}

fn certutil(args: &[&str]) {
    let out = Command::new(CERTUTIL)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run certutil");
    assert!(
        out.status.success(),
        "certutil {args:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Starts the browser (in its own process group, HOME in `dir`, output to `dir/browser.log`),
/// waits at most [`BROWSER_TIMEOUT`] for a capture that `wanted` accepts, then kills it.
pub(crate) async fn run_browser(
    mut cmd: Command,
    dir: &TempDir,
    server: &CaptureServer,
    wanted: impl Fn(&Capture) -> bool,
) -> Capture {
    let log = dir.path().join("browser.log");
    let out = std::fs::File::create(&log).expect("create log");
    let err = out.try_clone().expect("clone log");
    cmd.env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .process_group(0);
    let name = cmd.get_program().to_string_lossy().into_owned();
    let started = Instant::now();
    let mut child = ChildGuard(Some(cmd.spawn().expect("spawn browser")));
    let mut exited_at = None;
    let capture = loop {
        if let Some(c) = server.captures().into_iter().find(&wanted) {
            break Some(c);
        }
        if started.elapsed() > BROWSER_TIMEOUT {
            break None;
        }
        // A browser that gave up (e.g. on a certificate error) gets a moment for a request
        // still in flight, then the wait ends.
        match (exited_at, child.try_wait()) {
            (None, Some(_)) => exited_at = Some(Instant::now()),
            (Some(t), _) if t.elapsed() > Duration::from_secs(2) => break None,
            _ => {}
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let status = child.try_wait();
    drop(child);
    let Some(capture) = capture else {
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        panic!(
            "{name}: no wanted request within {BROWSER_TIMEOUT:?} (exit: {status:?}; \
             captures: {:?}); browser output:\n{}",
            server
                .captures()
                .iter()
                .map(|c| c.target().unwrap_or("?").to_string())
                .collect::<Vec<_>>(),
            tail.join("\n")
        );
    };
    eprintln!("{name}: request captured after {:?}", started.elapsed());
    capture
}

/// A fresh directory under the system temp dir, removed on drop.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(tag: &str) -> TempDir {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let path =
            std::env::temp_dir().join(format!("mummer-live-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // A process of the killed browser may still be closing files: retry briefly.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&self.0).is_ok() || !self.0.exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        eprintln!("could not remove {}", self.0.display());
    }
}

/// The browser process; on drop its whole process group (renderers, zygote, crash handler) is
/// killed and the browser reaped.
struct ChildGuard(Option<Child>);

impl ChildGuard {
    fn try_wait(&mut self) -> Option<std::process::ExitStatus> {
        self.0.as_mut()?.try_wait().ok().flatten()
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let Some(mut child) = self.0.take() else {
            return;
        };
        // The group was created with the browser (process_group(0)), so its id is the
        // browser's pid; it holds only processes the browser started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = child.kill();
        let _ = child.wait();
    }
}
