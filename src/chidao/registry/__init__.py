"""The registry: bodies, abbreviations, issuer codes, kinds of documents and provinces.

Domain knowledge lives in YAML files under ``data/``; ``load()`` reads and validates them once.
"""
from .abbreviations import Abbreviation
from .bodies import LEVELS, Body, Succession
from .folding import fold, strip_marks
from .doctypes import DocType
from .issuers import Issuer
from .provinces import Province
from .registry import DATA_DIR, Registry, expand_abbreviations, load
from .schema import RegistryError

__all__ = [
    "Abbreviation", "Body", "DATA_DIR", "DocType", "Issuer", "LEVELS", "Province", "Registry",
    "RegistryError", "Succession", "expand_abbreviations", "fold", "load", "strip_marks",
]
