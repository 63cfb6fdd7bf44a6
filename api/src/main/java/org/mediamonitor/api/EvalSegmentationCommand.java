package org.mediamonitor.api;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code monitor ... segmentation}: Score the Chinese segmenter on a SIGHAN 2005 file. */
@Command(name = "segmentation", mixinStandardHelpOptions = true, description = "Score the Chinese segmenter on a SIGHAN 2005 file.")
final class EvalSegmentationCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("monitor: segmentation is not available in this version");
        return 2;
    }
}
