"""Original files kept in a content-addressed folder: ``files/ab/<sha256><suffix>``."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,8}$")


def stored_name(sha256: str, suffix: str) -> str:
    """The path of a file under the files folder, relative to it."""
    suffix = suffix.lower() if _SUFFIX.match(suffix or "") else ""
    return f"{sha256[:2]}/{sha256}{suffix}"


class FileStore:
    """Writes each distinct content once; a write is atomic (temporary file, then rename)."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, name: str) -> Path:
        return self.root / name

    def put(self, data: bytes, sha256: str, suffix: str) -> str:
        """Store ``data`` (whose hash is ``sha256``) and return its relative name."""
        name = stored_name(sha256, suffix)
        target = self.root / name
        if target.exists():
            return name
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return name

    def read(self, name: str) -> bytes:
        return (self.root / name).read_bytes()

    def exists(self, name: str) -> bool:
        return (self.root / name).is_file()
