"""``python -m zfxxgk``: the ``zfxxgk`` command (:func:`zfxxgk.cli.main`)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
