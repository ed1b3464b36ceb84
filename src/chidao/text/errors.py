"""Errors raised when a document cannot be read."""
from __future__ import annotations


class ReadError(Exception):
    """A document could not be read; ``str()`` is one line ``"<file>: <problem>"``."""

    def __init__(self, file: str, problem: str) -> None:
        super().__init__(file, problem)
        self.file = str(file)
        self.problem = " ".join(str(problem).split())

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"


class ContentError(Exception):
    """Bad content found by a format reader; :mod:`readers` turns it into a :class:`ReadError`."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
