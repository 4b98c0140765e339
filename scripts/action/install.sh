#!/usr/bin/env bash
# The action's first step: llm-tco built in the action's own folder (the repository at the ref a
# workflow names). Every dependency is a devDependency, bundled into dist/ by the build, so the
# build needs them all (esbuild, and the libraries it bundles): `npm ci` without --omit=dev, with
# no install scripts run, then the build. A failure exits 2, the action's "could not check".
set -uo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "::error title=llm-tco::$1"
  exit 2
}

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || fail "needs Node 20 or later on the runner, and found none: add actions/setup-node with node-version: 20 before this step"
[ "$major" -ge 20 ] || fail "needs Node 20 or later on the runner, and found $(node --version): add actions/setup-node with node-version: 20 before this step"

# Built already (a second use of the action in the same job): nothing to do.
if [ -f dist/cli.js ] && [ -f dist/catalogue/index.json ]; then exit 0; fi

npm ci --ignore-scripts --no-audit --no-fund --loglevel=error || fail "npm ci failed in the action's folder: see the lines above"
node scripts/build.mjs || fail "building llm-tco failed in the action's folder: see the lines above"
