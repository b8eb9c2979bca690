#!/bin/sh
# C-side checks of bridge-native (run by `make check`, i.e. by Maven's test phase).
# Builds a tiny gain plugin, a pixel checker and a test entry class (TestBridge; none shipped), then drives the
# test host and the shim. Expected values are computed here (awk) or by tests/pamtool.c from the
# gain formula, never taken from the code under test.
set -u
cd "$(dirname "$0")/.."
CC=${CC:-gcc}
T=target/test
HOST=target/ofx-testhost
SHIM=target/ManyFaces.ofx
rm -rf "$T"
mkdir -p "$T/out" "$T/Gain.ofx.bundle/Contents/Linux-x86-64"
failures=0
checks=0
pass() { checks=$((checks + 1)); echo "ok: $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }
check() { # check "description" command...
    what=$1; shift
    if "$@" >"$T/last.log" 2>&1; then pass "$what"; else fail "$what"; sed 's/^/    /' "$T/last.log" | head -20; fi
}
has() { grep -q -- "$2" "$1"; }

CFLAGS="-std=gnu11 -O2 -Wall -Wextra -Werror -Iinclude"
$CC $CFLAGS -fPIC -shared -o "$T/Gain.ofx.bundle/Contents/Linux-x86-64/Gain.ofx" tests/gain_plugin.c -lm -lpthread || exit 1
$CC $CFLAGS -o "$T/pamtool" tests/pamtool.c -lm || exit 1
check "ABI header matches the fact sheet's sizes and offsets" $CC $CFLAGS -o "$T/abi_layout_test" tests/abi_layout_test.c
GAIN="$T/Gain.ofx.bundle"
PAM="$T/pamtool"
"$PAM" gen 37 23 "$T/in.pam" || exit 1

# ---------------------------------------------------------------- test host CLI
"$HOST" --help >"$T/help.txt" 2>&1; rc=$?
check "--help exits 0 and documents the options" sh -c "[ $rc -eq 0 ] && grep -q -- --install-sigsegv-handler $T/help.txt && grep -q -- --rowbytes $T/help.txt"
"$HOST" --list >/dev/null 2>&1; rc=$?
check "missing bundle is a usage error (exit 2)" test $rc -eq 2
"$HOST" --plugin x --input "$T/in.pam" --bogus "$GAIN" >/dev/null 2>&1; rc=$?
check "unknown option is a usage error (exit 2)" test $rc -eq 2
"$HOST" --plugin x --input "$T/in.pam" --output "$T/out/x_%s_%d.pam" "$GAIN" >/dev/null 2>&1; rc=$?
check "an output pattern without exactly one %d is a usage error" test $rc -eq 2
"$HOST" --list "$T/nowhere.ofx.bundle" >/dev/null 2>&1; rc=$?
check "unloadable binary exits 3" test $rc -eq 3

"$HOST" --list "$GAIN" >"$T/list.txt" 2>&1
check "--list prints the plugin" grep -qx "plugin index=0 id=org.manyfaces.test.Gain version=1.2" "$T/list.txt"

"$HOST" --describe org.manyfaces.test.Gain "$GAIN" >"$T/describe.txt" 2>&1; rc=$?
check "--describe exits 0" test $rc -eq 0
check "--describe prints effect props" has "$T/describe.txt" "^prop OfxImageEffectPropSupportedPixelDepths=OfxBitDepthByte,OfxBitDepthFloat$"
check "--describe prints the double param" grep -qx "param name=gain type=Double label=Gain default=1 min=0 max=10 displayMin=0 displayMax=4 animates=1 hint=multiplies R, G and B" "$T/describe.txt"
check "--describe prints choice options" has "$T/describe.txt" "^param name=channel type=Choice label=Channel default=0 animates=0 options=all|red hint=$"
check "--describe prints 2D defaults" has "$T/describe.txt" "^param name=offset type=Double2D .*default=0.25,-1 "
check "--describe prints clips" grep -qx "clip name=Source components=OfxImageComponentRGBA,OfxImageComponentRGB optional=0 mask=0" "$T/describe.txt"
check "no failed action while describing (unknown props refused as the plugin expects)" sh -c "! grep -q '^action ' $T/describe.txt"

# ---------------------------------------------------------------- keyframed gain, byte and float
# keys gain@2=0.5, gain@6=2.5 -> constant before 2 and after 6, linear in between
expected_gain() { awk -v f="$1" 'BEGIN { if (f <= 2) g = 0.5; else if (f >= 6) g = 2.5; else g = 0.5 + (f - 2) * (2.5 - 0.5) / (6 - 2); printf "%.10g", g }'; }
for depth in byte float; do
    ext=pam; [ $depth = float ] && ext=rgbaf
    "$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --frames 0-8 --depth $depth \
        --key gain@2=0.5 --key gain@6=2.5 --output "$T/out/k_${depth}_%04d.$ext" "$GAIN" >"$T/k_$depth.txt" 2>&1; rc=$?
    check "keyframed render ($depth) exits 0 with 9 frames OK" sh -c "[ $rc -eq 0 ] && grep -qx 'summary rendered=9 failed=0' $T/k_$depth.txt && [ \$(grep -c '^frame=.* status=0 ' $T/k_$depth.txt) -eq 9 ]"
    for f in 0 1 2 3 4 5 6 7 8; do
        g=$(expected_gain $f)
        check "frame $f ($depth) = input x $g" "$PAM" gain "$T/in.pam" "$T/out/k_${depth}_$(printf %04d $f).$ext" "$g"
    done
done

# ---------------------------------------------------------------- row layouts, components, choice
for depth in byte float; do
    ext=pam; [ $depth = float ] && ext=rgbaf
    for rows in positive negative padded; do
        "$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --frames 4-4 --depth $depth --rowbytes $rows \
            --set gain=1.5 --output "$T/out/r_${depth}_${rows}_%d.$ext" "$GAIN" >"$T/r.txt" 2>&1
    done
    check "rowbytes positive == negative ($depth)" "$PAM" same "$T/out/r_${depth}_positive_4.$ext" "$T/out/r_${depth}_negative_4.$ext"
    check "rowbytes positive == padded ($depth)" "$PAM" same "$T/out/r_${depth}_positive_4.$ext" "$T/out/r_${depth}_padded_4.$ext"
    check "rowbytes result is the gain formula ($depth)" "$PAM" gain "$T/in.pam" "$T/out/r_${depth}_negative_4.$ext" 1.5
done
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --components rgb --rowbytes negative --set gain=0.5 \
    --output "$T/out/rgb_%d.pam" "$GAIN" >"$T/rgb.txt" 2>&1
check "RGB images (no alpha) render the gain" "$PAM" gain "$T/in.pam" "$T/out/rgb_0.pam" 0.5 rgb
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --set gain=2 --set channel=red \
    --output "$T/out/red_%d.pam" "$GAIN" >"$T/red.txt" 2>&1
check "choice set by option label (red only)" "$PAM" gain "$T/in.pam" "$T/out/red_0.pam" 2 red
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --set gain=2 --set channel=1 \
    --output "$T/out/red1_%d.pam" "$GAIN" >"$T/red1.txt" 2>&1
check "choice set by index" "$PAM" same "$T/out/red_0.pam" "$T/out/red1_0.pam"
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --set channel=blue "$GAIN" >/dev/null 2>&1; rc=$?
check "unknown choice label is a usage error" test $rc -eq 2
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --set nosuch=1 "$GAIN" >/dev/null 2>&1; rc=$?
check "unknown param is a usage error" test $rc -eq 2

# ---------------------------------------------------------------- float input file round trip
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --depth float --set gain=1.25 --output "$T/out/f_%d.rgbaf" "$GAIN" >/dev/null 2>&1
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/out/f_0.rgbaf" --depth float --set gain=1 --output "$T/out/f2_%d.rgbaf" "$GAIN" >/dev/null 2>&1
check ".rgbaf input is read back unchanged (identity copy)" "$PAM" same "$T/out/f_0.rgbaf" "$T/out/f2_0.rgbaf"

# Input sequence: frame F of the source clip is file F of the pattern (two different frames, the second
# made by the gain plugin), read back through a gain of 1 in reverse order.
cp "$T/in.pam" "$T/out/seq_0005.pam"
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --set gain=0.5 --output "$T/out/seqgen_%d.pam" "$GAIN" >/dev/null 2>&1
mv "$T/out/seqgen_0.pam" "$T/out/seq_0006.pam"
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/out/seq_%04d.pam" --frames 5-6 --order reverse --set gain=1 \
    --output "$T/out/seqout_%d.pam" "$GAIN" >"$T/seq.txt" 2>&1
check "--input pattern: frame 5 reads file 5" "$PAM" same "$T/out/seq_0005.pam" "$T/out/seqout_5.pam"
check "--input pattern: frame 6 reads file 6" "$PAM" same "$T/out/seq_0006.pam" "$T/out/seqout_6.pam"
# --frame-cache: the same frames through the shared source cache, with frame 7 a link to frame 5's file (read
# once, shared); threads and shuffled order share the cache. Every output must equal the uncached render.
ln -s seq_0005.pam "$T/out/seq_0007.pam"
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/out/seq_%04d.pam" --frames 5-7 --set gain=1.5 \
    --output "$T/out/nocache_%d.pam" "$GAIN" >/dev/null 2>&1
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/out/seq_%04d.pam" --frames 5-7 --set gain=1.5 --frame-cache \
    --threads 3 --order shuffle --rowbytes negative --output "$T/out/cache_%d.pam" "$GAIN" >"$T/cache.txt" 2>&1
same_all=0
for f in 5 6 7; do "$PAM" same "$T/out/nocache_$f.pam" "$T/out/cache_$f.pam" || same_all=1; done
check "--frame-cache renders exactly what fresh images render (linked frame, threads, negative rowBytes)" \
    sh -c "[ $same_all -eq 0 ] && grep -qx 'summary rendered=3 failed=0' $T/cache.txt"
check "--frame-cache: the linked frame 7 is frame 5's picture" "$PAM" gain "$T/out/seq_0005.pam" "$T/out/cache_7.pam" 1.5
rm -f "$T/out/seq_0007.pam"
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/out/seq_%04d.pam" --frames 5-7 "$GAIN" >/dev/null 2>&1; rc=$?
check "--input pattern with a missing frame file is a usage error" test $rc -eq 2
# Temporal clip access: fetching another frame during a render is refused unless the effect declared it.
MF_GAIN_FETCH_PREVIOUS=1 "$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --frames 0-1 --set gain=2 "$GAIN" >"$T/temporal0.txt" 2>&1
check "without temporal clip access another frame is refused during render" has "$T/temporal0.txt" "frame=1 previous=1"
MF_GAIN_TEMPORAL=1 MF_GAIN_FETCH_PREVIOUS=1 "$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --frames 0-1 --set gain=2 "$GAIN" >"$T/temporal1.txt" 2>&1
check "with temporal clip access another frame is given during render" has "$T/temporal1.txt" "frame=1 previous=0"

# ---------------------------------------------------------------- threads, order, instances
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --frames 0-11 --key gain@0=0.2 --key gain@11=2.4 \
    --threads 1 --output "$T/out/t1_%d.pam" "$GAIN" >"$T/t1.txt" 2>&1
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --frames 0-11 --key gain@0=0.2 --key gain@11=2.4 \
    --threads 4 --order shuffle --seed 7 --output "$T/out/t4_%d.pam" "$GAIN" >"$T/t4.txt" 2>&1
same_all=0
for f in 0 1 2 3 4 5 6 7 8 9 10 11; do "$PAM" same "$T/out/t1_$f.pam" "$T/out/t4_$f.pam" || same_all=1; done
check "threads=4 (shuffled) equals threads=1 on every frame" test $same_all -eq 0
check "threads=4 rendered all 12 frames" grep -qx "summary rendered=12 failed=0" "$T/t4.txt"
check "shuffle changes the order" sh -c "[ \"\$(grep -o '^frame=[0-9]*' $T/t4.txt | tr '\n' ' ')\" != \"\$(grep -o '^frame=[0-9]*' $T/t1.txt | tr '\n' ' ')\" ]"
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --frames 2-3 --order reverse --instances 2 --threads 2 \
    --set gain=0.75 --output "$T/out/inst_%04d.pam" "$GAIN" >"$T/inst.txt" 2>&1
check "--instances 2 names outputs with _i<I>" "$PAM" same "$T/out/inst_0003_i0.pam" "$T/out/inst_0003_i1.pam"
check "--instances 2 renders 4 frames" grep -qx "summary rendered=4 failed=0" "$T/inst.txt"
check "--order reverse starts at the last frame" sh -c "grep '^frame=' $T/inst.txt | head -1 | grep -q '^frame=3 '"

MF_GAIN_THREAD_SAFETY=instance "$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --frames 0-11 --threads 4 --set gain=2 "$GAIN" >"$T/isafe.txt" 2>&1
check "InstanceSafe: never two renders of one instance at once (threads=4)" sh -c "grep -qx 'message type=OfxMessageLog id=concurrency text=concurrency max=1' $T/isafe.txt && grep -qx 'summary rendered=12 failed=0' $T/isafe.txt"
check "FullySafe: renders of one instance do overlap (threads=4)" sh -c "grep -q 'id=concurrency text=concurrency max=[2-4]$' $T/t4.txt"

# ---------------------------------------------------------------- render scale
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --render-scale 0.5 --set gain=2 --output "$T/out/half_%d.pam" "$GAIN" >/dev/null 2>&1
check "render scale 0.5 gives ceil(size/2)" sh -c "[ \"\$($PAM size $T/out/half_0.pam)\" = '19 12' ]"

# ---------------------------------------------------------------- output region of definition
MF_GAIN_ROD_SCALE=2 "$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --set gain=2 --output "$T/out/rod2_%d.pam" "$GAIN" >/dev/null 2>&1
check "the output is allocated to the plugin's RoD (2x the source)" sh -c "[ \"\$($PAM size $T/out/rod2_0.pam)\" = '74 46' ]"
MF_GAIN_ROD_SCALE=2 "$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --render-scale 0.5 --set gain=2 --output "$T/out/rod2h_%d.pam" "$GAIN" >/dev/null 2>&1
check "RoD 2x at render scale 0.5 gives the source size" sh -c "[ \"\$($PAM size $T/out/rod2h_0.pam)\" = '37 23' ]"

# ---------------------------------------------------------------- reload
"$HOST" --reload 3 --plugin org.manyfaces.test.Gain --input "$T/in.pam" --set gain=0.5 --output "$T/out/reload_%d.pam" "$GAIN" >"$T/reload.txt" 2>&1; rc=$?
check "--reload 3 reloads three times cleanly" sh -c "[ \$(grep -c '^reload i=[0-9] load=0 describe=0 unload=0$' $T/reload.txt) -eq 3 ]"
check "render after --reload is correct" "$PAM" gain "$T/in.pam" "$T/out/reload_0.pam" 0.5

# ---------------------------------------------------------------- params: press, variadic set, dump, keyframe API
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --press analyse --dump-params "$GAIN" >"$T/press.txt" 2>&1
check "press sends InstanceChanged and the message is printed" grep -qx "message type=OfxMessageMessage id=analyse text=analysed 2 keys" "$T/press.txt"
check "keys written through variadic paramSetValueAtTime" sh -c "grep -qx 'key name=gain t=0 v=0.5' $T/press.txt && grep -qx 'key name=gain t=10 v=1.5' $T/press.txt"
check "string written through variadic paramSetValue" grep -qx "value name=note v=analysed" "$T/press.txt"
check "2D value written through variadic paramSetValue" grep -qx "value name=offset v=3.5,4.5" "$T/press.txt"
check "plugin edits come back as InstanceChanged(PluginEdited)" grep -qx "message type=OfxMessageLog id=edited text=plugin edited gain" "$T/press.txt"
check "value at time 0 follows the keys" grep -qx "value name=gain v=0.5" "$T/press.txt"
# keys (2,0.5),(6,2.5): derivative 0.5 on (2,6); integral over [0,8] = 0.5*2 + (0.5+2.5)/2*4 + 2.5*2 = 12;
# value at 5 = 2.0; next key after 4 is #1, previous is #0; no key at 3 -> Failed(1) and index -1;
# key time 2 (n) -> ErrBadIndex(10); deleting a missing key -> ErrBadIndex(10)
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --set selftest=1 --key gain@2=0.5 --key gain@6=2.5 "$GAIN" >"$T/self.txt" 2>&1
check "keyframe API answers (num/time/index/derivative/integral/delete)" grep -qx \
    "message type=OfxMessageLog id=selftest text=keys=2 t0=2 t1=6 badIndex=10 next=1 prev=0 at=0 missing=1/-1 deriv=0.5 integral=12 v5=2 deleteMissing=10" "$T/self.txt"
# suites: image memory OK and aligned; a release, then a second release -> ErrBadHandle(9); output image
# outside render and a time outside the clip -> Failed(1); RoD = input size 37x23; unknown clip ->
# ErrUnknown(3); 3 spawned threads with indices 0,1,2; a mutex created locked is busy for other
# threads (Failed 1), recursive for its owner, and free after the owner unlocks
check "image effect, memory and multithread suites answer per spec" grep -qx \
    "message type=OfxMessageLog id=suitecheck text=imageMemory=0 aligned=1 memory=0 release=0 doubleRelease=9 outputOutsideRender=1 outOfRange=1 rod=0,0,37,23 unknownClip=3 threads=3 indices=111 spawned=3 mainSpawned=0 tryBusy=1 recursive=0 tryFree=0" "$T/self.txt"
# properties: a variable dimension grows (3, new slots empty) and resets (0); past a fixed
# dimension -> ErrBadIndex(10); wrong type -> ErrValue(11); unknown name -> ErrUnknown(3)
MF_GAIN_PROPCHECK=1 "$HOST" --describe org.manyfaces.test.Gain "$GAIN" >"$T/propcheck.txt" 2>&1
check "property suite errors and dimensions per spec" grep -qx \
    "message type=OfxMessageLog id=propcheck text=grow=3 fillEmpty=1 reset=0 getBeyond=10 setBeyondFixed=10 wrongType=11 unknown=3 unknownDim=3 getNBeyond=10 version=1.2.3" "$T/propcheck.txt"
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --key note@1=x "$GAIN" >/dev/null 2>&1; rc=$?
check "keyframes on a non-animating param are a usage error" test $rc -eq 2

# ---------------------------------------------------------------- leak check and bench
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --set leak=1 --set gain=2 "$GAIN" >"$T/leak.txt" 2>&1; rc=$?
check "unreleased images are reported as a leak and count as failed" sh -c "[ $rc -eq 0 ] && grep -qx 'leak frame=0 instance=0 images=1' $T/leak.txt && grep -qx 'summary rendered=0 failed=1' $T/leak.txt"
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --set leak=1 --press analyse "$GAIN" >"$T/pressleak.txt" 2>&1
check "images kept after a press are reported as a leak" grep -qx "leak action=press name=analyse instance=0 images=1" "$T/pressleak.txt"
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --bench 5 --set gain=2 "$GAIN" >"$T/bench.txt" 2>&1
check "--bench prints statistics" sh -c "grep -q '^bench calls=5 median_us=[0-9.]* p10_us=[0-9.]* p90_us=[0-9.]* memcpy_us=[0-9.]* median_cpu_us=[0-9.]* p10_cpu_us=[0-9.]* p90_cpu_us=[0-9.]*$' $T/bench.txt && grep -qx 'summary rendered=5 failed=0' $T/bench.txt"
# The Gain plugin reads its params and both images through the suites on every render, so the host's
# suite time must be positive; its own arithmetic on 37x23 pixels makes its share positive too. The two
# medians together stay within the calls' p90 (with slack for noise): a wrong tick rate would not.
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --bench 50 --bench-split --set gain=2 "$GAIN" >"$T/split.txt" 2>&1
check "--bench-split splits each call into plugin and host-suite time" awk '
    /^bench_split / { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }; seen = 1 }
    /^bench calls=50 / { for (i = 2; i <= NF; i++) { split($i, kv, "="); w[kv[1]] = kv[2] } }
    END { exit !(seen && v["median_host_suites_us"] > 0 && v["median_plugin_us"] > 0 &&
                 v["median_plugin_us"] + v["median_host_suites_us"] <= w["p90_us"] * 1.1 + 5) }' "$T/split.txt"
