package org.mediamonitor.classifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mediamonitor.model.Classification;
import org.mediamonitor.model.Evidence;
import org.mediamonitor.model.Label;

/**
 * Labels items by the evaluations of the target that their sentences carry, read with a lexicon of
 * political-news language in English and Chinese (both scripts): it finds the mentions of the target,
 * scores the evaluative words of the sentences around them (with negation, degree and contrast), weighs
 * headline and lead more, and compares the positive and negative weight (LABELS.md, "Deciding").
 * Who speaks matters: an evaluation that the target itself gives of someone else ("Taipei condemned
 * Beijing") is not one of the target. Everyday words of tone ("clean", 好吃) count only in the text's
 * overall tone, which {@link TrainedClassifier} reads beside the evaluations of the target.
 */
public final class LexiconClassifier implements Classifier {
    static final String VERSION = "lexicon-0.1";
    /** Weights of a sentence by where it stands. */
    private static final double TITLE = 2.0, LEAD = 1.5, BODY = 1.0;
    /** A sentence without a mention, in a relevant item: it often speaks of the target by other words. */
    private static final double NO_MENTION = 0.5;
    /** Below this much evaluation in all, an item reports rather than evaluates: balanced. */
    private static final double FACTUAL = 1.0;
    /** Share of the evaluation one side needs to decide the label. */
    private static final double DOMINANCE = 0.65;
    /**
     * The lexicon's certainty is a rule of thumb, not a probability: on the development half of
     * mission-taiwan its verdicts were right about half the time at every level. Scaled by this, none of
     * them reaches 0.8, the level at which a verdict is trusted without review; a trained model's
     * probabilities ({@link TrainedClassifier}) may.
     */
    private static final double TRUST = 0.78;
    /** Most that one sentence can weigh, before its place in the item. */
    private static final double SENTENCE_CAP = 3.0;

    private final TextAnalysis analysis;
    private final ChineseSegmenter segmenter;
    private final Lexicon english = Lexicon.load("en");
    private final Lexicon chinese = Lexicon.load("zh");
    private final List<Names> englishNames, chineseNames, englishPassing, chinesePassing;

    /** Terms to find, and whether to look in the normalised (lower-case, Simplified) text or as written. */
    private record Names(Pattern pattern, boolean normalised) {
        static List<Names> of(Names... names) {
            return java.util.Arrays.stream(names).filter(n -> n.pattern != null).toList();
        }

        String in(TextAnalysis.Sentence sentence) {
            return normalised ? sentence.normalised() : sentence.text();
        }
    }

    public LexiconClassifier(ChineseSegmenter segmenter) {
        this.segmenter = segmenter;
        this.analysis = new TextAnalysis(segmenter);
        this.englishNames = Names.of(
                new Names(alternation(lower(english.targetNames.stream().filter(n -> !isAcronym(n)).toList()), true), true),
                new Names(alternation(english.targetNames.stream().filter(LexiconClassifier::isAcronym).toList(), true), false));
        this.chineseNames = Names.of(new Names(alternation(lower(chinese.targetNames), false), true));
        this.englishPassing = Names.of(new Names(alternation(lower(english.passingContexts), true), true));
        this.chinesePassing = Names.of(new Names(alternation(lower(chinese.passingContexts), false), true));
    }

