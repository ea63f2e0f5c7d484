"""Model-signal receivers of the fees app: cached bill pages forgotten when what they show
changes. (The move-out settlement subscribes to a hook instead: fees/move_out.py.)"""

from .caching import forget_bill_pages


def on_unsold_changed(sender, instance, **kwargs):
    """A unit marked (or no longer) unsold changes whom its bills are addressed to (seed 004):
    the cached pages of the unit's bills are forgotten."""
    forget_bill_pages(unit_ids=[instance.unit_id])


def on_payment_changed(sender, instance, **kwargs):
    """A payment recorded or removed: its unit's bill pages list the latest payments."""
    forget_bill_pages(unit_ids=[instance.unit_id])
