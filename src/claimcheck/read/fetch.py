"""Web pages given by URL: fetched (bounded concurrency, timeouts, retries with backoff, a
size cap, a content-type check, redirects with a limit) and cached by URL.

:func:`fetch_all` returns, for each URL, either a :class:`Page` (the body bytes and the
charset the server named) or a one-line reason why it could not be read; ``ingest`` turns
the pages into articles with the same HTML reader as saved pages, and the reasons into
Problems (one stderr line per URL).

The cache (``cache_dir()/pages``) holds each page's body and its ``ETag`` /
``Last-Modified``; a later fetch sends ``If-None-Match`` / ``If-Modified-Since`` and a
``304 Not Modified`` answer reuses the cached body. Offline, only the cache is read.
Without ``settings.page_cache`` (``--no-cache``) every page is fetched in full and
nothing is written to the cache (offline, the cache is still read: it is all there is).

A 429 or 503 answer with ``Retry-After`` (seconds or an HTTP date) is tried again after
that long (or the backoff, if longer) when it is at most the timeout; a longer wait is
not made: the URL is reported with the time the server asked for.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import socket
import ssl
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import httpx

    from ..settings import Settings

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: At most this many redirects; a URL reached twice is a loop.
MAX_REDIRECTS = 10
#: Status codes worth another attempt (besides timeouts and connection errors).
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def is_url(value: object) -> bool:
    """An ``http://`` or ``https://`` address (any other input is a path)."""
    return isinstance(value, str) and value[:8].lower().startswith(("http://", "https://"))


def user_agent() -> str:
    from .. import __version__

    return (f"claimcheck/{__version__} (+claim extraction from news articles; fetches each "
            "page once, honours ETag/Last-Modified)")


_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def url_id(url: str) -> str:
    """A readable, stable source id for a URL: its host (without ``www.`` and the port)
    and path, lower case, runs of other characters as ``-``, a ``.html``/``.htm`` suffix
    dropped (``https://www.example.com/world/2025/busan-summit.html`` →
    ``example.com-world-2025-busan-summit``). A URL with a query string, or whose slug
    had to be shortened, gets 8 hex digits of its SHA-1 appended so ids stay distinct."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = re.sub(r"\.html?$", "", parts.path.lower())
    slug = "-".join(p for p in _SLUG_CHARS.split(path) if p)
    host_slug = ".".join(p for p in (_SLUG_CHARS.sub("-", h).strip("-") for h in host.split("."))
                         if p)
    out = f"{host_slug}-{slug}" if slug else host_slug
    if len(out) > 80 or parts.query or not out:
        digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
        out = f"{out[:80].rstrip('-')}-{digest}".lstrip("-")
    return out


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    body: bytes
    charset: str | None = None
    from_cache: bool = False


class FetchError(Exception):
    """A URL that cannot be read; the message is the cause in a few words."""

    def __init__(self, message: str, retry: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry = retry
        self.retry_after = retry_after  # seconds a 429/503 answer asked to wait


# ------------------------------------------------------------------------------ cache


class PageCache:
    """Fetched pages by URL: ``<sha256>.json`` (headers) beside ``<sha256>.body``;
    a cache that is not ``enabled`` holds nothing and keeps nothing."""

    def __init__(self, root: Path | None = None, enabled: bool = True) -> None:
        from ..settings import cache_dir

        self.root = root or cache_dir() / "pages"
        self.enabled = enabled

    def _stem(self, url: str) -> Path:
        return self.root / hashlib.sha256(url.encode("utf-8")).hexdigest()

    def get(self, url: str) -> tuple[dict[str, Any], bytes] | None:
        if not self.enabled:
            return None
        stem = self._stem(url)
        try:
            meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
            body = stem.with_suffix(".body").read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        return meta, body

    def put(self, url: str, meta: dict[str, Any], body: bytes) -> None:
        if not self.enabled:
            return
        stem = self._stem(url)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            # the body first: a header file always has its body beside it
            _atomic_write(stem.with_suffix(".body"), body)
            _atomic_write(stem.with_suffix(".json"),
                          json.dumps({**meta, "url": url}).encode("utf-8"))
        except OSError as exc:  # a read-only cache only costs a re-download
            log.info("page cache not written for %s: %s", url, exc)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ------------------------------------------------------------------------------ fetching


def fetch_all(urls: Iterable[str], settings: Settings) -> dict[str, Page | str]:
    """Each URL's page, or the reason it could not be read (one line)."""
    unique = list(dict.fromkeys(urls))
    if settings.offline:
        return {url: _offline(url, PageCache()) for url in unique}
    cache = PageCache(enabled=settings.page_cache)
    if not unique:
        return {}
    import httpx

    timeout = httpx.Timeout(settings.fetch_timeout, pool=None)
    with httpx.Client(timeout=timeout, follow_redirects=False,
                      headers={"User-Agent": user_agent()}) as client:

        def one(url: str) -> Page | str:
            try:
                return _fetch(client, url, cache, settings)
            except FetchError as exc:
                return str(exc)

        with ThreadPoolExecutor(max_workers=max(1, settings.fetch_concurrency)) as pool:
            return dict(zip(unique, pool.map(one, unique), strict=True))


