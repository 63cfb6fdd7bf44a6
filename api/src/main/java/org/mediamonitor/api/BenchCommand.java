package org.mediamonitor.api;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code monitor bench}: Measure the speed of Media Monitor's stages on generated data. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the speed of Media Monitor's stages on generated data.")
final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("monitor: bench is not available in this version");
        return 2;
    }
}
