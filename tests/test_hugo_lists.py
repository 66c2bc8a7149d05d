"""Hugo's list pages (sphinx_mmark/hugo/lists.py) on a small Hugo site.

The site (``paginate = 2``) has a section with ``_index.md`` (``posts``), one
without (``notes``), tags (one of them ``c#``), a custom taxonomy
(``authors``, which replaces Hugo's default ``tags``/``categories`` only
because the config names taxonomies — so ``tags`` is named too) and a draft.
The expected lists below are written from Hugo's rules (weight first, then
newest first; drafts left out; ``page/1/`` redirects to the list), not taken
from the code.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from .helpers import Build, build, write_project

HUGO_TOML = """\
baseURL = "https://example.org/"
title = "Lists"
paginate = 2

[taxonomies]
  tag = "tags"
  author = "authors"
"""

CONF = 'mmark_hugo_root = ".."\nroot_doc = "_index"\nexclude_patterns = ["_build"]\n'


def _post(title: str, date: str, *, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\n{extra}---\n\nThe text of {title}.\n'


POSTS = {
    "_index.md": '---\ntitle: "Home"\n---\n\nWelcome.\n',
    "about.md": '---\ntitle: "About"\n---\n\nAbout us.\n',
    "posts/_index.md": '---\ntitle: "All posts"\n---\n\nThe posts.\n',
    "posts/alpha.md": _post(
        "Alpha", "2021-01-01", extra='tags: [queues, "Deep Sky"]\nauthors: [ann]\n'
    ),
    "posts/bravo.md": _post("Bravo", "2021-02-01", extra="tags: [queues]\n"),
    "posts/charlie.md": _post("Charlie", "2021-03-01", extra="weight: 1\ntags: [queues]\n"),
    "posts/delta.md": _post("Delta", "2020-06-01", extra='tags: ["c#"]\n'),
    "posts/echo.md": _post("Echo", "2021-04-01", extra="draft: true\ntags: [queues]\n"),
    "notes/x-ray.md": _post("X-ray", "2019-01-01", extra="authors: [ann]\n"),
    "notes/yankee.md": _post("Yankee", "2019-02-01"),
    "notes/zulu.md": _post("Zulu", "2019-03-01"),
}

# Hugo's order: weighted pages first, then newest first, pages without a date last
POSTS_ORDER = ["Charlie", "Bravo", "Alpha", "Delta"]
NOTES_ORDER = ["Zulu", "Yankee", "X-ray"]
HOME_ORDER = [*POSTS_ORDER, *NOTES_ORDER, "About"]
QUEUES_ORDER = ["Charlie", "Bravo", "Alpha"]
ANN_ORDER = ["Alpha", "X-ray"]


def _site(root: Path, files: dict[str, str] | None = None) -> Path:
    """Lay out the site below ``root``; the content folder (the Sphinx source)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    content = root / "content"
    write_project(content, files or POSTS, CONF)
    return content


def _build(
    content: Path, builder: str, *, parallel: int = 0, fresh: bool = True, theme: str = "basic"
) -> Build:
    overrides = {"html_theme": theme}
    result = build(content, builder, parallel=parallel, fresh=fresh, overrides=overrides)
    assert "Traceback" not in result.warnings, result.warnings
    return result


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = _site(tmp_path_factory.mktemp("lists") / "site")
    return _build(content, "hugo", theme="sphinx_book_theme").outdir


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _listed(path: Path) -> list[str]:
    """The titles a list page lists, in order (terms of a taxonomy list with their count)."""
    box = _soup(path).select_one("div.hugo-list")
    assert box is not None, path
    return [li.get_text(" ", strip=True) for li in box.select("ul > li")]


def _titles(path: Path) -> list[str]:
    box = _soup(path).select_one("div.hugo-list")
    assert box is not None, path
    return [a.get_text() for a in box.select("ul > li > p > a")]


