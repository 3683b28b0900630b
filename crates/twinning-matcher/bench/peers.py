"""Runs the Python peers on the instances written by the Rust bench
(`cargo bench -p twinning-matcher --bench matcher -- --write DIR`) and prints
a side-by-side table of times and ratios.

Peers: `matching` (hospitals-residents), `scipy.optimize.linear_sum_assignment`
and `lap.lapjv` (dense assignment), and HiGHS through `scipy.optimize.milp`
(budgeted selection; the MILP formulations are below).

Usage: python peers.py DIR [--skip-matching]

HiGHS gets HIGHS_TIME_LIMIT seconds per budgeted case (default 60); its
results are also written to DIR/highs.json.
"""
import json
import os
import signal
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse import coo_matrix


def best_of(reps, fn, budget=60.0):
    times, result, start = [], None, time.perf_counter()
    for _ in range(reps):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        if time.perf_counter() - start > budget:
            break
    return min(times), result


def load(path):
    with open(path) as f:
        doc = json.load(f)
    seekers = {s["id"]: [p for p in s["preferences"]] for s in doc["seekers"]}
    hosts = {h["id"]: (h["capacity"], [p for p in h["preferences"]]) for h in doc["hosts"]}
    scores = {(x["seeker"], x["host"]): float(x["score"]) for x in doc.get("scores", [])}
    return seekers, hosts, scores, doc.get("max_hosts")


class Rows:
    """Sparse constraint rows for `scipy.optimize.milp`: `add` one row
    `lb <= sum v * x[col] <= ub` from its `(col, v)` entries, then
    `constraint(n)` for `n` variables."""

    def __init__(self):
        self.rows, self.cols, self.vals, self.lo, self.hi = [], [], [], [], []

    def add(self, entries, lb, ub):
        r = len(self.lo)
        for col, v in entries:
            self.rows.append(r)
            self.cols.append(col)
            self.vals.append(v)
        self.lo.append(lb)
        self.hi.append(ub)

    def constraint(self, n):
        a = coo_matrix((self.vals, (self.rows, self.cols)), shape=(len(self.lo), n)).tocsr()
        return LinearConstraint(a, np.array(self.lo), np.array(self.hi))


def budget_milp(path, stable):
    """max sum w_sh x_sh  s.t.  sum_h x_sh <= 1 (seekers), sum_s x_sh <= c_h y_h,
    x_sh <= y_h, sum_h y_h <= k, x, y binary. With `stable`, for every
    acceptable pair (s, h): c_h y_h - c_h sum_{h' >=_s h} x_sh' - sum_{s' >_h s} x_s'h <= 0,
    i.e. a selected host not given to s (or better) is full with seekers it
    prefers. Without scores the weight of every pair is 1 (matched seekers)."""
    seekers, hosts, scores, k = load(path)
    host_ids = list(hosts)
    hidx = {h: j for j, h in enumerate(host_ids)}
    # mutually acceptable pairs
    hrank = {h: {s: r for r, s in enumerate(p)} for h, (_, p) in hosts.items()}
    pairs = [(s, h) for s, prefs in seekers.items() for h in prefs if s in hrank[h]]
    pidx = {p: i for i, p in enumerate(pairs)}
    nx, ny = len(pairs), len(host_ids)
    nv = nx + ny
    c = np.zeros(nv)
    for i, p in enumerate(pairs):
        c[i] = -(scores.get(p, 0.0) if scores else 1.0)
    rows = Rows()
    add = rows.add
    by_seeker, by_host = {}, {}
    for i, (s, h) in enumerate(pairs):
        by_seeker.setdefault(s, []).append(i)
        by_host.setdefault(h, []).append(i)
    for s, idx in by_seeker.items():
        add([(i, 1.0) for i in idx], -np.inf, 1.0)
    for h, idx in by_host.items():
        add([(i, 1.0) for i in idx] + [(nx + hidx[h], -float(hosts[h][0]))], -np.inf, 0.0)
    for i, (s, h) in enumerate(pairs):
        add([(i, 1.0), (nx + hidx[h], -1.0)], -np.inf, 0.0)
    add([(nx + j, 1.0) for j in range(ny)], -np.inf, float(k))
    if stable:
        for (s, h) in pairs:
            cap = float(hosts[h][0])
            entries = [(nx + hidx[h], cap)]
            for h2 in seekers[s]:
                if (s, h2) in pidx:
                    entries.append((pidx[(s, h2)], -cap))
                if h2 == h:
                    break
            rs = hrank[h][s]
            for s2 in hosts[h][1][:rs]:
                if (s2, h) in pidx:
                    entries.append((pidx[(s2, h)], -1.0))
            add(entries, -np.inf, 0.0)
    cons = rows.constraint(nv)

    def solve():
        return milp(c, constraints=cons, integrality=np.ones(nv), bounds=Bounds(0, 1),
                    options={"time_limit": float(os.environ.get("HIGHS_TIME_LIMIT", "60"))})

    t, res = best_of(1, solve)
    value = -res.fun if res.x is not None else float("nan")
    return t, value, res.status


