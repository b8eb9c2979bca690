package org.manyfaces.pipeline.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;

/**
 * Prints median per-stage times (pre-process, session.run, decode+NMS) of the YuNet detectors on the real
 * photos (2023mar at its fixed 640x640, and the dynamic export at a frame-shaped input), next to OpenCV's
 * FaceDetectorYN on the same weights (RGBA -> BGR, resize to fit 640, detect at that size) for reference.
 *
 * <pre>
 * cd plugin && mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.manyfaces.pipeline.detect.DetectBench [runs] [cpu|auto]
 * </pre>
 * Needs the shared models/media folder ({@code MANYFACES_SHARED} or ../shared beside the checkout).
 */
public final class DetectBench {
    private static final String[] PHOTOS = {"astronaut_eileen_collins.png", "grace_hopper.jpg",
        "obama_official_portrait_2012.jpg", "obama_speaking_podium.jpg", "biden_official_portrait_2013.jpg",
        "biden_standing.jpg", "obama_biden_two_people.jpg"};

    private DetectBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        boolean auto = args.length > 1 && args[1].equalsIgnoreCase("auto");
        Path shared = sharedRoot();
        Path model = shared.resolve("models").resolve("face_detection_yunet_2023mar.onnx");
        try (InferenceEngine engine = new InferenceEngine(auto ? ProviderPolicy.fromEnvironment()
                : ProviderPolicy.cpuOnly())) {
            FaceDetectorYN cv = FaceDetectorYN.create(model.toString(), "", new Size(640, 640), 0.9f, 0.3f, 5000, 0, 0);
            for (String file : new String[] {"face_detection_yunet_2023mar.onnx", "yunet_s_dynamic.onnx"}) {
                OnnxFaceDetector yunet = FaceDetectors.open(engine, shared.resolve("models").resolve(file),
                        auto ? ProviderChoice.AUTO : ProviderChoice.CPU, DetectorOptions.defaults());
                System.out.println();
                System.out.printf("%s (%s), ORT %s on %s, %d runs per photo, %d cores; medians in ms%n", file,
                        file.contains("dynamic") ? "input shaped like the frame, long side 640" : "fixed 640x640",
                        engine.ortVersion(), yunet.session.provider().describe(), runs,
                        Runtime.getRuntime().availableProcessors());
                table(yunet, cv, shared, runs);
            }
        }
    }

    private static void table(OnnxFaceDetector yunet, FaceDetectorYN cv, Path shared, int runs) {
        {
            System.out.printf("%-34s %9s %6s %7s %7s %7s %7s %9s %6s%n", "photo", "size", "faces", "pre", "run",
                    "decode", "total", "opencv", "cv/ort");
            List<Double> ratios = new ArrayList<>();
            for (String p : PHOTOS) {
                ImageView img = TestPhotos.rgba8(shared.resolve("media").resolve(p));
                long[] pre = new long[runs];
                long[] run = new long[runs];
                long[] dec = new long[runs];
                long[] tot = new long[runs];
                long[] ocv = new long[runs];
                int faces = 0;
                int cvFaces = 0;
                Mat rgba = new Mat(img.height(), img.width(), opencv_core.CV_8UC4,
                        new BytePointer(img.buffer()), img.rowStride());
                Mat bgr = new Mat();
                Mat small = new Mat();
                Mat out = new Mat();
                for (int i = -5; i < runs; i++) {
                    long t0 = System.nanoTime();
                    faces = yunet.detect(img, 0.9f).size();
                    long t1 = System.nanoTime();
                    OnnxFaceDetector.Timings t = yunet.lastTimings();
                    // OpenCV reference: the same work from the same RGBA memory.
                    long c0 = System.nanoTime();
                    opencv_imgproc.cvtColor(rgba, bgr, opencv_imgproc.COLOR_RGBA2BGR);
                    double s = Math.min(640.0 / img.width(), 640.0 / img.height());
                    Size sz = new Size((int) Math.round(img.width() * s), (int) Math.round(img.height() * s));
                    opencv_imgproc.resize(bgr, small, sz, 0, 0, opencv_imgproc.INTER_LINEAR);
                    cv.setInputSize(sz);
                    cv.detect(small, out);
                    cvFaces = out.rows();
                    long c1 = System.nanoTime();
                    if (i >= 0) {
                        pre[i] = t.preprocessNanos();
                        run[i] = t.runNanos();
                        dec[i] = t.decodeNanos();
                        tot[i] = t1 - t0;
                        ocv[i] = c1 - c0;
                    }
                }
                double ratio = median(ocv) / median(tot);
                ratios.add(ratio);
                System.out.printf("%-34s %9s %3d/%-2d %7.2f %7.2f %7.2f %7.2f %9.2f %6.2f%n", p,
                        img.width() + "x" + img.height(), faces, cvFaces, median(pre), median(run), median(dec),
                        median(tot), median(ocv), ratio);
            }
            double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("median OpenCV/ORT time ratio: %.2f (>1 = ORT path faster; faces: ours/OpenCV at 0.9)%n",
                    r[r.length / 2]);
        }
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    private static Path sharedRoot() {
        String env = System.getenv("MANYFACES_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared").resolve("models"))) {
                return p.resolve("shared");
            }
        }
        throw new IllegalStateException("shared models/media folder not found; set MANYFACES_SHARED");
    }
}
