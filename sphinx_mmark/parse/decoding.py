"""Decoding source bytes: a tolerant UTF-8 codec, UTF-16 sniffing, repeated byte-order marks.

The checks that warn about a badly encoded source live in
:mod:`sphinx_mmark.sphinx_ext.encoding`.

Source files that are not valid UTF-8 must not stop the build.

Sphinx decodes every source strictly, so one Latin-1 post aborts the whole
build with a traceback. sphinx-mmark registers a codec, ``sphinx-mmark-utf-8``
(UTF-8 with an optional BOM, undecodable bytes becoming U+FFFD), uses it
where the project reads UTF-8, and before reading checks each changed source:
a file with undecodable bytes gets one warning naming the file and the first
bad line, and is built with U+FFFD in their place. (NUL bytes, which decode
fine, are reported by the mmark parser, see :func:`nul_line`.)

Editors on Windows still save UTF-16 now and then: a file that starts with a
UTF-16 byte-order mark, or whose first bytes are ASCII text with every other
byte NUL, is read as UTF-16, with one warning (:func:`sniff` tells which; the
include reader uses it too). Byte-order marks repeated at the start of a file
(an editor adding one to a file that had one) are dropped, with one warning.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Buffer

CODEC = "sphinx-mmark-utf-8"
UTF8_NAMES = frozenset({"utf-8", "utf8", "utf-8-sig", "utf_8", "utf_8_sig"})

SNIFF_BYTES = 64
"""How many bytes at the start of a file :func:`sniff` looks at."""

BOM = "\ufeff"
"""The byte-order mark, as a character."""

_MARKS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECODERS: dict[str, Callable[[bytes, str, bool], tuple[str, int]]] = {
    "utf-8": codecs.utf_8_decode,
    "utf-16-le": codecs.utf_16_le_decode,
    "utf-16-be": codecs.utf_16_be_decode,
}
_ORDER = {"utf-16-le": "little-endian", "utf-16-be": "big-endian"}


@dataclass(frozen=True)
class Layout:
    """How a file's bytes encode its text, as far as its first bytes tell."""

    codec: str
    """``"utf-8"``, ``"utf-16-le"`` or ``"utf-16-be"``."""
    skip: int = 0
    """Bytes of the byte-order mark before the text (0 without one)."""
    marked: bool = False
    """Whether a byte-order mark says so (else UTF-16 is guessed from NUL bytes)."""

    @property
    def utf16(self) -> bool:
        """Whether the file is UTF-16."""
        return self.codec != "utf-8"

    def describe(self) -> str:
        """What the file is, for a message: ``UTF-16 (little-endian, …)``."""
        how = "with a byte-order mark" if self.marked else "every other byte is NUL"
        return f"UTF-16 ({_ORDER.get(self.codec, self.codec)}, {how})"


def sniff(head: bytes) -> Layout:
    """The layout of a file that starts with ``head`` (its first :data:`SNIFF_BYTES`)."""
    for mark, codec in _MARKS:
        if head.startswith(mark):
            return Layout(codec, len(mark), marked=True)
    return Layout(_nul_pattern(head[:SNIFF_BYTES]) or "utf-8")


def _nul_pattern(head: bytes) -> str | None:
    """The UTF-16 codec that ``head`` looks like without a mark, if any.

    UTF-16 text that is mostly ASCII has a NUL high byte in most code units:
    of at least two units, three in four or more must have one (and a non-NUL
    low byte) to call it UTF-16.
    """
    units = len(head) // 2
    if units < 2:
        return None
    evens, odds = head[0 : units * 2 : 2], head[1 : units * 2 : 2]
    for codec, low, high in (("utf-16-le", evens, odds), ("utf-16-be", odds, evens)):
        ascii_like = sum(1 for lo, hi in zip(low, high, strict=True) if hi == 0 and lo != 0)
        if ascii_like * 4 >= units * 3:
            return codec
    return None


@dataclass(frozen=True)
class Decoded:
    """The text of a file's bytes and what was found decoding them."""

    text: str
    """The text, without byte-order marks at its start."""
    layout: Layout
    extra_marks: int
    """Byte-order marks after the first one at the start (dropped from ``text``)."""


def decode(data: bytes, errors: str = "replace") -> Decoded:
    """Decode a whole file (see :func:`sniff`); ``errors`` as for :meth:`bytes.decode`."""
    layout = sniff(data[:SNIFF_BYTES])
    text = codecs.decode(data[layout.skip :], layout.codec, errors)
    kept = text.lstrip(BOM)
    return Decoded(kept, layout, len(text) - len(kept))


def _decode(data: Buffer, errors: str = "strict", /) -> tuple[str, int]:
    raw = bytes(data)
    return decode(raw).text, len(raw)


class _IncrementalDecoder(codecs.BufferedIncrementalDecoder):
    """:func:`decode` for a stream: holds the first bytes back until :func:`sniff` can tell."""

    _layout: Layout | None = None
    _leading = True
    """Whether no text has come out yet (byte-order marks there are dropped)."""

    def _buffer_decode(self, input: Buffer, errors: str, final: bool) -> tuple[str, int]:
        data = bytes(input)
        skipped = 0
        if self._layout is None:
            if len(data) < SNIFF_BYTES and not final:
                return "", 0
            self._layout = sniff(data)
            skipped = self._layout.skip
            data = data[skipped:]
        text, used = _DECODERS[self._layout.codec](data, "replace", final)
        if self._leading and text:
            text = text.lstrip(BOM)
            self._leading = not text
        return text, used + skipped

    def reset(self) -> None:
        super().reset()
        self._layout = None
        self._leading = True


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(
        name=CODEC,
        encode=utf8.encode,
        decode=_decode,
        incrementalencoder=utf8.incrementalencoder,
        incrementaldecoder=_IncrementalDecoder,
        streamreader=utf8.streamreader,
        streamwriter=utf8.streamwriter,
    )


codecs.register(_search)


def leading_marks(data: bytes) -> int:
    """How many UTF-8 byte-order marks ``data`` starts with."""
    count = 0
    while data.startswith(codecs.BOM_UTF8, count * len(codecs.BOM_UTF8)):
        count += 1
    return count


def extra_marks_message(extra: int) -> str:
    """The end of a message about ``extra`` byte-order marks after the first one."""
    ones = "one is" if extra == 1 else "ones are"
    return f"starts with {extra + 1} byte-order marks; the extra {ones} ignored"


def nul_line(text: str) -> int | None:
    """The 1-based line of the first NUL character in ``text``, if there is one."""
    nul = text.find("\0")
    return None if nul < 0 else text.count("\n", 0, nul) + 1
