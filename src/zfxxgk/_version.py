"""The version of zfxxgk, written once: ``zfxxgk.__version__`` and ``zfxxgk --version`` read it.

A module of its own, below everything, so that a submodule can name the version without
importing the package ``__init__`` (which would be an import up the layers).
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0.dev0"
