"""Where the image files of mmark documents may lie, and how the renderer marks remote images.

Sphinx copies an image's file into the output, so a document could publish any
file the build can read. :class:`ImageFolders` says whether a path lies inside
the folders a project's images (and downloadable files) may come from: the
source directory, the Hugo site's static folders and the
``mmark_include_roots``, with the includes' confinement,
:func:`sphinx_mmark.parse.includes.paths.resolve`. The renderer uses it for
links to files; :mod:`sphinx_mmark.sphinx_ext.images` refuses the images that
lie outside, and shows remote images (:data:`REMOTE_FLAG`) as links where the
builder cannot embed them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sphinx.environment import BuildEnvironment

from ..config import mmark_settings
from ..environment import once_per_build
from ..parse.includes.paths import resolve

REMOTE_FLAG = "mmark_remote"
"""Set by the renderer on images whose source is a URL."""


@dataclass(frozen=True)
class ImageFolders:
    """Where the image files of a project's mmark documents may lie."""

    srcdir: Path
    """The real path of the source directory (``/…`` image paths start there)."""
    roots: list[Path]
    """The real paths of the folders image files may lie in: the source directory,
    the Hugo site's static folders and the ``mmark_include_roots``."""

    @classmethod
    def of(cls, env: BuildEnvironment) -> ImageFolders:
        """The folders of the project ``env`` builds (found once per build)."""
        return once_per_build(env, cls._find)

    @classmethod
    def _find(cls, env: BuildEnvironment) -> ImageFolders:
        """The folders of the project ``env`` builds, read from the file system."""
        settings = mmark_settings(env.config)
        srcdir = Path(os.path.realpath(env.srcdir))
        folders = [*settings.include_roots, *settings.hugo_site.static_dirs]
        roots = [srcdir, *(Path(os.path.realpath(srcdir / folder)) for folder in folders)]
        return cls(srcdir, roots)

    def problem(self, path: str, base: Path) -> str | None:
        """Why the file ``path`` (relative to the real folder ``base``) may not be
        used, or None when it lies inside the roots (whether it exists or not)."""
        found = resolve(path, [base], self.roots)
        # a candidate is "tried" only once its lexical and real paths are inside
        return None if found.tried else found.problem
