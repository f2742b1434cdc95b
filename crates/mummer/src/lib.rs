//! mummer: an HTTP client whose bodies never end short.
//!
//! A response body ends in exactly one way: complete (Content-Length reached, final chunk,
//! END_STREAM, compressed stream's end marker) or with an [`Error`] that says why (truncated
//! with the byte counts, reset, timeout, decode). A [`Response`] owns its connection and
//! outlives the [`Client`] that made it; a slow reader slows the server down instead of
//! filling memory.
//!
//! In scope here: the async [`Client`] and the [`blocking`] facade, HTTP/1.1 (through the
//! sans-IO `mummer-proto`) and HTTP/2 (through `http2`), TLS through BoringSSL, the pool,
//! content-decoding, and WebSockets over the same connections' shape ([`ws`]). Out of scope:
//! cookies, proxies, browser profiles (later layers).
//!
//! The async [`Client`] runs on tokio and needs its I/O and time drivers (`#[tokio::main]`,
//! or a runtime built with `enable_all`); the [`blocking`] facade brings its own.
//!
//! ```no_run
//! # async fn run() -> mummer::Result<()> {
//! let client = mummer::Client::builder()
//!     .read_timeout(std::time::Duration::from_secs(10))
//!     .build()?;
//! let text = client.get("https://example.com/").send().await?.text().await?;
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

pub mod blocking;
mod body;
mod client;
mod conn;
mod connect;
mod deadline;
mod decode;
pub mod embed;
mod error;
mod h1;
mod h2;
pub mod multipart;
mod options;
mod policy;
mod pool;
mod prepare;
mod request;
mod response;
mod run;
mod transport;
pub mod ws;

pub use body::Body;
pub use client::{Client, ClientBuilder};
pub use error::{BodyError, Error, Kind, ProtocolError, RedirectError, Result, TimeoutKind};
pub use policy::auth::Auth;
pub use policy::cookies::{Cookie, CookieJar, SameSite};
pub use policy::redirect::{Hop, RedirectPolicy};
pub use policy::retry::{Backoff, Retry};
pub use pool::PoolStats;
pub use request::{Request, RequestBuilder, RequestTemplate};
pub use response::{HeadFields, ReceivedFields, Response};
pub use transport::tcp::LocalAddress;

pub use mummer_profile::{Profile, ProfileError};
pub use transport::tls::unverifiable_signature_algorithms;

pub use bytes::Bytes;
pub use http::{HeaderMap, HeaderValue, Method, StatusCode, Version};
pub use url::Url;
