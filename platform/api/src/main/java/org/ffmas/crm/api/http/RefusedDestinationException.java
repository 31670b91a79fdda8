package org.ffmas.crm.api.http;

import java.io.IOException;

/**
 * A call {@link OutboundHttp} refused to make: the URL names, or resolves to, an address that
 * outbound calls may not reach. Nothing was sent. The message names the host and why, and how an
 * administrator may allow it; it is fit to be shown to staff.
 */
public class RefusedDestinationException extends IOException {

    private static final long serialVersionUID = 1L;

    public RefusedDestinationException(String message) {
        super(message);
    }
}
