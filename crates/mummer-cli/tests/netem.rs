//! Downloads over an impaired network path, with the `mummer` binary as a user runs it.
//!
//! The test makes its own network namespace with nginx (TLS, HTTP/2 and HTTP/1.1 by ALPN)
//! inside it and the client outside, joined by a link with 100 ms of latency, 1% loss, 1%
//! reordering and a 20 Mbit/s rate on the server's side. On a kernel with `sch_netem` that link
//! is a veth pair with `tc netem` on the server's end; on one without (the CI machine's kernel
//! is built without it), it is two TUN devices joined by `tests/netem/link.py`, which does the
//! same to every packet in user space. The server's namespace uses BBR (as large servers do):
//! with the loss-based default, 1% loss at 100 ms caps TCP near 1.5 Mbit/s and a 64 MiB file
//! would take six minutes.
//!
//! Checked: a 64 MiB file arrives byte-exact over each protocol; the link going dead
//! mid-transfer is a read-timeout error (exit 28) with a correct part file; and with `--retry`
//! the same cut is resumed by a Range request and the file completes.
//!
//! Needs root (network namespaces, TUN devices) and iproute2; without them the test prints why
//! it is skipping. `MUMMER_REQUIRE_NETNS=1` (set by `scripts/test.sh`) turns the skip into a
//! failure. About 100 s.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::time::{Duration, Instant};

use mummer_testkit::{TestCa, pattern};

const BIG: usize = 64 << 20;
const MID: usize = 16 << 20;
const HOST: &str = "netem.test";

#[test]
fn downloads_over_an_impaired_link_are_byte_exact_and_a_dead_link_resumes() {
    let Some(link) = Link::new() else {
        return;
    };
    let dir = scratch();
    let server = Server::start(&link, &dir);
    eprintln!("netem: link {} ({})", link.describe(), link.kind.name());

    for proto in [Proto::H2, Proto::H1] {
        let out = dir.join(format!("big-{}.bin", proto.flag()));
        let started = Instant::now();
        let run = mummer(&server, proto, &["--read-timeout", "30"], "/big.bin", &out)
            .wait_with_output()
            .expect("run mummer");
        let took = started.elapsed();
        assert!(run.status.success(), "{proto:?}: {}", stderr(&run));
        let body = std::fs::read(&out).expect("downloaded file");
        assert_eq!(body.len(), BIG, "{proto:?}");
        assert_eq!(pattern::verify(0, &body), Ok(()), "{proto:?}: wrong byte");
        eprintln!(
            "netem: 64 MiB over {} in {:.1} s ({:.1} Mbit/s), byte-exact",
            proto.name(),
            took.as_secs_f64(),
            BIG as f64 * 8.0 / took.as_secs_f64() / 1e6
        );
    }
    let log = server.access_log();
    assert!(log.contains("GET /big.bin HTTP/2.0 200"), "{log}");
    assert!(log.contains("GET /big.bin HTTP/1.1 200"), "{log}");

    // The link dies at 4 MiB: no byte arrives any more, so the read timeout says so.
    let out = dir.join("cut.bin");
    let mut child = mummer(
        &server,
        Proto::H1,
        &["--read-timeout", "2"],
        "/mid.bin",
        &out,
    );
    wait_for_part(&out, 4 << 20, &mut child);
    link.set_down(true);
    let started = Instant::now();
    let run = child.wait_with_output().expect("run mummer");
    let waited = started.elapsed();
    link.set_down(false);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(28), "{err}");
    assert!(
        err.contains("read timeout") && err.contains("nothing received for 2s"),
        "{err}"
    );
    assert!(waited < Duration::from_secs(10), "{waited:?}");
    let part = std::fs::read(part_of(&out)).expect("part file kept");
    assert!(part.len() >= 4 << 20 && part.len() < MID, "{}", part.len());
    assert_eq!(pattern::verify(0, &part), Ok(()), "part file");
    assert!(!out.exists(), "a cut download looks complete");
    eprintln!(
        "netem: link down at {} bytes: exit 28 after {:.1} s: {}",
        part.len(),
        waited.as_secs_f64(),
        err.trim()
    );

    // The same cut with --retry: the body is resumed where it stopped once the link is back.
    for proto in [Proto::H2, Proto::H1] {
        let out = dir.join(format!("resumed-{}.bin", proto.flag()));
        let args = ["--read-timeout", "2", "--retry", "5", "--retry-delay", "1"];
        let mut child = mummer(&server, proto, &args, "/mid.bin", &out);
        wait_for_part(&out, 4 << 20, &mut child);
        link.set_down(true);
        std::thread::sleep(Duration::from_secs(4));
        link.set_down(false);
        let run = child.wait_with_output().expect("run mummer");
        assert!(run.status.success(), "{proto:?}: {}", stderr(&run));
        let body = std::fs::read(&out).expect("resumed file");
        assert_eq!(body.len(), MID, "{proto:?}");
        assert_eq!(pattern::verify(0, &body), Ok(()), "{proto:?}: wrong byte");
        eprintln!(
            "netem: 16 MiB over {} through a 4 s outage with --retry: byte-exact",
            proto.name()
        );
    }
    let log = server.access_log();
    let resumed: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("GET /mid.bin") && l.contains(" 206 bytes="))
        .collect();
    assert!(
        resumed.iter().any(|l| l.contains("HTTP/2.0"))
            && resumed.iter().any(|l| l.contains("HTTP/1.1")),
        "no Range request resumed each protocol:\n{log}"
    );
}

