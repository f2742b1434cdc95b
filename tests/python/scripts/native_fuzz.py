"""Calls every `mummer._native` entry point with wrong types and values (test_process.py).

    native_fuzz.py URL

URL: a plain-HTTP base URL of the test server. Every call is made inside ``try``; the outcome
of each is recorded as ``ok`` or ``exc:<module>.<class>[:<kind>]``. Nothing may abort the
interpreter, and nothing may raise anything but an ordinary `Exception` (a Rust panic would
arrive as ``pyo3_runtime.PanicException``, a `BaseException`). Requests that are accepted are
waited for, so that failures at send time are exercised too. Prints one JSON line:
``{"outcomes": {label: outcome}}``.
"""

from __future__ import annotations

import gc
import json
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Any

from mummer import _native  # deliberately called with wrong types: not type-checked

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9"
OUT: dict[str, str] = {}
NAN = float("nan")
INF = float("inf")


def outcome(e: BaseException) -> str:
    kind = getattr(e, "kind", None) if isinstance(e, _native.NativeError) else None
    name = f"{type(e).__module__}.{type(e).__name__}"
    return f"exc:{name}:{kind}" if kind else f"exc:{name}"


def call(label: str, fn: Callable[[], Any]) -> Any:
    try:
        value = fn()
    except BaseException as e:
        OUT[label] = outcome(e)
        if not isinstance(e, Exception):
            OUT[label] += ":NOT-AN-EXCEPTION"
        return None
    OUT[label] = "ok"
    return value


def finish(label: str, value: Any) -> None:
    """A Pending or Response that was accepted: wait for it, read its stream."""
    if isinstance(value, _native.Pending):
        value = call(label + ".wait", value.wait)
    if isinstance(value, _native.Response) and value.stream is not None:
        stream = value.stream
        call(label + ".read", lambda: stream.read_blocking(1 << 20))
        call(label + ".close", stream.close)


waker = _native.Waker()
client = _native.Client({})

