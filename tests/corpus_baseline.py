"""A ratchet on the warnings of the corpus builds: per suite and subtype, a count that may not rise.

The counts are checked in as ``tests/baselines/corpus_warnings.json``: for each suite (one
corpus build, such as ``hugo-posts html``), the number of warnings of each kind
(``mmark.include``, ``toc.not_readable``; ``untyped`` for a warning without a type). A build
that logs more of a kind than the baseline fails, naming the kind and its files; a build that
logs fewer passes with a reminder to lower the baseline.

Refresh the baseline after a change that is meant to move the counts (it is only ever written
then)::

    SPHINX_MMARK_UPDATE_BASELINE=1 python -m pytest -p no:cacheprovider \\
        tests/test_corpus_hugo.py tests/test_hugo_corpus.py \\
        tests/test_citations_build.py::test_every_corpus_draft_builds
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections import Counter
from pathlib import Path

BASELINE = Path(__file__).parent / "baselines" / "corpus_warnings.json"
UPDATE_VARIABLE = "SPHINX_MMARK_UPDATE_BASELINE"
UNTYPED = "untyped"
"""The kind of a warning that Sphinx printed without a ``[type.subtype]``."""

_LOGGED = re.compile(
    r"^(?:(?P<file>[^\n]*?):(?:\d+:)? )?(?:WARNING|ERROR|CRITICAL): "
    r"(?P<message>.*?)(?: \[(?P<kind>[\w.-]+)\])?$"
)


def updating() -> bool:
    """Whether this run rewrites the baseline (``SPHINX_MMARK_UPDATE_BASELINE=1``)."""
    return os.environ.get(UPDATE_VARIABLE, "") not in ("", "0")


def logged_warnings(log: str, root: Path) -> list[tuple[str, str]]:
    """(file relative to ``root`` or ``?``, kind) of every warning of a Sphinx log."""
    found = []
    for line in log.replace(str(root) + "/", "").split("\n"):
        match = _LOGGED.match(line)
        if match is not None:
            found.append((match.group("file") or "?", match.group("kind") or UNTYPED))
    return found


def check_warnings(suite: str, found: list[tuple[str, str]]) -> None:
    """Compare the kinds of ``found`` (from :func:`logged_warnings`) with the baseline of
    ``suite``; in update mode, write them as its new baseline instead."""
    counts = Counter(kind for _file, kind in found)
    saved = _load()
    if updating():
        saved[suite] = dict(sorted(counts.items()))
        BASELINE.parent.mkdir(exist_ok=True)
        BASELINE.write_text(json.dumps(saved, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return
    assert suite in saved, f"no baseline for {suite!r} in {BASELINE}: {_HOW}"
    allowed = saved[suite]
    risen = [
        f"  {kind}: {counts[kind]} (baseline {allowed.get(kind, 0)}) in "
        + ", ".join(f"{name} x{n}" for name, n in sorted(_files(found, kind).items()))
        for kind in sorted(counts)
        if counts[kind] > allowed.get(kind, 0)
    ]
    assert not risen, f"{suite}: more warnings than the baseline\n" + "\n".join(risen)
    fallen = [
        f"{kind} {count} -> {counts[kind]}"
        for kind, count in sorted(allowed.items())
        if counts[kind] < count
    ]
    if fallen:
        warnings.warn(
            f"{suite}: fewer warnings than the baseline ({', '.join(fallen)}): lower it, {_HOW}",
            UserWarning,
            stacklevel=2,
        )


_HOW = f"rerun the corpus tests with {UPDATE_VARIABLE}=1 (see tests/corpus_baseline.py)"


def _files(found: list[tuple[str, str]], kind: str) -> Counter[str]:
    return Counter(name for name, found_kind in found if found_kind == kind)


def _load() -> dict[str, dict[str, int]]:
    if not BASELINE.is_file():
        return {}
    data: dict[str, dict[str, int]] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data
