"""Response: attributes from the engine's response, and streamed bodies that end complete or
with their error, never short."""

from __future__ import annotations

import asyncio
import pickle
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Optional

import pytest

import fake_native
from mummer import _native
from mummer.const import CurlHttpVersion
from mummer.requests import Response
from mummer.requests.exceptions import (
    HTTPError,
    IncompleteRead,
    JSONDecodeError,
    ReadTimeout,
    StreamConsumedError,
)
from mummer.requests.models import _fill


class FakeStream:
    """`_native.Stream`'s contract over a fixed body: `read` answers once `min_bytes` are
    queued or the body ended; after the body the error (if any) is raised on every read.
    `starve` makes the first read of each size find nothing queued (the async slow path)."""

    def __init__(
        self, body: bytes, error: Optional[Exception] = None, starve: bool = False
    ) -> None:
        self.queued = bytearray(body)
        self.error = error
        self.starved = not starve
        self.closed = False
        self.raw_bytes = 0
        self.delivered = 0
        self.resumes = 0
        self.close_notify_missing = False
        self.reads: list[tuple[int, int]] = []
        self.waits = 0

    def read(self, max_bytes: int, min_bytes: int = 1) -> Optional[bytes]:
        if not self.starved:
            self.starved = True
            return None
        return self.read_blocking(max_bytes, min_bytes)

    def read_blocking(self, max_bytes: int, min_bytes: int = 1) -> bytes:
        self.reads.append((max_bytes, min_bytes))
        if not self.queued and self.error is not None:
            raise self.error
        chunk = bytes(self.queued[:max_bytes])
        del self.queued[:max_bytes]
        self.raw_bytes += len(chunk)
        return chunk

    def wait(self, waker: Any, token: int, min_bytes: int = 1) -> bool:
        self.waits += 1
        return False  # ready already

    def close(self) -> None:
        self.closed = True


class FakeNative:
    def __init__(self, **kw: Any) -> None:
        self.status = 200
        self.reason = "OK"
        self.http_version = "1.1"
        self.url = "https://example.com/final"
        self.headers: list[tuple[str, str]] = [("Content-Type", "text/plain; charset=utf-8")]
        self.request_method = "GET"
        self.request_headers = [("Host", "example.com"), ("User-Agent", "ua")]
        self.history: list[dict[str, Any]] = []
        self.cookies: list[dict[str, Any]] = []
        self.elapsed = 1.5
        self.primary_ip, self.primary_port = "192.0.2.1", 443
        self.local_ip, self.local_port = "192.0.2.9", 40000
        self.redirect_count = 0
        self.header_size = 100
        self.retries = 0
        self.content: Optional[bytes] = b"body"
        self.raw_bytes = 4
        self.resumes = 0
        self.close_notify_missing = False
        self.stream: Optional[FakeStream] = None
        self.__dict__.update(kw)

    def summary(self) -> tuple[Any, ...]:
        return fake_native.summary_of(self)


def response(on_finish: Optional[Callable[[], None]] = None, **kw: Any) -> Response:
    rsp = Response()
    _fill(
        rsp,
        FakeNative(**kw),  # type: ignore[arg-type]
        default_encoding="utf-8",
        request_body=None,
        upload_size=0,
        response_class=Response,
        on_finish=on_finish,
    )
    return rsp


def streamed(body: bytes, error: Optional[Exception] = None, **kw: Any) -> Response:
    return response(content=None, stream=FakeStream(body, error, **kw))


def truncated() -> Exception:
    return _native.NativeError("body truncated: expected 100 bytes, got 10", "body_truncated", 18)


