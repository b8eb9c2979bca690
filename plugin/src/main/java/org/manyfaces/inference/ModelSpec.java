package org.manyfaces.inference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One model entry of {@code models/manifest.json}: where the file comes from, how to check it, its
 * licence, its I/O contract and how its pixels are prepared.
 *
 * @param id            stable id used by presets and the CLI ("inswapper_128")
 * @param kind          pipeline role
 * @param family        decoder/adapter family ("yunet", "scrfd", "retinaface", "inswapper", "arcface", ...)
 * @param file          file name looked up in the model folders (same names as FaceFusion's .assets/models)
 * @param size          file size in bytes, or null when not known for certain (single-release form)
 * @param sha256        lower-case hex SHA-256, or null when not known for certain (then {@code verified} is false)
 * @param verified      true only when size and sha256 were checked against the real file (single-release form)
 * @param releases      the accepted files when there is more than one way to have the model (FaceFusion's
 *                      re-export and the upstream original, say), each with its size, SHA-256 and the public
 *                      sources that state them; null or empty for the single-release form above. An entry has
 *                      one form or the other: with releases, the top-level size, sha256 and verified stay unset
 * @param urls          download URLs, best first
 * @param licence       licence of the weights
 * @param inputs        expected inputs (name, element type, shape; -1 = dynamic)
 * @param outputs       expected outputs
 * @param colourOrder   channel order the model wants: "RGB", "BGR" or "GRAY"
 * @param normalisation how 0..255 pixels become model input
 * @param cropSize      aligned crop size in pixels for face models, or null
 * @param template      alignment template name (arcface_112_v2, arcface_128, ffhq_512 ...), or null
 * @param extras        model-specific facts (e.g. {@code emapFromLastInitializer: true})
 * @param notes         free text: provenance, caveats
 */
public record ModelSpec(String id, ModelKind kind, String family, String file, Long size, String sha256,
                        Boolean verified, List<Release> releases, List<String> urls, Licence licence, List<TensorEntry> inputs,
                        List<TensorEntry> outputs, String colourOrder, Normalisation normalisation,
                        Integer cropSize, String template, Map<String, Object> extras, String notes) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.\\-]*");

    /**
     * One accepted file of a model: {@code {"origin": "FaceFusion re-export", "size": 555303150, "sha256": "...",
     * "verified": true, "sources": ["owner/repo path", ...]}}.
     *
     * @param origin   who publishes this file
     * @param size     its size in bytes, or null when no source states it
     * @param sha256   lower-case hex SHA-256 (required: a release is known by its hash)
     * @param verified true only when at least two independent public sources state this SHA-256; one source
     *                 leaves it false (the file is recognised, but a download of it is not trusted by default)
     * @param sources  where the hash (and size) are published, one line each
     */
    public record Release(String origin, Long size, String sha256, Boolean verified, List<String> sources) {
        public boolean isVerified() {
            return Boolean.TRUE.equals(verified);
        }

        /** Whether a file of this length could be this release. */
        public boolean acceptsSize(long length) {
            return size == null || size == length;
        }
    }

    /**
     * Licence of the model weights.
     *
     * @param id            SPDX-like id ("MIT", "Apache-2.0", "LicenseRef-InsightFace-NonCommercial")
     * @param name          human-readable name
     * @param commercialUse whether commercial use is allowed
     * @param url           where the licence terms are stated
     */
    public record Licence(String id, String name, Boolean commercialUse, String url) {
    }

    /** An expected tensor in the manifest: {@code {"name": "input", "type": "float", "shape": [1,3,640,640]}}. */
    public record TensorEntry(String name, String type, List<Long> shape) {
        ModelContract.Tensor toContract() {
            long[] s = null;
            if (shape != null) {
                s = new long[shape.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = shape.get(i);
                }
            }
            return new ModelContract.Tensor(name, elementType(), s);
        }

        ElementType elementType() {
            if (type == null) {
                return null;
            }
            try {
                return ElementType.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return ElementType.UNDEFINED;
            }
        }
    }

    /**
     * Pixel normalisation on the 0..255 scale: {@code (pixel - mean) / std} per channel (in the model's
     * colour order), or a linear {@code range} [lo, hi] that 0..255 maps onto.
     */
    public record Normalisation(double[] mean, double[] std, double[] range) {
        /** Mean for channel {@code c} (range form converted). */
        public double meanOf(int c) {
            if (range != null) {
                return -range[0] * 255.0 / (range[1] - range[0]);
            }
            return mean.length == 1 ? mean[0] : mean[c];
        }

        /** Std for channel {@code c} (range form converted). */
        public double stdOf(int c) {
            if (range != null) {
                return 255.0 / (range[1] - range[0]);
            }
            return std.length == 1 ? std[0] : std[c];
        }
    }

    /** The I/O contract to check a session against. */
    public ModelContract contract() {
        List<ModelContract.Tensor> in = new ArrayList<>();
        for (TensorEntry t : inputs) {
            in.add(t.toContract());
        }
        List<ModelContract.Tensor> out = new ArrayList<>();
        for (TensorEntry t : outputs) {
            out.add(t.toContract());
        }
        return new ModelContract(in, out);
    }

    /** True when the single-release size and SHA-256 were checked against the real file (see {@code verified}). */
    public boolean isVerified() {
        return Boolean.TRUE.equals(verified);
    }

    /**
     * The files accepted as this model, in order (the first is the primary one, the file the manifest's URLs
     * serve): the {@code releases}, or the
     * single-release form's size and hash as one release of origin "manifest"; empty when nothing is known.
     */
    public List<Release> accepted() {
        if (releases != null && !releases.isEmpty()) {
            return releases;
        }
        if (size == null && sha256 == null) {
            return List.of();
        }
        return List.of(new Release("manifest", size, sha256, isVerified(), List.of()));
    }

    /** The SHA-256 of every accepted file. */
    public List<String> acceptedHashes() {
        return accepted().stream().map(Release::sha256).filter(h -> h != null).toList();
    }

    /** The accepted release with this SHA-256 (and a fitting size), if any. */
    public Optional<Release> releaseFor(String sha256Hex, long length) {
        return accepted().stream().filter(r -> r.sha256() != null && r.sha256().equals(sha256Hex)
                && r.acceptsSize(length)).findFirst();
    }

    /** The primary file's SHA-256 (the first accepted release that has one), or null. */
    public String primarySha256() {
        List<String> h = acceptedHashes();
        return h.isEmpty() ? null : h.get(0);
    }

    /** The SHA-256 when exactly one file is accepted, else null (a preset cannot say which build then). */
    public String soleSha256() {
        List<String> h = acceptedHashes();
        return h.size() == 1 ? h.get(0) : null;
    }

    /**
     * True when some accepted file has a SHA-256 that can be trusted for a download: checked here against the
     * real file, or stated by at least two independent public sources.
     */
    public boolean hasConfirmedHash() {
        return accepted().stream().anyMatch(r -> r.sha256() != null && r.isVerified());
    }

    /** True when the primary file (the one the URLs serve) has a confirmed SHA-256, so a plain fetch can check it. */
    public boolean primaryConfirmed() {
        List<Release> a = accepted();
        return !a.isEmpty() && a.get(0).sha256() != null && a.get(0).isVerified();
    }

    /** A flag from {@code extras} ({@code false} when absent). */
    public boolean extraFlag(String key) {
        return extras != null && Boolean.TRUE.equals(extras.get(key));
    }

    /** Problems that make this entry unusable; empty when it is well-formed. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        String who = "model '" + id + "'";
        if (id == null || !ID.matcher(id).matches()) {
            p.add("entry with id '" + id + "': id must be lower-case letters, digits, '_', '-' or '.'");
        }
        if (kind == null) {
            p.add(who + ": kind missing or not one of detector, recognizer, swapper, translator, enhancer, mask, landmarker");
        }
        if (family == null || family.isBlank()) {
            p.add(who + ": family missing");
        }
        if (file == null || !file.endsWith(".onnx") || file.contains("/") || file.contains("\\")) {
            p.add(who + ": file must be a bare *.onnx file name, got '" + file + "'");
        }
        if (size != null && size <= 0) {
            p.add(who + ": size must be positive, got " + size);
        }
        if (sha256 != null && !HEX64.matcher(sha256).matches()) {
            p.add(who + ": sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
        if (releases != null && !releases.isEmpty()) {
            if (size != null || sha256 != null || verified != null) {
                p.add(who + ": with 'releases', size, sha256 and verified belong to each release, not to the entry");
            }
            checkReleases(who, p);
        } else if (verified == null) {
            p.add(who + ": 'verified' must be true or false");
        } else if (verified && (sha256 == null || size == null)) {
            p.add(who + ": verified entries need both size and sha256");
        }
        if (urls == null || urls.isEmpty()) {
            p.add(who + ": no download URLs");
        } else {
            for (String u : urls) {
                if (u == null || !u.startsWith("https://")) {
                    p.add(who + ": download URL must be https, got '" + u + "'");
                }
            }
        }
        if (licence == null) {
            p.add(who + ": licence missing");
        } else {
            if (licence.id() == null || licence.id().isBlank() || licence.name() == null || licence.name().isBlank()) {
                p.add(who + ": licence needs an id and a name");
            }
            if (licence.commercialUse() == null) {
                p.add(who + ": licence must say whether commercial use is allowed");
            }
            if (licence.url() == null || !licence.url().startsWith("https://")) {
                p.add(who + ": licence URL must be https, got '" + licence.url() + "'");
            }
        }
        checkTensors(who, "inputs", inputs, p);
        checkTensors(who, "outputs", outputs, p);
        if (colourOrder == null || !List.of("RGB", "BGR", "GRAY").contains(colourOrder)) {
            p.add(who + ": colourOrder must be RGB, BGR or GRAY, got '" + colourOrder + "'");
        }
        if (normalisation == null) {
            p.add(who + ": normalisation missing");
        } else if (normalisation.range() != null) {
            double[] r = normalisation.range();
            if (r.length != 2 || r[0] == r[1] || normalisation.mean() != null || normalisation.std() != null) {
                p.add(who + ": normalisation range must be [lo, hi] with lo != hi and no mean/std beside it");
            }
        } else {
            double[] m = normalisation.mean();
            double[] s = normalisation.std();
            if (m == null || s == null || (m.length != 1 && m.length != 3) || (s.length != 1 && s.length != 3)) {
                p.add(who + ": normalisation needs mean and std with 1 or 3 values each (or a range)");
            } else {
                for (double v : s) {
                    if (!(v > 0)) {
                        p.add(who + ": normalisation std must be > 0");
                        break;
                    }
                }
            }
        }
        if (cropSize != null && cropSize <= 0) {
            p.add(who + ": cropSize must be positive");
        }
        if ((kind == ModelKind.SWAPPER || kind == ModelKind.RECOGNIZER) && (cropSize == null || template == null)) {
            p.add(who + ": swappers and recognizers need cropSize and template");
        }
        return p;
    }

    private void checkReleases(String who, List<String> p) {
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < releases.size(); i++) {
            Release r = releases.get(i);
            String where = who + ": releases[" + i + "]";
            if (r == null) {
                p.add(where + " is null");
                continue;
            }
            if (r.origin() == null || r.origin().isBlank()) {
                p.add(where + ": origin missing (who publishes this file)");
            }
            if (r.size() != null && r.size() <= 0) {
                p.add(where + ": size must be positive, got " + r.size());
            }
            if (r.sha256() == null || !HEX64.matcher(r.sha256()).matches()) {
                p.add(where + ": sha256 must be 64 lower-case hex digits, got '" + r.sha256() + "'");
            } else if (!hashes.add(r.sha256())) {
                p.add(where + ": sha256 " + r.sha256() + " is listed twice");
            }
            List<String> src = r.sources() == null ? List.of()
                    : r.sources().stream().filter(x -> x != null && !x.isBlank()).distinct().toList();
            if (src.isEmpty()) {
                p.add(where + ": no sources (where the hash is published)");
            }
            if (r.verified() == null) {
                p.add(where + ": 'verified' must be true or false");
            } else if (r.verified() && src.size() < 2) {
                p.add(where + ": verified needs at least two independent sources stating the hash, found "
                        + src.size());
            }
        }
    }

    private static void checkTensors(String who, String what, List<TensorEntry> list, List<String> p) {
        if (list == null || list.isEmpty()) {
            p.add(who + ": " + what + " missing");
            return;
        }
        for (TensorEntry t : list) {
            if (t.elementType() == ElementType.UNDEFINED) {
                p.add(who + ": " + what + " entry '" + t.name() + "' has unknown type '" + t.type() + "'");
            }
            if (t.shape() != null) {
                for (Long d : t.shape()) {
                    if (d == null || d < -1 || d == 0) {
                        p.add(who + ": " + what + " entry '" + t.name() + "' has a bad dimension " + d
                                + " (use -1 for dynamic)");
                        break;
                    }
                }
            }
        }
    }
}
