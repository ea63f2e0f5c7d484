"""Hooks other apps connect to (no rules live here).

`occupancy_moved_out` is sent by `services.occupancy_move_out` INSIDE its transaction, with
`occupancy` (moved_out_on already saved) and `by`. The fees app connects the interim settlement
(Art. 85②) and, for an owner, the fee-deposit refund; a receiver that raises ApplicationError
rolls the move-out back, so a move-out and its settlement happen together or not at all.
"""

from django.dispatch import Signal

occupancy_moved_out = Signal()
