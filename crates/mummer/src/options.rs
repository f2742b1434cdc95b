//! What a request is sent with: the client's [`Options`], and the per-request overrides
//! ([`RequestOptions`]) laid over them. The run loop only ever sees the merged `Options`.
//!
//! Options that shape a connection (profile, TLS options, proxy, HTTP version, local address)
//! end up in the pool key, so a request with its own profile or TLS options gets connections
//! of its own without a client of its own.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use http::HeaderValue;
use mummer_proto::Limits;

use crate::error::{Error, Result};
use crate::policy::auth::Auth;
use crate::policy::cookies::CookieJar;
use crate::policy::redirect::RedirectPolicy;
use crate::policy::retry::Retry;
use crate::pool::VersionPref;
use crate::transport::proxy::{NoProxy, Proxy};
use crate::transport::tcp::LocalAddress;
use crate::transport::tls::TlsOptions;

/// A browser profile with an identity computed once, for the pool key.
#[derive(Clone)]
pub(crate) struct ProfileRef {
    pub(crate) profile: Arc<mummer_profile::Profile>,
    pub(crate) id: u64,
}

impl ProfileRef {
    /// A profile of one's own (customised): identified by its content.
    pub(crate) fn new(profile: mummer_profile::Profile) -> ProfileRef {
        // Serialising is the one complete view of every field; it runs once per profile built,
        // never per request.
        let id = hash_of(&serde_json::to_string(&profile).unwrap_or_default());
        ProfileRef {
            profile: Arc::new(profile),
            id,
        }
    }

    /// A shipped profile by name or alias, shared process-wide so that naming it per request
    /// costs a lookup, not a copy.
    pub(crate) fn named(name: &str) -> Result<ProfileRef> {
        static SHIPPED: OnceLock<Vec<ProfileRef>> = OnceLock::new();
        let wanted = mummer_profile::get(name).map_err(Error::builder)?;
        let shipped = SHIPPED.get_or_init(|| {
            mummer_profile::all()
                .map(|all| all.iter().map(|p| ProfileRef::new(p.clone())).collect())
                .unwrap_or_default()
        });
        // `wanted` is one of `all()`, in the same order as `shipped`.
        let position = mummer_profile::all()
            .ok()
            .and_then(|all| all.iter().position(|p| std::ptr::eq(p, wanted)));
        Ok(position
            .and_then(|i| shipped.get(i))
            .cloned()
            .unwrap_or_else(|| ProfileRef::new(wanted.clone())))
    }
}

/// TLS options with an identity computed once, for the pool key and the connector cache.
#[derive(Clone)]
pub(crate) struct TlsRef {
    pub(crate) options: Arc<TlsOptions>,
    pub(crate) id: u64,
}

impl TlsRef {
    pub(crate) fn new(options: TlsOptions) -> TlsRef {
        let id = hash_of(&options);
        TlsRef {
            options: Arc::new(options),
            id,
        }
    }
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Time limits.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Timeouts {
    /// Resolving, TCP connect, proxy tunnel and TLS handshake.
    pub(crate) connect: Option<Duration>,
    /// Longest wait for the next byte of a response.
    pub(crate) read: Option<Duration>,
    /// The whole exchange, redirects, retries and body included.
    pub(crate) total: Option<Duration>,
}

/// Everything a request is sent with, after per-request overrides.
#[derive(Clone)]
pub(crate) struct Options {
    /// Headers sent with every request, in order; names keep their case on HTTP/1.1.
    pub(crate) headers: Vec<(String, HeaderValue)>,
    pub(crate) timeouts: Timeouts,
    pub(crate) version: VersionPref,
    pub(crate) redirect: RedirectPolicy,
    /// Send the previous hop's URL as Referer on redirects (curl's `--referer ';auto'`).
    pub(crate) auto_referer: bool,
    pub(crate) limits: Limits,
    pub(crate) decompress: bool,
    pub(crate) profile: Option<ProfileRef>,
    /// Send the profile's default header values (off: only its order, TLS and HTTP/2 shape,
    /// as curl_cffi's `default_headers=False`).
    pub(crate) profile_headers: bool,
    pub(crate) tls: TlsRef,
    pub(crate) proxy: Option<Arc<Proxy>>,
    pub(crate) no_proxy: Arc<NoProxy>,
    pub(crate) auth: Option<Auth>,
    pub(crate) retry: Option<Arc<Retry>>,
    pub(crate) cookies: Option<CookieJar>,
    /// Store cookies responses set (off: the jar is only read).
    pub(crate) store_cookies: bool,
    /// Transparent resume attempts for a body that fails mid-way (0: off).
    pub(crate) resume: u32,
    /// Most decoded body bytes per second handed to the reader (curl's `--limit-rate`).
    pub(crate) max_recv_speed: Option<u64>,
    pub(crate) local_address: Option<LocalAddress>,
    /// Largest decoded body accepted.
    pub(crate) max_body_size: Option<u64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            headers: Vec::new(),
            timeouts: Timeouts {
                connect: Some(Duration::from_secs(30)),
                read: None,
                total: None,
            },
            version: VersionPref::Auto,
            redirect: RedirectPolicy::limited(10),
            auto_referer: false,
            limits: Limits::default(),
            decompress: true,
            profile: None,
            profile_headers: true,
            tls: TlsRef::new(TlsOptions::default()),
            proxy: None,
            no_proxy: Arc::new(NoProxy::default()),
            auth: None,
            retry: None,
            cookies: None,
            store_cookies: true,
            resume: 0,
            max_recv_speed: None,
            local_address: None,
            max_body_size: None,
        }
    }
}

