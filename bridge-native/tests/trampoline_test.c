/*
 * Test of the shim's non-variadic trampolines (not shipped): they must call the host's VARIADIC
 * functions with the variadic convention and pass every pointer/value in order. The "host"
 * functions here are real variadic C functions that read their arguments with va_arg.
 *
 *   trampoline_test PATH_TO_ManyFaces.ofx
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mf_ofx_abi.h"

typedef int (*GetFn)(void *, void *, int, void **);
typedef int (*GetAtTimeFn)(void *, void *, double, int, void **);
typedef int (*SetIntsFn)(void *, void *, int, const int *);
typedef int (*SetDoublesFn)(void *, void *, int, const double *);
typedef int (*SetStringFn)(void *, void *, const char *);
typedef int (*SetIntsAtTimeFn)(void *, void *, double, int, const int *);
typedef int (*SetDoublesAtTimeFn)(void *, void *, double, int, const double *);
typedef int (*SetStringAtTimeFn)(void *, void *, double, const char *);
typedef int (*MessageFn)(void *, void *, const char *, const char *, const char *);

/* The mock param handle says how many values the call carries. */
typedef struct { int n; } MockParam;
static double seen_time;
static double seen[4];
static char seen_text[256];

static OfxStatus host_get(OfxParamHandle h, ...) {
    va_list ap;
    va_start(ap, h);
    for (int i = 0; i < ((MockParam *)h)->n; i++) *va_arg(ap, double *) = 10.5 + i;
    va_end(ap);
    return 0;
}
static OfxStatus host_get_at_time(OfxParamHandle h, OfxTime t, ...) {
    va_list ap;
    va_start(ap, t);
    seen_time = t;
    for (int i = 0; i < ((MockParam *)h)->n; i++) *va_arg(ap, int *) = 20 + i;
    va_end(ap);
    return 0;
}
static OfxStatus host_set_ints(OfxParamHandle h, ...) {
    va_list ap;
    va_start(ap, h);
    for (int i = 0; i < ((MockParam *)h)->n; i++) seen[i] = va_arg(ap, int);
    va_end(ap);
    return 0;
}
static OfxStatus host_set_doubles(OfxParamHandle h, ...) {
    va_list ap;
    va_start(ap, h);
    for (int i = 0; i < ((MockParam *)h)->n; i++) seen[i] = va_arg(ap, double);
    va_end(ap);
    return 0;
}
static OfxStatus host_set_ints_at_time(OfxParamHandle h, OfxTime t, ...) {
    va_list ap;
    va_start(ap, t);
    seen_time = t;
    for (int i = 0; i < ((MockParam *)h)->n; i++) seen[i] = va_arg(ap, int);
    va_end(ap);
    return 0;
}
static OfxStatus host_set_doubles_at_time(OfxParamHandle h, OfxTime t, ...) {
    va_list ap;
    va_start(ap, t);
    seen_time = t;
    for (int i = 0; i < ((MockParam *)h)->n; i++) seen[i] = va_arg(ap, double);
    va_end(ap);
    return 0;
}
static OfxStatus host_set_string(OfxParamHandle h, ...) {
    va_list ap;
    va_start(ap, h);
    snprintf(seen_text, sizeof seen_text, "%s", va_arg(ap, const char *));
    va_end(ap);
    return 0;
}
static OfxStatus host_set_string_at_time(OfxParamHandle h, OfxTime t, ...) {
    (void)h;
    va_list ap;
    va_start(ap, t);
    seen_time = t;
    snprintf(seen_text, sizeof seen_text, "%s", va_arg(ap, const char *));
    va_end(ap);
    return 0;
}
static OfxStatus host_message(void *h, const char *type, const char *id, const char *format, ...) {
    (void)h;
    char text[200];
    va_list ap;
    va_start(ap, format);
    vsnprintf(text, sizeof text, format, ap);
    va_end(ap);
    snprintf(seen_text, sizeof seen_text, "%s|%s|%s", type, id ? id : "(null)", text);
    return 12;   /* a status the trampoline must hand back unchanged */
}

