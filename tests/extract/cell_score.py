"""Cell-level score of an engine's tables against the truth tables of a document, as printed.

Truth side: the body rows of every truth table, in reading order, cut into row-groups. A group is
a row with its continuation lines (`kind: continuation`) and every row tied to it by a rowspan
cell, because engines legitimately put such text in different places: a continuation line in a
row of its own (Excel, ruled per line) or joined into the cell above (Word, ruled per indicator),
a merged cell's text in the top row of its span or in the middle. Each group is read two ways,
line by line and with continuation lines joined to their row column by column; a table is scored
with whichever reading fits the extraction better, the same for all its groups. A truth cell is
its text with whitespace folded; a fraction typeset as `num` over `den` also counts when read line
by line without the bar.

Engine side: each extracted table as rows of cell texts, whitespace folded, empty cells dropped.

Alignment: each extracted table's rows are aligned to the document's truth groups monotonically (a
later row never goes to an earlier group; several rows may share one, e.g. the lines of a split
cell; a row may go nowhere) and only to groups printed on the row's page (the Gresik archive
repeats whole tables for two officials), maximising the summed distinctiveness of the texts a row
shares with its group. A text's distinctiveness is 1 / the number of truth groups of the document
holding it, so a row is placed by its rarest cells (a code, a name, an uncommon number) and a run
of repeated `0,00%` only decides in the absence of anything better, in reading order.

Scoring: an extracted cell is a true positive when its group (in the chosen reading) holds a cell
of the same text not matched yet. Recall is over the truth's non-empty body cells; precision over
the extracted non-empty cells, except rows that match no group and consist mostly of header or
column-number texts (camelot returns the header as body rows; the project's reader separates
it). Other unmatched rows (titles, narrative, fragments) count against the truth table whose rows
surround them in the same extracted table, else the first truth table on their page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from pipeline.normalize.text import fold
from tests.truth_tables import cell_text, occupancy, slot_texts

# A row of unmatched cells is the table's header (or its printed column numbers) when at least
# this share of its cells are header texts: stray body fragments in a header row stay possible.
HEADER_ROW_SHARE = 0.5
# Fragments shorter than this are compared with header cells exactly, not as substrings: "1" or
# "K" occurs inside almost any header text.
HEADER_SUBSTRING_MIN = 4
# A truth table counts as found when the engine read at least this share of its cells.
FOUND_RECALL = 0.5


@dataclass(frozen=True)
class TruthGroup:
    """One row-group of a truth table: its non-empty cell texts in both readings."""

    table_id: str
    table_type: str
    pages: frozenset[int]  # pages its rows are printed on
    lines: tuple[str, ...]  # cells line by line
    joined: tuple[str, ...]  # continuation lines joined to their row, column by column

    def texts(self) -> set[str]:
        return set(self.lines) | set(self.joined)


@dataclass(frozen=True)
class EngineTable:
    """One table as an engine returned it: rows of cell texts (raw, not yet folded), their pages."""

    rows: tuple[tuple[str, ...], ...]
    row_pages: tuple[int, ...]


@dataclass
class Tally:
    """Counts behind precision and recall: matched cells, truth cells, extracted cells."""

    tp: int = 0
    truth: int = 0
    got: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.truth += other.truth
        self.got += other.got

    @property
    def precision(self) -> float:
        return self.tp / self.got if self.got else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        total = self.truth + self.got
        return 2 * self.tp / total if total else 1.0


@dataclass
class TableScore:
    """One truth table's score: cell counts and how many extracted tables fed it."""

    table_id: str
    table_type: str
    tally: Tally = field(default_factory=Tally)
    pieces: int = 0

    @property
    def found(self) -> bool:
        return self.tally.recall >= FOUND_RECALL


@dataclass(frozen=True)
class DocumentScore:
    tables: tuple[TableScore, ...]
    extra_tables: int  # extracted tables matching no truth row (headers-only tables excluded)
    stray: Tally  # unmatched cells on pages without any truth table


# --- truth side --------------------------------------------------------------------------------

