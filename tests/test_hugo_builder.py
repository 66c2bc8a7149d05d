"""The ``hugo`` builder: each page at its Hugo URL, the home page at ``/`` with or
without ``_index.md``, links and search results that follow (issue 13)."""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import Build, build, write_project

HUGO_TOML = """\
title = "Field Notes"
baseURL = "https://example.org/blog/"
[permalinks]
  notes = "/:year/:month/:slug/"
"""

PAGES = {
    "posts/first.md": (
        "---\ntitle: First\ndate: 2021-03-04\n---\n\nSee [the tools](../notes/tools.md).\n"
    ),
    "posts/bundle/index.md": "---\ntitle: Bundle\ndate: 2021-01-01\n---\n\nA bundle.\n",
    "notes/tools.md": (
        "---\ntitle: Tools\ndate: 2020-07-08\nslug: my tools\n---\n\n"
        "Back to [first](../posts/first.md).\n"
    ),
    "notes/sharp.md": "---\ntitle: 'C# notes'\ndate: 2020-09-01\nslug: 'c#-notes'\n---\n\nSharp.\n",
    "about.md": "---\ntitle: About\nurl: /about-me/\n---\n\nAbout.\n",
    "part.inc": "Included text from the content folder.\n",
    "posts/with-include.md": "---\ntitle: Include\ndate: 2021-02-02\n---\n\n{{part.inc}}\n",
}
"""A small Hugo site's content; the URLs below are written from Hugo's rules (hugo-urls.md)."""

EXPECTED = {
    "posts/first": "posts/first/index.html",
    "posts/bundle/index": "posts/bundle/index.html",
    "notes/tools": "2020/07/my-tools/index.html",
    "notes/sharp": "2020/09/c#-notes/index.html",
    "about": "about-me/index.html",
}
"""Document → the file Hugo serves it from (``:slug`` keeps ``#``; spaces become ``-``)."""


