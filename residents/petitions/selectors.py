"""Reads of petitions. Who signed is personal data: the office and the body the request goes to
(the council for a reconsideration or a meeting, the election committee for a recall or a
management-method vote) see the names; a signer sees their own signature; everyone else of the
complex sees only the count."""

from complexes.models import Role

from .models import Petition, PetitionSignature
from .registry import spec_for
from .services import resident_membership


def can_see_signers(*, ctx, petition: Petition) -> bool:
    return ctx.is_office or ctx.has(*spec_for(petition.kind).reviewers)


def signer_lines(*, petition: Petition) -> list[str]:
    """'성명 (동·호)' of every signer, in signing order — the list the request is filed with."""
    rows = PetitionSignature.objects.filter(petition=petition).select_related("unit__building")
    return [
        f"{s.signer_name} ({s.unit.label}" + (f", {s.proxy_for} 대리" if s.proxy_for else "") + ")"
        for s in rows
    ]


def my_signatures(*, petition: Petition, user):
    return PetitionSignature.objects.filter(petition=petition, user=user).select_related(
        "unit__building"
    )


def signable_units(*, ctx, petition: Petition) -> list:
    """The units this account could sign for now: its own, lived in today, in the scope."""
    if not ctx.has(Role.RESIDENT) or petition.status != "collecting":
        return []
    units = []
    for m in ctx.resident_memberships:
        if resident_membership(complex=ctx.complex, user=ctx.user, unit=m.unit) is None:
            continue
        if petition.ward_id and not petition.ward.unit_queryset().filter(pk=m.unit_id).exists():
            continue
        if m.unit not in units:
            units.append(m.unit)
    return units


def count(*, petition: Petition) -> int:
    return petition.signatures.count()
