/*
 * The exported OFX entry points of ManyFaces.ofx.
 *
 * The shim is deliberately thin: it owns one static OfxPlugin struct per effect (so that a host can list
 * and describe the plugins even when no Java runtime can be started), boots the JVM on the first
 * action, and forwards every action to Java with exactly one JNI call. Everything else lives in Java.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shim_internal.h"

#define MF_EXPORT __attribute__((visibility("default")))

/* The effects come from mf_plugin_table.h, generated from the Java EffectCatalogue (never edit a row here). */
#define MF_LABEL_OF(index, id, major, minor, label) label,
const char *const mf_plugin_labels[MF_PLUGIN_COUNT] = {MF_PLUGIN_TABLE(MF_LABEL_OF)};

/* Boot state. Written once inside pthread_once, read-only afterwards. */
static pthread_once_t boot_once = PTHREAD_ONCE_INIT;
static int java_ready;
static MfJava java;
static char unavailable_reason[MF_REASON_MAX];

/* The host as last handed to us; the host keeps the struct alive while the plugin is loaded. */
static OfxHost *volatile current_host;
static pthread_mutex_t host_lock = PTHREAD_MUTEX_INITIALIZER;

/* Action strings are interned as global jstrings so that a render costs no string allocation
 * on the Java heap and no local reference (host threads never return to Java, so local references
 * made on them would never be freed automatically). */
#define MF_MAX_INTERNED 48
static struct { const char *text; jstring java_string; } interned[MF_MAX_INTERNED];
static int interned_count;
static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;

static char shim_path_buf[PATH_MAX];
static char resources_buf[PATH_MAX];

const char *mf_shim_path(void) { return shim_path_buf; }
const char *mf_resources_dir(void) { return resources_buf; }

/* Finds our own file (dladdr on one of our symbols) and derives Contents/Resources from it:
 * the shim lives in NAME.ofx.bundle/Contents/Linux-x86-64/NAME.ofx. */
static void locate_self(void) {
    Dl_info info;
    if (dladdr((void *)&locate_self, &info) == 0 || info.dli_fname == NULL) {
        shim_path_buf[0] = '\0';
        resources_buf[0] = '\0';
        return;
    }
    if (realpath(info.dli_fname, shim_path_buf) == NULL) {
        snprintf(shim_path_buf, sizeof shim_path_buf, "%s", info.dli_fname);
    }
    char contents[PATH_MAX];
    snprintf(contents, sizeof contents, "%s", shim_path_buf);
    for (int up = 0; up < 2; up++) {           /* strip "/NAME.ofx", then "/Linux-x86-64" */
        char *slash = strrchr(contents, '/');
        if (slash == NULL) { contents[0] = '\0'; break; }
        *slash = '\0';
    }
    snprintf(resources_buf, sizeof resources_buf, "%s/Resources", contents);
}

static void forward_host_to_java(OfxHost *host) {
    mf_signals_before_java();
    JNIEnv *env = mf_java_thread_env(java.vm);
    if (env == NULL || host == NULL) return;
    jint rc = (*env)->CallStaticIntMethod(env, java.bridge, java.set_host, (jlong)(intptr_t)host);
    if ((*env)->ExceptionCheck(env)) {
        fprintf(stderr, "ManyFaces: Java exception in Bridge.setHost:\n");
        (*env)->ExceptionDescribe(env);   /* prints and clears */
    } else if (rc != kOfxStatOK) {
        fprintf(stderr, "ManyFaces: Bridge.setHost returned %d\n", (int)rc);
    }
}

static void boot(void) {
    locate_self();
    /* Pin ourselves: once a JVM (which can never be re-created) holds pointers into this library,
     * a host that dlcloses and reloads the plugin must find the same code and the same state. */
    if (shim_path_buf[0] != '\0' && dlopen(shim_path_buf, RTLD_NOW | RTLD_NODELETE) == NULL) {
        fprintf(stderr, "ManyFaces: could not pin the shim in memory: %s\n", dlerror());
    }
    if (mf_java_boot(&java, unavailable_reason, sizeof unavailable_reason) == 0) {
        __atomic_store_n(&java_ready, 1, __ATOMIC_SEQ_CST);
        OfxHost *host = current_host;
        if (host != NULL) forward_host_to_java(host);   /* setHost came before Java was up */
    } else {
        fprintf(stderr, "ManyFaces: plugin unavailable: %s\n", unavailable_reason);
    }
}

static jstring action_string(JNIEnv *env, const char *action, int *is_local) {
    *is_local = 0;
    for (int i = 0; i < __atomic_load_n(&interned_count, __ATOMIC_ACQUIRE); i++) {
        if (strcmp(interned[i].text, action) == 0) return interned[i].java_string;
    }
    jstring local = (*env)->NewStringUTF(env, action);
    if (local == NULL) return NULL;
    /* Only OFX's own action names are interned (bounded set); anything else stays a local ref. */
    if (strncmp(action, "Ofx", 3) != 0) { *is_local = 1; return local; }
    pthread_mutex_lock(&intern_lock);
    jstring result = local;
    int found = -1;
    for (int i = 0; i < interned_count; i++) {
        if (strcmp(interned[i].text, action) == 0) { found = i; break; }
    }
    if (found >= 0) {
        result = interned[found].java_string;
        (*env)->DeleteLocalRef(env, local);
    } else if (interned_count < MF_MAX_INTERNED) {
        char *copy = strdup(action);
        jstring global = (*env)->NewGlobalRef(env, local);
        (*env)->DeleteLocalRef(env, local);
        if (copy != NULL && global != NULL) {
            interned[interned_count].text = copy;
            interned[interned_count].java_string = global;
            __atomic_store_n(&interned_count, interned_count + 1, __ATOMIC_RELEASE);
            result = global;
        } else {
            free(copy);
            result = NULL;
        }
    } else {
        *is_local = 1;
    }
    pthread_mutex_unlock(&intern_lock);
    return result;
}

