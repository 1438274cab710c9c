#!/usr/bin/env python3
# objects/tools/gen_unicode_db.py — generates objects/unicode_db_tables.inc and
# objects/unicode_db_names.inc, Weft's Unicode 16.0 character database, from CPython 3.14 itself.
#
# Run by hand when the reference CPython changes Unicode version (see objects/README.md):
#   python3 objects/tools/gen_unicode_db.py                 # runs the dump under cpython314
#   python3 objects/tools/gen_unicode_db.py --dump FILE     # reuse a saved dump
# dump_unicode_props.py (run under /work/shared/tools/cpython314) prints every property of every
# code point; this script deduplicates them into records and compresses each per-code-point index
# with a two-level table (the shift chosen to minimise size, as CPython's makeunicodedata does).
# Names are stored as word-lexicon phrases; algorithmic names (Hangul syllables, "<PREFIX>-<HEX>"
# runs such as CJK ideographs) are stored as ranges and computed at run time.
#
# CPython's name aliases and named sequences cannot be listed through its API, so candidates come
# from the UCD files NameAliases.txt and NamedSequences.txt (Debian's unicode-data package:
# --ucd-dir /usr/share/unicode); every candidate is kept only if CPython 3.14's lookup() agrees.
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OBJECTS = os.path.dirname(HERE)
CPYTHON314 = "/work/shared/tools/cpython314"

FLAG_NAMES = ["ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "SPACE", "LINEBREAK", "PRINTABLE",
              "XID_START", "XID_CONTINUE", "UPPER", "LOWER", "TITLE", "CASED", "CASE_IGNORABLE"]
EXTENDED_CASE = 1 << len(FLAG_NAMES)


VERIFY_SCRIPT = """
import unicodedata as ud
for name, cps in CANDIDATES:
    try:
        found = ud.lookup(name)
    except KeyError:
        continue
    if found == "".join(map(chr, cps)):
        print(("A" if len(cps) == 1 else "S") + "\\t" + name + "\\t" + " ".join("%X" % c for c in cps))
"""


def read_candidates(ucd_dir):
    """(name, [code points]) from NameAliases.txt and NamedSequences.txt."""
    out = []
    for fname, name_field, cps_field in (("NameAliases.txt", 1, 0), ("NamedSequences.txt", 0, 1)):
        with open(os.path.join(ucd_dir, fname)) as f:
            for line in f:
                line = line.split("#")[0].strip()
                if line:
                    fields = line.split(";")
                    out.append((fields[name_field], cps(fields[cps_field])))
    return out


def verified_aliases(ucd_dir):
    """Aliases {name: cp} and named sequences {name: [cps]} that CPython 3.14 accepts."""
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write("CANDIDATES = %r\n%s" % (read_candidates(ucd_dir), VERIFY_SCRIPT))
    try:
        lines = subprocess.run([CPYTHON314, f.name], check=True, capture_output=True,
                               text=True).stdout.splitlines()
    finally:
        os.unlink(f.name)
    aliases, sequences = {}, {}
    for line in lines:
        kind, name, seq = line.split("\t")
        (aliases if kind == "A" else sequences)[name] = cps(seq)
    return aliases, sequences


def read_dump(path):
    if path:
        with open(path) as f:
            return f.read().splitlines()
    script = os.path.join(HERE, "dump_unicode_props.py")
    return subprocess.run([CPYTHON314, script], check=True, capture_output=True,
                          text=True).stdout.splitlines()


def splitbins(values):
    """Best (index1, index2, shift): values[i] == index2[(index1[i >> shift] << shift) + (i & mask)]."""
    best = None
    for shift in range(2, 12):
        size = 1 << shift
        blocks, index1, index2 = {}, [], []
        for start in range(0, len(values), size):
            block = tuple(values[start:start + size])
            at = blocks.get(block)
            if at is None:
                at = blocks[block] = len(index2) >> shift
                index2.extend(block)
            index1.append(at)
        cost = len(index1) * width(max(index1)) + len(index2) * width(max(index2))
        if best is None or cost < best[0]:
            best = (cost, index1, index2, shift)
    return best[1], best[2], best[3]


