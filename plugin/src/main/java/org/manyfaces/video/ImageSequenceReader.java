package org.manyfaces.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * Reads an image sequence (a {@code %04d} pattern or a folder of images) as RGBA_U8 frames, decoding
 * each file with FFmpeg (PNG, EXR, JPEG, TIFF, BMP, ...). Float EXR values are clamped to 0..1 on the way
 * to 8 bits. All files must have the first file's size.
 *
 * <p>Frames land in one buffer this reader owns and reuses; FFmpeg's per-file decoder set-up is the
 * price of independent files (it is small next to decoding a PNG).
 */
public final class ImageSequenceReader implements FrameSource {
    /** File name extensions taken from a folder. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "exr", "jpg", "jpeg", "tif", "tiff", "bmp", "dpx");
    /** Pattern numbering may start anywhere up to here (e.g. 1001 in VFX work); the first hit wins. */
    private static final int MAX_FIRST_NUMBER = 100_000;

    private final List<Path> files;
    private final String description;
    private final VideoInfo info;
    private final ImageView frame;
    private int nextIndex;

    private ImageSequenceReader(List<Path> files, String description, double frameRate) throws MediaInputException {
        this.files = List.copyOf(files);
        this.description = description;
        FfmpegRuntime.init();
        int[] size = new int[2];
        ImageView first = decodeFirst(files.get(0), size);
        this.frame = first;
        this.info = new VideoInfo(size[0], size[1], frameRate, files.size(), true, 1.0, 0, false, 0, 0,
                extensionOf(files.get(0)));
    }

    /**
     * Frames {@code pattern} numbered consecutively from the first number that exists.
     *
     * @throws MediaInputException when no file matches or the first cannot be decoded
     */
    public static ImageSequenceReader openPattern(String pattern, double frameRate) throws MediaInputException {
        SequencePattern p;
        try {
            p = SequencePattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw new MediaInputException(e.getMessage(), e);
        }
        long first = -1;
        for (long n = 0; n < MAX_FIRST_NUMBER; n++) {
            if (Files.isRegularFile(p.path(n))) {
                first = n;
                break;
            }
        }
        if (first < 0) {
            throw new MediaInputException("no file matches the image sequence " + pattern
                    + " (looked for numbers 0.." + (MAX_FIRST_NUMBER - 1) + ")");
        }
        List<Path> files = new ArrayList<>();
        for (long n = first; Files.isRegularFile(p.path(n)); n++) {
            files.add(p.path(n));
        }
        return new ImageSequenceReader(files, pattern, frameRate);
    }

    /**
     * Every image file in {@code folder} (by extension, see {@link #IMAGE_EXTENSIONS}) in natural name order
     * ("f9" before "f10").
     */
    public static ImageSequenceReader openFolder(Path folder, double frameRate) throws MediaInputException {
        if (!Files.isDirectory(folder)) {
            throw new MediaInputException("image sequence folder " + folder + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile)
                    .filter(f -> IMAGE_EXTENSIONS.contains(extensionOf(f)))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString(), ImageSequenceReader::naturalCompare))
                    .toList();
        } catch (IOException e) {
            throw new MediaInputException("cannot list image sequence folder " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new MediaInputException("image sequence folder " + folder + " holds no images (" + IMAGE_EXTENSIONS + ")");
        }
        return new ImageSequenceReader(files, folder.toString(), frameRate);
    }

    /** The files in frame order. */
    public List<Path> files() {
        return files;
    }

    @Override
    public VideoInfo info() {
        return info;
    }

    @Override
    public ImageView next() throws MediaInputException {
        if (nextIndex >= files.size()) {
            return null;
        }
        Path f = files.get(nextIndex);
        if (nextIndex > 0) {
            decodeInto(f, frame);
        }
        nextIndex++;
        return frame;
    }

    @Override
    public long framesRead() {
        return nextIndex;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        nextIndex = files.size();
    }

    private static ImageView decodeFirst(Path file, int[] size) throws MediaInputException {
        FFmpegFrameGrabber g = startGrabber(file);
        try {
            Frame f = grab(g, file);
            size[0] = f.imageWidth;
            size[1] = f.imageHeight;
            ImageView dst = ImageView.allocate(f.imageWidth, f.imageHeight, PixelFormat.RGBA_U8);
            copy(f, dst);
            return dst;
        } finally {
            close(g);
        }
    }

    private static void decodeInto(Path file, ImageView dst) throws MediaInputException {
        FFmpegFrameGrabber g = startGrabber(file);
        try {
            Frame f = grab(g, file);
            if (f.imageWidth != dst.width() || f.imageHeight != dst.height()) {
                throw new MediaInputException("image " + file + " is " + f.imageWidth + "x" + f.imageHeight
                        + " but the sequence started at " + dst.width() + "x" + dst.height());
            }
            copy(f, dst);
        } finally {
            close(g);
        }
    }

    private static FFmpegFrameGrabber startGrabber(Path file) throws MediaInputException {
        if (!Files.isReadable(file)) {
            throw new MediaInputException("image " + file + " is missing or not readable");
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setPixelFormat(AV_PIX_FMT_RGBA);
        try {
            g.start();
        } catch (Exception e) {
            close(g);
            throw new MediaInputException("cannot read image " + file + ": " + VideoReader.cleanMessage(e), e);
        }
        return g;
    }

    private static Frame grab(FFmpegFrameGrabber g, Path file) throws MediaInputException {
        try {
            Frame f = g.grabImage();
            if (f == null || f.image == null) {
                throw new MediaInputException("image " + file + " holds no picture");
            }
            return f;
        } catch (MediaInputException e) {
            throw e;
        } catch (Exception e) {
            throw new MediaInputException("cannot decode image " + file + ": " + VideoReader.cleanMessage(e), e);
        }
    }

    private static void copy(Frame f, ImageView dst) {
        ByteBuffer buf = ((ByteBuffer) f.image[0]).order(ByteOrder.nativeOrder());
        dst.copyFrom(new ImageView(buf, f.imageWidth, f.imageHeight, PixelFormat.RGBA_U8, 0, f.imageStride));
    }

    private static void close(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (Exception ignored) {
            // nothing more to free
        }
    }

    static String extensionOf(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Compares names treating digit runs as numbers, so "f9.png" sorts before "f10.png". */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
