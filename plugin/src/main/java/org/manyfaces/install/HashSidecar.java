package org.manyfaces.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * FaceFusion's verification sidecar: {@code name.hash} beside {@code name.onnx}, holding the CRC32
 * (zlib) of the whole model file as 8 hex digits. It catches corruption, not tampering, so SHA-256
 * stays the authority whenever the manifest has one.
 */
public final class HashSidecar {
    private static final Pattern CRC_HEX = Pattern.compile("[0-9a-f]{8}");

    private HashSidecar() {
    }

    /** The sidecar's name for a model file: the extension replaced by {@code .hash}. */
    public static String sidecarName(String modelFileName) {
        int dot = modelFileName.lastIndexOf('.');
        String stem = dot > 0 ? modelFileName.substring(0, dot) : modelFileName;
        return stem + ".hash";
    }

    /** The CRC32 in a sidecar beside {@code modelFile}, if that sidecar exists. */
    public static Optional<String> readBeside(Path modelFile) throws IOException {
        Path sidecar = modelFile.resolveSibling(sidecarName(modelFile.getFileName().toString()));
        if (!Files.isRegularFile(sidecar)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(sidecar, StandardCharsets.US_ASCII), sidecar.toString()));
    }

    /**
     * Parses sidecar text (surrounding whitespace allowed).
     *
     * @param where named in the error message
     * @throws ModelVerificationException when the text is not 8 hex digits
     */
    public static String parse(String text, String where) throws ModelVerificationException {
        String crc = text.trim().toLowerCase(Locale.ROOT);
        if (!CRC_HEX.matcher(crc).matches()) {
            throw new ModelVerificationException("hash sidecar " + where + " does not hold 8 hex digits of CRC32: '"
                    + abbreviate(text.trim()) + "'");
        }
        return crc;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
