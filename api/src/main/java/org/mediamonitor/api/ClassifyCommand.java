package org.mediamonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.Classifier;
import org.mediamonitor.classifier.LexiconClassifier;
import org.mediamonitor.classifier.TrainedClassifier;
import org.mediamonitor.model.Classification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monitor classify}: JSON lines of items in, one verdict per line out, in the same order. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Read JSON lines {id, title?, text, lang?, target?} on standard input and print, for each, "
                + "{id, relevant, label, confidence, evidence:[{text, polarity}], model} in the same order.",
                "needsReview is true when the confidence is below --review-below; the built-in model is used unless --model or --lexicon says otherwise.",
                "A line that cannot be read is answered with {id, error}."})
final class ClassifyCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", description = "A model saved by 'monitor train' instead of the built-in one.")
    java.nio.file.Path model;

    @Option(names = "--lexicon", description = "Use the lexicon alone, without a trained model.")
    boolean lexiconOnly;

    @Option(names = "--review-below", paramLabel = "P", description = "Confidence below which an item needs review (default ${DEFAULT-VALUE}).")
    double reviewBelow = Classifier.REVIEW_BELOW;

    @Override
    public Integer call() throws Exception {
        ChineseSegmenter segmenter = ChineseSegmenter.shared();
        Classifier classifier = lexiconOnly ? new LexiconClassifier(segmenter)
                : model != null ? TrainedClassifier.load(segmenter, model) : TrainedClassifier.shipped(segmenter);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        int failures = 0;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) continue;
            Map<String, Object> answer = new LinkedHashMap<>();
            JsonNode row = null;
            try {
                row = Json.MAPPER.readTree(line);
                if (row == null || !row.isObject()) throw new IllegalArgumentException("not a JSON object");
                answer.put("id", row.get("id"));
                JsonNode text = row.get("text");
                if (text == null || !text.isTextual()) throw new IllegalArgumentException("no text");
                Classification c = classifier.classify(new Classifier.Input(textOf(row, "title"), text.asText(),
                        textOf(row, "lang"), textOf(row, "target")));
                answer.put("relevant", c.relevant());
                answer.put("label", c.label());
                answer.put("confidence", c.confidence());
                answer.put("needsReview", Classifier.needsReview(c, reviewBelow));
                answer.put("evidence", c.evidence().stream().map(e -> Map.of("text", e.text(), "polarity", e.polarity(),
                        "score", e.score(), "words", e.words())).toList());
                answer.put("model", classifier.version());
            } catch (Exception e) {
                failures++;
                answer.clear();
                answer.put("id", row != null && row.isObject() ? row.get("id") : null);
                answer.put("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
            }
            out.println(Json.MAPPER.writeValueAsString(answer));
            out.flush();
        }
        if (failures > 0) System.err.println("monitor: " + failures + " input lines could not be classified; see their error fields");
        return 0;
    }

    private static String textOf(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

}
