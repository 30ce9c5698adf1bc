"""Gemeente KG: Dutch municipal annual reports → a knowledge graph with provenance.

The library is :mod:`kg.pipeline` (build, extract, evaluate, query, validate, viz);
:mod:`kg.cli` is a thin command line over it.
"""

__version__ = "0.1.0"
