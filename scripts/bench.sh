#!/usr/bin/env bash
# Benchmark: `briefing build` against Hugo on the same generated notes.
#
#   bash scripts/bench.sh                 # N = 1,000 and 10,000 notes, 50 groups x 24 updates, 3 runs
#   BENCH_NOTES="1000" BENCH_RUNS=1 bash scripts/bench.sh    # a quick look
#
# For each N it generates a committee (examples/corpus.rs) and the same notes
# as a minimal Hugo site, checks the committee with `briefing check`, then
# builds each BENCH_RUNS times with the output on tmpfs, and prints a Markdown
# table: median wall time, time per HTML page written, peak resident memory
# (largest of the runs, from /usr/bin/time -v), Hugo's median wall time and the
# ratio. Stage times (BRIEFING_TIMINGS=1) of the median run follow the table,
# then the preview's rebuild times for each kind of edit (BENCH_EDITS saves
# of each, default 5): a note's body, a note's title, a meeting's actions,
# the latest meeting's body, an update, site.yaml, a theme file (an
# interface string), measured from outside by scripts/preview-latency.py
# (from the save to the page served with the edit, as an open page sees it:
# the reload event, then a GET), with the preview's memory while edits are
# served and at its peak. Last, the search index
# for the example committee and each N: the search stage's time, the index's
# size on disk, and what one query downloads (measured in headless Chromium
# over a loopback server by scripts/search-download.mjs when node, Chromium
# and playwright-core are there: BRIEFING_AUDIT_NODE_MODULES, BRIEFING_CHROMIUM).
#
# Settings (environment): BENCH_NOTES (default "1000 10000"), BENCH_GROUPS (50),
# BENCH_UPDATES (24), BENCH_RUNS (3), BENCH_DIR (/dev/shm/briefing-bench, on
# tmpfs), CARGO_TARGET_DIR (default /tmp/target-bench), BENCH_EDITS (5),
# BENCH_BEFORE: another `briefing` binary (an earlier commit's release
# build) measured in the same run, build and preview, each row labelled
# "before" beside this tree's "after".
set -euo pipefail

script_start=$(date +%s.%N)
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/target-bench}
notes_list=${BENCH_NOTES:-"1000 10000"}
n_groups=${BENCH_GROUPS:-50}
n_updates=${BENCH_UPDATES:-24}
runs=${BENCH_RUNS:-3}
work=${BENCH_DIR:-/dev/shm/briefing-bench}

log() { printf '%s\n' "$*" >&2; }

# Tools: GNU time for peak memory, Hugo for the comparison.
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v hugo >/dev/null 2>&1 || need+=(hugo)
if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]} (apt-get)"
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >&2
fi

log "building the release binary and the corpus generator"
cargo build --release --quiet --bin briefing --example corpus
briefing="$CARGO_TARGET_DIR/release/briefing"
# label:binary for each binary measured.
binaries=()
if [ -n "${BENCH_BEFORE:-}" ]; then
    binaries+=("before:$BENCH_BEFORE")
    binaries+=("after:$briefing")
else
    binaries+=("this:$briefing")
fi
corpus="$CARGO_TARGET_DIR/release/examples/corpus"

mkdir -p "$work"
now() { date +%s.%N; }

