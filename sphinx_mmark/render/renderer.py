"""markdown-it tokens of an mmark document to docutils nodes.

Builds on MyST-Parser's :class:`SphinxRenderer` for ordinary CommonMark and
overrides what mmark does differently: front matter and the page title,
heading ids and nesting, footnote numbering, cross-references, code fences.
Everything the renderer reports goes through :mod:`sphinx_mmark.warnings_`.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from docutils.parsers.rst.languages import get_language as get_language_rst
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.warnings_ import MystWarnings
from sphinx import addnodes

from ..nodes import MMARK_DOMAIN
from ..parse import front_matter as fm
from ..parse.includes.origin import warning_location
from ..parse.includes.paths import shown
from ..parse.slugs import slugify
from ..parse.syntax.inline_notes import TOKEN as INLINE_NOTE
from ..parse.syntax.nesting import ENV_KEY as NESTING_CUT
from ..parse.syntax.nesting import MAX_BLOCK_DEPTH
from ..warnings_ import MmarkWarning, warn
from .blocks import BlockRenderMixin
from .citations import CitationRenderMixin
from .front_matter import apply_front_matter
from .highlighting import highlight_language
from .images import REMOTE_FLAG, ImageFolders
from .inline import InlineRenderMixin
from .shortcodes import ShortcodeRenderMixin
from .structure import StructureRenderMixin

_DOC_SUFFIXES = (".md", ".mmark", ".rst", ".txt")


@dataclass
class _Footnotes:
    """Footnotes of one document, numbered in order of first reference."""

    definitions: dict[str, SyntaxTreeNode] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    references: dict[str, list[nodes.footnote_reference]] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)


class _SphinxRendererBase(SphinxRenderer):
    """MyST's Sphinx renderer, set up without its per-page spare document.

    MyST's ``setup_render`` evaluates ``options.get("document", make_document())``:
    a new docutils settings parser for every page even though the page's document
    is always given (a quarter of the cost of parsing a short post). This sets the
    same per-render state; ``tests/test_renderer_setup.py`` checks it stays the same
    as MyST's.
    """

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        if "document" not in options:
            super().setup_render(options, env)
            return
        self.md_env = env
        self.md_options = options
        self.md_config = options["myst_config"]
        self.document = options["document"]
        self.current_node = options.get("current_node", self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = cast(Any, get_language_rst(self.document.settings.language_code))
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}


class MmarkRenderer(
    BlockRenderMixin,
    StructureRenderMixin,
    InlineRenderMixin,
    CitationRenderMixin,
    ShortcodeRenderMixin,
    _SphinxRendererBase,
):
    """Render an mmark token stream into a Sphinx document."""

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        super().setup_render(options, env)
        self._taken_ids: set[str] = set()
        self._id_suffixes: dict[str, int] = {}
        self._raw_warned = False
        self._footnotes = _Footnotes()
        self._trees: list[SyntaxTreeNode] = []
        self.document["mmark"] = True

    def render(
        self, tokens: Sequence[Token], options: Any, md_env: MutableMapping[str, Any]
    ) -> nodes.document:
        try:
            return super().render(tokens, options, md_env)
        finally:
            self._release_tree()

    def _render_tokens(self, tokens: list[Token]) -> None:
        """Render block tokens through their syntax tree, keeping the tree.

        As MyST-Parser does it: token lines become 1-based (an inline token's
        children share its map), the tokens are nested into a ``SyntaxTreeNode``
        tree and each top-level node goes to its ``render_*`` method. The tree is
        kept so that :meth:`_release_tree` can take it apart once footnotes (nodes
        of the same tree) are rendered too. Besides the page's own, a nested
        render (MyST's ``nested_render_text``, for shortcode captions) makes a tree.
        """
        for token in tokens:
            if token.map:
                token.map = [token.map[0] + 1, token.map[1] + 1]
                for child in token.children or []:
                    child.map = token.map
        tree = SyntaxTreeNode(tokens)
        self._trees.append(tree)
        self.render_children(tree)

    def _release_tree(self) -> None:
        """Empty the children lists of the page's syntax trees.

        Each tree node points at its parent and its children: left whole, a
        tree (and every token it holds) waits for CPython's cyclic garbage
        collector, which on a long page means megabytes held through the
        transforms and the doctree pickling, and collections that walk them
        again and again. Without the parent-child cycles, reference counting
        frees the tree as soon as the renderer lets go of it.
        """
        stack = [*self._trees, *self._footnotes.definitions.values()]
        self._trees = []
        self._footnotes = _Footnotes()
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            node.children = []

    # -- warnings -------------------------------------------------------------

    def create_warning(
        self,
        message: str,
        subtype: MystWarnings | str,
        *,
        wtype: str | None = None,
        line: int | None = None,
        append_to: nodes.Element | None = None,
    ) -> nodes.system_message | None:
        """Route MyST's own warnings through sphinx-mmark's (type ``mmark``)."""
        self.mmark_warning(message, MmarkWarning.MARKDOWN, line)
        return None

    def mmark_warning(self, message: str, subtype: MmarkWarning, line: int | None) -> None:
        """Warn about this document at ``line`` (1-based, of the include-expanded text).

        A line from an included file is reported at the include line of the
        document, and the message names the file and the include chain.
        """
        line, chain = warning_location(self.md_env, line)
        warn(message + chain, subtype, location=(self.sphinx_env.docname, line))

    # -- front matter and title -----------------------------------------------

    def render_mmark_front_matter(self, token: SyntaxTreeNode) -> None:
        self._front_matter(cast(fm.Block, token.meta["block"]))

    def _front_matter(self, block: fm.Block) -> None:
        line = block.start + 1
        cached = self.md_env.get(fm.ENV_KEY)
        try:
            front = cached if cached is not None and cached.block == block else fm.read(block)
        except fm.FrontMatterError as error:
            self.mmark_warning(
                f"{fm.describe(block.kind)} ignored: {error}", MmarkWarning.FRONT_MATTER, line
            )
            return
        for problem in front.problems:
            self.mmark_warning(
                f"{fm.describe(block.kind)}: {problem}",
                MmarkWarning.FRONT_MATTER,
                front.line_of(problem),
            )
        if block.kind in ("titleblock", "titlelines"):
            self.render_title_block(front.data, line)
            return
        title = apply_front_matter(self.document, self.sphinx_env, front.data, line)
        if title:
            self._open_title_section(title, line)

    def _open_title_section(self, title: str, line: int) -> None:
        """Make ``title`` the page title; ``#`` headings then nest under it."""
        section = nodes.section()
        section.source, section.line = self.document["source"], line
        section_id = self._claim_id(slugify(title))
        section["ids"].append(section_id)
        title_node = nodes.title(title, title)
        title_node.source, title_node.line = self.document["source"], line
        section += title_node
        self.document += section
        self._note_section(section, title)
        self._level_to_section = {0: self.document, 1: section}
        self._heading_offset = 1
        self.current_node = section

    # -- headings ---------------------------------------------------------------

    def render_heading(self, token: SyntaxTreeNode) -> None:
        if not isinstance(self.current_node, nodes.document | nodes.section):
            self._render_rubric(token)  # a heading inside a list or quote
            return
        level = int(token.tag[1]) + self._heading_offset
        section = nodes.section()
        self.add_line_and_source_path(section, token)
        self.copy_attributes(token, section, ("class",))
        self.update_section_level_state(section, level)
        title_node = nodes.title()
        self.add_line_and_source_path(title_node, token)
        section += title_node
        with self.current_node_context(title_node):
            self.render_children(token)
        explicit = token.attrGet("id")
        line = token_line(token, 0)
        if explicit is not None:
            explicit = str(explicit)
            if explicit in self._taken_ids:
                self.mmark_warning(
                    f"duplicate heading id {explicit!r}", MmarkWarning.DUPLICATE_ID, line
                )
            section_id = self._claim_id(explicit)
        else:
            section_id = self._claim_id(slugify(title_node.astext()))
        section["ids"].append(section_id)
        self._note_section(section, title_node.astext())
        self.current_node = section

    def _render_rubric(self, token: SyntaxTreeNode) -> None:
        """A heading where no section can start: MyST's rubric, with the ``{#id}`` an id
        of this page (as a block's, see ``_give_id``), not a Sphinx label, which is
        global: every post may have the same ``{#id}``."""
        attrs = token.attrs  # the heading_open token's own mapping
        explicit = attrs.pop("id", None)
        try:
            super().render_heading(token)
        finally:
            if explicit is not None:
                attrs["id"] = explicit
        rubric = self.current_node.children[-1] if self.current_node.children else None
        if explicit is not None and isinstance(rubric, nodes.rubric):
            self._give_id(rubric, str(explicit), token_line(token, 0))

    def _note_section(self, section: nodes.section, title: str) -> None:
        """Register ``section`` (its id set) under its title as an implicit target.

        As docutils' ``note_implicit_target``, except that a repeated title only
        marks both sections' names as duplicates: docutils would also make an INFO
        message for it, which Sphinx drops again, and on long pages with many
        "Examples" sections making those costs time and memory.
        """
        name = nodes.fully_normalize_name(title)
        document = self.document
        if name not in document.nameids:
            section["names"].append(name)
            document.note_implicit_target(section, section)
            return
        document.set_id(section, section)
        section["dupnames"].append(name)
        old_id = document.nameids[name]
        if old_id is not None and not document.nametypes[name]:
            old = document.ids.get(old_id)
            if old is not None:
                nodes.dupname(old, name)
            document.nameids[name] = None  # type: ignore[assignment]  # as docutils: a duplicate only

    def update_section_level_state(self, section: nodes.section, level: int) -> None:
        """Nest ``section`` under the nearest shallower one.

        Unlike MyST, skipped levels (a post under a front-matter title that starts
        with ``##``) are normal in mmark and not worth a warning.
        """
        parent_level = max(lvl for lvl in self._level_to_section if lvl < level)
        self._level_to_section[parent_level].append(section)
        self._level_to_section = {
            lvl: sec for lvl, sec in self._level_to_section.items() if lvl < level
        }
        self._level_to_section[level] = section

    def _claim_id(self, candidate: str) -> str:
        """A document-unique id based on ``candidate`` (mmark's ``-1`` suffixes)."""

        def taken(node_id: str) -> bool:
            return node_id in self._taken_ids or node_id in self.document.ids

        chosen = candidate
        if taken(candidate):
            # count on from the last suffix given to this candidate: linear in repeats
            number = self._id_suffixes.get(candidate, 0) + 1
            while taken(f"{candidate}-{number}"):
                number += 1
            self._id_suffixes[candidate] = number
            chosen = f"{candidate}-{number}"
        self._taken_ids.add(chosen)
        return chosen

    # -- raw HTML -------------------------------------------------------------------

    def render_html_block(self, token: SyntaxTreeNode) -> None:
        if self._raw_allowed(token):
            super().render_html_block(token)
        else:
            node = nodes.literal_block(token.content, token.content)
            self.add_line_and_source_path(node, token)
            self.current_node.append(node)

    def render_html_inline(self, token: SyntaxTreeNode) -> None:
        if self._raw_allowed(token):
            super().render_html_inline(token)
        else:
            self.current_node.append(nodes.Text(token.content))

    def _raw_allowed(self, token: SyntaxTreeNode) -> bool:
        """docutils' ``raw_enabled``: when off, HTML is shown as text (one warning a page)."""
        if self.document.settings.raw_enabled:
            return True
        if not self._raw_warned:
            self._raw_warned = True
            self.mmark_warning(
                "raw HTML is disabled (raw_enabled = False): shown as text",
                MmarkWarning.RAW,
                token_line(token, 0),
            )
        return False

    # -- rules ------------------------------------------------------------------

    def render_hr(self, token: SyntaxTreeNode) -> None:
        """A horizontal rule: mmark allows one anywhere, docutils not at every place.

        A rule right after a heading, right after another rule, or last in the
        document is a normal thing in a blog post; an empty comment (invisible in
        every output) gives the transition the body element docutils wants beside it.
        """
        parent = self.current_node
        previous = parent.children[-1] if parent.children else None
        if isinstance(parent, nodes.document | nodes.section) and (
            previous is None or isinstance(previous, nodes.title | nodes.meta | nodes.transition)
        ):
            parent.append(nodes.comment())
        super().render_hr(token)

    # -- code -------------------------------------------------------------------

    def render_fence(self, token: SyntaxTreeNode) -> None:
        """A fenced block is always code; the first word of the info string is its language."""
        info = token.info.strip()
        words = info.strip("{}").split()
        language = highlight_language(words[0].lstrip(".")) if words else ""
        text = token.content.rstrip("\n")
        node = self.create_highlighted_code_block(
            text, language or None, source=self.document["source"], line=token_line(token, 0)
        )
        node = self.code_callouts(node, token)  # callouts (render_inline.py)
        self.current_node.append(node)

    # -- images -------------------------------------------------------------------

    def render_image(self, token: SyntaxTreeNode) -> None:
        super().render_image(token)
        image = cast(nodes.Element, self.current_node.children[-1])
        if "://" in str(image.get("uri", "")):
            image[REMOTE_FLAG] = True

    def renderInlineAsText(self, tokens: list[SyntaxTreeNode]) -> str:  # noqa: N802
        """An image description as text; an inline note in it keeps its text (a note
        cannot be referenced from an image, and mmark keeps the text too)."""
        pieces: list[str] = []
        for token in tokens or []:
            if token.type == "footnote_ref" and "label" not in token.meta:
                note = SyntaxTreeNode(self._inline_note_tokens(token.meta["id"]))
                pieces.append(self.renderInlineAsText(note.children))
            else:
                pieces.append(super().renderInlineAsText([token]))
        return "".join(pieces)

    def _inline_note_tokens(self, note_id: object) -> list[Token]:
        """The parsed text of the inline note ``note_id`` (kept by the footnote rule)."""
        entry = self.md_env.get("footnotes", {}).get("list", {}).get(note_id, {})
        return list(entry.get("tokens") or [])

    # -- footnotes ----------------------------------------------------------------

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
        container = self._level_to_section.get(1, self.document)
        if self._heading_offset == 0:
            container = self.document
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

    # -- cross-references ---------------------------------------------------------

    def render_mmark_xref(self, token: SyntaxTreeNode) -> None:
        target = str(token.meta["target"])
        text = token.meta.get("text")
        node = self._pending_xref(token, "", target, explicit=bool(text))
        node += nodes.inline(text or "", text or "", classes=["xref", "mmark"])
        self.current_node.append(node)

    def render_link(self, token: SyntaxTreeNode) -> None:
        href = str(token.attrGet("href") or "")
        if token.info == "auto" or not href:
            super().render_link(token)
            return
        if href.startswith("#"):
            self._render_xref_link(token, "", href[1:])
            return
        path, _, fragment = href.partition("#")
        if (path.startswith("/") and not path.startswith("//")) or path.endswith("/"):
            # a site URL of the old (Hugo) site: kept as written, the redirect pages
            # (aliases, old URLs) make it work on the new one
            self.render_link_url(token)
            return
        if "://" in path or path.startswith("mailto:"):
            super().render_link(token)
            return
        if not path.endswith(_DOC_SUFFIXES):
            self._render_other_relative_link(token, path)
            return
        env = self.sphinx_env
        _, abs_path = env.relfn2path(self.md.normalizeLinkText(path), env.docname)
        docname = env.path2doc(abs_path)
        if docname is None or docname not in env.found_docs:
            self.mmark_warning(
                f"link to a document that is not in the project: {path}",
                MmarkWarning.REF,
                token_line(token, 0),
            )
            self.render_link_url(token)
            return
        self._render_xref_link(token, docname, self.md.normalizeLinkText(fragment))

    def _render_other_relative_link(self, token: SyntaxTreeNode, path: str) -> None:
        """A relative link that names no source file: a file of the project (MyST makes
        it a download link) or a document named without its suffix, else a URL of the
        old site kept as written (Hugo did not check them either)."""
        env = self.sphinx_env
        relative, abs_path = env.relfn2path(self.md.normalizeLinkText(path), env.docname)
        if os.path.isfile(abs_path):
            problem = ImageFolders.of(env).problem(
                self.md.normalizeLinkText(path),
                Path(os.path.realpath(os.path.dirname(env.doc2path(env.docname)))),
            )
            if problem is None:
                super().render_link(token)
                return
            self.mmark_warning(
                f"link to {shown(path)} is not made, its text is shown instead: {problem}",
                MmarkWarning.DOWNLOAD,
                token_line(token, 0),
            )
            self.render_children(token)
            return
        docname = os.path.normpath(relative).replace(os.sep, "/")
        if docname in env.found_docs:
            self._render_xref_link(token, docname, "")
            return
        self.render_link_url(token)

    def _render_xref_link(self, token: SyntaxTreeNode, docname: str, target: str) -> None:
        explicit = bool(token.children)
        node = self._pending_xref(token, docname, target, explicit=explicit)
        inner = nodes.inline("", "", classes=["xref", "mmark"])
        node += inner
        if explicit:
            with self.current_node_context(inner):
                self.render_children(token)
        self.current_node.append(node)

    def _pending_xref(
        self, token: SyntaxTreeNode, docname: str, target: str, *, explicit: bool
    ) -> addnodes.pending_xref:
        node = addnodes.pending_xref(
            refdomain=MMARK_DOMAIN,
            reftype="ref",
            reftarget=target,
            refdoc=self.sphinx_env.docname,
            refexplicit=explicit,
            mmark_doc=docname,
        )
        self.add_line_and_source_path(node, token)
        return node

    # -- end of document ----------------------------------------------------------

    def _render_initialise(self) -> None:
        super()._render_initialise()
        unclosed = self.md_env.get("mmark_unclosed_front_matter")
        if unclosed is not None:
            self._front_matter(unclosed)  # reading it fails: one warning

    def _render_finalise(self) -> None:
        self._render_footnotes()
        _join_adjacent_text(self.document)
        cut = self.md_env.get(NESTING_CUT)
        if cut is not None:
            self.mmark_warning(
                f"nesting deeper than {MAX_BLOCK_DEPTH} levels: the deeper part is plain text",
                MmarkWarning.NESTING,
                cut,
            )
        last = self.document.children[-1] if self.document.children else None
        while isinstance(last, nodes.section) and last.children:
            last = last.children[-1]
        if isinstance(last, nodes.transition) and last.parent is not None:
            last.parent.append(nodes.comment())  # a post may end with a rule
        super()._render_finalise()


def _shorten(text: str, limit: int = 60) -> str:
    """``text``, cut to ``limit`` characters (an ellipsis marks the cut) for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _inline_note_label(note_id: object) -> str:
    """The label an inline note is known by: one that no ``[^label]`` can spell."""
    return f"^[{note_id}]"


def _join_adjacent_text(root: nodes.Element) -> None:
    """Join each run of neighbouring Text nodes into one (MyST makes one per line).

    Fewer nodes make every later pass cheaper, and docutils' smart-quotes
    transform, which replaces each Text node after searching its parent's
    children for it, stays linear in a paragraph of many lines. One pass over
    the tree, after rendering.
    """
    for element in root.findall(nodes.Element):
        children = element.children
        if len(children) < 2:
            continue
        joined: list[nodes.Node] = []
        run: list[str] = []
        changed = False
        for child in children:
            if isinstance(child, nodes.Text):
                run.append(str(child))
                continue
            changed |= _flush(run, joined, element)
            joined.append(child)
        changed |= _flush(run, joined, element)
        if changed:
            element.children = joined


def _flush(run: list[str], joined: list[nodes.Node], parent: nodes.Element) -> bool:
    """Move the pending text ``run`` to ``joined`` as one node; True if it joined several."""
    if not run:
        return False
    text = nodes.Text("".join(run))
    text.parent = parent
    joined.append(text)
    several = len(run) > 1
    run.clear()
    return several
