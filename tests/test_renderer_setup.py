"""sphinx-mmark sets up MyST's renderer state itself (without MyST's spare document per page):
the state must stay what MyST's own ``setup_render`` gives."""

from __future__ import annotations

from pathlib import Path

from docutils.utils import new_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

from sphinx_mmark.markdown import build_parser
from sphinx_mmark.renderer import _SphinxRendererBase

from .helpers import build, write_project

_NOT_STATE = {"md", "rules"}  # the parser and the bound render methods differ by class


def _state(renderer: object) -> dict[str, object]:
    return {k: v for k, v in vars(renderer).items() if k not in _NOT_STATE}


def test_setup_render_sets_what_myst_sets(tmp_path: Path) -> None:
    write_project(tmp_path, {"index.md": "# T\n"})
    env = build(tmp_path, "dummy").app.env
    document = new_document("test.md")
    document.settings.env = env
    options = dict(build_parser().options, document=document)

    mine = _SphinxRendererBase(build_parser())
    theirs = SphinxRenderer(build_parser())
    mine.setup_render(options, {})
    theirs.setup_render(options, {})

    assert _state(mine) == _state(theirs)