# -- Client(config) ---------------------------------------------------------------------------
BAD_CONFIGS: dict[str, Any] = {
    "none": None,
    "int": 1,
    "str": "x",
    "list": [],
    "unknown_key": {"nope": 1},
    "non_str_key": {1: 2},
    "headers_int": {"headers": 5},
    "headers_short": {"headers": [("a",)]},
    "headers_bad_name": {"headers": [("bad name", "v")]},
    "headers_crlf": {"headers": [("x", "a\r\nInjected: 1")]},
    "headers_nul": {"headers": [("x", "a\x00b")]},
    "headers_bytes": {"headers": [(b"x", b"y")]},
    "timeout_neg": {"connect_timeout": -1.0},
    "timeout_nan": {"read_timeout": NAN},
    "timeout_inf": {"total_timeout": INF},
    "timeout_huge": {"total_timeout": 1e300},
    "timeout_str": {"total_timeout": "1"},
    "redirects_neg": {"max_redirects": -1},
    "redirects_huge": {"max_redirects": 2**70},
    "proxy_garbage": {"proxy": "not a url"},
    "proxy_scheme": {"proxy": "gopher://127.0.0.1:1"},
    "proxy_int": {"proxy": 5},
    "proxy_auth_short": {"proxy_auth": ("u",)},
    "verify_str": {"verify": "yes"},
    "ca_file_missing": {"ca_file": "/nonexistent/ca.pem"},
    "ca_pem_garbage": {"ca_pem": b"-----BEGIN CERTIFICATE-----\ngarbage\n"},
    "ca_pem_str": {"ca_pem": "text"},
    "cert_missing": {"cert": ("/nonexistent/cert.pem", None)},
    "impersonate_unknown": {"impersonate": "netscape4"},
    "impersonate_int": {"impersonate": 4},
    "ja3_garbage": {"ja3": "garbage"},
    "ja3_empty_fields": {"ja3": "771,,,,"},
    "ja3_overflow": {"ja3": "99999999999999999999,1-2,0,29,0"},
    "ja3_negative": {"ja3": "771,-1,0,29,0"},
    "ja3_many_fields": {"ja3": "771,4865,0,29,0,1,2,3,4,5"},
    "akamai_garbage": {"akamai": "garbage"},
    "akamai_empty": {"akamai": "|||"},
    "akamai_overflow": {"akamai": "1:99999999999999999999|99999999999|0|m,a,s,p"},
    "fp_overrides_bad_toml": {"fp_overrides": "[[[["},
    "fp_overrides_wrong_types": {"fp_overrides": "[tls]\ncipher_suites = 5\n"},
    "http_version_3": {"http_version": "3"},
    "interface_missing": {"interface": "nonexistent0"},
    "interface_bad_ip": {"interface": "999.1.1.1"},
    "recv_speed_neg": {"max_recv_speed": -1},
    "body_size_neg": {"max_body_size": -5},
    "retry_int": {"retry": 5},
    "retry_neg": {"retry": {"count": -1}},
    "retry_huge": {"retry": {"count": 2**40}},
    "retry_backoff": {"retry": {"count": 1, "backoff": "sideways"}},
    "retry_delay_neg": {"retry": {"count": 1, "delay": -1.0}},
    "retry_delay_nan": {"retry": {"count": 1, "delay": NAN}},
    "retry_statuses": {"retry": {"count": 1, "statuses": [70000]}},
    "retry_unknown_key": {"retry": {"count": 1, "bogus": 1}},
    "resume_neg": {"resume": -1},
    "resolve_port": {"resolve": [("h", 70000, "1.2.3.4")]},
    "resolve_ip": {"resolve": [("h", 80, "not-an-ip")]},
    "resolve_short": {"resolve": [("h", 80)]},
    "pool_huge": {"pool_max_idle_per_host": 2**62},
    "pool_neg": {"pool_max_idle_per_host": -1},
    "cookie_jar_int": {"cookie_jar": 5},
    "auth_scheme": {"auth": ("weird", "a", "b")},
    "auth_short": {"auth": ("basic",)},
    "store_cookies_str": {"store_cookies": "x"},
    "remove_headers_int": {"remove_headers": 5},
    "cookies_int": {"cookies": [(1, 2)]},
}
for label, config in BAD_CONFIGS.items():
    made = call(f"Client({label})", lambda config=config: _native.Client(config))
    if isinstance(made, _native.Client):
        p = call(
            f"Client({label}).start",
            lambda c=made: c.start("GET", f"{URL}/small", None, None, False),
        )
        finish(f"Client({label}).start", p)
        r = call(
            f"Client({label}).send", lambda c=made: c.send("GET", f"{URL}/small", None, None, False)
        )
        finish(f"Client({label}).send", r)

# The same options per request, through start() and send().
for label, config in BAD_CONFIGS.items():
    if not isinstance(config, dict) or "cookie_jar" in config or "resolve" in config:
        continue
    for how in ("start", "send"):
        entry = getattr(client, how)
        r = call(
            f"{how}(opts={label})",
            lambda entry=entry, config=config: entry("GET", f"{URL}/small", config, None, False),
        )
        finish(f"{how}(opts={label})", r)

