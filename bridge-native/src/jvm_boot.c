/*
 * Finding a Java runtime, creating (or attaching to) the process's one JVM, and resolving the Java
 * entry class (org.manyfaces.ofx.host.Bridge, unless the bundle names another: see entry_class_name).
 *
 * Rules that shape this file (docs/ARCHITECTURE.md and the JVM embedding facts):
 *  - a JVM can be created once per process; after DestroyJavaVM a second JNI_CreateJavaVM fails, so
 *    we never destroy it and never dlclose libjvm;
 *  - libjvm is dlopen'ed, never linked, so a host without Java can still load and list the plugin;
 *  - another component of the host may already have a JVM: reuse it (JNI_GetCreatedJavaVMs) and,
 *    if our classes are not on its class path, load them through our own URLClassLoader;
 *  - every failure becomes a short, user-facing reason string instead of a crash.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shim_internal.h"

#define DEFAULT_ENTRY_CLASS "org.manyfaces.ofx.host.Bridge"
#define ENTRY_CLASS_FILE "java-entry-class"
#define MAX_CLASS_NAME 256
#define MIN_JAVA_MAJOR 17

typedef jint (JNICALL *CreateJavaVmFn)(JavaVM **, void **, void *);
typedef jint (JNICALL *GetCreatedJavaVmsFn)(JavaVM **, jsize, jsize *);

/* ---------------------------------------------------------------- thread attachment */

static pthread_key_t detach_key;
static pthread_once_t detach_key_once = PTHREAD_ONCE_INIT;
static JavaVM *attached_vm;
/* The JNIEnv of a thread whose attachment we own (we attached it, or it created the JVM). */
static __thread JNIEnv *thread_env;

/* A host thread we attached is detached when it exits. Without this, HotSpot's stack guard pages
 * would stay on the dead thread's stack, which glibc caches and hands to the next new thread. */
static void detach_on_thread_exit(void *unused) {
    (void)unused;
    if (attached_vm != NULL) (*attached_vm)->DetachCurrentThread(attached_vm);
}

static void make_detach_key(void) { pthread_key_create(&detach_key, detach_on_thread_exit); }

static void detach_when_thread_exits(JavaVM *vm) {
    pthread_once(&detach_key_once, make_detach_key);
    attached_vm = vm;
    pthread_setspecific(detach_key, (void *)1);
}

JNIEnv *mf_java_thread_env(JavaVM *vm) {
    if (thread_env != NULL) return thread_env;
    JNIEnv *env = NULL;
    jint rc = (*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8);
    if (rc == JNI_OK) {
        /* Attached by someone else (a Java-based host): not cached, because its owner may
         * detach it later and a cached JNIEnv would then dangle. GetEnv is cheap. */
        return env;
    }
    if (rc != JNI_EDETACHED) return NULL;
    JavaVMAttachArgs args = {JNI_VERSION_1_8, (char *)"ManyFaces host thread", NULL};
    if ((*vm)->AttachCurrentThreadAsDaemon(vm, (void **)&env, &args) != JNI_OK) return NULL;
    detach_when_thread_exits(vm);
    thread_env = env;
    return env;
}

/* ---------------------------------------------------------------- small string helpers */

static int is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Growable string for the class path and options. */
typedef struct { char *text; size_t len, cap; } Buf;

static int buf_add(Buf *b, const char *s) {
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap == 0 ? 256 : b->cap * 2);
        while (cap < b->len + n + 1) cap *= 2;
        char *grown = realloc(b->text, cap);
        if (grown == NULL) return -1;
        b->text = grown;
        b->cap = cap;
    }
    memcpy(b->text + b->len, s, n + 1);
    b->len += n;
    return 0;
}

/* ---------------------------------------------------------------- runtime search */

/* Reads JAVA_VERSION from JAVA_HOME/release ("17.0.15", "1.8.0_392", "25"). Returns the feature
 * release (17, 8, 25), or 0 when the file is missing (then we just try the runtime). */
