"""A generated corpus of malformed, hostile and odd-but-readable files, mixed with good ones.

`generate(folder)` writes every case into `folder` and returns the list of `Case`s, each
with what ingesting it must give:

  * "index": the file is indexed, and each of `must_contain` occurs in its indexed text
    (good files, and odd but readable ones: latin-1, cp1252, UTF-16 with and without
    BOM, double-encoded UTF-8, HTML with scripts, an encrypted PDF with an empty password);
  * "skip": the file is skipped with exactly one "skipped: <file>: <reason>" line, the
    reason containing `reason` when given (0-byte files, binary junk, encrypted and
    image-only PDFs, entity bombs, zip bombs, ...);
  * "either": damaged files from which a reader may recover part of the text (a
    truncated PDF or XML, flipped bytes): skipped with a reason or indexed, but then only
    with words of the original (`vocab`), never with junk.

`must_not_contain` holds text that must never reach the index in any case: script code,
expanded entities, the contents of /etc/passwd. Builders for the good formats (`make_pdf`,
`make_docx`, `motie_xml`) are shared with the crash-resume test.

Everything is deterministic for a given seed; the large cases (a zip bomb inflating to
300 MB, multi-MB single-line texts, a sparse over-limit file) are written streaming and
take a few MB on disk.
"""
from __future__ import annotations

import io
import os
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

WORDS = (
    "de het een kamer regering motie verzoekt overwegende constaterende cyberveiligheid digitale weerbaarheid "
    "Europese samenwerking lidstaten ministerie beleid voorstel begroting onderzoek toezicht netwerk informatie "
    "burgers bedrijven gemeenten provincies wetgeving uitvoering evaluatie rapport advies commissie debat "
    "inzet verordening richtlijn crisis oefening capaciteit kennis innovatie investering subsidie regels "
    "bescherming privacy gegevens dienst infrastructuur energie water zorg onderwijs defensie politie "
    "rechtspraak staat verantwoordelijkheid afspraak termijn jaar maand week plan programma strategie"
).split()
DIACRITIC_WORDS = ["coördinatie", "één", "café", "privé", "reëel", "ideeën", "financiën", "geïnteresseerd",
                   "België", "überhaupt", "façade", "naïef", "patiënt", "zeeën", "hè"]


@dataclass
class Case:
    name: str
    category: str
    expect: str  # "index" | "skip" | "either"
    must_contain: list[str] = field(default_factory=list)
    must_not_contain: list[str] = field(default_factory=list)
    reason: str = ""  # a substring of the skip reason (lower case)
    vocab: set[str] | None = None  # "either": the words an indexed text may consist of


def words_of(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


class _Text:
    """Seeded Dutch-like sentences; each call gives text no other case shares."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.n = 0

    def marker(self) -> str:
        self.n += 1
        return f"kenmerk{self.n:04d}{self.rng.randrange(10**6):06d}"

    def sentence(self, extra: list[str] | None = None) -> str:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(8, 16))]
        for w in extra or []:
            words.insert(self.rng.randrange(1, len(words)), w)
        return " ".join(words).capitalize() + "."

    def paragraphs(self, n: int, extra_words: list[str] | None = None) -> list[str]:
        marker = self.marker()
        paras = [" ".join(self.sentence() for _ in range(self.rng.randint(2, 4))) for _ in range(n)]
        paras[0] = f"{paras[0]} Dit stuk draagt {marker}."
        if extra_words:
            paras[-1] += " " + self.sentence(extra_words)
        return paras


# --- builders for good files -----------------------------------------------------------------


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal, valid PDF: one Helvetica (WinAnsi) text line per entry, one page per list."""
    objs: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    page_ids: list[int] = []
    for lines in pages:
        ops = [b"BT", b"/F1 10 Tf"]
        for i, line in enumerate(lines):
            raw = line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"1 0 0 1 50 %d Tm (" % (800 - 14 * i) + raw + b") Tj")
        stream = b"\n".join(ops + [b"ET"])
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objs.append(b"")  # the page, written once the Pages object number is known
        page_ids.append(len(objs))
    pages_id = len(objs) + 1
    for pid in page_ids:
        objs[pid - 1] = (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                         b"/Resources << /Font << /F1 1 0 R >> >> >>" % (pages_id, pid - 1))
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    objs.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    objs.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = None
    if title:
        objs.append(b"<< /Title (%s) >>" % title.encode("cp1252"))
        info = len(objs)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    root = pages_id + 1
    trailer = b"/Size %d /Root %d 0 R" % (len(objs) + 1, root) + (b" /Info %d 0 R" % info if info else b"")
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