# Median of the numbers on standard input.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f\n", m }'; }
max() { sort -g | tail -n 1; }
# Peak resident set size in KiB from a /usr/bin/time -v report.
peak_kib() { awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$1"; }

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
machine="$(nproc) CPU, ${cpu:-unknown CPU}"
today=$(date -u +%Y-%m-%d)
load_start=$(cut -d" " -f1-3 /proc/loadavg)
rows=()
serve_rows=()
stage_rows=()
stage_header=""
hugo_peaks=()
search_rows=()

# The search index of a built site: the search stage's time (from the
# BRIEFING_TIMINGS log), its size, and one query's download.
search_row() {
    local label=$1 out=$2 build_log=$3 query=$4
    local stage bytes files download="-"
    stage=$(awk '/^  search +[0-9.]+ ms$/ { print $2 }' "$build_log")
    bytes=$(du -sb "$out/pagefind" | cut -f1)
    files=$(find "$out/pagefind" -type f | wc -l)
    if [ -n "${BRIEFING_AUDIT_NODE_MODULES:-}" ] && command -v node >/dev/null 2>&1; then
        local got
        if got=$(node scripts/search-download.mjs "$out" "$query" 2>"$out.download.log"); then
            download=$(printf '%s' "$got" | awk -F'"bytes":' '{ split($2, a, ","); printf "%.0f", a[1] / 1024 }')
            download="$download KiB ($(printf '%s' "$got" | sed 's/.*"files":\([0-9]*\).*/\1/') files)"
            log "$label: query \"$query\": $got"
        else
            log "$label: the download of a query could not be measured (see $out.download.log)"
        fi
    fi
    search_rows+=("| $label | ${stage:-?} | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB ($files files) | \"$query\" | $download |")
}

# The preview at one size, of one binary: each kind of edit saved
# BENCH_EDITS times by scripts/preview-latency.py, which times each save to
# the page served with the edit; the preview's own "rebuilt in" beside.
serve_preview() {
    local n=$1 dir=$2 label=$3 bin=$4
    local edits=${BENCH_EDITS:-5}
    local theme="$dir/theme"
    rm -rf "$theme"
    mkdir -p "$theme/i18n"
    printf 'nav_dashboard: "Dashboard"\n' >"$theme/i18n/en.yaml"
    local saved="$dir/saved"
    rm -rf "$saved"
    cp -a "$dir/content" "$saved"
    local port=$((18000 + RANDOM % 1000))
    local log="$dir/serve-$label.log"
    BRIEFING_TIMINGS=1 /usr/bin/time -v -o "$dir/serve-time-$label.txt" \
        "$bin" serve --content "$dir/content" --theme "$theme" --out "$work/out-serve-n$n" --port "$port" \
        >"$log" 2>&1 &
    local time_pid=$!
    for _ in $(seq 1 600); do grep -q '^serving ' "$log" && break; sleep 0.2; done
    sleep 2
    local serve_pid
    serve_pid=$(pgrep -P "$time_pid" | head -n 1)
    local measured="$dir/latency-$label.json"
    python3 scripts/preview-latency.py --port "$port" --pid "$serve_pid" --content "$dir/content" \
        --theme "$theme" --edits "$edits" >"$measured" 2>"$dir/latency-$label.log" || {
        tail -n 20 "$dir/latency-$label.log" >&2
        log "N=$n ($label): the preview could not be measured"
    }
    # The search index, made again once the saves stop: wait for it.
    sleep 3
    local row="| $n | $label |"
    local rebuilt
    rebuilt=$(grep -o 'rebuilt in [0-9]* ms' "$log" | awk '{ print $3 }' || true)
    local kind
    for kind in "a note's body" "a note's title" "a meeting's actions" "the latest meeting's body" "an update" "site.yaml" "a theme file"; do
        local times
        times=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\n".join(str(t) for t in d["times"].get(sys.argv[2], []) if t is not None))' "$measured" "$kind" 2>/dev/null || true)
        if [ -n "$times" ]; then
            row="$row $(printf '%s\n' $times | median | awk '{ printf "%.0f", $1 }') ($(printf '%s\n' $times | max)) |"
            log "N=$n ($label): $kind: served in median $(printf '%s\n' $times | median) ms, max $(printf '%s\n' $times | max) ms"
        else
            row="$row ? |"
        fi
    done
    if [ -n "$rebuilt" ]; then
        row="$row $(printf '%s\n' $rebuilt | median | awk '{ printf "%.0f", $1 }') ($(printf '%s\n' $rebuilt | max)) |"
    else
        row="$row - |"
    fi
    local indexed
    indexed=$(grep -o 'search index updated in [0-9]* ms' "$log" | awk '{ print $5 }' || true)
    if [ -n "$indexed" ]; then
        row="$row $(printf '%s\n' $indexed | median | awk '{ printf "%.0f", $1 }') ($(printf '%s\n' $indexed | max), $(printf '%s\n' $indexed | wc -l)x) |"
    else
        row="$row - |"
    fi
    local editing client_peak
    editing=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["editing_mib"])' "$measured" 2>/dev/null || echo "?")
    client_peak=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["peak_mib"])' "$measured" 2>/dev/null || echo "?")
    # Ctrl-C to the preview itself (time waits for it and reports).
    kill -INT "$serve_pid" 2>/dev/null || true
    wait "$time_pid" 2>/dev/null || true
    local peak
    peak=$(( $(peak_kib "$dir/serve-time-$label.txt") / 1024 ))
    log "N=$n ($label): serve: ${editing} MiB while edits are served, peak ${client_peak} MiB (tree, from the first save), ${peak} MiB (the process, whole session)"
    serve_rows+=("$row $editing | $client_peak | $peak |")
    rm -rf "$dir/content"
    mv "$saved" "$dir/content"
    rm -rf "$work/out-serve-n$n" "$work"/.out-serve-n"$n".* "$theme"
}

