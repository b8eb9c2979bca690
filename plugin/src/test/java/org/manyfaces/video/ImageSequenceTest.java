package org.manyfaces.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

class ImageSequenceTest {
    @TempDir
    Path tmp;

    private List<ImageView> firstFrames(int n) throws Exception {
        List<ImageView> frames = new ArrayList<>();
        try (VideoReader r = VideoReader.open(TestMedia.faceClip())) {
            for (int i = 0; i < n; i++) {
                ImageView f = r.next();
                ImageView copy = ImageView.allocate(f.width(), f.height(), PixelFormat.RGBA_U8);
                copy.copyFrom(f);
                frames.add(copy);
            }
        }
        return frames;
    }

    private static void assertSamePixels(ImageView a, ImageView b, int tolerance, String what) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 4; c++) {
                    int va = Math.round(a.get(x, y, c) * 255);
                    int vb = Math.round(b.get(x, y, c) * 255);
                    if (Math.abs(va - vb) > tolerance) {
                        throw new AssertionError(what + ": pixel (" + x + "," + y + ") channel " + c + " is " + vb
                                + ", expected " + va);
                    }
                }
            }
        }
    }

    @Test
    void pngSequenceRoundTripIsLossless() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("png"));
        String pattern = dir.resolve("shot_%04d.png").toString();
        try (FrameSource in = VideoReader.open(TestMedia.faceClip());
             FrameSink out = MediaFiles.openSink(pattern, in.info(), VideoOutputOptions.defaults(), null)) {
            FramePipeline.builder(in, out).maxFrames(12).build().run();
        }
        for (int n = 1; n <= 12; n++) {
            assertTrue(Files.isRegularFile(dir.resolve(String.format("shot_%04d.png", n))), "missing frame " + n);
        }
        assertFalse(Files.exists(dir.resolve("shot_0013.png")));
        assertFalse(Files.exists(dir.resolve("shot_0000.png")));

        List<ImageView> expected = firstFrames(12);
        try (FrameSource seq = MediaFiles.openSource(pattern, 24)) {
            VideoInfo info = seq.info();
            assertEquals(12, info.frameCount());
            assertTrue(info.frameCountExact());
            assertEquals(24.0, info.frameRate());
            assertEquals(640, info.width());
            for (int i = 0; i < 12; i++) {
                assertSamePixels(expected.get(i), seq.next(), 0, "frame " + i);
            }
            assertNull(seq.next());
        }
        // The same files as a folder, in natural order.
        try (FrameSource folder = MediaFiles.openSource(dir.toString(), 25)) {
            assertEquals(12, folder.info().frameCount());
            assertSamePixels(expected.get(0), folder.next(), 0, "folder frame 0");
        }
    }

    @Test
    void folderOrderIsNatural() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("natural"));
        List<ImageView> frames = firstFrames(11);
        try (ImageSequenceWriter w = ImageSequenceWriter.open(dir.resolve("f%d.png").toString(), 1, 640, 360, null)) {
            for (ImageView f : frames) {
                w.write(f);
            }
            w.finish();
        }
        try (ImageSequenceReader r = ImageSequenceReader.openFolder(dir, 25)) {
            List<String> names = r.files().stream().map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of("f1.png", "f2.png", "f3.png", "f4.png", "f5.png", "f6.png", "f7.png", "f8.png",
                    "f9.png", "f10.png", "f11.png"), names);
            for (int i = 0; i < 11; i++) {
                assertSamePixels(frames.get(i), r.next(), 0, "frame " + i);
            }
        }
        assertTrue(ImageSequenceReader.naturalCompare("a007b", "a7c") < 0);
        assertTrue(ImageSequenceReader.naturalCompare("f9", "f10") < 0);
    }

    @Test
    void exrSequenceStoresFloatValues() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("exr"));
        List<ImageView> frames = firstFrames(2);
        String pattern = dir.resolve("f_%03d.exr").toString();
        try (ImageSequenceWriter w = ImageSequenceWriter.open(pattern, 1, 640, 360, ImageSequenceWriter.ExrTransfer.AS_IS)) {
            w.write(frames.get(0));
            // A float frame with values outside what 8 bits hold survives as float; read back it clamps.
            ImageView f = ImageView.allocate(640, 360, PixelFormat.RGBA_F32);
            f.copyFrom(frames.get(1));
            w.write(f);
            w.finish();
        }
        try (ImageSequenceReader r = ImageSequenceReader.openPattern(pattern, 25)) {
            assertEquals(2, r.info().frameCount());
            assertEquals("exr", r.info().codecName());
            // EXR → RGBA8 goes through FFmpeg's float→8-bit conversion: allow one code value.
            assertSamePixels(frames.get(0), r.next(), 1, "exr frame 0");
            assertSamePixels(frames.get(1), r.next(), 1, "exr frame 1");
        }
        assertEquals(0.2140, ImageSequenceWriter.srgbToLinear(0.5f), 1e-4);
        assertEquals(1.0, ImageSequenceWriter.srgbToLinear(1f), 1e-6);
        assertEquals(0.04 / 12.92, ImageSequenceWriter.srgbToLinear(0.04f), 1e-7);
    }

    @Test
    void cancelledSequenceKeepsOnlyWholeFrames() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("cancel"));
        AtomicReference<FramePipeline> ref = new AtomicReference<>();
        try (FrameSource in = VideoReader.open(TestMedia.faceClip());
             FrameSink out = MediaFiles.openSink(dir.toString(), in.info(), VideoOutputOptions.defaults(), null)) {
            FramePipeline p = FramePipeline.builder(in, out).processor((i, s, d) -> {
                if (i == 8) {
                    ref.get().cancel();
                }
                d.copyFrom(s);
            }).build();
            ref.set(p);
            assertThrows(CancellationException.class, p::run);
        }
        List<ImageView> expected = firstFrames(9);
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.sorted().toList();
            assertFalse(files.isEmpty());
            for (Path f : files) {
                assertFalse(f.getFileName().toString().contains(".partial-"), "partial left: " + f);
            }
        }
        // Every file that exists decodes to the frame it is named after.
        try (ImageSequenceReader r = ImageSequenceReader.openFolder(dir, 25)) {
            for (int i = 0; i < r.info().frameCount(); i++) {
                assertEquals(String.format("frame_%06d.png", i + 1), r.files().get(i).getFileName().toString());
                assertSamePixels(expected.get(i), r.next(), 0, "frame " + i);
            }
        }
    }

    @Test
    void sequenceErrorsAreClear() throws Exception {
        MediaInputException e = assertThrows(MediaInputException.class,
                () -> MediaFiles.openSource(tmp.resolve("none_%04d.png").toString(), 25));
        assertTrue(e.getMessage().contains("no file matches"), e.getMessage());
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        e = assertThrows(MediaInputException.class, () -> MediaFiles.openSource(empty.toString(), 25));
        assertTrue(e.getMessage().contains("holds no images"), e.getMessage());
        Path bad = Files.createDirectory(tmp.resolve("bad"));
        Files.writeString(bad.resolve("a_1.png"), "not a png");
        e = assertThrows(MediaInputException.class, () -> MediaFiles.openSource(bad.resolve("a_%d.png").toString(), 25));
        assertTrue(e.getMessage().contains("a_1.png"), e.getMessage());

        MediaOutputException o = assertThrows(MediaOutputException.class,
                () -> ImageSequenceWriter.open(tmp.resolve("nofolder/f_%04d.png").toString(), 1, 8, 8, null));
        assertTrue(o.getMessage().contains("does not exist"), o.getMessage());
        assertThrows(CodecUnavailableException.class,
                () -> ImageSequenceWriter.open(tmp.resolve("f_%04d.gif").toString(), 1, 8, 8, null));
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> SequencePattern.parse("a_%d_%d.png"));
        assertTrue(p.getMessage().contains("more than one"), p.getMessage());
        assertEquals("100%_0007.png", SequencePattern.parse("100%%_%04d.png").format(7));
    }
}
