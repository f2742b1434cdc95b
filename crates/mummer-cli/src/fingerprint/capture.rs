//! `mummer fingerprint capture`: runs a real client against the capture server and writes the
//! profile that reproduces it.
//!
//! With `--browser chromium|firefox` the locally installed browser is started headless, in a
//! fresh profile directory each time, first `--connections` times per protocol (HTTP/2, then
//! HTTP/1.1 with HTTP/2 switched off) on one URL, exiting after the load (Chromium
//! `--dump-dom`, Firefox `--screenshot`: a navigation as when a URL is given on the command
//! line), then once per protocol through the capture server's `/page/` chain (cookies, a
//! Referer, a multipart form navigation), which places the headers a first navigation does not
//! send. With `--command CMD` any other client is run instead (`sh -c`), `--connections` times
//! per protocol, with `{url}`, `{http}` (`2` or `1.1`) and `{ca}` (the CA certificate file)
//! replaced in CMD and set as `MUMMER_CAPTURE_URL`, `MUMMER_CAPTURE_HTTP` and
//! `MUMMER_CAPTURE_CA`.
//!
//! The profile is derived as `derive` describes, validated, and written as TOML with comments
//! saying which fields were seen to be randomised and what could not be reproduced.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::{Args, ValueEnum};
use mummer_testkit::{Capture, CaptureServer, TestCa};

use super::derive::{Meta, Observed, Role, derive};

/// The page host, and the same-site cross-origin host the `/page/` chain ends on.
const HOST: &str = "fp.test";
const CROSS_HOST: &str = "cross.fp.test";
/// The longest one browser run may take; the browser is killed then, whatever happened.
const RUN_TIMEOUT: Duration = Duration::from_secs(40);
/// The query parameter marking entry navigations.
const ENTRY_TAG: &str = "mummer-capture=entry";

/// Options of `mummer fingerprint capture`.
#[derive(Args, Debug)]
pub(crate) struct CaptureArgs {
    /// The locally installed browser to capture, run headless.
    #[arg(
        long,
        value_enum,
        required_unless_present = "command",
        conflicts_with = "command"
    )]
    browser: Option<Browser>,
    /// The browser's executable (default /usr/bin/chromium or /usr/bin/firefox-esr).
    #[arg(long, value_name = "PATH", requires = "browser")]
    binary: Option<PathBuf>,
    /// Capture another client: a shell command run once per connection, with {url}, {http}
    /// (2 or 1.1) and {ca} replaced by shell-quoted values (also set as
    /// MUMMER_CAPTURE_URL/_HTTP/_CA).
    #[arg(long, value_name = "CMD")]
    command: Option<String>,
    /// Profile name (default from the browser: chrome_156, firefox_esr_153, ...).
    #[arg(long)]
    name: Option<String>,
    /// Browser family written to the profile (default chrome for chromium, firefox for
    /// firefox; required with --command).
    #[arg(long)]
    family: Option<String>,
    /// Browser version written to the profile (default from `--version`; required with
    /// --command).
    #[arg(long = "browser-version", value_name = "VERSION")]
    version: Option<String>,
    /// An alias to write (repeatable).
    #[arg(long = "alias", value_name = "NAME")]
    aliases: Vec<String>,
    /// The profile's `source` (default: what was captured, and how).
    #[arg(long)]
    source: Option<String>,
    /// Entry navigations per protocol; each is a fresh browser (or command) and connection.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    connections: u32,
    /// A shipped profile that places what the capture cannot show (Cookie, Referer, Origin,
    /// Content-* and Cache-Control positions, multipart boundary style, cookie splitting).
    #[arg(long, value_name = "PROFILE")]
    base: Option<String>,
    /// Print every wire field in which the result differs from this shipped profile.
    #[arg(long, value_name = "PROFILE")]
    compare: Option<String>,
    /// Where to write the TOML (default NAME.toml; `-` for standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Browser {
    Chromium,
    Firefox,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Protocol {
    H2,
    H1,
}

impl Protocol {
    fn tag(self) -> &'static str {
        match self {
            Protocol::H2 => "h2",
            Protocol::H1 => "h1",
        }
    }
}

const PROTOCOLS: [Protocol; 2] = [Protocol::H2, Protocol::H1];

pub(crate) async fn run(args: CaptureArgs) -> ExitCode {
    match capture(&args).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mummer fingerprint capture: {e}");
            ExitCode::from(1)
        }
    }
}

/// What the client is, as written to the profile.
struct Client {
    /// `--version` output, or the command.
    description: String,
    family: String,
    version: String,
    default_name: String,
}

