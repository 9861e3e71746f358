"""Ouders en leerling: the parents of a leerling, their recorded consent per hulpvraag, the
parents' own pages without an account (a single-use link plus a one-time code by mail), and the
pupil's own voice (hoorrecht).

Above hulpvragen and overleg (DESIGN.md §6): it reads their models and calls their rules, and
hooks into them through their registries (tabs, the checks of a new overlegronde) and into
notificaties through geheime_links, so none of them imports this app.
"""
