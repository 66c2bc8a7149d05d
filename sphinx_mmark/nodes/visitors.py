"""What every node module shares: the writers, no-op visitors, and one way to register a node.

A visitor is a function ``(translator, node) -> None`` that Sphinx calls as a
method of the writer's translator. :func:`add_node` registers a node with its
own visitor pair for the writers that show it, and one shared pair (by default
:data:`SKIPPED`: the node and its children write nothing) for the others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypedDict

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.text import TextTranslator

Visitor = Callable[[Any, Any], None]
"""A visit or depart function: called with the writer's translator and the node."""

VisitorPair = tuple[Visitor, Visitor | None]
"""The visit and depart functions of one node for one writer."""

WRITERS = ("html", "latex", "text", "man", "texinfo")
"""The writers every node that sphinx-mmark adds is registered with."""


def ignore(self: Any, node: nodes.Element) -> None:
    """Write nothing (a depart, or a visit after which the children are written as usual)."""


def skip(self: Any, node: nodes.Element) -> None:
    """Write nothing, not even the node's children."""
    raise nodes.SkipNode


SKIPPED: VisitorPair = (skip, ignore)
"""The pair of a writer that leaves the node (and its children) out."""

TRANSPARENT: VisitorPair = (ignore, ignore)
"""The pair of a writer that writes only the node's children."""


def writes(text: Callable[[Any], str]) -> Visitor:
    """A visit that writes ``text(node)`` in place of the node and its children.

    The text writer gets it through ``add_text`` (it wraps lines), every other
    writer appends it to its body.
    """

    def visit(self: Any, node: nodes.Element) -> None:
        if isinstance(self, TextTranslator):
            self.add_text(text(node))
        else:
            self.body.append(text(node))
        raise nodes.SkipNode

    return visit


def writes_fixed(text: str) -> Visitor:
    """A visit that writes ``text`` (the same for every node) in place of the node."""
    return writes(lambda node: text)


class _Pairs(TypedDict):
    """The visitor pair of each writer of :data:`WRITERS`."""

    html: VisitorPair
    latex: VisitorPair
    text: VisitorPair
    man: VisitorPair
    texinfo: VisitorPair


def add_node(
    app: Sphinx, node: type[nodes.Element], others: VisitorPair, /, **writers: VisitorPair
) -> None:
    """Register ``node`` with the pairs in ``writers`` (keyed by writer name), and with
    ``others`` for every writer of :data:`WRITERS` that ``writers`` does not name."""
    unknown = set(writers) - set(WRITERS)
    if unknown:
        raise ValueError(f"no such writer: {', '.join(sorted(unknown))}")
    pairs = _Pairs(
        html=writers.get("html", others),
        latex=writers.get("latex", others),
        text=writers.get("text", others),
        man=writers.get("man", others),
        texinfo=writers.get("texinfo", others),
    )
    app.add_node(node, **pairs)
