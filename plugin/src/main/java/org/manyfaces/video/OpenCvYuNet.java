package org.manyfaces.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * OpenCV's own YuNet detector ({@code FaceDetectorYN}, through JavaCV) used the way OpenCV's samples use
 * it: RGBA → BGR, resize so the long side fits 640, detect at that size. The reference the bench holds
 * our detector against, for speed and for boxes. Not thread-safe; close when done.
 *
 * <p>It lives in {@code video} because that package is the one adapter to JavaCV (FFmpeg and OpenCV),
 * the layer rule {@code LayerRulesTest} checks; the bench reaches OpenCV only through this class.
 */
public final class OpenCvYuNet implements AutoCloseable {
    private static final int SIDE = 640;
    private final FaceDetectorYN detector;
    private final Mat bgr = new Mat();
    private final Mat small = new Mat();
    private final Mat faces = new Mat();

    private OpenCvYuNet(FaceDetectorYN detector) {
        this.detector = detector;
    }

    public static OpenCvYuNet open(Path model, float threshold) {
        return new OpenCvYuNet(FaceDetectorYN.create(model.toString(), "", new Size(SIDE, SIDE), threshold, 0.3f, 5000, 0, 0));
    }

    /** Boxes {x, y, w, h, score} in frame pixels of a top-down RGBA 8-bit frame. */
    public List<float[]> detect(ImageView frame) {
        if (frame.format() != PixelFormat.RGBA_U8 || frame.rowStride() <= 0) {
            throw new IllegalArgumentException("the OpenCV reference reads top-down RGBA 8-bit frames, got " + frame);
        }
        try (Mat rgba = new Mat(frame.height(), frame.width(), opencv_core.CV_8UC4,
                new BytePointer(frame.buffer()).position(frame.rowOffset(0)), frame.rowStride())) {
            opencv_imgproc.cvtColor(rgba, bgr, opencv_imgproc.COLOR_RGBA2BGR);
        }
        double s = Math.min((double) SIDE / frame.width(), (double) SIDE / frame.height());
        try (Size sz = new Size((int) Math.round(frame.width() * s), (int) Math.round(frame.height() * s))) {
            opencv_imgproc.resize(bgr, small, sz, 0, 0, opencv_imgproc.INTER_LINEAR);
            detector.setInputSize(sz);
        }
        detector.detect(small, faces);
        List<float[]> boxes = new ArrayList<>();
        if (faces.rows() > 0) {
            try (FloatIndexer idx = faces.createIndexer()) {
                for (int r = 0; r < faces.rows(); r++) {
                    float inv = (float) (1 / s);
                    boxes.add(new float[] {idx.get(r, 0) * inv, idx.get(r, 1) * inv, idx.get(r, 2) * inv,
                        idx.get(r, 3) * inv, idx.get(r, 14)});
                }
            }
        }
        return boxes;
    }

    /** OpenCV's own thread count, so the reference gets as many threads as the detector it is held against. */
    public static void setThreads(int n) {
        opencv_core.setNumThreads(n);
    }

    @Override
    public void close() {
        bgr.close();
        small.close();
        faces.close();
        detector.close();
    }
}
