package org.manyfaces.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 counter-mode stream: the same key gives the same pattern on every JVM, forever. */
final class KeyStream {
    private final MessageDigest sha;
    private final byte[] key;
    private long counter;
    private byte[] block = new byte[0];
    private int pos;

    KeyStream(String key) {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    long next() {
        if (pos + 8 > block.length) {
            sha.reset();
            sha.update(key);
            for (int i = 0; i < 8; i++) {
                sha.update((byte) (counter >>> (8 * i)));
            }
            counter++;
            block = sha.digest();
            pos = 0;
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (block[pos++] & 0xFF);
        }
        return v;
    }
}
