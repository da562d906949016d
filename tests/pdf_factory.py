"""Hand-built PDFs with a text layer (no PDF library writes what a hostile file holds): pages of lines in a CJK
font or Helvetica, any MediaBox, any content stream."""

from __future__ import annotations

import zlib

_CJK_FONTS = {
    3: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>",
    4: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
    b"/Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>",
    5: b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
    b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
}
_LATIN_FONT = {3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}


def page_stream(lines: list[str], *, size: int = 16, cjk: bool = True) -> bytes:
    """A content stream drawing one line of text under another, from the top of an A4 page."""
    operators, y = ["BT", f"/F1 {size} Tf"], 760
    for line in lines:
        shown = "<" + line.encode("utf-16-be").hex().upper() + ">" if cjk else f"({line})"
        operators += [f"1 0 0 1 90 {y} Tm", f"{shown} Tj"]
        y -= size + 13
    return "\n".join([*operators, "ET"]).encode()


def build_pdf(pages: list[bytes], *, mediabox: tuple[float, ...] = (0, 0, 595, 842), cjk: bool = True) -> bytes:
    """A PDF of one page per content stream (pages with the same stream share it)."""
    objects = dict(_CJK_FONTS if cjk else _LATIN_FONT)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    number, kids, streams = 10, [], {}
    box = " ".join(str(value) for value in mediabox)
    for content in pages:
        if id(content) not in streams:
            packed = zlib.compress(content)
            objects[number] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
            streams[id(content)] = number
            number += 1
        objects[number] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {streams[id(content)]} 0 R >>"
        ).encode()
        kids.append(number)
        number += 1
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    out, offsets = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), {}
    for key in sorted(objects):
        offsets[key] = len(out)
        out += f"{key} 0 obj\n".encode() + objects[key] + b"\nendobj\n"
    size, xref = max(objects) + 1, len(out)
    out += f"xref\n0 {size}\n".encode() + b"0000000000 65535 f \n"
    out += b"".join(
        (f"{offsets[k]:010d} 00000 n \n" if k in offsets else "0000000000 65535 f \n").encode() for k in range(1, size)
    )
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def report_page(number: int) -> bytes:
    """One page of an annual summary's body text."""
    lines = [
        f"第{number}页：全年完成审计项目{number}个，查出问题金额1.2亿元，推动",
        "整改落实，促进规范管理，取得明显成效。",
    ]
    return page_stream(lines * 8)
