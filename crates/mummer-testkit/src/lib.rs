//! Test servers for mummer's integration tests, the CLI's `mummer demo` and benchmarks.
//!
//! In scope:
//! - [`ca`]: a throwaway certificate authority and leaf identities (btls, EC P-256).
//! - [`tls`]: server-side TLS acceptors with ALPN selection.
//! - [`pattern`]: deterministic, cheaply generated body bytes that can be verified at any offset.
//! - [`script`]: a scripted HTTP/1.1 fault server (raw bytes, exact control over timing and closes).
//! - [`h2script`]: a scripted HTTP/2 fault server over TLS.
//! - [`content`]: a well-behaved content server (HTTP/1.1 and HTTP/2, plain or TLS).
//! - [`proxy`]: a forward proxy, HTTP (CONNECT and absolute-form) or SOCKS5, with optional
//!   credentials and a refusing mode.
//! - [`capture`]: a fingerprint capture server echoing what each client sent (ClientHello, HTTP/2
//!   preface and header blocks, HTTP/1.1 heads) as JSON, with `/page/` routes that lead a real
//!   browser through cookies, Referer and multipart POSTs (request bodies kept).
//!
//! Every server listens on `127.0.0.1` port 0 (the capture server can also take a fixed address,
//! for the CLI). `start` functions spawn the server on the caller's tokio runtime;
//! `spawn_on_thread` variants create a private multi-thread runtime so synchronous code can use
//! them too. Dropping a server handle stops accepting new connections;
//! connections already accepted run until they finish (or, for `spawn_on_thread` servers, until
//! the private runtime shuts down with the handle).
//!
//! The `mummer-testserver` binary runs the content servers, a capture server and proxies in one
//! process for the Python tests (see its source for the JSON line it prints).
//!
//! Out of scope: anything resembling a production server (no limits tuning, no graceful drain).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod ca;
pub mod capture;
pub mod content;
pub mod h2script;
pub mod pattern;
pub mod proxy;
pub mod script;
pub mod tls;
pub mod ws;

mod conn;
mod core;

pub use ca::{Identity, TestCa, untrusted_identity};
pub use capture::{Capture, CaptureOptions, CaptureServer, RequestBody};
pub use content::{ContentOptions, ContentServer};
pub use h2script::{H2Request, H2ScriptServer, H2Step};
pub use proxy::{ProxyOptions, ProxyProtocol, ProxyServer};
pub use script::{ScriptServer, Step, chunked, response_with_length};
pub use ws::{ClientFrame, WsConnection, WsServer};
