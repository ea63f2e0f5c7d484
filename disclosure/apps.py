from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "정보공개"

    def ready(self):
        """Disclosure subscribes to the other apps' completion points (core/hooks.py); they
        never import disclosure."""
        from core import hooks

        from .integrations import SUBSCRIPTIONS

        for name, subscriber in SUBSCRIPTIONS.items():
            hooks.subscribe(name, subscriber, uid=f"disclosure:{name}")

        from . import contracts

        contracts.connect()  # procurement and contracts publish through their events
