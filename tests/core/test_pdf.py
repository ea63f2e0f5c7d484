"""core.pdf: a combined PDF rendered in parts by child processes keeps the parts' order,
reports progress after each part, and names the failure when a child fails."""

import subprocess
import sys

import pytest

from core import pdf


def page_texts(data: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return [page.strip() for page in text.split("\f") if page.strip()]


def part(*words):
    pages = "".join(f'<section style="page-break-after: always">{w}</section>' for w in words)
    return f'<html lang="ko"><body style="font-family: NanumGothic">{pages}</body></html>'


@pytest.mark.parametrize("workers", [1, 2])
def test_parts_are_joined_in_order_with_progress(workers):
    seen = []
    data = pdf.combined_pdf(
        [(part("가동", "나동"), 2), (part("다동"), 1), (part("라동", "마동"), 2)],
        workers=workers,
        progress=seen.append,
    )
    assert page_texts(data) == ["가동", "나동", "다동", "라동", "마동"]
    assert seen == [2, 3, 5]


def test_a_failing_child_is_reported_not_swallowed(monkeypatch):
    monkeypatch.setattr(sys, "executable", "/bin/false")  # the child exits 1, writes nothing
    with pytest.raises(RuntimeError, match="PDF 변환 실패"):
        pdf.combined_pdf([(part("가"), 1), (part("나"), 1)], workers=2)
