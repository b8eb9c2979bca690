package org.manyfaces.preset;

import java.lang.reflect.Proxy;

import org.manyfaces.effect.EditableParams;

/** Hides an {@link InMemoryParams} behind the plain {@link EditableParams} interface, as a host would be seen. */
final class HostDouble {
    private HostDouble() {
    }

    static EditableParams over(InMemoryParams inner) {
        return (EditableParams) Proxy.newProxyInstance(HostDouble.class.getClassLoader(),
                new Class<?>[] {EditableParams.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(inner, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
