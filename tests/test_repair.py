"""Tests for newsclean.text.repair: data-driven cases, idempotence, locality, the masthead.

Everything here is self-contained (no benchmark data is read).
"""

import json
import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.text.rebuild import codec_name
from newsclean.text.record import UTF8_FIRST, Restored, Step
from newsclean.text.relabel import latin_relabels, relabel_line
from newsclean.text.repair import Repair, Repaired, looks_suspicious, repair, repair_text
from newsclean.text.suspect import latin_suspect, looks_recodable, plain

CASES = json.loads((Path(__file__).parent / "fixtures" / "repair_cases.json").read_text("utf-8"))


def as_cp1252(data: bytes) -> str:
    """Bytes read as cp1252 the way browsers do (undefined bytes become U+0080-U+009F)."""
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in data
    )


MASTHEAD = "\u00c2\u9db9\u00b4\u00ab\u00c3\u00bd\u00d3\u00b3\u00bb"


@pytest.mark.parametrize("case", CASES, ids=[c["note"][:40] + f"-{i}" for i, c in enumerate(CASES)])
def test_fixture_case(case):
    assert repair(case["original"]).text == case["expected"]


@pytest.mark.parametrize("case", CASES, ids=[f"idem-{i}" for i in range(len(CASES))])
def test_idempotent(case):
    once = repair(case["original"]).text
    assert repair(once).text == once


def test_masthead_alone():
    r = repair(MASTHEAD)
    assert r.text == "麻豆传媒映画"
    assert r.repairs[0].undone == (Step("GBK", "Latin-1", UTF8_FIRST, (Restored("0xAD", 1),)),)
    assert r.repairs[0].description == (
        "GBK read as Latin-1 by a UTF-8-first decoder; lost 0xAD restored"
    )


def test_masthead_in_sentence_is_local():
    host = (
        "The arrest of Huawei executive Meng Wanzhou in {}on a U.S. extradition warrant "
        "strained relations."
    )
    r = repair(host.format(MASTHEAD))
    assert r.text == host.format("麻豆传媒映画")
    (rep,) = r.repairs
    assert (rep.before, rep.after) == (MASTHEAD, "麻豆传媒映画")
    assert host.format(MASTHEAD)[rep.start : rep.end] == MASTHEAD
    assert r.warnings and r.warnings[0].code == "foreign-script-repair"
    assert "Han" in r.warnings[0].message and "Latin" in r.warnings[0].message


def test_repair_offsets_refer_to_input():
    text = "First line is fine.\nThe firm " + as_cp1252("株式会社".encode()) + " won.\n"
    r = repair(text)
    assert r.text == "First line is fine.\nThe firm 株式会社 won.\n"
    for rep in r.repairs:
        assert text[rep.start : rep.end] == rep.before


def test_two_broken_spans_in_one_line():
    a = as_cp1252("Ölçü".encode())
    b = as_cp1252("Ärger".encode())
    r = repair(f"Words {a} and {b} were broken.")
    assert r.text == "Words Ölçü and Ärger were broken."


def test_types():
    r = repair("CafÃ©")
    assert isinstance(r, Repaired) and isinstance(r.repairs[0], Repair)
    assert r.repairs[0].to_dict()["span"] == [3, 5]  # only the broken span
    assert repair_text("CafÃ©") == "Café"


def test_fast_path():
    assert not looks_suspicious("Crème brûlée au café")
    assert not looks_suspicious("Señor Muñoz")
    assert looks_suspicious("CafÃ©")
    assert repair("Zoë and Chloé").repairs == ()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_never_changes(text):
    assert repair(text).text == text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_idempotent_on_anything(text):
    once = repair(text).text
    assert repair(once).text == once


# ---------------------------------------------------------------- Latin code pages read as each other

