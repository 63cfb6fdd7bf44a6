package org.mediamonitor.api;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code monitor reindex}: Rebuild the index from the stored items. */
@Command(name = "reindex", mixinStandardHelpOptions = true, description = "Rebuild the index from the stored items.")
final class ReindexCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("monitor: reindex is not available in this version");
        return 2;
    }
}
