package org.mediamonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code monitor serve} in a child JVM on the test classpath, as an operator runs it: its output lines
 * go to a log file and to a queue the test reads to aim at moments of its work; it can be killed with
 * SIGKILL ({@link Process#destroyForcibly()} on Linux) at any of them.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("Media Monitor is running at http://localhost:(\\d+)/");

    private final Process process;
    private final BlockingQueue<String> lines;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile int port;

    private ServiceProcess(Process process, BlockingQueue<String> lines) {
        this.process = process;
        this.lines = lines;
    }

    /**
     * Starts {@code serve --config config --data data --port 0}; each line it prints is appended to
     * {@code log} and offered to {@code lines}.
     */
    static ServiceProcess start(Path config, Path data, Path log, BlockingQueue<String> lines) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx1200m", "-XX:+UseSerialGC", "-cp", classpath(data.resolveSibling("classes")),
                Main.class.getName(), "serve", "--config", config.toString(), "--data", data.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // no service outlives the tests
        ServiceProcess child = new ServiceProcess(process, lines);
        Thread reader = new Thread(() -> child.read(log), "service-output");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    /**
     * The test classpath, with its class folders copied once under {@code copies}: a build of the module
     * while the test runs rewrites those folders, and a service started then would miss classes.
     */
    static synchronized String classpath(Path copies) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            Path copy = copies.resolve(Integer.toString(n++));
            if (!Files.isDirectory(copy)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Path target = copy.resolve(path.relativize(file).toString());
                        if (Files.isDirectory(file)) Files.createDirectories(target);
                        else Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            entries.add(copy.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private void read(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.write(line);
                out.write('\n');
                out.flush();
                Matcher running = RUNNING.matcher(line);
                if (running.find()) port = Integer.parseInt(running.group(1));
                lines.offer(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the HTTP port is known; false if the process ended or the time ran out first. */
    boolean awaitPort(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (port == 0 && process.isAlive() && System.nanoTime() < until) Thread.sleep(50);
        return port != 0;
    }

    /** Reads lines from the queue until one matches; null when the time runs out. */
    static String awaitLine(BlockingQueue<String> lines, Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) return null;
            String line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line != null && wanted.test(line)) return line;
        }
    }

    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException(pathAndQuery + " → " + response.statusCode() + " " + response.body());
        return Json.MAPPER.readTree(response.body());
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("the service did not die");
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
