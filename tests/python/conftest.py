"""Fixtures of the integration tests: the mummer test server (one per test session), its URLs
and CA file, and a throwaway nginx.

The tests run against the INSTALLED ``mummer`` package (``scripts/python-env.sh`` makes the
venv ``target/pyenv``), never the source tree.

``mummer-testserver`` is started once with a pipe on its stdin (it serves until that pipe is
closed), its one JSON line is read, and the pipe is closed again at the end of the session.
``MUMMER_TESTSERVER`` may name the binary; the default is ``target/debug/mummer-testserver`` of
this repository (``cargo build -p mummer-testkit --bin mummer-testserver``).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
NGINX_BIN = "/usr/sbin/nginx"


@dataclass(frozen=True)
class ServerInfo:
    """What the test server's JSON line says."""

    info: dict[str, Any]

    @property
    def ca_file(self) -> str:
        return str(self.info["ca_file"])

    @property
    def urls(self) -> dict[str, str]:
        return dict(self.info["urls"])

    @property
    def ports(self) -> dict[str, int]:
        return dict(self.info["ports"])

    def url(self, server: str, path: str = "") -> str:
        return self.info["urls"][server] + path


def _binary(env: str, default: str) -> Path:
    given = os.environ.get(env)
    return Path(given).resolve() if given else REPO / default


def _read_line(proc: subprocess.Popen[bytes], timeout: float) -> bytes:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no JSON line from the test server within {timeout} s")
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if ready:
            piece = os.read(proc.stdout.fileno(), 65536)
            if not piece:
                raise RuntimeError(f"the test server exited (status {proc.wait()})")
            line += piece
    return line


@pytest.fixture(scope="session")
def testserver() -> Iterator[ServerInfo]:
    binary = _binary("MUMMER_TESTSERVER", "target/debug/mummer-testserver")
    if not binary.is_file():
        pytest.fail(
            f"{binary} is missing: cargo build -p mummer-testkit --bin mummer-testserver "
            "(or set MUMMER_TESTSERVER)"
        )
    proc = subprocess.Popen(
        [str(binary)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    try:
        info = json.loads(_read_line(proc, 30))
        assert info["mummer_testserver"] == 1
        yield ServerInfo(info)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()  # EOF on stdin stops it
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.fixture(scope="session")
def ca_file(testserver: ServerInfo) -> str:
    return testserver.ca_file


@pytest.fixture(scope="session")
def urls(testserver: ServerInfo) -> dict[str, str]:
    return testserver.urls


@pytest.fixture(scope="session")
def http_url(urls: dict[str, str]) -> str:
    return urls["http"]


@pytest.fixture(scope="session")
def https_url(urls: dict[str, str]) -> str:
    """TLS, ALPN h2 (preferred) and http/1.1."""
    return urls["https"]


@pytest.fixture(scope="session")
def https_h1_url(urls: dict[str, str]) -> str:
    """TLS, ALPN http/1.1 only."""
    return urls["https_h1"]


@pytest.fixture(scope="session")
def h2c_url(urls: dict[str, str]) -> str:
    """Plain-TCP HTTP/2 with prior knowledge only."""
    return urls["h2c"]


@pytest.fixture(scope="session")
def capture_url(urls: dict[str, str]) -> str:
    return urls["capture"]


@pytest.fixture(scope="session")
def mummer_cli() -> Path:
    binary = _binary("MUMMER_CLI", "target/debug/mummer")
    if not binary.is_file():
        pytest.fail(f"{binary} is missing: cargo build -p mummer-cli (or set MUMMER_CLI)")
    return binary


# -- nginx ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Nginx:
    """A running nginx: two TLS servers on one static root."""

    h2_port: int  # ALPN h2 and http/1.1
    h1_port: int  # http/1.1 only
    ca_file: str
    root: Path

    def url(self, port: int, path: str) -> str:
        return f"https://localhost:{port}{path}"


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _make_ca(d: Path) -> None:
    """A throwaway CA and a server certificate for localhost and 127.0.0.1."""
    _openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=mummer python tests CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=d,
    )  # fmt: skip
    _openssl(
        "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost",
        cwd=d,
    )  # fmt: skip
    (d / "ext.cnf").write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
    )
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf",
        cwd=d,
    )  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _modern_http2_syntax() -> bool:
    out = subprocess.run([NGINX_BIN, "-v"], capture_output=True, text=True).stderr
    version = out.split("nginx/")[-1].split()[0]
    parts = tuple(int(p) for p in version.split(".")[:3])
    return parts >= (1, 25, 1)


