use std::time::{Duration, SystemTime, UNIX_EPOCH};

use url::Url;

use super::{Cookie, CookieFileError, InvalidCookie, Jar, SameSite};

fn url(text: &str) -> Url {
    Url::parse(text).expect("test URL parses")
}

/// Stores `values` as the Set-Cookie headers of one response to `from`.
fn store(jar: &mut Jar, from: &str, values: &[&str]) -> Vec<Cookie> {
    jar.store_response_cookies(&url(from), values.iter().map(|value| value.as_bytes()))
}

fn header(jar: &Jar, to: &str) -> Option<String> {
    jar.cookie_header(&url(to))
}

fn names(cookies: &[Cookie]) -> Vec<&str> {
    cookies.iter().map(|cookie| cookie.name.as_str()).collect()
}

#[test]
fn public_suffixes_are_refused_as_cookie_domains() {
    let mut jar = Jar::new();
    let stored = store(
        &mut jar,
        "https://www.example.co.uk/",
        &[
            "uk=1; Domain=co.uk",
            "dot=1; Domain=.co.uk",
            "tld=1; Domain=uk",
            "ok=1; Domain=example.co.uk",
        ],
    );
    assert_eq!(names(&stored), ["ok"]);
    assert_eq!(stored[0].domain, "example.co.uk");
    assert!(!stored[0].host_only);
    assert_eq!(
        header(&jar, "https://shop.example.co.uk/").as_deref(),
        Some("ok=1")
    );
    assert_eq!(header(&jar, "https://other.co.uk/"), None);

    // A private-section suffix: a sibling cannot set a cookie for all of github.io.
    let stored = store(
        &mut jar,
        "https://a.github.io/",
        &["io=1; Domain=github.io", "mine=1; Domain=a.github.io"],
    );
    assert_eq!(names(&stored), ["mine"]);
    assert_eq!(header(&jar, "https://b.github.io/"), None);

    let stored = store(&mut jar, "https://www.example.com/", &["com=1; Domain=com"]);
    assert!(stored.is_empty());
}

#[test]
fn internationalised_public_suffixes_are_refused_too() {
    // 公司.cn is on the list; hosts and domains reach the jar as A-labels.
    let mut jar = Jar::new();
    let stored = store(
        &mut jar,
        "https://shop.example.xn--55qx5d.cn/",
        &[
            "suffix=1; Domain=xn--55qx5d.cn",
            "unicode=1; Domain=公司.cn",
            "site=1; Domain=example.公司.cn",
        ],
    );
    assert_eq!(names(&stored), ["site"]);
    assert_eq!(stored[0].domain, "example.xn--55qx5d.cn");
}

#[test]
fn a_public_suffix_host_may_set_a_host_only_cookie_for_itself() {
    let mut jar = Jar::new();
    let stored = store(&mut jar, "https://github.io/", &["a=1; Domain=github.io"]);
    assert_eq!(names(&stored), ["a"]);
    assert!(stored[0].host_only);
    assert_eq!(header(&jar, "https://github.io/").as_deref(), Some("a=1"));
    assert_eq!(header(&jar, "https://x.github.io/"), None);
}

#[test]
fn unlisted_names_are_not_public_suffixes() {
    let mut jar = Jar::new();
    let stored = store(
        &mut jar,
        "http://app.localhost/",
        &["a=1; Domain=localhost"],
    );
    assert_eq!(names(&stored), ["a"]);
    assert_eq!(header(&jar, "http://localhost/").as_deref(), Some("a=1"));
}

#[test]
fn host_only_and_domain_cookies() {
    let mut jar = Jar::new();
    let stored = store(
        &mut jar,
        "https://www.example.com/",
        &[
            "host=1",
            "wide=2; Domain=example.com",
            "dotted=3; Domain=.www.example.com",
            "other=4; Domain=other.com",
            "partial=5; Domain=ample.com",
            "child=6; Domain=sub.www.example.com",
        ],
    );
    assert_eq!(names(&stored), ["host", "wide", "dotted"]);
    assert!(stored[0].host_only);
    assert_eq!(stored[0].domain, "www.example.com");
    assert!(!stored[1].host_only);
    assert_eq!(stored[2].domain, "www.example.com");
    assert!(!stored[2].host_only);

    assert_eq!(
        header(&jar, "https://www.example.com/").as_deref(),
        Some("host=1; wide=2; dotted=3")
    );
    assert_eq!(
        header(&jar, "https://a.www.example.com/").as_deref(),
        Some("wide=2; dotted=3")
    );
    assert_eq!(
        header(&jar, "https://example.com/").as_deref(),
        Some("wide=2")
    );
    assert_eq!(header(&jar, "https://notexample.com/"), None);
}

