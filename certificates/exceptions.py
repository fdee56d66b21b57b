"""Errors raised by certification services; every message is shown to the user as is."""


class CertificationError(Exception):
    """A rule refused the operation; nothing was changed."""


class UnitFileError(CertificationError):
    """A competency-unit file cannot be read as a whole."""
