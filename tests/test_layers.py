"""The apps are layers that import one way: each module may import its own app and the layers below it.

This reads every module's imports with `ast`, including imports inside functions (where upward imports
used to hide), and every model's relations, and fails on an upward dependency or a cycle between apps.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent / "kenal"

# The one layer table: lowest first. An app may use the apps on its own line's left, never those after it.
# The composing apps share the top line: they may use every layer, and each other, as long as no cycle forms.
# Adding a top-level app is one name on the last line.
LAYERS = [
    {"lib"},
    {"accounts"},
    {"people"},
    {"conversations"},
    {"commitments"},
    {"agenda"},
    {"engagements"},
    {"network"},
    {"api", "web", "portability", "capture", "project"},
]
# Modules directly in kenal/ (settings, urls, wsgi, cli) compose the whole project.
PROJECT = "project"


def layer_of(app: str) -> int:
    for position, names in enumerate(LAYERS):
        if app in names:
            return position
    raise AssertionError(f"kenal.{app} is in no layer: add it to LAYERS in tests/test_layers.py")


def app_of_path(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return PROJECT if len(parts) == 1 else parts[0]


def app_of_module(module: str) -> str | None:
    """`kenal.people.models` -> "people"; `kenal.urls` -> "project"; None for anything outside kenal."""
    parts = module.split(".")
    if parts[0] != "kenal":
        return None
    if len(parts) == 1:
        return PROJECT
    return parts[1] if (ROOT / parts[1]).is_dir() else PROJECT


def imported_modules(tree: ast.AST, package: str):
    """Every module a file imports, with its line: top level, in functions, relative ones resolved."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if module == "kenal":
                for alias in node.names:
                    yield node.lineno, f"kenal.{alias.name}"
            else:
                yield node.lineno, module


def python_files():
    return sorted(path for path in ROOT.rglob("*.py") if "migrations" not in path.parts)


def module_dependencies() -> dict[tuple[str, str], list[str]]:
    """(from app, to app) -> where: one entry per import of another app."""
    found = defaultdict(list)
    for path in python_files():
        source_app = app_of_path(path)
        module = ".".join(("kenal", *path.relative_to(ROOT).with_suffix("").parts))
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in imported_modules(tree, package):
            target = app_of_module(name)
            if target is not None and target != source_app:
                found[(source_app, target)].append(f"{path.relative_to(ROOT.parent)}:{line} imports {name}")
    return found


def model_dependencies() -> dict[tuple[str, str], list[str]]:
    """(from app, to app) -> which relation: a foreign key, one-to-one or many-to-many to another app."""
    found = defaultdict(list)
    for model in apps.get_models():
        source = app_of_module(model.__module__)
        if source is None:
            continue
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            target = app_of_module(field.related_model.__module__)
            if target is not None and target != source:
                found[(source, target)].append(
                    f"{model.__name__}.{field.name} -> {field.related_model.__name__}"
                )
    return found


def upward(dependencies) -> list[str]:
    return [
        f"{source} -> {target}: {where}"
        for (source, target), places in sorted(dependencies.items())
        if layer_of(target) > layer_of(source)
        for where in places
    ]


def cycles(dependencies) -> list[list[str]]:
    graph = defaultdict(set)
    for source, target in dependencies:
        graph[source].add(target)
    found, path, done = [], [], set()

    def visit(app):
        if app in path:
            found.append(path[path.index(app) :] + [app])
            return
        if app in done:
            return
        path.append(app)
        for target in sorted(graph[app]):
            visit(target)
        path.pop()
        done.add(app)

    for app in sorted(graph):
        visit(app)
    return found


def test_every_app_has_a_layer():
    for path in sorted(ROOT.iterdir()):
        if path.is_dir() and (path / "__init__.py").exists():
            layer_of(path.name)


def test_no_module_imports_a_layer_above_its_own():
    assert upward(module_dependencies()) == []


def test_no_model_points_to_a_layer_above_its_own():
    assert upward(model_dependencies()) == []


def test_no_two_apps_depend_on_each_other_even_through_others():
    dependencies = {**module_dependencies()}
    for key, places in model_dependencies().items():
        dependencies.setdefault(key, []).extend(places)
    assert cycles(dependencies) == []


def test_installed_apps_are_listed_in_layer_order():
    """ready() runs in this order, and so do the registered demo loaders: later parts find earlier ones' rows."""
    ours = [
        app_of_module(config.name) for config in apps.get_app_configs() if config.name.startswith("kenal.")
    ]
    assert [layer_of(app) for app in ours] == sorted(layer_of(app) for app in ours)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    from kenal.engagements.selectors import value_by_person\n", {("x", "engagements")}),
        ("import kenal.agenda.items\n", {("x", "agenda")}),
        ("from kenal import network\n", {("x", "network")}),
    ],
)
def test_the_scan_sees_imports_in_functions_and_every_form(source, expected):
    tree = ast.parse(source)
    assert {("x", app_of_module(name)) for _, name in imported_modules(tree, "kenal.x")} == expected


def test_the_scan_finds_a_cycle_through_a_third_app():
    assert cycles({("a", "b"): [], ("b", "c"): [], ("c", "a"): []}) == [["a", "b", "c", "a"]]
