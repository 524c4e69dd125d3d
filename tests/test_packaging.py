"""Every package the code imports is declared in pyproject.toml, and the lock file that CI
installs with pins every declared runtime package."""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "claimcheck"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


#: Modules that only optional extras use, and the extra that must declare their imports.
OPTIONAL = {"engines/dask.py": "dask"}


def _declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {_norm(re.split(r"[<>=!~\[; ]", dep, maxsplit=1)[0]) for dep in deps}


def _imported_top_levels(only: str | None = None) -> set[str]:
    names: set[str] = set()
    for path in SRC.rglob("*.py"):
        name = path.relative_to(SRC).as_posix()
        if (name in OPTIONAL) != (only is not None) or (only and name != only):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"claimcheck", "__future__"}


def test_every_imported_package_is_declared():
    dists = md.packages_distributions()
    missing = []
    for module in sorted(_imported_top_levels()):
        owners = {_norm(d) for d in dists.get(module, [module])}
        if not owners & _declared():
            missing.append(f"{module} (from {', '.join(sorted(owners))})")
    assert not missing, f"imported but not in pyproject dependencies: {missing}"


def test_html_cleaner_that_the_page_reader_imports_is_declared():
    # jusText (imported by trafilatura) imports lxml.html.clean, a separate project since
    # lxml 5.2; a fresh install must bring it.
    assert "lxml-html-clean" in _declared()
    import lxml.html.clean  # noqa: F401


def test_the_lock_file_pins_every_declared_runtime_package():
    lock = (ROOT / "constraints.txt").read_text()
    pinned = {_norm(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9_.-]+)==", lock, re.M)}
    assert _declared() <= pinned, sorted(_declared() - pinned)


def test_every_package_the_dask_engine_imports_is_in_its_extra():
    dists = md.packages_distributions()
    for module_file, extra in OPTIONAL.items():
        declared = _declared(extra) | _declared()
        missing = [m for m in sorted(_imported_top_levels(module_file))
                   if not {_norm(d) for d in dists.get(m, [m])} & declared]
        assert not missing, f"{module_file} imports {missing}, not in the {extra!r} extra"


def test_the_lock_file_pins_the_dask_extra_and_the_tests_install_it():
    lock = (ROOT / "constraints.txt").read_text()
    pinned = {_norm(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9_.-]+)==", lock, re.M)}
    assert _declared("dask") <= pinned, sorted(_declared("dask") - pinned)
    assert "claimcheck" in _declared("test")  # .[test] brings .[dask]
