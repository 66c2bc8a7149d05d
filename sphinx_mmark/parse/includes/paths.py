"""Finding an include's file, confining it to the allowed roots, reading it safely.

A path from a document is tried against each base directory in turn (the
including file's directory for v2; the source root, then the including
file's directory for v1). A candidate is refused, never opened, when:

* the path is absolute, or holds a NUL character;
* it lies outside every allowed root, by ``..`` or through a symlink (the
  check is made on the lexical path *and* on the real path);
* it is a directory or not a regular file (a FIFO or device would block).

Names with dots inside (``a..b.md``) are ordinary names. Reading refuses
files larger than the size budget (without reading them), binary files (a
NUL byte), and text that is not UTF-8; a BOM is dropped and CRLF / CR line
ends become LF. UTF-16 text (told as pages are, by
:func:`sphinx_mmark.parse.decoding.sniff`) is read, with a note for a warning.
Messages show at most :data:`SHOWN_CHARS` characters of a path.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..decoding import SNIFF_BYTES, Layout, decode, extra_marks_message, sniff

SHOWN_CHARS = 80
"""A path longer than this is cut in messages."""


def shown(path: str) -> str:
    """``path`` quoted for a message, cut to :data:`SHOWN_CHARS` characters and ``…``."""
    if len(path) <= SHOWN_CHARS:
        return repr(path)
    return f"{path[:SHOWN_CHARS] + '…'!r} ({len(path)} characters)"


class IncludeError(Exception):
    """An include that cannot be honoured; the message is the warning's text."""


@dataclass
class Resolution:
    """The outcome of resolving one include path."""

    path: Path | None = None
    """The real path of the file to read, when one was found."""
    tried: list[Path] = field(default_factory=list)
    """Every candidate inside the roots that was looked at (dependencies)."""
    problem: str | None = None
    """Why nothing can be read, when ``path`` is None."""


def _is_absolute(path: str) -> bool:
    if path.startswith(("/", "\\")) or os.path.isabs(path):
        return True
    return len(path) > 1 and path[1] == ":" and path[0].isalpha()


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def resolve(path: str, bases: list[Path], roots: list[Path]) -> Resolution:
    """Find ``path`` (as written in a document) below ``bases``, within ``roots``.

    ``bases`` and ``roots`` must be real (symlink-free, absolute) paths.
    """
    if "\0" in path:
        return Resolution(problem="the path holds a NUL character")
    if _is_absolute(path):
        return Resolution(problem="absolute paths are not allowed; use a relative path")
    result = Resolution()
    problems: list[tuple[int, str]] = []
    for base in bases:
        candidate = Path(os.path.normpath(base / path))
        if not _inside(candidate, roots):
            problems.append((_LEXICALLY_OUTSIDE, "the path leads outside the allowed directories"))
            continue
        real = Path(os.path.realpath(candidate))
        if not _inside(real, roots):
            problems.append(
                (_REFUSED, "the path leads outside the allowed directories (through a symlink)")
            )
            continue
        result.tried.append(candidate)
        try:
            mode = real.stat().st_mode
        except OSError as error:
            problems.append(_stat_problem(error))
            continue
        if stat.S_ISDIR(mode):
            problems.append((_NOT_A_FILE, "it is a directory"))
            continue
        if not stat.S_ISREG(mode):
            problems.append((_NOT_A_FILE, "it is not a regular file"))
            continue
        result.path = real
        return result
    # the most telling problem (a missing file beats a fallback base's ".." leading out)
    result.problem = min(problems)[1] if problems else "file not found"
    return result


# ranks of problems, the most telling first
_REFUSED, _NOT_A_FILE, _UNREADABLE, _NOT_FOUND, _LEXICALLY_OUTSIDE = range(5)


def _stat_problem(error: OSError) -> tuple[int, str]:
    """The ranked problem of a candidate whose ``stat`` failed with ``error``."""
    if error.errno == errno.ELOOP:
        return _REFUSED, "the path is a symlink loop"
    if error.errno == errno.ENAMETOOLONG:
        return _UNREADABLE, "the path is too long"
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return _NOT_FOUND, "file not found"
    return _UNREADABLE, f"cannot read the file: {error.strerror or error}"


@dataclass(frozen=True)
class Included:
    """The text of an included file, and a note worth a warning about how it was read."""

    text: str
    note: str | None = None


def read_text(path: Path, limit: int) -> str:
    """The text of ``path``, at most ``limit`` bytes of UTF-8 (else :class:`IncludeError`)."""
    return read_include(path, limit).text


def read_include(path: Path, limit: int) -> Included:
    """The text of ``path``, at most ``limit`` bytes (else :class:`IncludeError`).

    UTF-8, or UTF-16 as :func:`~sphinx_mmark.parse.decoding.sniff` tells it (with a note).
    """
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise IncludeError(f"the file is too large ({size} bytes; {limit} are left)")
            data = handle.read(limit + 1)
    except OSError as error:
        raise IncludeError(f"cannot read the file: {error.strerror or error}") from None
    if len(data) > limit:
        raise IncludeError(f"the file is too large (over {limit} bytes)")
    return _decoded(data)


def _decoded(data: bytes) -> Included:
    """The text of an included file's bytes (else :class:`IncludeError`)."""
    layout = sniff(data[:SNIFF_BYTES])
    if not layout.utf16:
        nul = data.find(b"\0")
        if nul >= 0:
            raise IncludeError(f"binary file (a NUL byte at offset {nul})")
    try:
        decoded = decode(data, "strict")
    except UnicodeDecodeError as error:
        raise IncludeError(_undecodable(data, layout.skip + error.start, layout)) from None
    if layout.utf16 and "\0" in decoded.text:
        raise IncludeError(f"binary file: read as {layout.describe()}, it holds NUL characters")
    note = None
    if layout.utf16:
        note = f"the file is {layout.describe()}, not UTF-8; it is read as UTF-16"
    elif decoded.extra_marks:
        note = f"the file {extra_marks_message(decoded.extra_marks)}"
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return Included(text, note)


def _undecodable(data: bytes, offset: int, layout: Layout) -> str:
    """The message for a file that ``layout``'s codec cannot decode at ``offset``."""
    if layout.utf16:
        return f"the file is {layout.describe()} but not valid UTF-16 (at offset {offset})"
    return f"the file is not UTF-8 (byte 0x{data[offset]:02X} at offset {offset})"