def main():
    d = sys.argv[1]
    skip_matching = "--skip-matching" in sys.argv
    rust = json.load(open(f"{d}/rust.json"))
    rows = []

    def row(case, rust_key, peer, peer_time, note=""):
        rt = rust.get(rust_key, {}).get("min_s")
        ratio = (peer_time / rt) if rt and peer_time == peer_time else float("nan")
        rows.append((case, rt, peer, peer_time, ratio, note))

    # Dense assignment.
    try:
        with open(f"{d}/dense-2000.txt") as f:
            n = int(f.readline())
            cmat = np.loadtxt(f, dtype=np.int64).reshape(n, n)
        import lap
        cf = cmat.astype(np.float64)
        t, res = best_of(5, lambda: lap.lapjv(cf))
        row("dense 2000x2000", "dense-2000x2000", "lap.lapjv", t, f"cost {res[0]:.0f}")
        t, res = best_of(3, lambda: linear_sum_assignment(cmat))
        row("dense 2000x2000", "dense-2000x2000", "scipy lsa", t, f"cost {cmat[res[0], res[1]].sum()}")
    except FileNotFoundError:
        pass

    # Complete welfare (unit capacities, scores): the same matrix for lap.
    try:
        seekers, hosts, scores, _ = load(f"{d}/welfare-complete-1000x1000.json")
        import lap
        sid = {s: i for i, s in enumerate(seekers)}
        hid = {h: j for j, h in enumerate(hosts)}
        wmat = np.zeros((len(sid), len(hid)))
        for (s, h), w in scores.items():
            wmat[sid[s], hid[h]] = w
        cf = wmat.max() - wmat
        t, res = best_of(5, lambda: lap.lapjv(cf))
        total = wmat[np.arange(len(sid)), res[1]].sum()
        row("welfare complete 1000x1000", "welfare-complete-1000x1000", "lap.lapjv", t,
            f"score {total:.0f}")
    except FileNotFoundError:
        pass

    # Hospitals-residents with the `matching` package (small size only).
    if not skip_matching:
        try:
            seekers, hosts, _, _ = load(f"{d}/da-small.json")
            from matching.games import HospitalResident

            def run():
                game = HospitalResident.create_from_dictionaries(
                    seekers, {h: p for h, (_, p) in hosts.items()}, {h: c for h, (c, _) in hosts.items()})
                return game.solve(optimal="resident")

            signal.alarm(600)
            t, _ = best_of(1, run)
            signal.alarm(0)
            row("HR 1000x50 complete", "da-small-1000x50-complete/da+tables", "matching", t)
        except FileNotFoundError:
            pass

    # Budgeted selection with HiGHS: every case the Rust bench ran.
    highs = {}
    summary = []
    for key in sorted(rust):
        if not key.startswith(("budget-", "family-")) or not key.endswith("/exact"):
            continue
        name = key[: -len("/exact")]
        stable = "-stable-" in name
        t, value, status = budget_milp(f"{d}/{name}.json", stable)
        highs[name] = {"s": t, "value": value, "status": int(status)}
        extra = rust[key]["extra"]
        fields = dict(zip(extra.split()[0::2], extra.split()[1::2]))
        rv = float(fields.get("value", "nan"))
        proven = fields.get("proven") == "true"
        # status 0: HiGHS proved its value optimal; 1: its time limit.
        verdict = ("same" if abs(rv - value) < 0.5 else f"DIFFERENT ({rv:.0f} vs {value:.0f})")
        row(name, key, "HiGHS milp", t,
            f"highs {value:.0f} ({'optimal' if status == 0 else 'NOT proven, status %d' % status}); "
            f"rust {extra}; {verdict}")
        rt = rust[key]["min_s"]
        summary.append((name, rt, proven, t, status == 0, t / rt))
    with open(f"{d}/highs.json", "w") as f:
        json.dump(highs, f, indent=1, sort_keys=True)
    if summary:
        ratios = [x[5] for x in summary]
        print(f"budgeted cases: {len(summary)}; proven by twinning-matcher "
              f"{sum(x[2] for x in summary)}; proven by HiGHS {sum(x[4] for x in summary)}; "
              f"twinning-matcher faster on {sum(r > 1 for r in ratios)}; "
              f"median HiGHS/twinning-matcher time {statistics.median(ratios):.1f}x")

    print(f"{'case':<52} {'rust s':>10} {'peer':<12} {'peer s':>10} {'peer/rust':>10}  note")
    for case, rt, peer, pt, ratio, note in rows:
        rts = f"{rt:.4f}" if rt is not None else "-"
        print(f"{case:<52} {rts:>10} {peer:<12} {pt:>10.4f} {ratio:>10.1f}  {note}")
    print(f"(numpy {np.__version__}, scipy {scipy.__version__})")


if __name__ == "__main__":
    main()
