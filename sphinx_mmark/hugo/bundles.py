"""Page-bundle resources and the other files of the content folder, at their Hugo URLs.

Hugo publishes every file of ``content/`` that is not a content file (a
Markdown, HTML, reStructuredText… source) and whose name does not start with
``.``, at its path below the URL of the page that owns its folder:

* a folder with an ``index`` page (a leaf bundle) is owned by that page, with
  every folder below it: ``content/posts/trip/moon.png`` of the page
  ``/2021/03/trip/`` is ``/2021/03/trip/moon.png``;
* a folder with an ``_index`` page (a branch bundle) by that section page;
* another folder by its parent's owner (the content root's is the home, ``/``).

A bundle whose page is no page of the build (a draft, a future or expired
page) is not copied. A symbolic link is followed only to a file inside the
content folder (a link to a folder is never followed); one leading out of it
gets a ``mmark.hugo`` warning. Files are written through
:func:`.outputs.write_output` (inside the output folder, no symbolic link on the
way), only when the source changed since the last copy (the copy keeps its
source's modification time), and never over a file written by this build.
"""

from __future__ import annotations

import os
import posixpath
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.matching import Matcher

from ..warnings_ import MmarkWarning, warn
from .confine import shown
from .model import Site, site_of
from .outputs import write_output, writes_site_files
from .pages import BUNDLE_INDEX, SECTION_INDEX

_LOGGER = logging.getLogger(__name__)
CONTENT_SUFFIXES = frozenset(
    {".md", ".mmark", ".markdown", ".mdown", ".html", ".htm", ".rst"}
    | {".adoc", ".asciidoc", ".ad", ".org", ".pandoc", ".pdc"}
)
"""Suffixes of content files (Hugo's content formats and Sphinx sources), never copied."""
_STARTED: weakref.WeakKeyDictionary[Config, float] = weakref.WeakKeyDictionary()
"""When each build (by its configuration) started: files newer than that were written
by the build and are not replaced."""


@dataclass(frozen=True)
class Resource:
    """One file to publish."""

    source: Path
    """The file in the content folder (a symbolic link already resolved)."""
    url: str
    """Its decoded URL path from the site root."""


def is_content(name: str, suffixes: frozenset[str]) -> bool:
    """Whether the file ``name`` is a content file (see :data:`CONTENT_SUFFIXES`)."""
    return os.path.splitext(name)[1].lower() in suffixes


def folder_url(site: Site, docname: str) -> str | None:
    """The URL folder of the page ``docname`` (``None`` when it is no page of the build)."""
    url = site.url_of(docname)
    if url is None:
        return None
    return url if url.endswith("/") else posixpath.dirname(url) + "/"


def _owner_page(names: set[str], relfolder: str, suffixes: frozenset[str]) -> str | None:
    """The document name of the bundle page in a folder (its file ``names``), if any."""
    for stem in (BUNDLE_INDEX, SECTION_INDEX):
        if any(is_content(name, suffixes) and os.path.splitext(name)[0] == stem for name in names):
            return posixpath.join(relfolder, stem) if relfolder else stem
    return None


class ResourceFinder:
    """Walks the content folder for the files to publish (see the module docstring)."""

    def __init__(self, app: Sphinx, site: Site) -> None:
        self.site = site
        self.root = Path(os.path.realpath(app.srcdir))
        self.suffixes = CONTENT_SUFFIXES | {str(s).lower() for s in app.config.source_suffix}
        own = (app.builder.outdir, app.doctreedir, Path(app.confdir, "conf.py"))
        self.skipped = {os.path.realpath(path) for path in own}
        self.excluded = Matcher(list(app.config.exclude_patterns))

    def resources(self) -> Iterator[Resource]:
        yield from self._folder(self.root, "", "/")

    def _folder(self, folder: Path, relfolder: str, base: str) -> Iterator[Resource]:
        """The resources in ``folder`` (``relfolder`` from the root), whose URL is ``base``
        unless a bundle page owns it."""
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        visible = [entry for entry in entries if self._published(entry, relfolder)]
        files = {entry.name for entry in entries if entry.is_file()}  # (drafts are excluded)
        owner = _owner_page(files, relfolder, self.suffixes)
        if owner is not None:
            found = folder_url(self.site, owner)
            if found is None:
                return  # a bundle that is not published
            base = found
        for entry in visible:
            relpath = posixpath.join(relfolder, entry.name) if relfolder else entry.name
            if entry.is_symlink():
                yield from self._linked(Path(entry.path), relpath, base + entry.name)
            elif entry.is_dir(follow_symlinks=False):
                yield from self._folder(Path(entry.path), relpath, f"{base}{entry.name}/")
            elif entry.is_file(follow_symlinks=False) and not is_content(entry.name, self.suffixes):
                yield Resource(Path(entry.path), base + entry.name)

    def _published(self, entry: os.DirEntry[str], relfolder: str) -> bool:
        """Whether a folder entry may be published: not hidden, not excluded by the
        project, not the output, state or configuration of the build."""
        relpath = posixpath.join(relfolder, entry.name) if relfolder else entry.name
        return (
            not entry.name.startswith(".")
            and not self.excluded(relpath)
            and os.path.realpath(entry.path) not in self.skipped
        )

    def _linked(self, link: Path, relpath: str, url: str) -> Iterator[Resource]:
        """A symbolic link: its file if it stays inside the content folder."""
        target = Path(os.path.realpath(link))
        if not target.is_relative_to(self.root):
            warn(
                f"{shown(relpath)} in the content folder is a symbolic link that leads "
                "outside it: not copied to the site",
                MmarkWarning.HUGO,
                location=None,
            )
        elif target.is_file() and not is_content(link.name, self.suffixes):
            yield Resource(target, url)


def copy_resource(app: Sphinx, resource: Resource, started: float) -> bool:
    """Copy one resource unless its copy is up to date; whether it was copied."""
    source = resource.source.stat()
    destination = Path(app.builder.outdir, resource.url.lstrip("/"))
    if destination.is_file() and not destination.is_symlink():
        done = destination.stat()
        if done.st_size == source.st_size and done.st_mtime_ns == source.st_mtime_ns:
            return False
        if done.st_mtime >= started:
            warn(
                f"the content file {shown(resource.url)} is not copied: the build wrote "
                "another file there",
                MmarkWarning.HUGO,
                location=None,
            )
            return False
    data = resource.source.read_bytes()
    if not write_output(app, resource.url, data, replace=_any, what="the content file"):
        return False
    os.utime(destination, ns=(source.st_atime_ns, source.st_mtime_ns), follow_symlinks=False)
    return True


def _any(head: bytes) -> bool:
    return True  # (an older copy; copy_resource keeps files of this build)


def note_start(app: Sphinx) -> None:
    """Remember when the build started (a ``builder-inited`` handler)."""
    _STARTED[app.config] = time.time()


def copy_resources(app: Sphinx, exception: Exception | None) -> None:
    """Publish the content folder's resources (a ``build-finished`` handler)."""
    if exception is not None or not writes_site_files(app):
        return
    started = _STARTED.get(app.config, time.time())
    finder = ResourceFinder(app, site_of(app.env))
    copied = sum(copy_resource(app, resource, started) for resource in finder.resources())
    if copied:
        _LOGGER.info("[mmark] %d content file(s) copied to their page folders", copied)


def setup_bundles(app: Sphinx) -> None:
    """Register the resource copier."""
    app.connect("builder-inited", note_start)
    app.connect("build-finished", copy_resources)