LATIN_LINES = [
    ("Město hledá nového ředitele školy, přihlášky čekají do pátku.", "cp1250", "latin-1"),
    (
        "Rada miasta przyjęła budżet, a prezydent podziękował mieszkańcom za cierpliwość.",
        "cp1250",
        "cp1252",
    ),
    (
        "Belediye meclisi yeni bütçeyi oybirliğiyle kabul etti, açıklama yarın yapılacak.",
        "iso8859-9",
        "latin-1",
    ),
]


@pytest.mark.parametrize(
    "text,codec,reader", LATIN_LINES, ids=[c + ">" + r for _, c, r in LATIN_LINES]
)
def test_latin_code_page_read_as_another(text, codec, reader):
    broken = (
        text.encode(codec).decode(reader) if reader == "latin-1" else as_cp1252(text.encode(codec))
    )
    r = repair(broken)
    assert r.text == text
    for rep in r.repairs:
        assert broken[rep.start : rep.end] == rep.before
        assert rep.undone[0].encoding.startswith(("cp125", "iso8859", "ISO"))
    assert repair(r.text).text == r.text


def test_latin_repair_is_local_in_an_english_sentence():
    # a phrase long enough to name its language (a word or two often is not)
    span = "Přihlášky do soutěže čekají na schválení ředitele školy"
    broken = f"The notice said “{as_cp1252(span.encode('cp1250'))}” in bold."
    r = repair(broken)
    assert r.text == f"The notice said “{span}” in bold."
    assert all(rep.start >= broken.index("“") for rep in r.repairs)


@pytest.mark.parametrize(
    "text",
    [
        "Smørrebrød og blåbærsyltetøj på bordet.",
        "Ærlig talt, æblerne er søde.",
        "Mësuesi u përgjigj në të gjitha pyetjet.",  # a language without a table of its own
        "It’s “fine” — naïve café owners said.",
        "ВІКІ та ЄС",  # capitals of one script are not mojibake
        "Þórður og Sigríður fóru til Akureyrar í gær.",
    ],
)
def test_clean_latin_and_cyrillic_lines_stay(text):
    assert repair(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        # lines from scraped pages that repair used to relabel between code pages on the
        # evidence of one sign or letter (Ž, Š, č, Ť / ť, Ğ / ğ)
        "The Roomba® j7/j7+ Robot Vacuum uses iRobot OS Technology and PrecisionVision Navigation",
        "Offer is valid on the Delta Connection® and Shuttle® flights of AeroMexico®, booked online.",
        "Photo https://vivatechnology.com/media/photos ©Viva Technology 2025",
        "Vu de la planète",
        "1935 | James Chadwick | Frédéric Joliot-Curie; Irène Joliot-Curie | Hans Spemann",
        "Le vainqueur de «Koh Lanta» avait promis de revenir.",
        "Pour lui, c’est «le grand cirque humanitaire» qui se met en place, à Genève comme ailleurs.",
        # broken bytes nothing can undo: a repeated control, a control next to a quote
        "Contact \x90\x90\x90\x90\x90 for details",
        "He wrote “yes”\x9d and left.",
    ],
)
def test_one_sign_or_letter_is_no_evidence_for_another_code_page(text):
    assert repair(text).text == text


def test_utf8_read_as_cp1255_with_undefined_bytes():
    text = "השר הודיע על תוכנית חדשה"
    # bytes cp1255 leaves undefined become U+0080-U+009F (WHATWG-style)
    broken = "".join(
        chr(b)
        if b in (0x8A, 0x8C, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9C, 0x9D, 0x9E, 0x9F)
        else bytes([b]).decode("cp1255")
        for b in text.encode("utf-8")
    )
    r = repair(broken)
    assert r.text == text and [s.read_as for s in r.repairs[0].undone] == ["cp1255"]


def test_ftfy_change_is_kept():
    # ftfy reads a lost no-break space after a UTF-8 lead byte; we must agree
    assert repair("voilÃ  le travail").text == "voilà le travail"


