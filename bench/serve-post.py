#!/usr/bin/env python3
"""serve-post.py URL COOKIE CSRF DB PARK N C — N inspection POSTs at C
concurrent keep-alive clients, each a different enterprise of PARK and day
(days before today: the recording layer refuses a date after tomorrow; no
enterprise's existing special inspection of that day, so that the
duplicate guard refuses none), so that every one is a new record.  Prints one Markdown table row's cells:
requests | failed | non-303 | p50 ms | p95 ms | p99 ms | requests/s."""
import http.client, sqlite3, sys, threading, time, urllib.parse

url, cookie, csrf, db, park, n, c = sys.argv[1:8]
n, c = int(n), int(c)
u = urllib.parse.urlparse(url)
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
lat, bad, failed = [], [0], [0]
lock = threading.Lock()
nxt = [0]

def worker():
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    while True:
        with lock:
            i = nxt[0]
            nxt[0] += 1
        if i >= n:
            break
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/inspections", bodies[i], {
                "Cookie": "st_session=" + cookie,
                "Content-Type": "application/x-www-form-urlencoded"})
            r = conn.getresponse()
            r.read()
            ok = r.status == 303
        except Exception:
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
            with lock:
                failed[0] += 1
            continue
        dt = (time.perf_counter() - t0) * 1000
        with lock:
            lat.append(dt)
            if not ok:
                bad[0] += 1

t0 = time.perf_counter()
ts = [threading.Thread(target=worker) for _ in range(c)]
for t in ts: t.start()
for t in ts: t.join()
wall = time.perf_counter() - t0
lat.sort()
pct = lambda p: round(lat[min(len(lat) - 1, int(len(lat) * p / 100))]) if lat else "-"
print("%d | %d | %d | %s | %s | %s | %.1f" % (n, failed[0], bad[0], pct(50), pct(95), pct(99), n / wall))
