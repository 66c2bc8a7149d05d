"""Files that sphinx-mmark generates: inside their folder, never through a symbolic link.

Paths that reach a generated file come from documents and site configurations
(``aliases``, ``url``, ``slug``, permalink patterns), so they are untrusted:

* :func:`url_path` turns an URL path into the path a web server would serve
  it from (percent-decoded, ``\\`` read as ``/``, ``.`` and ``..`` resolved)
  and refuses one that climbs above the root, names a drive or holds a
  control character;
* :func:`write_file` writes below a root folder only, creating the folders on
  the way, refusing a symbolic link or a non-folder anywhere below the root
  and an existing file that the caller does not recognise as its own.

Both raise :class:`RefusedWriteError` with a one-line reason.
"""

from __future__ import annotations

import contextlib
import ntpath
import os
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_HEAD = 64 * 1024
"""How many bytes of an existing file the ``replace`` test of :func:`write_file` sees."""

Recogniser = Callable[[bytes], bool]
"""Tells from the start of an existing file whether it may be replaced."""


class RefusedWriteError(Exception):
    """A generated file is not written; the message says why, in one line."""


def shown(text: str, limit: int = 100) -> str:
    """``text`` for a message: control characters escaped, cut after ``limit`` characters."""
    printable = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text[: limit + 1])
    return printable if len(printable) <= limit else printable[:limit] + "…"


def url_path(path: str) -> str:
    """The normalised form of the URL path ``path``: ``/a/b/`` or ``/a/b.html``.

    A trailing ``/`` (or a last segment ``.`` / ``..``) is kept as a trailing ``/``.
    """
    text = unquote(path).replace("\\", "/")
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise RefusedWriteError("it holds a control character")
    if ntpath.splitdrive(text.lstrip("/"))[0]:
        raise RefusedWriteError("it names a drive")
    segments: list[str] = []
    raw = text.split("/")
    for segment in raw:
        if segment == "..":
            if not segments:
                raise RefusedWriteError("it leads outside the output folder")
            segments.pop()
        elif segment not in ("", "."):
            segments.append(segment)
    folder = raw[-1] in ("", ".", "..")
    return "/" + "/".join(segments) + ("/" if folder and segments else "")


def make_folders(root: Path, relpath: str) -> Path:
    """The folder ``root/relpath``, created as needed; no symbolic link below ``root``."""
    folder = root
    for part in _parts(relpath):
        folder = folder / part
        if folder.is_symlink():
            raise RefusedWriteError(f"{folder} is a symbolic link")
        with contextlib.suppress(FileExistsError):
            folder.mkdir()
        if folder.is_symlink() or not folder.is_dir():
            raise RefusedWriteError(f"{folder} is not a folder")
    return folder


def write_file(root: Path, relpath: str, data: bytes, *, replace: Recogniser | None) -> None:
    """Write ``data`` to ``root/relpath`` (``/``-separated, no ``..``).

    An existing regular file there is replaced only when ``replace`` (given its
    first bytes) accepts it; ``replace=None`` never replaces one. OS errors
    (a read-only folder, a name too long) are raised as they are.
    """
    parts = _parts(relpath)
    if not parts:
        raise RefusedWriteError("no file name")
    path = make_folders(root, "/".join(parts[:-1])) / parts[-1]
    _check_existing(path, replace)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW | _BINARY, 0o666)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)


def _parts(relpath: str) -> list[str]:
    """The segments of a relative path; :class:`RefusedWriteError` for ``..``, ``/…``."""
    parts = [part for part in relpath.split("/") if part not in ("", ".")]
    if relpath.startswith("/") or ".." in parts or any(os.sep in p for p in parts):
        raise RefusedWriteError(f"{shown(relpath)} is not a path inside the folder")
    return parts


def _check_existing(path: Path, replace: Recogniser | None) -> None:
    """:class:`RefusedWriteError` unless nothing is at ``path`` or a file ``replace`` accepts is."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise RefusedWriteError(f"{path} is a symbolic link")
    if not stat.S_ISREG(info.st_mode):
        raise RefusedWriteError(f"{path} is not a regular file")
    handle = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY)
    with os.fdopen(handle, "rb") as stream:
        head = stream.read(_HEAD)
    if replace is None or not replace(head):
        raise RefusedWriteError(f"{path} exists and sphinx-mmark did not write it")
