//! `Response`: a response head and its metadata, with the whole body (`content`) or a
//! `Stream`. The engine's values are moved into [`Head`] on the runtime, as they are, and
//! turned into Python objects only when Python asks, on a Python thread.

use bytes::Bytes;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

use crate::stream::{Reader, Stream};

/// A cookie as plain values.
#[derive(Clone)]
pub(crate) struct CookieData {
    pub(crate) name: String,
    pub(crate) value: String,
    pub(crate) domain: String,
    pub(crate) host_only: bool,
    pub(crate) path: String,
    pub(crate) secure: bool,
    pub(crate) http_only: bool,
    pub(crate) same_site: Option<&'static str>,
    pub(crate) expires: Option<f64>,
}

impl From<&mummer::Cookie> for CookieData {
    fn from(c: &mummer::Cookie) -> CookieData {
        use mummer::SameSite;
        CookieData {
            name: c.name.clone(),
            value: c.value.clone(),
            domain: c.domain.clone(),
            host_only: c.host_only,
            path: c.path.clone(),
            secure: c.secure,
            http_only: c.http_only,
            same_site: c.same_site.map(|s| match s {
                SameSite::Strict => "Strict",
                SameSite::Lax => "Lax",
                SameSite::None => "None",
            }),
            expires: c.expires.and_then(|t| {
                t.duration_since(std::time::UNIX_EPOCH)
                    .ok()
                    .map(|d| d.as_secs_f64())
            }),
        }
    }
}

impl CookieData {
    pub(crate) fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("name", &self.name)?;
        d.set_item("value", &self.value)?;
        d.set_item("domain", &self.domain)?;
        d.set_item("host_only", self.host_only)?;
        d.set_item("path", &self.path)?;
        d.set_item("secure", self.secure)?;
        d.set_item("http_only", self.http_only)?;
        d.set_item("same_site", self.same_site)?;
        d.set_item("expires", self.expires)?;
        Ok(d)
    }
}

/// One redirect hop as plain values.
pub(crate) struct HopData {
    url: String,
    status: u16,
    reason: String,
    version: &'static str,
    headers: Vec<(String, String)>,
    cookies: Vec<CookieData>,
}

/// Everything about a response but its body. The engine's own values are moved in as they
/// are (header maps, raw bytes, the URL) and turned into text only when Python asks: most
/// responses never have most of their fields read, and copying them all cost ~45 allocations
/// a request.
pub(crate) struct Head {
    status: u16,
    version: &'static str,
    url: mummer::Url,
    fields: mummer::HeadFields,
    request_method: mummer::Method,
    history: Vec<HopData>,
    cookies: Vec<CookieData>,
    elapsed: f64,
    remote: Option<std::net::SocketAddr>,
    local: Option<std::net::SocketAddr>,
    header_size: u64,
    retries: u32,
}

fn version(v: mummer::Version) -> &'static str {
    match v {
        mummer::Version::HTTP_2 => "2",
        mummer::Version::HTTP_10 => "1.0",
        _ => "1.1",
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl Head {
    /// The head of `r`, its text fields moved out of it (its body stays to be read).
    pub(crate) fn of(r: &mut mummer::Response) -> Head {
        Head {
            status: r.status().as_u16(),
            version: version(r.version()),
            url: r.url().clone(),
            fields: r.take_head(),
            request_method: r.request_method().clone(),
            history: r
                .history()
                .iter()
                .map(|h| HopData {
                    url: h.url().to_string(),
                    status: h.status().as_u16(),
                    reason: h.reason().to_string(),
                    version: version(h.version()),
                    headers: h
                        .headers()
                        .iter()
                        .map(|(n, v)| (n.to_string(), text(v.as_bytes())))
                        .collect(),
                    cookies: h.cookies().iter().map(CookieData::from).collect(),
                })
                .collect(),
            cookies: r.cookies().iter().map(CookieData::from).collect(),
            elapsed: r.elapsed().as_secs_f64(),
            remote: r.remote_addr(),
            local: r.local_addr(),
            header_size: r.header_size(),
            retries: r.retries(),
        }
    }
}

/// The body, as the runtime handed it over.
pub(crate) enum BodyData {
    /// Read whole: the chunks, the raw byte count and resumes, and whether the body ended
    /// with a TLS connection closed without close_notify.
    Whole {
        chunks: Vec<Bytes>,
        raw_bytes: u64,
        resumes: u32,
        close_notify_missing: bool,
    },
    Stream(Reader),
}

/// A response head, with its whole body or a stream.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct Response {
    head: Head,
    content: Option<Py<PyBytes>>,
    raw_bytes: u64,
    resumes: u32,
    close_notify_missing: bool,
    stream: Option<Py<Stream>>,
}

