#!/usr/bin/env python3
"""Fails when a notebook carries outputs or execution counts (git stores notebooks stripped).

  check-stripped.py [NOTEBOOK...]     default: every notebooks/*.ipynb
  check-stripped.py --strip [NOTEBOOK...]   strips them in place instead
"""
import json
import sys
from pathlib import Path


def problems(nb):
    out = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            out.append(f"cell {i}: {len(cell['outputs'])} outputs")
        if cell.get("execution_count") is not None:
            out.append(f"cell {i}: execution_count {cell['execution_count']}")
    for key in ("widgets", "execution"):
        if key in nb.get("metadata", {}):
            out.append(f"metadata.{key}")
    return out


def strip(nb):
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    for key in ("widgets", "execution"):
        nb.get("metadata", {}).pop(key, None)
    return nb


def main(argv):
    do_strip = "--strip" in argv
    paths = [Path(a) for a in argv if a != "--strip"] or sorted(Path(__file__).resolve().parent.glob("*.ipynb"))
    if not paths:
        print("check-stripped: no notebooks", file=sys.stderr)
        return 1
    bad = 0
    for p in paths:
        try:
            nb = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"{p}: cannot read the notebook: {e}", file=sys.stderr)
            bad += 1
            continue
        if do_strip:
            p.write_text(json.dumps(strip(nb), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"{p}: stripped")
            continue
        found = problems(nb)
        if found:
            bad += 1
            print(f"{p}: not stripped ({'; '.join(found[:5])}{' ...' if len(found) > 5 else ''});"
                  f" run notebooks/strip.sh", file=sys.stderr)
    if not do_strip:
        print(f"check-stripped: {len(paths) - bad} of {len(paths)} notebooks without outputs")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
