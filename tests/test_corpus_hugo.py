"""Every real Hugo post of the shared corpus builds (HTML and LaTeX) without a traceback."""

from __future__ import annotations

import collections
import shutil
from pathlib import Path

import pytest

from .helpers import build, write_project


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_hugo_posts_build(corpus: Path, tmp_path: Path, builder: str) -> None:
    posts = sorted((corpus / "hugo-posts").iterdir())
    assert posts, "the corpus has Hugo posts"
    src = tmp_path / "site"
    write_project(
        src,
        {"index.rst": "Posts\n=====\n\n.. toctree::\n   :glob:\n\n   posts/*\n"},
        conf="mmark_include_drafts = True\n",
    )
    (src / "posts").mkdir()
    for post in posts:
        shutil.copy(post, src / "posts" / post.name)
    result = build(src, builder)
    built = {p.stem for p in (result.outdir).rglob("*.html")} if builder == "html" else set()
    if builder == "html":
        assert {Path(p.name).stem for p in posts} <= built
    per_file = collections.Counter(line.split(":", 1)[0] for line in result.warning_lines())
    print(f"\n{builder}: {sum(per_file.values())} warnings")
    for line in result.warning_lines():
        print("  ", line)
    assert "Traceback" not in result.warnings
