//! `mummer fingerprint`: see what a fingerprinting server sees (`serve`), which browser
//! profiles mummer can impersonate (`list`), and write a profile from a real client
//! (`capture`).

mod capture;
mod derive;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use mummer_testkit::{Capture, CaptureServer, Identity, TestCa};
use tokio::sync::broadcast::error::RecvError;

/// Options of `mummer fingerprint`.
#[derive(Args, Debug)]
pub(crate) struct FingerprintArgs {
    #[command(subcommand)]
    command: FingerprintCommand,
}

#[derive(Subcommand, Debug)]
enum FingerprintCommand {
    /// Run a local HTTPS (and plain HTTP/1.1) server that prints the fingerprint of every request
    /// it receives (JA4, JA3N, Akamai or HTTP/1.1 header order, User-Agent) and returns it as
    /// JSON, until Ctrl-C.
    Serve(ServeArgs),
    /// List the browser profiles mummer can impersonate: name, browser, version, aliases,
    /// where the values came from and when they were last checked.
    List,
    /// Run a locally installed browser (or any client) headless against a capture server, over
    /// HTTP/2 and HTTP/1.1, and write the profile TOML that reproduces what it sent.
    Capture(Box<capture::CaptureArgs>),
}

/// Options of `mummer fingerprint serve`.
#[derive(Args, Debug)]
struct ServeArgs {
    /// Port to listen on, on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8443)]
    port: u16,
    /// Server certificate (PEM, chain after the leaf) instead of a throwaway one.
    #[arg(long, value_name = "FILE", requires = "key")]
    cert: Option<PathBuf>,
    /// Private key for --cert (PEM).
    #[arg(long, value_name = "FILE", requires = "cert")]
    key: Option<PathBuf>,
}

pub(crate) async fn run(args: FingerprintArgs) -> ExitCode {
    match args.command {
        FingerprintCommand::Serve(args) => serve(args).await,
        FingerprintCommand::List => list(),
        FingerprintCommand::Capture(args) => capture::run(*args).await,
    }
}

/// Every profile, by browser and version (numerically: chrome_99 before chrome_100), each with
/// its aliases, where its values came from and when they were last checked on the wire.
fn list() -> ExitCode {
    use std::io::Write as _;
    let profiles = match mummer_profile::all() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("mummer fingerprint list: {e}");
            return ExitCode::from(1);
        }
    };
    let mut sorted: Vec<&mummer_profile::Profile> = profiles.iter().collect();
    let version = |v: &str| -> Vec<u32> {
        v.split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    sorted.sort_by(|a, b| {
        (&a.browser, version(&a.version), &a.name).cmp(&(&b.browser, version(&b.version), &b.name))
    });
    let mut out = std::io::stdout().lock();
    for p in sorted {
        let aliases = if p.aliases.is_empty() {
            "-".to_owned()
        } else {
            p.aliases.join(", ")
        };
        let checked = p
            .checked
            .as_deref()
            .unwrap_or("never (derived, not checked on the wire)");
        let source = if p.source.is_empty() {
            "-"
        } else {
            p.source.as_str()
        };
        let written = writeln!(
            out,
            "{:<20} {:<10} {:<10} aliases: {aliases}\n{:<20} checked {checked}; source: {source}",
            p.name, p.browser, p.version, ""
        );
        if written.is_err() {
            // A closed pipe (`| head`): nobody is reading any more.
            return ExitCode::SUCCESS;
        }
    }
    ExitCode::SUCCESS
}

/// The server identity and, for a throwaway one, the CA file clients must trust.
fn identity(args: &ServeArgs) -> Result<(Identity, Option<PathBuf>), String> {
    if let (Some(cert), Some(key)) = (&args.cert, &args.key) {
        let read = |path: &Path| {
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))
        };
        let identity = Identity {
            cert_pem: read(cert)?,
            key_pem: read(key)?,
        };
        return Ok((identity, None));
    }
    let ca = TestCa::new();
    let dir = std::env::temp_dir().join(format!("mummer-fingerprint-{}", std::process::id()));
    let ca_file = std::fs::create_dir_all(&dir)
        .and_then(|()| ca.write_ca_pem(&dir))
        .map_err(|e| format!("cannot write the CA certificate to {}: {e}", dir.display()))?;
    Ok((ca.issue(&["localhost", "127.0.0.1"]), Some(ca_file)))
}

async fn serve(args: ServeArgs) -> ExitCode {
    let (identity, ca_file) = match identity(&args) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("mummer fingerprint serve: {e}");
            return ExitCode::from(2);
        }
    };
    let addr = SocketAddr::from(([127, 0, 0, 1], args.port));
    let server = match CaptureServer::start_on(addr, identity).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("mummer fingerprint serve: cannot serve on {addr}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut captures = server.subscribe();
    let port = server.port();
    let url = format!("https://localhost:{port}/");
    println!("fingerprint server listening on {url} (plain HTTP/1.1 on the same port)");
    let cacert = match &ca_file {
        Some(path) => {
            println!("throwaway CA certificate: {}", path.display());
            format!("--cacert {} ", path.display())
        }
        None => String::new(),
    };
    println!("try:");
    println!("  curl {cacert}{url}");
    // The first shipped profile's shortest name, so no profile name is hardcoded here.
    if let Some(p) = mummer_profile::all().ok().and_then(|all| all.first()) {
        let name = p.aliases.first().unwrap_or(&p.name);
        println!("  mummer --impersonate {name} {cacert}{url}");
    }
    println!("one line per request below; Ctrl-C to stop");
    loop {
        match captures.recv().await {
            Ok(capture) => {
                println!("{}", line(&capture));
                // The lines are the record; keep the server's memory flat.
                server.clear();
            }
            Err(RecvError::Lagged(n)) => eprintln!("({n} requests not shown)"),
            Err(RecvError::Closed) => return ExitCode::SUCCESS,
        }
    }
}

/// One compact line: protocol, request line, JA4, JA3N hash, Akamai or HTTP/1.1 header order,
/// User-Agent.
fn line(c: &Capture) -> String {
    let (ja4, ja3n) = c
        .tls
        .as_ref()
        .map_or(("-", "-"), |t| (t.ja4.as_str(), t.ja3n_hash.as_str()));
    let tls = format!("JA4 {ja4} | JA3N {ja3n}");
    if let (Some(h2), Some(req)) = (&c.h2, c.h2_request()) {
        let header = |name: &str| {
            req.headers()
                .into_iter()
                .find(|(n, _)| *n == name)
                .map_or("-", |(_, v)| v)
                .to_owned()
        };
        format!(
            "{} {} {} | {tls} | Akamai {} | UA {:?}",
            if c.alpn.is_some() { "h2" } else { "h2c" },
            header(":method"),
            header(":path"),
            h2.akamai(),
            header("user-agent"),
        )
    } else if let Some(h1) = &c.h1 {
        let proto = if c.alpn.is_some() || c.client_hello.is_some() {
            "http/1.1"
        } else {
            "plain http/1.1"
        };
        format!(
            "{proto} {} {} | {tls} | H1 {} | UA {:?}",
            h1.method,
            h1.target,
            h1.header_names().join(","),
            h1.header("user-agent").unwrap_or("-"),
        )
    } else {
        format!("? | {tls}")
    }
}
