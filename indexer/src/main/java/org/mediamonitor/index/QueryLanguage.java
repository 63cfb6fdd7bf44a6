package org.mediamonitor.index;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.mediamonitor.model.Label;

/**
 * The search language staff type: words (all must match), {@code OR}, {@code AND}, {@code NOT} and
 * {@code -word}, parentheses, {@code "phrases"} (with {@code ~n} slop), {@code a NEAR/n b} (within n
 * words, either order), field prefixes ({@code title: text: source: lang: label: country: kind:
 * cluster: query:}), dates ({@code date:2018-03}, {@code date:[2018-01-01 TO 2018-06-30]}, in
 * Asia/Taipei) and trailing wildcards ({@code taiw*}). Words without a field are looked for in the title
 * (weighed double) and the text. Errors say what is wrong and at which character.
 */
final class QueryLanguage {
    /** A query, and the wildcards in it, whose expansions the index checks against its cap. */
    record Parsed(Query query, List<Prefix> prefixes) {
    }

    /** A trailing wildcard: {@code field} terms starting with {@code prefix}, written at {@code position}. */
    record Prefix(String field, String prefix, int position) {
    }

    static final int MAX_LENGTH = 2000;
    /** The most words and phrases in one query. */
    static final int MAX_TERMS = 100;
    /** The most trailing wildcards in one query. */
    static final int MAX_WILDCARDS = 5;
    private static final int MIN_PREFIX = 2;
    private static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Traditional-Simplified");
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("title", IndexSchema.TITLE), Map.entry("text", IndexSchema.TEXT),
            Map.entry("source", IndexSchema.SOURCE), Map.entry("lang", IndexSchema.LANGUAGE),
            Map.entry("language", IndexSchema.LANGUAGE), Map.entry("label", IndexSchema.LABEL),
            Map.entry("country", IndexSchema.COUNTRY), Map.entry("kind", IndexSchema.KIND),
            Map.entry("cluster", IndexSchema.CLUSTER), Map.entry("query", IndexSchema.QUERIES),
            Map.entry("date", IndexSchema.PUBLISHED), Map.entry("published", IndexSchema.PUBLISHED));
    private static final String FIELD_LIST = "title, text, source, lang, label, country, kind, cluster, query, date";

    private final Analyzer analyzer;
    private final QueryBuilder builder;

    QueryLanguage(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.builder = new QueryBuilder(analyzer);
    }

    /** @throws InvalidQueryException saying what is wrong and where */
    Parsed parse(String text) {
        if (text.length() > MAX_LENGTH) throw new InvalidQueryException("the query is longer than " + MAX_LENGTH + " characters");
        List<Token> tokens = lex(text);
        checkComplexity(tokens);
        Parser parser = new Parser(tokens);
        Node root = parser.or(null);
        if (parser.peek().kind != Kind.END) {
            Token t = parser.peek();
            throw new InvalidQueryException(t.kind == Kind.CLOSE ? "a ')' with no '(' before it" : "unexpected '" + t.text + "'", t.pos);
        }
        List<Prefix> prefixes = new ArrayList<>();
        Query query;
        try {
            query = compile(root, prefixes);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException(TOO_MANY_TERMS);
        }
        checkClauses(query);
        return new Parsed(query, List.copyOf(prefixes));
    }

    private static final String TOO_MANY_TERMS = "the query stands for too many words once analysed (a long Chinese phrase"
            + " is many character pairs); shorten it";

    /**
     * Refuses a query that Lucene would refuse at search time: one long word or phrase can analyse into
     * more terms than a search may hold (the index adds its filters, hence the margin).
     */
    private static void checkClauses(Query query) {
        int limit = IndexSearcher.getMaxClauseCount() / 2;
        int[] terms = {0};
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return this; // counts excluded clauses too, as IndexSearcher does
            }

            @Override
            public void visitLeaf(Query leaf) {
                terms[0]++;
            }

            @Override
            public void consumeTerms(Query leaf, Term... consumed) {
                terms[0] += consumed.length;
            }

            @Override
            public void consumeTermsMatching(Query leaf, String field, Supplier<ByteRunAutomaton> automaton) {
                terms[0]++;
            }
        });
        if (terms[0] > limit) throw new InvalidQueryException(TOO_MANY_TERMS);
    }

    /**
     * Refuses queries that would cost the index far more than any search staff write: too many words
     * and phrases, or too many wildcards (each may stand for many terms).
     */
    private static void checkComplexity(List<Token> tokens) {
        int terms = 0, wildcards = 0;
        for (Token t : tokens) {
            if (t.kind == Kind.WORD || t.kind == Kind.PHRASE) terms++;
            if (t.kind == Kind.WORD && t.text.endsWith("*")) wildcards++;
            if (terms > MAX_TERMS) {
                throw new InvalidQueryException("the query has more than " + MAX_TERMS + " words and phrases; split it into several searches", t.pos);
            }
            if (wildcards > MAX_WILDCARDS) {
                throw new InvalidQueryException("the query has more than " + MAX_WILDCARDS + " wildcards", t.pos);
            }
        }
    }

    // ---- tokens

    private enum Kind { WORD, PHRASE, OPEN, CLOSE, RANGE, FIELD, AND, OR, NOT, NEAR, END }

    private record Token(Kind kind, String text, int pos, int number) {
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '“' || c == '”' || c == '「' || c == '」';
    }

    private static boolean isSpecial(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == '（' || c == '）' || c == '[' || isQuote(c);
    }

    private static List<Token> lex(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int pos = i + 1;
            if (Character.isWhitespace(c) || c == '　') {
                i++;
            } else if (c == '(' || c == '（') {
                tokens.add(new Token(Kind.OPEN, "(", pos, 0));
                i++;
            } else if (c == ')' || c == '）') {
                tokens.add(new Token(Kind.CLOSE, ")", pos, 0));
                i++;
            } else if (isQuote(c)) {
                int end = i + 1;
                while (end < s.length() && !isQuote(s.charAt(end))) end++;
                if (end >= s.length()) throw new InvalidQueryException("the phrase that starts here has no closing quote", pos);
                String phrase = s.substring(i + 1, end);
                i = end + 1;
                int slop = 0;
                if (i < s.length() && s.charAt(i) == '~') {
                    int digits = i + 1;
                    while (digits < s.length() && Character.isDigit(s.charAt(digits))) digits++;
                    if (digits == i + 1 || digits - i > 3) throw new InvalidQueryException("'~' after a phrase takes a number of words from 0 to 99", i + 1);
                    slop = Integer.parseInt(s.substring(i + 1, digits));
                    i = digits;
                }
                tokens.add(new Token(Kind.PHRASE, phrase, pos, slop));
            } else if (c == '[') {
                int end = s.indexOf(']', i);
                if (end < 0) throw new InvalidQueryException("the range that starts here has no closing ']'", pos);
                tokens.add(new Token(Kind.RANGE, s.substring(i + 1, end), pos, 0));
                i = end + 1;
            } else if ((c == '-' || c == '+') && i + 1 < s.length() && !isSpecial(s.charAt(i + 1))
                    && (i == 0 || isSpecial(s.charAt(i - 1)))) {
                if (c == '-') tokens.add(new Token(Kind.NOT, "-", pos, 0));
                i++;
            } else {
                int end = i;
                while (end < s.length() && !isSpecial(s.charAt(end)) && s.charAt(end) != ')' && s.charAt(end) != '）') end++;
                String word = s.substring(i, end);
                int colon = word.indexOf(':');
                if (colon > 0 && FIELDS.containsKey(word.substring(0, colon).toLowerCase(Locale.ROOT))) {
                    tokens.add(new Token(Kind.FIELD, word.substring(0, colon).toLowerCase(Locale.ROOT), pos, 0));
                    i += colon + 1;
                    if (i >= s.length() || Character.isWhitespace(s.charAt(i))) {
                        throw new InvalidQueryException("'" + word.substring(0, colon + 1) + "' needs a value right after it", pos);
                    }
                    continue;
                }
                if (colon > 0 && colon < word.length() - 1 && word.substring(0, colon).matches("[A-Za-z]+")) {
                    throw new InvalidQueryException("unknown field '" + word.substring(0, colon) + "'; fields are " + FIELD_LIST, pos);
                }
                i = end;
                switch (word) {
                    case "AND", "&&" -> tokens.add(new Token(Kind.AND, word, pos, 0));
                    case "OR", "||" -> tokens.add(new Token(Kind.OR, word, pos, 0));
                    case "NOT" -> tokens.add(new Token(Kind.NOT, word, pos, 0));
                    default -> {
                        if (word.startsWith("NEAR/")) {
                            String n = word.substring(5);
                            if (!n.matches("\\d{1,2}")) throw new InvalidQueryException("NEAR/ takes a number of words from 0 to 99, as in NEAR/5", pos);
                            tokens.add(new Token(Kind.NEAR, word, pos, Integer.parseInt(n)));
                        } else {
                            tokens.add(new Token(Kind.WORD, word, pos, 0));
                        }
                    }
                }
            }
        }
        tokens.add(new Token(Kind.END, "", s.length() + 1, 0));
        return tokens;
    }

    // ---- syntax

    private sealed interface Node permits Word, Phrase, Range, Near, All, Any, Not {
    }

    private record Word(String field, String text, int pos) implements Node {
    }

    private record Phrase(String field, String text, int slop, int pos) implements Node {
    }

    private record Range(String field, String text, int pos) implements Node {
    }

    private record Near(Node left, Node right, int distance, int pos) implements Node {
    }

    private record All(List<Node> nodes) implements Node {
    }

    private record Any(List<Node> nodes) implements Node {
    }

    private record Not(Node node) implements Node {
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int at;
        private int depth;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        Token peek() {
            return tokens.get(at);
        }

        Token next() {
            return tokens.get(at++);
        }

        Node or(String field) {
            List<Node> nodes = new ArrayList<>(List.of(and(field)));
            while (peek().kind == Kind.OR) {
                next();
                nodes.add(and(field));
            }
            return nodes.size() == 1 ? nodes.get(0) : new Any(nodes);
        }

        Node and(String field) {
            List<Node> nodes = new ArrayList<>(List.of(unary(field)));
            while (peek().kind != Kind.OR && peek().kind != Kind.CLOSE && peek().kind != Kind.END) {
                if (peek().kind == Kind.AND) next();
                nodes.add(unary(field));
            }
            return nodes.size() == 1 ? nodes.get(0) : new All(nodes);
        }

        Node unary(String field) {
            if (peek().kind == Kind.NOT) {
                next();
                return new Not(unary(field));
            }
            Node node = primary(field);
            while (peek().kind == Kind.NEAR) {
                Token near = next();
                node = new Near(node, primary(field), near.number, near.pos);
            }
            return node;
        }

        Node primary(String field) {
            Token t = next();
            switch (t.kind) {
                case WORD:
                    return new Word(field, t.text, t.pos);
                case PHRASE:
                    return new Phrase(field, t.text, t.number, t.pos);
                case RANGE:
                    if (field == null || !field.equals("date") && !field.equals("published")) {
                        throw new InvalidQueryException("a [range] is for dates: date:[2018-01-01 TO 2018-12-31]", t.pos);
                    }
                    return new Range(field, t.text, t.pos);
                case FIELD:
                    if (field != null) throw new InvalidQueryException("'" + t.text + ":' inside '" + field + ":'", t.pos);
                    return primary(t.text);
                case OPEN: {
                    if (++depth > 20) throw new InvalidQueryException("parentheses nest deeper than 20", t.pos);
                    Node inner = or(field);
                    depth--;
                    Token close = next();
                    if (close.kind != Kind.CLOSE) throw new InvalidQueryException("the '(' here has no closing ')'", t.pos);
                    return inner;
                }
                case END:
                    throw new InvalidQueryException("the query ends where a word was expected", t.pos);
                case CLOSE:
                    throw new InvalidQueryException("a ')' where a word was expected", t.pos);
                default:
                    throw new InvalidQueryException("'" + t.text + "' where a word was expected", t.pos);
            }
        }
    }

    // ---- meaning

    private Query compile(Node node, List<Prefix> prefixes) {
        return switch (node) {
            case Word w -> word(w, prefixes);
            case Phrase p -> phrase(p);
            case Range r -> range(r);
            case Near n -> near(n);
            case Not n -> new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST)
                    .add(compile(n.node, prefixes), Occur.MUST_NOT).build();
            case Any any -> {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                for (Node n : any.nodes) b.add(compile(n, prefixes), Occur.SHOULD);
                yield b.build();
            }
            case All all -> {
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                boolean positive = false;
                for (Node n : all.nodes) {
                    if (n instanceof Not not) {
                        b.add(compile(not.node, prefixes), Occur.MUST_NOT);
                    } else {
                        b.add(compile(n, prefixes), Occur.MUST);
                        positive = true;
                    }
                }
                if (!positive) b.add(new MatchAllDocsQuery(), Occur.MUST);
                yield b.build();
            }
        };
    }

    private Query word(Word w, List<Prefix> prefixes) {
        String field = w.field == null ? null : FIELDS.get(w.field);
        String text = w.text;
        if (IndexSchema.PUBLISHED.equals(field)) return range(new Range(w.field, text + " TO " + text, w.pos));
        if (IndexSchema.LABEL.equals(field)) {
            int code = labelCode(text, w.pos);
            return NumericDocValuesField.newSlowExactQuery(IndexSchema.LABEL, code);
        }
        boolean wildcard = text.endsWith("*");
        if (text.indexOf('*') >= 0 && text.indexOf('*') < text.length() - 1 || text.indexOf('?') >= 0) {
            throw new InvalidQueryException("only a trailing '*' is allowed, as in taiw*", w.pos);
        }
        if (wildcard) text = text.substring(0, text.length() - 1);
        if (field != null && !IndexSchema.TITLE.equals(field) && !IndexSchema.TEXT.equals(field)) {
            String value = keyword(field, text);
            if (wildcard) {
                prefixes.add(new Prefix(field, value, w.pos));
                return new PrefixQuery(new Term(field, value));
            }
            return new TermQuery(new Term(field, value));
        }
        if (wildcard) {
            String prefix = TO_SIMPLIFIED.transliterate(text.toLowerCase(Locale.ROOT));
            if (prefix.codePointCount(0, prefix.length()) < MIN_PREFIX) {
                throw new InvalidQueryException("a wildcard needs at least " + MIN_PREFIX + " characters before '*'", w.pos);
            }
            return textFields(field, f -> {
                prefixes.add(new Prefix(f, prefix, w.pos));
                return new PrefixQuery(new Term(f, prefix));
            });
        }
        String words = text;
        return textFields(field, f -> tokens(f, words, 0, false));
    }

    private Query phrase(Phrase p) {
        String field = p.field == null ? null : FIELDS.get(p.field);
        if (field != null && !IndexSchema.TITLE.equals(field) && !IndexSchema.TEXT.equals(field)) {
            return new TermQuery(new Term(field, keyword(field, p.text)));
        }
        return textFields(field, f -> tokens(f, p.text, p.slop, true));
    }

    private Query near(Near n) {
        String field = fieldOf(n);
        if (field != null && !IndexSchema.TITLE.equals(field) && !IndexSchema.TEXT.equals(field)) {
            throw new InvalidQueryException("NEAR works on words of the title and text", n.pos);
        }
        return textFields(field, f -> {
            IntervalsSource source = intervals(f, n);
            return source == null ? new MatchNoDocsQuery("a side of NEAR has no words") : new IntervalQuery(f, source);
        });
    }

    private static String fieldOf(Node node) {
        return switch (node) {
            case Word w -> w.field == null ? null : FIELDS.get(w.field);
            case Phrase p -> p.field == null ? null : FIELDS.get(p.field);
            case Near n -> fieldOf(n.left) != null ? fieldOf(n.left) : fieldOf(n.right);
            default -> null;
        };
    }

    private IntervalsSource intervals(String field, Node node) {
        return switch (node) {
            case Word w -> {
                if (w.text.contains("*")) throw new InvalidQueryException("no wildcard beside NEAR", w.pos);
                yield phraseSource(field, w.text);
            }
            case Phrase p -> phraseSource(field, p.text);
            case Near n -> {
                IntervalsSource left = intervals(field, n.left), right = intervals(field, n.right);
                yield left == null || right == null ? null : Intervals.maxgaps(n.distance, Intervals.unordered(left, right));
            }
            case Range r -> throw new InvalidQueryException("NEAR joins words or phrases", r.pos);
            default -> throw new InvalidQueryException("NEAR joins words or phrases, not groups", 1);
        };
    }

    private IntervalsSource phraseSource(String field, String text) {
        if (analyse(field, text).isEmpty()) return null;
        try (TokenStream pairs = new CharacterPairPath(analyzer.tokenStream(field, text))) {
            return Intervals.analyzedText(pairs, 0, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tokens without the words that span several positions: what is left is the path of character
     * pairs, which always covers the same text (so NEAR counts characters). Lucene's intervals mis-read a
     * graph that also has same-position tokens (a character beside its pair, a cross-strait group token).
     */
    private static final class CharacterPairPath extends FilteringTokenFilter {
        private final PositionLengthAttribute length = addAttribute(PositionLengthAttribute.class);

        CharacterPairPath(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            return length.getPositionLength() <= 1;
        }
    }

    private interface PerField {
        Query build(String field);
    }

    /** The query on one text field, or on the title (weighed double) and the text when none is named. */
    private static Query textFields(String field, PerField build) {
        if (field != null) return build.build(field);
        return new BooleanQuery.Builder()
                .add(new BoostQuery(build.build(IndexSchema.TITLE), 2f), Occur.SHOULD)
                .add(build.build(IndexSchema.TEXT), Occur.SHOULD).build();
    }

    private record TermAt(String term, int position) {
    }

    /** All the words of {@code text} (or the phrase, when {@code phrase}), as the index analysed them; word graphs are respected. */
    private Query tokens(String field, String text, int slop, boolean phrase) {
        Query q = phrase ? builder.createPhraseQuery(field, text, slop) : builder.createBooleanQuery(field, text, Occur.MUST);
        return q == null ? new MatchNoDocsQuery("no words in '" + text + "'") : q;
    }

    private List<TermAt> analyse(String field, String text) {
        List<TermAt> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += Math.max(increment.getPositionIncrement(), 0);
                terms.add(new TermAt(term.toString(), Math.max(position, 0)));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static String keyword(String field, String value) {
        return switch (field) {
            case IndexSchema.COUNTRY -> value.toUpperCase(Locale.ROOT);
            case IndexSchema.KIND -> value.toLowerCase(Locale.ROOT);
            case IndexSchema.LANGUAGE -> IndexSchema.language(value);
            default -> value;
        };
    }

    private static int labelCode(String text, int pos) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.equals("not-relevant") || value.equals("irrelevant")) return IndexSchema.NOT_RELEVANT_CODE;
        if (value.equals("unclassified")) return IndexSchema.UNCLASSIFIED_CODE;
        try {
            return IndexSchema.code(Label.parse(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("label: takes positive, balanced, negative, not-relevant or unclassified; got '" + text + "'", pos);
        }
    }

    private static Query range(Range r) {
        String[] ends = r.text.strip().split("\\s+TO\\s+");
        if (ends.length != 2) throw new InvalidQueryException("write a date range as [2018-01-01 TO 2018-12-31]", r.pos);
        long from = ends[0].equals("*") ? Long.MIN_VALUE : day(ends[0], r.pos, false);
        long to = ends[1].equals("*") ? Long.MAX_VALUE : day(ends[1], r.pos, true) - 1;
        if (from > to) throw new InvalidQueryException("the range ends before it starts", r.pos);
        return LongPoint.newRangeQuery(IndexSchema.PUBLISHED, from, to);
    }

    /** The first instant of a day, month or year in Asia/Taipei, or the first instant after it. */
    private static long day(String text, int pos, boolean after) {
        try {
            LocalDate start;
            LocalDate end;
            if (text.matches("\\d{4}")) {
                start = LocalDate.of(Integer.parseInt(text), 1, 1);
                end = start.plusYears(1);
            } else if (text.matches("\\d{4}-\\d{2}")) {
                start = YearMonth.parse(text).atDay(1);
                end = start.plusMonths(1);
            } else {
                start = LocalDate.parse(text);
                end = start.plusDays(1);
            }
            return (after ? end : start).atStartOfDay(IndexSchema.TAIPEI).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            // DateTimeException: the day after +999999999-12-31; ArithmeticException: an instant past the epoch-milli range
            throw new InvalidQueryException("'" + text + "' is not a date: write 2018, 2018-03 or 2018-03-05", pos);
        }
    }
}
