#!/usr/bin/env bash
# Installs what is needed, builds, and runs the main job: the seed test cases.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build/scn check stdlib/ts34229/*.scn scenarios/ts34229/*.scn