static OfxStatus dispatch(int plugin_index, const char *action, const void *handle,
                          OfxPropertySetHandle in_args, OfxPropertySetHandle out_args) {
    if (action == NULL) return kOfxStatErrValue;
    pthread_once(&boot_once, boot);
    if (!__atomic_load_n(&java_ready, __ATOMIC_SEQ_CST)) {
        return mf_fallback_entry(plugin_index, action, handle, in_args, out_args, current_host,
                                 unavailable_reason);
    }
    /* A plug-in that never changes the frame size answers "default" to these two per-frame actions; a host
     * calls them before every render, and answering here saves two trips into Java per frame (the chain
     * bench: host -> shim -> JNI -> dispatcher and back, about 2 us each). Java clears the mask when every
     * action must reach it (a test bundle's ActionInterceptor). */
    if (plugin_index >= 0 && plugin_index < 31 && (java.keeps_size_mask & (1 << plugin_index))
        && (strcmp(action, kOfxImageEffectActionGetRegionOfDefinition) == 0
            || strcmp(action, kOfxImageEffectActionGetRegionsOfInterest) == 0)) {
        return kOfxStatReplyDefault;
    }
    /* Before any JNI use on this thread (attaching and string creation run JVM code too). */
    mf_signals_before_java();
    JNIEnv *env = mf_java_thread_env(java.vm);
    if (env == NULL) {
        fprintf(stderr, "ManyFaces: could not attach host thread to the JVM (%s)\n", action);
        return kOfxStatFailed;
    }
    int is_local;
    jstring jaction = action_string(env, action, &is_local);
    if (jaction == NULL) {
        (*env)->ExceptionClear(env);
        return kOfxStatErrMemory;
    }
    jint status = (*env)->CallStaticIntMethod(env, java.bridge, java.main_entry, (jint)plugin_index,
                                              jaction, (jlong)(intptr_t)handle,
                                              (jlong)(intptr_t)in_args, (jlong)(intptr_t)out_args);
    if ((*env)->ExceptionCheck(env)) {
        /* ActionDispatcher catches everything; reaching this means an Error escaped it. */
        fprintf(stderr, "ManyFaces: uncaught Java exception in %s:\n", action);
        (*env)->ExceptionDescribe(env);
        status = kOfxStatFailed;
    }
    if (is_local) (*env)->DeleteLocalRef(env, jaction);
    return (OfxStatus)status;
}

static void set_host_common(OfxHost *host) {
    pthread_mutex_lock(&host_lock);
    current_host = host;
    pthread_mutex_unlock(&host_lock);
    if (__atomic_load_n(&java_ready, __ATOMIC_SEQ_CST)) forward_host_to_java(host);
    /* else: boot() forwards it once Java is up */
}

/* One entry point per plug-in: OFX passes no plug-in index to mainEntry, so each knows its own. */
#define MF_ENTRY_OF(index, id, major, minor, label)                                                   \
    static OfxStatus entry_##index(const char *action, const void *handle, OfxPropertySetHandle in_args, \
                                   OfxPropertySetHandle out_args) {                                     \
        return dispatch(index, action, handle, in_args, out_args);                                      \
    }
MF_PLUGIN_TABLE(MF_ENTRY_OF)

#define MF_PLUGIN_OF(index, id, major, minor, label) \
    {kOfxImageEffectPluginApi, 1, id, major, minor, set_host_common, entry_##index},
static OfxPlugin plugins[MF_PLUGIN_COUNT] = {MF_PLUGIN_TABLE(MF_PLUGIN_OF)};

MF_EXPORT int OfxGetNumberOfPlugins(void) { return MF_PLUGIN_COUNT; }

MF_EXPORT OfxPlugin *OfxGetPlugin(int nth) {
    if (nth < 0 || nth >= MF_PLUGIN_COUNT) return NULL;
    return &plugins[nth];
}

/* Optional OFX 1.5 entry: called first by hosts that know it. We only remember the host; the
 * per-plugin setHost still follows and is what forwards the host to Java. */
MF_EXPORT OfxStatus OfxSetHost(const OfxHost *host) {
    pthread_mutex_lock(&host_lock);
    current_host = (OfxHost *)host;
    pthread_mutex_unlock(&host_lock);
    return kOfxStatOK;
}

/* Version of the shim<->Java contract (ARCHITECTURE.md "C shim <-> Java contract"). Java checks it
 * in Bridge.init to refuse a shim from another release. */
MF_EXPORT int mf_shim_version(void) { return 1; }
