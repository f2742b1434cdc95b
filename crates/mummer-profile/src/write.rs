//! Writing a profile back as TOML in the layout of `profiles/*.toml`, and comparing two
//! profiles field by field on what reaches the wire.

use std::fmt::Write as _;

use crate::{
    Http1Profile, Http2Profile, Priority, Profile, TlsProfile, WebSocketProfile, decode_hex, names,
};

/// Longest line the writer aims for when it wraps a list.
const WIDTH: usize = 100;

/// A TOML string: literal (`'...'`) when the text has double quotes and nothing a literal
/// string cannot hold, basic (`"..."`, escaped) otherwise.
fn string(text: &str) -> String {
    let literal_ok = !text.contains('\'') && !text.chars().any(char::is_control);
    if text.contains('"') && literal_ok {
        return format!("'{text}'");
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `key = [..]`, on one line when it fits, else wrapped with two-space indentation.
fn list(out: &mut String, key: &str, items: &[String]) {
    let quoted: Vec<String> = items.iter().map(|s| string(s)).collect();
    let one_line = format!("{key} = [{}]", quoted.join(", "));
    if one_line.len() <= WIDTH {
        out.push_str(&one_line);
        out.push('\n');
        return;
    }
    let _ = writeln!(out, "{key} = [");
    let mut line = String::from(" ");
    for q in &quoted {
        if line.len() + 1 + q.len() + 1 > WIDTH && line.len() > 1 {
            let _ = writeln!(out, "{}", line.trim_end());
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(q);
        line.push(',');
    }
    if line.len() > 1 {
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push_str("]\n");
}

fn priority(p: &Priority) -> String {
    format!(
        "{{ exclusive = {}, depends_on = {}, weight = {} }}",
        p.exclusive, p.depends_on, p.weight
    )
}

/// `text` as `# ` comment lines, words wrapped at [`WIDTH`]; a line starting with `- ` keeps its
/// continuation lines indented under the item.
fn comment(out: &mut String, text: &str) {
    for para in text.lines() {
        if para.trim().is_empty() {
            out.push_str("#\n");
            continue;
        }
        let continuation = if para.starts_with("- ") { "#   " } else { "# " };
        let mut line = String::from("# ");
        let mut empty = true;
        for word in para.split_whitespace() {
            if !empty && line.len() + 1 + word.len() > WIDTH {
                let _ = writeln!(out, "{line}");
                line = continuation.to_string();
                empty = true;
            }
            if !empty {
                line.push(' ');
            }
            line.push_str(word);
            empty = false;
        }
        let _ = writeln!(out, "{line}");
    }
}

/// Comments to place in the written TOML: above the whole file, and above given fields.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    /// Lines for the top of the file (without `# `).
    pub header: Vec<String>,
    /// (field, line): a comment above a field, named as `name`, `headers`, `tls.grease`,
    /// `http2.header_order`, `http1.header_order`, ...; several lines per field are kept in
    /// order.
    pub fields: Vec<(String, String)>,
}

impl Notes {
    /// Adds a comment line above `field`.
    pub fn note(&mut self, field: &str, line: impl Into<String>) {
        self.fields.push((field.to_string(), line.into()));
    }
}

struct Writer<'a> {
    out: String,
    notes: &'a Notes,
    table: &'static str,
}

impl Writer<'_> {
    fn comments(&mut self, key: &str) {
        let path = if self.table.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.table)
        };
        for (field, line) in &self.notes.fields {
            if *field == path {
                comment(&mut self.out, line);
            }
        }
    }

    /// Whether `notes` has a comment for `key` in the current table.
    fn has_note(&self, key: &str) -> bool {
        let path = format!("{}.{key}", self.table);
        self.notes.fields.iter().any(|(f, _)| *f == path)
    }

    fn raw(&mut self, key: &str, value: impl std::fmt::Display) {
        self.comments(key);
        let _ = writeln!(self.out, "{key} = {value}");
    }

    fn str(&mut self, key: &str, value: &str) {
        self.raw(key, string(value));
    }

    fn list(&mut self, key: &str, items: &[String]) {
        self.comments(key);
        list(&mut self.out, key, items);
    }

    fn table(&mut self, name: &'static str) {
        self.out.push('\n');
        self.table = "";
        self.comments(name);
        let _ = writeln!(self.out, "[{name}]");
        self.table = name;
    }
}

