"""Upcoming consultations and deadlines from the archive: rows for the digest and the CLI, an iCalendar file."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from newswatch.outputs.digest import clean
from store.evidence import upcoming_deadlines

HORIZON_DAYS = 30


def deadline_rows(session, today: date, days: int | None = HORIZON_DAYS) -> list[dict]:
    """Open periods and deadlines of matched articles and documents that start or end within `days` (None: all
    not yet past), soonest end first; one row per (article, period)."""
    horizon = today + timedelta(days=days) if days is not None else None
    rows = []
    for deadline, article in upcoming_deadlines(session, today, horizon):
        opens = deadline.starts
        state = ("deadline" if opens is None else "open" if opens <= today else "upcoming")
        rows.append({
            "what": clean(article.title) or "(no title)",
            "state": state,
            "starts": opens.isoformat() if opens else None,
            "ends": deadline.ends.isoformat(),
            "until": deadline.until,
            "days_left": (deadline.ends - today).days,
            "phrase": deadline.phrase,
            "context": deadline.context,
            "page": deadline.page,
            "kind": article.kind,
            "source": article.source,
            "article_id": article.id,
            "url": article.url,
        })
    return rows


def when_text(row: dict) -> str:
    """"until 2026-02-12 17:00 (21 days left)", "from 2026-03-02 to 2026-03-20 (…)"."""
    end = row["ends"] + (f" {row['until']}" if row["until"] else "")
    left = {0: "last day", 1: "1 day left"}.get(row["days_left"], f"{row['days_left']} days left")
    if row["state"] == "upcoming":
        return f"from {row['starts']} to {end} ({left})"
    return f"{'open ' if row['state'] == 'open' else ''}until {end} ({left})"


def to_ics(rows: list[dict], now: datetime, name: str = "newswatch deadlines") -> bytes:
    """An iCalendar file with one all-day event per period or deadline (from its start, or on its last day)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//newswatch//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for row in rows:
        event = Event()
        ends = date.fromisoformat(row["ends"])
        starts = date.fromisoformat(row["starts"]) if row["starts"] and row["state"] != "deadline" else ends
        event.add("uid", f"deadline-{row['article_id']}-{row['starts'] or 'none'}-{row['ends']}@newswatch")
        event.add("dtstamp", now)
        event.add("dtstart", starts)
        event.add("dtend", ends + timedelta(days=1))  # all-day events end the day after (exclusive)
        event.add("summary", ("Until " + (row["until"] + ": " if row["until"] else ": ") if row["state"] == "deadline"
                              else "") + row["what"])
        page = f" (p. {row['page']})" if row["page"] else ""
        event.add("description", f"{row['context']}{page}\n{row['source']}: {row['url']}")
        if row["url"].startswith(("http://", "https://")):
            event.add("url", row["url"])
        calendar.add_component(event)
    return calendar.to_ical()
