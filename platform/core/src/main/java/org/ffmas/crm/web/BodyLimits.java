package org.ffmas.crm.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Bounds request bodies before anything reads them: JSON and forms to {@code http.maxJsonBytes},
 * uploads (any other media type: CSV, jars, documents, multipart) to {@code http.maxUploadBytes}.
 * A declared length over the limit is answered 413 at once, without reading the body; a body
 * without a length (chunked) is counted as it is read and cut off at the limit.
 */
final class BodyLimits extends Handler.Wrapper {

    private final ObjectMapper json;
    private final long maxJsonBytes;
    private final long maxUploadBytes;

    BodyLimits(Handler next, ObjectMapper json, long maxJsonBytes, long maxUploadBytes) {
        super(next);
        this.json = json;
        this.maxJsonBytes = maxJsonBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long limit = isJsonOrForm(request.getHeaders().get(HttpHeader.CONTENT_TYPE)) ? maxJsonBytes : maxUploadBytes;
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > limit) {
            // the connection cannot be reused with a body left unread: the client is told, then it closes
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            ProblemErrorHandler.write(json, response, 413, "The request body is larger than this server accepts (" + limit + " bytes at most).",
                    callback);
            return true;
        }
        return super.handle(declared >= 0 ? request : new Counted(request, limit), response, callback);
    }

    static boolean isJsonOrForm(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/json") || type.contains("+json") || type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("text/plain");
    }

    /** A body of unknown length, failed with a 413 once more than the limit has been read. */
    private static final class Counted extends Request.Wrapper {
        private final long limit;
        private long read;

        Counted(Request request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            read += chunk.getByteBuffer().remaining();
            if (read > limit) {
                chunk.release();
                return Content.Chunk.from(new HttpException.RuntimeException(413, "request body over " + limit + " bytes"), true);
            }
            return chunk;
        }
    }
}
