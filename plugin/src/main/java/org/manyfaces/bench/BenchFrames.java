package org.manyfaces.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.embed.SourceImages;

/**
 * Bench frames made from real photos: each photo is scaled into one cell of a frame (one cell per face,
 * side by side) on a grey background, so a frame has exactly as many real faces as asked, at the sizes
 * faces have in such footage (a portrait fills 60 % of the frame height, or its cell's width).
 *
 * <p>Frames are also laid out the way an OFX host hands them over: rows bottom-up, RGBA 8-bit or float.
 */
public final class BenchFrames {
    /** Portraits with one clear, frontal face each (see the shared media README for their expected boxes). */
    static final List<String> FACE_PHOTOS = List.of("obama_speaking_podium.jpg", "astronaut_eileen_collins.png",
            "obama_official_portrait_2012.jpg", "biden_official_portrait_2013.jpg");
    /** The face swapped in (not one of the frame faces). */
    static final String SOURCE_PHOTO = "grace_hopper.jpg";

    private final Path media;
    private final ImageView[] photos;

    public BenchFrames(Path media) {
        this.media = media;
        if (!Files.isDirectory(media)) {
            throw new IllegalArgumentException("media folder " + media + " not found: pass --media with the folder "
                    + "that holds " + FACE_PHOTOS.get(0) + " and the other bench photos");
        }
        photos = new ImageView[FACE_PHOTOS.size()];
        for (int i = 0; i < photos.length; i++) {
            photos[i] = SourceImages.read(photo(FACE_PHOTOS.get(i)));
        }
    }

