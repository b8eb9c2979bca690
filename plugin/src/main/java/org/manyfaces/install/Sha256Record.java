package org.manyfaces.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record the installer writes beside a model it downloaded with {@code --trust-unverified}:
 * {@code name.onnx.sha256}, in {@code sha256sum} format ({@code <hex>  name.onnx}), so that the file can be
 * compared later with a hash that is published after the download, and {@code sha256sum -c} can check it.
 * It says what was downloaded, not that it is right: only the manifest's verified hashes say that.
 */
public final class Sha256Record {
    private static final Pattern LINE = Pattern.compile("\\s*([0-9a-fA-F]{64})\\s+\\*?(\\S.*?)\\s*");

    private Sha256Record() {
    }

    /** The record's path for a model file. */
    public static Path beside(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + ".sha256");
    }

    /** Writes the record atomically (a temporary file renamed into place), replacing an older one. */
    public static Path write(Path modelFile, String sha256) throws IOException {
        Path record = beside(modelFile);
        Path temp = record.resolveSibling(record.getFileName() + ".part");
        Files.writeString(temp, sha256 + "  " + modelFile.getFileName() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return record;
    }

    /** The SHA-256 recorded beside {@code modelFile} for that file name, if there is a readable record. */
    public static Optional<String> read(Path modelFile) throws IOException {
        Path record = beside(modelFile);
        if (!Files.isRegularFile(record)) {
            return Optional.empty();
        }
        String text = Files.readString(record, StandardCharsets.US_ASCII);
        Matcher m = LINE.matcher(text.lines().findFirst().orElse(""));
        if (!m.matches() || !m.group(2).equals(modelFile.getFileName().toString())) {
            throw new ModelVerificationException("SHA-256 record " + record + " is not one '<sha256>  "
                    + modelFile.getFileName() + "' line");
        }
        return Optional.of(m.group(1).toLowerCase(Locale.ROOT));
    }
}
