package org.mediamonitor.classifier;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A LIBLINEAR model as the classifier keeps it on disk: gzip text, a first line that names the kind of
 * model, {@code name<TAB>value} fields (always {@code dimension}, the number of features the model was
 * built for), a line {@code end}, then LIBLINEAR's own model format.
 */
final class LinearModelFile {
    /** The fields of the header and the model. */
    record Contents(Map<String, String> fields, Model model) {
    }

    private LinearModelFile() {
    }

    /**
     * @param roundWeights write the weights to five significant digits: a third of the size, the same predictions
     */
    static void write(Path file, String header, Map<String, String> fields, Model model, boolean roundWeights) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            writer.write(header + "\n");
            for (Map.Entry<String, String> f : fields.entrySet()) writer.write(f.getKey() + "\t" + f.getValue() + "\n");
            writer.write("end\n");
            if (!roundWeights) {
                Linear.saveModel(writer, model);
                return;
            }
            StringWriter text = new StringWriter();
            Linear.saveModel(text, model);
            boolean weights = false;
            for (String line : text.toString().split("\n")) {
                if (!weights) {
                    writer.write(line + "\n");
                    weights = line.equals("w");
                    continue;
                }
                StringBuilder row = new StringBuilder();
                for (String value : line.strip().split(" ")) {
                    double v = Double.parseDouble(value);
                    row.append(v == 0 ? "0" : String.format(Locale.ROOT, "%.5g", v)).append(' ');
                }
                writer.write(row.append('\n').toString());
            }
        }
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @param kind      what the model is, for the error messages ("label model")
     * @param dimension the number of features this version reads; a model built for another is refused
     * @throws IOException when the file is not such a model, or was built for another number of features
     */
    static Contents read(InputStream raw, String header, String kind, int dimension) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
        if (!header.equals(reader.readLine())) throw new IOException("not a Media Monitor " + kind);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line; (line = reader.readLine()) != null && !line.equals("end"); ) {
            String[] kv = line.split("\t", 2);
            if (kv.length < 2) throw new IOException("bad model header line: " + line);
            fields.put(kv[0], kv[1]);
        }
        String built = fields.get("dimension");
        if (built != null && Integer.parseInt(built) != dimension) {
            throw new IOException("the model was built for " + built + " features, this version has " + dimension);
        }
        return new Contents(fields, Linear.loadModel(reader));
    }
}
