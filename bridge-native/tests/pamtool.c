/*
 * Test helper for run_checks.sh (not shipped): makes a deterministic test image and checks
 * rendered images against the gain formula computed here, independently of the host and plugin.
 *
 *   pamtool gen W H FILE.pam                  deterministic RGBA pattern
 *   pamtool gain IN.pam OUT G [red] [rgb]     OUT == IN with R,G,B (or only R) times G
 *                                             (.pam: round half up, clamp; .rgbaf: float, 1e-6)
 *   pamtool same A B                          identical pixels (both .pam or both .rgbaf)
 *   pamtool size FILE                         prints "W H"
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int w, h, depth; float *px; } Img;   /* px: top-down, 4 floats per pixel, 0..255 or float */

static int ends_with(const char *s, const char *x) {
    size_t n = strlen(s), m = strlen(x);
    return n >= m && strcmp(s + n - m, x) == 0;
}

static int load(const char *path, Img *im) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "pamtool: cannot open %s\n", path); return -1; }
    char line[128];
    int maxval = 0;
    im->depth = 0;
    if (ends_with(path, ".rgbaf")) {
        if (fscanf(f, "RGBAF %d %d", &im->w, &im->h) != 2 || fgetc(f) != '\n') { fclose(f); return -1; }
        im->depth = 4;
        size_t n = (size_t)im->w * im->h * 4;
        im->px = malloc(n * sizeof(float));
        for (size_t i = 0; i < n; i++) {
            unsigned char b[4];
            if (fread(b, 1, 4, f) != 4) { fclose(f); return -1; }
            uint32_t bits = b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
            memcpy(&im->px[i], &bits, 4);
        }
        fclose(f);
        return 0;
    }
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "ENDHDR", 6) == 0) break;
        sscanf(line, "WIDTH %d", &im->w);
        sscanf(line, "HEIGHT %d", &im->h);
        sscanf(line, "DEPTH %d", &im->depth);
        sscanf(line, "MAXVAL %d", &maxval);
    }
    size_t n = (size_t)im->w * im->h;
    im->px = malloc(n * 4 * sizeof(float));
    for (size_t i = 0; i < n; i++) {
        unsigned char b[4] = {0, 0, 0, 255};
        if (fread(b, 1, (size_t)im->depth, f) != (size_t)im->depth) { fclose(f); return -1; }
        for (int c = 0; c < 4; c++) im->px[i * 4 + c] = b[c];
    }
    fclose(f);
    return maxval == 255 ? 0 : -1;
}

int main(int argc, char **argv) {
    if (argc >= 5 && strcmp(argv[1], "gen") == 0) {
        int w = atoi(argv[2]), h = atoi(argv[3]);
        FILE *f = fopen(argv[4], "wb");
        if (!f) return 1;
        fprintf(f, "P7\nWIDTH %d\nHEIGHT %d\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n", w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                unsigned char p[4] = {(unsigned char)((x * 37 + y * 11) % 256), (unsigned char)((x * 5 + y * 71 + 13) % 256),
                                      (unsigned char)((x * y + 101) % 256), (unsigned char)((x * 13 + y * 29 + 50) % 256)};
                fwrite(p, 1, 4, f);
            }
        return fclose(f) == 0 ? 0 : 1;
    }
    if (argc >= 3 && strcmp(argv[1], "size") == 0) {
        Img a;
        if (load(argv[2], &a)) return 1;
        printf("%d %d\n", a.w, a.h);
        return 0;
    }
    if (argc >= 4 && strcmp(argv[1], "same") == 0) {
        Img a, b;
        if (load(argv[2], &a) || load(argv[3], &b)) return 1;
        if (a.w != b.w || a.h != b.h) { fprintf(stderr, "pamtool: sizes differ\n"); return 1; }
        if (memcmp(a.px, b.px, (size_t)a.w * a.h * 4 * sizeof(float)) != 0) { fprintf(stderr, "pamtool: pixels differ\n"); return 1; }
        return 0;
    }
    if (argc >= 5 && strcmp(argv[1], "gain") == 0) {
        Img in, out;
        if (load(argv[2], &in) || load(argv[3], &out)) return 1;
        double g = atof(argv[4]);
        int red_only = 0, rgb = 0;
        for (int i = 5; i < argc; i++) {
            if (strcmp(argv[i], "red") == 0) red_only = 1;
            if (strcmp(argv[i], "rgb") == 0) rgb = 1;
        }
        int as_float = ends_with(argv[3], ".rgbaf");
        if (in.w != out.w || in.h != out.h) { fprintf(stderr, "pamtool: size %dx%d vs %dx%d\n", in.w, in.h, out.w, out.h); return 1; }
        for (int i = 0; i < in.w * in.h; i++) {
            for (int c = 0; c < 4; c++) {
                double v = in.px[i * 4 + c], expect;
                int scaled = c < 3 && (!red_only || c == 0);
                if (c == 3 && rgb) expect = as_float ? 1.0 : 255.0;   /* RGB images carry no alpha */
                else if (as_float) expect = v / 255.0 * (scaled ? g : 1.0);
                else { expect = scaled ? floor(v * g + 0.5) : v; if (expect > 255) expect = 255; }
                double got = out.px[i * 4 + c];
                if (fabs(got - expect) > (as_float ? 1e-6 * (1 + fabs(expect)) : 0.0)) {
                    fprintf(stderr, "pamtool: pixel %d channel %d: got %.9g expected %.9g (gain %g)\n", i, c, got, expect, g);
                    return 1;
                }
            }
        }
        return 0;
    }
    fprintf(stderr, "usage: pamtool gen|gain|same|size ...\n");
    return 2;
}
