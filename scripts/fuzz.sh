#!/bin/sh
# The long fuzz run of the DICOM and NIfTI readers (packages/core/src/fuzz/): the same tests that
# `npm test` runs with 60 mutations per file, here with VOXELHUB_FUZZ_RUNS=20000 mutations per file
# (fewer for files over 1 MiB, in proportion) and a new seed each time. Every mutated file must read
# into a consistent result or fail with an ImageReadError naming it, within time and memory in
# proportion to it; a hang kills the run with the case on stderr.
#
#   scripts/fuzz.sh                          20000 runs per file, random seed
#   VOXELHUB_FUZZ_RUNS=2000 scripts/fuzz.sh  shorter
#   VOXELHUB_FUZZ_SEED=123 VOXELHUB_FUZZ_PATH=45:2:1 scripts/fuzz.sh -t MR_small_RLE
#                                            replay one printed failure (seed and path) of one file
#
# Takes roughly half an hour on two cores at 20000 runs (2000 runs: about 3 minutes). A failure prints
# the seed, the fast-check path and the counterexample (the file and its edits as JSON).
set -eu
cd "$(dirname "$0")/.."
export VOXELHUB_FUZZ_RUNS="${VOXELHUB_FUZZ_RUNS:-20000}"
export VOXELHUB_FUZZ_SEED="${VOXELHUB_FUZZ_SEED:-$(node -e 'process.stdout.write(String(Math.floor(Math.random() * 2 ** 31)))')}"
echo "fuzz: ${VOXELHUB_FUZZ_RUNS} runs per file, seed ${VOXELHUB_FUZZ_SEED}"
exec npx vitest run packages/core/src/fuzz/dicom-reader.fuzz.test.ts packages/core/src/fuzz/nifti-reader.fuzz.test.ts "$@"
