/*
 * Internal interfaces between the parts of the ManyFaces C shim:
 *   shim_entry.c     - the exported OFX entry points and the one-JNI-call dispatch
 *   jvm_boot.c       - finding a Java runtime, creating or attaching the one JVM, loading Bridge
 *   signal_guard.c   - keeping the JVM's fault handlers in charge of the JVM's own faults
 *   fallback.c       - what the plugin answers when Java cannot be started
 *   trampolines.c    - non-variadic exports that call the host's variadic functions
 *   jni_calls.c      - the JNI natives Java calls host suite functions through (ShimCalls)
 */
#ifndef MF_SHIM_INTERNAL_H
#define MF_SHIM_INTERNAL_H

#include <jni.h>
#include <stddef.h>
#include <stdint.h>
#include "mf_ofx_abi.h"
#include "mf_plugin_table.h" /* MF_PLUGIN_COUNT, MF_PLUGIN_TABLE: generated from the Java EffectCatalogue */

#define MF_REASON_MAX 512

/* The Java side of the contract, resolved once by mf_java_boot. */
typedef struct MfJava {
    JavaVM *vm;
    jclass bridge;          /* global reference */
    jmethodID init;         /* static int init(String shimPath, String resourcesDir) */
    jmethodID set_host;     /* static int setHost(long) */
    jmethodID main_entry;   /* static int mainEntry(int, String, long, long, long) */
    int keeps_size_mask;    /* bit i: plug-in i never changes the frame size (Bridge.keepsFrameSizeMask) */
} MfJava;

/* Absolute path of this shared object and of the bundle's Contents/Resources folder. */
const char *mf_shim_path(void);
const char *mf_resources_dir(void);

/* Boots or attaches the JVM and resolves Bridge. Returns 0 and fills *java on success; otherwise
 * fills reason (short, user facing) and returns -1. Called once per process. */
int mf_java_boot(MfJava *java, char *reason, size_t reason_size);

/* The JNIEnv of the calling thread, attaching it as a daemon the first time (NULL on failure). */
JNIEnv *mf_java_thread_env(JavaVM *vm);

/* Signal handling around the JVM (see signal_guard.c for the scheme). */
void mf_signals_record_jvm(const void *address_inside_libjvm);
void mf_signals_before_java(void);

/* Version of the ShimCalls natives; org.manyfaces.ofx.jna.ShimCalls.ABI must match. */
#define MF_SHIM_CALLS_ABI 1

/* The variadic trampolines (trampolines.c), also exported for C callers. */
int mf_param_get(void *fn, void *param, int n, void **ptrs);
int mf_param_get_at_time(void *fn, void *param, double t, int n, void **ptrs);
int mf_param_set_ints(void *fn, void *param, int n, const int *v);
int mf_param_set_doubles(void *fn, void *param, int n, const double *v);
int mf_param_set_string(void *fn, void *param, const char *v);
int mf_param_set_ints_at_time(void *fn, void *param, double t, int n, const int *v);
int mf_param_set_doubles_at_time(void *fn, void *param, double t, int n, const double *v);
int mf_param_set_string_at_time(void *fn, void *param, double t, const char *v);
int mf_message(void *fn, void *handle, const char *type, const char *id, const char *text);

/* Fallback behaviour when Java is unavailable. */
OfxStatus mf_fallback_entry(int plugin_index, const char *action, const void *handle,
                            OfxPropertySetHandle in_args, OfxPropertySetHandle out_args,
                            OfxHost *host, const char *reason);

/* Human readable plugin labels, indexed like the OfxPlugin table. */
extern const char *const mf_plugin_labels[MF_PLUGIN_COUNT];

#endif
