"""A time budget for one document's extraction: no input stalls a build.

Every rule is meant to run in time linear in its text; the budget is the guard for what
slips through. It is a real-time timer (``SIGALRM``), so it works in the main thread of a
process, which is where a build extracts (in itself or in its worker processes).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import TimeBudgetError

DEFAULT_TIME_BUDGET = 60.0  # seconds a document may take, plus one per 5,000 characters


@contextmanager
def budget(seconds: float | None, what: str) -> Iterator[None]:
    """Raise :class:`TimeBudgetError` in the block after ``seconds`` (a real-time timer:
    the main thread of a process only, as in a build and its workers; elsewhere, and with
    ``None``, no limit). Python's regular expressions check for signals as they run, so a
    pattern that backtracks is stopped too."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable or seconds is None:
        yield
        return

    def expired(signum, frame):
        raise TimeBudgetError(
            f"{what} took longer than its time budget of {seconds:.0f} s "
            "(a pathological input? raise it with --time-budget)"
        )

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
