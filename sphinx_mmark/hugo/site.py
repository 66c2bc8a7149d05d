"""What kind of folder a source is, and the Hugo site configuration.

* a **Sphinx project**: it has a ``conf.py``;
* a **Hugo site**: a Hugo configuration file (``hugo.toml``, ``config.toml``,
  ``config.yaml``, …, or ``config/_default/``) next to a content folder;
* a **folder of posts**: ``.md`` / ``.mmark`` files (anywhere below it).

The content and static folders named by a configuration must lie inside the
site: ``contentDir`` outside it, or of a wrong type, is an error; a
``staticDir`` outside it is left out and reported in :attr:`HugoSite.problems`.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

SourceKind = Literal["sphinx", "hugo", "posts"]
CONFIG_NAMES = tuple(
    f"{stem}.{ext}" for stem in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")
)
POST_SUFFIXES = (".md", ".mmark")


class SourceError(Exception):
    """The folder cannot be built; the message is one line for the user."""


@dataclass
class HugoSite:
    """The parts of a Hugo configuration that the Sphinx project uses."""

    root: Path
    config_file: Path | None = None
    title: str = ""
    base_url: str = ""
    content_dir: Path = Path()
    static_dirs: list[Path] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    permalinks: dict[str, str] = field(default_factory=dict)
    author: str = ""
    copyright: str = ""
    lowercase_paths: bool = True
    language_code: str = ""
    taxonomies: dict[str, str] = field(
        default_factory=lambda: {"tag": "tags", "category": "categories"}
    )
    """singular → plural (Hugo's defaults when the configuration names none)."""
    pager_size: int = 10
    rss_limit: int = -1
    robots_txt: bool = False
    summary_length: int = 70
    disabled_kinds: frozenset[str] = frozenset()
    """Hugo's ``disableKinds``, lower case: ``taxonomy``, ``term``, ``rss``, ``sitemap``,
    ``robotstxt``, ``404``, ``section``, ``home``, ``page``."""
    problems: list[str] = field(default_factory=list)
    """One line per part of the configuration that was refused (a warning each)."""


def classify(source: Path) -> SourceKind:
    """Which of the three kinds ``source`` is; :class:`SourceError` if none."""
    if not source.is_dir():
        raise SourceError(f"{source} is not a folder")
    if (source / "conf.py").is_file():
        return "sphinx"
    config = find_config(source)
    if config is not None and (source / _content_dir_name(config)).is_dir():
        return "hugo"
    if has_posts(source):
        return "posts"
    raise SourceError(
        f"{source} is neither a Sphinx project (no conf.py), a Hugo site (no hugo.toml, "
        "config.toml or config.yaml beside a content/ folder) nor a folder of .md/.mmark posts"
    )


def has_posts(folder: Path) -> bool:
    """Whether ``folder`` holds any ``.md``/``.mmark`` file outside hidden and build folders."""
    for _root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_build"))]
        if any(name.endswith(POST_SUFFIXES) for name in files):
            return True
    return False


def find_config(root: Path) -> Path | None:
    """The Hugo configuration file of the site at ``root``, if any."""
    for base in (root, root / "config" / "_default"):
        for name in CONFIG_NAMES:
            if (base / name).is_file():
                return base / name
    return None


def _load(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        if path.suffix == ".toml":
            data: object = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError, RecursionError) as error:
        first = " ".join(str(error).split())[:200]
        raise SourceError(f"cannot read the Hugo configuration {path}: {first}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceError(f"the Hugo configuration {path} is not a mapping")
    return data


def _get(data: dict[str, Any], key: str, default: Any = None) -> Any:
    """Hugo keys are case-insensitive."""
    for name, value in data.items():
        if str(name).lower() == key.lower():
            return value
    return default


def _content_dir_name(config: Path) -> str:
    try:
        return str(_get(_load(config), "contentDir", "content") or "content")
    except SourceError:
        return "content"


def read_site(root: Path) -> HugoSite:
    """Read the Hugo site at ``root`` (its configuration may be absent: a posts folder)."""
    root = root.resolve()
    config = find_config(root)
    data = _load(config) if config is not None else {}
    content = _inside(root, _folder_names(data, "contentDir", "content", config)[0], config)
    statics, problems = _static_dirs(root, data, config)
    params = _get(data, "params", {})
    permalinks = _get(data, "permalinks", {})
    if isinstance(permalinks, dict) and isinstance(_get(permalinks, "page"), dict):
        permalinks = _get(permalinks, "page")
    author = _get(data, "author", "")
    if isinstance(author, dict):
        author = _get(author, "name", "")
    return HugoSite(
        root=root,
        config_file=config,
        title=str(_get(data, "title", "") or root.name),
        base_url=str(_get(data, "baseURL", "") or ""),
        content_dir=content if content.is_dir() else root,
        static_dirs=statics,
        params=params if isinstance(params, dict) else {},
        permalinks={str(k): str(v) for k, v in permalinks.items()}
        if isinstance(permalinks, dict)
        else {},
        author=str(author or ""),
        copyright=str(_get(data, "copyright", "") or ""),
        lowercase_paths=not bool(_get(data, "disablePathToLower", False)),
        language_code=str(_get(data, "languageCode", "") or ""),
        taxonomies=_taxonomies(data, problems, config),
        pager_size=_pager_size(data),
        rss_limit=_rss_limit(data),
        robots_txt=_get(data, "enableRobotsTXT", False) is True,
        summary_length=_whole(_get(data, "summaryLength"), 70, minimum=0),
        disabled_kinds=_disabled_kinds(data),
        problems=problems,
    )


def _whole(value: Any, default: int, *, minimum: int) -> int:
    """``value`` when it is a whole number of at least ``minimum``, else ``default``."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
        return value
    return default


def _disabled_kinds(data: dict[str, Any]) -> frozenset[str]:
    """``disableKinds``: the kinds of page Hugo does not write, in lower case."""
    kinds = _get(data, "disableKinds", [])
    if not isinstance(kinds, list):
        return frozenset()
    return frozenset(str(kind).lower() for kind in kinds if isinstance(kind, str))


def _pager_size(data: dict[str, Any]) -> int:
    """``pagination.pagerSize`` (Hugo 0.128+), else the older ``paginate``; 10 by default."""
    pagination = _get(data, "pagination", {})
    if isinstance(pagination, dict) and _get(pagination, "pagerSize") is not None:
        return _whole(_get(pagination, "pagerSize"), 10, minimum=1)
    return _whole(_get(data, "paginate"), 10, minimum=1)


def _rss_limit(data: dict[str, Any]) -> int:
    """``services.rss.limit`` (newer Hugo) or ``rssLimit``; ``-1`` (no limit) by default."""
    services = _get(data, "services", {})
    rss = _get(services, "rss", {}) if isinstance(services, dict) else {}
    limit = _get(rss, "limit") if isinstance(rss, dict) else None
    if limit is None:
        limit = _get(data, "rssLimit")
    return _whole(limit, -1, minimum=-1)


def _taxonomies(data: dict[str, Any], problems: list[str], config: Path | None) -> dict[str, str]:
    """``[taxonomies]`` singular → plural; Hugo's two defaults when the configuration names
    none. A plural that is no plain folder name is refused (a problem line)."""
    named = _get(data, "taxonomies")
    if named is None:
        return {"tag": "tags", "category": "categories"}
    if not isinstance(named, dict):
        problems.append(f"taxonomies in {config} must be a table of names: ignored")
        return {"tag": "tags", "category": "categories"}
    found: dict[str, str] = {}
    for singular, plural in named.items():
        if isinstance(plural, str) and _is_folder_name(plural):
            found[str(singular)] = plural
        else:
            problems.append(f"taxonomy {singular!r} in {config}: {plural!r} is no folder name")
    return found


def _is_folder_name(name: str) -> bool:
    """One plain path segment: no separator, not ``.``/``..``, no control character."""
    return (
        bool(name.strip())
        and name not in (".", "..")
        and not any(c in name for c in "/\\")
        and all(c.isprintable() for c in name)
    )


def _folder_names(data: dict[str, Any], key: str, default: str, config: Path | None) -> list[str]:
    """The folder name(s) the configuration gives ``key``: a string or a list of strings."""
    value = _get(data, key, default)
    if value is None or value == "" or value == []:
        return [default]
    if isinstance(value, str):
        return [value]
    if key != "contentDir" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    kind = "a folder name" if key == "contentDir" else "a folder name or a list of them"
    raise SourceError(f"{key} in {config} must be {kind}, not {type(value).__name__}")


def _resolved(root: Path, name: str) -> Path | None:
    """``root/name`` with links resolved, or ``None`` if that is outside ``root`` (or no path)."""
    try:
        folder = (root / name).resolve()
    except (OSError, ValueError):  # a NUL byte, a link loop
        return None
    return folder if folder.is_relative_to(root) else None


def _inside(root: Path, name: str, config: Path | None) -> Path:
    """The folder ``name`` of the site at ``root``; :class:`SourceError` if outside it."""
    folder = _resolved(root, name)
    if folder is None:
        raise SourceError(f"contentDir {name!r} in {config} is outside the site {root}")
    return folder


def _static_dirs(
    root: Path, data: dict[str, Any], config: Path | None
) -> tuple[list[Path], list[str]]:
    """The existing static folders inside the site, and a message per one outside it."""
    folders, problems = [], []
    for name in _folder_names(data, "staticDir", "static", config):
        folder = _resolved(root, name)
        if folder is None:
            problems.append(
                f"staticDir {name!r} in {config} is outside the site {root}: not copied"
            )
        elif folder.is_dir():
            folders.append(folder)
    return folders, problems
