"""`Cookies`: curl_cffi's cookie mapping over the engine's RFC 6265 jar (`_native.CookieJar`).

A session's `Cookies` wraps the very jar its engine client reads and fills, so a cookie set
here goes out with the next request and a cookie a response sets is here when it returns.
Lookups follow curl_cffi: ``cookies["sid"]`` is the value of the cookie named ``sid``; when
several domains hold different values for one name it raises `CookieConflict`, and
``get(name, domain=...)`` says which one is meant.

`domain` follows curl's reading everywhere: ``""`` is a cookie for every host,
``".example.com"`` one for example.com and its subdomains, ``"example.com"`` one for that host
only; as a filter, ``"example.com"`` finds both kinds of example.com cookie and
``".example.com"`` only the domain cookies.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from http.cookiejar import Cookie, CookieJar
from typing import Any, Optional, TypeVar, Union, overload

from .. import _native
from ..utils import MummerWarning
from .exceptions import CookieConflict

__all__ = ["CookieTypes", "Cookies"]

CookieTypes = Union["Cookies", CookieJar, dict[str, str], list[tuple[str, str]]]

_T = TypeVar("_T")

#: A cookie as the jar reports it: name, value, domain, host_only, path, secure, http_only,
#: same_site (str or None), expires (float epoch seconds or None).
CookieDict = dict[str, Any]


class Cookies(MutableMapping[str, str]):
    """Cookies as a mutable mapping from name to value, over an RFC 6265 jar.

    Accepts another `Cookies` (copied), an `http.cookiejar.CookieJar` (copied), a dict or a
    list of (name, value) pairs (cookies for every host, path ``/``)."""

    def __init__(self, cookies: Optional[CookieTypes] = None) -> None:
        #: The engine's jar (not an `http.cookiejar.CookieJar`, as curl_cffi's is).
        self.jar: _native.CookieJar = _native.CookieJar()
        if cookies is not None:
            self.update(cookies)

    @classmethod
    def _over(cls, jar: _native.CookieJar) -> Cookies:
        """A `Cookies` that reads and writes `jar` itself (a session's, shared with its
        engine client), not a copy."""
        cookies = cls.__new__(cls)
        cookies.jar = jar
        return cookies

    @classmethod
    def _of(cls, records: Iterable[CookieDict]) -> Cookies:
        """A new jar holding `records` (the cookies one response set)."""
        cookies = cls()
        for record in records:
            cookies.jar.set_cookie(record)
        return cookies

    def set(
        self, name: str, value: str, domain: str = "", path: str = "/", secure: bool = False
    ) -> None:
        """Stores a session cookie. ``__Secure-`` and ``__Host-`` names get the attributes
        their prefix requires (RFC 6265bis section 4.1.3), with a warning."""
        if name.startswith("__Secure-") and not secure:
            warnings.warn(
                "`secure` changed to True for `__Secure-` prefixed cookies",
                MummerWarning,
                stacklevel=2,
            )
            secure = True
        elif name.startswith("__Host-") and (not secure or domain or path != "/"):
            warnings.warn(
                "`secure` changed to True, `domain` removed, `path` changed to `/` "
                "for `__Host-` prefixed cookies",
                MummerWarning,
                stacklevel=2,
            )
            secure, domain, path = True, "", "/"
        try:
            self.jar.set(name, value, domain, path, secure)
        except _native.NativeError as e:
            raise ValueError(f"cookie {name!r}: {e.message}") from e

    @overload
    def get(
        self,
        name: str,
        default: None = None,
        domain: Optional[str] = None,
        path: Optional[str] = None,
    ) -> Optional[str]: ...
    @overload
    def get(
        self, name: str, default: _T, domain: Optional[str] = None, path: Optional[str] = None
    ) -> Union[str, _T]: ...
    def get(
        self,
        name: str,
        default: Optional[_T] = None,
        domain: Optional[str] = None,
        path: Optional[str] = None,
    ) -> Union[str, _T, None]:
        """The value of the cookie `name` (narrowed by `domain` and `path`), or `default`.

        Raises `CookieConflict` when cookies of unrelated domains (neither a parent of the
        other) hold different values for `name`."""
        value: Optional[str] = None
        matched_domain = ""
        for record in self.jar.get_all(name, domain, path):
            cookie_domain = str(record["domain"])
            if (
                value is not None
                and record["value"] != value
                and not matched_domain.endswith(cookie_domain)
                and not cookie_domain.endswith(matched_domain)
            ):
                raise CookieConflict(
                    f"Multiple cookies exist with name={name} on {matched_domain} and "
                    f"{cookie_domain}, add domain parameter to suppress this error."
                )
            value = str(record["value"])
            matched_domain = cookie_domain
        return default if value is None else value

    def get_dict(self, domain: Optional[str] = None, path: Optional[str] = None) -> dict[str, str]:
        """{name: value} of the cookies matching `domain` and `path`. Cookies of one name on
        several domains overwrite each other here: not a way to serialise a jar."""
        return {
            str(c["name"]): str(c["value"]) for c in self.jar.all() if _matches(c, domain, path)
        }

    def delete(self, name: str, domain: Optional[str] = None, path: Optional[str] = None) -> None:
        """Removes the cookies named `name` matching `domain` and `path`."""
        self.jar.remove(name, domain, path)

    def clear(self, domain: Optional[str] = None, path: Optional[str] = None) -> None:
        """Removes every cookie, or those matching `domain` and `path`."""
        self.jar.clear(domain, path)

    def update(self, cookies: Optional[CookieTypes] = None) -> None:  # type: ignore[override]
        """Adds `cookies` (replacing cookies of the same name, domain and path)."""
        if cookies is None:
            return
        if isinstance(cookies, Cookies):
            for record in cookies.jar.all():
                self.jar.set_cookie(record)
        elif isinstance(cookies, CookieJar):
            for cookie in cookies:
                self.jar.set_cookie(_from_stdlib(cookie))
        elif isinstance(cookies, Mapping):
            for name, value in cookies.items():
                self.set(name, value)
        elif isinstance(cookies, (list, tuple)):
            for name, value in cookies:
                self.set(name, value)
        else:
            raise TypeError(
                "cookies must be a Cookies, an http.cookiejar.CookieJar, a dict or a list of "
                f"(name, value) pairs, not {type(cookies).__name__}"
            )

    def _pairs(self) -> list[tuple[str, str]]:
        return [(str(c["name"]), str(c["value"])) for c in self.jar.all()]

    def __setitem__(self, name: str, value: str) -> None:
        self.set(name, value)

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __delitem__(self, name: str) -> None:
        self.delete(name)

    def __contains__(self, name: object) -> bool:
        # Presence only: unlike `get`, never a CookieConflict.
        return isinstance(name, str) and bool(self.jar.get_all(name, None, None))

    def __len__(self) -> int:
        return len(self.jar)

    def __iter__(self) -> Iterator[str]:
        return (str(c["name"]) for c in self.jar.all())

    def __bool__(self) -> bool:
        return len(self.jar) > 0

    def __repr__(self) -> str:
        shown = ", ".join(
            f"<Cookie {c['name']}={c['value']} for {c['domain']} />" for c in self.jar.all()
        )
        return f"<Cookies[{shown}]>"

    def __getstate__(self) -> dict[str, Any]:
        return {"cookies": self.jar.all()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.jar = _native.CookieJar()
        for record in state["cookies"]:
            self.jar.set_cookie(record)


def _matches(record: CookieDict, domain: Optional[str], path: Optional[str]) -> bool:
    """The jar's own filter (`CookieJar.get_all`), for the records of `CookieJar.all`."""
    if path is not None and record["path"] != path:
        return False
    if domain is None:
        return True
    only_domain_cookies = domain.startswith(".")
    wanted = domain[1:] if only_domain_cookies else domain
    if str(record["domain"]) != wanted.lower():
        return False
    return not (only_domain_cookies and record["host_only"])


def _from_stdlib(cookie: Cookie) -> CookieDict:
    """A jar record from an `http.cookiejar.Cookie`."""
    same_site = cookie.get_nonstandard_attr("SameSite") or cookie.get_nonstandard_attr("samesite")
    return {
        "name": cookie.name,
        "value": cookie.value or "",
        "domain": cookie.domain,
        # A leading dot makes a domain cookie whatever this says.
        "host_only": not cookie.domain_specified,
        "path": cookie.path or "/",
        "secure": bool(cookie.secure),
        "http_only": cookie.has_nonstandard_attr("HttpOnly")
        or cookie.has_nonstandard_attr("httponly"),
        "same_site": same_site,
        "expires": None if cookie.expires is None else float(cookie.expires),
    }
