from django.apps import AppConfig


def _forget_windows_of_entry(sender, instance, **kwargs):
    from .selectors import forget_windows

    forget_windows(unit_ids=[instance.unit_id])


def _forget_window_of_membership(sender, instance, **kwargs):
    from .selectors import forget_windows

    forget_windows(membership_ids=[instance.pk])


class ResidentsConfig(AppConfig):
    name = "residents"
    verbose_name = "입주자"

    def ready(self):
        """A resident's cached residency window (selectors.residency_window) is forgotten when
        an entry of their unit, or the membership itself, changes."""
        from django.db.models.signals import post_delete, post_save

        from complexes.models import Membership

        from .models import Occupancy

        for signal in (post_save, post_delete):
            signal.connect(
                _forget_windows_of_entry, sender=Occupancy, dispatch_uid=f"rw-o-{signal}"
            )
            signal.connect(
                _forget_window_of_membership, sender=Membership, dispatch_uid=f"rw-m-{signal}"
            )
