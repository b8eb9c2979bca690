package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * Test-only code stays out of what ships: the plug-in jar Maven builds and every jar of the bundle's
 * {@code Contents/Resources/lib} hold no fault injector, no ServiceLoader entry for the plug-in's action
 * interceptor, no ManyFaces class named like a test, and no class file carrying the fault injector's
 * {@code native-crash} kind. The test-only bundle variant is scanned the same way and must be caught, so
 * the scan is known to see what it looks for.
 */
class ShippedClassesIT {
    private static final String INTERCEPTOR_SERVICE = "META-INF/services/org.manyfaces.ofx.host.ActionInterceptor";
    private static final byte[] CRASH_KIND = "native-crash".getBytes(StandardCharsets.UTF_8);

    @Test
    void thePluginJarAndTheBundleHoldNoTestCode() throws Exception {
        List<Path> jars = new ArrayList<>(jarsOf(TestHost.bundle()));
        Path target = TestHost.bundle().getParent();
        try (Stream<Path> built = Files.list(target)) {
            built.filter(p -> p.getFileName().toString().matches("manyfaces-plugin-.*\\.jar")).forEach(jars::add);
        }
        assertEquals(2, jars.stream().filter(j -> j.getFileName().toString().startsWith("manyfaces-plugin-")).count(),
                "the built plug-in jar and its copy in the bundle: " + jars);
        List<String> found = new ArrayList<>();
        for (Path jar : jars) {
            found.addAll(testCodeIn(jar));
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theTestOnlyBundleIsCaughtByTheSameScan() throws Exception {
        List<String> found = new ArrayList<>();
        for (Path jar : jarsOf(TestHost.faultsBundle())) {
            found.addAll(testCodeIn(jar));
        }
        assertTrue(found.stream().anyMatch(f -> f.endsWith("org/manyfaces/faults/FaultInjection.class: test-only class name")), found.toString());
        assertTrue(found.stream().anyMatch(f -> f.endsWith(INTERCEPTOR_SERVICE + ": interceptor provider")), found.toString());
        assertTrue(found.stream().anyMatch(f -> f.contains("FaultInjection") && f.endsWith(": contains native-crash")), found.toString());
        assertFalse(found.stream().anyMatch(f -> f.startsWith("manyfaces-plugin-")), found.toString());
    }

    private static List<Path> jarsOf(Path bundle) throws IOException {
        try (Stream<Path> lib = Files.list(bundle.resolve("Contents/Resources/lib"))) {
            List<Path> jars = lib.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            assertFalse(jars.isEmpty(), "no jars in " + bundle);
            return jars;
        }
    }

    /** "jar!entry: why" for each test-only thing in {@code jar}. */
    private static List<String> testCodeIn(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        boolean pluginJar = jar.getFileName().toString().startsWith("manyfaces-plugin-");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                String where = jar.getFileName() + "!" + name;
                if (name.equals(INTERCEPTOR_SERVICE)) {
                    found.add(where + ": interceptor provider");
                }
                if (!name.endsWith(".class")) {
                    continue;
                }
                if (name.startsWith("org/manyfaces/")) {
                    // Only our own classes: third-party jars may name theirs as they like.
                    String simple = name.substring(name.lastIndexOf('/') + 1);
                    if (simple.contains("Fault") || simple.contains("Test")) {
                        found.add(where + ": test-only class name");
                    }
                    if (!pluginJar) {
                        found.add(where + ": a ManyFaces class outside the plug-in jar");
                    }
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    if (contains(in.readAllBytes(), CRASH_KIND)) {
                        found.add(where + ": contains native-crash");
                    }
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
