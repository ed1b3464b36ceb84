"""Errors of tracking operations; their text is shown to the user as is (Vietnamese)."""
from __future__ import annotations


class TrackingError(Exception):
    """Base of the errors below."""


class NotFound(TrackingError):
    """A task, a document or a body that does not exist."""


class Refused(TrackingError):
    """An operation the rules do not allow in the current state."""


class BadInput(TrackingError):
    """A value that cannot be read (a date, a duration, a body name)."""
