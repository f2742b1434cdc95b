"""mummer's Python API, the way curl_cffi code uses it, fully typed.

Run it against a server of your own (it makes real requests):

    python examples/python/typed_example.py https://localhost:8443/

and check its types with ``mypy --strict examples/python/typed_example.py`` (from the
repository root; pyproject.toml points mypy at python/).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator

import mummer
from mummer import requests
from mummer.requests import (
    AsyncSession,
    BrowserType,
    Cookies,
    ExtraFingerprints,
    Headers,
    Response,
    RetryStrategy,
    Session,
    exceptions,
)
from mummer.requests.exceptions import HTTPError, IncompleteRead, RequestException, Timeout


def one_shot(url: str) -> None:
    r: Response = requests.get(url, impersonate="chrome", timeout=10)
    print(r.status_code, r.reason, r.http_version, r.headers.get("content-type"))
    print(f"{len(r.content)} bytes in {r.elapsed.total_seconds():.3f}s via {r.primary_ip}")


def session(url: str) -> None:
    headers = Headers({"Accept-Language": "en-GB"})
    with Session(
        impersonate=BrowserType.firefox,
        headers=headers,
        cookies={"theme": "dark"},
        retry=RetryStrategy(count=2, delay=0.2, backoff="exponential"),
        timeout=(3.0, 10.0),
    ) as s:
        r = s.get(url, params={"q": "mummer"}, allow_redirects="safe")
        for hop in r.history:
            print("redirected:", hop.status_code, hop.url)
        s.cookies.set("seen", "1", domain=".example.com")
        jar: Cookies = s.cookies
        print(jar.get_dict(), r.cookies.get_dict())

        r = s.post(url, json={"hello": "world"}, extra_fp=ExtraFingerprints(tls_grease=True))
        data: object = r.json() if "json" in r.headers.get("content-type", "") else r.text
        print(type(data).__name__)

        # A body read as it arrives; a cut body raises from the loop, never ends short.
        with s.stream("GET", url) as streamed:
            total = 0
            try:
                for chunk in streamed.iter_content(chunk_size=64 * 1024):
                    total += len(chunk)
            except IncompleteRead as e:
                print(f"cut after {total} bytes: {e} (curl code {e.code})")
        for line in s.get(url).iter_lines(decode_unicode=True):
            print(line[:60])
            break


def errors(url: str) -> None:
    try:
        r = requests.get(url, timeout=0.5)
        r.raise_for_status()
    except HTTPError as e:
        status = e.response.status_code if e.response is not None else None
        print("refused status", status)
    except Timeout as e:
        print("too slow:", e)
    except exceptions.ConnectionError as e:
        print("no connection:", e, e.code)
    except RequestException as e:
        print("failed:", type(e).__name__, e)
    except mummer.CurlError as e:
        print("other mummer error:", e.code)


async def upload_body() -> AsyncIterator[bytes]:
    for i in range(3):
        yield f"part {i}\n".encode()


async def concurrently(url: str) -> None:
    async with AsyncSession(impersonate="chrome", max_clients=4) as s:
        responses = await asyncio.gather(*(s.get(url) for _ in range(8)))
        print([r.status_code for r in responses])
        r = await s.put(url, content=upload_body())
        print("uploaded", r.upload_size, "bytes")
        async with s.stream("GET", url) as streamed:
            async for text in streamed.aiter_content(decode_unicode=True):
                print(len(text))
        body: bytes = await (await s.get(url, stream=True)).acontent()
        print(len(body))


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else "https://localhost:8443/"
    one_shot(url)
    session(url)
    errors(url)
    asyncio.run(concurrently(url))


if __name__ == "__main__":
    main()
