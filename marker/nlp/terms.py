"""Vocabularies from `rules/lexicons/*.yaml`, matched with PhraseMatchers.

A lexicon file with a `label` and `terms` is a vocabulary: every synonym of every term
becomes a phrase pattern (its cost does not grow with the number of terms). Terms
match case-insensitively, with or without hyphens; `match_on: lemma` vocabularies
also match inflected forms of phrases ("attended the workshops"); `case_sensitive`
synonyms match only as written (short abbreviations that are also words); a term's
`not_before` and `not_after` words stop a match ("complaints team" is not a KPI); a
`generic` term ("course", "certificate") takes the "not relevant" flag of a term in its
sentence that has it ("a food hygiene certificate"); a `when_supporting` term counts only
where one of its vocabulary's `cues` says it is support, and after such a cue a phrase
ending in one of the vocabulary's `heads` is a term too, with the id `phrase_id`
("using the troubleshooting guides", "to become a Repairs Planner"). A `counted`
vocabulary's hits are kept as positions only (`spans.note`), not as spans.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from spacy.attrs import NORM
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from marker.nlp.spans import (
    keep,
    lemmas_of,
    note,
    sentence_at,
    sentences,
    text_of,
    token_bounds,
    token_chars,
    tokens_of,
)
from marker.nlp.spelling import Speller
from marker.resources import lexicon, rules_dir

_DETERMINER_IDS = frozenset(
    map(get_string_id, ("my", "a", "an", "the", "our", "his", "her", "their", "your"))
)


@dataclass(frozen=True)
class Term:
    id: str
    synonyms: tuple[str, ...]
    case_sensitive: tuple[str, ...] = ()
    not_before: frozenset[str] = frozenset()  # "complaints team" is not the KPI
    not_after: frozenset[str] = frozenset()  # "review with my mentor": a person, not support
    info: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def fits(self, lowers: list[int], start: int, end: int) -> bool:
        """Whether the words around a match allow it; `lowers` are the doc's LOWER ids
        (compared as ids, so no Token is built for the look)."""
        if not (self.not_before or self.not_after):
            return True
        not_before, not_after = self._word_ids
        after = lowers[end] if end < len(lowers) else None
        while start > 0 and lowers[start - 1] in _DETERMINER_IDS:
            start -= 1  # "with my mentor": the word before "my" decides
        before = lowers[start - 1] if start > 0 else None
        return after not in not_before and before not in not_after

    @cached_property
    def _word_ids(self) -> tuple[frozenset[int], frozenset[int]]:
        return (
            frozenset(map(get_string_id, self.not_before)),
            frozenset(map(get_string_id, self.not_after)),
        )

    @cached_property
    def flags(self) -> tuple[str, ...]:
        flags = []
        if self.info.get("measure"):
            flags.append(self.info["measure"])
        if self.info.get("relevant") is False:
            flags.append("not relevant")
        return tuple(flags)


@dataclass(frozen=True)
class Vocabulary:
    label: str
    match_on: str
    terms: tuple[Term, ...]
    spelling_tolerant: bool = False  # `spelling: tolerant`: misspelt words match too
    cues: tuple[str, ...] = ()  # what `when_supporting` terms and `heads` phrases follow
    heads: tuple[str, ...] = ()  # after a cue, a phrase ending in one of these is a term
    phrase_id: str = "phrase"  # the term id of such a phrase
    support_words: tuple[str, ...] = ()  # a `when_supporting` term naming one is support
    counted: bool = False  # `counted: true`: hits are only counted (see spans.note)
    name_heads: tuple[str, ...] = ()  # a hit within two words of one names a team
    open: dict[str, Any] = field(default_factory=dict)  # open-ended phrases after a cue
    frames: dict[str, list] = field(default_factory=dict)  # term id -> word frames
    negations: tuple[str, ...] = ()  # a hit after one of these in its clause is "negated"

    def term(self, term_id: str) -> Term:
        return next(t for t in self.terms if t.id == term_id)


_TERM_KEYS = ("synonyms", "case_sensitive", "not_before", "not_after")


def _term(term_id: str, entry: Any) -> Term:
    if isinstance(entry, list):
        return Term(term_id, tuple(str(s) for s in entry))
    return Term(
        term_id,
        tuple(str(s) for s in entry.get("synonyms", [])),
        tuple(str(s) for s in entry.get("case_sensitive", [])),
        frozenset(str(s).lower() for s in entry.get("not_before", [])),
        frozenset(str(s).lower() for s in entry.get("not_after", [])),
        {k: v for k, v in entry.items() if k not in _TERM_KEYS},
    )


@cache
def vocabularies() -> dict[str, Vocabulary]:
    """Every vocabulary lexicon, by file name; several files may share a label."""
    found: dict[str, Vocabulary] = {}
    for path in sorted((rules_dir() / "lexicons").glob("*.yaml")):
        data = lexicon(path.stem)
        if not isinstance(data, dict) or "label" not in data or "terms" not in data:
            continue
        terms = tuple(_term(str(k), v) for k, v in data["terms"].items())
        found[path.stem] = Vocabulary(
            data["label"],
            data.get("match_on", "lower"),
            terms,
            data.get("spelling") == "tolerant",
            tuple(data.get("cues", ())),
            tuple(data.get("heads", ())),
            data.get("phrase_id", "phrase"),
            tuple(data.get("support_words", ())),
            bool(data.get("counted", False)),
            tuple(data.get("name_heads", ())),
            data.get("open") or {},
            data.get("frames") or {},
            tuple(data.get("negations", ())),
        )
    return found


def _variants(phrase: str) -> set[str]:
    """The phrase as written, lower-cased, and with hyphens and spaces swapped."""
    lower = phrase.lower()
    return {lower, lower.replace("-", " "), lower.replace(" ", "-")}


class TermMatcher:
    """Adds a span per vocabulary hit; value = the term id, flags from the term's data."""

    def __init__(self, nlp: Language, role_of: Callable[[Doc], str | None]) -> None:
        self.nlp = nlp
        self.role_of = role_of  # the column role of a cell's text, None for prose
        self.matchers = {
            attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("LOWER", "LEMMA", "ORTH")
        }
        # each matcher's patterns' first words: a doc with none of them is not matched
        self.first_words: dict[str, set[int]] = {attr: set() for attr in self.matchers}
        # patterns of spelling-tolerant vocabularies, matched on NORM after misspelt words
        # have been given the vocabulary word as their norm
        self.tolerant = PhraseMatcher(nlp.vocab, attr="NORM")
        self.speller: Speller | None = None
        self.seen: set[int] = set()  # orths already looked at
        self.misspelt: dict[int, int] = {}  # orth -> norm of the vocabulary word it stands for
        self.terms: dict[int, tuple[str, Term]] = {}
        self.support: dict[str, re.Pattern[str]] = {}  # label -> its cues
        self.support_words: dict[str, tuple[str, ...]] = {}  # label -> its support words
        self.phrases: dict[str, tuple[re.Pattern[str], Term]] = {}  # label -> cue+phrase+head
        self.head_words: dict[str, set[int]] = {}  # label -> lower-case last words of its heads
        self.counted = {v.label for v in vocabularies().values() if v.counted}
        self.open_phrases = {
            v.label: _OpenPhrase(v.open, Term(v.phrase_id, ()))
            for v in vocabularies().values()
            if v.open
        }
        self.frames = {
            v.label: _Frames(v.frames, {t.id: t for t in v.terms})
            for v in vocabularies().values()
            if v.frames
        }
        self.negations = {
            v.label: _Negations(v.negations) for v in vocabularies().values() if v.negations
        }
        self.name_heads = {  # label -> LOWER ids of the words that end a team's name
            v.label: frozenset(map(get_string_id, v.name_heads))
            for v in vocabularies().values()
            if v.name_heads
        }

    def initialize(self, get_examples=None, nlp: Language | None = None) -> None:
        """Patterns are made here, once the lemmatizer's tables are loaded."""
        lemmatizer = self.nlp.get_pipe("lookup_lemmatizer")
        tolerant_words: set[str] = set()
        for vocabulary in vocabularies().values():
            self._add_support(vocabulary)
            for term in vocabulary.terms:
                key = f"{vocabulary.label}|{term.id}"
                self.terms[self.nlp.vocab.strings.add(key)] = (vocabulary.label, term)
                phrases = sorted({v for s in term.synonyms for v in _variants(s)})
                patterns = [self.nlp.make_doc(p) for p in phrases]
                self.matchers["LOWER"].add(key, patterns)
                self.first_words["LOWER"].update(d[0].lower for d in patterns if len(d))
                if vocabulary.spelling_tolerant:
                    self.tolerant.add(key, patterns)
                    tolerant_words.update(w for p in phrases for w in p.split())
                if vocabulary.match_on == "lemma":  # phrases only: lone words over-match
                    phrases = [lemmatizer(d) for d in patterns if len(d) > 1]
                    if phrases:
                        self.matchers["LEMMA"].add(key, phrases)
                        self.first_words["LEMMA"].update(d[0].lemma for d in phrases)
                if term.case_sensitive:
                    written = [self.nlp.make_doc(s) for s in term.case_sensitive]
                    self.matchers["ORTH"].add(key, written)
                    self.first_words["ORTH"].update(d[0].orth for d in written if len(d))
        table = lemmatizer.table  # its keys are inflected forms, its values base forms
        lemmas = set(table.values())
        self.speller = Speller(tolerant_words, lambda word: word in table or word in lemmas)

    def _add_support(self, vocabulary: Vocabulary) -> None:
        if not vocabulary.cues:
            return
        cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in vocabulary.cues)
        self.support[vocabulary.label] = re.compile(rf"\b(?:{cues})\b", re.IGNORECASE)
        self.support_words[vocabulary.label] = vocabulary.support_words
        if vocabulary.heads:
            heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in vocabulary.heads)
            strings = self.nlp.vocab.strings
            last_words = {strings.add(h.split()[-1].lower()) for h in vocabulary.heads}
            self.head_words[vocabulary.label] = last_words
            pattern = re.compile(
                rf"\b(?:{cues})\s+(?:(?:the|my|our|a|an|their)\s+)?"
                rf"(?P<phrase>(?:[\w'&-]+\s+){{0,3}}?(?:{heads}))\b",
                re.IGNORECASE,
            )
            self.phrases[vocabulary.label] = (pattern, Term(vocabulary.phrase_id, ()))

    def _supported(self, doc: Doc, label: str, start: int, end: int) -> bool:
        """A `when_supporting` term: in a resources cell, after a support cue in its
        sentence, or naming support itself ("mentor support", "coaching time")."""
        if self.role_of(doc) == "resources":
            return True
        if label not in self.support:
            return False
        text = text_of(doc)
        start_char, end_char = token_chars(doc, start, end)
        named = text[start_char:end_char]
        words = self.support_words[label]
        if any(word in named.lower() for word in words) or self.support[label].search(named):
            return True  # "mentor support", "access to call recordings"
        first = next(char for f, e, char, _ in sentences(doc) if f <= start < e)
        return bool(self.support[label].search(text, first, start_char))

    def _phrases(
        self, doc: Doc, label: str, words: set[int]
    ) -> list[tuple[int, int, Term, tuple[str, ...]]]:
        """Phrases ending in a head after a cue: "using the troubleshooting guides"."""
        hits: list[tuple[int, int, Term, tuple[str, ...]]] = []
        if self.head_words[label].isdisjoint(words):
            return hits  # most texts have no head word: the cheap look first
        pattern, term = self.phrases[label]
        for match in pattern.finditer(text_of(doc)):
            tokens = token_bounds(doc, *match.span("phrase"))
            if tokens is not None and tokens[0] < tokens[1]:
                hits.append((*tokens, term, ()))
        return hits

    def _respelt(self, doc: Doc) -> bool:
        """Give misspelt vocabulary words their vocabulary word as norm; True if any.
        Each distinct word is looked at once per process; set operations keep the
        per-doc cost small."""
        orths = tokens_of(doc).orths
        strings = self.nlp.vocab.strings
        for orth in set(orths) - self.seen:
            self.seen.add(orth)
            corrected = self.speller.correct(strings[orth].lower()) if self.speller else None
            if corrected:
                self.misspelt[orth] = strings.add(corrected)
        if self.misspelt.keys().isdisjoint(orths):
            return False
        norms = doc.to_array(NORM)
        for i, orth in enumerate(orths):
            if orth in self.misspelt:
                norms[i] = self.misspelt[orth]
        doc.from_array([NORM], norms.reshape(-1, 1))
        return True

    def __call__(self, doc: Doc) -> Doc:
        by_label: dict[str, list[tuple[int, int, Term, tuple[str, ...]]]] = {}
        tokens = tokens_of(doc)
        values = {"LOWER": tokens.lowers, "LEMMA": lemmas_of(doc), "ORTH": tokens.orths}
        matches = [
            (m, ())
            for attr, matcher in self.matchers.items()
            if not self.first_words[attr].isdisjoint(values[attr])
            for m in matcher(doc)
        ]
        if self._respelt(doc):
            matches += [(m, ("misspelt",)) for m in self.tolerant(doc)]
        lowers = tokens.lowers
        for (key, start, end), flags in matches:
            label, term = self.terms[key]
            if not term.fits(lowers, start, end):
                continue
            if label in self.name_heads and _in_a_name(doc, lowers, end, self.name_heads[label]):
                continue
            if term.info.get("when_supporting") and not self._supported(doc, label, start, end):
                continue
            by_label.setdefault(label, []).append((start, end, term, term.flags + flags))
        words = set(lowers) if self.phrases else set()
        for label in self.phrases:
            phrases = self._phrases(doc, label, words)
            if phrases:
                by_label.setdefault(label, []).extend(phrases)
        for finders in (self.open_phrases, self.frames):
            for label, finder in finders.items():
                phrases = finder.find(doc)
                if phrases:
                    by_label.setdefault(label, []).extend(phrases)
        for label, hits in by_label.items():
            kept = _longest(hits)
            if label in self.counted:
                for start, end, term, _ in kept:
                    note(doc, label, start, end, term.id)
                continue
            off_topic = {_sentence_of(doc, h[0]) for h in kept if "not relevant" in h[3]}
            negations = self.negations.get(label)
            for start, end, term, flags in kept:
                if term.info.get("generic") and _sentence_of(doc, start) in off_topic:
                    flags = (*flags, "not relevant")  # "a food hygiene certificate"
                if negations and negations.before(doc, start):
                    flags = (*flags, "negated")  # "I do not really look at my stats"
                keep(doc, label, start, end, term.id, flags)
        return doc


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p.lower()).replace(r"\ ", r"\s+") for p in ordered)


