package org.ffmas.crm.common;

/** Creating or changing this would duplicate an existing record (answered as 409 naming it). */
public class DuplicateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String existingType;
    private final long existingId;

    public DuplicateException(String detail, String existingType, long existingId) {
        super(detail);
        this.existingType = existingType;
        this.existingId = existingId;
    }

    public String existingType() {
        return existingType;
    }

    public long existingId() {
        return existingId;
    }
}
