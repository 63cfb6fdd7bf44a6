package org.mediamonitor.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mediamonitor.index.ItemIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code monitor reindex}: rebuilds the index from the items stored in it (after a change of analysis
 * or schema), with clusters, saved-query matches and staff corrections applied again; or, with
 * {@code --check}, only checks every index file with Lucene's CheckIndex.
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Rebuild the index from the stored items (the service must be stopped), or check its files with --check.")
final class ReindexCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions options;

    @Option(names = "--check", description = "Only check the index files (CheckIndex) and report; change nothing.")
    boolean check;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.load();
        Path data = settings.data();
        Path folder = data.resolve("index");
        if (!Files.isDirectory(folder)) {
            System.err.println("monitor: no index in " + data.toAbsolutePath() + ": crawl first, or give --data DIR");
            return 2;
        }
        if (check) {
            boolean clean = ItemIndex.checkFiles(folder, System.out);
            System.out.println(clean ? "the index is clean" : "the index is DAMAGED: restore the data folder from a backup");
            return clean ? 0 : 1;
        }
        long started = System.nanoTime();
        var sources = settings.sourceCatalog();
        long items = ItemIndex.rebuild(folder, ItemIndex.Options.defaults(folder)
                        .withSources(id -> sources.all().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null)),
                n -> System.out.printf(Locale.ROOT, "  %,d items%n", n));
        System.out.printf(Locale.ROOT, "rebuilt the index of %,d items in %.1f s%n", items, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
