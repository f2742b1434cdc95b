"""One small adapter per client library.

Importing this module imports no client library (``run.py`` reads :data:`CLIENTS` with the
system Python); each factory imports its library when a cell calls it, so a library that does
not import makes that cell "unavailable" and nothing else.

A sync adapter has ``get(url) -> (status, body)``, ``stream(url, feed) -> status`` (iterates the
library's own streaming API, handing every chunk to ``feed``), ``version(url)`` (the HTTP version
the library reports, or None) and ``close()``. An async adapter has the same as coroutines.
Every adapter verifies TLS against the bench's CA file (``ca``): none skips certificate checks.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from typing import Callable, Optional

# Generous timeouts so a slow (but correct) 1 GiB stream is measured rather than cut: curl_cffi's
# default is 30 s for the whole transfer.
TIMEOUT = 900.0
# Chunk size for APIs that insist on one (requests' default for iter_content is 1 byte).
CHUNK = 64 * 1024


@dataclass
class Client:
    name: str
    label: str
    module: str  # imported to tell the library's version
    make_sync: Optional[Callable] = None
    make_async: Optional[Callable] = None
    notes: list = field(default_factory=list)
    mummer: bool = False
    baseline: bool = False
    default: bool = True


def _ssl_context(ca: str) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca)


# --- curl_cffi and mummer.requests (the same API: mummer is a drop-in) -----------------------


class _CurlLikeSync:
    def __init__(self, mod, ca: str, impersonate: Optional[str]) -> None:
        kwargs = dict(verify=ca, timeout=TIMEOUT)
        if impersonate:
            kwargs["impersonate"] = impersonate
        self.s = mod.Session(**kwargs)

    def get(self, url):
        r = self.s.get(url)
        return r.status_code, r.content

    def version(self, url):
        return str(self.s.get(url).http_version)

    def stream(self, url, feed):
        r = self.s.get(url, stream=True)
        try:
            for chunk in r.iter_content():
                feed(chunk)
            return r.status_code
        finally:
            r.close()

    def close(self):
        self.s.close()


class _CurlLikeAsync:
    def __init__(self, mod, ca: str, impersonate: Optional[str], concurrency: int) -> None:
        kwargs = dict(verify=ca, timeout=TIMEOUT, max_clients=concurrency)
        if impersonate:
            kwargs["impersonate"] = impersonate
        self.s = mod.AsyncSession(**kwargs)

    async def get(self, url):
        r = await self.s.get(url)
        return r.status_code, r.content

    async def version(self, url):
        return str((await self.s.get(url)).http_version)

    async def stream(self, url, feed):
        r = await self.s.get(url, stream=True)
        try:
            async for chunk in r.aiter_content():
                feed(chunk)
            return r.status_code
        finally:
            await r.aclose()

    async def close(self):
        await self.s.close()


def _curl_cffi():
    import curl_cffi.requests as mod

    return mod


def _mummer():
    import mummer.requests as mod

    return mod


# --- primp ----------------------------------------------------------------------------------


class _PrimpSync:
    def __init__(self, ca: str) -> None:
        import primp

        self.c = primp.Client(impersonate="chrome", ca_cert_file=ca, timeout=TIMEOUT)

    def get(self, url):
        r = self.c.get(url)
        return r.status_code, r.content

    def version(self, url):
        self.c.get(url).content
        return None  # primp's Response does not tell (nginx's probe log does)

    def stream(self, url, feed):
        r = self.c.get(url, stream=True)
        try:
            for chunk in r.iter_bytes():
                feed(chunk)
            return r.status_code
        finally:
            r.close()

    def close(self):
        pass


class _PrimpAsync:
    def __init__(self, ca: str, concurrency: int) -> None:
        import primp

        self.c = primp.AsyncClient(impersonate="chrome", ca_cert_file=ca, timeout=TIMEOUT)

    async def get(self, url):
        r = await self.c.get(url)
        return r.status_code, r.content

    async def version(self, url):
        (await self.c.get(url)).content
        return None

    async def stream(self, url, feed):
        r = await self.c.get(url, stream=True)
        try:
            async for chunk in r.aiter_bytes():
                feed(chunk)
            return r.status_code
        finally:
            await r.aclose()

    async def close(self):
        pass


# --- rnet (2.x) and wreq (its successor, 0.x) -------------------------------------------------


def _latest_chrome(enum) -> object:
    names = [n for n in dir(enum) if n.startswith("Chrome") and n[6:].isdigit()]
    return getattr(enum, max(names, key=lambda n: int(n[6:])))


class _RnetSync:
    def __init__(self, ca: str) -> None:
        import pathlib

        import rnet

        self.c = rnet.BlockingClient(
            impersonate=_latest_chrome(rnet.Impersonate), verify=pathlib.Path(ca)
        )

    def get(self, url):
        r = self.c.get(url)
        return r.status, r.bytes()

    def version(self, url):
        return str(self.c.get(url).version)

    def stream(self, url, feed):
        r = self.c.get(url)
        with r.stream() as s:
            for chunk in s:
                feed(chunk)
        return r.status

    def close(self):
        pass


class _RnetAsync:
    def __init__(self, ca: str, concurrency: int) -> None:
        import pathlib

        import rnet

        self.c = rnet.Client(impersonate=_latest_chrome(rnet.Impersonate), verify=pathlib.Path(ca))

    async def get(self, url):
        r = await self.c.get(url)
        return r.status, await r.bytes()

    async def version(self, url):
        return str((await self.c.get(url)).version)

    async def stream(self, url, feed):
        r = await self.c.get(url)
        async with r.stream() as s:
            async for chunk in s:
                feed(chunk)
        return r.status

    async def close(self):
        pass


class _WreqSync:
    def __init__(self, ca: str) -> None:
        import pathlib

        import wreq
        import wreq.blocking

        self.c = wreq.blocking.Client(
            emulation=_latest_chrome(wreq.Emulation), tls_verify=pathlib.Path(ca)
        )

    def get(self, url):
        r = self.c.get(url)
        return r.status.as_int(), r.bytes()  # a memoryview: compared without a copy

    def version(self, url):
        with self.c.get(url) as r:
            return str(r.version)

    def stream(self, url, feed):
        with self.c.get(url) as r:
            with r.stream() as s:
                for chunk in s:
                    if type(chunk) is memoryview:  # else HTTP trailers (nginx sends none)
                        feed(chunk)
            return r.status.as_int()

    def close(self):
        self.c.close()


class _WreqAsync:
    def __init__(self, ca: str, concurrency: int) -> None:
        import pathlib

        import wreq

        self.c = wreq.Client(emulation=_latest_chrome(wreq.Emulation), tls_verify=pathlib.Path(ca))

    async def get(self, url):
        async with self.c.get(url) as r:
            return r.status.as_int(), await r.bytes()

    async def version(self, url):
        async with self.c.get(url) as r:
            return str(r.version)

    async def stream(self, url, feed):
        async with self.c.get(url) as r:
            async with r.stream() as s:
                async for chunk in s:
                    if type(chunk) is memoryview:
                        feed(chunk)
            return r.status.as_int()

    async def close(self):
        self.c.close()


# --- httpx ----------------------------------------------------------------------------------


class _HttpxSync:
    def __init__(self, ca: str) -> None:
        import httpx

        self.c = httpx.Client(http2=True, verify=_ssl_context(ca), timeout=TIMEOUT)

    def get(self, url):
        r = self.c.get(url)
        return r.status_code, r.content

    def version(self, url):
        return self.c.get(url).http_version

    def stream(self, url, feed):
        with self.c.stream("GET", url) as r:
            for chunk in r.iter_bytes():
                feed(chunk)
            return r.status_code

    def close(self):
        self.c.close()


class _HttpxAsync:
    def __init__(self, ca: str, concurrency: int) -> None:
        import httpx

        self.c = httpx.AsyncClient(
            http2=True,
            verify=_ssl_context(ca),
            timeout=TIMEOUT,
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        )

    async def get(self, url):
        r = await self.c.get(url)
        return r.status_code, r.content

    async def version(self, url):
        return (await self.c.get(url)).http_version

    async def stream(self, url, feed):
        async with self.c.stream("GET", url) as r:
            async for chunk in r.aiter_bytes():
                feed(chunk)
            return r.status_code

    async def close(self):
        await self.c.aclose()


# --- aiohttp (async only, HTTP/1.1 only) ------------------------------------------------------


class _AiohttpAsync:
    def __init__(self, ca: str, concurrency: int) -> None:
        import aiohttp

        self.aiohttp = aiohttp
        self.connector = aiohttp.TCPConnector(limit=concurrency, ssl=_ssl_context(ca))
        self.s = None

    def _session(self):
        # aiohttp wants its session made inside the running loop.
        if self.s is None:
            self.s = self.aiohttp.ClientSession(
                connector=self.connector, timeout=self.aiohttp.ClientTimeout(total=TIMEOUT)
            )
        return self.s

    async def get(self, url):
        async with self._session().get(url) as r:
            return r.status, await r.read()

    async def version(self, url):
        async with self._session().get(url) as r:
            await r.read()
            return f"HTTP/{r.version.major}.{r.version.minor}"

    async def stream(self, url, feed):
        async with self._session().get(url) as r:
            async for chunk in r.content.iter_any():
                feed(chunk)
            return r.status

    async def close(self):
        if self.s is not None:
            await self.s.close()


# --- requests (sync only, HTTP/1.1 only) ------------------------------------------------------


class _RequestsSync:
    def __init__(self, ca: str) -> None:
        import requests

        self.s = requests.Session()
        # Passed per request too: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a
        # session's verify (run.py also clears those variables for the cells).
        self.s.verify = self.ca = ca

    def get(self, url):
        r = self.s.get(url, timeout=TIMEOUT, verify=self.ca)
        return r.status_code, r.content

    def version(self, url):
        r = self.s.get(url, timeout=TIMEOUT, verify=self.ca)
        return {10: "HTTP/1.0", 11: "HTTP/1.1"}.get(r.raw.version, str(r.raw.version))

    def stream(self, url, feed):
        with self.s.get(url, stream=True, timeout=TIMEOUT, verify=self.ca) as r:
            for chunk in r.iter_content(chunk_size=CHUNK):
                feed(chunk)
            return r.status_code

    def close(self):
        self.s.close()


CLIENTS: dict[str, Client] = {
    c.name: c
    for c in [
        Client(
            "mummer-chrome",
            "mummer (chrome)",
            "mummer",
            make_sync=lambda ca: _CurlLikeSync(_mummer(), ca, "chrome"),
            make_async=lambda ca, k: _CurlLikeAsync(_mummer(), ca, "chrome", k),
            mummer=True,
            notes=["mummer.requests Session/AsyncSession(impersonate=\"chrome\"), iter_content/aiter_content"],
        ),
        Client(
            "mummer",
            "mummer (plain)",
            "mummer",
            make_sync=lambda ca: _CurlLikeSync(_mummer(), ca, None),
            make_async=lambda ca, k: _CurlLikeAsync(_mummer(), ca, None, k),
            mummer=True,
            notes=["mummer.requests without impersonate"],
        ),
        Client(
            "curl_cffi-chrome",
            "curl_cffi (chrome)",
            "curl_cffi",
            make_sync=lambda ca: _CurlLikeSync(_curl_cffi(), ca, "chrome"),
            make_async=lambda ca, k: _CurlLikeAsync(_curl_cffi(), ca, "chrome", k),
            baseline=True,
            notes=["the baseline of every ratio; AsyncSession(max_clients=concurrency)"],
        ),
        Client(
            "curl_cffi",
            "curl_cffi (plain)",
            "curl_cffi",
            make_sync=lambda ca: _CurlLikeSync(_curl_cffi(), ca, None),
            make_async=lambda ca, k: _CurlLikeAsync(_curl_cffi(), ca, None, k),
            default=False,
            notes=["curl_cffi without impersonate (not run unless asked for)"],
        ),
        Client(
            "primp",
            "primp (chrome)",
            "primp",
            make_sync=_PrimpSync,
            make_async=_PrimpAsync,
            notes=["Client/AsyncClient(impersonate=\"chrome\", ca_cert_file=CA); iter_bytes/aiter_bytes"],
        ),
        Client(
            "rnet",
            "rnet (chrome)",
            "rnet",
            make_sync=_RnetSync,
            make_async=_RnetAsync,
            notes=["BlockingClient/Client(impersonate=<latest Chrome>, verify=Path(CA)); stream()"],
        ),
        Client(
            "wreq",
            "wreq (chrome)",
            "wreq",
            make_sync=_WreqSync,
            make_async=_WreqAsync,
            notes=["rnet's successor; blocking.Client/Client(emulation=<latest Chrome>, tls_verify=Path(CA)); bodies are memoryviews"],
        ),
        Client(
            "httpx",
            "httpx (http2)",
            "httpx",
            make_sync=_HttpxSync,
            make_async=_HttpxAsync,
            notes=["Client/AsyncClient(http2=True, verify=SSLContext(CA)); iter_bytes/aiter_bytes"],
        ),
        Client(
            "aiohttp",
            "aiohttp",
            "aiohttp",
            make_async=_AiohttpAsync,
            notes=["async only, HTTP/1.1 only (no HTTP/2); TCPConnector(limit=concurrency); content.iter_any()"],
        ),
        Client(
            "requests",
            "requests",
            "requests",
            make_sync=_RequestsSync,
            notes=[f"sync only, HTTP/1.1 only; iter_content(chunk_size={CHUNK})"],
        ),
    ]
}