def width(maxval):
    return 1 if maxval < 256 else 2 if maxval < 65536 else 4


def ctype(maxval):
    return {1: "uint8_t", 2: "uint16_t", 4: "uint32_t"}[width(maxval)]


def emit_array(out, name, values, typ=None):
    typ = typ or ctype(max(values) if values else 0)
    out.append("const %s %s[%d] = {" % (typ, name, len(values)))
    line = ""
    for v in values:
        item = "%s," % v
        if len(line) + len(item) > 99:
            out.append(line)
            line = ""
        line += item
    if line:
        out.append(line)
    out.append("};")


def emit_index(out, name, values):
    index1, index2, shift = splitbins(values)
    out.append("constexpr int %s_SHIFT = %d;" % (name, shift))
    emit_array(out, name + "_INDEX1", index1)
    emit_array(out, name + "_INDEX2", index2)


def parse(lines):
    version, props, old, names, ranges = None, [], [], {}, []
    for line in lines:
        f = line.split("\t")
        if f[0] == "V":
            version = f[1]
        elif f[0] == "P":
            props.extend([tuple(f[2:])] * int(f[1]))
        elif f[0] == "Q":
            old.extend([tuple(f[2:])] * int(f[1]))
        elif f[0] == "N":
            names[int(f[1], 16)] = f[2]
        elif f[0] == "R":
            ranges.append((int(f[1], 16), int(f[2], 16), f[3]))
    assert len(props) == 0x110000 and len(old) == 0x110000, (len(props), len(old))
    return version, props, old, names, ranges


def has_name(cp, names, ranges):
    return (cp in names or 0xAC00 <= cp <= 0xD7A3
            or any(first <= cp <= last for first, last, _ in ranges))


def cps(text):
    return [int(x, 16) for x in text.split()]