static int java_major_version(const char *home) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/release", home);
    FILE *f = fopen(path, "r");
    if (f == NULL) return 0;
    char line[256];
    int major = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "JAVA_VERSION=", 13) != 0) continue;
        const char *v = line + 13;
        if (*v == '"') v++;
        major = atoi(v);
        if (major == 1) {                    /* old "1.8" numbering */
            const char *dot = strchr(v, '.');
            major = (dot != NULL) ? atoi(dot + 1) : 1;
        }
        break;
    }
    fclose(f);
    return major;
}

/* Outcome of checking one candidate JAVA_HOME. */
typedef enum { CANDIDATE_OK, CANDIDATE_MISSING, CANDIDATE_TOO_OLD } CandidateResult;

static CandidateResult check_home(const char *home, char *libjvm, size_t libjvm_size, int *major) {
    snprintf(libjvm, libjvm_size, "%s/lib/server/libjvm.so", home);
    if (!is_file(libjvm)) return CANDIDATE_MISSING;
    *major = java_major_version(home);
    if (*major != 0 && *major < MIN_JAVA_MAJOR) return CANDIDATE_TOO_OLD;
    return CANDIDATE_OK;
}

/* Resolves `java` on PATH to its JAVA_HOME (bin/java -> ..). */
static int java_home_from_path(char *home, size_t home_size) {
    const char *path = getenv("PATH");
    if (path == NULL) return -1;
    char *copy = strdup(path);
    if (copy == NULL) return -1;
    int found = -1;
    for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir != NULL; dir = strtok_r(NULL, ":", &save)) {
        char candidate[PATH_MAX], resolved[PATH_MAX];
        snprintf(candidate, sizeof candidate, "%s/java", *dir ? dir : ".");
        if (access(candidate, X_OK) != 0 || realpath(candidate, resolved) == NULL) continue;
        char *slash = strrchr(resolved, '/');               /* strip /java */
        if (slash == NULL) continue;
        *slash = '\0';
        slash = strrchr(resolved, '/');                     /* strip /bin */
        if (slash == NULL) continue;
        *slash = '\0';
        snprintf(home, home_size, "%s", resolved);
        found = 0;
        break;
    }
    free(copy);
    return found;
}

static int newest_first(const struct dirent **a, const struct dirent **b) { return -alphasort(a, b); }

/*
 * Search order: the bundle's own jlink runtime, $MANYFACES_JAVA_HOME, $JAVA_HOME, then the usual
 * system places. MANYFACES_JAVA_HOME is authoritative: a user who sets it wants that runtime, so if
 * it is unusable we say so instead of silently picking another Java.
 */
