"""sphinx-mmark benchmarks: ratios against MyST-Parser, measured side by side in one run.

    python benchmarks/run.py                 # parse + scaling + build (N=100)
    python benchmarks/run.py --posts 800     # the large build
    python benchmarks/run.py --quick         # a smoke run (CI): tiny sizes, one round
    python benchmarks/run.py --only parse    # one section: parse, scaling or build

Sections (each prints a table; targets are printed PASS/FAIL, never asserted):

* parse: the same generated posts through sphinx-mmark and through MyST-Parser,
  markdown → doctree with transforms (Sphinx's ``read_doc``), interleaved, median of
  rounds; peak memory of one parse; the reference ``mmark -html`` (whole process)
  where installed; one-by-one vs concatenated.
* scaling: parse time of one document at 1x, 2x, 4x, 16x size.
* build: a generated Hugo-style site of N posts with sphinx-mmark and with MyST-Parser:
  full build, ``-j 2``, no-op rebuild, touch-one rebuild; with a plain theme and with
  sphinx-book-theme (whose sidebar lists every post).
"""

from __future__ import annotations

import argparse
import gc
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
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import long_document, post

MMARK_CONF = 'extensions = ["sphinx_mmark"]\nsuppress_warnings = ["toc.not_included"]\n'
MYST_CONF = (
    'extensions = ["myst_parser"]\nmyst_enable_extensions = ["dollarmath"]\n'
    "myst_title_to_header = True\n"
    'suppress_warnings = ["toc.not_included", "myst.header"]\n'
)
BOTH_CONF = (
    'extensions = ["sphinx_mmark", "myst_parser"]\nmyst_enable_extensions = ["dollarmath"]\n'
    "myst_title_to_header = True\n"
    'suppress_warnings = ["toc.not_included", "myst.header"]\nmmark_include_drafts = True\n'
)

Row = tuple[str, ...]
_results: list[tuple[str, bool | None, str]] = []


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
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n## {title}\n")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))


# -- parse ------------------------------------------------------------------------


class ParseBench:
    """One Sphinx project holding every document twice: as mmark and as MyST."""

    def __init__(self, texts: dict[str, str], workdir: Path) -> None:
        from sphinx.testing.util import SphinxTestApp

        self.src = workdir / "parse"
        self.src.mkdir(parents=True)
        (self.src / "conf.py").write_text(BOTH_CONF)
        (self.src / "index.rst").write_text("Bench\n=====\n")
        for name, text in texts.items():
            (self.src / f"mm_{name}.mmark").write_text(text)
            myst_text = text.replace("markup: mmark\n", "")
            (self.src / f"my_{name}.md").write_text(myst_text)
        self.app = SphinxTestApp(
            "dummy", srcdir=self.src, freshenv=True, status=StringIO(), warning=StringIO()
        )
        self.app.build()  # warm: every document read once

    def read(self, docname: str) -> None:
        self.app.builder.read_doc(docname, _cache=False)

    def close(self) -> None:
        self.app.cleanup()


def bench_parse(args: argparse.Namespace, workdir: Path) -> None:
    count = 10 if args.quick else 60
    texts = {f"gen{i}": post(i) for i in range(count)}
    big = long_document(16 if args.quick else 250)
    texts["big"] = big
    bench = ParseBench(texts, workdir)
    rounds = 1 if args.quick else args.rounds
    try:
        mm_times, my_times = [], []
        for _ in range(rounds):
            for name in [n for n in texts if n != "big"]:
                mm_times.append(median_time(lambda n=name: bench.read(f"mm_{n}"), 1))
                my_times.append(median_time(lambda n=name: bench.read(f"my_{n}"), 1))
        mm_post = statistics.median(mm_times)
        my_post = statistics.median(my_times)
        mm_big = median_time(lambda: bench.read("mm_big"), rounds)
        my_big = median_time(lambda: bench.read("my_big"), rounds)
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
        target("parse ratio vs MyST ≤ 1.0 (stretch 0.8)", ratio <= 1.0, f"{ratio:.2f}")
        target("memory of a parse ≤ MyST's", mm_mem <= my_mem, f"{mm_mem / my_mem:.2f}")
        if reference is not None:
            target(
                "stretch: within 2x of the reference on one document",
                mm_big <= 2 * reference,
                f"{mm_big / reference:.2f}",
            )
        # one by one vs concatenated
        names = [n for n in texts if n.startswith("gen")]
        one_by_one = sum(median_time(lambda n=n: bench.read(f"mm_{n}"), rounds) for n in names)
        bench.close()
        joined = {"joined": _concatenate([texts[n] for n in names])}
        joined_bench = ParseBench(joined, workdir / "joined")
        try:
            together = median_time(lambda: joined_bench.read("mm_joined"), rounds)
        finally:
            joined_bench.close()
        per_doc = one_by_one / together
        print(
            f"\n{len(names)} posts one by one: {one_by_one * 1000:.0f} ms; "
            f"concatenated: {together * 1000:.0f} ms; ratio {per_doc:.2f}"
        )
        target("one-by-one vs concatenated ≤ 1.15", per_doc <= 1.15, f"{per_doc:.2f}")
    finally:
        bench.close()


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


def _reference_time(path: Path, rounds: int) -> float | None:
    mmark = shutil.which("mmark")
    if mmark is None:
        return None
    return median_time(
        lambda: subprocess.run([mmark, "-html", str(path)], capture_output=True, check=False),
        max(rounds, 3),
    )


# -- scaling ----------------------------------------------------------------------


