"""Site-absolute image paths (``/images/x.png``) found in Hugo's ``static/`` folder.

Hugo serves ``static/`` at the site root, so posts say ``![](/images/x.png)``
and ``{{< figure src="/images/x.png" >}}``. Sphinx reads a leading ``/`` as
the source folder. When the file is not there but is in one of the site's
static folders, the image is pointed at that file, so Sphinx copies it. A path
whose ``..`` (or a symbolic link) leads out of the static folder is not looked up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..config import mmark_settings


class StaticImages(SphinxTransform):
    """Point ``/…`` images at the Hugo site's static folders."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        statics = list(mmark_settings(self.config).hugo_site.static_dirs)
        if not statics:
            return
        srcdir = Path(self.env.srcdir)
        docdir = (srcdir / self.env.docname).parent
        for image in self.document.findall(nodes.image):
            uri = str(image.get("uri", ""))
            if not uri.startswith("/") or uri.startswith("//"):
                continue
            if (srcdir / uri.lstrip("/")).is_file():
                continue
            candidate = _in_static(statics, uri.lstrip("/"))
            if candidate is not None:
                image["uri"] = os.path.relpath(candidate, docdir).replace(os.sep, "/")


def _in_static(statics: list[str], relpath: str) -> Path | None:
    """The first file ``relpath`` inside one of the static folders ``statics``, if any."""
    if "\0" in relpath:
        return None
    for static in statics:
        folder = Path(static).resolve()
        candidate = (folder / relpath).resolve()
        if candidate.is_relative_to(folder) and candidate.is_file():
            return candidate
    return None
