"""The real ``hugo`` as the oracle of which URLs a Hugo site serves.

Debian's ``hugo`` (0.111) no longer reads mmark, so the site is built from a
converted copy (:func:`convert_site`):

* ``.mmark`` files are renamed ``.md``, and the ``markup`` key is dropped from every
  front matter (the front matter block is split off the body and parsed, YAML or
  TOML; only the line of the top-level ``markup`` key goes, and the block is checked
  to parse to the same values without it);
* a page whose front matter cannot be parsed is removed from the copy: Hugo 0.111
  stops the whole build on it (``failed to unmarshal YAML``, exit status 255,
  nothing written), even when the page is a draft (shown by a test);
* the configuration loses ``markup.defaultMarkdownHandler`` (Hugo 0.111 has no mmark
  handler) and is written as ``hugo.json``;
* minimal layouts are written (:data:`LAYOUTS`): the home paginates
  ``site.RegularPages``, a section list ``.RegularPagesRecursive``, a term ``.Pages``;
  a taxonomy list is not paginated; single pages and ``404.html``. ``robots.txt`` is
  Hugo's own. Every shortcode the content uses gets a stub that prints its inner
  text, so that no shortcode needs the network (``tweet``) or a theme (``callout``).

:func:`hugo_urls` runs ``hugo --quiet -d OUT`` on the copy and lists what it served
with ``tools/hugo_urls.py``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
HUGO = shutil.which("hugo")
"""The ``hugo`` program, or None when it is not installed."""


def _load_lister() -> ModuleType:
    """``tools/hugo_urls.py``, which is a script, not a package."""
    spec = importlib.util.spec_from_file_location("hugo_urls", REPO / "tools" / "hugo_urls.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("hugo_urls", module)
    spec.loader.exec_module(module)
    return module


hugo_urls_tool = _load_lister()
Served = hugo_urls_tool.Served
list_urls = hugo_urls_tool.list_urls

LAYOUTS = {
    "index.html": (
        "<h1>{{ site.Title }}</h1>"
        '{{ range (.Paginate site.RegularPages).Pages }}<a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a>{{ end }}"
    ),
    "_default/list.html": (
        "<h1>{{ .Title }}</h1>"
        '{{ range (.Paginate .RegularPagesRecursive).Pages }}<a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a>{{ end }}"
    ),
    "_default/term.html": (
        "<h1>{{ .Title }}</h1>"
        '{{ range .Paginator.Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
    ),
    "_default/taxonomy.html": (
        '<h1>{{ .Title }}</h1>{{ range .Pages }}<a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a>{{ end }}"
    ),
    "_default/single.html": "<h1>{{ .Title }}</h1>{{ .Content }}",
    "404.html": "<h1>Not found</h1>",
}
"""Minimal layouts: which lists paginate what (Hugo's usual theme behaviour)."""

_DELIMITERS = {"---": "yaml", "+++": "toml"}
_SHORTCODE = re.compile(r"\{\{[<%]\s*(/?)\s*([\w.-]+)")


class FrontMatterError(ValueError):
    """The front matter of a page cannot be parsed (Hugo stops the build on it)."""


def split_front_matter(text: str) -> tuple[str, list[str], str]:
    """(format, front matter lines, rest of the file) of a content file; format "" if none."""
    lines = text.splitlines(keepends=True)
    fence = lines[0].strip() if lines else ""
    if fence not in _DELIMITERS:
        return "", [], text
    for end in range(1, len(lines)):
        if lines[end].strip() == fence:
            return _DELIMITERS[fence], lines[1:end], "".join(lines[end:])
    raise FrontMatterError("front matter without an end")


def _parse(kind: str, block: str) -> dict[str, Any]:
    """The values of a front matter block; :class:`FrontMatterError` when it is broken."""
    try:
        data = yaml.safe_load(block) if kind == "yaml" else tomllib.loads(block)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as error:
        raise FrontMatterError(str(error)) from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping")
    return data


def without_markup(text: str) -> str:
    """The content file ``text`` without the ``markup`` key of its front matter."""
    kind, block, rest = split_front_matter(text)
    if not kind:
        return text
    values = _parse(kind, "".join(block))
    key = re.compile(r"markup\s*:" if kind == "yaml" else r"markup\s*=")
    kept = [line for line in block if not key.match(line)]
    values.pop("markup", None)
    assert _parse(kind, "".join(kept)) == values, "markup is not a one-line key"
    fence = text.splitlines(keepends=True)[0]
    return fence + "".join(kept) + rest


def convert_site(source: Path, copy: Path) -> list[Path]:
    """Copy the Hugo site ``source`` to ``copy`` for Hugo 0.111; the pages removed."""
    shutil.copytree(source, copy)
    removed = []
    for path in sorted((copy / "content").rglob("*")):
        if path.suffix not in (".md", ".mmark"):
            continue
        try:
            text = without_markup(path.read_text(encoding="utf-8"))
        except FrontMatterError:
            removed.append(path.relative_to(copy))
            path.unlink()
            continue
        path.unlink()
        path.with_suffix(".md").write_text(text, encoding="utf-8")
    _convert_config(copy)
    write_layouts(copy)
    return removed


def _convert_config(site: Path) -> None:
    """``hugo.toml`` to ``hugo.json`` without the mmark markdown handler."""
    config = tomllib.loads((site / "hugo.toml").read_text(encoding="utf-8"))
    config.get("markup", {}).pop("defaultMarkdownHandler", None)
    (site / "hugo.toml").unlink()
    (site / "hugo.json").write_text(json.dumps(config, indent=2), encoding="utf-8")


def write_layouts(site: Path) -> None:
    """The minimal layouts, and a stub for each shortcode the content uses."""
    for name, text in LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    used: set[str] = set()
    paired: set[str] = set()
    for path in (site / "content").rglob("*.md"):
        for closing, name in _SHORTCODE.findall(path.read_text(encoding="utf-8")):
            (paired if closing else used).add(name)
    stubs = site / "layouts" / "shortcodes"
    stubs.mkdir(parents=True, exist_ok=True)
    for name in used:
        # Hugo wants a closing tag for every use of a shortcode whose template reads .Inner
        stub = "{{ .Inner }}" if name in paired else f"[{name}]"
        (stubs / f"{name}.html").write_text(stub, encoding="utf-8")


def run_hugo(site: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``hugo --quiet -d OUT`` in ``site``."""
    assert HUGO is not None
    command = [HUGO, "--quiet", "-d", str(out), "--source", str(site)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def hugo_urls(source: Path, scratch: Path) -> dict[str, Any]:
    """The URLs Hugo serves for the site ``source``, built under ``scratch``."""
    copy, out = scratch / "site", scratch / "public"
    convert_site(source, copy)
    result = run_hugo(copy, out)
    assert result.returncode == 0, result.stderr
    served: dict[str, Any] = list_urls(out)
    return served
