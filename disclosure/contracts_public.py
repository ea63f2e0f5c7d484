"""The public page of tenders, contracts, renewals and audits: /public/<slug>/contracts/."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from complexes.models import Complex

from .caching import public_cache
from .contracts import public_audits, public_contracts, public_renewals, public_tenders


@require_safe
@public_cache
def contracts_page(request, slug):
    c = get_object_or_404(Complex, slug=slug)
    return render(
        request,
        "disclosure/public/contracts.html",
        {
            "c": c,
            "tenders": public_tenders(complex=c)[:30],
            "contracts": public_contracts(complex=c)[:50],
            "renewals": public_renewals(complex=c),
            "audits": public_audits(complex=c)[:20],
        },
    )