def test_attributes_from_the_engine() -> None:
    r = response(
        status=302,
        reason="Found",
        headers=[("Location", "/next"), ("X-Server-Spelling", "kept")],
        http_version="2",
        history=[
            {
                "url": "https://example.com/a",
                "status": 301,
                "reason": "Moved",
                "http_version": "2",
                "headers": [("Location", "/final")],
                "cookies": [],
            }
        ],
        redirect_count=1,
    )
    assert (r.status_code, r.reason, r.ok) == (302, "Found", True)
    assert r.http_version == CurlHttpVersion.V2_0 == 3
    assert str(r.http_version) == "HTTP/2"
    assert f"{r.http_version}" == "HTTP/2"
    assert r.elapsed == timedelta(seconds=1.5)
    assert r.headers.multi_items()[1] == ("X-Server-Spelling", "kept")
    assert r.is_redirect
    assert r.redirect_url == "https://example.com/next"
    assert [(h.status_code, h.url, h.reason) for h in r.history] == [
        (301, "https://example.com/a", "Moved")
    ]
    assert isinstance(r.history[0], Response)
    assert r.request is not None
    assert r.request.headers.multi_items() == [("Host", "example.com"), ("User-Agent", "ua")]
    assert r.response_size == r.download_size + r.header_size == 104
    assert r.request_size > 0
    assert (r.primary_ip, r.primary_port, r.local_ip, r.local_port) == (
        "192.0.2.1",
        443,
        "192.0.2.9",
        40000,
    )
    assert r.infos == {}
    assert repr(r) == "<Response [302]>"


def test_http_version_text() -> None:
    assert str(CurlHttpVersion.V1_1) == "HTTP/1.1"
    assert str(CurlHttpVersion.V1_0) == "HTTP/1.0"
    assert str(CurlHttpVersion.V3) == "HTTP/3"
    assert f"{CurlHttpVersion.V2_0:d}" == "3"
    assert CurlHttpVersion.V3 == 30


def test_text_encoding_and_json() -> None:
    r = response(
        headers=[("Content-Type", "application/json; charset=iso-8859-1")], content=b'{"a": "\xe9"}'
    )
    assert r.encoding == "iso-8859-1"
    assert r.json() == {"a": "é"}
    r = response(headers=[], content="é".encode())
    assert r.charset_encoding is None
    assert r.text == "é"
    r = response(headers=[], content=b"x")
    r.default_encoding = lambda content: "ascii"
    assert r.encoding == "ascii"
    r = response(content=b"\xff")
    r.encoding = "latin-1"
    assert r.text == "ÿ"
    with pytest.raises(ValueError, match="encoding"):
        r.encoding = "utf-8"
    with pytest.raises(JSONDecodeError):
        response(content=b"not json").json()
    with pytest.raises(ValueError, match="Expecting value"):  # a json.JSONDecodeError too
        response(content=b"not json").json()


def test_raise_for_status() -> None:
    response(status=204).raise_for_status()
    with pytest.raises(HTTPError, match="HTTP Error 503: Service Unavailable") as caught:
        response(status=503, reason="Service Unavailable").raise_for_status()
    assert caught.value.response is not None
    assert caught.value.response.status_code == 503


def test_whole_bodies_also_iterate() -> None:
    r = response(content=b"abcdefg")
    assert list(r.iter_content(3)) == [b"abc", b"def", b"g"]
    assert list(r.iter_content()) == [b"abcdefg"]


def test_chunk_size_is_honoured_exactly() -> None:
    r = streamed(b"x" * 10)
    assert [len(c) for c in r.iter_content(chunk_size=4)] == [4, 4, 2]
    assert r._stream is not None
    assert r._stream.reads[0] == (4, 4)  # type: ignore[attr-defined]


def test_no_chunk_size_takes_what_is_queued() -> None:
    r = streamed(b"y" * 600_000)
    sizes = [len(c) for c in r.iter_content()]
    assert sizes == [262_144, 262_144, 600_000 - 2 * 262_144]
    assert r._stream.reads[0] == (262_144, 1)  # type: ignore[union-attr]
    with pytest.raises(TypeError):
        list(r.iter_content(chunk_size=0))


