#!/bin/sh
# Run each libFuzzer target for SECONDS from a copy of its seed corpus
# (the seeds stay as they are), JOBS targets at a time. A crash, a leak,
# a sanitizer report, a slow input or running out of memory fails the
# target, and the path of the input that did it (libFuzzer's reproducer)
# is printed: `tests/fuzz/fuzz_T REPRODUCER` runs it again.
# Run from the build directory, after `make fuzz` (`make fuzz-run` does
# both). Ends with a line "N passed, N failed"; exit 1 when one failed.
# Usage: tests/fuzz-run.sh SRCDIR SECONDS JOBS TARGET...
set -u
[ $# -ge 3 ] || { echo "usage: $0 SRCDIR SECONDS JOBS TARGET..." >&2; exit 2; }
srcdir=$(cd "$1" && pwd) || exit 2
seconds=$2 jobs=$3
shift 3
case $jobs in '' | *[!0-9]* | 0) jobs=1 ;; esac
out=$(pwd)/tests/fuzz
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# One target: its log in tests/fuzz/fuzz_T.log, its verdict in $tmp/T.
run_one() {
	t=$1
	bin=$out/fuzz_$t log=$out/fuzz_$t.log
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz_$t: $bin not built (make fuzz)" > "$tmp/$t"
		return
	fi
	corpus=$tmp/corpus_$t
	mkdir "$corpus" && cp "$srcdir/tests/fuzz/corpus/$t/"* "$corpus"/ 2>/dev/null
	set --
	[ -f "$srcdir/tests/fuzz/$t.dict" ] && set -- -dict="$srcdir/tests/fuzz/$t.dict"
	# -timeout: one input that takes this long is a hang (a failure);
	# timeout(1) stops a target that overruns its time by far.
	timeout -k 10 $((seconds + 300)) "$bin" -max_total_time="$seconds" \
	    -timeout=60 -print_final_stats=0 -artifact_prefix="$out/fuzz_$t-" \
	    "$@" "$corpus" > "$log" 2>&1
	rc=$?
	rm -rf "$corpus"
	repro=$(sed -n 's/.*Test unit written to //p' "$log" | tr '\n' ' ' |
	    sed 's/ $//')
	if [ $rc -eq 0 ] && [ -z "$repro" ]; then
		echo "ok   fuzz_$t: $(grep '^Done ' "$log" | tail -n 1)" > "$tmp/$t"
		return
	fi
	why=$(grep -m 1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: ' "$log")
	[ $rc -eq 124 ] && why="still running after $((seconds + 300)) s"
	{
		echo "FAIL fuzz_$t (exit $rc): ${why:-see $log}"
		[ -n "$repro" ] && echo "     reproducer: $repro"
		echo "     log: $log"
		# the report (its first lines: the error and its stack)
		report=$(sed -n '/ERROR: \|runtime error:\|WARNING: .*Sanitizer/,$p' "$log" | head -n 25)
		[ -n "$report" ] || report=$(tail -n 20 "$log")
		printf '%s\n' "$report" | sed 's/^/     | /'
	} > "$tmp/$t"
}

# JOBS workers; worker w takes targets w, w+JOBS, w+2*JOBS... (they all
# run for the same time, so a fixed share is as good as a queue).
w=0
while [ $w -lt "$jobs" ]; do
	(
		i=0
		for t in "$@"; do
			[ $((i % jobs)) -eq $w ] && run_one "$t"
			i=$((i + 1))
		done
	) &
	w=$((w + 1))
done
wait

passed=0 failed=0
for t in "$@"; do
	if [ -f "$tmp/$t" ]; then
		cat "$tmp/$t"
		case $(head -c 4 "$tmp/$t") in
		'ok  ') passed=$((passed + 1)) ;;
		*) failed=$((failed + 1)) ;;
		esac
	else
		echo "FAIL fuzz_$t: no verdict (interrupted?)"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
