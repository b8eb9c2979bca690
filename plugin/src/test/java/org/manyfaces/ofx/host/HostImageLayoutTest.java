package org.manyfaces.ofx.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.ofx.jna.NativeMemory;

/**
 * OFX memory layout to top-down views, checked against the addressing formula of the OFX spec
 * ({@code data + (y - y1) * rowBytes + (x - x1) * pixelBytes}, y up) written independently here. The
 * host-driven tests cannot see a consistent vertical flip (the host writes back with the same layout),
 * so the orientation is proven here.
 */
class HostImageLayoutTest {
    private static final PixelRect BOUNDS = new PixelRect(10, 20, 14, 23);

    private static int code(int x, int y, int c) {
        return (x * 16 + y * 3 + c * 50) & 0xFF;
    }

    /** Lays out a bounds-sized RGBA8 image the OFX way; returns the data pointer (bottom-left pixel). */
    private static long layOut(ByteBuffer mem, int rowBytes) {
        long base = NativeMemory.address(mem);
        int h = BOUNDS.height();
        long dataOffset = rowBytes >= 0 ? 0 : (long) -rowBytes * (h - 1);
        for (int y = BOUNDS.y1(); y < BOUNDS.y2(); y++) {
            for (int x = BOUNDS.x1(); x < BOUNDS.x2(); x++) {
                for (int c = 0; c < 4; c++) {
                    long off = dataOffset + (long) (y - BOUNDS.y1()) * rowBytes + (x - BOUNDS.x1()) * 4L + c;
                    mem.put((int) off, (byte) code(x, y, c));
                }
            }
        }
        return base + dataOffset;
    }

    @ParameterizedTest
    @ValueSource(ints = {16, -16, 28, -28})
    void topLeftOfTheViewIsTheTopRowOfTheImage(int rowBytes) {
        ByteBuffer mem = ByteBuffer.allocateDirect(Math.abs(rowBytes) * BOUNDS.height()).order(ByteOrder.nativeOrder());
        long data = layOut(mem, rowBytes);
        ImageView v = HostImage.wrap(data, BOUNDS, rowBytes, PixelFormat.RGBA_U8, "Source");
        assertEquals(4, v.width());
        assertEquals(3, v.height());
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 4; i++) {
                for (int c = 0; c < 4; c++) {
                    int x = BOUNDS.x1() + i;
                    int y = BOUNDS.y2() - 1 - j;
                    assertEquals(code(x, y, c), Math.round(v.get(i, j, c) * 255), "rowBytes " + rowBytes + " at " + i + "," + j);
                }
            }
        }
        PixelRect sub = new PixelRect(11, 21, 13, 23);
        ImageView w = HostImage.window(v, BOUNDS, sub);
        for (int j = 0; j < sub.height(); j++) {
            for (int i = 0; i < sub.width(); i++) {
                assertEquals(code(sub.x1() + i, sub.y2() - 1 - j, 2), Math.round(w.get(i, j, 2) * 255));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {15, -15, 0})
    void refusesRowsTooShortForTheWidth(int rowBytes) {
        ByteBuffer mem = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
        OfxException e = assertThrows(OfxException.class,
                () -> HostImage.wrap(NativeMemory.address(mem), BOUNDS, rowBytes, PixelFormat.RGBA_U8, "Source"));
        assertEquals(OfxStatus.ERR_FORMAT, e.status());
        assertTrue(e.getMessage().contains("Source") && e.getMessage().contains("row bytes"), e.getMessage());
    }

    @Test
    void windowOutsideBoundsIsRefused() {
        ImageView v = ImageView.allocate(4, 3, PixelFormat.RGBA_F32);
        assertThrows(OfxException.class, () -> HostImage.window(v, BOUNDS, new PixelRect(9, 20, 12, 22)));
    }
}
