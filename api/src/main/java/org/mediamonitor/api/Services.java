package org.mediamonitor.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.Classifier;
import org.mediamonitor.classifier.LexiconClassifier;
import org.mediamonitor.classifier.TrainedClassifier;
import org.mediamonitor.crawler.Crawler;
import org.mediamonitor.crawler.Fetcher;
import org.mediamonitor.crawler.SourceCatalog;
import org.mediamonitor.index.ItemIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of Media Monitor over one data folder: the index, the fetcher, the crawler (with
 * its state and WARC archive), the classifier, the sources and the pipeline that joins them. Opened by
 * the commands that need them, closed once.
 */
final class Services implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Services.class);
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
        this.classifier = classifier(settings.classifier());
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
        this.pipeline = new Pipeline(crawler, classifier, index, sources::all);
    }

    /** The label model that the settings name, or the built-in lexicon. */
    private static Classifier classifier(Settings.ClassifierSettings settings) throws IOException {
        Path file = settings.modelFile();
        if (file == null) return new LexiconClassifier(ChineseSegmenter.shared());
        try {
            TrainedClassifier model = TrainedClassifier.load(ChineseSegmenter.shared(), file);
            LOG.info("classifier: label model {} ({})", file, model.version());
            return model;
        } catch (IOException | RuntimeException e) {
            throw new IOException("classifier.model: cannot read the label model " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try (index; fetcher; crawler; audit) {
            // closed in reverse order: the crawl state and archive first, the index last
        }
    }
}
