"""sphinx-mmark sets up MyST's renderer state itself (without MyST's spare document per page)
and nests the tokens itself (to free the tree after the page): both must stay what MyST's own
``setup_render`` and ``_render_tokens`` give."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from docutils import nodes
from docutils.utils import new_document
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

from sphinx_mmark.parse.markdown import build_parser
from sphinx_mmark.render.renderer import MmarkRenderer, _SphinxRendererBase

from .helpers import build, write_project

_NOT_STATE = {"md", "rules"}  # the parser and the bound render methods differ by class


def _state(renderer: object) -> dict[str, object]:
    return {k: v for k, v in vars(renderer).items() if k not in _NOT_STATE}


def test_setup_render_sets_what_myst_sets(tmp_path: Path) -> None:
    write_project(tmp_path, {"index.md": "# T\n"})
    env = build(tmp_path, "dummy").app.env
    document = new_document("test.md")
    document.settings.env = env
    options = dict(build_parser().options, document=document, myst_config=MdParserConfig())

    mine = _SphinxRendererBase(build_parser())
    theirs = SphinxRenderer(build_parser())
    mine.setup_render(options, {})
    theirs.setup_render(options, {})

    assert _state(mine) == _state(theirs)


_PAGE = """---
title: "Trees"
---

# Section

Text with a note[^a], an inline note^[inline *text*] and `code`.

> A quote with a note[^b].

| a | b |
|---|---|
| 1 | 2 |

[^a]: First *note*.
[^b]: Second note.
"""


def _pseudo_xml(tmp_path: Path) -> str:
    """The page's doctree, with every element's source line."""
    write_project(tmp_path, {"index.md": _PAGE})
    doctree = build(tmp_path, "dummy").doctree("index")
    lines = [f"{node.tagname}:{node.line}" for node in doctree.findall(nodes.Element)]
    return doctree.pformat() + " ".join(lines)


def test_render_tokens_gives_what_myst_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our ``_render_tokens`` (which keeps the tree to release it) renders as MyST's does."""
    ours = _pseudo_xml(tmp_path / "ours")
    monkeypatch.setattr(MmarkRenderer, "_render_tokens", SphinxRenderer._render_tokens)
    theirs = _pseudo_xml(tmp_path / "theirs")
    assert ours.replace("/ours/", "/") == theirs.replace("/theirs/", "/")
    assert "First" in ours  # the notes were rendered
    assert "inline" in ours


def test_no_syntax_tree_outlives_its_page(tmp_path: Path) -> None:
    """Reference counting frees each page's token tree: nothing waits for the cyclic GC."""
    write_project(tmp_path, {"index.md": _PAGE, "other.md": _PAGE.replace("Trees", "Other")})
    gc.collect()
    gc.disable()
    try:
        before = sum(isinstance(obj, SyntaxTreeNode) for obj in gc.get_objects())
        build(tmp_path, "dummy")
        after = sum(isinstance(obj, SyntaxTreeNode) for obj in gc.get_objects())
    finally:
        gc.enable()
    assert after == before
