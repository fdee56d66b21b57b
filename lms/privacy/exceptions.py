class PrivacyRuleError(Exception):
    """A privacy request that cannot be carried out; the message is shown to the user."""
