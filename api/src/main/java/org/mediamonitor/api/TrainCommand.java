package org.mediamonitor.api;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code monitor ... train}: Train the label model from labelled items. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the label model from labelled items.")
final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("monitor: train is not available in this version");
        return 2;
    }
}
