# The login form's e-mailadres field, as posted by the plain form ("username") and by the
# two-step login wizard, whose first step has the prefix "auth" ("auth-username").
VELDNAMEN = ("username", "auth-username")


def gebruikersnaam(request, credentials=None):
    """The e-mailadres django-axes counts failed logins for, however it is capitalised."""
    if credentials:
        # authenticate(username=…) whatever the form's field was called.
        waarde = credentials.get("username")
    else:
        post = getattr(request, "POST", {})
        waarde = next((post.get(veld) for veld in VELDNAMEN if post.get(veld)), None)
    return (waarde or "").strip().lower() or None
