"""sphinx-mmark sets up MyST's renderer state itself (without MyST's spare document per page)
and nests the tokens itself (to free the tree after the page): both must stay what MyST's own
``setup_render`` and ``_render_tokens`` give. The renderer's concern classes are typed against
what ``render/myst.py`` declares about MyST's renderer: MyST must have it all."""

from __future__ import annotations

import gc
import inspect
from pathlib import Path

import pytest
from docutils import nodes
from docutils.utils import new_document
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from sphinx import addnodes

from sphinx_mmark.parse.markdown import build_parser
from sphinx_mmark.render.base import RendererBase
from sphinx_mmark.render.myst import MystExtensionPoints, MystRendering
from sphinx_mmark.render.renderer import MmarkRenderer, _SphinxRendererBase

from .helpers import build, write_project

_NOT_STATE = {"md", "rules"}  # the parser and the bound render methods differ by class


def _state(renderer: object) -> dict[str, object]:
    return {k: v for k, v in vars(renderer).items() if k not in _NOT_STATE}


def _options(tmp_path: Path) -> dict[str, object]:
    """Render options for a document of a built project."""
    write_project(tmp_path, {"index.md": "# T\n"})
    env = build(tmp_path, "dummy").app.env
    document = new_document("test.md")
    document.settings.env = env
    return dict(build_parser().options, document=document, myst_config=MdParserConfig())


def test_setup_render_sets_what_myst_sets(tmp_path: Path) -> None:
    options = _options(tmp_path)
    mine = _SphinxRendererBase(build_parser())
    theirs = SphinxRenderer(build_parser())
    mine.setup_render(options, {})
    theirs.setup_render(options, {})

    assert _state(mine) == _state(theirs)


def _declared(cls: type) -> set[str]:
    """The members ``cls`` itself declares: annotated attributes, methods, properties."""
    names = set(vars(cls).get("__annotations__", {})) | {
        name for name, value in vars(cls).items() if callable(value) or isinstance(value, property)
    }
    return {name for name in names if not name.startswith("__")}


def test_myst_has_every_member_declared_for_it(tmp_path: Path) -> None:
    """What ``render/myst.py`` declares exists on MyST's set-up renderer, with the same
    parameters: the types the concern classes are checked against are MyST's."""
    renderer = SphinxRenderer(build_parser())
    renderer.setup_render(_options(tmp_path), {})
    declared = _declared(MystRendering) | _declared(MystExtensionPoints)
    assert {"document", "md_env", "render_children", "current_node", "render_heading"} <= declared

    missing = sorted(name for name in declared if not hasattr(renderer, name))
    assert missing == []
    for name in sorted(declared):
        ours = inspect.getattr_static(MystRendering, name, None) or vars(MystExtensionPoints).get(
            name
        )
        if inspect.isfunction(ours):
            theirs = getattr(SphinxRenderer, name)
            assert list(inspect.signature(ours).parameters) == list(
                inspect.signature(theirs).parameters
            ), name


def test_no_two_concerns_define_the_same_name() -> None:
    """Each method of the renderer has one concern class (and the shared base), so the
    order of the concern classes in ``MmarkRenderer``'s bases changes nothing."""
    parts = [
        cls
        for cls in MmarkRenderer.__mro__[1:]
        if isinstance(cls, type) and issubclass(cls, RendererBase)
    ]
    assert len(parts) >= 10
    owner: dict[str, str] = {}
    clashes: list[str] = []
    for cls in parts:
        for name in _declared(cls):
            if name in owner:
                clashes.append(f"{name}: {owner[name]} and {cls.__name__}")
            owner[name] = cls.__name__
    assert clashes == []


def test_concern_classes_reach_myst_only_through_the_renderer() -> None:
    """At run time the concern classes derive from ``object``: MyST's methods that they
    extend come from MyST's renderer, last in ``MmarkRenderer``'s bases, not from the
    declarations in ``render/myst.py``."""
    mro = MmarkRenderer.__mro__
    assert MystRendering not in mro
    assert MystExtensionPoints not in mro
    assert mro.index(RendererBase) < mro.index(SphinxRenderer)
    renderer = MmarkRenderer(build_parser())
    assert renderer.rules["render_code_block"].__func__.__qualname__ == (
        "CodeRendering.render_code_block"
    )


_TARGETS = """# Page

{#para-x}
A paragraph with an id.

See (#para-x), [the paragraph](#para-x), {{< ref "index.md#para-x" >}} and [@para-x].
"""


def test_every_kind_of_reference_to_an_id_resolves_alike(tmp_path: Path) -> None:
    """An ``(#id)`` cross-reference, a ``#id`` link, a ``ref`` shortcode and a citation of
    an id of the page all become a reference to it, located on the line they are on,
    then a link to it."""
    write_project(tmp_path, {"index.md": _TARGETS})
    result = build(tmp_path, "dummy")
    assert result.warning_lines() == []

    read = result.app.env.get_doctree("index")
    pending = list(read.findall(addnodes.pending_xref))
    assert [xref["reftarget"] for xref in pending] == ["para-x"] * 4
    assert {(xref.source, xref.line) for xref in pending} == {(str(tmp_path / "index.md"), 6)}
    assert [xref["refexplicit"] for xref in pending] == [False, True, False, False]

    written = result.doctree("index")
    assert not list(written.findall(addnodes.pending_xref))
    refs = [ref for ref in written.findall(nodes.reference) if ref.get("refid") == "para-x"]
    assert len(refs) == 4
    assert "the paragraph" in [ref.astext() for ref in refs]


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
