"""Which ``.md`` files are mmark, with and without MyST-Parser, and which drafts are left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import build, write_project

MMARK_POST = """\
---
title: Hugo post
markup: mmark
---

Inline $$a+b$$ math.
"""

MARKDOWN_KEY_POST = """\
---
title: Other key
markdown: mmark
---

Inline $$c$$ math.
"""

MYST_PAGE = """\
# MyST page

```{note}
A MyST directive.
```
"""

PATTERN_POST = "# By pattern\n\nInline $$d$$ math.\n"

INDEX = "Home\n====\n\n.. toctree::\n   :glob:\n\n   *\n"


def _is_mmark(html: str) -> bool:
    """mmark pages render inline $$ math as math; MyST (no dollarmath) leaves it as text."""
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one("span.math") is not None


@pytest.mark.parametrize(
    "extensions",
    [["sphinx_mmark", "myst_parser"], ["myst_parser", "sphinx_mmark"]],
    ids=["mmark-first", "myst-first"],
)
def test_with_myst_front_matter_and_patterns_decide(tmp_path: Path, extensions: list[str]) -> None:
    write_project(
        tmp_path,
        {
            "index.rst": INDEX + "   legacy/*\n",
            "hugo.md": MMARK_POST,
            "other.md": MARKDOWN_KEY_POST,
            "myst.md": MYST_PAGE,
            "legacy/old.md": PATTERN_POST,
            "plain.mmark": "# Suffix\n\nInline $$e$$ math.\n",
        },
        conf=f"extensions = {extensions!r}\nmmark_md_patterns = ['legacy/*.md']\n",
    )
    result = build(tmp_path, "html")
    assert result.warning_lines() == []
    assert _is_mmark(result.html("hugo"))
    assert _is_mmark(result.html("other"))
    assert _is_mmark(result.html("legacy/old"))
    assert _is_mmark(result.html("plain"))
    myst = result.html("myst")
    assert not _is_mmark(myst)
    assert 'class="admonition note"' in myst


def test_without_myst_every_md_file_is_mmark(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"index.rst": INDEX, "plain.md": "# Plain\n\nInline $$z$$ math.\n"},
    )
    result = build(tmp_path, "html")
    assert result.warning_lines() == []
    assert _is_mmark(result.html("plain"))


def test_drafts_are_left_out_without_warnings(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "index.rst": INDEX,
            "published.md": "---\ntitle: Out\n---\n\nText.\n",
            "draft.md": "---\ntitle: Draft\ndraft: true\n---\n\nText.\n",
            "toml-draft.mmark": "+++\ntitle = 'Draft'\ndraft = true\n+++\n\nText.\n",
            "string-draft.md": "---\ntitle: Draft\ndraft: 'true'\n---\n\nText.\n",
            "not-a-draft.md": "---\ntitle: Kept\ndraft: false\n---\n\nText.\n",
        },
    )
    result = build(tmp_path, "html")
    assert result.warning_lines() == []
    built = {p.stem for p in result.outdir.glob("*.html")}
    assert {"published", "not-a-draft"} <= built
    assert not {"draft", "toml-draft", "string-draft"} & built


def test_drafts_are_built_on_request(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"index.rst": INDEX, "draft.md": "---\ntitle: Draft\ndraft: true\n---\n\nText.\n"},
        conf="mmark_build_drafts = True\n",
    )
    result = build(tmp_path, "html")
    assert result.warning_lines() == []
    assert (result.outdir / "draft.html").exists()


def test_a_myst_page_marked_draft_is_not_an_mmark_draft(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"index.rst": INDEX, "myst.md": "---\ndraft: true\n---\n\n# MyST with a draft key\n"},
        conf="extensions = ['sphinx_mmark', 'myst_parser']\n",
    )
    result = build(tmp_path, "html")
    assert (result.outdir / "myst.html").exists()


def test_a_draft_published_later_is_built_on_the_next_build(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    write_project(
        tmp_path,
        {"index.rst": INDEX, "post.md": "---\ntitle: Soon\ndraft: true\n---\n\nText.\n"},
    )
    first = build(tmp_path, "html")
    assert not (first.outdir / "post.html").exists()
    # the draft scan remembers files by time and size: an edit must be seen
    post.write_text("---\ntitle: Soon\ndraft: false\n---\n\nText.\n", encoding="utf-8")
    second = build(tmp_path, "html", fresh=False)
    assert second.warning_lines() == []
    assert (second.outdir / "post.html").exists()


def test_numbering_is_on_only_where_there_are_captions(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    write_project(plain, {"index.rst": INDEX, "post.md": "# Post\n\nNo figures here.\n"})
    assert build(plain, "html").app.config.numfig is False
    captioned = tmp_path / "captioned"
    table = "| a | b |\n|---|---|\n| 1 | 2 |\nTable: Numbers {#numbers}\n\nSee (#numbers).\n"
    write_project(captioned, {"index.rst": INDEX, "post.md": "# Post\n\n" + table})
    result = build(captioned, "html")
    assert result.app.config.numfig is True
    assert result.warning_lines() == []
    assert "Table 1" in result.html("post")
