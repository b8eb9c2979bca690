/*
 * Test of the shim's JNI natives for org.manyfaces.ofx.jna.ShimCalls (not shipped): each must call the
 * host function it is given with every argument in its place, doubles included, and hand back the host's
 * status unchanged. They never touch the JNIEnv, so the test calls them as plain C functions.
 *
 *   jni_calls_test PATH_TO_ManyFaces.ofx
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mf_ofx_abi.h"

#define J(p) ((jlong)(intptr_t)(p))

/* What the last host function saw. */
static void *seen_p[4];
static int seen_i[2];
static double seen_d;
static char seen_text[256];

static OfxStatus host_p(void *a) { seen_p[0] = a; return 31; }
static OfxStatus host_pp(void *a, void *b) { seen_p[0] = a; seen_p[1] = b; return 32; }
static OfxStatus host_ppp(void *a, void *b, void *c) { seen_p[0] = a; seen_p[1] = b; seen_p[2] = c; return 33; }
static OfxStatus host_pppp(void *a, void *b, void *c, void *d) {
    seen_p[0] = a; seen_p[1] = b; seen_p[2] = c; seen_p[3] = d; return 34;
}
/* propGetInt-shaped: writes index * 10 to the int out-pointer. */
static OfxStatus host_ppip(OfxPropertySetHandle props, const char *name, int index, int *out) {
    seen_p[0] = props; seen_p[1] = (void *)name; seen_i[0] = index; *out = index * 10; return 35;
}
static OfxStatus host_ppid(OfxPropertySetHandle props, const char *name, int index, double v) {
    seen_p[0] = props; seen_p[1] = (void *)name; seen_i[0] = index; seen_d = v; return 36;
}
static OfxStatus host_ppii(OfxPropertySetHandle props, const char *name, int index, int v) {
    seen_p[0] = props; seen_p[1] = (void *)name; seen_i[0] = index; seen_i[1] = v; return 37;
}
/* clipGetRegionOfDefinition-shaped. */
static OfxStatus host_pdp(OfxImageClipHandle clip, OfxTime t, OfxRectD *rod) {
    seen_p[0] = clip; seen_d = t; rod->x1 = -1; rod->y1 = -2; rod->x2 = 3; rod->y2 = 4; return 38;
}
/* clipGetImage-shaped. */
static OfxStatus host_pdpp(OfxImageClipHandle clip, OfxTime t, const OfxRectD *region, OfxPropertySetHandle *out) {
    seen_p[0] = clip; seen_d = t; seen_p[1] = (void *)region; *out = (OfxPropertySetHandle)clip; return 39;
}
static OfxStatus host_get_at_time(OfxParamHandle h, OfxTime t, ...) {
    va_list ap;
    va_start(ap, t);
    seen_p[0] = h; seen_d = t;
    *va_arg(ap, double *) = 0.75;
    va_end(ap);
    return 40;
}
static OfxStatus host_message(void *h, const char *type, const char *id, const char *format, ...) {
    char text[200];
    va_list ap;
    va_start(ap, format);
    vsnprintf(text, sizeof text, format, ap);
    va_end(ap);
    seen_p[0] = h;
    snprintf(seen_text, sizeof seen_text, "%s|%s|%s", type, id ? id : "(null)", text);
    return 41;
}

