package org.manyfaces.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import org.manyfaces.video.MediaOutputException;
import org.manyfaces.video.SequencePattern;

/**
 * The provenance side-car the {@code render} command writes next to its output
 * ({@code OUTPUT.manyfaces.json}): what was made, from which inputs (with SHA-256), by which effect, with
 * which models (with SHA-256) and parameters, when, and by which ManyFaces version. Pretty JSON, so it can
 * be read and diffed by people as well as tools.
 *
 * @param schema           record format version (1)
 * @param tool             always {@code manyfaces render}
 * @param manyfacesVersion version that made the output
 * @param createdAt        ISO-8601 UTC instant the render finished
 * @param effectId         OFX id of the effect
 * @param output           the output as given on the command line
 * @param frames           the input frames rendered
 * @param inputs           input files (video or pictures, source faces, model files named by parameters)
 * @param models           model files the effect's settings select, as found on the model search path
 * @param parameters       every parameter as the effect read it at the first rendered frame
 * @param given            what the user set: {@code name} for constants, {@code name@frame} for keyframes
 * @param provider         the execution provider ONNX Runtime uses for "Auto", in words
 */
public record RenderSidecar(int schema, String tool, String manyfacesVersion, String createdAt, String effectId,
                            String output, FrameRange frames, List<HashedFile> inputs, List<HashedFile> models,
                            Map<String, String> parameters, Map<String, String> given, String provider) {
    /** Current format version. */
    public static final int SCHEMA = 1;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** A file and its content hash; {@code role} says what it was used for ("input", "sourceFaces", a model id). */
    public record HashedFile(String role, String path, String sha256) {
    }

    /** Input frame numbers rendered, inclusive, and how many. */
    public record FrameRange(long first, long last, long count) {
    }

    /** A record stamped now (seconds precision). */
    public static RenderSidecar now(String effectId, String output, FrameRange frames, List<HashedFile> inputs,
                                    List<HashedFile> models, Map<String, String> parameters,
                                    Map<String, String> given, String provider) {
        return new RenderSidecar(SCHEMA, "manyfaces render", ManyFacesVersion.get(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), effectId, output, frames,
                List.copyOf(inputs), List.copyOf(models), Collections.unmodifiableMap(new LinkedHashMap<>(parameters)),
                Collections.unmodifiableMap(new LinkedHashMap<>(given)), provider);
    }

    /** Where the side-car of {@code output} goes: beside a file, or beside the frames of a sequence. */
    public static Path pathFor(String output) {
        if (SequencePattern.looksLikePattern(output)) {
            Path p = Path.of(output);
            String name = p.getFileName().toString().replaceAll("%0?\\d*d", "");
            Path dir = p.toAbsolutePath().getParent();
            return dir.resolve(name + ".manyfaces.json");
        }
        Path p = Path.of(output);
        if (output.endsWith("/") || Files.isDirectory(p)) {
            return p.resolve("frames.manyfaces.json");
        }
        return p.resolveSibling(p.getFileName() + ".manyfaces.json");
    }

    /** Pretty JSON. */
    public String toJson() {
        return GSON.toJson(this);
    }

    /** Reads a side-car back (tests, tools). */
    public static RenderSidecar fromJson(String json) {
        return GSON.fromJson(json, RenderSidecar.class);
    }

    /** Writes the JSON to {@code file}. */
    public void write(Path file) throws MediaOutputException {
        try {
            Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MediaOutputException("cannot write the provenance side-car " + file + ": " + e.getMessage(), e);
        }
    }
}
