"""Expanding a document's includes into one text, with a line map.

``{{path}}`` lines are replaced by the selected lines of the file (its own
includes expanded first, the file being scanned on its own as mmark does),
before the document is block-parsed, so headings, footnotes and math in an
included file behave as if written in place. ``<{{path}}`` lines stay; the
file's text is prepared here (:class:`~.rule.CodeInclude`) and the block
rule turns the line into a code block.

Caps, all per document: nesting depth (``mmark_include_depth``), the total
size of included text (``mmark_include_max_bytes``) and the number of
includes (:data:`MAX_INCLUDES`), so that a file including the next one twice,
ten levels deep, stays cheap. A cycle (a file including itself, directly or
not) is refused and the warning names the chain. Each problem gives one
warning at the include line; a cap gives one warning per document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pygments.lexers import (  # type: ignore[import-untyped]
    find_lexer_class_by_name,
    find_lexer_class_for_filename,
)
from pygments.util import ClassNotFound  # type: ignore[import-untyped]

from ..flavour import Flavour
from .address import AddressError, parse_address, select_lines
from .line import IncludeLine
from .origin import Origin, Site
from .paths import Included, IncludeError, read_include, resolve, shown
from .rule import CodeInclude, Hit

MAX_INCLUDES = 5_000
"""At most this many includes are honoured in one document (a safety cap)."""

Scanner = Callable[[str], list[Hit]]
Warner = Callable[[str, Origin], None]
Noter = Callable[[Path, bool], None]
"""Called with each file an include depends on, and whether it is a text include found."""


@dataclass(frozen=True)
class IncludeSettings:
    """How includes are resolved for one document."""

    roots: list[Path]
    """Real paths of the directories that includes may read from."""
    srcdir: Path
    flavour: Flavour
    max_depth: int = 10
    max_bytes: int = 10_000_000
    enabled: bool = True


@dataclass
class Expansion:
    """A document with its text includes spliced in."""

    text: str
    origins: list[Origin]
    """The origin of each line of ``text`` (empty when nothing was included)."""
    code: dict[int, CodeInclude | None] = field(default_factory=dict)
    """Code include lines (0-based lines of ``text``): the code, or None when it failed."""


@dataclass
class _Piece:
    lines: list[str] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    code: dict[int, CodeInclude | None] = field(default_factory=dict)

    def add(self, line: str, origin: Origin) -> None:
        self.lines.append(line)
        self.origins.append(origin)


def include_bases(here: Path, srcdir: Path, flavour: Flavour) -> list[Path]:
    """The folders an include path of a file in ``here`` is tried against, in order."""
    if here == srcdir:
        return [here]
    if flavour == "v1":
        # mmark 1 (Hugo) read includes relative to the directory it ran in
        return [srcdir, here]
    # v2 is relative to the including file; the root is a fallback for drafts
    # whose v1 markers sit in an included file
    return [here, srcdir]


def language_for(path: str) -> str:
    """The highlighting language of a file name ("" when Pygments knows none)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    ext = name.rpartition(".")[2] if "." in name else ""
    if ext:
        try:
            find_lexer_class_by_name(ext)
            return ext
        except ClassNotFound:
            pass
    lexer = find_lexer_class_for_filename(name)
    return lexer.aliases[0] if lexer is not None and lexer.aliases else ""