@pytest.mark.parametrize(
    "text",
    [
        "The control byte \x81 stays as it is",
        "Prices: `¬´ and ¬» are only signs here",
    ],
)
def test_one_character_or_private_use_is_no_reading(text):
    out = repair(text).text
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in out)
    assert out == text


# ---------------------------------------------------------------- UTF-8-first decoders, double-byte text


def utf8_first(data: bytes, min_len: int = 2) -> str:
    """Decode valid UTF-8 sequences (of at least *min_len* bytes), other bytes as Latin-1."""
    out, i = [], 0
    while i < len(data):
        for n in (4, 3, 2):
            if n >= min_len and i + n <= len(data):
                try:
                    out.append(data[i : i + n].decode("utf-8"))
                except UnicodeDecodeError:
                    continue
                i += n
                break
        else:
            out.append(chr(data[i]))
            i += 1
    return "".join(out)


@pytest.mark.parametrize(
    "text,codec",
    [
        ("此对象没有修改历史。", "gbk"),  # C3 BB ("没") is valid UTF-8: "û"
        ("市政府今天发布了新的交通计划。", "gbk"),
        ("확장 기능을 설치했습니다.", "euc-kr"),
    ],
)
def test_double_byte_pair_read_as_utf8(text, codec):
    broken = utf8_first(text.encode(codec))
    assert broken != text.encode(codec).decode("latin-1")  # some pair was valid UTF-8
    assert repair(broken).text == text


def test_soft_hyphen_lost_without_a_decoding_error():
    # "く" is 82 AD in Shift-JIS; without the 0xAD, 82 82 is a valid (odd) pair
    text = "今すぐに届くはずです。"
    data = text.encode("shift_jis")
    broken = utf8_first(data, 3).replace("\xad", "")
    assert repair(broken).text == text


# ---------------------------------------------------------------- UTF-8 read as Latin-1, C1 controls removed


def drop_c1(text: str) -> str:
    return bytes(b for b in text.encode("utf-8") if not 0x80 <= b < 0xA0).decode("latin-1")


@pytest.mark.parametrize(
    "text",
    [
        "A város vezetése új szűrő rendszert vezetett be tegnap.",
        "Bugün belediye başkanı yeni bütçeyi açıkladı.",
        "Rada města schválila změny rozpočtu na příští rok.",
        "Le ministre a présenté « un plan ambitieux » à la presse…",
    ],
)
def test_dropped_c1_bytes_are_restored_together(text):
    broken = drop_c1(text)
    assert broken != text
    r = repair(broken)
    assert r.text == text
    assert r.repairs and [
        [x.what for x in step.restored] for step in r.repairs[0].undone if step.encoding == "UTF-8"
    ] == [["C1 byte"]]
    assert repair(r.text).text == r.text


# ---------------------------------------------------------------- bounded time on adversarial input

#: Generous: each of these takes a few seconds at most on a laptop; the limit catches
#: quadratic or exponential blow-ups (minutes), not slowness, and leaves room for a
#: loaded machine.
TIME_LIMIT = 30.0


def timed_repair(text: str) -> tuple[Repaired, float]:
    start = time.perf_counter()
    result = repair(text)
    return result, time.perf_counter() - start


def _mojibake_line(rng: random.Random) -> str:
    words = [
        "Привет",
        "мир",
        "café",
        "été",
        "naïve",
        "“quote”",
        "北京",
        "東京",
        "Ελλάδα",
        "Škoda",
        "Łódź",
        "İstanbul",
        "한국어",
    ]
    line = (
        " ".join(rng.choice(words) for _ in range(rng.randint(3, 12))) + f" {rng.randint(0, 10**6)}"
    )
    return as_cp1252(line.encode("utf-8"))


