"""Headers: ordered, case-insensitive, multi-valued, spelling kept (curl_cffi's interface)."""

from __future__ import annotations

import pytest

from mummer.requests.headers import Headers


def test_lookup_ignores_case_and_keeps_spelling() -> None:
    h = Headers({"Content-Type": "text/html", "X-Custom-ID": "7"})
    assert h["content-type"] == "text/html"
    assert h["X-CUSTOM-id"] == "7"
    assert "CONTENT-TYPE" in h
    assert h.multi_items() == [("Content-Type", "text/html"), ("X-Custom-ID", "7")]
    assert h.raw == [(b"Content-Type", b"text/html"), (b"X-Custom-ID", b"7")]
    # keys() and items() are lowercased, as curl_cffi's (httpx's).
    assert list(h.keys()) == ["content-type", "x-custom-id"]
    assert dict(h.items()) == {"content-type": "text/html", "x-custom-id": "7"}


def test_repeated_fields_join_for_reading_and_stay_apart_in_lists() -> None:
    h = Headers([("Set-Cookie", "a=1"), ("Vary", "Accept"), ("set-cookie", "b=2")])
    assert h["set-cookie"] == "a=1, b=2"
    assert h.get_list("Set-Cookie") == ["a=1", "b=2"]
    assert len(h) == 3
    assert list(h) == ["set-cookie", "vary"]
    assert h.multi_items()[2] == ("set-cookie", "b=2")
    assert Headers({"Accept": "a, b ,c"}).get_list("accept", split_commas=True) == ["a", "b", "c"]


def test_lines_and_bytes_inputs() -> None:
    assert Headers(["Host: example.com", "X-A:  1 "]).multi_items() == [
        ("Host", "example.com"),
        ("X-A", "1"),
    ]
    assert Headers([b"Host: example.com"])["host"] == "example.com"
    assert Headers({b"X-B": b"2"})["x-b"] == "2"
    with pytest.raises(ValueError, match="no ':'"):
        Headers(["broken"])


def test_setitem_replaces_in_place_and_drops_repeats() -> None:
    h = Headers([("A", "1"), ("B", "2"), ("a", "3")])
    h["A"] = "9"
    assert h.multi_items() == [("A", "9"), ("B", "2")]
    h["C"] = "4"
    assert h.multi_items()[-1] == ("C", "4")


def test_update_replaces_every_field_of_a_name() -> None:
    h = Headers([("Accept", "x"), ("Cookie", "a=1"), ("accept", "y")])
    h.update({"ACCEPT": "z"})
    assert h.multi_items() == [("Cookie", "a=1"), ("ACCEPT", "z")]
    h.update([("X", "1"), ("X", "2")])
    assert h.get_list("x") == ["1", "2"]
    h.update(None)
    assert len(h) == 4


def test_delete_get_default_and_pop() -> None:
    h = Headers([("A", "1"), ("a", "2"), ("B", "3")])
    del h["a"]
    assert h.multi_items() == [("B", "3")]
    with pytest.raises(KeyError):
        del h["missing"]
    with pytest.raises(KeyError):
        h["missing"]
    assert h.get("missing", "d") == "d"
    assert h.pop("b") == "3"
    assert not h


def test_none_values_mean_do_not_send() -> None:
    h = Headers({"User-Agent": None, "X-Empty": ""})
    assert h["user-agent"] is None
    assert h["x-empty"] == ""
    assert h.multi_items() == [("User-Agent", None), ("X-Empty", "")]


def test_encoding_is_found_from_the_bytes() -> None:
    assert Headers({"A": "plain"}).encoding == "ascii"
    utf8 = Headers([(b"A", "é".encode())])
    assert utf8.encoding == "utf-8"
    assert utf8["a"] == "é"
    latin = Headers([(b"A", b"\xe9")])
    assert latin.encoding == "iso-8859-1"
    assert latin["a"] == "é"
    # str values are latin-1 when they can be, UTF-8 beyond it.
    assert Headers({"A": "é"}).raw == [(b"A", b"\xe9")]
    assert Headers({"A": "€"}).raw == [(b"A", "€".encode())]


def test_text_pairs_from_the_engine_read_back_exactly() -> None:
    h = Headers._from_text_pairs([("X-Name", "Ünïcode €"), ("Server", "nginx")])
    assert h["x-name"] == "Ünïcode €"
    assert h.multi_items()[1] == ("Server", "nginx")


def test_copy_equality_and_repr_masks_credentials() -> None:
    h = Headers([("Authorization", "Bearer secret"), ("Accept", "*/*")])
    c = h.copy()
    c["Accept"] = "text/html"
    assert h["accept"] == "*/*"
    assert h == Headers([("accept", "*/*"), ("AUTHORIZATION", "Bearer secret")])
    assert h == {"Authorization": "Bearer secret", "Accept": "*/*"}
    assert h != c
    assert h != 5
    assert "secret" not in repr(h)
    assert repr(Headers([("A", "1"), ("A", "2")])) == "Headers([('A', '1'), ('A', '2')])"
    assert repr(Headers({"A": "1"})) == "Headers({'A': '1'})"


def test_copying_from_headers_keeps_fields_and_encoding() -> None:
    h = Headers([(b"A", b"\xe9")], encoding="iso-8859-1")
    assert Headers(h).encoding == "iso-8859-1"
    assert Headers(h).raw == h.raw
    assert Headers().encoding == "ascii"
    with pytest.raises(TypeError):
        Headers("A: 1")  # type: ignore[arg-type]
