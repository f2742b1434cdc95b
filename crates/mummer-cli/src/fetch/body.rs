//! The request body a fetch's options describe: `-d` (joined with `&`), `--json`, or `-F`
//! multipart fields and files.

use std::path::Path;

use mummer::RequestBuilder;
use mummer::multipart::{Form, Part};

use super::{Failure, FetchArgs};

/// What goes in the request body.
pub(crate) enum Body {
    /// `-d` or `--json` bytes.
    Data(Vec<u8>),
    /// `-F` fields.
    Form(Form),
}

impl Body {
    pub(crate) fn from_args(args: &FetchArgs) -> Result<Option<Body>, Failure> {
        if !args.form.is_empty() {
            if args.json.is_some() || !args.data.is_empty() {
                return Err(Failure::usage("-F cannot be combined with -d or --json"));
            }
            let mut form = Form::new();
            for field in &args.form {
                let (name, part) = form_field(field)?;
                form = form.part(name, part);
            }
            return Ok(Some(Body::Form(form)));
        }
        if let Some(json) = &args.json {
            return Ok(Some(Body::Data(data_value(json)?)));
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
        Ok(Some(Body::Data(out)))
    }

    /// Puts the body on the request, with the Content-Type curl would send unless one was
    /// given (a form's, with its boundary, is set when the request goes out).
    pub(crate) fn apply(
        self,
        request: RequestBuilder,
        has_content_type: bool,
        json: bool,
    ) -> RequestBuilder {
        match self {
            Body::Form(form) => request.multipart(form),
            Body::Data(bytes) => {
                let mut request = request;
                if !has_content_type {
                    let ct = if json {
                        "application/json"
                    } else {
                        "application/x-www-form-urlencoded"
                    };
                    request = request.header("Content-Type", ct);
                }
                if json {
                    request = request.header("Accept", "application/json");
                }
                request.body(bytes)
            }
        }
    }
}

/// One `-F` argument: `name=value`, `name=@path[;type=T][;filename=F]`, `name=<path`.
fn form_field(arg: &str) -> Result<(String, Part), Failure> {
    let (name, content) = arg
        .split_once('=')
        .ok_or_else(|| Failure::usage(format!("-F wants NAME=CONTENT, got {arg:?}")))?;
    if let Some(spec) = content.strip_prefix('@') {
        let mut attrs = spec.split(';');
        let path = attrs.next().unwrap_or_default();
        let mut part = Part::file(path).map_err(|e| Failure::usage(format!("-F {name}: {e}")))?;
        for attr in attrs {
            match attr.trim().split_once('=') {
                Some(("type", t)) => part = part.mime_str(t),
                Some(("filename", f)) => part = part.file_name(f.trim_matches('"')),
                _ => {
                    return Err(Failure::usage(format!(
                        "-F {name}: unknown attribute {attr:?} (type=, filename=)"
                    )));
                }
            }
        }
        return Ok((name.to_string(), part));
    }
    if let Some(path) = content.strip_prefix('<') {
        let text = read_file(Path::new(path))?;
        return Ok((name.to_string(), Part::bytes(text)));
    }
    Ok((name.to_string(), Part::text(content)))
}

/// An option value, or with `@file` a file's content (`@-`: standard input).
pub(crate) fn data_value(value: &str) -> Result<Vec<u8>, Failure> {
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

pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))
}
