"""The house rules of docs/ARCHITECTURE.md, checked on the code: stage folders import only earlier
stages (the import-linter contract in pyproject.toml), no two modules import each other through any
chain, and no module is longer than a few screens."""
import grimp
from importlinter import configuration
from importlinter.application.use_cases import lint_imports

from tests.conftest import ROOT

MAX_MODULE_LINES = 500


def test_the_stage_layers_hold():
    # the same check `lint-imports` runs: every contract in pyproject.toml's [tool.importlinter]
    configuration.configure()
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), cache_dir=None, no_logo=True) is True


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.find_modules_directly_imported_by(module)):
            if state.get(target) == 1:
                found.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph.modules):
        if module not in state:
            visit(module)
    return found


def test_no_import_cycle_between_modules():
    # a package's __init__ importing its own submodules is not a cycle of two jobs: leave those out
    graph = grimp.build_graph("pipeline", exclude_type_checking_imports=False)
    cycles = [c for c in _cycles(graph)
              if not any(a.startswith(b + ".") or b.startswith(a + ".") for a, b in zip(c, c[1:]))]
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for m in ("p", "p.a", "p.b", "p.c"):
        graph.add_module(m)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.c")
    assert _cycles(graph) == []
    graph.add_import(importer="p.c", imported="p.a")
    assert _cycles(graph) == [["p.a", "p.b", "p.c", "p.a"]]


def test_no_module_is_longer_than_the_limit():
    long = {str(p.relative_to(ROOT)): n for p in [*ROOT.glob("pipeline/**/*.py"), *ROOT.glob("schemas/**/*.py")]
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines (split them along their seams): {long}"


def test_every_stage_folder_says_its_job():
    for init in sorted((ROOT / "pipeline").glob("*/__init__.py")):
        text = init.read_text(encoding="utf-8").lstrip()
        assert text.startswith('"""'), f"{init.relative_to(ROOT)} has no docstring saying the folder's job"
    documented = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for folder in sorted(p.parent.name for p in (ROOT / "pipeline").glob("*/__init__.py")):
        assert f"`pipeline/{folder}/`" in documented, f"pipeline/{folder}/ is not described in docs/ARCHITECTURE.md"
