"""Every area of the `mummer.requests` API against the test server (and nginx), checked as a
user would: bytes, hashes, header values, exception classes and their ``.code``.

The test server's routes are documented in ``crates/mummer-testkit/src/content.rs``.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import io
import json
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from mummer_testutil import drain, pattern, read_head, sha256

import mummer
from conftest import NGINX_SLOW_AFTER, NGINX_SMALL, Nginx, ServerInfo
from mummer import CurlHttpVersion
from mummer import requests as mreq
from mummer.requests import exceptions as exc

MiB = 1 << 20

#: Test-server base URLs per protocol, and the version a response reports.
PROTOCOLS = {"h1": ("https_h1", "1.1"), "h2": ("https", "2")}


@pytest.fixture(params=sorted(PROTOCOLS))
def proto(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def base(proto: str, urls: dict[str, str]) -> str:
    """The TLS content server speaking `proto`."""
    return urls[PROTOCOLS[proto][0]]


@pytest.fixture
def s(ca_file: str) -> Iterator[mreq.Session]:
    with mreq.Session(verify=ca_file) as session:
        yield session


def _echo(r: mreq.Response) -> dict[str, Any]:
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def _header_values(echo: dict[str, Any], name: str) -> list[str]:
    return [v for k, v in echo["headers"] if k.lower() == name.lower()]


def _wire_version(proto: str) -> str:
    return "HTTP/2" if proto == "h2" else "HTTP/1.1"


# -- verbs ------------------------------------------------------------------------------------

VERBS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "QUERY"]


def test_the_plain_get_path_builds_the_same_response_as_request(
    s: mreq.Session, base: str, proto: str
) -> None:
    # `Session.get` with no arguments takes a shortcut (the prepared request cached, the
    # response built in one step); everything a user reads must equal `request("GET")`'s.
    url = base + "/echo"
    fast = s.get(url)
    slow = s.request("GET", url)
    volatile = {"_native", "_content", "local_port", "elapsed"}
    fast_attrs = {k: v for k, v in vars(fast).items() if k not in volatile}
    slow_attrs = {k: v for k, v in vars(slow).items() if k not in volatile}
    assert fast_attrs == slow_attrs
    assert set(vars(fast)) == set(vars(slow))
    assert fast.json() == slow.json()
    assert list(fast.headers.keys()) == list(slow.headers.keys())
    assert fast.request is not None
    assert slow.request is not None
    assert list(fast.request.headers.items()) == list(slow.request.headers.items())
    assert fast.http_version == slow.http_version
    assert str(fast.http_version) == _wire_version(proto)
    # A setting changed after the first request reaches the next one on the shortcut too.
    s.headers["X-Later"] = "1"
    assert _header_values(_echo(s.get(url)), "X-Later") == ["1"]
    s.default_encoding = "latin-1"
    assert s.get(url).default_encoding == "latin-1"


def test_the_async_plain_get_path_builds_the_same_response_as_request(
    ca_file: str, base: str
) -> None:
    url = base + "/echo"

    async def both() -> tuple[mreq.Response, mreq.Response]:
        async with mreq.AsyncSession(verify=ca_file, max_clients=2) as s:
            fast, slow = await asyncio.gather(s.get(url), s.request("GET", url))
            return fast, slow

    fast, slow = asyncio.run(both())
    volatile = {"_native", "_content", "local_port", "elapsed"}
    assert {k: v for k, v in vars(fast).items() if k not in volatile} == {
        k: v for k, v in vars(slow).items() if k not in volatile
    }
    assert set(vars(fast)) == set(vars(slow))
    assert fast.json() == slow.json()


@pytest.mark.parametrize("method", VERBS)
def test_verbs_reach_the_server_as_sent(
    s: mreq.Session, base: str, proto: str, method: str
) -> None:
    r = getattr(s, method.lower())(base + "/echo")
    echo = _echo(r)
    assert echo["method"] == method
    assert echo["version"] == _wire_version(proto)
    assert r.request.method == method


def test_verbs_through_request(s: mreq.Session, base: str) -> None:
    echo = _echo(s.request("PATCH", base + "/echo", content=b"x"))
    assert (echo["method"], echo["body_len"]) == ("PATCH", 1)


@pytest.mark.parametrize(
    "head_proto",
    ["h1", "h2"],
)
def test_head_has_headers_and_no_body(
    s: mreq.Session, urls: dict[str, str], head_proto: str
) -> None:
    base = urls[PROTOCOLS[head_proto][0]]
    r = s.head(base + "/bytes/12345")
    assert r.status_code == 200
    assert r.headers["content-length"] == "12345"
    assert r.content == b""


# -- params -----------------------------------------------------------------------------------


def test_params_merge_with_session_params_and_the_url_query(ca_file: str, base: str) -> None:
    with mreq.Session(verify=ca_file, params={"s": "1", "shared": "session"}) as s:
        echo = _echo(s.get(base + "/echo?u=0", params={"r": ["a", "b"], "shared": "request"}))
    # As curl_cffi's update_url_params: a name given once replaces its one occurrence.
    assert echo["path"] == "/echo?u=0&s=1&shared=request&r=a&r=b"


def test_params_list_of_pairs_and_quoting(s: mreq.Session, base: str) -> None:
    params = [("q", "a b&c=d"), ("q", "é/?"), ("empty", "")]
    echo = _echo(s.get(base + "/echo", params=params))
    assert echo["path"] == "/echo?q=a+b%26c%3Dd&q=%C3%A9%2F%3F&empty="


def test_params_replace_a_name_in_the_url(s: mreq.Session, base: str) -> None:
    echo = _echo(s.get(base + "/echo?a=1&b=2", params={"a": "9"}))
    assert echo["path"] == "/echo?a=9&b=2"


def test_url_is_requoted(s: mreq.Session, base: str) -> None:
    echo = _echo(s.get(base + "/echo?x=é ü&y=%41"))
    assert echo["path"] == "/echo?x=%C3%A9%20%C3%BC&y=A"


# -- request bodies ---------------------------------------------------------------------------


def _upload(r: mreq.Response) -> dict[str, Any]:
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


@pytest.mark.parametrize(
    ("data", "body", "content_type"),
    [
        ({"a": "1", "b": "x y"}, b"a=1&b=x+y", "application/x-www-form-urlencoded"),
        ([("a", "1"), ("a", "2")], b"a=1&a=2", "application/x-www-form-urlencoded"),
        (b"\x00raw\xff", b"\x00raw\xff", "application/octet-stream"),
        ("text é", "text é".encode(), "application/octet-stream"),
    ],
    ids=["dict", "pairs", "bytes", "str"],
)
def test_data(s: mreq.Session, base: str, data: Any, body: bytes, content_type: str) -> None:
    up = _upload(s.post(base + "/upload", data=data))
    assert up["method"] == "POST"
    assert up["content_type"] == content_type
    assert (up["body_len"], up["body_sha256"]) == (len(body), sha256(body))


def test_json_body(s: mreq.Session, base: str) -> None:
    value = {"a": [1, 2, {"b": None}], "é": True}
    up = _upload(s.put(base + "/upload", json=value))
    body = json.dumps(value, separators=(",", ":")).encode()
    assert up["method"] == "PUT"
    assert up["content_type"] == "application/json"
    assert up["body_sha256"] == sha256(body)


def test_own_content_type_wins(s: mreq.Session, base: str) -> None:
    up = _upload(
        s.post(base + "/upload", json={"a": 1}, headers={"Content-Type": "application/x-mine"})
    )
    assert up["content_type"] == "application/x-mine"


def test_files_multipart_parts(s: mreq.Session, base: str, proto: str, tmp_path: Path) -> None:
    big = pattern(0, 3 * MiB + 7)
    on_disk = tmp_path / "big.bin"
    on_disk.write_bytes(big)
    with on_disk.open("rb") as f:
        r = s.post(
            base + "/upload",
            data={"field": "value é"},
            files={
                "tuple": ("notes.txt", b"some text\n", "text/plain"),
                "disk": f,
                "raw": b"\x01\x02\x03",
                "two": ("name.json", io.BytesIO(b'{"k": 1}')),
            },
        )
    up = _upload(r)
    assert up["multipart_error"] is None
    assert up["content_type"].startswith("multipart/form-data; boundary=")
    assert up["boundary"]
    assert up["boundary"] in up["content_type"]
    parts = {p["name"]: p for p in up["parts"]}
    assert list(parts) == ["field", "tuple", "disk", "raw", "two"]
    assert parts["field"]["filename"] is None
    assert parts["field"]["sha256"] == sha256("value é".encode())
    assert (parts["tuple"]["filename"], parts["tuple"]["content_type"]) == (
        "notes.txt",
        "text/plain",
    )
    assert parts["tuple"]["sha256"] == sha256(b"some text\n")
    assert parts["disk"]["filename"] == "big.bin"
    assert (parts["disk"]["length"], parts["disk"]["sha256"]) == (len(big), sha256(big))
    assert parts["raw"]["filename"] == "raw"
    assert parts["raw"]["sha256"] == sha256(b"\x01\x02\x03")
    assert parts["two"]["filename"] == "name.json"
    assert parts["two"]["sha256"] == sha256(b'{"k": 1}')


def test_files_per_part_headers_are_refused(s: mreq.Session, base: str) -> None:
    with pytest.raises(NotImplementedError, match="per-part headers"):
        s.post(base + "/upload", files={"f": ("a.txt", b"x", "text/plain", {"X-A": "1"})})


def test_content_bytes(s: mreq.Session, base: str) -> None:
    body = pattern(5, 200_000)
    up = _upload(s.post(base + "/upload", content=body))
    assert up["content_length"] == str(len(body))
    assert up["body_sha256"] == sha256(body)


def test_content_file_object(s: mreq.Session, base: str, tmp_path: Path) -> None:
    body = pattern(0, 2 * MiB + 3)
    path = tmp_path / "body.bin"
    path.write_bytes(body)
    with path.open("rb") as f:
        up = _upload(s.post(base + "/upload", content=f))
    assert up["content_length"] == str(len(body))
    assert (up["body_len"], up["body_sha256"]) == (len(body), sha256(body))


def test_content_generator(s: mreq.Session, base: str, proto: str) -> None:
    pieces = [pattern(i * 10_000, 10_000) for i in range(50)]

    def gen() -> Iterator[bytes]:
        yield from pieces

    up = _upload(s.post(base + "/upload", content=gen()))
    body = b"".join(pieces)
    assert (up["body_len"], up["body_sha256"]) == (len(body), sha256(body))
    assert up["content_length"] is None
    if proto == "h1":
        assert up["transfer_encoding"] == "chunked"


def test_content_async_generator(ca_file: str, base: str) -> None:
    pieces = [pattern(i * 7_000, 7_000) for i in range(40)]

    async def gen() -> AsyncIterator[bytes]:
        for piece in pieces:
            await asyncio.sleep(0)
            yield piece

    async def main() -> dict[str, Any]:
        async with mreq.AsyncSession(verify=ca_file) as s:
            return _upload(await s.post(base + "/upload", content=gen()))

    up = asyncio.run(main())
    body = b"".join(pieces)
    assert (up["body_len"], up["body_sha256"]) == (len(body), sha256(body))


def test_session_refuses_an_async_generator(s: mreq.Session, base: str) -> None:
    async def gen() -> AsyncIterator[bytes]:
        yield b"x"

    with pytest.raises(TypeError, match="AsyncSession"):
        s.post(base + "/upload", content=gen())


# -- headers ----------------------------------------------------------------------------------


def test_header_order_and_case_on_http1(s: mreq.Session, https_h1_url: str) -> None:
    sent = [("X-Zeta", "1"), ("x-alpha", "2"), ("X-MiXeD-Case", "3"), ("Accept", "a/b")]
    echo = _echo(s.get(https_h1_url + "/echo", headers=sent))
    names = [k for k, _ in echo["headers"]]
    ours = [(k, v) for k, v in echo["headers"] if k.lower() in {n.lower() for n, _ in sent}]
    assert ours == sent  # as sent: order, case and values
    assert names[0] == "Host"


def test_header_values_on_http2(s: mreq.Session, https_url: str) -> None:
    echo = _echo(s.get(https_url + "/echo", headers={"X-Zeta": "1", "x-alpha": "2"}))
    assert echo["version"] == "HTTP/2"
    assert _header_values(echo, "x-zeta") == ["1"]
    assert _header_values(echo, "x-alpha") == ["2"]


def test_session_headers_and_none_removes(ca_file: str, https_h1_url: str) -> None:
    with mreq.Session(verify=ca_file, headers={"X-Session": "s", "X-Keep": "k"}) as s:
        echo = _echo(s.get(https_h1_url + "/echo"))
        assert _header_values(echo, "X-Session") == ["s"]
        echo = _echo(
            s.get(
                https_h1_url + "/echo",
                headers={"X-Session": None, "X-Keep": "override", "Accept": None},
            )
        )
    assert _header_values(echo, "X-Session") == []
    assert _header_values(echo, "X-Keep") == ["override"]
    assert _header_values(echo, "Accept") == []


def test_request_headers_as_sent(s: mreq.Session, https_h1_url: str) -> None:
    r = s.get(https_h1_url + "/echo", headers={"X-One": "1"})
    echo = _echo(r)
    sent = [(k, v) for k, v in r.request.headers.multi_items()]
    assert sent == [(k, v) for k, v in echo["headers"]]


def test_referer(s: mreq.Session, base: str) -> None:
    echo = _echo(s.get(base + "/echo", referer="https://example.test/page"))
    assert _header_values(echo, "referer") == ["https://example.test/page"]


# -- cookies ----------------------------------------------------------------------------------


def test_cookies_kept_across_redirects(s: mreq.Session, base: str) -> None:
    r = s.get(base + "/set-cookie-redirect?to=/echo&a=1&b=two")
    echo = _echo(r)
    assert _header_values(echo, "cookie") in (["a=1; b=two"], ["a=1", "b=two"])
    assert s.cookies["a"] == "1"
    assert s.cookies.get("b") == "two"
    # The final response set none; the redirect hop did.
    assert dict(r.cookies) == {}
    assert len(r.history) == 1
    assert dict(r.history[0].cookies) == {"a": "1", "b": "two"}
    # The next request sends them from the jar.
    assert "a=1" in "; ".join(_header_values(_echo(s.get(base + "/echo")), "cookie"))


def test_response_cookies_are_its_own(s: mreq.Session, base: str) -> None:
    s.get(base + "/set-cookie?old=1")
    r = s.get(base + "/set-cookie?new=2")
    assert r.json() == {"set_cookie": ["new=2"]}
    assert dict(r.cookies) == {"new": "2"}
    assert s.cookies.get_dict() == {"old": "1", "new": "2"}


def test_per_request_cookies_are_sent_not_stored(s: mreq.Session, base: str) -> None:
    echo = _echo(s.get(base + "/echo", cookies={"k": "v"}))
    assert "; ".join(_header_values(echo, "cookie")) == "k=v"
    assert "k" not in s.cookies


def test_session_cookies_argument(ca_file: str, base: str) -> None:
    with mreq.Session(verify=ca_file, cookies={"pre": "set"}) as s:
        echo = _echo(s.get(base + "/echo"))
    assert "; ".join(_header_values(echo, "cookie")) == "pre=set"


def test_discard_cookies(ca_file: str, base: str) -> None:
    with mreq.Session(verify=ca_file) as s:
        r = s.get(base + "/set-cookie?z=1", discard_cookies=True)
        assert r.json() == {"set_cookie": ["z=1"]}
        assert "z" not in s.cookies
    with mreq.Session(verify=ca_file, discard_cookies=True) as s:
        s.get(base + "/set-cookie?y=1")
        assert len(s.cookies) == 0


def test_cookies_api(s: mreq.Session, base: str) -> None:
    jar = s.cookies
    jar.set("a", "1", domain="localhost")
    jar["b"] = "2"
    assert jar.get("a") == "1"
    assert jar["b"] == "2"
    assert jar.get("missing", "dflt") == "dflt"
    assert jar.get_dict() == {"a": "1", "b": "2"}
    assert "; ".join(_header_values(_echo(s.get(base + "/echo")), "cookie")) in (
        "a=1; b=2",
        "b=2; a=1",
    )
    jar.delete("a")
    assert "a" not in jar
    del jar["b"]
    assert len(jar) == 0
    jar.set("c", "3")
    jar.clear()
    assert jar.get_dict() == {}
    with pytest.raises(KeyError):
        jar["c"]


def test_cookie_conflict(s: mreq.Session) -> None:
    s.cookies.set("n", "1", domain="one.test")
    s.cookies.set("n", "2", domain="two.test")
    with pytest.raises(exc.CookieConflict):
        s.cookies.get("n")
    assert s.cookies.get("n", domain="two.test") == "2"
    assert issubclass(exc.CookieConflict, exc.RequestException)


# -- auth -------------------------------------------------------------------------------------


def test_basic_auth(s: mreq.Session, base: str) -> None:
    r = s.get(base + "/auth/basic/user/p%40ss", auth=("user", "p@ss"))
    assert r.status_code == 200
    assert r.json() == {"authenticated": True, "user": "user"}
    assert s.get(base + "/auth/basic/user/p%40ss").status_code == 401
    assert s.get(base + "/auth/basic/user/p%40ss", auth=("user", "bad")).status_code == 401


def test_session_auth(ca_file: str, base: str) -> None:
    with mreq.Session(verify=ca_file, auth=("u", "pw")) as s:
        assert s.get(base + "/auth/basic/u/pw").status_code == 200


def test_auth_tuple_is_basic_only(s: mreq.Session, base: str) -> None:
    # As curl_cffi: auth=(user, password) is HTTP Basic; mummer.requests exposes no Digest.
    r = s.get(base + "/auth/digest/u/pw", auth=("u", "pw"))
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Digest ")
    with pytest.raises(TypeError, match="Basic"):
        s.get(base + "/auth/basic/u/pw", auth=("u", "pw", "digest"))  # type: ignore[arg-type]


# -- redirects --------------------------------------------------------------------------------


def test_redirects_followed_with_history(s: mreq.Session, base: str) -> None:
    r = s.get(base + "/redirect/3")
    assert (r.status_code, r.text) == (200, "done")
    assert r.url == base + "/redirect/0"
    assert r.redirect_count == 3
    assert [(h.url, h.status_code) for h in r.history] == [
        (base + "/redirect/3", 302),
        (base + "/redirect/2", 302),
        (base + "/redirect/1", 302),
    ]
    assert r.history[0].headers["location"] == "/redirect/2"


def test_allow_redirects_false_returns_the_3xx(s: mreq.Session, base: str) -> None:
    r = s.get(base + "/redirect/2", allow_redirects=False)
    assert r.status_code == 302
    assert r.headers["Location"] == "/redirect/1"
    assert r.is_redirect
    assert r.redirect_url == base + "/redirect/1"
    assert r.redirect_count == 0
    assert r.history == []


def test_max_redirects(s: mreq.Session, base: str) -> None:
    with pytest.raises(exc.TooManyRedirects) as info:
        s.get(base + "/redirect/5", max_redirects=2)
    assert info.value.code == 47
    assert s.get(base + "/redirect/2", max_redirects=2).status_code == 200


def test_303_turns_post_into_get(s: mreq.Session, base: str) -> None:
    r = s.post(base + "/set-cookie-redirect?to=/echo&status=303", content=b"body")
    echo = _echo(r)
    assert (echo["method"], echo["body_len"]) == ("GET", 0)
    assert r.history[0].status_code == 303


def test_307_keeps_method_and_body(s: mreq.Session, base: str) -> None:
    r = s.post(base + "/redirect-to?url=/echo&status=307", content=b"body")
    echo = _echo(r)
    assert (echo["method"], echo["body_len"], echo["body_sha256"]) == (
        "POST",
        4,
        sha256(b"body"),
    )


def test_safe_redirects_refuse_loopback(s: mreq.Session, base: str, testserver: ServerInfo) -> None:
    target = f"http://127.0.0.1:{testserver.ports['http']}/small"
    url = base + "/redirect-to?url=" + quote(target, safe="")
    # Without "safe", the hop is followed.
    assert s.get(url).text == "hello, world\n"
    with pytest.raises(exc.InvalidURL) as info:
        s.get(url, allow_redirects="safe")
    assert info.value.code == 3
    with pytest.raises(exc.InvalidURL):
        s.get(url, allow_redirects=mummer.CurlFollow.SAFE)


# -- proxies ----------------------------------------------------------------------------------


@pytest.mark.parametrize("proxy_name", ["proxy_http", "proxy_socks5"])
def test_proxy(s: mreq.Session, urls: dict[str, str], proxy_name: str, proto: str) -> None:
    base = urls[PROTOCOLS[proto][0]]
    r = s.get(base + "/echo", proxy=urls[proxy_name])
    echo = _echo(r)
    assert echo["version"] == _wire_version(proto)
    # Through the proxy the origin's name is resolved by the proxy: origin.test works too.
    port = base.rsplit(":", 1)[1]
    r = s.get(
        f"https://origin.test:{port}/small", proxy=urls[proxy_name].replace("socks5:", "socks5h:")
    )
    assert r.text == "hello, world\n"


def test_proxy_for_plain_http(s: mreq.Session, urls: dict[str, str]) -> None:
    r = s.get(urls["http"] + "/echo?p=1", proxies={"http": urls["proxy_http"]})
    echo = _echo(r)
    assert echo["path"] == "/echo?p=1"


def test_proxies_dict_by_scheme(s: mreq.Session, urls: dict[str, str]) -> None:
    # An unreachable proxy for http:// only: https:// requests do not use it.
    dead = f"http://127.0.0.1:{_closed_port()}"
    proxies = {"https": urls["proxy_http"], "http": dead}
    assert s.get(urls["https"] + "/small", proxies=proxies).text == "hello, world\n"
    with pytest.raises(exc.ConnectionError, match="proxy") as info:
        s.get(urls["http"] + "/small", proxies=proxies)
    assert info.value.code == 7  # as curl: COULDNT_CONNECT (to the proxy)


def test_proxy_auth(s: mreq.Session, urls: dict[str, str], testserver: ServerInfo) -> None:
    auth = testserver.info["proxy_auth"]
    creds = (auth["user"], auth["password"])
    bare = f"http://127.0.0.1:{testserver.ports['proxy_http_auth']}"
    with pytest.raises(exc.ProxyError) as info:
        s.get(urls["https"] + "/small", proxy=bare)
    assert info.value.code == 56
    assert s.get(urls["https"] + "/small", proxy=bare, proxy_auth=creds).text == "hello, world\n"
    # Credentials in the proxy URL work as well.
    assert s.get(urls["https"] + "/small", proxy=urls["proxy_http_auth"]).status_code == 200


def test_socks5_proxy_auth(s: mreq.Session, urls: dict[str, str], testserver: ServerInfo) -> None:
    bare = f"socks5://127.0.0.1:{testserver.ports['proxy_socks5_auth']}"
    with pytest.raises(exc.ProxyError):
        s.get(urls["https"] + "/small", proxy=bare)
    assert s.get(urls["https"] + "/small", proxy=urls["proxy_socks5_auth"]).status_code == 200
    r = s.get(urls["https"] + "/small", proxy=bare, proxy_auth=("user", "pass"))
    assert r.text == "hello, world\n"


def test_proxy_and_proxies_together_refused(s: mreq.Session, urls: dict[str, str]) -> None:
    with pytest.raises(TypeError):
        s.get(urls["https"] + "/small", proxy=urls["proxy_http"], proxies={"https": "x"})


# -- timeouts ---------------------------------------------------------------------------------


def test_timeout_total(s: mreq.Session, base: str) -> None:
    started = time.monotonic()
    with pytest.raises(exc.Timeout) as info:
        s.get(base + "/stall/10000?at=100&secs=5", timeout=0.5)
    assert info.value.code == 28
    assert time.monotonic() - started < 3


def test_timeout_before_the_head(s: mreq.Session, base: str) -> None:
    with pytest.raises(exc.Timeout) as info:
        s.get(base + "/delay/5", timeout=0.5)
    assert info.value.code == 28


def test_timeout_tuple(s: mreq.Session, base: str) -> None:
    started = time.monotonic()
    with pytest.raises(exc.Timeout) as info:
        s.get(base + "/delay/5", timeout=(0.3, 0.3))
    assert info.value.code == 28
    assert time.monotonic() - started < 3
    # Within the sum: fine.
    assert s.get(base + "/delay/0.1", timeout=(0.3, 1.0)).text == "ok"


def test_stream_read_timeout(s: mreq.Session, base: str) -> None:
    with s.stream("GET", base + "/stall/10000?at=100&secs=5", timeout=0.5) as r:
        it = r.iter_content()
        assert next(it) == pattern(0, 100)
        with pytest.raises(exc.ReadTimeout) as info:
            next(it)
    assert info.value.code == 28
    assert isinstance(info.value, exc.Timeout)


def test_session_timeout(ca_file: str, base: str) -> None:
    with mreq.Session(verify=ca_file, timeout=0.4) as s, pytest.raises(exc.Timeout):
        s.get(base + "/delay/5")


# -- session settings changed between requests -----------------------------------------------
# A request with only the session's settings reuses the options merged for the one before it:
# every kind of change must still reach the next request.


def test_session_headers_edited_in_place_reach_the_next_request(
    s: mreq.Session, https_h1_url: str
) -> None:
    assert _header_values(_echo(s.get(https_h1_url + "/echo")), "X-Edit") == []
    s.headers["X-Edit"] = "1"
    assert _header_values(_echo(s.get(https_h1_url + "/echo")), "X-Edit") == ["1"]
    s.headers.update({"X-Edit": "2"})
    assert _header_values(_echo(s.get(https_h1_url + "/echo")), "X-Edit") == ["2"]
    del s.headers["X-Edit"]
    assert _header_values(_echo(s.get(https_h1_url + "/echo")), "X-Edit") == []
    s.headers = mreq.Headers({"X-New": "3"})
    assert _header_values(_echo(s.get(https_h1_url + "/echo")), "X-New") == ["3"]


def test_session_attributes_changed_reach_the_next_request(s: mreq.Session, base: str) -> None:
    assert s.get(base + "/delay/0.5").status_code == 200
    s.timeout = 0.2
    with pytest.raises(exc.Timeout):
        s.get(base + "/delay/2")
    s.timeout = 30
    s.auth = ("user", "pw")
    echo = _echo(s.get(base + "/echo"))
    assert _header_values(echo, "Authorization") == ["Basic dXNlcjpwdw=="]
    s.params = {"q": "1"}
    assert s.get(base + "/echo").json()["path"].endswith("?q=1")
    s.params["q"] = "2"  # in place
    assert s.get(base + "/echo").json()["path"].endswith("?q=2")


def test_session_retry_edited_in_place(ca_file: str, base: str) -> None:
    with mreq.Session(verify=ca_file, retry=mreq.RetryStrategy(count=0)) as s:
        key = uuid.uuid4().hex
        assert s.get(f"{base}/flaky-status/{key}?fail=1&status=503").status_code == 503
        key = uuid.uuid4().hex
        s.retry.count = 2  # type: ignore[union-attr]
        s.raise_for_status = True
        assert s.get(f"{base}/flaky-status/{key}?fail=1&status=503").status_code == 200


def test_session_proxies_edited_in_place(s: mreq.Session, urls: dict[str, str]) -> None:
    target = urls["http"] + "/small"
    assert s.get(target).status_code == 200
    s.proxies["all"] = "http://127.0.0.1:9"  # in place; nothing listens: the proxy is used
    with pytest.raises(exc.ConnectionError):
        s.get(target)


def test_proxy_environment_set_between_requests(
    s: mreq.Session, urls: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = urls["http"] + "/small"
    assert s.get(target).status_code == 200
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(exc.ConnectionError):
        s.get(target)
    monkeypatch.delenv("http_proxy")
    assert s.get(target).status_code == 200


def test_libcurl_options_edited_in_place_are_still_refused(s: mreq.Session, base: str) -> None:
    assert s.get(base + "/small").status_code == 200
    s.curl_options[1] = 2
    with pytest.raises(NotImplementedError, match="curl_options"):
        s.get(base + "/small")


def test_async_session_settings_changed_reach_the_next_request(
    ca_file: str, https_h1_url: str
) -> None:
    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file) as s:
            assert _header_values(_echo(await s.get(https_h1_url + "/echo")), "X-Edit") == []
            s.headers["X-Edit"] = "1"
            echo = _echo(await s.get(https_h1_url + "/echo"))
            assert _header_values(echo, "X-Edit") == ["1"]
            s.impersonate = "firefox"
            ua = _header_values(_echo(await s.get(https_h1_url + "/echo")), "User-Agent")
            assert ua
            assert "Firefox" in ua[0]

    asyncio.run(main())


# -- TLS --------------------------------------------------------------------------------------


def test_verify(base: str, ca_file: str) -> None:
    with mreq.Session() as s:
        with pytest.raises(exc.CertificateVerifyError) as info:
            s.get(base + "/small")
        assert info.value.code == 60
        assert isinstance(info.value, exc.SSLError)
        assert s.get(base + "/small", verify=False).text == "hello, world\n"
        assert s.get(base + "/small", verify=ca_file).text == "hello, world\n"
    with mreq.Session(verify=False) as s:
        assert s.get(base + "/small").status_code == 200


def test_wrong_host_name_fails_verification(s: mreq.Session, urls: dict[str, str]) -> None:
    # The capture server's certificate does not name origin.test (the proxy resolves it).
    port = urls["capture"].rsplit(":", 1)[1]
    with pytest.raises(exc.CertificateVerifyError) as info:
        s.get(f"https://origin.test:{port}/", proxy=urls["proxy_http"])
    assert info.value.code == 60


# -- impersonation ----------------------------------------------------------------------------


def _fingerprint(summary: dict[str, Any]) -> tuple[str, str, list[str]]:
    h2 = summary["http2"]
    fields = [f["name"] for f in h2["connection"]["requests"][0]["fields"]]
    return summary["tls"]["ja4"], h2["akamai"], fields


@pytest.mark.parametrize("browser", ["chrome", "firefox"])
def test_impersonate_matches_the_cli(
    s: mreq.Session, capture_url: str, ca_file: str, mummer_cli: Path, browser: str
) -> None:
    ours = s.get(capture_url + "/", impersonate=browser)
    assert ours.http_version == CurlHttpVersion.V2_0
    cli = subprocess.run(
        [str(mummer_cli), "-s", "--impersonate", browser, "--cacert", ca_file, capture_url + "/"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    ja4, akamai, fields = _fingerprint(ours.json())
    assert (ja4, akamai, fields) == _fingerprint(json.loads(cli.stdout))
    expected_ja4 = {
        "chrome": "t13d1517h2_8daaf6152771_cb7bf5808d99",
        "firefox": "t13d1617h2_86a278354501_3cbfd9057e0d",
    }
    assert ja4 == expected_ja4[browser]
    assert "user-agent" in fields


# Every name of curl_cffi 0.17's BrowserTypeLiteral: targets, aliases, deprecated spellings.
CURL_CFFI_NAMES = [
    "chrome",
    "chrome100",
    "chrome101",
    "chrome104",
    "chrome107",
    "chrome110",
    "chrome116",
    "chrome119",
    "chrome120",
    "chrome123",
    "chrome124",
    "chrome131",
    "chrome131_android",
    "chrome133a",
    "chrome136",
    "chrome142",
    "chrome145",
    "chrome146",
    "chrome150",
    "chrome151",
    "chrome151_macos",
    "chrome152",
    "chrome152_macos",
    "chrome99",
    "chrome99_android",
    "chrome_android",
    "edge",
    "edge101",
    "edge99",
    "firefox",
    "firefox133",
    "firefox135",
    "firefox144",
    "firefox147",
    "firefox153",
    "firefox154",
    "firefox155",
    "safari",
    "safari153",
    "safari155",
    "safari15_3",
    "safari15_5",
    "safari170",
    "safari172_ios",
    "safari17_0",
    "safari17_2_ios",
    "safari180",
    "safari180_ios",
    "safari184",
    "safari184_ios",
    "safari18_0",
    "safari18_0_ios",
    "safari18_4",
    "safari18_4_ios",
    "safari260",
    "safari2601",
    "safari260_ios",
    "safari270",
    "safari270_ios",
    "safari_beta",
    "safari_ios",
    "safari_ios_beta",
    "tor145",
]


def _ja4_r_without_padding(summary: dict[str, Any]) -> list[str]:
    prefix, ciphers, extensions, *rest = summary["tls"]["ja4_r"].split("_")
    kept = ",".join(e for e in extensions.split(",") if e != "0015")
    return [prefix[:4], prefix[-2:], ciphers, kept, *rest]


def test_every_curl_cffi_name_impersonates_as_the_cli(
    s: mreq.Session, capture_url: str, ca_file: str, mummer_cli: Path
) -> None:
    known = {m.value for m in mreq.BrowserType}
    missing = [n for n in CURL_CFFI_NAMES if n not in known]
    assert missing == []
    for name in CURL_CFFI_NAMES:
        ours = s.get(capture_url + "/", impersonate=name).json()
        cli = subprocess.run(
            [str(mummer_cli), "-s", "--impersonate", name, "--cacert", ca_file, capture_url + "/"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        theirs = json.loads(cli.stdout)
        assert _fingerprint(ours)[1:] == _fingerprint(theirs)[1:], name
        # JA4_r sorts a permuted extension order; padding (0015) comes and goes with the
        # randomly drawn ECH GREASE length, and with it the extension count.
        assert _ja4_r_without_padding(ours) == _ja4_r_without_padding(theirs), name
        fields = ours["http2"]["connection"]["requests"][0]["fields"]
        assert any(f["name"] == "user-agent" and f["value"] for f in fields), name


def test_impersonate_differs_from_no_profile(s: mreq.Session, capture_url: str) -> None:
    plain = s.get(capture_url + "/").json()
    chrome = s.get(capture_url + "/", impersonate="chrome").json()
    assert plain["tls"]["ja4"] != chrome["tls"]["ja4"]


def test_impersonate_http1_header_order(
    s: mreq.Session, capture_url: str, ca_file: str, mummer_cli: Path
) -> None:
    ours = s.get(capture_url + "/", impersonate="firefox", http_version="v1")
    assert ours.http_version == CurlHttpVersion.V1_1
    cli = subprocess.run(
        [str(mummer_cli), "-s", "--http1.1", "--impersonate", "firefox", "--cacert", ca_file,
         capture_url + "/"],
        capture_output=True,
        check=True,
        timeout=60,
    )  # fmt: skip
    theirs = json.loads(cli.stdout)
    mine = ours.json()
    assert [k for k, _ in mine["http1"]["headers"]] == [k for k, _ in theirs["http1"]["headers"]]
    assert mine["tls"]["ja4"] == theirs["tls"]["ja4"]


def test_unknown_impersonate_name(s: mreq.Session, base: str) -> None:
    with pytest.raises(exc.ImpersonateError) as info:
        s.get(base + "/small", impersonate="netscape4")
    message = str(info.value)
    assert "netscape4" in message
    assert "chrome" in message
    assert "firefox" in message
    with pytest.raises(exc.ImpersonateError):
        mreq.Session(impersonate="netscape4")


# -- HTTP versions ----------------------------------------------------------------------------


def test_http_versions(s: mreq.Session, urls: dict[str, str]) -> None:
    r = s.get(urls["https"] + "/echo")
    assert r.http_version == CurlHttpVersion.V2_0
    assert str(r.http_version) == "HTTP/2"
    r = s.get(urls["https"] + "/echo", http_version=CurlHttpVersion.V1_1)
    assert r.http_version == CurlHttpVersion.V1_1
    assert str(r.http_version) == "HTTP/1.1"
    assert r.json()["version"] == "HTTP/1.1"
    r = s.get(urls["https"] + "/echo", http_version="v2")
    assert r.json()["version"] == "HTTP/2"
    # HTTP/2 asked for, the server offers only http/1.1: ALPN falls back.
    r = s.get(urls["https_h1"] + "/echo", http_version=CurlHttpVersion.V2_0)
    assert r.http_version == CurlHttpVersion.V1_1
    assert s.get(urls["http"] + "/echo").json()["version"] == "HTTP/1.1"


def test_h2c_prior_knowledge(s: mreq.Session, h2c_url: str) -> None:
    r = s.get(h2c_url + "/echo", http_version=CurlHttpVersion.V2_PRIOR_KNOWLEDGE)
    assert r.http_version == CurlHttpVersion.V2_0
    assert r.json()["version"] == "HTTP/2"
    r = s.get(h2c_url + "/bytes/100000", http_version="v2_prior_knowledge")
    assert r.content == pattern(0, 100_000)


def test_http3_refused(s: mreq.Session, base: str) -> None:
    with pytest.raises(NotImplementedError, match="HTTP/3"):
        s.get(base + "/small", http_version=CurlHttpVersion.V3)


# -- content encodings ------------------------------------------------------------------------


@pytest.mark.parametrize("coding", ["gzip", "br", "zstd", "deflate"])
def test_content_encodings_decoded(s: mreq.Session, base: str, coding: str) -> None:
    n = 300_000
    r = s.get(f"{base}/{coding}/{n}", accept_encoding="gzip, deflate, br, zstd")
    assert r.headers["content-encoding"] == coding
    assert r.content == pattern(0, n)
    with s.stream("GET", f"{base}/{coding}/{n}") as r:
        assert b"".join(r.iter_content(10_000)) == pattern(0, n)


def test_accept_encoding(s: mreq.Session, base: str) -> None:
    def sent(**kw: Any) -> list[str]:
        return _header_values(_echo(s.get(base + "/echo", **kw)), "accept-encoding")

    assert sent() == ["gzip, deflate, br"]
    assert sent(accept_encoding="br") == ["br"]
    assert sent(accept_encoding=None) == []
    assert sent(accept_encoding="") == ["gzip, deflate, br, zstd"]


# -- the Response -----------------------------------------------------------------------------


def test_response_attributes(s: mreq.Session, base: str, proto: str) -> None:
    r = s.get(base + "/echo?a=1")
    port = int(base.rsplit(":", 1)[1])
    assert (r.status_code, r.ok) == (200, True)
    assert r.reason in ("OK", "")
    assert r.url == base + "/echo?a=1"
    assert r.headers["Content-Type"] == r.headers["content-type"] == "application/json"
    assert "CONTENT-TYPE" in r.headers
    assert r.primary_ip == "127.0.0.1"
    assert r.primary_port == port
    assert r.local_ip == "127.0.0.1"
    assert r.local_port not in (0, port)
    assert r.redirect_count == 0
    assert r.http_version == (CurlHttpVersion.V2_0 if proto == "h2" else CurlHttpVersion.V1_1)
    assert r.json()["path"] == "/echo?a=1"
    assert r.request.url == r.url
    assert r.request.headers["user-agent"].startswith("mummer/")
    assert r.elapsed.total_seconds() > 0


def test_reason_and_raw_headers_on_http1(s: mreq.Session, https_h1_url: str) -> None:
    r = s.get(https_h1_url + "/headers?X-Odd-CASE=1&x-rep=a&x-rep=b")
    assert r.reason == "OK"
    raw_names = [name for name, _ in r.headers.raw]
    assert b"X-Odd-CASE" in raw_names
    assert r.headers.get_list("x-rep") == ["a", "b"]
    assert r.headers["X-REP"] == "a, b"
    assert s.get(https_h1_url + "/status/404").reason == "Not Found"


def test_text_encoding_and_charset(s: mreq.Session, base: str) -> None:
    r = s.get(base + "/headers?" + "Content-Type=" + quote("text/plain; charset=ISO-8859-1"))
    assert r.charset_encoding == "ISO-8859-1"
    assert r.encoding == "ISO-8859-1"
    assert r.charset == "ISO-8859-1"
    assert r.text == "ok"
    r = s.get(base + "/small")
    assert r.encoding == "utf-8"
    assert r.text == "hello, world\n"
    r = s.get(base + "/small", default_encoding="latin-1")
    assert r.encoding == "latin-1"
    r = s.get(base + "/small", default_encoding=lambda body: "ascii")
    assert r.encoding == "ascii"


def test_json_error(s: mreq.Session, base: str) -> None:
    r = s.get(base + "/small")
    with pytest.raises(exc.JSONDecodeError) as info:
        r.json()
    assert isinstance(info.value, json.JSONDecodeError)
    assert isinstance(info.value, exc.RequestException)


def test_raise_for_status(s: mreq.Session, base: str, ca_file: str) -> None:
    s.get(base + "/status/204").raise_for_status()
    r = s.get(base + "/status/418")
    assert (r.status_code, r.ok) == (418, False)
    with pytest.raises(exc.HTTPError) as info:
        r.raise_for_status()
    assert info.value.response is r
    with mreq.Session(verify=ca_file, raise_for_status=True) as strict:
        with pytest.raises(exc.HTTPError) as info:
            strict.get(base + "/status/503")
        assert info.value.response is not None
        assert info.value.response.status_code == 503


def test_elapsed(s: mreq.Session, base: str) -> None:
    r = s.get(base + "/delay/0.3")
    assert 0.3 <= r.elapsed.total_seconds() < 5


def test_redirect_count_and_final_url(s: mreq.Session, base: str) -> None:
    r = s.get(base + "/redirect/1")
    assert (r.redirect_count, r.url) == (1, base + "/redirect/0")


# -- streaming --------------------------------------------------------------------------------


def test_stream_context_manager(s: mreq.Session, base: str) -> None:
    n = 4 * MiB + 1
    digest = hashlib.sha256()
    with s.stream("GET", f"{base}/bytes/{n}") as r:
        assert r.status_code == 200
        assert r.headers["content-length"] == str(n)
        for chunk in r.iter_content():
            digest.update(chunk)
    assert digest.hexdigest() == sha256(pattern(0, n))
    with pytest.raises(exc.StreamConsumedError):
        list(r.iter_content())


def test_stream_closed_early_then_reading_raises(s: mreq.Session, base: str) -> None:
    with s.stream("GET", base + "/bytes/10000000") as r:
        first = next(r.iter_content(1000))
        assert first == pattern(0, 1000)
    with pytest.raises(exc.StreamConsumedError):
        next(r.iter_content())
    # The session still works.
    assert s.get(base + "/small").text == "hello, world\n"


@pytest.mark.parametrize("route", ["bytes", "chunked", "drip"])
@pytest.mark.parametrize("chunk_size", [1, 777, 65536, 100_000])
def test_iter_content_chunk_size_exact(
    s: mreq.Session, base: str, route: str, chunk_size: int
) -> None:
    n = 200_003 if chunk_size > 1 else 5_000
    query = "?rate=2000000" if route == "drip" else ""
    with s.stream("GET", f"{base}/{route}/{n}{query}") as r:
        chunks = list(r.iter_content(chunk_size))
    assert b"".join(chunks) == pattern(0, n)
    assert all(len(c) == chunk_size for c in chunks[:-1])
    assert 0 < len(chunks[-1]) <= chunk_size


def test_iter_content_decode_unicode(s: mreq.Session, base: str) -> None:
    with s.stream("GET", base + "/small") as r:
        assert "".join(r.iter_content(3, decode_unicode=True)) == "hello, world\n"


def test_iter_lines(s: mreq.Session, base: str) -> None:
    with s.stream("GET", base + "/small") as r:
        assert list(r.iter_lines(chunk_size=2)) == [b"hello, world"]
    with s.stream("GET", base + "/small") as r:
        assert list(r.iter_lines(delimiter=b", ")) == [b"hello", b"world\n"]
    with s.stream("GET", base + "/small") as r:
        assert list(r.iter_lines(decode_unicode=True)) == ["hello, world"]


def test_content_callback(s: mreq.Session, base: str) -> None:
    got: list[bytes] = []
    r = s.get(base + "/bytes/300000", content_callback=got.append)
    assert b"".join(got) == pattern(0, 300_000)
    assert r.content == b""


def test_content_of_a_streamed_response(s: mreq.Session, base: str) -> None:
    r = s.get(base + "/bytes/100000", stream=True)
    assert r.content == pattern(0, 100_000)
    assert r.text == pattern(0, 100_000).decode("utf-8", errors="replace")


def test_content_after_iteration_raises(s: mreq.Session, base: str) -> None:
    r = s.get(base + "/bytes/100000", stream=True)
    next(r.iter_content(10))
    with pytest.raises(exc.StreamConsumedError):
        r.content  # noqa: B018
    r.close()


def test_async_streaming_api(ca_file: str, base: str) -> None:
    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file) as s:
            n = 2 * MiB + 5
            async with s.stream("GET", f"{base}/bytes/{n}") as r:
                chunks = [c async for c in r.aiter_content(65536)]
            assert b"".join(chunks) == pattern(0, n)
            assert all(len(c) == 65536 for c in chunks[:-1])
            async with s.stream("GET", base + "/small") as r:
                assert [line async for line in r.aiter_lines()] == [b"hello, world"]
            async with s.stream("GET", base + "/small") as r:
                assert [
                    line async for line in r.aiter_lines(decode_unicode=True, delimiter=", ")
                ] == ["hello", "world\n"]
            r = await s.get(f"{base}/gzip/{n}", stream=True)
            assert await r.acontent() == pattern(0, n)
            r = await s.get(base + "/small", stream=True)
            assert await r.atext() == "hello, world\n"
            r = await s.get(base + "/small")
            assert r.text == "hello, world\n"
            assert await r.acontent() == b"hello, world\n"

    asyncio.run(main())


def test_async_verbs(ca_file: str, base: str) -> None:
    async def main() -> list[str]:
        async with mreq.AsyncSession(verify=ca_file) as s:
            methods = []
            for verb in VERBS:
                r = await getattr(s, verb.lower())(base + "/echo")
                methods.append(r.json()["method"])
            return methods

    assert asyncio.run(main()) == VERBS


# -- retries and resume -----------------------------------------------------------------------


def test_retry_strategy_does_not_retry_statuses_by_default(ca_file: str, base: str) -> None:
    key = uuid.uuid4().hex
    retry = mreq.RetryStrategy(count=3, delay=0.01)
    with mreq.Session(verify=ca_file, retry=retry) as s:
        r = s.get(f"{base}/flaky-status/{key}?fail=2")
        # As curl_cffi: an error status is a response, not a failure.
        assert (r.status_code, r.json()["attempt"]) == (503, 1)


def test_retry_strategy_with_raise_for_status_retries_statuses(ca_file: str, base: str) -> None:
    # curl_cffi raises HTTPError inside its retry loop when raise_for_status=True, so error
    # statuses are retried there.
    key = uuid.uuid4().hex
    retry = mreq.RetryStrategy(count=2, delay=0.01, backoff="exponential")
    with mreq.Session(verify=ca_file, retry=retry, raise_for_status=True) as s:
        r = s.get(f"{base}/flaky-status/{key}?fail=2")
        assert r.status_code == 200
        assert r.json() == {"key": key, "attempt": 3, "status": 200}
        key = uuid.uuid4().hex
        with pytest.raises(exc.HTTPError) as info:
            s.get(f"{base}/flaky-status/{key}?fail=5")
        assert info.value.response is not None
        assert info.value.response.status_code == 503


class _FlakyServer:
    """A loopback HTTP/1.1 server that closes its first `failures` connections at once and
    answers the rest with ``ok``."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.connections = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                self.connections += 1
                if self.connections <= self.failures:
                    continue
                conn.settimeout(2)
                read_head(conn)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def flaky_server() -> Iterator[_FlakyServer]:
    server = _FlakyServer(failures=2)
    yield server
    server.close()


