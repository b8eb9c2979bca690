/*
 * JNI half of the test Bridge (tests/java/.../Bridge.java), never shipped. It lets the test double
 * answer Describe/DescribeInContext/Render through the host's suites, so that make check can drive
 * the whole render path through the shim and the JVM: a copy effect (output = source).
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>

#include "mf_ofx_abi.h"

static OfxStatus describe(OfxHost *host, OfxImageEffectHandle effect) {
    const OfxPropertySuiteV1 *props = host->fetchSuite(host->host, kOfxPropertySuite, 1);
    const OfxImageEffectSuiteV1 *effects = host->fetchSuite(host->host, kOfxImageEffectSuite, 1);
    OfxPropertySetHandle p;
    effects->getPropertySet(effect, &p);
    const char *depths[] = {kOfxBitDepthByte, kOfxBitDepthFloat};
    props->propSetString(p, kOfxPropLabel, 0, "Test Bridge Copy");
    props->propSetString(p, kOfxImageEffectPropSupportedContexts, 0, kOfxImageEffectContextFilter);
    props->propSetStringN(p, kOfxImageEffectPropSupportedPixelDepths, 2, depths);
    props->propSetString(p, kOfxImageEffectPluginRenderThreadSafety, 0, kOfxImageEffectRenderFullySafe);
    return kOfxStatOK;
}

static OfxStatus describe_in_context(OfxHost *host, OfxImageEffectHandle effect) {
    const OfxPropertySuiteV1 *props = host->fetchSuite(host->host, kOfxPropertySuite, 1);
    const OfxImageEffectSuiteV1 *effects = host->fetchSuite(host->host, kOfxImageEffectSuite, 1);
    const char *comps[] = {kOfxImageComponentRGBA, kOfxImageComponentRGB};
    OfxPropertySetHandle clip;
    effects->clipDefine(effect, kOfxImageEffectSimpleSourceClipName, &clip);
    props->propSetStringN(clip, kOfxImageEffectPropSupportedComponents, 2, comps);
    effects->clipDefine(effect, kOfxImageEffectOutputClipName, &clip);
    props->propSetStringN(clip, kOfxImageEffectPropSupportedComponents, 2, comps);
    return kOfxStatOK;
}

static OfxStatus render(OfxHost *host, OfxImageEffectHandle effect, OfxPropertySetHandle in) {
    const OfxPropertySuiteV1 *props = host->fetchSuite(host->host, kOfxPropertySuite, 1);
    const OfxImageEffectSuiteV1 *effects = host->fetchSuite(host->host, kOfxImageEffectSuite, 1);
    double t;
    props->propGetDouble(in, kOfxPropTime, 0, &t);
    OfxImageClipHandle sc, dc;
    OfxPropertySetHandle src, dst;
    effects->clipGetHandle(effect, kOfxImageEffectSimpleSourceClipName, &sc, NULL);
    effects->clipGetHandle(effect, kOfxImageEffectOutputClipName, &dc, NULL);
    if (effects->clipGetImage(sc, t, NULL, &src) != kOfxStatOK) return kOfxStatFailed;
    if (effects->clipGetImage(dc, t, NULL, &dst) != kOfxStatOK) { effects->clipReleaseImage(src); return kOfxStatFailed; }
    void *sp, *dp;
    int srb, drb, b[4];
    char *depth, *comps;
    props->propGetPointer(src, kOfxImagePropData, 0, &sp);
    props->propGetPointer(dst, kOfxImagePropData, 0, &dp);
    props->propGetInt(src, kOfxImagePropRowBytes, 0, &srb);
    props->propGetInt(dst, kOfxImagePropRowBytes, 0, &drb);
    props->propGetIntN(dst, kOfxImagePropBounds, 4, b);
    props->propGetString(dst, kOfxImageEffectPropPixelDepth, 0, &depth);
    props->propGetString(dst, kOfxImageEffectPropComponents, 0, &comps);
    size_t pixel = (strcmp(comps, kOfxImageComponentRGBA) == 0 ? 4 : 3) * (strcmp(depth, kOfxBitDepthFloat) == 0 ? 4 : 1);
    for (int y = 0; y < b[3] - b[1]; y++) {
        memcpy((char *)dp + (ptrdiff_t)y * drb, (const char *)sp + (ptrdiff_t)y * srb, pixel * (size_t)(b[2] - b[0]));
    }
    effects->clipReleaseImage(src);
    effects->clipReleaseImage(dst);
    return kOfxStatOK;
}

JNIEXPORT jint JNICALL Java_org_manyfaces_testbridge_TestBridge_nativeAction(JNIEnv *env, jclass cls, jlong host_ptr,
                                                                        jstring action, jlong handle, jlong in, jlong out) {
    (void)cls;
    (void)out;
    OfxHost *host = (OfxHost *)(intptr_t)host_ptr;
    OfxImageEffectHandle effect = (OfxImageEffectHandle)(intptr_t)handle;
    const char *name = (*env)->GetStringUTFChars(env, action, NULL);
    OfxStatus st = kOfxStatReplyDefault;
    if (host != NULL && name != NULL) {
        if (strcmp(name, kOfxActionDescribe) == 0) st = describe(host, effect);
        else if (strcmp(name, kOfxImageEffectActionDescribeInContext) == 0) st = describe_in_context(host, effect);
        else if (strcmp(name, kOfxImageEffectActionRender) == 0) st = render(host, effect, (OfxPropertySetHandle)(intptr_t)in);
    }
    if (name != NULL) (*env)->ReleaseStringUTFChars(env, action, name);
    return st;
}

/* A genuine native crash during a call into Java (MF_TEST_BRIDGE_MODE=crash): the shim must route it
 * to the host's crash handler, not to the JVM. */
JNIEXPORT void JNICALL Java_org_manyfaces_testbridge_TestBridge_nativeCrash(JNIEnv *env, jclass cls) {
    (void)env;
    (void)cls;
    volatile int *nowhere = NULL;
    *nowhere = 42;
}
