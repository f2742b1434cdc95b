"""Pure helpers for turning curl_cffi's request arguments into the engine's options: the
URL (params, base_url, quoting), timeouts, redirects, HTTP versions and proxies. No I/O."""

from __future__ import annotations

import json
import os
import string
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, Optional, Union, final
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from .._unsupported import unsupported_option
from ..const import CurlFollow, CurlHttpVersion
from .exceptions import InvalidURL

__all__ = [
    "NOT_SET",
    "HttpVersionLiteral",
    "NotSetType",
    "add_params",
    "build_url",
    "env_proxies",
    "native_http_version",
    "redirect_options",
    "requote_uri",
    "select_proxy",
    "timeout_options",
]

HttpVersionLiteral = Literal["v1", "v1.1", "v2", "v2tls", "v2_prior_knowledge", "v3", "v3only"]
ParamsType = Union[Mapping[str, Any], Sequence[tuple[str, Any]]]


@final
class NotSetType:
    """The default of ``timeout=`` in a request: "the session's", distinct from None
    ("no timeout")."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOT_SET"

    def __reduce__(self) -> str:
        return "NOT_SET"


NOT_SET: Final = NotSetType()

# -- URLs -------------------------------------------------------------------------------------

# Characters curl_cffi's `quote=` leaves alone unless told to quote them.
_QUOTE_SAFE = "!#$%&'()*+,/:;=?@[]~"
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_REQUOTE_SAFE = "!#$%&'()*+,/:;=?@[]~|"


def add_params(url: str, params: ParamsType) -> str:
    """`url` with `params` added to its query. A name that appears once in the URL and once
    in `params` is replaced in place; anything else is appended. Lists repeat the name,
    True/False/dicts are written as JSON (``true``), None drops the name (as requests)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    new = list(params.items()) if isinstance(params, Mapping) else list(params)
    in_url = Counter(name for name, _ in query)
    given = Counter(name for name, _ in new)
    pairs: list[tuple[str, Any]] = list(query)
    for name, value in new:
        if value is None:
            continue
        if isinstance(value, (bool, dict)):
            value = json.dumps(value)
        if in_url.get(name) == 1 and given.get(name) == 1:
            pairs = [(n, value if n == name else v) for n, v in pairs]
        else:
            pairs.append((name, value))
    return urlunsplit(parts._replace(query=urlencode(pairs, doseq=True)))


def _unquote_unreserved(uri: str) -> str:
    pieces = uri.split("%")
    out = [pieces[0]]
    for piece in pieces[1:]:
        code = piece[:2]
        if len(code) == 2 and code.isalnum():
            try:
                char = chr(int(code, 16))
            except ValueError as e:
                raise InvalidURL(f"Invalid percent-escape sequence: '{code}'") from e
            out.append(char + piece[2:] if char in _UNRESERVED else "%" + piece)
        else:
            out.append("%" + piece)
    return "".join(out)


def requote_uri(uri: str) -> str:
    """`uri` consistently percent-encoded: escapes of unreserved characters decoded, every
    character that may not appear in a URI encoded, reserved characters and valid escapes
    kept (requests' rule, which curl_cffi applies to every URL)."""
    try:
        return quote(_unquote_unreserved(uri), safe=_REQUOTE_SAFE)
    except InvalidURL:
        # A stray '%': encode it too.
        return quote(uri, safe=_REQUOTE_SAFE.replace("%", ""))


def _quote_more(url: str, quote_chars: str) -> str:
    safe = "".join(c for c in _QUOTE_SAFE if c not in quote_chars)
    parts = urlsplit(url)
    query = urlencode(parse_qsl(parts.query, keep_blank_values=True), doseq=True, safe=safe)
    return urlunsplit(parts._replace(path=quote(parts.path, safe=safe), query=query))


def build_url(
    url: str,
    *,
    base_url: Optional[str],
    params: Sequence[Optional[ParamsType]],
    quote: Union[str, Literal[False]],
) -> str:
    """The URL a request goes to: `params` (the session's, then the request's) added,
    joined to `base_url`, then quoted as curl_cffi's ``quote=`` says (a string: those
    characters are percent-encoded too; False: the URL is sent as given)."""
    for p in params:
        if p:
            url = add_params(url, p)
    if base_url:
        url = urljoin(base_url, url)
    elif "://" not in url and not url.startswith("//"):
        # curl (and so curl_cffi) takes a URL without a scheme as http.
        url = "http://" + url
    if quote:
        url = _quote_more(url, quote)
    if quote is not False:
        url = requote_uri(url)
    return url


def is_absolute_url(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.hostname)


# -- timeouts and redirects ---------------------------------------------------------------


def timeout_options(timeout: object, stream: bool) -> dict[str, float]:
    """The engine's timeouts for curl_cffi's ``timeout=``.

    As curl_cffi sets libcurl: a number bounds the whole exchange (for a streamed body, the
    connect phase and each wait for data instead, so that a long download is not cut); a
    (connect, read) pair bounds connecting by `connect` and the whole exchange by their sum
    (for a streamed body, each wait for data by the sum). None sets none, and so does 0 for
    its part, as in libcurl."""
    if timeout is None:
        return {}
    if isinstance(timeout, tuple):
        if len(timeout) != 2:
            raise TypeError("timeout must be a number or a (connect, read) pair")
        connect, read = (_seconds(t) for t in timeout)
        limits = {
            "connect_timeout": connect,
            "read_timeout" if stream else "total_timeout": connect + read,
        }
    else:
        seconds = _seconds(timeout)
        if stream:
            limits = {"connect_timeout": seconds, "read_timeout": seconds}
        else:
            limits = {"total_timeout": seconds}
    return {key: value for key, value in limits.items() if value > 0}


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"timeout must be a number, a (connect, read) pair or None: {value!r}")
    if value < 0:
        raise ValueError(f"timeout must not be negative: {value!r}")
    return float(value)


