"""Errors raised by cooperative services; every message is shown to the user as is."""


class CooperativeRuleError(Exception):
    """A business rule refused the operation; nothing was changed."""


class LedgerError(CooperativeRuleError):
    """The ledger refused an entry (unbalanced, closed period, bad amount)."""
