"""An atheris fuzz target for sphinx-mmark's parse path.

Each input is decoded as UTF-8 (invalid bytes replaced) and read as an mmark document
by one reusable Sphinx project, through the builder's ``read_doc`` (the path a real
build takes). Any exception escaping the read is a finding. See fuzz/README.md.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import atheris  # noqa: E402

with atheris.instrument_imports():
    import markdown_it  # noqa: F401

    import sphinx_mmark  # noqa: F401

from tests.inprocess import InProcessParser  # noqa: E402

_PARSER: InProcessParser | None = None


def _parser() -> InProcessParser:
    global _PARSER
    if _PARSER is None:
        _PARSER = InProcessParser(Path(tempfile.mkdtemp(prefix="mmark-fuzz-")) / "project")
    return _PARSER


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    _parser().parse(text)


def main() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