def scan_pdf(pages: list[list[str] | None]) -> bytes:
    """A PDF of scanned pages: each page draws a grey image (an image XObject, as a scanner
    writes it); a page given as a list of lines also carries those lines as text."""
    gray = bytes(range(0, 256, 4)) * 64  # a 64x64 8-bit grey image
    objs: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                         b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                         b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(gray) + gray + b"\nendstream"]
    page_ids: list[int] = []
    for lines in pages:
        ops = [b"q 495 0 0 742 50 50 cm /Im1 Do Q"]
        if lines:
            ops += [b"BT /F1 10 Tf"] + [b"1 0 0 1 50 %d Tm (%s) Tj" % (800 - 14 * i, l.encode("cp1252"))
                                          for i, l in enumerate(lines)] + [b"ET"]
        stream = b"\n".join(ops)
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objs.append(b"")
        page_ids.append(len(objs))
    pages_id = len(objs) + 1
    for pid in page_ids:
        objs[pid - 1] = (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                         b"/Resources << /Font << /F1 1 0 R >> /XObject << /Im1 2 0 R >> >> >>" % (pages_id, pid - 1))
    objs.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p for p in page_ids), len(page_ids)))
    objs.append(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, pages_id + 1, xref)
    return bytes(out)


def wrap(paragraphs: list[str], width: int = 90) -> list[str]:
    """Lines for a PDF page: paragraphs wrapped at `width`, a blank line between them."""
    lines: list[str] = []
    for p in paragraphs:
        line = ""
        for w in p.split():
            if line and len(line) + 1 + len(w) > width:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}".strip()
        lines += [line, ""]
    return lines


