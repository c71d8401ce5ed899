"""spaCy's rule-based sentencizer, computed on a doc's arrays instead of its tokens.

Same rule and punctuation as `spacy.pipeline.Sentencizer`: a sentence starts at the
first token after a sentence-final character ("." "!" "?" ...) that is neither
punctuation nor such a character. spaCy's walks the doc token by token, building a
Token object for each, which made it a tenth of the whole NLP stage.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from marker.nlp.spans import keep_sentences, tokens_of


class ArraySentencizer:
    def __init__(self, nlp: Language) -> None:
        self.strings = nlp.vocab.strings
        self.punct_chars = set(Sentencizer.default_punct_chars)
        self.final: dict[int, bool] = {}  # orth -> is a sentence-final character

    def _is_final(self, orth: int) -> bool:
        final = self.final[orth] = self.strings[orth] in self.punct_chars
        return final

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        final, is_final = self.final, self._is_final
        tokens = tokens_of(doc)  # read once here, for every component after this one
        firsts = [0]
        after_final = False
        # a plain loop over the lists: cheaper than numpy on docs of a few dozen tokens
        for i, (orth, is_punct) in enumerate(zip(tokens.orths, tokens.puncts, strict=True)):
            if final[orth] if orth in final else is_final(orth):
                after_final = True
            elif after_final and not is_punct:
                if i:
                    firsts.append(i)
                after_final = False
        count = len(tokens.orths)
        starts = [-1] * count
        bounds = []
        for first, end in zip(firsts, [*firsts[1:], count], strict=True):
            starts[first] = 1
            bounds.append((first, end, tokens.starts[first], tokens.ends[end - 1]))
        doc.from_array([SENT_START], np.array(starts, dtype=np.int64).astype(np.uint64)[:, None])
        keep_sentences(doc, bounds)  # the components read them many times
        return doc


@Language.factory("array_sentencizer")
def make_array_sentencizer(nlp: Language, name: str) -> ArraySentencizer:
    return ArraySentencizer(nlp)