# The example committee: its search index.
log "example: briefing build"
rm -rf "$work/out-example"
BRIEFING_TIMINGS=1 "$briefing" build --content content --out "$work/out-example" >"$work/example-build.log" 2>&1
search_row "example" "$work/out-example" "$work/example-build.log" "endorsed"
rm -rf "$work/out-example"

for n in $notes_list; do
    dir="$work/n$n"
    log "N=$n: generating $n notes, $n_groups groups x $n_updates updates"
    "$corpus" --groups "$n_groups" --updates "$n_updates" --notes "$n" \
        --out "$dir/content" --hugo "$dir/hugo"
    log "N=$n: briefing check"
    if ! "$briefing" check --content "$dir/content" >"$dir/check.log" 2>&1; then
        tail -n 30 "$dir/check.log" >&2
        log "N=$n: the generated corpus does not pass briefing check"
        exit 1
    fi
    tail -n 1 "$dir/check.log" >&2

    h_wall=""
    for entry in "${binaries[@]}"; do
        label=${entry%%:*}
        bin=${entry#*:}
        tag=""
        [ "$label" = this ] || tag=" ($label)"
        walls=()
        peaks=()
        for i in $(seq 1 "$runs"); do
            out="$work/out-briefing-n$n"
            rm -rf "$out" "$work"/.out-briefing-n"$n".*
            t0=$(now)
            BRIEFING_TIMINGS=1 /usr/bin/time -v -o "$dir/time-$i.txt" \
                "$bin" build --content "$dir/content" --out "$out" >"$dir/build-$i.log" 2>&1 || {
                tail -n 30 "$dir/build-$i.log" >&2
                log "N=$n$tag: briefing build failed"
                exit 1
            }
            t1=$(now)
            wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
            walls+=("$wall")
            peaks+=("$(peak_kib "$dir/time-$i.txt")")
            echo "$wall $i" >>"$dir/walls.txt"
            log "N=$n$tag: briefing run $i: ${wall} s, peak $(( ${peaks[-1]} / 1024 )) MiB"
        done
        pages=$(find "$work/out-briefing-n$n" -name '*.html' | wc -l)
        b_wall=$(printf '%s\n' "${walls[@]}" | median)
        b_peak=$(( $(printf '%s\n' "${peaks[@]}" | max) / 1024 ))
        # Stage times of the run whose wall time is the median (the first such run).
        med_run=$(sort -g "$dir/walls.txt" | awk -v m="$b_wall" '$1 == m { print $2; exit }')
        med_run=${med_run:-1}
        rm -f "$dir/walls.txt"
        stages=$(awk '/^  [a-z][a-z-]* +[0-9.]+ ms$/ { printf "%s=%s ", $1, $2 }' "$dir/build-$med_run.log")
        if [ -z "$stage_header" ]; then
            stage_header=$(printf '%s\n' $stages | cut -d= -f1 | paste -sd'|' -)
        fi
        stage_rows+=("| $n$tag | $(printf '%s\n' $stages | cut -d= -f2 | paste -sd'|' - | sed 's/|/ | /g') |")

        if [ -z "$h_wall" ]; then
            h_walls=()
            h_peaks=()
            for i in $(seq 1 "$runs"); do
                out="$work/out-hugo-n$n"
                rm -rf "$out" "$dir/hugo/resources" "$dir/hugo/.hugo_build.lock"
                t0=$(now)
                /usr/bin/time -v -o "$dir/hugo-time-$i.txt" \
                    hugo --quiet --source "$dir/hugo" --destination "$out" >"$dir/hugo-$i.log" 2>&1 || {
                    tail -n 30 "$dir/hugo-$i.log" >&2
                    log "N=$n: hugo failed"
                    exit 1
                }
                t1=$(now)
                wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
                h_walls+=("$wall")
                h_peaks+=("$(peak_kib "$dir/hugo-time-$i.txt")")
                log "N=$n: hugo run $i: ${wall} s, peak $(( ${h_peaks[-1]} / 1024 )) MiB"
            done
            h_wall=$(printf '%s\n' "${h_walls[@]}" | median)
            h_peak=$(( $(printf '%s\n' "${h_peaks[@]}" | max) / 1024 ))
            hugo_peaks+=("$n:$h_peak")
        fi
        per_page=$(awk -v w="$b_wall" -v p="$pages" 'BEGIN { printf "%.2f", p ? w * 1000 / p : 0 }')
        ratio=$(awk -v b="$b_wall" -v h="$h_wall" 'BEGIN { printf "%.2f", h ? b / h : 0 }')
        rows+=("| $machine | $today | \`briefing build\`$tag vs \`hugo\` | $n | $b_wall | $per_page | $b_peak | $h_wall | $ratio |")
        log "N=$n$tag: briefing ${b_wall} s (${pages} HTML pages, ${per_page} ms/page, ${b_peak} MiB); hugo ${h_wall} s (${h_peak} MiB)"
        # The search index of the last run (the same bytes as every run's).
        search_row "$n$tag" "$work/out-briefing-n$n" "$dir/build-$med_run.log" "bilateral analysis"
        rm -rf "$work/out-briefing-n$n" "$work/out-hugo-n$n"

        # The preview: `briefing serve` on the same committee (with a theme
        # folder holding one interface string), then BENCH_EDITS saves of each
        # kind of edit, one every few seconds; "rebuilt in N ms" is the
        # rebuild's own time, from the watcher's event to the pages published.
        # Peak memory of the whole session from /usr/bin/time -v.
        serve_preview "$n" "$dir" "$label" "$bin"
    done
done

load_end=$(cut -d" " -f1-3 /proc/loadavg)
elapsed=$(awk -v a="$script_start" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }')
{
    echo
    echo "| machine | date | command | N notes | briefing wall s | per page ms | peak MiB | hugo wall s | briefing/hugo |"
    echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Corpus: $n_groups groups x $n_updates monthly updates, N notes (half meetings, half pages, ~600 words each), one language."
    echo "Wall: median of $runs runs, output on tmpfs ($work). Per page: briefing wall / HTML pages written."
    echo "Peak: largest maximum resident set size of the runs (/usr/bin/time -v). Hugo peak MiB: ${hugo_peaks[*]}."
    echo "Load average (1, 5, 15 min) at start: $load_start; at end: $load_end (other work on the machine skews the figures)."
    echo "Hugo: $(hugo version 2>/dev/null | cut -d' ' -f2), \`hugo --quiet --source DIR --destination OUT\` on the same notes (one single and one list layout)."
    echo
    echo "Stage times of the median briefing run (ms, BRIEFING_TIMINGS=1):"
    echo
    echo "| N notes | $(echo "$stage_header" | sed 's/|/ | /g') |"
    echo "| ---: |$(echo "$stage_header" | tr '|' '\n' | sed 's/.*/ ---: |/' | tr -d '\n')"
    printf '%s\n' "${stage_rows[@]}"
    echo
    echo "The preview (\`briefing serve\`), measured from outside by scripts/preview-latency.py: each kind of edit saved ${BENCH_EDITS:-5} times (one every 2 s, 4 s for site.yaml and the theme), median (max) ms from the save to the page that shows the edit served (a client listening to the live-reload stream as an open page does: the reload event, then a GET); the preview's own \"rebuilt in N ms\" over every save; the search index made again once the saves stop (\"search index updated in N ms\", times); memory in MiB: the largest resident set of the preview and every process it started while edits are served (from each save to its page served), the largest from the first save on, and the process's peak over the whole session (/usr/bin/time -v, the first build included):"
    echo
    echo "| N notes | binary | a note's body | a note's title | a meeting's actions | the latest meeting's body | an update | site.yaml | a theme file | rebuilt in (every save) | search index (times) | MiB editing | MiB peak from first save | MiB peak, whole session |"
    echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${serve_rows[@]}"
    echo
    echo "The search index (Pagefind, \`pagefind/\`): the search stage's time in the median run, the index's size on disk (with Pagefind's script and WebAssembly, about 0.2 MiB for any size), and what one query downloads in the browser, served over loopback (all of Pagefind's files it fetched, for the first 30 results):"
    echo
    echo "| N notes | search stage ms | index on disk | query | a query's download |"
    echo "| ---: | ---: | ---: | --- | ---: |"
    printf '%s\n' "${search_rows[@]}"
    echo
    echo "Whole benchmark (build, generate, check, runs, preview): ${elapsed} s."
} | tee "$work/results.md"
