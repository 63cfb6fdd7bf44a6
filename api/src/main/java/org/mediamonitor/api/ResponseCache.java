package org.mediamonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Answers to reading requests (searches, counts, the KPI and its ledger), kept under the index version
 * they were computed at. A version changes with every change that searches can see — new items, staff
 * corrections — so an answer is only ever served for the index it was computed on: the exact counts
 * stay exact. Requests for the same answer that arrive while it is being computed wait for that one
 * computation rather than each starting its own, which keeps a burst after new items arrive cheap.
 * Answers are also dropped after a minute, as the KPI's pace moves with the clock.
 */
final class ResponseCache {
    /** A written answer: status 200, its type, extra headers and the body. */
    record Answer(String contentType, Map<String, String> headers, Buffer body) {
        static Answer json(Object value) {
            try {
                return new Answer("application/json; charset=utf-8", Map.of(), Buffer.buffer(Json.MAPPER.writeValueAsBytes(value)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        void send(HttpServerResponse response) {
            if (response.ended()) return;
            response.setStatusCode(200).putHeader("Content-Type", contentType);
            headers.forEach(response::putHeader);
            response.end(body);
        }
    }

    private record Key(long version, String request) {
    }

    private final AsyncCache<Key, Answer> answers;

    /** @param maxBytes how much memory the kept answers may take */
    ResponseCache(long maxBytes) {
        this.answers = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Answer answer) -> answer.body().length() + 2 * key.request().length() + 100)
                .expireAfterWrite(Duration.ofMinutes(1))
                // the cache's upkeep runs on the thread that used it, not handed to the common pool
                .executor(Runnable::run)
                .buildAsync();
    }

    /**
     * The answer to {@code request} at {@code version}, computed by {@code compute} when no one has yet.
     * A failed computation is not kept, so the next request tries again.
     */
    CompletableFuture<Answer> get(long version, String request, Supplier<Future<Answer>> compute) {
        return answers.get(new Key(version, request), (key, executor) -> compute.get().toCompletionStage().toCompletableFuture());
    }
}
