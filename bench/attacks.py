"""The attacks of issue 31, run against the real command line (each a subprocess), one verdict line each.

    .venv/bin/python bench/attacks.py [--keep DIR]

The two clock attacks run nights under `faketime` (Debian's package faketime, which the script needs). A script,
not a test: it takes about five minutes and starts a real Prefect server for the last attack. The tests hold the same
cases (tests/test_nothing_lost.py, test_guards.py, test_hostile_records.py, test_content_ids.py).
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ND = str(BIN / "nightdesk")
ROOT = (
    Path(sys.argv[sys.argv.index("--keep") + 1]) if "--keep" in sys.argv else Path(tempfile.mkdtemp(prefix="attacks-"))
)
shutil.rmtree(ROOT, ignore_errors=True)
ROOT.mkdir(parents=True)
if not shutil.which("faketime"):
    sys.exit("bench/attacks.py needs faketime for its clock attacks (apt-get install faketime)")
results = []


def sh(args, env=None, timeout=600, prefix=()):
    e = dict(os.environ)
    e.update(env or {})
    t = time.monotonic()
    p = subprocess.run([*prefix, *args], capture_output=True, text=True, env=e, timeout=timeout, cwd=REPO)
    out = " ".join((p.stdout + p.stderr).split())
    return p.returncode, out, time.monotonic() - t


def verdict(name, ok, detail):
    results.append((name, ok, detail))
    print(f"{'OK  ' if ok else 'FAIL'} {name}: {detail}", flush=True)


def q(wh, sql):
    rc, out, _ = sh([ND, "sql", sql, "-w", str(wh), "-f", "json"])
    return json.loads(out) if rc == 0 else out


def night(folder, texts):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


S = [
    "Police arrested five protesters in Cairo on Monday, officials said.",
    "\u201cWe will keep talking,\u201d said Ned Price, the State Department spokesman.",
    "Rebels attacked a convoy near Goma on Tuesday, the army said.",
    "The minister met union leaders in Lagos to end the strike.",
]

# 0. a JSONL record with a URL that cannot be parsed
inp = ROOT / "a0"
inp.mkdir()
(inp / "f.jsonl").write_text(
    "\n".join(
        json.dumps(r)
        for r in [
            {"id": "1", "url": "javascript:alert(1)", "text": S[0]},
            {"id": "2", "url": "http://example.com:99999/x", "text": S[2]},
            {"id": "3", "url": "https://ok.example/3", "text": S[3]},
        ]
    )
    + "\n"
)
rc, out, _ = sh([ND, "run", "-i", str(inp), "-w", str(ROOT / "w0")])
rows = q(ROOT / "w0", "SELECT count(*) AS n, count(url) AS urls FROM articles")
warns = q(ROOT / "w0", "SELECT count(*) AS n FROM input_warnings")
verdict(
    "0 url javascript:/port 99999",
    rc == 0 and rows == [{"n": 3, "urls": 1}] and warns == [{"n": 2}],
    f"exit {rc}, articles {rows}, input_warnings {warns}",
)

# base warehouse for several attacks
base = ROOT / "base"
n1 = night(ROOT / "n1", {f"a{i}.txt": f"Story {i}. {S[i % 4]}" for i in range(4)})
rc, out, _ = sh([ND, "run", "-i", str(n1), "-w", str(base)])
assert rc == 0, out

# 1. entities merge on an analyst's copy
an = ROOT / "analyst"
an.mkdir()
shutil.copy(base / "news.duckdb", an / "mine.duckdb")
rc2, out2, _ = sh(
    [
        BIN / "python",
        "-c",
        f"""
