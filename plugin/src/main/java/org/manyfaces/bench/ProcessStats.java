package org.manyfaces.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the process and the machine are doing, for figures that must be read next to the load: resident
 * memory (from {@code /proc/self/status}), the load average, process CPU time and the bytes the calling
 * thread has allocated on the Java heap. Each reading returns -1 (or "n/a") where the platform lacks it.
 */
public final class ProcessStats {
    private ProcessStats() {
    }

    /** Resident set size in KiB ({@code VmRSS}), or -1 when /proc is not there. */
    public static long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The 1-, 5- and 15-minute load averages as /proc/loadavg shows them. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "n/a";
        }
    }

    /** CPU time of the whole process (all threads, ONNX Runtime's included) in nanoseconds, or -1. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Heap bytes the calling thread has allocated so far, or -1 when the JVM cannot tell. */
    public static long threadAllocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }
}