static int find_runtime(char *libjvm, size_t libjvm_size, char *reason, size_t reason_size) {
    char home[PATH_MAX];
    int major = 0;
    char too_old[PATH_MAX + 64] = "";

    snprintf(home, sizeof home, "%s/jre", mf_resources_dir());
    CandidateResult r = check_home(home, libjvm, libjvm_size, &major);
    if (r == CANDIDATE_OK) return 0;
    if (r == CANDIDATE_TOO_OLD) snprintf(too_old, sizeof too_old, "Java too old: Java %d at %s (need %d+)", major, home, MIN_JAVA_MAJOR);

    const char *pinned = getenv("MANYFACES_JAVA_HOME");
    if (pinned != NULL && *pinned != '\0') {
        r = check_home(pinned, libjvm, libjvm_size, &major);
        if (r == CANDIDATE_OK) return 0;
        if (r == CANDIDATE_TOO_OLD) {
            snprintf(reason, reason_size, "Java too old: MANYFACES_JAVA_HOME is Java %d, need %d+", major, MIN_JAVA_MAJOR);
        } else {
            snprintf(reason, reason_size, "no Java runtime: MANYFACES_JAVA_HOME=%s has no lib/server/libjvm.so", pinned);
        }
        return -1;
    }

    const char *candidates[8];
    int n = 0;
    const char *java_home = getenv("JAVA_HOME");
    if (java_home != NULL && *java_home != '\0') candidates[n++] = java_home;
    candidates[n++] = "/usr/lib/jvm/default-java";
    candidates[n++] = "/usr/lib/jvm/java-17-openjdk-amd64";
    for (int i = 0; i < n; i++) {
        r = check_home(candidates[i], libjvm, libjvm_size, &major);
        if (r == CANDIDATE_OK) return 0;
        if (r == CANDIDATE_TOO_OLD && too_old[0] == '\0') {
            snprintf(too_old, sizeof too_old, "Java too old: Java %d at %s (need %d+)", major, candidates[i], MIN_JAVA_MAJOR);
        }
    }
    struct dirent **entries = NULL;
    int count = scandir("/usr/lib/jvm", &entries, NULL, newest_first);
    int found = -1;
    for (int i = 0; i < count; i++) {
        if (found != 0 && entries[i]->d_name[0] != '.') {
            snprintf(home, sizeof home, "/usr/lib/jvm/%s", entries[i]->d_name);
            r = check_home(home, libjvm, libjvm_size, &major);
            if (r == CANDIDATE_OK) found = 0;
            else if (r == CANDIDATE_TOO_OLD && too_old[0] == '\0') {
                snprintf(too_old, sizeof too_old, "Java too old: Java %d at %s (need %d+)", major, home, MIN_JAVA_MAJOR);
            }
        }
        free(entries[i]);
    }
    free(entries);
    if (found == 0) return 0;
    if (java_home_from_path(home, sizeof home) == 0) {
        r = check_home(home, libjvm, libjvm_size, &major);
        if (r == CANDIDATE_OK) return 0;
        if (r == CANDIDATE_TOO_OLD && too_old[0] == '\0') {
            snprintf(too_old, sizeof too_old, "Java too old: Java %d at %s (need %d+)", major, home, MIN_JAVA_MAJOR);
        }
    }
    if (too_old[0] != '\0') snprintf(reason, reason_size, "%s", too_old);
    else snprintf(reason, reason_size, "no Java runtime: no Java %d+ found (bundle jre, MANYFACES_JAVA_HOME, JAVA_HOME, /usr/lib/jvm, PATH)", MIN_JAVA_MAJOR);
    return -1;
}

/* ---------------------------------------------------------------- JVM creation */

static int has_jar_suffix(const struct dirent *e) {
    size_t n = strlen(e->d_name);
    return n > 4 && strcmp(e->d_name + n - 4, ".jar") == 0;
}

/* Every jar in Resources/lib, sorted by name so the class path is reproducible. Returns the count. */
static int list_jars(char ***out_paths) {
    char lib[PATH_MAX];
    snprintf(lib, sizeof lib, "%s/lib", mf_resources_dir());
    struct dirent **entries = NULL;
    int count = scandir(lib, &entries, has_jar_suffix, alphasort);
    if (count <= 0) { *out_paths = NULL; return 0; }
    char **paths = calloc((size_t)count, sizeof *paths);
    int kept = 0;
    for (int i = 0; i < count; i++) {
        char full[PATH_MAX + 256];
        snprintf(full, sizeof full, "%s/%s", lib, entries[i]->d_name);
        if (paths != NULL) paths[kept++] = strdup(full);
        free(entries[i]);
    }
    free(entries);
    *out_paths = paths;
    return paths != NULL ? kept : 0;
}

static void free_jars(char **paths, int count) {
    for (int i = 0; i < count; i++) free(paths[i]);
    free(paths);
}

