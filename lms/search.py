"""The one place where a typed search query is cleaned before a search backend sees it.

SQLite FTS5 (and PostgreSQL's tsquery) give meaning to `"`, `*`, `(`, `-`, `^`, `:`, `+` and
the bare words AND, OR, NOT and NEAR; an unbalanced quote is an SQL error, i.e. a 500 on the
site search and in every Wagtail admin listing. What people type is words, so words are what
we search for. Configured as the search backend (`WAGTAILSEARCH_BACKENDS`), this covers the
site search, the Wagtail admin searches and autocompletes without each caller remembering.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from modelsearch.backends import database
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText, SearchQuery

WORD_RE = re.compile(r"[^\W_]+")
FTS_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
MAX_QUERY_CHARS = 200
MAX_TERMS = 12


def search_terms(query: str) -> str:
    """The words of `query`, space-separated: no quotes, operators, prefixes or columns."""
    words = [w for w in WORD_RE.findall(query[:MAX_QUERY_CHARS]) if w not in FTS_OPERATORS]
    return " ".join(words[:MAX_TERMS])


def clean_query(query: str | SearchQuery) -> str | SearchQuery:
    """`query` with every typed string reduced to words; "" when no word is left."""
    if isinstance(query, str):
        return search_terms(query)
    cleaned = _clean_node(query)
    return "" if cleaned is None else cleaned


def _clean_node(node: SearchQuery) -> SearchQuery | None:
    if isinstance(node, PlainText):
        terms = search_terms(node.query_string)
        return PlainText(terms, operator=node.operator, boost=node.boost) if terms else None
    if isinstance(node, Phrase):
        terms = search_terms(node.query_string)
        return Phrase(terms) if terms else None
    if isinstance(node, (And, Or)):
        parts = [part for part in map(_clean_node, node.subqueries) if part is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else type(node)(parts)
    if isinstance(node, Not):
        inner = _clean_node(node.subquery)
        return Not(inner) if inner is not None else None
    if isinstance(node, Boost):
        inner = _clean_node(node.subquery)
        return Boost(inner, node.boost) if inner is not None else None
    return node  # MatchAll, Fuzzy (never built from typed text here)


class QueryCleaningMixin:
    """Cleans the query of `search()` and `autocomplete()` (both go through `_search`)."""

    def _search(self, query_compiler_class: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        return super()._search(query_compiler_class, clean_query(query), *args, **kwargs)  # type: ignore[misc]


@cache
def _cleaning_class(backend_class: type) -> type:
    return type(f"Cleaning{backend_class.__name__}", (QueryCleaningMixin, backend_class), {})


def SearchBackend(params: dict[str, Any]) -> Any:  # the name Wagtail looks up
    """Wagtail's database backend for this connection (SQLite FTS5 or PostgreSQL), cleaned."""
    backend: Any = database.SearchBackend(params)
    backend_class: Any = type(backend)  # Wagtail's classes are untyped (Any) for mypy
    return _cleaning_class(backend_class)(params)
