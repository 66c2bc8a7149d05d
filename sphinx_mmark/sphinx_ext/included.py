"""Files that other documents include are parts, not pages (``mmark_exclude_included``).

A multi-file draft is one document (``main.md``) that splices in its parts
(``{{intro.md}}``, ``<{{example.md}}``); built as a Sphinx project, each part
would also become a page of its own, with broken references and a warning for
each. On ``config-inited`` (called by :mod:`.source_scan` with the mmark
sources it found), the include lines of every source are found as reading finds
them (the markdown-it include rule, the same bases and allowed roots), and every
source that is reached by following includes from a source that nobody
includes (or from the root document) is added to ``exclude_patterns``. Sources
that only include each other in a cycle, with nothing outside including them,
stay pages. The root document is never left out.

The include lines of each source are kept in
``<doctreedir>/sphinx-mmark-includes-v1.json`` (by modification time, size and
configured flavour), so a rebuild scans only the files that changed. Whether a
path resolves is decided on each build (a file created next to a draft can
change what an include finds). Leaving a file out or taking it back in changes
``exclude_patterns``, which makes Sphinx read every page again (as a new draft
does).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..config import mmark_settings
from ..parse import front_matter as fm
from ..parse.decoding import decode
from ..parse.flavour import Flavour, decide
from ..parse.includes.expand import include_bases
from ..parse.includes.paths import resolve

_LOGGER = logging.getLogger(__name__)
_CACHE_NAME = "sphinx-mmark-includes-v1.json"

Hits = list[list[str]]
"""The include lines of one file: ``[kind, path]`` each (``kind``: ``text`` or ``code``)."""


def included_only(app: Sphinx, config: Config, sources: Mapping[str, bool]) -> list[str]:
    """The sources (relative paths, ``/``-separated) that are reached only through
    includes (see the module docstring).

    ``sources`` maps each mmark source that will be built to whether its text may
    hold an include line (``{{``); ``False`` skips reading it.
    """
    settings = mmark_settings(config)
    srcdir = Path(os.path.realpath(app.srcdir))
    roots = [Path(os.path.realpath(srcdir / root)) for root in settings.include_roots or ["."]]
    cache_path = Path(app.doctreedir, _CACHE_NAME)
    cache = _load(cache_path)
    kept: dict[str, list[object]] = {}
    edges: dict[str, list[str]] = {}
    for relpath, braces in sources.items():
        if not braces:
            continue
        path = os.path.join(os.fspath(app.srcdir), relpath)
        flavour, hits = _hits(path, relpath, cache.get(relpath), kept, settings.flavour)
        if not hits:
            continue
        here = Path(os.path.realpath(os.path.dirname(path)))
        bases = include_bases(here, srcdir, flavour)
        for _kind, target in hits:
            found = resolve(target, bases, roots).path
            if found is None or not found.is_relative_to(srcdir):
                continue
            name = found.relative_to(srcdir).as_posix()
            if name in sources and name != relpath:
                edges.setdefault(relpath, []).append(name)
    if kept != cache:
        _save(cache_path, kept)
    return _reached_only(sources, edges, _root_source(config, sources))


def _root_source(config: Config, sources: Mapping[str, bool]) -> str | None:
    for suffix in (".md", ".mmark"):
        if config.root_doc + suffix in sources:
            return str(config.root_doc + suffix)
    return None


def _reached_only(
    sources: Mapping[str, bool], edges: Mapping[str, list[str]], root: str | None
) -> list[str]:
    """The sources reached from a source nobody includes, that are not such a source."""
    targets = {target for found in edges.values() for target in found}
    starts = [name for name in sources if name not in targets or name == root]
    reached: set[str] = set()
    stack = list(starts)
    while stack:
        for target in edges.get(stack.pop(), ()):
            if target not in reached:
                reached.add(target)
                stack.append(target)
    return sorted(reached - set(starts))


def _hits(
    path: str,
    relpath: str,
    cached: object,
    kept: dict[str, list[object]],
    configured: str,
) -> tuple[Flavour, Hits]:
    """The flavour and include lines of one source, from the cache when it is current."""
    try:
        stat = os.stat(path)
    except OSError:
        return "v2", []
    stamp = [stat.st_mtime_ns, stat.st_size, configured]
    if (
        isinstance(cached, list)
        and len(cached) == 3
        and cached[0] == stamp
        and cached[1] in ("v1", "v2")
        and isinstance(cached[2], list)
    ):
        flavour: Flavour = "v1" if cached[1] == "v1" else "v2"
        hits: Hits = [[str(kind), str(target)] for kind, target in cached[2]]
    else:
        flavour, hits = _scan_file(path, configured)
    kept[relpath] = [stamp, flavour, hits]
    return flavour, hits


def _scan_file(path: str, configured: str) -> tuple[Flavour, Hits]:
    """Read one source: its flavour (as reading decides it) and its include lines."""
    try:
        with open(path, "rb") as stream:
            text = decode(stream.read()).text
    except OSError:
        return "v2", []
    block = fm.head_block(text)
    front = fm.read_or_none(block)
    data = front.data if front is not None else {}
    flavour = decide(
        text,
        front_matter_kind=block.kind if block is not None and block.closed else None,
        front_matter_value=data.get("mmark_flavour"),
        configured=configured,
        suffix=os.path.splitext(path)[1],
    ).flavour
    if "{{" not in text:
        return flavour, []
    from ..parse.includes.rule import scan
    from .read import shared_parser  # the markdown machinery, only when a file has {{

    hits = scan(shared_parser(), text, flavour)
    return flavour, [[hit.include.kind, hit.include.path] for hit in hits]


def _load(path: Path) -> dict[str, object]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _save(path: Path, entries: dict[str, list[object]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(entries, sort_keys=True), encoding="utf-8")
    except OSError:
        pass  # a read-only build directory only costs speed


def log_left_out(names: list[str]) -> None:
    """One info line naming how many included files are not built as pages."""
    if names:
        shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
        _LOGGER.info(
            "[mmark] %d file(s) only included by other documents are not built as pages "
            "(mmark_exclude_included): %s",
            len(names),
            shown,
        )
