/*
 * Test (not shipped): a "host" that already runs its own JVM, without our jars on its class path,
 * before it loads ManyFaces.ofx. The shim must attach to that JVM instead of creating one, load
 * Bridge through its own URLClassLoader over Resources/lib, and forward actions.
 *
 *   foreign_jvm_test LIBJVM SHIM
 * Prints the test Bridge's lines; exit 0 when Load came back with an OFX status.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <stdio.h>
#include <string.h>

#include "mf_ofx_abi.h"

typedef jint (JNICALL *CreateJavaVmFn)(JavaVM **, void **, void *);
typedef OfxPlugin *(*GetPluginFn)(int);

static const void *no_suites(OfxPropertySetHandle host, const char *name, int version) {
    (void)host; (void)name; (void)version;
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    /* RTLD_GLOBAL like a Java-based host linked against libjvm: JNI_GetCreatedJavaVMs is visible */
    void *jvm = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
    if (jvm == NULL) { fprintf(stderr, "%s\n", dlerror()); return 2; }
    CreateJavaVmFn create = (CreateJavaVmFn)dlsym(jvm, "JNI_CreateJavaVM");
    JavaVMOption options[2] = {{(char *)"-Xmx64m", NULL}, {(char *)"-Xrs", NULL}};
    JavaVMInitArgs args = {JNI_VERSION_1_8, 2, options, JNI_FALSE};
    JavaVM *vm;
    JNIEnv *env;
    if (create(&vm, (void **)&env, &args) != JNI_OK) { fprintf(stderr, "host JVM failed\n"); return 2; }
    printf("host jvm up\n");
    fflush(stdout);

    void *shim = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
    if (shim == NULL) { fprintf(stderr, "%s\n", dlerror()); return 2; }
    GetPluginFn get = (GetPluginFn)dlsym(shim, "OfxGetPlugin");
    OfxPlugin *plugin = get(0);
    OfxHost host = {NULL, no_suites};
    plugin->setHost(&host);
    OfxStatus st = plugin->mainEntry(kOfxActionLoad, NULL, NULL, NULL);
    printf("load status=%d\n", st);
    return (st == kOfxStatReplyDefault || st == kOfxStatOK) ? 0 : 1;
}
