//! Runs Debian's Apache httpd as a child process for the authentication interop tests
//! (`tests/auth.rs`).
//!
//! Each [`Apache`] gets its own directory under the system temp dir holding everything Apache
//! reads or writes: the config, the document root, the Digest and Basic password files, the
//! access and error logs, the pid file and the runtime dir. It runs in the foreground as one
//! process (`-X` with the event MPM: one process, a pool of threads, so a connection the client
//! holds open does not block others), listens on 127.0.0.1 only, and is killed on drop. When
//! the tests run as root, Apache drops to `nobody:nogroup` (it refuses to serve as root), so
//! the directory is made world-readable.
//!
//! Locations (all protection spaces use the realm [`REALM`], user [`USER`], password
//! [`PASSWORD`]):
//! * `/digest/`: `AuthType Digest`, Apache's defaults (MD5, `qop="auth"`);
//! * `/digest-sess/` and `/digest-int/`: `AuthDigestAlgorithm MD5-sess` and
//!   `AuthDigestQop auth-int`, present only when this Apache accepts the directive
//!   ([`Apache::md5_sess`], [`Apache::auth_int`]; 2.4.x on Debian refuses both);
//! * `/basic/`: `AuthType Basic`.
//!
//! Each holds [`FILE_NAME`] with [`file_body`]. The access log records one line per request:
//! `METHOD PATH STATUS CLIENT-PORT` (see [`Apache::access_log`]).
#![allow(dead_code)]

