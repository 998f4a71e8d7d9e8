#!/usr/bin/env bash
# Installs what is needed, builds, and runs the main job: the seed test cases checked,
# then run with `scn run` against conformant SIPp UEs on loopback, printing each call
# flow, the message trace and the verdict; then all seed test cases as one campaign.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build/scn check stdlib/ts34229/*.scn scenarios/ts34229/*.scn
python3 tests/e2e/main_job.py --scn build/scn "$@"
# The same seeds as one campaign, with its reports (junit.xml, index.html) in build/main-job.
build/scn test scenarios --campaign tests/campaign/scenarios_sipp.campaign -j2 \
  --report-dir build/main-job