"$HOST" --plugin org.manyfaces.test.Gain --input "$T/in.pam" --bench-split "$GAIN" >/dev/null 2>&1; rc=$?
check "--bench-split without --bench is a usage error" test $rc -eq 2

# ---------------------------------------------------------------- the host under AddressSanitizer/UBSan
if $CC -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -Iinclude -pthread \
        -o "$T/ofx-testhost-asan" testhost/*.c -ldl -lm 2>/dev/null; then
    asan_ok=0
    for args in "--frames 0-5 --key gain@1=0.5 --key gain@4=2 --threads 3 --rowbytes negative --output $T/out/asan_%d.pam" \
                "--depth float --components rgb --rowbytes padded --render-scale 0.5 --set gain=2 --output $T/out/asan_%d.rgbaf" \
                "--set selftest=1 --key gain@2=0.5 --key gain@6=2.5 --press analyse --dump-params --instances 2" \
                "--set leak=1 --set gain=3 --bench 3 --reload 2"; do
        # shellcheck disable=SC2086
        ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1 "$T/ofx-testhost-asan" --plugin org.manyfaces.test.Gain \
            --input "$T/in.pam" $args "$GAIN" >"$T/asan.txt" 2>&1 || { asan_ok=1; sed 's/^/    /' "$T/asan.txt" | grep -A8 'ERROR\|runtime error' | head -20; }
        grep -q 'runtime error' "$T/asan.txt" && asan_ok=1
    done
    check "test host runs clean under AddressSanitizer/UBSan" test $asan_ok -eq 0
else
    echo "skip: $CC cannot build with -fsanitize=address,undefined"
fi

# ---------------------------------------------------------------- the shim
LDD_OTHER=$(ldd "$SHIM" | grep -v -e 'linux-vdso' -e 'libc\.so' -e 'libdl\.so' -e 'libpthread\.so' -e 'ld-linux' || true)
check "shim depends only on libc/libdl/libpthread (no libjvm)" test -z "$LDD_OTHER"
for sym in OfxGetNumberOfPlugins OfxGetPlugin OfxSetHost mf_param_get mf_param_get_at_time mf_param_set_ints \
        mf_param_set_doubles mf_param_set_string mf_param_set_ints_at_time mf_param_set_doubles_at_time \
        mf_param_set_string_at_time mf_message mf_shim_version; do
    nm -D --defined-only "$SHIM" | grep -q " T $sym\$" || { fail "shim exports $sym"; continue; }
done
for m in abiVersion callP callPP callPPP callPPPP callPPIP callPPID callPPII callPDP callPDPP paramGet paramGetAtTime \
        paramSetInts paramSetDoubles paramSetString paramSetIntsAtTime paramSetDoublesAtTime paramSetStringAtTime message; do
    nm -D --defined-only "$SHIM" | grep -q " T Java_org_manyfaces_ofx_jna_ShimCalls_$m\$" || { fail "shim exports the JNI native ShimCalls.$m"; continue; }
done
pass "shim exports the OFX entry points, the trampolines and the ShimCalls JNI natives"

$CC $CFLAGS -o "$T/trampoline_test" tests/trampoline_test.c -ldl || exit 1
check "trampolines call the host's variadic functions correctly" "$T/trampoline_test" "$PWD/$SHIM"
JNI_INC="-I${JAVA_HOME:-/usr/lib/jvm/default-java}/include -I${JAVA_HOME:-/usr/lib/jvm/default-java}/include/linux"
# shellcheck disable=SC2086
$CC $CFLAGS $JNI_INC -o "$T/jni_calls_test" tests/jni_calls_test.c -ldl || exit 1
check "ShimCalls JNI natives pass every argument to the host function in its place" "$T/jni_calls_test" "$PWD/$SHIM"

BUNDLE="$T/fake/ManyFaces.ofx.bundle"
mkdir -p "$BUNDLE/Contents/Linux-x86-64" "$BUNDLE/Contents/Resources/lib" "$T/empty" "$T/nobin"
cp "$SHIM" "$BUNDLE/Contents/Linux-x86-64/ManyFaces.ofx"
"$HOST" --list "$BUNDLE" >"$T/shim_list.txt" 2>&1
# The plug-ins the shim must list are the rows of its generated table (src/mf_plugin_table.h, made from the Java
# EffectCatalogue), so adding an effect changes no check here.
sed -n 's/^ *X(\([0-9]*\), "\([^"]*\)", \([0-9]*\), \([0-9]*\), "\([^"]*\)").*/plugin index=\1 id=\2 version=\3.\4/p' \
    src/mf_plugin_table.h >"$T/table_list.txt"
