"""Helpers the notebooks share: where the outputs are, running the CLI, reading its CSV/JSON/PNG.

The notebooks read only what the jobs write for tools without Parquet (CSV, JSON, PNG, the
report's HTML); pandas here has no Parquet engine.
"""

import html.parser
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent
ROOT = NOTEBOOKS.parent
SEMCYCLE = ROOT / "bin" / "semcycle"
FIXTURE = NOTEBOOKS / "fixtures" / "eval-tiny"
TINY_CONF = ROOT / "conf" / "demo-tiny.conf"


def demo_dir(default):
    """The demo output folder: $SEMCYCLE_DEMO_DIR when set, else `default` (relative to the repo)."""
    d = os.environ.get("SEMCYCLE_DEMO_DIR") or default
    p = Path(d)
    return p if p.is_absolute() else ROOT / p


def semcycle(*args, log=None):
    """Runs bin/semcycle with `args`; raises with the output's tail when it fails."""
    cmd = [str(SEMCYCLE)] + [str(a) for a in args]
    print("$", " ".join(cmd), flush=True)
    t0 = time.time()
    r = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if log is not None:
        Path(log).parent.mkdir(parents=True, exist_ok=True)
        Path(log).write_text(r.stdout)
    lines = [l for l in r.stdout.splitlines() if not re.match(r"^\s*(\d\d/\d\d/\d\d|WARN|INFO|SLF4J)", l)]
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {r.returncode}):\n" + "\n".join(r.stdout.splitlines()[-40:]))
    print("\n".join(lines[-8:]))
    print(f"({time.time() - t0:.0f} s)")
    return r.stdout


def find_dir(root, marker, depth=3):
    """The shallowest folder under `root` (itself included, down to `depth`) holding the file `marker`."""
    root = Path(root)
    if not root.is_dir():
        return None
    level = [root]
    for _ in range(depth + 1):
        for d in sorted(level):
            if (d / marker).is_file():
                return d
        level = [c for d in level for c in sorted(d.iterdir()) if c.is_dir() and not c.name.startswith(".")]
    return None


def is_evaluation(d):
    """An evaluate output: summary.json beside pck.csv."""
    return d is not None and (Path(d) / "pck.csv").is_file() and (Path(d) / "summary.json").is_file()


def evaluation_dir(demo, tiny):
    """The evaluate output under `demo`; else one made in `tiny` by the tiny demo; else the fixture.

    Returns (folder, where) with where one of "demo", "tiny demo", "fixture".
    """
    d = find_dir(demo, "pck.csv")
    if is_evaluation(d):
        return d, "demo"
    print(f"no evaluation output (pck.csv + summary.json) under {demo}")
    d = find_dir(tiny, "pck.csv")
    if is_evaluation(d):
        return d, "tiny demo"
    if TINY_CONF.is_file() and os.environ.get("SEMCYCLE_NB_FIXTURE") != "1":
        semcycle("demo", "--out", tiny, "--config", TINY_CONF, log=Path(tiny) / "demo.log")
        d = find_dir(tiny, "pck.csv")
        if is_evaluation(d):
            return d, "tiny demo"
        print(f"the tiny demo wrote no evaluation output under {tiny} (its demo may not run evaluate yet)")
    else:
        print(f"{TINY_CONF.relative_to(ROOT)} is absent" if not TINY_CONF.is_file() else "SEMCYCLE_NB_FIXTURE=1")
    print(f"using the fixture {FIXTURE.relative_to(ROOT)} (evaluate's CSV/JSON/PNG outputs on synthetic predictions)")
    return FIXTURE / "evaluate", "fixture"


def read_json(path):
    return json.loads(Path(path).read_text())


def show_png(path, title=None, width=None, ax=None):
    """Draws a PNG with matplotlib (no axes)."""
    import matplotlib.image as mpimg
    import matplotlib.pyplot as plt

    img = mpimg.imread(str(path))
    if ax is None:
        h, w = img.shape[:2]
        wi = width or min(14, max(4, w / 80))
        _, ax = plt.subplots(figsize=(wi, wi * h / w))
    ax.imshow(img)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=9)
    return ax


class _Figures(html.parser.HTMLParser):
    """Figures of a report page: (section, img src, caption), the section being the last <h2>/<h3>."""

    def __init__(self):
        super().__init__()
        self.figures, self.h2, self.h3 = [], None, None
        self._tag, self._src, self._text = None, None, []

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3", "figcaption"):
            self._tag, self._text = tag, []
        elif tag == "img":
            self._src = dict(attrs).get("src")

    def handle_data(self, data):
        if self._tag:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag != self._tag:
            return
        text = "".join(self._text).strip()
        if tag == "h2":
            self.h2, self.h3 = text, None
        elif tag == "h3":
            self.h3 = text
        elif tag == "figcaption":
            self.figures.append((self.h2, self.h3, self._src, text))
        self._tag = None


CAPTION = re.compile(r"^(?P<category>\S+) (?P<image>\S+)(?: pair (?P<pair>\S+))?: PCK@(?P<alpha>[\d.]+) img "
                     r"(?P<pck>[\d.]+) \((?P<keypoints>\d+) keypoints\)")


def report_figures(index_html):
    """The report's pictures as rows: section, dataset, run, path, category, image, pair, alpha, pck, keypoints."""
    p = _Figures()
    p.feed(Path(index_html).read_text())
    rows = []
    for h2, h3, src, caption in p.figures:
        row = {"section": h2, "dataset": None, "run": h3, "path": str(Path(index_html).parent / src), "caption": caption}
        if h3 and ": " in h3:
            row["dataset"], row["run"] = h3.split(": ", 1)
        m = CAPTION.match(caption)
        if m:
            row.update(category=m["category"], image=m["image"], pair=m["pair"], alpha=float(m["alpha"]),
                       pck=float(m["pck"]), keypoints=int(m["keypoints"]))
        rows.append(row)
    return rows


if __name__ == "__main__":
    print(find_dir(sys.argv[1], sys.argv[2]))


def keypoint_names(conf=ROOT / "conf" / "keypoints.conf"):
    """{category: {semantic id: name}} from conf/keypoints.conf's `names` blocks."""
    out, category, in_names = {}, None, False
    for line in Path(conf).read_text().splitlines():
        m = re.match(r"^  (\w+) \{", line)
        if m:
            category, in_names = m[1], False
            continue
        if category and re.match(r"^\s+names \{", line):
            in_names = True
            continue
        if in_names:
            m = re.match(r'^\s+"(\d+)"\s*=\s*"?([\w-]+)"?', line)
            if m:
                out.setdefault(category, {})[int(m[1])] = m[2]
            elif "}" in line:
                in_names = False
    return out
