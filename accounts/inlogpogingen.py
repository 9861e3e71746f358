def gebruikersnaam(request, credentials=None):
    """The e-mailadres django-axes counts failed logins for, however it is capitalised."""
    bron = credentials if credentials else getattr(request, "POST", {})
    return (bron.get("username") or "").strip().lower() or None
