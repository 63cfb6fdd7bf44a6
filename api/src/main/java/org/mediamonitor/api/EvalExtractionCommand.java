package org.mediamonitor.api;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code monitor ... extraction}: Score the extractor on a folder laid out like article-extraction-zyte. */
@Command(name = "extraction", mixinStandardHelpOptions = true, description = "Score the extractor on a folder laid out like article-extraction-zyte.")
final class EvalExtractionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("monitor: extraction is not available in this version");
        return 2;
    }
}
