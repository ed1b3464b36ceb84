"""Opening the store: engine, sessions, automatic migrations, errors in plain words.

SQLite runs in WAL mode with a busy timeout; a writing session starts with ``BEGIN
IMMEDIATE`` so that concurrent writers queue instead of failing half-way. PostgreSQL is
used as given by its URL (``postgresql+psycopg://…``).
"""
from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from chidao.store.errors import StoreError
from chidao.store.files import FileStore
from chidao.store.settings import Settings

BUSY_TIMEOUT_MS = 60_000
_BEGIN = "chidao_begin"


class Store:
    """A database and its folder of original files."""

    def __init__(self, settings: Settings, engine: Engine):
        self.settings = settings
        self.engine = engine
        self.backend = engine.dialect.name
        self.files = FileStore(settings.files_dir)
        self._writer = engine.execution_options(**{_BEGIN: "BEGIN IMMEDIATE"})
        # One-statement reads need no transaction: on PostgreSQL, autocommit spares the
        # BEGIN and ROLLBACK round trips around them.
        self._lookup = (engine.execution_options(isolation_level="AUTOCOMMIT")
                        if self.backend == "postgresql" else engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed. Objects it loaded stay
        readable after the block (closing detaches them without expiring them)."""
        with translated(self.settings), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def lookup(self) -> Iterator[Connection]:
        """A connection for a single read statement (autocommit where that saves round trips)."""
        with translated(self.settings), self._lookup.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction when the block succeeds."""
        with translated(self.settings), Session(self._writer, expire_on_commit=False) as session:
            with session.begin():
                yield session

    def ensure_files_writable(self) -> None:
        """Create the files folder, or say why it cannot be written."""
        with translated(self.settings):
            self.files.root.mkdir(parents=True, exist_ok=True)
            probe = self.files.root / f".probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.dispose()


def open_store(settings: Settings | None = None, *, prepare: bool = True) -> Store:
    """Open the store; with ``prepare``, bring its schema to the newest migration and sync
    the registry of bodies (both idempotent, safe with concurrent processes)."""
    settings = settings or Settings.from_env()
    store = Store(settings, make_engine(settings))
    if prepare:
        from chidao.store.schema import prepare as prepare_schema
        try:
            prepare_schema(store)
        except BaseException:
            store.dispose()
            raise
    return store


def make_engine(settings: Settings) -> Engine:
    """An engine for the URL; for SQLite the folder is created and pragmas are set."""
    url = make_url(settings.url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(settings, url)
    try:
        engine = create_engine(url)
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as e:
        raise StoreError(f"Địa chỉ cơ sở dữ liệu không dùng được ({_safe_url(settings.url)}): {e}") from None

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):  # noqa: ANN001
        # Statements that psycopg prepares must still be planned for their values: a
        # generic plan of a full-text query ignores how common its words are.
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_custom_plan")
        dbapi_connection.commit()

    return engine


def _sqlite_engine(settings: Settings, url) -> Engine:
    database = url.database
    if database and database != ":memory:":
        folder = Path(database).parent
        with translated(settings):
            folder.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.isolation_level = None  # transactions are begun below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):  # noqa: ANN001
        connection.exec_driver_sql(connection.get_execution_options().get(_BEGIN, "BEGIN"))

    return engine


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return "?"


@contextmanager
def translated(settings: Settings) -> Iterator[None]:
    """Turn faults of the database or the file system into a :class:`StoreError`."""
    try:
        yield
    except StoreError:
        raise
    except PermissionError as e:
        raise StoreError(_read_only(settings, e.filename)) from None
    except OSError as e:
        if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise StoreError(_read_only(settings, e.filename)) from None
        if e.errno == errno.ENOSPC:
            raise StoreError(f"Hết chỗ trên đĩa khi ghi vào {settings.data_dir}") from None
        raise StoreError(f"Lỗi ghi/đọc tệp trong {settings.data_dir}: {e.strerror or e}") from None
    except exc.OperationalError as e:
        raise StoreError(_operational(settings, e)) from None
    except exc.InterfaceError as e:
        raise StoreError(f"Mất kết nối cơ sở dữ liệu ({_safe_url(settings.url)}): {_first_line(e)}") from None


def _read_only(settings: Settings, where: str | None) -> str:
    detail = f" ({where})" if where and str(where) != str(settings.data_dir) else ""
    return (f"Không ghi được vào thư mục dữ liệu {settings.data_dir}{detail}: thư mục chỉ đọc "
            f"hoặc không có quyền ghi. Đặt CHIDAO_DATA_DIR tới một thư mục ghi được.")


def _operational(settings: Settings, e: exc.OperationalError) -> str:
    text = str(e.orig if e.orig is not None else e).lower()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return _read_only(settings, None)
    if "locked" in text or "busy" in text:
        return "Cơ sở dữ liệu đang bận (một tiến trình khác giữ khóa quá lâu); hãy thử lại."
    if "disk" in text and "full" in text:
        return f"Hết chỗ trên đĩa khi ghi vào {settings.data_dir}"
    if settings.backend == "postgresql":
        return f"Không kết nối được cơ sở dữ liệu {_safe_url(settings.url)}: {_first_line(e.orig or e)}"
    return f"Lỗi cơ sở dữ liệu ({_safe_url(settings.url)}): {_first_line(e.orig or e)}"


def _first_line(e: BaseException) -> str:
    lines = str(e).strip().splitlines()
    return lines[0] if lines else type(e).__name__