def group_starts(rows: Sequence[dict]) -> list[int]:
    """Indices of the rows that start a row-group."""
    grid = occupancy([r["cells"] for r in rows])
    starts = []
    for r, row in enumerate(rows):
        covered = any(origin is not None and origin[0] < r for origin in grid[r])
        if r == 0 or (row["kind"] != "continuation" and not covered):
            starts.append(r)
    return starts


def joined_lines(kinds: Sequence[str], lines: Sequence[Sequence[str | None]]) -> list[list[str]]:
    """Continuation lines joined to the line above, slot by slot (as one Word cell holds them)."""
    out: list[list[str]] = []
    for kind, line in zip(kinds, lines):
        texts = [t or "" for t in line]
        if kind == "continuation" and out:
            out[-1] = [f"{a}\n{b}" if a and b else a or b for a, b in zip(out[-1], texts)]
        else:
            out.append(texts)
    return out


def non_empty(texts: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(k for k in (fold(t or "") for t in texts) if k)


def truth_groups(table: dict, row_pages: Sequence[int]) -> list[TruthGroup]:
    rows = table["rows"]
    lines = slot_texts([r["cells"] for r in rows])
    starts = group_starts(rows)
    groups = []
    for start, end in zip(starts, starts[1:] + [len(rows)]):
        kinds = [r["kind"] for r in rows[start:end]]
        block = lines[start:end]
        groups.append(TruthGroup(
            table_id=table["id"], table_type=table["table_type"],
            pages=frozenset(row_pages[start:end]),
            lines=non_empty(t for line in block for t in line),
            joined=non_empty(t for line in joined_lines(kinds, block) for t in line)))
    return groups


def header_texts(tables: Iterable[dict]) -> frozenset[str]:
    """Every header and column-number cell text of the truth tables, folded."""
    texts: set[str] = set()
    for table in tables:
        rows = list(table["header_rows"])
        if table["column_number_row"] is not None:
            rows.append(table["column_number_row"])
        for row in rows:
            texts.update(non_empty(slot_texts([row])[0]))
    return frozenset(texts)


def fraction_aliases(tables: Iterable[dict]) -> dict[str, str]:
    """A stacked fraction read line by line, without its bar -> the truth's `num / den suffix`.

    The suffix (` x 100%`) sits beside the bar, so a text layer read top-down puts it either
    after the denominator or between numerator and denominator.
    """
    aliases = {}
    for table in tables:
        for row in table["rows"]:
            for raw in row["cells"]:
                if isinstance(raw, dict) and "frac" in raw:
                    prefix, suffix = raw.get("prefix", ""), raw.get("suffix", "")
                    num, den = raw["frac"]["num"], raw["frac"]["den"]
                    for stacked in (f"{prefix}{num} {den}{suffix}", f"{prefix}{num}{suffix} {den}"):
                        aliases[fold(stacked)] = fold(cell_text(raw))
    return aliases


# --- alignment ---------------------------------------------------------------------------------

def distinctiveness(groups: Sequence[TruthGroup]) -> dict[str, dict[int, float]]:
    """text -> {group index: 1 / number of groups holding the text}."""
    holders: dict[str, list[int]] = {}
    for g, group in enumerate(groups):
        for text in group.texts():
            holders.setdefault(text, []).append(g)
    return {text: {g: 1.0 / len(gs) for g in gs} for text, gs in holders.items()}


def align_rows(rows: Sequence[tuple[str, ...]], pages: Sequence[int],
               groups: Sequence[TruthGroup],
               weights: dict[str, dict[int, float]]) -> list[int | None]:
    """Monotone alignment of rows to groups maximising shared distinctiveness; None = no group.

    best[j] after row i is the best total with row i's group <= j; each row either joins a group
    (adding its shared weight there) or is left out (adding nothing).
    """
    n_groups = len(groups)
    if not rows or n_groups == 0:
        return [None] * len(rows)
    best = np.zeros(n_groups)
    gains, choices = [], []
    for row, page in zip(rows, pages):
        gain = np.zeros(n_groups)
        for text in set(row):
            for g, w in weights.get(text, {}).items():
                if page in groups[g].pages:
                    gain[g] += w
        candidate = best + gain
        choices.append(candidate)
        gains.append(gain)
        best = np.maximum.accumulate(candidate)
    out: list[int | None] = [None] * len(rows)
    bound = n_groups - 1
    for i in range(len(rows) - 1, -1, -1):
        j = int(np.argmax(choices[i][:bound + 1]))
        if gains[i][j] > 0:
            out[i] = j
        bound = j
    return out


# --- scoring -----------------------------------------------------------------------------------

def reading_tallies(got: Counter[str], group: TruthGroup) -> tuple[Tally, Tally]:
    """The cells aligned to a group against its line-by-line and its joined reading."""
    out = []
    for reading in (group.lines, group.joined):
        truth = Counter(reading)
        out.append(Tally(sum((got & truth).values()), len(reading), sum(got.values())))
    return out[0], out[1]


def better_reading(by_line: Tally, joined: Tally) -> Tally:
    """The reading the extraction fits better; line by line (the printed grid) on a tie."""
    return joined if joined.f1 > by_line.f1 else by_line


def is_header_row(texts: Sequence[str], headers: frozenset[str]) -> bool:
    long_headers = [h for h in headers if len(h) >= HEADER_SUBSTRING_MIN]

    def in_header(text: str) -> bool:
        return text in headers or (len(text) >= HEADER_SUBSTRING_MIN
                                   and any(text in h for h in long_headers))
    return bool(texts) and sum(map(in_header, texts)) >= HEADER_ROW_SHARE * len(texts)


def nearest_table(assigned: Sequence[int | None], i: int,
                  groups: Sequence[TruthGroup]) -> str | None:
    """The truth table of the closest aligned row of the same extracted table, earlier first."""
    for j in list(range(i - 1, -1, -1)) + list(range(i + 1, len(assigned))):
        g = assigned[j]
        if g is not None:
            return groups[g].table_id
    return None


def first_table_on(page: int, groups: Sequence[TruthGroup]) -> str | None:
    return next((g.table_id for g in groups if page in g.pages), None)


def score_document(truth_tables: Sequence[dict], row_pages: dict[str, Sequence[int]],
                   engine_tables: Sequence[EngineTable]) -> DocumentScore:
    """Score an engine's tables of one document against all its truth tables (see module doc)."""
    groups = [g for t in truth_tables for g in truth_groups(t, row_pages[t["id"]])]
    weights = distinctiveness(groups)
    headers = header_texts(truth_tables)
    aliases = fraction_aliases(truth_tables)
    scores = {t["id"]: TableScore(t["id"], t["table_type"]) for t in truth_tables}
    aligned: list[Counter[str]] = [Counter() for _ in groups]
    stray, extra, fed = Tally(), 0, set()
    for n, table in enumerate(engine_tables):
        rows = [tuple(aliases.get(k, k) for k in non_empty(row)) for row in table.rows]
        assigned = align_rows(rows, table.row_pages, groups, weights)
        if all(g is None for g in assigned) and not all(
                is_header_row(r, headers) for r in rows if r):
            extra += 1
        for i, (row, g) in enumerate(zip(rows, assigned)):
            if g is not None:
                aligned[g].update(row)
                fed.add((groups[g].table_id, n))
            elif row and not is_header_row(row, headers):
                owner = (nearest_table(assigned, i, groups)
                         or first_table_on(table.row_pages[i], groups))
                (scores[owner].tally if owner else stray).add(Tally(0, 0, len(row)))
    readings = {t["id"]: (Tally(), Tally()) for t in truth_tables}
    for group, got in zip(groups, aligned):
        for total, tally in zip(readings[group.table_id], reading_tallies(got, group)):
            total.add(tally)
    for table_id, (by_line, joined) in readings.items():
        scores[table_id].tally.add(better_reading(by_line, joined))
    for table_id, _ in fed:
        scores[table_id].pieces += 1
    return DocumentScore(tuple(scores.values()), extra, stray)
