package org.mediamonitor.api;

import picocli.CommandLine.Command;

/** {@code monitor eval}: scores of the extractor, the segmenter and the classifier on evaluation sets. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score a stage of Media Monitor on an evaluation set.",
        subcommands = {EvalExtractionCommand.class, EvalSegmentationCommand.class, EvalSentimentCommand.class})
final class EvalCommand {
}