#[test]
fn domains_compare_case_insensitively() {
    let mut jar = Jar::new();
    let stored = store(
        &mut jar,
        "https://WWW.Example.COM/",
        &["a=1; Domain=EXAMPLE.com", "b=2"],
    );
    assert_eq!(stored[0].domain, "example.com");
    assert_eq!(stored[1].domain, "www.example.com");
    assert_eq!(
        header(&jar, "https://www.example.com/").as_deref(),
        Some("a=1; b=2")
    );
    assert_eq!(
        header(&jar, "https://WWW.EXAMPLE.COM/").as_deref(),
        Some("a=1; b=2")
    );
    assert!(jar.get("a", Some("Example.Com"), None).is_some());
    // Names are not case-insensitive.
    assert!(jar.get("A", None, None).is_none());
}

#[test]
fn ip_address_hosts_get_no_domain_cookies() {
    let mut jar = Jar::new();
    let stored = store(
        &mut jar,
        "http://192.168.0.1/",
        &[
            "a=1",
            "b=2; Domain=192.168.0.1",
            "c=3; Domain=168.0.1",
            "d=4; Domain=0.1",
        ],
    );
    assert_eq!(names(&stored), ["a", "b"]);
    assert!(stored.iter().all(|cookie| cookie.host_only));
    assert_eq!(
        header(&jar, "http://192.168.0.1/").as_deref(),
        Some("a=1; b=2")
    );
    assert_eq!(header(&jar, "http://192.168.0.2/"), None);

    let stored = store(&mut jar, "http://[::1]:8080/", &["v6=1"]);
    assert_eq!(stored[0].domain, "[::1]");
    assert_eq!(header(&jar, "http://[::1]/").as_deref(), Some("v6=1"));
    assert!(jar.get("v6", Some("::1"), None).is_some());
    assert!(jar.get("v6", Some("[::1]"), None).is_some());
}

#[test]
fn expires_and_max_age() {
    let mut jar = Jar::new();
    let before = SystemTime::now();
    let stored = store(
        &mut jar,
        "https://example.com/",
        &[
            "session=1",
            "dated=2; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
            "aged=3; Max-Age=3600",
            "past=4; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
            "zero=5; Max-Age=0",
            // Max-Age wins over Expires, both ways.
            "wins=6; Max-Age=3600; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
            "loses=7; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Max-Age=0",
        ],
    );
    assert_eq!(names(&stored), ["session", "dated", "aged", "wins"]);
    assert_eq!(stored[0].expires, None);
    assert_eq!(
        stored[1].expires,
        Some(UNIX_EPOCH + Duration::from_secs(4_102_444_800))
    );
    let aged = stored[2].expires.expect("Max-Age sets an expiry");
    assert!(aged >= before + Duration::from_secs(3599));
    assert!(aged <= SystemTime::now() + Duration::from_secs(3601));
    assert!(stored[3].expires.is_some_and(|at| at > SystemTime::now()));

    // An attribute value that is not delta-seconds is ignored (RFC 6265 §5.2.2), an empty
    // one too: these stay session cookies.
    let stored = store(
        &mut jar,
        "https://example.com/",
        &[
            "e=1; Max-Age=",
            "f=1; Max-Age= ; Path=/",
            "g=1; Max-Age=+5",
            "h=1; Max-Age=5x",
        ],
    );
    assert_eq!(names(&stored), ["e", "f", "g", "h"]);
    assert!(
        stored.iter().all(|cookie| cookie.expires.is_none()),
        "{stored:?}"
    );
    let stored = store(
        &mut jar,
        "https://example.com/",
        &["i=1; Max-Age=60; Max-Age="],
    );
    assert!(stored[0].expires.is_some());
    assert_eq!(
        header(&jar, "https://example.com/").as_deref(),
        Some("session=1; dated=2; aged=3; wins=6; e=1; f=1; g=1; h=1; i=1")
    );
}

#[test]
fn an_expired_cookie_deletes_the_stored_one() {
    let mut jar = Jar::new();
    store(
        &mut jar,
        "https://example.com/",
        &["a=1", "b=2", "c=3", "d=4; Path=/x"],
    );
    let stored = store(
        &mut jar,
        "https://example.com/",
        &[
            "a=gone; Max-Age=0",
            "b=gone; Max-Age=-1",
            "c=gone; Expires=Thu, 01 Jan 1970 00:00:01 GMT",
            // Another path is another cookie: d on /x stays.
            "d=gone; Max-Age=0",
        ],
    );
    assert!(stored.is_empty());
    assert_eq!(names(&jar.iter().collect::<Vec<_>>()), ["d"]);
    assert_eq!(jar.len(), 1);
}

