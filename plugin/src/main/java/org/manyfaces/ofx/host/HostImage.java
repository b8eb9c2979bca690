package org.manyfaces.ofx.host;

import java.nio.ByteBuffer;

import org.manyfaces.effect.PixelRect;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.ofx.jna.NativeMemory;
import org.manyfaces.ofx.jna.Scratch;

/**
 * An image fetched from a clip, released when closed. Gives top-down {@link ImageView}s directly over the
 * host's memory (no copy), whatever the row order: positive, negative or padded row bytes all map through
 * {@link ImageView#wrapBottomUp}. Images in a depth or component layout ManyFaces cannot read are refused
 * with {@link OfxStatus#ERR_FORMAT} and a message naming what arrived, instead of being misread.
 */
public final class HostImage implements AutoCloseable {
    private final HostSuites suites;
    private final long imageProps;
    private final PixelRect bounds;
    private final ImageView whole;
    private final long data;
    private boolean released;

    private HostImage(HostSuites suites, long imageProps, String clipName) {
        this.suites = suites;
        this.imageProps = imageProps;
        PropertySet p = suites.props(imageProps);
        PixelFormat format = formatOf(p, clipName);
        this.bounds = p.getRect(OfxNames.IMAGE_BOUNDS);
        int rowBytes = p.getInt(OfxNames.IMAGE_ROW_BYTES, 0);
        this.data = p.getPointer(OfxNames.IMAGE_DATA, 0);
        this.whole = wrap(data, bounds, rowBytes, format, clipName);
    }

    /**
     * A top-down view of OFX image memory: {@code data} addresses pixel (bounds.x1, bounds.y1), the
     * bottom-left one, and {@code rowBytes} (possibly negative or padded) leads from a row to the one
     * above it. Refuses layouts that cannot hold a row instead of reading out of bounds.
     */
    static ImageView wrap(long data, PixelRect bounds, int rowBytes, PixelFormat format, String clipName) {
        int w = bounds.width();
        int h = bounds.height();
        long packed = (long) w * format.bytesPerPixel();
        if (w > 0 && h > 0) {
            if (data == 0) {
                throw new OfxException(OfxStatus.ERR_BAD_HANDLE, "clip " + clipName + " gave an image with no pixel data");
            }
            if (Math.abs((long) rowBytes) < packed) {
                throw new OfxException(OfxStatus.ERR_FORMAT, "clip " + clipName + " gave row bytes " + rowBytes
                        + ", less than the " + packed + " bytes of one " + w + "-pixel " + format + " row");
            }
        }
        // data addresses the bottom row; with negative row bytes the top row sits at the lowest address.
        long span = h == 0 ? 0 : Math.abs((long) rowBytes) * (h - 1) + packed;
        long lowest = rowBytes >= 0 || h == 0 ? data : data + (long) rowBytes * (h - 1);
        ByteBuffer buf = span == 0 ? ByteBuffer.allocateDirect(0) : NativeMemory.wrap(lowest, span);
        return ImageView.wrapBottomUp(buf, w, h, format, rowBytes);
    }

    /** Top-down view of {@code r} inside {@code whole}, which covers {@code bounds}. */
    static ImageView window(ImageView whole, PixelRect bounds, PixelRect r) {
        if (!bounds.contains(r)) {
            throw new OfxException(OfxStatus.ERR_VALUE, "region " + r + " lies outside the image bounds " + bounds);
        }
        // Top-down row index of OFX row y is (bounds.y2 - 1 - y); the top row of r is y = r.y2 - 1.
        int offset = whole.pixelOffset(r.x1() - bounds.x1(), bounds.y2() - r.y2());
        return new ImageView(whole.buffer(), r.width(), r.height(), whole.format(), offset, whole.rowStride());
    }

    /**
     * Fetches the image of clip {@code clip} at {@code time}; null when the host has none (an unconnected
     * optional input). The caller closes it.
     */
    static HostImage fetch(HostSuites suites, long clip, String clipName, double time) {
        Scratch s = Scratch.get();
        int st = suites.effects.clipGetImage(clip, time, s);
        if (st != OfxStatus.OK) {
            return null;
        }
        long props = s.getAddress(0);
        HostImage image = null;
        try {
            image = new HostImage(suites, props, clipName);
            return image;
        } finally {
            if (image == null) {
                // Refused (unsupported layout): still release, every successful get needs its release.
                suites.effects.clipReleaseImage(props);
            }
        }
    }

    /**
     * Whether this image and {@code other} are one and the same host image: the same property set, the same
     * pixel memory, or the same {@code OfxImagePropUniqueIdentifier}. Two images fetched at different times
     * that are the same show a host that hands out the current frame whatever time is asked.
     */
    boolean sameHostImage(HostImage other) {
        if (imageProps == other.imageProps || (data != 0 && data == other.data)) {
            return true;
        }
        String id = suites.props(imageProps).getStringOr(OfxNames.IMAGE_UNIQUE_ID, 0, "");
        return !id.isEmpty() && id.equals(suites.props(other.imageProps).getStringOr(OfxNames.IMAGE_UNIQUE_ID, 0, ""));
    }

    /** The addressable pixels in OFX pixel coordinates. */
    public PixelRect bounds() {
        return bounds;
    }

    public PixelFormat format() {
        return whole.format();
    }

    /** Top-down view of the region {@code r} (OFX pixel coordinates, inside the bounds). */
    public ImageView view(PixelRect r) {
        return window(whole, bounds, r);
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            suites.effects.clipReleaseImage(imageProps);
        }
    }

    private static PixelFormat formatOf(PropertySet p, String clipName) {
        long depth = p.getStringAddress(OfxNames.PIXEL_DEPTH, 0);
        long comps = p.getStringAddress(OfxNames.COMPONENTS, 0);
        boolean isFloat = NativeMemory.cStringEquals(depth, OfxNames.DEPTH_FLOAT);
        boolean isByte = !isFloat && NativeMemory.cStringEquals(depth, OfxNames.DEPTH_BYTE);
        boolean rgba = NativeMemory.cStringEquals(comps, OfxNames.COMPONENT_RGBA);
        boolean rgb = !rgba && NativeMemory.cStringEquals(comps, OfxNames.COMPONENT_RGB);
        if ((isFloat || isByte) && (rgba || rgb)) {
            if (rgba) {
                return isFloat ? PixelFormat.RGBA_F32 : PixelFormat.RGBA_U8;
            }
            return isFloat ? PixelFormat.RGB_F32 : PixelFormat.RGB_U8;
        }
        throw new OfxException(OfxStatus.ERR_FORMAT, "clip " + clipName + " delivered "
                + NativeMemory.cString(depth) + " / " + NativeMemory.cString(comps)
                + "; ManyFaces renders 8-bit or float RGBA or RGB images only");
    }
}
