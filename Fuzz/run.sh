#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/Harnesses and runs each for SECONDS (default 60).
#
#   Fuzz/run.sh [SECONDS] [csv|card ...]      e.g. Fuzz/run.sh 600 card
#
# SwiftPM cannot link a `-sanitize=fuzzer` executable against its own products, so each module the
# harnesses need is compiled here with swiftc (whole-module, coverage + AddressSanitizer) into .build-fuzz/,
# and each harness is linked against those objects. The modules' sources are globbed, so new files are
# picked up. Inputs found while fuzzing go to .build-fuzz/corpus/NAME (the committed seeds in
# Fuzz/Corpus/NAME are only read); a crash stops the run, exits non-zero and leaves its input in
# .build-fuzz/artifacts/NAME/. Reproduce one with: .build-fuzz/fuzz-NAME .build-fuzz/artifacts/NAME/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(csv card)

build=.build-fuzz
swiftc=${SWIFTC:-swiftc}
# -I Sources/CCrypto: LeadCSV imports the libcrypto module map (SHA-256), which links libcrypto itself.
flags=(-O -g -swift-version 6 -package-name LeadScore -parse-as-library -sanitize=fuzzer,address -I "$build" -I Sources/CCrypto)
# lld: gold warns about every AddressSanitizer symbol.
link=(-use-ld=lld)
mkdir -p "$build"

# module NAME [DEPENDENCIES...]: compiles Sources/NAME into $build/NAME.o and its interface, when a source,
# this script or a module it imports (already built, listed first) is newer than the object.
module() {
    local name=$1 sources=(Sources/"$1"/*.swift)
    shift
    local object="$build/$name.o" imports=() imported
    for imported in "$@"; do imports+=("$build/$imported.o"); done
    if [ -f "$object" ] && [ -z "$(find "${sources[@]}" "$0" "${imports[@]}" -newer "$object" 2>/dev/null)" ]; then return; fi
    echo "compiling $name" >&2
    "$swiftc" "${flags[@]}" -module-name "$name" -wmo -emit-module -emit-module-path "$build/$name.swiftmodule" \
        -c -o "$object" "${sources[@]}"
    touch "$object"  # the compiler keeps an unchanged object's old time
}

# harness NAME SOURCE MODULES...: links $build/fuzz-NAME; MODULES in dependency order (each imports only
# modules before it).
harness() {
    local name=$1 source=$2
    shift 2
    local built=() objects=() dependency
    for dependency in "$@"; do
        module "$dependency" "${built[@]}"
        built+=("$dependency")
        objects+=("$build/$dependency.o")
    done
    echo "linking fuzz-$name" >&2
    "$swiftc" "${flags[@]}" "${link[@]}" -module-name "Fuzz_$name" "$source" "${objects[@]}" -o "$build/fuzz-$name"
}

for name in "${harnesses[@]}"; do
    case $name in
        csv) harness csv Fuzz/Harnesses/CSVLoading.swift OutputFiles LeadCSV LeadMath LeadData ;;
        card) harness card Fuzz/Harnesses/CardRoundTrip.swift OutputFiles LeadCSV LeadMath ScoreCardFormat RuleScoring ;;
        *) echo "unknown harness $name (csv, card)" >&2; exit 2 ;;
    esac
done

status=0
for name in "${harnesses[@]}"; do
    corpus="$build/corpus/$name" artifacts="$build/artifacts/$name/"
    mkdir -p "$corpus" "$artifacts"
    # CSV: inputs up to 4 KiB from the start (libFuzzer otherwise grows the limit slowly, and short inputs
    # never reach quoting across buffer refills); cards: room for a learned card with its calibration.
    case $name in
        csv) limits=(-max_len=4096 -len_control=0) ;;
        card) limits=(-max_len=32768) ;;
    esac
    echo "fuzzing $name for ${seconds}s" >&2
    # Both corpora: new inputs are written to the first, the committed seeds only read. ASan's leak check is
    # off: the Swift runtime's caches look like leaks to it.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$build/fuzz-$name" "$corpus" "Fuzz/Corpus/$name" \
        -max_total_time="$seconds" "${limits[@]}" -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
        -artifact_prefix="$artifacts" || status=$?
    [ $status -eq 0 ] || { echo "fuzz-$name stopped with status $status; the input is in $artifacts" >&2; exit $status; }
done
