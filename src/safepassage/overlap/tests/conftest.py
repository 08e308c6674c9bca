"""The partner fixtures of the partners app: a partner played by the test, rules loaded."""

from safepassage.partners.tests.conftest import partner, party, rules

__all__ = ["partner", "party", "rules"]
