"""Reading one mmark document: front matter, flavour, includes, markdown-it, renderer.

Kept apart from :mod:`sphinx_mmark.sphinx_ext.parsers` (the parser classes ``setup()``
registers) so that the markdown machinery is imported on the first document
read, not at start-up: a rebuild with nothing to read never loads it.
"""

from __future__ import annotations

import os
from functools import cache

from docutils import nodes
from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..config import mmark_settings
from ..parse import front_matter as fm
from ..parse.decoding import nul_line
from ..parse.env import MarkdownEnv, escaped_math_for, untyped
from ..parse.flavour import Decision, decide
from ..parse.markdown import build_parser
from ..render.renderer import MmarkRenderer
from ..warnings_ import MmarkWarning, warn
from .includes import expand_includes, relocate_nodes

_LOGGER = logging.getLogger(__name__)


@cache
def shared_parser() -> MarkdownIt:
    """The process-wide mmark parser, rendering to docutils with MyST's default settings."""
    md = build_parser(MmarkRenderer)
    md.options["myst_config"] = MdParserConfig()
    return md


def prepare() -> None:
    """Build the process's markdown-it parser now (imports happened with this module)."""
    shared_parser()


def parse_mmark(inputstring: str, document: nodes.document) -> None:
    """Parse mmark text into ``document``.

    The markdown-it environment handed to every rule (a
    :class:`~sphinx_mmark.parse.env.MarkdownEnv`, built here once) holds ``flavour``
    (``"v1"`` or ``"v2"``, see :mod:`sphinx_mmark.parse.flavour`), ``escaped_math``
    (from ``mmark_escaped_math``), the front matter, and the include expansion
    (:mod:`sphinx_mmark.parse.includes`): token lines are lines of the expanded text
    until :func:`relocate_nodes` points nodes at their files.
    """
    env: BuildEnvironment = document.settings.env
    block = fm.head_block(inputstring)
    front = fm.read_or_none(block)
    decision = _decide_flavour(inputstring, env, block, front)
    _warn_nul_bytes(inputstring, env)
    # Hugo rendered mmark without smartypants: quotes and dashes stay as typed.
    # v2 has them (docutils smart quotes, as the ``smartquotes`` config allows).
    # (The settings object may be shared with other documents: change a copy.)
    if decision.flavour == "v1":
        document.settings = document.settings.copy()
        document.settings.smart_quotes = False
    md = shared_parser()
    # includes are spliced before block parsing; env maps lines back to their files
    expansion = expand_includes(inputstring, document, md, decision.flavour)
    md_env: MarkdownEnv = {
        "flavour": decision.flavour,
        "escaped_math": escaped_math_for(mmark_settings(env.config).escaped_math, decision.flavour),
        "mmark_front_matter": front,  # read once: the renderer reuses it for the same block
        "mmark_includes": expansion,
        "mmark_code_includes": expansion.code,
    }
    md.options["document"] = document
    try:
        md.render(expansion.text, untyped(md_env))
    finally:
        md.options.pop("document", None)
    relocate_nodes(document, expansion.origins)


def _decide_flavour(
    text: str, env: BuildEnvironment, block: fm.Block | None, front: fm.FrontMatter | None
) -> Decision:
    """The flavour of the document being read (logged at verbose level)."""
    data = front.data if front is not None else {}
    decision = decide(
        text,
        front_matter_kind=block.kind if block is not None and block.closed else None,
        front_matter_value=data.get("mmark_flavour"),
        configured=mmark_settings(env.config).flavour,
        suffix=os.path.splitext(str(env.doc2path(env.docname)))[1],
    )
    _LOGGER.verbose("[mmark] %s: flavour %s (%s)", env.docname, decision.flavour, decision.reason)
    return decision


def _warn_nul_bytes(text: str, env: BuildEnvironment) -> None:
    """Warn once when the document being read holds NUL bytes."""
    bad_line = nul_line(text)
    if bad_line is not None:
        warn(
            f"{os.path.basename(env.doc2path(env.docname))} contains NUL bytes; "
            "they are shown as U+FFFD",
            MmarkWarning.ENCODING,
            location=(env.docname, bad_line),
        )