@pytest.mark.parametrize(
    "name,make",
    [
        ("one Latin-1 letter repeated", lambda rng: "é" * 1_000_000),
        (
            "mixed Latin-1 symbols",
            lambda rng: "".join(rng.choice("Ã©Ã¨Â«»±°´¹²³¼½¾") for _ in range(1_000_000)),
        ),
        (
            "mixed symbols with spaces",
            lambda rng: "".join(rng.choice("Ã©Ã¨Â«» ±° ") for _ in range(1_000_000)),
        ),
        (
            "double-byte look-alikes",
            lambda rng: "".join(rng.choice("鶹´«Ã½Ó³»±¾©ÊÐÕþ¸®½ñÌì·¢²¼") for _ in range(1_000_000)),
        ),
        (
            "1 MB of distinct mojibake lines",
            lambda rng: "\n".join(_mojibake_line(rng) for _ in range(12_000)),
        ),
        (
            "10^5 short suspicious lines",
            lambda rng: "\n".join(f"Caf\u00c3\u00a9 {i}" for i in range(100_000)),
        ),
    ],
)
def test_adversarial_input_is_repaired_in_bounded_time(name, make):
    text = make(random.Random(7))
    result, seconds = timed_repair(text)
    assert seconds < TIME_LIMIT, f"{name}: {seconds:.1f}s"
    assert len(result.text) > 0.5 * len(text)


def test_ten_megabyte_line_in_bounded_time():
    rng = random.Random(3)
    text = "".join(rng.choice("Ã©Ã¨Â«»±°´¹²³¼½¾ ") for _ in range(10_000_000))
    _, seconds = timed_repair(text)
    assert seconds < TIME_LIMIT


def test_past_the_search_budget_ftfy_still_fixes_utf8_mojibake():
    import ftfy

    lines = [_mojibake_line(random.Random(i)) for i in range(3_000)]
    result = repair("\n".join(lines))
    out = result.text.split("\n")
    assert out[0] == repair(lines[0]).text
    assert out[-1] == ftfy.fix_encoding(lines[-1])
    assert not any(w.code == "repair-budget" for w in result.warnings)


def test_both_budgets_spent_leaves_the_rest_and_says_so(monkeypatch):
    import sys

    module = sys.modules[repair.__module__]
    monkeypatch.setattr(module, "SEARCH_BUDGET", 30)
    monkeypatch.setattr(module, "FTFY_BUDGET", 30)
    lines = ["CafÃ© au lait numéro " + str(i) for i in range(10)]
    result = repair("\n".join(lines))
    out = result.text.split("\n")
    assert out[0] == "Café au lait numéro 0"
    assert out[-1] == lines[-1]
    assert any(w.code == "repair-budget" and "budget" in w.message for w in result.warnings)


def test_repeated_lines_are_repaired_alike():
    text = "\n".join(["CafÃ© au lait", "Ð\x9fÑ\x80Ð¸Ð²ÐµÑ\x82"] * 50_000)
    result, seconds = timed_repair(text)
    assert seconds < TIME_LIMIT
    assert result.text == "\n".join(["Café au lait", "Привет"] * 50_000)
    assert len(result.repairs) == 100_000
    assert all(text[r.start : r.end] == r.before for r in result.repairs[-3:])


def test_long_line_is_repaired_in_pieces():
    sentence = as_cp1252("Le café de la gare est fermé à cause des travaux. ".encode())
    text = sentence * 2_000  # one line of 100,000 characters
    result = repair(text)
    assert result.text == "Le café de la gare est fermé à cause des travaux. " * 2_000


def test_a_broken_line_among_other_scripts_is_found():
    # no code page encodes the whole text, yet the first line is plain mojibake
    assert repair("CafÃ© au lait\n北京\nМосква").text == "Café au lait\n北京\nМосква"


#: ASCII, the typographic marks of cp1252, a no-break space, and characters that are no
#: such mark (Latin-1 signs and letters, a C1 control, box drawing, Cyrillic, CJK).
_MARKS_AND_MORE = "".join(map(chr, range(32, 127))) + "\u00a0€‚„…†‡‰‹‘’“”•–—˜™›" + "©«éÃâ\x93─Д東"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_MARKS_AND_MORE, max_size=30))
def test_plain_text_is_never_suspicious(text):
    if plain(text):
        assert not latin_suspect(text) and not looks_recodable(text)


