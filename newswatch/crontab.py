"""Crontab time specs read as cron reads them, as APScheduler triggers: the schedule's, checked by the config."""

from __future__ import annotations

from datetime import UTC, datetime

_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def cron_trigger(expr: str, timezone):
    """An APScheduler CronTrigger for a crontab time spec, read as cron reads it (weekday 0 or 7 = Sunday)."""
    from apscheduler.triggers.cron import CronTrigger

    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f"expected 5 fields (minute hour day-of-month month day-of-week), got {len(fields)}")
    minute, hour, day, month, weekday = fields
    # APScheduler 3 numbers weekdays from Monday = 0; crontab from Sunday = 0: pass names instead of numbers.
    trigger = CronTrigger.from_crontab(f"{minute} {hour} {day} {month} {_cron_weekdays(weekday)}", timezone=timezone)
    if day != "*" and weekday != "*":
        raise ValueError("restricting both day of month and day of week is not supported (cron runs when either "
                         "matches): write two expressions")
    if trigger.get_next_fire_time(None, datetime.now(UTC)) is None:
        raise ValueError("it never fires")
    return trigger


def _cron_weekdays(field: str) -> str:
    """A crontab day-of-week field (numbers 0-7 with 0 and 7 = Sunday, or names) as a list of day names."""
    if field == "*":
        return field
    days: set[int] = set()
    for part in field.split(","):
        span, slash, step_text = part.partition("/")
        if slash and not (step_text.isdigit() and int(step_text) > 0):
            raise ValueError(f"invalid step {step_text!r} in day of week {field!r}")
        step = int(step_text) if slash else 1
        if span == "*":
            first, last = 0, 6
        else:
            low, dash, high = span.partition("-")
            first = _cron_day(low, field)
            last = _cron_day(high, field) if dash else (7 if slash else first)
        if last < first:
            raise ValueError(f"the range {span!r} in day of week {field!r} goes backwards")
        days.update(d % 7 for d in range(first, last + 1, step))
    return ",".join(_CRON_DAYS[d] for d in sorted(days))


def _cron_day(token: str, field: str) -> int:
    if token.isdigit() and int(token) <= 7:
        return int(token)
    if token.lower() in _CRON_DAYS:
        return _CRON_DAYS.index(token.lower())
    raise ValueError(f"invalid day of week {token!r} in {field!r} (expected 0-7 or sun..sat)")
