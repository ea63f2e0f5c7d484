"""Screenshots for the README: saved only when SCREENSHOTS_DIR is set (`make screenshots`)."""

import os
from pathlib import Path


def snap(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
