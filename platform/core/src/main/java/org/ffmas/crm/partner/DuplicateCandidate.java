package org.ffmas.crm.partner;

import java.util.List;

/** A likely duplicate of a company, with a score from 0 to 1 and why. */
public record DuplicateCandidate(Company company, double score, List<String> reasons) {}
