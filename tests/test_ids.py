import hashlib
from pathlib import Path

from pipeline import ids
from tests.sample_files import SAMPLE_PDF


def test_document_id_is_the_sha256_of_the_file_bytes() -> None:
    assert ids.document_id(SAMPLE_PDF) == hashlib.sha256(SAMPLE_PDF.read_bytes()).hexdigest()


def test_document_id_of_a_file_larger_than_one_chunk(tmp_path: Path) -> None:
    data = bytes(range(256)) * (ids.HASH_CHUNK_BYTES // 256 * 3 + 7)
    path = tmp_path / "big.pdf"
    path.write_bytes(data)
    assert ids.document_id(path) == hashlib.sha256(data).hexdigest()


def test_derived_ids_are_stable_and_tell_parts_apart() -> None:
    first = ids.indicator_id("d" * 64, 0, 3, "Persentase capaian")
    assert first == ids.indicator_id("d" * 64, 0, 3, "Persentase capaian")
    assert len(first) == ids.DERIVED_ID_HEX_DIGITS
    assert first != ids.indicator_id("d" * 64, 0, 4, "Persentase capaian")
    assert first != ids.indicator_id("d" * 64, 0, 3, "Persentase capaian", occurrence=1)
    assert ids.hash_id("a", "bc") != ids.hash_id("ab", "c")


def test_finding_id_depends_on_document_rule_indicator_and_field() -> None:
    one = ids.finding_id("doc", "capaian_mismatch", "ind", "capaian/year")
    assert one == ids.finding_id("doc", "capaian_mismatch", "ind", "capaian/year")
    assert one != ids.finding_id("doc", "capaian_mismatch", "ind", "capaian/tw1")
    assert one != ids.finding_id("doc", "capaian_mismatch", None, "capaian/year")