def _pager(path: Path) -> list[str]:
    return [
        node.get_text() for node in _soup(path).select("div.hugo-pager a, div.hugo-pager strong")
    ]


def _redirect_target(path: Path) -> str:
    match = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', path.read_text("utf-8"))
    assert match, path
    return match.group(1)


def _resolve(page: Path, href: str, root: Path) -> Path:
    """The file a web server serves for ``href`` on ``page``."""
    target = (page.parent / unquote(href)).resolve()
    if href.endswith("/") or target.is_dir():
        target = target / "index.html"
    assert target.is_relative_to(root.resolve()), (page, href)
    return target


def _check_links(root: Path) -> int:
    """Every link of every list (and pager, and page/1 redirect) leads to a file."""
    checked = 0
    for page in root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "hugo-list" not in text and 'content="sphinx-mmark redirect"' not in text:
            continue
        soup = BeautifulSoup(text, "html.parser")
        for link in soup.select("div.hugo-list a, body > p > a"):
            href = str(link["href"])
            assert "#" not in href, (page, href)
            assert _resolve(page, href, root).is_file(), (page, href)
            checked += 1
    return checked


def test_section_with_index_is_its_document_plus_pages(hugo: Path) -> None:
    first = hugo / "posts" / "index.html"
    assert "The posts." in first.read_text("utf-8")  # the document's own content
    assert _titles(first) == POSTS_ORDER[:2]
    assert _titles(hugo / "posts" / "page" / "2" / "index.html") == POSTS_ORDER[2:]
    assert not (hugo / "posts" / "page" / "3").exists()
    assert _redirect_target(hugo / "posts" / "page" / "1" / "index.html") == "../../"
    assert _pager(first) == ["1", "2", "Older"]
    assert _pager(hugo / "posts" / "page" / "2" / "index.html") == ["Newer", "1", "2"]


def test_section_without_index_is_generated(hugo: Path) -> None:
    first = hugo / "notes" / "index.html"
    assert _titles(first) == NOTES_ORDER[:2]
    assert _soup(first).select_one("article h1, div.body h1, h1") is not None
    title = _soup(first).title
    assert title is not None
    assert "Notes" in title.get_text()
    assert _titles(hugo / "notes" / "page" / "2" / "index.html") == NOTES_ORDER[2:]
    assert _redirect_target(hugo / "notes" / "page" / "1" / "index.html") == "../../"


def test_home_paginates_every_regular_page(hugo: Path) -> None:
    pages = [_titles(hugo / "index.html")]
    pages += [_titles(hugo / "page" / str(n) / "index.html") for n in (2, 3, 4)]
    assert [title for page in pages for title in page] == HOME_ORDER
    assert all(len(page) == 2 for page in pages)
    assert not (hugo / "page" / "5").exists()
    assert _redirect_target(hugo / "page" / "1" / "index.html") == "../../"
    assert "Welcome." in (hugo / "index.html").read_text("utf-8")


def test_taxonomies_and_terms(hugo: Path) -> None:
    assert _listed(hugo / "tags" / "index.html") == [
        "c# (1)",
        "Deep Sky (1)",
        "queues (3)",
    ]
    assert not (hugo / "tags" / "page").exists()  # a taxonomy list is one page
    queues = hugo / "tags" / "queues"
    assert _titles(queues / "index.html") == QUEUES_ORDER[:2]
    assert _titles(queues / "page" / "2" / "index.html") == QUEUES_ORDER[2:]
    assert _redirect_target(queues / "page" / "1" / "index.html") == "../../"
    assert _titles(hugo / "tags" / "deep-sky" / "index.html") == ["Alpha"]
    assert _redirect_target(hugo / "tags" / "deep-sky" / "page" / "1" / "index.html") == "../../"
    assert _titles(hugo / "tags" / "c#" / "index.html") == ["Delta"]
    hrefs = [a["href"] for a in _soup(hugo / "tags" / "index.html").select("div.hugo-list a")]
    assert "c%23/" in hrefs
    assert _titles(hugo / "authors" / "ann" / "index.html") == ANN_ORDER
    assert _listed(hugo / "authors" / "index.html") == ["ann (2)"]
    assert not (hugo / "categories").exists()  # the config names its taxonomies


