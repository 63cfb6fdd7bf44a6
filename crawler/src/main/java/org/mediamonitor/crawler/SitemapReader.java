package org.mediamonitor.crawler;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads XML sitemaps, sitemap indexes and Google News sitemaps, plain or gzipped (crawler-commons),
 * into article entries and child sitemaps. A gzipped sitemap is decoded with the same cap on its size
 * as any response, so a compression bomb stops there.
 */
final class SitemapReader {

    /** The articles a sitemap lists, or the sitemaps an index lists. */
    record Sitemap(List<FeedReader.Entry> entries, List<URI> children) {
    }

    private final int maxBytes;

    SitemapReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** True when the document is a sitemap or sitemap index rather than a feed (plain or gzipped). */
    static boolean isSitemap(byte[] document) {
        if (isGzip(document)) return true;
        String head = new String(document, 0, Math.min(document.length, 2048), StandardCharsets.UTF_8);
        int start = head.indexOf('<');
        while (start >= 0 && start + 1 < head.length() && (head.charAt(start + 1) == '?' || head.charAt(start + 1) == '!')) {
            start = head.indexOf('<', start + 1);
        }
        if (start < 0) return false;
        String root = head.substring(start + 1);
        return root.startsWith("urlset") || root.startsWith("sitemapindex")
                || root.matches("(?s)^\\w+:(urlset|sitemapindex).*");
    }

    Sitemap read(byte[] document, URI url) throws IOException {
        byte[] xml = isGzip(document) ? gunzip(document) : document;
        SiteMapParser parser = new SiteMapParser(false, true);
        parser.enableExtension(Extension.NEWS);
        AbstractSiteMap map;
        try {
            map = parser.parseSiteMap("text/xml", xml, toUrl(url));
        } catch (UnknownFormatException | RuntimeException e) {
            throw new IOException("not a readable sitemap: " + e.getMessage(), e);
        }
        List<FeedReader.Entry> entries = new ArrayList<>();
        List<URI> children = new ArrayList<>();
        if (map instanceof SiteMapIndex index) {
            for (AbstractSiteMap child : index.getSitemaps()) {
                URI uri = toUri(child.getUrl());
                if (uri != null) children.add(uri);
            }
        } else if (map instanceof SiteMap sitemap) {
            for (SiteMapURL entry : sitemap.getSiteMapUrls()) {
                URI link = toUri(entry.getUrl());
                if (link == null) continue;
                Instant published = entry.getLastModified() == null ? null : entry.getLastModified().toInstant();
                String title = null;
                ExtensionMetadata[] news = entry.getAttributesForExtension(Extension.NEWS);
                if (news != null) {
                    for (ExtensionMetadata meta : news) {
                        if (meta instanceof NewsAttributes attributes) {
                            if (attributes.getPublicationDate() != null) published = attributes.getPublicationDate().toInstant();
                            title = attributes.getTitle();
                        }
                    }
                }
                entries.add(new FeedReader.Entry(link, title, published, null));
            }
        }
        return new Sitemap(entries, children);
    }

    private static boolean isGzip(byte[] document) {
        return document.length > 2 && (document[0] & 0xff) == 0x1f && (document[1] & 0xff) == 0x8b;
    }

    private byte[] gunzip(byte[] document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(document))) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) != -1 && out.size() <= maxBytes; ) out.write(buffer, 0, n);
        } catch (IOException e) {
            // a cut or corrupt stream; EOFException and ZipException often carry no message
            throw new IOException("not a readable gzipped sitemap: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (out.size() > maxBytes) throw new IOException("gzipped sitemap larger than " + maxBytes + " bytes");
        return out.toByteArray();
    }

    private static URL toUrl(URI uri) throws IOException {
        try {
            return uri.toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw new IOException("not a sitemap URL: " + uri, e);
        }
    }

    private static URI toUri(URL url) {
        if (url == null) return null;
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
