package org.manyfaces.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * SHA-256 and CRC32 computed together while bytes stream past, so a file is read only once
 * (downloads are hashed as they arrive, copies as they are written).
 */
public final class StreamingHashes {
    private final MessageDigest sha256;
    private final CRC32 crc32 = new CRC32();
    private long length;

    public StreamingHashes() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256, so this is a broken runtime.
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** Hashes a whole file. */
    public static StreamingHashes of(Path file) throws IOException {
        StreamingHashes h = new StreamingHashes();
        h.updateFrom(file);
        return h;
    }

    public void update(byte[] b, int off, int len) {
        sha256.update(b, off, len);
        crc32.update(b, off, len);
        length += len;
    }

    /** Consumes the buffer's remaining bytes without moving its position. */
    public void update(ByteBuffer buffer) {
        ByteBuffer a = buffer.duplicate();
        ByteBuffer b = buffer.duplicate();
        length += a.remaining();
        sha256.update(a);
        crc32.update(b);
    }

    /** Feeds every byte of a file, e.g. the part already on disk before a download resumes. */
    public void updateFrom(Path file) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                update(buf, 0, n);
            }
        }
    }

    public void reset() {
        sha256.reset();
        crc32.reset();
        length = 0;
    }

    public long length() {
        return length;
    }

    /** Lower-case hex SHA-256 of everything fed so far. Finishes the digest: call once. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** CRC32 (the zlib polynomial) as 8 lower-case hex digits, FaceFusion's {@code .hash} format. */
    public String crc32Hex() {
        return String.format("%08x", crc32.getValue());
    }
}
