"""The engine's cache files (embeddings, classifier, calibration) next to each other on disk.

Each is written to a temporary name and renamed into place, so a reader never sees half a file;
a cache that cannot be written (read-only home, full disk) only costs a recompute at the next
start, and one that cannot be read back (`DAMAGED`) is recomputed, never trusted or fatal.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Callable

DAMAGED = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile)


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """`write(tmp)` to a temporary file beside `path`, then rename it over `path` (best effort)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp{path.suffix}")
        write(tmp)
        os.replace(tmp, path)
    except OSError:
        pass
