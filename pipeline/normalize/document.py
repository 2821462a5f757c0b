"""Interpret an extracted document: metadata, table types, indicators and measurements."""

from __future__ import annotations

from pipeline.model import DocumentMeta, ExtractedDocument, NormalizedDocument, TableType


def normalize_document(doc: ExtractedDocument) -> NormalizedDocument:
    """(Placeholder until the table normalizers land: metadata unknown, no indicators.)"""
    meta = DocumentMeta(TableType.UNKNOWN, None, None, None, None)
    return NormalizedDocument(meta=meta, table_types=(), indicators=())
