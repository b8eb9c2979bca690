/*
 * ofx-testhost: loads an OFX bundle exactly as an editor does and drives one effect through the
 * standard call order, printing machine-readable lines (see --help and bridge-native/README.md).
 *
 * Exit codes: 0 the host survived (frames may have failed), 2 usage error, 3 loading failed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "host.h"

typedef int (*GetNumberOfPluginsFn)(void);
typedef OfxPlugin *(*GetPluginFn)(int);
typedef OfxStatus (*SetHostFn)(const OfxHost *);

typedef struct { char *name; double time; int has_time; char *value; } ParamSpec;

typedef struct Options {
    const char *bundle;
    int list;
    const char *describe_id;
    const char *plugin_id;
    const char *input;
    const char *output;
    int first, last;
    enum { ORDER_FORWARD, ORDER_REVERSE, ORDER_SHUFFLE } order;
    unsigned seed;
    int float_depth, short_depth, components;
    int width, height, size_given;   /* --size */
    RowMode rows;
    ParamSpec sets[64];
    int nsets;
    ParamSpec keys[256];
    int nkeys;
    const char *presses[64];
    int npresses;
    double render_scale;
    int threads, instances;
    int dump_params;
    int bench;
    int bench_split;
    int install_sigsegv;
    int reload;
    int report_resources;
    int run_after_frame;
    const char *run_after_cmd;
    const char *mask;
    int print_roi;
    int frame_cache;
} Options;

typedef struct Binary {
    void *dl;
    int count;
    GetPluginFn get_plugin;
} Binary;

static OfxHost the_host;
static Options opt;
static RunConfig cfg;

/* ------------------------------------------------------------------ usage */

static void usage(FILE *out) {
    fputs(
        "usage: ofx-testhost [options] PATH_TO_BUNDLE_OR_OFX\n"
        "  --list                       print \"plugin index=I id=ID version=MA.MI\" for each plugin\n"
        "  --describe ID                Load, Describe, DescribeInContext(Filter; General with --mask); print props, params, clips\n"
        "  --plugin ID                  the effect to instantiate and render\n"
        "  --input FILE                 source image: .pam (P7 RGB_ALPHA or RGB, MAXVAL 255) or .rgbaf;\n"
        "                               a printf pattern with one %d (f_%04d.pam) reads file F for frame F\n"
        "                               (every frame of --frames must exist and have the same size)\n"
        "  --mask FILE                  use the General context and connect FILE (.pam/.rgbaf) to the optional\n"
        "                               \"Mask\" clip; without it the effect is described in the Filter context\n"
        "  --print-roi                  print \"roi instance=I frame=F OfxImageClipPropRoI_CLIP=x1,y1,x2,y2\" per render\n"
        "  --output PATTERN             printf pattern with one %d for the frame (.pam 8-bit RGBA, .rgbaf float RGBA);\n"
        "                               with --instances M>1, _i<I> is inserted before the extension\n"
        "  --frames A-B                 inclusive frame range (default 0-0)\n"
        "  --order forward|reverse|shuffle   render order (shuffle uses --seed S)\n"
        "  --seed S                     seed for --order shuffle (default 1)\n"
        "  --depth byte|float|short     depth of the images given to the plugin (default byte); short is\n"
        "                               not in the host's supported depths: it tests that a plugin refuses it\n"
        "  --components rgba|rgb|alpha  components of the images (default rgba); alpha likewise\n"
        "  --size WxH                   frame size (default the input's; the input is stretched, nearest;\n"
        "                               0 is allowed for an empty frame)\n"
        "  --rowbytes positive|negative|padded   row layout (default positive)\n"
        "  --set NAME=VALUE             set a param (double/int/bool 0|1, choice index or label, string, a,b,c)\n"
        "  --key NAME@FRAME=VALUE       add a keyframe (repeatable)\n"
        "  --press NAME                 after CreateInstance send Begin/InstanceChanged(UserEdited)/End (repeatable)\n"
        "  --render-scale S             render scale (default 1)\n"
        "  --threads N                  render frames concurrently on N threads (default 1)\n"
        "  --instances M                M instances, each renders the whole range (default 1)\n"
        "  --dump-params                after rendering print \"value name=N v=..\" and \"key name=N t=T v=..\"\n"
        "  --bench N                    render frame A N times on one instance; print bench statistics\n"
        "  --bench-split                with --bench: also split each call into the plugin's own time (inside\n"
        "                               mainEntry, less the host's property/image-effect/parameter suite\n"
        "                               functions, timed by wrappers) and the host's\n"
        "  --frame-cache                build each input file's source image once and hand every clipGetImage\n"
        "                               that shared read-only buffer, as editors hand out their frame cache\n"
        "                               (default: a fresh image per clipGetImage)\n"
        "  --install-sigsegv-handler    after the first action install the host's own SIGSEGV handler\n"
        "  --reload N                   load/describe/unload (dlclose + dlopen) N times before the real run\n"
        "  --run-after F CMD            run the shell command CMD (system(3)) right after frame F of instance 0\n"
        "                               is rendered, before the next frame; prints \"ran frame=F rc=R\"\n"
        "  --report-resources           print \"resources done=K fds=N threads=M rss_kb=R\" after each tenth of the\n"
        "                               frames and \"resources fds=N threads=M rss_kb=R\" at the very end\n"
        "host profiles (what real hosts do differently; see bridge-native/README.md):\n"
        "  --profile strict|mlt         strict (default) or every switch below that MLT 7 needs, with --host-name MLT\n"
        "  --no-temporal                host says TemporalClipAccess 0; clipGetImage gives the rendered frame at any time\n"
        "  --fake-temporal              host says TemporalClipAccess 1 but gives the rendered frame at any time\n"
        "  --no-frame-range             clips have no OfxImageEffectPropFrameRange\n"
        "  --null-optional-clips        clipGetHandle of a clip the instance lacks answers OK with a NULL handle\n"
        "  --instance-per-frame         CreateInstance/DestroyInstance around every frame; prints\n"
        "                               \"instance frame=F create_us=C destroy_us=D\"\n"
        "  --no-instance-changed        never sends InstanceChanged (--press and plugin edits are dropped)\n"
        "  --no-identity                never asks IsIdentity\n"
        "  --choices-by-label           --set CHOICE=INDEX keeps the default; only option labels count\n"
        "  --no-multires                host says SupportsMultiResolution 0 and renders at scale 1\n"
        "  --sparse-host-props          the host descriptor holds only its name, depths, components, clip depths\n"
        "  --no-message-suite           fetchSuite gives no message suite\n"
        "  --host-name NAME             OfxPropName of the host\n"
        "  --abort-frame F              abort() answers 1 while frame F renders; prints \"abort frame=F polls=K\"\n"
        "  --help                       this text\n"
        "output lines: frame=F instance=I status=S ms=T cpu_ms=C / summary rendered=N failed=M /\n"
        "              message type=T id=ID text=... / action name=A status=S (failed actions)\n", out);
}

static void die_usage(const char *what, const char *arg) {
    fprintf(stderr, "ofx-testhost: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
    usage(stderr);
    exit(2);
}

static ParamSpec parse_spec(const char *arg, int with_time) {
    ParamSpec s = {0};
    const char *eq = strchr(arg, '=');
    if (eq == NULL) die_usage(with_time ? "--key needs NAME@FRAME=VALUE" : "--set needs NAME=VALUE", arg);
    const char *at = with_time ? memchr(arg, '@', (size_t)(eq - arg)) : NULL;
    if (with_time && at == NULL) die_usage("--key needs NAME@FRAME=VALUE", arg);
    const char *name_end = with_time ? at : eq;
    s.name = strndup(arg, (size_t)(name_end - arg));
    s.value = strdup(eq + 1);
    if (with_time) {
        char *end;
        s.time = strtod(at + 1, &end);
        if (end != eq) die_usage("bad keyframe time", arg);
        s.has_time = 1;
    }
    return s;
}

static int parse_int(const char *s, const char *what) {
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < INT_MIN || v > INT_MAX) die_usage(what, s);
    return (int)v;
}

