#!/usr/bin/env python3
"""serve-post.py URL COOKIE CSRF DB PARK N C — N inspection POSTs at C
concurrent keep-alive clients, each a different enterprise of PARK and day
(days before today: the recording layer refuses a date after tomorrow; no
enterprise's existing special inspection of that day, so that the duplicate
guard refuses none), so that every one is a new record.  The client is one
curl --parallel (C; Python threads under the interpreter's lock measured
the client more than the server).  Prints one Markdown table row's cells:
requests | failed | non-303 | p50 ms | p95 ms | p99 ms | requests/s."""
import os, sqlite3, subprocess, sys, tempfile, time, urllib.parse

url, cookie, csrf, db, park, n, c = sys.argv[1:8]
n, c = int(n), int(c)
con = sqlite3.connect(db)
ents = [r[0] for r in con.execute(
    "SELECT id FROM enterprises WHERE park = ? ORDER BY id", (park,))]
taken = set(con.execute("SELECT enterprise, date FROM inspections WHERE kind = 'special'"))
con.close()
pairs, back = [], 1
while len(pairs) < n:
    d = time.strftime("%Y-%m-%d", time.localtime(time.time() - 86400 * back))
    pairs += [(e, d) for e in ents if (e, d) not in taken][:n - len(pairs)]
    back += 1
bodies = []
for e, d in pairs:
    f = {"csrf": csrf, "enterprise": e, "date": d, "kind": "special",
         "inspectors": "压测"}
    for k in range(1, 14):
        f["item%d" % k] = "fail" if k == 5 else "pass"
    f["note5"] = "压测记录"
    bodies.append(urllib.parse.urlencode(f))
# one curl process, C transfers at a time over kept-alive connections; each
# transfer prints its status and total time
cfg = tempfile.NamedTemporaryFile("w", suffix=".curl", delete=False)
cfg.write("\nnext\n".join(
    'url = "%sinspections"\ndata = "%s"\nheader = "Cookie: st_session=%s"\n'
    'output = "/dev/null"\nwrite-out = "%%{http_code} %%{time_total} %%{errormsg}\\n"'
    % (url, b, cookie) for b in bodies) + "\n")
cfg.close()
t0 = time.perf_counter()
out = subprocess.run(["curl", "-s", "--no-progress-meter", "-Z", "--parallel-max", str(c),
                      "--parallel-immediate", "-K", cfg.name],
                     stdout=subprocess.PIPE, text=True).stdout
wall = time.perf_counter() - t0
os.unlink(cfg.name)
lat, bad, errors = [], 0, []
for line in out.split("\n"):
    parts = line.split(None, 2)
    if len(parts) < 2 or parts[0] == "000":
        if line.strip():
            errors.append(line)
        continue   # no answer: counted as failed below
    lat.append(float(parts[1]) * 1000)
    bad += parts[0] != "303"
failed = n - len(lat)
for e in sorted(set(errors))[:5]:
    print("serve-post: " + e, file=sys.stderr)
lat.sort()
pct = lambda p: round(lat[min(len(lat) - 1, int(len(lat) * p / 100))]) if lat else "-"
print("%d | %d | %d | %s | %s | %s | %.1f" % (n, failed, bad, pct(50), pct(95), pct(99), n / wall))
