package org.manyfaces.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.effect.EditableParams;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.inference.ModelCatalogue;

/** The order of host calls when a preset is applied: one edit group around everything, keys cleared first. */
class PresetApplierTest {
    @Test
    void everyWriteIsInsideOneEditGroupAndKeysAreClearedFirst() {
        InMemoryParams inner = new InMemoryParams(EffectCatalogue.get(0).params());
        inner.setDoubleAtTime("blend", 3, 0.2);
        inner.setDoubleAtTime("blend", 9, 0.4);
        List<String> calls = new ArrayList<>();
        EditableParams recording = (EditableParams) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EditableParams.class}, (proxy, m, args) -> {
                    calls.add(m.getName() + (args == null ? "" : "(" + args[0] + ")"));
                    try {
                        return m.invoke(inner, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        String json = PresetLoaderTest.face("{\"blend\":{\"keys\":[{\"t\":0,\"v\":0.5},{\"t\":5,\"v\":1}]},"
                + "\"maskBlur\":{\"value\":0.25},\"detector\":{\"value\":\"RetinaFace\"}}");
        Preset preset = new PresetLoader().parse(json.getBytes(StandardCharsets.UTF_8), "x");
        PresetPlan plan = new PresetPlanner(ModelCatalogue.packed(List.of())).plan(preset, FaceSwapEffect.ID,
                inner.table(), null, List.of());
        PresetApplier.apply(plan, recording, "Apply preset x");

        assertEquals("beginEdit(Apply preset x)", calls.get(0));
        assertEquals("endEdit", calls.get(calls.size() - 1));
        assertEquals(1, calls.stream().filter(c -> c.startsWith("beginEdit")).count());
        // Table order: detector, blend, maskBlur; each param's keys are deleted before it is written.
        assertEquals(List.of("deleteAllKeys(detector)", "setChoice(detector)", "deleteAllKeys(blend)",
                "setDoubleAtTime(blend)", "setDoubleAtTime(blend)", "deleteAllKeys(maskBlur)", "setDouble(maskBlur)"),
                calls.subList(1, calls.size() - 1));
        assertEquals(2, inner.keyCount("blend"));
        assertEquals(0.75, inner.getDouble("blend", 2.5), 1e-12, "halfway between the preset's keys, old keys gone");
        assertEquals(2, inner.getChoice("detector", 0));
        assertTrue(inner.editDepth() == 0);
    }
}
