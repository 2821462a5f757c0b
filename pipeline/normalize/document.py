"""Interpret an extracted document: table types, indicators with measurements, document fields."""

from __future__ import annotations

import dataclasses
import logging

from pipeline.model import (BBox, Cell, DocumentMeta, ExtractedDocument, IndicatorRecord,
                            MeasurementRecord, NormalizedDocument, RawTable, Source, TableType)
from pipeline.errors import PipelineError
from pipeline.normalize.classify import classify_table
from pipeline.normalize.context import TableContext
from pipeline.normalize.meta import (find_organization, find_period, find_region, find_year,
                                     free_text, main_type)
from pipeline.normalize.narrative import with_statements
from pipeline.normalize.registry import normalizer_for

log = logging.getLogger(__name__)


Provenance = dict[tuple[int, BBox], Cell]


def cell_provenance(table: RawTable) -> Provenance:
    """(page, cell box) -> the cell, for the table's OCR cells."""
    return {(c.page, c.bbox): c for row in table.rows for c in row
            if c is not None and c.bbox is not None and c.source is Source.OCR}


def with_provenance(measurements: tuple[MeasurementRecord, ...],
                    provenance: Provenance) -> tuple[MeasurementRecord, ...]:
    """Measurements carry the OCR confidence of the cell they were printed in, of the words
    of their printed text (the normalizers pass the cell's page and box on); a normalizer's
    lower confidence stays (a quarter told by its place in a series, not by its label)."""
    if not provenance:
        return measurements
    out = []
    for m in measurements:
        cell = provenance.get((m.page, m.bbox)) if m.bbox is not None else None
        if cell is None:
            out.append(m)
            continue
        source, confidence = cell.source, cell.confidence_of(m.raw_text)
        if m.confidence is not None and confidence is not None:
            confidence = min(confidence, m.confidence)
        out.append(dataclasses.replace(m, source=source, confidence=confidence))
    return tuple(out)


def normalize_document(doc: ExtractedDocument, *, strict: bool = False) -> NormalizedDocument:
    """Every table through the normalizer of its type; a table that fails is recorded as a
    problem (the document becomes partial) and the others go on, unless `strict`."""
    text = free_text(doc.pages)
    year, period = find_year(text), find_period(text)
    organization = find_organization(text)
    types: list[TableType] = []
    indicators: list[IndicatorRecord] = []
    problems = list(doc.problems)
    for index, table in enumerate(doc.tables):
        table_type = classify_table(table)
        types.append(table_type)
        normalize = normalizer_for(table_type)
        if normalize is None:
            continue
        ctx = TableContext(table_index=index, fiscal_year=year, period=period,
                           organization=organization)
        try:
            rows = normalize(table, ctx)
        except (PipelineError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
            if strict:
                raise
            log.warning("table %d (%s, page %d): %s", index, table_type, table.page, exc)
            problems.append(f"the {table_type.value} table on page {table.page} could not be read "
                            f"({type(exc).__name__}: {exc})")
            continue
        if not rows and table.rows:
            # a table of a known type that gives nothing: its header was not read (a 200-dpi
            # scan whose second header row fell into the body); say so, never drop it silently
            problems.append(f"the {table_type.value} table on page {table.page} gave no "
                            f"indicators: its column headers could not be read")
            continue
        provenance = cell_provenance(table)
        indicators.extend(dataclasses.replace(r, table_index=index,
                                              measurements=with_provenance(r.measurements, provenance))
                          for r in rows)
    meta = DocumentMeta(doc_type=main_type(indicators, types, doc.pages), organization=organization,
                        region=find_region(text), fiscal_year=year, period=period)
    indicators, statements = with_statements(indicators, doc.pages)
    return NormalizedDocument(meta=meta, table_types=tuple(types), indicators=tuple(indicators),
                              problems=tuple(problems), statements=tuple(statements))
