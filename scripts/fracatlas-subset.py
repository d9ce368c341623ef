#!/usr/bin/env python3
"""Writes the training manifest of models/pleura-fracture-v1: every FracAtlas image, except that only a seeded 40 %
of the non-fractured training images are kept (all fractured training images, and the whole val and test splits,
are kept). The images are linked, not copied.

usage: scripts/fracatlas-subset.py ../shared/data/fracatlas OUT_DIR
then:  ./pleura train --kind fracture --manifest OUT_DIR/manifest.csv --boxes ../shared/data/fracatlas/boxes.csv ...
"""
import csv
import os
import random
import sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
link = os.path.join(out, "images")
if not os.path.exists(link):
    os.symlink(os.path.abspath(os.path.join(src, "images")), link)
random.seed(7)
rows = list(csv.DictReader(open(os.path.join(src, "manifest.csv"))))
kept = [r for r in rows if not (r["split"] == "train" and r["fracture"] == "0" and random.random() > 0.4)]
with open(os.path.join(out, "manifest.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=rows[0].keys())
    w.writeheader()
    w.writerows(kept)
print(f"{len(kept)} of {len(rows)} rows written to {out}/manifest.csv")
