"""Render methods for citations and reference sections (issue 5).

A concern class of :class:`sphinx_mmark.render.renderer.MmarkRenderer`:

* ``mmark_reference`` tokens (``<reference>`` XML) become entries;
* ``mmark_citation`` tokens become links to entries, and once the whole
  document is read the "Normative References" and "Informative References"
  sections are built (at ``{backmatter}``, else at the end) and every
  citation is resolved (:meth:`CitationRendering._finish_bibliography`, a
  step of the renderer's finalise sequence). Everything is per document: keys
  and ids of two drafts in one project never meet.
* A citation of an author or contact of the title block (see
  :mod:`~sphinx_mmark.render.front_matter`) links to that author.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line

from ..bibliography import cache
from ..bibliography.entries import Entry, automatic_entry, is_automatic, section_url, sort_key
from ..bibliography.render import entry_paragraph
from ..bibliography.shared import DOC, FALLBACK, OPEN_KEY, record_definitions
from ..bibliography.xml import ReferenceXMLError, parse_references
from ..config import mmark_settings
from ..nodes import division
from ..nodes.citations import mmark_bibliography, mmark_cite
from ..nodes.rfcxml_payload import CitationData, PersonCitation, ReferenceData, attach
from ..parse.includes.origin import warning_location
from ..parse.safe_urls import is_safe_url, refused_message
from ..parse.slugs import slugify
from ..parse.syntax.citations import Cite, Kind
from ..warnings_ import MmarkWarning
from .base import RendererBase

_REFERENCES = {"nl": "Bibliografie", "de": "Literaturverzeichnis", "ja": "参考文献"}
"""mmark's own translations of its references heading (``lang/lang.go``, "Bibliography")."""
_OF = {"nl": "of", "de": "von"}
_SECTION_SUFFIX = re.compile(
    r"^(?:(?P<parens>\(\w+\))\s*|(?P<comma>\w+),\s*)?(?P<word>section|sectie|abschnitt)\s+"
    r"(?P<where>\S+)$",
    re.IGNORECASE,
)
_BARE = re.compile(r"^\d+(?:\.\d+)*$")
_AUTOMATIC = "the automatic link is used"
"""What a refused link of a bibxml cache entry becomes."""


@dataclass
class _Use:
    """One citation in the text, resolved when the document is complete."""

    cite: Cite
    holder: nodes.inline
    line: int | None
    source: str


@dataclass
class _Bibliography:
    """Citation state of one document."""

    kinds: dict[str, Kind] = field(default_factory=dict)
    """Lower-cased key → the list it goes to (the first modifier seen decides)."""
    keys: dict[str, str] = field(default_factory=dict)
    """Lower-cased key → the key as first written."""
    lines: dict[str, int | None] = field(default_factory=dict)
    defined: dict[str, Entry] = field(default_factory=dict)
    uses: list[_Use] = field(default_factory=list)
    warned: set[str] = field(default_factory=set)
    open: dict[str, bool] = field(default_factory=dict)
    """With a shared bibliography: lower-cased keys resolved when the document is
    written → whether an automatic entry stands in when no document defines them."""


