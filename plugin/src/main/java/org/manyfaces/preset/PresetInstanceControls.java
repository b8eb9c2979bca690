package org.manyfaces.preset;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.EffectMessages;
import org.manyfaces.effect.InstanceControls;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.inference.ModelCatalogue;

/**
 * The Presets page of every effect instance, offered to host front ends through {@link InstanceControls}
 * (registered in {@code META-INF/services}). The preset choice lists the files found when the host describes
 * the effect; instances created later map option i back to the same file, so one provider keeps that list per
 * effect for the life of the process (a plug-in is described once per host session).
 */
public final class PresetInstanceControls implements InstanceControls {
    /** Per effect id: the presets its "Preset" choice offered at describe time, in option order. */
    private final ConcurrentHashMap<String, List<PresetLibrary.Entry>> offered = new ConcurrentHashMap<>();

    /** For {@link java.util.ServiceLoader}. */
    public PresetInstanceControls() {
    }

    @Override
    public ParamTable describe(EffectDescriptor effect, Optional<Path> bundleResources) {
        List<PresetLibrary.Entry> presets = PresetLibrary.standard(bundleResources).entries(effect.id());
        offered.put(effect.id(), presets);
        return PresetControls.withPresetOptions(effect.params(),
                presets.stream().map(PresetLibrary.Entry::label).toList());
    }

    @Override
    public boolean owns(String paramId) {
        return PresetControls.isPresetControl(paramId);
    }

    @Override
    public Handler attach(EffectDescriptor effect, Optional<Path> bundleResources, ModelCatalogue models,
                          EffectMessages messages) {
        // A host that creates an instance without describing first (allowed after a reload): list the files now.
        List<PresetLibrary.Entry> presets = offered.computeIfAbsent(effect.id(),
                id -> PresetLibrary.standard(bundleResources).entries(id));
        return new PresetActions(effect.id(), effect.params(), presets, models, messages)::changed;
    }
}
