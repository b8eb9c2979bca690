package org.manyfaces.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.google.gson.GsonBuilder;

import org.manyfaces.disclosure.FaceMarkReader;
import org.manyfaces.disclosure.MarkReading;
import org.manyfaces.disclosure.Payload;
import org.manyfaces.disclosure.ProvenanceRecord;
import org.manyfaces.disclosure.WatermarkDetector;
import org.manyfaces.effect.DisclosurePayloads;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.DetectorPreference;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.video.FrameSource;
import org.manyfaces.video.MediaFiles;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.SequencePattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code manyfaces verify}: looks for ManyFaces's invisible disclosure marks in a picture, a video or an image
 * sequence and reports what they carry, and which of the two marks it found. Face marks first (Face Swap with
 * "Face mark" set to Invisible): faces are detected on a few frames per second, tied into tracks, and each track's
 * evidence adds up before it is judged ({@link FaceMarkScan}); a still's faces are judged alone. When no face
 * carries one, the frame-anchored mark (Face Swap's default, the robust region mark, and Image Translate's) is
 * looked for with {@link WatermarkDetector} in up to {@code --max-frames} frames. A provenance record beside the
 * file is reported with the models' short ids, and whether it agrees with the mark.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = ManyFacesVersion.class,
        usageHelpAutoWidth = true, sortOptions = false,
        header = "Check a picture or video for the ManyFaces disclosure watermark.",
        description = {"Look for ManyFaces's invisible disclosure watermark and print the result as JSON: found, "
                + "confidence, which mark it is (face: the face mark of Face Swap's Invisible choice, read per face "
                + "track; frame: the frame-anchored mark of Face Swap's default Robust choice and of Image Translate) "
                + "and what it says (made by ManyFaces, which effect, a short hash of the model); "
                + "for videos, every face track with its frames, score and payload. Exit code 0 when a watermark is "
                + "found, 6 when none is. A provenance record FILE.manyfaces.json beside the file is reported too "
                + "(models with their SHA-256 and the short id a mark carries), and whether it agrees with the mark."},
        footerHeading = "%nExamples:%n",
        footer = {"  manyfaces verify swapped.mp4", "  manyfaces verify frame.png && echo marked"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A picture, video, sequence pattern or folder of pictures.")
    String file;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "12",
            description = "Frames of a video read for the frame-anchored mark when no face carries a face mark, "
                    + "spread over its length (default: ${DEFAULT-VALUE}).")
    int maxFrames;

    @Option(names = "--samples-per-second", paramLabel = "R", defaultValue = "5",
            description = "Frames per second of video on which faces are detected and their marks read; each face "
                    + "track adds up the evidence of its frames (default: ${DEFAULT-VALUE}).")
    double samplesPerSecond;

    @Option(names = "--detector", paramLabel = "yunet|scrfd|retinaface", defaultValue = "yunet",
            description = "Face detector that finds the faces whose marks are read (default: ${DEFAULT-VALUE}).")
    String detectorFamily;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws Exception {
        if (maxFrames < 1) {
            throw new ParameterException(spec.commandLine(), "--max-frames must be at least 1, got " + maxFrames);
        }
        if (!(samplesPerSecond > 0)) {
            throw new ParameterException(spec.commandLine(), "--samples-per-second must be positive, got " + samplesPerSecond);
        }
        String family = detectorFamily.toLowerCase(Locale.ROOT);
        if (!DetectorPreference.isFamily(family)) {
            throw new ParameterException(spec.commandLine(), "unknown detector '" + detectorFamily + "'; use one of "
                    + String.join(", ", DetectorPreference.FAMILIES));
        }
        ManyFacesCli root = (ManyFacesCli) spec.root().userObject();
        ModelCatalogue models = modelOptions.catalogue();
        Optional<ModelCatalogue.Detector> model = models.detector(family, models.locator());
        FaceMarkScan scan = null;
        Sampled sampled;
        try {
            if (model.isEmpty()) {
                root.err().println("manyfaces verify: no " + family + " face detector model found, so face marks "
                        + "(Face Swap's Invisible choice) are not read; only the frame-anchored mark is.");
            }
            FaceDetector detector = model.map(m -> (FaceDetector) FaceDetectors.open(InferenceEngine.shared(), m.file(),
                    ProviderChoice.AUTO, DetectorOptions.defaults())).orElse(null);
            float threshold = model.map(ModelCatalogue.Detector::defaultThreshold).orElse(0.9f);
            sampled = sample(detector, threshold);
            scan = sampled.scan();
        } catch (MediaInputException e) {
            root.err().println("manyfaces verify: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.INPUT_UNREADABLE;
        }
        if (sampled.frames().isEmpty()) {
            root.err().println("manyfaces verify: " + file + " has no frames");
            return ExitCodes.INPUT_UNREADABLE;
        }
        List<FaceMarkScan.Track> tracks = scan == null ? List.of() : scan.tracks();
        MarkReading d = MarkReading.none();
        String mark = null;
        for (FaceMarkScan.Track t : tracks) {
            if (t.reading().found() && t.reading().score() > d.score()) {
                d = t.reading();
                mark = "face";
            }
        }
        if (!d.found()) {
            // No face carries a face mark: look for the frame-anchored mark (Face Swap's robust region mark, Image
            // Translate's) in a few frames, together (a whole-frame mark is fixed to the frame grid, so evidence
            // adds up) and each alone (a region mark moves with its face).
            WatermarkDetector frameDetector = new WatermarkDetector(DisclosurePayloads.known());
            List<ImageView> frames = sampled.frames();
            d = frameDetector.detect(frames);
            if (frames.size() > 1) {
                for (ImageView f : frames) {
                    MarkReading one = frameDetector.detect(f);
                    if (one.found() && one.score() > d.score()) {
                        d = one;
                    }
                }
            }
            mark = d.found() ? "frame" : null;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file);
        doc.put("framesExamined", sampled.examined());
        doc.put("found", d.found());
        Optional<ProvenanceRecord> record = provenanceRecord(root);
        if (d.found()) {
            doc.put("mark", mark);
            doc.put("payload", payloadJson(d.payload()));
            doc.put("confidence", Math.round(d.confidence() * 1000) / 1000.0);
            doc.put("score", Math.round(d.score() * 10) / 10.0);
            if ("frame".equals(mark)) {
                doc.put("scale", Math.round(d.scale() * 1000) / 1000.0);
            }
        }
        if (!tracks.isEmpty()) {
            doc.put("faceTracks", tracks.stream().map(FaceMarkScan.Track::toJson).toList());
        }
        record.ifPresent(r -> doc.put("provenance", provenanceJson(r)));
        if (d.found() && record.isPresent()) {
            doc.put("sidecarAgrees", agrees(record.get(), d.payload()));
        }
        root.out().println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(doc));
        root.out().flush();
        return d.found() ? ExitCodes.OK : ExitCodes.NO_WATERMARK;
    }

    /** What the mark's payload says, for the JSON answer. */
    static Map<String, Object> payloadJson(Payload p) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("manyfaces", p.isManyFaces());
        payload.put("effect", DisclosurePayloads.effectOf(p).map(e -> e.id())
                .orElse("unknown effect " + p.effectId()));
        payload.put("modelHash", String.format("%04x", p.modelHash()));
        return payload;
    }

    /** The frames read: all of a still or sequence picture; for a video the frame-mark sample and the face scan. */
    private record Sampled(List<ImageView> frames, int examined, FaceMarkScan scan) {
    }

    /**
     * One pass over the input: every face-sampled frame goes through the face scan (when a detector is there),
     * and up to {@code maxFrames} frames spread over the input are kept (as copies: readers reuse their
     * buffers) for the frame-anchored mark.
     */
    private Sampled sample(FaceDetector detector, float threshold) throws Exception {
        List<ImageView> out = new ArrayList<>();
        if (!SequencePattern.looksLikePattern(file) && !Files.isDirectory(Path.of(file))
                && StillImages.READABLE.contains(StillImages.extension(file))) {
            ImageView still = StillImages.read(Path.of(file));
            out.add(still);
            FaceMarkScan scan = null;
            if (detector != null) {
                scan = new FaceMarkScan(detector, threshold, new FaceMarkReader(DisclosurePayloads.known()), 25, true);
                scan.add(0, still);
            }
            return new Sampled(out, 1, scan);
        }
        if (!SequencePattern.looksLikePattern(file) && !Files.exists(Path.of(file))) {
            throw new MediaInputException("no such file or folder");
        }
        try (FrameSource src = MediaFiles.openSource(file, MediaFiles.DEFAULT_SEQUENCE_FPS)) {
            double fps = src.info().frameRate();
            long faceStep = Math.max(1, Math.round(fps / samplesPerSecond));
            FaceMarkScan scan = detector == null ? null
                    : new FaceMarkScan(detector, threshold, new FaceMarkReader(DisclosurePayloads.known()), fps, false);
            long count = src.info().frameCount();
            long step = count > maxFrames ? count / maxFrames : 1;
            int examined = 0;
            ImageView v;
            for (long i = 0; (v = src.next()) != null; i++) {
                boolean faceFrame = scan != null && i % faceStep == 0;
                boolean keep = i % step == 0 && out.size() < maxFrames;
                if (faceFrame) {
                    scan.add(i, v);
                }
                if (keep) {
                    ImageView copy = ImageView.allocate(v.width(), v.height(), PixelFormat.RGBA_U8);
                    copy.copyFrom(v);
                    out.add(copy);
                }
                examined += faceFrame || keep ? 1 : 0;
            }
            return new Sampled(out, examined, scan);
        }
    }

    /** The provenance record beside the file, when there is a readable one (an unreadable one is said once). */
    private Optional<ProvenanceRecord> provenanceRecord(ManyFacesCli root) {
        Path sidecar = RenderSidecar.pathFor(file);
        if (!Files.isRegularFile(sidecar)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProvenanceRecord.fromJson(Files.readString(sidecar)));
        } catch (java.io.IOException | IllegalArgumentException e) {
            root.err().println("manyfaces verify: unreadable provenance record " + sidecar + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The record's summary, its watermark payload, and its models with the short id the mark carries. */
    private static Map<String, Object> provenanceJson(ProvenanceRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("summary", r.summary());
        m.put("effect", r.effectId());
        if (r.watermark().enabled()) {
            m.put("watermarkPayload", r.watermark().payload());
        }
        m.put("models", r.models().stream().map(f -> Map.of("name", f.name(), "sha256", f.sha256(),
                "shortId", f.sha256().substring(0, 4))).toList());
        return m;
    }

    /** True when the record says it wrote exactly the payload the mark carries. */
    private static boolean agrees(ProvenanceRecord r, Payload p) {
        return r.watermark().enabled() && p.equals(r.watermark().decodedPayload());
    }
}
