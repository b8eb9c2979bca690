/*
 * GENERATED from org.manyfaces.effect.EffectCatalogue; do not edit. Regenerate with
 *   mvn -B -o -pl plugin test -Dtest=ShimPluginTableTest -Dsurefire.failIfNoSpecifiedTests=false -Dmanyfaces.regenerateShimTable=true
 * (ShimPluginTableTest fails while this file and the catalogue differ).
 */
#ifndef MF_PLUGIN_TABLE_H
#define MF_PLUGIN_TABLE_H

#define MF_PLUGIN_COUNT 2

/* X(index, OFX plug-in id, version major, version minor, menu label) */
#define MF_PLUGIN_TABLE(X) \
    X(0, "org.manyfaces.FaceSwap", 1, 0, "Face Swap") \
    X(1, "org.manyfaces.ImageTranslate", 1, 0, "Image Translate")

#endif