    Lexicon lexicon(boolean isChinese) {
        return isChinese ? chinese : english;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Classification classify(Input input) {
        return assess(input).verdict();
    }

    /** One sentence as the lexicon read it: mentions of the target, its weighed score and the words. */
    record SentenceScore(TextAnalysis.Sentence sentence, int mentions, List<Integer> mentionTokens,
                         double weight, double score, double plainScore, List<String> words) {
    }

    /**
     * Everything the lexicon found in an item: the verdict, and the figures behind it that a trained
     * model reads as features.
     */
    record Assessment(Classification verdict, boolean chinese, boolean targetGiven, List<SentenceScore> sentences,
                      int mentions, int mentionsInTitle, int mentionsInLead, double positive, double negative) {
    }

    Assessment assess(Input input) {
        boolean isChinese = isChinese(input);
        Lexicon lexicon = isChinese ? chinese : english;
        List<TextAnalysis.Sentence> sentences = analysis.sentences(input.title(), input.text(), isChinese);

        List<Names> names;
        List<Names> passing;
        boolean targetGiven = input.target() != null && !input.target().isBlank();
        if (targetGiven) {
            String target = segmenter.toSimplified(input.target().strip()).toLowerCase(Locale.ROOT);
            names = Names.of(new Names(alternation(List.of(target), !isChinese), true));
            passing = List.of();
        } else {
            names = isChinese ? chineseNames : englishNames;
            passing = isChinese ? chinesePassing : englishPassing;
        }

        List<List<Integer>> mentionTokens = new ArrayList<>();
        int total = 0, inTitle = 0, inLead = 0;
        for (TextAnalysis.Sentence s : sentences) {
            List<Integer> found = mentions(s, names, passing);
            mentionTokens.add(found);
            total += found.size();
            if (s.isTitle()) inTitle += found.size();
            else if (s.index() < 3) inLead += found.size();
        }
        boolean relevant = targetGiven ? total > 0 || sentences.size() <= 2
                : inTitle > 0 || (total >= 2 && inLead > 0) || total >= 3;

        List<SentenceScore> scores = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        double positive = 0, negative = 0;
        for (int i = 0; i < sentences.size(); i++) {
            TextAnalysis.Sentence s = sentences.get(i);
            boolean paragraphMentions = false;
            for (int j = 0; j < sentences.size(); j++) {
                if (!mentionTokens.get(j).isEmpty() && sentences.get(j).paragraph() == s.paragraph()) paragraphMentions = true;
            }
            double place = s.isTitle() ? TITLE : s.index() < 2 ? LEAD : BODY;
            int mentioned = mentionTokens.get(i).size();
            double aboutTarget = mentioned > 0 ? 1.0 : paragraphMentions || !targetGiven ? NO_MENTION : 0.0;
            Scored scored = score(s, lexicon, mentionTokens.get(i));
            double value = scored.score * place * aboutTarget;
            scores.add(new SentenceScore(s, mentioned, mentionTokens.get(i), place * aboutTarget, scored.score,
                    scored.plain, scored.words));
            if (aboutTarget == 0) continue;
            if (value > 0) positive += value;
            else negative -= value;
            if (value != 0) {
                evidence.add(new Evidence(s.text().strip(), value > 0 ? "positive" : "negative",
                        Math.round(value * 100) / 100.0, scored.words, s.start()));
            }
        }
        if (!relevant) {
            double confidence = TRUST * (total == 0 ? 0.9 : 0.6);
            Classification verdict = new Classification(false, null, confidence, List.of(), "model:" + VERSION, Instant.now());
            return new Assessment(verdict, isChinese, targetGiven, scores, total, inTitle, inLead, positive, negative);
        }
        evidence.sort(Comparator.comparingDouble((Evidence e) -> -Math.abs(e.score())));
        if (evidence.size() > 5) evidence = new ArrayList<>(evidence.subList(0, 5));

        double all = positive + negative;
        Label label;
        double confidence;
        if (all < FACTUAL) {
            label = Label.BALANCED;
            confidence = 0.55 + 0.3 * (1 - all / FACTUAL);
        } else if (positive / all >= DOMINANCE) {
            label = Label.POSITIVE;
            confidence = decisive(positive / all, all);
        } else if (negative / all >= DOMINANCE) {
            label = Label.NEGATIVE;
            confidence = decisive(negative / all, all);
        } else {
            label = Label.BALANCED;
            confidence = 0.5 + 0.4 * (1 - Math.abs(positive - negative) / all);
        }
        Classification verdict = new Classification(true, label, Math.round(TRUST * confidence * 1000) / 1000.0, evidence,
                "model:" + VERSION, Instant.now());
        return new Assessment(verdict, isChinese, targetGiven, scores, total, inTitle, inLead, positive, negative);
    }

    /** Grows with the winning side's share and with the amount of evaluation, up to 0.97. */
    private static double decisive(double share, double amount) {
        double fromShare = (share - DOMINANCE) / (1 - DOMINANCE);
        double fromAmount = 1 - Math.exp(-amount / 4);
        return Math.min(0.97, 0.5 + 0.25 * fromShare + 0.25 * fromAmount);
    }

    /** A sentence's score toward the target, its score regardless of who is evaluated, and the words. */
    private record Scored(double score, double plain, List<String> words) {
    }

    /** A lexicon entry found at token {@code at}, {@code length} tokens long, with its modified score. */
    private record Found(int at, int length, double value, boolean byTarget, boolean everyday) {
    }

    /** Lexicon category of words that give a text its tone but say nothing of the target ("clean", 好吃). */
    private static final String EVERYDAY = "everyday";

    private Scored score(TextAnalysis.Sentence sentence, Lexicon lexicon, List<Integer> mentionTokens) {
        List<TextAnalysis.Token> tokens = sentence.tokens();
        String joiner = lexicon.language.equals("en") ? " " : "";
        List<Found> found = new ArrayList<>();
        int contrastAt = -1;
        double contrastWeight = 1;
        for (int i = 0; i < tokens.size(); ) {
            String key = tokens.get(i).key();
            if (lexicon.contrasts.containsKey(key) && i > 0) {
                contrastAt = found.size();
                contrastWeight = lexicon.contrasts.get(key);
            }
            int matched = 0;
            Lexicon.Entry entry = null;
            for (int n = Math.min(lexicon.longestPhrase, tokens.size() - i); n >= 1 && entry == null; n--) {
                StringBuilder phrase = new StringBuilder(key);
                for (int k = 1; k < n; k++) phrase.append(joiner).append(tokens.get(i + k).key());
                entry = lexicon.sentiment.get(phrase.toString());
                if (entry != null) matched = n;
            }
            if (entry == null) {
                i++;
                continue;
            }
            found.add(new Found(i, matched, entry.score() * modifier(tokens, i, lexicon),
                    targetSpeaks(tokens, i, matched, mentionTokens, lexicon), entry.category().equals(EVERYDAY)));
            i += matched;
        }
        double sum = 0, plain = 0;
        List<String> words = new ArrayList<>();
        for (int f = 0; f < found.size(); f++) {
            Found word = found.get(f);
            double value = word.value();
            if (lexicon.rejections.contains(tokens.get(word.at()).key()) && refutes(found, f)) {
                continue; // the refutation is scored through the criticism it turns round
            }
            if (value < 0 && rejectedBefore(tokens, word.at(), lexicon)) value = -value * 0.6;
            double weight = contrastAt < 0 ? 1 : f >= contrastAt ? contrastWeight : 1 / contrastWeight;
            plain += value * weight;
            // the target's own verdict on someone else ("Taipei condemned Beijing") is not an evaluation of it
            if (word.byTarget() || word.everyday()) continue;
            sum += value * weight;
            TextAnalysis.Token first = tokens.get(word.at()), last = tokens.get(word.at() + word.length() - 1);
            words.add(sentence.text().substring(first.start() - sentence.start(), last.end() - sentence.start()));
        }
        // one sentence is one evaluation: many words in it add conviction, not a new voice
        return new Scored(SENTENCE_CAP * Math.tanh(sum / SENTENCE_CAP), SENTENCE_CAP * Math.tanh(plain / SENTENCE_CAP), words);
    }

    /**
     * True when the target is who speaks or acts in the clause of the evaluative word at {@code at}:
     * named before it, not after it, not in a passive ("was criticised by", 被), and the word has an
     * object after it ("Taipei condemned Beijing", 台湾谴责北京) rather than ending the clause as a
     * predicate about the target ("Taiwan's democracy is vibrant").
     */
    private static boolean targetSpeaks(List<TextAnalysis.Token> tokens, int at, int length, List<Integer> mentionTokens,
                                        Lexicon lexicon) {
        if (mentionTokens.isEmpty()) return false;
        int clauseStart = at, clauseEnd = at + length;
        while (clauseStart > 0 && !isClauseBreak(tokens.get(clauseStart - 1).key())) clauseStart--;
        while (clauseEnd < tokens.size() && !isClauseBreak(tokens.get(clauseEnd).key())) clauseEnd++;
        boolean before = false;
        for (int m : mentionTokens) {
            if (m >= at + length && m < clauseEnd) return false;
            if (m >= clauseStart && m < at) before = true;
        }
        if (!before || at + length >= clauseEnd) return false;
        for (int k = Math.max(clauseStart, at - 3); k < at; k++) {
            if (PASSIVE.contains(tokens.get(k).key())) return false;
        }
        String next = tokens.get(at + length).key();
        if (PASSIVE.contains(next) || next.equals("的") || next.equals("of") || lexicon.negations.contains(next)) return false;
        String word = tokens.get(at + length - 1).key();
        if (lexicon.language.equals("en")) {
            // verb forms that take an object; adjectives and nouns rarely end so
            return word.endsWith("ed") || (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("ous"))
                    || lexicon.reporting.contains(word);
        }
        return true;
    }

    private static final java.util.Set<String> PASSIVE = java.util.Set.of("by", "被", "遭", "遭到", "受到", "受", "获", "获得", "得到", "was", "were", "been", "being", "is", "are", "be");

    private static boolean isClauseBreak(String token) {
        return token.equals(",") || token.equals(";") || token.equals(":") || token.equals("，") || token.equals("；")
                || token.equals("：") || token.equals("、") || token.equals("and") || token.equals("but") || token.equals("while")
                || token.equals("而") || token.equals("但") || token.equals("但是") || token.equals("并");
    }

    /** True when a rejection word at {@code found[f]} is followed closely by criticism that it refutes. */
    private static boolean refutes(List<Found> found, int f) {
        int at = found.get(f).at();
        for (int next = f + 1; next < found.size() && found.get(next).at() <= at + 4; next++) {
            if (found.get(next).value() < 0) return true;
        }
        return false;
    }

    /** A rejection word within four words before {@code at}, in the same clause. */
    private static boolean rejectedBefore(List<TextAnalysis.Token> tokens, int at, Lexicon lexicon) {
        for (int back = 1; back <= 4 && at - back >= 0; back++) {
            String key = tokens.get(at - back).key();
            if (isPunctuation(key)) return false;
            if (lexicon.rejections.contains(key)) return true;
        }
        return false;
    }

    /** Negation within three words before flips and softens; a degree word just before scales. */
    private static double modifier(List<TextAnalysis.Token> tokens, int at, Lexicon lexicon) {
        double factor = 1;
        for (int back = 1; back <= 3 && at - back >= 0; back++) {
            String key = tokens.get(at - back).key();
            if (isPunctuation(key)) break;
            if (lexicon.negations.contains(key)) {
                factor *= -0.6;
                break;
            }
        }
        if (at > 0) factor *= lexicon.degrees.getOrDefault(tokens.get(at - 1).key(), 1.0);
        return factor;
    }

    private static boolean isPunctuation(String token) {
        return !token.isEmpty() && token.codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /** The tokens (indices in the sentence) where the target is named, passing contexts excluded. */
    private static List<Integer> mentions(TextAnalysis.Sentence sentence, List<Names> names, List<Names> passing) {
        List<int[]> passingSpans = new ArrayList<>();
        for (Names p : passing) {
            Matcher m = p.pattern().matcher(p.in(sentence));
            while (m.find()) passingSpans.add(new int[] {m.start(), m.end()});
        }
        List<Integer> found = new ArrayList<>();
        List<TextAnalysis.Token> tokens = sentence.tokens();
        for (Names p : names) {
            Matcher m = p.pattern().matcher(p.in(sentence));
            outer:
            while (m.find()) {
                for (int[] span : passingSpans) if (m.start() < span[1] && m.end() > span[0]) continue outer;
                int at = sentence.start() + m.start(), token = 0;
                while (token < tokens.size() - 1 && tokens.get(token).end() <= at) token++;
                found.add(token);
            }
        }
        return found;
    }

    private boolean isChinese(Input input) {
        if (input.language() != null && !input.language().isBlank()) {
            return input.language().toLowerCase(Locale.ROOT).startsWith("zh");
        }
        String sample = input.title() + input.text();
        long han = sample.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
        long latin = sample.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN).count();
        return han > 0 && han * 3 >= latin;
    }

    private static boolean isAcronym(String name) {
        return name.length() <= 4 && name.equals(name.toUpperCase(Locale.ROOT));
    }

    private static List<String> lower(List<String> terms) {
        return terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    /** One pattern matching any of {@code terms}, longest first; null when there are none. */
    private static Pattern alternation(List<String> terms, boolean wordBoundaries) {
        if (terms.isEmpty()) return null;
        List<String> sorted = new ArrayList<>(terms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder regex = new StringBuilder();
        for (String term : sorted) {
            if (!regex.isEmpty()) regex.append('|');
            regex.append(Pattern.quote(term));
        }
        return Pattern.compile(wordBoundaries ? "(?<![\\p{L}\\p{N}])(?:" + regex + ")(?![\\p{L}\\p{N}])" : "(?:" + regex + ")");
    }
}