static int failures;
#define EXPECT(cond, what) do { if (cond) printf("ok: %s\n", what); else { printf("FAIL: %s\n", what); failures++; } } while (0)

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    void *shim = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (shim == NULL) { fprintf(stderr, "%s\n", dlerror()); return 2; }
    GetFn get = (GetFn)dlsym(shim, "mf_param_get");
    GetAtTimeFn get_at = (GetAtTimeFn)dlsym(shim, "mf_param_get_at_time");
    SetIntsFn set_ints = (SetIntsFn)dlsym(shim, "mf_param_set_ints");
    SetDoublesFn set_doubles = (SetDoublesFn)dlsym(shim, "mf_param_set_doubles");
    SetStringFn set_string = (SetStringFn)dlsym(shim, "mf_param_set_string");
    SetIntsAtTimeFn set_ints_at = (SetIntsAtTimeFn)dlsym(shim, "mf_param_set_ints_at_time");
    SetDoublesAtTimeFn set_doubles_at = (SetDoublesAtTimeFn)dlsym(shim, "mf_param_set_doubles_at_time");
    SetStringAtTimeFn set_string_at = (SetStringAtTimeFn)dlsym(shim, "mf_param_set_string_at_time");
    MessageFn message = (MessageFn)dlsym(shim, "mf_message");
    int (*version)(void) = (int (*)(void))dlsym(shim, "mf_shim_version");

    for (int n = 1; n <= 4; n++) {
        MockParam p = {n};
        double d[4] = {0, 0, 0, 0};
        void *ptrs[4] = {&d[0], &d[1], &d[2], &d[3]};
        int rc = get((void *)host_get, &p, n, ptrs);
        int ok = rc == 0;
        for (int i = 0; i < 4; i++) ok = ok && d[i] == (i < n ? 10.5 + i : 0);
        char what[64];
        snprintf(what, sizeof what, "mf_param_get n=%d fills the pointers in order", n);
        EXPECT(ok, what);
        int v[4] = {0, 0, 0, 0};
        void *iptrs[4] = {&v[0], &v[1], &v[2], &v[3]};
        rc = get_at((void *)host_get_at_time, &p, 7.25, n, iptrs);
        ok = rc == 0 && seen_time == 7.25;
        for (int i = 0; i < 4; i++) ok = ok && v[i] == (i < n ? 20 + i : 0);
        snprintf(what, sizeof what, "mf_param_get_at_time n=%d passes time and pointers", n);
        EXPECT(ok, what);
    }
    MockParam p3 = {3}, p4 = {4}, p1 = {1};
    int ints[3] = {-7, 8, 2147483647};
    EXPECT(set_ints((void *)host_set_ints, &p3, 3, ints) == 0 && seen[0] == -7 && seen[1] == 8 && seen[2] == 2147483647,
           "mf_param_set_ints passes int values");
    double dbl[4] = {0.125, -3.5, 1e300, 42};
    EXPECT(set_doubles((void *)host_set_doubles, &p4, 4, dbl) == 0 && seen[0] == 0.125 && seen[1] == -3.5 && seen[2] == 1e300 && seen[3] == 42,
           "mf_param_set_doubles passes double values");
    EXPECT(set_ints_at((void *)host_set_ints_at_time, &p1, -2.0, 1, ints) == 0 && seen_time == -2.0 && seen[0] == -7,
           "mf_param_set_ints_at_time passes time and value");
    EXPECT(set_doubles_at((void *)host_set_doubles_at_time, &p4, 12.5, 4, dbl) == 0 && seen_time == 12.5 && seen[3] == 42,
           "mf_param_set_doubles_at_time passes time and values");
    EXPECT(set_string((void *)host_set_string, &p1, "héllo") == 0 && strcmp(seen_text, "héllo") == 0,
           "mf_param_set_string passes the string");
    EXPECT(set_string_at((void *)host_set_string_at_time, &p1, 3.0, "at three") == 0 && seen_time == 3.0 && strcmp(seen_text, "at three") == 0,
           "mf_param_set_string_at_time passes time and string");
    EXPECT(message((void *)host_message, NULL, kOfxMessageError, "some.id", "100% sure %s %d") == 12
               && strcmp(seen_text, "OfxMessageError|some.id|100% sure %s %d") == 0,
           "mf_message passes the text through \"%s\" and returns the host's status");
    EXPECT(message((void *)host_message, NULL, kOfxMessageLog, NULL, "no id") == 12 && strcmp(seen_text, "OfxMessageLog|(null)|no id") == 0,
           "mf_message allows a NULL id");
    void *ptrs[5] = {0};
    EXPECT(get((void *)host_get, &p4, 5, ptrs) == kOfxStatErrValue && get((void *)host_get, &p4, 0, ptrs) == kOfxStatErrValue,
           "n outside 1..4 is kOfxStatErrValue");
    EXPECT(set_ints((void *)host_set_ints, &p4, 4, ints) == kOfxStatErrValue, "int params have at most 3 values");
    EXPECT(get(NULL, &p4, 1, ptrs) == kOfxStatErrBadHandle && set_string(NULL, &p1, "x") == kOfxStatErrBadHandle,
           "NULL function pointer is kOfxStatErrBadHandle");
    EXPECT(version() == 1, "mf_shim_version() is 1");
    return failures == 0 ? 0 : 1;
}