static int create_vm(CreateJavaVmFn create, JavaVM **vm, JNIEnv **env, char *reason, size_t reason_size) {
    /* ONNX Runtime's Linux build starts its telemetry client (device id under ~/.cache/Microsoft, a debug
     * log in $TMPDIR) unless this is set when its first environment is created, and the JVM cannot set
     * its own environment: set here, once, before the JVM starts. */
    setenv("ORT_DISABLE_TELEMETRY", "1", 1);
    char **jars;
    int njars = list_jars(&jars);
    Buf cp = {0}, xmx = {0}, native_dir = {0}, ort = {0}, javacpp = {0}, res = {0};
    buf_add(&cp, "-Djava.class.path=");
    for (int i = 0; i < njars; i++) {
        if (i > 0) buf_add(&cp, ":");
        buf_add(&cp, jars[i]);
    }
    free_jars(jars, njars);
    const char *heap = getenv("MANYFACES_JAVA_XMX");
    buf_add(&xmx, "-Xmx");
    buf_add(&xmx, (heap != NULL && *heap != '\0') ? heap : "4g");
    buf_add(&native_dir, "-Djna.boot.library.path=");
    buf_add(&native_dir, mf_resources_dir());
    buf_add(&native_dir, "/native");
    buf_add(&ort, "-Donnxruntime.native.path=");
    buf_add(&ort, mf_resources_dir());
    buf_add(&ort, "/native");
    /* JavaCV's natives are in the same folder; JavaCPP's cache (~/.javacpp) stays off. */
    buf_add(&javacpp, "-Dorg.bytedeco.javacpp.platform.preloadpath=");
    buf_add(&javacpp, mf_resources_dir());
    buf_add(&javacpp, "/native");
    buf_add(&res, "-Dmanyfaces.resources=");
    buf_add(&res, mf_resources_dir());

    JavaVMOption options[64];
    int n = 0;
    options[n++].optionString = cp.text;
    options[n++].optionString = xmx.text;
    options[n++].optionString = native_dir.text;
    options[n++].optionString = (char *)"-Djna.nounpack=true";
    options[n++].optionString = ort.text;
    options[n++].optionString = javacpp.text;
    options[n++].optionString = (char *)"-Dorg.bytedeco.javacpp.pathsFirst=true";
    options[n++].optionString = (char *)"-Dorg.bytedeco.javacpp.cacheLibraries=false";
    options[n++].optionString = res.text;
    /* Java-created threads (ORT/pipeline pools) get a roomy stack; host threads keep theirs. */
    options[n++].optionString = (char *)"-Xss2m";
    /* -Xrs: the editor owns SIGINT/SIGTERM/SIGHUP/SIGQUIT; the JVM must not run its shutdown
     * machinery or dump threads when the user presses Ctrl-C in the editor's terminal. */
    options[n++].optionString = (char *)"-Xrs";
    /* No hsperfdata files in /tmp from inside an editor. */
    options[n++].optionString = (char *)"-XX:-UsePerfData";
    options[n++].optionString = (char *)"-Djava.awt.headless=true";
    /* JNA and ONNX Runtime load native code from the class path (unnamed module); newer JDKs warn
     * about (and will later refuse) that without this. Recognised from Java 17 on. */
    options[n++].optionString = (char *)"--enable-native-access=ALL-UNNAMED";
    char *extra_copy = NULL;
    const char *extra = getenv("MANYFACES_JVM_OPTS");
    if (extra != NULL && *extra != '\0' && (extra_copy = strdup(extra)) != NULL) {
        for (char *save = NULL, *tok = strtok_r(extra_copy, " \t", &save); tok != NULL && n < 64;
             tok = strtok_r(NULL, " \t", &save)) {
            options[n++].optionString = tok;
        }
    }
    JavaVMInitArgs args;
    args.version = JNI_VERSION_1_8;
    args.nOptions = n;
    args.options = options;
    args.ignoreUnrecognized = JNI_FALSE;
    int ok = -1;
    if (cp.text == NULL || xmx.text == NULL || native_dir.text == NULL || ort.text == NULL || res.text == NULL) {
        snprintf(reason, reason_size, "JVM start failed: out of memory while preparing options");
    } else {
        jint rc = create(vm, (void **)env, &args);
        if (rc == JNI_OK) ok = 0;
        else snprintf(reason, reason_size, "JVM start failed: JNI_CreateJavaVM returned %d; check MANYFACES_JVM_OPTS / MANYFACES_JAVA_XMX", (int)rc);
    }
    free(extra_copy);
    free(cp.text); free(xmx.text); free(native_dir.text); free(ort.text); free(javacpp.text); free(res.text);
    return ok;
}

