//! Netscape `cookies.txt` files against Python's `http.cookiejar.MozillaCookieJar`, both ways.
//! Skipped (with a message) where `python3` is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, UNIX_EPOCH};

use mummer_proto::cookie::{Cookie, Jar};
use serde_json::Value;
use url::Url;

/// A directory under the system temp dir, removed when dropped (also when a test fails).
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> TempDir {
        let path =
            std::env::temp_dir().join(format!("mummer-cookie-files-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create the temp dir");
        TempDir(path)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn python_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import http.cookiejar, json"])
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        eprintln!("skipped: python3 with http.cookiejar is not available");
    }
    found
}

/// Runs `python3 -c script file` and returns its standard output.
fn python(script: &str, file: &Path) -> String {
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("python prints UTF-8")
}

/// A cookie as `MozillaCookieJar` holds it: (domain as written, include-subdomains, path,
/// secure, expiry seconds with 0 for a session cookie, name, value, HttpOnly).
type Row = (String, bool, String, bool, u64, String, String, bool);

fn row_of_ours(cookie: &Cookie) -> Row {
    let include_subdomains = !cookie.host_only && !cookie.domain.is_empty();
    let domain = if include_subdomains {
        format!(".{}", cookie.domain)
    } else {
        cookie.domain.clone()
    };
    let expires = cookie.expires.map_or(0, |at| {
        at.duration_since(UNIX_EPOCH).expect("after 1970").as_secs()
    });
    (
        domain,
        include_subdomains,
        cookie.path.clone(),
        cookie.secure,
        expires,
        cookie.name.clone(),
        cookie.value.clone(),
        cookie.http_only,
    )
}

fn row_of_python(value: &Value) -> Row {
    let text = |key: &str| value[key].as_str().expect("a string field").to_owned();
    let flag = |key: &str| value[key].as_bool().expect("a boolean field");
    (
        text("domain"),
        flag("domain_specified"),
        text("path"),
        flag("secure"),
        value["expires"].as_u64().unwrap_or(0),
        text("name"),
        text("value"),
        flag("http_only"),
    )
}

const PRINT_AS_JSON: &str = r#"
import http.cookiejar, json, sys
jar = http.cookiejar.MozillaCookieJar(sys.argv[1])
jar.load(ignore_discard=True, ignore_expires=True)
print(json.dumps([
    {
        "domain": c.domain,
        "domain_specified": c.domain_specified,
        "path": c.path,
        "secure": c.secure,
        "expires": c.expires,
        "name": c.name,
        "value": c.value,
        "http_only": c.has_nonstandard_attr("HTTPOnly"),
    }
    for c in jar
]))
"#;

#[test]
fn mozilla_cookie_jar_reads_our_files() {
    if !python_available() {
        return;
    }
    let mut jar = Jar::new();
    let from = Url::parse("https://www.example.com/account/").expect("URL");
    let stored = jar.store_response_cookies(
        &from,
        [
            &b"host=1"[..],
            b"wide=2; Domain=example.com; Path=/; Secure; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
            b"hidden=3; HttpOnly; Path=/; Max-Age=86400",
            b"quoted=\"a b\"; Path=/q",
        ],
    );
    assert_eq!(stored.len(), 4);
    jar.insert("anywhere", "5", "", "/", false).expect("valid");

    let dir = TempDir::new("ours");
    let file = dir.file("cookies.txt");
    std::fs::write(&file, jar.to_netscape()).expect("write cookies.txt");

    let printed: Value = serde_json::from_str(&python(PRINT_AS_JSON, &file)).expect("JSON");
    let mut theirs: Vec<Row> = printed
        .as_array()
        .expect("a list")
        .iter()
        .map(row_of_python)
        .collect();
    let mut ours: Vec<Row> = jar.iter().map(|cookie| row_of_ours(&cookie)).collect();
    theirs.sort();
    ours.sort();
    assert_eq!(theirs, ours);
}

const WRITE_WITH_PYTHON: &str = r#"
import http.cookiejar, sys
jar = http.cookiejar.MozillaCookieJar(sys.argv[1])
def add(name, value, domain, path, secure, expires, http_only=False):
    dot = domain.startswith(".")
    rest = {"HTTPOnly": ""} if http_only else {}
    jar.set_cookie(http.cookiejar.Cookie(
        0, name, value, None, False, domain, dot, dot, path, True, secure,
        expires, expires is None, None, None, rest))
add("host", "1", "www.example.com", "/", False, None)
add("wide", "2", ".example.com", "/p", True, 4102444800)
add("hidden", "3", "www.example.com", "/", False, 4102444800, http_only=True)
jar.save(ignore_discard=True, ignore_expires=True)
"#;

#[test]
fn we_read_mozilla_cookie_jar_files() {
    if !python_available() {
        return;
    }
    let dir = TempDir::new("theirs");
    let file = dir.file("cookies.txt");
    python(WRITE_WITH_PYTHON, &file);
    let text = std::fs::read_to_string(&file).expect("python wrote the file");
    let jar = Jar::from_netscape(&text).expect("a MozillaCookieJar file loads");

    let mut host = Cookie::new("host", "1");
    host.domain = "www.example.com".to_owned();
    host.host_only = true;
    let mut wide = Cookie::new("wide", "2");
    wide.domain = "example.com".to_owned();
    wide.path = "/p".to_owned();
    wide.secure = true;
    wide.expires = Some(UNIX_EPOCH + Duration::from_secs(4_102_444_800));
    let mut hidden = Cookie::new("hidden", "3");
    hidden.domain = "www.example.com".to_owned();
    hidden.host_only = true;
    hidden.http_only = true;
    hidden.expires = Some(UNIX_EPOCH + Duration::from_secs(4_102_444_800));

    let mut loaded: Vec<Cookie> = jar.iter().collect();
    loaded.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(loaded, [hidden, host, wide]);

    let names = |url: &str| {
        let url = Url::parse(url).expect("URL");
        let mut names: Vec<String> = jar.cookies_for(&url).into_iter().map(|c| c.name).collect();
        names.sort();
        names
    };
    assert_eq!(
        names("https://www.example.com/p/x"),
        ["hidden", "host", "wide"]
    );
    assert_eq!(names("https://api.example.com/p"), ["wide"]);
    assert_eq!(names("http://api.example.com/p"), Vec::<String>::new());
    assert_eq!(names("http://www.example.com/"), ["hidden", "host"]);
    // The longest path comes first in the header.
    let header = jar
        .cookie_header(&Url::parse("https://www.example.com/p").expect("URL"))
        .expect("cookies match");
    assert!(header.starts_with("wide=2; "), "{header}");
}
