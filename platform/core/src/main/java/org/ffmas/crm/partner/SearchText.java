package org.ffmas.crm.partner;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Text as search and duplicate detection compare it: no case, no accents, no punctuation. */
public final class SearchText {

    /** Legal-form words that say nothing about which company it is. */
    private static final Set<String> LEGAL_FORM_WORDS = Set.of("sa", "sas", "sasu", "sarl", "eurl", "sci", "snc", "sca",
            "scop", "scic", "gie", "selarl", "selas", "ei", "eirl", "micro", "entreprise", "societe", "ste", "cie", "et",
            "association", "asso", "groupe", "group", "france", "the", "ltd", "inc", "gmbh", "llc", "le", "la", "les", "l", "de", "du", "des");

    // compiled once: imports normalise several texts per row
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern SPACES = Pattern.compile(" +");

    /** The fields of a company that {@code q} searches, besides its contacts' names and e-mails. */
    private static final List<CompanyField> SEARCHED = List.of(CompanyField.LEGAL_NAME, CompanyField.TRADE_NAME, CompanyField.SIREN,
            CompanyField.SIRET, CompanyField.CITY, CompanyField.POSTAL_CODE);

    /** What a character below {@link #TABLED} becomes: letters, " " (a gap between words) or "" (a mark); null: see {@link #unicode}. */
    private static final int TABLED = 0x250; // Latin-1, Latin Extended-A and B: French, and most names met here
    private static final String[] FOLDED = new String[TABLED];

    static {
        // each entry is what the whole-text rules below make of the character alone: for these
        // characters the rules do not depend on the neighbours (lower case has no context here)
        for (char c = 0; c < TABLED; c++) {
            String alone = fold(String.valueOf(c));
            String word = NOT_WORD.matcher(alone).replaceAll("");
            FOLDED[c] = alone.isEmpty() ? "" : word.isEmpty() ? " " : word.equals(alone) ? alone : null;
        }
    }

    private SearchText() {}

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        // one pass with the table for the usual text (imports normalise several texts per row)
        StringBuilder out = new StringBuilder(text.length());
        boolean gap = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String f = c < TABLED ? FOLDED[c] : null;
            if (f == null) {
                return unicode(text);
            }
            if (f.isEmpty()) {
                continue;
            }
            if (f.charAt(0) == ' ') {
                gap = true;
            } else {
                if (gap && out.length() > 0) {
                    out.append(' ');
                }
                gap = false;
                out.append(f);
            }
        }
        return out.toString();
    }

    /** The rules over the whole text: any script, marks and case as Unicode has them. */
    static String unicode(String text) {
        return NOT_WORD.matcher(fold(text)).replaceAll(" ").trim();
    }

    /** Decomposed, marks left out, lower case, ligatures written out. */
    private static String fold(String text) {
        String decomposed = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return decomposed.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
    }

    /** The words of a normalised text. */
    public static List<String> words(String text) {
        String n = normalize(text);
        return n.isEmpty() ? List.of() : Arrays.asList(n.split(" "));
    }

    /** A company name without accents, punctuation or legal-form words: "Société Générale SA" → "generale". */
    public static String nameKey(String legalName) {
        String key = words(legalName).stream().filter(w -> !LEGAL_FORM_WORDS.contains(w)).collect(Collectors.joining(" "));
        return key.isEmpty() ? normalize(legalName) : key;
    }

    /**
     * What {@code q} searches in a company: its names, numbers, city and postal code, and
     * {@code contactWords}, its contacts' names and e-mails.
     */
    static String ofCompany(Company c, List<String> contactWords) {
        StringBuilder text = new StringBuilder();
        for (CompanyField field : SEARCHED) {
            Object value = field.read(c);
            if (value != null && !value.toString().isEmpty()) {
                text.append(normalize(value.toString())).append(' ');
            }
        }
        for (String contact : contactWords) {
            text.append(normalize(contact)).append(' ');
        }
        return SPACES.matcher(text).replaceAll(" ").strip();
    }
}
