#!/bin/sh
# run.sh TARGET SECONDS [EXTRA LIBFUZZER FLAGS...] — run one fuzz target for
# a bounded time (build it first with `make fuzz`).  TARGET is date, uscc,
# rules, tailoring, manifest, pack_cache, csv or dossier (fuzz/fuzz_TARGET.c).
#
# Seeds come from fuzz/corpus/TARGET (read only); what libFuzzer finds new
# goes to fuzz/build/corpus/TARGET and crashes, leaks and hangs to
# fuzz/build/artifacts/.  Run from anywhere; runs at the top of the tree,
# where the targets find rules/ and fuzz/tailoring-pack.xml.  The last lines
# printed are libFuzzer's final statistics (stat::number_of_executed_units).
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: fuzz/run.sh TARGET SECONDS [FLAGS...]" >&2; exit 2; }
t=${1#fuzz_} secs=$2
shift 2
[ -x fuzz/build/fuzz_$t ] || { echo "fuzz: fuzz/build/fuzz_$t missing: run make fuzz" >&2; exit 1; }
mkdir -p fuzz/build/corpus/$t fuzz/build/artifacts
dict=""
[ -f fuzz/$t.dict ] && dict="-dict=fuzz/$t.dict"
# -timeout: an input that takes 10 s is a hang; -max_len: the dossier and
# rule seeds are tens of kilobytes, and bigger inputs only slow the search.
exec fuzz/build/fuzz_$t -max_total_time="$secs" -timeout=10 -max_len=65536 \
	-print_final_stats=1 -artifact_prefix=fuzz/build/artifacts/$t- $dict "$@" \
	fuzz/build/corpus/$t fuzz/corpus/$t
