//! Custom fingerprints: a JA3 string and an Akamai HTTP/2 string (curl_cffi's `ja3=` and
//! `akamai=`), and per-field overrides in TOML, applied on top of a base profile.

use crate::names;
use crate::{Priority, PriorityFrame, Profile, ProfileError};

fn custom(kind: &'static str, message: impl Into<String>) -> ProfileError {
    ProfileError::Custom {
        kind,
        message: message.into(),
    }
}

fn numbers(kind: &'static str, field: &str, what: &str) -> Result<Vec<u16>, ProfileError> {
    if field.is_empty() {
        return Ok(Vec::new());
    }
    field
        .split('-')
        .map(|n| {
            n.parse::<u16>().map_err(|_| {
                custom(
                    kind,
                    format!("{what} {n:?} is not a number from 0 to 65535"),
                )
            })
        })
        .collect()
}

fn hex(code: u16) -> String {
    format!("0x{code:04x}")
}

/// Merges `patch` into `base`: tables key by key, anything else (list, number, string,
/// boolean) replaces what was there, so a list is always given whole, in wire order.
fn merge(base: &mut toml::Table, patch: toml::Table) {
    for (key, value) in patch {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(patch)) => merge(inner, patch),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

impl Profile {
    /// This profile with some fields replaced, given as a partial profile in the TOML of
    /// `profiles/*.toml`, for example
    ///
    /// ```toml
    /// [tls]
    /// signature_algorithms = ["ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256"]
    /// [http2]
    /// window_update = 0
    /// ```
    ///
    /// Tables merge key by key; any other value replaces the profile's whole. The result is
    /// validated like a shipped profile, and an unknown or misspelt field is an error that
    /// names it.
    pub fn with_overrides(&self, overrides: &str) -> Result<Profile, ProfileError> {
        let syntax = |message: String| ProfileError::Syntax {
            file: "fingerprint overrides".into(),
            message,
        };
        let patch: toml::Table =
            toml::from_str(overrides).map_err(|e| syntax(e.message().into()))?;
        let mut merged = toml::Table::try_from(self).map_err(|e| syntax(e.to_string()))?;
        merge(&mut merged, patch);
        let profile: Profile = toml::Value::Table(merged)
            .try_into()
            .map_err(|e: toml::de::Error| syntax(e.message().into()))?;
        profile.validate()?;
        Ok(profile)
    }

    /// This profile with its ClientHello shaped by a JA3 string:
    /// `TLSVersion,Ciphers,Extensions,EllipticCurves,EcPointFormats`. The extension list
    /// becomes a fixed order and decides which optional extensions are sent; GREASE follows
    /// the base profile (JA3 leaves GREASE out).
    pub fn with_ja3(&self, ja3: &str) -> Result<Profile, ProfileError> {
        const K: &str = "JA3";
        let fields: Vec<&str> = ja3.trim().split(',').collect();
        if fields.len() != 5 {
            return Err(custom(
                K,
                format!("want 5 comma-separated fields, got {}", fields.len()),
            ));
        }
        if fields[0] != "771" {
            return Err(custom(
                K,
                format!(
                    "TLS version {} (only 771, TLS 1.2 legacy_version, is sent by TLS 1.3 clients)",
                    fields[0]
                ),
            ));
        }
        let ciphers = numbers(K, fields[1], "cipher")?;
        let extensions = numbers(K, fields[2], "extension")?;
        let groups = numbers(K, fields[3], "curve")?;
        let formats = numbers(K, fields[4], "point format")?;
        if ciphers.is_empty() {
            return Err(custom(K, "no cipher suites"));
        }
        if !formats.is_empty() && formats != [0] {
            return Err(custom(
                K,
                "only the uncompressed point format (0) can be sent",
            ));
        }
        let mut p = self.clone();
        p.name = format!("{}+ja3", self.name);
        p.aliases.clear();
        let tls = &mut p.tls;
        tls.cipher_suites = ciphers
            .iter()
            .map(|&c| named(names::CIPHER_SUITES.iter().map(|e| (e.0, e.1)), c))
            .collect();
        tls.preserve_tls13_cipher_order = true;
        tls.supported_groups = groups
            .iter()
            .map(|&g| named(names::GROUPS.iter().map(|e| (e.0, e.1)), g))
            .collect();
        tls.key_shares.retain(|k| tls.supported_groups.contains(k));
        if tls.key_shares.is_empty() {
            tls.key_shares.extend(tls.supported_groups.first().cloned());
        }
        tls.permute_extensions = false;
        tls.extension_order = extensions
            .iter()
            .map(|&e| named(names::EXTENSIONS.iter().copied(), e))
            .collect();
        let has = |code: u16| extensions.contains(&code);
        tls.ocsp_stapling = has(5);
        tls.signed_cert_timestamps = has(18);
        tls.session_ticket = has(35);
        tls.psk_key_exchange_modes = has(45);
        tls.ech_grease = has(65037);
        if !has(51764) {
            tls.trust_anchor_ids = None;
        } else if tls.trust_anchor_ids.is_none() {
            tls.trust_anchor_ids = Some(String::new());
        }
        if has(17513) || has(17613) {
            if tls.alps.is_empty() {
                tls.alps = vec!["h2".into()];
            }
            tls.alps_new_codepoint = has(17613);
        } else {
            tls.alps.clear();
        }
        tls.record_size_limit = if has(28) {
            Some(tls.record_size_limit.unwrap_or(16385))
        } else {
            None
        };
        if has(34) {
            if tls.delegated_credentials.is_empty() {
                tls.delegated_credentials = vec![
                    "ecdsa_secp256r1_sha256".into(),
                    "ecdsa_secp384r1_sha384".into(),
                    "ecdsa_secp521r1_sha512".into(),
                    "ecdsa_sha1".into(),
                ];
            }
        } else {
            tls.delegated_credentials.clear();
        }
        if has(27) {
            if tls.cert_compression.is_empty() {
                tls.cert_compression = vec!["brotli".into()];
            }
        } else {
            tls.cert_compression.clear();
        }
        p.validate()?;
        Ok(p)
    }

    /// This profile with its HTTP/2 preface shaped by an Akamai fingerprint string:
    /// `SETTINGS|WINDOW_UPDATE|PRIORITY|PSEUDO_HEADER_ORDER`, e.g.
    /// `1:65536;2:0;4:6291456;6:262144|15663105|0|m,a,s,p`.
    pub fn with_akamai(&self, akamai: &str) -> Result<Profile, ProfileError> {
        const K: &str = "Akamai";
        let parts: Vec<&str> = akamai.trim().split('|').collect();
        if parts.len() != 4 {
            return Err(custom(
                K,
                format!("want 4 '|'-separated parts, got {}", parts.len()),
            ));
        }
        let mut settings = Vec::new();
        for pair in parts[0].split(';').filter(|s| !s.is_empty()) {
            let (id, value) = pair
                .split_once(':')
                .ok_or_else(|| custom(K, format!("setting {pair:?} is not id:value")))?;
            let id = id
                .parse()
                .map_err(|_| custom(K, format!("setting id {id:?}")))?;
            let value = value
                .parse()
                .map_err(|_| custom(K, format!("setting value {value:?}")))?;
            settings.push((id, value));
        }
        let window_update = match parts[1] {
            "00" | "0" | "" => 0,
            w => w
                .parse()
                .map_err(|_| custom(K, format!("window update {w:?}")))?,
        };
        let mut priority_frames = Vec::new();
        if parts[2] != "0" && !parts[2].is_empty() {
            for frame in parts[2].split(',') {
                let f: Vec<&str> = frame.split(':').collect();
                let bad = || {
                    custom(
                        K,
                        format!("priority {frame:?} is not stream:exclusive:depends_on:weight"),
                    )
                };
                if f.len() != 4 {
                    return Err(bad());
                }
                priority_frames.push(PriorityFrame {
                    stream_id: f[0].parse().map_err(|_| bad())?,
                    priority: Priority {
                        exclusive: f[1] == "1",
                        depends_on: f[2].parse().map_err(|_| bad())?,
                        weight: f[3].parse().map_err(|_| bad())?,
                    },
                });
            }
        }
        let pseudo_header_order = parts[3]
            .split(',')
            .map(|l| match l {
                "m" => Ok(":method".to_string()),
                "a" => Ok(":authority".to_string()),
                "s" => Ok(":scheme".to_string()),
                "p" => Ok(":path".to_string()),
                other => Err(custom(
                    K,
                    format!("pseudo-header letter {other:?} (want m, a, s or p)"),
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut p = self.clone();
        p.name = format!("{}+akamai", self.name);
        p.aliases.clear();
        p.http2.settings = settings;
        p.http2.window_update = window_update;
        // Browsers that send PRIORITY frames for idle streams open their first request past
        // them (old Firefox: frames for 3..13, HEADERS on 15).
        if let Some(max) = priority_frames.iter().map(|f| f.stream_id).max() {
            if p.http2.initial_stream_id <= max {
                p.http2.initial_stream_id = max + if max % 2 == 0 { 1 } else { 2 };
            }
        }
        p.http2.priority_frames = priority_frames;
        p.http2.pseudo_header_order = pseudo_header_order;
        p.validate()?;
        Ok(p)
    }
}

fn named(table: impl Iterator<Item = (u16, &'static str)>, code: u16) -> String {
    table
        .into_iter()
        .find(|e| e.0 == code)
        .map(|e| e.1.to_string())
        .unwrap_or_else(|| hex(code))
}

#[cfg(test)]
mod tests {
    use crate::get;

    #[test]
    fn akamai_string_round_trips_into_the_model() {
        let base = get("chrome").expect("chrome");
        let p = base
            .with_akamai("1:65536;2:0;4:131072;5:16384|12517377|3:0:0:201,5:0:0:101|m,p,a,s")
            .expect("valid");
        assert_eq!(
            p.http2.settings,
            [(1, 65536), (2, 0), (4, 131072), (5, 16384)]
        );
        assert_eq!(p.http2.window_update, 12517377);
        assert_eq!(p.http2.priority_frames.len(), 2);
        assert_eq!(p.http2.priority_frames[0].priority.weight, 201);
        assert_eq!(
            p.http2.pseudo_header_order,
            [":method", ":path", ":authority", ":scheme"]
        );
        for bad in [
            "1:2|3",
            "x:1|0|0|m,a,s,p",
            "1:1|0|0|m,a,s,q",
            "1:1|0|0|m,a,s",
        ] {
            assert!(base.with_akamai(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ja3_string_sets_ciphers_order_and_groups() {
        let base = get("chrome").expect("chrome");
        let p = base
            .with_ja3("771,4865-4867-4866-49195,0-23-65281-10-11-16-5-13-18-51-45-43-27,29-23-24,0")
            .expect("valid");
        assert_eq!(p.tls.cipher_suites[1], "TLS_CHACHA20_POLY1305_SHA256");
        assert_eq!(p.tls.extension_order[0], "server_name");
        assert!(!p.tls.permute_extensions);
        assert!(!p.tls.ech_grease && p.tls.alps.is_empty());
        assert_eq!(p.tls.supported_groups, ["x25519", "secp256r1", "secp384r1"]);
        assert_eq!(p.tls.key_shares, ["x25519"]);
        for bad in [
            "770,1-2,0,29,0",
            "771,,0,29,0",
            "771,4865,0,29",
            "771,abc,0,29,0",
        ] {
            assert!(base.with_ja3(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn overrides_replace_only_the_fields_given() {
        let base = get("chrome").expect("chrome");
        let p = base
            .with_overrides(
                r#"
                [tls]
                grease_signature_algorithms = false
                signature_algorithms = ["ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256"]
                [http2]
                window_update = 0
                headers_priority = { exclusive = false, depends_on = 0, weight = 16 }
                "#,
            )
            .expect("valid overrides");
        assert_eq!(
            p.tls.signature_algorithms,
            ["ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256"]
        );
        assert!(!p.tls.grease_signature_algorithms && p.tls.grease);
        assert_eq!(p.http2.window_update, 0);
        assert_eq!(p.http2.headers_priority.expect("priority").weight, 16);
        // Everything else is the base profile's, including fields absent from its TOML.
        let mut rest = p.clone();
        rest.tls.signature_algorithms = base.tls.signature_algorithms.clone();
        rest.tls.grease_signature_algorithms = true;
        rest.http2.window_update = base.http2.window_update;
        rest.http2.headers_priority = base.http2.headers_priority;
        assert_eq!(&rest, base);
        // An empty override is the profile itself.
        assert_eq!(&base.with_overrides("").expect("empty"), base);
    }

    #[test]
    fn bad_overrides_name_the_problem() {
        let base = get("firefox").expect("firefox");
        let err = |o: &str| base.with_overrides(o).expect_err(o).to_string();
        assert!(err("[tls]\nsignature_algoritms = []").contains("signature_algoritms"));
        assert!(err("[tls]\ngrease = 1").contains("bool"));
        assert!(err("[tls]\nsignature_algorithms = [\"rsa_md5\"]").contains("rsa_md5"));
        assert!(err("[tls\n").contains("overrides"));
        assert!(err("[tls]\nech_grease = false").contains("ech_grease"));
    }
}
