#!/usr/bin/env python3
"""Four-way scores of PHM 2023 folds from evaluate's answers.csv files.

usage: scripts/phm2023-score.py FOLD_DIR... (each holding report/answers.csv and labels.jsonl)

Per arm: four-way accuracy normal / bubble / valve / unknown (a verdict of NONE counts as normal,
BUBBLE_* as bubble, VALVE_* as valve, UNKNOWN_ANOMALY as unknown, anything else as wrong), share of
held-out (novel) cases answered UNKNOWN_ANOMALY (and per held-out kind, from the fold's name), normal cases with any answer (false alarms),
bubble location and faulty-valve identification among the cases called bubble / valve correctly.
"""
import csv, sys, collections

def kind(code):
    if code in ('NOMINAL', 'NONE'): return 'normal'
    if code.startswith('BUBBLE_'): return 'bubble'
    if code.startswith('VALVE_'): return 'valve'
    if code == 'UNKNOWN_ANOMALY': return 'unknown'
    return 'other:' + code

tot = collections.defaultdict(collections.Counter)
for fold in sys.argv[1:]:
    for r in csv.DictReader(open(f'{fold}/report/answers.csv')):
        a = r['arm']; t = r['truth']; v = r['verdict']
        c = tot[a]
        c['cases'] += 1
        ok = kind(t) == kind(v)
        c['fourway_ok'] += ok
        if t == 'UNKNOWN_ANOMALY':
            c['novel'] += 1; c['novel_unknown'] += v == 'UNKNOWN_ANOMALY'
            held = 'valve' if fold.rstrip('/').endswith('valve') else 'bubble'
            c['novel_' + held] += 1; c['novel_unknown_' + held] += v == 'UNKNOWN_ANOMALY'
        if t == 'NOMINAL':
            c['normal'] += 1; c['normal_alarm'] += v != 'NONE'
        if ok and kind(t) in ('bubble', 'valve'):
            c['located_' + kind(t)] += 1; c['exact_' + kind(t)] += t == v
for a, c in tot.items():
    pct = lambda x, y: f'{x}/{y} = {100 * x / y:.1f} %' if y else 'n/a'
    print(f'{a}: four-way {pct(c["fourway_ok"], c["cases"])}; held-out kinds -> UNKNOWN_ANOMALY {pct(c["novel_unknown"], c["novel"])}'
          f' (bubbles {pct(c["novel_unknown_bubble"], c["novel_bubble"])}, valves {pct(c["novel_unknown_valve"], c["novel_valve"])});'
          f' normal cases with an answer {pct(c["normal_alarm"], c["normal"])}; bubble location {pct(c["exact_bubble"], c["located_bubble"])};'
          f' faulty valve {pct(c["exact_valve"], c["located_valve"])}')