/* ---------------------------------------------------------------- Bridge lookup */

/* Takes the pending exception, clears it and writes "prefix: Throwable.toString()" to reason. */
static void exception_reason(JNIEnv *env, const char *prefix, char *reason, size_t reason_size) {
    jthrowable t = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    snprintf(reason, reason_size, "%s", prefix);
    if (t == NULL) return;
    jclass cls = (*env)->GetObjectClass(env, t);
    jmethodID to_string = (*env)->GetMethodID(env, cls, "toString", "()Ljava/lang/String;");
    jstring text = to_string ? (jstring)(*env)->CallObjectMethod(env, t, to_string) : NULL;
    if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
    if (text != NULL) {
        const char *utf = (*env)->GetStringUTFChars(env, text, NULL);
        if (utf != NULL) {
            snprintf(reason, reason_size, "%s: %s", prefix, utf);
            (*env)->ReleaseStringUTFChars(env, text, utf);
        }
        (*env)->DeleteLocalRef(env, text);
    }
    (*env)->DeleteLocalRef(env, cls);
    (*env)->DeleteLocalRef(env, t);
}

/*
 * The Java class the shim calls (init/setHost/mainEntry/keepsFrameSizeMask), as a dotted binary name.
 * Contents/Resources/java-entry-class, when present, names it on its first line; the product bundle has
 * no such file and gets DEFAULT_ENTRY_CLASS. It exists so that bridge-native's C checks can drive the shim
 * with their own test class without sharing the product class's name. Returns -1 with a reason when the
 * file is there but does not hold a class name.
 */
static int entry_class_name(char *dotted, size_t size, char *reason, size_t reason_size) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/" ENTRY_CLASS_FILE, mf_resources_dir());
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(dotted, size, "%s", DEFAULT_ENTRY_CLASS);
        return 0;
    }
    char line[MAX_CLASS_NAME + 2] = "";
    int read_ok = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    size_t n = read_ok ? strcspn(line, "\r\n") : 0;
    line[n] = '\0';
    int valid = n > 0 && n < size && line[0] != '.' && line[n - 1] != '.';
    for (size_t i = 0; valid && i < n; i++) {
        char c = line[i];
        valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '.';
    }
    if (!valid) {
        snprintf(reason, reason_size, "ManyFaces classes missing: %s does not name a Java class", path);
        return -1;
    }
    snprintf(dotted, size, "%s", line);
    return 0;
}

