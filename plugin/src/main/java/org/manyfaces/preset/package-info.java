/**
 * Presets: save, share and re-apply a look, animation included (README, "Presets").
 *
 * <p>Reading: {@link org.manyfaces.preset.PresetLoader} (size limit, strict JSON without duplicate keys,
 * non-finite numbers or deep nesting, schema migration) gives a {@link org.manyfaces.preset.Preset};
 * {@link org.manyfaces.preset.PresetPlanner} checks it completely against an effect's table and resolves
 * model and face references into a {@link org.manyfaces.preset.PresetPlan};
 * {@link org.manyfaces.preset.PresetApplier} writes the plan (keys cleared, values or keys set, one edit
 * group). Every refusal is a {@link org.manyfaces.preset.PresetException} naming the field, and happens
 * before anything is written. Writing: {@link org.manyfaces.preset.PresetExporter} and
 * {@link org.manyfaces.preset.PresetWriter}. In the host, {@link org.manyfaces.preset.PresetActions} reacts to
 * the Presets page, which {@link org.manyfaces.preset.PresetInstanceControls} offers to the host front end as
 * the {@code effect.InstanceControls} service (so {@code ofx} never imports this package); {@link org.manyfaces.preset.InMemoryParams} holds parameters for the CLI and tests.
 *
 * <p>No OFX here: parameters are reached through {@code org.manyfaces.effect.EditableParams}.
 */
package org.manyfaces.preset;
