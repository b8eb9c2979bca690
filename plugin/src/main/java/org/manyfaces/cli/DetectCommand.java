package org.manyfaces.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.GsonBuilder;

import org.manyfaces.image.ImageView;
import org.manyfaces.inference.DetectorPreference;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.pipeline.chain.DetectionOverlay;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.MediaOutputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code manyfaces detect}: finds the faces in a picture with the effects' own detectors and prints them
 * as JSON on stdout (box, score, five landmarks), optionally saving the picture with the detections drawn.
 */
@Command(name = "detect", mixinStandardHelpOptions = true, versionProvider = ManyFacesVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Find the faces in a picture; print them as JSON.",
        description = {
                "Find the faces in a picture and print them as JSON: box (x, y, width, height in pixels, top-left "
                        + "origin), score, and five landmarks (image-left eye, image-right eye, nose, image-left and "
                        + "image-right mouth corner), best first."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  manyfaces detect group.jpg",
                "  manyfaces detect group.jpg --detector retinaface --threshold 0.8 --annotate faces.png",
                "  manyfaces detect group.jpg | jq '.faces | length'"})
final class DetectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A PNG, JPEG or BMP picture.")
    Path image;

    @Option(names = "--detector", paramLabel = "yunet|scrfd|retinaface", defaultValue = "yunet",
            description = "Detector network (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Minimum score, 0..1 (default: the model's own, from the manifest: 0.9 for yunet and "
                    + "retinaface, 0.5 for scrfd).")
    Float threshold;

    @Option(names = "--annotate", paramLabel = "OUT.png",
            description = "Also save the picture with boxes (green) and landmarks (red) drawn.")
    Path annotate;

    @Option(names = "--cpu", description = "Run on the CPU even when a GPU is available.")
    boolean cpu;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws Exception {
        String family = detector.toLowerCase(Locale.ROOT);
        if (!DetectorPreference.isFamily(family)) {
            throw new ParameterException(spec.commandLine(), "unknown detector '" + detector + "'; use one of "
                    + String.join(", ", DetectorPreference.FAMILIES));
        }
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new ParameterException(spec.commandLine(), "--threshold must be between 0 and 1, got " + threshold);
        }
        if (annotate != null) {
            String ext = StillImages.extension(annotate.toString());
            if (!StillImages.WRITABLE.contains(ext)) {
                throw new ParameterException(spec.commandLine(), "--annotate must name a .png or .jpg file, got " + annotate);
            }
        }
        ManyFacesCli root = (ManyFacesCli) spec.root().userObject();
        ImageView picture;
        try {
            picture = StillImages.read(image);
        } catch (MediaInputException e) {
            root.err().println("manyfaces detect: " + e.getMessage());
            return ExitCodes.INPUT_UNREADABLE;
        }
        ModelCatalogue models = modelOptions.catalogue();
        ModelCatalogue.Detector model = models.requireDetector(family, models.locator(), "manyfaces detect");
        float t = threshold != null ? threshold : model.defaultThreshold();
        FaceDetector d = FaceDetectors.open(InferenceEngine.shared(), model.file(),
                cpu ? ProviderChoice.CPU : ProviderChoice.AUTO, DetectorOptions.defaults());
        List<Face> faces = d.detect(picture, t);

        root.out().println(toJson(faces, picture, family, model, t));
        root.out().flush();
        if (annotate != null) {
            for (Face f : faces) {
                DetectionOverlay.draw(picture, f, DetectionOverlay.GREEN);
            }
            try {
                StillImages.write(picture, annotate, StillImages.extension(annotate.toString()));
            } catch (MediaOutputException e) {
                root.err().println("manyfaces detect: " + e.getMessage());
                return ExitCodes.OUTPUT_UNWRITABLE;
            }
        }
        return ExitCodes.OK;
    }

    private String toJson(List<Face> faces, ImageView picture, String family, ModelCatalogue.Detector model, float t) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("image", image.toString());
        doc.put("width", picture.width());
        doc.put("height", picture.height());
        doc.put("detector", family);
        doc.put("model", model.spec().id());
        doc.put("modelFile", model.file().toAbsolutePath().normalize().toString());
        doc.put("threshold", t);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Face f : faces) {
            Map<String, Object> face = new LinkedHashMap<>();
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("x", round(f.box().x()));
            box.put("y", round(f.box().y()));
            box.put("width", round(f.box().width()));
            box.put("height", round(f.box().height()));
            face.put("box", box);
            face.put("score", Math.round(f.score() * 10000) / 10000.0);
            List<double[]> lm = new ArrayList<>();
            for (int i = 0; i < Face.LANDMARKS; i++) {
                lm.add(new double[] {round(f.landmarkX(i)), round(f.landmarkY(i))});
            }
            face.put("landmarks", lm);
            list.add(face);
        }
        doc.put("faces", list);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(doc);
    }

    private static double round(float v) {
        return Math.round(v * 10) / 10.0;
    }
}
