#!/usr/bin/env python3
"""Learned advice precision from an evaluate answers.csv: the hybrid runs whose final verdict came from
the learned model (source "learned"), and how many of them name a true code of the run.
Usage: scripts/advice-precision.py DIR/report/answers.csv [...]"""
import csv
import sys

for path in sys.argv[1:]:
    advised, right, wrong = 0, 0, []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["arm"] != "hybrid" or row["source"] != "learned":
                continue
            advised += 1
            truth = row["truth"].split("+")
            if any(code in truth for code in row["verdict"].split("+")):
                right += 1
            else:
                wrong.append(f'{row["run"]} ({row["truth"]} read as {row["verdict"]})')
    share = f"{right / advised:.2f}" if advised else "-"
    print(f"{path}: learned advice precision {right} / {advised} = {share}")
    for w in wrong:
        print(f"  wrong: {w}")
