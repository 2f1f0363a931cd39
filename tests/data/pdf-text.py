#!/usr/bin/env python3
# pdf-text.py — the text of each page of a PDF that Chromium printed, one
# line per page, for the CLI tests: content streams inflated, glyphs mapped
# through each font's ToUnicode CMap, NFKC-normalised (Chromium's CJK fonts
# map some glyphs to radical code points; ⻚ is folded to 页 by hand).
# Good enough for Chromium's own output, not a general PDF reader.
import unicodedata
import re, sys, zlib
data = open(sys.argv[1], 'rb').read()
objs = {}
for m in re.finditer(rb'(\d+) 0 obj(.*?)endobj', data, re.S):
    objs[int(m.group(1))] = m.group(2)
def stream(body):
    m = re.search(rb'stream\r?\n(.*?)\r?\nendstream', body, re.S)
    if not m: return None
    raw = m.group(1)
    if b'/FlateDecode' in body:
        try: return zlib.decompress(raw)
        except Exception: return None
    return raw
def cmap(text):
    mp = {}
    for blk in re.findall(rb'beginbfchar(.*?)endbfchar', text, re.S):
        for a, b in re.findall(rb'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>', blk):
            mp[int(a, 16)] = bytes.fromhex(b.decode()).decode('utf-16-be', 'replace')
    for blk in re.findall(rb'beginbfrange(.*?)endbfrange', text, re.S):
        for a, b, c in re.findall(rb'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>', blk):
            s = int(c, 16)
            for i, g in enumerate(range(int(a, 16), int(b, 16) + 1)):
                mp[g] = chr(s + i)
    return mp
# font object -> cmap
fontmap = {}
for n, body in objs.items():
    m = re.search(rb'/ToUnicode (\d+) 0 R', body)
    if m and int(m.group(1)) in objs:
        s = stream(objs[int(m.group(1))])
        if s: fontmap[n] = cmap(s)
pages = [n for n, b in objs.items() if re.search(rb'/Type\s*/Page(?!s)', b)]
def resources(body):
    m = re.search(rb'/Resources (\d+) 0 R', body)
    return objs.get(int(m.group(1)), b'') if m else body
for p in pages:
    body = objs[p]
    res = resources(body)
    fm = re.search(rb'/Font\s*(<<.*?>>|\d+ 0 R)', res, re.S)
    fonts = {}
    if fm:
        fd = fm.group(1)
        if fd.endswith(b'R'): fd = objs.get(int(fd.split()[0]), b'')
        for name, num in re.findall(rb'/(\w+) (\d+) 0 R', fd):
            fonts[name] = fontmap.get(int(num), {})
    cont = re.search(rb'/Contents (\d+) 0 R', body)
    s = stream(objs[int(cont.group(1))]) if cont else b''
    out = []; cur = {}
    for tok in re.finditer(rb'/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]+)>|\[(.*?)\]\s*TJ', s or b'', re.S):
        if tok.group(1): cur = fonts.get(tok.group(1), {})
        else:
            hexes = [tok.group(2)] if tok.group(2) else re.findall(rb'<([0-9A-Fa-f]+)>', tok.group(3))
            for h in hexes:
                for i in range(0, len(h), 4):
                    out.append(cur.get(int(h[i:i+4], 16), ''))
    text = unicodedata.normalize('NFKC', ''.join(out)).replace('\u2eda', '页')
    print(text)
