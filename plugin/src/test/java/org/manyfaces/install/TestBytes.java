package org.manyfaces.install;

import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/** Test data and independently computed hashes (straight from the JDK, not the code under test). */
final class TestBytes {
    private TestBytes() {
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static String crc32(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return String.format("%08x", c.getValue());
    }

    static ModelDownload model(String id, String file, byte[] data, URI... urls) throws Exception {
        return new ModelDownload(id, file, data.length, sha256(data), List.of(urls), "MIT", false);
    }
}
