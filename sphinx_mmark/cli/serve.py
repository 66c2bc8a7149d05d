"""``sphinx-mmark serve [SRC]``: a live preview that reloads the browser on each change.

Built on sphinx-autobuild (the ``serve`` extra) as a library: its file watcher
(``RebuildServer``) and the middleware that puts the reload script into each
page. A rebuild runs ``python -m sphinx_mmark build`` with the options given to
``serve``, so the preview is built exactly as ``sphinx-mmark build`` builds
(no ``conf.py`` is needed for a Hugo site). The preview lives in
``CACHE/serve/public`` (``CACHE``: ``SRC/.sphinx-mmark`` or ``--cacheDir``), not
in ``public/``; as with ``hugo server``, the base URL is the preview's own
address unless ``-b`` gives one.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..hugo.site import classify
from .errors import require_extra
from .plan import STATE

IGNORED = (r"/\.[^/]*(/|$)", r"~$", r"/#[^/]*#$")
"""Changes that start no rebuild: hidden files and folders, editors' backup files."""


@dataclass(frozen=True)
class Rebuild:
    """Runs the build command (picklable: the watcher calls it in another process)."""

    command: tuple[str, ...]

    def __call__(self, *, changed_paths: Sequence[Path] = ()) -> int:
        if changed_paths:
            names = ", ".join(path.name for path in changed_paths[:5])
            print(f"sphinx-mmark serve: changed: {names}; rebuilding", flush=True)
        status = subprocess.run(self.command, check=False).returncode
        if status != 0:
            print(f"sphinx-mmark serve: the build failed (exit status {status})", flush=True)
        return status


def forwarded(args: argparse.Namespace) -> list[str]:
    """The ``build`` options that repeat ``serve``'s own (all but SRC, OUT, the server's)."""
    argv: list[str] = []
    switches = {
        "drafts": "-D", "future": "-F", "expired": "-E", "nitpicky": "-n",
        "fail_on_warning": "-W", "quiet": "-q", "traceback": "-T", "ablog": "--ablog",
    }  # fmt: skip
    argv += [flag for name, flag in switches.items() if getattr(args, name)]
    for name, flag in (("builder", "--builder"), ("theme", "--theme")):
        if getattr(args, name):
            argv += [flag, getattr(args, name)]
    for item in args.define:
        argv += ["--define", item]
    return [*argv, "-j", str(args.jobs), *["-v"] * args.verbose]


def build_command(args: argparse.Namespace, source: Path, cache: Path) -> list[str]:
    """The command a (re)build runs: ``python -m sphinx_mmark build`` into the preview folder."""
    url = args.base_url or f"http://{args.bind}:{args.port}/"
    return [
        sys.executable, "-m", "sphinx_mmark", "build", str(source), str(cache / "public"),
        "--cacheDir", str(cache), "--baseURL", url, *forwarded(args),
    ]  # fmt: skip


def serve(args: argparse.Namespace) -> int:
    """Build ``SRC``, serve the preview and rebuild on each change until interrupted."""
    require_extra("sphinx_autobuild", "sphinx-autobuild (for serve)", "serve")
    source: Path = args.source.resolve()
    classify(source)
    root = Path(args.cache_dir).resolve() if args.cache_dir else source / STATE
    cache = root / "serve"
    rebuild = Rebuild(tuple(build_command(args, source, cache)))
    rebuild()
    (cache / "public").mkdir(parents=True, exist_ok=True)
    app = _application(source, [root, cache, source / "public"], rebuild, cache / "public", args)
    print(f"sphinx-mmark serve: http://{args.bind}:{args.port}/ (Ctrl+C stops)", flush=True)
    uvicorn: Any = importlib.import_module("uvicorn")
    uvicorn.run(app, host=args.bind, port=args.port, log_level="warning")
    return 0


def _application(
    source: Path, ignored: list[Path], rebuild: Rebuild, public: Path, args: argparse.Namespace
) -> Any:
    """The web application: the preview's files, the reload script, the reload socket."""
    server: Any = importlib.import_module("sphinx_autobuild.server")
    filters: Any = importlib.import_module("sphinx_autobuild.filter")
    middleware: Any = importlib.import_module("sphinx_autobuild.middleware")
    starlette: Any = importlib.import_module("starlette.applications")
    routing: Any = importlib.import_module("starlette.routing")
    static: Any = importlib.import_module("starlette.staticfiles")
    stack: Any = importlib.import_module("starlette.middleware")
    watcher = server.RebuildServer(
        [source], filters.IgnoreFilter(ignored, list(IGNORED)), change_callback=rebuild
    )
    return starlette.Starlette(
        routes=[
            routing.WebSocketRoute("/websocket-reload", watcher, name="reload"),
            routing.Mount("/", app=static.StaticFiles(directory=public, html=True)),
        ],
        middleware=[
            stack.Middleware(
                middleware.JavascriptInjectorMiddleware, ws_url=f"{args.bind}:{args.port}"
            )
        ],
        lifespan=watcher.lifespan,
    )
