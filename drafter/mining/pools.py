"""Worker processes for mining and for building the lexicon: one way to start them, and to stop them."""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def process_pool(
    processes: int, initializer: Callable[..., None], initargs: tuple[Any, ...] = ()
) -> Iterator[multiprocessing.pool.Pool | None]:
    """A pool of `processes` workers, each started by `initializer(*initargs)`; None for fewer than two, and where
    no pool can start (a sandbox without the semaphores it needs): the caller then works in its own process."""
    if processes < 2:
        yield None
        return
    context = multiprocessing.get_context("spawn" if fork_unsafe() else "fork")
    try:
        # What the parent built so far (the lexicon, the registry, modules) is frozen as the workers fork: their
        # collections then never touch it, and its pages stay shared instead of being copied into each worker.
        gc.freeze()
        try:
            pool = context.Pool(processes, initializer=initializer, initargs=initargs)
        finally:
            gc.unfreeze()
    except (OSError, ImportError):  # no /dev/shm, no sem_open
        yield None
        return
    try:
        yield pool
    except BaseException:
        pool.terminate()  # an error or Ctrl-C: the workers are stopped where they are
        raise
    # Done: the workers are told to finish and waited for. Terminating idle workers with signals instead
    # can leave one of them waiting forever on the task queue's lock, and the join with it.
    pool.close()
    pool.join()


def fork_unsafe() -> bool:
    """Fork is not available (Windows) or not advisable (macOS)."""
    return sys.platform in ("win32", "darwin")
