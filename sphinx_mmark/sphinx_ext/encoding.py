"""Before reading, warn once about each source that is not valid UTF-8 (see
:mod:`sphinx_mmark.parse.decoding` for the codec that reads it anyway)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..parse.decoding import (
    CODEC,
    SNIFF_BYTES,
    UTF8_NAMES,
    Layout,
    decode,
    extra_marks_message,
    leading_marks,
    sniff,
)
from ..warnings_ import MmarkWarning, warn


def check_sources(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: switch to the tolerant codec and warn about each bad file."""
    if str(env.settings.get("input_encoding", "")).lower() not in UTF8_NAMES | {CODEC}:
        return  # the project reads another encoding: leave it alone
    env.settings["input_encoding"] = CODEC
    for docname in docnames:
        problem = _problem(env.doc2path(docname))
        if problem is not None:
            message, line = problem
            warn(message, MmarkWarning.ENCODING, location=(docname, line))


def _problem(path: Path) -> tuple[str, int] | None:
    """The one message about how ``path`` is encoded, and its line; None when all is well."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    layout = sniff(data[:SNIFF_BYTES])
    if layout.utf16:
        return _utf16_message(path.name, data, layout), 1
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
    marks = leading_marks(data)
    if marks > 1:
        return f"{path.name} {extra_marks_message(marks - 1)}", 1
    return None


def _utf16_message(name: str, data: bytes, layout: Layout) -> str:
    message = f"{name} is {layout.describe()}, not UTF-8; it is read as UTF-16"
    try:
        decode(data, "strict")
    except UnicodeDecodeError:
        message += "; undecodable bytes are shown as U+FFFD"
    return message


def setup_encoding(app: Sphinx) -> None:
    """Check sources before each read."""
    app.connect("env-before-read-docs", check_sources)
