package org.mediamonitor.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.Classifier;
import org.mediamonitor.classifier.LexiconClassifier;
import org.mediamonitor.crawler.Crawler;
import org.mediamonitor.crawler.Fetcher;
import org.mediamonitor.index.ItemIndex;

/**
 * The running parts of Media Monitor over one data folder: the index, the fetcher, the classifier and
 * the pipeline that joins them. Opened by the commands that need them, closed once.
 */
final class Services implements AutoCloseable {
    final Settings settings;
    final ItemIndex index;
    final Fetcher fetcher;
    final Classifier classifier;
    final Pipeline pipeline;

    Services(Settings settings) throws IOException {
        this.settings = settings;
        Path folder = settings.data().resolve("index");
        Files.createDirectories(folder);
        this.index = new ItemIndex(folder);
        this.fetcher = new Fetcher(settings.crawler().fetcher());
        this.classifier = new LexiconClassifier(ChineseSegmenter.shared());
        this.pipeline = new Pipeline(new Crawler(fetcher), classifier, index);
    }

    @Override
    public void close() throws IOException {
        try (index; fetcher) {
            // both closed, index last-in-first-out
        }
    }
}
