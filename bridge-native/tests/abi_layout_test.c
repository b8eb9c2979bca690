/*
 * Compile-time check (not shipped) of include/mf_ofx_abi.h against the sizes and offsets the fact
 * sheet measured with gcc on x86-64 (sections 3 and 4). Compiling this file is the test.
 */
#include <stddef.h>

#include "mf_ofx_abi.h"

#if defined(__x86_64__) || defined(__aarch64__)
_Static_assert(sizeof(OfxPlugin) == 48, "OfxPlugin is 48 bytes");
_Static_assert(offsetof(OfxPlugin, pluginApi) == 0, "pluginApi at 0");
_Static_assert(offsetof(OfxPlugin, apiVersion) == 8, "apiVersion at 8");
_Static_assert(offsetof(OfxPlugin, pluginIdentifier) == 16, "pluginIdentifier at 16");
_Static_assert(offsetof(OfxPlugin, pluginVersionMajor) == 24, "pluginVersionMajor at 24");
_Static_assert(offsetof(OfxPlugin, pluginVersionMinor) == 28, "pluginVersionMinor at 28");
_Static_assert(offsetof(OfxPlugin, setHost) == 32, "setHost at 32");
_Static_assert(offsetof(OfxPlugin, mainEntry) == 40, "mainEntry at 40");
_Static_assert(sizeof(OfxHost) == 16 && offsetof(OfxHost, fetchSuite) == 8, "OfxHost is 16 bytes");
_Static_assert(sizeof(OfxPropertySuiteV1) == 144, "property suite: 18 pointers");
_Static_assert(sizeof(OfxImageEffectSuiteV1) == 104, "image effect suite: 13 pointers");
_Static_assert(sizeof(OfxParameterSuiteV1) == 144, "parameter suite: 18 pointers");
_Static_assert(sizeof(OfxMemorySuiteV1) == 16, "memory suite: 2 pointers");
_Static_assert(sizeof(OfxMultiThreadSuiteV1) == 72, "multithread suite: 9 pointers");
_Static_assert(sizeof(OfxMessageSuiteV1) == 8, "message suite V1: 1 pointer");
_Static_assert(sizeof(OfxMessageSuiteV2) == 24, "message suite V2: 3 pointers");
_Static_assert(offsetof(OfxPropertySuiteV1, propGetPointer) == 8 * 8, "getters follow the 8 setters");
_Static_assert(offsetof(OfxPropertySuiteV1, propGetDimension) == 17 * 8, "propGetDimension is member 18");
_Static_assert(offsetof(OfxImageEffectSuiteV1, abort) == 8 * 8, "abort is member 9");
_Static_assert(offsetof(OfxParameterSuiteV1, paramGetValue) == 4 * 8, "paramGetValue is member 5");
_Static_assert(offsetof(OfxParameterSuiteV1, paramSetValueAtTime) == 9 * 8, "paramSetValueAtTime is member 10");
_Static_assert(offsetof(OfxParameterSuiteV1, paramEditEnd) == 17 * 8, "paramEditEnd is member 18");
_Static_assert(offsetof(OfxMultiThreadSuiteV1, mutexUnLock) == 7 * 8, "mutexUnLock is member 8");
_Static_assert(sizeof(OfxRectD) == 32 && sizeof(OfxRectI) == 16 && sizeof(OfxRangeD) == 16, "rect/range sizes");
#endif

int main(void) { return 0; }
