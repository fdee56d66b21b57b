"""Errors raised by course services; their message is shown to the user as is."""

from __future__ import annotations


class CourseRuleError(Exception):
    """A request that breaks a course or quiz rule (limit reached, time up, bad input)."""


class ConsentMissingError(CourseRuleError):
    """Learning data of a minor may only be recorded with a guardian's consent (UU PDP Pasal 25)."""


class AttemptClosedError(CourseRuleError):
    """The attempt is finished (submitted or time is up)."""