class CitationRendering(RendererBase):
    """``render_*`` methods and the end-of-page step; see the module docstring."""

    _bib: _Bibliography
    """The citation state of the document."""

    def _setup_citations(self) -> None:
        self._bib = _Bibliography()

    # -- <reference> blocks ---------------------------------------------------------

    def render_mmark_reference(self, token: SyntaxTreeNode) -> None:
        line = token_line(token, 0)
        tag = str(token.meta.get("tag", "reference"))
        if not token.meta.get("closed", False):
            self._cite_warning(f"<{tag}> is never closed; the block is ignored", line, xml=True)
            return
        try:
            entries = parse_references(token.content)
        except ReferenceXMLError as error:
            self._cite_warning(f"<{tag}> ignored: {error}", line, xml=True)
            return
        for entry in entries:
            entry.line = line
            folded = entry.key.casefold()
            if not entry.key:
                self._cite_warning(f"<{tag}> without an anchor is ignored", line, xml=True)
            elif folded in self._bib.defined:
                self._cite_warning(
                    f"duplicate reference anchor {entry.key!r}; the first one is used",
                    line,
                    xml=True,
                )
            else:
                self._bib.defined[folded] = entry
                self._target_allowed(entry, f"<{tag}> target", line, "it is shown as text")

    # -- citations ------------------------------------------------------------------

    def render_mmark_citation(self, token: SyntaxTreeNode) -> None:
        line = token_line(token, 0) + int(token.meta.get("line_offset", 0))
        items: list[Cite] = list(token.meta["items"])
        shown = [cite for cite in items if cite.kind != "suppressed" and cite.key]
        for cite in items:
            if not cite.key:
                self._cite_warning("citation without a key", line)
                continue
            self._note(cite.key, cite.kind, line)
            if cite.of:
                self._note(cite.of, cite.kind, line)
        if any(not cite.key for cite in items):
            self.current_node.append(nodes.Text(token.content))
            return
        alone = len(items) == 1
        for number, cite in enumerate(shown):
            if number:
                self.current_node.append(nodes.Text(", "))
            holder = nodes.inline(classes=["mmark-citation"])
            holder.source, holder.line = self.document["source"], line
            self.current_node.append(holder)
            source = token.content if alone else f"[@{cite.key}]"
            self._bib.uses.append(_Use(cite, holder, line, source))

    def _note(self, key: str, kind: Kind, line: int | None) -> None:
        folded = key.casefold()
        if folded not in self._bib.kinds:
            self._bib.kinds[folded] = kind
            self._bib.keys[folded] = key
            self._bib.lines[folded] = line

    # -- end of the document ------------------------------------------------------------

    def _finish_bibliography(self) -> None:
        bib = self._bib
        shared = mmark_settings(self.sphinx_env.config).shared_bibliography
        entries: dict[str, Entry] = {}
        unknown: set[str] = set()
        for folded, key in bib.keys.items():
            if folded in self._title_people:
                continue
            entry = self._entry_for(key)
            # with a shared bibliography, keys this document does not define are
            # resolved when it is written (bibliography.shared); the automatic entry,
            # if any, stays when no other document defines the key
            if (
                shared
                and folded not in bib.defined
                and (entry is not None or key not in self.document.ids)
            ):
                bib.open[folded] = entry is not None
                entry = entry or Entry(key, key)
            if entry is None:
                unknown.add(folded)
            else:
                entries[folded] = entry
        ids = {folded: self._claim_id(slugify(entry.label)) for folded, entry in entries.items()}
        docname = self.sphinx_env.docname
        if shared:
            record_definitions(self.sphinx_env, docname, self._located(bib.defined), bool(bib.open))
        for use in bib.uses:
            self._resolve_use(use, entries, ids, unknown, docname)
        sections = self._reference_sections(entries, ids, docname)
        if sections:
            self._place_sections(sections)

    def _located(self, defined: dict[str, Entry]) -> dict[str, Entry]:
        """The entries with lines of the document (not of the include-expanded text)."""
        return {
            folded: dataclasses.replace(
                entry,
                line=warning_location(self.md_env, entry.line)[0],
            )
            for folded, entry in defined.items()
        }

    def _entry_for(self, key: str) -> Entry | None:
        defined = self._bib.defined.get(key.casefold())
        if defined is not None:
            return defined
        if not is_automatic(key):
            return None
        entry = automatic_entry(key)
        directories = list(mmark_settings(self.sphinx_env.config).bibxml_dirs)
        hit = cache.lookup(key, directories) if entry is not None and directories else None
        if entry is None or hit is None:
            return entry
        self.sphinx_env.note_dependency(str(hit.path.resolve()))
        if hit.entry is None:
            self._cite_warning(
                f"bibxml cache file {str(hit.path)!r} for {key!r} ignored: {hit.problem}",
                self._bib.lines.get(key.casefold()),
                xml=True,
            )
            return entry
        cached = hit.entry
        cached.key, cached.label = entry.key, entry.label
        line = self._bib.lines.get(key.casefold())
        if not self._target_allowed(cached, f"target in {str(hit.path)!r}", line, _AUTOMATIC):
            cached.target = ""
        cached.target = cached.target or entry.target
        cached.series = cached.series or entry.series
        return cached

    def _resolve_use(
        self,
        use: _Use,
        entries: dict[str, Entry],
        ids: dict[str, str],
        unknown: set[str],
        docname: str,
    ) -> None:
        cite, holder = use.cite, use.holder
        folded = cite.key.casefold()
        if folded in self._title_people:
            attach(holder, PersonCitation(cite.key))
            person_id = self._title_people[folded]
            if person_id:
                holder += nodes.reference(cite.key, cite.key, refid=person_id, internal=True)
            else:
                holder += nodes.Text(cite.key)
            return
        if folded in unknown:
            if cite.key in self.document.ids:
                # xml2rfc resolves an <xref> to any anchor: [@fig-x] links to a figure
                holder += self._pending_xref("", cite.key, explicit=False, at=holder)
                return
            if folded not in self._bib.warned:
                self._bib.warned.add(folded)
                self._cite_warning(f"unknown citation key {cite.key!r}", use.line)
            holder += nodes.Text(use.source)
            return
        cited = self._cite_node(entries[folded], ids[folded], docname)
        self._mark_open(holder, cited, folded, cite.key, use)
        of_entry = entries.get(cite.of.casefold()) if cite.of else None
        attach(
            holder,
            CitationData(entries[folded].key, cite.suffix, of_entry.key if of_entry else ""),
        )
        if cite.of and cite.of.casefold() in entries:
            of_word = _OF.get(self._title_language, "of")
            other = cite.of.casefold()
            of_cited = self._cite_node(entries[other], ids[other], docname)
            self._mark_open(holder, of_cited, other, cite.of, use)
            holder += [cited, nodes.Text(f" {of_word} "), of_cited]
            return
        self._add_suffix(holder, cited, entries[folded], cite.suffix)

    def _mark_open(
        self, holder: nodes.inline, cited: mmark_cite, folded: str, key: str, use: _Use
    ) -> None:
        """Let :class:`ResolveSharedCitations` find a citation of a key left open."""
        if folded not in self._bib.open:
            return
        cited[OPEN_KEY], cited[DOC] = folded, self.sphinx_env.docname
        if not self._bib.open[folded]:
            holder[DOC] = self.sphinx_env.docname
            line, chain = warning_location(self.md_env, use.line)
            open_keys: list[str] = holder.setdefault("mmark_open_keys", [])
            open_keys.append(folded)
            shown: dict[str, str] = holder.setdefault("mmark_keys_shown", {})
            shown[folded] = key
            holder["mmark_source"], holder["mmark_line"] = use.source, line
            if chain:
                holder["mmark_chain"] = chain

    @staticmethod
    def _cite_node(entry: Entry, node_id: str, docname: str) -> mmark_cite:
        text = f"[{entry.label}]"
        node = mmark_cite(bibkey=f"{docname}:{node_id}")
        node += nodes.reference(text, text, refid=node_id, internal=True, classes=["mmark-cite"])
        return node

    @staticmethod
    def _add_suffix(holder: nodes.inline, cited: mmark_cite, entry: Entry, suffix: str) -> None:
        if not suffix:
            holder += cited
            return
        match = _SECTION_SUFFIX.match(suffix)
        bare = _BARE.match(suffix)
        where = match.group("where") if match else suffix
        label = f"Section {where}" if match else suffix
        url = section_url(entry.key, suffix) if (match or bare) else None
        part: nodes.Node = nodes.reference(label, label, refuri=url) if url else nodes.Text(label)
        if match and match.group("parens"):
            holder += [cited, nodes.Text(" ("), part, nodes.Text(")")]
        elif match and match.group("comma"):
            holder += [cited, nodes.Text(", "), part]
        elif match:
            holder += [part, nodes.Text(" of "), cited]
        elif bare and url:
            holder += part
        else:
            holder += [cited, nodes.Text(", "), part]

    # -- reference sections -------------------------------------------------------------

    def _reference_sections(
        self, entries: dict[str, Entry], ids: dict[str, str], docname: str
    ) -> list[nodes.section]:
        groups: dict[str, list[str]] = {"normative": [], "informative": []}
        for folded in entries:
            kind = self._bib.kinds[folded]
            groups["normative" if kind == "normative" else "informative"].append(folded)
        sections: list[nodes.section] = []
        for kind, title in (
            ("normative", "Normative References"),
            ("informative", "Informative References"),
        ):
            if groups[kind]:
                chosen = sorted(groups[kind], key=lambda folded: sort_key(entries[folded]))
                sections.append(
                    self._section(title, [(entries[f], ids[f]) for f in chosen], docname)
                )
        if len(sections) == 2:
            wrapper = self._new_section(_REFERENCES.get(self._title_language, "References"))
            wrapper += sections
            return [wrapper]
        return sections

    def _new_section(self, title: str) -> nodes.section:
        section = nodes.section(classes=["mmark-references"])
        section.source = self.document["source"]
        section["ids"].append(self._claim_id(slugify(title)))
        section["names"].append(nodes.fully_normalize_name(title))
        section += nodes.title(title, title)
        return section

    def _section(self, title: str, chosen: list[tuple[Entry, str]], docname: str) -> nodes.section:
        section = self._new_section(title)
        wrapper = mmark_bibliography()
        items = nodes.definition_list(classes=["mmark-bibliography"])
        for entry, node_id in chosen:
            item = nodes.definition_list_item()
            label = f"[{entry.label}]"
            term = nodes.term(label, label, ids=[node_id], bibkey=f"{docname}:{node_id}")
            folded = entry.key.casefold()
            normative = self._bib.kinds.get(folded) == "normative"
            attach(term, ReferenceData(entry.key, normative, entry.xml))
            if folded in self._bib.open:
                term[OPEN_KEY], term[FALLBACK] = folded, self._bib.open[folded]
                term[DOC] = docname
            self.document.ids[node_id] = term
            definition = nodes.definition()
            definition += entry_paragraph(entry)
            item += [term, definition]
            items += item
        wrapper += items
        section += wrapper
        return section

    def _place_sections(self, sections: list[nodes.section]) -> None:
        container = self._page_container()
        marker = None
        if mmark_settings(self.sphinx_env.config).references_position == "backmatter":
            marker = next(
                (n for n in self.document.findall(division) if n.get("kind") == "backmatter"), None
            )
        if marker is None:
            container.extend(sections)
            return
        if marker.parent is container:
            # just before the switch: numbered with the body, as an RFC's "N. References",
            # and the appendices after {backmatter} follow them (LaTeX's \appendix)
            index = container.index(marker)
            container[index:index] = sections
            return
        order = {id(node): number for number, node in enumerate(self.document.findall())}
        after = order[id(marker)]
        for index, child in enumerate(container.children):
            if isinstance(child, nodes.section) and order[id(child)] > after:
                container[index:index] = sections
                return
        container.extend(sections)

    def _target_allowed(self, entry: Entry, what: str, line: int | None, kept: str) -> bool:
        """Whether the link of ``entry`` may be emitted; warns if not (``kept`` says what
        is shown instead: :func:`~.bibliography.render.entry_paragraph` shows it as text)."""
        if not entry.target or is_safe_url(entry.target):
            return True
        message = refused_message({what: entry.target}, kept)
        self.mmark_warning(message, MmarkWarning.URL, line)
        return False

    def _cite_warning(self, message: str, line: int | None, *, xml: bool = False) -> None:
        subtype = MmarkWarning.REFERENCE_XML if xml else MmarkWarning.CITATION
        self.mmark_warning(message, subtype, line)
