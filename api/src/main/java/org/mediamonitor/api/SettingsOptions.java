package org.mediamonitor.api;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command over a data folder takes: a settings file and the data folder. */
final class SettingsOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Settings that replace the defaults.")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: the configured one, ./data).")
    Path data;

    /** The defaults, the settings file over them, and the data folder given on the command line. */
    Settings load() throws IOException {
        Settings settings = Settings.load(config);
        return data == null ? settings : settings.withData(data);
    }
}
