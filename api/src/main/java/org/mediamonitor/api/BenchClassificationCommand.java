package org.mediamonitor.api;

import edu.stanford.nlp.pipeline.CoreDocument;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.mediamonitor.classifier.ChineseSegmenter;
import org.mediamonitor.classifier.Classifier;
import org.mediamonitor.classifier.LexiconClassifier;
import org.mediamonitor.model.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor bench classification}: the service's classifier over generated news items in English,
 * Traditional and Simplified Chinese, beside tokenising the same items only (CoreNLP's tokenizer and
 * sentence splitter for English, the Chinese segmenter for Chinese): the ratio is the share of the
 * classifier's time that is not spent cutting text into words.
 */
@Command(name = "classification", mixinStandardHelpOptions = true,
        description = "Time the classifier against tokenising the same items only.")
final class BenchClassificationCommand extends BenchAllCommand.Stage {


    @Option(names = "--items", paramLabel = "N", description = "Generated items a round (default: 300, quick: 60).")
    Integer items;

    @Option(names = "--seconds", paramLabel = "S", description = "Time for the timed rounds (default: 15, quick: 3).")
    Double seconds;

    @Override
    List<BenchAllCommand.Figure> measure(boolean quick) throws Exception {
        int n = items != null ? items : quick ? 60 : 300;
        if (n < 1) throw new IllegalArgumentException("--items must be positive");
        BenchIndexCommand.Generator generator = new BenchIndexCommand.Generator(11);
        List<Item> list = new ArrayList<>();
        for (int i = 0; i < n; i++) list.add(generator.item(i).item());
        long chars = list.stream().mapToLong(i -> i.title().length() + i.text().length()).sum();
        ChineseSegmenter segmenter = ChineseSegmenter.shared();
        Classifier classifier = new LexiconClassifier(segmenter);
        // the same tokenizer settings as the classifier's own English analysis
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit");
        props.setProperty("tokenize.language", "en");
        props.setProperty("ssplit.newlineIsSentenceBreak", "always");
        props.setProperty("tokenize.options", "invertible=false,ptb3Escaping=false,splitHyphenated=false");
        StanfordCoreNLP english = new StanfordCoreNLP(props);
        long[] sink = new long[1];
        long[] nanos = BenchAllCommand.race(
                () -> {
                    for (Item i : list) {
                        sink[0] += classifier.classify(new Classifier.Input(i.title(), i.text(), i.language(), null)).evidence().size();
                    }
                },
                () -> {
                    for (Item i : list) {
                        String all = i.title() + "\n" + i.text();
                        if (i.language().startsWith("zh")) {
                            for (String line : all.split("\n")) sink[0] += segmenter.segment(line).size();
                        } else {
                            CoreDocument document = new CoreDocument(all);
                            english.annotate(document);
                            sink[0] += document.tokens().size();
                        }
                    }
                },
                seconds != null ? seconds : quick ? 3 : 15, 3, true);
        String what = String.format(Locale.ROOT, "classification (%d items, %,d chars, en/zh-Hant/zh-Hans)", n, chars);
        return List.of(new BenchAllCommand.Figure(what, BenchAllCommand.perSecond(n, nanos[0]), "items/s",
                "tokenising only", BenchAllCommand.perSecond(n, nanos[1])));
    }
}