def test_retry_strategy_retries_failures(flaky_server: _FlakyServer) -> None:
    url = f"http://127.0.0.1:{flaky_server.port}/"
    with mreq.Session() as s, pytest.raises(exc.ConnectionError):
        s.get(url)
    flaky_server.connections = 0
    with mreq.Session(retry=mreq.RetryStrategy(count=3, delay=0.01)) as s:
        r = s.get(url)
    assert r.text == "ok"
    assert r.retries == 2
    assert flaky_server.connections == 3


def test_retry_int(flaky_server: _FlakyServer) -> None:
    with mreq.Session(retry=2) as s:
        r = s.get(f"http://127.0.0.1:{flaky_server.port}/")
    assert (r.text, r.retries) == ("ok", 2)


def test_resume_does_not_hide_a_server_without_ranges(s: mreq.Session, base: str) -> None:
    # /cut ignores Range: resuming cannot help, and the cut must still be an error.
    with pytest.raises(exc.RequestException) as info:
        s.get(base + "/cut/100000?at=30000", resume=3)
    assert info.value.code in (18, 33)


# -- nginx ------------------------------------------------------------------------------------


@pytest.fixture(params=["h2", "h1"])
def nginx_port(request: pytest.FixtureRequest, nginx: Nginx) -> int:
    return nginx.h2_port if request.param == "h2" else nginx.h1_port


