"""List the URLs a built static site serves, the way a web server would answer them.

Usage: ``python tools/hugo_urls.py OUT [--base-url https://example.org/]``

Each file of the output folder ``OUT`` is one URL (``a/b/index.html`` answers ``/a/b/``,
every other file its own path) of one kind:

* ``page``: an HTML page;
* ``redirect``: an HTML file with a ``<meta http-equiv="refresh">`` (Hugo's alias and
  ``page/1/`` files, sphinx-mmark's redirect pages), with the site path it sends to;
* ``feed``: an RSS document (root ``<rss>``), with the site paths of its item links;
* ``xml``: another XML document (a sitemap: the site paths of its ``<loc>`` entries);
* ``file``: anything else (images, ``robots.txt``).

Links are turned into site paths (``/posts/a/``): an absolute link must lie under the
base URL, a relative one is resolved against the URL of the file holding it; percent
escapes are decoded and ``#`` is kept as part of the path. Hidden files and folders
(``.doctrees``) are not served.

The module uses the standard library only, so the tests can load it by path.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

REFRESH = "refresh"


@dataclass(frozen=True)
class Served:
    """What one URL answers: its kind and, by kind, where it leads or what it lists."""

    kind: str
    """``page``, ``redirect``, ``feed``, ``xml`` or ``file``."""
    target: str = ""
    """For a redirect: the site path it sends to."""
    items: frozenset[str] = frozenset()
    """For a feed: the site paths of its items; for a sitemap: of its ``<loc>`` entries."""


class _Refresh(HTMLParser):
    """Finds the target of the first ``<meta http-equiv="refresh">`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.target: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag != "meta" or self.target is not None:
            return
        if values.get("http-equiv", "").lower() != REFRESH:
            return
        _, _, url = values.get("content", "").partition(";")
        self.target = url.strip().removeprefix("url=").removeprefix("URL=").strip("'\"")


def url_of(relative: str) -> str:
    """The URL path that answers with the output file at ``relative`` (``a/index.html``)."""
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


def site_path(link: str, at: str, base_url: str) -> str:
    """The site path of ``link`` found in the file answering ``at``; ``!`` + link if outside.

    A ``#`` is part of the path, not a fragment: Hugo keeps it in slugs and writes it
    unescaped in links and feeds (``/2020/07/c#-and-c-in-2020/``).
    """
    literal = link.strip().replace("#", "%23")
    absolute = urljoin(urljoin(base_url, at.lstrip("/").replace("#", "%23")), literal)
    if not absolute.startswith(base_url):
        return "!" + link
    return "/" + unquote(urlsplit(absolute).path[len(urlsplit(base_url).path) :])


def _links(root: ET.Element, tag: str) -> list[str]:
    """The texts of every element named ``tag`` (any namespace) below ``root``."""
    return [el.text or "" for el in root.iter() if el.tag.rpartition("}")[2] == tag]


def classify(path: Path, url: str, base_url: str) -> Served:
    """What the file at ``path``, served at ``url``, answers."""
    if path.suffix == ".html":
        finder = _Refresh()
        finder.feed(path.read_text(encoding="utf-8", errors="replace"))
        if finder.target is None:
            return Served("page")
        return Served("redirect", target=site_path(finder.target, url, base_url))
    if path.suffix == ".xml":
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            return Served("file")
        if root.tag == "rss":
            items = root.findall("./channel/item/link")
            links = [item.text or "" for item in items]
            return Served("feed", items=frozenset(site_path(x, url, base_url) for x in links))
        locs = _links(root, "loc")
        return Served("xml", items=frozenset(site_path(x, url, base_url) for x in locs))
    return Served("file")


def list_urls(out: Path, base_url: str = "https://example.org/") -> dict[str, Served]:
    """Every URL the output folder ``out`` serves, with what it answers."""
    served: dict[str, Served] = {}
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in relative.split("/")):
            continue
        url = url_of(relative)
        served[url] = classify(path, url, base_url)
    return served


def main(argv: list[str] | None = None) -> int:
    """Print the URLs of an output folder, one a line: ``kind URL [-> target | (n items)]``."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("out", type=Path)
    args.add_argument("--base-url", default="https://example.org/")
    options = args.parse_args(argv)
    for url, served in list_urls(options.out, options.base_url).items():
        extra = f" -> {served.target}" if served.kind == "redirect" else ""
        extra += f" ({len(served.items)} items)" if served.kind in ("feed", "xml") else ""
        print(f"{served.kind:8} {url}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
