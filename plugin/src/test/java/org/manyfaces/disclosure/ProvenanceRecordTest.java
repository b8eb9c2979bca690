package org.manyfaces.disclosure;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceRecordTest {

    private static ProvenanceRecord sample(Path dir) throws Exception {
        Path in = dir.resolve("clip.mp4");
        Files.writeString(in, "abc");
        Payload p = Payload.manyFaces(FaceSwapEffect.PAYLOAD_CODE, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        return ProvenanceRecord.create("0.1.0", "org.manyfaces.FaceSwap",
                List.of(ProvenanceRecord.FileHash.of(in)),
                List.of(new ProvenanceRecord.FileHash("inswapper_128.onnx", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
                Map.of("blend", "0.8", "selector", "largest", "seed", "42"),
                ProvenanceRecord.WatermarkInfo.on(WatermarkDetector.DEFAULT_KEY, p, WatermarkEmbedder.DEFAULT_STRENGTH),
                true);
    }

    @Test
    void jsonRoundTripKeepsEveryField(@TempDir Path dir) throws Exception {
        ProvenanceRecord r = sample(dir);
        ProvenanceRecord back = ProvenanceRecord.fromJson(r.toJson());
        assertEquals(r, back);
        // SHA-256("abc"), the FIPS 180-2 test vector: the input hash is computed, not copied
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", back.inputs().get(0).sha256());
        assertEquals(Payload.manyFaces(1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                back.watermark().decodedPayload());
        assertEquals("4d01e3b0", back.watermark().payload());
        assertTrue(r.toJson().contains("\"effectId\": \"org.manyfaces.FaceSwap\""));
    }

    @Test
    void watermarkOffRoundTrips(@TempDir Path dir) throws Exception {
        ProvenanceRecord r = sample(dir);
        ProvenanceRecord off = new ProvenanceRecord(r.schema(), r.manyfacesVersion(), r.createdAt(), r.effectId(), r.inputs(),
                r.models(), r.parameters(), ProvenanceRecord.WatermarkInfo.off(), false);
        ProvenanceRecord back = ProvenanceRecord.fromJson(off.toJson());
        assertEquals(off, back);
        assertFalse(back.watermark().enabled());
        assertNull(back.watermark().decodedPayload());
        assertTrue(back.summary().contains("watermark off"));
        assertTrue(back.summary().contains("label off"));
    }

    @Test
    void summaryIsOneShortLine(@TempDir Path dir) throws Exception {
        ProvenanceRecord r = sample(dir);
        String s = r.summary();
        assertFalse(s.contains("\n"));
        assertTrue(s.length() < 200, s);
        assertTrue(s.startsWith("ManyFaces 0.1.0 | org.manyfaces.FaceSwap | models inswapper_128.onnx@e3b0c442 | watermark 4d01e3b0 | label on | "), s);
        assertTrue(s.endsWith(r.createdAt()));
    }

    @Test
    void keyIsIdentifiedNotStored(@TempDir Path dir) throws Exception {
        String json = sample(dir).toJson();
        assertFalse(json.contains(WatermarkDetector.DEFAULT_KEY));
        assertEquals(16, sample(dir).watermark().keyId().length());
    }

    @Test
    void brokenRecordsAreRejectedWithTheReason(@TempDir Path dir) throws Exception {
        String json = sample(dir).toJson();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProvenanceRecord.fromJson(json.replace("\"schema\": 1", "\"schema\": 7")));
        assertTrue(e.getMessage().contains("schema"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ProvenanceRecord.fromJson(json.replaceAll("\"sha256\": \"ba78[0-9a-f]*\"", "\"sha256\": \"xyz\"")));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProvenanceRecord.fromJson(json.substring(0, json.length() / 2)));
        assertThrows(IllegalArgumentException.class, () -> ProvenanceRecord.fromJson(""));
        Files.writeString(dir.resolve("x"), json, StandardCharsets.UTF_8);
    }
}
