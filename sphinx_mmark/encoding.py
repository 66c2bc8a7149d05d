"""Source files that are not valid UTF-8 must not stop the build.

Sphinx decodes every source strictly, so one Latin-1 post aborts the whole
build with a traceback. sphinx-mmark registers a codec, ``sphinx-mmark-utf-8``
(UTF-8 with an optional BOM, undecodable bytes becoming U+FFFD), uses it
where the project reads UTF-8, and before reading checks each changed source:
a file with undecodable bytes gets one warning naming the file and the first
bad line, and is built with U+FFFD in their place. (NUL bytes, which decode
fine, are reported by the mmark parser, see :func:`nul_line`.)
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .warnings_ import MmarkWarning, warn

if TYPE_CHECKING:
    from typing_extensions import Buffer

CODEC = "sphinx-mmark-utf-8"
_UTF8_NAMES = frozenset({"utf-8", "utf8", "utf-8-sig", "utf_8", "utf_8_sig"})


def _decode(data: Buffer, errors: str = "strict", /) -> tuple[str, int]:
    raw = bytes(data)
    return codecs.utf_8_decode(raw.removeprefix(codecs.BOM_UTF8), "replace", True)[0], len(raw)


class _IncrementalDecoder(codecs.BufferedIncrementalDecoder):
    _bom_checked = False

    def _buffer_decode(self, input: Buffer, errors: str, final: bool) -> tuple[str, int]:
        data = bytes(input)
        skipped = 0
        if not self._bom_checked:
            if len(data) < 3 and not final and codecs.BOM_UTF8.startswith(data):
                return "", 0
            self._bom_checked = True
            if data.startswith(codecs.BOM_UTF8):
                data, skipped = data[3:], 3
        text, used = codecs.utf_8_decode(data, "replace", final)
        return text, used + skipped


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


def check_sources(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: switch to the tolerant codec and warn about each bad file."""
    if str(env.settings.get("input_encoding", "")).lower() not in _UTF8_NAMES | {CODEC}:
        return  # the project reads another encoding: leave it alone
    env.settings["input_encoding"] = CODEC
    for docname in docnames:
        problem = _problem(env.doc2path(docname))
        if problem is not None:
            message, line = problem
            warn(message, MmarkWarning.ENCODING, location=(docname, line))


def _problem(path: Path) -> tuple[str, int] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        return (
            f"{path.name} is not valid UTF-8 (byte 0x{byte:02x}); "
            "undecodable bytes are shown as U+FFFD",
            line,
        )
    return None


def nul_line(text: str) -> int | None:
    """The 1-based line of the first NUL character in ``text``, if there is one."""
    nul = text.find("\0")
    return None if nul < 0 else text.count("\n", 0, nul) + 1


def setup_encoding(app: Sphinx) -> None:
    """Check sources before each read."""
    app.connect("env-before-read-docs", check_sources)
