package org.mediamonitor.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * How well one list of labels agrees with another: accuracy, macro-F1, Cohen's κ and the confusion
 * matrix, plus how often the confident answers were right (calibration). Labels are strings as in
 * {@link LabelledItem}.
 */
public final class Evaluation {
    private final List<String> gold = new ArrayList<>();
    private final List<String> predicted = new ArrayList<>();
    private final List<Double> confidence = new ArrayList<>();

    /** Records one decision; {@code confidence} may be NaN when there is none. */
    public synchronized void add(String goldLabel, String predictedLabel, double confidence) {
        gold.add(goldLabel);
        predicted.add(predictedLabel);
        this.confidence.add(confidence);
    }

    public synchronized int size() {
        return gold.size();
    }

    /** The labels seen in either list, sorted. */
    public synchronized List<String> labels() {
        TreeSet<String> all = new TreeSet<>(gold);
        all.addAll(predicted);
        return List.copyOf(all);
    }

    public synchronized double accuracy() {
        if (gold.isEmpty()) return Double.NaN;
        int right = 0;
        for (int i = 0; i < gold.size(); i++) if (gold.get(i).equals(predicted.get(i))) right++;
        return (double) right / gold.size();
    }

    /** Mean F1 over the gold labels (a label never in the gold list is not averaged in). */
    public synchronized double macroF1() {
        List<String> classes = List.copyOf(new TreeSet<>(gold));
        if (classes.isEmpty()) return Double.NaN;
        double sum = 0;
        for (String c : classes) sum += f1(c);
        return sum / classes.size();
    }

    public synchronized double f1(String label) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < gold.size(); i++) {
            boolean g = gold.get(i).equals(label), p = predicted.get(i).equals(label);
            if (g && p) tp++;
            else if (p) fp++;
            else if (g) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** Cohen's κ: agreement corrected for the agreement that chance alone would give. */
    public synchronized double kappa() {
        int n = gold.size();
        if (n == 0) return Double.NaN;
        double expected = 0;
        for (String c : labels()) {
            double g = gold.stream().filter(c::equals).count(), p = predicted.stream().filter(c::equals).count();
            expected += (g / n) * (p / n);
        }
        double observed = accuracy();
        return expected >= 1 ? (observed >= 1 ? 1 : 0) : (observed - expected) / (1 - expected);
    }

    /** {@code count[gold][predicted]} over {@link #labels()}. */
    public synchronized int[][] confusion() {
        List<String> labels = labels();
        int[][] m = new int[labels.size()][labels.size()];
        for (int i = 0; i < gold.size(); i++) m[labels.indexOf(gold.get(i))][labels.indexOf(predicted.get(i))]++;
        return m;
    }

    /** Of the decisions at or above {@code threshold}: how many, and the share that was right. */
    public synchronized double[] atOrAbove(double threshold) {
        int n = 0, right = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (confidence.get(i) >= threshold) {
                n++;
                if (gold.get(i).equals(predicted.get(i))) right++;
            }
        }
        return new double[] {n, n == 0 ? Double.NaN : (double) right / n};
    }

    /** A plain-text report: the figures, per-label F1, the confusion matrix and calibration. */
    public synchronized String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "items %d  accuracy %.3f  macro-F1 %.3f  kappa %.3f%n", size(), accuracy(), macroF1(), kappa()));
        List<String> labels = labels();
        for (String l : labels) out.append(String.format(Locale.ROOT, "  F1 %-13s %.3f%n", l, f1(l)));
        out.append("confusion (rows gold, columns predicted):\n");
        out.append(String.format(Locale.ROOT, "  %-13s", ""));
        for (String l : labels) out.append(String.format(Locale.ROOT, "%13s", l));
        out.append('\n');
        int[][] m = confusion();
        for (int i = 0; i < labels.size(); i++) {
            out.append(String.format(Locale.ROOT, "  %-13s", labels.get(i)));
            for (int j = 0; j < labels.size(); j++) out.append(String.format(Locale.ROOT, "%13d", m[i][j]));
            out.append('\n');
        }
        if (confidence.stream().anyMatch(c -> !c.isNaN())) {
            out.append("calibration:");
            for (double t : new double[] {0.5, 0.6, 0.7, 0.8, 0.9}) {
                double[] a = atOrAbove(t);
                out.append(String.format(Locale.ROOT, "  >=%.1f: %d items, %.3f right;", t, (int) a[0], a[1]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