#[derive(Debug, Clone, Copy)]
enum Proto {
    H1,
    H2,
}

impl Proto {
    fn name(self) -> &'static str {
        match self {
            Proto::H1 => "HTTP/1.1",
            Proto::H2 => "HTTP/2",
        }
    }

    fn flag(self) -> &'static str {
        match self {
            Proto::H1 => "--http1.1",
            Proto::H2 => "--http2",
        }
    }
}

fn mummer(server: &Server, proto: Proto, extra: &[&str], path: &str, out: &Path) -> Child {
    let resolve = format!("{HOST}:443:{}", server.address);
    let url = format!("https://{HOST}{path}");
    Command::new(env!("CARGO_BIN_EXE_mummer"))
        .args([
            "-s",
            proto.flag(),
            "-m",
            "300",
            "--resolve",
            &resolve,
            "--cacert",
        ])
        .arg(&server.ca_file)
        .args(extra)
        .arg("-o")
        .arg(out)
        .arg(&url)
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start mummer")
}

fn part_of(out: &Path) -> PathBuf {
    let mut name = out.file_name().expect("file name").to_os_string();
    name.push(".part");
    out.with_file_name(name)
}

/// Waits until the part file of `out` holds `bytes`; fails if mummer ends first.
fn wait_for_part(out: &Path, bytes: u64, child: &mut Child) {
    let part = part_of(out);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if std::fs::metadata(&part).is_ok_and(|m| m.len() >= bytes) {
            return;
        }
        if let Some(status) = child.try_wait().expect("poll mummer") {
            panic!("mummer ended with {status} before {bytes} bytes arrived");
        }
        assert!(Instant::now() < deadline, "{bytes} bytes took over 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mummer-netem-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Runs a command, failing with what it printed if it does not succeed.
fn run(args: &[&str]) {
    let out = Command::new(args[0])
        .args(&args[1..])
        .output()
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// How the link is impaired.
enum LinkKind {
    /// A veth pair, `tc netem` on the server's end.
    Netem,
    /// Two TUN devices joined by `tests/netem/link.py`, whose stdin takes `down`/`up`.
    UserSpace { process: Child, control: ChildStdin },
}

impl LinkKind {
    fn name(&self) -> &'static str {
        match self {
            LinkKind::Netem => "veth + tc netem",
            LinkKind::UserSpace { .. } => "TUN pair + tests/netem/link.py (no sch_netem here)",
        }
    }
}

/// The server's namespace and the link to it; both removed on drop.
struct Link {
    netns: String,
    outer: String,
    inner: String,
    client: String,
    server: String,
    kind: LinkKind,
}

const NETEM: &[&str] = &[
    "delay", "100ms", "3ms", "loss", "1%", "rate", "20mbit", "limit", "2000",
];

impl Link {
    /// The namespace and link, or `None` (after saying why) where namespaces are not allowed.
    fn new() -> Option<Link> {
        let id = std::process::id();
        let netns = format!("mummer-netem-{id}");
        let created = Command::new("ip").args(["netns", "add", &netns]).output();
        match created {
            Ok(out) if out.status.success() => {}
            other => {
                let why = match other {
                    Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_owned(),
                    Err(e) => format!("ip: {e}"),
                };
                assert!(
                    std::env::var_os("MUMMER_REQUIRE_NETNS").is_none(),
                    "MUMMER_REQUIRE_NETNS is set but no network namespace can be made: {why}"
                );
                eprintln!(
                    "SKIPPED netem test: cannot create a network namespace ({why}); it needs \
                     root and iproute2"
                );
                return None;
            }
        }
        let octet = id % 250;
        let mut link = Link {
            outer: format!("mnm{id}o"),
            inner: format!("mnm{id}i"),
            client: format!("10.208.{octet}.1"),
            server: format!("10.208.{octet}.2"),
            netns,
            kind: LinkKind::Netem,
        };
        run(&["ip", "-n", &link.netns, "link", "set", "lo", "up"]);
        // BBR for the server's sockets; per namespace, so nothing outside it changes.
        let _ = Command::new("ip")
            .args(["netns", "exec", &link.netns, "sysctl", "-q", "-w"])
            .arg("net.ipv4.tcp_congestion_control=bbr")
            .output();
        run(&[
            "ip",
            "link",
            "add",
            &link.outer,
            "type",
            "veth",
            "peer",
            "name",
            &link.inner,
        ]);
        run(&["ip", "link", "set", &link.inner, "netns", &link.netns]);
        let netem = Command::new("tc")
            .args([
                "-n",
                &link.netns,
                "qdisc",
                "add",
                "dev",
                &link.inner,
                "root",
                "netem",
            ])
            .args(NETEM)
            .output()
            .expect("tc (iproute2) runs");
        if netem.status.success() {
            run(&[
                "ip",
                "addr",
                "add",
                &format!("{}/30", link.client),
                "dev",
                &link.outer,
            ]);
            run(&[
                "ip",
                "-n",
                &link.netns,
                "addr",
                "add",
                &format!("{}/30", link.server),
                "dev",
                &link.inner,
            ]);
        } else {
            eprintln!(
                "netem: `tc qdisc add ... netem` failed ({}): impairing the link in user space",
                String::from_utf8_lossy(&netem.stderr).trim()
            );
            run(&["ip", "link", "del", &link.outer]);
            link.kind = link.user_space();
            let peer = |a: &str, b: &str| [a.to_owned(), "peer".into(), b.to_owned()];
            let [a, p, b] = peer(&link.client, &link.server);
            run(&["ip", "addr", "add", &a, &p, &b, "dev", &link.outer]);
            let [a, p, b] = peer(&link.server, &link.client);
            run(&[
                "ip",
                "-n",
                &link.netns,
                "addr",
                "add",
                &a,
                &p,
                &b,
                "dev",
                &link.inner,
            ]);
        }
        run(&["ip", "link", "set", &link.outer, "up"]);
        run(&["ip", "-n", &link.netns, "link", "set", &link.inner, "up"]);
        Some(link)
    }

    fn user_space(&self) -> LinkKind {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/netem/link.py");
        let mut process = Command::new("python3")
            .arg(script)
            .args([
                "--netns",
                &self.netns,
                "--outer",
                &self.outer,
                "--inner",
                &self.inner,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start tests/netem/link.py");
        let mut ready = String::new();
        let stdout = process.stdout.take().expect("piped stdout");
        BufReader::new(stdout)
            .read_line(&mut ready)
            .expect("read link.py");
        assert_eq!(ready.trim(), "ready", "tests/netem/link.py did not start");
        let control = process.stdin.take().expect("piped stdin");
        LinkKind::UserSpace { process, control }
    }

    fn describe(&self) -> String {
        format!(
            "{} -> {} (netns {}): 100 ms, 1% loss, reordering, 20 Mbit/s",
            self.client, self.server, self.netns
        )
    }

    /// Drops every packet (`true`) or restores the link.
    fn set_down(&self, down: bool) {
        match &self.kind {
            LinkKind::Netem => {
                let mut args = vec!["tc", "-n", &self.netns, "qdisc", "change"];
                args.extend(["dev", &self.inner, "root", "netem"]);
                if down {
                    args.extend(["loss", "100%"]);
                } else {
                    args.extend(NETEM);
                }
                run(&args);
            }
            LinkKind::UserSpace { control, .. } => {
                let mut control = control;
                control
                    .write_all(if down { b"down\n" } else { b"up\n" })
                    .expect("tell link.py");
            }
        }
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        if let LinkKind::UserSpace {
            mut process,
            control,
        } = std::mem::replace(&mut self.kind, LinkKind::Netem)
        {
            // EOF on its stdin: link.py prints what it did to the packets and exits.
            drop(control);
            let deadline = Instant::now() + Duration::from_secs(2);
            while process.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = process.kill();
            let _ = process.wait();
        }
        let _ = Command::new("ip")
            .args(["link", "del", &self.outer])
            .output();
        let _ = Command::new("ip")
            .args(["netns", "del", &self.netns])
            .output();
    }
}

/// nginx inside the namespace, serving the pattern files; stopped on drop.
struct Server {
    child: Child,
    dir: PathBuf,
    address: String,
    ca_file: PathBuf,
}

impl Server {
    fn start(link: &Link, dir: &Path) -> Server {
        let root = dir.join("root");
        std::fs::create_dir_all(&root).expect("root dir");
        for (name, len) in [("big.bin", BIG), ("mid.bin", MID)] {
            std::fs::write(root.join(name), pattern::bytes(0, len)).expect("write content");
        }
        let ca = TestCa::new();
        ca.issue(&[HOST])
            .write_to(dir, "server")
            .expect("server key");
        let ca_file = dir.join("ca.pem");
        std::fs::write(&ca_file, ca.ca_pem()).expect("write CA");
        let d = dir.display();
        let config = format!(
            r#"daemon off;
master_process off;
worker_processes 1;
pid "{d}/nginx.pid";
lock_file "{d}/nginx.lock";
error_log "{d}/error.log" warn;
events {{ worker_connections 256; }}
http {{
    default_type application/octet-stream;
    client_body_temp_path "{d}/client_body";
    proxy_temp_path "{d}/proxy";
    fastcgi_temp_path "{d}/fastcgi";
    uwsgi_temp_path "{d}/uwsgi";
    scgi_temp_path "{d}/scgi";
    log_format ranges '$request $status $http_range';
    access_log "{d}/access.log" ranges;
    sendfile on;
    ssl_certificate "{d}/server.pem";
    ssl_certificate_key "{d}/server.key";
    server {{
        listen {addr}:443 ssl http2;
        server_name {HOST};
        root "{r}";
    }}
}}
"#,
            addr = link.server,
            r = root.display(),
        );
        std::fs::write(dir.join("nginx.conf"), config).expect("write nginx.conf");
        let mut child = Command::new("ip")
            .args(["netns", "exec", &link.netns, "/usr/sbin/nginx", "-p"])
            .arg(dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nginx in the namespace");
        let deadline = Instant::now() + Duration::from_secs(15);
        while !dir.join("nginx.pid").exists() {
            if let Some(status) = child.try_wait().expect("poll nginx") {
                panic!(
                    "nginx exited with {status}: {}",
                    std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
                );
            }
            assert!(Instant::now() < deadline, "nginx did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server {
            child,
            dir: dir.to_owned(),
            address: link.server.clone(),
            ca_file,
        }
    }

    /// `$request $status $http_range`, one line per request.
    fn access_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("access.log")).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
