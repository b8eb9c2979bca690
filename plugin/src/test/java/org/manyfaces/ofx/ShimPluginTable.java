package org.manyfaces.ofx;

import java.util.List;

import org.manyfaces.effect.EffectDescriptor;

/**
 * Writes the shim's plug-in table, {@code bridge-native/src/mf_plugin_table.h}, from {@link
 * org.manyfaces.effect.EffectCatalogue}: one X-macro row per effect (index, id, version, label). The shim
 * keeps its static OfxPlugin structs so a host can list and describe the plug-ins when no Java runtime starts;
 * generating them from the catalogue is what keeps those structs and the Java effects in step.
 * {@link ShimPluginTableTest} regenerates it and fails, naming the command, when the checked-in file differs.
 */
final class ShimPluginTable {
    static final String FILE = "bridge-native/src/mf_plugin_table.h";
    static final String REGENERATE = "mvn -B -o -pl plugin test -Dtest=ShimPluginTableTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dmanyfaces.regenerateShimTable=true";

    private ShimPluginTable() {
    }

    static String render(List<EffectDescriptor> effects) {
        StringBuilder b = new StringBuilder();
        b.append("/*\n")
                .append(" * GENERATED from org.manyfaces.effect.EffectCatalogue; do not edit. Regenerate with\n")
                .append(" *   ").append(REGENERATE).append("\n")
                .append(" * (ShimPluginTableTest fails while this file and the catalogue differ).\n")
                .append(" */\n")
                .append("#ifndef MF_PLUGIN_TABLE_H\n#define MF_PLUGIN_TABLE_H\n\n")
                .append("#define MF_PLUGIN_COUNT ").append(effects.size()).append("\n\n")
                .append("/* X(index, OFX plug-in id, version major, version minor, menu label) */\n")
                .append("#define MF_PLUGIN_TABLE(X)");
        for (int i = 0; i < effects.size(); i++) {
            EffectDescriptor d = effects.get(i);
            b.append(" \\\n    X(").append(i).append(", ").append(cString(d.id())).append(", ")
                    .append(d.versionMajor()).append(", ").append(d.versionMinor()).append(", ")
                    .append(cString(d.label())).append(")");
        }
        b.append("\n\n#endif\n");
        return b.toString();
    }

    /** A C string literal; ids and labels are printable ASCII (a host shows them before any Java runs). */
    private static String cString(String s) {
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("'" + s + "' must be printable ASCII for the shim's table");
            }
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
