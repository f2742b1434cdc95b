//! The curl-like fetch: options (named as curl names them), the request, and the output.
//! `setup` makes the client, `body` the request body, `output` writes the response, `exit`
//! maps failures to curl's exit codes.

mod body;
mod exit;
mod output;
mod setup;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use mummer::{Method, Response};
use tokio::io::AsyncWriteExt;

pub(crate) use exit::Failure;

/// Options of a fetch, named as curl names them.
#[derive(Args, Debug, Default)]
pub(crate) struct FetchArgs {
    /// The URL to fetch.
    url: Option<String>,
    /// Request method.
    #[arg(short = 'X', long = "request", value_name = "METHOD")]
    method: Option<String>,
    /// Extra header, `Name: value` (repeatable).
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    headers: Vec<String>,
    /// Request body; `@file` reads it from a file, `@-` from standard input (repeatable: joined with `&`).
    #[arg(short = 'd', long = "data", value_name = "DATA")]
    data: Vec<String>,
    /// JSON request body (sets Content-Type and Accept to application/json).
    #[arg(long = "json", value_name = "DATA")]
    json: Option<String>,
    /// Write the body to FILE instead of standard output (via FILE.part, renamed when complete).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// With -o: `-C -` resumes an interrupted download from FILE.part, asking only for the
    /// missing bytes, guarded by the ETag or Last-Modified saved with it (a changed file is
    /// downloaded again whole).
    #[arg(
        short = 'C',
        long = "continue-at",
        value_name = "-",
        allow_hyphen_values = true
    )]
    continue_at: Option<String>,
    /// Follow redirects.
    #[arg(short = 'L', long = "location")]
    follow: bool,
    /// Most redirects to follow with -L.
    #[arg(long = "max-redirs", value_name = "NUM", default_value_t = 50)]
    max_redirs: usize,
    /// Skip certificate verification (insecure).
    #[arg(short = 'k', long = "insecure")]
    insecure: bool,
    /// Trust the CA certificates in this PEM file.
    #[arg(long = "cacert", value_name = "FILE")]
    cacert: Vec<PathBuf>,
    /// Client certificate (PEM, chain after the leaf).
    #[arg(short = 'E', long = "cert", value_name = "FILE")]
    cert: Option<PathBuf>,
    /// Private key for --cert (PEM).
    #[arg(long = "key", value_name = "FILE")]
    key: Option<PathBuf>,
    /// Use HTTP/1.1 only.
    #[arg(long = "http1.1", conflicts_with = "http2")]
    http1: bool,
    /// Use HTTP/2 only.
    #[arg(long = "http2")]
    http2: bool,
    /// Connect HOST:PORT to ADDR instead of resolving it (repeatable).
    #[arg(long = "resolve", value_name = "HOST:PORT:ADDR")]
    resolve: Vec<String>,
    /// Seconds allowed to connect.
    #[arg(long = "connect-timeout", value_name = "SECONDS")]
    connect_timeout: Option<f64>,
    /// Seconds allowed for the whole transfer.
    #[arg(short = 'm', long = "max-time", value_name = "SECONDS")]
    max_time: Option<f64>,
    /// Seconds allowed without receiving a byte.
    #[arg(long = "read-timeout", value_name = "SECONDS")]
    read_timeout: Option<f64>,
    /// Show the response status line and headers before the body.
    #[arg(short = 'i', long = "include")]
    include: bool,
    /// HEAD request; show the headers only.
    #[arg(short = 'I', long = "head")]
    head: bool,
    /// Show the request and response heads on standard error.
    #[arg(short = 'v', long = "verbose")]
    verbose: bool,
    /// No progress bar.
    #[arg(short = 's', long = "silent")]
    silent: bool,
    /// Fail (exit 22) on HTTP status 400 and above, printing no body.
    #[arg(short = 'f', long = "fail")]
    fail: bool,
    /// Do not decode Content-Encoding (write the bytes as sent).
    #[arg(long = "raw")]
    raw: bool,
    /// Look like this browser on the wire (see `mummer fingerprint list`).
    #[arg(long = "impersonate", value_name = "PROFILE")]
    impersonate: Option<String>,
    /// Shape the TLS ClientHello by a JA3 string (on top of --impersonate, or Chrome).
    #[arg(long = "ja3", value_name = "JA3")]
    ja3: Option<String>,
    /// Shape the HTTP/2 preface by an Akamai fingerprint string.
    #[arg(long = "akamai", value_name = "AKAMAI")]
    akamai: Option<String>,
    /// Replace profile fields, given as partial profile TOML or @FILE, for example a tls
    /// table setting record_size_limit = 16385; applied last.
    #[arg(long = "fp-override", value_name = "TOML")]
    fp_override: Option<String>,
    /// Use this proxy: http://user:pass@host:port (user, pass and port optional), socks5://...
    /// or socks5h://... Without it, the http_proxy, HTTPS_PROXY and ALL_PROXY environment
    /// variables apply, as in curl.
    #[arg(short = 'x', long = "proxy", value_name = "URL")]
    proxy: Option<String>,
    /// Hosts to reach without the proxy, comma-separated (default: NO_PROXY).
    #[arg(long = "noproxy", value_name = "HOSTS")]
    noproxy: Option<String>,
    /// Basic credentials for the proxy, USER:PASSWORD.
    #[arg(short = 'U', long = "proxy-user", value_name = "USER:PASSWORD")]
    proxy_user: Option<String>,
    /// Cookies to send: `name=value; name2=value2` (to the first host only), or a file in
    /// Netscape cookies.txt format to read into the cookie jar (repeatable). Either turns the
    /// cookie engine on, so cookies set along redirects are sent on.
    #[arg(short = 'b', long = "cookie", value_name = "DATA|FILE")]
    cookies: Vec<String>,
    /// Write every cookie to FILE after the transfer, in Netscape cookies.txt format (`-`:
    /// standard output). Turns the cookie engine on.
    #[arg(short = 'c', long = "cookie-jar", value_name = "FILE")]
    cookie_jar: Option<PathBuf>,
    /// Server credentials, USER:PASSWORD (Basic unless --digest).
    #[arg(short = 'u', long = "user", value_name = "USER:PASSWORD")]
    user: Option<String>,
    /// Use HTTP Digest authentication with -u.
    #[arg(long = "digest", conflicts_with = "basic")]
    digest: bool,
    /// Use HTTP Basic authentication with -u (the default).
    #[arg(long = "basic")]
    basic: bool,
    /// Take credentials for the host from ~/.netrc (required there).
    #[arg(short = 'n', long = "netrc", conflicts_with = "netrc_optional")]
    netrc: bool,
    /// Take credentials for the host from ~/.netrc if it has them.
    #[arg(long = "netrc-optional")]
    netrc_optional: bool,
    /// Read .netrc credentials from this file instead of ~/.netrc.
    #[arg(long = "netrc-file", value_name = "FILE")]
    netrc_file: Option<PathBuf>,
    /// Retry this many times after a transient failure (timeouts, connection failures, HTTP
    /// 408, 429, 500, 502, 503, 504), waiting 1 s and doubling up to 10 minutes, or
    /// --retry-delay; Retry-After is honoured. With -o, a body cut mid-way is resumed with
    /// Range requests instead of being fetched again.
    #[arg(long = "retry", value_name = "NUM", default_value_t = 0)]
    retry: u32,
    /// Seconds between retries (constant, instead of the doubling backoff).
    #[arg(long = "retry-delay", value_name = "SECONDS")]
    retry_delay: Option<f64>,
    /// No retry starts later than this many seconds after the first attempt.
    #[arg(long = "retry-max-time", value_name = "SECONDS")]
    retry_max_time: Option<f64>,
    /// Retry after any failure, not only transient ones (and for any method).
    #[arg(long = "retry-all-errors")]
    retry_all_errors: bool,
    /// Also retry when the connection is refused (on by default here; accepted for curl
    /// compatibility).
    #[arg(long = "retry-connrefused")]
    retry_connrefused: bool,
    /// A multipart/form-data field: `name=value`, `name=@file` (a file upload, with optional
    /// `;type=MIME` and `;filename=NAME`), or `name=<file` (a text field read from a file).
    #[arg(short = 'F', long = "form", value_name = "NAME=CONTENT")]
    form: Vec<String>,
    /// The Referer to send; `;auto` (alone or after a URL) also sends each redirect hop the
    /// URL it came from, by the browser's referrer policy.
    #[arg(short = 'e', long = "referer", value_name = "URL")]
    referer: Option<String>,
    /// Hand the body over at most this fast: bytes per second, with an optional k, m or g
    /// suffix (1024-based, as curl).
    #[arg(long = "limit-rate", value_name = "SPEED")]
    limit_rate: Option<String>,
    /// Connect from this local IP address or network interface.
    #[arg(long = "interface", value_name = "NAME|IP")]
    interface: Option<String>,
    /// Fail (exit 63) once the body (decoded) grows past this many bytes; k, m, g suffixes
    /// (1024-based, as curl).
    #[arg(long = "max-filesize", value_name = "BYTES")]
    max_filesize: Option<String>,
    /// Refuse redirects to loopback, private and link-local addresses (checked on the address
    /// actually connected).
    #[arg(long = "location-safe")]
    location_safe: bool,
}