fn describe(args: &CaptureArgs) -> Result<Client, String> {
    if let Some(command) = &args.command {
        let family = args
            .family
            .clone()
            .ok_or("--family is required with --command")?;
        let version = args
            .version
            .clone()
            .ok_or("--browser-version is required with --command")?;
        return Ok(Client {
            description: format!("`{command}`"),
            default_name: format!("{family}_{}", version.replace('.', "_")),
            family,
            version,
        });
    }
    let browser = args.browser.ok_or("--browser or --command is required")?;
    let binary = binary(args, browser);
    if !binary.exists() {
        return Err(format!("{} is not installed", binary.display()));
    }
    let dir = TempDir::new("version")?;
    let out = Command::new(&binary)
        .arg("--version")
        .env("HOME", dir.path())
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {} --version: {e}", binary.display()))?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    // "Chromium 156.0.8078.114 built on Debian ...", "Mozilla Firefox 153.8.0esr".
    let full = text
        .split_whitespace()
        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .ok_or_else(|| format!("no version in {text:?}"))?;
    let major = full.split('.').next().unwrap_or(full).to_string();
    let esr = full.ends_with("esr");
    let (family, version, default_name) = match browser {
        Browser::Chromium => ("chrome", major.clone(), format!("chrome_{major}")),
        Browser::Firefox if esr => (
            "firefox",
            format!("{major}esr"),
            format!("firefox_esr_{major}"),
        ),
        Browser::Firefox => ("firefox", major.clone(), format!("firefox_{major}")),
    };
    Ok(Client {
        description: text,
        family: args.family.clone().unwrap_or_else(|| family.into()),
        version: args.version.clone().unwrap_or(version),
        default_name,
    })
}

fn binary(args: &CaptureArgs, browser: Browser) -> PathBuf {
    args.binary.clone().unwrap_or_else(|| {
        PathBuf::from(match browser {
            Browser::Chromium => "/usr/bin/chromium",
            Browser::Firefox => "/usr/bin/firefox-esr",
        })
    })
}

