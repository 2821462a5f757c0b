"""What kind of quantity an indicator counts, from its name and Satuan (DOMAIN.md section 4):
counts of outputs are cumulative flows (type A) and integers; percentages, scores and per-month
levels are not summed over time."""

from __future__ import annotations

import re

from pipeline.normalize.units import normalize_unit, unit_of
from pipeline.validate.facts import Indicator, Number

# Satuan of things counted one by one (E81-09: integers; type A flows: 14 K = 6 K + 12 K).
# `prodk` is seed 001's misspelling of produk.
COUNT_UNITS = frozenset({
    "dokumen", "laporan", "unit", "paket", "orang", "peserta", "pelaku usaha", "produk",
    "prodk", "kali", "kegiatan", "buah", "lokasi", "pasar", "koperasi", "umkm", "ikm", "ukm",
    "wub", "surat", "stand", "sertifikat", "rapat", "usaha industri", "uttp", "berkas",
})
# "Jumlah ..." names a count; "Persentase/Prosentase/Presentase ..." a share.
COUNT_NAME = re.compile(r"""^\s*jumlah\b""", re.IGNORECASE | re.VERBOSE)
SHARE_NAME = re.compile(r"""^\s*(?:%|persentase|prosentase|presentase)""",
                        re.IGNORECASE | re.VERBOSE)
# a share of growth or change may exceed 100 or be negative: not a share of a set
CHANGE_WORDS = re.compile(r"""\b(?:peningkatan|pertumbuhan|kenaikan|penurunan|perubahan)\b""",
                          re.IGNORECASE | re.VERBOSE)
# spellings of Persentase folded before indicator names are compared
PERSENTASE_SPELLINGS = re.compile(r"""\b(?:prosentase|presentase|persentasi)\b""",
                                  re.IGNORECASE | re.VERBOSE)
NOT_ALPHANUMERIC = re.compile(r"""[^0-9a-z%]+""", re.VERBOSE)


def name_key(name: str | None) -> str:
    """Indicator names compared across rows: case, spacing, punctuation and Persentase
    spellings folded ("Prosentase UMKM  menjadi wirausaha" -> "persentase umkm menjadi ...")."""
    folded = PERSENTASE_SPELLINGS.sub("persentase", (name or "").lower())
    return " ".join(NOT_ALPHANUMERIC.sub(" ", folded).split())


def is_count(ind: Indicator) -> bool:
    """A count of whole things (dokumen, laporan, unit ...); per-month units are levels."""
    unit = (ind.unit or "").strip().lower()
    return unit in COUNT_UNITS


def is_cumulative(ind: Indicator) -> bool:
    """Type A (flow count): the Renstra-to-date value is 6 K + 12 K; else the latest value."""
    return is_count(ind) and bool(COUNT_NAME.match(ind.indicator_name or ""))


def is_share(ind: Indicator) -> bool:
    """A percentage of a set (lies in [0, 100]); growth/change percentages are not."""
    name = ind.indicator_name or ""
    return ((ind.unit or "") == "%" and bool(SHARE_NAME.match(name))
            and not CHANGE_WORDS.search(name))


def on_one_scale(ind: Indicator, *numbers: Number) -> bool:
    """The numbers are in one unit, the indicator's Satuan: realisasi / target is a capaian only
    then. A table that prints the base quantities ("1,089,732.21 ton", "116 kasus") beside a
    growth target in % (the DKP Jawa Barat 2016 LKIP) computes its "Pencapaian" otherwise."""
    satuan = normalize_unit(ind.unit)
    printed = {unit_of(n.raw_text) for n in numbers} | {satuan}
    # "kg/kap/ tahun" and "kg/kap/tahun" are one unit
    units = {None if u is None else "".join(u.split()) for u in printed}
    return len(units - {None}) <= 1
