"""Errors of the store, worded for the user (one line each)."""
from __future__ import annotations


class StoreError(Exception):
    """The store cannot be opened, read or written; ``str()`` is a one-line message."""
