#!/bin/sh
# Renders the pictures of docs/format.md from the bundled packet, one page of
# each view, small and grey: docs/pictures/make.sh [SHIRYO]
# (SHIRYO defaults to build/shiryo). Needs poppler-utils.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
shiryo=${1:-$root/build/shiryo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$shiryo" build "$root/input/atsugi-r5-2.xml" -o "$work/packet.pdf" --pdfa none
pages=$(pdfinfo "$work/packet.pdf" | sed -n 's/^Pages: *//p')

# The first page whose text, without spaces and line ends, holds $1.
page_of() {
  i=1
  while [ "$i" -le "$pages" ]; do
    if pdftotext -f "$i" -l "$i" "$work/packet.pdf" - | tr -d ' \n' | grep -q -- "$1"; then
      echo "$i"
      return
    fi
    i=$((i + 1))
  done
  echo "no page holds $1" >&2
  exit 1
}

# render NAME MARKER [PERCENT]: the page holding MARKER as NAME.png at 60 dpi,
# cropped to the top PERCENT of its height (default 100): the view's header
# and first rows, legible.
render() {
  p=$(page_of "$2")
  size=$(pdfinfo -f "$p" -l "$p" "$work/packet.pdf" | sed -n 's/^Page *[0-9]* size: *\([0-9.]*\) x \([0-9.]*\).*/\1 \2/p')
  w=$(echo "$size" | awk '{ printf "%d", $1 * 60 / 72 }')
  h=$(echo "$size" | awk -v pct="${3:-100}" '{ printf "%d", $2 * 60 / 72 * pct / 100 }')
  pdftoppm -r 60 -gray -f "$p" -l "$p" -x 0 -y 0 -W "$w" -H "$h" -png -singlefile "$work/packet.pdf" "$here/$1"
}

render results-summary "令和5年度取組状況（見込み）について" 50
render results-detail "計画と取組状況" 50
render plan-tree "実施計画体系図(1)" 55
render plan-sheet "取組項目ア目指す姿" 60
