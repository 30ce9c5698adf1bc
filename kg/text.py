"""Search keys: how names are matched when a user types them."""

from __future__ import annotations

import re
import unicodedata


def search_key(text: str) -> str:
    """Lower case, accents removed, white space collapsed: ``'Café  Sociaal'`` →
    ``'cafe sociaal'``. Minted as ``skos:hiddenLabel`` for every name and alias, and
    applied to named-query parameters written ``{{name|key}}``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", folded).strip()
