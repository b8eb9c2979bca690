# Sourced by the benches that drive the OFX test host: where the host, the bundle and the shared files are.
# MEDIA and MODELS override the shared folders.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
host="$root/bridge-native/target/ofx-testhost"
bundle="$root/plugin/target/ManyFaces.ofx.bundle"
media="${MEDIA:-$root/../shared/media}"
models="${MODELS:-$root/../shared/models}"
