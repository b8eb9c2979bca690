/*
 * JNI natives of org.manyfaces.ofx.jna.ShimCalls: how Java calls host suite functions on the render path.
 *
 * Why plain JNI here: a render makes some 40 suite calls (property reads, clip and image handles, param
 * values). Through JNA direct mapping each one cost ~140 ns (JNA's generic dispatcher converts every
 * argument and goes through libffi); a JNI native with a fixed C signature costs the JVM's own native
 * transition, ~20 ns, and then one indirect call. Java loads this library with System.load(shimPath), so
 * the JVM finds these functions by their JNI names; nothing is registered by hand.
 *
 * Each callN/callXYZ takes the host's function pointer first and calls it through a function-pointer type
 * with the same register classes as the real prototype (x86-64 SysV and AArch64 pass pointers, size_t
 * and int in integer registers, doubles in vector registers, so void* stands for every handle type).
 * The suffix names the argument kinds in order: P pointer (or size_t), I int, D double.
 *
 * The variadic param and message functions go through the C trampolines in trampolines.c, which make a
 * real variadic call. Strings come from Java as addresses of NUL-terminated UTF-8 that Java keeps alive
 * for the call (modified UTF-8 from GetStringUTFChars would mangle some characters).
 */
#include "shim_internal.h"

#define MF_JNI(name) JNIEXPORT jint JNICALL Java_org_manyfaces_ofx_jna_ShimCalls_##name
#define PTR(x) ((void *)(intptr_t)(x))

typedef OfxStatus (*FnP)(void *);
typedef OfxStatus (*FnPP)(void *, void *);
typedef OfxStatus (*FnPPP)(void *, void *, void *);
typedef OfxStatus (*FnPPPP)(void *, void *, void *, void *);
typedef OfxStatus (*FnPPIP)(void *, void *, int, void *);
typedef OfxStatus (*FnPPID)(void *, void *, int, double);
typedef OfxStatus (*FnPPII)(void *, void *, int, int);
typedef OfxStatus (*FnPDP)(void *, double, void *);
typedef OfxStatus (*FnPDPP)(void *, double, void *, void *);

/* The version Java checks after loading: a shim and jars from different builds fail loudly, not oddly. */
MF_JNI(abiVersion)(JNIEnv *env, jclass cls) {
    (void)env; (void)cls;
    return MF_SHIM_CALLS_ABI;
}

MF_JNI(callP)(JNIEnv *env, jclass cls, jlong fn, jlong a) {
    (void)env; (void)cls;
    return ((FnP)PTR(fn))(PTR(a));
}

MF_JNI(callPP)(JNIEnv *env, jclass cls, jlong fn, jlong a, jlong b) {
    (void)env; (void)cls;
    return ((FnPP)PTR(fn))(PTR(a), PTR(b));
}

MF_JNI(callPPP)(JNIEnv *env, jclass cls, jlong fn, jlong a, jlong b, jlong c) {
    (void)env; (void)cls;
    return ((FnPPP)PTR(fn))(PTR(a), PTR(b), PTR(c));
}

MF_JNI(callPPPP)(JNIEnv *env, jclass cls, jlong fn, jlong a, jlong b, jlong c, jlong d) {
    (void)env; (void)cls;
    return ((FnPPPP)PTR(fn))(PTR(a), PTR(b), PTR(c), PTR(d));
}

MF_JNI(callPPIP)(JNIEnv *env, jclass cls, jlong fn, jlong a, jlong b, jint i, jlong c) {
    (void)env; (void)cls;
    return ((FnPPIP)PTR(fn))(PTR(a), PTR(b), (int)i, PTR(c));
}

MF_JNI(callPPID)(JNIEnv *env, jclass cls, jlong fn, jlong a, jlong b, jint i, jdouble d) {
    (void)env; (void)cls;
    return ((FnPPID)PTR(fn))(PTR(a), PTR(b), (int)i, (double)d);
}

MF_JNI(callPPII)(JNIEnv *env, jclass cls, jlong fn, jlong a, jlong b, jint i, jint j) {
    (void)env; (void)cls;
    return ((FnPPII)PTR(fn))(PTR(a), PTR(b), (int)i, (int)j);
}

MF_JNI(callPDP)(JNIEnv *env, jclass cls, jlong fn, jlong a, jdouble t, jlong b) {
    (void)env; (void)cls;
    return ((FnPDP)PTR(fn))(PTR(a), (double)t, PTR(b));
}

MF_JNI(callPDPP)(JNIEnv *env, jclass cls, jlong fn, jlong a, jdouble t, jlong b, jlong c) {
    (void)env; (void)cls;
    return ((FnPDPP)PTR(fn))(PTR(a), (double)t, PTR(b), PTR(c));
}

/* ---------------------------------------------------------------- variadic functions, via trampolines.c */

MF_JNI(paramGet)(JNIEnv *env, jclass cls, jlong fn, jlong param, jint n, jlong ptrs) {
    (void)env; (void)cls;
    return mf_param_get(PTR(fn), PTR(param), (int)n, PTR(ptrs));
}

MF_JNI(paramGetAtTime)(JNIEnv *env, jclass cls, jlong fn, jlong param, jdouble t, jint n, jlong ptrs) {
    (void)env; (void)cls;
    return mf_param_get_at_time(PTR(fn), PTR(param), (double)t, (int)n, PTR(ptrs));
}

MF_JNI(paramSetInts)(JNIEnv *env, jclass cls, jlong fn, jlong param, jint n, jlong values) {
    (void)env; (void)cls;
    return mf_param_set_ints(PTR(fn), PTR(param), (int)n, PTR(values));
}

MF_JNI(paramSetDoubles)(JNIEnv *env, jclass cls, jlong fn, jlong param, jint n, jlong values) {
    (void)env; (void)cls;
    return mf_param_set_doubles(PTR(fn), PTR(param), (int)n, PTR(values));
}

MF_JNI(paramSetString)(JNIEnv *env, jclass cls, jlong fn, jlong param, jlong utf8) {
    (void)env; (void)cls;
    return mf_param_set_string(PTR(fn), PTR(param), PTR(utf8));
}

MF_JNI(paramSetIntsAtTime)(JNIEnv *env, jclass cls, jlong fn, jlong param, jdouble t, jint n, jlong values) {
    (void)env; (void)cls;
    return mf_param_set_ints_at_time(PTR(fn), PTR(param), (double)t, (int)n, PTR(values));
}

MF_JNI(paramSetDoublesAtTime)(JNIEnv *env, jclass cls, jlong fn, jlong param, jdouble t, jint n, jlong values) {
    (void)env; (void)cls;
    return mf_param_set_doubles_at_time(PTR(fn), PTR(param), (double)t, (int)n, PTR(values));
}

MF_JNI(paramSetStringAtTime)(JNIEnv *env, jclass cls, jlong fn, jlong param, jdouble t, jlong utf8) {
    (void)env; (void)cls;
    return mf_param_set_string_at_time(PTR(fn), PTR(param), (double)t, PTR(utf8));
}

MF_JNI(message)(JNIEnv *env, jclass cls, jlong fn, jlong handle, jlong type, jlong id, jlong text) {
    (void)env; (void)cls;
    return mf_message(PTR(fn), PTR(handle), PTR(type), PTR(id), PTR(text));
}
