"""Receivers that keep what the werk app derives from the apps below up to date."""
