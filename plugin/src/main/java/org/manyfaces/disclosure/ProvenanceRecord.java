package org.manyfaces.disclosure;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import org.manyfaces.inference.FileDigests;

/**
 * What ManyFaces did to a piece of media, written next to it (a {@code .manyfaces.json} side-car) and,
 * as {@link #summary()}, into the container's metadata.
 *
 * <p>Serialised with Gson; {@link #fromJson} validates what it reads, so a hand-edited or truncated
 * record is reported, not half-loaded.
 *
 * @param schema           record format version ({@link #SCHEMA})
 * @param manyfacesVersion ManyFaces version that made the output
 * @param createdAt        when, ISO-8601 UTC (e.g. {@code 2026-11-25T21:40:00Z})
 * @param effectId         OFX plugin id of the effect, e.g. {@code org.manyfaces.FaceSwap}
 * @param inputs           input files (source video, reference face, ...) with their SHA-256
 * @param models           models the effect ran, with their SHA-256
 * @param parameters       effect parameters and keys (names to values as text), sorted by name
 * @param watermark        the invisible watermark written into the frames
 * @param visibleLabel     whether the visible "AI-modified" label was drawn
 */
public record ProvenanceRecord(int schema, String manyfacesVersion, String createdAt, String effectId,
                               List<FileHash> inputs, List<FileHash> models, Map<String, String> parameters,
                               WatermarkInfo watermark, boolean visibleLabel) {

    /** Current record format. */
    public static final int SCHEMA = 1;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /**
     * A file (or model) and its SHA-256.
     *
     * @param name   file name or model name (no directories needed)
     * @param sha256 64 lower-case hex digits
     */
    public record FileHash(String name, String sha256) {
        public FileHash {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("file name must not be empty");
            }
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 of " + name + " must be 64 lower-case hex digits, got " + sha256);
            }
        }

        /** Hashes a file on disk (streamed; any size). */
        public static FileHash of(Path file) throws IOException {
            return new FileHash(file.getFileName().toString(), ProvenanceRecord.sha256(file));
        }
    }

    /**
     * The invisible watermark as written.
     *
     * @param enabled  false when the user turned the watermark off
     * @param keyId    first 16 hex digits of the SHA-256 of the watermark key (the key itself is not stored)
     * @param payload  the 32 payload bits as 8 hex digits ({@link Payload#toBits()}), null when disabled
     * @param strength chip amplitude (0..1 units)
     */
    public record WatermarkInfo(boolean enabled, String keyId, String payload, double strength) {
        public WatermarkInfo {
            if (enabled && (payload == null || !payload.matches("[0-9a-f]{8}"))) {
                throw new IllegalArgumentException("an enabled watermark needs its payload as 8 hex digits, got " + payload);
            }
        }

        /** The watermark written with {@code key} and {@code payload}. */
        public static WatermarkInfo on(String key, Payload payload, double strength) {
            return new WatermarkInfo(true, ProvenanceRecord.keyId(key), String.format("%08x", payload.toBits()), strength);
        }

        /** No watermark. */
        public static WatermarkInfo off() {
            return new WatermarkInfo(false, null, null, 0);
        }

        /** The decoded payload, or null when disabled. */
        public Payload decodedPayload() {
            return payload == null ? null : Payload.fromBits(Integer.parseUnsignedInt(payload, 16));
        }
    }

    public ProvenanceRecord {
        if (schema != SCHEMA) {
            throw new IllegalArgumentException("unsupported provenance schema " + schema + " (this ManyFaces reads " + SCHEMA + ")");
        }
        requireText("manyfacesVersion", manyfacesVersion);
        requireText("effectId", effectId);
        requireText("createdAt", createdAt);
        try {
            Instant.parse(createdAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("createdAt must be an ISO-8601 instant such as 2026-11-25T21:40:00Z, got " + createdAt, e);
        }
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(parameters, "parameters")));
        Objects.requireNonNull(watermark, "watermark");
    }

    /** A record stamped now. */
    public static ProvenanceRecord create(String manyfacesVersion, String effectId, List<FileHash> inputs,
                                          List<FileHash> models, Map<String, String> parameters,
                                          WatermarkInfo watermark, boolean visibleLabel) {
        return new ProvenanceRecord(SCHEMA, manyfacesVersion, Instant.now().with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0).toString(),
                effectId, inputs, models, parameters, watermark, visibleLabel);
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        return GSON.toJson(this);
    }

    /** Parses and validates a record written by {@link #toJson()}. */
    public static ProvenanceRecord fromJson(String json) {
        Objects.requireNonNull(json, "json");
        ProvenanceRecord r;
        try {
            r = GSON.fromJson(json, ProvenanceRecord.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a ManyFaces provenance record: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Gson wraps what the record constructors reject; report the validation message itself
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException iae) {
                    throw new IllegalArgumentException("invalid ManyFaces provenance record: " + iae.getMessage(), iae);
                }
            }
            throw new IllegalArgumentException("not a ManyFaces provenance record: " + e.getMessage(), e);
        }
        if (r == null) {
            throw new IllegalArgumentException("not a ManyFaces provenance record: empty input");
        }
        return r;
    }

    /**
     * One line for container metadata (e.g. the MP4 {@code comment} tag), e.g.
     * {@code ManyFaces 0.1.0 | org.manyfaces.FaceSwap | models inswapper_128.onnx@8a3f1c2d | watermark 4d01ab12 | label on | 2026-11-25T21:40:00Z}.
     */
    public String summary() {
        String m = models.isEmpty() ? "none"
                : models.stream().map(f -> f.name() + "@" + f.sha256().substring(0, 8)).collect(Collectors.joining(","));
        String wm = watermark.enabled() ? watermark.payload() : "off";
        return "ManyFaces " + manyfacesVersion + " | " + effectId + " | models " + m + " | watermark " + wm
                + " | label " + (visibleLabel ? "on" : "off") + " | " + createdAt;
    }

    /** SHA-256 of a file as 64 lower-case hex digits. */
    public static String sha256(Path file) throws IOException {
        return FileDigests.sha256Uncached(file);
    }

    /** First 16 hex digits of the SHA-256 of a key: identifies the key without storing it. */
    public static String keyId(String key) {
        byte[] d = sha256Digest().digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d).substring(0, 16);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static void requireText(String name, String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("provenance field " + name + " is missing");
        }
    }
}
