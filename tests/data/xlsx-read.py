#!/usr/bin/env python3
# xlsx-read.py — read an .xlsx back for the CLI tests (it is a zip of XML):
# one line per cell, "SHEET<TAB>ROW<TAB>COL<TAB>FILL<TAB>TEXT", where FILL is
# the cell's background colour (RRGGBB) or "-", then per sheet a line
# "SHEET<TAB>frozen<TAB>ROWS" and "SHEET<TAB>autofilter<TAB>REF".
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
RELNS = '{http://schemas.openxmlformats.org/package/2006/relationships}'

z = zipfile.ZipFile(sys.argv[1])
strings = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
        strings.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
styles = ET.fromstring(z.read('xl/styles.xml'))
fills = []
for f in styles.find('m:fills', NS).findall('m:fill', NS):
    fg = f.find('m:patternFill/m:fgColor', NS)
    fills.append(fg.get('rgb')[-6:] if fg is not None and fg.get('rgb') else '-')
xfs = [fills[int(x.get('fillId', 0))] for x in styles.find('m:cellXfs', NS).findall('m:xf', NS)]
rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
out = sys.stdout
for sh in ET.fromstring(z.read('xl/workbook.xml')).find('m:sheets', NS):
    name = sh.get('name')
    target = rels[sh.get('{%s}id' % NS['r'])]
    ws = ET.fromstring(z.read('xl/' + target.lstrip('/').replace('xl/', '')))
    for c in ws.iter('{%s}c' % NS['m']):
        m = re.match(r'([A-Z]+)(\d+)$', c.get('r'))
        t = c.get('t')
        if t == 'inlineStr':
            text = ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m']))
        elif t == 's':
            text = strings[int(c.find('m:v', NS).text)]
        else:
            v = c.find('m:v', NS)
            text = v.text if v is not None else ''
        out.write('%s\t%s\t%s\t%s\t%s\n' % (name, m.group(2), m.group(1),
                                            xfs[int(c.get('s', 0))], text.replace('\n', ' ')))
    pane = ws.find('m:sheetViews/m:sheetView/m:pane', NS)
    if pane is not None and pane.get('state') == 'frozen':
        out.write('%s\tfrozen\t%s\n' % (name, pane.get('ySplit')))
    af = ws.find('m:autoFilter', NS)
    if af is not None:
        out.write('%s\tautofilter\t%s\n' % (name, af.get('ref')))
