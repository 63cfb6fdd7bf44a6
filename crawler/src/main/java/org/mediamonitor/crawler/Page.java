package org.mediamonitor.crawler;

import java.net.URI;

/**
 * A fetched response body.
 *
 * @param requested   the URL asked for
 * @param finalUrl    the URL the content came from after redirects
 * @param status      HTTP status of the final response
 * @param contentType the Content-Type header, or null
 * @param body        the bytes, decoded from any transfer compression, at most the size limit
 * @param truncated   true when the body was cut at the size limit
 */
public record Page(URI requested, URI finalUrl, int status, String contentType, byte[] body, boolean truncated) {
}
