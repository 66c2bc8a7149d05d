"""Footnotes and inline notes, numbered in order of first reference, at the end of the page.

* ``[^label]`` references become footnote references; ``[^label]: text``
  definitions and the text of inline notes (``^[text]``, see
  :mod:`~sphinx_mmark.parse.syntax.inline_notes`) are kept until the page is
  read, then :meth:`FootnoteRendering._render_footnotes` (a step of the
  renderer's finalise sequence) places every note, in order of first
  reference, at the end of the page (in the title's section if there is one).
* A second definition of a label, a definition never referenced, a reference
  never defined and a note without text are reported, once each.
"""

from __future__ import annotations

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line

from ..parse.slugs import slugify
from ..parse.syntax.inline_notes import TOKEN as INLINE_NOTE
from ..warnings_ import MmarkWarning
from .base import RendererBase


class FootnoteRendering(RendererBase):
    """Footnote ``render_*`` methods and the end-of-page step; see the module docstring."""

    def render_footnote_ref(self, token: SyntaxTreeNode) -> None:
        notes = self._footnotes
        if "label" in token.meta:
            label = str(token.meta["label"])
        else:  # an inline note, ^[text]: its text is a block at the end of the page
            label = _inline_note_label(token.meta["id"])
        if label not in notes.numbers:
            notes.order.append(label)
            notes.numbers[label] = len(notes.order)
        number = notes.numbers[label]
        refs = notes.references.setdefault(label, [])
        ref = nodes.footnote_reference(f"[^{label}]", str(number))
        self.add_line_and_source_path(ref, token)
        ref["ids"].append(self._claim_id(f"fnref-{slugify(label)}"))
        ref["refid"] = self._footnote_id(label)
        refs.append(ref)
        self.current_node.append(ref)

    def render_mmark_inline_note(self, token: SyntaxTreeNode) -> None:
        """An inline note's text (see :mod:`~sphinx_mmark.parse.syntax.inline_notes`)."""
        self._footnotes.definitions[_inline_note_label(token.meta["id"])] = token

    def render_footnote_reference(self, token: SyntaxTreeNode) -> None:
        """A footnote *definition* (``[^label]: text``): rendered once all refs are known."""
        label = str(token.meta["label"])
        if label in self._footnotes.definitions:
            self.mmark_warning(
                f"footnote [^{label}] is defined twice; the second definition is ignored",
                MmarkWarning.FOOTNOTE,
                token_line(token, 0),
            )
            return
        self._footnotes.definitions[label] = token

    def _render_footnotes(self) -> None:
        """Every footnote, numbered in order of first reference, then unreferenced ones.

        Rendering a note may reference further notes (an inline note in a
        footnote): they join the order and are rendered in turn.
        """
        notes = self._footnotes
        container = self._page_container()
        placed = self._place_footnotes(container, 0)
        # every definition exists by now (inline notes too): a list, not a live view
        for label, definition in list(notes.definitions.items()):
            if label in notes.numbers:
                continue
            self.mmark_warning(
                f"footnote [^{label}] is defined but never referenced",
                MmarkWarning.FOOTNOTE,
                token_line(definition, 0),
            )
            notes.order.append(label)
            notes.numbers[label] = len(notes.order)
            placed = self._place_footnotes(container, placed)

    def _place_footnotes(self, container: nodes.Element, start: int) -> int:
        """Render the notes of the order from ``start`` on; the count of notes placed."""
        notes = self._footnotes
        index = start
        while index < len(notes.order):
            label = notes.order[index]
            index += 1
            definition = notes.definitions.get(label)
            if definition is None:
                self._undefined_footnote(label)
                continue
            container.append(self._footnote_node(label, index, definition))
        return index

    def _footnote_node(self, label: str, number: int, definition: SyntaxTreeNode) -> nodes.footnote:
        note = nodes.footnote()
        self.add_line_and_source_path(note, definition)
        note["ids"].append(self._footnote_id(label))
        note["names"].append(nodes.fully_normalize_name(f"footnote {label}"))
        note["backrefs"] = [ref["ids"][0] for ref in self._footnotes.references.get(label, [])]
        note += nodes.label("", str(number))
        body: nodes.Element = note
        if definition.type == INLINE_NOTE:  # its text is one inline token
            body = nodes.paragraph()
            self.add_line_and_source_path(body, definition)
            note += body
        with self.current_node_context(body):
            self.render_children(definition)
        if not "".join(child.astext() for child in note.children[1:]).strip():
            self._textless_footnote(note, label, definition)
        self.document.ids[note["ids"][0]] = note
        return note

    def _textless_footnote(
        self, note: nodes.footnote, label: str, definition: SyntaxTreeNode
    ) -> None:
        """A note with no text: an invisible comment in it, and a warning unless it
        shows an image.

        docutils' man page writer splits a note's text into its number and the
        rest, and fails on a note that has only its number.
        """
        note += nodes.comment("", "note without text")
        if any(True for _ in note.findall(nodes.image)):
            return
        if definition.type == INLINE_NOTE:
            source = " ".join(definition.children[0].content.split()) if definition.children else ""
            name = f"inline note ^[{_shorten(source)}]"
        else:
            name = f"footnote [^{label}]"
        self.mmark_warning(f"{name} has no text", MmarkWarning.FOOTNOTE, token_line(definition, 0))

    def _footnote_id(self, label: str) -> str:
        ids = self._footnotes.ids
        if label not in ids:
            ids[label] = self._claim_id(f"fn-{slugify(label)}")
        return ids[label]

    def _undefined_footnote(self, label: str) -> None:
        refs = self._footnotes.references.get(label, [])
        line = refs[0].line if refs else None
        self.mmark_warning(
            f"footnote [^{label}] is referenced but never defined", MmarkWarning.FOOTNOTE, line
        )
        for ref in refs:
            ref["ids"] = []
            ref.replace_self(nodes.Text(f"[^{label}]"))


def _shorten(text: str, limit: int = 60) -> str:
    """``text``, cut to ``limit`` characters (an ellipsis marks the cut) for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _inline_note_label(note_id: object) -> str:
    """The label an inline note is known by: one that no ``[^label]`` can spell."""
    return f"^[{note_id}]"