import duckdb; c = duckdb.connect('{an}/news.duckdb'); c.execute("ATTACH '{base}/news.duckdb' AS w (READ_ONLY)")
c.execute('CREATE TABLE entities AS SELECT * FROM w.entities'); c.execute('CREATE TABLE entity_mentions AS SELECT * FROM w.entity_mentions')
c.execute("CREATE TABLE my_notes AS SELECT 'keep' AS note"); c.close()""",
    ]
)
ids = [r["entity_id"] for r in q(base, "SELECT entity_id FROM entities LIMIT 2")]
before = (an / "news.duckdb").read_bytes()
rc, out, _ = sh([ND, "entities", "merge", ids[0], ids[1], "-w", str(an)])
verdict(
    "1 entities merge on an analyst's folder",
    rc == 1 and (an / "news.duckdb").read_bytes() == before,
    f"exit {rc}, file unchanged {(an / 'news.duckdb').read_bytes() == before}: {out[:140]}",
)

# 2. export into the warehouse's data folder
rc, out, _ = sh([ND, "export", "--to", str(base / "data" / "exp1"), "-w", str(base)])
verdict(
    "2 export --to <warehouse>/data/exp1", rc == 1 and not (base / "data" / "exp1").exists(), f"exit {rc}: {out[:160]}"
)

# 3. CALL ducklake_cleanup_old_files under --as-of
(n1 / "a0.txt").write_text("Story 0. Changed: talks resumed in Geneva on Friday.")
sh([ND, "run", "-i", str(n1), "-w", str(base)])
first = q(base, "SELECT run_id FROM runs ORDER BY started_at LIMIT 1")[0]["run_id"]
files = sorted(p.name for p in base.rglob("*.parquet"))
rc, out, _ = sh(
    [ND, "sql", "--as-of", first, "CALL ducklake_cleanup_old_files('lake', cleanup_all => true)", "-w", str(base)]
)
rc_b, out_b, _ = sh(
    [
        ND,
        "sql",
        "--as-of",
        first,
        "SELECT * FROM ducklake_cleanup_old_files('lake', cleanup_all => true)",
        "-w",
        str(base),
    ]
)
same = files == sorted(p.name for p in base.rglob("*.parquet"))
verdict(
    "3 sql --as-of CALL/SELECT ducklake_cleanup_old_files",
    rc == 1 and rc_b == 1 and same,
    f"exits {rc}/{rc_b}, {len(files)} Parquet files all still there: {same}; {out[:120]}",
)

# 4. a night with the clock 6 days behind: backups, rotation, recovery advice
w4 = ROOT / "w4"

sh([ND, "run", "-i", str(night(ROOT / "c1", {"a.txt": S[0]})), "-w", str(w4)])
sh([ND, "run", "-i", str(night(ROOT / "c2", {"b.txt": S[2]})), "-w", str(w4)], prefix=("faketime", "-f", "-6d"))
names = sorted(p.name for p in (w4 / "catalog-backups").iterdir())
(w4 / "catalog.sqlite").unlink()
rc, out, _ = sh([ND, "run", "-i", str(ROOT / "c2"), "-w", str(w4)])
cmd = re.search(r"\((gunzip -c \S+ > \S+)\)", out)
subprocess.run(cmd.group(1), shell=True, check=True)
rc2, out2, _ = sh([ND, "run", "-i", str(night(ROOT / "c3", {"c.txt": S[3]})), "-w", str(w4)])
n = q(w4, "SELECT count(*) AS n FROM articles")
verdict(
    "4 clock 6 days behind: recovery advice names the newest backup",
    rc == 1 and n == [{"n": 3}],
    f"advice: {cmd.group(1).split('/')[-3] if cmd else None}; after following it and one more night: {n} articles (3 expected); backups {names}",
)

# 5. day1/001.txt vs day2/001.txt; two feeds with story.txt
w5 = ROOT / "w5"
inbox = night(ROOT / "inbox", {"day1/001.txt": S[0], "day2/001.txt": S[2], "fa/story.txt": S[1], "fb/story.txt": S[3]})
sh([ND, "run", "-i", str(inbox / "day1"), "-w", str(w5)])
sh([ND, "run", "-i", str(inbox / "day2"), "-w", str(w5)])
rc, out, _ = sh([ND, "run", "-i", str(inbox / "fa"), "-i", str(inbox / "fb"), "-w", str(w5)])
n = q(w5, "SELECT count(*) AS n FROM articles")
verdict(
    "5 same relative path from two inputs", n == [{"n": 4}] and "duplicate" not in out, f"{n} articles (4 expected)"
)

# 6. one night with the clock 60 days ahead
w6 = ROOT / "w6"
sh([ND, "run", "-i", str(night(ROOT / "d1", {"a.txt": S[0]})), "-w", str(w6)])
r1 = q(w6, "SELECT run_id FROM runs")[0]["run_id"]
rc, out, _ = sh(
    [ND, "run", "-i", str(night(ROOT / "d2", {"b.txt": S[2]})), "-w", str(w6)], prefix=("faketime", "-f", "+60d")
)
rc2, out2, _ = sh([ND, "sql", "--as-of", r1, "SELECT count(*) AS n FROM articles", "-w", str(w6), "-f", "csv"])
verdict(
    "6 a night with the clock 60 days ahead",
    rc == 0 and rc2 == 0 and out2.endswith(" 1"),
    f"as-of the first night: exit {rc2} ({out2[-40:]}); the night said: {re.search(r'warning: [^.;]*', out).group(0) if 'warning:' in out else 'nothing'}",
)

# 7. lower-case entity labels
rc, out, _ = sh(
    [ND, "run", "-i", str(n1), "-w", str(ROOT / "w7"), "--reprocess"], env={"NIGHTDESK_ENTITY_LABELS": "person,org,gpe"}
)
m = q(ROOT / "w7", "SELECT count(*) AS n FROM entity_mentions")
verdict("7 NIGHTDESK_ENTITY_LABELS=person,org,gpe", rc == 0 and m[0]["n"] > 0, f"exit {rc}, mentions {m}")

# 8. a read-write session that writes after the swap
w8 = ROOT / "w8"
shutil.copytree(base, w8)
sh([ND, "run", "-i", str(n1), "-w", str(w8)])
go = ROOT / "go8"
sess = subprocess.Popen(
    [
        str(BIN / "python"),
        "-c",
        f"""
