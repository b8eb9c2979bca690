/**
 * The typed OFX façade: {@link org.manyfaces.ofx.host.Bridge} (called by the C shim through JNI), the
 * {@link org.manyfaces.ofx.host.ActionDispatcher} (one method per action, and the only
 * {@code catch (Throwable)} a host thread runs through), and wrappers ({@code PropertySet}, {@code ParamSet}, {@code Clip},
 * {@code HostImage}) so that effect code never touches a raw pointer.
 */
package org.manyfaces.ofx.host;
