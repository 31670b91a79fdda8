package org.ffmas.crm.ui;

import java.text.NumberFormat;
import java.util.Locale;

/** Amounts as French staff read them: 12 500,00 €. */
final class Money {

    private Money() {
    }

    static String euros(long cents) {
        NumberFormat f = NumberFormat.getCurrencyInstance(Locale.FRANCE);
        return f.format(cents / 100.0).replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