import duckdb, os, time; c = duckdb.connect('{w8}/news.duckdb'); c.execute("SET checkpoint_threshold='10GB'"); print('open', flush=True)
while not os.path.exists('{go}'): time.sleep(0.1)
c.execute('DROP VIEW who_said_what'); os._exit(9)""",
    ],
    stdout=subprocess.PIPE,
    text=True,
)
sess.stdout.readline()
sh([ND, "run", "-i", str(night(ROOT / "e1", {"new.txt": S[1]})), "-w", str(w8)])
go.touch()
sess.wait()
v = q(w8, "SELECT count(*) AS n FROM who_said_what")
sh([ND, "run", "-i", str(night(ROOT / "e2", {"new2.txt": S[3]})), "-w", str(w8)])
v2 = q(w8, "SELECT count(*) AS n FROM who_said_what")
verdict(
    "8 read-write session writing after the swap",
    isinstance(v, list) and isinstance(v2, list),
    f"who_said_what after: {v}, next night {v2}",
)

# 9. --as-of with an offset; published -0001-01-01
w9 = ROOT / "w9"
sh([ND, "run", "-i", str(night(ROOT / "f1", {"a.txt": S[0]})), "-w", str(w9)])
time.sleep(2)
between = datetime.now(UTC).astimezone(timezone(timedelta(hours=5)))
time.sleep(2)
sh([ND, "run", "-i", str(night(ROOT / "f2", {"b.txt": S[2]})), "-w", str(w9)])
rc, out, _ = sh(
    [
        ND,
        "sql",
        "--as-of",
        between.isoformat(timespec="seconds"),
        "SELECT count(*) AS n FROM articles",
        "-w",
        str(w9),
        "-f",
        "csv",
    ]
)
(ROOT / "g1").mkdir()
(ROOT / "g1" / "r.jsonl").write_text(json.dumps({"id": "p", "published": "-0001-01-01", "text": S[0]}) + "\n")
sh([ND, "run", "-i", str(ROOT / "g1"), "-w", str(ROOT / "w9b")])
p = q(ROOT / "w9b", "SELECT published_at::VARCHAR AS p, extra FROM articles")
verdict(
    "9 --as-of with +05:00; published -0001-01-01",
    out.endswith(" 1") and p[0]["p"] is None,
    f"as-of {between.isoformat(timespec='seconds')}: {out[-20:]} (1 expected); published_at {p[0]['p']}, extra {p[0]['extra']}",
)

# 10. ids after a line inserted at the top (seed article)
w10 = ROOT / "w10"
seed = ROOT / "seed"
seed.mkdir()
for f in (REPO / "seeds/articles").glob("000_*"):
    shutil.copy(f, seed / f.name)
sh([ND, "run", "-i", str(seed), "-w", str(w10)])
ids0 = {
    t: {list(r.values())[0] for r in q(w10, f"SELECT {c} FROM {t}")}
    for t, c in (("quotes", "quote_id"), ("entity_mentions", "mention_id"), ("events", "event_id"))
}
r0 = q(w10, "SELECT run_id FROM runs")[0]["run_id"]
story = next(seed.glob("*.txt"))
story.write_text("Update: the editor added this line on Tuesday.\n\n" + story.read_text())
sh([ND, "run", "-i", str(seed), "-w", str(w10)])
ids1 = {
    t: {list(r.values())[0] for r in q(w10, f"SELECT {c} FROM {t}")}
    for t, c in (("quotes", "quote_id"), ("entity_mentions", "mention_id"), ("events", "event_id"))
}
kept = {t: f"{len(ids0[t] & ids1[t])}/{len(ids0[t])}" for t in ids0}
rc, out, _ = sh([ND, "changes", "--since", r0, "--table", "quotes", "-w", str(w10), "-f", "csv"])
verdict(
    "10 ids survive a line inserted at the top",
    all(len(ids0[t] & ids1[t]) >= 0.9 * len(ids0[t]) for t in ids0),
    f"kept {kept}; changes --table quotes lists {len(out.split()) - 1} rows",
)

# C1. NIGHTDESK_PROCESSES=64
rc, out, secs = sh([ND, "run", "-i", str(n1), "-w", str(ROOT / "wc1")], env={"NIGHTDESK_PROCESSES": "64"})
verdict("C1 NIGHTDESK_PROCESSES=64", rc == 1 and secs < 5, f"exit {rc} in {secs:.1f} s: {out[:120]}")

# C2. rename to 120,000 characters
rc, out, secs = sh([ND, "entities", "rename", ids[0], "x" * 120_000, "-w", str(base)])
verdict("C2 rename to 120,000 characters", rc == 1 and secs < 10, f"exit {rc} in {secs:.1f} s: {out[:100]}")

# C3. serve with a cron that never comes, a name with a slash
rc, out, _ = sh([ND, "serve", "--cron", "0 2 30 2 *"], env={"PREFECT_API_URL": "http://127.0.0.1:9/api"})
rc2, out2, _ = sh([ND, "serve", "--name", "a/b"], env={"PREFECT_API_URL": "http://127.0.0.1:9/api"})
verdict(
    "C3 serve --cron '0 2 30 2 *', --name a/b",
    rc == 2 and rc2 == 2 and "Traceback" not in out + out2,
    f"{out[:90]} | {out2[:80]}",
)

# C4. --as-of before the first night
rc, out, _ = sh([ND, "sql", "--as-of", "2001-01-01", "SELECT 1", "-w", str(base)])
verdict("C4 --as-of before the first night", rc == 1 and "does not exist" not in out, out[:150])

# C5. a scrambled Parquet file
w5b = ROOT / "w5b"
shutil.copytree(base, w5b)
sh([ND, "run", "-i", str(night(ROOT / "h1", {"x.txt": S[2]})), "-w", str(w5b)])
newest = max((w5b / "data/main/quotes").glob("*.parquet"), key=lambda p: p.stat().st_mtime)
b = bytearray(newest.read_bytes())
b[len(b) // 2 : -8] = os.urandom(len(b[len(b) // 2 : -8]))
newest.write_bytes(bytes(b))
rc, out, _ = sh([ND, "sql", "SELECT max(content) FROM quotes", "-w", str(w5b)])
rc2, out2, _ = sh([ND, "run", "-i", str(ROOT / "h1"), "-w", str(w5b)])
verdict(
    "C5 scrambled Parquet file",
    newest.name in out and newest.name in out2 and rc2 == 1,
    f"sql: {out[:200]} | run: {out2[:120]}",
)

# C6. NIGHTDESK_CATALOG=sqlite:
rc, out, _ = sh([ND, "run", "-i", str(n1), "-w", str(ROOT / "wc6")], env={"NIGHTDESK_CATALOG": "sqlite:"})
verdict("C6 NIGHTDESK_CATALOG=sqlite:", rc == 1 and "gunzip" not in out, out[:140])

# C7. a bad NIGHTDESK_COPY_THRESHOLD
rc, out, secs = sh([ND, "run", "-i", str(n1), "-w", str(ROOT / "wc7")], env={"NIGHTDESK_COPY_THRESHOLD": "2"})
verdict("C7 NIGHTDESK_COPY_THRESHOLD=2", rc == 1 and secs < 5, f"exit {rc} after {secs:.1f} s: {out[:100]}")

# C8. --since after --until
rc, out, _ = sh([ND, "run", "-i", str(n1), "-w", str(ROOT / "wc8"), "--since", "2024-02-01", "--until", "2024-01-01"])
verdict("C8 --since after --until", rc == 1, out[:120])

# C9. --wait 3 timing out
holder = subprocess.Popen(
    [
        str(BIN / "python"),
        "-c",
        f"""
