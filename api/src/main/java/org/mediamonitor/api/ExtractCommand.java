package org.mediamonitor.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mediamonitor.crawler.Article;
import org.mediamonitor.crawler.Extractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code monitor extract}: the article of one saved HTML page, as JSON. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Print {title, text, published, author, language, siteName, canonicalUrl} for one saved HTML page.")
final class ExtractCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL", description = "Where the page came from (resolves links, dates in the URL).")
    String url;

    @Parameters(paramLabel = "FILE", description = "The saved page; - reads standard input.")
    String file;

    @Override
    public Integer call() throws Exception {
        byte[] html;
        try {
            html = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (java.io.IOException e) {
            System.err.println("monitor: cannot read " + file + ": " + e);
            return 1;
        }
        Article article = new Extractor().extract(html, url, null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", article.title());
        out.put("text", article.text());
        out.put("published", article.published() == null ? null : article.published().toString());
        out.put("author", article.author());
        out.put("language", article.language());
        out.put("siteName", article.siteName());
        out.put("canonicalUrl", article.canonicalUrl());
        System.out.println(Json.MAPPER.writeValueAsString(out));
        return 0;
    }
}