    /** A photo of the media folder; a clear error when it is missing. */
    public Path photo(String name) {
        Path p = media.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("bench photo " + p + " is missing from the media folder");
        }
        return p;
    }

    public Path sourcePhoto() {
        return photo(SOURCE_PHOTO);
    }

    /** A top-down RGBA 8-bit frame of {@code w×h} with {@code faces} (1..4) portraits side by side. */
    public ImageView compose(int w, int h, int faces) {
        if (faces < 1 || faces > photos.length) {
            throw new IllegalArgumentException("bench frames hold 1.." + photos.length + " faces, not " + faces);
        }
        ImageView f = background(w, h, faces);
        int cellW = w / faces;
        for (int k = 0; k < faces; k++) {
            ImageView p = photos[k];
            double scale = Math.min(0.6 * h / p.height(), 0.95 * cellW / p.width());
            int pw = (int) (p.width() * scale);
            int ph = (int) (p.height() * scale);
            place(f, p, scale, k * cellW + (cellW - pw) / 2, (h - ph) / 2);
        }
        return f;
    }

    /**
     * A frame on the same background with {@code faces} (1..4) portraits scaled so that each face's box (found
     * in its photo by the caller: {@code photoFaces[k]} for photo k) is {@code facePx} tall, each face centred
     * in its cell; photos larger than their cell are clipped. For the bench's face-size axis: close-ups are
     * what makes a frame expensive.
     */
    public ImageView composeFaceSize(int w, int h, int faces, int facePx, org.manyfaces.pipeline.Box[] photoFaces) {
        ImageView f = background(w, h, faces);
        int cellW = w / faces;
        for (int k = 0; k < faces; k++) {
            double scale = facePx / (double) photoFaces[k].height();
            int cx = k * cellW + cellW / 2;
            int ox = (int) Math.round(cx - photoFaces[k].centerX() * scale);
            int oy = (int) Math.round(h / 2.0 - photoFaces[k].centerY() * scale);
            place(f, photos[k], scale, ox, oy, k * cellW, (k + 1) * cellW);
        }
        return f;
    }

    private ImageView background(int w, int h, int faces) {
        if (faces < 1 || faces > photos.length) {
            throw new IllegalArgumentException("bench frames hold 1.." + photos.length + " faces, not " + faces);
        }
        ImageView f = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        ByteBuffer b = f.buffer();
        for (int y = 0; y < h; y++) {
            // A soft vertical gradient, so the background is not a flat colour.
            int grey = 70 + 40 * y / Math.max(1, h - 1);
            int off = f.rowOffset(y);
            for (int x = 0; x < w; x++) {
                b.put(off + 4 * x, (byte) grey).put(off + 4 * x + 1, (byte) grey)
                        .put(off + 4 * x + 2, (byte) (grey + 8)).put(off + 4 * x + 3, (byte) 255);
            }
        }
        return f;
    }

    /**
     * {@code frame} scaled (bilinear, aspect kept, centred) into a new {@code w×h} RGBA 8-bit frame on the bench
     * background: for making a large clip from the media folder's small real one.
     */
    public ImageView scaled(ImageView frame, int w, int h) {
        ImageView f = background(w, h, 1);
        double scale = Math.min((double) w / frame.width(), (double) h / frame.height());
        place(f, frame, scale, (int) Math.round((w - frame.width() * scale) / 2),
                (int) Math.round((h - frame.height() * scale) / 2));
        return f;
    }

    /** Photo {@code k} of the bench's frame faces (see {@link #FACE_PHOTOS}). */
    public ImageView facePhoto(int k) {
        return photos[k];
    }

    private static void place(ImageView f, ImageView p, double scale, int ox, int oy) {
        place(f, p, scale, ox, oy, 0, f.width());
    }

    /** Draws {@code p} scaled by {@code scale} with its corner at (ox, oy), clipped to the frame and to x in [xMin, xMax). */
    private static void place(ImageView f, ImageView p, double scale, int ox, int oy, int xMin, int xMax) {
        int x0 = Math.max(Math.max(0, xMin), ox);
        int y0 = Math.max(0, oy);
        int x1 = Math.min(Math.min(f.width(), xMax), ox + (int) (p.width() * scale));
        int y1 = Math.min(f.height(), oy + (int) (p.height() * scale));
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        // Only the visible part of the scaled photo is warped.
        FaceCrop tile = new FaceCrop(Math.max(x1 - x0, y1 - y0));
        AffineWarp.warp(p, Affine2D.translation(ox - x0, oy - y0).after(Affine2D.scaling(scale)), tile);
        ByteBuffer b = f.buffer();
        for (int y = y0; y < y1; y++) {
            int off = f.pixelOffset(x0, y);
            for (int x = 0; x < x1 - x0; x++) {
                for (int c = 0; c < 3; c++) {
                    b.put(off + 4 * x + c, ImageView.toByte(tile.get(c, x, y - y0)));
                }
            }
        }
    }

    /**
     * A clip of {@code length} frames of {@code w×h} with {@code faces} portraits: a canvas 10 % larger than
     * the frame, seen through a frame-sized window that drifts on a closed Lissajous path (up to 5 % of the
     * frame each way), so detection and tracking see motion and frame {@code length} equals frame 0.
     */
    public DriftingClip drifting(int w, int h, int faces, int length) {
        return new DriftingClip(w, h, length, compose(w + 2 * (w / 20), h + 2 * (h / 20), faces));
    }

    /**
     * {@link #drifting} with the faces of {@link #composeFaceSize}: each face {@code facePx} tall in the frame (a
     * close-up at 500 px and more in a 1080p frame).
     */
    public DriftingClip driftingFaceSize(int w, int h, int faces, int facePx, org.manyfaces.pipeline.Box[] photoFaces,
                                         int length) {
        return new DriftingClip(w, h, length, composeFaceSize(w + 2 * (w / 20), h + 2 * (h / 20), faces, facePx,
                photoFaces));
    }

    /** The largest face box in each bench photo, as {@code detector} finds it: what {@link #composeFaceSize} needs. */
    public org.manyfaces.pipeline.Box[] photoFaceBoxes(org.manyfaces.pipeline.chain.FaceFinder detector, float threshold) {
        org.manyfaces.pipeline.Box[] boxes = new org.manyfaces.pipeline.Box[photos.length];
        for (int i = 0; i < photos.length; i++) {
            int k = i;
            boxes[k] = detector.detect(photos[k], threshold).stream()
                    .max(java.util.Comparator.comparingDouble(f -> f.box().area()))
                    .orElseThrow(() -> new IllegalStateException("no face found in the bench photo " + FACE_PHOTOS.get(k)))
                    .box();
        }
        return boxes;
    }

    /** See {@link #drifting}. */
    public static final class DriftingClip {
        private final int width;
        private final int height;
        private final int length;
        private final ImageView canvas;

        private DriftingClip(int width, int height, int length, ImageView canvas) {
            this.width = width;
            this.height = height;
            this.length = length;
            this.canvas = canvas;
        }

        /** Frame {@code i}: a top-down view into the canvas (no copy; valid while this clip is). */
        public ImageView frame(int i) {
            int mx = width / 20;
            int my = height / 20;
            double a = 2 * Math.PI * i / length;
            int x = (int) Math.round(mx + mx * Math.sin(a));
            int y = (int) Math.round(my + my * Math.sin(2 * a));
            return new ImageView(canvas.buffer(), width, height, canvas.format(), canvas.pixelOffset(x, y),
                    canvas.rowStride());
        }
    }

    /**
     * A host-layout copy of {@code frame}: bottom-up rows, {@code rowBytes} a whole row (as hosts usually
     * lay frames out), in {@code format} (RGBA_U8 or RGBA_F32).
     */
    public static ImageView hostLayout(ImageView frame, PixelFormat format) {
        int rowBytes = frame.width() * format.bytesPerPixel();
        ByteBuffer mem = ByteBuffer.allocateDirect(rowBytes * frame.height()).order(ByteOrder.nativeOrder());
        ImageView host = ImageView.wrapBottomUp(mem, frame.width(), frame.height(), format, rowBytes);
        host.copyFrom(frame);
        return host;
    }

    /** An empty host-layout frame of the same size and format, for outputs. */
    public static ImageView hostLayoutLike(ImageView frame) {
        PixelFormat format = frame.format();
        int rowBytes = frame.width() * format.bytesPerPixel();
        ByteBuffer mem = ByteBuffer.allocateDirect(rowBytes * frame.height()).order(ByteOrder.nativeOrder());
        return ImageView.wrapBottomUp(mem, frame.width(), frame.height(), format, rowBytes);
    }
}