/* For a JVM that is not ours: new URLClassLoader(jar URLs, system loader).loadClass(entry class). */
static jclass load_bridge_with_own_loader(JNIEnv *env, const char *class_dotted) {
    char **jars;
    int njars = list_jars(&jars);
    jclass result = NULL;
    jclass url_class = (*env)->FindClass(env, "java/net/URL");
    jclass file_class = (*env)->FindClass(env, "java/io/File");
    jclass uri_class = (*env)->FindClass(env, "java/net/URI");
    jclass loader_class = (*env)->FindClass(env, "java/net/URLClassLoader");
    jclass cl_class = (*env)->FindClass(env, "java/lang/ClassLoader");
    jclass class_class = (*env)->FindClass(env, "java/lang/Class");
    if (!url_class || !file_class || !uri_class || !loader_class || !cl_class || !class_class) goto done;
    jmethodID file_ctor = (*env)->GetMethodID(env, file_class, "<init>", "(Ljava/lang/String;)V");
    jmethodID to_uri = (*env)->GetMethodID(env, file_class, "toURI", "()Ljava/net/URI;");
    jmethodID to_url = (*env)->GetMethodID(env, uri_class, "toURL", "()Ljava/net/URL;");
    jmethodID loader_ctor = (*env)->GetMethodID(env, loader_class, "<init>", "([Ljava/net/URL;Ljava/lang/ClassLoader;)V");
    jmethodID system_loader = (*env)->GetStaticMethodID(env, cl_class, "getSystemClassLoader", "()Ljava/lang/ClassLoader;");
    jmethodID for_name = (*env)->GetStaticMethodID(env, class_class, "forName", "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;");
    if (!file_ctor || !to_uri || !to_url || !loader_ctor || !system_loader || !for_name) goto done;
    jobjectArray urls = (*env)->NewObjectArray(env, njars, url_class, NULL);
    if (urls == NULL) goto done;
    for (int i = 0; i < njars; i++) {
        jstring path = (*env)->NewStringUTF(env, jars[i]);
        jobject file = path ? (*env)->NewObject(env, file_class, file_ctor, path) : NULL;
        jobject uri = file ? (*env)->CallObjectMethod(env, file, to_uri) : NULL;
        jobject url = uri ? (*env)->CallObjectMethod(env, uri, to_url) : NULL;
        if (url != NULL) (*env)->SetObjectArrayElement(env, urls, i, url);
        if (path) (*env)->DeleteLocalRef(env, path);
        if (file) (*env)->DeleteLocalRef(env, file);
        if (uri) (*env)->DeleteLocalRef(env, uri);
        if (url) (*env)->DeleteLocalRef(env, url);
        if ((*env)->ExceptionCheck(env)) goto done;
    }
    jobject parent = (*env)->CallStaticObjectMethod(env, cl_class, system_loader);
    jobject loader = (*env)->NewObject(env, loader_class, loader_ctor, urls, parent);
    jstring name = (*env)->NewStringUTF(env, class_dotted);
    if (loader != NULL && name != NULL) {
        /* The loader is referenced by the class it defines, so it stays alive with the global ref. */
        result = (jclass)(*env)->CallStaticObjectMethod(env, class_class, for_name, name, JNI_TRUE, loader);
    }
done:
    free_jars(jars, njars);
    return result;
}

/* ---------------------------------------------------------------- the boot sequence */

static JavaVM *existing_vm(GetCreatedJavaVmsFn get) {
    if (get == NULL) return NULL;
    JavaVM *vms[1];
    jsize count = 0;
    if (get(vms, 1, &count) == JNI_OK && count > 0) return vms[0];
    return NULL;
}

