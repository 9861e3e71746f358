"""Mijn werk: termijnen per omgeving, reminders that were sent."""
