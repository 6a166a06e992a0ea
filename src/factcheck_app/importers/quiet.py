"""Keeping third-party parsers quiet while they read a file, and listening to what they say.

pypdf, trafilatura and htmldate log warnings about every odd byte of the files they
read ("Ignoring wrong pointing object", "discarding element"). Those are not messages for
an analyst: a file either imports or is refused with one clear message. While a reader
runs, these loggers stop propagating to the application's handlers and their records are
collected instead (a reader may decide that some of them mean the file is damaged);
Python warnings are silenced. Everything is restored afterwards, so the application's
own logging configuration is not changed.

NOTE: logger settings and the warnings filter are process-wide; that is fine because
imports run on the application's single background worker, one file at a time.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

_NOISY_LOGGERS = ("pypdf", "trafilatura", "htmldate", "courlan", "justext", "readability", "charset_normalizer")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def quiet_parsers() -> Iterator[list[logging.LogRecord]]:
    """Silence the parsers; yields the list their warnings and errors are collected in."""
    collector = _Collector()
    loggers = [logging.getLogger(name) for name in _NOISY_LOGGERS]
    saved = [(logger.level, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
        logger.propagate = False
        logger.addHandler(collector)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield collector.records
    finally:
        for logger, (level, propagate) in zip(loggers, saved, strict=True):
            logger.removeHandler(collector)
            logger.setLevel(level)
            logger.propagate = propagate
