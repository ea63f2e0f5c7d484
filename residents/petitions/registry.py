"""What each kind of petition is: its counting rule, who reviews it, how residents start it and
what happens when it reaches its threshold. The owning app (council, elections) registers its
kinds in `AppConfig.ready`; this app never imports them (the register sits below them)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.errors import ApplicationError


@dataclass(frozen=True)
class KindSpec:
    kind: str
    rule: str  # CountRule
    article: str  # cited next to the count, e.g. "제34조①"
    # the effect, run once inside the petition's locked transaction; returns the outcome note
    on_reached: Callable
    # besides the office, the roles that see who signed (the body the request goes to)
    reviewers: tuple = ()
    persons: int = 0  # CountRule.PERSONS: how many persons the article names
    # residents start it with `form(data, complex=…)`, turned into petition_start's arguments by
    # `prepare(ctx, cleaned_data)`; None: the owning app starts it itself (a recall is filed
    # with its evidence first)
    form: type | None = None
    prepare: Callable | None = None


_SPECS: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> None:
    _SPECS[spec.kind] = spec


def spec_for(kind: str) -> KindSpec:
    try:
        return _SPECS[kind]
    except KeyError:
        raise ApplicationError(
            _("알 수 없는 서명 요청 종류입니다: '%(kind)s'") % {"kind": kind}
        ) from None


def startable_kinds() -> list[KindSpec]:
    return [s for s in _SPECS.values() if s.form is not None]