#[test]
fn secure_cookies_come_only_from_and_go_only_to_https() {
    let mut jar = Jar::new();
    assert!(store(&mut jar, "http://example.com/", &["s=1; Secure"]).is_empty());
    let stored = store(&mut jar, "https://example.com/", &["s=1; Secure", "p=2"]);
    assert!(stored[0].secure);
    assert_eq!(
        header(&jar, "https://example.com/").as_deref(),
        Some("s=1; p=2")
    );
    assert_eq!(header(&jar, "http://example.com/").as_deref(), Some("p=2"));
    assert_eq!(
        header(&jar, "wss://example.com/").as_deref(),
        Some("s=1; p=2")
    );

    // localhost and loopback addresses are not secure here, as in curl.
    let mut jar = Jar::new();
    assert!(store(&mut jar, "http://localhost/", &["s=1; Secure"]).is_empty());
    assert!(store(&mut jar, "http://127.0.0.1/", &["s=1; Secure"]).is_empty());
    store(&mut jar, "https://localhost/", &["s=1; Secure"]);
    store(&mut jar, "https://127.0.0.1/", &["s=1; Secure"]);
    assert_eq!(header(&jar, "http://localhost/"), None);
    assert_eq!(header(&jar, "http://127.0.0.1/"), None);
    assert_eq!(header(&jar, "https://localhost/").as_deref(), Some("s=1"));
}

#[test]
fn plain_http_cannot_overwrite_or_shadow_a_secure_cookie() {
    let mut jar = Jar::new();
    store(
        &mut jar,
        "https://www.example.com/",
        &["id=good; Secure; Domain=example.com"],
    );
    let stored = store(
        &mut jar,
        "http://www.example.com/",
        &[
            "id=evil; Domain=example.com",
            "id=evil",
            "id=evil; Path=/deeper",
            "id=gone; Domain=example.com; Max-Age=0",
            "other=fine",
        ],
    );
    assert_eq!(names(&stored), ["other"]);
    let id = jar.get("id", None, None).expect("the secure cookie stays");
    assert_eq!(id.value, "good");
    // Over https it can be replaced.
    let stored = store(
        &mut jar,
        "https://www.example.com/",
        &["id=new; Domain=example.com"],
    );
    assert_eq!(names(&stored), ["id"]);
    assert_eq!(jar.get_all("id", None, None).len(), 1);
    assert!(!jar.get("id", None, None).expect("replaced").secure);
}

