from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class FeesConfig(AppConfig):
    name = "fees"
    verbose_name = "관리비"

    def ready(self):
        from repairs.models import UnsoldUnit
        from residents.signals import occupancy_moved_out

        from .models import Payment
        from .receivers import on_occupancy_moved_out, on_payment_changed, on_unsold_changed

        occupancy_moved_out.connect(on_occupancy_moved_out, dispatch_uid="fees-move-out")
        for signal in (post_save, post_delete):
            signal.connect(on_unsold_changed, sender=UnsoldUnit, dispatch_uid="fees-unsold")
            signal.connect(on_payment_changed, sender=Payment, dispatch_uid="fees-payment")
