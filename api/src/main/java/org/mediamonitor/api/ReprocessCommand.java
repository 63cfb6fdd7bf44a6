package org.mediamonitor.api;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code monitor ... reprocess}: Re-extract and reclassify every item from the WARC archive. */
@Command(name = "reprocess", mixinStandardHelpOptions = true, description = "Re-extract and reclassify every item from the WARC archive.")
final class ReprocessCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("monitor: reprocess is not available in this version");
        return 2;
    }
}
