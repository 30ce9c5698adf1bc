"""The spaCy pipeline: ``spacy.blank("nl")`` plus our components, or a statistical
Dutch model (``nl_core_news_*``) when the user has one installed and asks for it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

import extractors

from .errors import PipelineError

DEFAULT_MODEL = "blank"


@lru_cache(maxsize=4)
def build_nlp(model: str = DEFAULT_MODEL, disabled: tuple[str, ...] = ()) -> Language:
    """A ready pipeline. ``model`` is ``"blank"`` or an installed spaCy package name;
    ``disabled`` names entity rules that do not run (to measure what a rule is worth)."""
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
    nlp.tokenizer = LinearTokenizer(nlp.tokenizer)
    has_sents = any(n in nlp.pipe_names for n in ("parser", "senter", "sentencizer"))
    if not has_sents:
        nlp.add_pipe("sentencizer")
    parsed = "parser" in nlp.pipe_names or "senter" in nlp.pipe_names
    nlp.add_pipe(extractors.keys.LINES, config={"split": not parsed})
    for name in extractors.COMPONENTS[1:]:
        config = {"disabled": list(disabled)} if name == extractors.keys.ENTITIES else {}
        nlp.add_pipe(name, config=config)
    try:
        nlp.initialize() if model in (None, "", DEFAULT_MODEL) else _initialize_ours(nlp)
    except Exception as err:  # spaCy raises many types while initialising
        raise PipelineError(f"cannot initialise the pipeline: {err}") from err
    return nlp


LONG_RUN = 200  # characters without white space: longer runs are cut, not affix-split
_LONG = re.compile(rf"\S{{{LONG_RUN + 1},}}")


class LinearTokenizer:
    """spaCy's tokenizer in time linear in the text, whatever the text.

    Its affix rules peel one prefix or suffix at a time off a run of characters and search
    the rest again each time, so a run without white space costs the square of its length
    (a 23 KB line of ``*_*_*_`` took two minutes, 12,000 nested brackets half a minute).
    Runs longer than :data:`LONG_RUN` are cut into pieces of that length instead (no
    word is that long); the text around them is tokenized as usual, and the pieces are
    joined into one ``Doc`` with the same text and offsets."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        runs = list(_LONG.finditer(text))
        if not runs:
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in runs:
            self._add(words, spaces, self.tokenizer(text[pos : m.start()]))
            run = m.group(0)
            for k in range(0, len(run), LONG_RUN):
                words.append(run[k : k + LONG_RUN])
                spaces.append(False)
            pos = m.end()
        self._add(words, spaces, self.tokenizer(text[pos:]))
        return Doc(self.vocab, words=words, spaces=spaces)

    @staticmethod
    def _add(words: list[str], spaces: list[bool], doc: Doc) -> None:
        for t in doc:
            words.append(t.text)
            spaces.append(bool(t.whitespace_))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


def _split_glued_tokens(nlp: Language) -> None:
    """Split ``GGD/Veilig Thuis`` at the slash and ``22,49%Inkomsten`` after the percent
    sign, so entity and number offsets fall on token boundaries."""
    infixes = list(nlp.Defaults.infixes or []) + [
        r"(?<=[A-Za-z])/(?=[A-Za-z])",
        r"(?<=%)(?=[A-Za-z])",
    ]
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer (typed as any callable)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _initialize_ours(nlp: Language) -> None:
    for name in extractors.COMPONENTS[1:]:
        component: Any = nlp.get_pipe(name)  # ours: each has initialize()
        component.initialize(nlp=nlp)
