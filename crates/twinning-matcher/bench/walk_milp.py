"""HiGHS on the host-walk formulation of the budgeted stable objective: the
peer for the stable cases with the strongest formulation we know, beside the
stability-row MILP of `peers.py`.

Usage: python walk_milp.py DIR [--only SUBSTR] [--lp-only]

Reads the budgeted stable instances the Rust bench wrote to DIR
(`cargo bench -p twinning-matcher --bench matcher -- --write DIR`, the files
`budget-stable-*.json` and `family-stable-*.json`), and for each prints the
value and time of the linear relaxation and (unless --lp-only) of the MILP
within HIGHS_TIME_LIMIT seconds (default 60). Results also go to
DIR/walk.json.

The formulation. Every stable matching of a host selection, seen from one
selected host h, is a walk down h's list from its favourite: each seeker met
while h has a free seat is either taken or "gone" (matched to a host it
prefers); once h is full, the rest is passed. Each host's walks are the
paths of a small network, nodes (position i, seats taken t):

    take  (i, t) -> (i+1, t+1)   t < c_h    gives x_{s_i h}
    gone  (i, t) -> (i+1, t)     t < c_h    gives z_{s_i h}
    pass  (i, c) -> (i+1, c)     full

with y_h units leaving (0, 0). What ties the hosts together:

    sum_h x_sh <= 1                    each seeker at most once
    z_sh <= sum_{h' >_s h} x_sh'        gone means matched higher
    sum_h y_h <= k                     the budget

and the objective is max sum w_sh x_sh (1 per pair without scores). The
network matrices are totally unimodular, so the linear relaxation is the
convex hull of each host's walks under the linking rows: the value the
Lagrangian of `src/budget/stable_dual.rs` converges to.

As with `peers.py`, the optimum is that of the best stable matching of the
best selection. With scores, several stable matchings of one selection may
weigh differently, and twinning-matcher's objective is the seeker-proposing
one, so this optimum bounds ours from above; the two agree whenever the
selection has one stable matching (usual with short random lists).
"""
import json
import os
import sys
import time

import numpy as np
from scipy.optimize import Bounds, milp

from peers import Rows, load


def walk_model(path):
    seekers, hosts, scores, k = load(path)
    hrank = {h: {s: r for r, s in enumerate(p)} for h, (_, p) in hosts.items()}
    pairs = [(s, h) for s, prefs in seekers.items() for h in prefs if s in hrank[h]]
    pidx = {p: i for i, p in enumerate(pairs)}
    n = 0

    def new(count):
        nonlocal n
        start = n
        n += count
        return start

    x0 = new(len(pairs))
    z0 = new(len(pairs))
    host_ids = list(hosts)
    y0 = new(len(host_ids))
    rows = Rows()
    add = rows.add

    for j, h in enumerate(host_ids):
        cap, order = hosts[h]
        listed = [s for s in order if (s, h) in pidx]
        m = len(listed)
        c = min(cap, m)
        # Arcs out of (i, t): take, gone (t < c) or pass (t == c).
        node_out = {}
        node_in = {}
        take = [[] for _ in range(m)]
        gone = [[] for _ in range(m)]
        for i in range(m):
            for t in range(0, min(i, c) + 1):
                if t < c:
                    a = new(1)
                    take[i].append(a)
                    node_out.setdefault((i, t), []).append(a)
                    node_in.setdefault((i + 1, t + 1), []).append(a)
                    b = new(1)
                    gone[i].append(b)
                    node_out.setdefault((i, t), []).append(b)
                    node_in.setdefault((i + 1, t), []).append(b)
                else:
                    a = new(1)
                    node_out.setdefault((i, t), []).append(a)
                    node_in.setdefault((i + 1, t), []).append(a)
        if c == 0:
            # No seat: none of its pairs is taken or counted gone.
            for s in listed:
                add([(x0 + pidx[(s, h)], 1.0)], 0.0, 0.0)
                add([(z0 + pidx[(s, h)], 1.0)], 0.0, 0.0)
            continue
        add([(a, 1.0) for a in node_out[(0, 0)]] + [(y0 + j, -1.0)], 0.0, 0.0)
        for (i, t), outs in node_out.items():
            if i == 0:
                continue
            ins = node_in.get((i, t), [])
            add([(a, 1.0) for a in outs] + [(a, -1.0) for a in ins], 0.0, 0.0)
        for i, s in enumerate(listed):
            p = pidx[(s, h)]
            add([(x0 + p, 1.0)] + [(a, -1.0) for a in take[i]], 0.0, 0.0)
            add([(z0 + p, 1.0)] + [(a, -1.0) for a in gone[i]], 0.0, 0.0)
    by_seeker = {}
    for p, (s, h) in enumerate(pairs):
        by_seeker.setdefault(s, []).append(p)
    for s, idx in by_seeker.items():
        add([(x0 + p, 1.0) for p in idx], -np.inf, 1.0)
    for s, prefs in seekers.items():
        above = []
        for h in prefs:
            if (s, h) not in pidx:
                continue
            p = pidx[(s, h)]
            add([(z0 + p, 1.0)] + [(x0 + q, -1.0) for q in above], -np.inf, 0.0)
            above.append(p)
    add([(y0 + j, 1.0) for j in range(len(host_ids))], -np.inf, float(k))
    cost = np.zeros(n)
    for p, pair in enumerate(pairs):
        cost[x0 + p] = -(scores.get(pair, 0.0) if scores else 1.0)
    return cost, rows.constraint(n), n


def solve(cost, cons, n, integral):
    t = time.perf_counter()
    res = milp(cost, constraints=cons, integrality=np.ones(n) if integral else np.zeros(n),
               bounds=Bounds(0, 1),
               options={"time_limit": float(os.environ.get("HIGHS_TIME_LIMIT", "60"))})
    value = -res.fun if res.x is not None else float("nan")
    return time.perf_counter() - t, value, int(res.status)


def main():
    d = sys.argv[1]
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    lp_only = "--lp-only" in sys.argv
    out = {}
    names = sorted(f[:-5] for f in os.listdir(d)
                   if f.endswith(".json") and f.startswith(("budget-stable-", "family-stable-")))
    print("case | walk LP | LP s | walk MILP | MILP s | status")
    for name in names:
        if only not in name:
            continue
        cost, cons, n = walk_model(f"{d}/{name}.json")
        lp_t, lp_v, _ = solve(cost, cons, n, False)
        row = {"lp": lp_v, "lp_s": lp_t}
        if not lp_only:
            t, v, status = solve(cost, cons, n, True)
            row.update({"value": v, "s": t, "status": status})
        out[name] = row
        milp_part = ("" if lp_only else
                     f" | {row['value']:.0f} | {row['s']:.2f} | "
                     f"{'optimal' if row['status'] == 0 else 'NOT proven'}")
        print(f"{name} | {lp_v:.2f} | {lp_t:.2f}{milp_part}", flush=True)
    with open(f"{d}/walk.json", "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
