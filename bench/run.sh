#!/bin/sh
# make bench: generate the benchmark feeds once (about 60 MB each, RSS 2.0
# and Atom, kept in $BENCH_DIR), then run telex's parser against a bare
# expat pass over them in one process; then the refresh benchmark
# (bench/refresh_bench.py: telex beside newsboat on a loopback server), and
# the interface benchmark (bench/ui_bench.py: first screen, peak RSS and
# keys, telex beside newsboat on the same caches, on a pseudo-terminal).
# Prints markdown tables.
set -eu
srcdir=$(dirname "$0")
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/telex-bench}
ITEMS=${BENCH_ITEMS:-22000}
RUNS=${BENCH_RUNS:-5}
mkdir -p "$BENCH_DIR"
for fmt in rss atom; do
	out=$BENCH_DIR/bench-$fmt-$ITEMS.xml
	if [ ! -s "$out" ]; then
		echo "generating $out" >&2
		python3 "$srcdir/gen_feed.py" "$fmt" "$ITEMS" "$out.tmp"
		mv "$out.tmp" "$out"
	fi
done
echo "parse throughput, best of $RUNS runs, $(nproc) cores, $(uname -m)"
echo
bench/parse_bench -n "$RUNS" "$BENCH_DIR/bench-rss-$ITEMS.xml" \
	"$BENCH_DIR/bench-atom-$ITEMS.xml"
echo
# The article engine over real pages: the shared readability corpus when it
# is there (never copied into the project); skipped, saying so, without it.
pages=$(ls "$srcdir"/../../shared/readability/public/*/source.html 2>/dev/null)
if [ -n "$pages" ]; then
	echo "render and extract, best of $RUNS runs over $(echo "$pages" | wc -l) pages of ../shared/readability"
	echo
	bench/html_bench -n "$RUNS" $pages
else
	echo "render and extract: ../shared/readability not found, skipped"
fi
echo
TELEX=${TELEX:-$PWD/src/telex} python3 "$srcdir/refresh_bench.py" \
	--work "$BENCH_DIR/refresh"
echo
TELEX=${TELEX:-$PWD/src/telex} RSS_EXEC=${RSS_EXEC:-$PWD/bench/rss_exec} \
	python3 "$srcdir/ui_bench.py" --runs "$RUNS" --work "$BENCH_DIR/ui"
