"""The one merge of session settings and request arguments (`BaseSession._prepare`), and the
keyword checks. Nothing here touches the network: `_prepare` only computes."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from http.cookiejar import CookieJar
from typing import Any

import pytest

import conftest
import mummer
from mummer import _native
from mummer.const import CurlFollow, CurlHttpVersion
from mummer.requests import ExtraFingerprints, RetryStrategy, Session
from mummer.requests.exceptions import ImpersonateError, InvalidURL, SessionClosed
from mummer.requests.session import _Prepared, _Upload

fake_only = pytest.mark.skipif(not conftest.FAKE_NATIVE, reason="sends through the fake engine")


@pytest.fixture(autouse=True)
def no_environment_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)


def prep(
    session: Session, method: str = "GET", url: str = "https://example.com/", **kw: Any
) -> _Prepared:
    return session._prepare_full(method, url, **kw)


def opts(session: Session | None = None, **kw: Any) -> dict[str, Any]:
    o = prep(session or Session(), **kw).opts
    assert isinstance(o, dict)
    return o


def test_plain_requests_reuse_the_merged_options() -> None:
    s = Session(headers={"X-A": "1"})
    first = s._prepare("GET", "https://example.com/a")
    assert isinstance(first.opts, _native.Options)
    again = s._prepare("get", "https://example.com/a b")
    assert again.opts is first.opts
    assert (again.method, again.url) == ("GET", "https://example.com/a%20b")
    assert s._prepare("GET", "https://example.com/", stream=True).opts is not first.opts
    s.headers["X-A"] = "2"
    assert s._prepare("GET", "https://example.com/a").opts is not first.opts
    # A request argument of its own: the full merge, a dict.
    assert isinstance(s._prepare("GET", "https://example.com/", timeout=3).opts, dict)


def test_defaults_are_curl_cffis() -> None:
    o = opts()
    assert o["total_timeout"] == 30.0
    assert o["max_redirects"] == 30
    assert o["safe_redirects"] is False
    assert o["verify"] is True
    assert o["impersonate"] is None
    assert o["default_headers"] is False
    assert o["store_cookies"] is True
    assert o["proxy"] is None
    assert o["headers"] == [("Accept-Encoding", "gzip, deflate, br")]
    assert "retry" not in o


def test_session_and_request_headers_merge_request_winning() -> None:
    s = Session(headers={"X-Session": "s", "Accept": "a/b"})
    o = opts(s, headers={"accept": "c/d", "X-Request": "r"})
    assert o["headers"][:3] == [("X-Session", "s"), ("accept", "c/d"), ("X-Request", "r")]
    # None removes a session header for one request; "" sends it empty.
    o = opts(s, headers={"X-Session": None, "X-Empty": ""})
    names = [name for name, _ in o["headers"]]
    assert "X-Session" not in names
    assert ("X-Empty", "") in o["headers"]
    assert s.headers["x-session"] == "s"  # the session is untouched


def test_url_params_base_url_and_quoting() -> None:
    s = Session(base_url="https://api.example/v1/", params={"key": "k", "flag": True})
    p = prep(s, url="items?key=old&x=1", params={"page": 2, "tags": ["a", "b"], "none": None})
    assert p.url == "https://api.example/v1/items?key=k&x=1&flag=true&page=2&tags=a&tags=b"
    assert (
        prep(Session(), url="https://e.example/a b?q=ü").url == "https://e.example/a%20b?q=%C3%BC"
    )
    assert prep(Session(), url="https://e.example/%7Euser").url == "https://e.example/~user"
    assert prep(Session(), url="https://e.example/a b", quote=False).url == "https://e.example/a b"
    assert prep(Session(), url="https://e.example/a,b", quote=",").url == "https://e.example/a%2Cb"
    assert prep(Session(), url="example.com/x").url == "http://example.com/x"
    with pytest.raises(ValueError, match="absolute"):
        Session(base_url="/relative")
    assert prep(Session(), url="https://e.example/1%zz").url == "https://e.example/1%25zz"
    with pytest.raises(InvalidURL):
        mummer.requests.utils._unquote_unreserved("%zz")


def test_timeouts_as_curl_cffi_sets_libcurl() -> None:
    assert opts(timeout=5) == {**opts(timeout=5), "total_timeout": 5.0}
    o = opts(timeout=(2, 8))
    assert (o["connect_timeout"], o["total_timeout"]) == (2.0, 10.0)
    assert "read_timeout" not in o
    o = opts(timeout=(2, 8), stream=True)
    assert (o["connect_timeout"], o["read_timeout"]) == (2.0, 10.0)
    assert "total_timeout" not in o
    o = opts(timeout=7, stream=True)
    assert (o["connect_timeout"], o["read_timeout"]) == (7.0, 7.0)
    o = opts(timeout=None)
    assert not {"connect_timeout", "read_timeout", "total_timeout"} & set(o)
    assert opts(Session(timeout=3))["total_timeout"] == 3.0
    # 0 is "no limit" in libcurl, so in curl_cffi.
    assert not {"connect_timeout", "read_timeout", "total_timeout"} & set(opts(timeout=0))
    o = opts(timeout=(0, 5))
    assert "connect_timeout" not in o
    assert o["total_timeout"] == 5.0
    with pytest.raises(ValueError, match="negative"):
        opts(timeout=-1)
    with pytest.raises(TypeError):
        opts(timeout="soon")


def test_redirects() -> None:
    assert opts(allow_redirects=False)["max_redirects"] == 0
    o = opts(allow_redirects="safe", max_redirects=4)
    assert (o["max_redirects"], o["safe_redirects"]) == (4, True)
    assert opts(allow_redirects=CurlFollow.SAFE)["safe_redirects"] is True
    assert opts(max_redirects=-1)["max_redirects"] == 2**31 - 1
    assert opts(Session(allow_redirects=False))["max_redirects"] == 0
    with pytest.raises(NotImplementedError):
        opts(allow_redirects=CurlFollow.FIRSTONLY)


def test_proxies() -> None:
    assert opts(proxy="127.0.0.1:3128")["proxy"] == "http://127.0.0.1:3128"
    s = Session(proxies={"https": "http://p:1", "http": "http://q:2"}, proxy_auth=("u", "pw"))
    o = opts(s)
    assert (o["proxy"], o["proxy_auth"]) == ("http://p:1", ("u", "pw"))
    assert opts(s, url="http://example.com/")["proxy"] == "http://q:2"
    host_specific = {"all": "socks5h://a:1", "https://example.com": "http://b:2"}
    assert opts(proxies=host_specific)["proxy"] == "http://b:2"  # type: ignore[typeddict-unknown-key]
    assert opts(s, proxies={})["proxy"] is None
    with pytest.raises(TypeError, match="both"):
        opts(proxy="http://a:1", proxies={"all": "http://b:2"})
    with pytest.raises(TypeError, match="both"):
        Session(proxy="http://a:1", proxies={"all": "http://b:2"})


def test_environment_proxies_only_with_trust_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("https_proxy", "http://env:8080")
    monkeypatch.setenv("no_proxy", "internal.example")
    o = opts()
    assert (o["proxy"], o["no_proxy"]) == ("http://env:8080", "internal.example")
    assert opts(proxy="http://explicit:1")["proxy"] == "http://explicit:1"
    o = opts(Session(trust_env=False))
    assert o["proxy"] is None
    assert "no_proxy" not in o


def test_verify_and_certs(monkeypatch: pytest.MonkeyPatch) -> None:
    assert opts(verify=False)["verify"] is False
    assert opts(Session(verify=False))["verify"] is False
    assert opts(Session(verify=False), verify=True)["verify"] is True
    o = opts(verify="/ca.pem")
    assert (o["verify"], o["ca_file"]) == (True, "/ca.pem")
    assert opts(Session(verify="/s.pem"))["ca_file"] == "/s.pem"
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/env.pem")
    assert opts(Session())["ca_file"] == "/env.pem"
    assert opts(cert="/c.pem")["cert"] == ("/c.pem", None)
    assert opts(cert=("/c.pem", "/k.pem"))["cert"] == ("/c.pem", "/k.pem")


def test_impersonation_options() -> None:
    o = opts(impersonate="chrome")
    assert o["impersonate"] == _native.resolve_profile("chrome")
    assert o["default_headers"] is True
    # The profile's own Accept-Encoding goes unless the caller asks for another.
    assert "Accept-Encoding" not in dict(o["headers"])
    assert (
        dict(opts(impersonate="chrome", accept_encoding="br")["headers"])["Accept-Encoding"] == "br"
    )
    assert opts(impersonate="chrome", accept_encoding=None)["headers"] == []
    o = opts(Session(impersonate="firefox", default_headers=False))
    assert o["default_headers"] is False
    assert dict(o["headers"])["Accept-Encoding"] == "gzip, deflate, br"
    o = opts(
        ja3="771,4865,0,29,0",
        akamai="1:65536|0|0|m,a,s,p",
        extra_fp=ExtraFingerprints(tls_grease=True),
    )
    assert (o["ja3"], o["akamai"]) == ("771,4865,0,29,0", "1:65536|0|0|m,a,s,p")
    assert o["fp_overrides"] == "[tls]\ngrease = true\n"
    assert o["impersonate"] is None
    assert o["default_headers"] is False  # as curl_cffi: ja3 alone sends no browser headers
    with pytest.raises(ImpersonateError):
        opts(impersonate="netscape4")
    with pytest.raises(ImpersonateError):
        Session(impersonate="netscape4")


def test_http_versions() -> None:
    assert opts(http_version="v1")["http_version"] == "1.1"
    assert opts(http_version="v1.1")["http_version"] == "1.1"
    assert opts(http_version=CurlHttpVersion.V1_1)["http_version"] == "1.1"
    assert opts(http_version="v2")["http_version"] == "auto"
    assert opts(http_version="v2tls")["http_version"] == "auto"
    assert opts(http_version="v2_prior_knowledge")["http_version"] == "2"
    assert "http_version" not in opts()
    for v3 in ("v3", "v3only", CurlHttpVersion.V3):
        with pytest.raises(NotImplementedError, match="HTTP/3"):
            opts(http_version=v3)
    with pytest.raises(ValueError, match="http_version"):
        opts(http_version="v9")


def test_auth_cookies_interface_speed_retry_resume() -> None:
    o = opts(auth=("user", "pw"), cookies={"a": "1"}, interface="if!eth0", max_recv_speed=1000)
    assert o["auth"] == ("basic", "user", "pw")
    assert o["cookies"] == [("a", "1")]
    assert o["interface"] == "eth0"
    assert o["max_recv_speed"] == 1000
    assert "max_recv_speed" not in opts()
    assert opts(interface="host!10.0.0.2")["interface"] == "10.0.0.2"
    jar = CookieJar()
    assert opts(cookies=jar).get("cookies") is None  # an empty jar sends nothing
    with pytest.raises(TypeError, match="auth"):
        opts(auth=("only-user",))
    o = opts(
        Session(retry=RetryStrategy(3, delay=0.5, jitter=0.1, backoff="exponential"), resume=2)
    )
    assert o["retry"] == {
        "count": 3,
        "delay": 0.5,
        "jitter": 0.1,
        "backoff": "exponential",
        "statuses": [],
        "all_methods": True,
        "all_errors": True,
    }
    assert o["resume"] == 2
    assert opts(Session(retry=2))["retry"]["count"] == 2
    assert opts(resume=5)["resume"] == 5
    with pytest.raises(ValueError, match="count"):
        Session(retry=-1)
    with pytest.raises(TypeError):
        Session(retry="3")  # type: ignore[arg-type]


def test_discard_cookies() -> None:
    assert opts(discard_cookies=True)["store_cookies"] is False
    assert opts(Session(discard_cookies=True))["store_cookies"] is False


# -- bodies -----------------------------------------------------------------------------------


def content_type(p: _Prepared) -> str | None:
    return {k.lower(): v for k, v in p.opts["headers"]}.get("content-type")


def test_data_json_and_content_bodies() -> None:
    s = Session()
    p = prep(s, "POST", data={"a": "1", "b": ["x", "y"]})
    assert (p.body.payload, content_type(p)) == (
        b"a=1&b=x&b=y",
        "application/x-www-form-urlencoded",
    )
    p = prep(s, "POST", json={"k": [1, 2]})
    assert (p.body.payload, content_type(p)) == (b'{"k":[1,2]}', "application/json")
    p = prep(s, "POST", data="raw")
    assert (p.body.payload, content_type(p)) == (b"raw", "application/octet-stream")
    p = prep(s, "POST", content=b"bytes", headers={"Content-Type": "text/plain"})
    assert (p.body.payload, content_type(p)) == (b"bytes", "text/plain")
    p = prep(s, "POST", data=io.BytesIO(b"buffer"))
    assert p.body.payload == b"buffer"
    p = prep(s, "POST")
    assert p.body.payload is None
    assert content_type(p) is None
    with pytest.raises(TypeError):
        prep(s, "POST", data=42)


def test_streamed_content_goes_through_an_upload() -> None:
    def gen() -> Iterator[bytes]:
        yield b"a"
        yield b"bc"

    p = prep(Session(), "PUT", content=gen())
    upload = p.body.payload
    assert isinstance(upload, _Upload)
    assert list(upload.chunks()) == [b"a", b"bc"]
    assert upload.sent == 3
    assert p.native_body is None
    with tempfile.TemporaryFile() as f:
        f.write(b"0123456789")
        f.seek(4)
        p = prep(Session(), "PUT", content=f)
        assert dict(p.opts["headers"])["Content-Length"] == "6"
        assert b"".join(p.body.payload.chunks()) == b"456789"  # type: ignore[union-attr]


def test_files_make_a_form() -> None:
    with tempfile.NamedTemporaryFile("wb", suffix=".bin", delete=False) as f:
        f.write(b"on disk")
        path = f.name
    try:
        with open(path, "rb") as disk:
            p = prep(
                Session(),
                "POST",
                data={"field": "v", "n": 3},
                files={
                    "disk": disk,
                    "mem": ("m.txt", io.BytesIO(b"in memory"), "text/plain"),
                    "raw": b"bytes",
                    "plain": (None, "just a field"),
                },
            )
        form = p.body.payload
        assert isinstance(form, _native.Form)
        if conftest.FAKE_NATIVE:
            assert form.parts == [  # type: ignore[attr-defined]
                ("text", "field", "v"),
                ("text", "n", "3"),
                ("file", "disk", path, os.path.basename(path), None),
                ("data", "mem", b"in memory", "m.txt", "text/plain"),
                ("data", "raw", b"bytes", "raw", None),
                ("text", "plain", "just a field"),
            ]
        assert content_type(p) is None  # the engine writes multipart/form-data; boundary=...
    finally:
        os.unlink(path)
    with pytest.raises(NotImplementedError, match="headers"):
        prep(Session(), "POST", files={"f": ("a", b"x", "text/plain", {"X-A": "1"})})
    with pytest.raises(ValueError, match="data"):
        prep(Session(), "POST", data="str", files={"f": b"x"})


# -- keyword checks ---------------------------------------------------------------------------


def test_unknown_keywords_are_type_errors_naming_them() -> None:
    s = Session()
    with pytest.raises(TypeError, match="bogus"):
        s.request("GET", "https://example.com/", bogus=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="bogus"):
        s.get("https://example.com/", bogus=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="bogus"):
        Session(bogus=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="bogus"):
        mummer.requests.get("https://example.com/", bogus=1)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"perk": "x"},
        {"dns": "1.1.1.1"},
        {"doh_url": "https://dns.example/dns-query"},
        {"multipart": object()},
    ],
)
def test_libcurl_only_request_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(NotImplementedError, match="libcurl"):
        prep(Session(), **kwargs)
    # Their defaults are fine.
    prep(Session(), **dict.fromkeys(kwargs))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"curl_options": {10002: "x"}},
        {"curl_infos": [1]},
        {"debug": True},
        {"perk": "x"},
        {"dns": ["1.1.1.1"]},
        {"doh_url": "https://dns.example/dns-query"},
        {"curl": object()},
        {"thread": "gevent"},
        {"curl_share": object()},
    ],
)
def test_libcurl_only_session_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(NotImplementedError, match="libcurl"):
        Session(**kwargs)


def test_libcurl_only_async_session_arguments() -> None:
    with pytest.raises(NotImplementedError, match="libcurl"):
        mummer.AsyncSession(async_curl=object())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_clients"):
        mummer.AsyncSession(max_clients=0)
    with pytest.raises(NotImplementedError, match="cache"):
        Session(cache=object())  # type: ignore[arg-type]


def test_libcurl_defaults_are_accepted() -> None:
    Session(curl=None, thread=None, curl_share=None, use_thread_local_curl=False, curl_options=None)
    Session(debug=False, curl_infos=[], dns=None, doh_url=None, perk=None)


def test_a_closed_session_sends_nothing() -> None:
    s = Session()
    s.close()
    s.close()  # twice is fine
    with pytest.raises(SessionClosed):
        s.get("https://example.com/")


def test_response_class_must_be_a_response() -> None:
    with pytest.raises(TypeError, match="response_class"):
        Session(response_class=dict)  # type: ignore[type-var]


def test_session_cookies_are_the_engines_jar() -> None:
    s = Session(cookies={"a": "1"})
    client = s._client
    if conftest.FAKE_NATIVE:
        assert client.config["cookie_jar"] is s.cookies.jar  # type: ignore[attr-defined]
    s.cookies = {"b": "2"}
    assert s.cookies.get_dict() == {"b": "2"}
    assert s.cookies.jar is s._cookies.jar


# -- through the fake engine ----------------------------------------------------------------


@fake_only
def test_a_request_reaches_the_engine_and_comes_back() -> None:
    with Session(impersonate="chrome") as s:
        r = s.post("https://example.com/", json={"a": 1}, cookies={"c": "d"})
        method, url, o, body, stream = s._client.started[-1]  # type: ignore[attr-defined]
    assert (method, url, body, stream) == ("POST", "https://example.com/", b'{"a":1}', False)
    assert o["cookies"] == [("c", "d")]
    assert r.status_code == 200
    assert r.text == "hello"
    assert r.request is not None
    assert r.request.method == "POST"
    assert r.request.headers["content-type"] == "application/json"
    assert r.request.body == b'{"a":1}'
    assert r.upload_size == 7
    assert r.cookies["a"] == "1"


@fake_only
def test_uploads_are_pushed_then_closed() -> None:
    with Session() as s:
        r = s.put("https://example.com/", content=iter([b"ab", b"cd"]))
    assert r.upload_size == 4


@fake_only
def test_content_callback_gets_the_body() -> None:
    seen: list[bytes] = []
    r = Session().get("https://example.com/", content_callback=seen.append)
    assert seen == [b"hello"]
    assert r.content == b""


@fake_only
def test_raise_for_status_setting() -> None:
    s = Session(raise_for_status=True)
    original = s._client.start  # type: ignore[attr-defined]

    def start(*args: Any) -> Any:
        pending = original(*args)
        pending._response.status = 404
        pending._response.reason = "Not Found"
        return pending

    s._client.start = start  # type: ignore[method-assign]
    with pytest.raises(mummer.exceptions.HTTPError, match="404") as caught:
        s.get("https://example.com/")
    assert caught.value.response is not None
    assert caught.value.response.status_code == 404


@fake_only
def test_async_session_and_max_clients() -> None:
    import asyncio

    async def body() -> Any:
        yield b"x"
        yield b"yz"

    async def main() -> list[int]:
        async with mummer.AsyncSession(max_clients=2) as s:
            r = await s.post("https://example.com/", content=body())
            assert r.upload_size == 3
            rs = await asyncio.gather(*(s.get(f"https://example.com/{i}") for i in range(6)))
            with pytest.raises(TypeError):
                Session().post("https://example.com/", content=body())
            return [x.status_code for x in rs]

    assert asyncio.run(main()) == [200] * 6
