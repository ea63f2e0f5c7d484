"""One notification path for every message the portal sends (issue 14 [3/9]).

A message **kind** (registry.py: bill issued, payment overdue, vote invitation, meeting notice,
complaint answered, the office's reminders…) × the **channel** each person chose (e-mail, SMS or
KakaoTalk 알림톡 with SMS fallback; core/messaging carries them). Templates live in the
repository (templates/notifications/<kind>/{email_subject,email,sms,alimtalk}.txt), sender
numbers and Kakao channel ids per complex (SenderSettings), opt-outs per kind (ignored for the
kinds the bylaw makes mandatory), and every message to every recipient is a `Delivery` row with
its status, provider id, error and attempts, sent by one idempotent task with retries.

Callers in other apps call `services.notify(kind=…, complex=…, to=[…], context={…})`: the one
place to switch to core/hooks subscriptions once that lands (structure-note.md)."""
