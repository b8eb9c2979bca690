/*
 * Image files for the test host:
 *  - .pam  (Netpbm P7): TUPLTYPE RGB_ALPHA or RGB, MAXVAL 255, read; written as 8-bit RGB_ALPHA.
 *  - .rgbaf: ASCII header "RGBAF <width> <height>\n", then width*height*4 little-endian float32,
 *            top-down rows, R,G,B,A interleaved.
 * In memory the input is top-down float RGBA (8-bit values divided by 255).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int read_pam(FILE *f, InputImage *out, char *err, size_t err_size) {
    char line[256];
    int width = -1, height = -1, depth = -1, maxval = -1;
    char tupltype[64] = "";
    if (fgets(line, sizeof line, f) == NULL || strncmp(line, "P7", 2) != 0) {
        snprintf(err, err_size, "not a PAM (P7) file");
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        if (line[0] == '#') continue;
        if (strncmp(line, "ENDHDR", 6) == 0) break;
        if (sscanf(line, "WIDTH %d", &width) == 1 || sscanf(line, "HEIGHT %d", &height) == 1
            || sscanf(line, "DEPTH %d", &depth) == 1 || sscanf(line, "MAXVAL %d", &maxval) == 1
            || sscanf(line, "TUPLTYPE %63s", tupltype) == 1) continue;
    }
    if (width <= 0 || height <= 0 || maxval != 255 || (depth != 3 && depth != 4)) {
        snprintf(err, err_size, "unsupported PAM: need WIDTH/HEIGHT > 0, MAXVAL 255, DEPTH 3 or 4");
        return -1;
    }
    size_t n = (size_t)width * height * depth;
    unsigned char *raw = malloc(n);
    out->rgba = malloc((size_t)width * height * 4 * sizeof(float));
    if (raw == NULL || out->rgba == NULL || fread(raw, 1, n, f) != n) {
        snprintf(err, err_size, "truncated PAM pixel data");
        free(raw);
        free(out->rgba);
        out->rgba = NULL;
        return -1;
    }
    for (size_t i = 0; i < (size_t)width * height; i++) {
        for (int c = 0; c < 4; c++) {
            out->rgba[i * 4 + c] = (c < depth) ? raw[i * depth + c] / 255.0f : 1.0f;
        }
    }
    free(raw);
    out->width = width;
    out->height = height;
    out->has_alpha = depth == 4;
    return 0;
}

static int read_rgbaf(FILE *f, InputImage *out, char *err, size_t err_size) {
    int width, height;
    if (fscanf(f, "RGBAF %d %d", &width, &height) != 2 || fgetc(f) != '\n' || width <= 0 || height <= 0) {
        snprintf(err, err_size, "bad .rgbaf header (expected \"RGBAF <w> <h>\\n\")");
        return -1;
    }
    size_t n = (size_t)width * height * 4;
    out->rgba = malloc(n * sizeof(float));
    unsigned char *raw = malloc(n * 4);
    if (out->rgba == NULL || raw == NULL || fread(raw, 4, n, f) != n) {
        snprintf(err, err_size, "truncated .rgbaf pixel data");
        free(raw);
        free(out->rgba);
        out->rgba = NULL;
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t bits = (uint32_t)raw[i * 4] | (uint32_t)raw[i * 4 + 1] << 8 | (uint32_t)raw[i * 4 + 2] << 16
                        | (uint32_t)raw[i * 4 + 3] << 24;
        memcpy(&out->rgba[i], &bits, 4);
    }
    free(raw);
    out->width = width;
    out->height = height;
    out->has_alpha = 1;
    return 0;
}

int image_read(const char *path, InputImage *out, char *err, size_t err_size) {
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, err_size, "cannot open %s", path);
        return -1;
    }
    int rc = ends_with(path, ".rgbaf") ? read_rgbaf(f, out, err, err_size) : read_pam(f, out, err, err_size);
    fclose(f);
    return rc;
}

int image_write(const char *path, const ImageBuffer *b, char *err, size_t err_size) {
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        snprintf(err, err_size, "cannot write %s", path);
        return -1;
    }
    int as_float = ends_with(path, ".rgbaf");
    if (as_float) fprintf(f, "RGBAF %d %d\n", b->width, b->height);
    else fprintf(f, "P7\nWIDTH %d\nHEIGHT %d\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n", b->width, b->height);
    for (int row = 0; row < b->height; row++) {
        int y = b->height - 1 - row;                          /* files are top-down */
        for (int x = 0; x < b->width; x++) {
            float px[4];
            image_buffer_pixel(b, x, y, px);
            if (!b->float_depth && !b->short_depth && b->components >= 3 && !as_float) {
                /* 8-bit in, 8-bit out: write the bytes themselves, no round trip through float */
                const unsigned char *p = b->data + (ptrdiff_t)y * b->row_bytes + (ptrdiff_t)x * b->components;
                unsigned char o[4] = {p[0], p[1], p[2], b->components == 4 ? p[3] : 255};
                fwrite(o, 1, 4, f);
            } else if (as_float) {
                for (int c = 0; c < 4; c++) {
                    uint32_t bits;
                    memcpy(&bits, &px[c], 4);
                    unsigned char le[4] = {bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >> 24};
                    fwrite(le, 1, 4, f);
                }
            } else {
                unsigned char o[4];
                for (int c = 0; c < 4; c++) {
                    float v = px[c] * 255.0f;
                    o[c] = (unsigned char)(v <= 0 ? 0 : v >= 255 ? 255 : (int)floorf(v + 0.5f));
                }
                fwrite(o, 1, 4, f);
            }
        }
    }
    int ok = ferror(f) == 0;
    if (fclose(f) != 0) ok = 0;
    if (!ok) snprintf(err, err_size, "write error on %s", path);
    return ok ? 0 : -1;
}
