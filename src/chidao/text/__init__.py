"""Readers: files and bytes → the normalised text all offsets refer to."""
from chidao.text.errors import ReadError
from chidao.text.readers import read_bytes, read_document

__all__ = ["ReadError", "read_bytes", "read_document"]
