r"""Checking SPARQL before any engine sees it: one text, judged once, sent as judged.

Every query and update fwgraph runs, from the Python API, the CLI, the Sphinx
directives or ``fwgraph serve``, goes through :func:`check_query` or
:func:`check_update`. The check

1. decodes the codepoint escapes ``\uXXXX`` and ``\UXXXXXXXX`` the way the
   SPARQL 1.1 grammar says (before parsing, everywhere in the text) and refuses
   a text whose decoded form still holds an escape: the text an engine runs is
   then free of escapes, so no two parsers can read it differently (rdflib
   reads ``\u`` + 8 hex digits as one character, Oxigraph ``\u`` + 4);
2. scans the decoded text for the keywords that reach the network —
   ``SERVICE``, ``LOAD``, ``FROM`` (and ``FROM NAMED``), ``USING`` — outside
   strings and comments, under *two* readings of ``<`` (start of an IRI, and a
   comparison operator), so a keyword is found whichever way a parser reads
   the text; and refuses them unless the caller opted in;
3. tells a query from an update, and lists the query's variables, so that a
   binding can only name a variable the query has.

The check is a compiled regular expression, not a parser: it costs a few
microseconds, which is what lets a new query text on Oxigraph stay close to
Oxigraph's own speed (a full rdflib parse costs ~1.3 ms). Syntax errors are
reported by the engine's own parser, with line and column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from fwgraph.errors import QuerySyntaxError, UnsafeQueryError
from fwgraph.namespace import PREFIXES

__all__ = [
    "CheckedQuery",
    "check_bindings",
    "check_query",
    "check_update",
    "packaged_query",
    "prefix_block",
    "syntax_error",
    "values_clause",
]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LEFTOVER = re.compile(r"\\[uU]")
_SURROGATE = re.compile("[\ud800-\udfff]")

_NETWORK = {"SERVICE", "LOAD", "FROM", "USING"}
_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATE_WORDS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_POSITION = re.compile(r"(?:\(line:(\d+), col:(\d+)\)|error at (\d+):(\d+))")


class CheckedQuery(NamedTuple):
    """A SPARQL text that passed the checks; :attr:`text` is what engines run.

    Attributes
    ----------
    text : str
        The decoded text (codepoint escapes applied), exactly what is sent.
    form : str
        ``"SELECT"``, ``"ASK"``, ``"CONSTRUCT"``, ``"DESCRIBE"`` or ``"UPDATE"``.
    variables : frozenset of str
        Every variable name in the text (without ``?``).
    projected : frozenset of str or None
        The variables of the outermost ``SELECT`` clause; ``None`` for ``SELECT *``
        and the other forms.
    """

    text: str
    form: str

    @property
    def variables(self) -> frozenset[str]:
        """Every variable name in the text (without ``?``), read when bindings need it."""
        return _variables(self.text)

    @property
    def projected(self) -> frozenset[str] | None:
        """The outermost ``SELECT``'s variables; ``None`` for ``SELECT *`` and other forms."""
        return _projection(self.text) if self.form == "SELECT" else None


@lru_cache(maxsize=1024)
def _variables(text: str) -> frozenset[str]:
    reading_a, *_, variable = _patterns()
    return frozenset(variable.findall(reading_a.sub(" ", text)))


