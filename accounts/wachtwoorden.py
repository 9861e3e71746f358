from django.contrib.auth.password_validation import MinimumLengthValidator


class MinimaleLengte(MinimumLengthValidator):
    """Django's check, with the message in Dutch: Django 5.2's reworded English message has no
    Dutch translation yet, so users saw "This password is too short"."""

    def get_error_message(self):
        return f"Dit wachtwoord is te kort: gebruik minstens {self.min_length} tekens."
