"""sphinx-mmark Hugo-site benchmark: the command's overhead, and what lists and feeds cost.

    python benchmarks/hugo_site.py                        # 800 posts, 50 tags, 3 rounds
    python benchmarks/hugo_site.py --quick                # a smoke run: 40 posts, one round
    python benchmarks/hugo_site.py --posts 200 --rounds 5 # other sizes
    python benchmarks/hugo_site.py --markdown report.md   # also write the report to a file
    python benchmarks/hugo_site.py --check                # exit status 1 when a target fails

A generated Hugo site (``hugo.toml`` with ``paginate = 10`` and the default
taxonomies, ``content/_index.md``, N posts under ``content/posts/`` with 2-4 tags
of ``--tags`` and one or two categories of 8, dated over nine years; the text of
each post is ``corpus.post``) is built, in interleaved rounds after one untimed
warm-up build, by separate processes whose wall-clock time is taken; the tables
show medians:

* overhead: ``python -m sphinx_mmark build SITE OUT --builder hugo -q`` against
  ``python -m sphinx -b hugo -q -c CONF SITE/content OUT2 -d DOCTREES2``, where
  ``CONF/conf.py`` holds the configuration the command generates for the site
  (from the command's own plan, ``cli.plan.make_plan``); a fresh build and a no-op
  rebuild, each as a ratio command / sphinx-build. The names of the files both
  wrote are compared: a difference (the command doing more than its
  configuration says) is reported.
* lists and feeds: the same command on the site, and on a copy whose
  ``hugo.toml`` adds ``disableKinds = ["taxonomy", "term", "RSS", "sitemap"]``;
  the share of the full build's time those pages take is (full - without) / full.

Targets are printed PASS/FAIL (``n/a`` when they cannot be measured), never
asserted; ``--check`` makes the exit status 1 when one fails. sphinx-mmark's
bytecode is compiled first, as installing a wheel does.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import importlib.metadata
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import post

TITLE = "Bench site"
BASE_URL = "https://bench.example.org/"
THEME = "sphinx_book_theme"
"""The command's theme for Hugo sites (named in the report)."""
CATEGORIES = 8
FIRST_YEAR = 2016
YEARS = 9
DISABLED = '["taxonomy", "term", "RSS", "sitemap"]'
OVERHEAD_TARGET = 1.10
SHARE_TARGET = 0.15

Row = tuple[str, ...]


@dataclass
class Report:
    """The report's lines (Markdown) and the targets' outcomes (``None``: not measured)."""

    lines: list[str] = field(default_factory=list)
    targets: list[tuple[str, bool | None, str]] = field(default_factory=list)

    def emit(self, line: str = "") -> None:
        """Print one line, and keep it for ``--markdown``."""
        self.lines.append(line)
        print(line, flush=True)

    def table(self, title: str, header: Row, rows: list[Row]) -> None:
        """A Markdown pipe table, its columns padded so it also reads well in a terminal."""
        widths = [max(3, *(len(r[i]) for r in [header, *rows])) for i in range(len(header))]
        self.emit(f"\n## {title}\n")
        for row in [header, tuple("-" * w for w in widths), *rows]:
            self.emit("| " + " | ".join(c.ljust(widths[i]) for i, c in enumerate(row)) + " |")

    def target(self, name: str, ok: bool | None, detail: str) -> None:
        self.targets.append((name, ok, detail))

    def failed(self) -> bool:
        return any(ok is False for _, ok, _ in self.targets)


# -- the site -----------------------------------------------------------------------


def hugo_toml(*, disabled: bool) -> str:
    """The site's configuration; ``disabled``: without taxonomy, term, RSS and sitemap pages."""
    lines = [
        f'title = "{TITLE}"',
        f'baseURL = "{BASE_URL}"',
        'languageCode = "en-us"',
        "paginate = 10",
        "# no [taxonomies]: Hugo's defaults, tags and categories",
    ]
    if disabled:
        lines.append(f"disableKinds = {DISABLED}")
    return "\n".join(lines) + "\n"