def generate_tables(version, props, old, named):
    categories, bidis, widths, tags = [], [""], [], [""]
    db_records, db_index = {}, []
    type_records, type_index = {}, []
    numerics = [0.0]
    extended = [0]
    ext_at = {}
    decomp_data, decomp_index = [0], []
    compositions = []

    def intern(table, value):
        if value not in table:
            table.append(value)
        return table.index(value)

    def extended_seq(seq):
        key = tuple(seq)
        if key not in ext_at:
            ext_at[key] = len(extended)
            extended.extend(seq)
        return (len(seq) << 24) | ext_at[key]

    for cp, p in enumerate(props):
        (cat, bidi, comb, mirrored, eaw, decomp, composite, dec, dig, num, flags,
         lower, upper, title, fold) = p
        db = (intern(categories, cat), intern(bidis, bidi), int(comb), int(mirrored),
              intern(widths, eaw))
        db_index.append(db_records.setdefault(db, len(db_records)))

        bits = sum(1 << i for i, ch in enumerate(flags) if ch == "1")
        maps = [cps(m) if m else [cp] for m in (lower, upper, title, fold)]
        if any(len(m) != 1 for m in maps):
            bits |= EXTENDED_CASE
            deltas = tuple(extended_seq(m) for m in maps)
        else:
            deltas = tuple(m[0] - cp for m in maps)
        numeric = 0
        if num:
            value = float(num)
            if value not in numerics[1:]:
                numerics.append(value)
            numeric = numerics.index(value, 1)
        rec = (bits, int(dec), int(dig), numeric) + deltas
        type_index.append(type_records.setdefault(rec, len(type_records)))

        if decomp:
            parts = decomp.split()
            tag = 0
            if parts[0].startswith("<"):
                tag = intern(tags, parts.pop(0))
            decomp_index.append(len(decomp_data))
            decomp_data.append((tag << 8) | len(parts))
            decomp_data.extend(int(x, 16) for x in parts)
            if composite == "1":
                assert tag == 0 and len(parts) == 2, hex(cp)
                compositions.append((int(parts[0], 16), int(parts[1], 16), cp))
        else:
            decomp_index.append(0)
    assert len(db_records) < 65536 and len(type_records) < 65536
    compositions.sort()

    # Unicode 3.2.0 differences (ucd_3_2_0): a record of the 3.2.0 values where any differs.
    old_records, old_index = {(0,) * 10: 0}, []
    for cp, (p, o) in enumerate(zip(props, old)):
        (cat, bidi, comb, mirrored, eaw, decomp, _, dec, dig, num) = p[:10]
        (ocat, obidi, ocomb, omirrored, oeaw, odec, odig, onum, odecomp, oname,
         nfd, nfkd, nfc, nfkc) = o
        flags = 0
        if odecomp != decomp:
            assert odecomp == "", hex(cp)
            flags |= 1
        if oname == "0" and named(cp):
            flags |= 2
        # ucd_3_2_0 normalizes as the current database except for characters 3.2.0 lacked (no
        # decomposition) and the NormalizationCorrections.txt ones: those map to a single other
        # code point first.
        correction = 0
        if nfd and not flags & 1:
            assert len(cps(nfd)) == 1 and cps(nfd)[0] != cp, hex(cp)
            correction = cps(nfd)[0]
        if ((ocat, obidi, ocomb, omirrored, oeaw, odec, odig, onum) ==
                (cat, bidi, comb, mirrored, eaw, dec, dig, num) and not flags and not correction):
            old_index.append(0)
            continue
        numeric = 0
        if onum:
            value = float(onum)
            if value not in numerics[1:]:
                numerics.append(value)
            numeric = numerics.index(value, 1)
        rec = (intern(categories, ocat), intern(bidis, obidi), int(ocomb), int(omirrored),
               intern(widths, oeaw), flags, int(odec), int(odig), numeric, correction)
        old_index.append(old_records.setdefault(rec, len(old_records)))

    out = ["// Generated by objects/tools/gen_unicode_db.py from CPython 3.14's unicodedata %s."
           % version, "// Do not edit: rerun the generator (objects/README.md).", ""]
    out.append('constexpr const char kUnidataVersion[] = "%s";' % version)
    for name, table in (("kCategoryNames", categories), ("kBidiNames", bidis),
                        ("kEastAsianWidthNames", widths), ("kDecompositionTags", tags)):
        out.append("const char* const %s[%d] = {%s};" % (
            name, len(table), ", ".join('"%s"' % t for t in table)))
    for i, name in enumerate(FLAG_NAMES):
        out.append("constexpr uint16_t k%s = 1u << %d;" % (
            "".join(w.capitalize() for w in name.split("_")), i))
    out.append("constexpr uint16_t kExtendedCase = 1u << %d;" % len(FLAG_NAMES))
    out.append("")
    out.append("const DbRecord kDbRecords[%d] = {" % len(db_records))
    for rec in sorted(db_records, key=db_records.get):
        out.append("{%d,%d,%d,%d,%d}," % rec)
    out.append("};")
    out.append("const TypeRecord kTypeRecords[%d] = {" % len(type_records))
    for rec in sorted(type_records, key=type_records.get):
        out.append("{%d,%d,%d,%d,%d,%d,%d,%d}," % rec)
    out.append("};")
    out.append("const OldRecord kOldRecords[%d] = {" % len(old_records))
    for rec in sorted(old_records, key=old_records.get):
        out.append("{%s}," % ",".join(str(x) for x in rec))
    out.append("};")
    out.append("const double kNumericValues[%d] = {%s};" % (
        len(numerics), ", ".join(repr(v) for v in numerics)))
    emit_array(out, "kExtendedCaseData", extended, "uint32_t")
    emit_array(out, "kDecompositionData", decomp_data, "uint32_t")
    out.append("const Composition kCompositions[%d] = {" % len(compositions))
    for a, b, c in compositions:
        out.append("{0x%X,0x%X,0x%X}," % (a, b, c))
    out.append("};")
    emit_index(out, "kDb", db_index)
    emit_index(out, "kType", type_index)
    emit_index(out, "kDecomposition", decomp_index)
    emit_index(out, "kOld", old_index)
    return out


