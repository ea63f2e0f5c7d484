"""Masking personal identifiers in what is published (Art. 35②③, Art. 64③)."""

import re


def mask_name(name: str) -> str:
    """김철수 → 김*수, 이영 → 이*, 남궁민수 → 남**수."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_names_in(text: str, names) -> str:
    """Replace every known name in free text (the speech record) by its mask; also hide unit
    numbers written as "1203호"."""
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return re.sub(r"\d{3,4}\s*호", "***호", text)
