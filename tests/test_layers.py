"""The architecture enforces itself: imports point down the layers, framework-free modules stay
free of Django, and no module imports another that imports it back. Imports inside functions
count like any other (a late import is still a dependency)."""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "safepassage"

# Bottom first. A part may import its own modules and those of any lower layer, nothing else.
LAYERS: list[set[str]] = [
    {"env", "crypto", "wording", "textlang", "safeview"},  # plain Python
    {"settings", "cli"},
    {"core"},  # access marks, roles and permissions, middleware, prompts
    {"vault"},
    {"audit"},
    {"accounts"},
    {"cases"},
    {"safecopy"},  # safe copies of documents: cases, intake and vetting show them
    {"intake", "screening"},
    {"vetting"},
    {"dossiers", "partners", "tlog"},
    {"overlap"},  # shared-case discovery with partners: reads cases, screening keys, partners
    {"reports"},  # reads from every part; imported by none
    {"urls", "wsgi"},  # the URL table and the WSGI entry point
    {"ops", "testing", "__main__"},  # top level: commands, the test helpers, the URL table
]
# Modules that need no Django, so that they can be read and tested alone (and a verifier with
# public keys only can run them).
FRAMEWORK_FREE = [
    "crypto",
    "wording",
    "textlang",
    "safeview",
    "screening/engine",
    "audit/merkle.py",
    "audit/chain.py",
    "vetting/attest.py",
    "overlap/tokens.py",
    "overlap/protocol.py",
    "overlap/synthetic.py",
    "reports/disclosure.py",
]


def _modules() -> Iterator[tuple[str, Path]]:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        yield name, path


def _imports(path: Path) -> Iterator[str]:
    """Every module an import statement in the file names, wherever the statement is."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def _layer_of(part: str) -> int:
    for number, layer in enumerate(LAYERS):
        if part in layer:
            return number
    raise AssertionError(f"`{part}` has no layer: add it to LAYERS in tests/test_layers.py")


def test_every_part_of_the_package_has_a_layer():
    parts = {_part(name) for name, _path in _modules() if name != "safepassage"}
    for part in sorted(parts):
        _layer_of(part)


def test_imports_point_down_the_layers():
    upward = []
    parts = {_part(name) for name, _path in _modules()}
    for name, path in _modules():
        if name == "safepassage":
            continue
        source = _part(name)
        for target in _imports(path):
            part = _part(target)
            if not target.startswith("safepassage.") or part not in parts:
                continue  # another package, or a name of the package itself (__version__)
            if part != source and _layer_of(part) >= _layer_of(source):
                upward.append(f"{path.relative_to(PACKAGE)} imports {target}")
    assert not upward, "imports that do not point down the layers:\n" + "\n".join(sorted(upward))


def test_framework_free_modules_import_no_django():
    found = []
    for _name, path in _modules():
        relative = str(path.relative_to(PACKAGE))
        if not any(relative.startswith(prefix) for prefix in FRAMEWORK_FREE):
            continue
        for target in _imports(path):
            if target.split(".")[0] in {"django", "django_otp"}:
                found.append(f"{relative} imports {target}")
    assert not found, "\n".join(found)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_one_that_imports_it_back():
    modules = dict(_modules())
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        graph[name] |= {t for t in _imports(path) if t in modules and t != name}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph: dict[str, set[str]] = defaultdict(set, {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert _cycles(graph) == [["a", "b", "c"]]
