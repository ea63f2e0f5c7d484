"""The contracts package's named events: the one place where it tells others (the disclosure
registry) that something must be or was published (57③, 58①, 64③8, 64③9, 19⑤).

A Django signal sent after commit; disclosure subscribes in its AppConfig.ready (council never
imports disclosure). When core/hooks.py lands, only this module changes.
"""

from django.db import transaction
from django.dispatch import Signal

# kwargs: event (str), obj (the model instance), now (datetime or None)
contracts_event = Signal()

BID_NOTICE = "bid_notice"  # 64③8: the tender notice, published on notice
AWARD = "award"  # 64③8: the selection result, published on award
CONTRACT_SIGNED = "contract_signed"  # 57③: due signing date + 1 month (pending)
CONTRACT_PUBLISHED = "contract_published"  # 57③: the masked copy posted
RECONTRACT_NOTICE = "recontract_notice"  # 58①: the eight items posted
AUDIT_PUBLISHED = "audit_published"  # 19⑤ / 64③9: the report published on receipt
METHOD_CHANGE = "method_change"  # 61: the council proposes a management-method vote


def fire(event: str, obj, now=None) -> None:
    """Send `event` once the surrounding transaction commits."""
    transaction.on_commit(
        lambda: contracts_event.send(sender=type(obj), event=event, obj=obj, now=now)
    )