/* The output pattern goes to snprintf, so it must hold exactly one integer conversion ("%d",
 * "%04d", ...) and nothing else but "%%". */
static int valid_output_pattern(const char *pattern) {
    int conversions = 0;
    for (const char *c = pattern; *c; c++) {
        if (*c != '%') continue;
        if (c[1] == '%') { c++; continue; }
        c++;
        while (*c == '0' || *c == '-' || *c == '+' || *c == ' ' || *c == '#') c++;
        while (*c >= '0' && *c <= '9') c++;
        if (*c != 'd') return 0;
        conversions++;
    }
    return conversions == 1;
}

/* --profile NAME: the switches that together behave like a real host. */
static void apply_profile(const char *name) {
    if (strcmp(name, "strict") == 0) return;
    if (strcmp(name, "mlt") == 0) {
        /* MLT 7.x (Kdenlive, Shotcut): see docs/ARCHITECTURE.md "Host profiles" */
        quirks.no_temporal = 1;
        quirks.no_frame_range = 1;
        quirks.null_optional_clips = 1;
        quirks.instance_per_frame = 1;
        quirks.no_instance_changed = 1;
        quirks.no_identity = 1;
        quirks.choices_by_label = 1;
        quirks.no_multires = 1;
        quirks.sparse_host_props = 1;
        quirks.host_name = "MLT";
        return;
    }
    die_usage("unknown --profile (strict, mlt)", name);
}

static void parse_args(int argc, char **argv) {
    opt.first = opt.last = 0;
    opt.components = 4;
    opt.render_scale = 1.0;
    opt.threads = 1;
    opt.instances = 1;
    opt.seed = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define NEXT() (i + 1 < argc ? argv[++i] : (die_usage("missing value for", a), (char *)NULL))
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { usage(stdout); exit(0); }
        else if (strcmp(a, "--list") == 0) opt.list = 1;
        else if (strcmp(a, "--describe") == 0) opt.describe_id = NEXT();
        else if (strcmp(a, "--plugin") == 0) opt.plugin_id = NEXT();
        else if (strcmp(a, "--input") == 0) opt.input = NEXT();
        else if (strcmp(a, "--output") == 0) opt.output = NEXT();
        else if (strcmp(a, "--mask") == 0) opt.mask = NEXT();
        else if (strcmp(a, "--print-roi") == 0) opt.print_roi = 1;
        else if (strcmp(a, "--frames") == 0) {
            const char *v = NEXT();
            if (sscanf(v, "%d-%d", &opt.first, &opt.last) != 2 || opt.last < opt.first) die_usage("bad --frames (A-B)", v);
        } else if (strcmp(a, "--order") == 0) {
            const char *v = NEXT();
            if (strcmp(v, "forward") == 0) opt.order = ORDER_FORWARD;
            else if (strcmp(v, "reverse") == 0) opt.order = ORDER_REVERSE;
            else if (strcmp(v, "shuffle") == 0) opt.order = ORDER_SHUFFLE;
            else die_usage("bad --order", v);
        } else if (strcmp(a, "--seed") == 0) opt.seed = (unsigned)parse_int(NEXT(), "bad --seed");
        else if (strcmp(a, "--depth") == 0) {
            const char *v = NEXT();
            opt.float_depth = opt.short_depth = 0;
            if (strcmp(v, "byte") == 0) opt.float_depth = 0;
            else if (strcmp(v, "float") == 0) opt.float_depth = 1;
            else if (strcmp(v, "short") == 0) opt.short_depth = 1;
            else die_usage("bad --depth", v);
        } else if (strcmp(a, "--components") == 0) {
            const char *v = NEXT();
            if (strcmp(v, "rgba") == 0) opt.components = 4;
            else if (strcmp(v, "rgb") == 0) opt.components = 3;
            else if (strcmp(v, "alpha") == 0) opt.components = 1;
            else die_usage("bad --components", v);
        } else if (strcmp(a, "--size") == 0) {
            const char *v = NEXT();
            char tail;
            if (sscanf(v, "%dx%d%c", &opt.width, &opt.height, &tail) != 2 || opt.width < 0 || opt.height < 0
                || opt.width > 65536 || opt.height > 65536) die_usage("bad --size (WxH)", v);
            opt.size_given = 1;
        } else if (strcmp(a, "--rowbytes") == 0) {
            const char *v = NEXT();
            if (strcmp(v, "positive") == 0) opt.rows = ROWS_POSITIVE;
            else if (strcmp(v, "negative") == 0) opt.rows = ROWS_NEGATIVE;
            else if (strcmp(v, "padded") == 0) opt.rows = ROWS_PADDED;
            else die_usage("bad --rowbytes", v);
        } else if (strcmp(a, "--set") == 0) {
            if (opt.nsets == 64) die_usage("too many --set", NULL);
            opt.sets[opt.nsets++] = parse_spec(NEXT(), 0);
        } else if (strcmp(a, "--key") == 0) {
            if (opt.nkeys == 256) die_usage("too many --key", NULL);
            opt.keys[opt.nkeys++] = parse_spec(NEXT(), 1);
        } else if (strcmp(a, "--press") == 0) {
            if (opt.npresses == 64) die_usage("too many --press", NULL);
            opt.presses[opt.npresses++] = NEXT();
        } else if (strcmp(a, "--render-scale") == 0) {
            const char *v = NEXT();
            char *end;
            opt.render_scale = strtod(v, &end);
            if (*end != '\0' || !(opt.render_scale > 0) || opt.render_scale > 16) die_usage("bad --render-scale", v);
        } else if (strcmp(a, "--threads") == 0) {
            opt.threads = parse_int(NEXT(), "bad --threads");
            if (opt.threads < 1 || opt.threads > 256) die_usage("bad --threads", argv[i]);
        } else if (strcmp(a, "--instances") == 0) {
            opt.instances = parse_int(NEXT(), "bad --instances");
            if (opt.instances < 1 || opt.instances > 64) die_usage("bad --instances", argv[i]);
        } else if (strcmp(a, "--dump-params") == 0) opt.dump_params = 1;
        else if (strcmp(a, "--frame-cache") == 0) opt.frame_cache = 1;
        else if (strcmp(a, "--bench") == 0) {
            opt.bench = parse_int(NEXT(), "bad --bench");
            if (opt.bench < 1) die_usage("bad --bench", argv[i]);
        } else if (strcmp(a, "--bench-split") == 0) opt.bench_split = 1;
        else if (strcmp(a, "--install-sigsegv-handler") == 0) opt.install_sigsegv = 1;
        else if (strcmp(a, "--report-resources") == 0) opt.report_resources = 1;
        else if (strcmp(a, "--run-after") == 0) {
            opt.run_after_frame = parse_int(NEXT(), "bad --run-after frame");
            opt.run_after_cmd = NEXT();
        }
        else if (strcmp(a, "--reload") == 0) {
            opt.reload = parse_int(NEXT(), "bad --reload");
            if (opt.reload < 0) die_usage("bad --reload", argv[i]);
        } else if (strcmp(a, "--profile") == 0) apply_profile(NEXT());
        else if (strcmp(a, "--no-temporal") == 0) quirks.no_temporal = 1;
        else if (strcmp(a, "--fake-temporal") == 0) quirks.fake_temporal = 1;
        else if (strcmp(a, "--no-frame-range") == 0) quirks.no_frame_range = 1;
        else if (strcmp(a, "--null-optional-clips") == 0) quirks.null_optional_clips = 1;
        else if (strcmp(a, "--instance-per-frame") == 0) quirks.instance_per_frame = 1;
        else if (strcmp(a, "--no-instance-changed") == 0) quirks.no_instance_changed = 1;
        else if (strcmp(a, "--no-identity") == 0) quirks.no_identity = 1;
        else if (strcmp(a, "--choices-by-label") == 0) quirks.choices_by_label = 1;
        else if (strcmp(a, "--no-multires") == 0) quirks.no_multires = 1;
        else if (strcmp(a, "--sparse-host-props") == 0) quirks.sparse_host_props = 1;
        else if (strcmp(a, "--no-message-suite") == 0) quirks.no_message_suite = 1;
        else if (strcmp(a, "--host-name") == 0) quirks.host_name = NEXT();
        else if (strcmp(a, "--abort-frame") == 0) {
            quirks.abort_frame = parse_int(NEXT(), "bad --abort-frame");
            if (quirks.abort_frame < 0) die_usage("bad --abort-frame", argv[i]);
        } else if (a[0] == '-' && a[1] == '-') die_usage("unknown option", a);
        else if (opt.bundle == NULL) opt.bundle = a;
        else die_usage("more than one bundle path", a);
#undef NEXT
    }
    if (opt.bundle == NULL) die_usage("missing PATH_TO_BUNDLE_OR_OFX", NULL);
    int modes = opt.list + (opt.describe_id != NULL) + (opt.plugin_id != NULL);
    if (modes != 1) die_usage("give exactly one of --list, --describe ID, --plugin ID", NULL);
    if (opt.plugin_id != NULL && opt.input == NULL) die_usage("--plugin needs --input", NULL);
    if (opt.output != NULL && !valid_output_pattern(opt.output)) die_usage("--output needs exactly one %d conversion", opt.output);
    if (opt.bench > 0 && quirks.instance_per_frame) die_usage("--bench renders one instance: not with --instance-per-frame", NULL);
}

