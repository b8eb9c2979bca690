/**
 * Raw JNA mappings of the OpenFX C ABI: suite function tables read from the structs the host returns,
 * pre-allocated native name strings, per-thread scratch memory and the shim's variadic trampolines.
 *
 * <p>This is the only package that imports {@code com.sun.jna}. Everything here deals in raw addresses
 * ({@code long}); the typed façade that effect code sees lives in {@code org.manyfaces.ofx.host}.
 * Written from the ABI fact sheet (member order = ABI), not from the OpenFX headers.
 */
package org.manyfaces.ofx.jna;
