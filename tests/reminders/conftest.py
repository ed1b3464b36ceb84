"""Fixtures of the reminder tests: a real local SMTP server (aiosmtpd) on a free port, the
seed documents ingested and accepted, and the CLI pointed at both."""
from __future__ import annotations

import email
import email.policy
import socket

import pytest
from typer.testing import CliRunner


@pytest.fixture
def loaded(store, seeds, extract_cached):
    """The seed documents, ingested and their tasks accepted."""
    from chidao.tracking.ingest import ingest_paths
    return list(ingest_paths(store, [seeds], accept=True, actor="vanthu", extractor=extract_cached))


class Inbox:
    """What the SMTP server received: (envelope recipients, parsed message) per mail."""

    def __init__(self):
        self.mails: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        self.mails.append((list(envelope.rcpt_tos), msg))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    """A running aiosmtpd server: ``(inbox, port)``."""
    from aiosmtpd.controller import Controller
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def chidao(store_env, smtp):
    """``chidao(*args)`` in-process, with the test's store and SMTP server in the environment."""
    from chidao.cli import app
    _, port = smtp
    env = dict(store_env, CHIDAO_SMTP_HOST="127.0.0.1", CHIDAO_SMTP_PORT=str(port),
               CHIDAO_SMTP_FROM="vanphong@langson.gov.vn", CHIDAO_USER="tester")
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(app, list(args), env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output + result.stderr
        return result
    return invoke