# -- start()/send() arguments ------------------------------------------------------------------
BAD_REQUESTS: dict[str, tuple[Any, ...]] = {
    "method_empty": ("", f"{URL}/small", None, None, False),
    "method_crlf": ("GET\r\nX: y", f"{URL}/small", None, None, False),
    "method_nul": ("G\x00T", f"{URL}/small", None, None, False),
    "method_int": (5, f"{URL}/small", None, None, False),
    "method_huge": ("X" * 100_000, f"{URL}/small", None, None, False),
    "url_empty": ("GET", "", None, None, False),
    "url_garbage": ("GET", "not a url", None, None, False),
    "url_scheme": ("GET", "ftp://127.0.0.1/", None, None, False),
    "url_no_host": ("GET", "http://", None, None, False),
    "url_bad_ipv6": ("GET", "http://[::1/", None, None, False),
    "url_bad_port": ("GET", "http://127.0.0.1:99999/", None, None, False),
    "url_nul": ("GET", f"{URL}/sm\x00all", None, None, False),
    "url_huge": ("GET", f"{URL}/" + "a" * 1_000_000, None, None, False),
    "url_int": ("GET", 5, None, None, False),
    "url_surrogate": ("GET", f"{URL}/\udcff", None, None, False),
    "opts_int": ("GET", f"{URL}/small", 5, None, False),
    "opts_list": ("GET", f"{URL}/small", [], None, False),
    "body_int": ("POST", f"{URL}/echo", None, 5, False),
    "body_str": ("POST", f"{URL}/echo", None, "text", False),
    "body_object": ("POST", f"{URL}/echo", None, object(), False),
    "body_waker": ("POST", f"{URL}/echo", None, waker, False),
    "body_list_of_ints": ("POST", f"{URL}/echo", None, [1, 2, 300], False),
    "stream_str": ("GET", f"{URL}/small", None, None, "yes"),
    "stream_none": ("GET", f"{URL}/small", None, None, None),
}
for label, args in BAD_REQUESTS.items():
    for how in ("start", "send"):
        entry = getattr(client, how)
        r = call(f"{how}({label})", lambda entry=entry, args=args: entry(*args))
        finish(f"{how}({label})", r)
call("start(missing args)", lambda: client.start("GET"))
call("send(extra args)", lambda: client.send("GET", URL, None, None, False, 1))

# -- Pending ------------------------------------------------------------------------------------
p = client.start("GET", f"{URL}/delay/0.5", None, None, False)
call("Pending.result(in flight)", p.result)
call("Pending.set_waker(None)", lambda: p.set_waker(None, 1))
call("Pending.set_waker(-1)", lambda: p.set_waker(waker, -1))
call("Pending.set_waker(2**64)", lambda: p.set_waker(waker, 2**64))
call("Pending.wait", p.wait)
call("Pending.result(after wait)", p.result)
call("Pending.wait(again)", p.wait)
call("Pending.cancel(after)", p.cancel)
p = client.start("GET", f"{URL}/small", None, None, False)
call("Pending.wait(first)", p.wait)
call("Pending.result(twice)", p.result)
p = client.start("GET", f"{URL}/delay/5", None, None, False)
call("Pending.cancel", p.cancel)
call("Pending.cancel(twice)", p.cancel)
call("Pending.wait(cancelled)", p.wait)
call("Pending.done(cancelled)", p.done)

# -- Stream ------------------------------------------------------------------------------------
r = client.send("GET", f"{URL}/bytes/300000", None, None, True)
s = r.stream
assert s is not None
for label, fn in {
    "read(-1)": lambda: s.read(-1),
    "read(0)": lambda: s.read(0),
    "read(2**64)": lambda: s.read(2**64),
    "read(2**63)": lambda: s.read(2**63),
    "read(str)": lambda: s.read("x"),
    "read(min>max)": lambda: s.read(10, 1000),
    "read(min=-1)": lambda: s.read(10, -1),
    "read_blocking(0,0)": lambda: s.read_blocking(0, 0),
    "read_blocking(2**63)": lambda: s.read_blocking(2**63),
    "wait(None)": lambda: s.wait(None, 1),
    "wait(token=-1)": lambda: s.wait(waker, -1),
    "wait(min=0)": lambda: s.wait(waker, 1, 0),
}.items():
    call(f"Stream.{label}", fn)
call("Stream.close", s.close)
call("Stream.close(twice)", s.close)
call("Stream.read(closed)", lambda: s.read(10))
call("Stream.read_blocking(closed)", lambda: s.read_blocking(10))
call("Stream.raw_bytes(closed)", lambda: s.raw_bytes)
# Two threads blocked reading one stream that is then closed.
r = client.send("GET", f"{URL}/drip/1000000?rate=100000", None, None, True)
s2 = r.stream
assert s2 is not None


