from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "공통"

    def ready(self):
        from allauth.mfa.models import Authenticator
        from django.urls import register_converter

        from complexes.models import Complex, DistrictOfficial, Membership

        from . import api_tokens, inputs, mfa, tenancy

        register_converter(inputs.YearConverter, "year")  # <year:year>: 1900–2999 or 400

        for signal in (post_save, post_delete):
            signal.connect(tenancy.on_membership_changed, sender=Membership, dispatch_uid="tm")
            signal.connect(tenancy.on_official_changed, sender=DistrictOfficial, dispatch_uid="to")
            signal.connect(tenancy.on_complex_changed, sender=Complex, dispatch_uid="tc")
            signal.connect(mfa.on_user_security_changed, sender=Membership, dispatch_uid="mm")
            signal.connect(mfa.on_user_security_changed, sender=Authenticator, dispatch_uid="ma")
        post_save.connect(
            api_tokens.on_user_saved, sender=self.get_model("User"), dispatch_uid="at"
        )
