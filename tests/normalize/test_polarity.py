import pytest

from pipeline.model import Polarity
from pipeline.normalize.polarity import polarity_of


@pytest.mark.parametrize(("name", "polarity"), [
    ("Disparitas Harga Antar Wilayah", Polarity.NEGATIVE),  # Kaltim IKU
    ("Persentase harga pangan yang mengalami fluktuasi harga lebih besar 10%", Polarity.NEGATIVE),
    ("Persentase Temuan yang Ditindaklanjuti", Polarity.POSITIVE),  # Monev E.81
    ("Prosentase perubahan IHK perbulan (Indeks Harga Konsumen)", Polarity.NEGATIVE),  # Gresik
    ("Persentase stabilitasi dan jumlah ketersediaan bahan pokok", None),
    ("Nilai SAKIP PD", Polarity.POSITIVE),
    # BPMPD Jabar Renja 2015 (../shared/real): an activity against poverty, not its level
    ("Fasilitasi, mediasi dan monitoring penanggulangan kemiskinan (MDGs)", Polarity.POSITIVE),
    ("Persentase penduduk miskin", Polarity.NEGATIVE),
    ("Tingkat keterlambatan", Polarity.NEGATIVE),  # ../shared/real LKIP Disperindag Jabar 2016
    ("", None),
])
def test_polarity_of(name: str, polarity: Polarity | None) -> None:
    assert polarity_of(name) is polarity
