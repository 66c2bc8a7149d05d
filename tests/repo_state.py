"""What a test run may not change: the checkout, as ``git status`` sees it.

Tests write to temporary directories only (artifacts only when ``SPHINX_MMARK_ARTIFACTS``
names a folder). ``tests/conftest.py`` takes :func:`repo_state` before the first test and
after the last one and fails the run when they differ. Left out: what is there to run the
tests at all (``.venv``, ``.tox``, ``__pycache__``, pytest's own ``.pytest_cache``, the
linters' caches, and ``.cache/mathjax``, which ``.ci/run`` installs before the run).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .corpus_baseline import BASELINE, updating
from .helpers import REPO

CHECK_VARIABLE = "SPHINX_MMARK_REPO_CHECK"
"""Set to ``0`` to skip the check, e.g. while someone else edits the same checkout."""

LEFT_OUT = (".venv", ".tox", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".cache/mathjax")
"""Folders of the checkout that the check does not look at."""


def checking() -> bool:
    """Whether the run checks the checkout (not when ``SPHINX_MMARK_REPO_CHECK=0``)."""
    return os.environ.get(CHECK_VARIABLE, "1") != "0"


def repo_state(repo: Path = REPO) -> dict[str, str] | None:
    """Each path ``git status`` reports (changed, untracked or ignored, one file at a time)
    and its status; an ignored file's status includes its size and modification time,
    since ``git status`` shows no change inside one. None outside a git checkout."""
    excluded = [f":(exclude){folder}" for folder in LEFT_OUT]
    if updating():  # the corpus tests were asked to rewrite their baseline
        excluded.append(f":(exclude){BASELINE.relative_to(repo).as_posix()}")
    artifacts = os.environ.get("SPHINX_MMARK_ARTIFACTS")
    if artifacts:  # asked for: screenshots and the PDF may land in the checkout
        target = Path(artifacts).resolve()
        if target.is_relative_to(repo.resolve()):
            excluded.append(f":(exclude){target.relative_to(repo.resolve()).as_posix()}")
    try:
        listed = subprocess.run(
            ["git", "status", "--porcelain=v1", "-z", "--ignored", "--untracked-files=all",
             "--", ".", *excluded],
            cwd=repo, capture_output=True, check=True, timeout=120,
        ).stdout.decode("utf-8", "surrogateescape")  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    state = {}
    entries = iter(listed.split("\0"))
    for entry in entries:
        code, path = entry[:2], entry[3:]
        if code[:1] in ("R", "C"):
            next(entries, None)  # a rename or copy: its old path follows
        if entry and "__pycache__/" not in path:
            state[path] = code + (_stamp(repo / path) if code == "!!" else "")
    return state


def _stamp(path: Path) -> str:
    """The size and modification time of a file, or that it is gone."""
    try:
        stat = path.lstat()
    except OSError:
        return " gone"
    return f" {stat.st_size} bytes, modified {stat.st_mtime_ns}"


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """``path: status before -> status after`` for each path whose status changed."""
    return [
        f"{path}: {before.get(path, 'clean')} -> {after.get(path, 'clean')}"
        for path in sorted(before.keys() | after.keys())
        if before.get(path) != after.get(path)
    ]