use std::io::{self, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Where Debian (and `scripts/deps.sh`) installs Apache.
pub(crate) const APACHE_BIN: &str = "/usr/sbin/apache2";
/// Where Debian keeps Apache's loadable modules.
pub(crate) const MODULE_DIR: &str = "/usr/lib/apache2/modules";

/// The protection space of every authenticated location.
pub(crate) const REALM: &str = "mummer realm";
/// The one user.
pub(crate) const USER: &str = "mummer-user";
/// Its password (in both the Digest and the Basic password file).
pub(crate) const PASSWORD: &str = "s3cret-pa55";
/// Name of the file in each location.
pub(crate) const FILE_NAME: &str = "file.bin";

/// Name prefix of every directory this module makes in the temp dir.
const DIR_PREFIX: &str = "mummer-apache-";

/// The bytes of [`FILE_NAME`] in `location` (e.g. `"digest"`): distinct per location, with
/// every byte value and a CRLF in it so an exact comparison means something.
pub(crate) fn file_body(location: &str) -> Vec<u8> {
    let mut out = format!("served from /{location}/\r\n").into_bytes();
    out.extend((0..=255u8).cycle().take(3000));
    out
}

/// Whether Apache is installed; when not, prints why the caller is skipping.
pub(crate) fn installed() -> bool {
    if Path::new(APACHE_BIN).is_file() && Path::new(MODULE_DIR).is_dir() {
        true
    } else {
        eprintln!(
            "apache2 not installed ({APACHE_BIN} or {MODULE_DIR} missing): skipping; \
             scripts/deps.sh installs it"
        );
        false
    }
}

/// A running Apache; killed and its directory removed on drop.
pub(crate) struct Apache {
    child: Child,
    dir: PathBuf,
    /// The plain-HTTP port on 127.0.0.1.
    pub(crate) port: u16,
    /// Whether `/digest-sess/` exists (`AuthDigestAlgorithm MD5-sess` accepted).
    pub(crate) md5_sess: bool,
    /// Whether `/digest-int/` exists (`AuthDigestQop auth-int` accepted).
    pub(crate) auth_int: bool,
}

impl Apache {
    /// Starts Apache in a fresh temp dir.
    pub(crate) fn start() -> io::Result<Apache> {
        static SEQ: AtomicU32 = AtomicU32::new(0);
        remove_stale_dirs();
        let dir = std::env::temp_dir().join(format!(
            "{DIR_PREFIX}{}-{}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        make_dir(&dir)?;
        let support = support();
        let mut locations = vec!["digest", "basic"];
        if support.md5_sess {
            locations.push("digest-sess");
        }
        if support.auth_int {
            locations.push("digest-int");
        }
        make_dir(&dir.join("run"))?;
        make_dir(&dir.join("root"))?;
        for location in &locations {
            make_dir(&dir.join("root").join(location))?;
            write_file(
                &dir.join("root").join(location).join(FILE_NAME),
                &file_body(location),
            )?;
        }
        // htdigest's format, `user:realm:MD5(user:realm:password)`, and htpasswd's SHA-1
        // form `user:{SHA}base64(SHA1(password))`, both written here so no tool is needed.
        let ha1 = md5_hex(format!("{USER}:{REALM}:{PASSWORD}").as_bytes());
        write_file(
            &dir.join("htdigest"),
            format!("{USER}:{REALM}:{ha1}\n").as_bytes(),
        )?;
        write_file(
            &dir.join("htpasswd"),
            format!("{USER}:{{SHA}}{}\n", sha1_base64(PASSWORD.as_bytes())).as_bytes(),
        )?;

        // A free port can be taken between probing and Apache's bind: try again then.
        let mut last_error = None;
        for _ in 0..5 {
            let port = free_port()?;
            std::fs::write(
                dir.join("httpd.conf"),
                config(&dir, port, support.md5_sess, support.auth_int),
            )?;
            let _ = std::fs::remove_file(dir.join("error.log"));
            let mut child = Command::new(APACHE_BIN)
                .arg("-X")
                .arg("-f")
                .arg(dir.join("httpd.conf"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()?;
            match wait_ready(&mut child, &dir, port) {
                Ok(()) => {
                    return Ok(Apache {
                        child,
                        dir,
                        port,
                        md5_sess: support.md5_sess,
                        auth_int: support.auth_int,
                    });
                }
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    last_error = Some(e);
                }
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        Err(last_error.unwrap_or_else(|| io::Error::other("apache did not start")))
    }

    /// `http://127.0.0.1:{port}{path}`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The address Apache listens on.
    pub(crate) fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }

    /// The access log so far, one `METHOD PATH STATUS CLIENT-PORT` line per request.
    pub(crate) fn access_log(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.join("access.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// The access log once it has at least `n` lines (Apache writes a line after the response
    /// went out, so the client can be a little ahead), and a moment more so that a line too
    /// many would show too. Gives up after 5 s and returns what there is.
    pub(crate) fn access_log_settled(&self, n: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.access_log().len() < n && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(150));
        self.access_log()
    }

    /// Apache's error log so far.
    pub(crate) fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }
}

impl Drop for Apache {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What this Apache's mod_auth_digest accepts beyond MD5 with `qop=auth`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Support {
    pub(crate) md5_sess: bool,
    pub(crate) auth_int: bool,
}

/// Probed once per process with `apache2 -t` on a config holding the directive. The probe is
/// checked on `AuthDigestAlgorithm MD5` first, so a broken probe fails loudly instead of
/// skipping tests.
pub(crate) fn support() -> Support {
    static SUPPORT: OnceLock<Support> = OnceLock::new();
    *SUPPORT.get_or_init(|| {
        if let Err(e) = accepts("AuthDigestAlgorithm MD5") {
            panic!("the apache2 -t probe rejects even AuthDigestAlgorithm MD5: {e}");
        }
        Support {
            md5_sess: accepts("AuthDigestAlgorithm MD5-sess").is_ok(),
            auth_int: accepts("AuthDigestQop auth-int").is_ok(),
        }
    })
}

/// Whether `apache2 -t` accepts `directive` in a Digest location; `Err` holds its complaint.
fn accepts(directive: &str) -> Result<(), String> {
    static SEQ: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "{DIR_PREFIX}{}-probe-{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let result = probe(&dir, directive)
        .map_err(|e| e.to_string())
        .and_then(|out| {
            if out.status.success() {
                Ok(())
            } else {
                Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
            }
        });
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn probe(dir: &Path, directive: &str) -> io::Result<std::process::Output> {
    make_dir(dir)?;
    make_dir(&dir.join("run"))?;
    make_dir(&dir.join("root"))?;
    let conf = format!(
        "{}\n<Location /x/>\n    AuthType Digest\n    AuthName \"{REALM}\"\n    \
         AuthDigestProvider file\n    AuthUserFile \"{d}/htdigest\"\n    {directive}\n    \
         Require valid-user\n</Location>\n",
        base_config(dir, 1),
        d = dir.display()
    );
    std::fs::write(dir.join("probe.conf"), conf)?;
    Command::new(APACHE_BIN)
        .arg("-t")
        .arg("-f")
        .arg(dir.join("probe.conf"))
        .stdin(Stdio::null())
        .output()
}

/// Waits until Apache accepts connections; fails with its error log if it exits.
fn wait_ready(child: &mut Child, dir: &Path, port: u16) -> io::Result<()> {
    let logs = |child: &mut Child| {
        let mut text = std::fs::read_to_string(dir.join("error.log")).unwrap_or_default();
        if let Some(mut stderr) = child.stderr.take() {
            let _ = io::Read::read_to_string(&mut stderr, &mut text);
        }
        text
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait()? {
            return Err(io::Error::other(format!(
                "apache2 exited with {status}: {}",
                logs(child)
            )));
        }
        if TcpStream::connect_timeout(
            &SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            Duration::from_millis(200),
        )
        .is_ok()
        {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(io::Error::other(format!(
                "apache2 not listening after 15 s: {}",
                std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn free_port() -> io::Result<u16> {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(l.local_addr()?.port())
}

/// Server-wide settings and modules: everything in `dir`, nothing from /etc/apache2.
fn base_config(dir: &Path, port: u16) -> String {
    let d = dir.display();
    let m = MODULE_DIR;
    // The event MPM under -X is one process with a pool of threads, so connections held open
    // by the client (a response not yet read) do not block other connections; prefork under
    // -X would serve one connection at a time.
    let mpm = if Path::new(&format!("{m}/mod_mpm_event.so")).is_file() {
        "LoadModule mpm_event_module \"{m}/mod_mpm_event.so\""
    } else {
        "LoadModule mpm_prefork_module \"{m}/mod_mpm_prefork.so\""
    }
    .replace("{m}", m);
    // Apache will not serve as root: drop to nobody, as Debian's own config drops to www-data.
    let user = if running_as_root() {
        "User nobody\nGroup nogroup\n"
    } else {
        ""
    };
    format!(
        r#"ServerRoot "{d}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{d}/run/httpd.pid"
DefaultRuntimeDir "{d}/run"
ErrorLog "{d}/error.log"
LogLevel warn
{user}{mpm}
LoadModule authz_core_module "{m}/mod_authz_core.so"
LoadModule authz_user_module "{m}/mod_authz_user.so"
LoadModule authn_core_module "{m}/mod_authn_core.so"
LoadModule authn_file_module "{m}/mod_authn_file.so"
LoadModule auth_basic_module "{m}/mod_auth_basic.so"
LoadModule auth_digest_module "{m}/mod_auth_digest.so"
KeepAlive On
MaxKeepAliveRequests 100
KeepAliveTimeout 15
DocumentRoot "{d}/root"
<Directory "{d}/root">
    Require all granted
</Directory>
"#
    )
}

fn config(dir: &Path, port: u16, md5_sess: bool, auth_int: bool) -> String {
    let d = dir.display();
    let digest = |location: &str, extra: &str| {
        format!(
            r#"<Location /{location}/>
    AuthType Digest
    AuthName "{REALM}"
    AuthDigestProvider file
    AuthUserFile "{d}/htdigest"
    {extra}
    Require valid-user
</Location>
"#
        )
    };
    let mut out = base_config(dir, port);
    out.push_str(&format!(
        r#"LogFormat "%m %U %>s %{{remote}}p" mummer
CustomLog "{d}/access.log" mummer
"#
    ));
    out.push_str(&digest("digest", ""));
    if md5_sess {
        out.push_str(&digest("digest-sess", "AuthDigestAlgorithm MD5-sess"));
    }
    if auth_int {
        out.push_str(&digest("digest-int", "AuthDigestQop auth-int"));
    }
    out.push_str(&format!(
        r#"<Location /basic/>
    AuthType Basic
    AuthName "{REALM}"
    AuthBasicProvider file
    AuthUserFile "{d}/htpasswd"
    Require valid-user
</Location>
"#
    ));
    out
}

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// A directory Apache can read after dropping to `nobody`, whatever the umask.
fn make_dir(path: &Path) -> io::Result<()> {
    std::fs::create_dir_all(path)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    drop(f);
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
}

/// Removes `mummer-apache-{pid}-*` directories whose process is gone (killed test runs).
fn remove_stale_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(DIR_PREFIX)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Lowercase hex MD5 (BoringSSL's, through btls).
pub(crate) fn md5_hex(data: &[u8]) -> String {
    let digest =
        btls::hash::hash(btls::hash::MessageDigest::md5(), data).expect("MD5 from BoringSSL");
    hex::encode(&*digest)
}

fn sha1_base64(data: &[u8]) -> String {
    let digest =
        btls::hash::hash(btls::hash::MessageDigest::sha1(), data).expect("SHA-1 from BoringSSL");
    btls::base64::encode_block(&digest)
}
