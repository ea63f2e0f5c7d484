"""REST API of the notification path under /api/v1/complexes/<slug>/.

* notification-settings/ — GET/PUT the caller's own channel, phone and opt-outs (anyone of the
  complex).
* deliveries/ — the office's delivery log (status per message and recipient, addresses
  masked); deliveries/<id>/retry/ sends a failed one again.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import ComplexScopedMixin
from core.masking import mask
from core.tenancy import MEMBER, OFFICE, get_scoped

from . import selectors, services
from .models import ChannelChoice, Delivery
from .registry import KINDS


class PreferenceSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=ChannelChoice.choices)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
    opt_outs = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(KINDS)), required=False
    )
    mandatory = serializers.SerializerMethodField()

    def get_mandatory(self, obj) -> list[str]:
        return sorted(k for k, v in KINDS.items() if v.mandatory)


class DeliverySerializer(serializers.ModelSerializer):
    address = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = [
            "id",
            "kind",
            "channel",
            "sent_channel",
            "address",
            "status",
            "attempts",
            "provider_id",
            "error",
            "created_at",
            "sent_at",
        ]

    def get_address(self, obj) -> str:
        return mask(obj.address)


class NotificationSettingsView(ComplexScopedMixin, generics.GenericAPIView):
    serializer_class = PreferenceSerializer
    read_roles = (MEMBER,)
    write_roles = (MEMBER,)

    def _current(self):
        pref = selectors.preference_for(complex=self.ctx.complex, user=self.request.user)
        return {
            "channel": pref.channel if pref else ChannelChoice.EMAIL,
            "phone": pref.phone if pref else "",
            "opt_outs": pref.opt_outs if pref else [],
        }

    def get(self, request, *args, **kwargs):
        return Response(PreferenceSerializer(self._current()).data)

    def put(self, request, *args, **kwargs):
        body = PreferenceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.preference_update(
            complex=self.ctx.complex,
            user=request.user,
            channel=body.validated_data["channel"],
            phone=body.validated_data.get("phone", ""),
            opt_outs=body.validated_data.get("opt_outs", []),
        )
        return Response(PreferenceSerializer(self._current()).data)


class DeliveryViewSet(ComplexScopedMixin, viewsets.ReadOnlyModelViewSet):
    model = Delivery
    serializer_class = DeliverySerializer
    read_roles = tuple(OFFICE)
    write_roles = tuple(OFFICE)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delivery.objects.none()
        return selectors.deliveries_for_complex(
            complex=self.ctx.complex,
            status=self.request.query_params.get("status", ""),
            kind=self.request.query_params.get("kind", ""),
        )

    @extend_schema(request=None, responses=DeliverySerializer)
    @action(detail=True, methods=["post"])
    def retry(self, request, *args, **kwargs):
        delivery = get_scoped(self.ctx, Delivery, pk=kwargs["pk"])
        delivery = services.delivery_retry(delivery=delivery)
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
