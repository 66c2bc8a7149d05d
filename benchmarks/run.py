"""sphinx-mmark benchmarks: ratios against MyST-Parser, measured side by side in one run.

    python benchmarks/run.py                          # parse + scaling + build (N=100)
    python benchmarks/run.py --posts 800 --themes plain   # the large build, one theme
    python benchmarks/run.py --quick                  # a smoke run (CI): tiny sizes, one round
    python benchmarks/run.py --only parse             # one section: parse, scaling or build
    python benchmarks/run.py --markdown report.md     # also write the report to a file

Options: ``--rounds`` (parse timings, default 7), ``--build-rounds`` (default 7: same-vs-same
builds vary by ±10%, so ratios are medians of interleaved rounds), ``--themes`` (comma list
of ``plain`` and ``book``, default both), ``--posts`` (N, default 100). ``--quick`` makes
the defaults tiny: N=10, one round of everything, the plain theme, a dozen corpus documents.

Sections (each prints a table; targets are printed PASS/FAIL, never asserted):

* parse: the same generated posts through sphinx-mmark and through MyST-Parser,
  markdown → doctree with transforms (Sphinx's ``read_doc``), interleaved, each read
  timed from a collected heap (see ``ParseBench.timed``), median of rounds; peak memory
  of one parse; the reference ``mmark -html`` (whole process) where installed; one-by-one
  vs concatenated. When the shared corpus of real mmark
  documents is present (``$SPHINX_MMARK_SHARED/corpus``, default ``../shared/corpus``),
  its documents too: those in syntax both parsers read alike (see ``shared_corpus.py``)
  through both, as a median per-document ratio; all of them through sphinx-mmark alone,
  as a total beside the reference ``mmark -html`` summed over the same files.
* scaling: parse time of one document at 1x, 2x, 4x, 16x size, through both parsers, with
  CPython's cyclic GC running and paused (the GC alone bends both curves on long pages).
* build: a generated Hugo-style site of N posts with sphinx-mmark and with MyST-Parser:
  read phase (a fresh ``-b dummy`` build), full build, ``-j 2``, no-op rebuild, touch-one
  rebuild; with a plain theme (Sphinx's ``basic``: no sidebar listing the posts) and with
  sphinx-book-theme (whose sidebar lists every post).

The report is Markdown (pipe tables), so ``--markdown`` output can go straight into a note.
sphinx-mmark's bytecode is compiled first, as installing a wheel does (see ``_compile_package``).
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import gc
import importlib.metadata
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import long_document, post
from shared_corpus import as_myst, corpus_dir, corpus_files, is_shared_syntax

MMARK_CONF = 'extensions = ["sphinx_mmark"]\nsuppress_warnings = ["toc.not_included"]\n'
MYST_CONF = (
    'extensions = ["myst_parser"]\nmyst_enable_extensions = ["dollarmath"]\n'
    "myst_title_to_header = True\n"
    'suppress_warnings = ["toc.not_included", "myst.header"]\n'
)
# the parse project: ``mm_*`` files are mmark (``.mmark``, or ``.md`` by the pattern),
# ``my_*.md`` files are MyST; deflist on, as corpus documents may hold definition lists
BOTH_CONF = (
    'extensions = ["sphinx_mmark", "myst_parser"]\n'
    'myst_enable_extensions = ["dollarmath", "deflist"]\n'
    "myst_title_to_header = True\n"
    'suppress_warnings = ["toc.not_included", "myst.header"]\nmmark_include_drafts = True\n'
    'mmark_md_patterns = ["mm_*"]\n'
)
THEMES = {
    # Sphinx's basic theme: its sidebar holds the page's own contents, not the site's
    "plain": 'html_theme = "basic"\n',
    # sphinx-book-theme: its sidebar lists every post, so writing grows with N squared
    "book": 'html_theme = "sphinx_book_theme"\n',
}
QUICK_CORPUS = 12  # corpus documents in a --quick run

Row = tuple[str, ...]
_results: list[tuple[str, bool | None, str]] = []
_report: list[str] = []


def emit(line: str = "") -> None:
    """Print one line of the report, and keep it for ``--markdown``."""
    _report.append(line)
    print(line, flush=True)


def target(name: str, ok: bool | None, detail: str) -> None:
    """Record a target's outcome (None: could not be measured)."""
    _results.append((name, ok, detail))


