"""Move-out settlement service: what fees does when a household moves out (Art. 85②③, Art. 77②).

Subscribed to the in-transaction hook `residents.occupancy_moved_out` (core/hooks.py) by
`FeesConfig.ready`: it runs inside the move-out's transaction, so a move-out and its settlement
happen together or not at all. Residents never imports fees.
"""

from contextlib import suppress

from core.errors import ApplicationError

from . import services
from .models import Bill, DepositKind, FeeDeposit, MoveOutSettlement, RunStatus


def occupancy_moved_out_settle(*, occupancy, by=None) -> None:
    """The household's interim settlement (Art. 85②③) when the unit has issued bills to
    average; for an owner, the fee-deposit refund (Art. 77②) — without netting arrears, which
    stays the office's choice (정산 후 잔액을 반환할 수 있다)."""
    moved_out_on = occupancy.moved_out_on
    unit = occupancy.unit
    complex_ = occupancy.complex
    already = MoveOutSettlement.objects.filter(
        complex=complex_, unit=unit, move_out_on=moved_out_on
    ).exists()
    has_history = Bill.objects.filter(complex=complex_, unit=unit, status=RunStatus.ISSUED).exists()
    if not already and has_history:
        # No bill in the 3 months before: nothing to average; the regular bill settles it.
        # The statement is made now; its payment is recorded when the household pays.
        with suppress(ApplicationError):
            services.move_out_settle(
                complex=complex_,
                unit=unit,
                move_out_on=moved_out_on,
                record_payment=False,
                memo="전출 신고",
            )
    if occupancy.kind == "owner":
        balance = sum(
            d.amount if d.kind == DepositKind.COLLECTED else -d.amount
            for d in FeeDeposit.objects.filter(complex=complex_, unit=unit)
        )
        if balance > 0:
            services.deposit_refund(
                complex=complex_,
                unit=unit,
                on=moved_out_on,
                net_arrears=False,
                memo="소유권 상실 (전출)",
            )
