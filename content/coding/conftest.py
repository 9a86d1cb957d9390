"""Make `from solution import ...` in each C??-*/test_solution.py use that folder's solution.py.

Every challenge folder has a module named `solution`. While collecting a folder's tests, its
folder goes first on sys.path and any previously imported `solution` is forgotten; while running
a test, `sys.modules["solution"]` is that folder's module again, so code that looks the module
up by name at run time (pickle, for one) finds the right one.
"""
import sys

import pytest


def _front_of_path(folder):
    if folder in sys.path:
        sys.path.remove(folder)
    sys.path.insert(0, folder)


@pytest.hookimpl(tryfirst=True)
def pytest_collectstart(collector):
    if isinstance(collector, pytest.Module):
        sys.modules.pop("solution", None)
        _front_of_path(str(collector.path.parent))


def pytest_itemcollected(item):
    item.stash[_SOLUTION] = sys.modules.get("solution")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    module = item.stash.get(_SOLUTION, None)
    if module is not None:
        sys.modules["solution"] = module
        _front_of_path(str(item.path.parent))


_SOLUTION = pytest.StashKey()
