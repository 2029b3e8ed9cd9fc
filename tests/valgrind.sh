#!/bin/sh
# Claim (issue 2): telex parse has no memory error or leak under valgrind
# on well-formed, broken, re-encoded and hostile documents (the fixtures,
# and documents made here). Skipped when valgrind is not installed.
: "${top_srcdir:=.}" "${top_builddir:=.}"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "SKIP: valgrind not installed"
	exit 77
fi
telex=$top_builddir/src/telex
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
printf '<?xml version="1.0" encoding="big5"?><rss><channel><title>\244\244</title></channel></rss>' > "$tmp/big5.xml"
printf '<rss><channel><item><title>a & b <b>c</title><item><title>d' > "$tmp/broken.xml"
printf '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><rss><channel><title>&d;&d;&d;</title></channel></rss>' > "$tmp/entities.xml"
fail=0
for f in "$top_srcdir"/tests/fixtures/*.xml "$tmp"/*.xml; do
	if valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect \
	    --suppressions="$top_srcdir/tests/valgrind.supp" \
	    "$telex" parse "$f" >/dev/null 2>"$tmp/log"; [ $? -eq 99 ]; then
		echo "FAIL: $f"
		cat "$tmp/log"
		fail=1
	else
		echo "ok   $f"
	fi
done
[ $fail -eq 0 ] && echo "PASS: no valgrind errors"
exit $fail
