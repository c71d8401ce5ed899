"""A lookup lemmatizer that sets lemmas for a whole doc at once.

Same table (spacy-lookups-data's `lemma_lookup` for English) and same lemmas as spaCy's
`lemmatizer` in lookup mode, except that a capitalised word the table lacks takes the
lemma of its lower-case form. spaCy's builds a Token object for every token, which made
it the single largest cost of the pipeline. Here each distinct word is looked up once
per process and a doc's lemmas are written as one array.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

from marker.nlp.spans import keep_lemmas, tokens_of


class LookupLemmatizer:
    def __init__(self, nlp: Language) -> None:
        self.strings = nlp.vocab.strings
        self.table = load_lookups(nlp.lang, ["lemma_lookup"]).get_table("lemma_lookup")
        self.cache: dict[int, int] = {}

    def _lemma(self, orth: int) -> int:
        text = self.strings[orth]
        # A capitalised form falls back to the lower-case entry: "Reducing" at the start
        # of a sentence is "reduce", as it is anywhere else.
        found = self.table.get(text) or self.table.get(text.lower(), text)
        lemma = self.cache[orth] = self.strings.add(found)
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            cache, lemma = self.cache, self._lemma
            lemmas = [cache.get(o) or lemma(o) for o in tokens_of(doc).orths]
            doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64).reshape(-1, 1))
            keep_lemmas(doc, lemmas)  # the components read them as a list
        return doc


@Language.factory("lookup_lemmatizer")
def make_lookup_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp)
