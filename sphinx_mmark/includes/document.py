"""Includes for one Sphinx document: settings from the configuration, warnings, dependencies."""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from markdown_it import MarkdownIt
from sphinx.environment import BuildEnvironment

from ..warnings_ import MmarkWarning, warn
from .expand import Expansion, IncludeSettings, expand_document
from .origin import Origin
from .rule import scan


def settings_for(env: BuildEnvironment, document: nodes.document, flavour: str) -> IncludeSettings:
    """The include settings of the document being read."""
    srcdir = Path(os.path.realpath(env.srcdir))
    configured = list(env.config.mmark_include_roots) or ["."]
    roots = [Path(os.path.realpath(srcdir / root)) for root in configured]
    return IncludeSettings(
        roots=roots,
        srcdir=srcdir,
        flavour=flavour,
        max_depth=env.config.mmark_include_depth,
        max_bytes=env.config.mmark_include_max_bytes,
        enabled=bool(getattr(document.settings, "file_insertion_enabled", True)),
    )


def expand_includes(text: str, document: nodes.document, md: MarkdownIt, flavour: str) -> Expansion:
    """Expand the includes of the document being read; warn and note dependencies."""
    env: BuildEnvironment = document.settings.env
    docname = env.docname

    def warner(message: str, origin: Origin) -> None:
        warn(
            message + origin.chain(),
            MmarkWarning.INCLUDE,
            location=(docname, origin.top().line),
        )

    def noter(path: Path, text_found: bool) -> None:
        env.note_dependency(path)
        if text_found:
            env.note_included(path)

    return expand_document(
        text,
        source=Path(env.doc2path(docname)),
        settings=settings_for(env, document, flavour),
        scanner=lambda part: scan(md, part, flavour),
        warner=warner,
        noter=noter,
    )
