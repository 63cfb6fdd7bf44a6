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
 * Beijing") is not one of the target, but it is the target's answer, which can balance the criticism it
 * answers. Who is evaluated matters too: each evaluative word is about the actor named nearest to it in its
 * clause (its object, or else who precedes it), so that criticism of Beijing in a sentence about Taiwan does
 * not count against Taiwan; threats and drills reported against the target weigh little (a report of them
 * is not the item's verdict on the target), and condemning them counts as defending it. A side decides the
 * label only with enough evidence and a clear margin. Everyday words of tone ("clean", 好吃) count only in
 * the text's overall tone, which {@link TrainedClassifier} reads beside the evaluations of the target.
 * For a target given with the item (one named entity, as in NewsMTSC) English sentences are scored by the
 * {@link TargetPolarity} model, which has the lexicon's reading among its features.
 */
public final class LexiconClassifier implements Classifier {
    static final String VERSION = "lexicon-0.3";
    /** Weights of a sentence by where it stands. */
    private static final double TITLE = 2.0, LEAD = 1.5, BODY = 1.0;
    /** A sentence without a mention, in a relevant item: it often speaks of the target by other words. */
    private static final double NO_MENTION = 0.5;
    /**
     * Least weight of evaluation that one side needs before it can decide the label: about two plain
     * evaluations of the target, or one in the headline. Less than that, the item reports rather than
     * evaluates: balanced.
     */
    private static final double EVIDENCE = 2.0;
    /** Items of fewer sentences (title included) than this need proportionally less evidence. */
    private static final double SHORT = 4.0;
    /** Share of the evaluation one side needs to decide the label: a clear margin, not a majority. */
    private static final double DOMINANCE = 0.75;
    /** Most that one sentence can weigh, before its place in the item. */
    static final double SENTENCE_CAP = 3.0;

    private final TextAnalysis analysis;
    private final ChineseSegmenter segmenter;
    private final Lexicon english = Lexicon.load("en");
    private final Lexicon chinese = Lexicon.load("zh");
    private final List<Names> englishNames, chineseNames, englishPassing, chinesePassing, englishActors, chineseActors,
            englishReferences, chineseReferences, englishTopics, chineseTopics, englishPolity, chinesePolity;

    /** Terms to find, and whether to look in the normalised (lower-case, Simplified) text or as written. */
    private record Names(Pattern pattern, boolean normalised) {
        static List<Names> of(Names... names) {
            return java.util.Arrays.stream(names).filter(n -> n.pattern != null).toList();
        }

        String in(TextAnalysis.Sentence sentence) {
            return normalised ? sentence.normalised() : sentence.text();
        }
    }

    /** English sentences that name a target given with the item are scored by this model, when there is one. */
    private final TargetPolarity polarity;

    /** The lexicon with the built-in {@link TargetPolarity} model for English sentences, if the product carries one. */
    public LexiconClassifier(ChineseSegmenter segmenter) {
        this(segmenter, TargetPolarity.shipped());
    }

    /**
     * The lexicon with this model of a sentence's polarity toward the target in English.
     *
     * @param polarity the model, or null for the lexicon alone
     */
    public LexiconClassifier(ChineseSegmenter segmenter, TargetPolarity polarity) {
        this.polarity = polarity;
        this.segmenter = segmenter;
        this.analysis = new TextAnalysis(segmenter);
        this.englishNames = Names.of(
                new Names(alternation(lower(english.targetNames.stream().filter(n -> !isAcronym(n)).toList()), true), true),
                new Names(alternation(english.targetNames.stream().filter(LexiconClassifier::isAcronym).toList(), true), false));
        this.chineseNames = Names.of(new Names(alternation(lower(chinese.targetNames), false), true));
        this.englishPassing = Names.of(new Names(alternation(lower(english.passingContexts), true), true));
        this.chinesePassing = Names.of(new Names(alternation(lower(chinese.passingContexts), false), true));
        this.englishActors = Names.of(
                new Names(alternation(lower(english.actorNames.stream().filter(n -> !isAcronym(n)).toList()), true), true),
                new Names(alternation(english.actorNames.stream().filter(LexiconClassifier::isAcronym).toList(), true), false));
        this.chineseActors = Names.of(new Names(alternation(lower(chinese.actorNames), false), true));
        this.englishReferences = Names.of(new Names(alternation(lower(english.referenceNames), true), true));
        this.chineseReferences = Names.of(new Names(alternation(lower(chinese.referenceNames), false), true));
        this.englishTopics = Names.of(new Names(alternation(lower(english.topicTerms), true), true));
        this.chineseTopics = Names.of(new Names(alternation(lower(chinese.topicTerms), false), true));
        this.englishPolity = Names.of(new Names(alternation(lower(english.polityTerms), true), true));
        this.chinesePolity = Names.of(new Names(alternation(lower(chinese.polityTerms), false), true));
    }

    Lexicon lexicon(boolean isChinese) {
        return isChinese ? chinese : english;
    }

    @Override
    public String version() {
        return polarity == null ? VERSION : VERSION + "+" + polarity.version();
    }

    @Override
    public Classification classify(Input input) {
        return assess(input, false).verdict();
    }

    /**
     * The text's overall tone by the lexicon, whatever it is about: the sum of its sentences' scores
     * before any weighing toward the target (above zero favourable, below unfavourable). It is what the
     * lexicon can say of a text that does not evaluate the target, such as a product review.
     */
    public double tone(Input input) {
        return assess(input, false).sentences().stream().mapToDouble(SentenceScore::plainScore).sum();
    }

    /**
     * One sentence as the lexicon read it: mentions of the target, its weighed score and the words, and for
     * English the {@link TargetPolarity} model's probabilities (negative, neutral, positive), or null.
     */
    record SentenceScore(TextAnalysis.Sentence sentence, int mentions, List<Integer> mentionTokens,
                         double weight, double score, double plainScore, List<String> words, double[] polarity) {
    }

    /**
     * Everything the lexicon found in an item: the verdict, and the figures behind it that a trained
     * model reads as features.
     */
    record Assessment(Classification verdict, boolean chinese, boolean targetGiven, List<SentenceScore> sentences,
                      int mentions, int mentionsInTitle, int mentionsInLead, double positive, double negative,
                      double answer) {
    }

    /** An item cut into sentences, with where each sentence names the target, refers to it and names others. */
    private record Reading(boolean chinese, boolean targetGiven, List<TextAnalysis.Sentence> sentences, List<Names> names,
                           List<Names> references, List<List<Integer>> mentionTokens, List<List<Integer>> actorTokens,
                           List<List<Integer>> referenceTokens, int total, int inTitle, int inLead, int topics,
                           int topicsInTitle, int topicsInLead, int polity) {
        /** The tokens that point at the target in sentence {@code i}: its names and, in an item about it, references. */
        List<Integer> pointers(int i) {
            if (referenceTokens.get(i).isEmpty()) return mentionTokens.get(i);
            List<Integer> pointers = new ArrayList<>(mentionTokens.get(i));
            pointers.addAll(referenceTokens.get(i));
            return pointers;
        }
    }

    private Reading read(Input input) {
        boolean isChinese = isChinese(input);
        List<TextAnalysis.Sentence> sentences = withoutFurniture(analysis.sentences(input.title(), input.text(), isChinese),
                isChinese ? chinese : english);

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

        List<Names> actors = isChinese ? chineseActors : englishActors;
        List<List<Integer>> mentionTokens = new ArrayList<>();
        List<List<Integer>> actorTokens = new ArrayList<>();
        List<List<Integer>> referenceTokens = new ArrayList<>();
        List<Names> references = targetGiven ? List.of() : isChinese ? chineseReferences : englishReferences;
        int total = 0, inTitle = 0, inLead = 0, topics = 0, topicsInTitle = 0, topicsInLead = 0;
        List<Names> topicTerms = targetGiven ? List.of() : isChinese ? chineseTopics : englishTopics;
        List<Names> polityTerms = targetGiven ? List.of() : isChinese ? chinesePolity : englishPolity;
        java.util.Set<String> places = (isChinese ? chinese : english).placeNames;
        // words of the state, politics or society, and names of the target that are more than the place
        int polity = 0;
        for (TextAnalysis.Sentence s : sentences) {
            int topical = spans(s, topicTerms).size();
            topics += topical;
            if (s.isTitle()) topicsInTitle += topical;
            else if (s.index() < 3) topicsInLead += topical;
            // each kind of name is looked for once a sentence
            List<int[]> passingSpans = spans(s, passing), nameSpans = spans(s, names), actorSpans = spans(s, actors);
            List<int[]> notActors = new ArrayList<>(passingSpans);
            notActors.addAll(nameSpans);
            // where an actor's name and the configured target's overlap, the longer wins: "Republic of China (Taiwan)"
            // is the target, "People's Republic of China" is not; of two as long, the target's. A target given with the
            // item is the one named entity to read for, and wins every overlap ("Xi" in "Xi Jinping").
            List<Integer> found = targetGiven ? mentions(s, nameSpans, passingSpans, List.of(), false)
                    : mentions(s, nameSpans, passingSpans, actorSpans, true);
            mentionTokens.add(found);
            actorTokens.add(targetGiven ? mentions(s, actorSpans, notActors, List.of(), false)
                    : mentions(s, actorSpans, passingSpans, nameSpans, false));
            List<int[]> notReferences = new ArrayList<>(notActors);
            notReferences.addAll(actorSpans);
            referenceTokens.add(mentions(s, spans(s, references), notReferences, List.of(), false));
            polity += spans(s, polityTerms).size();
            if (!targetGiven) {
                for (int[] span : nameSpans) {
                    String name = s.normalised().substring(span[0], span[1]);
                    if (!places.contains(name) && found.contains(tokenAt(s, span[0]))) polity++;
                }
            }
            total += found.size();
            if (s.isTitle()) inTitle += found.size();
            else if (s.index() < 3) inLead += found.size();
        }
        return new Reading(isChinese, targetGiven, sentences, names, references, mentionTokens, actorTokens, referenceTokens,
                total, inTitle, inLead, topics, topicsInTitle, topicsInLead, polity);
    }

    /**
     * The lexicon's reading of an item and its verdict; with {@code tone}, also the English sentence model's
     * reading of every English sentence (which only a trained label model reads).
     */
    Assessment assess(Input input, boolean tone) {
        Reading r = read(input);
        boolean isChinese = r.chinese(), targetGiven = r.targetGiven();
        Lexicon lexicon = isChinese ? chinese : english;
        List<TextAnalysis.Sentence> sentences = r.sentences();
        List<Names> names = r.names();
        List<List<Integer>> mentionTokens = r.mentionTokens(), actorTokens = r.actorTokens();
        int total = r.total(), inTitle = r.inTitle(), inLead = r.inLead();
        // the terms of cross-strait politics (台独, cross-strait) speak of the target as its names do
        int told = total + r.topics(), toldInTitle = inTitle + r.topicsInTitle(), toldInLead = inLead + r.topicsInLead();
        boolean ownColumn = !targetGiven && ownColumn(sentences, mentionTokens);
        // an item of a headline and one or two sentences (a brief, a teaser) is about what its lead names
        boolean brief = !sentences.isEmpty() && sentences.size() <= 3 && sentences.getFirst().isTitle();
        boolean named = targetGiven ? total > 0 || sentences.size() <= 2
                : toldInTitle > 0 || (told >= 2 && toldInLead > 0) || told >= 3 || (brief && toldInLead > 0);
        // whether someone praises, backs, criticises or threatens the target, or the target does so itself
        boolean judged = false;

        List<SentenceScore> scores = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        double positive = 0, negative = 0, answer = 0;
        // for a named target, the model's probabilities of each class summed over the sentences it read
        double[] modelled = new double[3];
        int modelledSentences = 0;
        for (int i = 0; i < sentences.size(); i++) {
            TextAnalysis.Sentence s = sentences.get(i);
            boolean paragraphMentions = false;
            for (int j = 0; j < sentences.size(); j++) {
                if (!mentionTokens.get(j).isEmpty() && sentences.get(j).paragraph() == s.paragraph()) paragraphMentions = true;
            }
            double place = s.isTitle() ? TITLE : s.index() < 2 ? LEAD : BODY;
            int mentioned = mentionTokens.get(i).size();
            double aboutTarget = mentioned > 0 ? 1.0 : paragraphMentions || !targetGiven ? NO_MENTION : 0.0;
            List<Integer> pointers = r.pointers(i);
            Scored scored = score(s, lexicon, pointers, actorTokens.get(i), names);
            if (!judged) judged = scored.found().stream().anyMatch(LexiconClassifier::judges);
            if (targetGiven && !isChinese && polarity != null && !pointers.isEmpty()) {
                scored = polarity.rescore(s, targetTokens(r, i), actorTokens.get(i), scored);
                for (int k = 0; k < 3; k++) modelled[k] += scored.polarity()[k];
                modelledSentences++;
            }
            double value = scored.score * place * aboutTarget;
            if (value > 0 && ownColumn) value *= SELF_PRAISE; // the target's own column praises its own work
            double[] sentenceTone = scored.polarity();
            if (sentenceTone == null && tone && !isChinese && polarity != null) {
                // the model's reading of the sentence, which only a trained label model reads
                java.util.BitSet target = pointers.isEmpty() ? new java.util.BitSet() : targetTokens(r, i);
                sentenceTone = polarity.probabilities(new TargetPolarity.Example(s, target, actorTokens.get(i), scored));
            }
            scores.add(new SentenceScore(s, mentioned, mentionTokens.get(i), place * aboutTarget, scored.score,
                    scored.plain, scored.words, sentenceTone));
            if (aboutTarget == 0) continue;
            answer += scored.answer * place;
            if (value > 0) positive += value;
            else negative -= value;
            if (value != 0) {
                evidence.add(new Evidence(s.text().strip(), value > 0 ? "positive" : "negative",
                        Math.round(value * 100) / 100.0, scored.words, s.start()));
            }
        }
        // an item that names only the place, and whose words neither judge the target nor speak of a state, politics or
        // society, is about a market, a company or an event that happens there ("Taiwan's maize imports seen rising")
        boolean relevant = named && (targetGiven || judged || r.polity() > 0 || r.topics() > 0);
        if (!relevant) {
            double confidence = total == 0 ? 0.9 : 0.6;
            Classification verdict = new Classification(false, null, confidence, List.of(), "model:" + version(), Instant.now());
            return new Assessment(verdict, isChinese, targetGiven, scores, total, inTitle, inLead, positive, negative, answer);
        }
        evidence.sort(Comparator.comparingDouble((Evidence e) -> -Math.abs(e.score())));
        if (evidence.size() > 5) evidence = new ArrayList<>(evidence.subList(0, 5));

        // the target's reply weighs against the criticism it answers, never beyond it
        double favourable = positive + Math.min(answer, negative);
        double all = favourable + negative;
        // a short item has room for one evaluation only; it needs less to be decided by it
        double needed = Math.min(EVIDENCE, EVIDENCE * sentences.size() / SHORT);
        Label label;
        double confidence;
        if (favourable >= needed && favourable / all >= DOMINANCE) {
            label = Label.POSITIVE;
            confidence = decisive(favourable / all, favourable - needed);
        } else if (negative >= needed && negative / all >= DOMINANCE) {
            label = Label.NEGATIVE;
            confidence = decisive(negative / all, negative - needed);
        } else if (Math.max(favourable, negative) < needed) {
            label = Label.BALANCED;
            confidence = 0.55 + 0.3 * (1 - Math.max(favourable, negative) / needed);
        } else {
            label = Label.BALANCED;
            confidence = 0.5 + 0.4 * (1 - Math.abs(favourable - negative) / all);
        }
        if (modelledSentences > 0) {
            // the model's probability of the label is a measured one (docs/CLASSIFIER.md, calibration), the rules' is not
            int k = label == Label.NEGATIVE ? TargetPolarity.NEGATIVE : label == Label.POSITIVE ? TargetPolarity.POSITIVE : TargetPolarity.NEUTRAL;
            confidence = modelled[k] / modelledSentences;
        }
        Classification verdict = new Classification(true, label, Math.round(confidence * 1000) / 1000.0, evidence,
                "model:" + version(), Instant.now());
        return new Assessment(verdict, isChinese, targetGiven, scores, total, inTitle, inLead, positive, negative, answer);
    }

    /**
     * The sentences without the page's furniture: a paragraph that opens with a marker of it ("Read more:", 延伸阅读,
     * 免责声明, 广而告之) links, advertises or disclaims; it is not the item's text.
     */
    private static List<TextAnalysis.Sentence> withoutFurniture(List<TextAnalysis.Sentence> sentences, Lexicon lexicon) {
        if (lexicon.furniture.isEmpty()) return sentences;
        java.util.Set<Integer> furniture = new java.util.HashSet<>();
        int paragraph = -1;
        for (TextAnalysis.Sentence s : sentences) {
            if (s.isTitle() || s.paragraph() == paragraph) continue;
            paragraph = s.paragraph(); // the first sentence of its paragraph
            String opening = s.normalised().replaceFirst("^[\\s\\p{Pd}*•·>]+", "");
            if (lexicon.furniture.stream().anyMatch(opening::startsWith)) furniture.add(paragraph);
        }
        if (furniture.isEmpty()) return sentences;
        return sentences.stream().filter(s -> s.isTitle() || !furniture.contains(s.paragraph())).toList();
    }

    /**
     * True when the item is the target's own column: its title names the target as the column's author (唐凤专栏,
     * 蔡英文投书, "Tsai Ing-wen op-ed"). What it says of the target's work is the target's position, as its
     * reported words are.
     */
    private static boolean ownColumn(List<TextAnalysis.Sentence> sentences, List<List<Integer>> mentionTokens) {
        if (sentences.isEmpty() || !sentences.getFirst().isTitle()) return false;
        List<TextAnalysis.Token> tokens = sentences.getFirst().tokens();
        for (int m : mentionTokens.getFirst()) {
            for (int k = m + 1; k < Math.min(tokens.size(), m + 5); k++) {
                if (COLUMN.contains(tokens.get(k).key())) return true;
            }
        }
        return false;
    }

    /** Words that, after an author's name in a title, say that the item is that author's column. */
    private static final java.util.Set<String> COLUMN = java.util.Set.of("专栏", "投书", "专文", "op-ed");

    /** The tokens of sentence {@code i} inside a name of the target or a reference to it. */
    private static java.util.BitSet targetTokens(Reading r, int i) {
        TextAnalysis.Sentence s = r.sentences().get(i);
        java.util.BitSet target = covered(s, r.names());
        target.or(covered(s, r.references()));
        r.pointers(i).forEach(target::set);
        return target;
    }

    /**
     * What {@link TargetPolarity} reads, for each English sentence of the item that names the target: the
     * examples it learns from when the item carries the label of that target.
     */
    List<TargetPolarity.Example> polarityExamples(Input input) {
        Reading r = read(input);
        if (r.chinese()) return List.of();
        List<TargetPolarity.Example> out = new ArrayList<>();
        for (int i = 0; i < r.sentences().size(); i++) {
            List<Integer> pointers = r.pointers(i);
            if (pointers.isEmpty()) continue;
            TextAnalysis.Sentence s = r.sentences().get(i);
            Scored scored = score(s, english, pointers, r.actorTokens().get(i), r.names());
            out.add(new TargetPolarity.Example(s, targetTokens(r, i), r.actorTokens().get(i), scored));
        }
        return out;
    }

    /**
     * Grows with the winning side's share and with the evidence beyond what was needed, up to 0.97. A rule, but one
     * that is measured as a probability: on the development half of mission-taiwan, of the verdicts at 0.8 or more
     * 90 % were right, of those at 0.9 or more 95 % (docs/CLASSIFIER.md, calibration).
     */
    private static double decisive(double share, double amount) {
        double fromShare = (share - DOMINANCE) / (1 - DOMINANCE);
        double fromAmount = 1 - Math.exp(-amount / 4);
        return Math.min(0.97, 0.5 + 0.25 * fromShare + 0.25 * fromAmount);
    }

    /** A sentence's score toward the target, its score regardless of who is evaluated, and the words. */
    record Scored(double score, double plain, List<String> words, double answer, List<Found> found, int contrastToken,
                  double[] polarity) {
        /** The same reading with the score and words that a {@link TargetPolarity} model gave, and its probabilities. */
        Scored revised(double newScore, List<String> newWords, double[] probabilities) {
            return new Scored(newScore, plain, newWords, answer, found, contrastToken, probabilities);
        }
    }

    /** A lexicon entry found at token {@code at}, {@code length} tokens long, with its modified score. */
    record Found(int at, int length, double value, boolean byTarget, boolean everyday, boolean threat,
                 boolean opposes, About about, String category, boolean negated) {
    }

    /** Whom an evaluative word is about: the target, another named actor, or no one named in its clause. */
    enum About { TARGET, OTHER, UNNAMED }

    /** Lexicon category of acts against someone (threats, coercion, invasion): reported, they describe the actor. */
    private static final String THREAT = "threat";
    /** Lexicon category of words that deny the target's legitimacy (台独分裂势力, "renegade province", 祖国统一). */
    private static final String LEGITIMACY_DENIAL = "legitimacy_denial";
    /** How close a threat must follow a condemnation to be what it condemns ("condemned the threats"). */
    private static final int CONDEMNED_REACH = 12;
    /**
     * Weight of a threat against the target: a factual report of another's drills or warnings is not the
     * item's evaluation of the target (LABELS.md), though a threat repeated with no answer leans negative.
     */
    private static final double THREAT_WEIGHT = 0.35;
    /** Weight of an evaluative word in a sentence that names the target, when its own clause names no one. */
    private static final double UNNAMED = 0.6;
    /**
     * Weight of the target's own words about others ("Taipei rejected Beijing's claims", 台湾谴责北京):
     * its answer is its side of the story, which turns a one-sided report into a balanced one.
     */
    private static final double ANSWER = 0.4;
    /**
     * Weight of praise in the target's own reported words ("Taiwan's president said its democracy is thriving"):
     * what a government says of itself is its position, not an evaluation that the item gives it.
     */
    private static final double SELF_PRAISE = 0.3;
    /** How far after an evaluative word its object may be named ("support for Taiwan", 打压台湾). */
    private static final int OBJECT_REACH = 4;

    /** Lexicon category of words that give a text its tone but say nothing of the target ("clean", 好吃). */
    private static final String EVERYDAY = "everyday";
    /**
     * Lexicon category of failures: a state of whoever has it, never the target's judgement of someone else ("Taiwan's
     * military has struggled to meet its targets", 蔡英文的评分下跌). A success the target names stays its own claim
     * ("trumpeted her achievements").
     */
    private static final String FAILURE = "failure";

    private Scored score(TextAnalysis.Sentence sentence, Lexicon lexicon, List<Integer> mentionTokens,
                         List<Integer> actorTokens, List<Names> names) {
        List<TextAnalysis.Token> tokens = sentence.tokens();
        // words inside a name ("Democratic Progressive Party", 共产党) name someone, they evaluate no one
        java.util.BitSet inNames = covered(sentence, names);
        inNames.or(covered(sentence, lexicon.language.equals("en") ? englishActors : chineseActors));
        String joiner = lexicon.language.equals("en") ? " " : "";
        List<Found> found = new ArrayList<>();
        int contrastAt = -1, contrastToken = -1;
        double contrastWeight = 1;
        // a sentence that opens with a concession ("Although some praised ..., the government botched ...", 虽然……，……)
        // concedes its first clause: what follows the clause's end weighs as it would after "but"
        int concession = conceded(tokens, lexicon), concededTo = concession;
        for (int i = 0; i < tokens.size(); ) {
            String key = tokens.get(i).key();
            if (concededTo > 0 && i >= concededTo) {
                contrastAt = found.size();
                contrastWeight = 1 / lexicon.contrasts.get(tokens.getFirst().key());
                concededTo = -1;
            }
            String contrast = listedEndingAt(tokens, i, 0, lexicon.contrasts::containsKey, lexicon);
            if (contrast != null && i > 0) {
                contrastAt = found.size();
                contrastToken = i;
                contrastWeight = lexicon.contrasts.get(contrast);
            }
            int matched = 0;
            String term = null;
            Lexicon.Entry entry = null;
            for (int n = Math.min(lexicon.longestPhrase, tokens.size() - i); n >= 1 && entry == null; n--) {
                StringBuilder phrase = new StringBuilder(key);
                for (int k = 1; k < n; k++) phrase.append(joiner).append(tokens.get(i + k).key());
                term = phrase.toString();
                entry = lexicon.sentiment.get(term);
                if (entry != null) matched = n;
            }
            if (entry == null) {
                i++;
                continue;
            }
            // a listed phrase that holds a wrongdoing is one too (破坏两岸关系, 一再挑衅)
            boolean wrongdoing = lexicon.misconduct.contains(term);
            for (int k = i; k < i + matched && matched > 1 && !wrongdoing; k++) {
                wrongdoing = lexicon.misconduct.contains(tokens.get(k).key());
            }
            if (inNames.get(i)) {
                i += matched;
                continue;
            }
            // a negation is spent on the first evaluative word after it (绝不容忍台独 does not praise 台独)
            int since = found.isEmpty() ? 0 : found.getLast().at() + found.getLast().length();
            double modifier = modifier(tokens, i, since, found.isEmpty() ? Integer.MAX_VALUE : found.getLast().at(), lexicon);
            // a rhetorical question asserts the opposite of what it asks; what it calls a claim (所谓的) stays one
            if (!DISTANCING.contains(term) && rhetorical(tokens, i, lexicon)) modifier *= -0.6;
            // so is a wish: 早点说就好了 ("it would have been good to say so earlier") says that it was not
            if (entry.score() > 0 && wished(tokens, i, matched)) modifier *= -0.6;
            // what is or is not deserved (值得尊重, 不值得推荐) carries the verdict, and the verb of worth before it
            // only its sign: "not worth recommending" is no recommendation, not a complaint and a recommendation
            if (!found.isEmpty() && found.getLast().at() + found.getLast().length() == i
                    && WORTH.contains(joined(tokens, found.getLast(), joiner))) {
                Found worth = found.removeLast();
                if (worth.value() < 0) modifier = -modifier;
            }
            if (entry.score() > 0) {
                // favour that someone loses or takes away ("lost the trust of voters"): against the loser; when
                // another is named as the one who takes it ("Beijing damaged Taiwan's reputation"), for no one
                int loss = lossBefore(tokens, i, lexicon);
                if (loss >= 0) modifier *= doer(tokens, loss, 1, mentionTokens, actorTokens) == About.OTHER ? 0 : -0.6;
            }
            // a wrongdoing judges who does it ("Taipei smeared ..." is no verdict of Taipei's, it is one on Taipei), and a
            // failure is the state of whoever has it
            About about = wrongdoing ? doer(tokens, i, matched, mentionTokens, actorTokens, speechFrom(tokens, i, lexicon))
                    : evaluated(tokens, i, matched, mentionTokens, actorTokens,
                            entry.category().equals(LEGITIMACY_DENIAL) ? null : lexicon);
            found.add(new Found(i, matched, entry.score() * modifier,
                    !wrongdoing && !entry.category().equals(FAILURE)
                            && targetSpeaks(tokens, i, matched, mentionTokens, actorTokens, lexicon),
                    entry.category().equals(EVERYDAY),
                    entry.category().equals(THREAT), lexicon.oppositions.contains(tokens.get(i + matched - 1).key()),
                    about, entry.category(), modifier < 0));
            i += matched;
        }
        double sum = 0, plain = 0, answer = 0;
        List<String> words = new ArrayList<>();
        int voiceFrom = targetVoice(tokens, mentionTokens, actorTokens, lexicon);
        int voiceTo = voiceFrom < 0 ? -1 : quoteEnd(tokens, voiceFrom);
        // what the target claims within a concession ends with it: 虽然台湾当局宣称取得进展，但其施政无能
        if (voiceFrom >= 0 && voiceFrom < concession) voiceTo = Math.min(voiceTo, concession);
        // condemning threats, coercion or force ("oppose any attempt to change the status quo by force",
        // 谴责对台胁迫) defends their object: the condemnation counts for it, the threats it names not against it
        boolean[] defends = new boolean[found.size()], condemned = new boolean[found.size()];
        for (int f = 0; f < found.size(); f++) {
            if (!found.get(f).opposes() || found.get(f).value() >= 0 || condemned[f]) continue;
            if (f + 1 < found.size() && chargedAs(tokens, found.get(f), found.get(f + 1), mentionTokens)) continue;
            // what is condemned runs on through the negative words that describe it ("unilateral attempts ... by force")
            int reach = found.get(f).at() + found.get(f).length() + CONDEMNED_REACH, last = f;
            boolean threat = false;
            for (int g = f + 1; g < found.size() && found.get(g).at() <= reach && found.get(g).value() < 0
                    && !found.get(g).opposes(); g++) {
                if (breakBetween(tokens, found.get(last), found.get(g))) break; // what is condemned ends with its clause
                threat |= found.get(g).threat();
                last = g;
                reach = found.get(g).at() + found.get(g).length() + CONDEMNED_REACH;
            }
            if (!threat) continue;
            defends[f] = true;
            for (int g = f + 1; g <= last; g++) condemned[g] = true;
        }
        boolean[] opposed = opposedSupport(tokens, found, defends, condemned, lexicon);
        double[] charged = chargeReported(tokens, found, mentionTokens);
        boolean[] endorsed = endorsedDenial(tokens, found, mentionTokens, opposed);
        // what the target condemns is described in its words ("Taipei condemned the illegal seizure"): its answer
        boolean[] targetsWords = new boolean[found.size()];
        for (int f = 0; f < found.size(); f++) {
            if (!found.get(f).opposes() || !found.get(f).byTarget()) continue;
            for (int g = f + 1; g < found.size() && !breakBetween(tokens, found.get(f), found.get(g)); g++) {
                if (found.get(g).value() < 0) targetsWords[g] = true;
            }
        }
        for (int f = 0; f < found.size(); f++) {
            Found word = found.get(f);
            double value = word.value();
            if (value == 0 || condemned[f]) continue; // a phrase listed to say that its words evaluate no one ("mock attacks")
            if (lexicon.rejections.contains(tokens.get(word.at()).key()) && refutes(found, f)) {
                continue; // the refutation is scored through the criticism it turns round
            }
            value -= charged[f];
            if (value == 0) continue;
            boolean refuted = value < 0 && rejectedBefore(tokens, word.at(), lexicon);
            if (refuted) value = -value * 0.6;
            double weight = contrastAt < 0 ? 1 : f >= contrastAt ? contrastWeight : 1 / contrastWeight;
            plain += value * weight;
            if (word.everyday()) continue;
            if (asked(tokens, word.at())) continue; // "asked whether he would defend Taiwan" evaluates no one
            // nor does a supposition ("if Taiwan falls", 台湾沦陷则……), though a threat or a denial stays one when put as a condition
            if (!word.threat() && !LEGITIMACY_DENIAL.equals(word.category()) && supposed(tokens, word.at(), word.length())) continue;
            boolean targetsVoice = voiceFrom >= 0 && word.at() > voiceFrom && word.at() < voiceTo;
            if (value < 0 && targetsVoice) {
                // the target's reported words ("the MAC said Beijing's smears..."): criticism in them is its reply
                answer += ANSWER * Math.abs(value * weight);
                continue;
            }
            if (word.byTarget() || targetsWords[f]) {
                // the target's own verdict on someone else ("Taipei condemned Beijing") is not an evaluation
                // of it, but it is the target's answer: its side of the story
                // and so is its refutation of a charge ("the MAC rejected the accusation as groundless")
                if ((value < 0 || refuted) && answers(tokens, word.at(), mentionTokens, actorTokens, lexicon)) {
                    answer += ANSWER * Math.abs(value * weight);
                }
                continue;
            }
            double scope = switch (word.about()) {
                case TARGET -> 1.0;
                case OTHER -> 0.0;
                case UNNAMED -> mentionTokens.isEmpty() ? 1.0 : UNNAMED;
            };
            if (value > 0 && targetsVoice) scope *= SELF_PRAISE;
            if (defends[f]) {
                value = -value * 0.6;
                scope = 1.0; // whoever does the threatening is named ("China's coercion"): the defence is of the target
            } else if (opposed[f] || endorsed[f]) {
                // support or praise of the target that someone condemns counts against it, and so does support
                // for what denies or threatens it (支持祖国统一, "confident of achieving reunification")
                value = -value * 0.6;
            }
            if (word.threat()) scope *= word.about() == About.TARGET ? THREAT_WEIGHT : THREAT_WEIGHT / 2;
            if (scope == 0) continue;
            sum += value * weight * scope;
            TextAnalysis.Token first = tokens.get(word.at()), last = tokens.get(word.at() + word.length() - 1);
            words.add(sentence.text().substring(first.start() - sentence.start(), last.end() - sentence.start()));
        }
        plain += absence(tokens, found, lexicon);
        // one sentence is one evaluation: many words in it add conviction, not a new voice
        return new Scored(SENTENCE_CAP * Math.tanh(sum / SENTENCE_CAP), SENTENCE_CAP * Math.tanh(plain / SENTENCE_CAP), words,
                Math.min(answer, SENTENCE_CAP), found, contrastToken, null);
    }

    /**
     * What the sentence says is missing or fails, as a weight in its own tone: each word of absence or inability
     * (没有, 无法, 未能) that denies no evaluative word within three words after it ("没有热水", "无法激活"). A word of
     * absence that does deny one (没有缺点) is a negation and is read as one. It is never an evaluation of anyone.
     */
    private static double absence(List<TextAnalysis.Token> tokens, List<Found> found, Lexicon lexicon) {
        if (lexicon.absences.isEmpty()) return 0;
        double tone = 0;
        for (int t = 0; t < tokens.size(); t++) {
            Double weight = lexicon.absences.get(tokens.get(t).key());
            if (weight == null) continue;
            boolean denies = false;
            for (Found word : found) {
                boolean compared = word.at() > t + 1 && word.at() <= t + 8 && COMPARED.contains(tokens.get(word.at() - 1).key());
                if ((word.at() + word.length() > t && word.at() <= t + 3) || compared) {
                    denies = true;
                    break;
                }
            }
            if (!denies) tone += weight;
        }
        return tone;
    }

    /**
     * The favourable words that a condemnation is aimed at: opposing support or praise of the target ("condemned
     * Washington's support for Taiwan", 对美方祝贺蔡英文就职表示强烈不满, "opposed the government's reform") is itself
     * against the target, as condemning threats against it defends it. What is condemned follows the condemnation
     * within its clause, or in Chinese stands between 对 and the condemnation (对……表示不满). A condemnation that the
     * target voices, that is negated, or that is already read as a defence of the target is not one.
     */
    private static boolean[] opposedSupport(List<TextAnalysis.Token> tokens, List<Found> found, boolean[] defends,
                                            boolean[] condemned, Lexicon lexicon) {
        boolean[] opposed = new boolean[found.size()];
        for (int f = 0; f < found.size(); f++) {
            Found condemnation = found.get(f);
            boolean condemns = condemnation.opposes() && condemnation.value() < 0;
            if (!condemns || condemnation.byTarget() || defends[f] || condemned[f]) continue;
            int[] clause = clause(tokens, condemnation.at(), condemnation.length());
            int objectFrom = condemnation.at() + condemnation.length(), objectTo = clause[1];
            if (lexicon.language.equals("zh")) {
                for (int k = condemnation.at() - 1; k >= clause[0]; k--) {
                    if (OBJECT_MARK.contains(tokens.get(k).key())) {
                        objectFrom = k + 1;
                        objectTo = condemnation.at();
                        break;
                    }
                }
            }
            for (int g = 0; g < found.size(); g++) {
                Found word = found.get(g);
                if (word.at() < objectFrom || word.at() >= objectTo) continue;
                if (word.opposes()) break; // a second condemnation has its own object
                if (word.value() > 0 && !word.everyday() && !word.byTarget()) opposed[g] = true;
            }
        }
        return opposed;
    }

    /**
     * The favourable words whose object is a denial of the target's legitimacy or a threat against it: backing
     * unification or the one-China claim (认同两岸同属一个中国, 有信心实现祖国完全统一) is against the target, as
     * opposing support for it is. The object follows within {@link #OBJECT_REACH} words in the clause, with no
     * name of the target and no condemnation between; a word that itself opposes ("defend against aggression")
     * is no backing, and a threat that someone else owns (中共的威胁) is not what is backed.
     */
    private static boolean[] endorsedDenial(List<TextAnalysis.Token> tokens, List<Found> found, List<Integer> mentionTokens,
                                            boolean[] opposed) {
        boolean[] endorsed = new boolean[found.size()];
        for (int f = 0; f < found.size(); f++) {
            Found word = found.get(f);
            if (word.value() <= 0 || word.everyday() || word.byTarget() || word.opposes() || opposed[f]) continue;
            for (int g = f + 1; g < found.size() && found.get(g).at() <= word.at() + word.length() + OBJECT_REACH
                    && !breakBetween(tokens, word, found.get(g)); g++) {
                Found object = found.get(g);
                int from = word.at(), to = object.at();
                if (object.opposes() || mentionTokens.stream().anyMatch(m -> m > from && m < to)) break;
                if (object.value() < 0 && object.about() != About.OTHER
                        && (object.threat() || object.category().equals(LEGITIMACY_DENIAL))) {
                    endorsed[f] = true;
                    break;
                }
            }
        }
        return endorsed;
    }

    /**
     * True when the target is who speaks or acts in the clause of the evaluative word at {@code at}:
     * named before it, not after it, not in a passive ("was criticised by", 被), and the word has an
     * object after it ("Taipei condemned Beijing", 台湾谴责北京) rather than ending the clause as a
     * predicate about the target ("Taiwan's democracy is vibrant").
     */
    private static boolean targetSpeaks(List<TextAnalysis.Token> tokens, int at, int length, List<Integer> mentionTokens,
                                        List<Integer> actorTokens, Lexicon lexicon) {
        if (mentionTokens.isEmpty()) return false;
        int[] clause = clause(tokens, at, length);
        int clauseStart = clause[0], clauseEnd = clause[1];
        // verbs joined by "and" share their subject and object ("Taiwan criticised and threatened to fine ...")
        if (clauseStart > 0 && COORDINATION.contains(tokens.get(clauseStart - 1).key())
                && actorTokens.stream().noneMatch(a -> a >= clause[0] && a < at)) {
            clauseStart = clause(tokens, clauseStart - 1, 1)[0];
        }
        if (clauseEnd < tokens.size() && COORDINATION.contains(tokens.get(clauseEnd).key())) {
            clauseEnd = clause(tokens, clauseEnd, 1)[1];
        }
        // a pronoun right after the word is its object: the target named after that is not ("praised it as a symbol of Taiwan's ...")
        int objectEnd = clauseEnd;
        for (int k = at + length; k < Math.min(clauseEnd, at + length + 2); k++) {
            if (PRONOUN_OBJECTS.contains(tokens.get(k).surface())) objectEnd = k;
        }
        int before = -1;
        for (int m : mentionTokens) {
            if (m >= at + length && m < objectEnd) return false;
            if (m >= clauseStart && m < at) before = before < 0 ? m : Math.min(before, m);
        }
        if (before < 0 || at + length >= clauseEnd) return false;
        for (int k = clauseStart; k < before; k++) {
            // the target inside what 对 introduces is what the word is about, not who speaks (对台湾表示不满)
            if (OBJECT_MARK.contains(tokens.get(k).key())) return false;
        }
        for (int k = Math.max(clauseStart, at - 3); k < at; k++) {
            // what the target undergoes or receives is said of it ("was praised", "won plaudits", 获得肯定, 招致批评)
            if (PASSIVE.contains(tokens.get(k).key()) || RECEIVING.contains(tokens.get(k).key())) return false;
        }
        for (int k = before + 1; k < at; k++) {
            // what the target is said to be is said of it (台湾已不再是良好治理的典范)
            if (CHINESE_COPULA.contains(tokens.get(k).key())) return false;
        }
        String next = tokens.get(at + length).key();
        if (PASSIVE.contains(next) || next.equals("的") || next.equals("of") || lexicon.negations.contains(next)) return false;
        String word = tokens.get(at + length - 1).key();
        if (lexicon.language.equals("en")) {
            // verb forms that take an object; adjectives and nouns rarely end so
            return word.endsWith("ed") || (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("ous"))
                    || lexicon.reporting.contains(word) || (at > 0 && MODAL.contains(tokens.get(at - 1).key()));
        }
        return true;
    }

    /**
     * Who the evaluative word at {@code at} is about: the actor named soonest after it in its clause when
     * it has an object ("condemned Taipei", "support for Taiwan", 打压台湾), otherwise the one named
     * nearest before it ("Taiwan's vibrant democracy", "China's aggression", 中共的威胁); after a
     * passive marker ("was criticised by Beijing", 台湾被北京批评), the one named before the marker. A clause that
     * names no one continues the one before it, read with the reporting words of {@code lexicon}; with none, the
     * word's own clause decides alone.
     */
    static About evaluated(List<TextAnalysis.Token> tokens, int at, int length, List<Integer> targetTokens,
                           List<Integer> actorTokens, Lexicon lexicon) {
        int[] clause = clause(tokens, at, length);
        int clauseStart = clause[0], clauseEnd = clause[1];
        int end = at + length;
        for (int m : targetTokens) if (m >= at && m < end) return About.TARGET; // a term that names it: "support for Taiwan"
        if (at >= 2 && POSSESSIVE.contains(tokens.get(at - 1).key())) {
            // what someone owns is theirs, whatever it is about ("Macron's controversial statements about Taiwan")
            int owner = at - 2;
            if (targetTokens.contains(owner)) return About.TARGET;
            if (actorTokens.contains(owner) || Character.isUpperCase(tokens.get(owner).surface().codePointAt(0))) return About.OTHER;
        }
        // "criticised by Beijing", "plaudits from Western diplomats": the one named next gives it, and is not its object
        boolean agentFollows = end < tokens.size()
                && (AGENT.contains(tokens.get(end).key()) || tokens.get(end).key().equals("from"));
        if (!agentFollows) {
            int reach = Math.min(clauseEnd, end + OBJECT_REACH);
            // a pronoun right after the word is its object ("help it win over Taiwan"): a name after it is not
            for (int k = end; k < reach; k++) {
                if (PRONOUN_OBJECTS.contains(tokens.get(k).surface())) { // as written: "US" is no "us"
                    reach = k;
                    break;
                }
            }
            About after = nearest(targetTokens, actorTokens, end, reach, true);
            if (after != About.UNNAMED) return after;
        }
        int limit = at;
        for (int k = clauseStart; k < at; k++) if (AGENT.contains(tokens.get(k).key()) || PASSIVE_MARK.contains(tokens.get(k).key())) limit = k;
        About before = nearest(targetTokens, actorTokens, clauseStart, limit, false);
        if (before != About.UNNAMED || lexicon == null) return before;
        // a clause that names no one continues the one before it (中共积极推进对台工作，有力维护……): when another
        // actor was named last, the words are that actor's; not when it only said them ("Beijing said, ..."), and
        // not for words that deny the target's legitimacy, which name the target's side themselves (台独是死路一条)
        int target = -1, actor = -1;
        for (int m : targetTokens) if (m < clauseStart) target = Math.max(target, m);
        for (int a : actorTokens) if (a < clauseStart) actor = Math.max(actor, a);
        return actor > target && !reportedAfter(tokens, actor, clauseStart, lexicon) ? About.OTHER : About.UNNAMED;
    }

    /** True when a reporting word ("said", 表示) stands in [from, to): what follows it is speech, not the speaker's act. */
    private static boolean reportedAfter(List<TextAnalysis.Token> tokens, int from, int to, Lexicon lexicon) {
        for (int k = from; k < to; k++) if (listedEndingAt(tokens, k, from, lexicon.reporting::contains, lexicon) != null) return true;
        return false;
    }

    /**
     * Who does the wrongdoing at {@code at}: after a passive marker (台湾被中共抹黑) the one named between the marker
     * and the word, before "by" ("was smeared by Beijing") the one named after it; otherwise the one named nearest
     * before it in its clause ("Beijing smeared Taipei", 中共抹黑台湾, "accused Taipei of lying"), unless a verb
     * before it shares its subject ("Beijing smeared Taipei and distorted ...", or a clause with no name,
     * 中共抹黑台湾，歪曲……): then the sentence's first name before it. Unnamed when no one is.
     */
    static About doer(List<TextAnalysis.Token> tokens, int at, int length, List<Integer> targetTokens,
                      List<Integer> actorTokens) {
        return doer(tokens, at, length, targetTokens, actorTokens, 0);
    }

    /**
     * {@link #doer(List, int, int, List, List)} where the words from {@code speech} on are reported: the one who speaks
     * them (国台办发言人表示，……) is not the one who does what they tell.
     */
    static About doer(List<TextAnalysis.Token> tokens, int at, int length, List<Integer> targetTokens,
                      List<Integer> actorTokens, int speech) {
        int[] clause = clause(tokens, at, length);
        int clauseStart = clause[0], clauseEnd = clause[1];
        int end = at + length;
        if (end < tokens.size() && AGENT.contains(tokens.get(end).key())) {
            return nearest(targetTokens, actorTokens, end, Math.min(clauseEnd, end + OBJECT_REACH), true);
        }
        for (int k = clauseStart; k < at; k++) {
            if (PASSIVE_MARK.contains(tokens.get(k).key())) return nearest(targetTokens, actorTokens, k + 1, at, false);
        }
        for (int k = at - 1; k >= clauseStart; k--) {
            if (COORDINATION.contains(tokens.get(k).key())) break; // the verb shares the subject of the one before
            if (targetTokens.contains(k)) return About.TARGET;
            if (actorTokens.contains(k)) return About.OTHER;
        }
        return nearest(targetTokens, actorTokens, speech < at ? speech : 0, at, true);
    }

    /** Words that join a second verb to the first, sharing its subject ("smeared Taipei and distorted", 并). */
    private static final java.util.Set<String> COORDINATION = java.util.Set.of("and", "并", "并且", "又", "还", "而且");

    /** The clause around the words [at, at + length): [start, end) up to the breaks (commas, semicolons …) on each side. */
    private static int[] clause(List<TextAnalysis.Token> tokens, int at, int length) {
        int start = at, end = at + length;
        while (start > 0 && !isClauseBreak(tokens.get(start - 1).key())) start--;
        while (end < tokens.size() && !isClauseBreak(tokens.get(end).key())) end++;
        return new int[] {start, end};
    }

    /** The kind of the name nearest to one end of [from, to): the first one, or with {@code last} false the last one. */
    private static About nearest(List<Integer> targetTokens, List<Integer> actorTokens, int from, int to, boolean first) {
        int best = -1;
        About kind = About.UNNAMED;
        for (int pass = 0; pass < 2; pass++) {
            for (int m : pass == 0 ? targetTokens : actorTokens) {
                if (m < from || m >= to) continue;
                if (best < 0 || (first ? m < best : m > best)) {
                    best = m;
                    kind = pass == 0 ? About.TARGET : About.OTHER;
                }
            }
        }
        return kind;
    }

    /**
     * True when the target's criticism at {@code at} is its reply: the target is named as the one who speaks
     * (a reporting, rejecting or condemning word after its name: "Taipei said", 陆委会回应, "MAC rejected",
     * 外交部谴责) with no one else named between its name and the word.
     */
    private static boolean answers(List<TextAnalysis.Token> tokens, int at, List<Integer> targetTokens,
                                   List<Integer> actorTokens, Lexicon lexicon) {
        for (int r = at; r >= 0; r--) {
            String key = tokens.get(r).key();
            if (!lexicon.rejections.contains(key) && !lexicon.oppositions.contains(key)
                    && listedEndingAt(tokens, r, 0, lexicon.reporting::contains, lexicon) == null) continue;
            int speaker = -1;
            for (int m : targetTokens) if (m < r && m >= r - 6) speaker = Math.max(speaker, m);
            if (speaker < 0) return false;
            for (int a : actorTokens) if (a > speaker && a < at) return false;
            return true;
        }
        return false;
    }

    /**
     * Where the words reported at {@code reporting} end: at the closing mark when they are quoted ("said: 「……」，
     * 结果……" ends at 」), otherwise with the sentence.
     */
    private static int quoteEnd(List<TextAnalysis.Token> tokens, int reporting) {
        int open = reporting + 1;
        while (open < tokens.size() && (tokens.get(open).key().equals(":") || tokens.get(open).key().equals("：")
                || tokens.get(open).key().equals(",") || tokens.get(open).key().equals("，"))) open++;
        if (open >= tokens.size() || !QUOTE_CLOSE.containsKey(tokens.get(open).key())) return tokens.size();
        String close = QUOTE_CLOSE.get(tokens.get(open).key());
        for (int k = open + 1; k < tokens.size(); k++) if (tokens.get(k).key().equals(close)) return k;
        return tokens.size();
    }

    /**
     * Where the clause conceded by a sentence's first word ends ("Although ...,", 虽然……，): the first comma after it,
     * when the sentence opens with a word of concession (a contrast weighing less than 1); -1 otherwise.
     */
    private static int conceded(List<TextAnalysis.Token> tokens, Lexicon lexicon) {
        if (tokens.isEmpty()) return -1;
        Double weight = lexicon.contrasts.get(tokens.getFirst().key());
        if (weight == null || weight >= 1) return -1;
        for (int k = 1; k < tokens.size(); k++) {
            String key = tokens.get(k).key();
            if (key.equals(",") || key.equals("，")) return k + 1 < tokens.size() ? k + 1 : -1;
        }
        return -1;
    }

    /** Where the words reported before {@code at} begin: after the last reporting word before it ("said", 表示); 0 if none. */
    private static int speechFrom(List<TextAnalysis.Token> tokens, int at, Lexicon lexicon) {
        for (int k = at - 1; k > 0; k--) {
            if (listedEndingAt(tokens, k, 0, lexicon.reporting::contains, lexicon) != null) return k + 1;
        }
        return 0;
    }

    /** Opening quotation marks and the marks that close them. */
    private static final java.util.Map<String, String> QUOTE_CLOSE = java.util.Map.of(
            "「", "」", "『", "』", "“", "”", "``", "''", "\"", "\"", "‘", "’");

    /**
     * Where the target's reported words begin: when the sentence opens with the target speaking ("Taiwan's
     * foreign ministry said", 陆委会发言人回应说), the first reporting word, with the target named just before it and
     * no one else before; when someone else speaks first, the reporting word of a later clause that the target
     * opens as its subject (国台办批评……，陆委会则反驳指……). -1 when the target is not reported.
     */
    private static int targetVoice(List<TextAnalysis.Token> tokens, List<Integer> targetTokens,
                                   List<Integer> actorTokens, Lexicon lexicon) {
        boolean first = true;
        for (int r = 0; r < tokens.size(); r++) {
            if (listedEndingAt(tokens, r, 0, lexicon.reporting::contains, lexicon) == null) continue;
            if (r > 0 && PASSIVE_MARK.contains(tokens.get(r - 1).key())) continue; // 被指: said of it, not by it
            if (first) {
                first = false;
                int speaker = -1;
                for (int m : targetTokens) if (m < r && m >= r - 6) speaker = Math.max(speaker, m);
                boolean othersBefore = false;
                for (int a : actorTokens) if (a < r) othersBefore = true;
                if (speaker >= 0 && !othersBefore) return r;
            }
            if (clauseSubject(tokens, r, targetTokens, actorTokens) == About.TARGET) return r;
        }
        return -1;
    }

    /**
     * Who opens the clause of the word at {@code at} as its subject: the one named at the clause's start (after a
     * connective: "while", 则) with no one else named before the word, which stands within eight words of the start.
     */
    private static About clauseSubject(List<TextAnalysis.Token> tokens, int at, List<Integer> targetTokens,
                                       List<Integer> actorTokens) {
        int start = clause(tokens, at, 1)[0];
        while (start < at && CONNECTIVES.contains(tokens.get(start).key())) start++;
        if (at - start > 8) return About.UNNAMED;
        About subject = targetTokens.contains(start) ? About.TARGET : actorTokens.contains(start) ? About.OTHER : About.UNNAMED;
        if (subject == About.UNNAMED) return subject;
        for (int k = start; k < at; k++) {
            if ((subject == About.TARGET ? actorTokens : targetTokens).contains(k)) return About.UNNAMED;
        }
        return subject;
    }

    /** Words that join a clause to the one before it without naming anyone ("while", 则, 而). */
    private static final java.util.Set<String> CONNECTIVES = java.util.Set.of("while", "and", "but", "whereas", "meanwhile",
            "而", "则", "但", "但是", "不过", "对此", "随后", "另外", "同时");

    /** True when a clause ends between two words found in a sentence. */
    private static boolean breakBetween(List<TextAnalysis.Token> tokens, Found before, Found after) {
        for (int k = before.at() + before.length(); k < after.at(); k++) {
            if (isClauseBreak(tokens.get(k).key())) return true;
        }
        return false;
    }

    /**
     * A verb of criticism, the target as its object and the charge after it (国台办批评民进党当局挑衅, "accused Taipei of
     * provoking", "criticised Taiwan as reckless") make one evaluation: the verb adds to the charge only what it says
     * beyond it. For each found word, how much of its value is the charge's already (0 for most).
     */
    private static double[] chargeReported(List<TextAnalysis.Token> tokens, List<Found> found, List<Integer> mentionTokens) {
        double[] charged = new double[found.size()];
        for (int f = 0; f + 1 < found.size(); f++) {
            Found verb = found.get(f), charge = found.get(f + 1);
            if (verb.value() >= 0 || charge.value() >= 0 || verb.opposes() || verb.threat() || charge.threat()) continue;
            if (verb.about() != About.TARGET || charge.about() != About.TARGET) continue;
            int named = 0, other = 0;
            for (int k = verb.at() + verb.length(); k < charge.at(); k++) {
                if (mentionTokens.contains(k)) named++;
                else other++;
            }
            if (named == 0 || other > 3 || breakBetween(tokens, verb, charge)) continue;
            charged[f] = Math.max(verb.value(), charge.value()); // the weaker of the two, negative
        }
        return charged;
    }

    /** Chinese words that introduce the object of the verb that follows (对台湾表示不满). */
    private static final java.util.Set<String> OBJECT_MARK = java.util.Set.of("对", "对于");
    /** Words after which an English word is a verb in its base form ("Taiwan could resist", "to condemn"). */
    private static final java.util.Set<String> MODAL = java.util.Set.of("can", "could", "will", "would", "shall", "should",
            "may", "might", "must", "cannot", "to");

    /** Pronouns, as written, that stand as the object of the word before them ("help it", 支持他们). */
    private static final java.util.Set<String> PRONOUN_OBJECTS = java.util.Set.of("it", "him", "her", "them", "us", "me",
            "他", "她", "它", "他们", "她们", "它们", "他們", "她們", "它們");

    /** The English possessive ending, as the tokenizer splits it off ("Macron's" → "Macron", "'s"). */
    private static final java.util.Set<String> POSSESSIVE = java.util.Set.of("'s", "’s", "'");

    /** Words that introduce who does what the word before them says ("criticised by"). */
    private static final java.util.Set<String> AGENT = java.util.Set.of("by");
    /** Chinese passive markers: the one named before them undergoes what follows (台湾被北京批评). */
    private static final java.util.Set<String> PASSIVE_MARK = java.util.Set.of("被", "遭", "遭到", "受到");

    /** Chinese words that join a subject to what it is said to be (台湾是典范). */
    private static final java.util.Set<String> CHINESE_COPULA = java.util.Set.of("是", "为", "成为", "乃", "堪称", "称得上");

    /** Words that open a predicate: what a negation before them denies runs on to the evaluative word. */
    private static final java.util.Set<String> COPULA = java.util.Set.of("a", "an", "is", "are", "was", "were", "be", "是", "为");

    /** Verbs whose subject receives the evaluation that is their object ("drew criticism", "won praise", 赢得赞誉). */
    private static final java.util.Set<String> RECEIVING = java.util.Set.of("win", "wins", "won", "winning", "earn", "earns",
            "earned", "earning", "receive", "receives", "received", "receiving", "draw", "draws", "drew", "drawn", "drawing",
            "attract", "attracts", "attracted", "attracting", "face", "faces", "faced", "facing", "garner", "garners",
            "garnered", "gain", "gains", "gained", "incur", "incurs", "incurred", "赢得", "博得", "招致", "招来", "惹来",
            "遭受", "面临", "饱受", "广受", "深受", "备受", "颇受", "获致");
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

    /**
     * A rejection within six words before {@code at}, in the same clause: a rejecting word ("rejected", 驳斥) or
     * a negated agreement ("did not accept Beijing's criticism", 不同意国台办对民进党政府的批评). A Chinese rejecting
     * word followed at once by a reporting word (反驳指, 驳斥称) introduces the rejecter's own claim, not what it rejects.
     */
    private static boolean rejectedBefore(List<TextAnalysis.Token> tokens, int at, Lexicon lexicon) {
        for (int back = 1; back <= 6 && at - back >= 0; back++) {
            String key = tokens.get(at - back).key();
            if (isPunctuation(key)) return false;
            if (lexicon.rejections.contains(key)) {
                boolean claimFollows = back > 1 && !lexicon.language.equals("en")
                        && lexicon.reporting.contains(tokens.get(at - back + 1).key());
                return !claimFollows;
            }
            boolean negatedAgreement = AGREEMENT.contains(key) && at - back > 0
                    && lexicon.negations.contains(tokens.get(at - back - 1).key());
            if (negatedAgreement) return true;
        }
        return false;
    }

    /** True when the word at {@code at} is inside an open question of its clause ("whether he would defend Taiwan", 是否). */
    private static boolean asked(List<TextAnalysis.Token> tokens, int at) {
        int[] clause = clause(tokens, at, 1);
        for (int k = clause[0]; k < at; k++) if (QUESTION.contains(tokens.get(k).key())) return true;
        return false;
    }

    /**
     * True when the words at {@code at} are supposed, not said: a condition opens their clause ("if", 如果, 一旦) or 则
     * follows them (台湾沦陷则全世界受到影响, "if Taiwan falls, the whole world is affected").
     */
    private static boolean supposed(List<TextAnalysis.Token> tokens, int at, int length) {
        int[] clause = clause(tokens, at, length);
        for (int k = clause[0]; k < at; k++) if (CONDITION.contains(tokens.get(k).key())) return true;
        return at + length < tokens.size() && tokens.get(at + length).key().equals("则");
    }

    /** Words that open a condition: what follows them in the clause is supposed, not said. */
    private static final java.util.Set<String> CONDITION = java.util.Set.of("if", "unless", "如果", "若", "假如", "倘若", "万一",
            "一旦", "要是");

    /** Words that open an indirect question: what follows them in the clause is asked, not said. */
    private static final java.util.Set<String> QUESTION = java.util.Set.of("whether", "是否", "能否", "会否");

    /** Words of agreement that, negated, reject what follows them (不同意, "not accept"). */
    private static final java.util.Set<String> AGREEMENT = java.util.Set.of("同意", "认同", "赞同", "接受", "agree", "accept");

    /** Where a verb of loss stands within four words before {@code at} in its clause ("lost the trust"), or -1. */
    private static int lossBefore(List<TextAnalysis.Token> tokens, int at, Lexicon lexicon) {
        for (int back = 1; back <= 4 && at - back >= 0; back++) {
            String key = tokens.get(at - back).key();
            if (isPunctuation(key)) return -1;
            if (lexicon.losses.contains(key)) return at - back;
        }
        return -1;
    }

    /**
     * Negation flips and softens: within three words before, and after the evaluative word before ({@code since});
     * or, when it opens a predicate ("is not a", 不再是, 并非), for every evaluative word of the predicate up to a
     * second one, unless it is part of the evaluative word before ({@code lastStart}); or through a comparison to the
     * word it measures (没有想象的那么好). A degree word just before scales.
     */
    private static double modifier(List<TextAnalysis.Token> tokens, int at, int since, int lastStart, Lexicon lexicon) {
        double factor = 1;
        for (int back = 1; back <= 8 && at - back >= 0; back++) {
            String key = tokens.get(at - back).key();
            // a second predicate ("... and deserved respect") is not denied with the first
            if (isPunctuation(key) || COORDINATION.contains(key) || lexicon.contrasts.containsKey(key)) break;
            String negation = listedEndingAt(tokens, at - back, 0, lexicon.negations::contains, lexicon);
            if (negation != null) {
                // a negation is spent on the first evaluative word within three words after it (绝不容忍台独), but
                // it denies the whole of a predicate ("is no longer a model of good governance", 不再是良好治理的典范)
                // (并非, 而非, 不是; a lone 非 is as often "must", 非找出……不可)
                boolean predicate = (negation.length() > 1 && (negation.endsWith("是") || negation.endsWith("非")))
                        || COPULA.contains(tokens.get(at - back + 1).key());
                boolean insideLast = at - back >= lastStart && at - back < since; // "not a country" is a word of its own
                // and it reaches through a comparison to the word it measures (没有想象的那么好, "not as good as hoped")
                boolean compared = back > 1 && COMPARED.contains(tokens.get(at - 1).key());
                if ((back <= 3 && at - back >= since) || (predicate && !insideLast) || (compared && at - back >= since)) {
                    factor *= -0.6;
                }
                break;
            }
        }
        String degree = at > since ? listedEndingAt(tokens, at - 1, since, lexicon.degrees::containsKey, lexicon) : null;
        if (degree != null) factor *= lexicon.degrees.get(degree);
        return factor;
    }

    /**
     * True when the word at {@code at} is asked in a rhetorical question, which asserts the opposite of what it asks:
     * a word that makes it one (难道, 岂) stands before it and the question mark closes the words after it
     * (难道这就是民主吗？ says that it is not; 难道不是失职吗？ that it is).
     */
    private static boolean rhetorical(List<TextAnalysis.Token> tokens, int at, Lexicon lexicon) {
        if (lexicon.rhetorical.isEmpty()) return false;
        boolean asked = false;
        for (int k = at + 1; k < tokens.size() && !asked; k++) {
            String key = tokens.get(k).key();
            if (key.equals("？") || key.equals("?")) asked = true;
            else if (SENTENCE_END.contains(key)) return false;
        }
        if (!asked) return false;
        for (int k = at - 1; k >= 0; k--) {
            String key = tokens.get(k).key();
            if (SENTENCE_END.contains(key) || key.equals("？") || key.equals("?")) return false;
            if (lexicon.rhetorical.contains(key)) return true;
        }
        return false;
    }

    /**
     * True when the favourable words at {@code at} are wished for, not found: 就 (or 就更, 那该) stands just before
     * them and 了 or 啦 closes them at the end of the clause (要是能附带驱动盘就好了, 再轻一点就更完美了). What is
     * wished for is missing.
     */
    private static boolean wished(List<TextAnalysis.Token> tokens, int at, int length) {
        int after = at + length;
        if (after >= tokens.size() || !WISH_CLOSE.contains(tokens.get(after).key())) return false;
        if (after + 1 < tokens.size() && !isPunctuation(tokens.get(after + 1).key())
                && !PARTICLES.contains(tokens.get(after + 1).key())) return false;
        for (int back = 1; back <= 2 && at - back >= 0; back++) {
            String key = tokens.get(at - back).key();
            if (WISH_OPEN.contains(key)) return true;
            if (!key.equals("更") && !key.equals("多")) return false;
        }
        return false;
    }

    /** Words of degree that measure against something (那么, 这么): a negation before them reaches the word they measure. */
    private static final java.util.Set<String> COMPARED = java.util.Set.of("那么", "这么", "那样", "这样", "那般", "这般");

    /** Verbs of worth (值得, 不值得): the evaluative word just after them is what is, or is not, deserved. */
    private static final java.util.Set<String> WORTH = java.util.Set.of("值得", "不值得", "不值");

    private static String joined(List<TextAnalysis.Token> tokens, Found word, String joiner) {
        StringBuilder text = new StringBuilder(tokens.get(word.at()).key());
        for (int k = word.at() + 1; k < word.at() + word.length(); k++) text.append(joiner).append(tokens.get(k).key());
        return text.toString();
    }

    private static final java.util.Set<String> WISH_OPEN = java.util.Set.of("就", "就更", "那就", "那该");
    private static final java.util.Set<String> WISH_CLOSE = java.util.Set.of("了", "啦");
    private static final java.util.Set<String> PARTICLES = java.util.Set.of("吧", "啊", "呀", "呢", "哦", "嘛");

    /** Words that call what follows a claim (所谓的, "so-called"): a rhetorical question does not turn them round. */
    private static final java.util.Set<String> DISTANCING = java.util.Set.of("所谓", "所谓的", "号称", "自称");

    private static final java.util.Set<String> SENTENCE_END = java.util.Set.of("。", "！", "!", ".", "；", ";");

    /**
     * The listed modifier of one to four words that ends at token {@code end} and starts no earlier than
     * {@code from} ("not", "failed to", "according to", "on the other hand"), or null.
     */
    private static String listedEndingAt(List<TextAnalysis.Token> tokens, int end, int from,
                                         java.util.function.Predicate<String> listed, Lexicon lexicon) {
        String joiner = lexicon.language.equals("en") ? " " : "";
        StringBuilder phrase = new StringBuilder(tokens.get(end).key());
        for (int start = end; start >= Math.max(from, end - 3); start--) {
            if (start < end) phrase.insert(0, tokens.get(start).key() + joiner);
            if (listed.test(phrase.toString())) return phrase.toString();
        }
        return null;
    }

    private static boolean isPunctuation(String token) {
        return !token.isEmpty() && token.codePoints().noneMatch(Character::isLetterOrDigit);
    }

    /** The tokens of a sentence that lie inside one of the names. */
    private static java.util.BitSet covered(TextAnalysis.Sentence sentence, List<Names> names) {
        java.util.BitSet out = new java.util.BitSet();
        List<TextAnalysis.Token> tokens = sentence.tokens();
        for (Names p : names) {
            Matcher m = p.pattern().matcher(p.in(sentence));
            while (m.find()) {
                int from = sentence.start() + m.start(), to = sentence.start() + m.end();
                for (int t = 0; t < tokens.size(); t++) {
                    // only tokens wholly inside: a name is never a sentiment word itself, but 台湾 may be cut as 台湾人
                    if (tokens.get(t).start() >= from && tokens.get(t).end() <= to) out.set(t);
                }
            }
        }
        return out;
    }

    /**
     * The tokens (indices in the sentence) where a name found at {@code own} stands, except inside a passing context or
     * inside a longer name of {@code rivals} (spans as {@link #spans} gives them). With {@code target}, the names are the
     * target's: they win over a rival as long as they are, and a name before a word for people by trade is skipped;
     * otherwise a rival as long wins.
     */
    private static List<Integer> mentions(TextAnalysis.Sentence sentence, List<int[]> own, List<int[]> passing,
                                          List<int[]> rivals, boolean target) {
        List<Integer> found = new ArrayList<>();
        List<TextAnalysis.Token> tokens = sentence.tokens();
        outer:
        for (int[] m : own) {
            for (int[] span : passing) if (m[0] < span[1] && m[1] > span[0]) continue outer;
            for (int[] span : rivals) {
                int length = span[1] - span[0], ownLength = m[1] - m[0];
                if (m[0] < span[1] && m[1] > span[0] && (length > ownLength || (!target && length == ownLength))) continue outer;
            }
            int token = tokenAt(sentence, m[0]);
            // "台湾速滑运动员", "Taiwanese singers": the name says where someone is from; they are not the target
            if (target && ofSomeone(tokens, sentence.start() + m[1])) continue;
            found.add(token);
        }
        return found;
    }

    /** Lexicon categories of a stance taken toward someone, as against a state of affairs (success, failure). */
    private static final java.util.Set<String> STANCES = java.util.Set.of("praise", "support", "agreement", "criticism",
            "blame", "ridicule", "threat", LEGITIMACY_DENIAL);

    /** True when the word takes a stance toward the target, or is the target's own toward someone else. */
    private static boolean judges(Found word) {
        return word.value() != 0 && !word.everyday() && STANCES.contains(word.category())
                && (word.about() == About.TARGET || word.byTarget());
    }

    /**
     * True when the target is what is condemned and the words after it are the charge: "denounced Taiwan's leaders as
     * separatists", 斥台湾当局为分裂势力. The condemnation then counts against the target; it defends no one.
     */
    private static boolean chargedAs(List<TextAnalysis.Token> tokens, Found condemnation, Found next, List<Integer> mentionTokens) {
        boolean named = false;
        for (int t = condemnation.at() + condemnation.length(); t < next.at(); t++) {
            if (mentionTokens.contains(t)) named = true;
            else if (named && CHARGED_AS.contains(tokens.get(t).key())) return true;
        }
        return false;
    }

    /** Words between the condemned and what it is condemned as ("denounced Taipei as ...", 斥台湾当局为……). */
    private static final java.util.Set<String> CHARGED_AS = java.util.Set.of("as", "为", "成");

    /** The token that holds (or follows) the character at {@code offset} in the sentence's text. */
    private static int tokenAt(TextAnalysis.Sentence sentence, int offset) {
        List<TextAnalysis.Token> tokens = sentence.tokens();
        int at = sentence.start() + offset, token = 0;
        while (token < tokens.size() - 1 && tokens.get(token).end() <= at) token++;
        return token;
    }

    /** True when one of the two words after {@code end}, in its clause, names a person by trade (运动员, singers). */
    private static boolean ofSomeone(List<TextAnalysis.Token> tokens, int end) {
        int next = 0;
        while (next < tokens.size() && tokens.get(next).start() < end) next++;
        for (int k = next; k < Math.min(tokens.size(), next + 2); k++) {
            if (PEOPLE.contains(tokens.get(k).key())) return true;
            if (isPunctuation(tokens.get(k).key())) return false;
        }
        return false;
    }

    /** People named by their trade: after a name of the target, the name says where they are from. */
    private static final java.util.Set<String> PEOPLE = java.util.Set.of("运动员", "选手", "球员", "歌手", "艺人", "演员", "明星", "网红",
            "导演", "游客", "旅客", "商人", "athlete", "athletes", "singer", "singers", "actress", "actresses", "tourist",
            "tourists", "businessman", "businessmen", "celebrity", "celebrities", "skater", "skaters");

    /** Where the terms are found in the sentence, as [start, end) offsets in the text they are looked for in. */
    private static List<int[]> spans(TextAnalysis.Sentence sentence, List<Names> terms) {
        List<int[]> spans = new ArrayList<>();
        for (Names p : terms) {
            Matcher m = p.pattern().matcher(p.in(sentence));
            while (m.find()) spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
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
