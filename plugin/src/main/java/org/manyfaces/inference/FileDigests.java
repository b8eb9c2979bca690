package org.manyfaces.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of model files, streamed (never the whole file in memory) and cached by (path, size,
 * modification time), because hashing a 550 MB swapper takes seconds and the answer only changes when
 * the file does.
 */
public final class FileDigests {
    private static final Map<FileKey, String> CACHE = new ConcurrentHashMap<>();

    private FileDigests() {
    }

    /** Lower-case hex SHA-256 of the file's content, cached by path, size and modification time. */
    public static String sha256(Path file) {
        FileKey key = FileKey.of(file);
        String cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        String hex;
        try {
            hex = sha256Uncached(key.path());
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + " to check its SHA-256: " + e.getMessage(), e);
        }
        CACHE.keySet().removeIf(k -> k.path().equals(key.path()));
        CACHE.put(key, hex);
        return hex;
    }

    /**
     * Lower-case hex SHA-256 of the file's content, streamed and not cached: for small files read once
     * (pictures, provenance), where a cache entry would only cost memory.
     */
    public static String sha256Uncached(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
