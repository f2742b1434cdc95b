//! `mummer`: a curl-like command-line HTTP client on the mummer engine.
//!
//! `mummer [OPTIONS] URL` fetches a URL; `mummer demo` shows the engine at work against an
//! embedded loopback HTTPS server; `mummer fingerprint serve` prints what a fingerprinting
//! server sees of each client and `mummer fingerprint list` lists the browser profiles;
//! `mummer ws URL` opens a WebSocket with standard input and output as its two ends. An
//! incomplete body always exits non-zero with a one-line reason, and a download to a file is
//! written to `FILE.part` and renamed only when complete.

mod demo;
mod fetch;
mod fingerprint;
mod ws;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Command line of `mummer`.
#[derive(Parser, Debug)]
#[command(
    name = "mummer",
    version,
    about = "An HTTP client that never loses a byte silently",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    fetch: fetch::FetchArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start an embedded loopback HTTPS server and show the engine at work: HTTP/2 and
    /// HTTP/1.1 requests, a large download verified by SHA-256, and a truncated body caught.
    Demo(demo::DemoArgs),
    /// See what a fingerprinting server sees: `serve` runs a local server printing the JA4,
    /// JA3N, Akamai and header-order fingerprint of every request; `list` shows the browser
    /// profiles mummer can impersonate; `capture` writes a profile from a local browser.
    Fingerprint(fingerprint::FingerprintArgs),
    /// Open a WebSocket (like websocat): standard input lines become messages, received
    /// messages go to standard output; exit 0 on a clean close, non-zero with a one-line
    /// reason otherwise.
    Ws(Box<ws::WsArgs>),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mummer: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Some(Command::Demo(args)) => runtime.block_on(demo::run(args)),
        Some(Command::Fingerprint(args)) => runtime.block_on(fingerprint::run(args)),
        Some(Command::Ws(args)) => runtime.block_on(ws::run(*args)),
        None => runtime.block_on(fetch::run(cli.fetch)),
    }
}
