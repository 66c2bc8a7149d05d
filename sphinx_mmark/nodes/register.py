"""Register every node that sphinx-mmark adds, with its writers' visitors and assets."""

from __future__ import annotations

from sphinx.application import Sphinx

from .blocks import add_block_nodes
from .citations import add_citation_nodes
from .embeds import add_embed_nodes
from .inline import add_inline_nodes
from .structure import add_structure_nodes


def register_nodes(app: Sphinx) -> None:
    """Register the nodes of every module of :mod:`sphinx_mmark.nodes`."""
    add_citation_nodes(app)
    add_inline_nodes(app)
    add_block_nodes(app)
    add_structure_nodes(app)
    add_embed_nodes(app)
