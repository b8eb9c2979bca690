package org.manyfaces.ofx.host;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.DoubleSupplier;

/**
 * Extension point: sees every OFX action just before {@link ActionDispatcher} runs it, inside the
 * dispatcher's error boundary, so whatever it throws is handled like a failure of the action itself.
 *
 * <p>Providers are found once, by {@link Bridge#init}, with {@link ServiceLoader} on the plug-in's own class
 * path (every jar in the bundle's {@code Contents/Resources/lib}). The product ships none: then nothing is
 * called and the dispatcher behaves as if this interface did not exist. The test-only bundle variant
 * ({@code ManyFaces-faults.ofx.bundle}, built for the host-driven tests) adds one jar with a fault injector,
 * which is how the tests make actions fail on purpose without that code being in the shipped plug-in.
 *
 * <p>While a provider is installed, every action reaches Java: the shim's shortcut for region-of-definition
 * and regions-of-interest actions is off ({@link Bridge#keepsFrameSizeMask} answers 0) and actions the
 * dispatcher does not handle still pass through here before being answered "reply default".
 */
public interface ActionInterceptor {
    /**
     * Called before action {@code action} (its full OFX name) runs; may throw to fail it.
     *
     * @param time the action's {@code OfxPropTime}, or NaN when it has none; read only on demand because it
     *             costs a call into the host
     */
    void beforeAction(String action, DoubleSupplier time);

    /** The providers on {@code loader}'s class path, called in turn; empty when there are none (the product). */
    static Optional<ActionInterceptor> installed(ClassLoader loader) {
        List<ActionInterceptor> all = ServiceLoader.load(ActionInterceptor.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((action, time) -> all.forEach(i -> i.beforeAction(action, time)));
    }
}
