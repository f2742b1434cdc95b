"""Cookies: curl_cffi's mapping semantics over the engine's jar (here: the documented
behaviour of `_native.CookieJar`, through the fake or the real one)."""

from __future__ import annotations

import pickle
import warnings
from http.cookiejar import Cookie, CookieJar

import pytest

import fake_native
from mummer.requests.cookies import Cookies
from mummer.requests.exceptions import CookieConflict
from mummer.utils import MummerWarning


def over_fake() -> Cookies:
    return Cookies._over(fake_native.CookieJar())  # type: ignore[arg-type]


@pytest.fixture(params=["engine jar", "fake jar"])
def jar(request: pytest.FixtureRequest) -> Cookies:
    return Cookies() if request.param == "engine jar" else over_fake()


def test_set_get_delete(jar: Cookies) -> None:
    jar["a"] = "1"
    jar.set("b", "2", domain="example.com", path="/x")
    assert jar["a"] == "1"
    assert jar.get("b") == "2"
    assert jar.get("b", path="/") is None
    assert jar.get("missing", "dflt") == "dflt"
    assert len(jar) == 2
    assert sorted(jar) == ["a", "b"]
    del jar["a"]
    assert "a" not in jar
    with pytest.raises(KeyError):
        jar["a"]


def test_same_name_on_unrelated_domains_conflicts(jar: Cookies) -> None:
    jar.set("sid", "one", domain="a.example")
    jar.set("sid", "two", domain="b.example")
    with pytest.raises(CookieConflict, match="sid"):
        jar["sid"]
    assert "sid" in jar  # presence never conflicts
    assert jar.get("sid", domain="a.example") == "one"
    assert jar.get("sid", domain="b.example") == "two"


def test_parent_and_child_domains_do_not_conflict(jar: Cookies) -> None:
    jar.set("sid", "one", domain=".example.com")
    jar.set("sid", "two", domain="www.example.com")
    assert jar["sid"] == "two"  # the most recent wins, as curl_cffi's


def test_equal_values_do_not_conflict(jar: Cookies) -> None:
    jar.set("sid", "same", domain="a.example")
    jar.set("sid", "same", domain="b.example")
    assert jar["sid"] == "same"


def test_domain_filters_follow_curls_reading(jar: Cookies) -> None:
    jar.set("host", "1", domain="example.com")
    jar.set("dom", "2", domain=".example.com")
    jar.set("any", "3")
    assert jar.get_dict() == {"host": "1", "dom": "2", "any": "3"}
    assert jar.get_dict(domain="example.com") == {"host": "1", "dom": "2"}
    assert jar.get_dict(domain=".example.com") == {"dom": "2"}
    assert jar.get_dict(domain="") == {"any": "3"}
    jar.delete("dom", domain=".example.com")
    assert jar.get_dict(domain="example.com") == {"host": "1"}
    jar.clear(domain="example.com")
    assert jar.get_dict() == {"any": "3"}
    jar.clear()
    assert not jar


def test_secure_and_host_prefixes_are_enforced(jar: Cookies) -> None:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always", MummerWarning)
        jar.set("__Secure-a", "1")
        jar.set("__Host-b", "2", domain="example.com", path="/x")
    assert len(seen) == 2
    records = {c["name"]: c for c in jar.jar.all()}
    assert records["__Secure-a"]["secure"] is True
    assert records["__Host-b"]["secure"] is True
    assert records["__Host-b"]["domain"] == ""
    assert records["__Host-b"]["path"] == "/"


def test_constructors_and_update() -> None:
    assert Cookies({"a": "1"})["a"] == "1"
    assert Cookies([("a", "1"), ("b", "2")]).get_dict() == {"a": "1", "b": "2"}
    original = Cookies({"a": "1"})
    copy = Cookies(original)
    copy["a"] = "2"
    assert original["a"] == "1"  # a copy, not the same jar
    merged = Cookies({"a": "1"})
    merged.update({"b": "2"})
    merged.update(Cookies({"c": "3"}))
    merged.update([("d", "4")])
    merged.update(None)
    assert merged.get_dict() == {"a": "1", "b": "2", "c": "3", "d": "4"}
    with pytest.raises(TypeError):
        Cookies(42)  # type: ignore[arg-type]


def stdlib_cookie(name: str, value: str, domain: str, specified: bool, **rest: str) -> Cookie:
    return Cookie(
        version=0,
        name=name,
        value=value,
        port=None,
        port_specified=False,
        domain=domain,
        domain_specified=specified,
        domain_initial_dot=domain.startswith("."),
        path="/",
        path_specified=True,
        secure=True,
        expires=2_000_000_000,
        discard=False,
        comment=None,
        comment_url=None,
        rest=dict(rest),
        rfc2109=False,
    )


def test_from_http_cookiejar() -> None:
    stdlib = CookieJar()
    stdlib.set_cookie(stdlib_cookie("a", "1", ".example.com", True, HttpOnly=""))
    stdlib.set_cookie(stdlib_cookie("b", "2", "host.example", False))
    cookies = Cookies(stdlib)
    records = {c["name"]: c for c in cookies.jar.all()}
    assert records["a"]["domain"] == "example.com"
    assert records["a"]["host_only"] is False
    assert records["a"]["http_only"] is True
    assert records["a"]["secure"] is True
    assert records["b"]["host_only"] is True
    assert cookies.get_dict(domain=".example.com") == {"a": "1"}


def test_engine_records_load_as_they_are() -> None:
    record = {
        "name": "sid",
        "value": '"quoted"',
        "domain": "example.com",
        "host_only": True,
        "path": "/app",
        "secure": True,
        "http_only": True,
        "same_site": "Lax",
        "expires": None,
    }
    cookies = Cookies._of([record])
    assert cookies["sid"] == '"quoted"'
    assert cookies.get("sid", domain="example.com", path="/app") == '"quoted"'


def test_repr_and_pickle() -> None:
    cookies = Cookies()
    cookies.set("a", "1", domain="example.com")
    assert repr(cookies) == "<Cookies[<Cookie a=1 for example.com />]>"
    again = pickle.loads(pickle.dumps(cookies))
    assert again.get_dict() == {"a": "1"}
    assert again.jar is not cookies.jar


def test_bad_names_are_value_errors() -> None:
    with pytest.raises(ValueError, match="cookie"):
        Cookies().set("bad name", "1")
