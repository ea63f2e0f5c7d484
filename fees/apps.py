from django.apps import AppConfig


class FeesConfig(AppConfig):
    name = "fees"
    verbose_name = "관리비"

    def ready(self):
        try:
            from residents.signals import occupancy_moved_out
        except ImportError:  # the residents app is optional for the fees app
            return
        from .receivers import on_occupancy_moved_out

        occupancy_moved_out.connect(on_occupancy_moved_out, dispatch_uid="fees-move-out")
