"""Tables of the store (SQLAlchemy 2 declarative models).

The schema itself is created by the Alembic migrations in ``migrations/``; these models
describe it for queries, and a test checks that both agree.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Base of every model."""


class Meta(Base):
    """Key-value facts about the store (e.g. the fingerprint of the synced registry)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class BodyRow(Base):
    """A body of the registry, synced from ``chidao.registry``."""

    __tablename__ = "bodies"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    level: Mapped[str] = mapped_column(String(20))
    province: Mapped[str | None] = mapped_column(String(100))
    parent_id: Mapped[str | None] = mapped_column(String(200))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    abbr: Mapped[list] = mapped_column(JSON, default=list)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    successions: Mapped[list[SuccessionRow]] = relationship(
        back_populates="body", cascade="all, delete-orphan", order_by="SuccessionRow.position",
        foreign_keys="SuccessionRow.body_id")


class SuccessionRow(Base):
    """``successor_id`` holds ``body_id``'s work from ``since`` (only ``field`` when given)."""

    __tablename__ = "body_successions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body_id: Mapped[str] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    successor_id: Mapped[str] = mapped_column(ForeignKey("bodies.id"))
    since: Mapped[dt.date] = mapped_column(Date)
    field: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    body: Mapped[BodyRow] = relationship(back_populates="successions", foreign_keys=[body_id])


class DocumentRow(Base):
    """A stored document: the file (by SHA-256), its metadata and its normalised text."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source_name: Mapped[str] = mapped_column(String(500))
    file_name: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    doc_type: Mapped[str | None] = mapped_column(String(100))
    number: Mapped[str | None] = mapped_column(String(200))
    number_key: Mapped[str | None] = mapped_column(String(200), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    issuer: Mapped[str | None] = mapped_column(String(500))
    issuer_body_id: Mapped[str | None] = mapped_column(ForeignKey("bodies.id"))
    province: Mapped[str | None] = mapped_column(String(100))
    place: Mapped[str | None] = mapped_column(String(200))
    date_text: Mapped[str | None] = mapped_column(String(10))
    doc_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    subject: Mapped[str | None] = mapped_column(Text)
    signer: Mapped[dict | None] = mapped_column(JSON)
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(Text)
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    version_key: Mapped[str | None] = mapped_column(String(800), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ingested_by: Mapped[str | None] = mapped_column(String(100))


class ReferenceRow(Base):
    """A citation in a document; ``target_id`` is the cited document when it is stored."""

    __tablename__ = "doc_references"
    __table_args__ = (Index("ix_doc_references_key", "number_key", "year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    ref_type: Mapped[str | None] = mapped_column(String(100))
    number: Mapped[str] = mapped_column(String(200))
    number_key: Mapped[str] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    date_text: Mapped[str | None] = mapped_column(String(10))
    issuer: Mapped[str | None] = mapped_column(String(500))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    target_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)


class TaskRow(Base):
    """A task of a document, its deadline and its state (timeliness is never stored)."""

    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_due_order", "due_date", "id", "status", "superseded_by_id", "completed_on"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), index=True)
    deadline_text: Mapped[str | None] = mapped_column(Text)
    deadline_kind: Mapped[str | None] = mapped_column(String(20))
    deadline_rule: Mapped[dict | None] = mapped_column(JSON)
    deadline_written: Mapped[str | None] = mapped_column(String(10))
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    original_due_date: Mapped[dt.date | None] = mapped_column(Date)
    extension_asked_to: Mapped[dt.date | None] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    bodies: Mapped[list[TaskBodyRow]] = relationship(
        back_populates="task", cascade="all, delete-orphan",
        order_by="[TaskBodyRow.role, TaskBodyRow.position]")


class TaskBodyRow(Base):
    """An assignee (``role='assignee'``, chủ trì) or coordinator (phối hợp) of a task."""

    __tablename__ = "task_bodies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))
    name_key: Mapped[str] = mapped_column(String(500), index=True)
    body_id: Mapped[str | None] = mapped_column(ForeignKey("bodies.id"), index=True)
    task: Mapped[TaskRow] = relationship(back_populates="bodies")


class TaskEventRow(Base):
    """One entry of a task's audit trail; rows are never updated or deleted."""

    __tablename__ = "task_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str | None] = mapped_column(String(100))
    on_date: Mapped[dt.date | None] = mapped_column(Date)
    data: Mapped[dict] = mapped_column(JSON, default=dict)


class SearchEntryRow(Base):
    """Folded text of a passage of a document or of a task, indexed for full-text search
    (see ``store/index.py``); ``start``/``end`` is the span in the document's text.

    SQLite indexes ``folded`` in the FTS5 table ``search_fts``; PostgreSQL in the generated
    ``tsv`` column (created by the migration only).
    """

    __tablename__ = "search_entries"
    __table_args__ = (Index("ix_search_entries_ref", "kind", "ref_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    ref_id: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    doc_type: Mapped[str | None] = mapped_column(String(100))
    doc_date: Mapped[dt.date | None] = mapped_column(Date)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    folded: Mapped[str] = mapped_column(Text)


class UserRow(Base):
    """A person who signs in to the web application (see ``web/accounts.py``)."""

    __tablename__ = "web_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    body_id: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class TokenRow(Base):
    """An API token of a user, kept as its SHA-256 only."""

    __tablename__ = "web_api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class LoginFailureRow(Base):
    """A failed sign-in, kept for the login throttle (see ``web/security.py``); ``key`` is the
    SHA-256 of the user name and address tried."""

    __tablename__ = "web_login_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
