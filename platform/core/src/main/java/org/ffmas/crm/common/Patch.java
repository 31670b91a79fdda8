package org.ffmas.crm.common;

/**
 * One field of a request that changes a record: absent (the field stays as it is), or sent,
 * with a value or with null (the field is cleared).
 */
public record Patch<T>(boolean sent, T value) {

    private static final Patch<?> ABSENT = new Patch<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() {
        return (Patch<T>) ABSENT;
    }

    public static <T> Patch<T> of(T value) {
        return new Patch<>(true, value);
    }

    /** The value sent, else {@code current}. */
    public T over(T current) {
        return sent ? value : current;
    }
}
