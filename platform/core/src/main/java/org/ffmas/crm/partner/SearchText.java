package org.ffmas.crm.partner;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Text as search and duplicate detection compare it: no case, no accents, no punctuation. */
public final class SearchText {

    /** Legal-form words that say nothing about which company it is. */
    private static final Set<String> LEGAL_FORM_WORDS = Set.of("sa", "sas", "sasu", "sarl", "eurl", "sci", "snc", "sca",
            "scop", "scic", "gie", "selarl", "selas", "ei", "eirl", "micro", "entreprise", "societe", "ste", "cie", "et",
            "association", "asso", "groupe", "group", "france", "the", "ltd", "inc", "gmbh", "llc", "le", "la", "les", "l", "de", "du", "des");

    // compiled once: imports normalise several texts per row
    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");
    private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchText() {}

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return NOT_WORD.matcher(decomposed.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae").replace("ß", "ss"))
                .replaceAll(" ").trim();
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
}