def front_matter(index: int, posts: int, tags: int, rng: random.Random) -> str:
    """Title, a date (the posts spread evenly over the years), tags, categories, markup."""
    start = dt.datetime(FIRST_YEAR, 1, 1, 9, 0, tzinfo=dt.UTC)
    step = dt.timedelta(days=YEARS * 365) / max(posts, 1)
    date = start + step * index + dt.timedelta(minutes=rng.randrange(600))
    chosen_tags = rng.sample(range(tags), min(tags, rng.randint(2, 4)))
    chosen_categories = rng.sample(range(CATEGORIES), rng.randint(1, 2))
    return "\n".join(
        [
            "---",
            f'title: "Post number {index}"',
            f"date: {date.isoformat()}",
            f"tags: [{', '.join(f'topic-{t:02d}' for t in sorted(chosen_tags))}]",
            f"categories: [{', '.join(f'area-{c}' for c in sorted(chosen_categories))}]",
            "markup: mmark",
            "---",
            "",
        ]
    )


def make_site(root: Path, posts: int, tags: int, *, disabled: bool = False) -> Path:
    """A Hugo site of ``posts`` posts at ``root``."""
    content = root / "content"
    (content / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text(hugo_toml(disabled=disabled))
    (content / "_index.md").write_text(
        f'---\ntitle: "{TITLE}"\n---\n\nNotes on queues, kernels and proofs.\n'
    )
    rng = random.Random(13)
    for i in range(posts):
        body = post(i).split("---\n", 2)[2]  # corpus's text, under this site's front matter
        text = front_matter(i, posts, tags, rng) + body
        (content / "posts" / f"post-{i:04d}.md").write_text(text, encoding="utf-8")
    return root


def cli_arguments(site: Path, output: Path, cache: Path) -> list[str]:
    """The arguments of ``sphinx_mmark build`` for the site (after ``python -m sphinx_mmark``)."""
    return ["build", str(site), str(output), "--builder", "hugo", "-q", "--cacheDir", str(cache)]


def sphinx_conf(site: Path, work: Path) -> str:
    """The configuration ``sphinx_mmark build`` generates for the site, as a ``conf.py``.

    Taken from the command's own plan (its parser and ``cli.plan.make_plan``, given
    the arguments :func:`cli_build` uses), so that the two builds differ by the
    command alone.
    """
    from sphinx_mmark.cli import parser
    from sphinx_mmark.cli.plan import make_plan

    args = parser().parse_args(cli_arguments(site, work / "command-out", work / "command-cache"))
    plan = make_plan("hugo", site.resolve(), args)
    return "".join(f"{key} = {value!r}\n" for key, value in plan.overrides.items())


# -- the builds ---------------------------------------------------------------------


@dataclass
class Build:
    """One way of building one site: its command, and the folders a fresh build removes."""

    name: str
    command: list[str]
    output: Path
    state: list[Path]
    """Build state outside ``output`` (doctrees, the saved environment)."""
    warnings: int = 0
    """Lines on standard error (warnings) of the last fresh build."""

    def run(self, *, fresh: bool) -> float | str:
        """Seconds of one build process, or its last line of error when it fails.

        ``fresh`` removes the earlier output and state first.
        """
        if fresh:
            for folder in [self.output, *self.state]:
                shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        done = subprocess.run(self.command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
            return lines[-1]
        if fresh:
            self.warnings = len(done.stderr.splitlines())
        return elapsed


@dataclass
class Timings:
    """Seconds of the builds that succeeded, and the errors of those that failed,
    by (build name, case)."""

    times: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    errors: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, build: Build, case: str, result: float | str) -> None:
        if isinstance(result, str):
            self.errors.setdefault((build.name, case), result)
        else:
            self.times.setdefault((build.name, case), []).append(result)

    def median(self, build: Build, case: str) -> float | None:
        """The median, ``None`` when the build failed in any round."""
        key = (build.name, case)
        if key in self.errors or key not in self.times:
            return None
        return statistics.median(self.times[key])

    def cell(self, build: Build, case: str) -> str:
        seconds = self.median(build, case)
        return "failed" if seconds is None else f"{seconds:.2f} s"

    def why(self, *builds: Build, case: str) -> str:
        """What made one of ``builds`` fail in ``case``."""
        for build in builds:
            if (build.name, case) in self.errors:
                return f"{build.name} {case} build failed: {self.errors[build.name, case]}"
        return "not measured"


def cli_build(name: str, site: Path, work: Path) -> Build:
    """``python -m sphinx_mmark build SITE OUT --builder hugo -q --cacheDir CACHE``."""
    output, cache = work / f"{name}-out", work / f"{name}-cache"
    command = [sys.executable, "-m", "sphinx_mmark", *cli_arguments(site, output, cache)]
    return Build(name, command, output, [cache, site / ".sphinx-mmark"])


def sphinx_build(site: Path, work: Path) -> Build:
    """Plain ``sphinx-build -b hugo`` of the site's content, with a ``conf.py`` of its own."""
    confdir = work / "conf"
    confdir.mkdir()
    (confdir / "conf.py").write_text(sphinx_conf(site, work))
    output, doctrees = work / "sphinx-out", work / "sphinx-doctrees"
    command = [sys.executable, "-m", "sphinx", "-b", "hugo", "-q", "-c", str(confdir)]
    command += [str(site / "content"), str(output), "-d", str(doctrees)]
    return Build("sphinx-build", command, output, [doctrees])


def published(folder: Path) -> set[str]:
    """The files of an output folder, relative, without Sphinx's build state."""
    skip = (".doctrees", ".buildinfo", ".sphinx-mmark")
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not path.relative_to(folder).as_posix().startswith(skip)
    }


