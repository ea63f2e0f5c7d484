from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "residents"
    verbose_name = "입주자"

    def ready(self):
        from .notifications import receivers

        receivers.connect()