impl Profile {
    /// This profile as TOML in the layout of `profiles/*.toml` (fields in model order, fields
    /// at their default left out); [`Profile::from_toml`] reads it back to an equal profile.
    pub fn to_toml(&self) -> String {
        self.to_toml_with_notes(&Notes::default())
    }

    /// [`Profile::to_toml`] with comments from `notes`.
    pub fn to_toml_with_notes(&self, notes: &Notes) -> String {
        let mut w = Writer {
            out: String::new(),
            notes,
            table: "",
        };
        for line in &notes.header {
            comment(&mut w.out, line);
        }
        w.str("name", &self.name);
        w.str("browser", &self.browser);
        w.str("version", &self.version);
        w.list("aliases", &self.aliases);
        w.str("source", &self.source);
        if let Some(checked) = &self.checked {
            w.str("checked", checked);
        }
        w.str("form_boundary", &self.form_boundary);
        w.out.push('\n');
        w.comments("headers");
        w.out.push_str("headers = [\n");
        for (name, value) in &self.headers {
            let _ = writeln!(w.out, "  [{}, {}],", string(name), string(value));
        }
        w.out.push_str("]\n");
        w.table("tls");
        write_tls(&mut w, &self.tls);
        w.table("http2");
        write_http2(&mut w, &self.http2);
        w.table("http1");
        write_http1(&mut w, &self.http1);
        if let Some(ws) = &self.websocket {
            w.table("websocket");
            write_websocket(&mut w, ws);
        }
        w.out
    }
}

fn write_tls(w: &mut Writer<'_>, t: &TlsProfile) {
    w.list("cipher_suites", &t.cipher_suites);
    if t.preserve_tls13_cipher_order {
        w.raw("preserve_tls13_cipher_order", true);
    }
    w.raw("grease", t.grease);
    if t.grease_signature_algorithms {
        w.raw("grease_signature_algorithms", true);
    }
    w.raw("permute_extensions", t.permute_extensions);
    if !t.extension_order.is_empty() {
        w.list("extension_order", &t.extension_order);
    }
    w.list("supported_groups", &t.supported_groups);
    w.list("key_shares", &t.key_shares);
    w.list("signature_algorithms", &t.signature_algorithms);
    if !t.delegated_credentials.is_empty() {
        w.list("delegated_credentials", &t.delegated_credentials);
    }
    w.list("alpn", &t.alpn);
    if !t.alps.is_empty() {
        w.list("alps", &t.alps);
        w.raw("alps_new_codepoint", t.alps_new_codepoint);
    }
    w.list("cert_compression", &t.cert_compression);
    w.raw("ech_grease", t.ech_grease);
    if let Some(len) = t.ech_grease_payload_len {
        w.raw("ech_grease_payload_len", len);
    }
    if t.ech_grease_random_aead {
        w.raw("ech_grease_random_aead", true);
    }
    if let Some(ids) = &t.trust_anchor_ids {
        let hex: String = ids.chars().filter(|c| !c.is_whitespace()).collect();
        if hex.len() <= 60 {
            w.str("trust_anchor_ids", &hex);
        } else {
            let lines: Vec<&str> = hex
                .as_bytes()
                .chunks(84)
                .map(|c| std::str::from_utf8(c).unwrap_or_default())
                .collect();
            w.raw(
                "trust_anchor_ids",
                format!("\"\"\"\n{}\"\"\"", lines.join("\n")),
            );
        }
    }
    if !t.ocsp_stapling {
        w.raw("ocsp_stapling", false);
    }
    if !t.signed_cert_timestamps {
        w.raw("signed_cert_timestamps", false);
    }
    if !t.session_ticket {
        w.raw("session_ticket", false);
    }
    if !t.psk_key_exchange_modes {
        w.raw("psk_key_exchange_modes", false);
    }
    if let Some(limit) = t.record_size_limit {
        w.raw("record_size_limit", limit);
    }
    if t.min_version != "TLS1.2" || w.has_note("min_version") {
        w.str("min_version", &t.min_version);
    }
    if t.max_version != "TLS1.3" || w.has_note("max_version") {
        w.str("max_version", &t.max_version);
    }
}

