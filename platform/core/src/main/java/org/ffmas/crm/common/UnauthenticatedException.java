package org.ffmas.crm.common;

/** No credentials, or credentials that prove nothing (answered as 401). */
public class UnauthenticatedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnauthenticatedException(String detail) {
        super(detail);
    }
}