def test_nginx_get(nginx: Nginx, nginx_port: int) -> None:
    with mreq.Session(verify=nginx.ca_file) as s:
        r = s.get(nginx.url(nginx_port, "/small.txt"))
    assert r.content == NGINX_SMALL
    assert r.headers["content-type"] == "text/plain"
    expected = CurlHttpVersion.V2_0 if nginx_port == nginx.h2_port else CurlHttpVersion.V1_1
    assert r.http_version == expected
    assert r.headers["server"].startswith("nginx")


def test_nginx_1mib_download(nginx: Nginx, nginx_port: int) -> None:
    with mreq.Session(verify=nginx.ca_file) as s:
        r = s.get(nginx.url(nginx_port, "/1m.bin"))
    assert len(r.content) == MiB
    assert sha256(r.content) == sha256(pattern(0, MiB))


def test_nginx_stream(nginx: Nginx, nginx_port: int) -> None:
    with mreq.Session(verify=nginx.ca_file) as s:
        with s.stream("GET", nginx.url(nginx_port, "/3m.bin")) as r:
            chunks = list(r.iter_content(100_000))
        assert b"".join(chunks) == pattern(0, 3 * MiB)
        assert all(len(c) == 100_000 for c in chunks[:-1])
        # A Range request, as nginx answers it.
        r = s.get(nginx.url(nginx_port, "/1m.bin"), headers={"Range": "bytes=1000-1999"})
        assert (r.status_code, r.content) == (206, pattern(1000, 1000))