/* ------------------------------------------------------------------ binary loading */

static double thread_cpu_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* CPU time of the whole process (every thread: the plug-in's worker threads too). Per frame it is the
 * frame's cost on a busy machine, where wall time also counts the waits for a core (with --threads 1). */
static double process_cpu_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* X.ofx.bundle -> X.ofx.bundle/Contents/Linux-x86-64/X.ofx ; a plain file is used as is. */
static void binary_path(const char *bundle, char *out, size_t size) {
    struct stat st;
    if (stat(bundle, &st) == 0 && S_ISREG(st.st_mode)) {
        snprintf(out, size, "%s", bundle);
        return;
    }
    char trimmed[PATH_MAX];
    snprintf(trimmed, sizeof trimmed, "%s", bundle);
    size_t n = strlen(trimmed);
    while (n > 1 && trimmed[n - 1] == '/') trimmed[--n] = '\0';
    const char *base = strrchr(trimmed, '/');
    base = base ? base + 1 : trimmed;
    char name[PATH_MAX];
    snprintf(name, sizeof name, "%s", base);
    size_t len = strlen(name);
    if (len > 7 && strcmp(name + len - 7, ".bundle") == 0) name[len - 7] = '\0';
    snprintf(out, size, "%s/Contents/Linux-x86-64/%s", trimmed, name);
}

static int load_binary(Binary *b) {
    char path[PATH_MAX * 2];
    binary_path(opt.bundle, path, sizeof path);
    memset(b, 0, sizeof *b);
    b->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (b->dl == NULL) {
        fprintf(stderr, "ofx-testhost: cannot load %s: %s\n", path, dlerror());
        return -1;
    }
    SetHostFn set_host = (SetHostFn)dlsym(b->dl, "OfxSetHost");   /* optional (OFX 1.5) */
    GetNumberOfPluginsFn count = (GetNumberOfPluginsFn)dlsym(b->dl, "OfxGetNumberOfPlugins");
    b->get_plugin = (GetPluginFn)dlsym(b->dl, "OfxGetPlugin");
    if (count == NULL || b->get_plugin == NULL) {
        fprintf(stderr, "ofx-testhost: %s lacks OfxGetNumberOfPlugins/OfxGetPlugin\n", path);
        dlclose(b->dl);
        return -1;
    }
    if (set_host != NULL && set_host(&the_host) != kOfxStatOK) {
        fprintf(stderr, "ofx-testhost: OfxSetHost asked to skip this binary\n");
        b->count = 0;
        return 0;
    }
    b->count = count();
    return 0;
}

static OfxPlugin *find_plugin(Binary *b, const char *id) {
    for (int i = 0; i < b->count; i++) {
        OfxPlugin *p = b->get_plugin(i);
        if (p != NULL && p->pluginIdentifier != NULL && strcmp(p->pluginIdentifier, id) == 0) {
            if (p->pluginApi == NULL || strcmp(p->pluginApi, kOfxImageEffectPluginApi) != 0 || p->apiVersion != 1) {
                fprintf(stderr, "ofx-testhost: %s is not an image effect (API %s v%d)\n", id,
                        p->pluginApi ? p->pluginApi : "?", p->apiVersion);
                return NULL;
            }
            return p;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ --report-resources */

/* Open fds, threads and resident memory of this process, from /proc (Linux). */
static void print_resources(const char *prefix) {
    int fds = 0;
    DIR *d = opendir("/proc/self/fd");
    if (d != NULL) {
        for (struct dirent *e; (e = readdir(d)) != NULL;) if (e->d_name[0] != '.') fds++;
        closedir(d);
        fds--;                                   /* the fd opendir itself holds */
    }
    long threads = -1, rss = -1;
    FILE *f = fopen("/proc/self/status", "r");
    if (f != NULL) {
        char line[256];
        while (fgets(line, sizeof line, f) != NULL) {
            sscanf(line, "Threads: %ld", &threads);
            sscanf(line, "VmRSS: %ld", &rss);
        }
        fclose(f);
    }
    host_out_lock();
    printf("resources %sfds=%d threads=%ld rss_kb=%ld\n", prefix, fds, threads, rss);
    fflush(stdout);
    host_out_unlock();
}

/* ------------------------------------------------------------------ actions */

static void report_failure(const char *action, OfxStatus st) {
    if (st == kOfxStatOK || st == kOfxStatReplyDefault) return;
    host_out_lock();
    printf("action name=%s status=%d\n", action, st);
    fflush(stdout);
    host_out_unlock();
}

static OfxStatus act(OfxPlugin *p, const char *action, const void *handle, PropSet *in, PropSet *out) {
    return suite_timer_main_entry(p, action, handle, (OfxPropertySetHandle)in, (OfxPropertySetHandle)out);
}

static void crash_handler(int sig) {
    (void)sig;
    static const char text[] = "host handler caught SIGSEGV\n";
    ssize_t ignored = write(STDOUT_FILENO, text, sizeof text - 1);
    (void)ignored;
    _exit(99);
}

static void install_host_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = crash_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
}

static PropSet *render_scale_args(double time) {
    PropSet *in = ps_new();
    double scale[2] = {cfg.render_scale, cfg.render_scale};
    ps_def_double(in, kOfxPropTime, time);
    ps_def_doubles(in, kOfxImageEffectPropRenderScale, 2, 2, scale);
    return in;
}

static void add_gpu_flags(PropSet *in) {
    ps_def_int(in, "OfxImageEffectPropOpenGLEnabled", 0);
    ps_def_int(in, "OfxImageEffectPropCudaEnabled", 0);
    ps_def_int(in, "OfxImageEffectPropMetalEnabled", 0);
    ps_def_int(in, "OfxImageEffectPropOpenCLEnabled", 0);
}

/* Load + Describe + DescribeInContext(Filter, or General with --mask) into fresh descriptors. Returns
 * Describe's status. */
static OfxStatus describe_plugin(OfxPlugin *p, Effect **base_out, Effect **ctx_out, OfxStatus *ctx_status) {
    Effect *base = effect_new_descriptor(opt.bundle);
    OfxStatus st = act(p, kOfxActionDescribe, base, NULL, NULL);
    report_failure(kOfxActionDescribe, st);
    *base_out = base;
    *ctx_out = NULL;
    *ctx_status = kOfxStatFailed;
    if (st != kOfxStatOK) return st;
    const char *context = opt.mask != NULL ? kOfxImageEffectContextGeneral : kOfxImageEffectContextFilter;
    if (!ps_has_string(base->props, kOfxImageEffectPropSupportedContexts, context)) {
        fprintf(stderr, "ofx-testhost: %s does not support the %s context\n", p->pluginIdentifier, context);
        return st;
    }
    Effect *ctx = effect_clone_descriptor(base, context);
    PropSet *in = ps_new();
    ps_def_string(in, kOfxImageEffectPropContext, context);
    *ctx_status = act(p, kOfxImageEffectActionDescribeInContext, ctx, in, NULL);
    report_failure(kOfxImageEffectActionDescribeInContext, *ctx_status);
    ps_free(in);
    *ctx_out = ctx;
    return st;
}

/* ------------------------------------------------------------------ --describe */

static void print_param(Param *d) {
    PropSet *ps = d->props;
    const char *type = d->type + (strncmp(d->type, "OfxParamType", 12) == 0 ? 12 : 0);
    printf("param name=%s type=%s label=%s", d->name, type, ps_string(ps, kOfxPropLabel, 0, ""));
    const char *numeric[] = {kOfxParamPropDefault, kOfxParamPropMin, kOfxParamPropMax, kOfxParamPropDisplayMin, kOfxParamPropDisplayMax};
    const char *shown[] = {"default", "min", "max", "displayMin", "displayMax"};
    for (int i = 0; i < 5; i++) {
        Prop *pr = ps_find(ps, numeric[i]);
        if (pr == NULL) continue;
        printf(" %s=", shown[i]);
        for (int k = 0; k < pr->n; k++) {
            if (k) putchar(',');
            if (pr->kind == PROP_INT) printf("%d", pr->values[k].i);
            else if (pr->kind == PROP_DOUBLE) printf("%.10g", pr->values[k].d);
            else if (pr->kind == PROP_STRING) printf("%s", pr->values[k].s);
        }
    }
    if (ps_find(ps, kOfxParamPropAnimates)) printf(" animates=%d", ps_int(ps, kOfxParamPropAnimates, 0, 0));
    Prop *options = ps_find(ps, kOfxParamPropChoiceOption);
    if (options != NULL) {
        printf(" options=");
        for (int k = 0; k < options->n; k++) printf("%s%s", k ? "|" : "", options->values[k].s);
    }
    const char *parent = ps_string(ps, kOfxParamPropParent, 0, "");
    if (*parent) printf(" parent=%s", parent);
    printf(" hint=");
    for (const char *h = ps_string(ps, kOfxParamPropHint, 0, ""); *h; h++) {
        if (*h == '\n') fputs("\\n", stdout); else putchar(*h);
    }
    putchar('\n');
}

static int run_describe(Binary *b) {
    OfxPlugin *p = find_plugin(b, opt.describe_id);
    if (p == NULL) {
        fprintf(stderr, "ofx-testhost: no plugin %s in %s\n", opt.describe_id, opt.bundle);
        return 2;
    }
    p->setHost(&the_host);
    OfxStatus st = act(p, kOfxActionLoad, NULL, NULL, NULL);
    report_failure(kOfxActionLoad, st);
    if (opt.install_sigsegv) install_host_handler();
    if (st == kOfxStatOK || st == kOfxStatReplyDefault) {
        Effect *base, *ctx;
        OfxStatus ctx_status;
        describe_plugin(p, &base, &ctx, &ctx_status);
        Effect *shown = ctx != NULL ? ctx : base;
        for (Prop *pr = shown->props->head; pr != NULL; pr = pr->next) {
            printf("prop ");
            ps_format_prop(pr, stdout);
            putchar('\n');
        }
        if (ctx != NULL) {
            for (int i = 0; i < ctx->params->n; i++) print_param(ctx->params->items[i]);
            for (int i = 0; i < ctx->nclips; i++) {
                PropSet *cp = ctx->clips[i]->props;
                Prop *comps = ps_find(cp, kOfxImageEffectPropSupportedComponents);
                printf("clip name=%s components=", ctx->clips[i]->name);
                for (int k = 0; comps != NULL && k < comps->n; k++) printf("%s%s", k ? "," : "", comps->values[k].s);
                printf(" optional=%d mask=%d\n", ps_int(cp, kOfxImageClipPropOptional, 0, 0), ps_int(cp, kOfxImageClipPropIsMask, 0, 0));
            }
        }
        fflush(stdout);
        effect_free(ctx);
        effect_free(base);
        st = act(p, kOfxActionUnload, NULL, NULL, NULL);
        report_failure(kOfxActionUnload, st);
    }
    return 0;
}

/* ------------------------------------------------------------------ params from the command line */

static int parse_numbers(const char *text, double *v, int max) {
    int n = 0;
    const char *s = text;
    while (*s && n < max) {
        char *end;
        v[n++] = strtod(s, &end);
        if (end == s) return -1;
        s = end;
        if (*s == ',') s++;
        else if (*s != '\0') return -1;
    }
    return *s == '\0' ? n : -1;
}

/* Turns VALUE into numbers/string for param p (choice accepts index or option label). Returns 0 when the
 * value is to be ignored (--choices-by-label and an index). */
static int spec_value(Param *p, const ParamSpec *spec, double *v, const char **s) {
    memset(v, 0, 4 * sizeof *v);
    *s = NULL;
    if (p->kind == VALUE_NONE) die_usage("param has no value", spec->name);
    if (p->kind == VALUE_STRING) { *s = spec->value; return 1; }
    if (strcmp(p->type, kOfxParamTypeChoice) == 0) {
        Prop *options = ps_find(p->props, kOfxParamPropChoiceOption);
        for (int k = 0; options != NULL && k < options->n; k++) {
            if (strcmp(options->values[k].s, spec->value) == 0) { v[0] = k; return 1; }
        }
        if (quirks.choices_by_label) {
            /* MLT: a choice set by its index silently keeps the default */
            fprintf(stderr, "ofx-testhost: --choices-by-label: %s=%s is not an option label, the default stays\n",
                    spec->name, spec->value);
            return 0;
        }
        if (parse_numbers(spec->value, v, 1) != 1 || v[0] < 0 || (options != NULL && v[0] >= options->n) || v[0] != floor(v[0])) {
            die_usage("choice value is neither an option label nor a valid index", spec->value);
        }
        return 1;
    }
    if (parse_numbers(spec->value, v, 4) != p->dim) die_usage("value does not match the param's dimension", spec->value);
    return 1;
}

static void apply_param_specs(Effect *e) {
    for (int i = 0; i < opt.nsets; i++) {
        Param *p = paramset_find(e->params, opt.sets[i].name);
        if (p == NULL) die_usage("unknown param in --set", opt.sets[i].name);
        double v[4];
        const char *s;
        if (spec_value(p, &opt.sets[i], v, &s)) param_set_static(p, v, s);
    }
    for (int i = 0; i < opt.nkeys; i++) {
        Param *p = paramset_find(e->params, opt.keys[i].name);
        if (p == NULL) die_usage("unknown param in --key", opt.keys[i].name);
        if (!param_animates(p) || p->kind == VALUE_STRING) die_usage("param does not animate", opt.keys[i].name);
        double v[4];
        const char *s;
        if (spec_value(p, &opt.keys[i], v, &s)) param_add_key(p, opt.keys[i].time, v);
    }
}

static void dump_params(Effect *e) {
    host_out_lock();
    for (int i = 0; i < e->params->n; i++) {
        Param *p = e->params->items[i];
        if (p->kind == VALUE_NONE) continue;
        double v[4];
        const char *s;
        param_value_at(p, e->current_time, v, &s);
        printf("value name=%s v=", p->name);
        param_format_value(p, v, s, stdout);
        putchar('\n');
        pthread_mutex_lock(&p->lock);
        for (int k = 0; k < p->nkeys; k++) {
            printf("key name=%s t=%.10g v=", p->name, p->keys[k].time);
            param_format_value(p, p->keys[k].v, "", stdout);
            putchar('\n');
        }
        pthread_mutex_unlock(&p->lock);
    }
    fflush(stdout);
    host_out_unlock();
}

/* ------------------------------------------------------------------ rendering */

typedef struct { int frame; int instance; } Task;

typedef struct RenderRun {
    OfxPlugin *plugin;
    Effect *ctx;                /* the context descriptor (--instance-per-frame makes instances from it) */
    Effect **instances;
    Task *tasks;
    int ntasks;
    int next;
    int rendered, failed;
    pthread_mutex_t lock;
    pthread_mutex_t unsafe_lock;
} RenderRun;

static void output_name(char *out, size_t size, int frame, int instance) {
    char base[PATH_MAX];
    snprintf(base, sizeof base, opt.output, frame);
    if (opt.instances <= 1) {
        snprintf(out, size, "%s", base);
        return;
    }
    const char *slash = strrchr(base, '/');
    const char *dot = strrchr(base, '.');
    if (dot == NULL || (slash != NULL && dot < slash)) snprintf(out, size, "%s_i%d", base, instance);
    else snprintf(out, size, "%.*s_i%d%s", (int)(dot - base), base, instance, dot);
}

/*
 * GetRegionOfDefinition: the output size the plugin asks for, in pixels at the render scale. The
 * default (and the answer for ReplyDefault) is the frame size; an enlarging effect answers more.
 * Returns -1 (and prints why) for a RoD this host cannot allocate (not at the origin, negative, huge).
 * An empty RoD is allowed: --size 0xH makes empty frames on purpose.
 */
static int output_size(OfxPlugin *p, Effect *e, double t, int *w, int *h) {
    PropSet *in = render_scale_args(t);
    PropSet *outargs = ps_new();
    double rod[4] = {0, 0, cfg.width, cfg.height};
    ps_def_doubles(outargs, kOfxImageEffectPropRegionOfDefinition, 4, 4, rod);
    OfxStatus st = act(p, kOfxImageEffectActionGetRegionOfDefinition, e, in, outargs);
    if (st != kOfxStatFailed) report_failure(kOfxImageEffectActionGetRegionOfDefinition, st);
    double r[4] = {0, 0, cfg.width, cfg.height};
    if (st == kOfxStatOK) {
        for (int i = 0; i < 4; i++) r[i] = ps_double(outargs, kOfxImageEffectPropRegionOfDefinition, i, r[i]);
    }
    ps_free(in);
    ps_free(outargs);
    double cw = r[2] - r[0], ch = r[3] - r[1];
    if (r[0] != 0 || r[1] != 0 || !(cw >= 0 && ch >= 0) || cw > 65536 || ch > 65536) {
        fprintf(stderr, "ofx-testhost: region of definition %g,%g,%g,%g is not a frame at the origin this host "
                "can allocate\n", r[0], r[1], r[2], r[3]);
        return -1;
    }
    *w = scaled_size((int)ceil(cw - 1e-9), cfg.render_scale);
    *h = scaled_size((int)ceil(ch - 1e-9), cfg.render_scale);
    return 0;
}

/* GetRegionsOfInterest for the output RoD (canonical); the answers are printed once per instance, with
 * --print-roi, and this host always hands out whole input images anyway. */
static void regions_of_interest(OfxPlugin *p, Effect *e, double t, int w, int h) {
    PropSet *in = render_scale_args(t);
    double region[4] = {0, 0, w / cfg.render_scale, h / cfg.render_scale};
    ps_def_doubles(in, kOfxImageEffectPropRegionOfInterest, 4, 4, region);
    PropSet *outargs = ps_new();
    for (int c = 0; c < e->nclips; c++) {
        if (strcmp(e->clips[c]->name, kOfxImageEffectOutputClipName) == 0) continue;
        char name[256];
        snprintf(name, sizeof name, "OfxImageClipPropRoI_%s", e->clips[c]->name);
        ps_def_doubles(outargs, name, 4, 4, region);
    }
    OfxStatus st = act(p, kOfxImageEffectActionGetRegionsOfInterest, e, in, outargs);
    report_failure(kOfxImageEffectActionGetRegionsOfInterest, st);
    if (opt.print_roi) {
        host_out_lock();
        for (Prop *pr = outargs->head; pr != NULL; pr = pr->next) {
            printf("roi instance=%d frame=%g ", e->index, t);
            ps_format_prop(pr, stdout);
            putchar('\n');
        }
        host_out_unlock();
    }
    ps_free(in);
    ps_free(outargs);
}

/* GetRegionOfDefinition, GetRegionsOfInterest, IsIdentity (copy the named clip if OK), else Render.
 * The output buffer is (re)allocated to the plugin's RoD; the caller frees it. */
static OfxStatus render_frame(OfxPlugin *p, Effect *e, int frame, ImageBuffer *out, int *leaked) {
    double t = frame;
    int w, h;
    *leaked = 0;
    if (output_size(p, e, t, &w, &h) != 0) return kOfxStatErrValue;
    if (out->alloc == NULL || out->width != w || out->height != h) {
        image_buffer_free(out);
        if (image_buffer_new(out, &cfg, w, h) != 0) return kOfxStatErrMemory;
    }
    regions_of_interest(p, e, t, w, h);
    PropSet *in;
    PropSet *outargs;
    OfxStatus st;

    int window[4] = {0, 0, w, h};
    in = render_scale_args(t);
    ps_def_string(in, kOfxImageEffectPropFieldToRender, kOfxImageFieldNone);
    ps_def_ints(in, kOfxImageEffectPropRenderWindow, 4, 4, window);
    outargs = ps_new();
    ps_def_string(outargs, kOfxPropName, "");
    ps_def_double(outargs, kOfxPropTime, t);
    /* --no-identity: hosts that never ask go straight to Render (kOfxStatFailed = "not an identity") */
    OfxStatus identity = quirks.no_identity ? kOfxStatFailed : act(p, kOfxImageEffectActionIsIdentity, e, in, outargs);
    if (identity == kOfxStatOK) {
        const char *clip_name = ps_string(outargs, kOfxPropName, 0, "");
        Clip *clip = effect_find_clip(e, clip_name);
        st = kOfxStatOK;
        if (clip == NULL || strcmp(clip_name, kOfxImageEffectOutputClipName) == 0) {
            fprintf(stderr, "ofx-testhost: IsIdentity named unknown clip '%s'\n", clip_name);
            st = kOfxStatErrValue;
        } else {
            ImageBuffer src;
            int sw = scaled_size(cfg.width, cfg.render_scale), sh = scaled_size(cfg.height, cfg.render_scale);
            if (image_buffer_new(&src, &cfg, sw, sh) != 0) st = kOfxStatErrMemory;
            else {
                image_buffer_fill_from_frame(&src, &cfg, t);    /* the source clip's image at this frame */
                image_buffer_copy(out, &src);
                image_buffer_free(&src);
            }
        }
        ps_free(in);
        ps_free(outargs);
        return st;
    }
    if (identity != kOfxStatFailed) report_failure(kOfxImageEffectActionIsIdentity, identity);
    ps_free(outargs);

    ps_def_int(in, kOfxImageEffectPropSequentialRenderStatus, 0);
    ps_def_int(in, kOfxImageEffectPropInteractiveRenderStatus, 0);
    ps_def_int(in, kOfxImageEffectPropRenderQualityDraft, 0);
    ps_def_int(in, "OfxImageEffectPropThumbnailRender", 0);
    add_gpu_flags(in);
    effect_set_output(e, t, out);
    e->abort_polls = 0;
    st = act(p, kOfxImageEffectActionRender, e, in, NULL);
    effect_clear_output(e, t);
    if (frame == quirks.abort_frame) {
        host_out_lock();
        printf("abort frame=%d instance=%d polls=%d\n", frame, e->index, e->abort_polls);
        host_out_unlock();
    }
    *leaked = effect_release_leaks(e, t);
    ps_free(in);
    return st;
}

static Effect *start_instance(OfxPlugin *p, Effect *ctx, int index, double *create_us);
static void finish_instance(OfxPlugin *p, Effect *e, int dump, double *destroy_us);

static void *render_worker(void *arg) {
    RenderRun *run = arg;
    for (;;) {
        pthread_mutex_lock(&run->lock);
        int i = run->next < run->ntasks ? run->next++ : -1;
        pthread_mutex_unlock(&run->lock);
        if (i < 0) break;
        Task task = run->tasks[i];
        double create_us = 0, destroy_us = 0;
        Effect *e = quirks.instance_per_frame ? start_instance(run->plugin, run->ctx, task.instance, &create_us)
                                              : run->instances[task.instance];
        if (e == NULL) {
            pthread_mutex_lock(&run->lock);
            run->failed++;
            pthread_mutex_unlock(&run->lock);
            continue;
        }
        ImageBuffer out = {0};
        double t0 = now_ms(), c0 = process_cpu_ms();
        OfxStatus st;
        int leaked = 0;
        /* Honour the declared render thread safety: Unsafe = one render in the whole host at a
         * time, InstanceSafe = one per instance, FullySafe = concurrent on the same instance. */
        const char *safety = ps_string(e->props, kOfxImageEffectPluginRenderThreadSafety, 0, kOfxImageEffectRenderInstanceSafe);
        pthread_mutex_t *lock = strcmp(safety, kOfxImageEffectRenderFullySafe) == 0 ? NULL
                                : strcmp(safety, kOfxImageEffectRenderUnsafe) == 0 ? &run->unsafe_lock : &e->render_lock;
        if (lock != NULL) pthread_mutex_lock(lock);
        st = render_frame(run->plugin, e, task.frame, &out, &leaked);
        if (lock != NULL) pthread_mutex_unlock(lock);
        double ms = now_ms() - t0, cpu_ms = process_cpu_ms() - c0;
        int ok = st == kOfxStatOK && leaked == 0;
        char err[PATH_MAX + 64] = "";
        if (st == kOfxStatOK && opt.output != NULL) {
            char name[PATH_MAX + 32];
            output_name(name, sizeof name, task.frame, task.instance);
            if (image_write(name, &out, err, sizeof err) != 0) ok = 0;
        }
        image_buffer_free(&out);
        if (quirks.instance_per_frame) finish_instance(run->plugin, e, 0, &destroy_us);
        host_out_lock();
        if (quirks.instance_per_frame) {
            printf("instance frame=%d instance=%d create_us=%.1f destroy_us=%.1f\n", task.frame, task.instance,
                   create_us, destroy_us);
        }
        printf("frame=%d instance=%d status=%d ms=%.3f cpu_ms=%.3f\n", task.frame, task.instance, st, ms, cpu_ms);
        if (leaked) printf("leak frame=%d instance=%d images=%d\n", task.frame, task.instance, leaked);
        if (err[0]) fprintf(stderr, "ofx-testhost: %s\n", err);
        fflush(stdout);
        host_out_unlock();
        if (opt.run_after_cmd != NULL && task.frame == opt.run_after_frame && task.instance == 0) {
            /* e.g. delete or repair a model file between two frames of one run, deterministically */
            int rc = system(opt.run_after_cmd);
            host_out_lock();
            printf("ran frame=%d rc=%d\n", task.frame, rc == -1 ? -1 : WEXITSTATUS(rc));
            fflush(stdout);
            host_out_unlock();
        }
        pthread_mutex_lock(&run->lock);
        if (ok) run->rendered++; else run->failed++;
        int done = run->rendered + run->failed;
        pthread_mutex_unlock(&run->lock);
        if (opt.report_resources && (done * 10L / run->ntasks) != ((done - 1) * 10L / run->ntasks)) {
            char prefix[32];
            snprintf(prefix, sizeof prefix, "done=%d ", done);
            print_resources(prefix);
        }
    }
    return NULL;
}

static unsigned next_random(unsigned *state) {
    *state = *state * 1103515245u + 12345u;
    return (*state >> 8) & 0xffffffu;
}

static void send_press(OfxPlugin *p, Effect *e, const char *name, const char *reason) {
    if (quirks.no_instance_changed) {
        if (strcmp(reason, kOfxChangeUserEdited) == 0) {
            fprintf(stderr, "ofx-testhost: --no-instance-changed: --press %s dropped\n", name);
        }
        return;
    }
    PropSet *in = ps_new();
    ps_def_string(in, kOfxPropChangeReason, reason);
    OfxStatus st = act(p, kOfxActionBeginInstanceChanged, e, in, NULL);
    report_failure(kOfxActionBeginInstanceChanged, st);
    ps_free(in);
    in = render_scale_args(e->current_time);
    ps_def_string(in, kOfxPropType, kOfxTypeParameter);
    ps_def_string(in, kOfxPropName, name);
    ps_def_string(in, kOfxPropChangeReason, reason);
    st = act(p, kOfxActionInstanceChanged, e, in, NULL);
    report_failure(kOfxActionInstanceChanged, st);
    ps_free(in);
    in = ps_new();
    ps_def_string(in, kOfxPropChangeReason, reason);
    st = act(p, kOfxActionEndInstanceChanged, e, in, NULL);
    report_failure(kOfxActionEndInstanceChanged, st);
    ps_free(in);
}

/* Params the plugin itself changed get an InstanceChanged(PluginEdited), after the action that
 * changed them has returned (bounded, so a plugin that reacts to its own edits cannot loop). */
static void deliver_plugin_edits(OfxPlugin *p, Effect *e) {
    for (int round = 0; round < 8; round++) {
        char *names[64];
        pthread_mutex_lock(&e->lock);
        int n = e->nchanged;
        memcpy(names, e->changed, (size_t)n * sizeof *names);
        e->nchanged = 0;
        pthread_mutex_unlock(&e->lock);
        if (n == 0) return;
        for (int i = 0; i < n; i++) {
            send_press(p, e, names[i], kOfxChangePluginEdited);
            free(names[i]);
        }
    }
}

static PropSet *sequence_args(void) {
    PropSet *in = ps_new();
    double range[2] = {cfg.first_frame, cfg.last_frame}, scale[2] = {cfg.render_scale, cfg.render_scale};
    ps_def_doubles(in, kOfxImageEffectPropFrameRange, 2, 2, range);
    ps_def_double(in, kOfxImageEffectPropFrameStep, 1.0);
    ps_def_int(in, kOfxPropIsInteractive, 0);
    ps_def_doubles(in, kOfxImageEffectPropRenderScale, 2, 2, scale);
    ps_def_int(in, kOfxImageEffectPropSequentialRenderStatus, 0);
    ps_def_int(in, kOfxImageEffectPropInteractiveRenderStatus, 0);
    add_gpu_flags(in);
    return in;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(double *sorted, int n, double q) {
    int i = (int)floor(q * (n - 1) + 0.5);
    return sorted[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static void run_bench(OfxPlugin *p, Effect *e, int *rendered, int *failed) {
    int w = scaled_size(cfg.width, cfg.render_scale), h = scaled_size(cfg.height, cfg.render_scale);
    double *us = calloc((size_t)opt.bench, sizeof *us);
    double *cpu_us = calloc((size_t)opt.bench, sizeof *cpu_us);
    double *plugin_us = calloc((size_t)opt.bench, sizeof *plugin_us);
    double *suite_us = calloc((size_t)opt.bench, sizeof *suite_us);
    ImageBuffer out = {0}, copy_src, copy_dst;
    if (us == NULL || cpu_us == NULL || plugin_us == NULL || suite_us == NULL) {
        free(us); free(cpu_us); free(plugin_us); free(suite_us);
        *failed = opt.bench;
        return;
    }
    for (int i = 0; i < opt.bench; i++) {
        int leaked;
        /* Wall time, and this thread's CPU time: the chain runs synchronously on the calling thread, so
         * on a busy machine the CPU time leaves out the time the thread waited for a core. */
        double c0 = thread_cpu_ms();
        suite_timer_reset();
        double t0 = now_ms();
        OfxStatus st = render_frame(p, e, cfg.first_frame, &out, &leaked);
        us[i] = (now_ms() - t0) * 1000.0;
        cpu_us[i] = (thread_cpu_ms() - c0) * 1000.0;
        suite_us[i] = suite_timer_suite_us();
        plugin_us[i] = suite_timer_action_us() - suite_us[i];
        if (st == kOfxStatOK && leaked == 0) (*rendered)++; else (*failed)++;
    }
    /* The floor: one memcpy of a frame of the same size and depth. */
    double memcpy_us = 0;
    if (image_buffer_new(&copy_src, &cfg, w, h) == 0 && image_buffer_new(&copy_dst, &cfg, w, h) == 0) {
        size_t bytes = (size_t)labs(copy_src.row_bytes) * h;
        double samples[16];
        for (int i = 0; i < 16; i++) {
            double t0 = now_ms();
            memcpy(copy_dst.alloc, copy_src.alloc, bytes);
            samples[i] = (now_ms() - t0) * 1000.0;
            ((volatile unsigned char *)copy_dst.alloc)[i] += 1;   /* keep the copy observable */
        }
        qsort(samples, 16, sizeof *samples, compare_doubles);
        memcpy_us = samples[8];
        image_buffer_free(&copy_src);
        image_buffer_free(&copy_dst);
    }
    qsort(us, (size_t)opt.bench, sizeof *us, compare_doubles);
    qsort(cpu_us, (size_t)opt.bench, sizeof *cpu_us, compare_doubles);
    printf("bench calls=%d median_us=%.1f p10_us=%.1f p90_us=%.1f memcpy_us=%.1f median_cpu_us=%.1f p10_cpu_us=%.1f "
           "p90_cpu_us=%.1f\n", opt.bench,
           percentile(us, opt.bench, 0.5), percentile(us, opt.bench, 0.1), percentile(us, opt.bench, 0.9), memcpy_us,
           percentile(cpu_us, opt.bench, 0.5), percentile(cpu_us, opt.bench, 0.1), percentile(cpu_us, opt.bench, 0.9));
    if (opt.bench_split) {
        qsort(plugin_us, (size_t)opt.bench, sizeof *plugin_us, compare_doubles);
        qsort(suite_us, (size_t)opt.bench, sizeof *suite_us, compare_doubles);
        printf("bench_split median_plugin_us=%.2f p10_plugin_us=%.2f p90_plugin_us=%.2f median_host_suites_us=%.2f\n",
               percentile(plugin_us, opt.bench, 0.5), percentile(plugin_us, opt.bench, 0.1),
               percentile(plugin_us, opt.bench, 0.9), percentile(suite_us, opt.bench, 0.5));
    }
    free(cpu_us);
    free(plugin_us);
    free(suite_us);
    fflush(stdout);
    image_buffer_free(&out);
    free(us);
}

/* CreateInstance -> GetClipPreferences -> the --press sequences -> BeginSequenceRender for instance `index`
 * of the context descriptor; NULL when CreateInstance failed. With `create_us`, the CreateInstance call's
 * wall time in microseconds. */
static Effect *start_instance(OfxPlugin *p, Effect *ctx, int index, double *create_us) {
    Effect *e = effect_new_instance(ctx, &cfg, index);
    apply_param_specs(e);                 /* values exist before CreateInstance, as in a loaded project */
    double t0 = now_ms();
    OfxStatus st = act(p, kOfxActionCreateInstance, e, NULL, NULL);
    if (create_us != NULL) *create_us = (now_ms() - t0) * 1000.0;
    report_failure(kOfxActionCreateInstance, st);
    if (st != kOfxStatOK && st != kOfxStatReplyDefault) { effect_free(e); return NULL; }
    e->created = 1;
    PropSet *out = ps_new();
    ps_def_double(out, kOfxImageEffectPropFrameRate, 25.0);
    ps_def_string(out, kOfxImageClipPropFieldOrder, kOfxImageFieldNone);
    ps_def_string(out, kOfxImageEffectPropPreMultiplication, kOfxImageOpaque);
    ps_def_int(out, kOfxImageClipPropContinuousSamples, 0);
    ps_def_int(out, kOfxImageEffectFrameVarying, 0);
    for (int c = 0; c < e->nclips; c++) {
        char name[256];
        snprintf(name, sizeof name, "%s%s", kOfxImageClipPropComponentsPrefix, e->clips[c]->name);
        ps_def_string(out, name, cfg_components_name(&cfg));
        snprintf(name, sizeof name, "%s%s", kOfxImageClipPropDepthPrefix, e->clips[c]->name);
        ps_def_string(out, name, cfg_depth_name(&cfg));
        snprintf(name, sizeof name, "%s%s", kOfxImageClipPropPARPrefix, e->clips[c]->name);
        ps_def_double(out, name, 1.0);
    }
    st = act(p, kOfxImageEffectActionGetClipPreferences, e, NULL, out);
    report_failure(kOfxImageEffectActionGetClipPreferences, st);
    ps_free(out);
    for (int k = 0; k < opt.npresses; k++) {
        if (paramset_find(e->params, opt.presses[k]) == NULL) die_usage("unknown param in --press", opt.presses[k]);
        send_press(p, e, opt.presses[k], kOfxChangeUserEdited);
        deliver_plugin_edits(p, e);
        /* images fetched while handling the press (e.g. to analyse a frame) must be released too */
        int leaked = effect_release_all_leaks(e);
        if (leaked) printf("leak action=press name=%s instance=%d images=%d\n", opt.presses[k], index, leaked);
    }
    PropSet *in = sequence_args();
    st = act(p, kOfxImageEffectActionBeginSequenceRender, e, in, NULL);
    report_failure(kOfxImageEffectActionBeginSequenceRender, st);
    ps_free(in);
    return e;
}

/* EndSequenceRender -> (--dump-params) -> DestroyInstance, then the host frees it. With `destroy_us`, the
 * DestroyInstance call's wall time in microseconds. */
static void finish_instance(OfxPlugin *p, Effect *e, int dump, double *destroy_us) {
    PropSet *in = sequence_args();
    OfxStatus st = act(p, kOfxImageEffectActionEndSequenceRender, e, in, NULL);
    report_failure(kOfxImageEffectActionEndSequenceRender, st);
    ps_free(in);
    if (dump) dump_params(e);
    double t0 = now_ms();
    st = act(p, kOfxActionDestroyInstance, e, NULL, NULL);
    if (destroy_us != NULL) *destroy_us = (now_ms() - t0) * 1000.0;
    report_failure(kOfxActionDestroyInstance, st);
    effect_free(e);
}

static int run_render(Binary *b) {
    OfxPlugin *p = find_plugin(b, opt.plugin_id);
    if (p == NULL) {
        fprintf(stderr, "ofx-testhost: no plugin %s in %s\n", opt.plugin_id, opt.bundle);
        return 2;
    }
    p->setHost(&the_host);
    OfxStatus st = act(p, kOfxActionLoad, NULL, NULL, NULL);
    report_failure(kOfxActionLoad, st);
    if (opt.install_sigsegv) install_host_handler();
    int rendered = 0, failed = 0;
    if (st != kOfxStatOK && st != kOfxStatReplyDefault) {
        printf("summary rendered=0 failed=%d\n", (cfg.last_frame - cfg.first_frame + 1) * opt.instances);
        return 0;
    }
    Effect *base, *ctx;
    OfxStatus ctx_status;
    describe_plugin(p, &base, &ctx, &ctx_status);
    Effect *instances[64] = {0};
    int ninstances = 0;
    int usable = ctx != NULL && ctx_status == kOfxStatOK;
    /* --instance-per-frame: every frame gets its own instance (render_worker), none lives across frames */
    for (int i = 0; usable && !quirks.instance_per_frame && i < opt.instances; i++) {
        Effect *e = start_instance(p, ctx, i, NULL);
        if (e == NULL) break;
        instances[ninstances++] = e;
    }
    if (quirks.instance_per_frame && usable) ninstances = opt.instances;
    if (ninstances > 0 && opt.bench > 0) {
        run_bench(p, instances[0], &rendered, &failed);
    } else if (ninstances == opt.instances) {
        int nframes = cfg.last_frame - cfg.first_frame + 1;
        RenderRun run = {0};
        run.plugin = p;
        run.ctx = ctx;
        run.instances = instances;
        run.ntasks = nframes * ninstances;
        run.tasks = calloc((size_t)run.ntasks, sizeof *run.tasks);
        pthread_mutex_init(&run.lock, NULL);
        pthread_mutex_init(&run.unsafe_lock, NULL);
        int *frames = calloc((size_t)nframes, sizeof *frames);
        for (int i = 0; i < nframes; i++) frames[i] = opt.order == ORDER_REVERSE ? cfg.last_frame - i : cfg.first_frame + i;
        if (opt.order == ORDER_SHUFFLE) {
            unsigned state = opt.seed;
            for (int i = nframes - 1; i > 0; i--) {
                int j = (int)(next_random(&state) % (unsigned)(i + 1));
                int tmp = frames[i]; frames[i] = frames[j]; frames[j] = tmp;
            }
        }
        for (int i = 0; i < nframes; i++) {
            for (int k = 0; k < ninstances; k++) run.tasks[i * ninstances + k] = (Task){frames[i], k};
        }
        pthread_t threads[256];
        int started = 0;
        for (int i = 1; i < opt.threads; i++) {
            if (pthread_create(&threads[started], NULL, render_worker, &run) == 0) started++;
        }
        render_worker(&run);
        for (int i = 0; i < started; i++) pthread_join(threads[i], NULL);
        rendered = run.rendered;
        failed = run.failed;
        free(frames);
        free(run.tasks);
        pthread_mutex_destroy(&run.lock);
        pthread_mutex_destroy(&run.unsafe_lock);
    } else {
        failed = (cfg.last_frame - cfg.first_frame + 1) * opt.instances;
    }

    for (int i = 0; i < ninstances; i++) {
        if (instances[i] != NULL) finish_instance(p, instances[i], opt.dump_params && i == 0, NULL);
    }
    effect_free(ctx);
    effect_free(base);
    st = act(p, kOfxActionUnload, NULL, NULL, NULL);
    report_failure(kOfxActionUnload, st);
    printf("summary rendered=%d failed=%d\n", rendered, failed);
    fflush(stdout);
    return 0;
}

/* load -> Load -> Describe -> Unload -> dlclose, N times (plugins must survive being reloaded). */
static int run_reloads(void) {
    const char *id = opt.plugin_id ? opt.plugin_id : opt.describe_id;
    for (int i = 0; i < opt.reload; i++) {
        Binary b;
        if (load_binary(&b) != 0) return -1;
        OfxPlugin *p = id != NULL ? find_plugin(&b, id) : (b.count > 0 ? b.get_plugin(0) : NULL);
        OfxStatus load = -1, describe = -1, unload = -1;
        if (p != NULL) {
            p->setHost(&the_host);
            load = act(p, kOfxActionLoad, NULL, NULL, NULL);
            Effect *base = effect_new_descriptor(opt.bundle);
            describe = act(p, kOfxActionDescribe, base, NULL, NULL);
            effect_free(base);
            unload = act(p, kOfxActionUnload, NULL, NULL, NULL);
        }
        printf("reload i=%d load=%d describe=%d unload=%d\n", i, load, describe, unload);
        fflush(stdout);
        dlclose(b.dl);
    }
    return 0;
}

/* --input with a printf pattern: reads file F for every frame F of --frames, all of one size. The
 * first frame also stands in as cfg.input (sizes, RoD). */
static void read_input_sequence(void) {
    int n = opt.last - opt.first + 1;
    cfg.frames = calloc((size_t)n, sizeof *cfg.frames);
    char **paths = calloc((size_t)n, sizeof *paths);
    if (cfg.frames == NULL || paths == NULL) abort();
    for (int i = 0; i < n; i++) {
        char name[PATH_MAX], err[PATH_MAX + 128];
        snprintf(name, sizeof name, opt.input, opt.first + i);
        /* Frame numbers that name one file (links, a looped clip) share its pixels: read it once. */
        char real[PATH_MAX];
        if (realpath(name, real) == NULL) snprintf(real, sizeof real, "%s", name);
        paths[i] = strdup(real);
        if (paths[i] == NULL) abort();
        int same = -1;
        for (int j = 0; j < i && same < 0; j++) if (strcmp(paths[j], paths[i]) == 0) same = j;
        if (same >= 0) {
            cfg.frames[i] = cfg.frames[same];
            cfg.nframes = i + 1;
            continue;
        }
        if (image_read(name, &cfg.frames[i], err, sizeof err) != 0) die_usage(err, NULL);
        cfg.frames[i].owner = i;
        if (cfg.frames[i].width != cfg.frames[0].width || cfg.frames[i].height != cfg.frames[0].height) {
            snprintf(err, sizeof err, "input sequence frame %s is %dx%d, the first frame is %dx%d", name,
                     cfg.frames[i].width, cfg.frames[i].height, cfg.frames[0].width, cfg.frames[0].height);
            die_usage(err, NULL);
        }
        cfg.nframes = i + 1;
    }
    for (int i = 0; i < n; i++) free(paths[i]);
    free(paths);
    cfg.input = cfg.frames[0];
}

int main(int argc, char **argv) {
    /* Line buffered even into a pipe, so our lines and the plugin's own stdout (a JVM writes to
     * fd 1 directly) come out in the order they happened. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    parse_args(argc, argv);
    if (opt.bench_split) {
        if (opt.bench == 0) die_usage("--bench-split needs --bench N", "--bench-split");
        suite_timer_enable();   /* before the plugin fetches its suites */
    }
    the_host.host = (OfxPropertySetHandle)host_properties();
    the_host.fetchSuite = host_fetch_suite;
    cfg.float_depth = opt.float_depth;
    cfg.components = opt.components;
    cfg.rows = opt.rows;
    cfg.render_scale = opt.render_scale;
    if (quirks.no_multires && opt.render_scale != 1.0) {
        fprintf(stderr, "ofx-testhost: --no-multires: rendering at scale 1, not %g\n", opt.render_scale);
        cfg.render_scale = 1.0;
    }
    cfg.short_depth = opt.short_depth;
    cfg.first_frame = opt.first;
    cfg.last_frame = opt.last;
    cfg.frame_cache = opt.frame_cache;
    if (opt.input != NULL) {
        char err[PATH_MAX + 128];
        if (strchr(opt.input, '%') != NULL) read_input_sequence();
        else if (image_read(opt.input, &cfg.input, err, sizeof err) != 0) die_usage(err, NULL);
    }
    cfg.width = opt.size_given ? opt.width : cfg.input.width;
    cfg.height = opt.size_given ? opt.height : cfg.input.height;
    if (opt.mask != NULL) {
        char err[PATH_MAX + 128];
        if (image_read(opt.mask, &cfg.mask, err, sizeof err) != 0) die_usage(err, NULL);
        if (cfg.input.rgba != NULL && (cfg.mask.width != cfg.input.width || cfg.mask.height != cfg.input.height)) {
            die_usage("--mask must have the size of --input", opt.mask);
        }
        cfg.has_mask = 1;
    }
    if (cfg.frame_cache) {
        cfg.cached = calloc((size_t)(cfg.nframes > 0 ? cfg.nframes : 1), sizeof *cfg.cached);
        if (cfg.cached == NULL) abort();
    }
    if (opt.reload > 0 && run_reloads() != 0) return 3;

    Binary b;
    if (load_binary(&b) != 0) return 3;
    int rc = 0;
    if (opt.list) {
        for (int i = 0; i < b.count; i++) {
            OfxPlugin *p = b.get_plugin(i);
            if (p == NULL) continue;
            printf("plugin index=%d id=%s version=%u.%u\n", i, p->pluginIdentifier, p->pluginVersionMajor, p->pluginVersionMinor);
        }
    } else if (opt.describe_id != NULL) {
        rc = run_describe(&b);
    } else {
        rc = run_render(&b);
    }
    fflush(stdout);
    dlclose(b.dl);
    if (cfg.cached != NULL) {
        for (int i = 0; i < (cfg.nframes > 0 ? cfg.nframes : 1); i++) {
            if (cfg.cached[i] != NULL) image_buffer_free(cfg.cached[i]);
            free(cfg.cached[i]);
        }
        free(cfg.cached);
    }
    if (cfg.nframes > 0) {
        for (int i = 0; i < cfg.nframes; i++) if (cfg.frames[i].owner == i) free(cfg.frames[i].rgba);
        free(cfg.frames);
    } else {
        free(cfg.input.rgba);
    }
    free(cfg.mask.rgba);
    if (opt.report_resources) print_resources("");
    return rc;
}
