"""Sphinx source parsers: ``.mmark`` files, and ``.md`` files that are mmark.

:class:`MmarkParser` handles the ``mmark`` file type (the ``.mmark`` suffix).
:class:`MarkdownParser` replaces MyST-Parser's parser for ``.md`` files and
decides per document (see :mod:`sphinx_mmark.detect`) whether the text is
mmark or MyST; MyST documents go to MyST-Parser unchanged.
"""

from __future__ import annotations

import os

from docutils import nodes
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import front_matter as fm
from .detect import head_data, is_mmark, myst_loaded
from .flavour import decide
from .markdown import shared_parser
from .renderer import MmarkRenderer

_LOGGER = logging.getLogger(__name__)


def parse_mmark(inputstring: str, document: nodes.document) -> None:
    """Parse mmark text into ``document``.

    The markdown-it environment handed to every rule holds ``flavour``
    (``"v1"`` or ``"v2"``, see :mod:`sphinx_mmark.flavour`).
    """
    env: BuildEnvironment = document.settings.env
    block = fm.find_block(inputstring.split("\n", fm.MAX_SCAN_LINES + 2)[: fm.MAX_SCAN_LINES + 2])
    data = head_data(inputstring) if block is not None else {}
    decision = decide(
        inputstring,
        front_matter_kind=block.kind if block is not None and block.closed else None,
        front_matter_value=data.get("mmark_flavour"),
        configured=env.config.mmark_flavour,
        suffix=os.path.splitext(str(env.doc2path(env.docname)))[1],
    )
    _LOGGER.verbose("[mmark] %s: flavour %s (%s)", env.docname, decision.flavour, decision.reason)
    # Hugo rendered mmark without smartypants: quotes and dashes stay as typed.
    # (The settings object may be shared with other documents: change a copy.)
    document.settings = document.settings.copy()
    document.settings.smart_quotes = False
    md = shared_parser(MmarkRenderer)
    md.options["document"] = document
    try:
        md.render(inputstring, {"flavour": decision.flavour})
    finally:
        md.options.pop("document", None)


class MmarkParser(MystParser):
    """The parser for the ``mmark`` file type."""

    supported = ("mmark",)  # type: ignore[misc]

    def parse(self, inputstring: str, document: nodes.document) -> None:
        parse_mmark(inputstring, document)


class MarkdownParser(MystParser):
    """The parser for ``.md`` files: mmark or MyST, decided per document."""

    supported = MystParser.supported  # type: ignore[misc]

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        relpath = os.path.relpath(env.doc2path(env.docname), env.srcdir).replace(os.sep, "/")
        myst = myst_loaded(env.config.extensions)
        data = head_data(inputstring) if myst else {}
        if is_mmark(relpath, data, myst=myst, patterns=list(env.config.mmark_md_patterns)):
            parse_mmark(inputstring, document)
        else:
            super().parse(inputstring, document)