class _OpenPhrase:
    """An open-ended phrase after a cue: an aspiration, a move, then the words up to the
    end of the clause ("I'd like to be a fraud investigator one day" names "fraud
    investigator"), with no leading determiner."""

    _WORD = re.compile(r"\s*([\w'’&/-]+)")

    def __init__(self, data: dict[str, Any], term: Term) -> None:
        self.cue = re.compile(
            rf"\b(?:{_alternation(data['aspirations'])})\s+(?:\w+\s+){{0,2}}?"
            rf"(?:{_alternation(data['moves'])})\s+(?:(?:the|a|an|my|our)\s+)?"
        )
        self.stops = frozenset(w.lower() for w in data["stops"])
        self.not_roles = tuple(w.lower() for w in data["not_roles"])
        self.max_words = int(data.get("max_words", 5))
        hedges = data.get("hedges") or []
        self.hedged = re.compile(rf"\b(?:{_alternation(hedges)})\b") if hedges else None
        self.term = term

    def find(self, doc: Doc) -> list[tuple[int, int, Term, tuple[str, ...]]]:
        text = text_of(doc)
        lower = text.lower()
        hits: list[tuple[int, int, Term, tuple[str, ...]]] = []
        for cue in self.cue.finditer(lower):
            start = end = cue.end()
            for _ in range(self.max_words):
                word = self._WORD.match(lower, end)
                if not word or word[1] in self.stops:
                    break
                end = word.end()
            phrase = lower[start:end]
            if not phrase or phrase.startswith(self.not_roles) or self._hedged(doc, start):
                continue
            tokens = token_bounds(doc, start, end)
            if tokens is not None and tokens[0] < tokens[1]:
                hits.append((*tokens, self.term, ()))
        return hits

    def _hedged(self, doc: Doc, char: int) -> bool:
        if self.hedged is None:
            return False
        _, _, start, end = sentences(doc)[sentence_at(doc, char)]
        return bool(self.hedged.search(text_of(doc).lower(), start, end))


