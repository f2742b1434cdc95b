//! The curl-like fetch: options, request, output, exit codes.

use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use mummer::{Client, Error, Kind, Method, RedirectError, Response};
use tokio::io::AsyncWriteExt;

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
}

/// A failure the CLI reports: one line, one exit code (curl's numbering where it has one).
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) code: u8,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure {
            code: exit_code(e.kind()),
            message: e.to_string(),
        }
    }
}

/// curl's exit code for a failure of this kind.
pub(crate) fn exit_code(kind: &Kind) -> u8 {
    match kind {
        Kind::Builder => 3,
        Kind::Resolve => 6,
        Kind::Connect => 7,
        Kind::Tls => 35,
        Kind::Certificate => 60,
        // curl: 56 for a CONNECT answered with an error status, 97 for other proxy failures.
        Kind::Proxy { status: Some(_) } => 56,
        Kind::Proxy { status: None } => 97,
        Kind::Timeout(_) => 28,
        Kind::Request => 55,
        Kind::Protocol(_) => 8,
        Kind::Body(_) => 18,
        Kind::Decode => 61,
        Kind::TooManyRedirects { .. } => 47,
        Kind::Redirect(RedirectError::UnsupportedScheme) => 1,
        Kind::Redirect(_) => 3,
        // curl: "send failed: rewind of the body was needed but failed".
        Kind::NotReplayable => 65,
        Kind::TooLarge { .. } => 63,
        Kind::Status(_) => 22,
        Kind::Aborted => 42,
        _ => 1,
    }
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

fn secs(v: f64, what: &str) -> Result<Duration, Failure> {
    Duration::try_from_secs_f64(v).map_err(|_| Failure::usage(format!("bad {what}: {v}")))
}

/// The proxy for `url`: `-x`, else curl's environment variables (`http_proxy` is honoured only
/// in lower case, since `HTTP_PROXY` can be set by a CGI request header).
fn proxy_for(args: &FetchArgs, url: &str) -> Option<String> {
    if let Some(p) = &args.proxy {
        return Some(p.clone()).filter(|p| !p.is_empty());
    }
    let env = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
    };
    let scheme = if url.starts_with("https://") {
        env(&["https_proxy", "HTTPS_PROXY"])
    } else {
        env(&["http_proxy"])
    };
    scheme.or_else(|| env(&["all_proxy", "ALL_PROXY"]))
}

fn build_client(args: &FetchArgs, url: &str) -> Result<Client, Failure> {
    let mut builder = Client::builder();
    if let Some(proxy) = proxy_for(args, url) {
        builder = builder.proxy(&proxy);
    }
    let no_proxy = args.noproxy.clone().or_else(|| {
        ["no_proxy", "NO_PROXY"]
            .iter()
            .find_map(|n| std::env::var(n).ok())
    });
    if let Some(hosts) = no_proxy {
        builder = builder.no_proxy(&hosts);
    }
    if let Some(name) = &args.impersonate {
        builder = builder.impersonate(name);
    }
    if let Some(ja3) = &args.ja3 {
        builder = builder.ja3(ja3);
    }
    if let Some(akamai) = &args.akamai {
        builder = builder.akamai(akamai);
    }
    if let Some(overrides) = &args.fp_override {
        let toml = String::from_utf8(data_value(overrides)?)
            .map_err(|_| Failure::usage("--fp-override is not UTF-8"))?;
        builder = builder.fingerprint_overrides(&toml);
    }
    let mut builder = builder
        .max_redirects(if args.follow { args.max_redirs } else { 0 })
        .danger_accept_invalid_certs(args.insecure)
        .decompress(!args.raw);
    if let Some(t) = args.connect_timeout {
        builder = builder.connect_timeout(secs(t, "--connect-timeout")?);
    }
    if let Some(t) = args.max_time {
        builder = builder.timeout(secs(t, "--max-time")?);
    }
    if let Some(t) = args.read_timeout {
        builder = builder.read_timeout(secs(t, "--read-timeout")?);
    }
    if args.http1 {
        builder = builder.http1_only();
    }
    if args.http2 {
        builder = builder.http2_only();
    }
    for path in &args.cacert {
        builder = builder.add_root_certificate_file(path);
    }
    if let Some(cert) = &args.cert {
        let cert_pem = read_file(cert)?;
        let key_pem = match &args.key {
            Some(k) => read_file(k)?,
            None => cert_pem.clone(),
        };
        builder = builder.identity_pem(&cert_pem, &key_pem);
    }
    for entry in &args.resolve {
        let (host, port, addr) = parse_resolve(entry)?;
        builder = builder.resolve(&host, port, addr);
    }
    // Everything the builder rejects came from an option value (a profile name, a JA3 string,
    // an override): a usage error, as curl reports a bad option argument.
    builder.build().map_err(|e| Failure::usage(e.to_string()))
}

