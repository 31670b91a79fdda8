package org.ffmas.crm.partner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Likely duplicates of a company, scored by what they share with it: SIREN, name, postal code. */
final class CompanyDuplicates {

    private static final int MOST = 50;

    private final CompanyRepository companies;
    private final CompanyEditor editor;

    CompanyDuplicates(CompanyRepository companies, CompanyEditor editor) {
        this.companies = companies;
        this.editor = editor;
    }

    /** Likely duplicates of a company, best first. */
    List<DuplicateCandidate> of(long id) {
        Company c = editor.get(id);
        String nameKey = companies.nameKeyOf(id);
        List<DuplicateCandidate> out = new ArrayList<>();
        for (Company other : companies.duplicateCandidates(c, nameKey, MOST)) {
            List<String> reasons = new ArrayList<>();
            double score = 0;
            if (c.siren() != null && c.siren().equals(other.siren())) {
                score += 0.6;
                reasons.add("same SIREN");
            }
            String otherKey = SearchText.nameKey(other.legalName());
            if (otherKey.equals(nameKey)) {
                score += 0.3;
                reasons.add("same name");
            } else if (otherKey.split(" ")[0].equals(nameKey.split(" ")[0])) {
                score += 0.15;
                reasons.add("similar name");
            }
            if (c.address().postalCode() != null && c.address().postalCode().equals(other.address().postalCode())) {
                score += 0.1;
                reasons.add("same postal code");
            }
            out.add(new DuplicateCandidate(other, Math.min(1.0, Math.round(score * 100) / 100.0), reasons));
        }
        out.sort(Comparator.comparingDouble(DuplicateCandidate::score).reversed().thenComparing(d -> d.company().id()));
        return out;
    }
}
