"""One name per thing: no class name is defined twice in the package.

Two classes called ``Settings`` (the agent's preferences, the switchboard's
timings) made every import a guess and every grep a lie; this keeps it fixed.
"""

from __future__ import annotations

import ast
import collections
from pathlib import Path

import agentdesk

PACKAGE = Path(agentdesk.__file__).parent


def class_homes(root: Path) -> dict[str, list[str]]:
    homes: dict[str, list[str]] = collections.defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ClassDef):
                homes[node.name].append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return homes


def test_every_class_name_is_defined_once() -> None:
    twice = {name: where for name, where in class_homes(PACKAGE).items() if len(where) > 1}
    assert twice == {}, "class names defined more than once (give each its own name)"


def test_the_check_sees_a_name_defined_twice(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("class Settings:\n    pass\n")
    (package / "b.py").write_text("def f():\n    class Settings:\n        pass\n")
    assert class_homes(package)["Settings"] == ["pkg/a.py:1", "pkg/b.py:2"]
