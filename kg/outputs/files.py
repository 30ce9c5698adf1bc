"""Writing output files so that a reader never sees half a file: each is written to a
temporary file beside its target and renamed over it once complete."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file and a rename."""
    atomic_stream(Path(path), lambda f: f.write(text.encode("utf-8")))


def atomic_stream(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Call ``write`` with a binary file that replaces ``path`` only once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        _readable(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _readable(tmp: str) -> None:
    """mkstemp makes files only the owner can read; outputs get the usual mode."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