pub(crate) async fn run(args: FetchArgs) -> ExitCode {
    match fetch(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("mummer: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

async fn fetch(args: FetchArgs) -> Result<(), Failure> {
    let url = args
        .url
        .clone()
        .ok_or_else(|| Failure::usage("no URL given (try --help)"))?;
    let url = if url.contains("://") {
        url
    } else {
        format!("http://{url}")
    };
    let setup = setup::Setup::new(&args, &url)?;
    let result = transfer(&args, &setup, &url).await;
    // The jar is written whatever happened, as curl does: cookies set on the way count.
    let saved = setup.save_cookies();
    result.and(saved)
}

async fn transfer(args: &FetchArgs, setup: &setup::Setup, url: &str) -> Result<(), Failure> {
    let body = body::Body::from_args(args)?;
    let method = match (&args.method, args.head, body.is_some()) {
        (Some(m), _, _) => Method::from_bytes(m.as_bytes())
            .map_err(|_| Failure::usage(format!("bad method {m:?}")))?,
        (None, true, _) => Method::HEAD,
        (None, false, true) => Method::POST,
        (None, false, false) => Method::GET,
    };
    let resume = match (&args.continue_at, &args.output) {
        (None, _) => None,
        (Some(at), _) if at != "-" => {
            return Err(Failure::usage(
                "only `-C -` is supported: it resumes from FILE.part",
            ));
        }
        (Some(_), None) => return Err(Failure::usage("-C - needs -o FILE")),
        (Some(_), Some(path)) => match output::Destination::of(path) {
            output::Destination::Regular(real) => output::Partial::load(&real),
            _ => return Err(Failure::usage("-C - needs -o to name a regular file")),
        },
    };
    let mut request = setup.request(method, url);
    if let Some(partial) = &resume {
        request = request
            .header("Range", &format!("bytes={}-", partial.offset))
            .header("If-Range", &partial.validator);
    } else if args.retry > 0 && args.output.is_some() {
        // One run survives cuts: the body continues by Range requests where it stopped.
        request = request.resume(args.retry);
    }
    let mut has_content_type = false;
    for h in &args.headers {
        let (name, value) = h
            .split_once(':')
            .ok_or_else(|| Failure::usage(format!("header must be 'Name: value', got {h:?}")))?;
        has_content_type |= name.trim().eq_ignore_ascii_case("content-type");
        request = request.header(name.trim(), value.trim());
    }
    if let Some(body) = body {
        request = body.apply(request, has_content_type, args.json.is_some());
    }
    let mut response = request.send().await?;
    if args.verbose {
        print_request(&response);
        for line in format_head(&response).lines() {
            eprintln!("< {line}");
        }
    }
    if args.fail && response.status().as_u16() >= 400 {
        return Err(Failure {
            message: format!("the requested URL returned error: {}", response.status()),
            code: 22,
        });
    }
    if args.include || args.head {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(format_head(&response).as_bytes());
        let _ = out.write_all(b"\r\n");
        let _ = out.flush();
    }
    if args.head {
        return Ok(());
    }
    let written = match args.output.as_deref().map(output::Destination::of) {
        Some(output::Destination::Regular(path)) => {
            let decoded = !args.raw && response.headers().contains_key("content-encoding");
            output::download(&mut response, &path, !args.silent, resume.as_ref(), decoded).await
        }
        Some(output::Destination::Direct(path)) => output::write_direct(&mut response, &path).await,
        Some(output::Destination::Stdout) | None => {
            let mut out = tokio::io::stdout();
            let result = output::copy_body(&mut response, &mut out, None, 0).await;
            let _ = out.flush().await;
            result.map(|_| ())
        }
    };
    written?;
    if response.close_notify_missing() {
        eprintln!(
            "mummer: warning: the server closed TLS without close_notify; the body ended with the connection and may be incomplete"
        );
    }
    Ok(())
}

/// `-v`'s view of the request actually sent: the request line and every header field in wire
/// order, credentials and cookies masked.
fn print_request(response: &Response) {
    let url = response.url();
    let mut target = url.path().to_string();
    if let Some(q) = url.query() {
        target.push('?');
        target.push_str(q);
    }
    eprintln!(
        "> {} {target} {}",
        response.request_method(),
        version_text(response.version())
    );
    for (name, value) in response.request_headers() {
        eprintln!("> {name}: {}", mask(name, value));
    }
    eprintln!(">");
}

/// A header value as `-v` prints it: the credentials of Authorization and Proxy-Authorization
/// and every Cookie value replaced, as curl's trace would be safe to paste.
fn mask(name: &str, value: &[u8]) -> String {
    let lower = name.to_ascii_lowercase();
    let text = String::from_utf8_lossy(value);
    if lower.ends_with("authorization") {
        match text.split_once(' ') {
            Some((scheme, _)) => format!("{scheme} ***"),
            None => "***".into(),
        }
    } else if lower == "cookie" {
        text.split(';')
            .map(|pair| match pair.split_once('=') {
                Some((n, _)) => format!("{}=***", n.trim()),
                None => "***".into(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        text.into_owned()
    }
}

fn version_text(v: mummer::Version) -> &'static str {
    match v {
        mummer::Version::HTTP_2 => "HTTP/2",
        mummer::Version::HTTP_10 => "HTTP/1.0",
        _ => "HTTP/1.1",
    }
}

/// The status line and headers as the server sent them: its reason phrase, and on HTTP/1.x
/// its spelling of each header name.
fn format_head(response: &Response) -> String {
    let mut s = format!(
        "{} {} {}\r\n",
        version_text(response.version()),
        response.status().as_u16(),
        response.reason()
    );
    for (name, value) in response.headers_as_received() {
        s.push_str(&format!("{name}: {}\r\n", String::from_utf8_lossy(value)));
    }
    s
}