def list_pages(files: set[str]) -> dict[str, int]:
    """How many pages of each generated kind an output folder holds."""

    def count(prefix: str, suffix: str) -> int:
        return sum(1 for f in files if f.startswith(prefix) and f.endswith(suffix))

    return {
        "pages": count("", ".html") - count("_static/", ".html"),
        "tag and category pages": count("tags/", ".html") + count("categories/", ".html"),
        "feeds": count("", "index.xml"),
        "sitemap": count("", "sitemap.xml"),
    }


# -- measuring ----------------------------------------------------------------------


def measure(builds: list[Build], rounds: int) -> Timings:
    """Fresh builds of all, then no-op rebuilds of all, per round; the order rotates.

    One untimed fresh build of the first comes before: the first build of a run
    reads Python, Sphinx and the theme from a cold disk cache.
    """
    timings = Timings()
    builds[0].run(fresh=True)
    for number in range(rounds):
        turn = builds[number % len(builds) :] + builds[: number % len(builds)]
        for case, fresh in (("fresh", True), ("no-op", False)):
            for build in turn:
                timings.add(build, case, build.run(fresh=fresh))
        print(f"(round {number + 1} of {rounds} done)", file=sys.stderr, flush=True)
    return timings


def report_overhead(report: Report, timings: Timings, cli: Build, plain: Build) -> None:
    rows: list[Row] = []
    for case in ("fresh", "no-op"):
        ours, theirs = timings.median(cli, case), timings.median(plain, case)
        ratio = None if ours is None or theirs is None else ours / theirs
        shown = "-" if ratio is None else f"{ratio:.2f}"
        rows.append((case, timings.cell(cli, case), timings.cell(plain, case), shown))
        report.target(
            f"command overhead, {case} build: command / sphinx-build ≤ {OVERHEAD_TARGET:.2f}",
            ratio is not None and ratio <= OVERHEAD_TARGET,
            shown if ratio is not None else timings.why(cli, plain, case=case),
        )
    report.table(
        "overhead: `sphinx_mmark build` vs `sphinx-build -b hugo` (medians, interleaved)",
        ("build", "sphinx_mmark build", "sphinx-build", "ratio"),
        rows,
    )
    mine, plains = published(cli.output), published(plain.output)
    if mine == plains:
        report.emit(f"\nBoth wrote the same {len(mine)} files.")
        return
    only = sorted(mine - plains)[:5], sorted(plains - mine)[:5]
    report.emit(
        f"\nThe outputs differ ({len(mine)} vs {len(plains)} files; only the command's: "
        f"{only[0]}; only sphinx-build's: {only[1]}): the builds are not alike."
    )