int mf_java_boot(MfJava *java, char *reason, size_t reason_size) {
    memset(java, 0, sizeof *java);
    JNIEnv *env = NULL;
    int foreign = 1;
    const void *libjvm_address = NULL;

    /* 1. A JVM already in the process (a Java-based host, or another plugin that embeds one). */
    GetCreatedJavaVmsFn get_created = (GetCreatedJavaVmsFn)dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
    JavaVM *vm = existing_vm(get_created);
    if (vm != NULL) libjvm_address = (const void *)get_created;

    /* 2. Otherwise open a runtime ourselves; it may still hold a JVM (loaded RTLD_LOCAL by someone). */
    if (vm == NULL) {
        char libjvm[PATH_MAX];
        if (find_runtime(libjvm, sizeof libjvm, reason, reason_size) != 0) return -1;
        /* Never dlclosed: the JVM cannot be re-created once its library is gone. */
        void *handle = dlopen(libjvm, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
        if (handle == NULL) {
            snprintf(reason, reason_size, "cannot load Java: %s: %s", libjvm, dlerror());
            return -1;
        }
        get_created = (GetCreatedJavaVmsFn)dlsym(handle, "JNI_GetCreatedJavaVMs");
        CreateJavaVmFn create = (CreateJavaVmFn)dlsym(handle, "JNI_CreateJavaVM");
        if (get_created == NULL || create == NULL) {
            snprintf(reason, reason_size, "broken Java runtime: %s lacks the JNI invocation API", libjvm);
            return -1;
        }
        libjvm_address = (const void *)create;
        vm = existing_vm(get_created);
        if (vm == NULL) {
            if (create_vm(create, &vm, &env, reason, reason_size) != 0) return -1;
            foreign = 0;
            thread_env = env;                 /* JNI_CreateJavaVM attached this thread */
            detach_when_thread_exits(vm);
        }
    }
    mf_signals_record_jvm(libjvm_address);
    if (env == NULL) env = mf_java_thread_env(vm);
    if (env == NULL) {
        snprintf(reason, reason_size, "cannot attach to the JVM: AttachCurrentThread failed");
        return -1;
    }
    java->vm = vm;

    /* 3. Bridge: from the class path of our own JVM, or through our own loader in a foreign one. */
    char class_dotted[MAX_CLASS_NAME], class_slashed[MAX_CLASS_NAME];
    if (entry_class_name(class_dotted, sizeof class_dotted, reason, reason_size) != 0) return -1;
    snprintf(class_slashed, sizeof class_slashed, "%s", class_dotted);
    for (char *c = class_slashed; *c != '\0'; c++) {
        if (*c == '.') *c = '/';
    }
    jclass bridge = (*env)->FindClass(env, class_slashed);
    if (bridge == NULL && foreign) {
        (*env)->ExceptionClear(env);
        bridge = load_bridge_with_own_loader(env, class_dotted);
    }
    if (bridge == NULL) {
        char prefix[PATH_MAX + 64];
        snprintf(prefix, sizeof prefix, "ManyFaces classes missing: Bridge not loadable from %s/lib", mf_resources_dir());
        exception_reason(env, prefix, reason, reason_size);
        return -1;
    }
    java->bridge = (jclass)(*env)->NewGlobalRef(env, bridge);
    (*env)->DeleteLocalRef(env, bridge);
    java->init = (*env)->GetStaticMethodID(env, java->bridge, "init", "(Ljava/lang/String;Ljava/lang/String;)I");
    java->set_host = java->init ? (*env)->GetStaticMethodID(env, java->bridge, "setHost", "(J)I") : NULL;
    java->main_entry = java->set_host
        ? (*env)->GetStaticMethodID(env, java->bridge, "mainEntry", "(ILjava/lang/String;JJJ)I") : NULL;
    if (java->main_entry == NULL) {
        exception_reason(env, "ManyFaces classes mismatch: Bridge lacks init/setHost/mainEntry of this shim", reason, reason_size);
        return -1;
    }

    /* 4. Bridge.init(shimPath, resourcesDir). */
    jstring shim = (*env)->NewStringUTF(env, mf_shim_path());
    jstring resources = (*env)->NewStringUTF(env, mf_resources_dir());
    mf_signals_before_java();
    jint rc = (shim && resources)
        ? (*env)->CallStaticIntMethod(env, java->bridge, java->init, shim, resources) : -1;
    if (shim) (*env)->DeleteLocalRef(env, shim);
    if (resources) (*env)->DeleteLocalRef(env, resources);
    if ((*env)->ExceptionCheck(env)) {
        exception_reason(env, "Java init failed: Bridge.init threw", reason, reason_size);
        return -1;
    }
    if (rc != 0) {
        snprintf(reason, reason_size, "Java init failed: Bridge.init returned %d", (int)rc);
        return -1;
    }
    /* 5. Optional: which plug-ins never change the frame size (their region of definition and regions of
     *    interest are always the host's default, so dispatch answers those actions without Java). A Bridge
     *    without the method (or a failing one) means none: every action goes to Java as before. */
    java->keeps_size_mask = 0;
    jmethodID mask = (*env)->GetStaticMethodID(env, java->bridge, "keepsFrameSizeMask", "()I");
    if (mask == NULL) {
        (*env)->ExceptionClear(env);
    } else {
        jint m = (*env)->CallStaticIntMethod(env, java->bridge, mask);
        if ((*env)->ExceptionCheck(env)) {
            (*env)->ExceptionClear(env);
        } else {
            java->keeps_size_mask = (int)m;
        }
    }
    return 0;
}
