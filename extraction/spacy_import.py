"""Importing spaCy without its command-line interface, which the extractor never uses.

``import spacy`` runs ``from .cli.info import info``, and ``spacy.cli`` imports every spaCy
command with what they need (typer, rich, httpx, jinja2, weasel): about a third of a second, a
fifth of the extractor's start-up. :func:`defer_spacy_cli` puts stand-ins for ``spacy.cli`` and
``spacy.cli.info`` in ``sys.modules`` before spaCy is first imported; the real package is
imported the moment anything asks the stand-in for a name (``spacy.cli.download``,
``python -m spacy``), so nothing is lost, only put off.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

_CLI = "spacy.cli"
_INFO = "spacy.cli.info"


def _real_cli() -> types.ModuleType:
    """Drop the stand-ins and import the real ``spacy.cli`` (which also sets ``spacy.cli``)."""
    if isinstance(sys.modules.get(_CLI), _DeferredModule):
        del sys.modules[_CLI]
    if isinstance(sys.modules.get(_INFO), _DeferredModule):
        del sys.modules[_INFO]
    return importlib.import_module(_CLI)


class _DeferredModule(types.ModuleType):
    """A stand-in module that imports the real one on the first name it is asked for."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (``__path__``), not a use
            raise AttributeError(name)
        real = _real_cli()
        target = real if self.__name__ == _CLI else importlib.import_module(self.__name__)
        return getattr(target, name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real one, imported when called."""
    _real_cli()
    return importlib.import_module(_INFO).info(*args, **kwargs)


def defer_spacy_cli() -> None:
    """Install the stand-ins, unless spaCy is imported already or its layout is not the expected one."""
    if "spacy" in sys.modules or _CLI in sys.modules:
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return
    cli = _DeferredModule(_CLI, "spaCy's command-line interface, imported on first use")
    cli.__path__ = [f"{location}/cli" for location in spec.submodule_search_locations]
    info = _DeferredModule(_INFO)
    info.info = _info  # type: ignore[attr-defined]  # what spacy/__init__.py takes from it
    sys.modules[_CLI] = cli
    sys.modules[_INFO] = info
