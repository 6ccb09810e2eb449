#!/usr/bin/env python3
"""labels.csv of the PHM Asia-Pacific 2023 training set -> labels.jsonl for Hotfire.

usage: scripts/phm2023-labels.py DATA_DIR OUT_DIR [--test-spacecraft N] [--hold-out KIND,...]

Writes OUT_DIR/labels.jsonl whose `file` paths point into DATA_DIR/cases (absolute), so the data
stays where it is. Codes: BUBBLE_<location> (BP1..BP7, BV1) for bubble anomalies, VALVE_SV<n> for
a solenoid-valve fault (the valve with the lowest opening ratio). Splits: with --test-spacecraft N,
that spacecraft's cases are `test`, the others alternate `train` / `calibration` (2 of 3 train);
without it every case is `train`/`calibration` alike. --hold-out bubble|valve removes that kind from
the train and calibration splits and marks it `novel` in the test split (its right answer is then
UNKNOWN_ANOMALY).
"""
import csv, json, os, sys

def main(argv):
    if len(argv) < 2:
        print(__doc__); return 2
    data, out = argv[0], argv[1]
    test_sc, hold = None, set()
    rest = argv[2:]
    while rest:
        a = rest.pop(0)
        if a == '--test-spacecraft': test_sc = rest.pop(0)
        elif a == '--hold-out': hold = set(rest.pop(0).split(','))
        else: print('unknown option', a); return 2
    os.makedirs(out, exist_ok=True)
    n = 0
    with open(os.path.join(data, 'labels.csv')) as f, open(os.path.join(out, 'labels.jsonl'), 'w') as o:
        for row in csv.DictReader(f):
            cond = row['condition']
            kind = {'Normal': None, 'Fault': 'valve', 'Anomaly': 'bubble'}[cond]
            faults = []
            if kind == 'valve':
                ratios = {v: float(row[f'sv{v}_open_pct']) for v in (1, 2, 3, 4)}
                sv = min(ratios, key=ratios.get)
                faults.append({'code': f'VALVE_SV{sv}', 'onset': 0.0, 'severity': round(1 - ratios[sv] / 100, 3)})
            elif kind == 'bubble':
                faults.append({'code': f'BUBBLE_{row["bubble_at"]}', 'onset': 0.0})
            is_test = test_sc is not None and row['spacecraft'] == test_sc
            if kind in hold:
                if not is_test:
                    continue
                for fl in faults: fl['novel'] = True
            if is_test:
                split = 'test'
            else:
                n += 1
                split = 'calibration' if n % 3 == 0 else 'train'
            o.write(json.dumps({'run': row['case'], 'file': os.path.abspath(os.path.join(data, 'cases', row['case'] + '.csv')),
                                'split': split, 'distribution': 'ood' if is_test and kind in hold else 'in',
                                'faults': faults, 'spacecraft': int(row['spacecraft'])}) + '\n')
    return 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
