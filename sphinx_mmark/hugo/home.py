"""The home page of a Hugo site, whether or not the content has ``_index.md``.

Hugo always serves a home page at ``/``; its text comes from ``content/_index.md``
when there is one. With ``mmark_hugo_root`` set and no document at ``root_doc``:

* when the content has ``_index.md`` (or ``_index.mmark``), that is the root
  document;
* else the build gets a generated home document ``_index`` whose source
  (front matter with the site's title) lies in the doctree folder, outside the
  source tree. The user's files are read where they are, so includes, images
  and static files resolve as they do from the site folder (no staging copy).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..config import mmark_settings
from .pages import SECTION_INDEX

HOME_SUFFIXES = (".md", ".mmark")
_GENERATED = Path("sphinx-mmark", "home", f"{SECTION_INDEX}.md")
"""Where, below the doctree folder, the generated home document is written."""


def choose_root_doc(app: Sphinx, config: Config) -> None:
    """Make the content's ``_index`` (given or generated) the root document when the
    configured one does not exist (a ``config-inited`` handler)."""
    if not mmark_settings(config).hugo_root or _exists(app.srcdir, config.root_doc):
        return
    config.root_doc = SECTION_INDEX


def _exists(srcdir: Path, docname: str) -> bool:
    return any(Path(srcdir, docname + suffix).is_file() for suffix in HOME_SUFFIXES)


def generated_home(app: Sphinx) -> Path | None:
    """The path of the generated home document, when the build needs one."""
    config = app.config
    if not mmark_settings(config).hugo_root or config.root_doc != SECTION_INDEX:
        return None
    if _exists(app.srcdir, SECTION_INDEX):
        return None
    return Path(app.doctreedir, _GENERATED)


def add_home(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Add the generated home document to the documents of the build (an
    ``env-get-outdated`` handler); it is read again when its text changed."""
    path = generated_home(app)
    if path is None:
        return []
    _write(path, _home_text(mmark_settings(app.config).hugo_site.title or app.config.project))
    project = env.project
    _not_a_document_of_its_own(path, env, added, changed, removed)
    project.docnames.add(SECTION_INDEX)
    project._docname_to_path[SECTION_INDEX] = path
    project._path_to_docname[path] = SECTION_INDEX
    removed.discard(SECTION_INDEX)
    read_at = env.all_docs.get(SECTION_INDEX)
    if read_at is None or os.stat(path).st_mtime_ns // 1000 > read_at:
        return [SECTION_INDEX]
    return []


def _not_a_document_of_its_own(
    path: Path, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> None:
    """When the doctree folder lies in the source tree (``docs/_build/doctrees``),
    Sphinx found the generated file as a document of its own: it is not one."""
    try:
        relpath = path.relative_to(env.srcdir)
    except ValueError:
        return
    docname = env.project.path2doc(relpath)
    if docname is None or docname not in env.project.docnames:
        return
    env.project.docnames.discard(docname)
    env.project._docname_to_path.pop(docname, None)
    env.project._path_to_docname.pop(relpath, None)
    added.discard(docname)
    changed.discard(docname)
    if docname in env.all_docs:
        removed.add(docname)


def _home_text(title: str) -> str:
    return f"---\ntitle: {json.dumps(title)}\n---\n"  # a JSON string is a YAML one


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` unless it holds it already (its time tells rebuilds)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
