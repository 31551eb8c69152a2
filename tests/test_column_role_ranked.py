"""column_role reads the first phrase of a list ranked once (longest first, the first role listed
first among equals): it must name the role a scan of every role's phrases names, the role of the
longest phrase the header holds, the first role listed among equals."""
import random

from chamdiem.lexicon import columns as C


def _every_phrase(header: str):
    words = f" {C._folded_header(header)} "
    if C._any_phrase().search(words) is None:
        return None
    best, best_len = None, 0
    for role, phrases in C._roles():
        length = max((len(p) for p in phrases if f" {p} " in words), default=0)
        if length > best_len:
            best, best_len = role, length
    return best


def test_ranked_phrases_name_the_role_of_the_longest_phrase_held():
    rnd = random.Random(2)
    phrases = [p for _, ps in C._roles() for p in ps]
    headers = ["Điểm tự chấm", "Điểm chuẩn", "Tiêu chuẩn", "Nội dung", "STT", "Ghi chú", "", "Tài liệu kiểm chứng"]
    headers += [" ".join(rnd.sample(phrases, rnd.randint(1, 4))) for _ in range(3000)]
    headers += [h.upper() for h in headers[:500]]
    for header in headers:
        assert C.column_role(header) == _every_phrase(header), header