/// `host:port:addr`, where addr may be a bracketed IPv6 address.
fn parse_resolve(entry: &str) -> Result<(String, u16, SocketAddr), Failure> {
    let bad = || Failure::usage(format!("--resolve wants HOST:PORT:ADDR, got {entry:?}"));
    let (host, rest) = entry.split_once(':').ok_or_else(bad)?;
    let (port, addr) = rest.split_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    let ip: std::net::IpAddr = addr
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .map_err(|_| bad())?;
    Ok((host.to_string(), port, SocketAddr::new(ip, port)))
}

fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))
}

fn body_data(args: &FetchArgs) -> Result<Option<Vec<u8>>, Failure> {
    if let Some(json) = &args.json {
        return Ok(Some(data_value(json)?));
    }
    if args.data.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for (i, d) in args.data.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        out.extend(data_value(d)?);
    }
    Ok(Some(out))
}

fn data_value(value: &str) -> Result<Vec<u8>, Failure> {
    match value.strip_prefix('@') {
        Some("-") => {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
                .map_err(|e| Failure::usage(format!("cannot read standard input: {e}")))?;
            Ok(buf)
        }
        Some(path) => read_file(Path::new(path)),
        None => Ok(value.as_bytes().to_vec()),
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
    let client = build_client(&args, &url)?;
    let body = body_data(&args)?;
    let method = match (&args.method, args.head, &body) {
        (Some(m), _, _) => Method::from_bytes(m.as_bytes())
            .map_err(|_| Failure::usage(format!("bad method {m:?}")))?,
        (None, true, _) => Method::HEAD,
        (None, false, Some(_)) => Method::POST,
        (None, false, None) => Method::GET,
    };
    let resume = match (&args.continue_at, &args.output) {
        (None, _) => None,
        (Some(at), _) if at != "-" => {
            return Err(Failure::usage(
                "only `-C -` is supported: it resumes from FILE.part",
            ));
        }
        (Some(_), None) => return Err(Failure::usage("-C - needs -o FILE")),
        (Some(_), Some(path)) => Partial::load(path),
    };
    let mut request = client.request(method.clone(), &url);
    if let Some(partial) = &resume {
        request = request
            .header("Range", &format!("bytes={}-", partial.offset))
            .header("If-Range", &partial.validator);
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
        if !has_content_type {
            let ct = if args.json.is_some() {
                "application/json"
            } else {
                "application/x-www-form-urlencoded"
            };
            request = request.header("Content-Type", ct);
        }
        if args.json.is_some() {
            request = request.header("Accept", "application/json");
        }
        request = request.body(body);
    }
    if args.verbose {
        eprintln!("> {method} {url}");
        for h in &args.headers {
            eprintln!("> {h}");
        }
    }
    let mut response = request.send().await?;
    let head_text = format_head(&response);
    if args.verbose {
        for line in head_text.lines() {
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
        let _ = out.write_all(head_text.as_bytes());
        let _ = out.write_all(b"\r\n");
        let _ = out.flush();
    }
    if args.head {
        return Ok(());
    }
    match &args.output {
        Some(path) => {
            let decoded = !args.raw && response.headers().contains_key("content-encoding");
            download(&mut response, path, !args.silent, resume.as_ref(), decoded).await
        }
        None => {
            let mut out = tokio::io::stdout();
            let result = copy_body(&mut response, &mut out, None, 0).await;
            let _ = out.flush().await;
            result.map(|_| ())
        }
    }?;
    if response.close_notify_missing() {
        eprintln!(
            "mummer: warning: the server closed TLS without close_notify; the body ended with the connection and may be incomplete"
        );
    }
    Ok(())
}

fn format_head(response: &Response) -> String {
    let version = match response.version() {
        mummer::Version::HTTP_2 => "HTTP/2",
        mummer::Version::HTTP_10 => "HTTP/1.0",
        _ => "HTTP/1.1",
    };
    let mut s = format!("{version} {}\r\n", response.status());
    for (name, value) in response.headers() {
        s.push_str(&format!(
            "{name}: {}\r\n",
            String::from_utf8_lossy(value.as_bytes())
        ));
    }
    s
}

async fn copy_body<W: tokio::io::AsyncWrite + Unpin>(
    response: &mut Response,
    out: &mut W,
    progress: Option<&ProgressBar>,
    offset: u64,
) -> Result<u64, Failure> {
    let mut total = 0u64;
    while let Some(chunk) = response.chunk().await? {
        out.write_all(&chunk).await.map_err(|e| Failure {
            message: format!("write failed: {e}"),
            code: 23,
        })?;
        total += chunk.len() as u64;
        if let Some(p) = progress {
            p.set_position(offset + response.raw_bytes_received());
        }
    }
    Ok(total)
}

fn part_path(path: &Path, suffix: &str) -> PathBuf {
    let mut part = path.as_os_str().to_owned();
    part.push(suffix);
    PathBuf::from(part)
}

fn write_failed(e: std::io::Error) -> Failure {
    Failure {
        message: format!("write failed: {e}"),
        code: 23,
    }
}

/// What `-C -` resumes: the bytes already in `FILE.part`, and the validator of the file they
/// came from, saved beside it in `FILE.part.resume`.
struct Partial {
    offset: u64,
    validator: String,
}

impl Partial {
    /// The partial download of `path`, if there is one that can be resumed safely.
    fn load(path: &Path) -> Option<Partial> {
        let offset = std::fs::metadata(part_path(path, ".part")).ok()?.len();
        let saved = std::fs::read_to_string(part_path(path, ".part.resume")).ok();
        let validator = saved.as_deref().and_then(|s| s.strip_prefix("validator "));
        match validator.map(str::trim) {
            Some(v) if offset > 0 && !v.is_empty() => Some(Partial {
                offset,
                validator: v.to_string(),
            }),
            _ => {
                if offset > 0 {
                    eprintln!(
                        "mummer: {} has no saved ETag or Last-Modified to resume against; \
                         downloading from the start",
                        part_path(path, ".part").display()
                    );
                }
                None
            }
        }
    }
}

/// The validator a later `-C -` can send in If-Range: a strong ETag, else Last-Modified.
fn validator(response: &Response) -> Option<String> {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    header("etag")
        .filter(|e| !e.starts_with("W/"))
        .or_else(|| header("last-modified"))
}

/// `bytes first-last/total` (total may be `*`), or `bytes */total` for 416.
fn content_range(response: &Response) -> Option<(Option<u64>, Option<u64>)> {
    let value = response.headers().get("content-range")?.to_str().ok()?;
    let spec = value.strip_prefix("bytes ")?;
    let (range, total) = spec.split_once('/')?;
    let total = total.trim().parse().ok();
    let first = range
        .split_once('-')
        .and_then(|(a, _)| a.trim().parse().ok());
    Some((first, total))
}

/// Writes to `FILE.part` and renames it only once the body is complete, so a partial download
/// never looks like a finished one. With `resume`, a 206 answer is appended to the part file
/// after checking it starts where the file ends.
async fn download(
    response: &mut Response,
    path: &Path,
    progress: bool,
    resume: Option<&Partial>,
    decoded: bool,
) -> Result<(), Failure> {
    let part = part_path(path, ".part");
    let meta = part_path(path, ".part.resume");
    let cannot_resume = |message: String| Failure { message, code: 33 };
    let status = response.status().as_u16();
    let mut offset = 0;
    let mut total = response.content_length();
    match resume {
        Some(partial) if status == 206 => {
            let (first, whole) = content_range(response)
                .ok_or_else(|| cannot_resume("206 answer without a usable Content-Range".into()))?;
            if first != Some(partial.offset) {
                return Err(cannot_resume(format!(
                    "asked to resume at byte {}, the server answered from byte {}",
                    partial.offset,
                    first.map_or("?".into(), |f| f.to_string())
                )));
            }
            if decoded {
                return Err(cannot_resume(
                    "the resumed part is content-encoded; run again without -C".into(),
                ));
            }
            offset = partial.offset;
            total = whole;
        }
        Some(partial) if status == 416 => {
            // Nothing left to send: complete only if the file is exactly as long as the entity.
            return match content_range(response) {
                Some((_, Some(whole))) if whole == partial.offset => {
                    finish(&part, &meta, path, partial.offset, progress).await
                }
                _ => Err(cannot_resume(format!(
                    "the server cannot send bytes from {} on (416)",
                    partial.offset
                ))),
            };
        }
        Some(_) => eprintln!(
            "mummer: the server sent the whole file ({status}: changed, or no range support); \
             starting over"
        ),
        None => {}
    }
    let file = if offset > 0 {
        tokio::fs::OpenOptions::new().append(true).open(&part).await
    } else {
        tokio::fs::File::create(&part).await
    }
    .map_err(|e| Failure {
        message: format!("cannot open {}: {e}", part.display()),
        code: 23,
    })?;
    // Saved before the body, so an interruption leaves what `-C -` needs; not for a decoded body,
    // whose bytes do not line up with the server's byte ranges.
    match validator(response).filter(|_| !decoded && status / 100 == 2) {
        Some(v) if offset == 0 => tokio::fs::write(&meta, format!("validator {v}\n"))
            .await
            .map_err(write_failed)?,
        Some(_) => {}
        None => {
            let _ = tokio::fs::remove_file(&meta).await;
        }
    }
    let mut out = tokio::io::BufWriter::with_capacity(256 * 1024, file);
    let bar = (progress && std::io::stderr().is_terminal()).then(|| {
        let bar = match total {
            Some(len) => ProgressBar::new(len),
            None => ProgressBar::new_spinner(),
        };
        if let Ok(style) = ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    });
    let result = copy_body(response, &mut out, bar.as_ref(), offset).await;
    let flushed = out.flush().await;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let written = result?;
    flushed.map_err(write_failed)?;
    let size = offset + written;
    if offset > 0
        && let Some(whole) = total
        && size != whole
    {
        return Err(Failure {
            message: format!("resumed file is {size} bytes, the server's is {whole}"),
            code: 18,
        });
    }
    finish(&part, &meta, path, size, progress).await
}

/// Renames the complete part file into place and drops its resume note.
async fn finish(
    part: &Path,
    meta: &Path,
    path: &Path,
    size: u64,
    progress: bool,
) -> Result<(), Failure> {
    tokio::fs::rename(part, path).await.map_err(|e| Failure {
        message: format!(
            "cannot rename {} to {}: {e}",
            part.display(),
            path.display()
        ),
        code: 23,
    })?;
    let _ = tokio::fs::remove_file(meta).await;
    if progress && !std::io::stderr().is_terminal() {
        // No bar to show it; one line says what was saved.
        eprintln!("mummer: saved {size} bytes to {}", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_entries_parse_like_curl() {
        let (h, p, a) = parse_resolve("example.com:443:127.0.0.1")
            .ok()
            .expect("parses");
        assert_eq!(
            (h.as_str(), p, a.to_string().as_str()),
            ("example.com", 443, "127.0.0.1:443")
        );
        let (_, _, a) = parse_resolve("x:80:[::1]").ok().expect("parses");
        assert_eq!(a.to_string(), "[::1]:80");
        assert!(parse_resolve("x:notaport:127.0.0.1").is_err());
        assert!(parse_resolve("x:80").is_err());
    }
}
