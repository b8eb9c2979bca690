package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two instances rendered from four host threads give exactly the pixels of a serial run. */
class ConcurrencyIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"org.manyfaces.ImageTranslate", "org.manyfaces.FaceSwap"})
    void parallelInstancesMatchASerialRun(String effect) throws Exception {
        TestImage src = TestImage.pattern(64, 48);
        Path in = dir.resolve("in.rgbaf");
        src.write(in);
        boolean translate = effect.endsWith("ImageTranslate");
        // Image Translate runs its diagnostic negative so the pixels depend on the animated Mix.
        String[] common = concat(new String[] {"--plugin", effect, "--input", in.toString(), "--frames", "0-7",
            "--depth", "float", "--order", "shuffle", "--key", keyed(effect) + "@0=0", "--key", keyed(effect) + "@7=1"},
                translate ? new String[] {"--set", "model=1"} : new String[0]);
        TestHost.Result serial = TestHost.run(concat(common, "--output", dir.resolve("s_%04d.rgbaf").toString()));
        assertEquals(0, serial.exitCode, serial.toString());
        TestHost.Result parallel = TestHost.run(concat(common, "--output", dir.resolve("p_%04d.rgbaf").toString(),
                "--threads", "4", "--instances", "2"));
        assertEquals(0, parallel.exitCode, parallel.toString());
        assertEquals(16, parallel.frames().size(), parallel.toString());
        parallel.frames().forEach(f -> assertEquals(0, f.getInt("status"), parallel.toString()));
        // Face Swap explains its pass-through once per process, however many instances and threads render it.
        long warnings = parallel.messages().stream().filter(m -> m.get("type").equals("OfxMessageWarning")).count();
        assertEquals(translate ? 0 : 1, warnings, parallel.toString());
        for (int f = 0; f <= 7; f++) {
            byte[] expected = Files.readAllBytes(dir.resolve(String.format("s_%04d.rgbaf", f)));
            for (int i = 0; i < 2; i++) {
                byte[] got = Files.readAllBytes(dir.resolve(String.format("p_%04d_i%d.rgbaf", f, i)));
                assertArrayEquals(expected, got, effect + " frame " + f + " instance " + i);
            }
        }
    }

    private static String keyed(String effect) {
        return effect.endsWith("ImageTranslate") ? "mix" : "blend";
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
