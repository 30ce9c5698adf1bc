"""One writer at a time per output folder.

``kg build`` and ``kg remove`` change the store and rewrite ``graph.ttl`` and
``graph.html``; two of them on one ``--out`` would interleave those writes. Each takes an
exclusive lock on ``OUT/.kg-write.lock`` (``flock``: the kernel drops it when the process
ends, even by ``kill -9``, so a crashed build never leaves the folder locked) and a second
writer is refused with a clear message. Readers (``kg query``, ``kg serve``) take no lock:
they read the last finished build.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError

LOCK_FILE = ".kg-write.lock"


@contextmanager
def writer_lock(out: Path, command: str) -> Iterator[None]:
    """Hold the output folder's write lock for the block, or raise :class:`StoreError`
    naming the command that holds it."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    handle = open(out / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115 (held open)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another kg command"
        handle.close()
        raise StoreError(
            f"{out} is being written by {holder}; wait until it has finished, then run this again"
        ) from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"kg {command} (pid {os.getpid()})")
        handle.flush()
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
