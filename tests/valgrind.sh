#!/bin/sh
# Claim (issues 2 and 3): telex parse has no memory error or leak under
# valgrind on well-formed, broken, re-encoded and hostile documents (the
# fixtures, and documents made here), nor does a refresh of the demo
# feeds into a new cache followed by list and search, nor telex render
# and telex extract of HTML (the fuzzers' seed pages, and pages made here:
# broken, deep, re-encoded, tables and entities). Skipped when
# valgrind is not installed, or for a sanitizer build (the two exclude
# each other; the sanitizers check that build).
: "${top_srcdir:=.}" "${top_builddir:=.}"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "SKIP: valgrind not installed"
	exit 77
fi
if [ "${TELEX_SANITIZERS:-no}" = yes ]; then
	echo "SKIP: built with --enable-sanitizers; valgrind runs on the normal build"
	exit 77
fi
telex=$top_builddir/src/telex
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
printf '<?xml version="1.0" encoding="big5"?><rss><channel><title>\244\244</title></channel></rss>' > "$tmp/big5.xml"
printf '<rss><channel><item><title>a & b <b>c</title><item><title>d' > "$tmp/broken.xml"
printf '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><rss><channel><title>&d;&d;&d;</title></channel></rss>' > "$tmp/entities.xml"
fail=0
# under valgrind: exit 99 is a memory error; telex's own 0/1 are fine
check() {
	name=$1
	shift
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect \
	    --suppressions="$top_srcdir/tests/valgrind.supp" \
	    "$@" >/dev/null 2>"$tmp/log"
	rc=$?
	if [ $rc -eq 0 ] || [ $rc -eq 1 ]; then
		echo "ok   $name"
	else
		echo "FAIL: $name (exit $rc)"
		cat "$tmp/log"
		fail=1
	fi
}
for f in "$top_srcdir"/tests/fixtures/*.xml "$tmp"/*.xml; do
	check "parse $f" "$telex" parse "$f"
done
# the HTML renderer and the article extractor
printf '<p>a &amp; b &notanentity; &#x1F600; &#0; <b><i>crossed</b></i><table><tr><td>1<td>2<tr><td colspan=9>wide</table><ul><li>one<li>two<ol><li>deep</ul><pre>\tpre  text</pre><a href="/x?a=1&b=2">link</a><img src=y.png alt="pic"><p>unclosed' > "$tmp/broken.html"
printf '<html><head><meta charset="windows-1252"><title>Caf\351</title></head><body><article><h1>Caf\351 \223quoted\224</h1><p>%s</p><p>%s</p></article><aside>ad</aside></body></html>' \
    "$(printf 'word %.0s' $(seq 1 120))" "$(printf 'more text here, %.0s' $(seq 1 60))" > "$tmp/cp1252.html"
i=0 deep=
while [ $i -lt 400 ]; do deep="$deep<div><span>"; i=$((i + 1)); done
printf '<body>%sdeep text<table><tr><td><table><tr><td>nested</td></tr></table></td></tr></table></body>' "$deep" > "$tmp/deep.html"
for f in "$top_srcdir"/tests/fuzz/corpus/render/*.html "$tmp"/*.html; do
	check "render $f" "$telex" render --width 60 "$f"
done
check "render narrow" "$telex" render --width 20 "$tmp/broken.html"
for f in "$top_srcdir"/tests/fuzz/corpus/extract/*.html "$tmp"/*.html; do
	check "extract $f" "$telex" extract --base https://example.org/a/b.html "$f"
done
# the poller and the cache: file:// feeds into a fresh cache
demo=$(cd "$top_srcdir/data/demo" && pwd)
sed "s|@DEMO_DIR@|$demo|" "$demo/urls" > "$tmp/feeds"
printf 'max-items 4\n' > "$tmp/config"
run="$telex -u $tmp/feeds -c $tmp/cache.db --config $tmp/config"
check "refresh" $run refresh
check "refresh again" $run refresh
check "list" $run list --json
check "search" $run search missile
[ $fail -eq 0 ] && echo "PASS: no valgrind errors"
exit $fail
