//! `CookieJar`: the engine's RFC 6265 jar, shared with Python (`mummer.requests.Cookies` wraps
//! it). Requests read and fill the same jar the Python code reads and edits.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::time::{Duration, UNIX_EPOCH};

use crate::errors;
use crate::response::CookieData;

/// An RFC 6265 cookie jar.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct CookieJar {
    pub(crate) jar: mummer::CookieJar,
}

fn list<'py>(py: Python<'py>, cookies: Vec<mummer::Cookie>) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for c in &cookies {
        out.append(CookieData::from(c).to_dict(py)?)?;
    }
    Ok(out)
}

#[pymethods]
impl CookieJar {
    #[new]
    fn new() -> CookieJar {
        CookieJar {
            jar: mummer::CookieJar::new(),
        }
    }

    fn __len__(&self) -> usize {
        self.jar.lock().len()
    }

    fn all<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let cookies: Vec<_> = self.jar.lock().iter().collect();
        list(py, cookies)
    }

    #[pyo3(signature = (name, domain = None, path = None))]
    fn get_all<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        domain: Option<&str>,
        path: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let cookies = self.jar.lock().get_all(name, domain, path);
        list(py, cookies)
    }

    #[pyo3(signature = (name, value, domain = "", path = "/", secure = false))]
    fn set(&self, name: &str, value: &str, domain: &str, path: &str, secure: bool) -> PyResult<()> {
        self.jar
            .lock()
            .insert(name, value, domain, path, secure)
            .map_err(|e| errors::option(format!("cookie {name:?}: {e}")))
    }

    /// A cookie from a dict as `all()` returns them.
    fn set_cookie(&self, cookie: &Bound<'_, PyDict>) -> PyResult<()> {
        let text = |key: &str| -> PyResult<String> {
            Ok(cookie
                .get_item(key)?
                .filter(|v| !v.is_none())
                .map(|v| v.extract::<String>())
                .transpose()?
                .unwrap_or_default())
        };
        let flag = |key: &str| -> PyResult<bool> {
            Ok(cookie
                .get_item(key)?
                .filter(|v| !v.is_none())
                .map(|v| v.extract::<bool>())
                .transpose()?
                .unwrap_or(false))
        };
        let mut c = mummer::Cookie::new(text("name")?, text("value")?);
        c.domain = text("domain")?;
        let path = text("path")?;
        if !path.is_empty() {
            c.path = path;
        }
        c.host_only = flag("host_only")?;
        c.secure = flag("secure")?;
        c.http_only = flag("http_only")?;
        c.same_site = match text("same_site")?.to_ascii_lowercase().as_str() {
            "strict" => Some(mummer::SameSite::Strict),
            "lax" => Some(mummer::SameSite::Lax),
            "none" => Some(mummer::SameSite::None),
            _ => None,
        };
        c.expires = cookie
            .get_item("expires")?
            .filter(|v| !v.is_none())
            .map(|v| v.extract::<f64>())
            .transpose()?
            .and_then(|s| Duration::try_from_secs_f64(s).ok())
            .map(|d| UNIX_EPOCH + d);
        let name = c.name.clone();
        self.jar
            .lock()
            .set(c)
            .map_err(|e| errors::option(format!("cookie {name:?}: {e}")))
    }

    #[pyo3(signature = (name, domain = None, path = None))]
    fn remove(&self, name: &str, domain: Option<&str>, path: Option<&str>) -> usize {
        self.jar.lock().remove(name, domain, path)
    }

    #[pyo3(signature = (domain = None, path = None))]
    fn clear(&self, domain: Option<&str>, path: Option<&str>) {
        self.jar.lock().clear(domain, path);
    }

    fn header_for(&self, url: &str) -> PyResult<Option<String>> {
        let url = mummer::Url::parse(url).map_err(|e| errors::option(format!("bad URL: {e}")))?;
        Ok(self.jar.header_for(&url))
    }

    fn to_netscape(&self) -> String {
        self.jar.to_netscape()
    }

    fn load_netscape(&self, text: &str) -> PyResult<usize> {
        self.jar
            .lock()
            .load_netscape(text)
            .map_err(|e| errors::option(format!("cookies.txt: {e}")))
    }
}
