"""The store: SQLAlchemy models and Alembic migrations, the files folder, full-text search.

Open it with ``chidao.store.db.open_store()`` (SQLite under ``./chidao-data`` unless
``CHIDAO_DATABASE_URL`` / ``CHIDAO_DATA_DIR`` say otherwise). This package is the only
place that knows SQL; the rules of task tracking live in ``chidao.tracking``.
"""