class _Frames:
    """Word frames: slots in turn, each one of its words ("_" any word, "~" an optional
    one), so one frame stands for every wording of a turn of phrase."""

    _ANY = r"[\w'’-]+"

    def __init__(self, frames: dict[str, list], terms: dict[str, Term]) -> None:
        self.patterns = [
            (re.compile(rf"\b{self._compile(frame)}\b"), terms.get(term_id, Term(term_id, ())))
            for term_id, term_frames in frames.items()
            for frame in term_frames
        ]

    def _compile(self, frame: list) -> str:
        pattern, optional = "", False
        for slot in frame:
            if slot == "~":
                optional = True
                continue
            piece = self._ANY if slot == "_" else f"(?:{_alternation(list(slot))})"
            if pattern:
                pattern += r"\s+" + (rf"(?:{self._ANY}\s+)?" if optional else "")
            pattern += piece
            optional = False
        return pattern

    def find(self, doc: Doc) -> list[tuple[int, int, Term, tuple[str, ...]]]:
        lower = text_of(doc).lower()
        hits: list[tuple[int, int, Term, tuple[str, ...]]] = []
        for pattern, term in self.patterns:
            for match in pattern.finditer(lower):
                tokens = token_bounds(doc, *match.span())
                if tokens is not None and tokens[0] < tokens[1]:
                    hits.append((*tokens, term, term.flags))
        return hits


