"""Unit tests of the pure-Python layer: they need no engine. When the compiled
``mummer._native`` is not there (not built yet), a fake with the same contract stands in;
when it is, the tests run against it."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = os.path.abspath(os.path.join(HERE, "..", "..", "..", "python"))

sys.path.insert(0, HERE)
if importlib.util.find_spec("mummer") is None:
    sys.path.insert(0, PYTHON)


def _native_built() -> bool:
    spec = importlib.util.find_spec("mummer")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            if os.path.exists(os.path.join(folder, "_native" + suffix)):
                return True
    return False


FAKE_NATIVE = not _native_built()
if FAKE_NATIVE:
    import fake_native

    fake_native.install()
