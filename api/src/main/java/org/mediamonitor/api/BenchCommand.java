package org.mediamonitor.api;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code monitor bench}: measures the speed of Media Monitor's stages on generated data, one subcommand a stage. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the speed of Media Monitor's stages on generated data.",
        subcommands = {BenchIndexCommand.class, BenchExtractionCommand.class, BenchSegmentationCommand.class,
                BenchClassificationCommand.class, BenchIndexingCommand.class, BenchSearchCommand.class, BenchApiCommand.class,
                BenchAllCommand.class, BenchSoakCommand.class})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }
}