def read_until_closed(i: int) -> None:
    call(
        f"Stream.read_blocking(thread {i})", lambda: [s2.read_blocking(1 << 20) for _ in range(100)]
    )


readers = [threading.Thread(target=read_until_closed, args=(i,)) for i in range(2)]
for t in readers:
    t.start()
call("Stream.close(while read)", s2.close)
for t in readers:
    t.join(10)
OUT["Stream.readers joined"] = "ok" if not any(t.is_alive() for t in readers) else "HUNG"

# -- UploadSink ---------------------------------------------------------------------------------
sink = client.upload_sink()
call("UploadSink.push(str)", lambda: sink.push("text"))
call("UploadSink.push(None)", lambda: sink.push(None))
call("UploadSink.try_push(int)", lambda: sink.try_push(5))
call("UploadSink.wait_writable(None)", lambda: sink.wait_writable(None, 1))
call("UploadSink.fail(int)", lambda: sink.fail(5))
call("UploadSink.push", lambda: sink.push(b"abc"))
p1 = call("start(sink)", lambda: client.start("POST", f"{URL}/upload", None, sink, False))
p2 = call(
    "start(same sink again)", lambda: client.start("POST", f"{URL}/upload", None, sink, False)
)
call("send(sink)", lambda: client.send("POST", f"{URL}/upload", None, sink, False))
call("UploadSink.close", sink.close)
call("UploadSink.close(twice)", sink.close)
call("UploadSink.push(after close)", lambda: sink.push(b"x"))
call("UploadSink.fail(after close)", lambda: sink.fail("late"))
for label, pending in (("start(sink)", p1), ("start(same sink again)", p2)):
    if isinstance(pending, _native.Pending):
        call(f"{label}.wait", pending.wait)
abandoned = client.upload_sink()
p3 = client.start("POST", f"{URL}/upload", None, abandoned, False)
del abandoned
gc.collect()
call("start(abandoned sink).wait", p3.wait)

# -- Form ---------------------------------------------------------------------------------------
form = _native.Form()
call("Form.text(int name)", lambda: form.text(5, "x"))
call("Form.text(int value)", lambda: form.text("n", 5))
call("Form.data(str value)", lambda: form.data("n", "text"))
call("Form.file(missing)", lambda: form.file("f", "/nonexistent/file"))
p = call(
    "start(form with missing file)",
    lambda: client.start("POST", f"{URL}/upload", None, form, False),
)
finish("start(form with missing file)", p)
dir_form = _native.Form()
dir_form.file("d", "/tmp")
p = call(
    "start(form with a directory)",
    lambda: client.start("POST", f"{URL}/upload", None, dir_form, False),
)
finish("start(form with a directory)", p)
crlf = _native.Form()
crlf.data("a\r\nb", b"x", filename='x"\r\ny', content_type="text/plain\r\nX: y")
p = call(
    "start(form with CRLF names)", lambda: client.start("POST", f"{URL}/upload", None, crlf, False)
)
finish("start(form with CRLF names)", p)

