package io.castline.bench;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM's own account of its native memory (Native Memory Tracking, {@code jcmd PID
 * VM.native_memory summary}), read in-process through the DiagnosticCommand MBean. Only there
 * when the JVM was started with {@code -XX:NativeMemoryTracking=summary}; it counts what the JVM
 * itself reserves and commits (heap, classes, threads' stacks, code, GC, its own mallocs), not what
 * native libraries allocate with malloc (FFmpeg's and x264's frames, JavaFX's software renderer,
 * GTK, JavaCPP's pointers): resident memory minus the NMT total is that part, and the libraries'
 * pages.
 *
 * @param committedMb committed MiB per NMT category in the order the JVM prints them
 *                    ("Java Heap", "Class", "Thread", "Code", "GC", "Internal", "Other", …)
 * @param totalMb     committed MiB over every category
 */
public record NativeMemorySummary(Map<String, Double> committedMb, double totalMb) {
    private static final Pattern CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    /** This JVM's summary now, or null when Native Memory Tracking is off (or the MBean is missing). */
    public static NativeMemorySummary now() {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            return out == null ? null : parse(out.toString());
        } catch (Exception e) {
            return null;
        }
    }

    /** Reads the text {@code VM.native_memory summary} prints; null when it has no total (tracking off). */
    static NativeMemorySummary parse(String text) {
        Map<String, Double> categories = new LinkedHashMap<>();
        Double total = null;
        for (String line : text.split("\n")) {
            String l = line.strip();
            Matcher t = TOTAL.matcher(l);
            if (t.find()) total = Long.parseLong(t.group(2)) / 1024.0;
            Matcher c = CATEGORY.matcher(l);
            if (c.find()) categories.put(c.group(1).strip(), Long.parseLong(c.group(3)) / 1024.0);
        }
        return total == null ? null : new NativeMemorySummary(categories, total);
    }
}
