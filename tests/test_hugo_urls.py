"""URL fidelity: every URL the example Hugo site served still answers after the move.

:data:`SERVED` is the full list of URLs that ``examples/hugo-site`` serves under Hugo,
written by hand from Hugo's documented rules (URL management, aliases, pagination,
taxonomies, RSS templates, sitemap, robots.txt):

* regular pages at their permalink: the file path, ``slug`` (last segment), or the
  ``permalinks`` pattern of their section (``notes = "/:year/:month/:slug/"``, where
  ``:slug`` falls back to the title, passed through ``urlize``, which keeps ``#``);
* ``aliases`` are redirects; a relative alias is resolved beside the page (against the
  folder holding the page's own URL: ``toolbox`` on ``/2020/07/my-tools/`` is
  ``/2020/07/toolbox/``);
* lists with ``paginate = 2``: the home paginates every regular page, a section (with
  or without ``_index.md``) the regular pages below it, a term its pages; ``page/N/``
  for N >= 2 are pages and ``page/1/`` redirects to the list; a taxonomy list
  (``/tags/``) is not paginated;
* an RSS feed ``index.xml`` beside the home, each section, taxonomy and term: the
  home's items are all regular pages, a section's its pages, a taxonomy's its terms;
* ``sitemap.xml`` (every page and list, no ``page/N``, no redirect, no 404),
  ``robots.txt`` (``enableRobotsTXT``), ``404.html``, the page-bundle image and
  ``static/`` files.

Left out: the draft, the future and the expired posts, and the draft whose YAML front
matter is broken (Hugo stops the build on it; ``tests/hugo_oracle.py`` removes it from
the copy Hugo builds).

Three checks: the list is what the real ``hugo`` serves (skipped without ``hugo``);
every URL of the list answers the same way in the sphinx-mmark build of the site; and
no URL Hugo serves is missing from that build, with Hugo's feed items.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from sphinx_mmark.cli import main

from .hugo_oracle import (
    HUGO,
    REPO,
    Served,
    convert_site,
    hugo_urls,
    hugo_urls_tool,
    list_urls,
    run_hugo,
)

EXAMPLE = REPO / "examples" / "hugo-site"
BASE_URL = "https://example.org/"
NO_HUGO = "hugo is not installed (apt-get install hugo): the real Hugo is the oracle here"

PAGE = Served("page")
FILE = Served("file")


def redirect(target: str) -> Any:
    """A meta-refresh to the site path ``target``."""
    return Served("redirect", target=target)


def feed(*items: str) -> Any:
    """An RSS 2.0 feed whose items link to the site paths ``items``."""
    return Served("feed", items=frozenset(items))


ABOUT = "/about/"
INSTALL, CONFIGURE = "/docs/install/", "/docs/configure/"
TOOLS, CSHARP = "/2020/07/my-tools/", "/2020/09/c#-and-c-in-2020/"
GRINDING, MOUNT = "/posts/grinding-the-mirror/", "/posts/testing-the-mount/"
FIRST, SECOND = "/posts/first-light/", "/posts/night-two/"
BUNDLE, CLEAR = "/posts/bundle-post/", "/posts/clear-skies/"
POSTS = (GRINDING, MOUNT, FIRST, SECOND, BUNDLE, CLEAR)
REGULAR = (ABOUT, INSTALL, CONFIGURE, TOOLS, CSHARP, *POSTS)

SERVED: dict[str, Any] = {
    # home: 11 regular pages, 2 a page
    "/": PAGE,
    "/index.xml": feed(*REGULAR),
    "/page/1/": redirect("/"),
    "/page/2/": PAGE,
    "/page/3/": PAGE,
    "/page/4/": PAGE,
    "/page/5/": PAGE,
    "/page/6/": PAGE,
    # regular pages, aliases, the bundle's image
    ABOUT: PAGE,
    "/about-us/": redirect(ABOUT),
    "/old/about.html": redirect(ABOUT),
    INSTALL: PAGE,
    CONFIGURE: PAGE,
    TOOLS: PAGE,
    "/2020/07/toolbox/": redirect(TOOLS),
    CSHARP: PAGE,
    GRINDING: PAGE,
    MOUNT: PAGE,
    "/posts/mount-test/": redirect(MOUNT),
    FIRST: PAGE,
    "/2021/first-light/": redirect(FIRST),
    SECOND: PAGE,
    BUNDLE: PAGE,
    "/posts/bundle-post/moon.png": FILE,
    CLEAR: PAGE,
    # sections: docs/ and posts/ have an _index.md, notes/ has none
    "/docs/": PAGE,
    "/docs/index.xml": feed(INSTALL, CONFIGURE),
    "/docs/page/1/": redirect("/docs/"),
    "/notes/": PAGE,
    "/notes/index.xml": feed(TOOLS, CSHARP),
    "/notes/page/1/": redirect("/notes/"),
    "/posts/": PAGE,
    "/posts/index.xml": feed(*POSTS),
    "/posts/page/1/": redirect("/posts/"),
    "/posts/page/2/": PAGE,
    "/posts/page/3/": PAGE,
    # taxonomies from [taxonomies]: tags, categories and the custom series
    "/tags/": PAGE,
    "/tags/index.xml": feed(
        "/tags/astronomy/",
        "/tags/deep-sky/",
        "/tags/programming/",
        "/tags/telescope/",
        "/tags/workshop/",
    ),
    "/tags/astronomy/": PAGE,
    "/tags/astronomy/index.xml": feed(FIRST, SECOND, BUNDLE, CLEAR),
    "/tags/astronomy/page/1/": redirect("/tags/astronomy/"),
    "/tags/astronomy/page/2/": PAGE,
    "/tags/deep-sky/": PAGE,
    "/tags/deep-sky/index.xml": feed(CLEAR),
    "/tags/deep-sky/page/1/": redirect("/tags/deep-sky/"),
    "/tags/programming/": PAGE,
    "/tags/programming/index.xml": feed(CSHARP),
    "/tags/programming/page/1/": redirect("/tags/programming/"),
    "/tags/telescope/": PAGE,
    "/tags/telescope/index.xml": feed(FIRST, GRINDING, MOUNT),
    "/tags/telescope/page/1/": redirect("/tags/telescope/"),
    "/tags/telescope/page/2/": PAGE,
    "/tags/workshop/": PAGE,
    "/tags/workshop/index.xml": feed(TOOLS),
    "/tags/workshop/page/1/": redirect("/tags/workshop/"),
    "/categories/": PAGE,
    "/categories/index.xml": feed("/categories/observing/", "/categories/workshop/"),
    "/categories/observing/": PAGE,
    "/categories/observing/index.xml": feed(FIRST, BUNDLE, CLEAR),
    "/categories/observing/page/1/": redirect("/categories/observing/"),
    "/categories/observing/page/2/": PAGE,
    "/categories/workshop/": PAGE,
    "/categories/workshop/index.xml": feed(GRINDING, MOUNT),
    "/categories/workshop/page/1/": redirect("/categories/workshop/"),
    "/series/": PAGE,
    "/series/index.xml": feed("/series/telescope-build/"),
    "/series/telescope-build/": PAGE,
    "/series/telescope-build/index.xml": feed(FIRST, GRINDING, MOUNT),
    "/series/telescope-build/page/1/": redirect("/series/telescope-build/"),
    "/series/telescope-build/page/2/": PAGE,
    # site files
    "/sitemap.xml": Served(
        "xml",
        items=frozenset(
            [
                "/",
                *REGULAR,
                "/docs/",
                "/notes/",
                "/posts/",
                "/tags/",
                "/tags/astronomy/",
                "/tags/deep-sky/",
                "/tags/programming/",
                "/tags/telescope/",
                "/tags/workshop/",
                "/categories/",
                "/categories/observing/",
                "/categories/workshop/",
                "/series/",
                "/series/telescope-build/",
            ]
        ),
    ),
    "/robots.txt": FILE,
    "/404.html": PAGE,
    "/images/star.png": FILE,
}
"""Every URL the example site serves under Hugo, and what it answers (by hand)."""

SOURCES = {
    "/posts/bundle-post/moon.png": "content/posts/bundle-post/moon.png",
    "/images/star.png": "static/images/star.png",
}
"""The file of the site each served file is a copy of."""

LEFT_OUT = (
    "/posts/unfinished/",
    "/posts/broken-draft/",
    "/posts/from-the-future/",
    "/posts/expired/",
)
"""Draft (one with broken front matter), future and expired posts: served nowhere."""


def output_file(out: Path, url: str) -> Path:
    """The file of the output folder ``out`` that answers ``url``."""
    relative = url.lstrip("/")
    return out / (relative + "index.html" if url.endswith("/") else relative)


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built by ``sphinx-mmark build`` with its default builder."""
    out = tmp_path_factory.mktemp("ours") / "public"
    assert main(["build", str(EXAMPLE), str(out), "-q", "--cacheDir", str(out.parent / "c")]) == 0
    return out


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the real ``hugo`` serves for the (converted) example site."""
    if HUGO is None:
        pytest.skip(NO_HUGO)
    return hugo_urls(EXAMPLE, tmp_path_factory.mktemp("hugo"))


def _differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """One line per URL whose answer differs between two URL listings."""
    lines = []
    for url in sorted(expected.keys() | actual.keys()):
        want, got = expected.get(url), actual.get(url)
        if want != got:
            lines.append(f"{url}: expected {want}, got {got}")
    return lines


# --- the hand-written list is what Hugo serves -------------------------------------------


def test_the_list_is_what_hugo_serves(hugo: dict[str, Any]) -> None:
    assert _differences(SERVED, hugo) == []


def test_hugo_stops_on_the_broken_draft(tmp_path: Path) -> None:
    """Why the oracle removes the broken draft: Hugo builds nothing, draft or not."""
    if HUGO is None:
        pytest.skip(NO_HUGO)
    removed = convert_site(EXAMPLE, tmp_path / "site")
    assert removed == [Path("content/posts/broken-draft.md")]
    broken = EXAMPLE / "content" / "posts" / "broken-draft.md"
    (tmp_path / "site" / "content" / "posts" / "broken-draft.md").write_bytes(broken.read_bytes())
    result = run_hugo(tmp_path / "site", tmp_path / "public")
    assert result.returncode != 0
    assert "broken-draft.md" in result.stderr
    assert "failed to unmarshal YAML" in result.stderr


# --- the sphinx-mmark build serves every URL of the list -------------------------------


def _check_feed(path: Path, url: str, expected: Any) -> None:
    """``path`` is an RSS 2.0 feed with absolute item links to ``expected.items``."""
    root = ET.parse(path).getroot()
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    channel = root.find("channel")
    assert channel is not None
    for required in ("title", "link", "description"):
        assert channel.find(required) is not None, f"channel without <{required}>"
    links = [item.findtext("link", "") for item in channel.findall("item")]
    assert all(link.startswith(BASE_URL) for link in links), links
    items = _served(path, url).items
    assert sorted(items) == sorted(expected.items), "the feed's items are not Hugo's"


def _check_sitemap(path: Path, url: str, expected: Any) -> None:
    """``path`` is a sitemap with absolute ``<loc>`` entries for ``expected.items``."""
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = [el.text or "" for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(loc.startswith(BASE_URL) for loc in locs), locs
    assert sorted(_served(path, url).items) == sorted(expected.items)


def _served(path: Path, url: str) -> Any:
    """What the output file ``path`` answers at ``url``."""
    return hugo_urls_tool.classify(path, url, BASE_URL)


@pytest.mark.parametrize("url", sorted(SERVED))
def test_every_url_still_answers(ours: Path, url: str) -> None:
    expected = SERVED[url]
    path = output_file(ours, url)
    assert path.is_file(), f"{url} is not served (no {path.relative_to(ours)})"
    if expected.kind == "feed":
        _check_feed(path, url, expected)
    elif expected.kind == "xml":
        _check_sitemap(path, url, expected)
    elif url in SOURCES:
        assert path.read_bytes() == (EXAMPLE / SOURCES[url]).read_bytes()
    elif url == "/robots.txt":
        assert "User-agent: *" in path.read_text(encoding="utf-8").splitlines()
    else:
        served = _served(path, url)
        assert served == expected, f"{url} answers {served}, Hugo's answers {expected}"


def test_left_out_pages_are_served_nowhere(ours: Path) -> None:
    served = list_urls(ours, BASE_URL)
    assert [url for url in LEFT_OUT if url in served] == []
    text = " ".join(path.read_text("utf-8", "replace") for path in ours.rglob("*.html"))
    for secret in ("Not ready yet.", "Scheduled, not yet published.", "This offer has ended."):
        assert secret not in text
    assert "must never publish it" not in text


# --- compared with the real Hugo ---------------------------------------------------------


def test_no_url_of_hugo_is_missing(ours: Path, hugo: dict[str, Any]) -> None:
    served = list_urls(ours, BASE_URL)
    assert sorted(hugo.keys() - served.keys()) == []


def test_feeds_have_the_items_of_hugo(ours: Path, hugo: dict[str, Any]) -> None:
    served = list_urls(ours, BASE_URL)
    feeds = {url: answer for url, answer in hugo.items() if answer.kind == "feed"}
    assert feeds
    assert _differences(feeds, {url: served.get(url) for url in feeds}) == []
