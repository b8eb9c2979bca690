package org.manyfaces.pipeline.detect;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.manyfaces.inference.ModelContractException;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.TensorSpec;
import org.manyfaces.inference.FloatTensor;

/**
 * SCRFD family (InsightFace 500m/2.5g/10g "bnkps", and InsightFace's det_10g that FaceFusion calls
 * retinaface_10g): RGB input {@code (x - 127.5) / 128}; per stride a score, a bbox-distance and a
 * landmark-offset output.
 *
 * <p>9 outputs = strides 8/16/32 with 2 anchors per location; 15 outputs = strides 8..128 with 1 anchor.
 * Outputs named {@code score_8 ... kps_32} are used by name; otherwise they are taken by position in
 * InsightFace's order (all scores, then all boxes, then all landmarks). Anchor centre of anchor i at
 * stride s: ((i / A) % cols · s, (i / A) / cols · s); box = centre ∓ distances·s; landmark = centre + offset·s.
 */
public final class ScrfdDetector extends OnnxFaceDetector {
    private final int[] strides;
    private final int anchors;
    private final String[] scoreNames;
    private final String[] boxNames;
    private final String[] kpsNames;
    private final FloatTensor[] score;
    private final FloatTensor[] bbox;
    private final FloatTensor[] kps;
    private final float[] lm = new float[10];

    public ScrfdDetector(ModelSession session, DetectorOptions options) {
        super(checkInput(session), options, ChannelOrder.RGB, new float[] {127.5f}, new float[] {128f});
        List<TensorSpec> outs = session.outputs();
        if (outs.size() != 9 && outs.size() != 15) {
            String hint = outs.size() == 6 || outs.size() == 10
                    ? " (this looks like an SCRFD export without landmarks; ManyFaces needs the 'kps' variant)" : "";
            throw new ModelContractException(session.path().getFileName() + " does not fit the SCRFD detector"
                    + " contract: expected 9 outputs (3 strides) or 15 (5 strides) with landmarks, model declares "
                    + outs.size() + hint, List.of("expected 9 or 15 outputs, model declares " + outs.size()));
        }
        int fmc = outs.size() / 3;
        this.strides = fmc == 3 ? new int[] {8, 16, 32} : new int[] {8, 16, 32, 64, 128};
        this.anchors = fmc == 3 ? 2 : 1;
        scoreNames = new String[fmc];
        boxNames = new String[fmc];
        kpsNames = new String[fmc];
        boolean named = hasOutput(session, "score_8") && hasOutput(session, "bbox_8") && hasOutput(session, "kps_8");
        for (int i = 0; i < fmc; i++) {
            if (named) {
                scoreNames[i] = "score_" + strides[i];
                boxNames[i] = "bbox_" + strides[i];
                kpsNames[i] = "kps_" + strides[i];
                for (String n : new String[] {scoreNames[i], boxNames[i], kpsNames[i]}) {
                    if (!hasOutput(session, n)) {
                        throw new ModelContractException(session.path().getFileName() + " does not fit the SCRFD"
                                + " detector contract: model has no output '" + n + "'",
                                List.of("model has no output '" + n + "'"));
                    }
                }
            } else {
                scoreNames[i] = outs.get(i).name();
                boxNames[i] = outs.get(fmc + i).name();
                kpsNames[i] = outs.get(2 * fmc + i).name();
            }
            checkLastDim(session, scoreNames[i], 1);
            checkLastDim(session, boxNames[i], 4);
            checkLastDim(session, kpsNames[i], 10);
        }
        score = new FloatTensor[fmc];
        bbox = new FloatTensor[fmc];
        kps = new FloatTensor[fmc];
        for (int i = 0; i < fmc; i++) {
            int n = (maxInputWidth() / strides[i]) * (maxInputHeight() / strides[i]) * anchors;
            score[i] = FloatTensor.withCapacity(n, 1, n, 1);
            bbox[i] = FloatTensor.withCapacity(4 * n, 1, n, 4);
            kps[i] = FloatTensor.withCapacity(10 * n, 1, n, 10);
        }
    }

    private static ModelSession checkInput(ModelSession s) {
        if (s.inputs().size() != 1) {
            throw new ModelContractException(s.path().getFileName() + " does not fit the SCRFD detector contract:"
                    + " expected 1 input, model declares " + s.inputs().size(),
                    List.of("expected 1 input, model declares " + s.inputs().size()));
        }
        TensorSpec in = s.inputs().get(0);
        if (in.rank() != 4 || (in.dim(1) >= 0 && in.dim(1) != 3)) {
            String d = "input '" + in.name() + "': expected shape [-1,3,-1,-1], model declares " + in.shapeString();
            throw new ModelContractException(s.path().getFileName() + " does not fit the SCRFD detector contract: "
                    + d, List.of(d));
        }
        return s;
    }

    private static boolean hasOutput(ModelSession s, String name) {
        return s.outputs().stream().anyMatch(t -> t.name().equals(name));
    }

    private static void checkLastDim(ModelSession s, String name, int k) {
        TensorSpec t = s.output(name);
        long last = t.rank() == 0 ? -1 : t.dim(t.rank() - 1);
        if (t.rank() != 0 && (t.rank() < 2 || t.rank() > 3 || (last >= 0 && last != k))) {
            String d = "output '" + name + "': expected [1,N," + k + "] or [N," + k + "], model declares "
                    + t.shapeString();
            throw new ModelContractException(s.path().getFileName() + " does not fit the SCRFD detector contract: "
                    + d, List.of(d));
        }
    }

    @Override
    protected void shapeOutputs(int w, int h, Map<String, FloatTensor> outputs) {
        for (int i = 0; i < strides.length; i++) {
            int n = (w / strides[i]) * (h / strides[i]) * anchors;
            outputs.put(scoreNames[i], shapeRows(session, scoreNames[i], score[i], n, 1));
            outputs.put(boxNames[i], shapeRows(session, boxNames[i], bbox[i], n, 4));
            outputs.put(kpsNames[i], shapeRows(session, kpsNames[i], kps[i], n, 10));
        }
    }

    @Override
    protected void decode(int w, int h, float threshold, Candidates out) {
        for (int i = 0; i < strides.length; i++) {
            int s = strides[i];
            int cols = w / s;
            int n = cols * (h / s) * anchors;
            FloatBuffer sc = score[i].buffer();
            FloatBuffer b = bbox[i].buffer();
            FloatBuffer k = kps[i].buffer();
            for (int a = 0; a < n; a++) {
                float sv = sc.get(a);
                if (sv < threshold) {
                    continue;
                }
                int loc = a / anchors;
                float cx = (loc % cols) * s;
                float cy = (loc / cols) * s;
                float x1 = cx - b.get(4 * a) * s;
                float y1 = cy - b.get(4 * a + 1) * s;
                float x2 = cx + b.get(4 * a + 2) * s;
                float y2 = cy + b.get(4 * a + 3) * s;
                for (int p = 0; p < 5; p++) {
                    lm[2 * p] = cx + k.get(10 * a + 2 * p) * s;
                    lm[2 * p + 1] = cy + k.get(10 * a + 2 * p + 1) * s;
                }
                out.add(x1, y1, x2, y2, sv, lm);
            }
        }
    }
}