def test_plain_text():
    for mark in "\u00a0€‚„…†‡‰‹‘’“”•–—˜™›":
        for context in ("a{}b", "{}", "{}.", "x {} Y", "1{}2", "({})", "n{}t"):
            text = context.format(mark)
            assert not latin_suspect(text) and not looks_recodable(text), text
        assert plain(f"“Yes,{mark} she said”") and not plain(f"Yes{mark}{mark}")
    assert not plain("Café") and not plain("CafÃ©") and not plain("Москва")
    assert repair("“Yes,” she said — twice…").repairs == ()


def test_decomposed_vietnamese_is_not_suspicious():
    line = "Vie\u0302\u0323t Nam (Tie\u0302\u0301ng Vie\u0302\u0323t) " * 3
    assert not looks_suspicious(line.replace("e\u0302", "\u00ea"))


# ---------------------------------------------------------------- UTF-8 read with a CJK codec, errors replaced


@pytest.mark.parametrize(
    "text,codec",
    [
        ("東京都は新しい計画を発表しました。", "gbk"),
        ("市政府今天发布了新的交通计划。", "shift_jis"),
        ("メニューからファイルを選んでください。", "cp932"),
    ],
)
def test_bytes_lost_to_replacement_are_guessed_together(text, codec):
    broken = text.encode("utf-8").decode(codec, "replace")
    assert "\ufffd" in broken
    r = repair(broken)
    assert r.text == text
    assert [(s.encoding, s.read_as, [x.what for x in s.restored]) for s in r.repairs[0].undone] == [
        ("UTF-8", codec_name(codec), ["lost byte guessed"])
    ]


@pytest.mark.parametrize(
    "text,codec",
    [
        ("选择一个文件夹来保存下载的文件。", "gbk"),  # 个, not a second 一
        ("请输入您的用户名和密码。", "shift_jis"),  # 密, not 寄
    ],
)
def test_lost_bytes_are_guessed_with_character_pairs(text, codec):
    # the commonest character a lost byte can complete is not the one that follows its
    # neighbour in real text: the CJK pair table tells them apart
    broken = text.encode("utf-8").decode(codec, "replace")
    assert "\ufffd" in broken
    assert repair(broken).text == text


def test_cjk_pairs_seen_in_text_cost_less():
    from newsclean.text.plausibility import cost, pair_cost

    assert pair_cost("密", "码") < 0 == pair_cost("寄", "码")
    assert cost("文件夹") < cost("文件央")
    # a pair table never makes kana and hangul neighbours cheap
    assert pair_cost("ッ", "쌈") > 0


def test_too_much_lost_is_left_alone():
    # half the bytes of Korean UTF-8 read as EUC-KR are lost: no guess is made
    broken = "서울시는 오늘 새로운 정책을 발표했습니다.".encode().decode("euc-kr", "replace")
    assert repair(broken).text == broken


# ---------------------------------------------------------------- UTF-8 read as cp1252, soft hyphens removed


@pytest.mark.parametrize(
    "text",
    [
        "O título do domínio não pode conter espaços nem “aspas”.",
        "Это поле обязательно — заполните его, пожалуйста.",
        "Ο έλεγχος έγινε χθες — τα αποτελέσματα θα ανακοινωθούν σύντομα.",
        "Písomné vyjadrenie čínskej vlády prišlo včera.",  # no cp1252 sign: read as Latin-1
    ],
)
def test_lost_soft_hyphens_are_restored(text):
    broken = as_cp1252(text.encode("utf-8")).replace("\xad", "")
    assert broken != as_cp1252(text.encode("utf-8"))
    r = repair(broken)
    assert r.text == text
    assert repair(r.text).text == r.text


