"""Make `from solution import ...` in each C??-*/test_solution.py import that folder's solution.py.

Every challenge folder has a module named `solution`; without this, the first one imported
would shadow the rest when pytest collects content/coding as a whole.
"""
import sys

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collectstart(collector):
    if isinstance(collector, pytest.Module):
        folder = str(collector.path.parent)
        sys.modules.pop("solution", None)
        if folder in sys.path:
            sys.path.remove(folder)
        sys.path.insert(0, folder)