impl Response {
    pub(crate) fn new(py: Python<'_>, head: Head, body: BodyData) -> PyResult<Response> {
        Ok(match body {
            BodyData::Whole {
                chunks,
                raw_bytes,
                resumes,
                close_notify_missing,
            } => {
                let content = crate::stream::to_bytes(py, &chunks)?;
                Response {
                    head,
                    content: Some(content.unbind()),
                    raw_bytes,
                    resumes,
                    close_notify_missing,
                    stream: None,
                }
            }
            BodyData::Stream(reader) => Response {
                head,
                content: None,
                raw_bytes: 0,
                resumes: 0,
                close_notify_missing: false,
                stream: Some(Py::new(
                    py,
                    Stream {
                        shared: crate::runtime::ForkSafe::new(reader),
                    },
                )?),
            },
        })
    }
}

fn pairs<'py>(py: Python<'py>, list: &[(String, String)]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, list.iter().map(|(n, v)| (n.as_str(), v.as_str())))
}

/// (name, value) str pairs, values decoded as UTF-8 with invalid bytes replaced (borrowed
/// when valid: no copy on the way to the Python string).
fn raw_pairs<'py, 'a>(
    py: Python<'py>,
    list: impl ExactSizeIterator<Item = (&'a str, &'a [u8])>,
) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, list.map(|(n, v)| (n, String::from_utf8_lossy(v))))
}

/// An address's IP as text ("" for none). A session talks to few addresses from fewer, and
/// every response's summary has both: the strings of the last few are kept (with the GIL held,
/// so the lock is never contended) rather than formatted again each time.
fn ip_text(py: Python<'_>, addr: Option<std::net::SocketAddr>) -> Bound<'_, PyString> {
    use std::sync::Mutex;
    static RECENT: Mutex<Vec<(std::net::IpAddr, Py<PyString>)>> = Mutex::new(Vec::new());
    let Some(ip) = addr.map(|a| a.ip()) else {
        return PyString::new(py, "");
    };
    let lock = || RECENT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, text)) = lock().iter().find(|(known, _)| *known == ip) {
        return text.bind(py).clone();
    }
    let text = PyString::new(py, &ip.to_string());
    // Out of the lock: dropping a string that falls out runs no Python code, but nothing
    // Python-side should ever run under it.
    let evicted = {
        let mut recent = lock();
        let evicted = (recent.len() >= 8).then(|| recent.remove(0));
        recent.push((ip, text.clone().unbind()));
        evicted
    };
    drop(evicted);
    text
}

fn cookies<'py>(py: Python<'py>, list: &[CookieData]) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for c in list {
        out.append(c.to_dict(py)?)?;
    }
    Ok(out)
}

#[pymethods]
impl Response {
    #[getter]
    fn status(&self) -> u16 {
        self.head.status
    }

    #[getter]
    fn reason(&self) -> &str {
        &self.head.fields.reason
    }

