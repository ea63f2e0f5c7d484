class ApplicationError(Exception):
    """A rule of the bylaw or of the product was violated by a request.

    The API renders it as 400 {"message": …, "extra": …}; pages show it as a form error.
    `extra` carries machine-readable detail, e.g. {"rows": [{"line": 3, "column": "floor", …}]}.
    """

    def __init__(self, message: str, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
