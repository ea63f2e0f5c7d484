"""Receivers of the fees app: cached bill pages forgotten when what they show changes (model
signals), and fees' own subscriber to its hook `fees.run_issued`. (The move-out settlement
subscribes to `residents.occupancy_moved_out`: fees/move_out.py.)"""

from . import tasks
from .caching import forget_bill_pages


def on_unsold_changed(sender, instance, **kwargs):
    """A unit marked (or no longer) unsold changes whom its bills are addressed to (seed 004):
    the cached pages of the unit's bills are forgotten."""
    forget_bill_pages(unit_ids=[instance.unit_id])


def on_payment_changed(sender, instance, **kwargs):
    """A payment recorded or removed: its unit's bill pages list the latest payments."""
    forget_bill_pages(unit_ids=[instance.unit_id])


def on_run_issued(*, run):
    """fees.run_issued (after commit): tell the residents their bill is out (Art. 86①), off the
    request."""
    tasks.run_issued.delay(run.pk)
