"""Every corpus document compiles to PDF: each group built with ``-b latex``, then ``latexmk``.

A *group* is a top-level folder of the corpus (``hugo-posts``, ``ietf-drafts``, ``books``,
``mmark-v2``, ``seed``). Each group is built as one Sphinx project with sphinx-mmark,
the same way :mod:`conformance` builds the corpus (a scratch copy, the documents of
:func:`conformance.collect`, ``include_patterns``), with a root document whose toctree
lists the group's documents, so that the group becomes one LaTeX file. ``latexmk -pdf
-interaction=nonstopmode`` then compiles it with the engine the build chose (Sphinx's
``latexmkrc`` maps ``-pdf`` to ``latex_engine``; sphinx-mmark picks ``xelatex`` when
the text needs it, see :mod:`sphinx_mmark.sphinx_ext.latex_engine`).

Every LaTeX error (a line of the ``.log`` starting with ``!``) is given to the document
whose part of the ``.tex`` file it occurred in: the line number TeX reports (``l.123``)
is compared with the ``\\label{...::doc}`` that starts each document. A document with no
error *compiled*. Errors TeX reports outside any document (the preamble, the table of
contents) are listed for the group. A group whose build or compilation stopped (no PDF,
or a fatal error) fails every document not compiled before the stop. Characters the
fonts have no glyph for (``Missing character`` in the log) are counted per group.

Usage::

    python tools/corpus_pdf.py ../shared/corpus                 # every group
    python tools/corpus_pdf.py ../shared/corpus --group seed    # one group
    python tools/corpus_pdf.py ../shared/corpus --keep /tmp/pdf # keep the .tex, .log, .pdf

Prints ``N/N compiled`` and the failing documents with their errors; exits 1 when a
document failed or an error was outside every document.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import conformance  # the corpus reading and Sphinx build it shares

LATEXMK_TIMEOUT = 1800.0
TEX_NAME = "corpus"
ROOT_DOC = "_corpus_pdf_root"

_CONF_LATEX = """\
mmark_build_drafts = True
mmark_build_future = True
mmark_build_expired = True
latex_documents = [({root!r}, "{tex}.tex", {title!r}, "sphinx-mmark corpus", "manual")]
"""

_DOC_LABEL = re.compile(r"\\label\{\\detokenize\{(?P<doc>[^}]*)::doc\}\}")
_TEX_LINE = re.compile(r"^l\.(\d+) ", re.M)
_MISSING = re.compile(r"^Missing character: There is no (.) ", re.M)


@dataclass
class DocResult:
    """One document: the LaTeX errors of its part of the ``.tex`` file."""

    relpath: str
    errors: list[str] = field(default_factory=list)

    @property
    def compiled(self) -> bool:
        return not self.errors


@dataclass
class GroupResult:
    """One group: its documents, the errors outside any document, and what went wrong."""

    group: str
    docs: list[DocResult]
    engine: str = "?"
    outside: list[str] = field(default_factory=list)
    missing_glyphs: dict[str, int] = field(default_factory=dict)
    problem: str = ""
    sphinx_log: str = ""


def groups(root: Path) -> dict[str, list[conformance.Document]]:
    """The documents of ``root`` (:func:`conformance.collect`) by top-level folder."""
    found: dict[str, list[conformance.Document]] = {}
    for doc in conformance.collect(root):
        name = doc.relpath.split("/", 1)[0] if "/" in doc.relpath else "."
        found.setdefault(name, []).append(doc)
    return found


def _root_document(group: str, docs: Sequence[conformance.Document]) -> str:
    title = f"Corpus: {group}"
    entries = "".join(f"   {doc.docname}\n" for doc in docs)
    return f"{title}\n{'=' * len(title)}\n\n.. toctree::\n   :maxdepth: 1\n\n{entries}"


def build_group(
    root: Path, group: str, docs: Sequence[conformance.Document], scratch: Path, jobs: int = 1
) -> GroupResult:
    """Build ``docs`` (one group of ``root``) as LaTeX in ``scratch`` and compile it."""
    result = GroupResult(group, [DocResult(doc.relpath) for doc in docs])
    src, out = scratch / "src", scratch / "latex"
    conformance._copy_tree(root, src)
    (src / f"{ROOT_DOC}.rst").write_text(_root_document(group, docs), encoding="utf-8")
    patterns = [f"{ROOT_DOC}.rst", *(doc.relpath for doc in docs)]
    conf = conformance._CONF.format(root=ROOT_DOC, patterns=patterns)
    conf += _CONF_LATEX.format(root=ROOT_DOC, tex=TEX_NAME, title=f"Corpus: {group}")
    (src / "conf.py").write_text(conf, encoding="utf-8")
    result.sphinx_log = conformance._sphinx_build(src, out, jobs, builder="latex")
    tex = out / f"{TEX_NAME}.tex"
    if not tex.is_file():
        result.problem = "the Sphinx build wrote no .tex file"
        _fail_all(result, result.problem)
        return result
    rc = out / "latexmkrc"
    engine = re.search(r"\$pdflatex = '(\w+)", rc.read_text()) if rc.is_file() else None
    result.engine = engine.group(1) if engine else "pdflatex"
    try:
        done = subprocess.run(
            ["latexmk", "-pdf", "-f", "-interaction=nonstopmode", f"{TEX_NAME}.tex"],
            cwd=out,
            capture_output=True,
            timeout=LATEXMK_TIMEOUT,
            check=False,
        )
        latexmk_output = done.stdout.decode("utf-8", errors="replace")
    except subprocess.TimeoutExpired:
        latexmk_output = f"latexmk timed out after {LATEXMK_TIMEOUT} s"
        result.problem = latexmk_output
    log_path = out / f"{TEX_NAME}.log"
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.is_file() else ""
    attribute(result, tex.read_text(encoding="utf-8"), log, docs)
    result.missing_glyphs = _missing_glyphs(log)
    if not (out / f"{TEX_NAME}.pdf").is_file() and not result.problem:
        result.problem = "no PDF was written\n" + (log[-2000:] or latexmk_output[-2000:])
    if result.problem:
        _fail_all(result, result.problem.split("\n", 1)[0])
    return result


def attribute(
    result: GroupResult, tex: str, log: str, docs: Sequence[conformance.Document]
) -> None:
    """Give each error of ``log`` to the document whose part of ``tex`` it occurred in."""
    by_docname = {doc.docname: index for index, doc in enumerate(docs)}
    starts: list[int] = []  # line numbers (1-based) where a document starts, ascending
    owners: list[int] = []
    for match in _DOC_LABEL.finditer(tex):
        index = by_docname.get(match.group("doc"))
        if index is not None:
            starts.append(tex.count("\n", 0, match.start()) + 1)
            owners.append(index)
    for error in errors(log):
        line = _TEX_LINE.search(error)
        position = bisect_right(starts, int(line.group(1))) if line else 0
        if position == 0:
            result.outside.append(error)
        else:
            result.docs[owners[position - 1]].errors.append(error)
    if "Fatal error occurred" in log or "Emergency stop" in log:
        result.problem = result.problem or "TeX stopped at a fatal error"


def errors(log: str) -> list[str]:
    """Every LaTeX error of ``log``: its ``!`` line and the context up to the ``l.N`` line."""
    found = []
    lines = log.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("!"):
            context = [line]
            for following in lines[index + 1 : index + 12]:
                if following.startswith("!"):
                    break
                context.append(following)
                if _TEX_LINE.match(following + " "):
                    break
            found.append("\n".join(context).rstrip())
    return found


def _missing_glyphs(log: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for match in _MISSING.finditer(log):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return counts


def _fail_all(result: GroupResult, reason: str) -> None:
    """A stopped group: documents without errors cannot be said to have compiled."""
    for doc in result.docs:
        if not doc.errors:
            doc.errors.append(f"! not compiled: {reason}")


def run(
    root: Path,
    *,
    only: Sequence[str] = (),
    keep: Path | None = None,
    jobs: int = 1,
    progress: Callable[[str], None] | None = None,
) -> list[GroupResult]:
    """Build and compile every group of ``root`` (or the groups in ``only``)."""
    for tool in ("latexmk",):
        if shutil.which(tool) is None:
            raise FileNotFoundError(f"`{tool}` is not on PATH (apt-get install {tool})")
    say = progress or (lambda message: None)
    results = []
    for group, docs in sorted(groups(root).items()):
        if only and group not in only:
            continue
        say(f"{group}: {len(docs)} documents")
        with tempfile.TemporaryDirectory(prefix=f"mmark-pdf-{group}-") as tmp:
            result = build_group(root, group, docs, Path(tmp), jobs)
            if keep is not None:
                target = keep / group
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(Path(tmp) / "latex", target, dirs_exist_ok=True)
                (target / "sphinx.log").write_text(result.sphinx_log, encoding="utf-8")
        results.append(result)
        compiled = sum(doc.compiled for doc in result.docs)
        say(f"{group}: {compiled}/{len(result.docs)} compiled ({result.engine})")
    return results


def format_report(results: Sequence[GroupResult]) -> str:
    """The failing documents with their errors, a line per group, and ``N/N compiled``."""
    lines = []
    for result in results:
        for doc in result.docs:
            if not doc.compiled:
                lines.append(f"FAILED {doc.relpath} ({len(doc.errors)} LaTeX errors)")
                lines.extend("    " + e.replace("\n", "\n    ") for e in doc.errors[:5])
        for error in result.outside:
            lines.append(f"ERROR outside any document of {result.group}:")
            lines.append("    " + error.replace("\n", "\n    "))
    for result in results:
        compiled = sum(doc.compiled for doc in result.docs)
        glyphs = sum(result.missing_glyphs.values())
        note = (
            f", {glyphs} missing glyphs {''.join(sorted(result.missing_glyphs))}" if glyphs else ""
        )
        lines.append(
            f"{result.group:<12} {compiled:>4}/{len(result.docs):<4} compiled "
            f"({result.engine}, {sum(len(d.errors) for d in result.docs)} errors{note})"
        )
    total = sum(len(result.docs) for result in results)
    compiled = sum(doc.compiled for result in results for doc in result.docs)
    lines.append(f"{compiled}/{total} compiled")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="corpus directory")
    parser.add_argument("--group", action="append", default=[], help="only this group")
    parser.add_argument("--keep", type=Path, help="keep each group's LaTeX folder here")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="sphinx-build -j")
    parser.add_argument("--log", action="store_true", help="print sphinx-build's warnings")
    args = parser.parse_args(argv)
    results = run(
        args.root,
        only=args.group,
        keep=args.keep,
        jobs=args.jobs,
        progress=lambda m: print(m, file=sys.stderr),
    )
    if args.log:
        for result in results:
            print(f"--- {result.group}\n{result.sphinx_log}")
    print(format_report(results))
    failed = any(not d.compiled for r in results for d in r.docs) or any(r.outside for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
