"""Chinese and Arabic ordinals: 十二 <-> 12, full-width digits, circled numbers."""

from __future__ import annotations

CN_DIGITS = "零一二三四五六七八九"
_CN_VALUE = {ch: i for i, ch in enumerate(CN_DIGITS)} | {"〇": 0, "两": 2, "○": 0, "O": 0}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(text: str) -> str:
    """Replace full-width digits with ASCII ones."""
    return text.translate(FULLWIDTH_DIGITS)


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral up to the hundreds (一, 十二, 二十, 一百零五); None if not one."""
    if not text:
        return None
    total = 0
    current = 0
    for ch in text:
        if ch in _CN_VALUE:
            current = _CN_VALUE[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def int_to_cn(value: int) -> str:
    """Chinese numeral for 1..999 as used in outline numbering (十一, 二十, 一百零一)."""
    if value <= 0:
        return str(value)
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    text = ""
    if hundreds:
        text += CN_DIGITS[hundreds] + "百"
        if rest and tens == 0:
            text += "零"
    if tens:
        text += ("" if tens == 1 and not hundreds else CN_DIGITS[tens]) + "十"
    if ones:
        text += CN_DIGITS[ones]
    return text


def ordinal_value(number: str) -> int | None:
    """Value of an ordinal as written: 三, 3, ３, ③."""
    digits = ascii_digits(number)
    if digits.isascii() and digits.isdigit():  # '①'.isdigit() is True too
        return int(digits)
    if len(number) == 1 and number in CIRCLED:
        return CIRCLED.index(number) + 1
    return cn_to_int(number)


def cn_digit_string_to_int(text: str) -> int | None:
    """Digit-by-digit Chinese year: 二〇二三 -> 2023."""
    value = 0
    for ch in text:
        if ch not in _CN_VALUE:
            return None
        value = value * 10 + _CN_VALUE[ch]
    return value
