package org.ffmas.crm.common;

/** The caller is known but may not do this (answered as 403). */
public class ForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String detail) {
        super(detail);
    }
}
