"""Polarity of an indicator from its name (DOMAIN.md 3.2, POL-02, the name-lexicon step).

Negative (lower is better) when the name measures the level of something undesirable;
positive overrides are checked first because they turn such a name around ("penurunan
pengaduan", "temuan yang ditindaklanjuti"). Ambiguous names give None, never a guess.
"""

from __future__ import annotations

import re

from pipeline.model import Polarity
from pipeline.normalize.text import key

# words that make an indicator higher-is-better even when it names something undesirable
POSITIVE_OVERRIDES = (
    "penurunan", "menurunnya", "berkurangnya", "pengurangan", "penanganan", "tertangani",
    "penanggulangan", "pengentasan",  # tackling poverty, floods: an activity, higher is better
    "ditindaklanjuti", "tindak lanjut", "terselesaikan", "penyelesaian", "terkendali",
    "bebas", "tanpa", "ketepatan", "tepat waktu", "cakupan", "kepatuhan",
)
# levels of undesirable quantities (lower is better)
NEGATIVE_TERMS = (
    "fluktuasi", "disparitas", "inflasi", "pengangguran", "kemiskinan", "penduduk miskin",
    "gini", "ketimpangan", "angka kematian", "stunting", "prevalensi", "kasus",
    "angka kesakitan", "kejadian", "pengaduan", "keluhan", "komplain", "temuan", "kecelakaan",
    "kebakaran", "kerusakan", "genangan", "banjir", "kumuh", "tidak layak huni", "lahan kritis",
    "pencemaran", "emisi", "sampah tidak terkelola", "putus sekolah", "buta aksara",
    "kriminalitas", "pelanggaran", "tunggakan", "piutang macet", "deviasi", "selisih",
    "perubahan ihk",  # the monthly change of the consumer price index is inflation
    "keterlambatan",  # lateness (LKIP Disperindag Jabar 2016: "Tingkat keterlambatan")
)
# names whose direction the lexicon cannot tell (DOMAIN 3.2: "stabilitasi ... ketersediaan")
AMBIGUOUS_TERMS = ("stabilitasi", "stabilitas")
WORD_BOUNDARY = r"(?<![a-z]){}(?![a-z])"


def _has(name_key: str, terms: tuple[str, ...]) -> bool:
    return any(re.search(WORD_BOUNDARY.format(re.escape(t)), name_key) for t in terms)


def polarity_of(indicator_name: str | None) -> Polarity | None:
    """`Disparitas Harga Antar Wilayah` -> negative; `Persentase Temuan yang Ditindaklanjuti`
    -> positive; `Persentase stabilitasi dan jumlah ketersediaan ...` -> None."""
    name_key = key(indicator_name)
    if not name_key:
        return None
    if _has(name_key, POSITIVE_OVERRIDES):
        return Polarity.POSITIVE
    if _has(name_key, AMBIGUOUS_TERMS):
        return None
    if _has(name_key, NEGATIVE_TERMS):
        return Polarity.NEGATIVE
    return Polarity.POSITIVE