def bench_scaling(args: argparse.Namespace, workdir: Path) -> None:
    base = 8 if args.quick else 32
    factors = (1, 2, 4, 16)
    texts = {f"x{f}": long_document(base * f) for f in factors}
    bench = ParseBench(texts, workdir / "scaling")
    rounds = 1 if args.quick else args.rounds
    try:
        times = {f: median_time(lambda f=f: bench.read(f"mm_x{f}"), rounds) for f in factors}
        # CPython's cyclic GC walks the whole heap now and then: on big pages that alone
        # bends the curve (MyST-Parser's too); timing without it shows the parser's own slope
        paused = {f: _without_gc(lambda f=f: bench.read(f"mm_x{f}"), rounds) for f in factors}
    finally:
        bench.close()
    rows: list[Row] = []
    for f in factors:
        rows.append(
            (
                f"{f}x",
                f"{len(texts[f'x{f}']) // 1024} KB",
                f"{times[f] * 1000:.0f} ms",
                f"{times[f] / times[1]:.2f}",
                f"{paused[f] * 1000:.0f} ms",
            )
        )
    print_table(
        "scaling: one document at growing size",
        ("size", "bytes", "time", "vs 1x", "time, GC paused"),
        rows,
    )
    slope = math.log(times[16] / times[1]) / math.log(16)
    slope_paused = math.log(paused[16] / paused[1]) / math.log(16)
    double = times[2] / times[1]
    print(f"\nslope (log time / log size, 1x → 16x): {slope:.2f}; GC paused: {slope_paused:.2f}")
    target("2x the document ≤ 2.2x the time", double <= 2.2, f"{double:.2f}")
    target("scaling slope ≈ 1 (≤ 1.1)", slope <= 1.1, f"{slope:.2f}")
    target("scaling slope with the GC paused ≤ 1.1", slope_paused <= 1.1, f"{slope_paused:.2f}")


# -- build ------------------------------------------------------------------------


def _site(root: Path, n: int, *, myst: bool, theme: str) -> Path:
    src = root / f"{'myst' if myst else 'mmark'}-{theme}-{n}"
    (src / "posts").mkdir(parents=True)
    conf = MYST_CONF if myst else MMARK_CONF
    if theme == "book":
        conf += 'html_theme = "sphinx_book_theme"\n'
    (src / "conf.py").write_text(conf)
    (src / "index.rst").write_text("Blog\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n")
    for i in range(n):
        (src / "posts" / f"post-{i:04d}.md").write_text(post(i, markup=not myst))
    return src


def _sphinx(src: Path, *extra: str, fresh: bool = True) -> float:
    out = src / "_build"
    if fresh and out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", *extra, str(src), str(out / "html")]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return elapsed


def bench_build(args: argparse.Namespace, workdir: Path) -> None:
    n = 10 if args.quick else args.posts
    rounds = 1 if args.quick else args.build_rounds
    themes = ("plain",) if args.quick else ("plain", "book")
    rows: list[Row] = []
    for theme in themes:
        sites = {
            kind: _site(workdir / "build", n, myst=kind == "myst", theme=theme)
            for kind in ("mmark", "myst")
        }
        results: dict[str, dict[str, list[float]]] = {k: {} for k in sites}
        for _ in range(rounds):
            for kind, src in sites.items():  # interleaved
                r = results[kind]
                r.setdefault("full", []).append(_sphinx(src))
                r.setdefault("-j 2", []).append(_sphinx(src, "-j", "2"))
                r.setdefault("no-op", []).append(_sphinx(src, fresh=False))
                target_post = src / "posts" / "post-0000.md"
                target_post.write_text(target_post.read_text() + "\nTouched.\n")
                r.setdefault("touch one", []).append(_sphinx(src, fresh=False))
        for case in ("full", "-j 2", "no-op", "touch one"):
            mm = statistics.median(results["mmark"][case])
            my = statistics.median(results["myst"][case])
            rows.append((f"{theme}, N={n}, {case}", f"{mm:.2f} s", f"{my:.2f} s", f"{mm / my:.2f}"))
        full = _ratio(results, "full")
        target(f"full build ({theme}) ≤ 1.05x MyST", full <= 1.05, f"{full:.2f}")
        gain_mm = statistics.median(results["mmark"]["full"]) / statistics.median(
            results["mmark"]["-j 2"]
        )
        gain_my = statistics.median(results["myst"]["full"]) / statistics.median(
            results["myst"]["-j 2"]
        )
        target(
            f"-j 2 gain ({theme}) ≥ MyST's",
            gain_mm >= gain_my * 0.95,
            f"{gain_mm:.2f} vs {gain_my:.2f}",
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run at tiny sizes")
    parser.add_argument("--posts", type=int, default=100, help="posts in the build benchmark")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of parse timings")
    parser.add_argument("--build-rounds", type=int, default=3, help="rounds of each build")
    parser.add_argument("--only", choices=("parse", "scaling", "build"), action="append")
    args = parser.parse_args(argv)
    sections = args.only or ["parse", "scaling", "build"]
    print(
        f"# sphinx-mmark benchmark ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()})"
    )
    with tempfile.TemporaryDirectory(prefix="mmark-bench-") as tmp:
        workdir = Path(tmp)
        for name, func in (
            ("parse", bench_parse),
            ("scaling", bench_scaling),
            ("build", bench_build),
        ):
            if name in sections:
                func(args, workdir)
    print("\n## targets\n")
    for name, ok, detail in _results:
        verdict = "n/a " if ok is None else ("PASS" if ok else "FAIL")
        print(f"{verdict}  {name}: {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
