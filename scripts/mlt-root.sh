#!/usr/bin/env bash
# A Debian unstable root with Debian's own `melt` (MLT, the engine of Kdenlive and Shotcut) in it, so that
# the ManyFaces bundle can be tested in an OFX host nobody on this project wrote (MltHostIT, .ci/run).
#
#   scripts/mlt-root.sh ensure            prints the root's path; builds it first when today's is missing
#   scripts/mlt-root.sh run ROOT CMD...   runs CMD inside ROOT (chroot) with its own /proc and /tmp
#
# The root is cached on this machine, keyed by date: $MANYFACES_MLT_CACHE/mlt-root-YYYYMMDD (default
# cache /var/tmp/manyfaces-ci). Roots of earlier days are deleted when a new one is built, so a machine
# holds one root (about 1.5 GB) and picks up unstable's current melt once a day.
#
# Mounts: every mount this script needs (debootstrap's own /proc and /sys, the /proc apt-get needs, the
# /proc and /tmp of a render) is made inside a private mount namespace (unshare --mount), so the kernel
# drops it when the command ends, whatever way it ends (error, Ctrl-C, SIGKILL). Nothing is ever left
# mounted inside a cached root, and deleting a root (with --one-file-system) cannot reach the host.
#
# The Debian mirror is the one this machine's apt sources already name (/etc/apt/sources.list, *.list and
# deb822 *.sources); MANYFACES_DEBIAN_MIRROR overrides it, for machines whose sources are not Debian's.
# The mirror's Release file may be past its Valid-Until date (snapshot mirrors), hence
# Acquire::Check-Valid-Until=false inside the root.
set -euo pipefail

# debootstrap and chroot live in /usr/sbin, which a user's PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

readonly CACHE="${MANYFACES_MLT_CACHE:-/var/tmp/manyfaces-ci}"
readonly MARKER=".manyfaces-mlt-root"
readonly PACKAGES="melt libmlt-data"

die() {
    echo "mlt-root.sh: $*" >&2
    exit 1
}

