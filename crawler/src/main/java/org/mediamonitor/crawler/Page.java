package org.mediamonitor.crawler;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A fetched response.
 *
 * @param requested   the URL asked for
 * @param finalUrl    the URL the content came from after redirects
 * @param status      HTTP status of the final response (200, or 304 when a conditional GET found no change)
 * @param contentType the Content-Type header, or null
 * @param body        the bytes, decoded from any content encoding, at most the size limit
 * @param truncated   true when the body was cut at the size limit
 * @param validators  the response's ETag and Last-Modified, for the next conditional GET
 * @param headers     the response headers as received (name, value), for the archive
 * @param fetched     when the response arrived
 */
public record Page(URI requested, URI finalUrl, int status, String contentType, byte[] body, boolean truncated,
                   Validators validators, List<Map.Entry<String, String>> headers, Instant fetched) {
    public Page {
        if (body == null) body = new byte[0];
        if (validators == null) validators = Validators.NONE;
        headers = headers == null ? List.of() : List.copyOf(headers);
        if (fetched == null) fetched = Instant.now();
    }

    /** True for the answer to a conditional GET whose document has not changed. */
    public boolean notModified() {
        return status == 304;
    }

    /** What a server said about a document's version: sent back on the next request as a conditional GET. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);

        public boolean isEmpty() {
            return etag == null && lastModified == null;
        }
    }
}
