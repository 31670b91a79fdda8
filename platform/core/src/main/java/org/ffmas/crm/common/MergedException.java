package org.ffmas.crm.common;

/** The record was merged into another (answered as 404 with {@code mergedInto}). */
public class MergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long mergedInto;

    public MergedException(String detail, long mergedInto) {
        super(detail);
        this.mergedInto = mergedInto;
    }

    public long mergedInto() {
        return mergedInto;
    }
}
