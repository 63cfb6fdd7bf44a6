package org.mediamonitor.api;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may do what over HTTP: a bearer token names its holder and role; without one, a request may
 * read only when anonymous reading is on. Also keeps each client address under a request rate.
 */
final class Access {
    static final String WHO = "who", ROLE = "role", SESSION = "session";
    static final String COOKIE = "mm_session", CSRF_HEADER = "X-CSRF-Token";
    private static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in browser: the token holder it stands for, its CSRF token, and when it ends. */
    record Session(String id, AccessTokens.Holder holder, String csrf, Instant expires) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private final AccessTokens tokens;
    private final boolean anonymousRead;
    private final int maxRequestsPerMinute;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>(); // address -> {minute, count}

    Access(AccessTokens tokens, boolean anonymousRead, int maxRequestsPerMinute) {
        this.tokens = tokens;
        this.anonymousRead = anonymousRead;
        this.maxRequestsPerMinute = maxRequestsPerMinute;
    }

    /**
     * Names the caller (holder and role) on the context, or answers 401. A bearer token wins; else a
     * session cookie, which for any change must come with the session's CSRF token in a header.
     */
    void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        Session session = header == null ? session(ctx) : null;
        if (session != null) {
            boolean changes = !ctx.request().method().name().equals("GET") && !ctx.request().method().name().equals("HEAD");
            String csrf = ctx.request().getHeader(CSRF_HEADER);
            if (changes && (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.US_ASCII),
                    session.csrf().getBytes(StandardCharsets.US_ASCII)))) {
                ApiServer.problem(ctx, 403, "Forbidden", "a change from the web page needs the session's " + CSRF_HEADER + " header");
                return;
            }
            ctx.put(WHO, "token:" + session.holder().name());
            ctx.put(ROLE, session.holder().role());
            ctx.put(SESSION, session);
            ctx.next();
            return;
        }
        if (header == null) {
            if (anonymousRead) {
                ctx.put(WHO, "anonymous");
                ctx.put(ROLE, null);
                ctx.next();
            } else {
                unauthorised(ctx, "this service needs a token: send Authorization: Bearer <token>");
            }
            return;
        }
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        Optional<AccessTokens.Holder> holder = tokens.holderOf(token);
        if (holder.isEmpty()) {
            unauthorised(ctx, "the token is not valid (expected Authorization: Bearer <token>)");
            return;
        }
        ctx.put(WHO, "token:" + holder.get().name());
        ctx.put(ROLE, holder.get().role());
        ctx.next();
    }

    /** Starts a browser session for the holder of {@code token}; empty when the token is not valid. */
    Optional<Session> signIn(String token) {
        Optional<AccessTokens.Holder> holder = tokens.holderOf(token);
        if (holder.isEmpty()) return Optional.empty();
        Instant now = Instant.now();
        sessions.values().removeIf(s -> s.expires().isBefore(now));
        Session session = new Session(random(), holder.get(), random(), now.plus(SESSION_LIFETIME));
        sessions.put(session.id(), session);
        return Optional.of(session);
    }

    void signOut(RoutingContext ctx) {
        Session session = session(ctx);
        if (session != null) sessions.remove(session.id());
    }

    /** The live session named by the request's cookie, if any. */
    Session session(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie == null) return null;
        Session session = sessions.get(cookie.getValue());
        if (session == null || session.expires().isBefore(Instant.now())) return null;
        return tokens.isCurrent(session.holder()) ? session : null; // a revoked token ends its sessions
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A handler that lets through only callers with at least {@code needed}; anonymous readers count as below viewer for changes. */
    Handler<RoutingContext> requires(Role needed) {
        return ctx -> {
            Role role = ctx.get(ROLE);
            boolean anonymous = role == null;
            if (anonymous && needed == Role.VIEWER) {
                ctx.next();
            } else if (anonymous) {
                unauthorised(ctx, "this needs a token of an " + needed.wireName() + " or above");
            } else if (!role.allows(needed)) {
                ApiServer.problem(ctx, 403, "Forbidden", "this needs the " + needed.wireName() + " role; the token has " + role.wireName());
            } else {
                ctx.next();
            }
        };
    }

    /** Answers 429 to an address that has made more requests this minute than allowed. */
    void limitRate(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        long minute = System.currentTimeMillis() / 60_000;
        long[] window = windows.compute(address, (k, w) -> {
            if (w == null || w[0] != minute) return new long[] {minute, 1};
            w[1]++;
            return w;
        });
        if (window[1] > maxRequestsPerMinute) {
            ctx.response().putHeader("Retry-After", Long.toString(60 - (System.currentTimeMillis() / 1000) % 60));
            ApiServer.problem(ctx, 429, "Too Many Requests", "more than " + maxRequestsPerMinute + " requests a minute from " + address);
            return;
        }
        if (windows.size() > 100_000) windows.entrySet().removeIf(e -> e.getValue()[0] != minute);
        ctx.next();
    }

    private static void unauthorised(RoutingContext ctx, String detail) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"media-monitor\"");
        ApiServer.problem(ctx, 401, "Unauthorized", detail);
    }
}
