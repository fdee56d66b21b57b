class SchoolRuleError(Exception):
    """A request that breaks a school or classroom rule; the message is user-facing."""