def test_nginx_async_stream(nginx: Nginx, nginx_port: int) -> None:
    async def main() -> bytes:
        async with (
            mreq.AsyncSession(verify=nginx.ca_file) as s,
            s.stream("GET", nginx.url(nginx_port, "/1m.bin")) as r,
        ):
            return b"".join([c async for c in r.aiter_content()])

    assert asyncio.run(main()) == pattern(0, MiB)


def test_nginx_resume_after_read_timeout(nginx: Nginx, nginx_port: int) -> None:
    # /slow/ sends 2 MiB, then (nearly) nothing: the read timeout cuts the body; resume=
    # continues it by Range, and the rest comes at full speed.
    url = nginx.url(nginx_port, "/slow/3m.bin")
    with mreq.Session(verify=nginx.ca_file) as s:
        with s.stream("GET", url, timeout=0.5) as r:
            chunks: list[bytes] = []
            with pytest.raises(exc.ReadTimeout) as info:
                drain(r.iter_content(), chunks)
            assert info.value.code == 28
            got = b"".join(chunks)
            assert NGINX_SLOW_AFTER - 4096 <= len(got) <= NGINX_SLOW_AFTER + 4096
            assert got == pattern(0, len(got))
        with s.stream("GET", url, timeout=0.5, resume=2) as r:
            body = b"".join(r.iter_content())
        assert body == pattern(0, 3 * MiB)
        assert r.resumes == 1