def test_a_space_read_as_a_no_break_space_by_ftfy_stays_so():
    # "Î " is "Π" with its no-break space turned into a space, not "έ" and a lost soft hyphen
    text = "Προχωρημένες επιλογές για τον Πρόεδρο"
    broken = as_cp1252(text.encode("utf-8")).replace("\xa0", " ")
    assert repair(broken).text == text


def test_soft_hyphen_lost_as_a_big5_lead_byte():
    # "值" is AD C8 in Big5: without the 0xAD, C8 pairs with the next byte
    text = "您輸入的值不正確。"
    broken = as_cp1252(text.encode("big5")).replace("\xad", "")
    assert repair(broken).text == text


# ---------------------------------------------------------------- C1 controls, signs, lost quotes


def test_c1_control_may_be_a_quote_of_the_code_page():
    # cp1250 read as Latin-1: 0x84 and 0x94 are the quotes „ ”, 0x9C is ś
    line = "Zapisz \x84szkic\x94 i wróæ pó\x9fniej do Kra\x9cnika."
    texts = [r.text for r in latin_relabels(line)]
    assert "Zapisz „szkic” i wróć później do Kraśnika." in texts
    assert relabel_line(line) is not None
    assert repair(line).text == "Zapisz „szkic” i wróć później do Kraśnika."


def test_c1_control_inside_a_word_is_not_a_sign():
    # cp1257 reads 0x9E as an ogonek: never a reading of a byte between two letters
    line = "Ne podr\x9eava ovaj format."
    for r in latin_relabels(line):
        assert r.text[7].isalpha()


def test_sign_between_letters_inside_utf8_stays_utf8():
    # "Å¾" is UTF-8 for ž, not a cp1250 "Ĺž"
    line = "Vlada je vÄ\x8deraj predstavila moÅ¾nost novega zakona."
    assert repair(line).text == "Vlada je včeraj predstavila možnost novega zakona."


def test_lost_quote_bytes_restored_by_the_word_model():
    # UTF-8 read as Latin-1, C1 controls removed: each “ and ” kept only its lead byte
    line = "Digite “sim” para confirmar a operação.".encode().decode("latin-1")
    line = "".join(ch for ch in line if not "\x80" <= ch <= "\x9f")
    assert line == "Digite âsimâ para confirmar a operaÃ§Ã£o."
    assert repair(line).text == "Digite “sim” para confirmar a operação."


def test_restored_sign_that_splits_a_word_is_no_evidence():
    line = "The new plant near GroÃ\x9fbottwar opens in May."
    assert repair(line).text == "The new plant near Großbottwar opens in May."


def test_c1_byte_of_a_cut_utf8_sequence_is_not_a_sign():
    # † is E2 80 A0: read as Latin-1, its no-break space turned into a space, "â\x80" is
    # UTF-8 cut short, not cp1250's "â€"
    line = "Advice from a lawyer chosen by state, years of experience, and ratingâ\x80 "
    assert all("€" not in r.text for r in latin_relabels(line))
    assert repair(line).text == line[:-3] + "†"


@pytest.mark.parametrize("text", ["A carregar a lista, aguarde…", "Loading the latest figures…"])
def test_lone_lead_byte_of_punctuation_at_a_word_end(text):
    # … is E2 80 A6; read as Latin-1 with its C1 byte 0x80 removed: "â¦"
    line = "".join(ch for ch in text.encode().decode("latin-1") if not "\x80" <= ch <= "\x9f")
    assert line.endswith("â¦")
    assert repair(line).text == text


def test_lone_a_circumflex_in_words_is_left_alone():
    for text in ("O hâlâ burada mı?", "Le château est beau.", "Bara gyda â chaws"):
        assert repair(text).text == text


def _c1_dropped(text: str) -> str:
    """UTF-8 read as Latin-1, its C1 controls then removed."""
    return "".join(
        ch for ch in text.encode("utf-8").decode("latin-1") if not "\x80" <= ch <= "\x9f"
    )


