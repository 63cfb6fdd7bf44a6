package org.mediamonitor.api;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mediamonitor.classifier.ChineseSegmenter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monitor segment}: the words of each line of standard input, separated by single spaces. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Read lines on standard input; print each line's words separated by single spaces.")
final class SegmentCommand implements Callable<Integer> {

    @Option(names = "--lang", paramLabel = "LANG", description = "zh (default; Traditional or Simplified) or en.")
    String language = "zh";

    @Override
    public Integer call() throws Exception {
        boolean chinese = language.toLowerCase().startsWith("zh");
        if (!chinese && !language.equalsIgnoreCase("en")) {
            System.err.println("monitor: --lang must be zh or en; got " + language);
            return 2;
        }
        ChineseSegmenter segmenter = chinese ? ChineseSegmenter.shared() : null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            List<String> words = new ArrayList<>();
            if (chinese) {
                segmenter.segment(line).forEach(w -> words.add(w.text()));
            } else {
                PTBTokenizer<CoreLabel> tokens = new PTBTokenizer<>(new StringReader(line), new CoreLabelTokenFactory(),
                        "invertible=true,ptb3Escaping=false");
                tokens.forEachRemaining(t -> words.add(t.originalText()));
            }
            out.println(String.join(" ", words));
            out.flush();
        }
        return 0;
    }
}
