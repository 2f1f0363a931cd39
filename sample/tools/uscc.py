#!/usr/bin/env python3
"""Unified social credit codes (GB 32100-2015) for the sample dossier.

`uscc.py check CODE...` validates codes; `uscc.py make PREFIX8 ORG8` builds
a code from the registration prefix (e.g. 91654202) and the first 8
characters of the organisation code, filling in the organisation code's own
check character (GB 11714-1997) and the final check character, so that the
sample's codes look like real ones and not just pass the last check.
"""
import sys

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def uscc_check(code17):
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(code17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_valid(code):
    return (len(code) == 18 and all(c in USCC_CHARSET for c in code)
            and uscc_check(code[:17]) == code[17])


def org_check(org8):
    # GB 11714: digits are their value, letters A..Z are 10..35
    val = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in org8]
    c9 = 11 - sum(v * w for v, w in zip(val, ORG_WEIGHTS)) % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


def make(prefix8, org8):
    code17 = prefix8 + org8 + org_check(org8)
    return code17 + uscc_check(code17)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        bad = [c for c in sys.argv[2:] if not uscc_valid(c)]
        for c in bad:
            print("invalid:", c)
        sys.exit(1 if bad else 0)
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        print(make(sys.argv[2], sys.argv[3]))
        sys.exit(0)
    sys.exit(__doc__)