def make_docx(paragraphs: list[str], heading: str | None = None) -> bytes:
    import docx

    d = docx.Document()
    if heading:
        d.add_heading(heading, level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def motie_xml(number: int, paragraphs: list[str], indieners: tuple[str, ...] = ("Ceder", "Van der Burg"),
              date: str = "2025-04-10", encoding_decl: str = "UTF-8") -> str:
    """A motie in the officiële-publicatie XML shape (kst-21501-02-<number>)."""
    def esc(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    als = "".join(f"<al>{esc(p)}</al>" for p in paragraphs)
    names = "".join(f"<al>{esc(n)}</al>" for n in indieners)
    title = "MOTIE VAN DE LEDEN " + " EN ".join(n.upper() for n in indieners)
    return (
        f'<?xml version="1.0" encoding="{encoding_decl}"?>\n'
        '<officiele-publicatie><metadata><meta name="OVERHEIDop.externMetadataRecord" '
        f'content="https://zoek.officielebekendmakingen.nl/kst-21501-02-{number}/metadata.xml"/></metadata>\n'
        '<kamerstuk><kamerstukkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2024-2025</tekstregel></kamerstukkop>\n'
        '<dossier><dossiernummer><dossiernr>21 501</dossiernr>-<raadnr>02</raadnr></dossiernummer>'
        '<titel>Raad Algemene Zaken</titel></dossier>\n'
        f'<stuk><stuknr>Nr. <ondernummer kamer="2">{number}</ondernummer></stuknr><titel>{title}</titel>\n'
        f'<datumtekst>Voorgesteld <datum isodatum="{date}">{date}</datum></datumtekst>\n'
        '<algemeen><vrije-tekst><tekst status="goed"><al>De Kamer,</al><al>gehoord de beraadslaging,</al>\n'
        f'{als}<al>en gaat over tot de orde van de dag.</al>\n'
        f'<al-groep>{names}</al-groep></tekst></vrije-tekst></algemeen></stuk></kamerstuk></officiele-publicatie>\n'
    )


def html_page(title: str, paragraphs: list[str], head_extra: str = "", body_extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head_extra}</head><body>\n"
            f'<nav><ul><li>Home</li><li>Kamerleden</li></ul></nav>\n<div id="main"><h1>{title}</h1>\n'
            f"{body}{body_extra}</div><footer>Contact en privacy</footer></body></html>\n")


def _pdf_bytes_of(paragraphs: list[str]) -> bytes:
    lines = wrap(paragraphs)
    return make_pdf([lines[i:i + 50] for i in range(0, len(lines), 50)])


def _encrypt(pdf: bytes, user: str, owner: str, algorithm: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _blank_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _vector_only_pdf() -> bytes:
    """A page that only draws lines and rectangles (a scan-like page with no text layer)."""
    stream = b"0.5 w 50 50 m 500 700 l S 100 100 300 200 re f " * 20
    objs = [b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Contents 1 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>", b"<< /Type /Catalog /Pages 3 0 R >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _write_zip_bomb(path: Path, megabytes: int = 300) -> None:
    """A .docx whose word/document.xml honestly inflates to `megabytes` MB of zeros, written
    streaming (about 1.3 MB on disk, under a second)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            block = b"\x00" * (1 << 20)
            for _ in range(megabytes):
                f.write(block)


def _lying_zip_bomb(megabytes: int = 40) -> bytes:
    """A .docx whose headers claim word/document.xml is 4 KB while it inflates to `megabytes` MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (megabytes << 20))
    data = bytearray(buf.getvalue())
    real = (megabytes << 20) + 12
    fake = (4096).to_bytes(4, "little")
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        start = 0
        while (i := data.find(sig, start)) >= 0:
            if int.from_bytes(data[i + size_at:i + size_at + 4], "little") == real:
                data[i + size_at:i + size_at + 4] = fake
            start = i + 4
    return bytes(data)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


def _entity_cases(text: _Text) -> list[tuple[str, str]]:
    """(file name, content): entity-expansion bombs and external entities, some dressed as moties."""
    big = "A" * 50_000
    paras = text.paragraphs(2)
    motie = motie_xml(9001, paras).split("\n", 1)[1]
    return [
        ("billion-laughs.xml", BILLION_LAUGHS),
        ("billion-laughs-motie.xml", BILLION_LAUGHS.split("<lolz>")[0].replace("lolz", "officiele-publicatie")
         + motie.replace("<al>De Kamer,</al>", "<al>De Kamer, &lol9;</al>")),
        ("quadratic-blowup.xml", f'<?xml version="1.0"?>\n<!DOCTYPE kaboom [<!ENTITY a "{big}">]>\n'
                                  f"<kaboom>{'&a;' * 20000}</kaboom>\n"),
        ("parameter-entities.xml", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY % pe "<!ENTITY x \'lollollol\'>"> %pe;]>\n'
                                    "<r><al>Tekst &x;&x;&x;</al></r>\n"),
        ("xxe-passwd.xml", '<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                           "<foo><al>De Kamer verzoekt de regering om &xxe; te publiceren.</al></foo>\n"),
        ("xxe-remote.xml", '<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>\n'
                           "<foo>&xxe;</foo>\n"),
        ("billion-laughs.html", BILLION_LAUGHS.replace("lolz", "html")),
    ]


# --- the corpus ---------------------------------------------------------------------------------


def generate(folder: Path, seed: int = 20250601) -> list[Case]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    text = _Text(seed)
    cases: list[Case] = []

    def put(name: str, data: bytes | str, category: str, expect: str, must_contain: list[str] | None = None,
            must_not_contain: list[str] | None = None, **kw) -> Case:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        case = Case(name, category, expect, must_contain or [], must_not_contain or [], **kw)
        cases.append(case)
        return case

    def good_phrases(paras: list[str]) -> list[str]:
        """The marker sentence ending of the first paragraph and the last paragraph's last words."""
        return [re.search(r"Dit stuk draagt \w+\.", paras[0]).group(0), " ".join(paras[-1].split()[-6:])]

    # -- good files ----------------------------------------------------------------------------
    for i in range(10):
        paras = text.paragraphs(rng.randint(2, 6))
        put(f"good-motie-{i}.xml", motie_xml(3100 + i, paras), "good xml motie", "index", good_phrases(paras))
    for i in range(10):
        paras = text.paragraphs(rng.randint(2, 8))
        put(f"good-text-{i}.txt", f"Verslag {i}\n\n" + "\n\n".join(paras) + "\n", "good txt", "index", good_phrases(paras))
    for i in range(2):
        paras = text.paragraphs(3)
        put(f"good-markdown-{i}.md", f"# Notitie {i}\n\n" + "\n\n".join(paras) + "\n", "good md", "index", good_phrases(paras))
    for i in range(5):
        paras = text.paragraphs(rng.randint(2, 5))
        put(f"good-docx-{i}.docx", make_docx(paras, heading=f"Brief {i}"), "good docx", "index", good_phrases(paras))
    for i in range(5):
        paras = text.paragraphs(rng.randint(3, 12))
        put(f"good-pdf-{i}.pdf", _pdf_bytes_of(paras), "good pdf", "index", good_phrases(paras))
    for i in range(4):
        paras = text.paragraphs(rng.randint(2, 5))
        put(f"good-html-{i}.html", html_page(f"Kamerbrief {i}", paras), "good html", "index",
            good_phrases(paras), ["Kamerleden", "Contact en privacy"])

    # -- odd but readable: encodings -----------------------------------------------------------
    def dutch(n: int = 3) -> tuple[list[str], str]:
        paras = text.paragraphs(n, extra_words=rng.sample(DIACRITIC_WORDS, 4))
        return paras, "\n\n".join(paras) + "\n"

    for i in range(4):
        paras, body = dutch()
        put(f"latin1-{i}.txt", body.encode("latin-1"), "latin-1 text", "index", good_phrases(paras))
    for i in range(3):
        paras, body = dutch()
        paras[-1] += " Dat kost “€ 45” per ‘jaar’ – zegt men."
        body = "\n\n".join(paras) + "\n"
        put(f"cp1252-{i}.txt", body.encode("cp1252"), "cp1252 text", "index",
            good_phrases(paras) + ["“€ 45” per ‘jaar’ – zegt"])
    for i in range(3):
        paras, body = dutch()
        put(f"mojibake-latin1-{i}.txt", body.encode("utf-8").decode("latin-1").encode("utf-8"),
            "double-encoded UTF-8", "index", good_phrases(paras))
    for i in range(2):
        paras, body = dutch()
        paras[-1] += " Dat kost “€ 45” per ‘jaar’."
        body = "\n\n".join(paras) + "\n"
        moji = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in body.encode("utf-8"))
        put(f"mojibake-cp1252-{i}.txt", moji.encode("utf-8"), "double-encoded UTF-8", "index",
            good_phrases(paras) + ["“€ 45” per ‘jaar’"])
    for i in range(2):
        paras = text.paragraphs(3, extra_words=rng.sample(DIACRITIC_WORDS, 3))
        xml = motie_xml(3200 + i, paras)
        put(f"mojibake-motie-{i}.xml", xml.encode("utf-8").decode("latin-1").encode("utf-8"),
            "double-encoded UTF-8 xml", "index", good_phrases(paras))
    for enc, bom, label in (("utf-16-le", b"\xff\xfe", "le-bom"), ("utf-16-be", b"\xfe\xff", "be-bom"),
                            ("utf-16-le", b"", "le"), ("utf-16-be", b"", "be")):
        for i, diacritics in enumerate((True, False)):
            paras = text.paragraphs(3, extra_words=rng.sample(DIACRITIC_WORDS, 3) if diacritics else None)
            body = "\n\n".join(paras) + "\n"
            put(f"utf16-{label}-{i}.txt", bom + body.encode(enc), "UTF-16 text", "index", good_phrases(paras))
    paras = text.paragraphs(3)
    put("utf16-motie.xml", b"\xff\xfe" + motie_xml(3300, paras, encoding_decl="UTF-16").encode("utf-16-le"),
        "UTF-16 xml", "index", good_phrases(paras))
    for i in range(2):
        paras, body = dutch()
        put(f"utf8-bom-{i}.txt", b"\xef\xbb\xbf" + body.encode("utf-8"), "UTF-8 with BOM", "index", good_phrases(paras))
    paras, body = dutch()
    put("crlf.txt", body.replace("\n", "\r\n").encode("utf-8"), "CRLF text", "index", good_phrases(paras))
    paras, body = dutch()
    put("cr-only.txt", body.replace("\n", "\r").encode("utf-8"), "CR-only text", "index", good_phrases(paras))
    paras = text.paragraphs(3)
    put("latin1-motie.xml", motie_xml(3301, paras, encoding_decl="ISO-8859-1").replace(
        "Raad Algemene Zaken", "Raad Algemene Zaken – coördinatie").encode("latin-1", errors="replace"),
        "latin-1 xml", "index", good_phrases(paras) + ["coördinatie"])

    # -- odd but readable: HTML with scripts (the script text must never be indexed) ---------------
    scripts = [
        ("head", '<script>var geheim = "SCRIPTCODE1";</script>', ""),
        ("body", "", '<script type="text/javascript">document.write("SCRIPTCODE2");</script>'),
        ("upper", "", "<SCRIPT>alert('SCRIPTCODE3')</SCRIPT>"),
        ("cdata", "", "<script>//<![CDATA[\nvar x = 'SCRIPTCODE4';\n//]]></script>"),
        ("jsonld", '<script type="application/ld+json">{"name": "SCRIPTCODE5"}</script>', ""),
        ("style", "<style>.SCRIPTCODE6 { color: red }</style>", "<noscript>SCRIPTCODE7 zet javascript aan</noscript>"),
        ("attr", "", '<p onclick="steal(\'SCRIPTCODE8\')">Klik hier niet.</p>'),
        ("nested", "", "<div><script>if (a < b) { x = '</p>SCRIPTCODE9'; }</script></div>"),
    ]
    for label, head, body in scripts:
        paras = text.paragraphs(3)
        put(f"script-{label}.html", html_page(f"Pagina {label}", paras, head, body), "HTML with scripts", "index",
            good_phrases(paras), [f"SCRIPTCODE{i}" for i in range(1, 10)])
    paras = text.paragraphs(2)
    put("script-unterminated.html", html_page("Pagina open script", paras, "", "<script>var y = 'SCRIPTCODE0';"),
        "HTML with scripts", "index", good_phrases(paras), ["SCRIPTCODE0"])

    # -- odd but readable: an encrypted PDF anyone may open (empty user password) ------------------
    paras = text.paragraphs(4)
    put("encrypted-empty-password.pdf", _encrypt(_pdf_bytes_of(paras), "", "eigenaar", "RC4-128"),
        "encrypted PDF, empty user password", "index", good_phrases(paras))

    # -- large but readable: multi-MB single-line texts -----------------------------------------
    huge = " ".join(text.sentence() for _ in range(6_000))  # ~0.6 MB of sentences on one line
    put("huge-single-line.txt", f"Verslag lang {text.marker()}. " + huge, "huge single-line text", "index",
        [huge[-60:].split(" ", 1)[1]])
    flat = " ".join(rng.choice(WORDS) for _ in range(200_000))  # ~2 MB, not one sentence end
    mark = text.marker()
    put("huge-no-punctuation.txt", f"{mark} {flat} slotwoord{mark}", "huge single-line text", "index",
        [mark, f"slotwoord{mark}"])

    # -- empty and whitespace-only ---------------------------------------------------------------
    for ext in (".txt", ".pdf", ".xml", ".html", ".docx", ".md", ".htm", ""):
        put(f"empty{ext or '-noext'}", b"", "0-byte file", "skip", reason="empty")
    for i, ws in enumerate(("   \n\n\t\n", "\u00a0\u2003 \n \u200b\n")):
        put(f"whitespace-{i}.txt", ws, "whitespace-only text", "skip")

    # -- binary junk under document extensions -----------------------------------------------
    for ext in (".pdf", ".xml", ".html", ".docx", ".txt", ".md", ".htm", ""):
        for i in range(5):
            put(f"junk-{i}{ext or '-noext'}", rng.randbytes(rng.randint(64, 20_000)), "random bytes", "skip")
    for prefix, ext, label in ((b"%PDF-1.7\n", ".pdf", "pdf"), (b"PK\x03\x04", ".docx", "zip"),
                               (b"<?xml version='1.0'?>\n<root>", ".xml", "xml"), (b"<html><body>", ".html", "html"),
                               (b"\xff\xfe", ".txt", "bom16")):
        for i in range(4):
            put(f"junk-{label}-header-{i}{ext}", prefix + rng.randbytes(rng.randint(200, 20_000)),
                "random bytes after a valid header", "skip")
    put("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(4000), "legacy .doc", "skip", reason=".doc")
    for ext in (".exe", ".png", ".json"):
        put(f"unsupported{ext}", b'{"a": 1}' if ext == ".json" else rng.randbytes(3000), "unsupported type", "skip")

    # -- PDFs: truncated, corrupt, encrypted, without text ----------------------------------------
    for i, frac in enumerate((0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.97)):
        paras = text.paragraphs(6)
        pdf = _pdf_bytes_of(paras)
        put(f"truncated-{i}.pdf", pdf[: max(9, int(len(pdf) * frac))], "truncated PDF", "either",
            vocab=words_of(" ".join(paras)))
    for i in range(6):
        paras = text.paragraphs(6)
        pdf = bytearray(_pdf_bytes_of(paras))
        for _ in range(30):
            pos = rng.randrange(10, len(pdf))
            pdf[pos] = rng.randrange(256)
        put(f"corrupt-{i}.pdf", bytes(pdf), "corrupt PDF (flipped bytes)", "either")
    put("pdf-header-only.pdf", b"%PDF-1.4\n%%EOF\n", "PDF without body", "skip")
    put("pdf-no-pages.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n"
        b"<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "PDF without pages", "skip")
    for i, (user, algorithm) in enumerate((("geheim", "RC4-128"), ("wachtwoord", "RC4-40"),
                                           ("x", "RC4-128"), ("lang-wachtwoord-2025", "RC4-40"))):
        paras = text.paragraphs(4)
        put(f"encrypted-{i}.pdf", _encrypt(_pdf_bytes_of(paras), user, "eigenaar", algorithm), "encrypted PDF", "skip",
            reason="encrypted", must_not_contain=[paras[0][:40]])
    put("blank-1.pdf", _blank_pdf(1), "PDF without text layer", "skip", reason="no text layer")
    put("blank-5.pdf", _blank_pdf(5), "PDF without text layer", "skip", reason="no text layer")
    put("vector-only.pdf", _vector_only_pdf(), "PDF without text layer", "skip", reason="no text layer")
    put("few-chars.pdf", make_pdf([["Pag. 1"], ["2"], ["3"]]), "PDF with too little text", "skip", reason="too little text")

    # -- XML: invalid, deeply nested, entity bombs ------------------------------------------------
    invalid = ["<<<>>> <a><b></a", "<a/>", "<root></root>", "<?xml version='1.0'?>", "<!-- alleen commentaar -->",
               "<a><b><c></c></b></a>", "<<<<<<<<<<", "<?xml version='1.0'?><!DOCTYPE x><x/>",
               "<a attr='onaf></a>", "</></></>"]
    for i, data in enumerate(invalid):
        put(f"invalid-{i}.xml", data, "invalid XML without text", "skip")
    for i in range(5):
        paras = text.paragraphs(4)
        xml = motie_xml(3400 + i, paras)
        cut = rng.randint(len(xml) // 3, len(xml) - 40)
        put(f"truncated-motie-{i}.xml", xml[:cut], "truncated XML", "either",
            vocab=words_of(xml) | words_of("Raad Algemene Zaken"))
    for i, depth in enumerate((300, 5_000, 100_000)):
        paras = text.paragraphs(1)
        put(f"deep-{i}.xml", "<officiele-publicatie>" + "<al-groep>" * depth + f"<al>{paras[0]}</al>"
            + "</al-groep>" * depth + "</officiele-publicatie>", "deeply nested XML", "either",
            vocab=words_of(paras[0]))
    put("deep-unclosed.xml", "<a>" * 200_000, "deeply nested XML", "skip")
    for name, data in _entity_cases(text):
        put(name, data, "entity expansion / external entity", "skip", reason="entit",
            must_not_contain=["lollol", "AAAAAAAAAA", "root:x:0", "/bin/"])

    # -- DOCX: zip bombs, corrupt archives, not Word --------------------------------------------
    _write_zip_bomb(folder / "zip-bomb.docx")
    cases.append(Case("zip-bomb.docx", "zip bomb docx", "skip", reason="zip bomb"))
    put("zip-bomb-lying-header.docx", _lying_zip_bomb(), "zip bomb docx (sizes forged)", "skip")
    put("zip-no-document.docx", _zip({"[Content_Types].xml": b"<Types/>", "readme.txt": b"hallo"}), "zip, not Word",
        "skip", reason="not a word")
    put("zip-empty.docx", _zip({}), "zip, not Word", "skip")
    good_docx = make_docx(text.paragraphs(3))
    for i, frac in enumerate((0.1, 0.5, 0.9)):
        put(f"truncated-{i}.docx", good_docx[: int(len(good_docx) * frac)], "truncated docx", "skip")
    put("docx-broken-xml.docx", _zip({"[Content_Types].xml": good_docx[:0] or b"<Types/>",
                                      "word/document.xml": b"<w:document><w:body><w:p>onaf"}),
        "docx with broken XML", "skip")
    put("docx-junk-xml.docx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": rng.randbytes(5000)}),
        "docx with broken XML", "skip")

    # -- over the size limit (sparse: no disk space) ------------------------------------------------
    big = folder / "over-limit.txt"
    with open(big, "wb") as f:
        f.write(b"Tekst ")
        f.truncate(6 * 1024 * 1024)
    cases.append(Case("over-limit.txt", "over max_file_mb", "skip", reason="limit"))
    return cases


MAX_FILE_MB = 5  # the test runs with this limit, so the sparse 6 MB file is over it


if __name__ == "__main__":  # write the corpus somewhere to look at it
    import sys
    from collections import Counter

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "malformed-corpus")
    got = generate(out)
    print(f"{len(got)} cases in {out}:", dict(Counter(c.expect for c in got)))
    print(f"{sum(os.path.getsize(out / c.name) for c in got) / 1e6:.1f} MB apparent size")