/// Per-request overrides: each `Some` replaces the client's value for this request only.
#[derive(Default, Clone)]
pub(crate) struct RequestOptions {
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) total_timeout: Option<Duration>,
    pub(crate) version: Option<VersionPref>,
    pub(crate) redirect: Option<RedirectPolicy>,
    pub(crate) auto_referer: Option<bool>,
    pub(crate) decompress: Option<bool>,
    pub(crate) profile: Option<Option<ProfileRef>>,
    pub(crate) profile_headers: Option<bool>,
    /// Edits to the client's TLS options (verify, CA, identity), applied in order.
    pub(crate) tls: Vec<TlsEdit>,
    pub(crate) proxy: Option<Option<Arc<Proxy>>>,
    /// Basic credentials for whichever proxy applies.
    pub(crate) proxy_auth: Option<(String, String)>,
    pub(crate) no_proxy: Option<Arc<NoProxy>>,
    pub(crate) auth: Option<Option<Auth>>,
    pub(crate) retry: Option<Option<Arc<Retry>>>,
    pub(crate) cookies: Option<Option<CookieJar>>,
    pub(crate) store_cookies: Option<bool>,
    pub(crate) resume: Option<u32>,
    pub(crate) max_recv_speed: Option<Option<u64>>,
    pub(crate) local_address: Option<Option<LocalAddress>>,
    pub(crate) max_body_size: Option<Option<u64>>,
    /// Customisations of the profile (JA3, Akamai, overrides), applied after `profile`.
    pub(crate) profile_edits: Vec<ProfileEdit>,
    /// These overrides laid over the options of the clients they were sent with.
    pub(crate) overlays: Overlays,
}

/// The options that overrides made, by the id of the client whose options they were laid
/// over: overrides shared by many requests (a template's) are laid over once per client, not
/// per request (which cloned the options, re-applied the TLS edits and re-hashed them).
/// Cleared by every change to the overrides; a clone starts empty.
#[derive(Default)]
pub(crate) struct Overlays(Mutex<Vec<(u64, Arc<Options>)>>);

impl Clone for Overlays {
    fn clone(&self) -> Overlays {
        Overlays::default()
    }
}

/// Clients whose overlays are kept per set of overrides: a binding's shared client and a few
/// per-thread ones; any more are laid over again per request, as before.
const MAX_OVERLAYS: usize = 16;

/// The options a request is sent with: its client's own, or its overrides laid over them.
pub(crate) enum Effective<'a> {
    Client(&'a Options),
    Own(Arc<Options>),
}

impl std::ops::Deref for Effective<'_> {
    type Target = Options;
    fn deref(&self) -> &Options {
        match self {
            Effective::Client(o) => o,
            Effective::Own(o) => o,
        }
    }
}

/// The options for a request with `own` overrides, sent by the client `client_id` whose
/// options are `base`.
pub(crate) fn effective<'a>(
    own: Option<&RequestOptions>,
    client_id: u64,
    base: &'a Options,
) -> Result<Effective<'a>> {
    Ok(match own {
        None => Effective::Client(base),
        Some(own) => Effective::Own(own.overlay_for(client_id, base)?),
    })
}

/// One change to TLS options.
#[derive(Clone)]
pub(crate) enum TlsEdit {
    Verify(bool),
    BundledRoots(bool),
    AddCaFile(std::path::PathBuf),
    AddCaPem(Vec<u8>),
    Identity(crate::transport::tls::ClientIdentity),
}

/// One customisation of a profile.
#[derive(Clone)]
pub(crate) enum ProfileEdit {
    Ja3(String),
    Akamai(String),
    Overrides(String),
}

impl TlsEdit {
    pub(crate) fn apply(&self, tls: &mut TlsOptions) {
        match self {
            TlsEdit::Verify(v) => tls.verify = *v,
            TlsEdit::BundledRoots(b) => tls.bundled_roots = *b,
            TlsEdit::AddCaFile(p) => tls.ca_files.push(p.clone()),
            TlsEdit::AddCaPem(p) => tls.ca_pems.push(p.clone()),
            TlsEdit::Identity(id) => tls.identity = Some(id.clone()),
        }
    }
}

