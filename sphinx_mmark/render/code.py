"""Code blocks and their callouts.

* A fenced block is always code; the first word of its info string (``go``,
  ``{.go}``) is its language, as Pygments knows it
  (:func:`~sphinx_mmark.render.highlighting.highlight_language`). When that is
  not the word the author wrote (a language Pygments does not know, such as
  ``ascii-art``), the author's word is kept in the ``mmark_language`` attribute
  for the ``rfcxml`` builder (``<sourcecode type="ascii-art">``, as mmark writes);
  for a code include (``<{{file.tree}}``) it is the file's extension, as in mmark.
* Callouts (``<1>`` markers in code, ``<1>`` references in prose, see
  :mod:`~sphinx_mmark.parse.syntax.callouts`): each marker in a code block
  becomes a target, and once the page is read
  :meth:`CodeRendering._link_callouts` (a step of the renderer's finalise
  sequence) links each prose reference to the marker of the nearest block before
  it (else after it); a reference without a marker is reported.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line

from ..nodes.inline import CALLOUT_CLASS
from ..nodes.rfcxml_payload import AUTHORS_LANGUAGE
from ..parse.env import flavour_of
from ..parse.syntax.callouts import code_pattern, split_code
from ..warnings_ import MmarkWarning
from .base import RendererBase
from .highlighting import highlight_language
from .inline import own_inline


@dataclass
class _Callouts:
    """Callouts of one document: markers in code and references in prose, in order."""

    position: int = 0
    """Position of the last block or reference seen (blocks and references share it)."""
    blocks: int = 0
    """How many code blocks with callouts there were so far."""
    targets: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    """Callout number → ``(position, target id)`` of its markers, in order."""
    references: list[tuple[int, int, nodes.Element]] = field(default_factory=list)
    """``(position, number, reference node)`` of the references in prose."""
    ids: set[str] = field(default_factory=set)
    """The marker ids given out."""
    suffixes: dict[str, int] = field(default_factory=dict)
    """Base id → the suffix last given to it (0: none)."""


class CodeRendering(RendererBase):
    """Code ``render_*`` methods, callouts and their end-of-page step; see the module
    docstring."""

    _callouts: _Callouts
    """The callouts of the document."""

    def _setup_callouts(self) -> None:
        self._callouts = _Callouts()

    def render_fence(self, token: SyntaxTreeNode) -> None:
        """A fenced block is always code; the first word of the info string is its language."""
        info = token.info.strip()
        words = info.strip("{}").split()
        language = highlight_language(words[0].lstrip(".")) if words else ""
        text = token.content.rstrip("\n")
        node = self.create_highlighted_code_block(
            text, language or None, source=self.document["source"], line=token_line(token, 0)
        )
        authors = _authors_language(token, words)
        if (
            authors
            and isinstance(node, nodes.literal_block)
            and (authors != node.get("language") or authors in ("none", "default"))
        ):
            node[AUTHORS_LANGUAGE] = authors
        node = self.code_callouts(node, token)
        self.current_node.append(node)

    def render_code_block(self, token: SyntaxTreeNode) -> None:
        """An indented code block, with its callouts."""
        super().render_code_block(token)
        last = self.current_node.children[-1]
        if isinstance(last, nodes.literal_block):
            self.code_callouts(last, token)  # changes it in place

    def render_mmark_callout_ref(self, token: SyntaxTreeNode) -> None:
        number = int(token.meta["number"])
        marker = nodes.inline(token.content, str(number), classes=[CALLOUT_CLASS])
        self.add_line_and_source_path(marker, token)
        state = self._callouts
        state.position += 1
        state.references.append((state.position, number, marker))
        self.current_node.append(marker)

    def code_callouts(self, node: nodes.Element, token: SyntaxTreeNode | None) -> nodes.Element:
        """Turn the callouts in a code block into markers; the hook for every code block.

        Returns ``node`` itself, changed in place. A block with callouts keeps
        its ``language`` but is no longer syntax-highlighted (as in mmark).
        """
        if not isinstance(node, nodes.literal_block):
            return node
        setting = _block_attribute(token, "callout") if token is not None else None
        pattern = code_pattern(flavour_of(self.md_env), setting)
        if pattern is None:
            return node
        source = node.astext()
        pieces = split_code(source, pattern)
        if all(isinstance(piece, str) for piece in pieces):
            return node
        state = self._callouts
        state.blocks += 1
        state.position += 1
        node.children = []
        for piece in pieces:
            if isinstance(piece, str):
                node += nodes.Text(piece)
                continue
            target_id = self._callout_id(state.blocks, piece)
            state.targets.setdefault(piece, []).append((state.position, target_id))
            marker = nodes.inline(str(piece), str(piece), classes=[CALLOUT_CLASS])
            node += own_inline(nodes.target("", "", ids=[target_id]), marker)
        node.rawsource = source
        return node

    def _callout_id(self, block: int, number: int) -> str:
        """``callout-<block>-<number>``, with the first free suffix when that is taken.

        The search goes on from the suffix last given to the same base (the ones before
        it are taken), so a number repeated k times in a block costs k tries, not k².
        """
        state = self._callouts
        base = f"callout-{block}-{number}"
        suffix = state.suffixes.get(base, 0)
        candidate = f"{base}-{suffix}" if suffix else base
        while candidate in self.document.ids or candidate in state.ids:
            suffix += 1
            candidate = f"{base}-{suffix}"
        state.suffixes[base] = suffix
        state.ids.add(candidate)
        return candidate

    def _link_callouts(self) -> None:
        """Link each prose reference to its callout (nearest block before, else after)."""
        state = self._callouts
        # id of a parent -> (the parent, id of a marker in it -> the reference to put it in)
        links: dict[int, tuple[nodes.Element, dict[int, nodes.Element]]] = {}
        for position, number, marker in state.references:
            chosen = _nearest_target(state.targets.get(number, []), position)
            if chosen is None:
                self.mmark_warning(
                    f"callout {marker.rawsource} has no matching callout in a code block",
                    MmarkWarning.REF,
                    marker.line,
                )
                continue
            ref = nodes.reference("", "", refid=chosen, internal=True)
            ref.source, ref.line = marker.source, marker.line
            parent = marker.parent
            if parent is not None:
                links.setdefault(id(parent), (parent, {}))[1][id(marker)] = ref
        for parent, wrappers in links.values():
            _wrap_children(parent, wrappers)


def _wrap_children(parent: nodes.Element, wrappers: dict[int, nodes.Element]) -> None:
    """Put each child of ``parent`` whose ``id()`` is a key of ``wrappers`` into that wrapper,
    in its place. One pass over the children (replacing them one by one looks each up in
    the list: quadratic for a paragraph of many callout references)."""
    children = parent.children
    parent.children = []
    for child in children:
        wrapper = wrappers.get(id(child))
        if wrapper is not None:
            wrapper += child
            child = wrapper
        parent += child


def _nearest_target(targets: list[tuple[int, str]], position: int) -> str | None:
    """The id of the last of ``targets`` (``(position, id)``, in order) before ``position``,
    else of the first after it; None when there are none. A binary search: a long
    document with many references to one number stays linear."""
    index = bisect.bisect_left(targets, position, key=lambda target: target[0])
    if index > 0:
        return targets[index - 1][1]
    return targets[0][1] if targets else None


def _authors_language(token: SyntaxTreeNode, words: list[str]) -> str:
    """The language the author gave a fenced block: the first word of its info string
    (without the ``.`` of ``{.go}``), or for a code include the file's extension
    (mmark's ``type`` of it); "" when none."""
    include = token.meta.get("mmark_include")
    if include is not None:
        name = str(include).replace("\\", "/").rsplit("/", 1)[-1]
        return name.rpartition(".")[2] if "." in name.lstrip(".") else ""
    return words[0].lstrip(".") if words else ""


def _block_attribute(token: SyntaxTreeNode, name: str) -> str | None:
    """The block attribute ``name`` of a code block (``{callout="//"}`` before it).

    :mod:`sphinx_mmark.parse.syntax.attributes` copies every key to the block's
    opening token as a ``dict`` in ``meta["attributes"]`` (``"mmark_attrs"`` in
    its first version).
    """
    for key in ("attributes", "mmark_attrs"):
        attributes = token.meta.get(key)
        if isinstance(attributes, dict) and name in attributes:
            return str(attributes[name])
    return None
