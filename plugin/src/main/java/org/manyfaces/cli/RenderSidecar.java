package org.manyfaces.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.manyfaces.disclosure.ProvenanceRecord;
import org.manyfaces.video.MediaOutputException;
import org.manyfaces.video.SequencePattern;

/**
 * The provenance side-car the {@code render} command writes next to its output ({@code OUTPUT.manyfaces.json}):
 * a {@link ProvenanceRecord} (the project's provenance format: version, time, effect, inputs and models with
 * their SHA-256, parameters and keys, watermark, label), readable with {@link ProvenanceRecord#fromJson}, plus a
 * {@code render} object with what only the command line knows: the output, the frames rendered, where each
 * input was and what it was used for, what the user typed, and the execution provider.
 *
 * <p>Watermark and label: the record says what the effect's disclosure parameters made it write at the
 * first frame: the watermark's key id, payload and strength (or {@code enabled: false} when the user
 * switched the "watermark" parameter off) and whether the visible label was drawn.
 *
 * @param record the provenance record
 * @param render the command line's details
 */
public record RenderSidecar(ProvenanceRecord record, Details render) {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** A file and its content hash; {@code role} says what it was used for ("input", "sourceFaces", "preset", a model). */
    public record HashedFile(String role, String path, String sha256) {
    }

    /** Input frame numbers rendered, inclusive, and how many. */
    public record FrameRange(long first, long last, long count) {
    }

    /**
     * @param output   the output as given on the command line
     * @param frames   the input frames rendered
     * @param files    every input and model file with its role and absolute path
     * @param given    what the user set: {@code name} for constants, {@code name@frame} for keyframes
     * @param provider the execution provider ONNX Runtime uses for "Auto", in words
     */
    public record Details(String output, FrameRange frames, List<HashedFile> files, Map<String, String> given,
                          String provider) {
    }

    /**
     * Builds the side-car of a finished render, stamped now.
     *
     * @param parameters   every parameter as the effect read it at the first frame
     * @param watermark    the watermark the effect embedded (or {@link ProvenanceRecord.WatermarkInfo#off()})
     * @param visibleLabel whether the effect drew the visible label
     */
    public static RenderSidecar of(String effectId, String output, FrameRange frames, List<HashedFile> inputs,
                                   List<HashedFile> models, Map<String, String> parameters,
                                   Map<String, String> given, String provider,
                                   ProvenanceRecord.WatermarkInfo watermark, boolean visibleLabel) {
        Map<String, String> params = new LinkedHashMap<>(parameters);
        // Keys are part of the parameters in the provenance format: "name@frame" -> value.
        given.forEach((k, v) -> {
            if (k.contains("@")) {
                params.put(k, v);
            }
        });
        List<ProvenanceRecord.FileHash> in = new ArrayList<>();
        for (HashedFile f : inputs) {
            in.add(new ProvenanceRecord.FileHash(Path.of(f.path()).getFileName().toString(), f.sha256()));
        }
        List<ProvenanceRecord.FileHash> ms = new ArrayList<>();
        for (HashedFile f : models) {
            ms.add(new ProvenanceRecord.FileHash(Path.of(f.path()).getFileName().toString(), f.sha256()));
        }
        ProvenanceRecord record = ProvenanceRecord.create(ManyFacesVersion.get(), effectId, in, ms, params,
                watermark, visibleLabel);
        List<HashedFile> files = new ArrayList<>(inputs);
        files.addAll(models);
        return new RenderSidecar(record, new Details(output, frames, List.copyOf(files),
                Collections.unmodifiableMap(new LinkedHashMap<>(given)), provider));
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

    /** The provenance record's JSON with the {@code render} object added. */
    public String toJson() {
        JsonObject o = JsonParser.parseString(record.toJson()).getAsJsonObject();
        o.add("render", GSON.toJsonTree(render));
        return GSON.toJson(o);
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