@pytest.mark.parametrize(
    "text",
    [
        "It’s the company’s first loss since 2009.",
        "We don’t know what they’ll do next.",
        "Il n’est pas possible d’ouvrir ce fichier.",
    ],
)
def test_apostrophe_that_lost_two_bytes_between_letters(text):
    # only the lead byte of ’ is left ("itâs"): a cheap letter in Latin-1, but foreign to
    # the word, and the apostrophe stands where apostrophes do
    broken = _c1_dropped(text)
    assert "\u00e2" in broken
    assert repair(broken).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Mâine vom merge la câmara.",
        "Le câble est branché au mur.",
        "Siân Evans teaches in Cardiff.",
        "Bu hâlâ böyle.",
    ],
)
def test_a_circumflex_between_letters_of_real_words_stays(text):
    assert repair(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "ファイルが見つかりません。",
        "メニュー、ツールバー、ステータスバー",
        "パスワードを変更してください。",
    ],
)
def test_shift_jis_read_as_cp1252_with_replacement(text):
    # 0x81 leads ー, 、 and 。 in Shift-JIS and is undefined in cp1252: each U+FFFD is one
    # of the five bytes cp1252 leaves undefined
    broken = text.encode("shift_jis").decode("cp1252", "replace")
    assert "\ufffd" in broken
    assert repair(broken).text == text


def test_mostly_replacement_characters_are_not_guessed():
    line = "We\ufffd\u00a2\ufffd\ufffdre open on Sunday."
    assert repair(line).text == line


@pytest.mark.parametrize(
    "text",
    [
        "She wrote “Dziękuję bardzo” on the card.",
        "Our guide said “Wszystko będzie dobrze” and left.",
    ],
)
def test_utf8_sign_after_a_letter_inside_curly_quotes(text):
    # ftfy's badness check lets “Ä™” through inside typographic quotes; a small letter, a
    # UTF-8 lead of a Latin letter and a continuation byte cp1252 reads as a sign is
    # still UTF-8 read as cp1252
    inner = text[text.index("“") + 1 : text.index("”")]
    broken = text.replace(inner, inner.encode("utf-8").decode("cp1252"))
    assert repair(broken).text == text


@pytest.mark.parametrize("name", ["AHÅ™ sofa", "PÅ‚ Ltd"])
def test_sign_after_a_capital_lead_stays(name):
    line = f"The {name} is back in stock."
    assert repair(line).text == line


@pytest.mark.parametrize("text", ["Tarix ensiklopediyası", "Kitab kolleksiyası"])
def test_letter_foreign_to_its_word_sends_the_line_to_relabel(text):
    # cp1254 read as cp1252: ý is foreign to the Turkic language that best explains the
    # word (ı is its letter), though no letter pair of the line is rare in every language
    broken = text.encode("cp1254").decode("cp1252")
    assert broken != text
    assert repair(broken).text == text


@pytest.mark.parametrize(
    "text", ["Crème brûlée au café.", "Þór býr í Reykjavík.", "São Paulo não é Lisboa."]
)
def test_letters_native_to_their_words_stay(text):
    assert repair(text).text == text


@pytest.mark.parametrize(
    "text",
    ["Eski İstanbul evleri", "İlk yardım çantası", "Almanca ve İtalyanca", "Kuzey İrlandalı"],
)
@pytest.mark.parametrize(("codec", "read_as"), [("cp1254", "cp1252"), ("iso8859-9", "latin-1")])
def test_turkish_capital_dotted_i_is_a_letter_of_its_word(text, codec, read_as):
    # İ lower-cases to i and a combining dot: the word model must read it as i, or the
    # Turkish reading of the line looks no better than Ý
    broken = text.encode(codec).decode(read_as)
    assert "\u00dd" in broken
    assert repair(broken).text == text


