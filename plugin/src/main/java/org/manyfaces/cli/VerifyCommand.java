package org.manyfaces.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.GsonBuilder;

import org.manyfaces.disclosure.MarkReading;
import org.manyfaces.disclosure.Payload;
import org.manyfaces.disclosure.ProvenanceRecord;
import org.manyfaces.disclosure.WatermarkDetector;
import org.manyfaces.effect.DisclosurePayloads;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.video.FrameSource;
import org.manyfaces.video.MediaFiles;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.SequencePattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code manyfaces verify}: looks for ManyFaces's invisible disclosure watermark in a picture, a video or an
 * image sequence with {@link WatermarkDetector} (public key), and reports what it carries. Evidence of
 * several frames of a video adds up for whole-frame marks; each frame is also read alone (face marks move with
 * the face), testing the payloads ManyFaces writes directly, so re-encoded or rescaled copies are still recognised.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = ManyFacesVersion.class,
        usageHelpAutoWidth = true, sortOptions = false,
        header = "Check a picture or video for the ManyFaces disclosure watermark.",
        description = {"Look for ManyFaces's invisible disclosure watermark and print the result as JSON: found, "
                + "confidence, and what the mark says (made by ManyFaces, which effect, a short hash of the model). "
                + "Exit code 0 when a watermark is found, 6 when none is. A provenance record FILE.manyfaces.json "
                + "beside the file is summarised too."},
        footerHeading = "%nExamples:%n",
        footer = {"  manyfaces verify swapped.mp4", "  manyfaces verify frame.png && echo marked"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A picture, video, sequence pattern or folder of pictures.")
    String file;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "12",
            description = "Frames of a video examined together, spread over its length (default: ${DEFAULT-VALUE}).")
    int maxFrames;

    @Override
    public Integer call() {
        if (maxFrames < 1) {
            throw new ParameterException(spec.commandLine(), "--max-frames must be at least 1, got " + maxFrames);
        }
        ManyFacesCli root = (ManyFacesCli) spec.root().userObject();
        List<ImageView> frames;
        try {
            frames = sample();
        } catch (MediaInputException e) {
            root.err().println("manyfaces verify: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.INPUT_UNREADABLE;
        }
        if (frames.isEmpty()) {
            root.err().println("manyfaces verify: " + file + " has no frames");
            return ExitCodes.INPUT_UNREADABLE;
        }
        WatermarkDetector detector = new WatermarkDetector(DisclosurePayloads.known());
        // The frames together first (a whole-frame mark is fixed to the frame grid, so its evidence adds up),
        // then each frame alone: a face mark moves with the face, so it is read per frame.
        MarkReading d = detector.detect(frames);
        if (frames.size() > 1) {
            for (ImageView f : frames) {
                MarkReading one = detector.detect(f);
                if (one.found() && one.score() > d.score()) {
                    d = one;
                }
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file);
        doc.put("framesExamined", frames.size());
        doc.put("found", d.found());
        if (d.found()) {
            Payload p = d.payload();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("manyfaces", p.isManyFaces());
            payload.put("effect", p.effectId() == Payload.EFFECT_FACE_SWAP ? "org.manyfaces.FaceSwap"
                    : p.effectId() == Payload.EFFECT_IMAGE_TRANSLATE ? "org.manyfaces.ImageTranslate"
                    : "unknown effect " + p.effectId());
            payload.put("modelHash", String.format("%04x", p.modelHash()));
            doc.put("payload", payload);
            doc.put("confidence", Math.round(d.confidence() * 1000) / 1000.0);
            doc.put("score", Math.round(d.score() * 10) / 10.0);
            doc.put("scale", Math.round(d.scale() * 1000) / 1000.0);
        }
        provenance().ifPresent(summary -> doc.put("provenance", summary));
        root.out().println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(doc));
        root.out().flush();
        return d.found() ? ExitCodes.OK : ExitCodes.NO_WATERMARK;
    }

    /** Up to {@code maxFrames} frames, evenly spread over the input, as copies (readers reuse their buffers). */
    private List<ImageView> sample() throws MediaInputException {
        List<ImageView> out = new ArrayList<>();
        if (!SequencePattern.looksLikePattern(file) && !Files.isDirectory(Path.of(file))
                && StillImages.READABLE.contains(StillImages.extension(file))) {
            out.add(StillImages.read(Path.of(file)));
            return out;
        }
        if (!SequencePattern.looksLikePattern(file) && !Files.exists(Path.of(file))) {
            throw new MediaInputException("no such file or folder");
        }
        try (FrameSource src = MediaFiles.openSource(file, MediaFiles.DEFAULT_SEQUENCE_FPS)) {
            long count = src.info().frameCount();
            long step = count > maxFrames ? count / maxFrames : 1;
            ImageView v;
            for (long i = 0; (v = src.next()) != null && out.size() < maxFrames; i++) {
                if (i % step == 0) {
                    ImageView copy = ImageView.allocate(v.width(), v.height(), PixelFormat.RGBA_U8);
                    copy.copyFrom(v);
                    out.add(copy);
                }
            }
        }
        return out;
    }

    /** The summary line of a provenance record beside the file, when there is a readable one. */
    private java.util.Optional<String> provenance() {
        Path sidecar = RenderSidecar.pathFor(file);
        if (!Files.isRegularFile(sidecar)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(ProvenanceRecord.fromJson(Files.readString(sidecar)).summary());
        } catch (java.io.IOException | IllegalArgumentException e) {
            return java.util.Optional.of("unreadable provenance record " + sidecar + ": " + e.getMessage());
        }
    }
}
