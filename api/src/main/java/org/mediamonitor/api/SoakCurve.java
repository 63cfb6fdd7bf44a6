package org.mediamonitor.api;

import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The samples a soak run takes of the service's process (heap after collections, open file
 * descriptors, threads) beside its work (items stored, requests answered), written as CSV and
 * summarised as the mean of the first and last windows and the slope of a fitted line.
 */
final class SoakCurve {

    /**
     * One look at the process, {@code minute} minutes into the run.
     *
     * @param heapMb     heap in use after the most recent collection, whichever it was
     * @param fullHeapMb heap in use after a full collection forced for this sample, or NaN when none was
     * @param gcMillis   how long the forced full collection stopped the process, 0 when none was forced
     */
    record Sample(double minute, double heapMb, double fullHeapMb, double nonHeapMb, int fileDescriptors, int threads,
                  long items, long articles, long requests, long failures, long gcMillis) {
        static final String CSV_HEADER = "minute,heap_after_last_gc_mb,heap_after_full_gc_mb,non_heap_mb,open_fds,threads,items,"
                + "articles_on_site,requests,failed_requests,forced_gc_ms";

        String csv() {
            return String.format(Locale.ROOT, "%.2f,%.1f,%s,%.1f,%d,%d,%d,%d,%d,%d,%d", minute, heapMb,
                    Double.isNaN(fullHeapMb) ? "" : String.format(Locale.ROOT, "%.1f", fullHeapMb), nonHeapMb, fileDescriptors,
                    threads, items, articles, requests, failures, gcMillis);
        }
    }

    /** What is measured of the process, and how it is read from a sample. */
    private record Metric(String name, String unit, ToDoubleFunction<Sample> value) {
    }

    private static final List<Metric> FLAT = List.of(
            new Metric("heap used after a forced full GC", "MB", Sample::fullHeapMb),
            new Metric("heap used after the last GC", "MB", Sample::heapMb),
            new Metric("non-heap (metaspace, code cache)", "MB", Sample::nonHeapMb),
            new Metric("open file descriptors", "", s -> s.fileDescriptors),
            new Metric("threads", "", s -> s.threads));

    private final List<Sample> samples = new ArrayList<>();

    void add(Sample sample) {
        samples.add(sample);
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /**
     * Heap in use after the most recent collection and, when {@code forceFullGc}, after a full collection
     * forced now (exact, but it stops the process: on a busy machine for seconds); non-heap memory; open
     * file descriptors of this process (Linux {@code /proc/self/fd}; -1 elsewhere) and live threads.
     */
    static Sample measure(double minute, boolean forceFullGc, long items, long articles, long requests, long failures) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        double full = Double.NaN;
        long gcMillis = 0;
        if (forceFullGc) {
            long start = System.nanoTime();
            System.gc();
            gcMillis = (System.nanoTime() - start) / 1_000_000;
            full = memory.getHeapMemoryUsage().getUsed() / 1e6;
        }
        double nonHeap = memory.getNonHeapMemoryUsage().getUsed() / 1e6;
        return new Sample(minute, afterLastCollection(), full, nonHeap, openFileDescriptors(),
                ManagementFactory.getThreadMXBean().getThreadCount(), items, articles, requests, failures, gcMillis);
    }

    /** Heap in use (MB) when the most recent collection ended, from the collectors' own record; NaN before the first. */
    static double afterLastCollection() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) heapPools.add(pool.getName());
        }
        GcInfo latest = null;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
                GcInfo info = sun.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) latest = info;
            }
        }
        if (latest == null) return Double.NaN;
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) used += pool.getValue().getUsed();
        }
        return used / 1e6;
    }

    static int openFileDescriptors() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) return -1;
        try (Stream<Path> list = Files.list(fds)) {
            return (int) list.count();
        } catch (IOException e) {
            return -1;
        }
    }

    String csv() {
        StringBuilder out = new StringBuilder(Sample.CSV_HEADER).append('\n');
        for (Sample s : samples) out.append(s.csv()).append('\n');
        return out.toString();
    }

    /** Length of the first and last windows compared: ten minutes, or a third of a shorter run. */
    double windowMinutes() {
        double length = samples.isEmpty() ? 0 : samples.getLast().minute();
        return Math.min(10, length / 3);
    }

    /**
     * A Markdown table: each process figure's mean in the first and last windows, the change between
     * them, and the slope (per hour) of a least-squares line through the samples after the first window,
     * when the run has warmed up.
     */
    String summaryTable() {
        double window = windowMinutes();
        double end = samples.isEmpty() ? 0 : samples.getLast().minute();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "| figure | first %.0f min (mean) | last %.0f min (mean) | change | slope after the first %.0f min, per hour | min | max |%n",
                window, window, window));
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Metric m : FLAT) {
            List<Sample> measured = samples.stream().filter(s -> !Double.isNaN(m.value().applyAsDouble(s))).toList();
            List<Sample> first = measured.stream().filter(s -> s.minute() <= window).toList();
            List<Sample> last = measured.stream().filter(s -> s.minute() >= end - window).toList();
            List<Sample> warm = measured.stream().filter(s -> s.minute() >= window).toList();
            double a = mean(first, m.value()), b = mean(last, m.value());
            String unit = m.unit().isEmpty() ? "" : " " + m.unit();
            out.append(String.format(Locale.ROOT, "| %s | %.1f%s | %.1f%s | %+.1f%s (%+.1f %%) | %+.2f%s | %.1f | %.1f |%n",
                    m.name(), a, unit, b, unit, b - a, unit, a == 0 ? 0 : (b - a) / a * 100, slopePerHour(warm, m.value()), unit,
                    measured.stream().mapToDouble(m.value()).min().orElse(Double.NaN), measured.stream().mapToDouble(m.value()).max().orElse(Double.NaN)));
        }
        return out.toString();
    }

    private static double mean(List<Sample> list, ToDoubleFunction<Sample> value) {
        return list.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    /** Least-squares slope of the figure against time, per hour; 0 with fewer than two samples. */
    static double slopePerHour(List<Sample> list, ToDoubleFunction<Sample> value) {
        if (list.size() < 2) return 0;
        double mx = list.stream().mapToDouble(Sample::minute).average().orElse(0), my = mean(list, value);
        double num = 0, den = 0;
        for (Sample s : list) {
            double dx = s.minute() - mx;
            num += dx * (value.applyAsDouble(s) - my);
            den += dx * dx;
        }
        return den == 0 ? 0 : num / den * 60;
    }
}
