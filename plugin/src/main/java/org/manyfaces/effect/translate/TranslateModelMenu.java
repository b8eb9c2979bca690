package org.manyfaces.effect.translate;

import java.util.List;

import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelKind;
import org.manyfaces.inference.ModelSpec;

/**
 * The models Image Translate offers by name: the translator entries of the manifest packed into the
 * plug-in ({@link ModelCatalogue#packedManifest()}).
 *
 * <p>The list is the whole manifest, not only the files present on this machine: a choice parameter's
 * options are fixed when the host describes the effect, and a saved project stores the option's index,
 * so the list must not depend on what happens to be installed. Where the files are looked for is the
 * catalogue's business ({@link EffectContext#models()}); a missing file is reported when a frame is
 * rendered, naming the folders searched.
 */
public final class TranslateModelMenu {
    private TranslateModelMenu() {
    }

    /** Translator entries in manifest order: the named models of the Model choice, after the fixed options. */
    public static List<ModelSpec> translators() {
        return ModelCatalogue.packedManifest().ofKind(ModelKind.TRANSLATOR);
    }

    /** The menu label of a manifest translator: its id, plus its scale when it changes the size. */
    public static String label(ModelSpec spec) {
        Object scale = spec.extras() == null ? null : spec.extras().get("scale");
        boolean upscales = scale instanceof Number n && n.doubleValue() > 1;
        return spec.id() + (upscales ? " (x" + ((Number) scale).intValue() + " super-resolution)" : "");
    }
}