def encode_word(i):
    if i < 192:
        return [i]
    i -= 192
    assert i < 64 * 256
    return [192 + (i >> 8), i & 0xFF]


def generate_names(version, names, ranges, aliases, sequences):
    counts = {}
    for n in names.values():
        for w in n.split(" "):
            counts[w] = counts.get(w, 0) + 1
    lexicon = sorted(counts, key=lambda w: (-counts[w], w))
    word_id = {w: i for i, w in enumerate(lexicon)}
    lex_text, lex_offsets = [], []
    at = 0
    for w in lexicon:
        lex_offsets.append(at)
        lex_text.append(w)
        at += len(w)
    lex_offsets.append(at)
    phrasebook, name_index = [0], [0] * 0x110000
    for cp in sorted(names):
        words = names[cp].split(" ")
        name_index[cp] = len(phrasebook)
        phrasebook.append(len(words))
        for w in words:
            phrasebook.extend(encode_word(word_id[w]))
    out = ["// Generated by objects/tools/gen_unicode_db.py from CPython 3.14's unicodedata %s."
           % version, "// Do not edit: rerun the generator (objects/README.md).", ""]
    out.append("constexpr int kNameCount = %d;" % len(names))
    out.append("constexpr int kLongestName = %d;" % max(
        len(n) for n in list(names.values()) + list(aliases) + list(sequences)))
    text = "".join(lex_text)
    out.append("const char kLexicon[] =")
    for i in range(0, len(text), 96):
        out.append('"%s"' % text[i:i + 96])
    out.append(";")
    emit_array(out, "kLexiconOffsets", lex_offsets)
    emit_array(out, "kPhrasebook", phrasebook, "uint8_t")
    emit_index(out, "kName", name_index)
    emit_array(out, "kCodePointsByName", sorted(names, key=names.get), "uint32_t")
    out.append("const NameRange kNameRanges[%d] = {" % len(ranges))
    for first, last, prefix in ranges:
        out.append('{0x%X,0x%X,"%s"},' % (first, last, prefix))
    out.append("};")
    out.append("const NameAlias kAliases[%d] = {" % max(1, len(aliases)))
    for name in sorted(aliases):
        out.append('{"%s",0x%X},' % (name, aliases[name][0]))
    out.append("};")
    out.append("constexpr int kAliasCount = %d;" % len(aliases))
    out.append("const NamedSequence kNamedSequences[%d] = {" % max(1, len(sequences)))
    for name in sorted(sequences):
        seq = sequences[name]
        assert len(seq) <= 4
        out.append('{"%s",%d,{%s}},' % (name, len(seq), ",".join("0x%X" % c for c in seq)))
    out.append("};")
    out.append("constexpr int kNamedSequenceCount = %d;" % len(sequences))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", help="read a saved dump_unicode_props.py output")
    ap.add_argument("--ucd-dir", default="/usr/share/unicode",
                    help="where NameAliases.txt and NamedSequences.txt are")
    args = ap.parse_args()
    version, props, old, names, ranges = parse(read_dump(args.dump))
    aliases, sequences = verified_aliases(args.ucd_dir)
    for fname, lines in (("unicode_db_tables.inc", generate_tables(
        version, props, old, lambda cp: has_name(cp, names, ranges))),
                         ("unicode_db_names.inc", generate_names(version, names, ranges,
                                                                aliases, sequences))):
        path = os.path.join(OBJECTS, fname)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        print("wrote %s (%d bytes)" % (path, os.path.getsize(path)), file=sys.stderr)


if __name__ == "__main__":
    main()
