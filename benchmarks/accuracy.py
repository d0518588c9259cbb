"""Accuracy of `claimcheck pairs` on labeled public data, with the code path `compare` uses.

    python benchmarks/accuracy.py              # held-out halves, the published figures
    python benchmarks/accuracy.py --part all   # every row we have
    python benchmarks/accuracy.py --limit 500  # a quick look
    python benchmarks/accuracy.py --save-pairs pairs.jsonl  # the speed runs' input, to time

Prints one markdown table: MRPC accuracy and F1 of `equivalent`; SICK and VitaminC-real
precision, recall and F1 of `contradiction` (VitaminC also on claims that contain a digit);
the ECB+ rate of false contradictions between sentences about different events of one topic;
and pairs per second, in process and for the whole `claimcheck pairs` process (five runs).

The shipped match network learns from every MRPC row, so MRPC is scored with a copy of it that
fit.py fitted on the fit half only (mrpc_fit_half_model.json beside this file): same signals,
same code, half the rows, so the figure understates the shipped matcher a little.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimcheck import build, match
from claimcheck.pairs import judge_texts
from claimcheck.settings import Fitted
from datasets import Row, ecbplus, mrpc, sick, vitaminc

HALF_MODEL = Path(__file__).resolve().parent / "mrpc_fit_half_model.json"
RUNS = 5  # whole-process speed runs: a shared machine swings from one run to the next

# MRPC scores the matcher: a pair is aligned when the match score reaches the fitted threshold,
# whether or not the judge then finds a typed conflict between the two (MRPC's paraphrases often
# differ in a figure: "rose $2.11 to $21.51" and "jumped $1.63 to $21.03").
ALIGNED = ("equivalent", "contradiction-aligned")


def judged(rows: Iterable[Row]) -> Iterator[tuple[Row, str]]:
    equivalent = Fitted.shipped().equivalent
    for row in rows:
        out = judge_texts(row.a, row.b)
        relation = out.relation.value
        if relation == "contradiction" and out.similarity >= equivalent:
            relation = "contradiction-aligned"
        yield row, relation


def prf(
    pairs: list[tuple[Row, str]], positive: str, predicted: Callable[[str], bool]
) -> dict[str, float]:
    tp = sum(1 for r, p in pairs if predicted(p) and r.label == positive)
    fp = sum(1 for r, p in pairs if predicted(p) and r.label != positive)
    fn = sum(1 for r, p in pairs if not predicted(p) and r.label == positive)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    correct = sum(1 for r, p in pairs if predicted(p) == (r.label == positive))
    return {
        "p": precision,
        "r": recall,
        "f1": f1,
        "acc": correct / len(pairs) if pairs else 0.0,
        "n": len(pairs),
    }


def select(rows: Iterable[Row], part: str, limit: int) -> list[Row]:
    chosen = (r for r in rows if part == "all" or r.part == part)
    return list(itertools.islice(chosen, limit)) if limit else list(chosen)


def pairs_jsonl(rows: list[Row]) -> str:
    """The rows as `claimcheck pairs` input."""
    return "".join(json.dumps({"id": r.id, "a": r.a, "b": r.b}) + "\n" for r in rows)


def whole_process_rates(rows: list[Row], runs: int = RUNS) -> list[float]:
    """Pairs per second of the `claimcheck pairs` command, start-up included, in `runs` runs
    after an untimed one: a shared machine's load swings from one run to the next."""
    rates = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "pairs.jsonl"
        source.write_text(pairs_jsonl(rows))
        command = [sys.executable, "-m", "claimcheck", "pairs", str(source), "-o", os.devnull]
        subprocess.run(command, check=True)  # untimed: reads the files into the OS's cache
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, check=True)
            rates.append(len(rows) / (time.perf_counter() - start))
    return rates


def scores(m: dict[str, float]) -> str:
    return f"P {m['p']:.3f} / R {m['r']:.3f} / F1 {m['f1']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["held", "fit", "all"], default="held")
    parser.add_argument("--limit", type=int, default=0, help="rows per dataset (0: all)")
    parser.add_argument(
        "--save-pairs", type=Path, help="write the speed runs' input as JSON Lines and stop"
    )
    args = parser.parse_args()
    datasets = {
        name: select(read(), args.part, args.limit)
        for name, read in (("mrpc", mrpc), ("sick", sick), ("vitaminc", vitaminc), ("ecb", ecbplus))
    }
    sample = [row for rows in datasets.values() for row in rows]
    if args.save_pairs:
        args.save_pairs.write_text(pairs_jsonl(sample))
        return
    half = match.Model.from_json(json.loads(HALF_MODEL.read_text()))
    start = time.perf_counter()
    judged_rows = {name: list(judged(rows)) for name, rows in datasets.items() if name != "mrpc"}
    probes = datasets["mrpc"][:20]
    shipped = [judge_texts(r.a, r.b).similarity for r in probes]
    with mock.patch.object(match, "model", lambda: half):  # see the module's docstring
        # The matcher looks the model up at each call, compiled or not (it is a cached
        # function): scores that did not change would mean the patch missed.
        if [judge_texts(r.a, r.b).similarity for r in probes] == shipped:
            raise SystemExit("the fit-half model is not in effect: MRPC would be misscored")
        judged_rows["mrpc"] = list(judged(datasets["mrpc"]))
    total = sum(len(rows) for rows in datasets.values())
    rate = total / (time.perf_counter() - start)
    table = []
    m = prf(judged_rows["mrpc"], "equivalent", lambda p: p in ALIGNED)
    table.append(
        ("MRPC paraphrase (aligned)", f"accuracy {m['acc']:.2%}, F1 {m['f1']:.3f}", m["n"])
    )
    m = prf(judged_rows["mrpc"], "equivalent", lambda p: p == "equivalent")
    table.append(("MRPC paraphrase (relation equivalent)", f"accuracy {m['acc']:.2%}", m["n"]))
    m = prf(judged_rows["sick"], "contradiction", lambda p: p.startswith("contradiction"))
    table.append(("SICK contradiction", scores(m), m["n"]))
    m = prf(judged_rows["vitaminc"], "contradiction", lambda p: p.startswith("contradiction"))
    table.append(("VitaminC-real REFUTES, all rows", scores(m), m["n"]))
    digit = [(r, p) for r, p in judged_rows["vitaminc"] if r.tag == "digit"]
    m = prf(digit, "contradiction", lambda p: p.startswith("contradiction"))
    table.append(("VitaminC-real REFUTES, claim has a digit", scores(m), m["n"]))
    ecb = judged_rows["ecb"]
    false = sum(1 for _, p in ecb if p.startswith("contradiction"))
    share = false / max(len(ecb), 1)
    table.append(
        ("ECB+ different events, false contradictions", f"{share:.2%} ({false})", len(ecb))
    )
    table.append(("speed, in process", f"{rate:,.0f} pairs/s", total))
    rates = sorted(whole_process_rates(sample))
    low, high = f"{rates[0]:,.0f}", f"{rates[-1]:,.0f}"
    speed = f"{statistics.median(rates):,.0f} pairs/s (median of {RUNS} runs, {low} to {high})"
    table.append(("speed, whole `claimcheck pairs` process", speed, len(sample)))
    print(
        f"claimcheck accuracy, part={args.part}, {date.today()}, {platform.machine()} "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {build()}\n"
    )
    print("| task | result | rows |\n|---|---|---|")
    print("\n".join(f"| {task} | {result} | {n} |" for task, result, n in table))


if __name__ == "__main__":
    main()
