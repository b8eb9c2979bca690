package org.manyfaces.pipeline.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.manyfaces.image.ImageView;
import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;

/**
 * A minimal YuNet (2023mar, 640×640) decoder for the face-stage tests, written from the contract in
 * shared/models/README.md, so these tests can run on real photos independently of the production
 * detector. Letterbox: scale to fit, pad right/bottom; BGR 0..255; greedy NMS at IoU 0.4.
 */
public final class YuNetForTests {
    private static final int SIZE = 640;
    private final ModelSession session;

    public YuNetForTests(InferenceEngine engine, Path model) {
        this.session = engine.open(model, ProviderChoice.CPU);
    }

    public List<Face> detect(ImageView img, float threshold) {
        float scale = Math.min((float) SIZE / img.width(), (float) SIZE / img.height());
        FloatTensor in = FloatTensor.allocate(1, 3, SIZE, SIZE);
        int plane = SIZE * SIZE;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                float sx = (x + 0.5f) / scale - 0.5f, sy = (y + 0.5f) / scale - 0.5f;
                if (sx > img.width() - 1 || sy > img.height() - 1) {
                    continue; // padding stays 0
                }
                int px = Math.max(0, Math.round(sx)), py = Math.max(0, Math.round(sy));
                for (int c = 0; c < 3; c++) {
                    in.set((2 - c) * plane + y * SIZE + x, img.get(px, py, c) * 255f);
                }
            }
        }
        Map<String, ModelSession.OutputArray> out = session.runToArrays(Map.of("input", in));
        List<Face> faces = new ArrayList<>();
        for (int s : new int[] {8, 16, 32}) {
            float[] cls = out.get("cls_" + s).values();
            float[] obj = out.get("obj_" + s).values();
            float[] bbox = out.get("bbox_" + s).values();
            float[] kps = out.get("kps_" + s).values();
            int cols = SIZE / s;
            for (int i = 0; i < cls.length; i++) {
                float score = (float) Math.sqrt(clamp01(cls[i]) * clamp01(obj[i]));
                if (score < threshold) {
                    continue;
                }
                int row = i / cols, col = i % cols;
                float cx = (col + bbox[4 * i]) * s, cy = (row + bbox[4 * i + 1]) * s;
                float w = (float) Math.exp(bbox[4 * i + 2]) * s, h = (float) Math.exp(bbox[4 * i + 3]) * s;
                float[] lm = new float[10];
                for (int k = 0; k < 5; k++) {
                    lm[2 * k] = (col + kps[10 * i + 2 * k]) * s / scale;
                    lm[2 * k + 1] = (row + kps[10 * i + 2 * k + 1]) * s / scale;
                }
                faces.add(new Face(new Box((cx - w / 2) / scale, (cy - h / 2) / scale, w / scale, h / scale), score, lm));
            }
        }
        faces.sort(Comparator.comparingDouble(Face::score).reversed());
        List<Face> kept = new ArrayList<>();
        for (Face f : faces) {
            if (kept.stream().noneMatch(k -> k.box().iou(f.box()) > 0.4f)) {
                kept.add(f);
            }
        }
        return kept;
    }

    private static float clamp01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
