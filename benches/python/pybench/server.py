"""Debian's nginx on 127.0.0.1 for the bench (stdlib only; mirrors crates/mummer/tests/support/nginx.rs).

One nginx, ``daemon off; master_process off;`` (a single process, the one child of ``run.py``),
its config, certificate, pid file, logs and temp paths in a fresh temp dir removed on stop:

* ``https_port``: TLS 1.2/1.3, HTTP/2 and HTTP/1.1 by ALPN, certificate for 127.0.0.1 and
  localhost issued by a throwaway CA (``ca.pem``, made by ``pybench.certs`` in the venv).
* ``http_port``: plain HTTP/1.1.

Both serve the content dir (``/small.txt``, ``/1m.bin``, ``/big-*.bin``) with Content-Length,
and the same under ``/probe/`` with an access log of ``port protocol connection`` (each cell's
warm-up request goes there, so the report tells which protocol every client really spoke).
The plain port also serves ``/chunked/NAME``: the same files with ``Transfer-Encoding: chunked``.
That uses nginx's addition filter (``add_after_body`` an empty file): the filter drops the
Content-Length, so the chunked filter frames the body, and with ``sendfile off`` the file goes
out in ``output_buffers``-sized chunks (64 KiB) instead of one giant chunk. The bytes are the
file's, unchanged (the added body is empty). ``run.py`` checks the framing at start-up.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time

from .pattern import write_pattern_file

NGINX_BIN = "/usr/sbin/nginx"

SMALL_PATH = "/small.txt"
SMALL_BODY = b"Hello, world!"
MEDIUM_PATH = "/1m.bin"
MEDIUM_LEN = 1 << 20
CHUNKED_PREFIX = "/chunked"
PROBE_PREFIX = "/probe"


def big_path(length: int) -> str:
    return f"/big-{length >> 20}m.bin"


def content_dir() -> str:
    return os.path.join(tempfile.gettempdir(), "mummer-pybench-content")


def make_content(big_len: int) -> str:
    """Writes the served files once (kept across runs in the temp dir); returns the dir."""
    root = content_dir()
    os.makedirs(root, exist_ok=True)
    small = os.path.join(root, SMALL_PATH[1:])
    if not os.path.isfile(small) or open(small, "rb").read() != SMALL_BODY:
        with open(small, "wb") as f:
            f.write(SMALL_BODY)
    with open(os.path.join(root, "empty.txt"), "wb"):
        pass
    for path, length in ((MEDIUM_PATH, MEDIUM_LEN), (big_path(big_len), big_len)):
        full = os.path.join(root, path[1:])
        if os.path.isfile(full) and os.path.getsize(full) == length:
            continue  # same generator, same length: same bytes (verified again by every cell)
        started = time.monotonic()
        write_pattern_file(full, length)
        print(f"content: wrote {full} ({length >> 20} MiB) in {time.monotonic() - started:.1f} s",
              flush=True)
    return root


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _modern_http2_syntax() -> bool:
    """nginx 1.25.1 moved HTTP/2 to ``http2 on;``; Debian 12 ships 1.22."""
    out = subprocess.run([NGINX_BIN, "-v"], capture_output=True, text=True).stderr
    try:
        version = out.split("nginx/")[1].split()[0]
        parts = tuple(int(p) for p in version.split("."))
    except (IndexError, ValueError):
        return False
    return parts >= (1, 25, 1)


def _config(d: str, root: str, https_port: int, http_port: int) -> str:
    h2_listen, h2_directive = ("ssl", "http2 on;") if _modern_http2_syntax() else ("ssl http2", "")
    # Each cell's warm-up request goes here: the log tells which protocol the client spoke.
    probe = f"""location {PROBE_PREFIX}/ {{
            alias "{root}/";
            access_log "{d}/probe.log" probe;
        }}"""
    return f"""daemon off;
master_process off;
worker_processes 1;
pid "{d}/nginx.pid";
lock_file "{d}/nginx.lock";
error_log "{d}/error.log" warn;

events {{
    worker_connections 4096;
}}

