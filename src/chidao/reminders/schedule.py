"""The daily reminder job of the web server.

When ``CHIDAO_REMIND_AT`` is set (``HH:MM``, server local time), the application runs
``chidao remind`` once a day from that time on: a thread checks every
``CHIDAO_REMIND_CHECK_SECONDS`` (default 300) whether the time has come and today's run is
not yet done; a server started after that time runs it at once. ``CHIDAO_REMIND_WITHIN``
(default 7) is ``--within``; addresses and SMTP settings are those of ``chidao remind``.
Reminders already recorded for a task, body and day are never sent again, so a restart
or a second worker does not send a task twice the same day.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from contextlib import asynccontextmanager

log = logging.getLogger("chidao.reminders")

ENV_AT, ENV_WITHIN, ENV_CHECK = "CHIDAO_REMIND_AT", "CHIDAO_REMIND_WITHIN", "CHIDAO_REMIND_CHECK_SECONDS"


def parse_at(text: str) -> dt.time:
    try:
        hour, minute = (int(x) for x in text.strip().split(":"))
        return dt.time(hour, minute)
    except ValueError:
        raise ValueError(f"{ENV_AT} phải có dạng HH:MM (nhận: “{text}”)") from None


def due(now: dt.datetime, at: dt.time, last_run: dt.date | None) -> bool:
    """Whether the day's run is due at ``now`` (pure)."""
    return now.time() >= at and last_run != now.date()


class DailyJob:
    """Calls ``job(day)`` once a day from ``at`` on, in a daemon thread."""

    def __init__(self, at: dt.time, job: Callable[[dt.date], None], check_seconds: float = 300,
                 clock: Callable[[], dt.datetime] = dt.datetime.now):
        self.at, self.job, self.check_seconds, self.clock = at, job, check_seconds, clock
        self.last_run: dt.date | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="chidao-remind", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _loop(self) -> None:
        while not self._stop.is_set():
            now = self.clock()
            if due(now, self.at, self.last_run):
                self.last_run = now.date()
                try:
                    self.job(now.date())
                except Exception:  # noqa: BLE001 - the server goes on; tomorrow is another run
                    log.exception("daily reminders failed")
            self._stop.wait(self.check_seconds)


def remind_job(store, registry) -> Callable[[dt.date], None]:
    """The job: ``chidao remind`` for the day, with the environment's settings."""
    def run(day: dt.date) -> None:
        from chidao.reminders import service
        from chidao.reminders.addresses import load_book
        from chidao.reminders.mail import Sender, SmtpSettings
        within = int(os.environ.get(ENV_WITHIN) or 7)
        book = load_book(registry, None, (), store.settings.data_dir)
        with Sender(SmtpSettings.from_env()) as sender:
            result = service.run(store, registry, book, as_of=day, within=within, send=sender.send,
                                 actor="chidao-remind")
        log.info("reminders of %s: %d sent, %d without address, %d failed", day, result.count("sent"),
                 result.count("no-address"), result.count("failed"))
        for o in result.outcomes:
            if o.status != "sent":
                log.warning("reminder to %s not sent: %s", o.batch.label, o.error or o.status)
    return run


def install(app) -> None:
    """Run the daily job while ``app`` runs, when ``CHIDAO_REMIND_AT`` is set."""
    raw = os.environ.get(ENV_AT)
    if not raw:
        return
    at = parse_at(raw)
    check = float(os.environ.get(ENV_CHECK) or 300)
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(asgi_app):
        job = DailyJob(at, remind_job(app.state.store, app.state.registry), check)
        job.start()
        app.state.reminder_job = job
        try:
            async with inner(asgi_app) as state:
                yield state
        finally:
            job.stop()

    app.router.lifespan_context = lifespan