async fn capture(args: &CaptureArgs) -> Result<ExitCode, String> {
    let client = describe(args)?;
    let base = match &args.base {
        Some(name) => Some(mummer_profile::get(name).map_err(|e| e.to_string())?),
        None => None,
    };
    let compare = match &args.compare {
        Some(name) => Some(mummer_profile::get(name).map_err(|e| e.to_string())?),
        None => None,
    };
    let ca = TestCa::new();
    let server = CaptureServer::start_on(
        std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        ca.issue(&[HOST, CROSS_HOST, "localhost"]),
    )
    .await
    .map_err(|e| format!("cannot start the capture server: {e}"))?;
    let scratch = TempDir::new("capture")?;
    let ca_file = scratch.path().join("ca.pem");
    std::fs::write(&ca_file, ca.ca_pem()).map_err(|e| format!("cannot write the CA: {e}"))?;

    let mut observed = Vec::new();
    let started = Instant::now();
    for protocol in PROTOCOLS {
        for i in 0..args.connections {
            let run = format!("{}-{i}", protocol.tag());
            let captures = match (args.browser, &args.command) {
                (_, Some(cmd)) => run_command(cmd, &server, protocol, &run, &ca_file).await?,
                (Some(b), None) => {
                    run_browser(args, b, &server, &ca, protocol, Run::Entry(&run)).await?
                }
                (None, None) => unreachable!("checked by describe"),
            };
            observed.extend(captures.into_iter().map(|c| {
                let role = if c.target().is_some_and(|t| t.contains(ENTRY_TAG)) {
                    Role::Entry
                } else {
                    Role::ConnectionOnly
                };
                Observed { capture: c, role }
            }));
        }
        if let Some(b) = args.browser {
            let captures = run_browser(args, b, &server, &ca, protocol, Run::Chain).await?;
            observed.extend(captures.into_iter().map(|c| {
                let path = c.target().unwrap_or_default().to_string();
                let role = match path.split('?').next().unwrap_or_default() {
                    "/page/next" | "/page/form-submit" | "/page/cross" => Role::Subsequent,
                    _ => Role::ConnectionOnly,
                };
                Observed { capture: c, role }
            }));
        }
    }
    let connections = {
        let mut randoms: Vec<[u8; 32]> = observed
            .iter()
            .filter_map(|o| o.capture.client_hello.as_ref().map(|h| h.random))
            .collect();
        randoms.sort_unstable();
        randoms.dedup();
        randoms.len()
    };
    eprintln!(
        "captured {} requests over {connections} TLS connections in {:.1?}",
        observed.len(),
        started.elapsed()
    );
    let name = args.name.clone().unwrap_or(client.default_name.clone());
    let how = match args.browser {
        Some(_) => format!("{} headless", client.description),
        None => client.description.clone(),
    };
    let meta = Meta {
        name: name.clone(),
        browser: client.family.clone(),
        version: client.version.clone(),
        aliases: args.aliases.clone(),
        source: args.source.clone().unwrap_or_else(|| {
            format!("capture: {how}, {connections} connections (mummer fingerprint capture)")
        }),
        checked: today(),
    };
    let mut derived = derive(&observed, meta, base)?;
    let mut header = vec![
        format!("Written by `mummer fingerprint capture` from {how}:"),
        format!(
            "{connections} TLS connections, {} requests, HTTP/2 and HTTP/1.1, on {}.",
            observed.len(),
            today()
        ),
    ];
    if !derived.warnings.is_empty() {
        header.push("Not reproduced or uncertain:".into());
        header.extend(derived.warnings.iter().map(|w| format!("- {w}")));
    }
    derived.notes.header = header;
    for w in &derived.warnings {
        eprintln!("warning: {w}");
    }
    let text = derived.profile.to_toml_with_notes(&derived.notes);
    // What is written must load as a shipped profile would.
    mummer_profile::Profile::from_toml(&name, &text)
        .map_err(|e| format!("the derived profile does not load back: {e}"))?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{name}.toml")));
    if output == Path::new("-") {
        print!("{text}");
    } else {
        let partial = output.with_extension("toml.partial");
        std::fs::write(&partial, &text)
            .and_then(|()| std::fs::rename(&partial, &output))
            .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
        eprintln!("wrote {}", output.display());
    }
    if let Some(other) = compare {
        let diffs = mummer_profile::wire_differences(other, &derived.profile);
        if diffs.is_empty() {
            eprintln!(
                "same as {} in every field that goes on the wire",
                other.name
            );
        } else {
            eprintln!(
                "differs from {} in {} field(s) ({} | captured):",
                other.name,
                diffs.len(),
                other.name
            );
            for d in &diffs {
                eprintln!("  {d}");
            }
            return Ok(ExitCode::from(3));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the command once against the capture server and returns what it sent.
async fn run_command(
    cmd: &str,
    server: &CaptureServer,
    protocol: Protocol,
    run: &str,
    ca_file: &Path,
) -> Result<Vec<Capture>, String> {
    server.clear();
    let url = format!("https://localhost:{}/?{ENTRY_TAG}&run={run}", server.port());
    let http = match protocol {
        Protocol::H2 => "2",
        Protocol::H1 => "1.1",
    };
    let ca = ca_file.display().to_string();
    let line = cmd
        .replace("{url}", &shell_quote(&url))
        .replace("{http}", http)
        .replace("{ca}", &shell_quote(&ca));
    let mut child = ChildGuard(Some(
        Command::new("sh")
            .arg("-c")
            .arg(&line)
            .env("MUMMER_CAPTURE_URL", &url)
            .env("MUMMER_CAPTURE_HTTP", http)
            .env("MUMMER_CAPTURE_CA", &ca)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot run {line:?}: {e}"))?,
    ));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait() {
            break status;
        }
        if started.elapsed() > RUN_TIMEOUT {
            return Err(format!("{line:?} did not finish within {RUN_TIMEOUT:?}"));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    if !status.success() {
        return Err(format!("{line:?} exited with {status}"));
    }
    let captures = server.captures();
    if !captures
        .iter()
        .any(|c| c.target().is_some_and(|t| t.contains(ENTRY_TAG)))
    {
        return Err(format!("{line:?} made no request to {url}"));
    }
    Ok(captures)
}

/// `text` as one shell word.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

enum Run<'a> {
    /// One navigation to a tagged URL, the browser exiting after the load.
    Entry(&'a str),
    /// The `/page/` chain, from `/page/cookies` to `/page/cross`.
    Chain,
}

async fn run_browser(
    args: &CaptureArgs,
    browser: Browser,
    server: &CaptureServer,
    ca: &TestCa,
    protocol: Protocol,
    run: Run<'_>,
) -> Result<Vec<Capture>, String> {
    server.clear();
    let port = server.port();
    let (url, done): (String, fn(&Capture) -> bool) = match run {
        Run::Entry(tag) => (
            format!("https://{HOST}:{port}/?{ENTRY_TAG}&run={tag}"),
            |c| c.target().is_some_and(|t| t.contains(ENTRY_TAG)),
        ),
        Run::Chain => (
            format!("https://{HOST}:{port}/page/cookies?run={}", protocol.tag()),
            |c| c.target().is_some_and(|t| t.starts_with("/page/cross")),
        ),
    };
    let entry = matches!(run, Run::Entry(_));
    let dir = TempDir::new(&format!("{browser:?}"))?;
    let program = binary(args, browser);
    let mut cmd = Command::new(&program);
    match browser {
        Browser::Chromium => {
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
            ])
            .arg(format!(
                "--host-resolver-rules=MAP {HOST} 127.0.0.1, MAP {CROSS_HOST} 127.0.0.1"
            ))
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ));
            if protocol == Protocol::H1 {
                cmd.arg("--disable-http2");
            }
            if entry {
                cmd.arg("--dump-dom");
            }
            cmd.arg(&url);
        }
        Browser::Firefox => {
            let profile = dir.path().join("profile");
            firefox_profile(&profile, ca, dir.path(), protocol)?;
            cmd.arg("--headless")
                .arg("--profile")
                .arg(&profile)
                .arg("--no-remote");
            if entry {
                // Screenshot mode loads the page and exits: a navigation without user
                // activation (no Sec-Fetch-User), as the stored ESR 153 capture.
                cmd.arg("--screenshot").arg(dir.path().join("shot.png"));
            }
            cmd.arg(&url);
        }
    }
    let log = dir.path().join("browser.log");
    let out = std::fs::File::create(&log).map_err(|e| format!("cannot create a log: {e}"))?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    cmd.env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .process_group(0);
    let started = Instant::now();
    let mut child = ChildGuard(Some(
        cmd.spawn()
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?,
    ));
    let mut seen_at = None;
    let outcome = loop {
        let found = server.captures().iter().any(done);
        if found && seen_at.is_none() {
            seen_at = Some(Instant::now());
        }
        // After the request that ends the run, a moment for what the browser still sends on
        // its own (or for it to exit).
        if let Some(t) = seen_at
            && (child.try_wait().is_some() || t.elapsed() > Duration::from_millis(500))
        {
            break Ok(());
        }
        if started.elapsed() > RUN_TIMEOUT {
            break Err("timed out");
        }
        if !found && child.try_wait().is_some() {
            break Err("browser exited");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    drop(child);
    let captures = server.captures();
    if let Err(why) = outcome {
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "{browser:?} {protocol:?}: {why} after {:.1?} waiting for {url} (requests: {:?}); \
             browser output:\n{}",
            started.elapsed(),
            captures.iter().map(Capture::target).collect::<Vec<_>>(),
            tail.join("\n")
        ));
    }
    eprintln!(
        "{browser:?} {protocol:?} {}: {} requests in {:.1?}",
        if entry { "navigation" } else { "page chain" },
        captures.len(),
        started.elapsed()
    );
    Ok(captures)
}

