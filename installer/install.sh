#!/usr/bin/env bash
# ManyFaces installer for Linux: installs the OFX bundle (with a trimmed Java runtime made by jlink),
# the `manyfaces` command-line launcher, and optionally the models; or uninstalls exactly what it
# installed, from the install record it wrote.
set -euo pipefail

readonly BUNDLE_NAME="ManyFaces.ofx.bundle"
readonly RECORD_REL="Contents/Resources/install-record.txt"
readonly CLI_CLASS="org.manyfaces.cli.ManyFacesCli"
readonly MODELS_CLASS="org.manyfaces.install.InstallMain"
# Modules jdeps cannot see because they are only reached by reflection or the service loader:
# jdk.unsupported (sun.misc.Unsafe for JNA and protobuf), java.net.http (model downloads),
# jdk.crypto.ec (elliptic-curve TLS, which most HTTPS model hosts negotiate).
readonly EXTRA_MODULES="jdk.unsupported,java.net.http,jdk.crypto.ec"
# Used only when jdeps fails outright; it is what jdeps reported for the 0.1 bundle, plus the extras.
readonly FALLBACK_MODULES="java.base,java.desktop,java.logging,java.management,java.net.http,java.sql,jdk.unsupported,jdk.crypto.ec"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

usage() {
    cat <<EOF
Usage: installer/install.sh [options]
       installer/install.sh --uninstall [--prefix DIR | --plugin-dir DIR --bin-dir DIR]

Installs ManyFaces.ofx.bundle for OpenFX hosts (Resolve, Natron, Nuke, ...), with its own Java
runtime (jlink) inside the bundle, and a 'manyfaces' command-line launcher.

Where it goes:
  as root            /usr/OFX/Plugins/$BUNDLE_NAME, launcher /usr/local/bin/manyfaces
  as a user          ~/.local/share/ManyFaces/OFX/Plugins/$BUNDLE_NAME, launcher ~/.local/bin/manyfaces
                     (hosts then need OFX_PLUGIN_PATH; the line to add is printed)
  --prefix DIR       DIR/OFX/Plugins/$BUNDLE_NAME, launcher DIR/bin/manyfaces

Options:
  --prefix DIR          install under DIR (see above)
  --plugin-dir DIR      put the bundle in DIR (overrides the default or --prefix)
  --bin-dir DIR         put the launcher in DIR (overrides the default or --prefix)
  --bundle DIR          install this built bundle (default: plugin/target/$BUNDLE_NAME;
                        built with 'mvn -B -q -DskipTests package' when missing)
  --no-build            fail instead of building when the bundle is missing
  --no-jre              do not add a jlink runtime; the plugin then looks for MANYFACES_JAVA_HOME,
                        JAVA_HOME, then a system Java 17+
  --no-cds              no class-data-sharing archive in the runtime (about 11 MB smaller, slower JVM start)
  --with-cuda           keep ONNX Runtime's CUDA and TensorRT providers (about 584 MB) even when no NVIDIA
                        driver is found (the default keeps them only where a driver is present)
  --no-cuda             leave the CUDA and TensorRT providers out even where a driver is present
  --models DIR|default  also install the models of the manifest into DIR ('default': the user's
                        ~/.local/share/ManyFaces/models, or /usr/local/share/ManyFaces/models as root)
  --from DIR            take models from DIR first, matched by SHA-256 (e.g. FaceFusion's .assets/models);
                        implies --models default unless --models is given
  --offline             with --from: never download
  --only ID[,ID...]     install only these models of the manifest (e.g. yunet_s_dynamic,yunet_2023mar)
  --link MODE           how --from files are placed: auto (hard link, else copy), copy, hardlink, symlink
  --accept-licences     accept the licences of non-commercial models (otherwise you are asked, or,
                        without a terminal, those models are skipped)
  --trust-unverified    also download models without a SHA-256 that two public sources agree on (they
                        cannot be checked; the SHA-256 of each is recorded in FILE.sha256)
  --manifest FILE       models manifest (default: models/manifest.json of this checkout, else the
                        bundle's Contents/Resources/models/manifest.json)
  --uninstall           remove exactly the files listed in the install record (models are kept)
  -h, --help            show this help

Re-running upgrades in place: the new bundle is assembled beside the old one and renamed over it, so
a running host keeps the files it has open until it restarts.

Environment: JAVA_HOME (the JDK whose jlink/jdeps/jmods are used), MANYFACES_JRE_CACHE (where built
runtimes are cached; default installer/target/jre-cache, or ~/.cache/ManyFaces/jre-cache when the
checkout is not writable).
EOF
}

die() {
    echo "install.sh: $*" >&2
    exit 1
}

info() {
    echo "==> $*"
}

PREFIX=""
PLUGIN_DIR=""
BIN_DIR=""
SRC_BUNDLE="$REPO_ROOT/plugin/target/$BUNDLE_NAME"
NO_BUILD=0
NO_JRE=0
NO_CDS=0
CUDA=auto
UNINSTALL=0
MODELS=""
FROM=""
OFFLINE=0
ONLY=""
LINK=""
ACCEPT=0
TRUST=0
MANIFEST=""

need_value() {
    [[ $# -ge 2 && -n "$2" ]] || die "option $1 needs a value (see --help)"
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --prefix) need_value "$@"; PREFIX="$2"; shift 2 ;;
        --plugin-dir) need_value "$@"; PLUGIN_DIR="$2"; shift 2 ;;
        --bin-dir) need_value "$@"; BIN_DIR="$2"; shift 2 ;;
        --bundle) need_value "$@"; SRC_BUNDLE="$2"; shift 2 ;;
        --no-build) NO_BUILD=1; shift ;;
        --no-jre) NO_JRE=1; shift ;;
        --no-cds) NO_CDS=1; shift ;;
        --with-cuda) CUDA=yes; shift ;;
        --no-cuda) CUDA=no; shift ;;
        --models) need_value "$@"; MODELS="$2"; shift 2 ;;
        --from) need_value "$@"; FROM="$2"; shift 2 ;;
        --only) need_value "$@"; ONLY="$2"; shift 2 ;;
        --offline) OFFLINE=1; shift ;;
        --link) need_value "$@"; LINK="$2"; shift 2 ;;
        --accept-licences | --accept-licenses) ACCEPT=1; shift ;;
        --trust-unverified) TRUST=1; shift ;;
        --manifest) need_value "$@"; MANIFEST="$2"; shift 2 ;;
        --uninstall) UNINSTALL=1; shift ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done

