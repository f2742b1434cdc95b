"""The exception tree is curl_cffi 0.17's; `_from_native` picks the class by the failure's kind."""

from __future__ import annotations

import json

import pytest

import mummer
from mummer import _native
from mummer.const import CurlECode
from mummer.requests import exceptions as ex


@pytest.mark.parametrize(
    ("cls", "bases"),
    [
        (ex.RequestException, (mummer.CurlError, OSError)),
        (ex.ConnectionError, (ex.RequestException,)),
        (ex.DNSError, (ex.ConnectionError,)),
        (ex.SSLError, (ex.ConnectionError,)),
        (ex.CertificateVerifyError, (ex.SSLError,)),
        (ex.ProxyError, (ex.RequestException,)),
        (ex.Timeout, (ex.RequestException,)),
        (ex.ConnectTimeout, (ex.ConnectionError, ex.Timeout)),
        (ex.ReadTimeout, (ex.Timeout,)),
        (ex.HTTPError, (ex.RequestException,)),
        (ex.IncompleteRead, (ex.HTTPError,)),
        (ex.TooManyRedirects, (ex.RequestException,)),
        (ex.InvalidURL, (ex.RequestException, ValueError)),
        (ex.InvalidProxyURL, (ex.InvalidURL,)),
        (ex.MissingSchema, (ex.RequestException, ValueError)),
        (ex.InvalidSchema, (ex.RequestException, ValueError)),
        (ex.InvalidHeader, (ex.RequestException, ValueError)),
        (ex.ChunkedEncodingError, (ex.RequestException,)),
        (ex.ContentDecodingError, (ex.RequestException,)),
        (ex.StreamConsumedError, (ex.RequestException, TypeError)),
        (ex.RetryError, (ex.RequestException,)),
        (ex.UnrewindableBodyError, (ex.RequestException,)),
        (ex.InterfaceError, (ex.RequestException,)),
        (ex.SessionClosed, (ex.RequestException,)),
        (ex.ImpersonateError, (ex.RequestException,)),
        (ex.CookieConflict, (ex.RequestException,)),
        (ex.InvalidJSONError, (ex.RequestException,)),
        (ex.JSONDecodeError, (ex.InvalidJSONError, json.JSONDecodeError)),
        (ex.URLRequired, (ex.RequestException,)),
    ],
)
def test_bases_are_curl_cffis(cls: type, bases: tuple[type, ...]) -> None:
    assert cls.__bases__ == bases


def test_request_exception_carries_code_and_response() -> None:
    e = ex.RequestException("boom", CurlECode.OPERATION_TIMEDOUT, None)
    assert str(e) == "boom"
    assert e.code == 28
    assert e.response is None
    assert ex.RequestsError is ex.RequestException
    assert mummer.requests.RequestsError is ex.RequestException


def test_json_decode_error_is_both() -> None:
    try:
        json.loads("nope")
    except json.JSONDecodeError as e:
        err = ex.JSONDecodeError(e.msg, e.doc, e.pos)
    assert isinstance(err, json.JSONDecodeError)
    assert isinstance(err, ex.RequestException)
    assert str(err).startswith("Expecting value")
    assert err.lineno == 1


@pytest.mark.parametrize(
    ("kind", "code", "cls"),
    [
        ("resolve", 6, ex.DNSError),
        ("connect", 7, ex.ConnectionError),
        ("tls", 35, ex.SSLError),
        ("certificate", 60, ex.CertificateVerifyError),
        ("proxy", 97, ex.ProxyError),
        ("proxy_status", 56, ex.ProxyError),
        ("timeout_connect", 28, ex.ConnectTimeout),
        ("timeout_read", 28, ex.ReadTimeout),
        ("timeout_total", 28, ex.Timeout),
        ("request", 55, ex.ConnectionError),
        ("protocol", 8, ex.ConnectionError),
        ("body_truncated", 18, ex.IncompleteRead),
        ("body_framing", 18, ex.ChunkedEncodingError),
        ("body_reset", 18, ex.IncompleteRead),
        ("body_goaway", 18, ex.IncompleteRead),
        ("body_io", 18, ex.IncompleteRead),
        ("decode", 61, ex.ContentDecodingError),
        ("too_many_redirects", 47, ex.TooManyRedirects),
        ("redirect_bad_location", 3, ex.InvalidURL),
        ("redirect_scheme", 1, ex.InvalidSchema),
        ("redirect_unsafe", 3, ex.InvalidURL),
        ("not_replayable", 65, ex.UnrewindableBodyError),
        ("closed", 1, ex.SessionClosed),
        ("aborted", 42, ex.RequestException),
        ("too_large", 63, ex.RequestException),
        ("status", 22, ex.HTTPError),
        ("runtime", 1, ex.RequestException),
        ("panic", 1, ex.RequestException),
    ],
)
def test_every_kind_maps_to_its_class(kind: str, code: int, cls: type) -> None:
    err = ex._from_native(_native.NativeError("what happened", kind, code))
    assert type(err) is cls
    assert err.code == code
    assert isinstance(err.code, CurlECode)
    assert str(err) == "what happened"


def test_every_native_kind_is_mapped() -> None:
    mapped = set(ex._KIND_TO_CLASS) | {"builder"}
    assert set(_native.ERROR_KINDS) <= mapped


@pytest.mark.parametrize(
    ("message", "cls"),
    [
        ('unsupported URL scheme "ftp"', ex.InvalidSchema),
        ("relative URL without a base", ex.MissingSchema),
        ("URL has no host", ex.InvalidURL),
        ("invalid port number", ex.InvalidURL),
        ('proxy URL "x": invalid', ex.InvalidProxyURL),
        ("invalid HTTP header name", ex.InvalidHeader),
        ("browser profile: bad cipher", ex.ImpersonateError),
        ('unknown browser profile "x"', ex.ImpersonateError),
        ("profile fingerprint overrides: unknown field", ex.ImpersonateError),
        ("JA3 string: too few fields", ex.ImpersonateError),
        ("multipart form: cannot read /home/host/report.txt", ex.RequestException),
        ("cannot read CA file /etc/url/port.pem: missing", ex.RequestException),
        ('profile chrome_156: unknown group "x"', ex.ImpersonateError),
        ("failed to parse header value", ex.InvalidHeader),
        ("empty host", ex.InvalidURL),
        ("host name over 255 bytes for SOCKS5", ex.InvalidURL),
        ("option headers: not a list", ex.RequestException),
    ],
)
def test_builder_errors_by_what_they_name(message: str, cls: type) -> None:
    assert type(ex._from_native(_native.NativeError(message, "builder", 3))) is cls


def test_unknown_kinds_and_codes_still_map() -> None:
    err = ex._from_native(_native.NativeError("new", "something_new", 999))
    assert type(err) is ex.RequestException
    assert err.code == 999


def test_the_response_is_attached() -> None:
    marker = mummer.Response()
    err = ex._from_native(_native.NativeError("cut", "body_truncated", 18), marker)
    assert err.response is marker