# -- CookieJar ----------------------------------------------------------------------------------
jar = _native.CookieJar()
for label, fn in {
    "set(domain ..)": lambda: jar.set("a", "b", ".."),
    "set(name empty)": lambda: jar.set("", "b"),
    "set(name ;)": lambda: jar.set("a;b", "c"),
    "set(value crlf)": lambda: jar.set("a", "b\r\nc"),
    "set(int)": lambda: jar.set(1, 2),
    "set_cookie({})": lambda: jar.set_cookie({}),
    "set_cookie(int)": lambda: jar.set_cookie(5),
    "set_cookie(expires huge)": lambda: jar.set_cookie(
        {"name": "a", "value": "b", "domain": "x.test", "expires": 1e300}
    ),
    "set_cookie(expires -1)": lambda: jar.set_cookie(
        {"name": "a", "value": "b", "domain": "x.test", "expires": -1.0}
    ),
    "set_cookie(expires nan)": lambda: jar.set_cookie(
        {"name": "a", "value": "b", "domain": "x.test", "expires": NAN}
    ),
    "set_cookie(expires str)": lambda: jar.set_cookie({"name": "a", "expires": "soon"}),
    "set_cookie(secure str)": lambda: jar.set_cookie({"name": "a", "secure": "yes"}),
    "header_for(garbage)": lambda: jar.header_for("not a url"),
    "header_for(int)": lambda: jar.header_for(5),
    "load_netscape(garbage)": lambda: jar.load_netscape("garbage\t\t\t\n\t\t\t\t\t\t\n"),
    "load_netscape(huge expiry)": lambda: jar.load_netscape(
        "x.test\tFALSE\t/\tFALSE\t99999999999999999999\ta\tb\n"
    ),
    "load_netscape(neg expiry)": lambda: jar.load_netscape("x.test\tFALSE\t/\tFALSE\t-5\ta\tb\n"),
    "load_netscape(int)": lambda: jar.load_netscape(5),
    "get_all(int)": lambda: jar.get_all(5),
    "remove(None)": lambda: jar.remove(None),
    "clear(int)": lambda: jar.clear(5),
    "all": jar.all,
    "to_netscape": jar.to_netscape,
    "len": lambda: len(jar),
}.items():
    call(f"CookieJar.{label}", fn)
call(
    "Client(cookie_jar).start",
    lambda: _native.Client({"cookie_jar": jar}).send("GET", f"{URL}/small", None, None, False),
)

# -- Waker, module functions, classes -----------------------------------------------------------
call("Waker.drain(fresh)", waker.drain)
call("Waker(arg)", lambda: _native.Waker(1))
call("resolve_profile(int)", lambda: _native.resolve_profile(5))
call("resolve_profile(empty)", lambda: _native.resolve_profile(""))
call("resolve_profile(nul)", lambda: _native.resolve_profile("chrome\x00"))
call("profiles", _native.profiles)
call("default_user_agent", _native.default_user_agent)
call("NativeError()", lambda: str(_native.NativeError()) + str(_native.NativeError().kind))
call("NativeError(int)", lambda: str(_native.NativeError(5)))
for cls in ("Client", "Waker", "CookieJar", "Form", "Stream", "Response", "Pending", "UploadSink"):
    klass = getattr(_native, cls)
    call(f"subclass {cls}", lambda klass=klass: type("X", (klass,), {}))
for cls in ("Stream", "Response", "Pending", "UploadSink"):
    klass = getattr(_native, cls)
    call(f"construct {cls}", lambda klass=klass: klass())
call("pickle Waker", lambda: pickle.dumps(waker))
call("pickle Client", lambda: pickle.dumps(client))
call("shutdown(str)", lambda: _native.shutdown("x"))

# -- after_fork() without a fork, then shutdown() ---------------------------------------------
call("after_fork(no fork)", _native.after_fork)
finish(
    "send(after after_fork)",
    call("send(after after_fork)", lambda: client.send("GET", f"{URL}/small", None, None, False)),
)
call("shutdown(nan)", lambda: _native.shutdown(NAN))
call("shutdown(-1)", lambda: _native.shutdown(-1.0))
call("shutdown(twice)", _native.shutdown)
call("start(after shutdown)", lambda: client.start("GET", f"{URL}/small", None, None, False))
call("send(after shutdown)", lambda: client.send("GET", f"{URL}/small", None, None, False))
call("Client(after shutdown)", lambda: _native.Client({}))
call("Client.close(after shutdown)", client.close)

sys.stdout.write(json.dumps({"outcomes": OUT}) + "\n")
