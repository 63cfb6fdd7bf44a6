package org.mediamonitor.api;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mediamonitor.index.ItemIndex;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monitor export}: every stored item, as JSON lines or CSV, on standard output. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Print the stored items, newest first.")
final class ExportCommand implements Callable<Integer> {

    enum Format { jsonl, csv }

    /** One exported row. */
    record Row(String id, String url, String source, String title, String text, String published, String language,
               String label, Double confidence, String decidedBy, String cluster) {
        static Row of(Item item) {
            Classification c = item.classification();
            String label = c == null ? null : c.relevant() ? c.label().wireName() : "not-relevant";
            return new Row(item.id(), item.url(), item.source(), item.title(), item.text(),
                    item.published() == null ? null : item.published().toString(), item.language(), label,
                    c == null ? null : c.confidence(), c == null ? null : c.decidedBy(), item.cluster());
        }
    }

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ./data).")
    Path data = Path.of("data");

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl (default) or csv.")
    Format format = Format.jsonl;

    @Override
    public Integer call() throws Exception {
        Path folder = data.resolve("index");
        if (!Files.isDirectory(folder)) {
            System.err.println("monitor: no index in " + data.toAbsolutePath() + ": crawl first, or give --data DIR");
            return 2;
        }
        Writer out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try (ItemIndex index = new ItemIndex(folder)) {
            if (format == Format.jsonl) {
                index.forEach(item -> write(out, item));
            } else {
                CsvMapper csv = new CsvMapper();
                CsvSchema schema = csv.schemaFor(Row.class).withHeader();
                try (SequenceWriter rows = csv.writer(schema).writeValues(out)) {
                    index.forEach(item -> {
                        try {
                            rows.write(Row.of(item));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        }
        out.flush();
        return 0;
    }

    private static void write(Writer out, Item item) {
        try {
            out.write(Json.MAPPER.writeValueAsString(Row.of(item)));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
