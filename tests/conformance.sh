#!/bin/sh
# Claim (issue 2): `telex parse` passes at least 98% of the shared
# conformance corpus (497 real feeds from feedparser's and newsboat's test
# suites). The corpus is not part of the project: skipped when absent.
: "${top_srcdir:=.}" "${top_builddir:=.}"
corpus=${TELEX_SHARED:-$top_srcdir/../shared}/conformance
if [ ! -f "$corpus/check.py" ]; then
	echo "SKIP: $corpus not found (the shared conformance corpus is not part of telex)"
	exit 77
fi
PYTHON3=${PYTHON3:-python3}
out=$("$PYTHON3" "$corpus/check.py" --cmd "$top_builddir/src/telex parse" \
	--jobs 2 --verbose "$corpus/public")
# check.py's "N passed, N failed" is per case; this test's verdict is the
# 98% target, below: keep the former out of the suite's summary.
echo "$out" | grep -v -E '^[0-9]+ passed, [0-9]+ failed$'
set -- $(echo "$out" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p' | tail -n 1)
[ $# -eq 2 ] || { echo "FAIL: no summary line from check.py"; exit 1; }
total=$(($1 + $2))
# at least 98%: passed * 100 >= 98 * total
if [ $(($1 * 100)) -ge $((98 * total)) ]; then
	echo "conformance: $1/$total (target 98%)"
	exit 0
fi
echo "FAIL: conformance $1/$total is below the 98% target"
exit 1
