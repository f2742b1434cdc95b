"""Names and options of curl_cffi that only make sense with libcurl underneath.

mummer has no libcurl: it does not pretend to. Importing one of these names raises an
`ImportError` that says what to use instead, and passing one of these options with a value
raises `NotImplementedError` the same way (the default, ``None``, is accepted so that code
written for curl_cffi's signatures keeps working).

`ImportError` rather than `AttributeError` on purpose: ``from mummer import Curl`` turns an
`AttributeError` from a module ``__getattr__`` into a bare "cannot import name" and the reason
is lost. The cost is that ``hasattr(mummer, "Curl")`` raises instead of returning False.
"""

from __future__ import annotations

from typing import Final

__all__ = ["NO_LIBCURL", "missing_name", "unsupported_option"]

_SESSION = "use mummer.requests.Session / AsyncSession, which run on mummer's own engine"
_OPTIONS = (
    "pass the request's keyword arguments (timeout=, proxy=, verify=, impersonate=, ...) "
    "to Session or Session.request instead"
)

#: Every libcurl-only name of curl_cffi, with what to use instead.
NO_LIBCURL: Final[dict[str, str]] = {
    "Curl": _SESSION,
    "AsyncCurl": _SESSION,
    "CurlMime": "pass files= (requests-style) to Session.request for multipart uploads",
    "CurlShare": "a Session shares its connections, TLS sessions and cookies by itself",
    "CurlOpt": _OPTIONS,
    "CurlInfo": "read the attributes of Response (elapsed, primary_ip, header_size, ...)",
    "CurlMOpt": _OPTIONS,
    "CurlProxyType": "give the proxy's scheme in its URL (http://, https://, socks5://, socks5h://)",
    "CurlWsOption": "WebSocket settings are ws_connect keywords (max_message_size, ...)",
    "CurlShareOpt": "a Session shares its connections, TLS sessions and cookies by itself",
    "CurlShareCode": "a Session shares its connections, TLS sessions and cookies by itself",
    "CurlLockData": "a Session shares its connections, TLS sessions and cookies by itself",
    "CurlLockAccess": "a Session shares its connections, TLS sessions and cookies by itself",
    "CurlIpResolve": _OPTIONS,
    "CurlWsFrame": "recv_fragment returns mummer.requests.websockets.CurlWsFrame",
    "ffi": "mummer's engine is Rust, reached through mummer._native; there is no cffi layer",
    "lib": "mummer's engine is Rust, reached through mummer._native; there is no cffi layer",
    "Fingerprint": (
        "mummer's fingerprints are its browser profiles: impersonate='chrome' (see "
        "`mummer fingerprint list`), ja3=, akamai=, extra_fp=ExtraFingerprints(...)"
    ),
    "FingerprintManager": "mummer's profiles ship inside the package; nothing is downloaded",
    "get_fingerprint": "mummer's profiles ship inside the package; nothing is downloaded",
    "CacheBackend": "response caching is not implemented in mummer",
    "FileCacheBackend": "response caching is not implemented in mummer",
}


def missing_name(module: str, name: str) -> Exception:
    """The error for ``module.name`` (a module ``__getattr__`` raises it): `ImportError` that
    says what to use instead when curl_cffi has the name and mummer does not, the usual
    `AttributeError` for any other name (``__path__``, ``__wrapped__``, typos)."""
    hint = NO_LIBCURL.get(name)
    if hint is None:
        return AttributeError(f"module {module!r} has no attribute {name!r}")
    return ImportError(
        f"{module}.{name} is part of curl_cffi's libcurl layer and mummer has no libcurl: {hint}",
        name=module,
    )


def unsupported_option(name: str, hint: str) -> NotImplementedError:
    """The error for a keyword argument that only libcurl (or HTTP/3) could honour."""
    return NotImplementedError(f"{name}= is not supported: mummer has no libcurl ({hint})")
