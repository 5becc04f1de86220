#!/usr/bin/env python3
"""Generate valid .nianbao reports for the batch tests and the scale benchmark.

Writes COUNT reports of one year (2021 edition) straight as JSON in the
documented file format (docs/file-format.md), fast enough for 20,000 files.
Every report passes `nianbao --check` without errors: the totals and the
balance of table 三 hold, and the narrative sections are filled.  The cell
keys and the total rules are read from the edition data, not repeated here.

Usage: gen-reports.py OUT_DIR [--count N] [--year Y] [--seed S]
                      [--bad N] [--prefix NAME] [--big]
  --bad N   the first N reports break the T3-BALANCE rule (an error)
  --big     a count and an amount past half the 64-bit range: two overflow
"""
import argparse
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("NB_SOURCE_DIR", os.path.join(HERE, "..", ".."))
EDITION = "2021"

PHRASES = [
    "坚持以公开为常态、不公开为例外", "持续深化政务公开标准化规范化建设", "及时回应社会关切",
    "加强政策解读", "完善信息发布审核机制", "推进决策公开", "优化政府网站栏目设置",
    "规范依申请公开办理流程", "强化监督考核", "组织开展业务培训", "做好政府信息管理",
    "加强公开平台建设", "提升公开质量和实效", "主动公开各类政府信息",
]


def load_edition():
    with open(os.path.join(SOURCE, "data", "editions", EDITION + ".json"), encoding="utf-8") as f:
        return json.load(f)


def sample_keys():
    # The shipped sample fills every cell: the authoritative list of keys.
    with open(os.path.join(SOURCE, "data", "samples", "sample-2022.nianbao"), encoding="utf-8") as f:
        sample = json.load(f)
    return {t: list(v.keys()) for t, v in sample["tables"].items()}


def term(name):
    sign = -1 if name.startswith("-") else 1
    return sign, name.lstrip("-")


class Structure:
    """What every report shares, worked out once: the computed cells with
    their formulas, and the cells of the balance of table 三."""

    def __init__(self, keys, rules):
        self.formulas = []  # (table, target, [(sign, part)])
        for rule in rules:
            if not rule.get("computes"):
                continue
            present = set(keys[rule["table"]])
            lhs = rule["lhs"][0]
            for key in keys[rule["table"]]:
                r, c = key.split("/")
                if rule["for_each"] == "row" and c == lhs:
                    parts = [(s, f"{r}/{x}") for s, x in map(term, rule["rhs"])]
                elif rule["for_each"] == "column" and r == lhs:
                    parts = [(s, f"{x}/{c}") for s, x in map(term, rule["rhs"])]
                else:
                    continue
                self.formulas.append((rule["table"], key, [p for p in parts if p[1] in present]))
        computed = {(t, k) for t, k, _ in self.formulas}
        self.inputs = {t: [k for k in ks if (t, k) not in computed] for t, ks in keys.items()}
        balance = next(r for r in rules if r["id"] == "T3-BALANCE")
        results = next(r for r in rules if r.get("computes") and r["lhs"] == [balance["rhs"][0]])
        new, carried = balance["lhs"]
        forward = balance["rhs"][1]
        self.balance = []  # (new, carried, forward, [(sign, result part)]) per input column
        for key in self.inputs["t3"]:
            r, c = key.split("/")
            if r == new:
                self.balance.append((key, f"{carried}/{c}", f"{forward}/{c}",
                                     [(s, f"{x}/{c}") for s, x in map(term, results["rhs"])]))

    def compute(self, values):
        # Totals of totals: two rounds settle them.
        for _ in range(2):
            for table, target, parts in self.formulas:
                t = values[table]
                t[target] = sum(s * t.get(p, 0) for s, p in parts)


def make_tables(rng, structure, bad, big):
    choices = (0, 0, 0, 1, 2, 3)
    values = {}
    for t, ks in structure.inputs.items():
        values[t] = {}
        for k in ks:
            x = rng.random()
            values[t][k] = choices[int(x * 8)] if x < 0.75 else rng.randint(0, 40 if x < 0.9 else 500)

    # Table 三: new + carried_over = results_total + carry_forward, per column.
    t3 = values["t3"]
    for new, carried, forward, parts in structure.balance:
        results = sum(s * t3.get(p, 0) for s, p in parts)
        t3[carried] = min(t3[carried], results + t3[forward])
        t3[new] = results + t3[forward] - t3[carried]
    if bad:
        t3[structure.balance[0][0]] += 1

    # The totals are computed after the change, so only the balance fails.
    structure.compute(values)
    if big:
        # A cell in no rule, so the report stays valid; two of them overflow.
        values["t2"]["penalty/decisions"] = 2**62 + rng.randint(0, 1000)
    return values


def fee(rng, big):
    if big:
        return "9000000000000.5"
    units = rng.choice((0, 0, rng.randint(0, 50), rng.randint(0, 5000)))
    frac = rng.randint(0, 9999)
    return f"{units}.{frac:04d}" if frac else str(units)


def paragraph(text, level=0):
    return {"level": level, "runs": [{"text": text}]}


def text(rng, n):
    # distinct phrases: one written twice in a row is a PROOF-DUPLICATE slip
    return "，".join(rng.sample(PHRASES, min(n, len(PHRASES)))) + "。"


def figures(values):
    """The figures a real 总体情况 states, agreeing with the tables."""
    t3 = values["t3"]
    return (f"全年共收到政府信息公开申请{t3['new/total'] + t3['carried_over/total']}件，"
            f"其中新收{t3['new/total']}件，上年结转{t3['carried_over/total']}件；"
            f"办结{t3['results_total/total']}件，其中予以公开{t3['granted/total']}件，"
            f"结转下年度继续办理{t3['carry_forward/total']}件。")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bad", type=int, default=0)
    parser.add_argument("--prefix", default="县直部门")
    parser.add_argument("--big", action="store_true")
    args = parser.parse_args()

    keys = sample_keys()
    structure = Structure(keys, load_edition()["rules"])
    money_keys = {("t2", "fees/fee_amount")}
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    width = max(5, len(str(args.count)))

    for i in range(args.count):
        values = make_tables(rng, structure, i < args.bad, args.big)
        tables = {}
        for t, ks in keys.items():
            tables[t] = {}
            for k in ks:
                tables[t][k] = fee(rng, args.big) if (t, k) in money_keys else values[t][k]
        agency = f"{args.prefix}{i + 1:0{width}d}"
        report = {
            "format": "nianbao",
            "version": 1,
            "generator": "gen-reports.py",
            "edition": EDITION,
            "metadata": {
                "agency": agency,
                "year": args.year,
                "address": "城关镇人民路1号",
                "postcode": "471000",
                "phone": "0379-6000%04d" % (i % 10000),
                "fee_decimals": 4,
            },
            "sections": {
                "overview": [paragraph(f"{args.year}年，{agency}" + text(rng, 12)),
                             paragraph("（一）主动公开", 2), paragraph(text(rng, 10)),
                             paragraph("（二）依申请公开", 2), paragraph(figures(values))],
                "problems": [paragraph("存在的主要问题：" + text(rng, 6)),
                             paragraph("改进情况：" + text(rng, 6))],
                "other": [paragraph("本年度未收取信息处理费。")],
            },
            "tables": tables,
        }
        path = os.path.join(args.out, f"report-{i + 1:0{width}d}.nianbao")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, separators=(",", ":"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
