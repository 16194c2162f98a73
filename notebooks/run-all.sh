#!/usr/bin/env bash
# Executes every notebook headless with Debian's Jupyter (Python kernel) on the tiny configuration;
# a notebook that raises fails this script. Executed copies go to a temporary folder (the
# notebooks in git stay without outputs).
#   notebooks/run-all.sh                  every notebooks/*.ipynb
#   notebooks/run-all.sh 02-pck-analysis.ipynb ...
# Environment: SEMCYCLE_DEMO_DIR (a demo output; default: none, so each notebook makes its tiny
# one), SEMCYCLE_NB_TINY (where the tiny outputs go; default a fresh temporary folder),
# SEMCYCLE_NB_KEEP=1 keeps the executed notebooks and tiny outputs, NB_TIMEOUT (s per cell, 900).
# Needs: python3-nbclient python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
py=/usr/bin/python3
work="$(mktemp -d "${TMPDIR:-/tmp}/semcycle-notebooks.XXXXXX")"
if [ "${SEMCYCLE_NB_KEEP:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi
# Without a demo folder the notebooks make their own tiny outputs; "none" never exists.
export SEMCYCLE_DEMO_DIR="${SEMCYCLE_DEMO_DIR:-$work/no-demo}"
export SEMCYCLE_NB_TINY="${SEMCYCLE_NB_TINY:-$work/tiny}"
export PYDEVD_DISABLE_FILE_VALIDATION=1
if [ $# -eq 0 ]; then set -- "$here"/*.ipynb; fi

# The helpers' and check-stripped.py's own tests first (seconds).
"$py" -m unittest discover -s "$here" -p 'test_*.py'

# The jar, built once here rather than inside a notebook cell.
if [ -x "$root/bin/semcycle" ]; then "$root/bin/semcycle" --help >/dev/null; fi

failed=0
for nb in "$@"; do
  case "$nb" in /*) ;; *) [ -f "$nb" ] || nb="$here/$nb" ;; esac
  start=$(date +%s)
  if "$py" -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout="${NB_TIMEOUT:-900}" \
      --ExecutePreprocessor.kernel_name=python3 --output-dir "$work/executed" "$nb" >"$work/nbconvert.log" 2>&1; then
    echo "notebooks: $(basename "$nb") ok in $(( $(date +%s) - start )) s"
  else
    echo "notebooks: $(basename "$nb") FAILED after $(( $(date +%s) - start )) s:" >&2
    tail -40 "$work/nbconvert.log" >&2
    failed=1
  fi
done
if [ "${SEMCYCLE_NB_KEEP:-0}" = 1 ]; then echo "notebooks: executed copies and tiny outputs in $work"; fi
exit $failed
