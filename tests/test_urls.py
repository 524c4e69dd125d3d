"""Web pages given by URL, against a local HTTP server on 127.0.0.1 that the tests start
and stop (no test touches the internet): fetching, the page cache (ETag/304, --offline),
--urls FILE, and one stderr line per failure (404, 5xx, timeout, too big, not HTML,
redirect loop, TLS, connection refused), the other inputs going on."""

from __future__ import annotations

import contextlib
import importlib.util
import socket
import ssl
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.read.fetch import describe_transport_error, url_id, user_agent
from claimcheck.read.ingest import load_articles
from claimcheck.settings import Settings
from conftest import ROOT, SOURCES

runner = CliRunner()


def _page() -> str:
    spec = importlib.util.spec_from_file_location(
        "make_html_fixtures", ROOT / "scripts" / "make_html_fixtures.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    text = (SOURCES / "busan-summit-breakthrough.txt").read_text(encoding="utf-8")
    return mod.make_page(text, "The Busan Ledger", "2025-10-30")


PAGE = _page()


class Handler(BaseHTTPRequestHandler):
    hits: Counter[str] = Counter()
    conditional: list[str] = []
    agents: list[str] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        cls = type(self)
        cls.hits[self.path] += 1
        cls.agents.append(self.headers.get("User-Agent", ""))
        body = PAGE.encode("utf-8")
        if self.path in ("/news/busan-summit.html", "/news/busan-summit"):
            self._send(200, body)
        elif self.path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                cls.conditional.append(self.headers["If-None-Match"])
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
            else:
                self._send(200, body, headers={"ETag": '"v1"'})
        elif self.path == "/missing":
            self._send(404, b"<html><body>Not found</body></html>")
        elif self.path == "/flaky":
            if cls.hits[self.path] == 1:
                self._send(500, b"oops", "text/plain")
            else:
                self._send(200, body)
        elif self.path == "/down":
            self._send(503, b"down", "text/plain")
        elif self.path == "/slow":
            time.sleep(3.0)
            self._send(200, body)
        elif self.path == "/big":
            self._send(200, b"<html><body>" + b"x" * 6_000_000 + b"</body></html>")
        elif self.path == "/big-chunked":
            # no Content-Length: the cap must stop reading the stream itself
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(70):
                self.wfile.write(b"<p>" + b"y" * 100_000 + b"</p>")
            self.close_connection = True
        elif self.path == "/pdf":
            self._send(200, b"%PDF-1.7 ...", "application/pdf")
        elif self.path in ("/loop-a", "/loop-b"):
            self.send_response(302)
            self.send_header("Location", "/loop-b" if self.path == "/loop-a" else "/loop-a")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/news/busan-summit.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"no")


