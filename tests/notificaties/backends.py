"""Mail transports for tests: the edge of the system, not our code."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class KapotBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