def test_a_failed_body_raises_from_the_iterator_every_time() -> None:
    finished: list[bool] = []
    r = response(
        content=None,
        stream=FakeStream(b"0123456789", truncated()),
        on_finish=lambda: finished.append(True),
    )
    got: list[bytes] = []
    with pytest.raises(IncompleteRead, match="truncated") as caught:
        got.extend(r.iter_content(4))
    assert b"".join(got) == b"0123456789"
    assert caught.value.response is r
    assert caught.value.code == 18
    assert finished == [True]
    with pytest.raises(IncompleteRead):
        list(r.iter_content())
    with pytest.raises(IncompleteRead):
        r.content  # noqa: B018


def test_timeouts_while_reading() -> None:
    r = streamed(b"", _native.NativeError("read timed out", "timeout_read", 28))
    with pytest.raises(ReadTimeout):
        r.content  # noqa: B018


def test_content_of_a_stream_reads_it_once() -> None:
    finished: list[bool] = []
    r = response(content=None, stream=FakeStream(b"whole"), on_finish=lambda: finished.append(True))
    assert r.content == b"whole"
    assert r.text == "whole"
    assert finished == [True]
    assert r.download_size == 5


def test_content_after_iteration_raises_like_requests() -> None:
    r = streamed(b"abcdef")
    next(r.iter_content(2))
    with pytest.raises(StreamConsumedError) as caught:
        r.content  # noqa: B018
    assert isinstance(caught.value, RuntimeError)
    # Iterating again continues where the last iterator stopped, as requests' raw stream.
    assert b"".join(r.iter_content(2)) == b"cdef"
    with pytest.raises(StreamConsumedError, match="already read"):
        list(r.iter_content())


def test_close_stops_the_stream_and_reading_after_raises() -> None:
    finished: list[bool] = []
    r = response(content=None, stream=FakeStream(b"abc"), on_finish=lambda: finished.append(True))
    with r:
        pass
    assert r._stream.closed  # type: ignore[union-attr]
    assert finished == [True]
    with pytest.raises(StreamConsumedError, match="closed"):
        list(r.iter_content())
    r.close()  # again: nothing
    assert finished == [True]


def test_iter_lines() -> None:
    r = streamed(b"one\ntwo\r\nthr")
    assert list(r.iter_lines(chunk_size=3)) == [b"one", b"two", b"thr"]
    r = streamed(b"a;b;;c")
    assert list(r.iter_lines(chunk_size=2, delimiter=b";")) == [b"a", b"b", b"", b"c"]
    r = streamed(b"x\ny\n")
    assert list(r.iter_lines()) == [b"x", b"y"]


def test_decode_unicode_across_chunk_boundaries() -> None:
    text = "né€🙂"
    r = streamed(text.encode())
    assert "".join(r.iter_content(chunk_size=1, decode_unicode=True)) == text
    r = streamed("ä\nö\n".encode())
    assert list(r.iter_lines(chunk_size=1, decode_unicode=True)) == ["ä", "ö"]


def test_async_reading_fast_and_slow_paths() -> None:
    async def main() -> None:
        r = streamed(b"abcdefgh", starve=True)
        chunks = [c async for c in r.aiter_content(3)]
        assert chunks == [b"abc", b"def", b"gh"]
        assert r._stream.waits == 1  # type: ignore[union-attr]
        r = streamed(b"l1\nl2")
        assert [line async for line in r.aiter_lines()] == [b"l1", b"l2"]
        r = streamed(b"all")
        assert await r.acontent() == b"all"
        assert await r.atext() == "all"
        r = streamed(b"0123", truncated())
        with pytest.raises(IncompleteRead):
            async for _ in r.aiter_content():
                pass
        r = streamed(b"z")
        async with r:
            pass
        with pytest.raises(StreamConsumedError):
            await r.acontent()

    asyncio.run(main())


def test_pickling_a_read_response() -> None:
    r = response()
    again = pickle.loads(pickle.dumps(r))
    assert again.content == b"body"
    assert again.headers["content-type"] == "text/plain; charset=utf-8"
    with pytest.raises(TypeError, match="Streaming"):
        pickle.dumps(streamed(b"x"))


def test_response_takes_no_curl_handle() -> None:
    with pytest.raises(TypeError, match="libcurl"):
        Response(curl=object())  # type: ignore[arg-type]