http {{
    default_type application/octet-stream;
    types {{
        text/plain txt;
    }}
    client_body_temp_path "{d}/client_body";
    proxy_temp_path "{d}/proxy";
    fastcgi_temp_path "{d}/fastcgi";
    uwsgi_temp_path "{d}/uwsgi";
    scgi_temp_path "{d}/scgi";

    access_log off;
    log_format probe '$server_port $server_protocol $connection';
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
    http2_max_concurrent_streams 256;
    http2_chunk_size 16k;
    etag off;

    ssl_certificate "{d}/server.pem";
    ssl_certificate_key "{d}/server.key";
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache off;

    server {{
        listen 127.0.0.1:{https_port} {h2_listen};
        {h2_directive}
        server_name localhost;
        root "{root}";
        {probe}
    }}

    server {{
        listen 127.0.0.1:{http_port};
        server_name localhost;
        root "{root}";
        {probe}
        location {CHUNKED_PREFIX}/ {{
            alias "{root}/";
            add_after_body /empty.txt;
            addition_types *;
            sendfile off;
            output_buffers 2 64k;
        }}
    }}
}}
"""


class Nginx:
    """A running nginx; ``stop()`` kills it and removes its directory."""

    def __init__(self, root: str, venv_python: str) -> None:
        if not os.path.isfile(NGINX_BIN):
            raise RuntimeError(f"nginx not installed ({NGINX_BIN} missing)")
        self.dir = tempfile.mkdtemp(prefix="mummer-pybench-nginx-")
        subprocess.run([venv_python, "-m", "pybench.certs", self.dir], check=True,
                       cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        self.ca_file = os.path.join(self.dir, "ca.pem")
        last = ""
        for _ in range(5):  # a probed port can be taken before nginx binds it: try again
            self.https_port, self.http_port = _free_port(), _free_port()
            if self.https_port == self.http_port:
                continue
            with open(os.path.join(self.dir, "nginx.conf"), "w") as f:
                f.write(_config(self.dir, root, self.https_port, self.http_port))
            log = os.path.join(self.dir, "error.log")
            if os.path.exists(log):
                os.remove(log)
            self.proc = subprocess.Popen(
                [NGINX_BIN, "-p", self.dir, "-c", os.path.join(self.dir, "nginx.conf"),
                 "-e", log],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            if self._wait_ready():
                return
            self.proc.kill()
            self.proc.wait()
            last = self.error_log()
        shutil.rmtree(self.dir, ignore_errors=True)
        raise RuntimeError(f"nginx did not start: {last}")

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if all(_listening(p) for p in (self.https_port, self.http_port)):
                return True
            time.sleep(0.02)
        return False

    def probe_log(self) -> list:
        """Lines of the probe log, ``(port, protocol, connection)``, in order."""
        try:
            with open(os.path.join(self.dir, "probe.log")) as f:
                return [tuple(line.split()) for line in f if line.strip()]
        except OSError:
            return []

    def error_log(self) -> str:
        try:
            with open(os.path.join(self.dir, "error.log")) as f:
                return f.read()
        except OSError:
            return ""

    def https(self, path: str) -> str:
        return f"https://127.0.0.1:{self.https_port}{path}"

    def http(self, path: str) -> str:
        return f"http://127.0.0.1:{self.http_port}{path}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def check_chunked(nginx: Nginx, path: str) -> str:
    """Reads the first bytes of ``/chunked{path}`` raw; returns a problem, or "" if it is chunked."""
    with socket.create_connection(("127.0.0.1", nginx.http_port), timeout=5) as s:
        s.sendall(f"GET {CHUNKED_PREFIX}{path} HTTP/1.1\r\nHost: localhost\r\n"
                  "Connection: close\r\n\r\n".encode())
        data = b""
        while b"\r\n\r\n" not in data or len(data) < 4096:
            more = s.recv(65536)
            if not more:
                break
            data += more
    head, _, body = data.partition(b"\r\n\r\n")
    lower = head.lower()
    if b"transfer-encoding: chunked" not in lower or b"content-length" in lower:
        return f"not chunked: {head.decode(errors='replace')}"
    size = body.split(b"\r\n", 1)[0]
    try:
        n = int(size, 16)
    except ValueError:
        return f"bad first chunk header {size!r}"
    if not 0 < n <= 1 << 20:
        return f"first chunk is {n} bytes"
    return ""
