/**
 * Raw mappings of the OpenFX C ABI: suite function tables read from the structs the host returns,
 * pre-allocated native name strings, per-thread scratch memory, and the calls into the host. Inside the
 * shim those go through the shim's own JNI natives ({@link org.manyfaces.ofx.jna.ShimCalls}, which also
 * make the variadic calls); elsewhere (unit tests with a fake host) through JNA {@code Function} objects.
 *
 * <p>This is the only package that imports {@code com.sun.jna}. Everything here deals in raw addresses
 * ({@code long}); the typed façade that effect code sees lives in {@code org.manyfaces.ofx.host}.
 * Written from the ABI fact sheet (member order = ABI), not from the OpenFX headers.
 */
package org.manyfaces.ofx.jna;
