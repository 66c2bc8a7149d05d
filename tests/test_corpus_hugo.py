"""Every real Hugo post of the shared corpus builds (HTML and LaTeX); its warnings, per kind,
stay within the ratcheted baseline (``tests/corpus_baseline.py``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .corpus_baseline import check_warnings, logged_warnings
from .helpers import build, write_project


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_hugo_posts_build(corpus: Path, tmp_path: Path, builder: str) -> None:
    posts = sorted((corpus / "hugo-posts").iterdir())
    assert posts, "the corpus has Hugo posts"
    src = tmp_path / "site"
    write_project(
        src,
        {"index.rst": "Posts\n=====\n\n.. toctree::\n   :glob:\n\n   posts/*\n"},
        conf="mmark_build_drafts = True\n",
    )
    (src / "posts").mkdir()
    for post in posts:
        shutil.copy(post, src / "posts" / post.name)
    result = build(src, builder)
    if builder == "html":
        built = {p.relative_to(result.outdir).as_posix() for p in result.outdir.rglob("*.html")}
        assert {f"posts/{Path(p.name).stem}.html" for p in posts} <= built
    else:
        (tex,) = result.outdir.glob("*.tex")
        written = set(
            re.findall(r"\\label\{\\detokenize\{(posts/[^}:]+)::doc\}\}", tex.read_text())
        )
        assert {f"posts/{Path(p.name).stem}" for p in posts} <= written
    found = logged_warnings(result.warnings, src)
    print(f"\n{builder}: {len(found)} warnings")
    for line in result.warning_lines():
        print("  ", line)
    check_warnings(f"hugo-posts {builder}", found)
