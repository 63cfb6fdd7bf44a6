package org.mediamonitor.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.Classifier;
import org.mediamonitor.classifier.LexiconClassifier;
import org.mediamonitor.crawler.Crawler;
import org.mediamonitor.crawler.Fetcher;
import org.mediamonitor.crawler.SourceCatalog;
import org.mediamonitor.index.ItemIndex;

/**
 * The running parts of Media Monitor over one data folder: the index, the fetcher, the crawler (with
 * its state and WARC archive), the classifier, the sources and the pipeline that joins them. Opened by
 * the commands that need them, closed once.
 */
final class Services implements AutoCloseable {
    final Settings settings;
    final ItemIndex index;
    final Fetcher fetcher;
    final Crawler crawler;
    final Classifier classifier;
    final SourceCatalog sources;
    final Pipeline pipeline;
    final AuditLog audit;

    Services(Settings settings) throws IOException {
        this.settings = settings;
        this.sources = settings.sourceCatalog();
        this.audit = new AuditLog(settings.data());
        Path folder = settings.data().resolve("index");
        Files.createDirectories(folder);
        this.index = new ItemIndex(folder, settings.index().options(folder)
                .withSources(id -> sources.all().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null)));
        this.fetcher = new Fetcher(settings.crawler().fetcher());
        Crawler opened;
        try {
            opened = new Crawler(fetcher, settings.data(), settings.crawler().options());
        } catch (IOException | RuntimeException e) {
            try (audit; index; fetcher) {
                throw e;
            }
        }
        this.crawler = opened;
        this.classifier = new LexiconClassifier(ChineseSegmenter.shared());
        this.pipeline = new Pipeline(crawler, classifier, index, sources::all);
    }

    @Override
    public void close() throws IOException {
        try (index; fetcher; crawler; audit) {
            // closed in reverse order: the crawl state and archive first, the index last
        }
    }
}
