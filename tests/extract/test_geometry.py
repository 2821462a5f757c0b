"""Word geometry shared by the text-layer and OCR paths."""

from __future__ import annotations

from pipeline.extract.geometry import Segment, Word, lines_text, split_at_rulings


def ocr_word(text: str, x0: float, top: float, x1: float, bottom: float) -> Word:
    return Word(text, x0, top, x1, bottom, False, 90.0)


def test_ocr_words_of_one_line_stay_on_it_whatever_their_ascenders() -> None:
    # tesseract's boxes on page 11 of the 300 dpi Rencana Aksi scan: "yang" has no ascender,
    # its top 2.7 pt below that of "lainnya"; the next line starts ~10 pt lower
    words = [
        ocr_word("Jumlah", 622.7, 201.6, 643.0, 207.6),
        ocr_word("peralatan/mesin", 646.0, 201.6, 691.0, 209.3),
        ocr_word("lainnya", 694.3, 200.1, 714.0, 209.3),
        ocr_word("yang", 716.6, 202.8, 730.0, 209.3),
        ocr_word("diadakan", 732.9, 201.6, 758.0, 207.6),
        ocr_word("kantor", 622.7, 211.4, 641.0, 217.4),
    ]
    assert lines_text(words) == "Jumlah peralatan/mesin lainnya yang diadakan\nkantor"


def test_text_layer_lines_of_tight_print_stay_apart() -> None:
    # 5 pt E.81 print: lines 6 pt apart
    words = [Word("Jumlah", 100.0, 50.0, 115.0, 55.0, False),
             Word("dokumen", 117.0, 50.0, 135.0, 55.0, False),
             Word("hasil", 100.0, 56.0, 110.0, 61.0, False)]
    assert lines_text(words) == "Jumlah dokumen\nhasil"


def test_a_garbled_ocr_word_hanging_below_its_line_stays_on_it() -> None:
    # page 15 of the 300 dpi Gresik scan: "Prosentase" read as a tall "Ap" (confidence 22)
    words = [ocr_word("Ap", 204.9, 248.4, 237.6, 265.2),
             ocr_word("perubahan", 240.0, 248.1, 270.5, 255.8),
             ocr_word("IHK", 273.1, 248.4, 283.4, 254.1)]
    assert lines_text(words) == "Ap perubahan IHK"


def test_an_ocr_word_across_a_ruling_is_cut_there() -> None:
    # the Kaltim IKU photo: the target `18,97%` and the Triwulan I `-` read as one word
    word = ocr_word("18,97%-", 540.0, 100.0, 575.0, 106.0)
    ruling = Segment(571.1, 90.0, 571.1, 200.0)
    assert [(w.text, w.x0, w.x1) for w in split_at_rulings([word], [ruling])] == [
        ("18,97%", 540.0, 571.1), ("-", 571.1, 575.0)]
    # a ruling at the word's edge, one that ends above it, a horizontal one: no cut
    for other in (Segment(574.0, 90.0, 574.0, 200.0), Segment(560.0, 10.0, 560.0, 90.0),
                  Segment(500.0, 103.0, 600.0, 103.0)):
        assert split_at_rulings([word], [other]) == [word]
