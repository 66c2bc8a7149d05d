"""Real Hugo posts and the Hugo math book, built through the command line as sites.

Skips without the shared corpus. Prints the warnings per file (``pytest -s``)
so that the report can say what they are; the build itself must succeed and
every post must become a page.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from sphinx_mmark.cli import main

_WARNING = re.compile(
    r"^(?P<file>\S+?):(?P<line>\d+)?:? ?WARNING: (?P<msg>.*?)(?: \[(?P<type>[\w.]+)\])?$"
)


def _build(src: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    status = main(["build", str(src), str(out), "-q", "--drafts", "--future", "--expired"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "Traceback" not in err
    return [line for line in err.splitlines() if "WARNING" in line]


def _report(title: str, warnings: list[str], root: Path) -> None:
    per_file: dict[str, Counter[str]] = {}
    for line in warnings:
        match = _WARNING.match(line.replace(str(root) + "/", ""))
        name = match.group("file") if match else "?"
        kind = (match.group("type") if match else None) or "other"
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
        _report("hugo-posts", warnings, posts)
    for source in sorted((corpus / "hugo-posts").iterdir()):
        if source.suffix in (".md", ".mmark"):
            page = out / source.stem / "index.html"
            assert page.is_file(), source.name


def test_hugo_book_as_a_site(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = next((corpus / "books").glob("absoludity__*"), None)
    if book is None:
        pytest.skip("the Hugo book is not in the corpus")
    site = tmp_path / "book"
    shutil.copytree(book, site)
    (site / "config.toml").write_text('title = "Geometry of relativity"\n', encoding="utf-8")
    out = tmp_path / "out"
    warnings = _build(site, out, capsys)
    with capsys.disabled():
        _report("hugo book", warnings, site / "content")
    assert (out / "_index" / "index.html").is_file()
    chapters = [p for p in (site / "content").rglob("_index.mmark") if p.parent != site / "content"]
    for chapter in chapters:
        rel = chapter.parent.relative_to(site / "content")
        assert (out / rel / "_index" / "index.html").is_file(), rel
