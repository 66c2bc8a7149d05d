"""Bibliography entries and the automatic ones (RFC, BCP, STD, I-D., W3C., DOI.).

An :class:`Entry` is what a reference section lists for one key. Keys that
start with ``RFC``/``BCP``/``STD`` and digits, or with ``I-D.``, ``W3C.`` or
``DOI.``, need no ``<reference>`` block: :func:`automatic_entry` gives them a
label and a link to the published document (RFC Editor, Datatracker, W3C,
doi.org), computed without network access.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, as xml2rfc shows dates."""

RFC_EDITOR = "https://www.rfc-editor.org"
DATATRACKER = "https://datatracker.ietf.org/doc"

_NUMBERED = re.compile(r"^(RFC|BCP|STD)0*(\d+)$")
_SECTION = re.compile(r"^(?:section|sectie|abschnitt)?\s*(\d+(?:\.\d+)*)\.?$", re.IGNORECASE)
_APPENDIX = re.compile(r"^appendix\s+([A-Z](?:\.\d+)*)\.?$", re.IGNORECASE)


@dataclass
class Entry:
    """One bibliography entry.

    ``key`` is the citation key as the author wrote it; ``label`` is what
    readers see between brackets. ``series`` holds ``(name, value)`` pairs
    such as ``("RFC", "2119")``.
    """

    key: str
    label: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    organisation: str = ""
    date: str = ""
    series: list[tuple[str, str]] = field(default_factory=list)
    target: str = ""
    members: list[str] = field(default_factory=list)
    """For a ``<referencegroup>``: the titles or links of the references it holds."""
    line: int | None = None
    xml: str = field(default="", compare=False, repr=False)
    """The ``<reference>`` XML the entry was read from, for the ``rfcxml`` builder."""


def is_automatic(key: str) -> bool:
    """Whether ``key`` names a document whose entry can be made without a ``<reference>``."""
    if _NUMBERED.match(key):
        return True
    return any(key.startswith(prefix) and len(key) > len(prefix) for prefix in _PREFIXES)


_PREFIXES = ("I-D.", "W3C.", "DOI.")


def automatic_entry(key: str) -> Entry | None:
    """The entry for an automatic key, or None when ``key`` is not one."""
    numbered = _NUMBERED.match(key)
    if numbered:
        series, number = numbered.group(1), numbered.group(2)
        return Entry(
            key,
            key,
            series=[(series, number)],
            target=f"{RFC_EDITOR}/info/{series.lower()}{number}",
        )
    if key.startswith("I-D.") and len(key) > 4:
        name, _, version = key[4:].partition("#")
        draft = name if name.startswith("draft-") else f"draft-{name}"
        full = f"{draft}-{version}" if version else draft
        target = f"{DATATRACKER}/{draft}/{version + '/' if version else ''}"
        return Entry(key, f"I-D.{name}", series=[("Internet-Draft", full)], target=target)
    if key.startswith("W3C.") and len(key) > 4:
        name = key[4:]
        return Entry(key, key, series=[("W3C", name)], target=f"https://www.w3.org/TR/{name}/")
    if key.startswith("DOI.") and len(key) > 4:
        doi = key[4:]
        return Entry(key, key, series=[("DOI", doi)], target=f"https://doi.org/{doi}")
    return None


def section_url(key: str, suffix: str) -> str | None:
    """A link into the cited RFC for a suffix such as ``section 5.2``, ``5`` or ``appendix A``."""
    numbered = _NUMBERED.match(key)
    if numbered is None or numbered.group(1) != "RFC":
        return None
    words = suffix.split(",")[-1].strip().strip("()").strip()
    words = re.sub(r"^\(?(?:see|zie|siehe)\)?\s*", "", words, flags=re.IGNORECASE)
    base = f"{RFC_EDITOR}/rfc/rfc{numbered.group(2)}"
    section = _SECTION.match(words)
    if section:
        return f"{base}#section-{section.group(1)}"
    appendix = _APPENDIX.match(words)
    if appendix:
        return f"{base}#appendix-{appendix.group(1).upper()}"
    return None


def sort_key(entry: Entry) -> tuple[str, str]:
    """Reference sections are sorted by label, ignoring case (as mmark sorts anchors)."""
    return (entry.label.casefold(), entry.label)
