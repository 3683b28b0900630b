"""Prints the budgeted cases of a side-by-side run as a Markdown table, from
the files `run_peers.sh` leaves in its folder: DIR/rust.json (the Rust
bench), DIR/highs.json (HiGHS on the stability-row MILP, `peers.py`) and,
when present, DIR/walk.json (HiGHS on the host-walk formulation,
`walk_milp.py`). Then a summary: how many cases each side proves, the ratios
of HiGHS's time to ours over the cases both prove, their median and least.

Usage: python table.py DIR [--only SUBSTR]
"""
import json
import os
import statistics
import sys


def ms(seconds):
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.1f} ms"


def num(x):
    return f"{x if abs(x) >= 0.5 else 0:,.0f}"


def main():
    d = sys.argv[1]
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    rust = json.load(open(f"{d}/rust.json"))
    highs = json.load(open(f"{d}/highs.json"))
    walk = json.load(open(f"{d}/walk.json")) if os.path.exists(f"{d}/walk.json") else {}
    head = "| case | twinning-matcher | its result | HiGHS (rows) | its result | HiGHS ÷ ours |"
    sep = "|---|---|---|---|---|---|"
    if walk:
        head += " HiGHS (walk) | its result |"
        sep += "---|---|"
    print(head)
    print(sep)
    ratios, walk_ratios, ours_proven, rows_proven, walk_proven, different = [], [], 0, 0, 0, []
    for name in sorted(highs):
        if only not in name:
            continue
        r = rust[f"{name}/exact"]
        f = dict(zip(r["extra"].split()[0::2], r["extra"].split()[1::2]))
        value, bound = int(f["value"]), int(f["bound"])
        proven = f["proven"] == "true"
        ours_proven += proven
        nodes = f"{f['nodes']} node" + ("" if f["nodes"] == "1" else "s")
        mine = (f"{num(value)}, proven ({nodes})" if proven
                else f"**{num(value)}, bound {num(bound)}: not proven**")
        h = highs[name]
        h_ok = h["status"] == 0
        rows_proven += h_ok
        theirs = f"{num(h['value'])}, optimal" if h_ok else f"**{num(h['value'])}: not proven**"
        if proven and h_ok:
            ratio = h["s"] / r["min_s"]
            ratios.append((ratio, name))
            ratio_text = f"{ratio:.1f}×"
            if abs(h["value"] - value) > 0.5:
                different.append(name)
        else:
            ratio_text = "—"
        line = f"| {name} | {ms(r['min_s'])} | {mine} | {ms(h['s'])} | {theirs} | {ratio_text} |"
        if walk:
            w = walk.get(name)
            if w is None or "status" not in w:
                line += " — | — |"
            else:
                w_ok = w["status"] == 0
                walk_proven += w_ok
                lp = (f"LP {w['lp']:,.2f}" if w["lp"] == w["lp"]
                      else f"LP not solved in {w['lp_s']:.0f} s")
                line += (f" {ms(w['s'])} | "
                         + (f"{num(w['value'])}, optimal ({lp})" if w_ok
                            else f"**{num(w['value'])}: not proven** ({lp})")
                         + " |")
                if proven and w_ok:
                    walk_ratios.append((w["s"] / r["min_s"], name))
        print(line)
    n = len([x for x in highs if only in x])
    print()
    print(f"cases: {n}; proven by twinning-matcher: {ours_proven}; by HiGHS (rows): {rows_proven}"
          + (f"; by HiGHS (walk): {walk_proven}" if walk else ""))
    for label, rs in [("HiGHS (rows)", ratios), ("HiGHS (walk)", walk_ratios)]:
        if rs:
            values = [x[0] for x in rs]
            least = min(rs)
            slower = [f"{x[1]} ({x[0]:.2f}×)" for x in rs if x[0] < 1.0]
            print(f"both proven against {label}: {len(rs)}; ratio median "
                  f"{statistics.median(values):.1f}×, least {least[0]:.2f}× ({least[1]}); "
                  f"ours slower on {len(slower)}: {', '.join(slower) or 'none'}")
    if different:
        print(f"DIFFERENT optimum: {', '.join(different)}")


if __name__ == "__main__":
    main()
