"""The one error hierarchy of Gemeente KG.

    KGError                      base of every error this project raises on purpose
    ├── UsageError               the command was called wrongly (a path that does not exist)
    ├── InputError               a report file cannot be read or understood
    │   ├── MunicipalityError    the reporting municipality cannot be determined
    │   ├── NoTextLayerError     a PDF whose text layer is missing or glyph codes (--ocr)
    │   └── TimeBudgetError      extracting a document took longer than its time budget
    ├── PipelineError            the spaCy pipeline cannot be built (e.g. an unknown model)
    ├── StoreError               the graph store is missing, locked or unreadable
    ├── QueryError               a SPARQL query is malformed or a named query is unknown
    │   └── QuerySyntaxError     a SPARQL query does not parse
    └── EvaluationError          corpus or gold files are missing or malformed

The CLI turns these into one clear line on stderr and an exit code (2 for UsageError,
1 for the others); library code never prints or exits.
"""


class KGError(Exception):
    """Base class of the project's own errors."""


class UsageError(KGError):
    """The command was called wrongly: a path that does not exist, a bad option value."""


class InputError(KGError):
    """A report file cannot be read or understood."""


class MunicipalityError(InputError):
    """The reporting municipality cannot be determined."""


class NoTextLayerError(InputError):
    """A PDF has no usable text layer (scanned pages, or fonts without a character map
    whose text comes out as glyph codes): it can be read with ``--ocr``."""


class TimeBudgetError(InputError):
    """Extracting a document took longer than its time budget (``kg build
    --time-budget``): the build goes on with the other documents."""


class PipelineError(KGError):
    """The spaCy pipeline cannot be built."""


class StoreError(KGError):
    """The graph store is missing, locked or unreadable."""


class QueryError(KGError):
    """A SPARQL query is malformed, or a named query is unknown."""


class QuerySyntaxError(QueryError):
    """A SPARQL query does not parse."""


class EvaluationError(KGError):
    """Corpus or gold files are missing or malformed."""
