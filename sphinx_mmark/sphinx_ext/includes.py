"""Includes for one Sphinx document: settings from the configuration, warnings, dependencies."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from docutils import nodes
from markdown_it import MarkdownIt
from sphinx.environment import BuildEnvironment

from ..config import mmark_settings
from ..parse.flavour import Flavour
from ..parse.includes.expand import Expansion, IncludeSettings, expand_document
from ..parse.includes.origin import Origin, origin_of
from ..parse.includes.rule import scan
from ..warnings_ import MmarkWarning, warn


def settings_for(
    env: BuildEnvironment, document: nodes.document, flavour: Flavour
) -> IncludeSettings:
    """The include settings of the document being read."""
    settings = mmark_settings(env.config)
    srcdir = Path(os.path.realpath(env.srcdir))
    configured = list(settings.include_roots) or ["."]
    roots = [Path(os.path.realpath(srcdir / root)) for root in configured]
    return IncludeSettings(
        roots=roots,
        srcdir=srcdir,
        flavour=flavour,
        max_depth=settings.include_depth,
        max_bytes=settings.include_max_bytes,
        enabled=bool(getattr(document.settings, "file_insertion_enabled", True)),
    )


def expand_includes(
    text: str, document: nodes.document, md: MarkdownIt, flavour: Flavour
) -> Expansion:
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


def relocate_nodes(document: nodes.document, origins: Sequence[Origin]) -> None:
    """Give every node of ``document`` its real file and line (nodes hold expanded lines)."""
    if not origins:
        return  # nothing was included: every line is already the document's own
    source = document.get("source")
    for node in document.findall(nodes.Element):
        if node.line is None or node.source not in (None, source):
            continue
        origin = origin_of(origins, node.line)
        if origin is None:
            continue
        if origin.site.parent is not None:
            node.source = str(origin.site.path)
        node.line = origin.line
