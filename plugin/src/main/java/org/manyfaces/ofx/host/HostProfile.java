package org.manyfaces.ofx.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.manyfaces.effect.HostCapabilities;
import org.manyfaces.ofx.jna.HostApi;
import org.manyfaces.ofx.jna.NativeName;
import org.manyfaces.ofx.jna.Scratch;

/**
 * What one host says it supports, read once when the host is handed over ({@code setHost}): its name and
 * version, the image-effect capabilities of its descriptor, and which suites it gives in which versions.
 * Effect code sees the OFX-free part, {@link HostCapabilities}; nothing else in ManyFaces reads host
 * properties to guess a capability.
 *
 * <p>Where the host says nothing (a property it does not define, a suite it does not give), the profile
 * assumes the least: no temporal clip access, no multi-resolution, no tiles, one CPU. The OFX spec's own
 * defaults are more generous (multi-resolution 1), but a host that stays silent is usually one that
 * implements little, and a missing feature that is assumed present fails frames.
 */
final class HostProfile {
    /** The suites worth knowing about, each with the versions ManyFaces can use or report. */
    private static final Map<String, List<Integer>> KNOWN_SUITES = knownSuites();

    private final HostCapabilities capabilities;
    private final Map<String, Integer> suites;
    /**
     * Set once a {@link HostSourceClip} saw two different images at two times: the host really gives other
     * frames, learnt once per process, so later instances (one per frame on some hosts) need not look again.
     * Only this answer is kept process-wide: the same image at two times may just be a still clip.
     */
    private volatile boolean givesOtherFrames;
    private volatile boolean saidSameFrame;

    HostProfile(HostCapabilities capabilities, Map<String, Integer> suites) {
        this.capabilities = capabilities;
        this.suites = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(suites));
    }

    private static Map<String, List<Integer>> knownSuites() {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        m.put("OfxPropertySuite", List.of(1));
        m.put("OfxImageEffectSuite", List.of(1));
        m.put("OfxParameterSuite", List.of(1));
        m.put("OfxMemorySuite", List.of(1));
        m.put("OfxMultiThreadSuite", List.of(1));
        m.put("OfxMessageSuite", List.of(2, 1));
        m.put("OfxProgressSuite", List.of(2, 1));
        m.put("OfxTimeLineSuite", List.of(1));
        m.put("OfxParametricParameterSuite", List.of(1));
        m.put("OfxInteractSuite", List.of(1));
        return m;
    }

    /** Reads the profile of the host whose suites are {@code s}. */
    static HostProfile read(HostApi host, PropertySet hostProps, HostSuites s) {
        Map<String, Integer> given = new LinkedHashMap<>();
        KNOWN_SUITES.forEach((name, versions) -> {
            for (int v : versions) {
                if (host.fetchSuite(name, v) != 0) {
                    given.put(name, v);
                    break;
                }
            }
        });
        int cpus = 1;
        if (s.threads != null) {
            Scratch sc = Scratch.get();
            if (s.threads.numCPUs(sc) == OfxStatus.OK && sc.getInt(0) > 0) {
                cpus = sc.getInt(0);
            }
        }
        HostCapabilities c = new HostCapabilities(
                hostProps.getStringOr(OfxNames.PROP_NAME, 0, "unknown host"),
                version(hostProps),
                flag(hostProps, OfxNames.TEMPORAL_CLIP_ACCESS),
                flag(hostProps, OfxNames.SUPPORTS_MULTI_RESOLUTION),
                flag(hostProps, OfxNames.SUPPORTS_TILES),
                flag(hostProps, OfxNames.MULTIPLE_CLIP_DEPTHS),
                hostProps.getIntOr(OfxNames.SEQUENTIAL_RENDER, 0, 0),
                cpus);
        return new HostProfile(c, given);
    }

    /** 1 means yes; anything else, and no answer at all, means no. */
    private static boolean flag(PropertySet p, NativeName name) {
        return p.getIntOr(name, 0, 0) == 1;
    }

    /** The version label, else the dotted version numbers, else empty. */
    private static String version(PropertySet p) {
        String label = p.getStringOr(OfxNames.PROP_VERSION_LABEL, 0, "");
        if (!label.isBlank()) {
            return label.strip();
        }
        StringBuilder dotted = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int part = p.getIntOr(OfxNames.PROP_VERSION, i, -1);
            if (part < 0) {
                break;
            }
            dotted.append(i == 0 ? "" : ".").append(part);
        }
        return dotted.toString();
    }

    HostCapabilities capabilities() {
        return capabilities;
    }

    /** The version of suite {@code name} the host gives, 0 when it gives none. */
    int suiteVersion(String name) {
        return suites.getOrDefault(name, 0);
    }

    /** Whether a clip of this host has already been seen giving different images at different times. */
    boolean knownToGiveOtherFrames() {
        return givesOtherFrames;
    }

    /** What a {@link HostSourceClip} found: different images at two times ({@code true}), or one image. */
    void rememberProbe(boolean distinct) {
        if (distinct) {
            givesOtherFrames = true;
        } else if (!saidSameFrame) {
            saidSameFrame = true;
            PluginLog.get().warning("host " + capabilities.label() + " declares temporal clip access but gave one and "
                    + "the same image at two times (it ignores the time, or the clip is a still): other frames are not "
                    + "used for that clip");
        }
    }

    /** One line for the log: everything the profile holds. */
    String describe() {
        HostCapabilities c = capabilities;
        return "host " + c.label() + ": temporal clip access " + yes(c.temporalClipAccess()) + ", multi-resolution "
                + yes(c.multiResolution()) + ", tiles " + yes(c.tiles()) + ", multiple clip depths "
                + yes(c.multipleClipDepths()) + ", sequential render " + c.sequentialRender() + ", " + c.cpus()
                + " CPU(s); suites " + suites.entrySet().stream().map(e -> e.getKey() + " V" + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
