package org.ffmas.crm.common;

/** The thing asked for does not exist (answered as 404). */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String detail) {
        super(detail);
    }
}
