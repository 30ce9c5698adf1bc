"""The one error hierarchy of Gemeente KG.

    KGError                      base of every error this project raises on purpose
    ├── InputError               a report file cannot be read or understood
    │   └── MunicipalityError    the reporting municipality cannot be determined
    ├── PipelineError            the spaCy pipeline cannot be built (e.g. an unknown model)
    ├── StoreError               the graph store is missing, locked or unreadable
    ├── QueryError               a SPARQL query is malformed or a named query is unknown
    └── EvaluationError          corpus or gold files are missing or malformed

The CLI turns these into one clear line on stderr and an exit code; library code never
prints or exits.
"""


class KGError(Exception):
    """Base class of the project's own errors."""


class InputError(KGError):
    """A report file cannot be read or understood."""


class MunicipalityError(InputError):
    """The reporting municipality cannot be determined."""


class PipelineError(KGError):
    """The spaCy pipeline cannot be built."""


class StoreError(KGError):
    """The graph store is missing, locked or unreadable."""


class QueryError(KGError):
    """A SPARQL query is malformed, or a named query is unknown."""


class EvaluationError(KGError):
    """Corpus or gold files are missing or malformed."""