def _decode(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            msg = f"the escape {match.group(0)} is not a Unicode character"
            raise UnsafeQueryError("escape", msg)
        return chr(code)

    decoded = _ESCAPE.sub(one, text)
    if decoded != text and _LEFTOVER.search(decoded):
        msg = (
            "the text still holds a \\u or \\U escape after its escapes were decoded; "
            "engines would read it differently, so it is refused: write the character itself"
        )
        raise UnsafeQueryError("escape", msg)
    if _SURROGATE.search(decoded):
        raise UnsafeQueryError("escape", "the text holds a lone surrogate character")
    return decoded


# A backslash escape outside a string (a prefixed name may end in ``\'``, ``\"`` or
# ``\#``) is blanked first, so that the character after it cannot open a string or
# a comment that only the check would see.
_STRINGS = (
    r"\\.|"
    r"\#[^\n\r]*"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
)
_IRI = r"""|<[^<>"{}|^`\\\x00-\x20]*>"""
_LETTERS = "A-Za-z0-9_\u00b7\u00c0-\U000effff"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The scanner's expressions, compiled on first use (~10 ms for the Unicode ranges).

    Reading A blanks out comments, strings and IRIs (``<`` starts an IRI wherever
    an IRIREF matches); reading B blanks out only comments and strings (``<`` is
    an operator). Blanking is one ``re.sub`` and the keyword search one
    ``re.findall``: C speed, a few microseconds for a short query.
    """
    reading_a = re.compile(_STRINGS + _IRI, re.S)
    reading_b = re.compile(_STRINGS, re.S)
    keyword = r"(?<![\w:?$\-])({words})(?![\w:\-])"
    network = re.compile(keyword.format(words="SERVICE|LOAD|FROM|USING"), re.I)
    # In reading B a keyword counts only where it could end an expression that
    # reading A took for an IRI: after one of these (an IRIREF holds no space,
    # "{", "}", "|" or "^") or white space. Words after "/", "#", "?", "=", "&"
    # or "." are the path of an IRI.
    network_b = re.compile(r"(?:(?<=[\s)\]};,!*+'(])|^)(SERVICE|LOAD|FROM|USING)(?![\w:\-])", re.I)
    forms = "|".join(sorted(_QUERY_FORMS | _UPDATE_WORDS | {"PREFIX", "BASE"}))
    form = re.compile(keyword.format(words=forms), re.I)
    variable = re.compile(f"[?$]([{_LETTERS}]+)")
    return reading_a, reading_b, network, network_b, form, variable


def _projection(text: str) -> frozenset[str] | None:
    match = re.search(
        r"(?is)\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\b(?:WHERE\b|\{|FROM\b)", text
    )
    if match is None or match.group(1).strip().startswith("*"):
        return None
    head = re.sub(
        r"\((?:[^()]|\([^()]*\))*\bAS\s+[?$](\w+)\s*\)", r" ?\1 ", match.group(1), flags=re.I | re.S
    )
    return frozenset(re.findall(r"[?$](\w+)", head))


def _refuse_network(words: list[str], *, allow_service: bool, allow_load: bool) -> None:
    found = _NETWORK.intersection(words)
    if "SERVICE" in found and not allow_service:
        raise UnsafeQueryError(
            "SERVICE",
            "SERVICE clauses reach other servers and are refused; "
            "pass allow_service=True (CLI: --allow-service) to run federated queries",
        )
    for word in ("LOAD", "FROM", "USING"):
        if word in found and not allow_load:
            what = {"LOAD": "LOAD", "FROM": "FROM / FROM NAMED", "USING": "USING / USING NAMED"}
            raise UnsafeQueryError(
                word,
                f"{what[word]} fetches data by IRI from the network and is refused; "
                "pass allow_load=True (CLI: --allow-load) to let it through",
            )


def _may_reach_network(decoded: str) -> bool:
    """Whether the two readings' keyword scans must run (most of the check's cost).

    The readings only replace strings, comments and IRIs by one space, so a keyword
    they find is spelt out in the text itself. In an ASCII text, case-insensitive
    matching is ASCII case folding, which ``str.lower`` does: a text none of whose
    lowered forms holds ``service``, ``load``, ``from`` or ``using`` has no keyword
    in any reading. Other texts (Unicode case folding: U+017F for ``s``, U+0131 for
    ``i``) are always scanned.
    """
    if not decoded.isascii():
        return True
    lowered = decoded.lower()
    return "service" in lowered or "load" in lowered or "from" in lowered or "using" in lowered


def _network_words(decoded: str) -> list[str]:
    """The network keywords of both readings, upper-cased."""
    reading_a, reading_b, network, network_b, *_ = _patterns()
    words = [w.upper() for w in network.findall(reading_a.sub(" ", decoded))]
    words += [w.upper() for w in network_b.findall(reading_b.sub(" ", decoded))]
    return words


def _first_keyword(blank_a: str) -> str:
    """The first query form or update word of reading A (PREFIX and BASE skipped), or ``""``."""
    form_re = _patterns()[4]
    for match in form_re.finditer(blank_a):
        word = match.group(1).upper()
        if word not in {"PREFIX", "BASE"}:
            return word
    return ""


_LEADING = re.compile(r"\s*([A-Za-z]+)(?![\w:\-])")
_FORM_WORDS = _QUERY_FORMS | _UPDATE_WORDS


def _form(decoded: str) -> str:
    """The text's form word, as :func:`_first_keyword` finds it in reading A.

    A text that opens with its form word (after white space, which reading A keeps
    as it is) needs no blanking: that word, whole, is reading A's first keyword.
    """
    lead = _LEADING.match(decoded)
    if lead is not None:
        word = lead.group(1).upper()
        if word in _FORM_WORDS:
            return word
    return _first_keyword(_patterns()[0].sub(" ", decoded))


@lru_cache(maxsize=4096)
def _check(text: str, allow_service: bool, allow_load: bool) -> tuple[str, str]:
    if "\x00" in text:
        raise UnsafeQueryError("NUL", "the text holds a NUL character")
    # Every escape starts with a backslash and an ASCII text holds no surrogate: such
    # a text decodes to itself, and the decoding pass is skipped.
    decoded = text if text.isascii() and "\\" not in text else _decode(text)
    if "\x00" in decoded:
        raise UnsafeQueryError("NUL", "the text holds a NUL character (after its escapes)")
    if _may_reach_network(decoded):
        words = _network_words(decoded)
        if words:
            _refuse_network(words, allow_service=allow_service, allow_load=allow_load)
    form = _form(decoded)
    if form in _QUERY_FORMS:
        return decoded, form
    if form in _UPDATE_WORDS:
        return decoded, "UPDATE"
    blank_a = _patterns()[0].sub(" ", decoded)
    first = re.search(r"[A-Za-z]", blank_a)
    if first is None:
        raise QuerySyntaxError(1, 1, "empty query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    index = first.start()
    line = decoded.count("\n", 0, index) + 1
    column = index - (decoded.rfind("\n", 0, index) + 1) + 1
    raise QuerySyntaxError(
        line, column, "expected SELECT, ASK, CONSTRUCT, DESCRIBE or an update operation"
    )


def check_query(
    text: str, *, allow_service: bool = False, allow_load: bool = False
) -> CheckedQuery:
    r"""Check a read-only SPARQL query; return the exact text to run.

    Parameters
    ----------
    text : str
        SPARQL 1.1 query. The prefixes ``fw:``, ``fwd:``, ``rdf:``, ``rdfs:``,
        ``owl:``, ``xsd:``, ``prov:``, ``schema:``, ``skos:``, ``sh:`` and
        ``spdx:`` are bound without being declared.
    allow_service : bool
        Let ``SERVICE`` clauses through (federated queries reach other servers).
    allow_load : bool
        Let ``FROM`` / ``FROM NAMED`` through (they name graphs to fetch).

    Returns
    -------
    CheckedQuery

    Raises
    ------
    QuerySyntaxError
        For an empty text or one that is neither a query nor an update.
    UnsafeQueryError
        For an update, a network keyword without permission, or an ambiguous escape.

    Examples
    --------
    >>> check_query("SELECT ?f WHERE { ?f fw:builtOn fwd:tensorflow }").form
    'SELECT'
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    fwgraph.errors.UnsafeQueryError: SERVICE clauses reach other servers ...
    >>> check_query(r'SELECT * { BIND("\u0041" AS ?a) }').text
    'SELECT * { BIND("A" AS ?a) }'
    """
    decoded, form = _check(text, allow_service, allow_load)
    if form == "UPDATE":
        raise UnsafeQueryError(
            "update",
            "this is a SPARQL update; queries are read-only here "
            "(use KnowledgeGraph.update for changes)",
        )
    return CheckedQuery(decoded, form)


def packaged_query(text: str) -> CheckedQuery:
    """A query shipped with fwgraph (``queries/*.rq``), read without the full scan.

    These texts are ours and fixed; ``tests/test_sparql.py`` checks that this
    gives exactly what :func:`check_query` gives for every one of them. It
    saves compiling the scanner on a cold start.
    """
    form = re.search(r"(?im)^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text)
    if form is None:
        return check_query(text)
    return CheckedQuery(text, form.group(1).upper())


def check_update(
    text: str, *, allow_load: bool = False, allow_service: bool = False
) -> CheckedQuery:
    """Check a SPARQL update; refuse ``LOAD``, ``USING`` and ``SERVICE`` unless allowed.

    Raises
    ------
    QuerySyntaxError
        For an empty text.
    UnsafeQueryError
        For a query form, or a network keyword without permission.

    Examples
    --------
    >>> check_update("INSERT DATA { fwd:x a fw:Framework }").form
    'UPDATE'
    >>> check_update("LOAD <http://example.org/data.ttl>")
    Traceback (most recent call last):
    ...
    fwgraph.errors.UnsafeQueryError: LOAD fetches data by IRI from the network ...
    """
    decoded, form = _check(text, allow_service, allow_load)
    if form != "UPDATE":
        raise UnsafeQueryError("query", f"this is a {form} query, not an update")
    return CheckedQuery(decoded, form)


_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def check_bindings(
    checked: CheckedQuery, bindings: Mapping[str, Identifier]
) -> dict[str, Identifier]:
    """Validate binding names against the query's variables and every term's text.

    Raises
    ------
    UnsafeQueryError
        For a name that is not a variable of the query, a blank node, an IRI
        with characters an IRI may not hold, or a bad language tag or datatype.

    Examples
    --------
    >>> q = check_query("SELECT ?f WHERE { ?f fw:builtOn ?b }")
    >>> check_bindings(q, {"b) { (fwd:theano) } #": URIRef("urn:x")})
    Traceback (most recent call last):
    ...
    fwgraph.errors.UnsafeQueryError: 'b) { (fwd:theano) } #' is not a variable of the query ...
    """
    out: dict[str, Identifier] = {}
    for name, term in bindings.items():
        if not _NAME.fullmatch(name) or name not in checked.variables:
            known = ", ".join(f"?{v}" for v in sorted(checked.variables)) or "none"
            msg = f"{name!r} is not a variable of the query (its variables: {known})"
            raise UnsafeQueryError("binding", msg)
        if isinstance(term, BNode):
            raise UnsafeQueryError("binding", f"?{name}: blank nodes cannot be bound")
        if isinstance(term, URIRef) and _UNSAFE_IRI.search(str(term)):
            msg = f"the IRI bound to ?{name} contains characters not allowed in an IRI"
            raise UnsafeQueryError("binding", msg)
        if isinstance(term, Literal):
            if term.language is not None and not _LANG.fullmatch(term.language):
                raise UnsafeQueryError("binding", f"?{name}: bad language tag {term.language!r}")
            if term.datatype is not None and _UNSAFE_IRI.search(str(term.datatype)):
                raise UnsafeQueryError("binding", f"?{name}: bad datatype IRI")
        out[name] = term
    return out


def values_clause(bindings: Mapping[str, Identifier]) -> str:
    r"""Render validated bindings as a trailing ``VALUES`` clause, escaped by rdflib.

    Only for engines that cannot bind a variable any other way (a remote
    endpoint; Oxigraph for a variable it does not project). Every term went
    through :func:`check_bindings` first.

    Examples
    --------
    >>> values_clause({"b": URIRef("https://w3id.org/fwgraph/id/jax")})
    'VALUES (?b) { (<https://w3id.org/fwgraph/id/jax>) }'
    >>> values_clause({"l": Literal('a" } DROP ALL #')})
    'VALUES (?l) { ("a\\" } DROP ALL #") }'
    """
    if not bindings:
        return ""
    names = sorted(bindings)
    head = " ".join(f"?{n}" for n in names)
    cells = " ".join(bindings[n].n3() for n in names)
    return f"VALUES ({head}) {{ ({cells}) }}"


@lru_cache(maxsize=1)
def prefix_block() -> str:
    """``PREFIX`` lines for fwgraph's bound prefixes, for engines that take text only."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def syntax_error(exc: BaseException, text: str, *, offset_lines: int = 0) -> QuerySyntaxError:
    """Turn an engine's parse error into a :class:`QuerySyntaxError` with line and column.

    ``offset_lines`` is the number of lines the engine saw before the user's text
    (a prefix block), subtracted from the reported line.
    """
    message = str(exc)
    match = _POSITION.search(message)
    if match:
        line = int(match.group(1) or match.group(3)) - offset_lines
        column = int(match.group(2) or match.group(4))
    else:
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
    detail = _POSITION.sub("", message).strip().lstrip(":").strip().rstrip(",").strip()
    detail = re.sub(r"\s*\(at char \d+\)", "", detail)
    detail = " ".join(detail.split())
    if len(detail) > 200:
        detail = detail[:197] + "..."
    return QuerySyntaxError(max(line, 1), max(column, 1), detail or "malformed SPARQL")
