"""Check what the built sdist and wheel hold: ``python .ci/check_dist.py DIST_DIR``.

The wheel must ship the package with its LaTeX/CSS assets and ``py.typed``,
carry the version ``sphinx_mmark.__version__`` says, and the metadata PyPI
shows (classifiers, URLs, licence); the sdist must hold the tests and docs.
Exits non-zero, naming every problem, when something is missing.
"""

from __future__ import annotations

import ast
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def source_version() -> str:
    tree = ast.parse((ROOT / "sphinx_mmark" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise SystemExit("no __version__ in sphinx_mmark/__init__.py")


def main(dist: Path) -> int:
    version = source_version()
    problems: list[str] = []
    wheels = sorted(dist.glob("sphinx_mmark-*.whl"))
    sdists = sorted(dist.glob("sphinx_mmark-*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        raise SystemExit(f"expected one wheel and one sdist in {dist}, found {wheels + sdists}")
    wheel, sdist = wheels[0], sdists[0]
    if f"-{version}-" not in wheel.name or not sdist.name.endswith(f"-{version}.tar.gz"):
        problems.append(f"file names {wheel.name}, {sdist.name} do not carry version {version}")

    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(zf.read(metadata_name).decode("utf-8"))
    wanted = {"sphinx_mmark/__init__.py", "sphinx_mmark/py.typed"}
    wanted |= {
        f"sphinx_mmark/assets/{p.name}" for p in (ROOT / "sphinx_mmark" / "assets").iterdir()
    }
    problems += [f"the wheel lacks {name}" for name in sorted(wanted - names)]
    if metadata["Version"] != version:
        problems.append(f"wheel metadata version {metadata['Version']} is not {version}")
    classifiers = metadata.get_all("Classifier") or []
    if "Framework :: Sphinx :: Extension" not in classifiers:
        problems.append("no 'Framework :: Sphinx :: Extension' classifier")
    if not metadata.get("License-Expression") and not metadata.get("License"):
        problems.append("no licence in the metadata")
    urls = metadata.get_all("Project-URL") or []
    if not any(url.startswith("Documentation") for url in urls):
        problems.append(f"no Documentation URL among {urls}")
    if not metadata.get("Summary"):
        problems.append("no summary (description)")

    with tarfile.open(sdist) as tf:
        members = {name.split("/", 1)[1] for name in tf.getnames() if "/" in name}
    for name in ("pyproject.toml", "LICENSE", "sphinx_mmark/py.typed", "docs/conf.py",
                 "tests/conftest.py", "CHANGELOG.md"):  # fmt: skip
        if name not in members:
            problems.append(f"the sdist lacks {name}")
    if any(name.startswith("docs/_build/") for name in members):
        problems.append("the sdist holds a docs build (docs/_build/)")

    for problem in problems:
        print(f"check_dist: {problem}", file=sys.stderr)
    if not problems:
        print(f"check_dist: {wheel.name} ({len(names)} files) and {sdist.name} are complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "dist")))
