"""REST API of requests to convene an extraordinary meeting (Art. 26③) under
/api/v1/complexes/<slug>/council/convene-requests/: the office records them; a members' request
names its signers (≥ 1/3 of the membership, each seated and not suspended); a residents' one
stands on its petition (…/petitions/<id>/, signers there). Same service and errors as the page."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from complexes.models import Role
from core.api import ComplexScopedMixin
from core.tenancy import OFFICE

from . import services
from .models import ConveneRequest, Representative

MEMBERS = (*tuple(OFFICE), Role.COUNCIL)


class CouncilConveneSignerSerializer(serializers.ModelSerializer):
    ward_name = serializers.CharField(source="ward.name", read_only=True, default="")

    class Meta:
        model = Representative
        fields = ["id", "name", "ward_name"]
        read_only_fields = fields


class CouncilConveneRequestSerializer(serializers.ModelSerializer):
    requester = serializers.ChoiceField(
        choices=[
            c
            for c in ConveneRequest.Requester.choices
            if c[0] != ConveneRequest.Requester.RESIDENTS
        ]
    )
    signer_ids = serializers.ListField(
        child=serializers.IntegerField(),
        write_only=True,
        required=False,
        help_text="구성원 3분의 1 이상의 요구: 요구한 동별 대표자 id",
    )
    signers = CouncilConveneSignerSerializer(many=True, read_only=True)
    signers_count = serializers.SerializerMethodField()

    class Meta:
        model = ConveneRequest
        fields = [
            "id", "requester", "reason", "received_on", "meeting", "petition", "signer_ids",
            "signers", "signers_count",
        ]  # fmt: skip
        read_only_fields = ["meeting", "petition"]

    def get_signers_count(self, obj) -> int:
        return obj.signers.count()


class ConveneRequestViewSet(ComplexScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin,
                            mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # fmt: skip
    """소집 요구 (Art. 26③): the office records; reps read (with the signers)."""

    model = ConveneRequest
    serializer_class = CouncilConveneRequestSerializer
    read_roles = MEMBERS

    def get_queryset(self):
        return super().get_queryset().prefetch_related("signers__ward").order_by("-received_on")

    @extend_schema(responses={201: CouncilConveneRequestSerializer})
    def create(self, request, *args, **kwargs):
        s = self.get_serializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = dict(s.validated_data)
        ids = d.pop("signer_ids", [])
        signers = list(Representative.objects.filter(complex=self.ctx.complex, pk__in=ids))
        if len(signers) != len(set(ids)):
            from core.errors import ApplicationError

            raise ApplicationError(
                "이 단지의 동별 대표자가 아닌 id가 있습니다.", {"field": "signer_ids"}
            )
        obj = services.convene_request_create(complex=self.ctx.complex, signers=signers, **d)
        return Response(self.get_serializer(obj).data, status=201)