# Absolute paths, so the record and the launcher never depend on the current directory.
abspath() {
    local p="$1"
    [[ "$p" == /* ]] || p="$PWD/$p"
    # Normalise '.' and '..' without requiring the path to exist.
    local out=() part
    IFS='/' read -r -a parts <<<"$p"
    for part in "${parts[@]}"; do
        case "$part" in
            "" | .) ;;
            ..) [[ ${#out[@]} -gt 0 ]] && unset 'out[${#out[@]}-1]' ;;
            *) out+=("$part") ;;
        esac
    done
    local IFS='/'
    echo "/${out[*]}"
}

if [[ -n "$PREFIX" ]]; then
    PREFIX="$(abspath "$PREFIX")"
    : "${PLUGIN_DIR:=$PREFIX/OFX/Plugins}"
    : "${BIN_DIR:=$PREFIX/bin}"
elif [[ "$(id -u)" -eq 0 ]]; then
    : "${PLUGIN_DIR:=/usr/OFX/Plugins}"
    : "${BIN_DIR:=/usr/local/bin}"
else
    [[ -n "${HOME:-}" ]] || die "HOME is not set; use --prefix DIR"
    : "${PLUGIN_DIR:=$HOME/.local/share/ManyFaces/OFX/Plugins}"
    : "${BIN_DIR:=$HOME/.local/bin}"
fi
PLUGIN_DIR="$(abspath "$PLUGIN_DIR")"
BIN_DIR="$(abspath "$BIN_DIR")"
TARGET="$PLUGIN_DIR/$BUNDLE_NAME"
LAUNCHER="$BIN_DIR/manyfaces"
# The launcher quotes the bundle path in single quotes, and the record is line-based.
[[ "$TARGET$LAUNCHER" != *"'"* && "$TARGET$LAUNCHER" != *$'\n'* ]] \
    || die "install paths must not contain quotes or newlines: $TARGET, $LAUNCHER"

# ---------------------------------------------------------------------------------------------
# Uninstall: follow the record, nothing else.
# ---------------------------------------------------------------------------------------------

# Refuses record entries that could point anywhere unexpected (relative, '..', or empty).
check_record_path() {
    local p="$1"
    [[ "$p" == /* && "$p" != *"/../"* && "$p" != *"/.." && "$p" != "/" ]] \
        || die "install record $TARGET/$RECORD_REL has a suspicious entry '$p'; nothing more removed"
}

# Removes files ('f'), then directories ('d', deepest first, only when empty) listed in a record.
# $1: the record; $2: optional file of paths to keep (those of a newer record).
remove_recorded() {
    local record="$1" keep="${2:-}" kind path removed=0 kept=0
    local dirs=()
    while IFS=' ' read -r kind path; do
        [[ -n "$kind" && "$kind" != "#" ]] || continue
        check_record_path "$path"
        if [[ -n "$keep" ]] && grep -qxF "$path" "$keep"; then
            continue
        fi
        case "$kind" in
            f)
                if [[ -e "$path" || -L "$path" ]]; then
                    rm -f -- "$path"
                    removed=$((removed + 1))
                fi
                ;;
            d) dirs+=("$path") ;;
            *) die "install record $record has an unknown entry kind '$kind'" ;;
        esac
    done <"$record"
    # Deepest directories first; a directory that still holds files we did not install stays.
    local d
    while IFS= read -r d; do
        [[ -n "$d" ]] || continue
        if [[ -d "$d" ]]; then
            if rmdir -- "$d" 2>/dev/null; then
                removed=$((removed + 1))
            else
                echo "    kept $d: it holds files ManyFaces did not install" >&2
                kept=$((kept + 1))
            fi
        fi
    done < <(printf '%s\n' "${dirs[@]+"${dirs[@]}"}" | awk '{ print gsub("/", "/") "\t" $0 }' | sort -rn | cut -f2-)
    REMOVED_COUNT=$removed
}

if [[ $UNINSTALL -eq 1 ]]; then
    record="$TARGET/$RECORD_REL"
    [[ -f "$record" ]] || die "no ManyFaces install record at $record; nothing removed (use the same --prefix/--plugin-dir as for the install)"
    # The record lives inside the bundle, so read it from a copy while the bundle is removed.
    tmp_record="$(mktemp)"
    trap 'rm -f "$tmp_record"' EXIT
    cp -- "$record" "$tmp_record"
    info "Removing ManyFaces as recorded in $record"
    remove_recorded "$tmp_record"
    info "Removed $REMOVED_COUNT recorded files and folders."
    echo "    Models (if any were installed) are kept; delete their folder yourself if you want them gone."
    exit 0
fi

# ---------------------------------------------------------------------------------------------
# Install.
# ---------------------------------------------------------------------------------------------

if [[ ! -d "$SRC_BUNDLE" ]]; then
    [[ $NO_BUILD -eq 0 ]] || die "bundle $SRC_BUNDLE does not exist and --no-build was given"
    command -v mvn >/dev/null || die "bundle $SRC_BUNDLE does not exist and Maven (mvn) is not installed to build it"
    info "Building the bundle (mvn -B -q -DskipTests package in $REPO_ROOT)"
    (cd "$REPO_ROOT" && mvn -B -q -DskipTests package)
    [[ -d "$SRC_BUNDLE" ]] || die "the build finished but did not produce $SRC_BUNDLE"
fi
SRC_BUNDLE="$(cd "$SRC_BUNDLE" && pwd)"
[[ -f "$SRC_BUNDLE/Contents/Linux-x86-64/ManyFaces.ofx" ]] \
    || die "$SRC_BUNDLE is not a ManyFaces bundle: Contents/Linux-x86-64/ManyFaces.ofx is missing"
compgen -G "$SRC_BUNDLE/Contents/Resources/lib/*.jar" >/dev/null \
    || die "$SRC_BUNDLE has no jars in Contents/Resources/lib"
[[ "$TARGET" != "$SRC_BUNDLE" ]] || die "the bundle to install is already at $TARGET"

# Directories this install creates (recorded, so uninstall can remove them when empty).
CREATED_DIRS=()
make_dir() {
    local d="$1" missing=()
    while [[ ! -d "$d" ]]; do
        missing+=("$d")
        d="$(dirname "$d")"
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    mkdir -p -- "$1"
    CREATED_DIRS+=("${missing[@]}")
}

STAGE="$PLUGIN_DIR/.$BUNDLE_NAME.new.$$"
OLD="$PLUGIN_DIR/.$BUNDLE_NAME.old.$$"
PREVIOUS_RECORD=""
cleanup() {
    rm -rf -- "$STAGE"
    [[ -z "$PREVIOUS_RECORD" ]] || rm -f -- "$PREVIOUS_RECORD" "$PREVIOUS_RECORD.outside"
}
trap cleanup EXIT

# Directories an earlier install created are still ours: keep them in the record.
if [[ -f "$TARGET/$RECORD_REL" ]]; then
    PREVIOUS_RECORD="$(mktemp)"
    cp -- "$TARGET/$RECORD_REL" "$PREVIOUS_RECORD"
fi

# Leftovers of an earlier run that was killed (its process is gone): a staging copy, or an old bundle
# caught between the two renames. The latter still holds the previous record, which is needed to
# clean up after it when the bundle itself is missing.
for leftover in "$PLUGIN_DIR/.$BUNDLE_NAME.new."* "$PLUGIN_DIR/.$BUNDLE_NAME.old."*; do
    [[ -d "$leftover" ]] || continue
    pid="${leftover##*.}"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        die "another install.sh (pid $pid) is working in $PLUGIN_DIR; wait for it to finish"
    fi
    if [[ -z "$PREVIOUS_RECORD" && "$leftover" == *".old."* && -f "$leftover/$RECORD_REL" ]]; then
        PREVIOUS_RECORD="$(mktemp)"
        # Its entries name the bundle by its real path, as every record does.
        cp -- "$leftover/$RECORD_REL" "$PREVIOUS_RECORD"
    fi
    echo "    removing $leftover, left by an interrupted install"
    rm -rf -- "$leftover"
done

if [[ -n "$PREVIOUS_RECORD" ]]; then
    while IFS=' ' read -r kind path; do
        if [[ "$kind" == d && "$path" != "$TARGET" && "$path" != "$TARGET/"* ]]; then
            CREATED_DIRS+=("$path")
        fi
    done <"$PREVIOUS_RECORD"
fi

make_dir "$PLUGIN_DIR"

info "Staging $BUNDLE_NAME in $PLUGIN_DIR"
rm -rf -- "$STAGE"
cp -a -- "$SRC_BUNDLE" "$STAGE"
# A runtime or record copied from the source bundle is never trusted: both are made here.
rm -f -- "$STAGE/$RECORD_REL"

# ---- GPU providers -----------------------------------------------------------------------------

# ONNX Runtime's CUDA provider is most of the bundle (583 MB of 671 MB) and cannot run without an NVIDIA
# driver, so by default it is installed only where one is present. Without it the models run on the CPU
# and the plug-in says once why (CudaDiagnosis: "the CUDA provider library is not installed ...").
readonly GPU_PROVIDERS="libonnxruntime_providers_cuda.so libonnxruntime_providers_tensorrt.so"

# Prints where an NVIDIA driver was found (the kernel module's version file, or a loadable libcuda.so.1);
# fails when there is none.
nvidia_driver() {
    if [[ -r /proc/driver/nvidia/version ]]; then
        echo "/proc/driver/nvidia/version"
        return 0
    fi
    local lib d
    lib="$(ldconfig -p 2>/dev/null | awk '$1 == "libcuda.so.1" { print $NF; exit }')"
    if [[ -z "$lib" ]]; then
        # Not in the loader cache: the folders the loader also searches (LD_LIBRARY_PATH, WSL's driver folder).
        local IFS=:
        for d in ${LD_LIBRARY_PATH:-} /usr/lib/wsl/lib; do
            if [[ -n "$d" && -e "$d/libcuda.so.1" ]]; then lib="$d/libcuda.so.1"; break; fi
        done
    fi
    [[ -n "$lib" ]] || return 1
    echo "$lib"
}

case "$CUDA" in
    yes) keep_cuda=1; cuda_why="--with-cuda" ;;
    no) keep_cuda=0; cuda_why="--no-cuda" ;;
    *)
        if driver_at="$(nvidia_driver)"; then
            keep_cuda=1; cuda_why="an NVIDIA driver is present ($driver_at)"
        else
            keep_cuda=0; cuda_why="no NVIDIA driver found (no /proc/driver/nvidia/version, no loadable libcuda.so.1)"
        fi
        ;;
esac
if [[ $keep_cuda -eq 1 ]]; then
    info "CUDA provider kept: $cuda_why"
else
    left_out=0
    for lib in $GPU_PROVIDERS; do
        f="$STAGE/Contents/Resources/native/$lib"
        if [[ -e "$f" ]]; then
            left_out=$((left_out + $(stat -c %s -- "$f")))
            rm -f -- "$f"
        fi
    done
    info "CUDA provider left out: $cuda_why; models run on the CPU ($((left_out / 1000000)) MB saved; --with-cuda adds it)"
fi

# ---- Java runtime (jlink) --------------------------------------------------------------------

find_jdk_tool() {
    local tool="$1"
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/$tool" ]]; then
        echo "$JAVA_HOME/bin/$tool"
    elif command -v "$tool" >/dev/null; then
        command -v "$tool"
    else
        return 1
    fi
}

# Prints the modules the bundle's jars need. Modular jars (JavaCV's) declare modules we exclude on
# purpose (flycapture, tesseract, ...), which makes jdeps refuse them as modules; so only their
# classes are analysed, as on the class path, which is how the plugin loads them.
compute_modules() {
    local lib="$1" jdeps work jar d dirs=()
    jdeps="$(find_jdk_tool jdeps)" || return 1
    work="$(mktemp -d)"
    for jar in "$lib"/*.jar; do
        d="$work/$(basename "$jar" .jar)"
        mkdir -p "$d"
        if command -v unzip >/dev/null; then
            unzip -q -o "$jar" '*.class' -x '*module-info.class' 'META-INF/*' -d "$d" 2>/dev/null || true
        else
            (cd "$d" && jar xf "$jar") && rm -rf "$d/META-INF" && find "$d" -name module-info.class -delete
        fi
        [[ -z "$(find "$d" -name '*.class' -print -quit)" ]] || dirs+=("$d")
    done
    local mods=""
    if [[ ${#dirs[@]} -gt 0 ]]; then
        mods="$("$jdeps" -q --print-module-deps --ignore-missing-deps --multi-release "$JAVA_FEATURE" "${dirs[@]}")" \
            || { rm -rf "$work"; return 1; }
    fi
    rm -rf "$work"
    echo "${mods:-java.base}"
}

# The checkout's installer/target when it is writable (a developer), else the user's cache folder
# (installing from a read-only or root-owned checkout).
jre_cache_root() {
    if [[ -n "${MANYFACES_JRE_CACHE:-}" ]]; then
        echo "$MANYFACES_JRE_CACHE"
    elif mkdir -p "$REPO_ROOT/installer/target/jre-cache" 2>/dev/null && [[ -w "$REPO_ROOT/installer/target/jre-cache" ]]; then
        echo "$REPO_ROOT/installer/target/jre-cache"
    else
        echo "${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/ManyFaces/jre-cache"
    fi
}

build_runtime() {
    local dest="$1" jlink java_bin modules compress key cache
    jlink="$(find_jdk_tool jlink)" || die "jlink not found (install a JDK 17+, e.g. openjdk-17-jdk-headless, or set JAVA_HOME); or use --no-jre"
    java_bin="$(dirname "$jlink")/java"
    local jdk_home
    jdk_home="$(cd "$(dirname "$(readlink -f "$jlink")")/.." && pwd)"
    [[ -d "$jdk_home/jmods" ]] || die "$jdk_home has no jmods folder, which jlink needs (Debian/Ubuntu: apt-get install openjdk-17-jmods); or use --no-jre"
    JAVA_FEATURE="$("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')"
    [[ "${JAVA_FEATURE:-0}" -ge 17 ]] || die "the JDK at $jdk_home is Java ${JAVA_FEATURE:-?}; ManyFaces needs 17 or newer"

    if modules="$(compute_modules "$STAGE/Contents/Resources/lib")"; then
        info "jdeps: the jars need $modules"
    else
        modules="$FALLBACK_MODULES"
        echo "    jdeps failed; using the known module list $modules" >&2
    fi
    modules="$(printf '%s,%s\n' "$modules" "$EXTRA_MODULES" | tr ',' '\n' | sort -u | paste -sd, -)"

    # The option is spelled --compress=2 up to JDK 20 and --compress=zip-6 from JDK 21.
    if [[ "$JAVA_FEATURE" -ge 21 ]]; then compress="--compress=zip-6"; else compress="--compress=2"; fi
    local opts=(--add-modules "$modules" --strip-debug --no-header-files --no-man-pages "$compress")
    # A class-data-sharing archive makes the JVM start faster inside the host (measured here:
    # 0.3-0.5 s less for a small main class on a loaded 2-core machine), for about 11 MB.
    if [[ $NO_CDS -eq 0 ]] && "$jlink" --list-plugins 2>/dev/null | grep -q -- '--generate-cds-archive'; then
        opts+=(--generate-cds-archive)
    fi

    # Runtimes are cached by JDK build and options, so re-installs do not pay for jlink again.
    key="$( { "$java_bin" -version 2>&1; echo "${opts[*]}"; } | sha256sum | cut -c1-16)"
    cache="$(jre_cache_root)/jre-$key"
    if [[ -x "$cache/bin/java" ]]; then
        info "Using the cached runtime $cache"
    else
        info "Creating the Java runtime with jlink (${opts[*]})"
        mkdir -p "$(dirname "$cache")"
        rm -rf -- "$cache.tmp.$$"
        "$jlink" "${opts[@]}" --output "$cache.tmp.$$"
        # The second archive only serves heaps over 32 GB (no compressed oops); the shim's -Xmx is far
        # below that, and such a JVM still runs, just without sharing. Saves about 10 MB.
        rm -f -- "$cache.tmp.$$/lib/server/classes_nocoops.jsa"
        mv -T -- "$cache.tmp.$$" "$cache" 2>/dev/null || rm -rf -- "$cache.tmp.$$"
    fi
    cp -a -- "$cache" "$dest"
    "$dest/bin/java" -version >/dev/null 2>&1 || die "the runtime in $dest does not start"
    local bytes
    bytes="$(du -sb "$dest" | cut -f1)"
    info "Java runtime: $(du -sh "$dest" | cut -f1) ($bytes bytes), modules: $modules"
}

if [[ $NO_JRE -eq 1 ]]; then
    rm -rf -- "$STAGE/Contents/Resources/jre"
    info "No bundled runtime (--no-jre): the plugin will use MANYFACES_JAVA_HOME, JAVA_HOME or a system Java 17+"
else
    rm -rf -- "$STAGE/Contents/Resources/jre"
    build_runtime "$STAGE/Contents/Resources/jre"
fi

# ---- Launcher and record ---------------------------------------------------------------------

write_launcher() {
    cat <<EOF
#!/bin/sh
# ManyFaces command line, installed by installer/install.sh: runs $CLI_CLASS
# with the bundle's own runtime and class path.
RES='$TARGET/Contents/Resources'
if [ -x "\$RES/jre/bin/java" ]; then
    JAVA="\$RES/jre/bin/java"
elif [ -n "\$MANYFACES_JAVA_HOME" ]; then
    JAVA="\$MANYFACES_JAVA_HOME/bin/java"
elif [ -n "\$JAVA_HOME" ]; then
    JAVA="\$JAVA_HOME/bin/java"
else
    JAVA=java
fi
ORT_DISABLE_TELEMETRY=1
export ORT_DISABLE_TELEMETRY
exec "\$JAVA" -XX:-UsePerfData -Djava.io.tmpdir="\${TMPDIR:-/tmp}" \${HOME:+"-Duser.home=\$HOME"} \${MANYFACES_JAVA_OPTS:-} \\
    -Djna.boot.library.path="\$RES/native" -Djna.nounpack=true \\
    -Donnxruntime.native.path="\$RES/native" \\
    -Dorg.bytedeco.javacpp.platform.preloadpath="\$RES/native" -Dorg.bytedeco.javacpp.pathsFirst=true \\
    -Dorg.bytedeco.javacpp.cacheLibraries=false \\
    -cp "\$RES/lib/*" $CLI_CLASS "\$@"
EOF
}

# Every installed path, as it will be after the rename: files ('f') and directories ('d').
write_record() {
    echo "# ManyFaces install record, written by installer/install.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "# kind path   (f: file or link, d: directory removed when empty); uninstall removes exactly these"
    local rel
    (cd "$STAGE" && find . -mindepth 1 \( -type f -o -type l \) ! -path "./$RECORD_REL" -print | LC_ALL=C sort) |
        while IFS= read -r rel; do
        echo "f $TARGET/${rel#./}"
    done
    echo "f $TARGET/$RECORD_REL"
    echo "f $LAUNCHER"
    (cd "$STAGE" && find . -mindepth 1 -type d -print | LC_ALL=C sort) | while IFS= read -r rel; do
        echo "d $TARGET/${rel#./}"
    done
    echo "d $TARGET"
    local d
    for d in "${CREATED_DIRS[@]+"${CREATED_DIRS[@]}"}"; do
        echo "d $d"
    done | LC_ALL=C sort -u
}

make_dir "$BIN_DIR"
write_record >"$STAGE/$RECORD_REL"

# ---- Swap in the new bundle ------------------------------------------------------------------

# Two renames: the old bundle stays whole until the new one is complete, and a host that has the old
# files mapped keeps them (the inodes live on) until it restarts.
if [[ -e "$TARGET" ]]; then
    info "Upgrading the existing $TARGET"
    mv -T -- "$TARGET" "$OLD"
    mv -T -- "$STAGE" "$TARGET"
    rm -rf -- "$OLD"
else
    mv -T -- "$STAGE" "$TARGET"
fi

launcher_tmp="$BIN_DIR/.manyfaces.new.$$"
write_launcher >"$launcher_tmp"
chmod 755 "$launcher_tmp"
mv -f -- "$launcher_tmp" "$LAUNCHER"

# Files an earlier install put outside the bundle that this one no longer uses (another launcher place).
if [[ -n "$PREVIOUS_RECORD" ]]; then
    keep="$(mktemp)"
    sed -n 's/^[fd] //p' "$TARGET/$RECORD_REL" >"$keep"
    awk -v t="$TARGET" '{ p = substr($0, 3) } p != t && index(p, t "/") != 1' "$PREVIOUS_RECORD" \
        >"$PREVIOUS_RECORD.outside"
    remove_recorded "$PREVIOUS_RECORD.outside" "$keep"
    rm -f -- "$keep"
fi

info "Installed $TARGET: $(du -sh "$TARGET" | cut -f1) ($(du -sb "$TARGET" | cut -f1) bytes)"
info "Launcher $LAUNCHER (runs $CLI_CLASS)"
info "Install record $TARGET/$RECORD_REL ($(grep -c '^[fd] ' "$TARGET/$RECORD_REL") entries)"
if [[ "$PLUGIN_DIR" != "/usr/OFX/Plugins" ]]; then
    echo "    OFX hosts look in /usr/OFX/Plugins by default; for this folder add to your shell profile:"
    echo "    export OFX_PLUGIN_PATH=$PLUGIN_DIR\${OFX_PLUGIN_PATH:+:\$OFX_PLUGIN_PATH}"
fi
case ":${PATH:-}:" in
    *":$BIN_DIR:"*) ;;
    *) echo "    $BIN_DIR is not on PATH; add it to run 'manyfaces'" ;;
esac

# ---- Models ----------------------------------------------------------------------------------

if [[ -n "$FROM" && -z "$MODELS" ]]; then
    MODELS=default
fi
if [[ -n "$MODELS" ]]; then
    if [[ -z "$MANIFEST" ]]; then
        for candidate in "$REPO_ROOT/models/manifest.json" "$TARGET/Contents/Resources/models/manifest.json"; do
            if [[ -f "$candidate" ]]; then MANIFEST="$candidate"; break; fi
        done
        [[ -n "$MANIFEST" ]] || die "no models manifest found (models/manifest.json); pass --manifest FILE"
    fi
    if [[ "$MODELS" == default && "$(id -u)" -eq 0 && -z "${MANYFACES_MODELS:-}" ]]; then
        MODELS=/usr/local/share/ManyFaces/models
    fi
    java_cmd="$TARGET/Contents/Resources/jre/bin/java"
    [[ -x "$java_cmd" ]] || java_cmd="$(find_jdk_tool java)" || die "no Java runtime to run the model installer"
    args=(--manifest "$MANIFEST" --models "$MODELS")
    [[ -z "$FROM" ]] || args+=(--from "$FROM")
    [[ $OFFLINE -eq 0 ]] || args+=(--offline)
    [[ -z "$ONLY" ]] || args+=(--only "$ONLY")
    [[ -z "$LINK" ]] || args+=(--link "$LINK")
    [[ $ACCEPT -eq 0 ]] || args+=(--accept-licences)
    [[ $TRUST -eq 0 ]] || args+=(--trust-unverified)
    info "Installing models"
    "$java_cmd" -cp "$TARGET/Contents/Resources/lib/*" "$MODELS_CLASS" "${args[@]}"
fi
