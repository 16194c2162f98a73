#!/usr/bin/env bash
# Strips outputs and execution counts from the notebooks given (default: notebooks/*.ipynb),
# so that git stores them without outputs (notebooks/check-stripped.py checks it in CI).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -eq 0 ]; then set -- "$here"/*.ipynb; fi
exec /usr/bin/python3 "$here/check-stripped.py" --strip "$@"
