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
ends become LF.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path


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
    problems: list[str] = []
    for base in bases:
        candidate = Path(os.path.normpath(base / path))
        if not _inside(candidate, roots):
            problems.append("the path leads outside the allowed directories")
            continue
        real = Path(os.path.realpath(candidate))
        if not _inside(real, roots):
            problems.append("the path leads outside the allowed directories (through a symlink)")
            continue
        result.tried.append(candidate)
        try:
            mode = real.stat().st_mode
        except OSError:
            problems.append("file not found")
            continue
        if stat.S_ISDIR(mode):
            problems.append("it is a directory")
            continue
        if not stat.S_ISREG(mode):
            problems.append("it is not a regular file")
            continue
        result.path = real
        return result
    # the most telling problem: a refusal beats "not found" beats the rest
    for wanted in ("outside", "directory", "regular", "not found"):
        for problem in problems:
            if wanted in problem:
                result.problem = problem
                return result
    result.problem = problems[0] if problems else "file not found"
    return result


def read_text(path: Path, limit: int) -> str:
    """The text of ``path``, at most ``limit`` characters of UTF-8 (else :class:`IncludeError`)."""
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
    nul = data.find(b"\0")
    if nul >= 0:
        raise IncludeError(f"binary file (a NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise IncludeError(
            f"the file is not UTF-8 (byte 0x{byte:02X} at offset {error.start})"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
