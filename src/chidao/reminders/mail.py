"""Sending by SMTP, with settings from the environment.

``CHIDAO_SMTP_HOST`` (required to send), ``CHIDAO_SMTP_PORT`` (25; 587 with STARTTLS),
``CHIDAO_SMTP_USER`` / ``CHIDAO_SMTP_PASSWORD`` (log in when the user is set),
``CHIDAO_SMTP_FROM`` (the sender; default the user, else ``chidao@localhost``),
``CHIDAO_SMTP_STARTTLS`` (``1``/``true`` to upgrade the connection with STARTTLS).
"""
from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.header import Header
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid

from chidao.reminders.compose import Message
from chidao.tracking.errors import BadInput


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    sender: str = "chidao@localhost"
    starttls: bool = False

    @classmethod
    def from_env(cls, env=None) -> SmtpSettings:
        env = os.environ if env is None else env
        host = (env.get("CHIDAO_SMTP_HOST") or "").strip()
        if not host:
            raise BadInput("Chưa cấu hình máy chủ thư: đặt CHIDAO_SMTP_HOST (và CHIDAO_SMTP_PORT, "
                           "CHIDAO_SMTP_FROM …), hoặc dùng --dry-run.")
        starttls = (env.get("CHIDAO_SMTP_STARTTLS") or "").strip().lower() in {"1", "true", "yes", "on"}
        raw_port = (env.get("CHIDAO_SMTP_PORT") or "").strip() or ("587" if starttls else "25")
        try:
            port = int(raw_port)
        except ValueError:
            raise BadInput(f"CHIDAO_SMTP_PORT không phải số: “{raw_port}”.") from None
        user = env.get("CHIDAO_SMTP_USER") or None
        sender = env.get("CHIDAO_SMTP_FROM") or (user if user and "@" in user else "chidao@localhost")
        return cls(host, port, user, env.get("CHIDAO_SMTP_PASSWORD") or None, sender, starttls)


def build(message: Message, sender: str, recipients: list[str]) -> MIMEText:
    """The e-mail, UTF-8 throughout. Built with the compat32 API on purpose: the modern
    policy's header folder puts the space between two encoded words outside them, and
    readers (rightly, RFC 2047 §6.2) drop it — "sắp đến" arrives as "sắpđến"."""
    mail = MIMEText(message.body, "plain", "utf-8")
    mail["From"] = sender
    mail["To"] = ", ".join(recipients)
    mail["Subject"] = Header(message.subject, "utf-8")
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    return mail


class Sender:
    """One SMTP connection for a run (``with Sender(settings) as s: s.send(...)``)."""

    def __init__(self, settings: SmtpSettings, timeout: float = 30):
        self.settings = settings
        self.timeout = timeout
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Sender:
        s = self.settings
        self.smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
        if s.starttls:
            self.smtp.starttls(context=ssl.create_default_context())
        if s.user:
            self.smtp.login(s.user, s.password or "")
        return self

    def send(self, message: Message, recipients: list[str]) -> None:
        self.smtp.send_message(build(message, self.settings.sender, recipients))

    def __exit__(self, *exc) -> None:
        try:
            self.smtp.quit()
        except (smtplib.SMTPException, OSError):
            self.smtp.close()