def report_share(report: Report, timings: Timings, full: Build, without: Build) -> None:
    counts = list_pages(published(full.output)), list_pages(published(without.output))
    rows: list[Row] = []
    for label, build, count in (
        ("full site", full, counts[0]),
        (f"disableKinds = {DISABLED}", without, counts[1]),
    ):
        cells = (str(number) for number in count.values())
        fresh, noop = timings.cell(build, "fresh"), timings.cell(build, "no-op")
        rows.append((label, fresh, noop, *cells, str(build.warnings)))
    report.table(
        "lists and feeds: the command with and without taxonomy, term, RSS and sitemap pages",
        ("site", "fresh", "no-op", *counts[0], "warnings (fresh)"),
        rows,
    )
    name = f"taxonomy, term, feed and sitemap pages ≤ {SHARE_TARGET:.0%} of a fresh build"
    full_time, without_time = timings.median(full, "fresh"), timings.median(without, "fresh")
    if full_time is None or without_time is None:
        report.target(name, False, timings.why(full, without, case="fresh"))
        return
    share = (full_time - without_time) / full_time
    report.emit(f"\nShare of the fresh build: (full - without) / full = {share:.1%}.")
    extra = counts[0]["tag and category pages"] + counts[0]["feeds"] + counts[0]["sitemap"]
    missing = counts[1]["tag and category pages"] + counts[1]["feeds"] + counts[1]["sitemap"]
    if extra == 0:
        report.target(name, None, f"{share:.1%}, but the full site has no such pages yet")
    elif missing:
        report.target(name, None, f"{share:.1%}, but disableKinds left {missing} such files")
    else:
        report.target(name, share <= SHARE_TARGET, f"{share:.1%}")


# -- main ---------------------------------------------------------------------------


def _compile_package() -> None:
    """Write sphinx-mmark's bytecode, as installing a wheel does (see ``run.py``)."""
    import sphinx_mmark

    compileall.compile_dir(Path(sphinx_mmark.__file__).parent, quiet=1)


def _header(args: argparse.Namespace, command: str) -> str:
    versions = ", ".join(
        f"{dist} {importlib.metadata.version(dist)}"
        for dist in ("sphinx-mmark", "sphinx", "sphinx-book-theme")
    )
    now = dt.datetime.now().astimezone().isoformat(timespec="minutes")
    return (
        f"# sphinx-mmark Hugo-site benchmark ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {now})\n\n"
        f"{versions}. N={args.posts} posts, {args.tags} tags, {CATEGORIES} categories, "
        f"{args.rounds} round(s), theme {THEME}.\n\n`{command}`"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--posts", type=int, help="posts in the site (default 800)")
    parser.add_argument("--tags", type=int, default=50, help="tags to draw from (default 50)")
    parser.add_argument("--rounds", type=int, help="rounds of every build (default 3)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 40 posts, one round")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the report")
    parser.add_argument("--check", action="store_true", help="exit status 1 when a target fails")
    args = parser.parse_args(argv)
    if args.posts is None:  # --quick changes the defaults only: explicit options still win
        args.posts = 40 if args.quick else 800
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3
    if args.tags < 2:
        parser.error("--tags must be at least 2")
    command = "python benchmarks/hugo_site.py " + " ".join(sys.argv[1:] if argv is None else argv)
    report = Report()
    _compile_package()
    report.emit(_header(args, command.strip()))
    try:
        with tempfile.TemporaryDirectory(prefix="mmark-hugo-bench-") as tmp:
            work = Path(tmp)
            site = make_site(work / "site", args.posts, args.tags)
            bare = make_site(work / "bare", args.posts, args.tags, disabled=True)
            cli = cli_build("command", site, work)
            plain = sphinx_build(site, work)
            without = cli_build("command-without-lists", bare, work)
            timings = measure([plain, cli, without], args.rounds)
            report_overhead(report, timings, cli, plain)
            report_share(report, timings, cli, without)
        report.emit("\n## targets\n")
        for name, ok, detail in report.targets:
            verdict = "n/a " if ok is None else ("PASS" if ok else "FAIL")
            report.emit(f"- {verdict}  {name}: {detail}")
    finally:
        if args.markdown is not None:  # a partial report too, should a build fail
            args.markdown.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    return 1 if args.check and report.failed() else 0


if __name__ == "__main__":
    raise SystemExit(main())