def test_drafts_are_in_no_list(hugo: Path) -> None:
    for page in hugo.rglob("index.html"):
        if "hugo-list" in page.read_text("utf-8"):
            assert "Echo" not in _titles(page), page


def test_links_resolve_and_theme_renders(hugo: Path) -> None:
    assert _check_links(hugo) > 30
    notes = _soup(hugo / "notes" / "index.html")
    assert notes.select_one("nav.bd-links, .bd-sidebar-primary") is not None  # book theme
    # the section toctrees are hidden: the list is shown once
    assert "toctree-l1" not in str(_soup(hugo / "posts" / "index.html").select_one("article"))


def test_theme_assets_of_a_term_with_hash(hugo: Path) -> None:
    page = hugo / "tags" / "c#" / "index.html"
    for link in _soup(page).select("link[rel=stylesheet]"):
        href = str(link["href"]).split("?")[0]
        assert (page.parent / href).resolve().is_file(), href


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_other_html_builders(tmp_path: Path, builder: str) -> None:
    content = _site(tmp_path / "site")
    out = _build(content, builder).outdir
    assert _titles(out / "tags" / "queues" / "index.html") == QUEUES_ORDER[:2]
    assert _titles(out / "notes" / "page" / "2" / "index.html") == NOTES_ORDER[2:]
    assert _titles(out / "posts" / "page" / "2" / "index.html") == POSTS_ORDER[2:]
    assert (out / "posts" / "page" / "1" / "index.html").is_file()
    assert _check_links(out) > 30


def test_parallel_build(tmp_path: Path) -> None:
    content = _site(tmp_path / "site")
    out = _build(content, "hugo", parallel=2).outdir
    assert _titles(out / "posts" / "index.html") == POSTS_ORDER[:2]
    assert _titles(out / "tags" / "queues" / "page" / "2" / "index.html") == QUEUES_ORDER[2:]
    assert _check_links(out) > 30


def test_incremental_rebuild_updates_lists(tmp_path: Path) -> None:
    content = _site(tmp_path / "site")
    _build(content, "hugo")
    (content / "posts" / "foxtrot.md").write_text(
        _post("Foxtrot", "2022-01-01", extra="tags: [queues]\n"), encoding="utf-8"
    )
    out = _build(content, "hugo", fresh=False).outdir
    assert _titles(out / "posts" / "index.html") == ["Charlie", "Foxtrot"]
    assert _titles(out / "tags" / "queues" / "index.html") == ["Charlie", "Foxtrot"]
    assert _titles(out / "index.html") == ["Charlie", "Foxtrot"]
    (content / "posts" / "foxtrot.md").unlink()
    out = _build(content, "hugo", fresh=False).outdir
    assert _titles(out / "posts" / "index.html") == POSTS_ORDER[:2]
    assert _titles(out / "tags" / "queues" / "index.html") == QUEUES_ORDER[:2]


def test_broken_list_urls_warn_once(tmp_path: Path) -> None:
    files = dict(POSTS)
    files["posts/golf.md"] = _post("Golf", "2021-05-05", extra='tags: [".."]\n')
    content = _site(tmp_path / "site", files)
    result = _build(content, "hugo")
    assert (result.outdir / "tags" / "queues" / "index.html").is_file()
    warned = [line for line in result.warning_lines() if "gets no page" in line]
    assert len(warned) == 1, warned
    assert "/tags/../" in warned[0]
    # the term without a page is not listed
    assert _listed(result.outdir / "tags" / "index.html") == [
        "c# (1)",
        "Deep Sky (1)",
        "queues (3)",
    ]
    assert _check_links(result.outdir) > 30