fn write_http2(w: &mut Writer<'_>, h: &Http2Profile) {
    let settings: Vec<String> = h
        .settings
        .iter()
        .map(|(id, v)| format!("[{id}, {v}]"))
        .collect();
    w.raw("settings", format!("[{}]", settings.join(", ")));
    w.raw("window_update", h.window_update);
    if !h.priority_frames.is_empty() {
        let frames: Vec<String> = h
            .priority_frames
            .iter()
            .map(|f| {
                format!(
                    "  {{ stream_id = {}, exclusive = {}, depends_on = {}, weight = {} }},",
                    f.stream_id, f.priority.exclusive, f.priority.depends_on, f.priority.weight
                )
            })
            .collect();
        w.raw("priority_frames", format!("[\n{}\n]", frames.join("\n")));
    }
    if let Some(p) = &h.headers_priority {
        w.raw("headers_priority", priority(p));
    }
    w.raw("initial_stream_id", h.initial_stream_id);
    w.list("pseudo_header_order", &h.pseudo_header_order);
    w.list("header_order", &h.header_order);
    if h.split_cookies {
        w.raw("split_cookies", true);
    }
}

fn write_http1(w: &mut Writer<'_>, h: &Http1Profile) {
    w.list("header_order", &h.header_order);
}

fn write_websocket(w: &mut Writer<'_>, ws: &WebSocketProfile) {
    w.list("alpn", &ws.alpn);
    w.list("header_order", &ws.header_order);
    w.comments("headers");
    w.out.push_str("headers = [\n");
    for (name, value) in &ws.headers {
        let _ = writeln!(w.out, "  [{}, {}],", string(name), string(value));
    }
    w.out.push_str("]\n");
    w.str("extensions", &ws.extensions);
    w.raw("rfc8441", ws.rfc8441);
    if !ws.http2_header_order.is_empty() {
        w.list("http2_header_order", &ws.http2_header_order);
    }
    if let Some(p) = &ws.http2_priority {
        w.raw("http2_priority", priority(p));
    }
}

/// The cipher suites a profile puts on the wire, in order: BoringSSL fixes the TLS 1.3 suites
/// (all three, AES first) unless `preserve_tls13_cipher_order` keeps the listed ones.
fn wire_ciphers(t: &TlsProfile) -> Vec<u16> {
    let codes: Vec<u16> = t
        .cipher_suites
        .iter()
        .filter_map(|n| names::cipher_suite(n))
        .collect();
    if t.preserve_tls13_cipher_order {
        return codes;
    }
    let mut out = vec![0x1301, 0x1302, 0x1303];
    out.extend(codes.into_iter().filter(|c| !(0x1301..=0x1305).contains(c)));
    out
}

