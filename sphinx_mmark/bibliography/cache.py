"""A local xml2rfc reference cache (bibxml files), read at build time without network.

``mmark_bibxml_dirs`` names directories holding files such as
``reference.RFC.2119.xml``, ``reference.I-D.ietf-foo-bar.xml``,
``reference.BCP.14.xml`` (the layout of xml2rfc's cache and of the bibxml
archives). An automatic key whose file is there gets its title, authors and
date from it; a missing file leaves the automatic entry as it is, and so does
an unusable one (unreadable, malformed, no ``<reference>``), with one warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .entries import Entry
from .xml import ReferenceXMLError, parse_references

_NUMBERED = re.compile(r"^(RFC|BCP|STD)0*(\d+)$")
_MAX_FILE_BYTES = 1_000_000


def cache_names(key: str) -> list[str]:
    """File names that may hold the reference for ``key``, most specific first."""
    numbered = _NUMBERED.match(key)
    if numbered:
        series, number = numbered.group(1), numbered.group(2)
        return [f"reference.{series}.{int(number):04d}.xml", f"reference.{series}.{number}.xml"]
    if key.startswith("I-D."):
        name, _, version = key[4:].partition("#")
        bare = name.removeprefix("draft-")
        if version:
            return [f"reference.I-D.draft-{bare}-{version}.xml"]
        return [f"reference.I-D.{bare}.xml", f"reference.I-D.draft-{bare}.xml"]
    for prefix in ("W3C.", "DOI."):
        if key.startswith(prefix):
            return [f"reference.{key}.xml"]
    return []


@dataclass
class CacheHit:
    """What the cache holds for one key: the entry, the file it came from, or why not."""

    entry: Entry | None
    path: Path
    problem: str = ""
    """Why an existing file could not be used (unreadable, malformed XML, no reference)."""


def lookup(key: str, directories: list[str]) -> CacheHit | None:
    """The first file for ``key`` in ``directories``, read; None when there is none.

    A file that exists but cannot be used is a hit with a ``problem`` (the
    caller warns and keeps the automatic entry); the search stops there, so a
    broken file is reported rather than hidden by a later directory.
    """
    for directory in directories:
        for name in cache_names(key):
            path = Path(directory) / name
            try:
                if not path.is_file():
                    continue
                if path.stat().st_size > _MAX_FILE_BYTES:
                    return CacheHit(None, path, f"larger than {_MAX_FILE_BYTES} bytes")
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                return CacheHit(None, path, f"unreadable: {type(error).__name__}")
            return _read(text, path)
    return None


def _read(text: str, path: Path) -> CacheHit:
    text = text.strip()
    if text.startswith("<?xml"):
        text = text[text.find("?>") + 2 :]
    try:
        entries = parse_references(text.strip())
    except ReferenceXMLError as error:
        return CacheHit(None, path, str(error))
    if not entries:
        return CacheHit(None, path, "no <reference> in it")
    return CacheHit(entries[0], path)