sed -n 's/^ *X([0-9]*, "\([^"]*\)", [0-9]*, [0-9]*, "\([^"]*\)").*/\1|\2/p' src/mf_plugin_table.h >"$T/table_labels.txt"
check "the plug-in table lists at least one effect" test -s "$T/table_list.txt"
check "--list shows every plug-in of the generated table, in order" sh -c "grep '^plugin index=' $T/shim_list.txt | diff -u $T/table_list.txt -"

env MANYFACES_JAVA_HOME="$T/empty" JAVA_HOME="$T/empty" PATH="$T/nobin" "$HOST" --describe org.manyfaces.FaceSwap "$BUNDLE" >"$T/nojava.txt" 2>"$T/nojava.err"; rc=$?
check "no Java: --describe exits 0" test $rc -eq 0
check "no Java: label says unavailable with the reason" grep -qx "prop OfxPropLabel=Face Swap (unavailable: no Java runtime)" "$T/nojava.txt"
check "no Java: grouping, Filter context and clips still described" sh -c "grep -qx 'prop OfxImageEffectPluginPropGrouping=ManyFaces' $T/nojava.txt && grep -qx 'prop OfxImageEffectPropSupportedContexts=OfxImageEffectContextFilter' $T/nojava.txt && grep -q '^clip name=Source ' $T/nojava.txt && grep -q '^clip name=Output ' $T/nojava.txt"
check "no Java: reason posted through the message suite" grep -q "^message type=OfxMessageError id=org.manyfaces.unavailable text=ManyFaces is unavailable: no Java runtime: MANYFACES_JAVA_HOME=" "$T/nojava.txt"
check "no Java: reason on stderr with the ManyFaces: prefix" grep -q "^ManyFaces: plugin unavailable: no Java runtime" "$T/nojava.err"
while IFS='|' read -r id label; do
    env MANYFACES_JAVA_HOME="$T/empty" JAVA_HOME="$T/empty" PATH="$T/nobin" "$HOST" --describe "$id" "$BUNDLE" >"$T/nojava_each.txt" 2>/dev/null
    check "no Java: $id is still described, its label saying unavailable" grep -qx "prop OfxPropLabel=$label (unavailable: no Java runtime)" "$T/nojava_each.txt"
