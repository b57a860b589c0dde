"""Every ``legalaid eval`` runner keeps the small runner contract (see ``eval/__init__.py``)."""

from __future__ import annotations

import importlib

import pytest

from legalaid.commands.evaluate import RUNNERS

# "all" runs the others in subprocesses.
CONTRACT = [name for name in RUNNERS if name != "all"]


@pytest.mark.parametrize("name", CONTRACT)
def test_runner_has_help_primary_evaluate_and_run(name: str) -> None:
    module = importlib.import_module(RUNNERS[name])
    assert isinstance(module.HELP, str) and module.HELP
    assert isinstance(module.PRIMARY, str) and module.PRIMARY
    assert callable(module.evaluate) and callable(module.run) and callable(module.add_arguments)
