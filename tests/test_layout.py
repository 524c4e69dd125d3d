"""The package layout follows the data flow: a stage imports only the shared records,
errors and settings, its own subpackage and earlier stages, and no module imports itself
back through others (no import cycles). Imports inside functions and under TYPE_CHECKING
count too."""

from __future__ import annotations

import ast
from pathlib import Path

import claimcheck

PACKAGE = Path(claimcheck.__file__).resolve().parent

#: Modules every stage may use.
SHARED = {"records", "errors", "settings"}
#: The stages in data-flow order; a stage may import the ones before it.
STAGES = ["read", "values", "extraction", "compare", "write"]
#: Modules that put the stages together (anything may be imported by them).
TOP = {"pipeline", "api", "cli", "__init__", "__main__", "engines"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _known(name: str, modules: set[str]) -> str | None:
    """``name`` (dotted, under claimcheck) as a module of the package, or its package."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """Module → the package's modules it imports (``claimcheck`` itself only for more than
    its ``__version__``)."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        if path.name == "__init__.py" and name == "__init__":
            here = []
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                    stem = ".".join([*base, *([node.module] if node.module else [])])
                elif node.module and node.module.split(".")[0] == "claimcheck":
                    stem = node.module.partition(".")[2]
                else:
                    continue
                names = [a.name for a in node.names]
                targets = [f"{stem}.{n}" if stem else n for n in names]
                if not stem and names == ["__version__"]:
                    continue  # the package's version number is no dependency
                targets.append(stem)
            elif isinstance(node, ast.Import):
                targets = [a.name.partition(".")[2] for a in node.names
                           if a.name.split(".")[0] == "claimcheck"]
            for t in targets:
                if t and (mod := _known(t, modules)) and mod != name:
                    found.add(mod)
        graph[name] = found
    return graph


def _stage(module: str) -> str:
    return module.split(".")[0]


def _rank(module: str) -> int:
    stage = _stage(module)
    if stage in SHARED:
        return -1
    if stage in STAGES:
        return STAGES.index(stage)
    assert stage in TOP, f"{module} belongs to no stage: add it to STAGES or TOP"
    return len(STAGES)


def test_a_stage_imports_only_shared_modules_and_earlier_stages():
    wrong = []
    for module, deps in import_graph().items():
        for dep in deps:
            if _rank(module) == len(STAGES) or _stage(dep) in SHARED | {_stage(module)}:
                continue  # the top puts stages together; a stage uses its own modules
            if _stage(module) in SHARED or _rank(dep) >= _rank(module):
                wrong.append(f"{module} imports {dep}")
    assert not wrong, "; ".join(sorted(wrong))


def test_no_import_cycles():
    graph = import_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_the_graph_reads_relative_and_lazy_imports():
    graph = import_graph()
    assert "records" in graph["compare.conflicts"]  # from ..records import … (module top)
    assert "values.places" in graph["compare.conflicts"]  # under TYPE_CHECKING
    assert "extraction.frames" in graph["compare.clusters"]
    assert "write.tables" in graph["pipeline"]  # from .write.tables import … (in a function)
    assert graph["records"] == set()
