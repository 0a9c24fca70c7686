#!/usr/bin/env bash
# CI: the package as a user installs it.  Builds the wheel (`pip wheel . --no-deps`: nothing
# but PyPI needed), installs it into a fresh venv outside the source tree, and from another
# folder creates a store (`tracker init`: the migrations come from the wheel), imports the
# sample office and prints the overdue report.  Fails if the wheel lacks a module, the
# migrations or their templates, or if anything reaches back into the source tree.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
PY=${PY:-python3}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wheel" "$work/elsewhere"

"$PY" -m pip wheel -q --no-deps -w "$work/wheel" "$src"
wheel=$(ls "$work"/wheel/tracker-*.whl)
echo "built $(basename "$wheel")"
# the migrations travel inside the wheel
"$PY" - "$wheel" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = ["tracker/migrations/env.py", "tracker/migrations/script.py.mako",
        "tracker/migrations/alembic.ini", "tracker/migrations/versions/0001_initial.py",
        "tracker/tui/app.tcss", "tracker/sample_data/tasks.csv",
        "tracker/sample_data/programme.xlsx"]
missing = [n for n in need if n not in names]
if missing:
    sys.exit(f"the wheel lacks {missing}")
PY

"$PY" -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$wheel"
tracker="$work/venv/bin/tracker"

cd "$work/elsewhere"  # nothing of the source tree on the path: the installed package only
export TRACKER_DATA_DIR="$work/data" TRACKER_CACHE_DIR="" TRACKER_TODAY=15/06/2021
unset TRACKER_DB PYTHONPATH
store="$work/elsewhere/office.db"
"$work/venv/bin/python" - <<'PY'
import tracker, sys
where = tracker.__file__
if "/venv/" not in where:
    sys.exit(f"tracker comes from {where}, not the installed wheel")
PY
"$tracker" --db "$store" init
"$tracker" --db "$store" import "$src/sample_data/units.csv" "$src/sample_data/directives.csv" \
  "$src/sample_data/tasks.csv"
out=$("$tracker" --db "$store" --lang en report overdue --format csv)
rows=$(printf '%s\n' "$out" | wc -l)
if [ "$rows" -lt 2 ]; then
  echo "report overdue printed no task:" >&2
  printf '%s\n' "$out" >&2
  exit 1
fi
# the demo's office comes from the wheel too (its task sheet's 335 tasks and the work
# programme's 31 items: README, "The sample office")
demo=$("$tracker" --db "$work/elsewhere/demo.db" demo --no-app)
printf '%s\n' "$demo" | grep -q "366" || { echo "tracker demo did not load the office:" >&2; printf '%s\n' "$demo" >&2; exit 1; }
# a big office made up for speed trials (`dev generate`: the sample's units, from the wheel)
"$tracker" dev generate 2000 -o "$work/elsewhere/gen" >/dev/null
"$tracker" --db "$work/elsewhere/gen.db" import --create "$work"/elsewhere/gen/*.csv >/dev/null
echo "wheel smoke: init, import and report overdue ($((rows - 1)) overdue tasks) from the installed wheel"