impl ProfileEdit {
    /// Applies the customisation to `base` (Chrome's profile when there is none).
    pub(crate) fn apply(&self, base: Option<&ProfileRef>) -> Result<ProfileRef> {
        let base = match base {
            Some(p) => p.profile.as_ref().clone(),
            None => mummer_profile::get("chrome")
                .map_err(Error::builder)?
                .clone(),
        };
        let custom = match self {
            ProfileEdit::Ja3(s) => base.with_ja3(s),
            ProfileEdit::Akamai(s) => base.with_akamai(s),
            ProfileEdit::Overrides(s) => base.with_overrides(s),
        }
        .map_err(Error::builder)?;
        Ok(ProfileRef::new(custom))
    }
}

impl RequestOptions {
    /// [`overlay`](Self::overlay) on the options of client `client_id`, made once per client.
    pub(crate) fn overlay_for(&self, client_id: u64, base: &Options) -> Result<Arc<Options>> {
        let lock = || self.overlays.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, o)) = lock().iter().find(|(id, _)| *id == client_id) {
            return Ok(o.clone());
        }
        // Laid over outside the lock: a profile edit can take a while.
        let merged = Arc::new(self.overlay(base)?);
        let mut kept = lock();
        if !kept.iter().any(|(id, _)| *id == client_id) {
            if kept.len() >= MAX_OVERLAYS {
                kept.remove(0);
            }
            kept.push((client_id, merged.clone()));
        }
        Ok(merged)
    }

    /// Drops the overlays made before a change to these overrides.
    pub(crate) fn forget_overlays(&mut self) {
        self.overlays
            .0
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// The client's options with these overrides laid over them.
    pub(crate) fn overlay(&self, base: &Options) -> Result<Options> {
        let mut o = base.clone();
        if let Some(t) = self.connect_timeout {
            o.timeouts.connect = Some(t);
        }
        if let Some(t) = self.read_timeout {
            o.timeouts.read = Some(t);
        }
        if let Some(t) = self.total_timeout {
            o.timeouts.total = Some(t);
        }
        set(&mut o.version, &self.version);
        set(&mut o.redirect, &self.redirect);
        set(&mut o.auto_referer, &self.auto_referer);
        set(&mut o.decompress, &self.decompress);
        set(&mut o.profile, &self.profile);
        set(&mut o.profile_headers, &self.profile_headers);
        for edit in &self.profile_edits {
            o.profile = Some(edit.apply(o.profile.as_ref())?);
        }
        if !self.tls.is_empty() {
            let mut tls = o.tls.options.as_ref().clone();
            for edit in &self.tls {
                edit.apply(&mut tls);
            }
            o.tls = TlsRef::new(tls);
        }
        set(&mut o.proxy, &self.proxy);
        if let (Some((user, password)), Some(proxy)) = (&self.proxy_auth, &o.proxy) {
            o.proxy = Some(Arc::new(proxy.with_auth(user, password)));
        }
        set(&mut o.no_proxy, &self.no_proxy);
        set(&mut o.auth, &self.auth);
        set(&mut o.retry, &self.retry);
        set(&mut o.cookies, &self.cookies);
        set(&mut o.store_cookies, &self.store_cookies);
        set(&mut o.resume, &self.resume);
        set(&mut o.max_recv_speed, &self.max_recv_speed);
        set(&mut o.local_address, &self.local_address);
        set(&mut o.max_body_size, &self.max_body_size);
        Ok(o)
    }
}

fn set<T: Clone>(slot: &mut T, value: &Option<T>) {
    if let Some(v) = value {
        *slot = v.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_laid_over_once_per_client_and_again_after_a_change() {
        let base = Options::default();
        let mut own = RequestOptions {
            tls: vec![TlsEdit::Verify(false)],
            ..RequestOptions::default()
        };
        let first = own.overlay_for(1, &base).expect("overlay");
        assert!(!first.tls.options.verify);
        assert!(Arc::ptr_eq(
            &first,
            &own.overlay_for(1, &base).expect("again")
        ));
        let other = own.overlay_for(2, &base).expect("other client");
        assert!(!Arc::ptr_eq(&first, &other));
        assert_eq!(first.tls.id, other.tls.id);
        own.total_timeout = Some(Duration::from_secs(3));
        own.forget_overlays();
        let changed = own.overlay_for(1, &base).expect("changed");
        assert_eq!(changed.timeouts.total, Some(Duration::from_secs(3)));
        assert!(own.clone().overlays.0.lock().expect("lock").is_empty());
    }
}
