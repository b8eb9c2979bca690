package org.manyfaces.preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.manyfaces.inference.FileDigests;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelSpec;

/**
 * Turns file paths into portable references and back: models by manifest id (or a file name inside a
 * models folder) plus SHA-256, other files (faces) by file name plus SHA-256. Resolution never leaves the
 * folders it is given: a reference that would escape them is refused.
 */
final class FileReferences {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ModelCatalogue models;

    FileReferences(ModelCatalogue models) {
        this.models = models;
    }

    ModelCatalogue models() {
        return models;
    }

    // ---------------------------------------------------------------- export

    /** The model reference of {@code file}: manifest id when its content (or name) is known, else its name. */
    JsonObject modelReference(Path file) {
        String sha = sha256(file);
        JsonObject ref = new JsonObject();
        Optional<ModelSpec> spec = models.bySha256(sha).or(() -> models.byFileName(file.getFileName().toString())
                .filter(s -> s.acceptedHashes().isEmpty()));
        if (spec.isPresent()) {
            ref.addProperty("id", spec.get().id());
        } else {
            ref.addProperty("file", file.getFileName().toString());
        }
        ref.addProperty("sha256", sha);
        return ref;
    }

    /** {@code {"name": ..., "sha256": ...}} for one file. */
    static JsonObject fileReference(Path file) {
        JsonObject ref = new JsonObject();
        ref.addProperty("name", file.getFileName().toString());
        ref.addProperty("sha256", sha256(file));
        return ref;
    }

    // ---------------------------------------------------------------- import

    /**
     * The installed file a model reference names, checked against its SHA-256. {@code presetFolder} (may be
     * null) is also searched for file references, so a custom model can travel next to its preset.
     */
    Path resolveModel(JsonElement element, String path, Path presetFolder) {
        if (element == null || !element.isJsonObject()) {
            throw new PresetException(path, "must be an object {\"id\": ..., \"sha256\": ...} or {\"file\": ..., "
                    + "\"sha256\": ...}, found " + Json.describe(element));
        }
        JsonObject ref = element.getAsJsonObject();
        String sha = ref.has("sha256") ? checkSha(Json.asString(ref.get("sha256"), path + ".sha256"), path + ".sha256")
                : null;
        if (ref.has("id")) {
            String id = Json.asString(ref.get("id"), path + ".id");
            ModelSpec spec = models.byId(id).orElseThrow(() -> new PresetException(path + ".id", "unknown model id '"
                    + id + "'; known ids: " + String.join(", ", models.manifest().models().stream()
                    .map(ModelSpec::id).toList())));
            List<String> accepted = spec.acceptedHashes();
            if (sha != null && !accepted.isEmpty() && !accepted.contains(sha)) {
                throw new PresetException(path + ".sha256", "the preset wants a build of model '" + id + "' with "
                        + "SHA-256 " + sha + ", but the manifest's is " + String.join(" or ", accepted));
            }
            Path file = find(spec.file(), path + ".id", List.of()).orElseThrow(() -> PresetException.modelNotInstalled(
                    path + ".id", "model '" + id + "' (" + spec.file() + ") is not installed in " + models.searchPath()
                            + "; " + ModelCatalogue.installHint(spec)));
            if (sha != null) {
                checkContent(file, sha, path + ".sha256", "model '" + id + "'");
            } else if (!accepted.isEmpty()) {
                String actual = sha256(file);
                if (!accepted.contains(actual)) {
                    throw new PresetException(path + ".id", "model '" + id + "' at " + file + " has SHA-256 " + actual
                            + ", not the manifest's " + String.join(" or ", accepted) + " (a different or corrupt file)");
                }
            }
            return file;
        }
        if (ref.has("file")) {
            String name = Json.asString(ref.get("file"), path + ".file");
            if (sha == null) {
                throw new PresetException(path + ".sha256", "is missing; a model given by file name needs its SHA-256");
            }
            List<Path> extra = presetFolder == null ? List.of() : List.of(presetFolder);
            Path file = find(name, path + ".file", extra).orElseThrow(() -> PresetException.modelNotInstalled(
                    path + ".file", "model file '" + name + "' is not in " + models.searchPath() + (presetFolder == null ? ""
                            : " nor next to the preset") + hint(sha)));
            checkContent(file, sha, path + ".sha256", "model file '" + name + "'");
            return file;
        }
        throw new PresetException(path, "names no model: give \"id\" (a manifest id) or \"file\" (a file name in "
                + "the models folder)");
    }

