"""Real Hugo posts and the Hugo math book, built through the command line as sites.

Skips without the shared corpus. Prints the warnings per file (``pytest -s``); the
build must succeed, every post must become a page, and the warnings of each kind stay
within the ratcheted baseline (``tests/corpus_baseline.py``).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pytest

from sphinx_mmark.cli import main

from .corpus_baseline import check_warnings, logged_warnings


def _build(src: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    """Build the site ``src`` into ``out``: (file, kind) of each warning."""
    flags = ["-q", "--drafts", "--future", "--expired", "--cacheDir", str(out.parent / "c")]
    status = main(["build", str(src), str(out), *flags])
    err = capsys.readouterr().err
    assert status == 0, err
    return logged_warnings(err, src)


def _pages_by_source(out: Path) -> dict[str, Path]:
    """Source file → the page the site serves for it, read from the search index the
    build wrote (its ``filenames`` are the sources, its ``docnames`` what the search
    page turns into links: ``<name>/``, ``index`` for the home page)."""
    text = (out / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    pages = {}
    for name, source in zip(data["docnames"], data["filenames"], strict=True):
        folder = "" if name == "index" else name.removesuffix("/index")
        pages[source] = out / unquote(folder) / "index.html"
    return pages


def _report(title: str, warnings: list[tuple[str, str]]) -> None:
    per_file: dict[str, Counter[str]] = {}
    for name, kind in warnings:
        per_file.setdefault(name, Counter())[kind] += 1
    print(f"\n== {title}: {len(warnings)} warning(s)")
    for name, kinds in sorted(per_file.items()):
        print(f"  {name}: " + ", ".join(f"{k} x{n}" for k, n in sorted(kinds.items())))


def test_hugo_posts_as_a_site(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = tmp_path / "posts"
    shutil.copytree(corpus / "hugo-posts", posts)
    out = tmp_path / "out"
    warnings = _build(posts, out, capsys)
    with capsys.disabled():
        _report("hugo-posts", warnings)
    sources = [p for p in (corpus / "hugo-posts").iterdir() if p.suffix in (".md", ".mmark")]
    assert sources, "the corpus has Hugo posts"
    pages = _pages_by_source(out)
    missing = sorted(p.name for p in sources if not pages.get(p.name, Path()).is_file())
    assert not missing, f"no page for {missing}"
    check_warnings("hugo-posts site", warnings)


def test_hugo_book_as_a_site(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = next((corpus / "books").glob("absoludity__*"), None)
    if book is None:
        pytest.skip("the Hugo book is not in the corpus")
    site = tmp_path / "book"
    shutil.copytree(book, site)
    config = 'title = "Geometry of relativity"\nbaseURL = "https://example.org/"\n'
    (site / "config.toml").write_text(config, encoding="utf-8")
    out = tmp_path / "out"
    warnings = _build(site, out, capsys)
    with capsys.disabled():
        _report("hugo book", warnings)
    pages = _pages_by_source(out)
    assert pages["_index.mmark"] == out / "index.html"  # the home page is /
    assert (out / "index.html").is_file()
    chapters = [p for p in (site / "content").rglob("_index.mmark") if p.parent != site / "content"]
    assert chapters, "the book has chapters"
    for chapter in chapters:
        rel = chapter.parent.relative_to(site / "content")
        assert (out / rel / "index.html").is_file(), rel  # a section's page is its URL
        assert pages[str(rel / "_index.mmark")] == out / rel / "index.html"
    check_warnings("hugo book site", warnings)


@pytest.mark.slow
def test_hugo_book_serves_every_url_hugo_served(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real ``hugo`` on the corpus book (a real Hugo site, nested sections) is the
    oracle: every URL it serves, our build serves too, as a page where it has a page."""
    from .hugo_oracle import HUGO, hugo_urls, list_urls

    if HUGO is None:
        pytest.skip("hugo is not installed (apt-get install hugo): it is the oracle here")
    book = next((corpus / "books").glob("absoludity__*"), None)
    if book is None:
        pytest.skip("the Hugo book is not in the corpus")
    site = tmp_path / "book"
    shutil.copytree(book, site)
    config = 'title = "Geometry of relativity"\nbaseURL = "https://example.org/"\n'
    (site / "hugo.toml").write_text(config, encoding="utf-8")
    theirs = hugo_urls(site, tmp_path / "hugo")
    out = tmp_path / "out"
    _build(site, out, capsys)
    ours = list_urls(out)
    assert len(theirs) > 20
    assert sorted(set(theirs) - set(ours)) == []
    wrong = {url: (served.kind, ours[url].kind) for url, served in theirs.items()}
    assert {url: kinds for url, kinds in wrong.items() if kinds[0] != kinds[1]} == {}
