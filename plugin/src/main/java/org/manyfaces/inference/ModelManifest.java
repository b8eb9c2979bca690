package org.manyfaces.inference;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * The list of supported models ({@code models/manifest.json}), read with Gson. Loading validates every
 * entry and fails with all problems listed, so a broken manifest never half-works.
 */
public final class ModelManifest {
    private static final Gson GSON = new Gson();

    /** The JSON document: a schema version and the entries. */
    private record Document(Integer schemaVersion, List<ModelSpec> models) {
    }

    private final List<ModelSpec> models;

    private ModelManifest(List<ModelSpec> models) {
        this.models = List.copyOf(models);
    }

    /** Reads and validates a manifest file. */
    public static ModelManifest load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new InferenceException("cannot read model manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and validates manifest JSON text. */
    public static ModelManifest parse(String json) {
        return parse(new StringReader(json), "manifest text");
    }

    private static ModelManifest parse(Reader r, String where) {
        Document doc;
        try {
            doc = GSON.fromJson(r, Document.class);
        } catch (JsonParseException e) {
            throw new InferenceException("model manifest " + where + " is not valid JSON: " + e.getMessage(), e);
        }
        if (doc == null || doc.models() == null) {
            throw new InferenceException("model manifest " + where + " has no \"models\" list");
        }
        if (doc.schemaVersion() == null || doc.schemaVersion() != 1) {
            throw new InferenceException("model manifest " + where + " has schemaVersion " + doc.schemaVersion()
                    + "; this ManyFaces reads version 1");
        }
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ModelSpec m : doc.models()) {
            if (m == null) {
                problems.add("null entry in \"models\"");
                continue;
            }
            problems.addAll(m.problems());
            if (m.id() != null && !ids.add(m.id())) {
                problems.add("model id '" + m.id() + "' appears twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new InferenceException("model manifest " + where + " has " + problems.size() + " problem"
                    + (problems.size() > 1 ? "s" : "") + ": " + String.join("; ", problems));
        }
        return new ModelManifest(doc.models());
    }

    public List<ModelSpec> models() {
        return models;
    }

    public Optional<ModelSpec> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The entry with this id; throws listing the known ids when there is none. */
    public ModelSpec require(String id) {
        return find(id).orElseThrow(() -> new InferenceException("no model '" + id + "' in the manifest (known: "
                + String.join(", ", models.stream().map(ModelSpec::id).toList()) + ")"));
    }

    public List<ModelSpec> ofKind(ModelKind kind) {
        return models.stream().filter(m -> m.kind() == kind).toList();
    }
}
