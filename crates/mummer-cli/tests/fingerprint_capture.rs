//! `mummer fingerprint capture`: the profile it writes reproduces what it captured.
//!
//! - Every shipped profile, sent by mummer itself (`--command "mummer --impersonate P ..."`),
//!   captures back to a profile equal to P in every field that goes on the wire, with P as the
//!   base for what one navigation cannot show (where Cookie, Referer and a form's headers go,
//!   the multipart boundary style, cookie splitting).
//! - Debian's `chromium` and `firefox-esr`, run headless, capture to the shipped `chrome_156`
//!   and `firefox_esr_153`: the same in every field on the wire, but for Chrome's branded
//!   User-Agent and sec-ch-ua (the shipped profile is Google Chrome's, the Debian build is
//!   unbranded and headless). Each prints "<browser> not installed: skipping" and passes when
//!   the browser (or, for Firefox, certutil) is missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use mummer_profile::{Profile, wire_differences};

/// One capture at a time: two cores, and browsers that must not time out.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn mummer() -> &'static str {
    env!("CARGO_BIN_EXE_mummer")
}

fn scratch(tag: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("mummer-capture-test-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn capture(args: &[&str], out: &Path) -> (Output, Option<Profile>) {
    let output = Command::new(mummer())
        .args(["fingerprint", "capture"])
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .expect("run mummer fingerprint capture");
    let profile = std::fs::read_to_string(out)
        .ok()
        .map(|text| Profile::from_toml("captured", &text).expect("the written TOML loads"));
    (output, profile)
}

#[test]
fn every_shipped_profile_captures_back_to_itself() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let dir = scratch("self");
    let mut failures = Vec::new();
    for p in mummer_profile::all().expect("profiles") {
        // A per-connection draw between two AEADs needs more connections to show both.
        let connections = if p.tls.ech_grease_random_aead {
            "8"
        } else {
            "3"
        };
        let client = format!(
            "{} -s --impersonate {} --cacert {{ca}} $( [ {{http}} = 1.1 ] && echo --http1.1 ) -o /dev/null {{url}}",
            mummer(),
            p.name
        );
        let out = dir.join(format!("{}.toml", p.name));
        let (output, captured) = capture(
            &[
                "--command",
                &client,
                "--family",
                &p.browser,
                "--browser-version",
                &p.version,
                "--base",
                &p.name,
                "--connections",
                connections,
            ],
            &out,
        );
        let Some(captured) = captured else {
            failures.push(format!(
                "{}: no profile written ({}): {}",
                p.name,
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ));
            continue;
        };
        assert!(output.status.success(), "{}", p.name);
        let diffs = wire_differences(p, &captured);
        if !diffs.is_empty() {
            failures.push(format!("{}:\n    {}", p.name, diffs.join("\n    ")));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        failures.is_empty(),
        "captured profiles differ from the shipped ones:\n  {}",
        failures.join("\n  ")
    );
}

#[test]
fn chromium_captures_to_chrome_156() {
    if !Path::new("/usr/bin/chromium").exists() {
        eprintln!("chromium not installed: skipping");
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let dir = scratch("chromium");
    let out = dir.join("chrome_156.toml");
    let (output, captured) = capture(&["--browser", "chromium", "--connections", "3"], &out);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let captured = captured.unwrap_or_else(|| panic!("no profile written: {stderr}"));
    let _ = std::fs::remove_dir_all(&dir);
    let shipped = mummer_profile::get("chrome_156").expect("shipped");
    assert_eq!(captured.name, "chrome_156");
    assert_eq!(
        (captured.browser.as_str(), captured.version.as_str()),
        ("chrome", "156")
    );
    // The unbranded headless build: "HeadlessChrome" in the User-Agent, no "Google Chrome" brand.
    let mut branded = captured.clone();
    for (name, value) in &mut branded.headers {
        match name.as_str() {
            "user-agent" => *value = value.replace("HeadlessChrome/", "Chrome/"),
            "sec-ch-ua" => {
                assert!(!value.contains("Google Chrome"), "{value}");
                value.push_str(", \"Google Chrome\";v=\"156\"");
            }
            _ => {}
        }
    }
    let diffs = wire_differences(shipped, &branded);
    assert!(
        diffs.is_empty(),
        "live Chromium and chrome_156 differ (the browser changed? update the profile):\n  {}\n{stderr}",
        diffs.join("\n  ")
    );
    // What the capture saw randomised is randomised in the profile.
    assert!(captured.tls.permute_extensions && captured.tls.ech_grease_payload_len.is_none());
}

#[test]
fn firefox_esr_captures_to_firefox_esr_153() {
    if !Path::new("/usr/bin/firefox-esr").exists() {
        eprintln!("firefox-esr not installed: skipping");
        return;
    }
    if !Path::new("/usr/bin/certutil").exists() {
        eprintln!("certutil (libnss3-tools) not installed: skipping the firefox-esr capture");
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let dir = scratch("firefox");
    let out = dir.join("firefox_esr_153.toml");
    // 6 navigations per protocol and the page chains: 2 x 0.5^13 odds that the per-connection
    // ECH AEAD draw shows only one of its two values.
    let (output, captured) = capture(&["--browser", "firefox", "--connections", "6"], &out);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let captured = captured.unwrap_or_else(|| panic!("no profile written: {stderr}"));
    let _ = std::fs::remove_dir_all(&dir);
    let shipped = mummer_profile::get("firefox_esr_153").expect("shipped");
    assert_eq!(captured.name, "firefox_esr_153");
    assert_eq!(
        (captured.browser.as_str(), captured.version.as_str()),
        ("firefox", "153esr")
    );
    let diffs = wire_differences(shipped, &captured);
    assert!(
        diffs.is_empty(),
        "live Firefox ESR and firefox_esr_153 differ (the browser changed? update the profile):\n  {}\n{stderr}",
        diffs.join("\n  ")
    );
    assert!(captured.tls.ech_grease_random_aead);
    assert_eq!(captured.tls.ech_grease_payload_len, Some(239));
}

#[test]
fn list_shows_where_each_profile_comes_from_and_when_it_was_checked() {
    let out = Command::new(mummer())
        .args(["fingerprint", "list"])
        .output()
        .expect("run mummer fingerprint list");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let all = mummer_profile::all().expect("profiles");
    assert_eq!(lines.len(), 2 * all.len(), "{text}");
    for pair in lines.chunks(2) {
        let name = pair[0].split_whitespace().next().expect("name");
        let p = mummer_profile::get(name).expect("a listed profile");
        assert!(pair[0].contains(&p.aliases.join(", ")), "{}", pair[0]);
        let checked = p.checked.as_deref().unwrap_or("never");
        assert!(
            pair[1]
                .trim_start()
                .starts_with(&format!("checked {checked}")),
            "{}",
            pair[1]
        );
        assert!(
            pair[1].ends_with(&format!("source: {}", p.source)),
            "{}",
            pair[1]
        );
    }
    // Numeric version order: chrome_99 comes before chrome_100.
    let pos = |n: &str| lines.iter().position(|l| l.starts_with(&format!("{n} ")));
    assert!(pos("chrome_99") < pos("chrome_100"), "{text}");
}
