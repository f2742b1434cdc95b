"""The package's names: curl_cffi's where mummer has the thing, and a clear refusal for the
libcurl layer."""

from __future__ import annotations

import importlib

import pytest

import mummer
import mummer.requests


def test_top_level_names() -> None:
    for name in mummer.__all__:
        assert getattr(mummer, name) is not None
    assert mummer.CurlError is mummer.curl.CurlError
    assert issubclass(mummer.exceptions.RequestException, mummer.CurlError)
    assert mummer.CurlWsFlag.BINARY == 2
    assert mummer.CurlECode.OPERATION_TIMEDOUT == 28
    assert isinstance(mummer.__version__, str)


def test_requests_names_mirror_curl_cffi() -> None:
    wanted = {
        "Session", "AsyncSession", "BrowserType", "BrowserTypeLiteral", "CurlWsFlag", "request",
        "head", "get", "post", "put", "patch", "delete", "options", "RequestsError", "Cookies",
        "Headers", "Request", "Response", "AsyncWebSocket", "WebSocket", "WebSocketError",
        "WebSocketClosed", "WebSocketTimeout", "WebSocketRetryStrategy", "WsCloseCode",
        "ExtraFingerprints", "RetryStrategy", "CookieTypes", "HeaderTypes", "ProxySpec",
    }  # fmt: skip
    assert wanted == set(mummer.requests.__all__)
    assert callable(mummer.requests.trace)
    assert callable(mummer.requests.query)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("mummer", "Curl"),
        ("mummer", "AsyncCurl"),
        ("mummer", "CurlMime"),
        ("mummer", "CurlOpt"),
        ("mummer", "CurlInfo"),
        ("mummer", "ffi"),
        ("mummer", "lib"),
        ("mummer", "Fingerprint"),
        ("mummer.const", "CurlOpt"),
        ("mummer.curl", "Curl"),
        ("mummer.requests", "CacheBackend"),
    ],
)
def test_libcurl_names_say_why_they_are_missing(module: str, name: str) -> None:
    with pytest.raises(ImportError, match="no libcurl"):
        exec(f"from {module} import {name}")
    with pytest.raises(ImportError, match="no libcurl"):
        getattr(importlib.import_module(module), name)


def test_other_missing_names_are_attribute_errors() -> None:
    assert not hasattr(mummer, "no_such_thing")
    with pytest.raises(AttributeError):
        mummer.requests.no_such_thing  # type: ignore[attr-defined]  # noqa: B018


def test_websocket_exceptions_have_curl_cffis_bases() -> None:
    from mummer.requests.exceptions import SessionClosed, Timeout

    assert issubclass(mummer.WebSocketClosed, (mummer.WebSocketError, SessionClosed))
    assert issubclass(mummer.WebSocketTimeout, Timeout)
    assert issubclass(mummer.WebSocketError, mummer.CurlError)
    with pytest.raises(NotImplementedError, match="curl"):
        mummer.WebSocket(curl=object())
    with pytest.raises(TypeError, match="data"):
        mummer.Session().ws_connect("ws://127.0.0.1:9/", data=b"x")  # type: ignore[call-arg]


def test_warnings_are_off_by_default_and_can_be_shown() -> None:
    import warnings

    from mummer.utils import MummerWarning, config_warnings

    config_warnings(True)
    with warnings.catch_warnings(record=True) as seen:
        warnings.warn("x", MummerWarning, stacklevel=1)
    config_warnings(False)
    assert seen
