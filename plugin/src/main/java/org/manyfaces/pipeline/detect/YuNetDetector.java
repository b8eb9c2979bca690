package org.manyfaces.pipeline.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.manyfaces.inference.ContractCheck;
import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.ModelContract;
import org.manyfaces.inference.ModelSession;

/**
 * YuNet (OpenCV Zoo 2023mar, fixed 640x640, and libfacedetection's dynamic yunet_s): BGR 0..255 input,
 * 12 outputs (cls, obj, bbox, kps for strides 8/16/32), one anchor per location.
 *
 * <p>Decoding for stride s and index i (row = i / cols, col = i % cols): score = sqrt(cls * obj)
 * (both already sigmoid); centre = ((col + b0)·s, (row + b1)·s); size = (exp(b2)·s, exp(b3)·s);
 * landmark k = ((col + kx)·s, (row + ky)·s).
 */
public final class YuNetDetector extends OnnxFaceDetector {
    static final int[] STRIDES = {8, 16, 32};
    private final FloatTensor[] cls = new FloatTensor[3];
    private final FloatTensor[] obj = new FloatTensor[3];
    private final FloatTensor[] bbox = new FloatTensor[3];
    private final FloatTensor[] kps = new FloatTensor[3];
    private final float[] lm = new float[10];

    /** The I/O contract every YuNet export satisfies. */
    public static ModelContract contract() {
        List<ModelContract.Tensor> outs = new ArrayList<>();
        for (String kind : new String[] {"cls", "obj", "bbox", "kps"}) {
            int k = kind.equals("bbox") ? 4 : kind.equals("kps") ? 10 : 1;
            for (int s : STRIDES) {
                outs.add(ModelContract.Tensor.of(kind + "_" + s, -1, -1, k));
            }
        }
        return new ModelContract(List.of(ModelContract.Tensor.of("input", -1, 3, -1, -1)), outs);
    }

    public YuNetDetector(ModelSession session, DetectorOptions options) {
        super(checked(session), options, ChannelOrder.BGR, new float[] {0f}, new float[] {1f});
        int maxW = maxInputWidth();
        int maxH = maxInputHeight();
        for (int i = 0; i < 3; i++) {
            int n = (maxW / STRIDES[i]) * (maxH / STRIDES[i]);
            cls[i] = FloatTensor.withCapacity(n, 1, n, 1);
            obj[i] = FloatTensor.withCapacity(n, 1, n, 1);
            bbox[i] = FloatTensor.withCapacity(4 * n, 1, n, 4);
            kps[i] = FloatTensor.withCapacity(10 * n, 1, n, 10);
        }
    }

    private static ModelSession checked(ModelSession s) {
        ContractCheck.require(s, contract(), "YuNet detector");
        return s;
    }

    @Override
    protected void shapeOutputs(int w, int h, Map<String, FloatTensor> outputs) {
        for (int i = 0; i < 3; i++) {
            int s = STRIDES[i];
            int n = (w / s) * (h / s);
            outputs.put("cls_" + s, shapeRows(session, "cls_" + s, cls[i], n, 1));
            outputs.put("obj_" + s, shapeRows(session, "obj_" + s, obj[i], n, 1));
            outputs.put("bbox_" + s, shapeRows(session, "bbox_" + s, bbox[i], n, 4));
            outputs.put("kps_" + s, shapeRows(session, "kps_" + s, kps[i], n, 10));
        }
    }

    @Override
    protected void decode(int w, int h, float threshold, Candidates out) {
        for (int i = 0; i < 3; i++) {
            int s = STRIDES[i];
            int cols = w / s;
            int n = cols * (h / s);
            java.nio.FloatBuffer c = cls[i].buffer();
            java.nio.FloatBuffer o = obj[i].buffer();
            java.nio.FloatBuffer b = bbox[i].buffer();
            java.nio.FloatBuffer k = kps[i].buffer();
            for (int a = 0; a < n; a++) {
                float score = (float) Math.sqrt(clamp01(c.get(a)) * clamp01(o.get(a)));
                if (score < threshold) {
                    continue;
                }
                int row = a / cols;
                int col = a % cols;
                float cx = (col + b.get(4 * a)) * s;
                float cy = (row + b.get(4 * a + 1)) * s;
                float bw = (float) Math.exp(b.get(4 * a + 2)) * s;
                float bh = (float) Math.exp(b.get(4 * a + 3)) * s;
                for (int p = 0; p < 5; p++) {
                    lm[2 * p] = (col + k.get(10 * a + 2 * p)) * s;
                    lm[2 * p + 1] = (row + k.get(10 * a + 2 * p + 1)) * s;
                }
                out.add(cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2, score, lm);
            }
        }
    }

    private static float clamp01(float v) {
        return v < 0f ? 0f : Math.min(v, 1f);
    }
}
