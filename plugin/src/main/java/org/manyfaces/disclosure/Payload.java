package org.manyfaces.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The 32 bits the invisible watermark carries: a product mark (which says "ManyFaces made this"), the id
 * of the effect that changed the frame, and a short hash of the main model it used.
 *
 * <p>Bit layout, most significant first: {@code productMark:8 | effectId:8 | modelHash:16}. The
 * watermark adds a CRC-16 of these 32 bits and a convolutional code; see {@link WatermarkCodec}.
 *
 * @param productMark 0..255; {@link #MANYFACES_MARK} for every mark ManyFaces writes
 * @param effectId    0..255; the effect's code (each effect's descriptor says its own: effect.EffectProfile)
 * @param modelHash   0..65535; the first 16 bits of the model file's SHA-256 ({@link #shortModelHash})
 */
public record Payload(int productMark, int effectId, int modelHash) {

    /** The product mark of ManyFaces, version 1 of the layout ('M' for ManyFaces). */
    public static final int MANYFACES_MARK = 0x4D;
    /** Number of payload bits. */
    public static final int BITS = 32;

    public Payload {
        requireRange("productMark", productMark, 255);
        requireRange("effectId", effectId, 255);
        requireRange("modelHash", modelHash, 0xFFFF);
    }

    /** A ManyFaces payload for an effect and the SHA-256 (hex) of the model file it ran. */
    public static Payload manyFaces(int effectId, String modelSha256Hex) {
        return new Payload(MANYFACES_MARK, effectId, shortModelHash(modelSha256Hex));
    }

    /** The first 16 bits of a SHA-256 given as hex (64 hex digits; case ignored). */
    public static int shortModelHash(String sha256Hex) {
        if (sha256Hex == null || !sha256Hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("model hash must be a SHA-256 as 64 hex digits, got: " + sha256Hex);
        }
        return Integer.parseInt(sha256Hex.substring(0, 4), 16);
    }

    /** The first 16 bits of the SHA-256 of a model identity string (for models known only by name). */
    public static int shortHashOfName(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return shortModelHash(HexFormat.of().formatHex(d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** True when the product mark is ManyFaces's. */
    public boolean isManyFaces() {
        return productMark == MANYFACES_MARK;
    }

    /** The 32 payload bits as an int (layout above). */
    public int toBits() {
        return (productMark << 24) | (effectId << 16) | modelHash;
    }

    /** Inverse of {@link #toBits()}. */
    public static Payload fromBits(int bits) {
        return new Payload((bits >>> 24) & 0xFF, (bits >>> 16) & 0xFF, bits & 0xFFFF);
    }

    @Override
    public String toString() {
        return String.format("Payload[mark=0x%02X, effect=%d, modelHash=%04x]", productMark, effectId, modelHash);
    }

    private static void requireRange(String name, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(name + " must be in 0.." + max + ", got " + v);
        }
    }
}
