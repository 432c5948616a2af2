"""Worker processes that die with their parent.

A worker that outlives the process that started it (killed with SIGKILL, or
SIGTERM's default action) keeps its inherited pipes open and its CPU busy for
nobody. :func:`die_with_parent`, run first thing in each worker, asks Linux to
send it SIGKILL when its parent goes (``PR_SET_PDEATHSIG``) and starts a
watchdog thread that exits when its parent id changes (every platform, and the
case where the parent thread that forked it ends first). Workers also ignore
SIGINT: on Ctrl-C the terminal signals the whole process group, and only the
parent decides what happens (it stops the workers itself).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

__all__ = ["die_with_parent", "WATCHDOG_SECONDS"]

PR_SET_PDEATHSIG = 1
WATCHDOG_SECONDS = 1.0
"""How often the watchdog looks at the parent id."""


def _pdeathsig(sig: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)
        time.sleep(WATCHDOG_SECONDS)


def die_with_parent(parent: int, *, ignore_sigint: bool = True) -> None:
    """Make this (worker) process end when process ``parent`` ends; ``parent`` is the pid that started it."""
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _pdeathsig(signal.SIGKILL)
    if os.getppid() != parent:  # the parent went before the request above was in place
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="kg-parent-watchdog", daemon=True).start()
