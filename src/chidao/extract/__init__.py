"""Extraction: normalised text of one document → ``Extraction`` (schema ``chidao.extract/1``)."""
from chidao.extract.pipeline import extract

__all__ = ["extract"]
