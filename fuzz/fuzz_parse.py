"""atheris fuzz targets for sphinx-mmark's parse path. See fuzz/README.md.

Two modes, chosen by an option that is taken out of the command line before
libFuzzer sees it:

``--mode=grammar`` (the default)
    The input bytes drive the grammar-aware generator of ``tests/mmark_grammar.py``
    (through atheris' ``FuzzedDataProvider``): every input is a well-formed-ish mmark
    document, v1 (a Hugo ``.mmark`` post, or ``markup: mmark`` front matter) or v2,
    nesting constructs in every inline context.
``--mode=raw``
    Each input is decoded as UTF-8 (invalid bytes replaced) and read as a v2 document.

Either way the document is read by a small reusable Sphinx project through the
builder's ``read_doc`` (the path a real build takes). Any exception escaping the
read is a finding; in grammar mode the generated document is printed first, so
replaying a crash file shows the document.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import atheris  # type: ignore[import-untyped]  # noqa: E402

with atheris.instrument_imports(include=["sphinx_mmark", "markdown_it", "mdit_py_plugins"]):
    import markdown_it  # noqa: F401
    import mdit_py_plugins  # noqa: F401

    import sphinx_mmark

    # sphinx_mmark loads its modules in setup(): import them here to instrument them
    for _module in pkgutil.walk_packages(sphinx_mmark.__path__, "sphinx_mmark."):
        if not _module.name.endswith(".__main__"):  # (that one runs the CLI)
            importlib.import_module(_module.name)

from tests.mmark_grammar import FuzzProject, ProviderSource, generate  # noqa: E402

MODES = ("grammar", "raw")
"""The fuzz targets: generated documents, or raw bytes as text."""

_PROJECT: FuzzProject | None = None


def _project() -> FuzzProject:
    global _PROJECT
    if _PROJECT is None:
        _PROJECT = FuzzProject(Path(tempfile.mkdtemp(prefix="mmark-fuzz-")))
    return _PROJECT


def test_raw(data: bytes) -> None:
    """Read the bytes, as UTF-8 text, as a v2 document."""
    text = data.decode("utf-8", errors="replace")
    _project().parsers[".md"].parse(text)


def test_grammar(data: bytes) -> None:
    """Read the document the generator writes from the bytes' choices."""
    document = generate(ProviderSource(atheris.FuzzedDataProvider(data)))
    try:
        _project().parse(document)
    except BaseException:
        print(f"--- {document.suffix} document ---\n{document.text}---", file=sys.stderr)
        raise


def take_mode(argv: list[str]) -> str:
    """Remove ``--mode=…`` from ``argv`` and return the mode (``grammar`` by default)."""
    mode = "grammar"
    for arg in list(argv[1:]):
        if arg.startswith("--mode="):
            mode = arg.split("=", 1)[1]
            argv.remove(arg)
    if mode not in MODES:
        raise SystemExit(f"--mode must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def main() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
    mode = take_mode(sys.argv)
    atheris.Setup(sys.argv, test_grammar if mode == "grammar" else test_raw)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
