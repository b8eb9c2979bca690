package org.manyfaces.disclosure;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/** Test helpers: real frames in and out of {@link ImageView}, the attacks, and the quality metric. */
final class TestFrames {
    private TestFrames() {
    }

    static ImageView fromImage(BufferedImage img) {
        ImageView v = ImageView.allocate(img.getWidth(), img.getHeight(), PixelFormat.RGB_U8);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int o = v.pixelOffset(x, y);
                v.buffer().put(o, (byte) (rgb >>> 16));
                v.buffer().put(o + 1, (byte) (rgb >>> 8));
                v.buffer().put(o + 2, (byte) rgb);
            }
        }
        return v;
    }

    static BufferedImage toImage(ImageView v) {
        BufferedImage img = new BufferedImage(v.width(), v.height(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < v.height(); y++) {
            for (int x = 0; x < v.width(); x++) {
                int r = ImageView.toByte(v.get(x, y, 0)) & 0xFF;
                int g = ImageView.toByte(v.get(x, y, 1)) & 0xFF;
                int b = ImageView.toByte(v.get(x, y, 2)) & 0xFF;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    static ImageView readImage(Path p) throws IOException {
        BufferedImage img = ImageIO.read(p.toFile());
        if (img == null) {
            throw new IOException("not an image: " + p);
        }
        return fromImage(img);
    }

    /** Decodes up to {@code max} frames of a video, every {@code step}-th one. */
    static List<ImageView> readVideo(Path p, int step, int max) throws IOException {
        List<ImageView> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(p.toFile());
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            Frame f;
            int i = 0;
            while ((f = g.grabImage()) != null && out.size() < max) {
                if (i++ % step == 0) {
                    out.add(fromImage(conv.convert(f)));
                }
            }
            g.stop();
        }
        return out;
    }

    /** Scales an image (area averaging when shrinking, bicubic when enlarging). */
    static BufferedImage scale(BufferedImage img, double f) {
        int w = Math.max(1, (int) Math.round(img.getWidth() * f));
        int h = Math.max(1, (int) Math.round(img.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = out.createGraphics();
        if (f < 1) {
            g.drawImage(img.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        } else {
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(img, 0, 0, w, h, null);
        }
        g.dispose();
        return out;
    }

    /** A w x h window of {@code src} at (x0, y0); pixels outside the source repeat its edge. */
    static ImageView window(ImageView src, int x0, int y0, int w, int h) {
        ImageView v = ImageView.allocate(w, h, src.format());
        for (int y = 0; y < h; y++) {
            int sy = Math.max(0, Math.min(src.height() - 1, y0 + y));
            for (int x = 0; x < w; x++) {
                int sx = Math.max(0, Math.min(src.width() - 1, x0 + x));
                for (int c = 0; c < src.channels(); c++) {
                    v.set(x, y, c, src.get(sx, sy, c));
                }
            }
        }
        return v;
    }

    static ImageView copy(ImageView src) {
        ImageView v = ImageView.allocate(src.width(), src.height(), src.format());
        v.copyFrom(src);
        return v;
    }

    /** Sub-image copy. */
    static ImageView crop(ImageView src, int x0, int y0, int w, int h) {
        ImageView v = ImageView.allocate(w, h, src.format());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < src.channels(); c++) {
                    v.set(x, y, c, src.get(x0 + x, y0 + y, c));
                }
            }
        }
        return v;
    }

    /** Removes {@code fraction} of the width and height from each side. */
    static ImageView cropEachSide(ImageView src, double fraction) {
        int dx = (int) Math.round(src.width() * fraction);
        int dy = (int) Math.round(src.height() * fraction);
        return crop(src, dx, dy, src.width() - 2 * dx, src.height() - 2 * dy);
    }

    /** Area-averaging downscale to floor(size * factor) (what a good video scaler does). */
    static ImageView downscale(ImageView src, double factor) {
        int w = (int) Math.floor(src.width() * factor);
        int h = (int) Math.floor(src.height() * factor);
        ImageView v = ImageView.allocate(w, h, src.format());
        double inv = 1 / factor;
        for (int y = 0; y < h; y++) {
            double sy0 = y * inv;
            double sy1 = sy0 + inv;
            for (int x = 0; x < w; x++) {
                double sx0 = x * inv;
                double sx1 = sx0 + inv;
                for (int c = 0; c < src.channels(); c++) {
                    double acc = 0;
                    double area = 0;
                    for (int yy = (int) sy0; yy < Math.min(src.height(), Math.ceil(sy1)); yy++) {
                        double wy = Math.min(sy1, yy + 1) - Math.max(sy0, yy);
                        for (int xx = (int) sx0; xx < Math.min(src.width(), Math.ceil(sx1)); xx++) {
                            double wx = Math.min(sx1, xx + 1) - Math.max(sx0, xx);
                            acc += wx * wy * src.get(xx, yy, c);
                            area += wx * wy;
                        }
                    }
                    v.set(x, y, c, (float) (acc / area));
                }
            }
        }
        return v;
    }

    /** Multiplies every colour channel by {@code gain} (8-bit clamps). */
    static ImageView brightness(ImageView src, double gain) {
        ImageView v = copy(src);
        for (int y = 0; y < v.height(); y++) {
            for (int x = 0; x < v.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    v.set(x, y, c, (float) (src.get(x, y, c) * gain));
                }
            }
        }
        return v;
    }

    /**
     * Encodes the frames as one H.264 clip (libx264, yuv420p, the given CRF, preset medium, 25 fps)
     * and decodes it again. Odd sizes are cropped to even (4:2:0 needs even sizes).
     */
    static List<ImageView> h264RoundTrip(List<ImageView> frames, int crf) throws IOException {
        int w = frames.get(0).width() & ~1;
        int h = frames.get(0).height() & ~1;
        File f = File.createTempFile("manyfaces-wm-", ".mp4");
        try {
            try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(f, w, h, 0);
                 Java2DFrameConverter conv = new Java2DFrameConverter()) {
                rec.setFormat("mp4");
                rec.setVideoCodecName("libx264");
                rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                rec.setFrameRate(25);
                rec.setVideoBitrate(0); // no bitrate target: pure CRF
                rec.setVideoOption("crf", Integer.toString(crf));
                rec.setVideoOption("preset", "medium");
                rec.start();
                for (ImageView fr : frames) {
                    ImageView even = fr.width() == w && fr.height() == h ? fr : crop(fr, 0, 0, w, h);
                    rec.record(conv.convert(toImage(even)));
                }
                rec.stop();
            }
            List<ImageView> out = readVideo(f.toPath(), 1, Integer.MAX_VALUE);
            if (out.size() != frames.size()) {
                throw new IOException("H.264 round trip returned " + out.size() + " frames for " + frames.size());
            }
            return out;
        } finally {
            f.delete();
        }
    }

    /** PSNR (dB, over R,G,B) between two frames inside a box. */
    static double psnr(ImageView a, ImageView b, int x0, int y0, int w, int h) {
        double se = 0;
        long n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                for (int c = 0; c < 3; c++) {
                    double d = 255.0 * (a.get(x, y, c) - b.get(x, y, c));
                    se += d * d;
                    n++;
                }
            }
        }
        double mse = se / n;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