usage() {
    sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# Chroot, mounts and debootstrap need root; become root through sudo when it asks no password.
as_root() {
    if [[ "$(id -u)" -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "needs root (chroot, mount namespaces, debootstrap) and sudo is missing"
        exec sudo -n -E "${BASH_SOURCE[0]}" "$@"
    fi
}

# The first Debian archive URI of this machine's apt sources (not the security archive, which has no sid).
apt_mirror() {
    if [[ -n "${MANYFACES_DEBIAN_MIRROR:-}" ]]; then
        echo "$MANYFACES_DEBIAN_MIRROR"
        return
    fi
    local files=() f
    [[ -f /etc/apt/sources.list ]] && files+=(/etc/apt/sources.list)
    for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [[ -f "$f" ]] && files+=("$f")
    done
    [[ ${#files[@]} -gt 0 ]] || die "no apt sources on this machine; set MANYFACES_DEBIAN_MIRROR"
    # One-line entries: 'deb [options] URI suite ...'. deb822 stanzas: 'Types:', 'URIs:', 'Suites:' per
    # paragraph. A URI counts when its entry is a binary 'deb' one and no suite of it is a security suite.
    awk '
        function consider(types, uris, suites,   n, i, u) {
            if (found || types !~ /(^|[ \t])deb([ \t]|$)/ || suites ~ /security/ || uris == "") return
            n = split(uris, u, /[ \t]+/)
            for (i = 1; i <= n; i++) if (u[i] ~ /^https?:\/\//) { print u[i]; found = 1; exit }
        }
        FILENAME ~ /\.sources$/ {
            if ($0 ~ /^[ \t]*$/) { consider(t, u, s); t = u = s = ""; next }
            if (tolower($1) == "types:") { $1 = ""; t = $0 }
            else if (tolower($1) == "uris:") { $1 = ""; u = $0 }
            else if (tolower($1) == "suites:") { $1 = ""; s = $0 }
            next
        }
        FILENAME != last { consider(t, u, s); t = u = s = ""; last = FILENAME }
        /^[ \t]*deb[ \t]/ {
            line = $0; sub(/\[[^]]*\]/, "", line); split(line, w, /[ \t]+/)
            consider("deb", w[2], w[3])
        }
        END { consider(t, u, s) }
    ' "${files[@]}"
}

# Mount points at or below $1 in this (the caller's) mount namespace.
mounts_under() {
    awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo
}

# Deletes a root or a half-built one; refuses if anything is mounted inside it (it would be someone
# else's mount in the host namespace, not ours), and never crosses into another file system.
remove_root() {
    local dir="$1"
    if [[ -n "$(mounts_under "$dir")" ]]; then
        echo "mlt-root.sh: kept $dir: something is mounted inside it:" $(mounts_under "$dir") >&2
        return 0
    fi
    rm -rf --one-file-system -- "$dir"
}

# Seconds, one decimal, between two `date +%s%N` readings.
seconds() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'
}

build_root() {
    local final="$1" partial="$2" mirror
    mirror="$(apt_mirror)"
    [[ -n "$mirror" ]] || die "no Debian mirror in this machine's apt sources; set MANYFACES_DEBIAN_MIRROR"
    command -v debootstrap >/dev/null 2>&1 || die "debootstrap is missing (apt-get install debootstrap)"
    command -v unshare >/dev/null 2>&1 || die "unshare (util-linux) is missing"

    # From here on an interrupted build leaves nothing: the partial root is deleted on every exit path.
    trap 'rm -f -- "$partial.log"; remove_root "$partial"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    local t0 t1 t2
    t0=$(date +%s%N)
    local from="this machine's apt sources"
    [[ -z "${MANYFACES_DEBIAN_MIRROR:-}" ]] || from="MANYFACES_DEBIAN_MIRROR"
    echo "==> debootstrap --variant=minbase sid (mirror from $from)" >&2
    # debootstrap mounts /proc and /sys in the target itself; inside the namespace those go away with it.
    unshare --mount --fork -- debootstrap --variant=minbase sid "$partial" "$mirror" >"$partial.log" 2>&1 \
        || { tail -20 "$partial.log" >&2; die "debootstrap failed"; }
    rm -f -- "$partial.log"
    t1=$(date +%s%N)
    echo "==> apt-get install $PACKAGES (inside the root)" >&2
    unshare --mount --fork -- /bin/sh -c '
        root="$1"; shift
        mount -t proc proc "$root/proc"
        exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
            /bin/sh -c "apt-get -q -o Acquire::Check-Valid-Until=false update \
                && apt-get install -q -y --no-install-recommends $* \
                && apt-get clean && rm -rf /var/lib/apt/lists/*"
    ' sh "$partial" $PACKAGES >&2 || die "installing $PACKAGES in the root failed"
    t2=$(date +%s%N)
    local version
    version="$(chroot "$partial" /usr/bin/melt -version 2>/dev/null | head -1)"
    [[ "$version" == melt* ]] || die "melt does not start in the new root"
    {
        echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "melt=$version"
        echo "debootstrap_s=$(seconds "$t0" "$t1")"
        echo "melt_install_s=$(seconds "$t1" "$t2")"
        echo "size_mb=$(du -sxm "$partial" | cut -f1)"
    } >"$partial/$MARKER"
    mv -T -- "$partial" "$final"
    trap - EXIT INT TERM
    echo "==> built $final: $(tr '\n' ' ' <"$final/$MARKER")" >&2
}

cmd_ensure() {
    mkdir -p "$CACHE"
    local final="$CACHE/mlt-root-$(date +%Y%m%d)"
    # One builder at a time; a second caller waits, then finds the root ready.
    exec 9>"$CACHE/.lock"
    flock 9
    if [[ ! -f "$final/$MARKER" ]]; then
        [[ ! -e "$final" ]] || remove_root "$final"
        local old
        # Earlier days' roots, and half-built roots (only ever made under this lock, so stale).
        for old in "$CACHE"/mlt-root-* "$CACHE"/.mlt-root-*; do
            [[ -e "$old" && "$old" != "$final" ]] || continue
            echo "==> removing $old" >&2
            remove_root "$old"
        done
        build_root "$final" "$CACHE/.mlt-root-$(date +%Y%m%d).partial.$$"
    fi
    echo "$final"
}

cmd_run() {
    [[ $# -ge 2 ]] || die "usage: mlt-root.sh run ROOT CMD..."
    local root="$1"
    shift
    [[ -f "$root/$MARKER" ]] || die "$root is not a root made by this script"
    # A private /proc, and a /tmp of its own so a render leaves nothing in the cached root; --pid with
    # --kill-child ends every process of the command when this one is stopped.
    exec unshare --mount --pid --fork --kill-child --mount-proc="$root/proc" -- /bin/sh -c '
        root="$1"; shift
        mount -t tmpfs -o size=2g,mode=1777 tmpfs "$root/tmp"
        exec chroot "$root" "$@"
    ' sh "$root" "$@"
}

case "${1:-}" in
    ensure) as_root "$@"; shift; cmd_ensure "$@" ;;
    run) as_root "$@"; shift; cmd_run "$@" ;;
    -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
esac
