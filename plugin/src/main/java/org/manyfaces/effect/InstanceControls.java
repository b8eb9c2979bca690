package org.manyfaces.effect;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.inference.ModelCatalogue;

/**
 * Controls every effect instance carries beside its renderer's own parameters, served by a layer above the
 * effects: the Presets page (choice, export, import), implemented by {@code org.manyfaces.preset}. A host front
 * end ({@code ofx.host}) reaches it only through this interface, found with {@link ServiceLoader}, so the OFX
 * binding depends on no preset code and presets depend on no host: the preset layer declares its provider in
 * {@code META-INF/services/org.manyfaces.effect.InstanceControls} of the plug-in jar.
 */
public interface InstanceControls {
    /** Reacts to changes of one instance's controls (the host lets a plug-in set parameters only then). */
    @FunctionalInterface
    interface Handler {
        void changed(String id, EditableParams params, double time);
    }

    /** No controls beyond the effect's own: describes its table as it is, owns no id. */
    InstanceControls NONE = new InstanceControls() {
        @Override
        public ParamTable describe(EffectDescriptor effect, Optional<Path> bundleResources) {
            return effect.params();
        }

        @Override
        public boolean owns(String paramId) {
            return false;
        }

        @Override
        public Handler attach(EffectDescriptor effect, Optional<Path> bundleResources, ModelCatalogue models,
                              EffectMessages messages) {
            return (id, params, time) -> { };
        }
    };

    /**
     * The table the host is told about at describe time: {@code effect.params()} with the options that are
     * only known now (the preset files found on disk). {@link #attach} later maps option i to the same file.
     *
     * @param bundleResources the plug-in bundle's {@code Contents/Resources} folder, when known
     */
    ParamTable describe(EffectDescriptor effect, Optional<Path> bundleResources);

    /** Whether parameter {@code paramId} is one of these controls (then the renderer never sees its changes). */
    boolean owns(String paramId);

    /** The handler of one new instance of {@code effect}; {@code messages} reach that instance's user. */
    Handler attach(EffectDescriptor effect, Optional<Path> bundleResources, ModelCatalogue models,
                   EffectMessages messages);

    /**
     * The provider on {@code loader}'s class path ({@link #NONE} when there is none). Exactly one may exist: two
     * would both claim the same controls.
     */
    static InstanceControls installed(ClassLoader loader) {
        List<InstanceControls> all = ServiceLoader.load(InstanceControls.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (all.size() > 1) {
            throw new IllegalStateException("more than one InstanceControls provider on the class path: " + all);
        }
        return all.isEmpty() ? NONE : all.get(0);
    }
}
