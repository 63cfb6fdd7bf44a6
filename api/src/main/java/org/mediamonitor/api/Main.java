package org.mediamonitor.api;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code monitor} command line: the service and the tools around it. */
@Command(name = "monitor", mixinStandardHelpOptions = true, version = "Media Monitor 0.1.0",
        description = "Watches international news and opinion about Taiwan, labels each item positive, balanced or negative with its evidence, and serves searches, counts and the yearly KPI.",
        subcommands = {ServeCommand.class, CrawlCommand.class, ExportCommand.class, ClassifyCommand.class,
                SegmentCommand.class, ExtractCommand.class, EvalCommand.class, TrainCommand.class,
                ReprocessCommand.class, ReindexCommand.class, BenchCommand.class, TokenCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine line = new CommandLine(new Main());
        line.setExecutionExceptionHandler((error, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("monitor: " + message(error)));
            return 1;
        });
        return line.execute(args);
    }

    private static String message(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message;
    }
}