static int failures;
#define EXPECT(cond, what) do { if (cond) printf("ok: %s\n", what); else { printf("FAIL: %s\n", what); failures++; } } while (0)
#define NATIVE(type, name) type name = (type)dlsym(shim, "Java_org_manyfaces_ofx_jna_ShimCalls_" #name); \
    if (name == NULL) { printf("FAIL: no native %s\n", #name); return 1; }

typedef jint (*AbiFn)(JNIEnv *, jclass);
typedef jint (*P1)(JNIEnv *, jclass, jlong, jlong);
typedef jint (*P2)(JNIEnv *, jclass, jlong, jlong, jlong);
typedef jint (*P3)(JNIEnv *, jclass, jlong, jlong, jlong, jlong);
typedef jint (*P4)(JNIEnv *, jclass, jlong, jlong, jlong, jlong, jlong);
typedef jint (*PPIP)(JNIEnv *, jclass, jlong, jlong, jlong, jint, jlong);
typedef jint (*PPID)(JNIEnv *, jclass, jlong, jlong, jlong, jint, jdouble);
typedef jint (*PPII)(JNIEnv *, jclass, jlong, jlong, jlong, jint, jint);
typedef jint (*PDP)(JNIEnv *, jclass, jlong, jlong, jdouble, jlong);
typedef jint (*PDPP)(JNIEnv *, jclass, jlong, jlong, jdouble, jlong, jlong);
typedef jint (*GetAtTime)(JNIEnv *, jclass, jlong, jlong, jdouble, jint, jlong);
typedef jint (*Message)(JNIEnv *, jclass, jlong, jlong, jlong, jlong, jlong);

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    void *shim = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (shim == NULL) { fprintf(stderr, "%s\n", dlerror()); return 2; }
    NATIVE(AbiFn, abiVersion)
    NATIVE(P1, callP)
    NATIVE(P2, callPP)
    NATIVE(P3, callPPP)
    NATIVE(P4, callPPPP)
    NATIVE(PPIP, callPPIP)
    NATIVE(PPID, callPPID)
    NATIVE(PPII, callPPII)
    NATIVE(PDP, callPDP)
    NATIVE(PDPP, callPDPP)
    NATIVE(GetAtTime, paramGetAtTime)
    NATIVE(Message, message)

    char a, b, c, d;   /* distinct addresses standing for handles */
    EXPECT(abiVersion(NULL, NULL) == 1, "abiVersion() is 1 (ShimCalls.ABI)");
    EXPECT(callP(NULL, NULL, J(host_p), J(&a)) == 31 && seen_p[0] == &a, "callP passes its pointer, returns the status");
    EXPECT(callPP(NULL, NULL, J(host_pp), J(&a), J(&b)) == 32 && seen_p[0] == &a && seen_p[1] == &b, "callPP keeps the order");
    EXPECT(callPPP(NULL, NULL, J(host_ppp), J(&a), J(&b), J(&c)) == 33 && seen_p[2] == &c && seen_p[1] == &b,
           "callPPP keeps the order");
    EXPECT(callPPPP(NULL, NULL, J(host_pppp), J(&a), J(&b), J(&c), J(&d)) == 34 && seen_p[0] == &a && seen_p[3] == &d,
           "callPPPP keeps the order");
    int out = 0;
    EXPECT(callPPIP(NULL, NULL, J(host_ppip), J(&a), J("OfxImagePropRowBytes"), 7, J(&out)) == 35 && out == 70
               && seen_i[0] == 7 && strcmp((const char *)seen_p[1], "OfxImagePropRowBytes") == 0,
           "callPPIP: property getter gets name, index and out-pointer");
    EXPECT(callPPIP(NULL, NULL, J(host_ppip), J(&a), J(&b), -3, J(&out)) == 35 && out == -30 && seen_i[0] == -3,
           "callPPIP passes a negative int");
    EXPECT(callPPID(NULL, NULL, J(host_ppid), J(&a), J(&b), 2, -0.1875) == 36 && seen_i[0] == 2 && seen_d == -0.1875
               && seen_p[0] == &a,
           "callPPID: the double lands in its place after the int");
    EXPECT(callPPII(NULL, NULL, J(host_ppii), J(&a), J(&b), 1, INT32_MIN) == 37 && seen_i[0] == 1 && seen_i[1] == INT32_MIN,
           "callPPII passes both ints");
    OfxRectD rod = {0, 0, 0, 0};
    EXPECT(callPDP(NULL, NULL, J(host_pdp), J(&a), 12.5, J(&rod)) == 38 && seen_d == 12.5 && seen_p[0] == &a
               && rod.x1 == -1 && rod.y2 == 4,
           "callPDP: clip, time and out-rectangle");
    OfxPropertySetHandle image = NULL;
    EXPECT(callPDPP(NULL, NULL, J(host_pdpp), J(&c), 1e9 + 0.5, 0, J(&image)) == 39 && seen_d == 1e9 + 0.5
               && seen_p[1] == NULL && image == (OfxPropertySetHandle)&c,
           "callPDPP: clip, time, NULL region and out-handle");
    double v = 0;
    void *ptrs[1] = {&v};
    EXPECT(paramGetAtTime(NULL, NULL, J(host_get_at_time), J(&d), -4.25, 1, J(ptrs)) == 40 && seen_d == -4.25 && v == 0.75
               && seen_p[0] == &d,
           "paramGetAtTime reaches the variadic host function with time and pointer");
    EXPECT(message(NULL, NULL, J(host_message), J(&a), J(kOfxMessageError), 0, J("50% done %s")) == 41
               && seen_p[0] == &a && strcmp(seen_text, "OfxMessageError|(null)|50% done %s") == 0,
           "message: NULL id allowed, text never used as a format");
    return failures == 0 ? 0 : 1;
}