_CLAUSE_JOINERS = frozenset(("and", "but", "although", "though", "while", "whereas"))


class _Negations:
    """A negation shortly before a hit, in its clause: "I have not had any feedback",
    "I don't look at my stats" (punctuation, a number or a joining word ends the clause:
    "no complaints and 3 compliments")."""

    _WINDOW = 8  # words before the hit

    def __init__(self, words: tuple[str, ...]) -> None:
        self.pattern = re.compile(rf"\b(?:{_alternation(list(words))})\b")

    def before(self, doc: Doc, start: int) -> bool:
        first = max(start - self._WINDOW, 0)
        for i in range(start - 1, first - 1, -1):
            if doc[i].is_punct or doc[i].like_num or doc[i].lower_ in _CLAUSE_JOINERS:
                first = i + 1
                break
        if first >= start:
            return False
        start_char, end_char = token_chars(doc, first, start)
        return bool(self.pattern.search(text_of(doc).lower(), start_char, end_char))


_NAME_GAP = 2  # name words between a term and a team word: "Complaints Escalation team"
_JOINERS = frozenset(map(get_string_id, ("&", "and", "+")))


def _in_a_name(doc: Doc, lowers: list[int], end: int, heads: frozenset[int]) -> bool:
    """Whether the words after a match end a team's name ("the QA & Compliance team"):
    a name word is anything but a function word or punctuation ("complaints for the team"
    is a metric)."""
    for i in range(end, min(end + _NAME_GAP + 1, len(lowers))):
        if lowers[i] in heads:
            return True
        token = doc[i]
        if lowers[i] not in _JOINERS and (token.is_stop or token.is_punct or token.like_num):
            return False
    return False


def _sentence_of(doc: Doc, token: int) -> int:
    return next(i for i, (first, end, *_) in enumerate(sentences(doc)) if first <= token < end)


def _longest(hits: list[tuple]) -> list[tuple]:
    """Non-overlapping hits (start, end, ...), longer ones first (as spaCy's filter_spans;
    of equal ones, the first found), in text order."""
    if len(hits) == 1:
        return hits
    ordered = sorted(hits, key=lambda h: h[0])
    if all(a[1] <= b[0] for a, b in itertools.pairwise(ordered)):
        return ordered  # none overlap: the common case, with nothing to choose
    taken: set[int] = set()
    kept = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        start, end = hit[0], hit[1]
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            kept.append(hit)
    return sorted(kept, key=lambda h: h[0])
