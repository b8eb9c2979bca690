package org.manyfaces.image;

/**
 * What a JPEG's header says beyond the pixels, read from its markers up to the first scan: the number of
 * colour components (4 = CMYK), whether Adobe's APP14 marker is present (Photoshop's inverted CMYK), and the
 * EXIF orientation (APP1, tag 0x0112; 1 = as stored). Anything else, and any file that is not a JPEG, reads as
 * {@link #NONE}.
 */
record JpegMarkers(int components, boolean adobe, int orientation) {
    static final JpegMarkers NONE = new JpegMarkers(0, false, 1);

    private static final int EXIF_ORIENTATION = 0x0112;

    static JpegMarkers scan(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) {
            return NONE;
        }
        int components = 0;
        boolean adobe = false;
        int orientation = 1;
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                break; // not a marker where one must be: damaged header, the decoder will say so
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break; // start of scan / end of image: the header is over
            }
            int length = u16(b, i + 2, false);
            int body = i + 4;
            if (length < 2 || body + length - 2 > b.length) {
                break;
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
                    && length >= 8) {
                components = b[body + 5] & 0xff; // SOFn: precision, height, width, then the component count
            } else if (marker == 0xEE && length >= 7 && startsWith(b, body, "Adobe")) {
                adobe = true;
            } else if (marker == 0xE1 && length >= 16 && startsWith(b, body, "Exif\0\0")) {
                orientation = exifOrientation(b, body + 6, body + length - 2);
            }
            i = body + length - 2;
        }
        return new JpegMarkers(components, adobe, orientation);
    }

    /** Tag 0x0112 of IFD0 of the TIFF structure at {@code tiff} (EXIF's layout); 1 when absent or odd. */
    private static int exifOrientation(byte[] b, int tiff, int end) {
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int e = 0; e < entries; e++) {
            int entry = (int) ifd + 2 + 12 * e;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == EXIF_ORIENTATION) {
                int value = u16(b, entry + 8, little); // type SHORT, count 1: the value sits in the entry
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        if (at + ascii.length() > b.length) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (b[at + k] != (byte) ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xff;
        int y = b[at + 1] & 0xff;
        return little ? x | (y << 8) : (x << 8) | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, at + (little ? 2 : 0), little);
        long lo = u16(b, at + (little ? 0 : 2), little);
        return (hi << 16) | lo;
    }
}
