"""Deliver a digest: compose the multipart message, send it by SMTP, mark its articles once it was accepted."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from newswatch.config import DigestConfig, secret
from newswatch.outputs.digest import Digest, clean
from store import queries
from store.db import transaction


class MailError(Exception):
    """The digest could not be delivered; one sentence, never containing the password."""


@dataclass(frozen=True)
class Delivery:
    digest_id: int
    recipients: list[str]
    refused: dict[str, str]  # recipient: the server's answer (the others got the message)


def compose(digest: Digest, config: DigestConfig, now: datetime | None = None) -> EmailMessage:
    """A multipart/alternative message (plain text, then HTML); header values are single cleaned lines."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = clean(digest.subject)
    message["From"] = clean(config.sender)
    message["To"] = ", ".join(clean(r) for r in config.recipients) or "undisclosed-recipients:;"
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = make_msgid("digest", domain=clean(config.sender).rpartition("@")[2].strip("<> ") or None)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(digest.text, cte="quoted-printable")
    message.add_alternative(digest.html, subtype="html", cte="quoted-printable")
    return message


def send(message: EmailMessage, config: DigestConfig) -> dict[str, str]:
    """Send to every configured recipient; return the refused ones; raise MailError if nobody got it."""
    password = secret(config.password_env) if config.password_env else None
    if config.user and not password:
        raise MailError(f"[digest] user is set but the environment variable {config.password_env or '(password_env)'}"
                        " named by password_env holds no password")
    where = f"{config.smtp_host}:{config.smtp_port}"
    try:
        if config.security == "ssl":
            client = smtplib.SMTP_SSL(config.smtp_host, config.smtp_port, timeout=config.timeout_seconds,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=config.timeout_seconds)
        try:
            if config.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if config.user:
                client.login(config.user, password)
            refused = client.send_message(message, from_addr=config.sender, to_addrs=config.recipients)
        finally:
            _quit(client)
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"the SMTP server {where} refused every recipient: {_refusals(exc.recipients)}") from None
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"the SMTP server {where} refused the login of {config.user!r}: {_answer(exc)}") from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"the SMTP server {where} refused the message: {_answer(exc)}") from None
    except smtplib.SMTPException as exc:
        raise MailError(f"the SMTP exchange with {where} failed: {clean(str(exc))}") from None
    except OSError as exc:
        raise MailError(f"cannot reach the SMTP server {where}: {clean(exc.strerror or str(exc))}") from None
    return {address: _reply(code, text) for address, (code, text) in refused.items()}


def _quit(client: smtplib.SMTP) -> None:
    """Say goodbye; a server that hangs up at this point has already accepted (or refused) the message."""
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def _reply(code: int, text: bytes | str) -> str:
    return clean(f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}")


def _answer(exc: smtplib.SMTPResponseException) -> str:
    return _reply(exc.smtp_code, exc.smtp_error)


def _refusals(recipients: dict) -> str:
    return "; ".join(f"{address} ({_reply(code, text)})" for address, (code, text) in recipients.items())


def deliver(digest: Digest, config: DigestConfig, sessions, now: datetime | None = None) -> Delivery:
    """Send the digest; only once the server accepted it are its articles marked as sent (a failure marks none)."""
    if not config.recipients:
        raise MailError("[digest] recipients is empty: nobody to send the digest to")
    message = compose(digest, config, now)
    record = dict(created_at=digest.created_at, recipients=list(config.recipients), subject=digest.subject,
                  counts=digest.counts)
    try:
        refused = send(message, config)
    except MailError as exc:
        with transaction(sessions) as session:
            queries.record_digest(session, status="failed", sent_at=None, message=str(exc), items=[], **record)
        raise
    note = ("refused: " + "; ".join(f"{a} ({r})" for a, r in refused.items())) if refused else None
    with transaction(sessions) as session:
        row = queries.record_digest(session, status="sent", sent_at=datetime.now(UTC), message=note,
                                    items=digest.items, **record)
    return Delivery(digest_id=row.id, recipients=list(config.recipients), refused=refused)
