package org.mediamonitor.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor bench indexing}: adding generated items to a new {@link ItemIndex} (words already
 * segmented, as the pipeline hands them over; duplicate clusters, saved queries and the commit
 * included), beside a Lucene index of the same items with {@link StandardAnalyzer} only. Both write
 * to disk in a temporary folder; wall time, because Lucene merges on threads of its own.
 */
@Command(name = "indexing", mixinStandardHelpOptions = true,
        description = "Time adding items to the index against a StandardAnalyzer-only Lucene index of the same items.")
final class BenchIndexingCommand extends BenchAllCommand.Stage {


    @Option(names = "--items", paramLabel = "N", description = "Generated items a round (default: 5000, quick: 1000).")
    Integer items;

    @Option(names = "--seconds", paramLabel = "S", description = "Time for the timed rounds (default: 30, quick: 4).")
    Double seconds;

    private static final int BATCH = 64;

    @Override
    List<BenchAllCommand.Figure> measure(boolean quick) throws Exception {
        int n = items != null ? items : quick ? 1_000 : 5_000;
        if (n < 1) throw new IllegalArgumentException("--items must be positive");
        BenchIndexCommand.Generator generator = new BenchIndexCommand.Generator(42);
        List<ItemIndex.Incoming> incoming = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BenchIndexCommand.Generated g = generator.item(i);
            incoming.add(new ItemIndex.Incoming(g.item(), g.titleWords(), g.textWords()));
        }
        Path folder = Files.createTempDirectory("media-monitor-bench-indexing-");
        int[] round = {0};
        try {
            long[] nanos = BenchAllCommand.race(
                    () -> itemIndex(folder.resolve("item-" + round[0]++), incoming, generator),
                    () -> standard(folder.resolve("standard-" + round[0]++), incoming),
                    seconds != null ? seconds : quick ? 4 : 30, 3, false);
            String what = String.format(Locale.ROOT, "indexing (%,d items, commit included)", n);
            return List.of(new BenchAllCommand.Figure(what, BenchAllCommand.perSecond(n, nanos[0]), "items/s",
                    "StandardAnalyzer-only Lucene index", BenchAllCommand.perSecond(n, nanos[1])));
        } finally {
            BenchSoakCommand.delete(folder);
        }
    }

    private static void itemIndex(Path folder, List<ItemIndex.Incoming> incoming, BenchIndexCommand.Generator generator) {
        try {
            ItemIndex.Options options = new ItemIndex.Options(Duration.ofMinutes(10), generator::source, folder.resolve("state"),
                    ItemIndex.Options.Check.NONE);
            try (ItemIndex index = new ItemIndex(folder.resolve("index"), options)) {
                for (int i = 0; i < incoming.size(); i += BATCH) index.addAll(incoming.subList(i, Math.min(incoming.size(), i + BATCH)));
                index.commit();
            }
            BenchSoakCommand.delete(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same items in a plain Lucene index: id and source as keywords, title and text analysed by StandardAnalyzer and stored. */
    static void standard(Path folder, List<ItemIndex.Incoming> incoming) {
        try (FSDirectory directory = FSDirectory.open(folder);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (ItemIndex.Incoming in : incoming) {
                Item item = in.item();
                Document doc = new Document();
                doc.add(new StringField("id", item.id(), Field.Store.YES));
                doc.add(new StringField("source", item.source(), Field.Store.YES));
                doc.add(new TextField("title", item.title(), Field.Store.YES));
                doc.add(new TextField("text", item.text(), Field.Store.YES));
                writer.addDocument(doc);
            }
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            BenchSoakCommand.delete(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