def median_time(func: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _without_gc(func: Callable[[], object], rounds: int) -> float:
    gc.collect()
    gc.disable()
    try:
        return median_time(func, rounds)
    finally:
        gc.enable()


def print_table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A Markdown pipe table, its columns padded so it also reads well in a terminal."""
    widths = [max(3, *(len(r[i]) for r in [header, *rows])) for i in range(len(header))]
    emit(f"\n## {title}\n")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        emit("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |")


# -- parse ------------------------------------------------------------------------


def paired(texts: dict[str, str]) -> dict[str, str]:
    """Every text twice: ``mm_<name>.mmark`` for sphinx-mmark, ``my_<name>.md`` for MyST."""
    files = {}
    for name, text in texts.items():
        files[f"mm_{name}.mmark"] = text
        files[f"my_{name}.md"] = as_myst(text)
    return files


class ParseBench:
    """One Sphinx project (sphinx-mmark and MyST-Parser) holding the given files.

    ``files`` maps file names to texts; a file's docname is its name without the suffix.
    Warnings (missing includes of corpus documents, say) go to a buffer nobody reads.
    """

    def __init__(self, files: dict[str, str], workdir: Path) -> None:
        from sphinx.testing.util import SphinxTestApp

        self.src = workdir / "parse"
        self.src.mkdir(parents=True)
        (self.src / "conf.py").write_text(BOTH_CONF)
        (self.src / "index.rst").write_text("Bench\n=====\n")
        for name, text in files.items():
            (self.src / name).write_text(text, encoding="utf-8")
        self.app = SphinxTestApp(
            "dummy", srcdir=self.src, freshenv=True, status=StringIO(), warning=StringIO()
        )
        self.app.build()  # warm: every document read once

    def read(self, docname: str) -> None:
        self.app.builder.read_doc(docname, _cache=False)

    def timed(self, docname: str) -> float:
        """Seconds to read ``docname``, from a collected heap.

        Interleaved reads would otherwise charge one parser for the other's cyclic
        garbage: MyST-Parser's token trees wait for CPython's collector, which may
        run during the next read.
        """
        gc.collect()
        start = time.perf_counter()
        self.read(docname)
        return time.perf_counter() - start

    def median_read(self, docname: str, rounds: int) -> float:
        return statistics.median(self.timed(docname) for _ in range(rounds))

    def close(self) -> None:
        self.app.cleanup()


def bench_parse(args: argparse.Namespace, workdir: Path) -> None:
    count = 10 if args.quick else 60
    texts = {f"gen{i}": post(i) for i in range(count)}
    big = long_document(16 if args.quick else 250)
    texts["big"] = big
    bench = ParseBench(paired(texts), workdir)
    rounds = args.rounds
    try:
        mm_times, my_times = [], []
        for _ in range(rounds):
            for name in [n for n in texts if n != "big"]:
                mm_times.append(bench.timed(f"mm_{name}"))
                my_times.append(bench.timed(f"my_{name}"))
        mm_post = statistics.median(mm_times)
        my_post = statistics.median(my_times)
        big_times: dict[str, list[float]] = {"mm": [], "my": []}
        for _ in range(rounds):  # interleaved, as the posts
            for kind, times in big_times.items():
                times.append(bench.timed(f"{kind}_big"))
        mm_big = statistics.median(big_times["mm"])
        my_big = statistics.median(big_times["my"])
        mm_mem = _peak(lambda: bench.read("mm_big"))
        my_mem = _peak(lambda: bench.read("my_big"))
        ratio = mm_post / my_post
        rows: list[Row] = [
            (
                "post (~5 KB), median",
                f"{mm_post * 1000:.1f} ms",
                f"{my_post * 1000:.1f} ms",
                f"{ratio:.2f}",
            ),
            (
                f"one document ({len(big) // 1024} KB)",
                f"{mm_big * 1000:.0f} ms",
                f"{my_big * 1000:.0f} ms",
                f"{mm_big / my_big:.2f}",
            ),
            (
                "peak memory of one parse",
                f"{mm_mem / 2**20:.1f} MiB",
                f"{my_mem / 2**20:.1f} MiB",
                f"{mm_mem / my_mem:.2f}",
            ),
        ]
        reference = _reference_time(bench.src / "mm_big.mmark", rounds)
        if reference is not None:
            rows.append(
                (
                    "reference `mmark -html`, same document",
                    f"{reference * 1000:.0f} ms",
                    "",
                    f"{mm_big / reference:.2f} (ours/ref)",
                )
            )
        print_table(
            "parse: markdown → doctree (Sphinx read_doc)",
            ("case", "sphinx-mmark", "MyST-Parser", "ratio"),
            rows,
        )
        target(
            "parse ratio vs MyST ≤ 1.0 (stretch 0.8), generated posts",
            ratio <= 1.0,
            f"{ratio:.2f}{' (stretch met)' if ratio <= 0.8 else ''}",
        )
        target("memory of a parse ≤ MyST's", mm_mem <= my_mem, f"{mm_mem / my_mem:.2f}")
        if reference is not None:
            target(
                "stretch: within 2x of the reference on one document",
                mm_big <= 2 * reference,
                f"{mm_big / reference:.2f}",
            )
        # one by one vs concatenated
        names = [n for n in texts if n.startswith("gen")]
        one_by_one = sum(bench.median_read(f"mm_{n}", rounds) for n in names)
        bench.close()
        joined = {"joined": _concatenate([texts[n] for n in names])}
        joined_bench = ParseBench(paired(joined), workdir / "joined")
        try:
            together = joined_bench.median_read("mm_joined", rounds)
        finally:
            joined_bench.close()
        per_doc = one_by_one / together
        emit(
            f"\n{len(names)} posts one by one: {one_by_one * 1000:.0f} ms; "
            f"concatenated: {together * 1000:.0f} ms; ratio {per_doc:.2f}"
        )
        target("one-by-one vs concatenated ≤ 1.15", per_doc <= 1.15, f"{per_doc:.2f}")
    finally:
        bench.close()
    bench_corpus(args, workdir / "corpus")


def bench_corpus(args: argparse.Namespace, workdir: Path) -> None:
    """The shared corpus: shared-syntax documents against MyST, all of them on their own."""
    name = "parse ratio vs MyST ≤ 1.0 on shared-syntax corpus documents"
    root = corpus_dir()
    if not root.is_dir():
        emit(f"\n(shared corpus not found at {root}: corpus rows skipped; set SPHINX_MMARK_SHARED)")
        target(name, None, "no shared corpus")
        return
    from sphinx_mmark.parse.markdown import build_parser

    paths = corpus_files(root)
    if args.quick:  # a spread of sizes and folders, not the first dozen of one folder
        paths = paths[:: max(1, len(paths) // QUICK_CORPUS)][:QUICK_CORPUS]
    md = build_parser()
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in paths}
    shared = {p for p, text in texts.items() if is_shared_syntax(md, text)}
    # one file per document, renamed (the corpus has subfolders; includes are not copied)
    docs = {p: f"c{i:03d}" for i, p in enumerate(paths)}
    files = {}
    for path, doc in docs.items():
        files[f"mm_{doc}{path.suffix}"] = texts[path]
        if path in shared:
            files[f"my_{doc}.md"] = as_myst(texts[path])
    bench = ParseBench(files, workdir)
    try:
        mm_times: dict[Path, list[float]] = {p: [] for p in paths}
        my_times: dict[Path, list[float]] = {p: [] for p in shared}
        for _ in range(args.rounds):
            for path, doc in docs.items():  # interleaved, document by document
                mm_times[path].append(bench.timed(f"mm_{doc}"))
                if path in shared:
                    my_times[path].append(bench.timed(f"my_{doc}"))
        mm = {p: statistics.median(t) for p, t in mm_times.items()}
        my = {p: statistics.median(t) for p, t in my_times.items()}
        reference = _reference_total(
            [bench.src / f"mm_{doc}{path.suffix}" for path, doc in docs.items()], args.rounds
        )
    finally:
        bench.close()
    size = _kb(sum(len(texts[p].encode()) for p in paths))
    rows: list[Row] = []
    ratio = None
    if shared:
        ratio = statistics.median(mm[p] / my[p] for p in shared)
        mm_shared = sum(mm[p] for p in shared)
        my_shared = sum(my[p] for p in shared)
        shared_size = _kb(sum(len(texts[p].encode()) for p in shared))
        rows += [
            (
                f"shared-syntax documents ({len(shared)}), per document (median)",
                f"{statistics.median(mm[p] for p in shared) * 1000:.1f} ms",
                f"{statistics.median(my[p] for p in shared) * 1000:.1f} ms",
                f"{ratio:.2f}",
            ),
            (
                f"shared-syntax documents ({len(shared)}, {shared_size}), total",
                f"{mm_shared * 1000:.0f} ms",
                f"{my_shared * 1000:.0f} ms",
                f"{mm_shared / my_shared:.2f}",
            ),
        ]
    mm_all = sum(mm.values())
    rows.append((f"all documents ({len(paths)}, {size}), total", f"{mm_all * 1000:.0f} ms", "", ""))
    if reference is not None:
        total, failed = reference
        rows.append(
            (
                f"reference `mmark -html`, same {len(paths)} files, summed"
                + (f" ({failed} exit with an error)" if failed else ""),
                f"{total * 1000:.0f} ms",
                "",
                f"{mm_all / total:.2f} (ours/ref)",
            )
        )
    print_table(
        f"parse: shared corpus ({root})",
        ("case", "sphinx-mmark", "MyST-Parser", "ratio"),
        rows,
    )
    emit(
        "\nShared syntax: CommonMark, footnotes, `$`/`$$` math, tables, definition lists, "
        "YAML front matter, raw HTML; ratio = median of per-document ratios. All documents: "
        "sphinx-mmark only (MyST would read mmark-only syntax differently); "
        "the reference is a whole process per file."
    )
    if ratio is None:
        target(name, None, "no shared-syntax document")
    else:
        target(name, ratio <= 1.0, f"{ratio:.2f} (median over {len(shared)})")


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 10 * 1024 else f"{size // 1024} KB"


def _concatenate(posts: list[str]) -> str:
    bodies = []
    for i, text in enumerate(posts):
        body = text.split("---\n", 2)[2]
        bodies.append(body.replace("[^n", f"[^p{i}n"))
    return '---\ntitle: "Joined"\nmarkup: mmark\n---\n\n' + "\n".join(bodies)


def _peak(func: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _run_mmark(mmark: str, path: Path) -> int:
    """Run the reference on one file; its exit code (it crashes on a few files), -1: hung."""
    try:
        done = subprocess.run(
            [mmark, "-html", str(path)], capture_output=True, check=False, timeout=60
        )
    except subprocess.TimeoutExpired:
        return -1
    return done.returncode


def _reference_time(path: Path, rounds: int) -> float | None:
    mmark = shutil.which("mmark")
    if mmark is None:
        return None
    return median_time(lambda: _run_mmark(mmark, path), max(rounds, 3))


def _reference_total(paths: list[Path], rounds: int) -> tuple[float, int] | None:
    """The reference's whole-process time summed over ``paths``, and how many failed."""
    mmark = shutil.which("mmark")
    if mmark is None:
        return None
    total, failed = 0.0, 0
    for path in paths:
        times, code = [], 0
        for _ in range(max(rounds, 3)):
            start = time.perf_counter()
            code = _run_mmark(mmark, path)
            times.append(time.perf_counter() - start)
        total += statistics.median(times)
        failed += code != 0
    return total, failed


# -- scaling ----------------------------------------------------------------------


def bench_scaling(args: argparse.Namespace, workdir: Path) -> None:
    base = 8 if args.quick else 32
    factors = (1, 2, 4, 16)
    texts = {f"x{f}": long_document(base * f) for f in factors}
    bench = ParseBench(paired(texts), workdir / "scaling")
    kinds = ("mm", "my")
    times: dict[tuple[str, int], list[float]] = {}
    paused: dict[tuple[str, int], list[float]] = {}
    try:
        for _ in range(args.rounds):  # interleaved: sizes and parsers share the machine's moods
            for f in factors:
                for kind in kinds:
                    read = partial(bench.read, f"{kind}_x{f}")
                    times.setdefault((kind, f), []).append(bench.timed(f"{kind}_x{f}"))
                    # CPython's cyclic GC walks the whole heap now and then: on big pages
                    # that alone bends the curve; without it, the parser's own slope shows
                    paused.setdefault((kind, f), []).append(_without_gc(read, 1))
    finally:
        bench.close()
    t = {key: statistics.median(values) for key, values in times.items()}
    p = {key: statistics.median(values) for key, values in paused.items()}
    rows: list[Row] = []
    for f in factors:
        rows.append(
            (
                f"{f}x",
                f"{len(texts[f'x{f}']) // 1024} KB",
                f"{t['mm', f] * 1000:.0f} ms",
                f"{t['mm', f] / t['mm', 1]:.2f}",
                f"{t['my', f] * 1000:.0f} ms",
                f"{t['my', f] / t['my', 1]:.2f}",
                f"{p['mm', f] * 1000:.0f} ms",
                f"{p['my', f] * 1000:.0f} ms",
            )
        )
    print_table(
        "scaling: one document at growing size",
        (
            "size",
            "bytes",
            "sphinx-mmark",
            "vs 1x",
            "MyST-Parser",
            "vs 1x",
            "sphinx-mmark, GC paused",
            "MyST, GC paused",
        ),
        rows,
    )

    def slope(values: dict[tuple[str, int], float], kind: str) -> float:
        return math.log(values[kind, 16] / values[kind, 1]) / math.log(16)

    emit(
        f"\nslope (log time / log size, 1x → 16x): sphinx-mmark {slope(t, 'mm'):.2f}, "
        f"MyST-Parser {slope(t, 'my'):.2f}; GC paused: sphinx-mmark {slope(p, 'mm'):.2f}, "
        f"MyST-Parser {slope(p, 'my'):.2f}"
    )
    double = t["mm", 2] / t["mm", 1]
    target("2x the document ≤ 2.2x the time", double <= 2.2, f"{double:.2f}")
    target("scaling slope ≈ 1 (≤ 1.1)", slope(t, "mm") <= 1.1, f"{slope(t, 'mm'):.2f}")
    target(
        "scaling slope with the GC paused ≤ 1.1",
        slope(p, "mm") <= 1.1,
        f"{slope(p, 'mm'):.2f}",
    )
    per_byte = t["mm", 16] / t["my", 16]
    target(
        "a 16x document costs no more than through MyST",
        per_byte <= 1.0,
        f"{per_byte:.2f} (16x sizes: sphinx-mmark / MyST)",
    )


# -- build ------------------------------------------------------------------------


def _site(root: Path, n: int, *, myst: bool, theme: str) -> Path:
    src = root / f"{'myst' if myst else 'mmark'}-{theme}-{n}"
    (src / "posts").mkdir(parents=True)
    conf = MYST_CONF if myst else MMARK_CONF
    conf += THEMES[theme]
    (src / "conf.py").write_text(conf)
    (src / "index.rst").write_text("Blog\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n")
    for i in range(n):
        (src / "posts" / f"post-{i:04d}.md").write_text(post(i, markup=not myst))
    return src


def _sphinx(src: Path, *extra: str, fresh: bool = True, builder: str = "html") -> float:
    """Seconds of one ``sphinx-build`` process; ``fresh`` removes every earlier build first."""
    out = src / "_build"
    if fresh and out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, "-q", *extra]
    cmd += [str(src), str(out / builder)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return elapsed


READ = "read (-b dummy)"


def bench_build(args: argparse.Namespace, workdir: Path) -> None:
    n = args.posts
    rows: list[Row] = []
    for number, theme in enumerate(args.themes):
        # the read phase does not load the HTML theme: measured with the first theme only
        with_read = number == 0
        sites = {
            kind: _site(workdir / "build", n, myst=kind == "myst", theme=theme)
            for kind in ("mmark", "myst")
        }
        results: dict[str, dict[str, list[float]]] = {k: {} for k in sites}
        for _ in range(args.build_rounds):
            for kind, src in sites.items():  # interleaved: each round builds both kinds
                r = results[kind]
                if with_read:
                    r.setdefault(READ, []).append(_sphinx(src, builder="dummy"))
                r.setdefault("full", []).append(_sphinx(src))
                r.setdefault("-j 2", []).append(_sphinx(src, "-j", "2"))
                r.setdefault("no-op", []).append(_sphinx(src, fresh=False))
                target_post = src / "posts" / "post-0000.md"
                target_post.write_text(target_post.read_text() + "\nTouched.\n")
                r.setdefault("touch one", []).append(_sphinx(src, fresh=False))
        for case in ((READ,) if with_read else ()) + ("full", "-j 2", "no-op", "touch one"):
            mm = statistics.median(results["mmark"][case])
            my = statistics.median(results["myst"][case])
            rows.append((f"{theme}, N={n}, {case}", f"{mm:.2f} s", f"{my:.2f} s", f"{mm / my:.2f}"))
        if with_read:
            read = _ratio(results, READ)
            target(
                f"read phase (N={n}) ≤ 1.10x MyST (stretch 1.0)",
                read <= 1.10,
                f"{read:.2f}{' (stretch met)' if read <= 1.0 else ''}",
            )
        full = _ratio(results, "full")
        target(f"full build ({theme}) ≤ 1.05x MyST", full <= 1.05, f"{full:.2f}")
        gain_mm = statistics.median(results["mmark"]["full"]) / statistics.median(
            results["mmark"]["-j 2"]
        )
        gain_my = statistics.median(results["myst"]["full"]) / statistics.median(
            results["myst"]["-j 2"]
        )
        target(
            f"-j 2 gain ({theme}) ≥ MyST's (5% allowed: same-vs-same runs vary ±10%)",
            gain_mm >= gain_my * 0.95,
            f"{gain_mm:.2f}x vs {gain_my:.2f}x; -j 2 build {_ratio(results, '-j 2'):.2f}x MyST's",
        )
        target(
            f"no-op rebuild ({theme}) ≤ 1.05x MyST",
            _ratio(results, "no-op") <= 1.05,
            f"{_ratio(results, 'no-op'):.2f}",
        )
        target(
            f"touch-one rebuild ({theme}) ≤ 1.10x MyST",
            _ratio(results, "touch one") <= 1.10,
            f"{_ratio(results, 'touch one'):.2f}",
        )
    print_table(
        "build: generated Hugo-style site (medians, interleaved)",
        ("case", "sphinx-mmark", "MyST-Parser", "ratio"),
        rows,
    )


def _ratio(results: dict[str, dict[str, list[float]]], case: str) -> float:
    return statistics.median(results["mmark"][case]) / statistics.median(results["myst"][case])


# -- main -------------------------------------------------------------------------


def _themes(value: str) -> tuple[str, ...]:
    themes = tuple(t.strip() for t in value.split(",") if t.strip())
    unknown = [t for t in themes if t not in THEMES]
    if unknown or not themes:
        raise argparse.ArgumentTypeError(f"themes are a comma list of {', '.join(THEMES)}")
    return themes


def _header(args: argparse.Namespace, sections: list[str]) -> str:
    versions = ", ".join(
        f"{dist} {importlib.metadata.version(dist)}"
        for dist in ("sphinx-mmark", "myst-parser", "sphinx", "markdown-it-py")
    )
    mmark = "reference mmark found" if shutil.which("mmark") else "no reference mmark"
    now = datetime.datetime.now().astimezone().isoformat(timespec="minutes")
    build = (
        f"; build: N={args.posts}, rounds {args.build_rounds}, themes {','.join(args.themes)}"
        if "build" in sections
        else ""
    )
    parse = f"; parse rounds {args.rounds}" if {"parse", "scaling"} & set(sections) else ""
    return (
        f"# sphinx-mmark benchmark ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {now})\n\n"
        f"{versions}; {mmark}. Sections: {', '.join(sections)}"
        f"{parse}{build}{'; --quick' if args.quick else ''}."
    )


def _compile_package() -> None:
    """Write sphinx-mmark's bytecode, as installing a wheel does.

    From a checkout with ``PYTHONDONTWRITEBYTECODE`` set, every Sphinx process would
    otherwise compile the edited modules from source, and the rebuild timings would
    measure that instead of the extension (MyST-Parser's bytecode is installed).
    """
    import sphinx_mmark

    compileall.compile_dir(Path(sphinx_mmark.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run at tiny sizes")
    parser.add_argument("--posts", type=int, help="posts in the build benchmark (default 100)")
    parser.add_argument("--rounds", type=int, help="rounds of parse timings (default 7)")
    parser.add_argument("--build-rounds", type=int, help="rounds of each build (default 7)")
    parser.add_argument(
        "--themes", type=_themes, help="builds: comma list of plain, book (default both)"
    )
    parser.add_argument("--only", choices=("parse", "scaling", "build"), action="append")
    parser.add_argument("--markdown", type=Path, metavar="PATH", help="also write the report")
    args = parser.parse_args(argv)
    # --quick changes the defaults only: explicit options still win
    quick = args.quick
    defaults = {
        "posts": 10 if quick else 100,
        "rounds": 1 if quick else 7,
        "build_rounds": 1 if quick else 7,
        "themes": ("plain",) if quick else tuple(THEMES),
    }
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    sections = args.only or ["parse", "scaling", "build"]
    _compile_package()
    emit(_header(args, sections))
    try:
        with tempfile.TemporaryDirectory(prefix="mmark-bench-") as tmp:
            workdir = Path(tmp)
            for name, func in (
                ("parse", bench_parse),
                ("scaling", bench_scaling),
                ("build", bench_build),
            ):
                if name in sections:
                    func(args, workdir)
        emit("\n## targets\n")
        for name, ok, detail in _results:
            verdict = "n/a " if ok is None else ("PASS" if ok else "FAIL")
            emit(f"- {verdict}  {name}: {detail}")
    finally:
        if args.markdown is not None:  # a partial report too, should a section fail
            args.markdown.write_text("\n".join(_report) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
