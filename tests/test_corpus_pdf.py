"""Every corpus document compiles to PDF (``tools/corpus_pdf.py``; issue 14).

Each group of the shared corpus is built with ``-b latex`` and compiled with
``latexmk``; no document may have a LaTeX error, but those of :data:`KNOWN`, each
with its reason (most are macros their site defined outside the document). A known
document that compiles fails the test too, so that the list only shrinks.

Slow (a few minutes). Skips without the shared corpus, ``latexmk``, ``pdflatex`` or
``xelatex`` (Debian: latexmk, texlive-latex-recommended, texlive-latex-extra,
texlive-fonts-recommended, texlive-plain-generic, tex-gyre, texlive-xetex,
fonts-dejavu-core, fonts-noto-cjk; ``.ci/run`` installs them).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .helpers import REPO

pytestmark = pytest.mark.slow

for _tool, _package in (("latexmk", "latexmk"), ("pdflatex", "texlive-latex-recommended"),
                        ("xelatex", "texlive-xetex")):  # fmt: skip
    if shutil.which(_tool) is None:
        pytest.skip(
            f"{_tool} is not installed (Debian package {_package}); the corpus PDFs are not built",
            allow_module_level=True,
        )

KNOWN: dict[str, str] = {
    "books/absoludity__geometry-of-relativity-source/content/intro/_index.mmark": (
        "maths: macros the site gave KaTeX outside the document (\\v, \\vcTwo…)"
    ),
    "books/absoludity__geometry-of-relativity-source/content/rotations-in-space/"
    "eulers-formula-and-geometric-algebra/_index.mmark": (
        "maths: macros the site gave KaTeX outside the document"
    ),
    "books/absoludity__geometry-of-relativity-source/content/rotations-in-spacetime/"
    "a-vector-in-spacetime/_index.mmark": "maths: macros the site gave KaTeX outside the document",
    "hugo-posts/jmf1sh__jmf1sh.github.io__quantum-bv-complex.mmark": (
        "maths: macros (\\h, \\X) defined in single-dollar text, which Hugo's mmark leaves "
        "as text and the site's KaTeX read: for LaTeX they are defined nowhere"
    ),
    "hugo-posts/klee30810__blog_source__chap2.md": (
        "maths: the post's own error, an & outside any alignment in an inline formula"
    ),
}
"""Documents that do not compile yet, with the reason."""


def _tool() -> ModuleType:
    tools = str(REPO / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)  # corpus_pdf imports conformance from there
    spec = importlib.util.spec_from_file_location("corpus_pdf", REPO / "tools" / "corpus_pdf.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_pdf"] = module
    spec.loader.exec_module(module)
    return module


def test_every_corpus_document_compiles(corpus: Path) -> None:
    corpus_pdf = _tool()
    results = corpus_pdf.run(corpus, progress=print)
    report = corpus_pdf.format_report(results)
    print(report)
    docs = {doc.relpath: doc for result in results for doc in result.docs}
    assert len(docs) > 200, "the corpus has its documents"
    failed = sorted(path for path, doc in docs.items() if not doc.compiled)
    unexpected = [path for path in failed if path not in KNOWN]
    assert not unexpected, f"LaTeX errors in {unexpected}\n{report}"
    outside = [error for result in results for error in result.outside]
    assert not outside, f"LaTeX errors outside any document:\n{outside}"
    fixed = sorted(path for path in KNOWN if path in docs and path not in failed)
    assert not fixed, f"these compile now: remove them from KNOWN: {fixed}"
