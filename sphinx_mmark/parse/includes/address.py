"""Include addresses: which lines of a file to include, and a prefix for each.

Grammar (white space around the parts is ignored)::

    address  = [ range ] [ ";" ] [ prefix ]   |   prefix ";" range
    range    = N "," [ M ]                    lines N to M, M excluded
             | "/" re1 "/" "," "/" re2 "/"    regular expressions
    prefix   = 'prefix="' text '"'            (or single quotes)

The meaning is mmark v2's:

* ``[N,M]`` selects lines N to M-1 (1-based; the end is *exclusive*). ``0``
  means 1, and ``[1,1]`` selects line 1 (mmark's own tests rely on both).
  ``[N,]`` selects line N to the end.
* ``[/re1/,/re2/]`` selects the lines from the line holding the first match
  of ``re1`` up to, *not* including, the line holding the first match of
  ``re2`` after it (searched from the next line on), wherever in its line
  that match is: ``/END/`` on a ``// END`` line and ``/^END/`` both leave
  the marker out, as ``[N,M]`` leaves line M out. (mmark computes this end
  relative to the start and so cuts some ranges one line short; this is the
  range it means.) Patterns use RE2 syntax (Go's, as mmark) in multi-line
  mode and run in linear time, so a document cannot make the build hang.
* ``prefix="C: "`` is put before every selected line.

Malformed or unsatisfiable addresses raise :class:`AddressError` with a
message for the warning; the caller includes nothing then, as mmark does.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

import re2  # type: ignore[import-untyped]

_PREFIX_KEY = "prefix="
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False
_RE2_OPTIONS.max_mem = 8 << 20


class AddressError(ValueError):
    """An address that cannot be used; the message says why."""


@dataclass(frozen=True)
class Address:
    """A parsed address."""

    first: int | None = None
    """First line (1-based) of a numeric range."""
    end: int | None = None
    """Line number given after the comma of a numeric range (exclusive), if any."""
    start_re: str | None = None
    end_re: str | None = None
    prefix: str = ""

    @property
    def numeric(self) -> bool:
        return self.first is not None

    @property
    def regex(self) -> bool:
        return self.start_re is not None


def _take_prefix(text: str) -> tuple[str, str]:
    """Split ``prefix="…"`` off ``text``: (rest, prefix)."""
    at = text.find(_PREFIX_KEY)
    if at < 0:
        return text, ""
    start = at + len(_PREFIX_KEY)
    quote = text[start : start + 1]
    if quote not in ("'", '"'):
        raise AddressError("prefix= needs a quoted value")
    close = text.find(quote, start + 1)
    if close < 0:
        raise AddressError("prefix value is never closed")
    prefix = text[start + 1 : close]
    rest = (text[:at] + text[close + 1 :]).replace(";", "", 1).strip()
    return rest, prefix


def _take_regex(text: str) -> tuple[str, str]:
    """Read ``/re/`` at the start of ``text`` (``\\/`` does not close): (pattern, rest)."""
    if not text.startswith("/"):
        raise AddressError("a regular expression address has the form /start/,/end/")
    pos = 1
    while pos < len(text):
        if text[pos] == "\\":
            pos += 2
            continue
        if text[pos] == "/":
            return text[1:pos], text[pos + 1 :].strip()
        pos += 1
    raise AddressError("regular expression is never closed with /")


def _line_number(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise AddressError(f"{text!r} is not a line number")
    return int(text)


def parse_address(text: str) -> Address:
    """Parse the text between ``[`` and ``]`` of an include line."""
    rest, prefix = _take_prefix(text.strip())
    rest = rest.strip().rstrip(";").strip()
    if not rest:
        return Address(prefix=prefix)
    if rest.startswith("/"):
        start_re, after = _take_regex(rest)
        if not after.startswith(","):
            raise AddressError("a regular expression address has the form /start/,/end/")
        end_re, after = _take_regex(after[1:].strip())
        if after:
            raise AddressError(f"unexpected text after the address: {after!r}")
        return Address(start_re=start_re, end_re=end_re, prefix=prefix)
    left, comma, right = rest.partition(",")
    if not comma:
        raise AddressError("a line address has the form N,M or N,")
    first = _line_number(left.strip())
    end = _line_number(right.strip()) if right.strip() else None
    return Address(first=first, end=end, prefix=prefix)


def _compile(pattern: str) -> Any:
    try:
        return re2.compile(f"(?m:{pattern})", options=_RE2_OPTIONS)
    except re2.error as error:
        detail = error.args[0] if error.args else ""
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        detail = str(detail).split(":", 1)[0]  # RE2 appends the (wrapped) pattern
        raise AddressError(f"invalid regular expression /{pattern}/: {detail}") from None


def select_lines(address: Address, lines: list[str]) -> tuple[int, int]:
    """The selected lines as a slice ``(start, stop)`` of ``lines`` (0-based).

    ``lines`` are the file's lines without line ends. An empty selection is
    an :class:`AddressError`: it is always a mistake in the document.
    """
    if address.numeric:
        return _select_numeric(address, len(lines))
    if address.regex:
        return _select_regex(address, lines)
    return 0, len(lines)


def _select_numeric(address: Address, count: int) -> tuple[int, int]:
    assert address.first is not None
    first = max(address.first, 1)
    last = count if address.end is None else max(address.end - 1, 1)
    if address.end is not None and first > last:
        raise AddressError(
            f"line range {address.first},{address.end} is empty (the end line is excluded)"
        )
    if first > count:
        raise AddressError(f"line {first} is past the end of the file ({count} lines)")
    return first - 1, min(last, count)


def _select_regex(address: Address, lines: list[str]) -> tuple[int, int]:
    assert address.start_re is not None
    assert address.end_re is not None
    start_re, end_re = _compile(address.start_re), _compile(address.end_re)
    text = "\n".join(lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    found = start_re.search(text)
    if found is None:
        raise AddressError(f"/{address.start_re}/ matches no line")
    first = bisect.bisect_right(starts, found.start()) - 1
    # the end line is never the start line, and never selected itself
    found = None if first + 1 >= len(lines) else end_re.search(text, starts[first + 1])
    if found is None:
        raise AddressError(f"/{address.end_re}/ matches no line after line {first + 1}")
    return first, bisect.bisect_right(starts, found.start()) - 1
