"""The evidence table: which intervention-condition pairs are known, and how strong the evidence is.

`training_data/evidence.csv` has one row per pair with `|`-separated lowercase synonyms, a
grade (established | moderate | limited | none | against) and what the grade rates: a claimed
`benefit`, or how well a `harm` is established ("sauna" and "dehydration"). Matching is by whole
tokens through one `PhraseMatcher` for interventions and one for conditions, so a sentence costs
a dict lookup per token, whatever the size of the table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .phrases import PhraseMatcher, tokenize

GRADES = ("established", "moderate", "limited", "none", "against")
EFFECTS = ("benefit", "harm")

DEFAULT_EVIDENCE_PATH = Path(__file__).resolve().parent.parent / "training_data" / "evidence.csv"


@dataclass(frozen=True)
class EvidenceEntry:
    """One row of the table: what the evidence says about an intervention for a condition."""

    intervention: str
    condition: str
    grade: str
    source: str
    effect: str = "benefit"

    def as_dict(self) -> dict:
        return {
            "intervention": self.intervention,
            "condition": self.condition,
            "grade": self.grade,
            "source": self.source,
        }


@dataclass(frozen=True)
class EvidenceMatch:
    """A known pair named in a sentence, with the token ranges of the two names."""

    entry: EvidenceEntry
    intervention_tokens: tuple[int, int]
    condition_tokens: tuple[int, int]


def _strength(entry: EvidenceEntry) -> tuple[bool, int]:
    """Sort key: benefit entries before harms, then stronger grades first."""
    return entry.effect == "harm", GRADES.index(entry.grade)


def _synonyms(name: str, synonyms: str) -> list[str]:
    names = [name.strip().lower()] + [s.strip().lower() for s in (synonyms or "").split("|")]
    return [n for n in dict.fromkeys(names) if n]


def read_evidence_rows(path: str | Path) -> list[dict]:
    """The rows of an evidence CSV as dicts; an absent file gives an empty table."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row.get("grade", "").strip() in GRADES]


class EvidenceTable:
    """Looks up the known intervention-condition pair a sentence names, if any."""

    def __init__(self, rows: list[dict]):
        self.pairs: dict[tuple[str, str], EvidenceEntry] = {}
        interventions: dict[str, str] = {}
        conditions: dict[str, str] = {}
        for row in rows:
            intervention = row["intervention"].strip().lower()
            condition = row["condition"].strip().lower()
            effect = (row.get("effect") or "").strip()
            entry = EvidenceEntry(
                intervention,
                condition,
                row["grade"].strip(),
                row.get("source", "").strip(),
                effect if effect in EFFECTS else "benefit",
            )
            self.pairs.setdefault((intervention, condition), entry)
            for synonym in _synonyms(intervention, row.get("intervention_synonyms", "")):
                interventions.setdefault(synonym, intervention)
            for synonym in _synonyms(condition, row.get("condition_synonyms", "")):
                conditions.setdefault(synonym, condition)
        self.interventions = PhraseMatcher(interventions.items())
        self.conditions = PhraseMatcher(conditions.items())
        # Both kinds in one matcher, so a sentence is scanned once.
        self.names = PhraseMatcher(
            [(synonym, ("i", name)) for synonym, name in interventions.items()]
            + [(synonym, ("c", name)) for synonym, name in conditions.items()]
        )
        # The strongest evidence each intervention has for any condition: what a sentence that
        # names it without a known condition can lean on at best. Benefits come first: a
        # well-shown harm ("sauna" and "dehydration") says nothing for a claimed benefit. Only
        # an intervention with harms alone (smoking) is judged by its best-shown harm.
        self.best_entry: dict[str, EvidenceEntry] = {}
        for (intervention, _), entry in self.pairs.items():
            best = self.best_entry.get(intervention)
            if best is None or _strength(entry) < _strength(best):
                self.best_entry[intervention] = entry

    @classmethod
    def from_csv(cls, path: str | Path = DEFAULT_EVIDENCE_PATH) -> EvidenceTable:
        """Build the table from an evidence CSV (empty when the file is absent)."""
        return cls(read_evidence_rows(path))

    def __len__(self) -> int:
        return len(self.pairs)

    def match_tokens(self, tokens: list[str]) -> EvidenceMatch | None:
        """The first known pair named in the tokens (reading order), or None."""
        return self.names_in(tokens)[0]

    def names_in(self, tokens: list[str]) -> tuple[EvidenceMatch | None, list, list]:
        """(first known pair or None, interventions found, conditions found) for the tokens.

        The found lists hold (canonical name, start token, end token) in reading order.
        """
        return self.names_from_hits(self.names.find(tokens))

    def names_from_hits(self, hits) -> tuple[EvidenceMatch | None, list, list]:
        """`names_in` from the hits of `self.names` (or of a matcher combined with it: hits
        whose key is not one of this table's are skipped)."""
        found_interventions, found_conditions = [], []
        # Hits come by start, longest first: a name inside a longer one ("sugar" in "blood
        # sugar", "vaccine" in "flu vaccine", "smoking" in "quit smoking") is not named.
        cover_start, cover_end = -1, -1
        for key, start, end in hits:
            if not isinstance(key, tuple):
                continue
            if end <= cover_end and (start, end) != (cover_start, cover_end):
                continue
            if end > cover_end:
                cover_start, cover_end = start, end
            kind, name = key
            (found_interventions if kind == "i" else found_conditions).append((name, start, end))
        if not found_interventions or not found_conditions:
            return None, found_interventions, found_conditions
        return (
            self._first_pair(found_interventions, found_conditions),
            found_interventions,
            found_conditions,
        )

    def _first_pair(self, found_interventions, found_conditions) -> EvidenceMatch | None:
        for intervention, i_start, i_end in found_interventions:
            for condition, c_start, c_end in found_conditions:
                # A synonym can be both (e.g. "sleep"): never pair a name with itself.
                if c_start < i_end and i_start < c_end:
                    continue
                entry = self.pairs.get((intervention, condition))
                if entry is not None:
                    return EvidenceMatch(entry, (i_start, i_end), (c_start, c_end))
        return None

    def match(self, text: str) -> EvidenceMatch | None:
        """The first known pair named in `text`, or None."""
        return self.match_tokens(tokenize(text))

    def interventions_named(self, tokens: list[str]) -> list[str]:
        """Canonical names of the interventions named in the tokens, in reading order."""
        return [name for name, _, _ in self.interventions.find(tokens)]
