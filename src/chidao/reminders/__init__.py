"""Reminders (đôn đốc): per body, its tasks due soon and its overdue tasks, sent by e-mail
and recorded on each task's history; and the iCalendar feed of open deadlines (``ics``)."""