from nightdesk.load.lock import run_lock; from pathlib import Path; import time
with run_lock(Path('{base}'), '20261207T000000-abcdef'):
    print('held', flush=True); time.sleep(20)""",
    ],
    stdout=subprocess.PIPE,
    text=True,
    cwd=REPO,
)
holder.stdout.readline()
rc, out, secs = sh([ND, "run", "-i", str(n1), "-w", str(base), "--wait", "3"])
holder.kill()
verdict("C9 --wait 3 timing out", rc == 1 and "waited 3 s" in out, f"after {secs:.1f} s: {out[:170]}")

# C10. a stray lake/_manifest.json in a healthy warehouse
(base / "lake").mkdir()
(base / "lake/_manifest.json").write_text("{}")
rc, out, _ = sh([ND, "run", "-i", str(n1), "-w", str(base)])
shutil.rmtree(base / "lake")
verdict(
    "C10 stray lake/_manifest.json",
    rc == 0 and "was not read" in out,
    f"exit {rc}: {re.search(r'warning: .{0,120}', out).group(0) if 'warning:' in out else out[-150:]}",
)

# C11. --input on a symlink loop
os.symlink(ROOT / "loopb", ROOT / "loopa")
os.symlink(ROOT / "loopa", ROOT / "loopb")
rc, out, _ = sh([ND, "run", "-i", str(ROOT / "loopa"), "-w", str(ROOT / "wc11")])
verdict("C11 --input on a loop of links", rc == 1 and "loop" in out, out[:140])

# C12. serve and SIGTERM while the Prefect server is down
port = socket.socket()
port.bind(("127.0.0.1", 0))
PORT = port.getsockname()[1]
port.close()
env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
env.update(
    PREFECT_HOME=str(ROOT / "ph"),
    PREFECT_API_URL=f"http://127.0.0.1:{PORT}/api",
    PREFECT_SERVER_ANALYTICS_ENABLED="false",
    PREFECT_UI_ENABLED="false",
)
server = subprocess.Popen(
    [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(PORT)],
    env=env,
    stdout=subprocess.DEVNULL,
    stderr=subprocess.STDOUT,
    start_new_session=True,
)
sys.path.insert(0, str(REPO))
from nightdesk.prefect_workarounds import answers  # noqa: E402

deadline = time.monotonic() + 180
while not answers(env["PREFECT_API_URL"]) and time.monotonic() < deadline:
    time.sleep(1)
with open(ROOT / "serve.log", "w") as log:
    serve = subprocess.Popen(
        [ND, "serve", "-i", str(n1), "-w", str(ROOT / "wc12")],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=REPO,
    )
deadline = time.monotonic() + 180
while "being served" not in (ROOT / "serve.log").read_text() and time.monotonic() < deadline:
    time.sleep(1)
os.killpg(server.pid, signal.SIGKILL)
server.wait()
t = time.monotonic()
os.killpg(serve.pid, signal.SIGTERM)
try:
    serve.wait(timeout=90)
    secs = time.monotonic() - t
    verdict(
        "C12 serve, SIGTERM while the server is down",
        secs < 30,
        f"ended {secs:.1f} s after SIGTERM, exit {serve.returncode}: {(ROOT / 'serve.log').read_text().strip().splitlines()[-1][:150]}",
    )
except subprocess.TimeoutExpired:
    os.killpg(serve.pid, signal.SIGKILL)
    verdict("C12 serve, SIGTERM while the server is down", False, "still running 90 s after SIGTERM")

print(f"\n{sum(ok for _, ok, _ in results)} of {len(results)} attacks handled")
