"""HTML → PDF with WeasyPrint (A4, NanumGothic: see ../shared/environment-notes.md).

Layout in WeasyPrint is CPU-bound Python (~70 ms for a one-page bill), so a file of hundreds of
pages is rendered in parts, one `python -m core.pdf` process per core at a time, and the parts
are joined in order. A child process shares no database connection, thread or lock with the web
or Celery process that asked for the file (forking those is unsafe); it reads HTML on stdin and
writes the PDF on stdout. Starting one costs ~0.7 s, hence parts of ~100 pages.
"""

import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def render_pdf(template: str, context: dict) -> bytes:
    """A template of templates/<app>/pdf/ as one PDF."""
    from django.template.loader import render_to_string

    return html_to_pdf(render_to_string(template, context))


def default_workers() -> int:
    from django.conf import settings

    return settings.PDF_WORKERS or os.cpu_count() or 1


def html_to_pdf_in_child(html: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "core.pdf"],
        input=html.encode(),
        capture_output=True,
        cwd=PROJECT_DIR,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"PDF 변환 실패: {done.stderr.decode(errors='replace')[-500:]}")
    return done.stdout


def combined_pdf(
    parts: Iterable[tuple[str, int]],
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """One PDF of `parts` in their order. Each part is (html, how many items it holds); as parts
    finish in order, `progress(items done so far)` is called. With one worker, or one part, all
    is rendered in this process."""
    parts = list(parts)
    workers = min(workers or default_workers(), len(parts))
    render = html_to_pdf if workers <= 1 else html_to_pdf_in_child
    done, pdfs = 0, []
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        futures = [(pool.submit(render, html), count) for html, count in parts]
        for future, count in futures:
            pdfs.append(future.result())
            done += count
            if progress:
                progress(done)
    return join_pdfs(pdfs)


def join_pdfs(pdfs: list[bytes]) -> bytes:
    if len(pdfs) == 1:
        return pdfs[0]
    from pypdf import PdfWriter

    writer = PdfWriter()
    for data in pdfs:
        writer.append(io.BytesIO(data))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.buffer.write(html_to_pdf(sys.stdin.buffer.read().decode()))
