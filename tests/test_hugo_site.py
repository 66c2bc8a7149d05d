"""The example Hugo site (``examples/hugo-site``) built through the command line.

Checks pages, the absence of drafts / future / expired pages, redirect pages
at old URLs (dirhtml and html), section order, shortcode output, static
images, ``lastmod``, a LaTeX build, and an ABlog build.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_mmark.cli import main
from sphinx_mmark.hugo.pages import Page
from sphinx_mmark.hugo.redirects import redirect_file, relative_href
from sphinx_mmark.hugo.urls import aliases, permalink
from sphinx_mmark.parse.dates import is_expired, is_future, parse_date

EXAMPLE = Path(__file__).parent.parent / "examples" / "hugo-site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hugo") / "out"
    assert main(["build", str(EXAMPLE), str(out), "-q", "--cacheDir", str(out.parent / "c")]) == 0
    return out


def _article(path: Path) -> BeautifulSoup:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    assert article is not None
    return article  # type: ignore[return-value]


def _redirect_target(path: Path) -> str:
    match = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', path.read_text("utf-8"))
    assert match, path
    return match.group(1)


def test_pages_and_no_drafts(site: Path) -> None:
    for page in ("posts/first-light", "posts/night-two", "posts/bundle-post", "about"):
        assert (site / page / "index.html").is_file(), page
    for left_out in ("posts/unfinished", "posts/from-the-future", "posts/expired"):
        assert not (site / left_out).exists(), left_out
    assert "Unfinished" not in (site / "posts" / "index.html").read_text("utf-8")
    # the pages are where Hugo put them, not (also) at their file's path
    assert not (site / "posts" / "_index").exists()
    assert not (site / "posts" / "second-night").exists()
    assert not (site / "_index").exists()


def test_sections_ordered_like_hugo(site: Path) -> None:
    def listed(path: Path) -> list[str]:
        return [a.get_text() for a in _article(path).select("div.hugo-list li a")]

    # newest first, paginate = 2
    assert listed(site / "posts" / "index.html") == ["Clear skies at last", "A page bundle"]
    assert listed(site / "docs" / "index.html") == ["Install", "Configure"]  # by weight
    # notes/ has no _index.md: its list is a generated page
    assert listed(site / "notes" / "index.html") == ["C# and C++ in 2020", "Tools I use"]


def test_redirects(site: Path) -> None:
    assert _redirect_target(site / "about-us" / "index.html") == "../about/"
    assert _redirect_target(site / "old" / "about.html") == "../about/"
    assert (
        _redirect_target(site / "2021" / "first-light" / "index.html") == "../../posts/first-light/"
    )
    # slug and permalink patterns: the page itself is there, no redirect
    for page in ("posts/night-two", "2020/07/my-tools", "posts/first-light", ""):
        assert "http-equiv" not in (site / page / "index.html").read_text("utf-8"), page


def test_shortcodes_in_the_site(site: Path) -> None:
    second = _article(site / "posts" / "night-two" / "index.html")
    assert second.select_one("div.highlight-python span.hll") is not None
    assert second.select_one("iframe[src='https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ']")
    assert second.select_one("script[src$='0123456789abcdef.js?file=reduce.py']")
    links = {a.get_text(): a["href"] for a in second.select("a.mmark-xref")}
    assert links == {"the first night": "../first-light/", "About": "../../about/"}
    assert "An unknown shortcode keeps its content." in second.get_text(" ", strip=True)
    first = _article(site / "posts" / "first-light" / "index.html")
    caption = first.select_one("figure figcaption")
    assert caption is not None
    assert "The first star" in caption.get_text()
    assert first.select_one("figure img")["src"] == "../../_images/star.png"  # from static/
    assert (site / "_images" / "star.png").is_file()
    assert (site / "_images" / "moon.png").is_file()
    maths = [m.get_text() for m in first.select(".math")]
    assert "\\(D\\)" in maths
    assert any("\\frac{\\lambda}{D}" in m for m in maths)
    home = _article(site / "index.html")
    assert "Welcome to Notes from the field" in home.get_text()


def test_static_files_and_lastmod(site: Path) -> None:
    assert (site / "images" / "star.png").is_file()  # static/ copied to the site root
    assert "Jun 01, 2023" in (site / "about" / "index.html").read_text("utf-8")


def test_html_builder_redirects(tmp_path: Path) -> None:
    out = tmp_path / "html"
    flags = ["-q", "--builder", "html", "--cacheDir", str(tmp_path / "c")]
    assert main(["build", str(EXAMPLE), str(out), *flags]) == 0
    assert _redirect_target(out / "posts" / "first-light" / "index.html") == "../first-light.html"
    assert _redirect_target(out / "about-us" / "index.html") == "../about.html"


def test_latex_build(tmp_path: Path) -> None:
    out = tmp_path / "latex"
    flags = ["-q", "--builder", "latex", "--cacheDir", str(tmp_path / "c")]
    assert main(["build", str(EXAMPLE), str(out), *flags]) == 0
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    assert "First light" in tex
    assert "Unfinished" not in tex
    assert "\\sphinxhref{https://www.youtube.com/watch?v=dQw4w9WgXcQ}{The talk}" in tex
    assert "\\sphinxincludegraphics{{star}.png}" in tex


def test_write_conf_then_sphinx_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site)
    (site / "content" / "_index.md").unlink()
    out = tmp_path / "out"
    assert main(["build", str(site), str(out), "-q", "--write-conf"]) == 0
    conf = (site / "content" / "conf.py").read_text(encoding="utf-8")
    assert "mmark_hugo_root = '..'" in conf
    assert "html_extra_path = ['../static']" in conf
    assert not (site / "content" / "_index.md").exists()  # the extension makes the home
    out2 = tmp_path / "out2"
    assert main(["build", str(site / "content"), str(out2), "-q", "--builder", "dirhtml"]) == 0
    assert (out2 / "posts" / "first-light" / "index.html").is_file()


def test_ablog_lists_posts(tmp_path: Path) -> None:
    pytest.importorskip("ablog")
    out = tmp_path / "blog"
    cache = str(tmp_path / "c")
    assert main(["build", str(EXAMPLE), str(out), "-q", "--ablog", "--cacheDir", cache]) == 0
    archive = (out / "blog" / "index.html").read_text(encoding="utf-8")
    for title in ("First light", "Second night", "A page bundle"):
        assert title in archive
    assert "Unfinished" not in archive
    assert (out / "blog" / "tag" / "astronomy" / "index.html").is_file()
    tag_page = (out / "blog" / "tag" / "astronomy" / "index.html").read_text(encoding="utf-8")
    assert "First light" in tag_page
    assert "Second night" in tag_page
    assert (out / "blog" / "category" / "observing" / "index.html").is_file()
    feed = (out / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert "First light" in feed
    assert "<published>2021-03-04T09:30:00" in feed
    # the excerpt stops at <!--more-->
    assert "The telescope saw its first star tonight." in archive
    assert "seeing was poor" not in archive


@pytest.mark.parametrize(
    ("docname", "data", "url"),
    [
        ("posts/a", {}, "/posts/a/"),
        ("posts/a", {"slug": "B C"}, "/posts/b-c/"),
        ("posts/a", {"url": "/Custom/Path/"}, "/Custom/Path/"),  # as written (Hugo 0.111)
        ("posts/b/index", {}, "/posts/b/"),
        ("posts/_index", {}, "/posts/"),
        ("_index", {}, "/"),
        ("about", {}, "/about/"),
    ],
)
def test_permalink(docname: str, data: dict[str, object], url: str) -> None:
    assert permalink(Page(docname, data), {}) == url


@pytest.mark.parametrize(
    ("data", "url"),
    [
        ({"title": "Linux Setup", "lastMod": "2019-04-24"}, "/2019/04/linux-setup/"),
        ({"title": "Linux Setup"}, "/1/01/linux-setup/"),
        ({}, "/1/01/"),
    ],
    ids=["date-from-lastmod", "no-date", "no-title"],
)
def test_permalink_dates_as_hugo_fills_them(data: dict[str, object], url: str) -> None:
    """What Hugo 0.111 served for corpus posts under ``/:year/:month/:title/``: a page
    without ``date`` takes ``lastmod``; without any date, Go's zero time (year 1); an
    untitled page an empty ``:title``."""
    assert permalink(Page("posts/x", data), {"posts": "/:year/:month/:title/"}) == url


def test_permalink_pattern_and_aliases() -> None:
    page = Page("blog/x", {"date": "2020-03-05", "title": "Hello World", "aliases": ["old", "/o/"]})
    assert permalink(page, {"blog": "/:year/:month/:day/:title/"}) == "/2020/03/05/hello-world/"
    assert aliases(page) == ["/blog/old", "/o/"]


def test_redirect_paths() -> None:
    assert redirect_file("/a/b/") == "a/b/index.html"
    assert redirect_file("/a/b") == "a/b/index.html"
    assert redirect_file("/a/b.html") == "a/b.html"
    assert relative_href("a/b/index.html", "x/y/") == "../../x/y/"
    assert relative_href("index.html", "") == "./"


def test_dates() -> None:
    aware = parse_date("2018-10-29T13:31:38+11:00")
    assert aware is not None
    assert aware.utcoffset() == dt.timedelta(hours=11)
    assert parse_date("2018-10-29") == dt.datetime(2018, 10, 29, tzinfo=dt.UTC)
    assert parse_date("not a date") is None
    assert parse_date(None) is None
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert is_future({"publishDate": "2030-01-01"}, now)
    assert is_future({"date": "2030-01-01"}, now)
    assert not is_future({"date": "2030-01-01", "publishDate": "2020-01-01"}, now)
    assert is_expired({"expiryDate": "2023-12-31"}, now)
    assert not is_expired({"expiryDate": "2024-12-31"}, now)
