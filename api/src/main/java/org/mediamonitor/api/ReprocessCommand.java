package org.mediamonitor.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code monitor reprocess}: extracts and classifies again every article kept in the WARC archive
 * (the latest copy of each URL) and stores the results; labels given by staff are kept.
 */
@Command(name = "reprocess", mixinStandardHelpOptions = true,
        description = "Re-extract and reclassify every item from the WARC archive.")
final class ReprocessCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions options;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.load();
        if (!Files.isDirectory(settings.data().resolve("warc"))) {
            System.err.println("monitor: no WARC archive in " + settings.data().toAbsolutePath() + ": crawl first, or give --data DIR");
            return 2;
        }
        try (Services services = new Services(settings)) {
            AtomicInteger done = new AtomicInteger();
            Pipeline.Reprocessed result = services.pipeline.reprocess(item -> {
                if (done.incrementAndGet() % 100 == 0) System.err.printf("%d items reprocessed%n", done.get());
            });
            System.err.printf("reprocess done: %d items extracted and classified again, %d archived pages without a source skipped; %d items stored%n",
                    result.items(), result.skipped(), services.index.size());
        }
        return 0;
    }
}
