package org.manyfaces.pipeline.detect;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.manyfaces.inference.ContractCheck;
import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.ModelContract;
import org.manyfaces.inference.ModelSession;

/**
 * RetinaFace in the biubug6 Pytorch_Retinaface layout (e.g. MobileNet-0.25): BGR input minus
 * (104,117,123); outputs {@code loc} [1,A,4], {@code conf} [1,A,2] (softmax, index 1 = face) and the
 * landmarks in the output named {@code iou} [1,A,10].
 *
 * <p>Priors: for steps 8/16/32 with min sizes {16,32}, {64,128}, {256,512}, for each cell (row-major) and
 * each min size: centre ((j+0.5)·step/W, (i+0.5)·step/H), size (m/W, m/H). Decoding with variances
 * (0.1, 0.2): centre = prior centre + loc·0.1·prior size; size = prior size·exp(loc·0.2); landmark =
 * prior centre + offset·0.1·prior size; all scaled back by the input W and H.
 */
public final class RetinaFaceDetector extends OnnxFaceDetector {
    private static final int[] STEPS = {8, 16, 32};
    private static final int[][] MIN_SIZES = {{16, 32}, {64, 128}, {256, 512}};
    private static final float V0 = 0.1f;
    private static final float V1 = 0.2f;

    private final FloatTensor loc;
    private final FloatTensor conf;
    private final FloatTensor landmarks;
    private float[] priors = new float[0];
    private int priorW = -1;
    private int priorH = -1;
    private int priorCount;
    private final float[] lm = new float[10];

    public static ModelContract contract() {
        return new ModelContract(List.of(ModelContract.Tensor.positional(-1, 3, -1, -1)),
                List.of(ModelContract.Tensor.of("loc", -1, -1, 4), ModelContract.Tensor.of("conf", -1, -1, 2),
                        ModelContract.Tensor.of("iou", -1, -1, 10)));
    }

    public RetinaFaceDetector(ModelSession session, DetectorOptions options) {
        super(checked(session), options, ChannelOrder.BGR, new float[] {104f, 117f, 123f}, new float[] {1f});
        int n = priorCount(maxInputWidth(), maxInputHeight());
        loc = FloatTensor.withCapacity(4 * n, 1, n, 4);
        conf = FloatTensor.withCapacity(2 * n, 1, n, 2);
        landmarks = FloatTensor.withCapacity(10 * n, 1, n, 10);
    }

    private static ModelSession checked(ModelSession s) {
        ContractCheck.require(s, contract(), "RetinaFace detector");
        return s;
    }

    private static int priorCount(int w, int h) {
        int n = 0;
        for (int k = 0; k < STEPS.length; k++) {
            n += ceilDiv(h, STEPS[k]) * ceilDiv(w, STEPS[k]) * MIN_SIZES[k].length;
        }
        return n;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    protected void shapeOutputs(int w, int h, Map<String, FloatTensor> outputs) {
        buildPriors(w, h);
        outputs.put("loc", shapeRows(session, "loc", loc, priorCount, 4));
        outputs.put("conf", shapeRows(session, "conf", conf, priorCount, 2));
        outputs.put("iou", shapeRows(session, "iou", landmarks, priorCount, 10));
    }

    private void buildPriors(int w, int h) {
        if (w == priorW && h == priorH) {
            return;
        }
        priorCount = priorCount(w, h);
        if (priors.length < 4 * priorCount) {
            priors = new float[4 * priorCount];
        }
        int p = 0;
        for (int k = 0; k < STEPS.length; k++) {
            int step = STEPS[k];
            int rows = ceilDiv(h, step);
            int cols = ceilDiv(w, step);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    for (int m : MIN_SIZES[k]) {
                        priors[p++] = (j + 0.5f) * step / w;
                        priors[p++] = (i + 0.5f) * step / h;
                        priors[p++] = (float) m / w;
                        priors[p++] = (float) m / h;
                    }
                }
            }
        }
        priorW = w;
        priorH = h;
    }

    @Override
    protected void decode(int w, int h, float threshold, Candidates out) {
        FloatBuffer l = loc.buffer();
        FloatBuffer c = conf.buffer();
        FloatBuffer k = landmarks.buffer();
        for (int a = 0; a < priorCount; a++) {
            float score = c.get(2 * a + 1);
            if (score < threshold) {
                continue;
            }
            float pcx = priors[4 * a];
            float pcy = priors[4 * a + 1];
            float pw = priors[4 * a + 2];
            float ph = priors[4 * a + 3];
            float cx = pcx + l.get(4 * a) * V0 * pw;
            float cy = pcy + l.get(4 * a + 1) * V0 * ph;
            float bw = pw * (float) Math.exp(l.get(4 * a + 2) * V1);
            float bh = ph * (float) Math.exp(l.get(4 * a + 3) * V1);
            for (int p = 0; p < 5; p++) {
                lm[2 * p] = (pcx + k.get(10 * a + 2 * p) * V0 * pw) * w;
                lm[2 * p + 1] = (pcy + k.get(10 * a + 2 * p + 1) * V0 * ph) * h;
            }
            out.add((cx - bw / 2) * w, (cy - bh / 2) * h, (cx + bw / 2) * w, (cy + bh / 2) * h, score, lm);
        }
    }
}
