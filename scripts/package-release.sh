#!/usr/bin/env bash
# Packs one release build: scripts/package-release.sh TARGET BINARY OUTDIR
# writes OUTDIR/briefing-TARGET.tar.gz (.zip for Windows targets) holding
# briefing-TARGET/{briefing[.exe],README.md,LICENSE*}, and beside it
# briefing-TARGET.<ext>.sha256 in `sha256sum` form, which `sha256sum -c`
# (or `shasum -a 256 -c`) checks. The release workflow runs it for each
# target; the publish workflow that `briefing init` writes downloads these
# names (tests/release.rs keeps the two in step).
set -euo pipefail
target="$1"
binary="$2"
outdir="$3"
name="briefing-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" "$outdir"
cp "$binary" "$stage/$name/"
cp README.md "$stage/$name/"
for f in LICENSE*; do
  if [ -f "$f" ]; then cp "$f" "$stage/$name/"; fi
done
case "$target" in
  *windows*)
    archive="$name.zip"
    (cd "$stage" && 7z a -tzip -bd "$archive" "$name" >/dev/null)
    ;;
  *)
    archive="$name.tar.gz"
    tar -C "$stage" -czf "$stage/$archive" "$name"
    ;;
esac
mv "$stage/$archive" "$outdir/"
cd "$outdir"
if command -v sha256sum >/dev/null 2>&1; then
  sha256sum "$archive" >"$archive.sha256"
else
  shasum -a 256 "$archive" >"$archive.sha256"
fi
echo "$outdir/$archive"