class _Expander:
    def __init__(
        self, settings: IncludeSettings, scanner: Scanner, warner: Warner, noter: Noter
    ) -> None:
        self.settings = settings
        self.scanner = scanner
        self.warner = warner
        self.noter = noter
        self.budget = settings.max_bytes
        self.count = 0
        self.stack: list[Site] = []
        self.files: dict[Path, Included | IncludeError] = {}
        self.warned: set[tuple[str, int, str]] = set()
        self.capped: set[str] = set()
        self.scans: dict[str, list[Hit]] = {}

    # -- reporting ------------------------------------------------------------

    def warn(self, message: str, origin: Origin) -> None:
        key = (str(origin.site.path), origin.line, message)
        if key not in self.warned:
            self.warned.add(key)
            self.warner(message, origin)

    def cap(self, name: str, message: str, origin: Origin) -> None:
        """Warn once per document that a cap was reached."""
        if name not in self.capped:
            self.capped.add(name)
            self.warner(message, origin)

    # -- the splice -----------------------------------------------------------

    def expand(self, lines: list[str], site: Site) -> _Piece:
        self.stack.append(site)
        try:
            return self._expand(lines, site)
        finally:
            self.stack.pop()

    def _expand(self, lines: list[str], site: Site) -> _Piece:
        piece = _Piece()
        hits = self._scan(lines)
        done = 0
        for hit in hits:
            if hit.line < done or hit.line >= len(lines):
                continue
            for number in range(done, hit.line):
                piece.add(lines[number], Origin(site, number + 1))
            done = hit.line + 1
            origin = Origin(site, hit.line + 1)
            if hit.include.kind == "code":
                piece.code[len(piece.lines)] = self.code_include(hit.include, origin)
                piece.add(lines[hit.line], origin)
                continue
            child = self.text_include(hit.include, origin)
            if child is None or not child.lines:
                piece.add(hit.next_prefix.rstrip(), origin)
                continue
            offset = len(piece.lines)
            for index, (text, child_origin) in enumerate(
                zip(child.lines, child.origins, strict=True)
            ):
                prefix = hit.first_prefix if index == 0 else hit.next_prefix
                piece.add(prefix + text if text or ">" in prefix else text, child_origin)
            piece.code.update({offset + line: code for line, code in child.code.items()})
            # as in mmark, the included text is a block of its own
            if done < len(lines) and lines[done].strip() and child.lines[-1].strip():
                piece.add(hit.next_prefix.rstrip(), origin)
        for number in range(done, len(lines)):
            piece.add(lines[number], Origin(site, number + 1))
        return piece

    def _scan(self, lines: list[str]) -> list[Hit]:
        """The include lines of ``lines``; a text included many times is scanned once."""
        if not any("{{" in line for line in lines):
            return []
        text = "\n".join(lines)
        hits = self.scans.get(text)
        if hits is None:
            hits = self.scans[text] = self.scanner(text)
        return hits

    # -- one include ----------------------------------------------------------

    def _admit(self, include: IncludeLine, origin: Origin) -> bool:
        """Whether the caps and settings allow one more include here."""
        if not self.settings.enabled:
            self.warn(
                f"include of {shown(include.path)} ignored: file insertion is disabled "
                "(docutils setting file_insertion_enabled)",
                origin,
            )
            return False
        if len(self.stack) > self.settings.max_depth:
            self.cap(
                "depth",
                f"include of {shown(include.path)} ignored: includes nest deeper than "
                f"mmark_include_depth ({self.settings.max_depth}); deeper ones are skipped",
                origin,
            )
            return False
        self.count += 1
        if self.count > MAX_INCLUDES:
            self.cap(
                "count",
                f"include of {shown(include.path)} ignored: more than {MAX_INCLUDES} includes "
                "in one document; the rest are skipped",
                origin,
            )
            return False
        return True

    def _bases(self, site: Site) -> list[Path]:
        return include_bases(site.path.parent, self.settings.srcdir, self.settings.flavour)

    def _read(self, include: IncludeLine, origin: Origin) -> tuple[Path, list[str]] | None:
        """Find, read and address the file of ``include``; warn and return None on failure."""
        found = resolve(include.path, self._bases(origin.site), self.settings.roots)
        # a found file is a dependency; when none is found, every candidate is
        # (so that creating one rebuilds; Sphinx re-reads a page with a missing one)
        if found.path is not None:
            self.noter(found.tried[-1], include.kind == "text")
        else:
            for tried in found.tried:
                self.noter(tried, False)
        if found.path is None:
            self.warn(f"cannot include {shown(include.path)}: {found.problem}", origin)
            return None
        try:
            address = parse_address(include.address or "")
        except AddressError as error:
            self.warn(f"cannot include {shown(include.path)}: bad address: {error}", origin)
            return None
        content = self.files.get(found.path)
        if content is None:
            try:
                content = read_include(found.path, self.budget)
            except IncludeError as error:
                content = error
            self.files[found.path] = content
        if isinstance(content, IncludeError):
            if "too large" in str(content):
                self.cap("size", self._size_message(include), origin)
            else:
                self.warn(f"cannot include {shown(include.path)}: {content}", origin)
            return None
        if content.note is not None:
            self.warn(f"include of {shown(include.path)}: {content.note}", origin)
        text = content.text
        lines = text.removesuffix("\n").split("\n") if text else []
        try:
            start, stop = select_lines(address, lines)
        except AddressError as error:
            self.warn(f"cannot include {shown(include.path)}: {error}", origin)
            return None
        selected = [address.prefix + line for line in lines[start:stop]]
        size = sum(len(line) + 1 for line in selected)
        if size > self.budget:
            self.cap("size", self._size_message(include), origin)
            return None
        self.budget -= size
        return found.path, selected

    def _size_message(self, include: IncludeLine) -> str:
        return (
            f"include of {shown(include.path)} ignored: the included text of this document "
            f"would exceed mmark_include_max_bytes ({self.settings.max_bytes}); "
            "further large includes are skipped"
        )

    def text_include(self, include: IncludeLine, origin: Origin) -> _Piece | None:
        if not self._admit(include, origin):
            return None
        # a cycle is refused before the file is even read
        resolved = resolve(include.path, self._bases(origin.site), self.settings.roots).path
        for index, site in enumerate(self.stack):
            if resolved is not None and site.path == resolved:
                chain = [s.display for s in self.stack[index:]] + [site.display]
                self.warn(
                    f"cannot include {shown(include.path)}: include cycle {' -> '.join(chain)}",
                    origin,
                )
                self.noter(resolved, False)
                return None
        read = self._read(include, origin)
        if read is None:
            return None
        path, lines = read
        child = Site(path, self._display(path), origin)
        return self.expand(lines, child)

    def code_include(self, include: IncludeLine, origin: Origin) -> CodeInclude | None:
        if not self._admit(include, origin):
            return None
        read = self._read(include, origin)
        if read is None:
            return None
        path, lines = read
        text = "".join(line + "\n" for line in lines)
        return CodeInclude(language_for(include.path), text, self._display(path))

    def _display(self, path: Path) -> str:
        try:
            return path.relative_to(self.settings.srcdir).as_posix()
        except ValueError:
            return str(path)


def expand_document(
    text: str,
    *,
    source: Path,
    settings: IncludeSettings,
    scanner: Scanner,
    warner: Warner,
    noter: Noter,
) -> Expansion:
    """Splice the includes of the document ``text`` (read from ``source``).

    Most documents include nothing: without a ``{{`` there is no include line,
    and the text is returned as it is, with no line map (lines are their own).
    """
    if "{{" not in text:
        return Expansion(text, [])
    expander = _Expander(settings, scanner, warner, noter)
    source = source.resolve()
    root = Site(source, expander._display(source))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    piece = expander.expand(lines, root)
    return Expansion("\n".join(piece.lines), piece.origins, piece.code)