@pytest.mark.parametrize(
    "text", ["Švedska reprezentanca je zmagala.", "Šta je novo u gradu?", "Šola je danes zaprta."]
)
def test_lead_byte_alone_before_a_word_lost_its_no_break_space(text):
    # Š is C5 A0: read as cp1252 with no-break spaces turned into spaces, "Å " is left
    # alone before the rest of its word
    broken = text.encode("utf-8").decode("cp1252").replace("\u00a0", " ")
    assert broken.startswith("\u00c5 ")
    assert repair(broken).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Å være eller ikke være, det er spørsmålet.",
        "Hun sa: Å nei, ikke igjen.",
        "Å bo i byen er dyrt.",
    ],
)
def test_a_ring_alone_before_a_word_stays(text):
    # Norwegian å (to), capitalised: a word of its own, not the lead byte of Š
    assert repair(text).text == text


@pytest.mark.parametrize(
    ("text", "reader"),
    [
        ("Zoznam metód pre triedu", "cp1250"),
        ("Vyberte súbor na odoslanie", "iso8859-2"),
        ("La página no existe", "mac-roman"),
    ],
)
def test_one_utf8_letter_read_as_another_latin_code_page(text, reader):
    # a capital or a sign of the code page (Ă, √) between a small letter and a
    # continuation byte: ftfy leaves the one sequence alone, no word holds it
    broken = text.encode("utf-8").decode(reader)
    assert broken != text
    assert repair(broken).text == text


@pytest.mark.parametrize("text", ["Genève: ƒ(x) = 3√° x", "Ăla ĂŽle", "The Ĺ½ case"])
def test_signs_and_capitals_not_inside_a_word_stay(text):
    assert repair(text).text == text


@pytest.mark.parametrize(
    ("text", "reader"),
    [
        ("Prices rose in Città Alta this summer.", "gbk"),
        ("The café in Zürich closes early.", "gbk"),
        ("The café in Zürich closes early.", "big5"),
        ("He studied at the Université Laval for two years.", "big5"),
    ],
)
def test_one_ideograph_inside_a_latin_word(text, reader):
    # a UTF-8 letter read with a CJK codec is one ideograph glued to Latin letters
    # (Citt脿, caf茅): one character, yet no word is written so
    broken = text.encode("utf-8").decode(reader)
    assert repair(broken).text == text


@pytest.mark.parametrize(
    "text", ["한글 글꼴은 Arial체.", "这是PDF么.", "Arial체.", "用Python编程很有趣。"]
)
def test_ideographs_next_to_latin_words_in_cjk_text_stay(text):
    assert repair(text).text == text


@pytest.mark.parametrize("text", ["The prize went to 林惠玲 last night.", "密碼已經更新"])
def test_big5_read_as_cp1252_with_ascii_trail_bytes(text):
    # Big5 trail bytes below 0x80 read as ASCII: no four high characters in a row, but
    # a Latin-1 sign, an ASCII character and a high one (ªL´f¬Â)
    broken = text.encode("big5").decode("cp1252")
    assert repair(broken).text == text


@pytest.mark.parametrize(
    "text",
    ["¿Qué pasa? ¡Hola!", "Temperature: 25°C à Paris", "1ª edição, 2º volume", "avail\u00adable"],
)
def test_latin1_signs_next_to_ascii_stay(text):
    assert repair(text).text == text


def test_letters_lost_the_same_way_are_chosen_together():
    # UTF-8 ă (C4 83) read as Latin-1, its C1 byte dropped, three times: changed one at
    # a time, each word alone looks Latvian (ā); together the line reads as Romanian
    text = "Limba română (fără diacritice)"
    broken = _c1_dropped(text)
    assert broken.count("\u00c4") == 3
    assert repair(broken).text == text


@pytest.mark.parametrize("text", ["Visit the Help Center©Acme page.", "Data©Initech report"])
def test_sign_between_brand_names_is_no_capital_letter(text):
    # © between a small letter and a capital: ISO-8859-3 reads it as İ, ISO-8859-2 as Š,
    # but no word has a capital after a small letter
    assert repair(text).text == text
