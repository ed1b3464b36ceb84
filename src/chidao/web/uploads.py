"""Uploaded files: checked (size, type, archive bombs) before the tracking core ingests
them; a refused file is reported and nothing of it is stored."""
from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from chidao.store.db import Store
from chidao.tracking.ingest import SUFFIXES, ingest_file

MAX_UPLOAD = 20 * 1024 * 1024
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_RATIO = 100
_MAGIC = {".pdf": b"%PDF", ".docx": b"PK\x03\x04"}


@dataclass(frozen=True)
class Uploaded:
    """The outcome for one file: ``new``, ``version``, ``exists`` or ``failed``."""

    name: str
    status: str
    document_id: int | None = None
    tasks: int = 0
    message: str | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "status": self.status, "document_id": self.document_id,
                "tasks": self.tasks, "message": self.message}


def safe_name(name: str | None) -> str:
    """The file's own name without folders, or ``tệp`` when empty."""
    return PurePath((name or "").replace("\\", "/")).name.strip()[:200] or "tệp"


def check(name: str, data: bytes, limit: int = MAX_UPLOAD) -> str | None:
    """Why the file is refused, or None."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        return f"{name}: loại tệp không được nhận (chỉ {', '.join(sorted(SUFFIXES))})."
    if len(data) > limit:
        return f"{name}: tệp quá lớn ({len(data) / 1e6:.1f} MB, tối đa {limit / 1e6:.0f} MB)."
    if not data:
        return f"{name}: tệp rỗng."
    magic = _MAGIC.get(suffix)
    if magic and not data.startswith(magic):
        return f"{name}: nội dung không phải tệp {suffix} hợp lệ."
    if suffix == ".docx":
        return _check_zip(name, data)
    return None


def _check_zip(name: str, data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return f"{name}: tệp .docx bị hỏng (không mở được)."
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNZIPPED or unpacked / packed > MAX_RATIO:
        return f"{name}: tệp .docx giải nén ra quá lớn (nghi là bom nén), không nhận."
    return None


def ingest_upload(store: Store, name: str, data: bytes, actor: str, limit: int = MAX_UPLOAD) -> Uploaded:
    """Check one uploaded file, then ingest it through the tracking core."""
    name = safe_name(name)
    problem = check(name, data, limit)
    if problem:
        return Uploaded(name, "failed", message=problem)
    with tempfile.TemporaryDirectory(prefix="chidao-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = ingest_file(store, path, actor=actor)
    message = result.message.replace(str(path), name) if result.message else None
    return Uploaded(name, result.status, result.document_id, result.tasks, message)
