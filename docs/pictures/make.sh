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

# render NAME MARKER: the page holding MARKER as NAME.png at 30 dpi.
render() {
  p=$(page_of "$2")
  pdftoppm -r 30 -gray -f "$p" -l "$p" -png -singlefile "$work/packet.pdf" "$here/$1"
}

render results-summary "令和5年度取組状況（見込み）について"
render results-detail "計画と取組状況"
render plan-tree "実施計画体系図(1)"
render plan-sheet "取組項目ア目指す姿"
