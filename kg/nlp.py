"""The spaCy pipeline: ``spacy.blank("nl")`` plus our components, or a statistical
Dutch model (``nl_core_news_*``) when the user has one installed and asks for it."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

import extractors

from .errors import PipelineError

DEFAULT_MODEL = "blank"


@lru_cache(maxsize=4)
def build_nlp(model: str = DEFAULT_MODEL) -> Language:
    """A ready pipeline. ``model`` is ``"blank"`` or an installed spaCy package name."""
    if model in (None, "", DEFAULT_MODEL):
        nlp = spacy.blank("nl")
    else:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError as err:
            raise PipelineError(
                f"spaCy model {model!r} is not installed; install it "
                f"(python -m spacy download {model}) or leave out --model to use the "
                "rule-based pipeline"
            ) from err
    _split_glued_tokens(nlp)
    has_sents = any(n in nlp.pipe_names for n in ("parser", "senter", "sentencizer"))
    if not has_sents:
        nlp.add_pipe("sentencizer")
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("kg_lines")
    for name in extractors.COMPONENTS[1:]:
        nlp.add_pipe(name)
    try:
        nlp.initialize() if model in (None, "", DEFAULT_MODEL) else _initialize_ours(nlp)
    except Exception as err:  # spaCy raises many types while initialising
        raise PipelineError(f"cannot initialise the pipeline: {err}") from err
    return nlp


def _split_glued_tokens(nlp: Language) -> None:
    """Split ``GGD/Veilig Thuis`` at the slash and ``22,49%Inkomsten`` after the percent
    sign, so entity and number offsets fall on token boundaries."""
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Za-z])/(?=[A-Za-z])", r"(?<=%)(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _initialize_ours(nlp: Language) -> None:
    for name in extractors.COMPONENTS[1:]:
        nlp.get_pipe(name).initialize(nlp=nlp)