/// A fresh Firefox profile trusting `ca` (with certutil), resolving every name to 127.0.0.1,
/// first-run and background traffic off, HTTP/2 off for [`Protocol::H1`]. Nothing that shapes
/// the ClientHello or the HTTP/2 preface is touched.
fn firefox_profile(
    profile: &Path,
    ca: &TestCa,
    scratch: &Path,
    protocol: Protocol,
) -> Result<(), String> {
    const CERTUTIL: &str = "/usr/bin/certutil";
    if !Path::new(CERTUTIL).exists() {
        return Err(
            "certutil (libnss3-tools) is needed to make Firefox trust the capture \
                    server's CA"
                .into(),
        );
    }
    std::fs::create_dir_all(profile).map_err(|e| e.to_string())?;
    let db = format!("sql:{}", profile.display());
    let ca_file = scratch.join("ca.pem");
    std::fs::write(&ca_file, ca.ca_pem()).map_err(|e| e.to_string())?;
    let ca_path = ca_file.display().to_string();
    for certutil_args in [
        vec!["-N", "-d", &db, "--empty-password"],
        vec![
            "-A",
            "-d",
            &db,
            "-n",
            "mummer capture CA",
            "-t",
            "C,,",
            "-i",
            &ca_path,
        ],
    ] {
        let out = Command::new(CERTUTIL)
            .args(&certutil_args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("certutil: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "certutil {certutil_args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    let mut prefs = vec![
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
    if protocol == Protocol::H1 {
        prefs.push(("network.http.http2.enabled", "false"));
    }
    let user_js: String = prefs
        .iter()
        .map(|(k, v)| format!("user_pref(\"{k}\", {v});\n"))
        .collect();
    std::fs::write(profile.join("user.js"), user_js).map_err(|e| e.to_string())
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Result<TempDir, String> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let path = std::env::temp_dir().join(format!(
            "mummer-capture-{tag}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        Ok(TempDir(path))
    }

    fn path(&self) -> &Path {
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
    }
}

/// The browser process; on drop its process group (renderers, zygote, crash handler: started
/// by the browser, which leads the group) is killed and the browser reaped.
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
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = child.kill();
        let _ = child.wait();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shell_words() {
        assert_eq!(super::shell_quote("a&b"), "'a&b'");
        assert_eq!(super::shell_quote("it's"), "'it'\\''s'");
    }

    #[test]
    fn today_is_a_date() {
        let d = super::today();
        assert_eq!(d.len(), 10, "{d}");
        assert!(d.as_str() >= "2024-01-01", "{d}");
    }
}