# -- options that only libcurl has, unknown ones ----------------------------------------------


def test_unknown_keyword_is_a_type_error(s: mreq.Session, base: str) -> None:
    with pytest.raises(TypeError, match="bogus_option"):
        s.get(base + "/small", bogus_option=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="bogus_option"):
        mreq.Session(bogus_option=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="bogus_option"):
        mreq.get(base + "/small", bogus_option=1)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"curl_options": {1: 2}},
        {"debug": True},
        {"dns": "1.1.1.1"},
        {"doh_url": "https://dns.test/"},
        {"perk": "x"},
    ],
    ids=lambda kw: next(iter(kw)),
)
def test_libcurl_only_session_options(kwargs: dict[str, Any]) -> None:
    with pytest.raises(NotImplementedError, match="mummer has no libcurl"):
        mreq.Session(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [{"dns": "1.1.1.1"}, {"doh_url": "https://dns.test/"}, {"multipart": object()}],
    ids=lambda kw: next(iter(kw)),
)
def test_libcurl_only_request_options(s: mreq.Session, base: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(NotImplementedError, match="no libcurl"):
        s.get(base + "/small", **kwargs)


def test_libcurl_only_constructor_arguments() -> None:
    with pytest.raises(NotImplementedError, match="no libcurl"):
        mreq.Session(thread="gevent")
    with pytest.raises(NotImplementedError, match="no libcurl"):
        mreq.Session(curl=object())  # type: ignore[arg-type]
    with pytest.raises(NotImplementedError, match="no libcurl"):
        mreq.AsyncSession(async_curl=object())  # type: ignore[arg-type]
    with pytest.raises(ImportError, match="libcurl"):
        from mummer import Curl  # noqa: F401


def test_closed_session(ca_file: str, base: str) -> None:
    s = mreq.Session(verify=ca_file)
    r = s.get(base + "/bytes/1000", stream=True)
    s.close()
    # A response received before close stays readable.
    assert r.content == pattern(0, 1000)
    with pytest.raises(exc.SessionClosed):
        s.get(base + "/small")


# -- module functions and exports -------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "options"])
def test_module_functions(ca_file: str, base: str, method: str) -> None:
    r = getattr(mreq, method)(base + "/echo", verify=ca_file)
    assert r.json()["method"] == method.upper()
    r = getattr(mummer, method)(base + "/echo", verify=ca_file)
    assert r.json()["method"] == method.upper()


def test_module_request(ca_file: str, base: str, https_h1_url: str) -> None:
    r = mreq.head(https_h1_url + "/bytes/7", verify=ca_file)
    assert (r.headers["content-length"], r.content) == ("7", b"")
    assert mreq.request("QUERY", base + "/echo", verify=ca_file).json()["method"] == "QUERY"
    assert mummer.request("TRACE", base + "/echo", verify=ca_file).json()["method"] == "TRACE"


def _reference_all(module: str) -> list[str]:
    """``__all__`` of a curl_cffi module, from the reference (or curl_cffi itself)."""
    try:
        mod = __import__(module, fromlist=["__all__"])
        return list(mod.__all__)
    except ImportError:
        pass
    reference = Path("/work/shared/reference/curl_cffi-0.17-api.txt")
    if not reference.is_file():
        pytest.skip("neither curl_cffi nor its API reference is available")
    for line in reference.read_text().splitlines():
        if line.startswith(f"{module}.__all__ = "):
            return list(json.loads(line.split(" = ", 1)[1].replace("'", '"')))
    pytest.fail(f"{module}.__all__ is not in the reference")


@pytest.mark.parametrize(
    ("ours", "theirs"), [("mummer", "curl_cffi"), ("mummer.requests", "curl_cffi.requests")]
)
def test_exports_match_curl_cffi(ours: str, theirs: str) -> None:
    module = __import__(ours, fromlist=["__all__"])
    missing = []
    for name in _reference_all(theirs):
        if name in module.__all__:
            assert getattr(module, name) is not None
        else:
            missing.append(name)
            # curl_cffi's libcurl layer: importing it says what to use instead.
            with pytest.raises(ImportError, match="libcurl"):
                getattr(module, name)
    assert "Session" not in missing


def test_top_level_reexports() -> None:
    assert mummer.Session is mreq.Session
    assert mummer.AsyncSession is mreq.AsyncSession
    assert mummer.Response is mreq.Response
    assert mummer.exceptions is mreq.exceptions
    assert mummer.CurlError is mreq.exceptions.CurlError
    assert mreq.RequestsError is exc.RequestException
    assert isinstance(mummer.__version__, str)


def _exception_tree(module: Any) -> dict[str, list[str]]:
    return {
        name: [base.__name__ for base in obj.__bases__]
        for name, obj in vars(module).items()
        if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__name__ == name
    }


EXPECTED_TREE = {
    "RequestException": ["CurlError", "OSError"],
    "ConnectionError": ["RequestException"],
    "DNSError": ["ConnectionError"],
    "SSLError": ["ConnectionError"],
    "CertificateVerifyError": ["SSLError"],
    "ProxyError": ["RequestException"],
    "Timeout": ["RequestException"],
    "ConnectTimeout": ["ConnectionError", "Timeout"],
    "ReadTimeout": ["Timeout"],
    "HTTPError": ["RequestException"],
    "IncompleteRead": ["HTTPError"],
    "TooManyRedirects": ["RequestException"],
    "InvalidURL": ["RequestException", "ValueError"],
    "InvalidProxyURL": ["InvalidURL"],
    "ChunkedEncodingError": ["RequestException"],
    "ContentDecodingError": ["RequestException"],
    "StreamConsumedError": ["RequestException", "TypeError"],
    "CookieConflict": ["RequestException"],
    "SessionClosed": ["RequestException"],
    "ImpersonateError": ["RequestException"],
    "JSONDecodeError": ["InvalidJSONError", "JSONDecodeError"],
}


def test_exception_tree() -> None:
    ours = _exception_tree(exc)
    for name, bases in EXPECTED_TREE.items():
        assert ours[name] == bases, name
    try:
        import curl_cffi.requests.exceptions as theirs_module
    except ImportError:
        return  # the fixed table above is curl_cffi 0.17's tree
    theirs = _exception_tree(theirs_module)
    assert ours == theirs


def test_curl_error_codes_are_curl_ecodes(s: mreq.Session, base: str) -> None:
    with pytest.raises(exc.TooManyRedirects) as info:
        s.get(base + "/redirect/3", max_redirects=1)
    assert info.value.code == mummer.CurlECode.TOO_MANY_REDIRECTS
    assert isinstance(info.value, mummer.CurlError)
    assert isinstance(info.value, OSError)


def test_connection_refused(s: mreq.Session) -> None:
    with pytest.raises(exc.ConnectionError) as info:
        s.get(f"http://127.0.0.1:{_closed_port()}/")
    assert info.value.code == 7


def test_bad_urls(s: mreq.Session) -> None:
    with pytest.raises(exc.InvalidSchema):
        s.get("ftp://127.0.0.1/")
    with pytest.raises(exc.InvalidURL):
        s.get("http://:80/")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