done <"$T/table_labels.txt"
env MANYFACES_JAVA_HOME="$T/empty" "$HOST" --plugin org.manyfaces.FaceSwap --input "$T/in.pam" --frames 0-1 "$BUNDLE" >"$T/nojava_render.txt" 2>&1; rc=$?
check "no Java: rendering fails cleanly and the host survives" sh -c "[ $rc -eq 0 ] && grep -qx 'summary rendered=0 failed=2' $T/nojava_render.txt"

mkdir -p "$T/java11/lib/server"
echo 'JAVA_VERSION="11.0.22"' >"$T/java11/release"
: >"$T/java11/lib/server/libjvm.so"
env MANYFACES_JAVA_HOME="$T/java11" "$HOST" --describe org.manyfaces.ImageTranslate "$BUNDLE" >"$T/old.txt" 2>&1
check "Java 11 is refused with a clear reason" grep -qx "prop OfxPropLabel=Image Translate (unavailable: Java too old)" "$T/old.txt"

JAVA_BIN=""
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && JAVA_BIN="$JAVA_HOME/bin"
if [ -n "$JAVA_BIN" ] && [ -f "$JAVA_HOME/lib/server/libjvm.so" ]; then
    env -u MANYFACES_JAVA_HOME JAVA_HOME="$JAVA_HOME" "$HOST" --describe org.manyfaces.FaceSwap "$BUNDLE" >"$T/nojar.txt" 2>&1
    check "Java present but no jars: label says the classes are missing" grep -qx "prop OfxPropLabel=Face Swap (unavailable: ManyFaces classes missing)" "$T/nojar.txt"

    head -c 4096 /dev/urandom >"$BUNDLE/Contents/Resources/lib/corrupt.jar"
    env -u MANYFACES_JAVA_HOME JAVA_HOME="$JAVA_HOME" "$HOST" --describe org.manyfaces.FaceSwap "$BUNDLE" >"$T/corrupt.txt" 2>&1; rc=$?
    check "Java present, corrupt jar: host survives, label says the classes are missing" sh -c "[ $rc -eq 0 ] && grep -qx 'prop OfxPropLabel=Face Swap (unavailable: ManyFaces classes missing)' $T/corrupt.txt"
    rm -f "$BUNDLE/Contents/Resources/lib/corrupt.jar"

    mkdir -p "$T/bridge-classes"
    "$JAVA_BIN/javac" --release 17 -d "$T/bridge-classes" tests/java/org/manyfaces/testbridge/TestBridge.java || exit 1
    "$JAVA_BIN/jar" cf "$BUNDLE/Contents/Resources/lib/test-bridge.jar" -C "$T/bridge-classes" . || exit 1
    # The test class has its own name: without Resources/java-entry-class the shim looks for the product's
    # Bridge, which this bundle lacks; a file that names no class is refused; then the file names TestBridge.
    env -u MANYFACES_JAVA_HOME JAVA_HOME="$JAVA_HOME" "$HOST" --describe org.manyfaces.FaceSwap "$BUNDLE" >"$T/noentry.txt" 2>&1; rc=$?
    check "Java: without java-entry-class the shim loads the product's Bridge (absent here: classes missing)" sh -c "[ $rc -eq 0 ] && grep -qx 'prop OfxPropLabel=Face Swap (unavailable: ManyFaces classes missing)' $T/noentry.txt && grep -q 'org/manyfaces/ofx/host/Bridge' $T/noentry.txt"
    printf 'not a class;\n' >"$BUNDLE/Contents/Resources/java-entry-class"
    env -u MANYFACES_JAVA_HOME JAVA_HOME="$JAVA_HOME" "$HOST" --describe org.manyfaces.FaceSwap "$BUNDLE" >"$T/badentry.txt" 2>&1; rc=$?
    check "Java: a java-entry-class that names no class leaves the plugin unavailable, saying why" sh -c "[ $rc -eq 0 ] && grep -qx 'prop OfxPropLabel=Face Swap (unavailable: ManyFaces classes missing)' $T/badentry.txt && grep -q 'java-entry-class does not name a Java class' $T/badentry.txt"
    echo org.manyfaces.testbridge.TestBridge >"$BUNDLE/Contents/Resources/java-entry-class"
    mkdir -p "$BUNDLE/Contents/Resources/native"
    $CC $CFLAGS -fPIC -shared -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" \
        -o "$BUNDLE/Contents/Resources/native/libtestbridge.so" tests/test_bridge_native.c || exit 1
    export MANYFACES_JAVA_HOME="$JAVA_HOME" MANYFACES_JAVA_XMX=256m
    "$HOST" --describe org.manyfaces.FaceSwap "$BUNDLE" >"$T/java.txt" 2>&1; rc=$?
    check "Java: --describe exits 0" test $rc -eq 0
    check "Java: Bridge.init called with the shim path, Resources and JVM options" grep -q "^testbridge init count=1 shimIsFile=true resourcesEndsRight=true jnaBoot=true nounpack=true maxHeapMiB=2[0-9][0-9]$" "$T/java.txt"
    check "Java: setHost forwarded after boot" grep -qx "testbridge setHost nonzero=true" "$T/java.txt"
    check "Java: actions forwarded with plugin index and handles (host thread that created the JVM)" sh -c "grep -qx 'testbridge action plugin=0 name=OfxActionLoad handleNonZero=false daemon=false' $T/java.txt && grep -qx 'testbridge action plugin=0 name=OfxActionDescribe handleNonZero=true daemon=false' $T/java.txt"
    MF_TEST_BRIDGE_MODE=initfail "$HOST" --describe org.manyfaces.FaceSwap "$BUNDLE" >"$T/initfail.txt" 2>&1; rc=$?
    check "Java: Bridge.init failing puts the plugin in unavailable mode" sh -c "[ $rc -eq 0 ] && grep -qx 'prop OfxPropLabel=Face Swap (unavailable: Java init failed)' $T/initfail.txt && grep -q 'Bridge.init returned 5' $T/initfail.txt"
    "$HOST" --reload 3 --describe org.manyfaces.ImageTranslate "$BUNDLE" >"$T/java_reload.txt" 2>&1; rc=$?
    check "Java: reload keeps one JVM and one init (shim pinned)" sh -c "[ $rc -eq 0 ] && [ \$(grep -c '^testbridge init' $T/java_reload.txt) -eq 1 ] && [ \$(grep -c 'name=OfxActionLoad' $T/java_reload.txt) -eq 4 ] && grep -q 'plugin=1 name=OfxActionDescribe' $T/java_reload.txt"
    MF_TEST_BRIDGE_MODE=faults "$HOST" --install-sigsegv-handler --describe org.manyfaces.FaceSwap "$BUNDLE" >"$T/faults.txt" 2>&1; rc=$?
    check "Java: NPE/div0 traps inside Java survive a host SIGSEGV handler installed after the JVM" sh -c "[ $rc -eq 0 ] && grep -qx 'testbridge faults npe=100000 div0=100000' $T/faults.txt && ! grep -q 'host handler caught' $T/faults.txt"
    MF_TEST_BRIDGE_MODE=throw "$HOST" --describe org.manyfaces.FaceSwap "$BUNDLE" >"$T/throw.txt" 2>&1; rc=$?
    check "Java: an escaping exception becomes kOfxStatFailed and is reported" sh -c "[ $rc -eq 0 ] && grep -qx 'action name=OfxActionDescribe status=1' $T/throw.txt && grep -q '^ManyFaces: uncaught Java exception in OfxActionDescribe' $T/throw.txt && grep -q 'IllegalStateException: test bridge throws on purpose' $T/throw.txt"
    "$HOST" --plugin org.manyfaces.FaceSwap --input "$T/in.pam" --frames 0-7 --threads 4 --output "$T/out/j_%d.pam" "$BUNDLE" >"$T/java_render.txt" 2>&1; rc=$?
    check "Java: 8 frames rendered through the shim on 4 host threads" sh -c "[ $rc -eq 0 ] && grep -qx 'summary rendered=8 failed=0' $T/java_render.txt"
    check "Java: new host threads are attached as daemons" grep -qx "testbridge render thread=ManyFaces host thread daemon=true" "$T/java_render.txt"
    java_ok=0
    for f in 0 1 2 3 4 5 6 7; do "$PAM" gain "$T/in.pam" "$T/out/j_$f.pam" 1 || java_ok=1; done
    check "Java: rendered frames are the copy of the input" test $java_ok -eq 0
    "$HOST" --plugin org.manyfaces.ImageTranslate --input "$T/in.pam" --depth float --rowbytes negative --output "$T/out/jf_%d.rgbaf" "$BUNDLE" >"$T/java_float.txt" 2>&1
    check "Java: float, negative row bytes" "$PAM" gain "$T/in.pam" "$T/out/jf_0.rgbaf" 1
    MF_TEST_BRIDGE_MODE=faults "$HOST" --install-sigsegv-handler --plugin org.manyfaces.FaceSwap --input "$T/in.pam" --frames 0-7 --threads 4 "$BUNDLE" >"$T/java_faults.txt" 2>&1; rc=$?
    check "Java: JVM traps on 4 render threads survive the host's late SIGSEGV handler" sh -c "[ $rc -eq 0 ] && grep -qx 'summary rendered=8 failed=0' $T/java_faults.txt && ! grep -q 'host handler caught' $T/java_faults.txt"
    MF_TEST_BRIDGE_MODE=throwodd "$HOST" --plugin org.manyfaces.FaceSwap --input "$T/in.pam" --frames 0-7 --threads 4 "$BUNDLE" >"$T/throwodd.txt" 2>&1; rc=$?
    check "Java: exceptions in half of the renders fail those frames only; the threads keep working" sh -c "[ $rc -eq 0 ] && grep -qx 'summary rendered=4 failed=4' $T/throwodd.txt && [ \$(grep -c '^frame=.* status=1 ' $T/throwodd.txt) -eq 4 ] || { echo 'rc=$rc; host output:'; grep -v '^testbridge render' $T/throwodd.txt; false; }"
    MF_TEST_BRIDGE_MODE=crash "$HOST" --install-sigsegv-handler --describe org.manyfaces.FaceSwap "$BUNDLE" >"$T/crash.txt" 2>&1; rc=$?
    check "Java: a real native crash during a Java call reaches the host's crash handler" sh -c "[ $rc -eq 99 ] && grep -qx 'host handler caught SIGSEGV' $T/crash.txt"
    # every installed Java 17+ runtime boots through the shim, renders, and prints no JDK warnings
    for home in /usr/lib/jvm/*; do
        [ -f "$home/lib/server/libjvm.so" ] && [ ! -L "$home" ] || continue
        major=$(sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$home/release" 2>/dev/null)
        [ -n "$major" ] && [ "$major" -ge 17 ] || continue
        MANYFACES_JAVA_HOME="$home" "$HOST" --plugin org.manyfaces.FaceSwap --input "$T/in.pam" --frames 0-1 --threads 2 "$BUNDLE" >"$T/jdk.txt" 2>&1; rc=$?
        check "Java $major ($home): boots, renders, no JDK warnings" sh -c "[ $rc -eq 0 ] && grep -qx 'summary rendered=2 failed=0' $T/jdk.txt && ! grep -q '^WARNING' $T/jdk.txt"
    done
    $CC $CFLAGS -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" -o "$T/foreign_jvm_test" tests/foreign_jvm_test.c -ldl || exit 1
    "$T/foreign_jvm_test" "$JAVA_HOME/lib/server/libjvm.so" "$BUNDLE/Contents/Linux-x86-64/ManyFaces.ofx" >"$T/foreign.txt" 2>&1; rc=$?
    check "Java: attaches to the host's own JVM and loads Bridge via its own class loader" sh -c "[ $rc -eq 0 ] && grep -q '^testbridge init count=1 .* maxHeapMiB=[56][0-9]$' $T/foreign.txt && grep -qx 'load status=14' $T/foreign.txt"
    unset MANYFACES_JAVA_HOME MANYFACES_JAVA_XMX
else
    echo "skip: no JDK (JAVA_HOME with javac and lib/server/libjvm.so) for the Java-side shim checks"
fi

# ---------------------------------------------------------------- signal routing unit test (x86-64)
if [ "$(uname -m)" = x86_64 ]; then
    $CC $CFLAGS -fPIC -shared -o "$T/libfake_jvm.so" tests/fake_jvm.c || exit 1
    $CC $CFLAGS -Isrc -I"${JAVA_HOME:-/usr/lib/jvm/default-java}/include" -I"${JAVA_HOME:-/usr/lib/jvm/default-java}/include/linux" \
        -o "$T/signal_route_test" tests/signal_route_test.c src/signal_guard.c -ldl -lpthread || exit 1
    check "signal routing: JVM faults to the JVM, host faults to the host" "$T/signal_route_test" "$PWD/$T/libfake_jvm.so"
fi

echo "checks=$checks failures=$failures"
[ $failures -eq 0 ]