#: What curl's "-1: unlimited" becomes.
_UNLIMITED_REDIRECTS = 2**31 - 1


def redirect_options(allow_redirects: object, max_redirects: int) -> dict[str, Union[int, bool]]:
    """The engine's redirect options for ``allow_redirects`` (bool, "safe" or a
    `CurlFollow`) and ``max_redirects`` (-1: unlimited)."""
    limit = _UNLIMITED_REDIRECTS if max_redirects < 0 else int(max_redirects)
    if allow_redirects == CurlFollow.FIRSTONLY:
        raise unsupported_option(
            "allow_redirects=CurlFollow.FIRSTONLY",
            "redirects change the method as browsers do: use True or 'safe'",
        )
    if allow_redirects == "safe" or allow_redirects == CurlFollow.SAFE:
        return {"max_redirects": limit, "safe_redirects": True}
    if isinstance(allow_redirects, str):
        raise ValueError(
            f"allow_redirects must be a bool, 'safe' or a CurlFollow: {allow_redirects!r}"
        )
    if not allow_redirects:
        return {"max_redirects": 0, "safe_redirects": False}
    return {"max_redirects": limit, "safe_redirects": False}


# -- HTTP versions ------------------------------------------------------------------------

_HTTP_VERSION_NAMES: dict[str, CurlHttpVersion] = {
    "v1": CurlHttpVersion.V1_1,
    "v1.1": CurlHttpVersion.V1_1,
    "v2": CurlHttpVersion.V2_0,
    "v2tls": CurlHttpVersion.V2TLS,
    "v2_prior_knowledge": CurlHttpVersion.V2_PRIOR_KNOWLEDGE,
    "v3": CurlHttpVersion.V3,
    "v3only": CurlHttpVersion.V3ONLY,
}


def native_http_version(version: Union[CurlHttpVersion, str, int, None]) -> Optional[str]:
    """The engine's ``http_version`` ("1.1", "2", "auto") for curl_cffi's, None for the
    default. As libcurl's: V2_0 and V2TLS try HTTP/2 and fall back (ALPN), prior knowledge
    insists on it."""
    if version is None:
        return None
    if isinstance(version, str):
        if version not in _HTTP_VERSION_NAMES:
            raise ValueError(
                f"unknown http_version {version!r}; one of {', '.join(_HTTP_VERSION_NAMES)}"
            )
        version = _HTTP_VERSION_NAMES[version]
    version = CurlHttpVersion(version)
    if version in (CurlHttpVersion.V3, CurlHttpVersion.V3ONLY):
        raise unsupported_option(f"http_version={version.name}", "mummer does not speak HTTP/3")
    if version is CurlHttpVersion.V1_0:
        raise unsupported_option("http_version=V1_0", "mummer sends HTTP/1.1 requests at least")
    if version is CurlHttpVersion.V1_1:
        return "1.1"
    if version is CurlHttpVersion.V2_PRIOR_KNOWLEDGE:
        return "2"
    return "auto"


# -- proxies ------------------------------------------------------------------------------


def _with_scheme(proxy: str) -> str:
    # curl takes a proxy without a scheme as an HTTP proxy.
    return proxy if "://" in proxy else "http://" + proxy


def select_proxy(url: str, proxies: Mapping[str, Optional[str]]) -> Optional[str]:
    """The proxy for `url` from a requests-style dict: ``"scheme://host"``, then
    ``"all://host"``, then the scheme, then ``"all"``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    for key in (f"{scheme}://{host}", f"all://{host}", scheme, "all"):
        proxy = proxies.get(key)
        if proxy:
            return _with_scheme(proxy)
    return None


def env_proxies() -> tuple[dict[str, str], Optional[str]]:
    """The proxies of the environment and its no_proxy list, as libcurl reads them:
    `http_proxy` in lower case only (a CGI request can set `HTTP_PROXY`), `https_proxy`,
    `all_proxy` and `no_proxy` in either case. Only these names are looked up: scanning the
    whole environment on every request cost more than the request."""
    env = os.environ
    found: dict[str, str] = {}
    for scheme, names in _PROXY_VARIABLES:
        for name in names:
            value = env.get(name)
            if value:
                found[scheme] = value
                break
    no_proxy = env.get("no_proxy") or env.get("NO_PROXY") or None
    return found, no_proxy


_PROXY_VARIABLES = (
    ("http", ("http_proxy",)),
    ("https", ("https_proxy", "HTTPS_PROXY")),
    ("all", ("all_proxy", "ALL_PROXY")),
)
_PROXY_NAMES = tuple(name for _, names in _PROXY_VARIABLES for name in names)
# os.environ's own dict (bytes on POSIX): looking names up there skips encoding each name and
# value, a few microseconds per request that the plain-request path cannot spare.
_ENVIRON_BYTES: Optional[Mapping[bytes, bytes]] = (
    getattr(os.environ, "_data", None) if os.name == "posix" else None
)
# `proxy_in_environment` spells these out.
assert _PROXY_NAMES == ("http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


def proxy_in_environment() -> bool:
    """Whether a proxy variable that `env_proxies` reads is set (and not empty)."""
    data = _ENVIRON_BYTES
    if data is None:
        return bool(env_proxies()[0])
    # Spelled out: a generator here costs more than the six lookups.
    return bool(
        data.get(b"http_proxy")
        or data.get(b"https_proxy")
        or data.get(b"HTTPS_PROXY")
        or data.get(b"all_proxy")
        or data.get(b"ALL_PROXY")
    )


def env_ca_bundle() -> Optional[str]:
    """The CA bundle requests and curl honour from the environment."""
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or None