/// Every field in which `a` and `b` differ on the wire, as `field: a | b` lines: everything
/// but the descriptive fields (name, browser, version, aliases, source, checked). Default
/// headers are compared by name (any case, any order in the list), trust anchor IDs as bytes,
/// cipher suites as BoringSSL sends them, and names by codepoint (`x25519` and `0x001d` alike).
pub fn wire_differences(a: &Profile, b: &Profile) -> Vec<String> {
    let mut out = Vec::new();
    let mut diff = |field: &str, x: String, y: String| {
        if x != y {
            out.push(format!("{field}: {x} | {y}"));
        }
    };
    let dbg = |v: &dyn std::fmt::Debug| format!("{v:?}");
    let codes = |list: &[String], f: fn(&str) -> Option<u16>| -> String {
        let v: Vec<String> = list
            .iter()
            .map(|n| f(n).map_or_else(|| n.clone(), |c| format!("{c:#06x}")))
            .collect();
        v.join(",")
    };
    let (ta, tb) = (&a.tls, &b.tls);
    diff(
        "tls.cipher_suites",
        dbg(&wire_ciphers(ta)),
        dbg(&wire_ciphers(tb)),
    );
    diff("tls.grease", dbg(&ta.grease), dbg(&tb.grease));
    diff(
        "tls.grease_signature_algorithms",
        dbg(&ta.grease_signature_algorithms),
        dbg(&tb.grease_signature_algorithms),
    );
    diff(
        "tls.permute_extensions",
        dbg(&ta.permute_extensions),
        dbg(&tb.permute_extensions),
    );
    diff(
        "tls.extension_order",
        codes(&ta.extension_order, names::extension),
        codes(&tb.extension_order, names::extension),
    );
    diff(
        "tls.supported_groups",
        codes(&ta.supported_groups, names::group),
        codes(&tb.supported_groups, names::group),
    );
    diff(
        "tls.key_shares",
        codes(&ta.key_shares, names::group),
        codes(&tb.key_shares, names::group),
    );
    diff(
        "tls.signature_algorithms",
        codes(&ta.signature_algorithms, names::signature_algorithm),
        codes(&tb.signature_algorithms, names::signature_algorithm),
    );
    diff(
        "tls.delegated_credentials",
        codes(&ta.delegated_credentials, names::signature_algorithm),
        codes(&tb.delegated_credentials, names::signature_algorithm),
    );
    diff("tls.alpn", dbg(&ta.alpn), dbg(&tb.alpn));
    diff("tls.alps", dbg(&ta.alps), dbg(&tb.alps));
    if !ta.alps.is_empty() || !tb.alps.is_empty() {
        diff(
            "tls.alps_new_codepoint",
            dbg(&ta.alps_new_codepoint),
            dbg(&tb.alps_new_codepoint),
        );
    }
    diff(
        "tls.cert_compression",
        codes(&ta.cert_compression, names::cert_compression),
        codes(&tb.cert_compression, names::cert_compression),
    );
    diff("tls.ech_grease", dbg(&ta.ech_grease), dbg(&tb.ech_grease));
    diff(
        "tls.ech_grease_payload_len",
        dbg(&ta.ech_grease_payload_len),
        dbg(&tb.ech_grease_payload_len),
    );
    diff(
        "tls.ech_grease_random_aead",
        dbg(&ta.ech_grease_random_aead),
        dbg(&tb.ech_grease_random_aead),
    );
    let anchors = |t: &TlsProfile| {
        t.trust_anchor_ids
            .as_deref()
            .map(|h| decode_hex(h).map_or_else(|| h.to_string(), hex_string))
    };
    diff("tls.trust_anchor_ids", dbg(&anchors(ta)), dbg(&anchors(tb)));
    diff(
        "tls.ocsp_stapling",
        dbg(&ta.ocsp_stapling),
        dbg(&tb.ocsp_stapling),
    );
    diff(
        "tls.signed_cert_timestamps",
        dbg(&ta.signed_cert_timestamps),
        dbg(&tb.signed_cert_timestamps),
    );
    diff(
        "tls.session_ticket",
        dbg(&ta.session_ticket),
        dbg(&tb.session_ticket),
    );
    diff(
        "tls.psk_key_exchange_modes",
        dbg(&ta.psk_key_exchange_modes),
        dbg(&tb.psk_key_exchange_modes),
    );
    diff(
        "tls.record_size_limit",
        dbg(&ta.record_size_limit),
        dbg(&tb.record_size_limit),
    );
    diff(
        "tls.min_version",
        dbg(&ta.min_version),
        dbg(&tb.min_version),
    );
    diff(
        "tls.max_version",
        dbg(&ta.max_version),
        dbg(&tb.max_version),
    );
    let (ha, hb) = (&a.http2, &b.http2);
    diff("http2.settings", dbg(&ha.settings), dbg(&hb.settings));
    diff(
        "http2.window_update",
        dbg(&ha.window_update),
        dbg(&hb.window_update),
    );
    diff(
        "http2.priority_frames",
        dbg(&ha.priority_frames),
        dbg(&hb.priority_frames),
    );
    diff(
        "http2.headers_priority",
        dbg(&ha.headers_priority),
        dbg(&hb.headers_priority),
    );
    diff(
        "http2.initial_stream_id",
        dbg(&ha.initial_stream_id),
        dbg(&hb.initial_stream_id),
    );
    diff(
        "http2.pseudo_header_order",
        dbg(&ha.pseudo_header_order),
        dbg(&hb.pseudo_header_order),
    );
    diff(
        "http2.header_order",
        dbg(&ha.header_order),
        dbg(&hb.header_order),
    );
    diff(
        "http2.split_cookies",
        dbg(&ha.split_cookies),
        dbg(&hb.split_cookies),
    );
    diff(
        "http1.header_order",
        dbg(&a.http1.header_order),
        dbg(&b.http1.header_order),
    );
    let headers = |p: &Profile| {
        let mut v: Vec<(String, String)> = p
            .headers
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
            .collect();
        v.sort();
        v
    };
    let (xa, xb) = (headers(a), headers(b));
    let mut header_names: Vec<&String> = xa.iter().chain(&xb).map(|(n, _)| n).collect();
    header_names.sort();
    header_names.dedup();
    for name in header_names {
        let value = |v: &[(String, String)]| {
            v.iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        };
        diff(
            &format!("headers.{name}"),
            dbg(&value(&xa)),
            dbg(&value(&xb)),
        );
    }
    diff(
        "form_boundary",
        dbg(&a.form_boundary),
        dbg(&b.form_boundary),
    );
    diff("websocket", dbg(&a.websocket), dbg(&b.websocket));
    out
}

