"""Leave spaCy's command-line modules unloaded until something uses them.

`import spacy` runs `from .cli.info import info`, which loads every spaCy CLI command with
typer, weasel and their dependencies: about 350 modules and a third of spaCy's import
time, none of it used to mark a file. An import hook gives `spacy.cli` and
`spacy.cli.info` as stand-ins that load the real modules on first use (`spacy.info()`,
`python -m spacy`, any `spacy.cli` attribute), so nothing is lost.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

_STAND_INS = ("spacy.cli", "spacy.cli.info")


class _StandIn(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real_cli(), name)


def _info(*args: Any, **kwargs: Any) -> Any:
    return _real_cli().info(*args, **kwargs)


class _Deferred(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, cli_folder: str) -> None:
        self.cli_folder = cli_folder

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in _STAND_INS:
            return None
        package = name == "spacy.cli"
        spec = importlib.util.spec_from_loader(name, self, is_package=package)
        if package:
            spec.submodule_search_locations = [self.cli_folder]  # submodules still import
        return spec

    def create_module(self, spec: Any) -> types.ModuleType:
        return _StandIn(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        if module.__name__ == "spacy.cli.info":
            module.info = _info


def _real_cli() -> types.ModuleType:
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _Deferred)]
    for name in _STAND_INS:
        if isinstance(sys.modules.get(name), _StandIn):
            del sys.modules[name]
    return importlib.import_module("spacy.cli")


def defer_spacy_cli() -> None:
    """Install the hook, unless spaCy is loaded already or not installed."""
    if "spacy" in sys.modules or any(isinstance(f, _Deferred) for f in sys.meta_path):
        return
    try:
        spec = importlib.util.find_spec("spacy")
    except ValueError:
        return
    if spec is not None and spec.origin is not None:
        sys.meta_path.insert(0, _Deferred(str(Path(spec.origin).parent / "cli")))
