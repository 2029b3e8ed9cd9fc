#!/bin/sh
# make bench: generate the benchmark feeds once (about 60 MB each, RSS 2.0
# and Atom, kept in $BENCH_DIR), then run telex's parser against a bare
# expat pass over them in one process; then the refresh benchmark
# (bench/refresh_bench.py: telex beside newsboat and sfeed on a loopback
# server), and the interface benchmark (bench/ui_bench.py: first screen,
# peak RSS and keys, telex beside newsboat on the same caches, on a
# pseudo-terminal). Prints a markdown report, which starts with the machine
# (CPU, memory, OS, load, versions) and the command, to stdout and to
# $BENCH_DIR/report.md.
#
# Environment: BENCH_DIR (default $TMPDIR/telex-bench), BENCH_ITEMS (stories
# in each parse feed, 22000), BENCH_RUNS (runs of the parse, render and
# interface benchmarks, best or median of; 5, or 1 with BENCH_QUICK),
# BENCH_QUICK=1 (a smoke test of the whole in a few minutes: ui_bench.py
# --quick, one run of each refresh over 50 feeds, not 200), TELEX and
# RSS_EXEC (the programs run).
set -eu
srcdir=$(dirname "$0")
# The command as it was given, for the report: the variables set in the
# environment, before the defaults below are filled in.
cmd="make bench"
for v in RSS_EXEC TELEX BENCH_QUICK BENCH_RUNS BENCH_ITEMS BENCH_DIR; do
	eval "isset=\${$v+x}"
	[ -z "$isset" ] || eval "cmd=\"$v=\$$v \$cmd\""
done
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/telex-bench}
ITEMS=${BENCH_ITEMS:-22000}
QUICK=${BENCH_QUICK:-}
[ "$QUICK" = 0 ] && QUICK=
if [ -n "$QUICK" ]; then
	RUNS=${BENCH_RUNS:-1}
	REFRESH_RUNS=1
	REFRESH_FEEDS=50
	UI_QUICK=--quick
else
	RUNS=${BENCH_RUNS:-5}
	REFRESH_RUNS=3
	REFRESH_FEEDS=200
	UI_QUICK=
fi
TELEX=${TELEX:-$PWD/src/telex}
RSS_EXEC=${RSS_EXEC:-$PWD/bench/rss_exec}
export TELEX RSS_EXEC
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
report=$BENCH_DIR/report.md
fifo=$BENCH_DIR/.report.fifo.$$
rm -f "$fifo"
mkfifo "$fifo"
tee "$report" <"$fifo" &
teepid=$!
exec 3>&1 >"$fifo"
rm -f "$fifo"
began=$(date +%s)
finish() {
	rc=$?
	trap - EXIT
	exec >&3
	wait "$teepid" || :
	if [ "$rc" -eq 0 ]; then
		echo "report written to $report"
	else
		echo "bench failed (exit $rc); the report so far is in $report" >&2
	fi
	exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A library's version: pkg-config's (the headers telex was built with) and
# the Debian package's (what is installed), whichever are there.
libver() {
	pc=$(pkg-config --modversion "$1" 2>/dev/null) || pc=
	shift
	deb=
	for p in "$@"; do
		deb=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null) || deb=
		[ -n "$deb" ] && { deb="$p $deb"; break; }
	done
	if [ -n "$pc" ] && [ -n "$deb" ]; then echo "$pc (Debian $deb)"
	elif [ -n "$pc" ]; then echo "$pc (pkg-config)"
	elif [ -n "$deb" ]; then echo "Debian $deb"
	else echo "unknown"
	fi
}
debver() {
	v=$(dpkg-query -W -f='${Version}' "$1" 2>/dev/null) || v=
	[ -n "$v" ] && echo "Debian $1 $v"
}
firstline() { "$@" 2>&1 | head -n 1; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }

echo "# telex benchmark report"
echo
echo "## machine"
echo
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
	head -n 1)
ncpu=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null) || ncpu='?'
echo "- CPU: ${cpu:-unknown}, $(nproc) cores usable ($ncpu in" \
	"/proc/cpuinfo), $(uname -m)"
echo "- RAM: $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' \
	/proc/meminfo 2>/dev/null)"
echo "- kernel: $(uname -sr)"
echo "- OS: $(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")"
echo "- load average at start (1, 5, 15 min): $(loadavg)"
echo "- started: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
commit=$(git -C "$srcdir" describe --always --dirty 2>/dev/null) || commit=
echo "- telex: $(firstline "$TELEX" --version)${commit:+, commit $commit}"
if command -v newsboat >/dev/null 2>&1; then
	echo "- newsboat: $(firstline newsboat --version)"
else
	echo "- newsboat: not installed"
fi
if command -v sfeed_update >/dev/null 2>&1; then
	# sfeed has no --version: its Debian package's, when there is one.
	v=$(debver sfeed) || v="installed, version unknown (no --version)"
	echo "- sfeed: $v"
	echo "- curl (sfeed's fetcher):" \
		"$(firstline curl --version | cut -d' ' -f1-2)"
else
	echo "- sfeed: not installed"
fi
if command -v nginx >/dev/null 2>&1; then
	echo "- nginx: $(firstline nginx -v | sed 's/^nginx version: //')"
else
	echo "- nginx: not installed (tests/httpd.py serves)"
fi
echo "- libexpat: $(libver expat libexpat1)"
echo "- libsqlite3: $(libver sqlite3 libsqlite3-0)"
echo "- libcurl: $(libver libcurl libcurl4t64 libcurl4 libcurl3-gnutls)"
echo
echo "## command"
echo
echo "    $cmd"
echo
echo "(bench/run.sh; it honours BENCH_DIR, BENCH_ITEMS, BENCH_RUNS,"
echo "BENCH_QUICK, TELEX and RSS_EXEC.) In effect: BENCH_DIR=$BENCH_DIR,"
echo "BENCH_ITEMS=$ITEMS, BENCH_RUNS=$RUNS (parse, render, interface),"
plural=s
[ "$REFRESH_RUNS" -gt 1 ] || plural=
echo "BENCH_QUICK=${QUICK:-0} (refresh: $REFRESH_FEEDS feeds, $REFRESH_RUNS" \
	"run$plural of each${UI_QUICK:+; ui_bench.py $UI_QUICK})."
if [ -n "$QUICK" ]; then
	echo "A smoke test: fewer runs and smaller corpora; not figures to"
	echo "compare with a full run's."
fi
echo
echo "## parse, render"
echo
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
echo "## refresh"
echo
python3 "$srcdir/refresh_bench.py" --runs "$REFRESH_RUNS" \
	--feeds "$REFRESH_FEEDS" --work "$BENCH_DIR/refresh"
echo
echo "## interface"
echo
python3 "$srcdir/ui_bench.py" $UI_QUICK --runs "$RUNS" \
	--work "$BENCH_DIR/ui"
echo
echo "## machine, at the end"
echo
echo "- load average at end (1, 5, 15 min): $(loadavg)"
took=$(( $(date +%s) - began ))
echo "- the whole bench took $((took / 60)) min $((took % 60)) s"
