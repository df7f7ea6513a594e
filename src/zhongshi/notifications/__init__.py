"""Notifications, in the application and by e-mail, on every transition that concerns a user."""