    #[getter]
    fn http_version(&self) -> &'static str {
        self.head.version
    }

    #[getter]
    fn url(&self) -> &str {
        self.head.url.as_str()
    }

    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        match &self.head.fields.received {
            mummer::ReceivedFields::Spelled(fields) => {
                raw_pairs(py, fields.iter().map(|(n, v)| (n.as_str(), v.as_slice())))
            }
            mummer::ReceivedFields::Map(map) => {
                let out = PyList::empty(py);
                for (n, v) in map {
                    out.append((n.as_str(), String::from_utf8_lossy(v.as_bytes())))?;
                }
                Ok(out)
            }
        }
    }

    #[getter]
    fn request_method(&self) -> &str {
        self.head.request_method.as_str()
    }

    #[getter]
    fn request_headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        raw_pairs(
            py,
            self.head
                .fields
                .sent
                .iter()
                .map(|(n, v)| (&**n, v.as_ref())),
        )
    }

    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for h in &self.head.history {
            let d = PyDict::new(py);
            d.set_item("url", &h.url)?;
            d.set_item("status", h.status)?;
            d.set_item("reason", &h.reason)?;
            d.set_item("http_version", h.version)?;
            d.set_item("headers", pairs(py, &h.headers)?)?;
            d.set_item("cookies", cookies(py, &h.cookies)?)?;
            out.append(d)?;
        }
        Ok(out)
    }

    #[getter]
    fn cookies<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        cookies(py, &self.head.cookies)
    }

    #[getter]
    fn elapsed(&self) -> f64 {
        self.head.elapsed
    }

    #[getter]
    fn primary_ip<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        ip_text(py, self.head.remote)
    }

    #[getter]
    fn primary_port(&self) -> u16 {
        self.head.remote.map_or(0, |a| a.port())
    }

    #[getter]
    fn local_ip<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        ip_text(py, self.head.local)
    }

    #[getter]
    fn local_port(&self) -> u16 {
        self.head.local.map_or(0, |a| a.port())
    }

    #[getter]
    fn redirect_count(&self) -> usize {
        self.head.history.len()
    }

    #[getter]
    fn header_size(&self) -> u64 {
        self.head.header_size
    }

    #[getter]
    fn retries(&self) -> u32 {
        self.head.retries
    }

    #[getter]
    fn content<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        self.content.as_ref().map(|c| c.bind(py).clone())
    }

    #[getter]
    fn raw_bytes(&self) -> u64 {
        self.raw_bytes
    }

    #[getter]
    fn resumes(&self) -> u32 {
        self.resumes
    }

    /// The body ended with a TLS connection the server closed without close_notify (a
    /// close-delimited body): its end cannot be told from a cut.
    #[getter]
    fn close_notify_missing(&self) -> bool {
        self.close_notify_missing
    }

    #[getter]
    fn stream<'py>(&self, py: Python<'py>) -> Option<Bound<'py, Stream>> {
        self.stream.as_ref().map(|s| s.bind(py).clone())
    }

    /// What `_fill` reads, in one call instead of fifteen: ((url, status, reason,
    /// http_version), (redirect_count, primary_ip, primary_port, local_ip, local_port,
    /// header_size, retries), (content, raw_bytes, resumes, stream, close_notify_missing)).
    #[allow(clippy::type_complexity)]
    fn summary<'py>(
        &self,
        py: Python<'py>,
    ) -> (
        (&str, u16, &str, &'static str),
        (
            usize,
            Bound<'py, PyString>,
            u16,
            Bound<'py, PyString>,
            u16,
            u64,
            u32,
        ),
        (
            Option<Bound<'py, PyBytes>>,
            u64,
            u32,
            Option<Bound<'py, Stream>>,
            bool,
        ),
    ) {
        (
            (
                self.url(),
                self.status(),
                self.reason(),
                self.http_version(),
            ),
            (
                self.redirect_count(),
                self.primary_ip(py),
                self.primary_port(),
                self.local_ip(py),
                self.local_port(),
                self.header_size(),
                self.retries(),
            ),
            (
                self.content(py),
                self.raw_bytes,
                self.resumes,
                self.stream(py),
                self.close_notify_missing,
            ),
        )
    }
}
