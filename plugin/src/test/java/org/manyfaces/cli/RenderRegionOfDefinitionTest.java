package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectContext;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.EffectRenderer;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import org.manyfaces.effect.ParamValues;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.testsupport.SharedFiles;
import org.manyfaces.video.TestMedia;
import org.manyfaces.video.VideoReader;

/**
 * The command line is a host that honours the region of definition: Image Translate with the real ESPCN x3
 * model gives a picture or a video three times the input's size, whether the model is chosen by name or as a
 * file (the manifest knows the file by its SHA-256, so the manifest's contract applies).
 */
class RenderRegionOfDefinitionTest {
    private static final Path ESPCN = SharedFiles.model("superres_espcn_x3_y.onnx");

    @TempDir
    Path tmp;

    @Test
    void aX3ModelGivesAPictureThreeTimesTheInputExactlyAsTheRendererInProcess() throws Exception {
        Path photo = SharedFiles.media("grace_hopper.jpg");
        Path out = tmp.resolve("x3.png");
        CliRun r = CliRun.inProcess("render", "-e", "translate", "-i", photo.toString(), "-o", out.toString(),
                "--models", ESPCN.getParent().toString(), "--set", "model=superres_espcn_x3_y");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        ImageView in = StillImages.read(photo);
        ImageView got = StillImages.read(out);
        assertEquals(3 * in.width(), got.width(), "width");
        assertEquals(3 * in.height(), got.height(), "height");

        ImageView expected = renderInProcess(in, "model", "superres_espcn_x3_y (x3 super-resolution)");
        assertEquals(0, maxDifference(expected, got), "the CLI renders what the renderer renders in process");
        // And it is the photo, enlarged: each 3x3 block averages back to the input pixel.
        assertTrue(meanBlockDifference(in, got) < 0.03, "mean block difference " + meanBlockDifference(in, got));
    }

    @Test
    void theManifestModelChosenAsARenamedFileUsesTheManifestContract() throws Exception {
        // A new name, so only its content (SHA-256) can tell the manifest which model it is.
        Path renamed = Files.copy(ESPCN, Files.createDirectory(tmp.resolve("mine")).resolve("upscaler.onnx"));
        Path photo = SharedFiles.media("grace_hopper.jpg");
        Path out = tmp.resolve("x3-file.png");
        CliRun r = CliRun.inProcess("render", "-v", "-e", "translate", "-i", photo.toString(), "-o", out.toString(),
                "--set", "model=Model file", "--set", "modelFile=" + renamed);
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.err().contains("contract from manifest"), r.err());
        ImageView in = StillImages.read(photo);
        ImageView got = StillImages.read(out);
        assertEquals(3 * in.width(), got.width());
        assertEquals(3 * in.height(), got.height());
        assertTrue(meanBlockDifference(in, got) < 0.03, "mean block difference " + meanBlockDifference(in, got));
    }

    @Test
    void aX3ModelGivesAVideoThreeTimesTheInput() throws Exception {
        Path clip = SharedFiles.media("faces_pd_640x360_6s.mp4");
        Path out = tmp.resolve("x3.mp4");
        CliRun r = CliRun.inProcess("render", "-e", "translate", "-i", clip.toString(), "-o", out.toString(),
                "--frames", "0-2", "--models", ESPCN.getParent().toString(), "--set", "model=superres_espcn_x3_y");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        ImageView first;
        ImageView firstOut;
        try (VideoReader in = VideoReader.open(clip); VideoReader v = VideoReader.open(out)) {
            assertEquals(1920, v.info().width());
            assertEquals(1080, v.info().height());
            first = copy(in.next());
            firstOut = copy(v.next());
            int frames = 1;
            while (v.next() != null) {
                frames++;
            }
            assertEquals(3, frames);
        }
        // Lossy H.264 in between: the decoded frame is close to the in-process render, not bit-exact.
        ImageView expected = renderInProcess(first, "model", "superres_espcn_x3_y (x3 super-resolution)");
        double difference = TestMedia.meanAbsDiff(expected, firstOut);
        assertTrue(difference < 0.02, "mean difference " + difference);
    }

    /** The Image Translate renderer called directly, with the whole source and a window of three times its size. */
    private static ImageView renderInProcess(ImageView source, String param, String value) {
        EffectDescriptor d = EffectCatalogue.effects().stream().filter(e -> e.id().equals(ImageTranslateEffect.ID))
                .findFirst().orElseThrow();
        ParamValues params = new ParamValues(d.params()).set(param, value);
        ImageView out = ImageView.allocate(source.width() * 3, source.height() * 3, PixelFormat.RGBA_U8);
        try (EffectRenderer r = d.rendererFactory().create(new EffectContext(new CliMessages(System.err, false),
                ModelCatalogue.packed(List.of(ESPCN.getParent()))))) {
            r.render(new RenderRequest(0, 1, 1, new PixelRect(0, 0, out.width(), out.height()), source, out,
                    new PixelRect(0, 0, source.width(), source.height()), null), params);
        }
        return out;
    }

    private static ImageView copy(ImageView v) {
        ImageView c = ImageView.allocate(v.width(), v.height(), PixelFormat.RGBA_U8);
        c.copyFrom(v);
        return c;
    }

    private static float maxDifference(ImageView a, ImageView b) {
        float max = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    max = Math.max(max, Math.abs(a.get(x, y, c) - b.get(x, y, c)));
                }
            }
        }
        return max;
    }

    /** Mean over the input's pixels of |input - average of its 3x3 block in the enlarged picture|. */
    private static double meanBlockDifference(ImageView small, ImageView big) {
        double sum = 0;
        for (int y = 0; y < small.height(); y++) {
            for (int x = 0; x < small.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    double block = 0;
                    for (int dy = 0; dy < 3; dy++) {
                        for (int dx = 0; dx < 3; dx++) {
                            block += big.get(3 * x + dx, 3 * y + dy, c);
                        }
                    }
                    sum += Math.abs(block / 9 - small.get(x, y, c));
                }
            }
        }
        return sum / (3.0 * small.width() * small.height());
    }
}