fn hex_string(bytes: Vec<u8>) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_profile_round_trips_through_the_writer() {
        for p in crate::all().expect("profiles") {
            let text = p.to_toml();
            let back = Profile::from_toml(&p.name, &text)
                .unwrap_or_else(|e| panic!("{}: {e}\n{text}", p.name));
            assert_eq!(wire_differences(p, &back), Vec::<String>::new(), "{text}");
            let mut normalised = p.clone();
            normalised.tls.trust_anchor_ids = back.tls.trust_anchor_ids.clone();
            assert_eq!(normalised, back, "{text}");
        }
    }

    #[test]
    fn strings_and_notes() {
        assert_eq!(string(r#""A";v="1""#), r#"'"A";v="1"'"#);
        assert_eq!(string("it's \"x\""), r#""it's \"x\"""#);
        assert_eq!(string("plain"), "\"plain\"");
        let mut p = crate::get("chrome").expect("chrome").clone();
        p.checked = Some("2026-01-02".into());
        let mut notes = Notes::default();
        notes.header.push("top".into());
        notes.note("tls.grease", "about GREASE");
        notes.note("http1", "the HTTP/1.1 table");
        notes.note("tls.min_version", "- a long item that has to be wrapped because it is much longer than one line of a hundred characters");
        let text = p.to_toml_with_notes(&notes);
        assert!(text.starts_with("# top\n"), "{text}");
        assert!(text.contains("# about GREASE\ngrease = true\n"), "{text}");
        assert!(text.contains("# the HTTP/1.1 table\n[http1]\n"), "{text}");
        // A note brings out a field at its default, and long notes wrap under their item.
        assert!(
            text.contains("of a hundred\n#   characters\nmin_version = \"TLS1.2\"\n"),
            "{text}"
        );
        let back = Profile::from_toml("x", &text).expect("valid");
        assert_eq!(back.checked.as_deref(), Some("2026-01-02"));
        assert!(wire_differences(&p, &back).is_empty());
    }

    #[test]
    fn wire_differences_name_the_field() {
        let a = crate::get("chrome").expect("chrome");
        let mut b = a.clone();
        b.name = "other".into();
        b.source = "elsewhere".into();
        assert!(wire_differences(a, &b).is_empty());
        b.http2.window_update += 1;
        b.headers.retain(|(n, _)| n != "priority");
        let d = wire_differences(a, &b);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].starts_with("http2.window_update: "), "{d:?}");
        assert!(d[1].starts_with("headers.priority: "), "{d:?}");
    }
}
