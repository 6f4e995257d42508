"""Sending a letter by email, through the council's own mail server, when one is set:
TRIGGER_SMTP_HOST (without it, the staff app offers only the printable letter), TRIGGER_SMTP_PORT (587),
TRIGGER_SMTP_USER and TRIGGER_SMTP_PASSWORD (if the server needs them), TRIGGER_SMTP_FROM (the team's
address, required), TRIGGER_SMTP_STARTTLS (true; false only for a server on the same machine)."""
from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Optional


class MailError(RuntimeError):
    """The email could not be sent: what to tell the officer."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    sender: str
    user: Optional[str] = None
    password: Optional[str] = None
    starttls: bool = True


def settings() -> Optional[MailSettings]:
    host = (os.environ.get("TRIGGER_SMTP_HOST") or "").strip()
    if not host:
        return None
    sender = (os.environ.get("TRIGGER_SMTP_FROM") or "").strip()
    if not sender:
        raise MailError("TRIGGER_SMTP_HOST is set but TRIGGER_SMTP_FROM (the address letters come from) is not.")
    port = os.environ.get("TRIGGER_SMTP_PORT", "587")
    if not port.isdigit():
        raise MailError(f"TRIGGER_SMTP_PORT must be a number, not {port!r}.")
    return MailSettings(host, int(port), sender, os.environ.get("TRIGGER_SMTP_USER") or None,
                        os.environ.get("TRIGGER_SMTP_PASSWORD") or None,
                        os.environ.get("TRIGGER_SMTP_STARTTLS", "true").lower() not in ("false", "0", "no"))


def send(mail: MailSettings, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = mail.sender, to, subject
    message.set_content(body)
    try:
        with smtplib.SMTP(mail.host, mail.port, timeout=20) as server:
            if mail.starttls:
                server.starttls(context=ssl.create_default_context())
            if mail.user:
                server.login(mail.user, mail.password or "")
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as problem:
        raise MailError(f"The email could not be sent ({type(problem).__name__}). Nothing was recorded: print "
                        "the letter and post it, or try again later.") from None
