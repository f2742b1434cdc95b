//! `Form`: a multipart/form-data body described from Python (fields, bytes, files on disk),
//! turned into the engine's `multipart::Form` when the request starts; the boundary follows
//! the request's browser profile.

use std::sync::Mutex;

use pyo3::prelude::*;

#[derive(Clone)]
enum Part {
    Text(String, Vec<u8>),
    Data {
        name: String,
        value: Vec<u8>,
        filename: Option<String>,
        content_type: Option<String>,
    },
    File {
        name: String,
        path: String,
        filename: Option<String>,
        content_type: Option<String>,
    },
}

/// A multipart/form-data body.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct Form {
    parts: Mutex<Vec<Part>>,
}

#[pymethods]
impl Form {
    #[new]
    fn new() -> Form {
        Form {
            parts: Mutex::new(Vec::new()),
        }
    }

    fn text(&self, name: String, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let value = match value.extract::<String>() {
            Ok(s) => s.into_bytes(),
            Err(_) => value.extract::<Vec<u8>>()?,
        };
        self.push(Part::Text(name, value));
        Ok(())
    }

    #[pyo3(signature = (name, value, filename = None, content_type = None))]
    fn data(
        &self,
        name: String,
        value: Vec<u8>,
        filename: Option<String>,
        content_type: Option<String>,
    ) {
        self.push(Part::Data {
            name,
            value,
            filename,
            content_type,
        });
    }

    #[pyo3(signature = (name, path, filename = None, content_type = None))]
    fn file(
        &self,
        name: String,
        path: String,
        filename: Option<String>,
        content_type: Option<String>,
    ) {
        self.push(Part::File {
            name,
            path,
            filename,
            content_type,
        });
    }
}

impl Form {
    fn push(&self, part: Part) {
        self.parts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(part);
    }

    /// The engine's form (files are checked now: a missing one fails the request here).
    pub(crate) fn build(&self) -> Result<mummer::multipart::Form, mummer::Error> {
        use mummer::multipart::Part as P;
        let parts = self.parts.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let mut form = mummer::multipart::Form::new();
        for part in parts {
            let (name, mut p, filename, content_type) = match part {
                Part::Text(name, value) => (name, P::bytes(value), None, None),
                Part::Data {
                    name,
                    value,
                    filename,
                    content_type,
                } => (name, P::bytes(value), filename, content_type),
                Part::File {
                    name,
                    path,
                    filename,
                    content_type,
                } => (name, P::file(&path)?, filename, content_type),
            };
            if let Some(f) = filename {
                p = p.file_name(f);
            }
            if let Some(ct) = content_type {
                p = p.mime_str(ct);
            }
            form = form.part(name, p);
        }
        Ok(form)
    }
}
