"""Tasks that talk to the outside world live with what they send: one message to one person is
residents.notifications.tasks.send_delivery (time limit, retries with exponential backoff and
jitter: 30 s up to an hour, 8 retries), carried by core/messaging's channels."""
