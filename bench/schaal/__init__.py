"""The scale bench: genereer.py fills a database of N hulpvragen, meet.py compares two of them.

See README.md in this folder for the commands, the shape of the data and the last results.
"""
