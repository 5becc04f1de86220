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


def apply_computes(values, keys, rules):
    """Fill every computed cell from its parts (rules with "computes")."""
    for _ in range(4):
        for rule in rules:
            if not rule.get("computes"):
                continue
            t = values[rule["table"]]
            present = keys[rule["table"]]
            rows = sorted({k.split("/")[0] for k in present})
            cols = sorted({k.split("/")[1] for k in present})
            lhs = rule["lhs"][0]
            if rule["for_each"] == "row":
                for r in rule.get("rows", rows):
                    target = f"{r}/{lhs}"
                    if target not in present:
                        continue
                    t[target] = sum(s * t.get(f"{r}/{c}", 0) for s, c in map(term, rule["rhs"]))
            else:
                for c in rule.get("columns", cols):
                    target = f"{lhs}/{c}"
                    if target not in present:
                        continue
                    t[target] = sum(s * t.get(f"{r}/{c}", 0) for s, r in map(term, rule["rhs"]))


def make_tables(rng, keys, rules, bad, big):
    values = {t: {} for t in keys}
    computed = set()
    for rule in rules:
        if rule.get("computes"):
            lhs = rule["lhs"][0]
            for k in keys[rule["table"]]:
                r, c = k.split("/")
                if (rule["for_each"] == "row" and c == lhs) or (rule["for_each"] == "column" and r == lhs):
                    computed.add((rule["table"], k))

    def draw():
        return rng.choice((0, 0, 0, 1, 2, 3, rng.randint(0, 40), rng.randint(0, 500)))

    for t, ks in keys.items():
        for k in ks:
            if (t, k) not in computed:
                values[t][k] = draw()

    # Table 三: new + carried_over = results_total + carry_forward, per column.
    balance = next(r for r in rules if r["id"] == "T3-BALANCE")
    results_rule = next(r for r in rules if r.get("computes") and r["lhs"] == [balance["rhs"][0]])
    t3 = values["t3"]
    new, carried = balance["lhs"]
    total_row, forward = balance["rhs"]
    for k in keys["t3"]:
        r, c = k.split("/")
        if r != new or ("t3", k) in computed:
            continue
        results = sum(s * t3[f"{row}/{c}"] for s, row in map(term, results_rule["rhs"]))
        t3[f"{carried}/{c}"] = min(t3[f"{carried}/{c}"], results + t3[f"{forward}/{c}"])
        t3[k] = results + t3[f"{forward}/{c}"] - t3[f"{carried}/{c}"]
    if bad:
        first_input = next(k for k in keys["t3"] if k.startswith(new + "/") and ("t3", k) not in computed)
        t3[first_input] += 1

    # The totals are computed after the change, so only the balance fails.
    apply_computes(values, keys, rules)
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
    return "，".join(rng.choice(PHRASES) for _ in range(n)) + "。"


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

    edition = load_edition()
    rules = edition["rules"]
    keys = sample_keys()
    money_keys = {("t2", "fees/fee_amount")}
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    width = max(5, len(str(args.count)))

    for i in range(args.count):
        values = make_tables(rng, keys, rules, i < args.bad, args.big)
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
                             paragraph("（一）主动公开", 2), paragraph(text(rng, 10))],
                "problems": [paragraph("存在的主要问题：" + text(rng, 6)),
                             paragraph("改进情况：" + text(rng, 6))],
                "other": [paragraph("无")],
            },
            "tables": tables,
        }
        path = os.path.join(args.out, f"report-{i + 1:0{width}d}.nianbao")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, separators=(",", ":"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