    private String hint(String sha) {
        return models.bySha256(sha).map(s -> "; it is manifest model '" + s.id() + "': "
                + ModelCatalogue.installHint(s)).orElse("");
    }

    /**
     * The file references of a {@code files} list, each as (name, sha256), checked for form only: names
     * must be plain file names.
     */
    static List<FileRef> parseFiles(JsonElement element, String path) {
        if (element == null || !element.isJsonArray()) {
            throw new PresetException(path, "must be an array of {\"name\": ..., \"sha256\": ...}, found "
                    + Json.describe(element));
        }
        JsonArray a = element.getAsJsonArray();
        if (a.size() > PresetFormat.MAX_FILES) {
            throw new PresetException(path, a.size() + " files; at most " + PresetFormat.MAX_FILES);
        }
        List<FileRef> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String p = path + "[" + i + "]";
            if (!a.get(i).isJsonObject()) {
                throw new PresetException(p, "must be {\"name\": ..., \"sha256\": ...}, found " + Json.describe(a.get(i)));
            }
            JsonObject o = a.get(i).getAsJsonObject();
            String name = Json.requireString(o, "name", p);
            checkPlainName(name, p + ".name");
            String sha = checkSha(Json.requireString(o, "sha256", p), p + ".sha256");
            out.add(new FileRef(name, sha));
        }
        return out;
    }

    /** A referenced file: its name and content hash. */
    record FileRef(String name, String sha256) {
    }

    /** The first file named {@code ref.name()} in {@code folders} whose SHA-256 matches, if any. */
    static Optional<Path> locateFile(FileRef ref, List<Path> folders) {
        for (Path dir : folders) {
            Path candidate = dir.resolve(ref.name());
            if (Files.isRegularFile(candidate) && ref.sha256().equals(sha256(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private Optional<Path> find(String relative, String path, List<Path> extraFolders) {
        checkRelative(relative, path);
        List<Path> all = new ArrayList<>(models.searchPath());
        all.addAll(extraFolders);
        for (Path dir : all) {
            Path base = dir.toAbsolutePath().normalize();
            Path candidate = base.resolve(relative).normalize();
            if (!candidate.startsWith(base)) {
                throw new PresetException(path, "'" + relative + "' leads out of the models folder " + base);
            }
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A path relative to a models folder: no root, no drive, no "..", no empty segments. */
    static void checkRelative(String relative, String path) {
        if (relative.isEmpty()) {
            throw new PresetException(path, "is empty");
        }
        String unified = relative.replace('\\', '/');
        if (unified.startsWith("/") || unified.matches("^[A-Za-z]:.*") || unified.startsWith("~")) {
            throw new PresetException(path, "'" + relative + "' is an absolute path; presets name models relative "
                    + "to the models folder (or by manifest id)");
        }
        for (String seg : unified.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                throw new PresetException(path, "'" + relative + "' leads out of the models folder (segment '" + seg
                        + "'); use a plain file name or sub-folder");
            }
        }
        if (relative.indexOf('\0') >= 0) {
            throw new PresetException(path, "contains a NUL character");
        }
        try {
            Path.of(relative);
        } catch (InvalidPathException e) {
            throw new PresetException(path, "'" + relative + "' is not a valid file name here: " + e.getReason());
        }
    }

    static void checkPlainName(String name, String path) {
        checkRelative(name, path);
        if (name.contains("/") || name.contains("\\")) {
            throw new PresetException(path, "'" + name + "' must be a file name without folders");
        }
    }

    static String checkSha(String sha, String path) {
        if (!SHA256.matcher(sha).matches()) {
            throw new PresetException(path, "'" + (sha.length() > 70 ? sha.substring(0, 70) + "..." : sha)
                    + "' is not a SHA-256 (64 lower-case hex digits)");
        }
        return sha;
    }

    private static void checkContent(Path file, String sha, String path, String what) {
        String actual = sha256(file);
        if (!actual.equals(sha)) {
            throw new PresetException(path, what + " at " + file + " has SHA-256 " + actual + ", not the " + sha
                    + " the preset was made with (a different or corrupt file)");
        }
    }

    /** SHA-256 of a file: model-sized files through the inference cache, small ones directly. */
    static String sha256(Path file) {
        try {
            if (Files.size(file) > (8L << 20)) {
                return FileDigests.sha256(file);
            }
            return FileDigests.sha256Uncached(file);
        } catch (IOException e) {
            throw new PresetException("", "cannot read " + file + " to hash it: " + e.getMessage());
        }
    }
}
