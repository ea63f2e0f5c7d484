"""Names and numbers as keys: one normalisation before anything is compared or stored as a key
(issue 12, "Hostile and careless input").

Today `１０１` (full-width digits) and `101` followed by a zero-width space were three different
"101동" buildings. `normalise` folds compatibility forms (NFKC: full-width digits and letters,
circled numbers, the ideographic space) and removes invisible format characters (zero-width
space/joiners, BOM, soft hyphen, direction marks: Unicode category Cf), then collapses runs of
white space. The key functions build on it.
"""

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_BUILDING_SUFFIX = re.compile(r"\s*동$")
_UNIT_SUFFIX = re.compile(r"\s*호$")


def normalise(text) -> str:
    """NFKC, without invisible format characters, single spaces, stripped."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _SPACE.sub(" ", text).strip()


def building_key(text) -> str:
    """`１０１동`, `101 동`, `101\u200b` → `101`."""
    return _BUILDING_SUFFIX.sub("", normalise(text))


def unit_key(text) -> str:
    """`１２０３호`, `1203 호` → `1203`."""
    return _UNIT_SUFFIX.sub("", normalise(text))


def name_key(text) -> str:
    """A person's name for comparing: normalised, no spaces, case-folded (`홍 길동` = `홍길동`,
    `KIM Min` = `kim min`, `남궁·민` = `남궁민`)."""
    return re.sub(r"[\s·.]", "", normalise(text)).casefold()


def code_key(text) -> str:
    """A code typed by a person (join code, voting code): no spaces or dashes, upper case."""
    return re.sub(r"[\s\-\u2010-\u2015]", "", normalise(text)).upper()
