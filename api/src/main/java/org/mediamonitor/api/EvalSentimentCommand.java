package org.mediamonitor.api;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code monitor ... sentiment}: Train a throwaway model on one labelled set and score it on another. */
@Command(name = "sentiment", mixinStandardHelpOptions = true, description = "Train a throwaway model on one labelled set and score it on another.")
final class EvalSentimentCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("monitor: sentiment is not available in this version");
        return 2;
    }
}
