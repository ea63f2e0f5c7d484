"""Writes of community life, split by topic (consents, facilities, cars, groups)."""
