"""A local xml2rfc reference cache (bibxml files), read at build time without network.

``mmark_bibxml_dirs`` names directories holding files such as
``reference.RFC.2119.xml``, ``reference.I-D.ietf-foo-bar.xml``,
``reference.BCP.14.xml`` (the layout of xml2rfc's cache and of the bibxml
archives). An automatic key whose file is there gets its title, authors and
date from it; a missing or unreadable file leaves the automatic entry as it is.
"""

from __future__ import annotations

import re
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


def lookup(key: str, directories: list[str]) -> Entry | None:
    """The entry for ``key`` from the first directory that has a readable file for it."""
    for directory in directories:
        for name in cache_names(key):
            path = Path(directory) / name
            try:
                if not path.is_file() or path.stat().st_size > _MAX_FILE_BYTES:
                    continue
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            text = text.strip()
            if text.startswith("<?xml"):
                text = text[text.find("?>") + 2 :]
            try:
                entries = parse_references(text.strip())
            except ReferenceXMLError:
                continue
            if entries:
                return entries[0]
    return None
