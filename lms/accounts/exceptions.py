class AccountRuleError(Exception):
    """A request that breaks an account or consent rule; the message is user-facing."""