def _offline(url: str, cache: PageCache) -> Page | str:
    hit = cache.get(url)
    if hit is None:
        return "not in the page cache (--offline); skipped"
    meta, body = hit
    return Page(url, body, meta.get("charset"), from_cache=True)


def _fetch(client: httpx.Client, url: str, cache: PageCache, settings: Settings) -> Page:
    attempts = max(1, settings.fetch_retries + 1)
    for attempt in range(attempts):
        try:
            return _fetch_once(client, url, cache, settings)
        except FetchError as exc:
            wait = exc.retry_after
            if exc.retry and wait is not None and wait > settings.fetch_timeout:
                raise FetchError(f"{exc}; the server asks to retry after {wait:g}s, longer "
                                 f"than the {settings.fetch_timeout:g}s timeout") from exc
            if not exc.retry or attempt == attempts - 1:
                if exc.retry and attempts > 1:
                    raise FetchError(f"{exc} (after {attempts} attempts)") from exc
                raise
            delay = max(settings.fetch_backoff * 2**attempt, wait or 0.0)
            log.info("%s: %s; retrying in %.1fs", url, exc, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")


def _fetch_once(client: httpx.Client, url: str, cache: PageCache, settings: Settings) -> Page:
    import httpx

    cached = cache.get(url)
    headers: dict[str, str] = {}
    if cached is not None:
        meta = cached[0]
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
    seen = {url}
    current = url
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            with client.stream("GET", current, headers=headers) as response:
                if response.status_code == 304 and cached is not None:
                    meta, body = cached
                    return Page(url, body, meta.get("charset"), from_cache=True)
                if response.status_code in (301, 302, 303, 307, 308):
                    target = str(response.next_request.url) if response.next_request else ""
                    if not target:
                        raise FetchError(f"HTTP {response.status_code} redirect without a "
                                         "Location")
                    if target in seen:
                        raise FetchError(f"redirect loop (back to {target})")
                    seen.add(target)
                    current = target
                    continue
                if response.status_code != 200:
                    reason = response.reason_phrase or ""
                    wait = (retry_after(response.headers.get("retry-after", ""))
                            if response.status_code in (429, 503) else None)
                    raise FetchError(f"HTTP {response.status_code} {reason}".strip(),
                                     retry=response.status_code in RETRY_STATUS,
                                     retry_after=wait)
                charset = _check_type(response.headers.get("content-type", ""))
                body = _read_capped(response, settings.fetch_max_bytes)
                cache.put(url, {
                    "etag": response.headers.get("etag", ""),
                    "last_modified": response.headers.get("last-modified", ""),
                    "charset": charset,
                    "final_url": current,
                }, body)
                return Page(url, body, charset)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException as exc:
        kind = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "reading"
        raise FetchError(f"timed out {kind} (after {settings.fetch_timeout:g}s)",
                         retry=True) from exc
    except httpx.TransportError as exc:
        raise describe_transport_error(exc) from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL ({exc})") from exc


def retry_after(value: str, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or an HTTP date; a
    date in the past is 0), or None when it is missing or unreadable."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def describe_transport_error(exc: BaseException) -> FetchError:
    """A connection-level failure in words: TLS, name resolution, or other (refused,
    reset); only the last is worth retrying."""
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in chain:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    text = " ".join(str(e) for e in chain)
    if any(isinstance(e, ssl.SSLError) for e in chain) or re.search(
            r"\bSSL\b|CERTIFICATE|TLS", text):
        tls = next((e for e in chain if isinstance(e, ssl.SSLError)), exc)
        reason = getattr(tls, "reason", None) or str(tls) or type(tls).__name__
        return FetchError(f"TLS error ({_first_line(str(reason))})")
    if any(isinstance(e, socket.gaierror) for e in chain) or re.search(
            r"Name or service not known|nodename nor servname|getaddrinfo|"
            r"Temporary failure in name resolution", text):
        return FetchError("cannot resolve the host name (DNS)")
    reason = _first_line(str(exc)) or type(exc).__name__
    return FetchError(f"connection failed ({reason})", retry=True)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:200] if text.strip() else ""


def _check_type(content_type: str) -> str | None:
    """The charset a ``Content-Type`` names, or a FetchError when it is not a web page
    (a missing type is let through: the HTML reader then decides)."""
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    if mime and mime not in HTML_TYPES:
        raise FetchError(f"not an HTML page (Content-Type {mime})")
    m = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", params, re.I)
    return m.group(1) if m else None


def _read_capped(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"too big ({int(declared):,} bytes; the limit is {limit:,})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(f"too big (more than {limit:,} bytes; stopped reading)")
        chunks.append(chunk)
    return b"".join(chunks)
