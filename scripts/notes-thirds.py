#!/usr/bin/env python3
"""Split labelled GG-1 note sets into a development two-thirds and a held-out third (issue #14).

A note goes to the held-out third when the SHA-256 of its id, read as a big-endian integer of its first
four bytes, is 0 modulo 3: a fixed, reproducible split that nobody chooses note by note. Each writer's
set is split on its own, so every writer's voice is in both parts. The entries are copied as written
(no re-formatting), so each held-out note is byte-for-byte its writer's.

  scripts/notes-thirds.py --dev-dir domains/gg1/intake --dev-name gg1-notes-dev-11-{set}.yaml \
      --held-out llm-bridge/src/test/resources/notes/gg1-notes-holdout-11.yaml SET.yaml...
"""
import argparse
import hashlib
import os
import re
import sys

import yaml


def held_out(note_id: str) -> bool:
    return int.from_bytes(hashlib.sha256(note_id.encode("utf-8")).digest()[:4], "big") % 3 == 0


def entries(text: str):
    """The header (up to 'notes:') and each '  - id:' entry's raw text."""
    head, sep, body = text.partition("\nnotes:\n")
    if not sep:
        sys.exit("no 'notes:' list")
    parts = re.split(r"(?m)^(?=  - id: )", body)
    return head + sep, [p for p in parts if p.strip()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev-dir", required=True)
    ap.add_argument("--dev-name", required=True, help="file name with {set} for the set's letter")
    ap.add_argument("--held-out", required=True)
    ap.add_argument("sets", nargs="+")
    a = ap.parse_args()
    held = []
    for path in a.sets:
        text = open(path, encoding="utf-8").read()
        ids = [n["id"] for n in yaml.safe_load(text)["notes"]]
        head, items = entries(text)
        got = [re.match(r"  - id: (\S+)", i).group(1) for i in items]
        if got != ids:
            sys.exit(f"{path}: entries and parsed ids differ")
        letter = ids[0][0]
        dev = [i for i, n in zip(items, ids) if not held_out(n)]
        out = [i for i, n in zip(items, ids) if held_out(n)]
        held += out
        name = os.path.join(a.dev_dir, a.dev_name.format(set=letter))
        with open(name, "w", encoding="utf-8") as f:
            f.write(f"# Development two-thirds of writer set {letter} (issue #14): the notes whose id's SHA-256 is not 0 mod 3"
                    " (scripts/notes-thirds.py); the other third is held out in llm-bridge/src/test/resources/notes/.\n")
            f.write(head + "".join(dev))
        print(f"{path}: {len(ids)} notes -> {len(dev)} development ({name}), {len(out)} held out")
    with open(a.held_out, "w", encoding="utf-8") as f:
        f.write("# The held-out third of writer sets " + ", ".join(sorted({os.path.basename(s) for s in a.sets}))
                + " (issue #14): the notes whose id's SHA-256 is 0 mod 3 (scripts/notes-thirds.py). No tuning reads this file;"
                " the test prints its figures, never its misses.\nnotes:\n" + "".join(held))
    n = len(yaml.safe_load(open(a.held_out, encoding="utf-8"))["notes"])
    print(f"held out: {n} notes -> {a.held_out}")


if __name__ == "__main__":
    main()
