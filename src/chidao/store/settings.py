"""Where the store lives: ``CHIDAO_DATABASE_URL`` and ``CHIDAO_DATA_DIR``."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_URL = "CHIDAO_DATABASE_URL"
ENV_DIR = "CHIDAO_DATA_DIR"
DEFAULT_DIR = "chidao-data"
DB_FILE = "chidao.db"
FILES_DIR = "files"


@dataclass(frozen=True)
class Settings:
    """The database URL and the data folder (which holds the original files)."""

    url: str
    data_dir: Path

    @property
    def files_dir(self) -> Path:
        return self.data_dir / FILES_DIR

    @property
    def backend(self) -> str:
        return "sqlite" if self.url.startswith("sqlite") else "postgresql"

    @classmethod
    def from_env(cls, url: str | None = None, data_dir: str | os.PathLike | None = None) -> Settings:
        """Explicit values first, then the environment, then ``./chidao-data/chidao.db``."""
        folder = Path(data_dir or os.environ.get(ENV_DIR) or DEFAULT_DIR)
        url = url or os.environ.get(ENV_URL) or f"sqlite:///{folder / DB_FILE}"
        return cls(url=url, data_dir=folder)