@contextlib.contextmanager
def _serving(handler):
    """A threaded HTTP server of ``handler`` on 127.0.0.1, yielding its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    Handler.hits = Counter()
    Handler.conditional = []
    Handler.agents = []
    with _serving(Handler) as url:
        yield url


FAST = Settings(model="rules", fetch_timeout=1.5, fetch_retries=2, fetch_backoff=0.05)


def _load(urls, settings=FAST):
    return load_articles(urls, settings)


def test_url_page_reads_like_the_saved_page(server, tmp_path):
    url = f"{server}/news/busan-summit.html"
    saved = tmp_path / "busan-summit.html"
    saved.write_text(PAGE, encoding="utf-8")
    (from_url,), problems = _load([url])
    (from_file,), _ = _load([saved])
    assert problems == []
    assert from_url.text == from_file.text
    assert (from_url.title, from_url.published, from_url.outlet) == (
        from_file.title, from_file.published, from_file.outlet)
    assert from_url.outlet == "The Busan Ledger"
    assert str(from_url.published) == "2025-10-30"
    assert from_url.url == url
    assert from_url.id == "127.0.0.1-news-busan-summit"
    assert Handler.agents[0] == user_agent() and user_agent().startswith("claimcheck/")


def test_url_ids_are_readable_and_stable():
    assert url_id("https://www.example.com/world/2025/busan-summit.html") == (
        "example.com-world-2025-busan-summit")
    assert url_id("https://example.com/") == "example.com"
    with_query = url_id("https://example.com/story?id=7")
    assert with_query.startswith("example.com-story-") and with_query != url_id(
        "https://example.com/story?id=8")
    long = url_id("https://example.com/" + "a-very-long-headline-" * 10)
    assert len(long) <= 89 and long == url_id("https://example.com/" + "a-very-long-headline-" * 10)


def test_redirect_is_followed_and_keeps_the_given_url(server):
    (art,), problems = _load([f"{server}/moved"])
    assert problems == [] and art.url == f"{server}/moved"


def test_retry_after_a_500(server):
    (art,), problems = _load([f"{server}/flaky"])
    assert problems == [] and Handler.hits["/flaky"] == 2


@pytest.mark.parametrize(("path", "cause"), [
    ("/missing", "HTTP 404 Not Found"),
    ("/down", "HTTP 503 Service Unavailable (after 3 attempts)"),
    ("/slow", "timed out reading (after 1.5s) (after 3 attempts)"),
    ("/big", "too big (6,000,026 bytes; the limit is 5,000,000)"),
    ("/big-chunked", "too big (more than 5,000,000 bytes; stopped reading)"),
    ("/pdf", "not an HTML page (Content-Type application/pdf)"),
    ("/loop-a", "redirect loop"),
])
def test_each_failure_is_one_problem_naming_the_url(server, path, cause):
    url = f"{server}{path}"
    good = f"{server}/news/busan-summit.html"
    articles, problems = _load([url, good])
    assert [a.url for a in articles] == [good]  # the other input goes on
    assert len(problems) == 1
    assert problems[0].path == url
    assert problems[0].message.startswith(cause)
    if path == "/down":
        assert Handler.hits[path] == 3


def test_tls_error_is_named(server):
    # https:// to a plain-HTTP server: the TLS handshake fails, no certificate needed
    url = server.replace("http://", "https://") + "/news/busan-summit.html"
    _, (problem,) = _load([url])
    assert problem.path == url and problem.message.startswith("TLS error")


def test_tls_and_dns_errors_are_mapped_without_a_retry():
    err = httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    err.__cause__ = ssl.SSLCertVerificationError(1, "certificate verify failed")
    tls = describe_transport_error(err)
    assert str(tls).startswith("TLS error") and not tls.retry
    dns = httpx.ConnectError("[Errno -2] Name or service not known")
    dns.__cause__ = socket.gaierror(-2, "Name or service not known")
    mapped = describe_transport_error(dns)
    assert str(mapped) == "cannot resolve the host name (DNS)" and not mapped.retry
    refused = describe_transport_error(httpx.ConnectError("[Errno 111] Connection refused"))
    assert str(refused).startswith("connection failed") and refused.retry


def test_connection_refused_is_named():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/gone"
    _, (problem,) = _load([url])
    assert problem.path == url and problem.message.startswith("connection failed")


def test_etag_revalidation_uses_the_cached_body(server):
    url = f"{server}/etag"
    (first,), _ = _load([url])
    (second,), problems = _load([url])
    assert problems == [] and second.text == first.text
    assert Handler.conditional == ['"v1"']  # the second request asked If-None-Match


def test_offline_reads_the_cache_only(server):
    url = f"{server}/news/busan-summit.html"
    (online,), _ = _load([url])
    hits = sum(Handler.hits.values())
    offline = Settings(model="rules", offline=True)
    (cached,), problems = _load([url], offline)
    assert problems == [] and cached.text == online.text
    assert sum(Handler.hits.values()) == hits  # nothing fetched
    _, (problem,) = _load([f"{server}/never-fetched"], offline)
    assert "not in the page cache" in problem.message


def test_cli_urls_file_and_exit_status(server, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# today's pages\n\n{server}/news/busan-summit.html\n"
                       f"{server}/missing\n", encoding="utf-8")
    out = tmp_path / "claims.csv"
    r = runner.invoke(app, ["extract", "--urls", str(listing), "--model", "rules",
                            "--retries", "0", "--timeout", "2", "-o", str(out)])
    assert r.exit_code == 3, r.output
    skipped = [line for line in r.stderr.splitlines() if line.startswith("Skipped")]
    assert skipped == [f"Skipped {server}/missing: HTTP 404 Not Found"]
    assert "Traceback" not in r.output
    assert "127.0.0.1-news-busan-summit" in out.read_text(encoding="utf-8")
    # the same page again, offline, as a PATH argument
    again = runner.invoke(app, ["extract", f"{server}/news/busan-summit.html", "--offline",
                                "--model", "rules", "-q"])
    assert again.exit_code == 0, again.output
    assert "127.0.0.1-news-busan-summit" in again.stdout


def test_cli_urls_file_rejects_a_line_that_is_not_a_url(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("data/sources\n", encoding="utf-8")
    r = runner.invoke(app, ["extract", "--urls", str(listing), "--model", "rules"])
    assert r.exit_code == 2 and "not an http(s) URL" in r.output


def test_cli_conflicts_and_report_take_urls(server, tmp_path):
    url = f"{server}/news/busan-summit.html"
    c = runner.invoke(app, ["conflicts", url, str(SOURCES / "xi-gained-upper-hand.txt"),
                            "--model", "rules", "-q"])
    assert c.exit_code == 0, c.output
    out = tmp_path / "report.html"
    r = runner.invoke(app, ["report", url, "--model", "rules", "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "127.0.0.1-news-busan-summit" in out.read_text(encoding="utf-8")


def test_a_url_given_twice_is_fetched_once_and_named_as_a_duplicate(server):
    url = f"{server}/news/busan-summit.html"
    articles, (problem,) = _load([url, url])
    assert len(articles) == 1 and Handler.hits["/news/busan-summit.html"] == 1
    assert problem.path == url and f"also in {url}" in problem.message


def test_a_duplicate_id_is_worded_for_urls(server, tmp_path):
    url = f"{server}/news/busan-summit.html"
    _, (twice,) = _load([url, url])
    assert twice.message.endswith("the same URL was given twice")
    _, (two,) = _load([url, f"{server}/news/busan-summit"])  # one id for both addresses
    assert "two URLs give this id" in two.message and "files" not in two.message
    saved = tmp_path / "127.0.0.1-news-busan-summit.txt"
    saved.write_text("The storm killed 37 people on Friday.", encoding="utf-8")
    _, (mixed,) = _load([url, str(saved)])
    assert mixed.message.endswith("a URL and a file give this id; rename the file")
    other = tmp_path / "again" / saved.name
    other.parent.mkdir()
    other.write_text("The storm killed 41 people on Friday.", encoding="utf-8")
    _, (files,) = _load([str(saved), str(other)])
    assert files.message.endswith("rename one of the files")


class Limited(BaseHTTPRequestHandler):
    """429 with a Retry-After (seconds, an HTTP date, or too long), then the page."""

    hits: Counter[str] = Counter()
    times: list[float] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        cls = type(self)
        cls.hits[self.path] += 1
        cls.times.append(time.monotonic())
        if cls.hits[self.path] == 1 and self.path != "/ok":
            from email.utils import formatdate

            after = {"/seconds": "1", "/date": formatdate(time.time() + 2, usegmt=True),
                     "/long": "3600", "/busy": "1"}[self.path]
            self.send_response(503 if self.path == "/busy" else 429)
            self.send_header("Retry-After", after)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = PAGE.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def limited(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    Limited.hits = Counter()
    Limited.times = []
    with _serving(Limited) as url:
        yield url


@pytest.mark.parametrize("path", ["/seconds", "/date", "/busy"])
def test_retry_after_is_waited_for(limited, path):
    settings = Settings(model="rules", fetch_timeout=5, fetch_retries=1, fetch_backoff=0.01)
    (article,), problems = _load([limited + path], settings)
    assert problems == [] and Limited.hits[path] == 2
    # waited for the server (the backoff alone is 0.01 s; an HTTP date has whole seconds,
    # so one 2 s ahead asks for at least 1 s)
    assert Limited.times[1] - Limited.times[0] >= (0.9 if path != "/date" else 0.5)


def test_a_retry_after_longer_than_the_timeout_is_not_waited_for(limited):
    settings = Settings(model="rules", fetch_timeout=2, fetch_retries=2, fetch_backoff=0.01)
    _, (problem,) = _load([limited + "/long"], settings)
    assert Limited.hits["/long"] == 1
    assert problem.message == ("HTTP 429 Too Many Requests; the server asks to retry after "
                               "3600s, longer than the 2s timeout")


def test_retry_after_values():
    from email.utils import formatdate

    from claimcheck.read.fetch import retry_after

    assert retry_after("120") == 120.0
    assert retry_after("") is None and retry_after("soon") is None
    assert retry_after(formatdate(1000.0, usegmt=True), now=990.0) == 10.0
    assert retry_after(formatdate(1000.0, usegmt=True), now=2000.0) == 0.0


def test_no_cache_neither_reads_nor_writes_the_page_cache(server, tmp_path, monkeypatch):
    from claimcheck.read.fetch import PageCache

    url = f"{server}/etag"
    uncached = Settings(model="rules", fetch_timeout=2, page_cache=False)
    (first,), _ = _load([url], uncached)
    assert PageCache().get(url) is None  # nothing written
    _load([url])  # cached now
    assert PageCache().get(url) is not None
    (again,), problems = _load([url], uncached)
    assert problems == [] and again.text == first.text
    assert Handler.conditional == []  # never revalidated: fetched in full
    assert Handler.hits["/etag"] == 3
    # the CLI's --no-cache is that setting; --offline still reads the cache
    r = runner.invoke(app, ["extract", url, "--model", "rules", "--no-cache", "-q",
                            "-o", str(tmp_path / "claims.csv")])
    assert r.exit_code == 0, r.output
    assert Handler.hits["/etag"] == 4 and Handler.conditional == []
    r = runner.invoke(app, ["extract", url, "--model", "rules", "--no-cache", "--offline",
                            "-q", "-o", str(tmp_path / "claims2.csv")])
    assert r.exit_code == 0, r.output
    assert Handler.hits["/etag"] == 4
