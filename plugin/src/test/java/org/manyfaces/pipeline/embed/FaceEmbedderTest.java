package org.manyfaces.pipeline.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.pipeline.select.FaceSelector;
import org.manyfaces.testsupport.SharedFiles;

/** Real MobileFaceNet on the shared photos; expected similarities from shared/models/README.md. */
class FaceEmbedderTest {
    private static InferenceEngine engine;

    @BeforeAll
    static void start() {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Embedding embed(FaceEmbedder e, FaceDetector det, String photo, int index) {
        ImageView img = SourceImages.read(SharedFiles.media(photo));
        List<Face> faces = FaceSelector.leftToRight(det.detect(img, 0.9f));
        return e.embed(img, faces.get(index));
    }

    @Test
    void samePersonIsSimilarAndDifferentPeopleAreNot() {
        FaceEmbedder e = new FaceEmbedder(engine.open(SharedFiles.model("mobilefacenet_foamliu.onnx"), ProviderChoice.CPU),
                EmbedderContract.MOBILEFACENET);
        FaceDetector det = FaceDetectors.open(engine, SharedFiles.model("face_detection_yunet_2023mar.onnx"), ProviderChoice.CPU, DetectorOptions.defaults());
        assertEquals(128, e.width());
        Embedding obama1 = embed(e, det, "obama_official_portrait_2012.jpg", 0);
        Embedding obama2 = embed(e, det, "obama_speaking_podium.jpg", 0);
        Embedding obamaPair = embed(e, det, "obama_biden_two_people.jpg", 0);
        Embedding bidenPair = embed(e, det, "obama_biden_two_people.jpg", 1);
        Embedding biden1 = embed(e, det, "biden_standing.jpg", 0);
        Embedding hopper = embed(e, det, "grace_hopper.jpg", 0);
        Embedding collins = embed(e, det, "astronaut_eileen_collins.png", 0);

        assertTrue(obama1.cosine(obama2) >= 0.4f, "Obama vs Obama " + obama1.cosine(obama2));
        assertTrue(obama1.cosine(obamaPair) >= 0.4f, "Obama vs Obama (pair) " + obama1.cosine(obamaPair));
        assertTrue(biden1.cosine(bidenPair) >= 0.4f, "Biden vs Biden (pair) " + biden1.cosine(bidenPair));
        for (Embedding[] diff : new Embedding[][] {{obama1, biden1}, {obamaPair, bidenPair}, {hopper, collins},
                {hopper, obama1}, {collins, biden1}}) {
            assertTrue(diff[0].cosine(diff[1]) < 0.3f, "different people at " + diff[0].cosine(diff[1]));
        }
        float[] n = obama1.normed();
        double len = 0;
        for (float v : n) {
            len += v * v;
        }
        assertEquals(1.0, len, 1e-5);
    }
}