#[test]
fn default_path_and_path_matching() {
    let mut jar = Jar::new();
    let stored = store(&mut jar, "https://example.com/a/b/c?q=1", &["dir=1"]);
    assert_eq!(stored[0].path, "/a/b");
    let stored = store(&mut jar, "https://example.com/top", &["root=1"]);
    assert_eq!(stored[0].path, "/");
    let stored = store(
        &mut jar,
        "https://example.com/a/b/c",
        &["rel=1; Path=relative"],
    );
    assert_eq!(stored[0].path, "/a/b");
    let stored = store(&mut jar, "https://example.com/", &["docs=1; Path=/docs"]);
    assert_eq!(stored[0].path, "/docs");

    let sent = |path: &str| {
        let cookies = jar.cookies_for(&url(&format!("https://example.com{path}")));
        cookies
            .into_iter()
            .map(|cookie| cookie.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(sent("/"), ["root"]);
    assert_eq!(sent("/docs"), ["docs", "root"]);
    assert_eq!(sent("/docs/"), ["docs", "root"]);
    assert_eq!(sent("/docs/x"), ["docs", "root"]);
    assert_eq!(sent("/docsx"), ["root"]);
    assert_eq!(sent("/a/b"), ["dir", "rel", "root"]);
    assert_eq!(sent("/a/bc"), ["root"]);
    assert_eq!(sent("/a/b/c/d"), ["dir", "rel", "root"]);
}

#[test]
fn header_order_is_longest_path_then_oldest() {
    let mut jar = Jar::new();
    store(
        &mut jar,
        "https://example.com/",
        &[
            "first=1; Path=/",
            "deep=2; Path=/a/b",
            "second=3; Path=/",
            "mid=4; Path=/a",
        ],
    );
    assert_eq!(
        header(&jar, "https://example.com/a/b/c").as_deref(),
        Some("deep=2; mid=4; first=1; second=3")
    );
    // A replacement keeps the creation time of the cookie it replaces.
    store(&mut jar, "https://example.com/", &["first=again; Path=/"]);
    assert_eq!(
        header(&jar, "https://example.com/").as_deref(),
        Some("first=again; second=3")
    );
    // A deleted and re-created cookie is new.
    store(
        &mut jar,
        "https://example.com/",
        &["first=x; Max-Age=0", "first=new"],
    );
    assert_eq!(
        header(&jar, "https://example.com/").as_deref(),
        Some("second=3; first=new")
    );
}

/// Found by the `cookies` fuzz target (`fuzz/seeds/cookies/default-path-semicolon`): a cookie
/// whose default path (the URL's directory) has a `;` was stored, written to cookies.txt, and
/// then refused by the reader ("invalid cookie path").
#[test]
fn a_default_path_with_a_semicolon_survives_cookies_txt() {
    let mut jar = Jar::new();
    let url = "https://www.example.com/a/sid=1;%20Path=/x";
    assert_eq!(store(&mut jar, url, &["pref=dark"]).len(), 1);
    let text = jar.to_netscape();
    let again = Jar::from_netscape(&text).expect("our own cookies.txt loads");
    assert_eq!(again.len(), 1, "{text}");
    let cookie = again.get_all("pref", None, None).remove(0);
    assert_eq!(cookie.path, "/a/sid=1;%20Path=");
    assert_eq!(header(&again, url), header(&jar, url));
    assert_eq!(header(&again, url).as_deref(), Some("pref=dark"));
}

/// Found by the `cookies` fuzz target (`fuzz/seeds/cookies/replaced-by-name`): one response
/// setting a cookie twice stores both in turn, so both are returned, and the jar keeps the last.
#[test]
fn one_response_setting_a_cookie_twice_returns_both_and_keeps_the_last() {
    let mut jar = Jar::new();
    let stored = store(&mut jar, "http://127.0.0.1:8080/x?y", &["a=by", "a=b"]);
    let values: Vec<&str> = stored.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, ["by", "b"]);
    assert_eq!(jar.len(), 1);
    assert_eq!(
        header(&jar, "http://127.0.0.1:8080/").as_deref(),
        Some("a=b")
    );
}

#[test]
fn same_name_domain_and_path_replace_each_other() {
    let mut jar = Jar::new();
    store(&mut jar, "https://example.com/", &["a=1", "a=2; Path=/p"]);
    store(&mut jar, "https://example.com/", &["a=3"]);
    assert_eq!(jar.len(), 2);
    assert_eq!(
        header(&jar, "https://example.com/p").as_deref(),
        Some("a=2; a=3")
    );
    // Host-only or not is not part of a cookie's identity (RFC 6265 §5.3 step 11).
    store(
        &mut jar,
        "https://example.com/",
        &["a=4; Domain=example.com"],
    );
    assert_eq!(jar.len(), 2);
    let a = jar
        .get("a", Some("example.com"), Some("/"))
        .expect("replaced");
    assert_eq!(a.value, "4");
    assert!(!a.host_only);
    // A subdomain's cookie of the same name is another cookie.
    store(&mut jar, "https://www.example.com/", &["a=5"]);
    assert_eq!(jar.get_all("a", None, None).len(), 3);
    assert_eq!(
        header(&jar, "https://www.example.com/").as_deref(),
        Some("a=4; a=5")
    );
}

#[test]
fn host_prefix_rules() {
    let mut jar = Jar::new();
    let stored = store(
        &mut jar,
        "https://www.example.com/",
        &[
            "__Host-ok=1; Secure; Path=/",
            "__Host-insecure=1; Path=/",
            "__Host-domain=1; Secure; Path=/; Domain=www.example.com",
            "__Host-wide=1; Secure; Path=/; Domain=example.com",
            "__Host-deep=1; Secure; Path=/a",
            "__Host-nopath=1; Secure",
            "__host-lower=1; Path=/",
            "__HOST-upper=1; Secure; Path=/",
        ],
    );
    assert_eq!(names(&stored), ["__Host-ok", "__HOST-upper"]);
    assert!(
        store(
            &mut jar,
            "http://www.example.com/",
            &["__Host-http=1; Path=/"]
        )
        .is_empty()
    );
}

#[test]
fn secure_prefix_rules() {
    let mut jar = Jar::new();
    let stored = store(
        &mut jar,
        "https://www.example.com/",
        &[
            "__Secure-ok=1; Secure",
            "__Secure-wide=1; Secure; Domain=example.com; Path=/x",
            "__Secure-insecure=1",
            "__secure-lower=1",
        ],
    );
    assert_eq!(names(&stored), ["__Secure-ok", "__Secure-wide"]);
    assert!(
        store(
            &mut jar,
            "http://www.example.com/",
            &["__Secure-http=1; Secure"]
        )
        .is_empty()
    );
}

#[test]
fn http_only_and_same_site_are_kept() {
    let mut jar = Jar::new();
    let stored = store(
        &mut jar,
        "https://example.com/",
        &[
            "a=1; HttpOnly; SameSite=Strict",
            "b=2; SameSite=lax",
            "c=3; SameSite=None; Secure",
            "d=4; SameSite=bogus",
        ],
    );
    assert!(stored[0].http_only);
    assert_eq!(stored[0].same_site, Some(SameSite::Strict));
    assert!(!stored[1].http_only);
    assert_eq!(stored[1].same_site, Some(SameSite::Lax));
    assert_eq!(stored[2].same_site, Some(SameSite::None));
    assert_eq!(stored[3].same_site, None);
    // HttpOnly is about scripts: the cookie still goes out over HTTP.
    assert_eq!(
        header(&jar, "https://example.com/").as_deref(),
        Some("a=1; b=2; c=3; d=4")
    );
}

#[test]
fn values_are_kept_as_sent() {
    let mut jar = Jar::new();
    let stored = store(
        &mut jar,
        "https://example.com/",
        &[
            "q=\"quoted value\"",
            "pct=a%20b",
            "eq=a=b=c",
            "empty=",
            " spaced = v ",
        ],
    );
    let values: Vec<&str> = stored.iter().map(|cookie| cookie.value.as_str()).collect();
    assert_eq!(values, ["\"quoted value\"", "a%20b", "a=b=c", "", "v"]);
    assert_eq!(stored[4].name, "spaced");
}

#[test]
fn bad_set_cookie_values_are_skipped_without_panic() {
    let mut jar = Jar::new();
    let long = format!("long={}", "x".repeat(100_000));
    let values: Vec<&[u8]> = vec![
        b"",
        b";",
        b"=",
        b"=value",
        b"no-equals",
        b"\xff\xfe=1",
        b"a=\xff",
        b"ctl=a\x01b",
        b"tab=a\tb",
        b"nul=\0",
        b"crlf=a\r\nX-Injected: 1",
        b"bad\x7fname=1",
        b"huge=1; Max-Age=99999999999999999999999999",
        b"neg=1; Max-Age=-99999999999999999999999",
        b"weird=1; Expires=Thu, 99 Foo 99999 99:99:99 GMT",
        b"farfuture=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT",
        b"dom=1; Domain=..",
        b"dom2=1; Domain=a..b",
        b"dom3=1; Domain=[::1]",
        b"dom4=1; Domain=\xe2\x98\x83.",
        b"path=1; Path=/a\x01b",
        b"ok=1",
        long.as_bytes(),
    ];
    let stored = jar.store_response_cookies(&url("https://example.com/"), values);
    assert_eq!(names(&stored), ["huge", "weird", "farfuture", "ok", "long"]);
    assert!(stored[0].expires.is_some());
    assert_eq!(stored[1].expires, None);
    assert_eq!(jar.len(), 5);

    // URLs without a host take no cookies and get none.
    for odd in [
        "data:text/plain,hi",
        "file:///etc/passwd",
        "mailto:a@example.com",
    ] {
        assert!(store(&mut jar, odd, &["a=1"]).is_empty());
        assert_eq!(header(&jar, odd), None);
    }
}

#[test]
fn store_response_cookies_returns_only_that_response() {
    let mut jar = Jar::new();
    store(&mut jar, "https://example.com/", &["old=1"]);
    let stored = store(&mut jar, "https://example.com/", &["new=2", "new=3"]);
    assert_eq!(
        stored
            .iter()
            .map(|cookie| cookie.value.as_str())
            .collect::<Vec<_>>(),
        ["2", "3"]
    );
    assert_eq!(jar.len(), 2);
}

#[test]
fn a_cookie_with_empty_domain_goes_to_every_host() {
    let mut jar = Jar::new();
    jar.insert("any", "1", "", "/", false).expect("valid");
    jar.insert("safe", "2", "", "/", true).expect("valid");
    jar.insert("under", "3", "", "/api", false).expect("valid");
    assert_eq!(
        header(&jar, "http://example.com/").as_deref(),
        Some("any=1")
    );
    assert_eq!(
        header(&jar, "https://other.org/api/v1").as_deref(),
        Some("under=3; any=1; safe=2")
    );
    assert_eq!(
        header(&jar, "http://10.0.0.1:8080/").as_deref(),
        Some("any=1")
    );
    let any = jar
        .get("any", Some(""), None)
        .expect("found by empty domain");
    assert_eq!(any.domain, "");
    assert!(!any.host_only);
    // A response cookie of the same name is another cookie.
    store(&mut jar, "http://example.com/", &["any=server"]);
    assert_eq!(
        header(&jar, "http://example.com/").as_deref(),
        Some("any=1; any=server")
    );
}

#[test]
fn insert_reads_domains_as_curl_does() {
    let mut jar = Jar::new();
    jar.insert("wide", "1", ".example.com", "/", false)
        .expect("valid");
    jar.insert("host", "2", "example.com", "/", false)
        .expect("valid");
    jar.insert("upper", "3", "WWW.Example.com", "/", false)
        .expect("valid");
    assert_eq!(
        header(&jar, "https://example.com/").as_deref(),
        Some("wide=1; host=2")
    );
    assert_eq!(
        header(&jar, "https://www.example.com/").as_deref(),
        Some("wide=1; upper=3")
    );
    let wide = jar.get("wide", None, None).expect("stored");
    assert_eq!(wide.domain, "example.com");
    assert!(!wide.host_only);
    // Manual cookies are the caller's: no public suffix check.
    jar.insert("suffix", "4", ".co.uk", "/", false)
        .expect("valid");
    assert_eq!(
        header(&jar, "https://x.co.uk/").as_deref(),
        Some("suffix=4")
    );
}

#[test]
fn set_takes_a_whole_cookie() {
    let mut jar = Jar::new();
    let mut cookie = Cookie::new("token", "abc");
    cookie.domain = "api.example.com".to_owned();
    cookie.host_only = true;
    cookie.path = "/v1".to_owned();
    cookie.secure = true;
    cookie.http_only = true;
    cookie.same_site = Some(SameSite::Lax);
    cookie.expires = Some(UNIX_EPOCH + Duration::from_secs(4_102_444_800));
    jar.set(cookie.clone()).expect("valid");
    assert_eq!(jar.get("token", None, None), Some(cookie.clone()));
    assert_eq!(
        header(&jar, "https://api.example.com/v1/x").as_deref(),
        Some("token=abc")
    );
    assert_eq!(header(&jar, "http://api.example.com/v1/x"), None);
    assert_eq!(header(&jar, "https://www.api.example.com/v1/x"), None);

    // An expiry in the past deletes it.
    cookie.expires = Some(UNIX_EPOCH + Duration::from_secs(1));
    jar.set(cookie.clone()).expect("valid");
    assert!(jar.is_empty());

    // Far-future expiries are clamped, not a panic.
    cookie.expires = Some(UNIX_EPOCH + Duration::from_secs(u64::MAX / 4));
    jar.set(cookie.clone()).expect("valid");
    assert!(
        jar.get("token", None, None)
            .is_some_and(|c| c.expires.is_some())
    );

    // A leading dot wins over host_only; an IP address is always host-only.
    let mut dotted = Cookie::new("d", "1");
    dotted.domain = ".example.org".to_owned();
    dotted.host_only = true;
    jar.set(dotted).expect("valid");
    assert!(!jar.get("d", None, None).expect("stored").host_only);
    let mut ip = Cookie::new("ip", "1");
    ip.domain = "10.0.0.1".to_owned();
    jar.set(ip).expect("valid");
    assert!(jar.get("ip", None, None).expect("stored").host_only);
    let mut v6 = Cookie::new("v6", "1");
    v6.domain = "::1".to_owned();
    jar.set(v6).expect("valid");
    assert_eq!(jar.get("v6", None, None).expect("stored").domain, "[::1]");
    assert_eq!(header(&jar, "http://[::1]/").as_deref(), Some("v6=1"));
}

#[test]
fn set_refuses_what_cannot_be_sent() {
    let mut jar = Jar::new();
    let attempt = |name: &str, value: &str, domain: &str, path: &str| {
        let mut cookie = Cookie::new(name, value);
        cookie.domain = domain.to_owned();
        cookie.path = path.to_owned();
        Jar::new().set(cookie)
    };
    assert_eq!(attempt("", "v", "", "/"), Err(InvalidCookie::Name));
    assert_eq!(attempt("a b", "v", "", "/"), Err(InvalidCookie::Name));
    assert_eq!(attempt("a=b", "v", "", "/"), Err(InvalidCookie::Name));
    assert_eq!(attempt("a;b", "v", "", "/"), Err(InvalidCookie::Name));
    assert_eq!(attempt("a", "v;w", "", "/"), Err(InvalidCookie::Value));
    assert_eq!(
        attempt("a", "v\r\nX: 1", "", "/"),
        Err(InvalidCookie::Value)
    );
    assert_eq!(attempt("a", "v\tw", "", "/"), Err(InvalidCookie::Value));
    assert_eq!(
        attempt("a", "v", "example.com:443", "/"),
        Err(InvalidCookie::Domain)
    );
    assert_eq!(
        attempt("a", "v", "example.com/x", "/"),
        Err(InvalidCookie::Domain)
    );
    assert_eq!(
        attempt("a", "v", "user@example.com", "/"),
        Err(InvalidCookie::Domain)
    );
    assert_eq!(
        attempt("a", "v", "exa mple.com", "/"),
        Err(InvalidCookie::Domain)
    );
    assert_eq!(attempt("a", "v", "", "relative"), Err(InvalidCookie::Path));
    assert_eq!(attempt("a", "v", "", "/a\tb"), Err(InvalidCookie::Path));
    // An empty path means "/"; spaces inside a value are fine.
    assert_eq!(attempt("a", "v w", "", ""), Ok(()));
    assert_eq!(jar.insert("a", "v", "", "", false), Ok(()));
    assert_eq!(jar.get("a", None, None).expect("stored").path, "/");
}

#[test]
fn get_get_all_remove_and_clear() {
    let mut jar = Jar::new();
    store(
        &mut jar,
        "https://www.example.com/",
        &["a=host", "a=wide; Domain=example.com"],
    );
    store(
        &mut jar,
        "https://test.local/",
        &["a=other", "b=1", "a=deep; Path=/x"],
    );
    jar.insert("a", "any", "", "/", false).expect("valid");

    // No domain: the most recently created wins; get_all shows the conflict.
    assert_eq!(jar.get("a", None, None).expect("some").value, "any");
    let all = jar.get_all("a", None, None);
    let values: Vec<&str> = all.iter().map(|cookie| cookie.value.as_str()).collect();
    assert_eq!(values, ["host", "wide", "other", "deep", "any"]);

    assert_eq!(
        jar.get("a", Some("example.com"), None).expect("some").value,
        "wide"
    );
    assert_eq!(
        jar.get("a", Some(".example.com"), None)
            .expect("some")
            .value,
        "wide"
    );
    assert_eq!(
        jar.get("a", Some("www.example.com"), None)
            .expect("some")
            .value,
        "host"
    );
    assert_eq!(jar.get("a", Some(".www.example.com"), None), None);
    assert_eq!(
        jar.get("a", Some("test.local"), Some("/"))
            .expect("some")
            .value,
        "other"
    );
    assert_eq!(jar.get("a", None, Some("/x")).expect("some").value, "deep");
    assert_eq!(jar.get("a", Some(""), None).expect("some").value, "any");
    assert_eq!(jar.get("missing", None, None), None);

    assert_eq!(jar.remove("a", Some("test.local"), None), 2);
    assert_eq!(jar.remove("a", Some("test.local"), None), 0);
    assert_eq!(jar.remove("a", None, Some("/")), 3);
    assert_eq!(names(&jar.iter().collect::<Vec<_>>()), ["b"]);

    store(
        &mut jar,
        "https://www.example.com/",
        &["c=1", "d=1; Path=/p"],
    );
    jar.clear(Some("test.local"), None);
    assert_eq!(names(&jar.iter().collect::<Vec<_>>()), ["c", "d"]);
    jar.clear(None, Some("/p"));
    assert_eq!(names(&jar.iter().collect::<Vec<_>>()), ["c"]);
    jar.clear(None, None);
    assert!(jar.is_empty());
    assert_eq!(jar.len(), 0);
}

#[test]
fn iteration_is_in_creation_order_and_owns_its_cookies() {
    let mut jar = Jar::new();
    store(&mut jar, "https://example.com/", &["z=1", "a=2", "m=3"]);
    let mut seen = Vec::new();
    for cookie in jar.iter() {
        // The jar may change while iterating.
        jar.remove(&cookie.name, None, None);
        seen.push(cookie.name);
    }
    assert_eq!(seen, ["z", "a", "m"]);
    assert!(jar.is_empty());
}

#[test]
fn jar_is_send_sync_and_debug_hides_values() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Jar>();
    let mut jar = Jar::new();
    store(&mut jar, "https://example.com/", &["secret=hunter2"]);
    let debug = format!("{jar:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains('1'), "{debug}");
}

#[test]
fn netscape_lines_are_as_curl_writes_them() {
    let mut jar = Jar::new();
    store(
        &mut jar,
        "https://www.example.com/",
        &[
            "host=1",
            "wide=2; Domain=example.com; Path=/p; Secure; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
            "hidden=3; HttpOnly",
        ],
    );
    jar.insert("any", "4", "", "/", false).expect("valid");
    assert_eq!(
        jar.to_netscape(),
        "# Netscape HTTP Cookie File\n\
         www.example.com\tFALSE\t/\tFALSE\t0\thost\t1\n\
         .example.com\tTRUE\t/p\tTRUE\t4102444800\twide\t2\n\
         #HttpOnly_www.example.com\tFALSE\t/\tFALSE\t0\thidden\t3\n\
         \tFALSE\t/\tFALSE\t0\tany\t4\n"
    );
    assert_eq!(Jar::new().to_netscape(), "# Netscape HTTP Cookie File\n");
}

#[test]
fn netscape_round_trip() {
    let mut jar = Jar::new();
    store(
        &mut jar,
        "https://www.example.com/",
        &[
            "host=1",
            "wide=2; Domain=example.com; Path=/p; Secure; Max-Age=86400",
            "hidden=3; HttpOnly; Path=/",
            "__Host-x=4; Secure; Path=/",
        ],
    );
    store(&mut jar, "http://[::1]:8000/", &["v6=5"]);
    jar.insert("any", "6", "", "/", false).expect("valid");

    let text = jar.to_netscape();
    let loaded = Jar::from_netscape(&text).expect("our own file loads");
    let truncate = |cookie: Cookie| {
        let mut cookie = cookie;
        // The file keeps whole seconds and no SameSite.
        cookie.expires = cookie.expires.map(|at| {
            let seconds = at.duration_since(UNIX_EPOCH).expect("after 1970").as_secs();
            UNIX_EPOCH + Duration::from_secs(seconds)
        });
        cookie.same_site = None;
        cookie
    };
    let original: Vec<Cookie> = jar.iter().map(truncate).collect();
    let reloaded: Vec<Cookie> = loaded.iter().collect();
    assert_eq!(original, reloaded);
    assert_eq!(loaded.to_netscape(), text);
}

#[test]
fn netscape_loading_is_lenient_about_layout() {
    let text = "# Netscape HTTP Cookie File\r\n\
                # a comment\r\n\
                \r\n\
                   \n\
                .example.com\tTRUE\t/\tFALSE\t\tempty_expiry\tv\r\n\
                example.com\tfalse\t/\tfalse\t0\tsession\tv\n\
                #HttpOnly_.example.com\tTRUE\t/\tTRUE\t4102444800\thttponly\tv\n\
                example.com\tFALSE\t/\tFALSE\t0\tno_value\n\
                example.com\tFALSE\t/\tFALSE\t1\texpired\tv\n\
                .example.com\tFALSE\t/\tFALSE\t0\tflag_decides\tv\n\
                example.com\tFALSE\t/\tFALSE\t99999999999999\tfar\tv\n";
    let mut jar = Jar::new();
    assert_eq!(jar.load_netscape(text), Ok(6));
    let cookies: Vec<Cookie> = jar.iter().collect();
    assert_eq!(
        names(&cookies),
        [
            "empty_expiry",
            "session",
            "httponly",
            "no_value",
            "flag_decides",
            "far"
        ]
    );
    assert!(!cookies[0].host_only);
    assert_eq!(cookies[0].expires, None);
    assert!(cookies[1].host_only);
    assert!(cookies[2].http_only && cookies[2].secure);
    assert_eq!(cookies[3].value, "");
    assert!(cookies[4].host_only);
    assert_eq!(cookies[4].domain, "example.com");
    assert!(cookies[5].expires.is_some_and(|at| at > SystemTime::now()));
    assert_eq!(
        header(&jar, "https://www.example.com/").as_deref(),
        Some("empty_expiry=v; httponly=v")
    );
}

#[test]
fn netscape_errors_name_the_line_and_change_nothing() {
    let mut jar = Jar::new();
    jar.insert("keep", "1", "", "/", false).expect("valid");
    let good = "example.com\tFALSE\t/\tFALSE\t0\tgood\tv\n";
    let cases: [(&str, CookieFileError); 9] = [
        (
            "example.com\tFALSE\t/\tFALSE\t0\n",
            CookieFileError::FieldCount { line: 2, found: 5 },
        ),
        (
            "example.com\tFALSE\t/\tFALSE\t0\ta\tb\tc\n",
            CookieFileError::FieldCount { line: 2, found: 8 },
        ),
        (
            "example.com\tYES\t/\tFALSE\t0\ta\tb\n",
            CookieFileError::Flag {
                line: 2,
                field: "include-subdomains",
            },
        ),
        (
            "example.com\tFALSE\t/\t1\t0\ta\tb\n",
            CookieFileError::Flag {
                line: 2,
                field: "secure",
            },
        ),
        (
            "example.com\tFALSE\t/\tFALSE\tsoon\ta\tb\n",
            CookieFileError::Expiry { line: 2 },
        ),
        (
            "exa mple.com\tFALSE\t/\tFALSE\t0\ta\tb\n",
            CookieFileError::Cookie {
                line: 2,
                reason: InvalidCookie::Domain,
            },
        ),
        // Empty labels name no host. `..` (and `...`) once loaded as the domains `.` and
        // `""`, which wrote back as one cookie (found by the cookie_file fuzzer).
        (
            "..\tTRUE\t/\tFALSE\t0\ta\tb\n",
            CookieFileError::Cookie {
                line: 2,
                reason: InvalidCookie::Domain,
            },
        ),
        (
            "...\tTRUE\t/\tFALSE\t0\ta\tb\n",
            CookieFileError::Cookie {
                line: 2,
                reason: InvalidCookie::Domain,
            },
        ),
        (
            "a..example.com\tFALSE\t/\tFALSE\t0\ta\tb\n",
            CookieFileError::Cookie {
                line: 2,
                reason: InvalidCookie::Domain,
            },
        ),
    ];
    for (bad, expected) in cases {
        let text = format!("{good}{bad}");
        assert_eq!(jar.load_netscape(&text), Err(expected));
        assert_eq!(names(&jar.iter().collect::<Vec<_>>()), ["keep"]);
    }
    let error = jar
        .load_netscape("x\tFALSE\t/\tFALSE\t0\t\tv")
        .expect_err("an empty name is refused");
    assert_eq!(
        error,
        CookieFileError::Cookie {
            line: 1,
            reason: InvalidCookie::Name
        }
    );
    assert_eq!(error.to_string(), "line 1: invalid cookie name");
}

#[test]
fn a_server_cannot_grow_the_jar_without_bound() {
    let mut jar = Jar::new();
    let url = Url::parse("https://flood.test/").expect("url");
    let values: Vec<String> = (0..1000).map(|i| format!("c{i}=v; Path=/")).collect();
    let stored = jar.store_response_cookies(&url, values.iter().map(|v| v.as_bytes()));
    assert_eq!(stored.len(), 1000, "each was stored when it arrived");
    assert_eq!(jar.len(), super::MAX_PER_DOMAIN);
    // The newest survive.
    assert!(jar.get("c999", None, None).is_some());
    assert!(jar.get("c0", None, None).is_none());
    for host in 0..40 {
        let url = Url::parse(&format!("https://h{host}.test/")).expect("url");
        let values: Vec<String> = (0..100).map(|i| format!("c{i}=v")).collect();
        jar.store_response_cookies(&url, values.iter().map(|v| v.as_bytes()));
    }
    assert_eq!(jar.len(), super::MAX_TOTAL);
}
