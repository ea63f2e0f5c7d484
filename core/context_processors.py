def portal(request):
    """The current complex context (set by core.tenancy.complex_view) for the base layout."""
    return {"complex_ctx": getattr(request, "complex_ctx", None)}
