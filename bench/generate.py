"""Write a synthetic office of N tasks in the import formats (same as `tracker dev generate`).

    .venv/bin/python bench/generate.py 100000 out/ --format jsonl
"""
from __future__ import annotations

import argparse

from tracker.io.generate import generate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out_dir")
    ap.add_argument("--format", default="csv", choices=["csv", "jsonl", "json", "xlsx"])
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    for kind, path in generate(args.n, args.out_dir, fmt=args.format, seed=args.seed).items():
        print(f"{kind}: {path}")


if __name__ == "__main__":
    main()