#: Served files and their sizes; the bytes are `pattern` bytes from offset 0.
NGINX_FILES = {"small.txt": None, "1m.bin": 1 << 20, "3m.bin": 3 << 20}
NGINX_SMALL = b"Hello, world!"
#: Bytes of a response after which nginx's /slow/ location stops sending (rate 1 byte/s).
NGINX_SLOW_AFTER = 2 << 20


def _nginx_config(d: Path, root: Path, h2_port: int, h1_port: int) -> str:
    h2_listen, h2_directive = ("ssl", "http2 on;") if _modern_http2_syntax() else ("ssl http2", "")
    locations = f"""
        root "{root}";
        location /slow/ {{
            alias "{root}/";
            limit_rate_after {NGINX_SLOW_AFTER};
            limit_rate 1;
        }}
"""
    return f"""daemon off;
master_process off;
worker_processes 1;
pid "{d}/nginx.pid";
lock_file "{d}/nginx.lock";
error_log "{d}/error.log" warn;
events {{ worker_connections 256; }}
http {{
    default_type application/octet-stream;
    types {{ text/plain txt; }}
    client_body_temp_path "{d}/client_body";
    proxy_temp_path "{d}/proxy";
    fastcgi_temp_path "{d}/fastcgi";
    uwsgi_temp_path "{d}/uwsgi";
    scgi_temp_path "{d}/scgi";
    access_log off;
    sendfile on;
    keepalive_timeout 60s;
    ssl_certificate "{d}/server.pem";
    ssl_certificate_key "{d}/server.key";
    ssl_protocols TLSv1.2 TLSv1.3;
    server {{
        listen 127.0.0.1:{h2_port} {h2_listen};
        {h2_directive}
        server_name localhost;
        {locations}
    }}
    server {{
        listen 127.0.0.1:{h1_port} ssl;
        server_name localhost;
        {locations}
    }}
}}
"""


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def tls_certs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with a throwaway CA (``ca.pem``) and a server certificate for localhost
    and 127.0.0.1 (``server.pem``, ``server.key``), for the tests' own TLS servers."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl CLI is not installed")
    d = tmp_path_factory.mktemp("certs")
    _make_ca(d)
    return d


@pytest.fixture(scope="session")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    if not os.path.isfile(NGINX_BIN):
        pytest.skip(f"nginx is not installed ({NGINX_BIN})")
    if shutil.which("openssl") is None:
        pytest.skip("the openssl CLI is not installed")
    from mummer_testutil import pattern

    d = tmp_path_factory.mktemp("nginx")
    root = d / "root"
    root.mkdir()
    (root / "small.txt").write_bytes(NGINX_SMALL)
    for name, size in NGINX_FILES.items():
        if size is not None:
            (root / name).write_bytes(pattern(0, size))
    _make_ca(d)
    last = ""
    for _ in range(5):  # a probed free port may be taken before nginx binds it
        h2_port, h1_port = _free_port(), _free_port()
        if h2_port == h1_port:
            continue
        (d / "nginx.conf").write_text(_nginx_config(d, root, h2_port, h1_port))
        proc = subprocess.Popen(
            [NGINX_BIN, "-p", str(d), "-c", str(d / "nginx.conf"), "-e", str(d / "error.log")],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while proc.poll() is None and time.monotonic() < deadline:
            if _listening(h2_port) and _listening(h1_port):
                break
            time.sleep(0.02)
        if proc.poll() is None and _listening(h2_port) and _listening(h1_port):
            try:
                yield Nginx(h2_port, h1_port, str(d / "ca.pem"), root)
            finally:
                proc.kill()
                proc.wait()
            return
        proc.kill()
        proc.wait()
        last = (d / "error.log").read_text() if (d / "error.log").exists() else ""
    pytest.fail(f"nginx did not start: {last}")
