"""The one hook registry: named completion points, listed here and nowhere else.

In the manner of Saleor's plugin manager: an app that finishes something the others may care
about *fires* its hook (`hooks.fire("fees.budget_approved", complex=…, year=…)`); an app that
reacts *subscribes* in its `AppConfig.ready` (`hooks.subscribe("fees.budget_approved", fn)`).
The firing app never imports the subscriber, so a lower layer never reaches up (disclosure and
the notifications read everyone; fees, council, elections, residents and repairs import none of
them — ../shared/architecture/whiteboard.json).

Timing, declared per hook below (the caller cannot choose):
- **after commit** (the default): subscribers run through `transaction.on_commit` once the
  firing transaction commits — a rolled-back write fires nothing; outside a transaction they run
  at once. A subscriber's failure cannot undo the write that fired it: the error reaches the
  caller after the commit (as with any `on_commit` callback), and the later subscribers of that
  firing do not run — subscribers are expected not to fail on valid data.
- **in the transaction** (`in_transaction=True`, the name's row says so): subscribers run at
  once, inside the caller's transaction, which must be open; a subscriber that raises rolls the
  whole write back. Only for rules that must happen together or not at all (the move-out and its
  fee settlement, Art. 85②).

Each subscriber receives the payload as keyword arguments; every payload key declared here is
required, no other is accepted. An unknown hook name raises `UnknownHook`, at subscribe and at
fire time, so a typo never drops an event silently. Subscribers must be harmless to run twice.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.db import transaction


class UnknownHook(LookupError):
    """A hook name that is not listed in HOOKS."""


@dataclass(frozen=True)
class Hook:
    name: str
    payload: tuple[str, ...]
    doc: str
    in_transaction: bool = False


HOOKS: dict[str, Hook] = {
    h.name: h
    for h in (
        # --- residents -----------------------------------------------------------------------
        Hook(
            "residents.notice_saved",
            ("notice",),
            "A notice saved on the board (created or edited, attachments stored); a statutory "
            "one is a disclosure duty (60-disclosure.md). Subscriber: disclosure.",
        ),
        Hook(
            "residents.occupancy_moved_out",
            ("occupancy", "by"),
            "IN THE TRANSACTION: a household moved out (Art. 9①②), `occupancy.moved_out_on` "
            "saved. Subscriber: fees (interim settlement Art. 85②③, owner's fee-deposit refund "
            "Art. 77②); a subscriber that raises ApplicationError rolls the move-out back.",
            in_transaction=True,
        ),
        # --- council -------------------------------------------------------------------------
        Hook(
            "council.meeting_noticed",
            ("meeting", "items", "now"),
            "A meeting's notice posted (Art. 28①). Subscriber: disclosure.",
        ),
        Hook(
            "council.minutes_received",
            ("minutes",),
            "The signed resolutions part of the minutes received (Art. 35②: due that day). "
            "Subscriber: disclosure.",
        ),
        Hook(
            "council.minutes_published",
            ("minutes", "now"),
            "The minutes published (Art. 35②). Subscriber: disclosure.",
        ),
        Hook(
            "council.operating_costs_disclosed",
            ("complex", "period", "body", "now"),
            "The month's operating-cost ledger disclosed (Art. 37③). Subscriber: disclosure.",
        ),
        # --- repairs -------------------------------------------------------------------------
        Hook(
            "repairs.contract_signed",
            ("complex", "source_object", "title", "contractor", "amount", "signed_on"),
            "The contract of a reserve usage plan signed (별지 12; published within a month, "
            "제57조③). Subscriber: disclosure.",
        ),
        Hook(
            "repairs.reserve_status_published",
            ("status",),
            "The year's 별지 6 (reserve status) published (Art. 79①). Subscriber: disclosure.",
        ),
        # --- fees ----------------------------------------------------------------------------
        Hook(
            "fees.run_issued",
            ("run",),
            "A month's billing run issued (Art. 78). Subscriber: disclosure (fee summary).",
        ),
        Hook(
            "fees.misc_income_recorded",
            ("complex", "period"),
            "Misc income recorded for a month (Art. 80⑦). Subscriber: disclosure.",
        ),
        Hook(
            "fees.contingency_used",
            ("use",),
            "A contingency use recorded (Art. 80⑥). Subscriber: disclosure.",
        ),
        Hook(
            "fees.budget_approved",
            ("complex", "year"),
            "A year's budget set (Art. 78①; published when approved, 제64조③10). "
            "Subscriber: disclosure.",
        ),
        Hook(
            "fees.settlement_approved",
            ("settlement",),
            "A year-end settlement approved (제64조③10, Art. 80⑤). Subscriber: disclosure.",
        ),
        # --- elections -----------------------------------------------------------------------
        Hook(
            "elections.vote_certified",
            ("vote",),
            "A vote's result certified (Art. 25②, 제64조③5). Subscriber: disclosure.",
        ),
    )
}

_subscribers: dict[str, dict[str, Callable]] = {name: {} for name in HOOKS}


def _hook(name: str) -> Hook:
    try:
        return HOOKS[name]
    except KeyError:
        raise UnknownHook(f"unknown hook {name!r}: list it in core/hooks.py HOOKS") from None


def _key(fn: Callable) -> str:
    return f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', repr(fn))}"


def subscribe(name: str, fn: Callable, *, uid: str | None = None) -> None:
    """Run `fn(**payload)` whenever `name` fires. Call it from `AppConfig.ready`; subscribing
    the same function (or `uid`) twice keeps one subscription."""
    _hook(name)
    _subscribers[name][uid or _key(fn)] = fn


def unsubscribe(name: str, fn: Callable | None = None, *, uid: str | None = None) -> None:
    _hook(name)
    _subscribers[name].pop(uid or _key(fn), None)


def subscribers(name: str) -> list[Callable]:
    _hook(name)
    return list(_subscribers[name].values())


def _run(name: str, payload: dict) -> None:
    for fn in list(_subscribers[name].values()):
        fn(**payload)


def fire(name: str, **payload) -> None:
    """The completion point `name` is reached. After-commit hooks are queued on the current
    transaction (dropped if it rolls back); in-transaction hooks run now and must be fired
    inside `transaction.atomic`."""
    hook = _hook(name)
    given, declared = set(payload), set(hook.payload)
    if given != declared:
        raise TypeError(
            f"hook {name!r} takes {sorted(declared)}; got {sorted(given)} "
            f"(missing {sorted(declared - given)}, unexpected {sorted(given - declared)})"
        )
    if hook.in_transaction:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError(f"hook {name!r} runs in the transaction: fire it inside atomic()")
        _run(name, payload)
    else:
        transaction.on_commit(partial(_run, name, payload))
