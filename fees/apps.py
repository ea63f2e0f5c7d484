from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class FeesConfig(AppConfig):
    name = "fees"
    verbose_name = "관리비"

    def ready(self):
        from complexes.models import UnsoldUnit
        from core import hooks

        from .models import Payment
        from .move_out import occupancy_moved_out_settle
        from .receivers import on_payment_changed, on_run_issued, on_unsold_changed

        # In the move-out's transaction (core/hooks.py): settled together or not at all.
        hooks.subscribe(
            "residents.occupancy_moved_out", occupancy_moved_out_settle, uid="fees:move-out"
        )
        hooks.subscribe("fees.run_issued", on_run_issued, uid="fees:bill-issued-notice")
        for signal in (post_save, post_delete):
            signal.connect(on_unsold_changed, sender=UnsoldUnit, dispatch_uid="fees-unsold")
            signal.connect(on_payment_changed, sender=Payment, dispatch_uid="fees-payment")