def _site(tmp_path: Path, pages: dict[str, str], *, home: bool) -> Path:
    site = tmp_path / "site"
    (site / "static" / "img").mkdir(parents=True)
    (site / "static" / "img" / "dot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    content = site / "content"
    files = dict(pages)
    if home:
        files["_index.md"] = "---\ntitle: Welcome\n---\n\nThe home text.\n"
    write_project(
        content,
        files,
        conf='mmark_hugo_root = ".."\nhtml_theme = "basic"\nroot_doc = "_index"\n',
    )
    return content


def _build(content: Path, **kwargs: object) -> Build:
    return build(content, "hugo", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("home", [True, False], ids=["with-_index", "without-_index"])
def test_pages_are_written_at_their_hugo_urls(tmp_path: Path, home: bool) -> None:
    result = _build(_site(tmp_path, PAGES, home=home))
    for docname, file in EXPECTED.items():
        assert (result.outdir / file).is_file(), (docname, file)
        if file != f"{docname}/index.html" and not docname.endswith("/index"):
            assert not (result.outdir / docname).exists(), docname  # no second copy
    home_page = (result.outdir / "index.html").read_text(encoding="utf-8")
    assert "refresh" not in home_page
    assert ("The home text." in home_page) is home
    assert "Field Notes" in home_page or "Welcome" in home_page
    assert not (result.outdir / "_index").exists()
    assert [line for line in result.warning_lines() if "mmark" in line] == []


def _links(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    hrefs = [str(a["href"]) for a in soup.find_all("a", href=True)]
    return [h for h in hrefs if not h.startswith(("#", "http", "mailto:"))]


def _target(outdir: Path, page: Path, href: str) -> Path:
    from urllib.parse import unquote

    path = unquote(href.split("#", 1)[0])
    target = (page.parent / path).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("home", [True, False], ids=["with-_index", "without-_index"])
def test_every_link_reaches_a_file(tmp_path: Path, home: bool) -> None:
    result = _build(_site(tmp_path, PAGES, home=home))
    outdir = result.outdir
    for page in sorted(outdir.rglob("index.html")):
        for href in _links(page):
            if href.startswith("_sources") or "/_sources/" in href:
                continue
            assert _target(outdir, page, href).is_file(), (page.relative_to(outdir), href)


def test_a_hash_in_the_url_is_encoded_in_links(tmp_path: Path) -> None:
    result = _build(_site(tmp_path, PAGES, home=True))
    home = (result.outdir / "index.html").read_text(encoding="utf-8")
    assert "c%23-notes/" in home
    assert 'href="2020/09/c#-notes/' not in home


def test_cross_references_follow_the_pages(tmp_path: Path) -> None:
    result = _build(_site(tmp_path, PAGES, home=True))
    first = result.outdir / "posts/first/index.html"
    assert "../../2020/07/my-tools/" in _links(first)
    tools = result.outdir / "2020/07/my-tools/index.html"
    assert "../../../posts/first/" in _links(tools)


def _search_names(outdir: Path) -> list[str]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return list(data["docnames"])


def _served_by(outdir: Path, name: str) -> Path:
    """The file the search page links a result ``name`` to (dirhtml's rule in searchtools.js)."""
    from urllib.parse import unquote

    folder = "" if name == "index" else re.sub(r"(^|/)index$", "", name)
    return outdir / unquote(folder) / "index.html"


def test_search_results_link_to_the_pages_also_after_a_rebuild(tmp_path: Path) -> None:
    content = _site(tmp_path, PAGES, home=True)
    first = _build(content)
    names = _search_names(first.outdir)
    assert "2020/07/my-tools" in names
    for name in names:
        assert _served_by(first.outdir, name).is_file(), name
    (content / "about.md").write_text("---\ntitle: About\nurl: /about-me/\n---\n\nNew.\n")
    again = _build(content, fresh=False)
    assert sorted(_search_names(again.outdir)) == sorted(names)
    assert "documentation_options" in "".join(p.name for p in (again.outdir / "_static").iterdir())
    options = (again.outdir / "_static" / "documentation_options.js").read_text(encoding="utf-8")
    assert "BUILDER: 'dirhtml'" in options


def test_without_home_includes_and_static_images_resolve_from_the_site(tmp_path: Path) -> None:
    pages = dict(PAGES)
    pages["posts/pic.md"] = "---\ntitle: Pic\ndate: 2021-05-05\n---\n\n![a dot](/img/dot.png)\n"
    result = _build(_site(tmp_path, pages, home=False))
    include = (result.outdir / "posts/with-include/index.html").read_text(encoding="utf-8")
    assert "Included text from the content folder." in include
    pic = result.outdir / "posts/pic/index.html"
    soup = BeautifulSoup(pic.read_text(encoding="utf-8"), "html.parser")
    src = str(soup.find("img")["src"])  # type: ignore[index]
    image = (pic.parent / src).resolve()
    assert image.is_file()
    assert image.is_relative_to(result.outdir.resolve())
    assert not [line for line in result.warning_lines() if "outside" in line]


def test_a_url_out_of_the_site_or_taken_keeps_the_sphinx_path_with_a_warning(
    tmp_path: Path,
) -> None:
    pages = {
        "posts/climb.md": "---\ntitle: Climb\nurl: /../../../escape/\n---\n\nx\n",
        "posts/one.md": "---\ntitle: One\nurl: /same/\n---\n\nx\n",
        "posts/two.md": "---\ntitle: Two\nurl: /SAME/\n---\n\nx\n",
    }
    result = _build(_site(tmp_path, pages, home=True))
    lines = [line for line in result.warning_lines() if "[mmark.hugo]" in line]
    assert any("posts/climb" in line and "outside" in line for line in lines), lines
    assert any("posts/two" in line and "posts/one has it" in line for line in lines), lines
    assert not (tmp_path / "escape").exists()
    assert (result.outdir / "posts/climb/index.html").is_file()
    assert (result.outdir / "same/index.html").is_file()
    assert (result.outdir / "posts/two/index.html").is_file()


def test_parallel_build_writes_the_same_files(tmp_path: Path) -> None:
    serial = _build(_site(tmp_path / "a", PAGES, home=False))
    parallel = _build(_site(tmp_path / "b", PAGES, home=False), parallel=2)

    def pages(outdir: Path) -> set[str]:
        return {
            posixpath.join(*p.relative_to(outdir).parts)
            for p in outdir.rglob("*.html")
            if "_static" not in p.parts
        }

    assert pages(parallel.outdir) == pages(serial.outdir)
    assert sorted(_search_names(parallel.outdir)) == sorted(_search_names(serial.outdir))


@pytest.mark.parametrize("builder", ["hugo", "html", "dirhtml"])
def test_generated_pages_when_the_main_process_writes_no_document(
    tmp_path: Path, builder: str
) -> None:
    """A rebuild with nothing to write, and a ``-j 2`` build (whose documents are written
    by other processes): the generated pages (lists, 404) are still rendered."""
    content = _site(tmp_path, PAGES, home=False)
    first = build(content, builder, parallel=2)
    assert "Exception" not in first.warnings
    # the generated home's source (in the doctree folder, here inside the source
    # folder) is the home page, not a document of its own
    assert sorted(first.app.env.all_docs) == sorted(["_index", *EXPECTED, "posts/with-include"])
    again = build(content, builder, fresh=False)  # no document is written again
    assert "Exception" not in again.warnings
    home = "index.html"
    assert (again.outdir / home).is_file()
    assert (again.outdir / "404.html").is_file() or builder == "dirhtml"
    assert (again.outdir / "notes" / "index.html").is_file()  # the generated section list


def test_nested_sections_have_lists_feeds_and_first_page_redirects(tmp_path: Path) -> None:
    """Hugo makes a section of every folder with ``_index.md``, at any depth (seen with
    the real hugo on the corpus book, whose chapters are such folders)."""
    pages = {
        "book/_index.md": "---\ntitle: Book\n---\n",
        "book/part/_index.md": "---\ntitle: Part\n---\n\nThe part.\n",
        "book/part/chapter.md": "---\ntitle: Chapter\ndate: 2020-01-01\n---\n\nText.\n",
    }
    result = _build(_site(tmp_path, pages, home=True))
    out = result.outdir
    part = (out / "book/part/index.html").read_text(encoding="utf-8")
    assert "The part." in part
    assert "Chapter" in part
    assert (out / "book/part/index.xml").is_file()
    assert "refresh" in (out / "book/part/page/1/index.html").read_text(encoding="utf-8")
    assert "Chapter" in (out / "book/index.html").read_text(encoding="utf-8")  # recursive


def _tagged_site(tmp_path: Path, theme: str = "sphinx_book_theme") -> Path:
    """Posts in two sections with tags, a term list with two pages, and a section
    whose name a tag folder shares (``tags/``): generated pages at several places."""
    pages = {
        f"posts/p{i}.md": (
            f"---\ntitle: Post {i}\ndate: 2021-01-{i + 1:02d}\ntags: [a, b]\n---\n\nx\n"
        )
        for i in range(5)
    }
    pages["tags/guide.md"] = "---\ntitle: Guide to tags\ndate: 2020-01-01\ntags: [a]\n---\n\nx\n"
    content = _site(tmp_path, pages, home=True)
    (content.parent / "hugo.toml").write_text("paginate = 2\n" + HUGO_TOML, encoding="utf-8")
    (content / "conf.py").write_text(
        (content / "conf.py")
        .read_text(encoding="utf-8")
        .replace('html_theme = "basic"', 'html_theme = "sphinx_book_theme"'),
        encoding="utf-8",
    )
    return content


def test_shared_navigation_links_reach_files_from_every_generated_page(tmp_path: Path) -> None:
    result = _build(_tagged_site(tmp_path))
    out = result.outdir
    generated = [
        out / "tags/a/index.html",
        out / "tags/a/page/2/index.html",
        out / "tags/b/page/3/index.html",
        out / "page/2/index.html",
        out / "tags/index.html",
    ]
    for page in generated:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        nav = soup.select("nav.bd-docs-nav a[href], .bd-sidebar-primary a[href]")
        assert nav, page
        for link in nav:
            href = str(link["href"])
            if href.startswith(("#", "http")):
                continue
            assert _target(out, page, href).is_file(), (page.relative_to(out), href)


def _sphinx_build(content: Path, out: Path) -> None:
    """A build in a process of its own (as users run it: in one process, themes grow
    ``templates_path`` from build to build, so Sphinx sees a new configuration)."""
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "hugo", str(content), str(out)]
    subprocess.run(command, check=True, capture_output=True)


def test_unchanged_generated_pages_are_not_written_again(tmp_path: Path) -> None:
    content = _tagged_site(tmp_path)
    out = tmp_path / "out"
    _sphinx_build(content, out)
    term = out / "tags/a/page/2/index.html"
    stamp = term.stat().st_mtime_ns
    _sphinx_build(content, out)  # nothing changed
    assert term.stat().st_mtime_ns == stamp
    post = content / "posts/p0.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Post 0", "Post zero"), "utf-8")
    _sphinx_build(content, out)
    assert term.stat().st_mtime_ns != stamp  # the navigation names the post anew
    assert "Post zero" in (out / "tags/a/index.html").read_text(encoding="utf-8")


def _pages(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def test_shared_navigation_writes_the_pages_the_theme_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page is the same, byte for byte, with the navigation drawn once per place
    and with the theme drawing it for each generated page."""
    from sphinx_mmark.hugo import lists

    content = _tagged_site(tmp_path)
    shared = _pages(_build(content).outdir)
    assert len([name for name in shared if name.startswith("tags/")]) >= 5
    monkeypatch.setattr(lists, "share_navigation", lambda *args: None)
    monkeypatch.setattr(lists, "add_navigation_wrappers", lambda app: None)
    content.joinpath("_build").rename(tmp_path / "shared-build")
    drawn = _pages(_build(content).outdir)
    assert drawn.keys() == shared.keys()
    assert [name for name in shared if shared[name] != drawn[name]] == []
