"""How residents hear about a new bill. The notifier is an interface so SMS or KakaoTalk can be
added next to email without touching the billing code."""

from core.emails import send_templated


class EmailNotifier:
    def bill_issued(self, *, user, bill, complex):
        send_templated(
            to=[user.email],
            template="fees/email/bill_issued",
            context={
                "user": user,
                "bill": bill,
                "complex": complex,
            },
        )


NOTIFIERS = [EmailNotifier()]
