#!/usr/bin/env python3
"""Writes N realistic .nianbao reports into DIR (consistent totals; every
tenth one with a mistake; a narrative that states the figures), for the
benchmarks.  Usage: gen-reports.py DIR N"""
import json
import os
import random
import sys

out, count = sys.argv[1], int(sys.argv[2])
top = os.environ.get("NB_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
sample = json.load(open(os.path.join(top, "data", "samples", "sample-2022.nianbao"), encoding="utf-8"))
edition = json.load(open(os.path.join(top, "data", "editions", "2021.json"), encoding="utf-8"))
t3 = next(t for t in edition["tables"] if t["id"] == "t3")


def leaves(nodes):
    for n in nodes:
        if "children" in n:
            yield from leaves(n["children"])
        else:
            yield n["id"]


rows = list(leaves(t3["blocks"][0]["rows"]))
results = [r for r in rows if r not in ("new", "carried_over", "results_total", "carry_forward")]
columns = ["natural", "commercial", "research", "nonprofit", "legal_services", "other"]
rng = random.Random(2026)
os.makedirs(out, exist_ok=True)
for i in range(count):
    report = dict(sample)
    report["metadata"] = dict(sample["metadata"], agency=f"某某县第{i}局")
    t3v = {}
    for c in columns:
        parts = {r: rng.randint(0, 30) for r in results}
        carry_forward = rng.randint(0, 5)
        carried = rng.randint(0, 5)
        total = sum(parts.values())
        new = total + carry_forward - carried
        if new < 0:
            carried += new
            new = 0
        for r, v in parts.items():
            t3v[f"{r}/{c}"] = v
        t3v[f"results_total/{c}"] = total
        t3v[f"new/{c}"] = new
        t3v[f"carried_over/{c}"] = carried
        t3v[f"carry_forward/{c}"] = carry_forward
    for r in rows:
        t3v[f"{r}/total"] = sum(t3v[f"{r}/{c}"] for c in columns)
    if i % 10 == 0:
        t3v["new/natural"] += 1          # the classic mistake: 一+二 ≠ 三+四
    tables = dict(sample["tables"])
    tables["t3"] = t3v
    report["tables"] = tables
    # A narrative that states the figures, as real reports do: every one
    # read and compared by the TEXT-* rules.
    figures = (f"全年共收到政府信息公开申请{t3v['new/total'] + t3v['carried_over/total']}件，"
               f"其中新收{t3v['new/total']}件，上年结转{t3v['carried_over/total']}件。"
               f"办结{t3v['results_total/total']}件，其中予以公开{t3v['granted/total']}件，"
               f"部分公开{t3v['partial/total']}件，结转下年度继续办理{t3v['carry_forward/total']}件。"
               f"作出行政处罚决定{sample['tables']['t2']['penalty/decisions']}件，"
               f"行政事业性收费{sample['tables']['t2']['fees/fee_amount']}万元。"
               "本年度未发生政府信息公开行政复议和行政诉讼案件。")
    sections = dict(sample["sections"])
    sections["overview"] = sample["sections"]["overview"] + [
        {"level": 2, "runs": [{"text": "（四）依申请公开情况"}]},
        {"level": 0, "runs": [{"text": figures}]}]
    report["sections"] = sections
    with open(os.path.join(out, f"report-{i:05d}.nianbao"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=2)
