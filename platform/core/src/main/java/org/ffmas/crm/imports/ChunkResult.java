package org.ffmas.crm.imports;

import java.util.List;

/**
 * What a stored chunk did: created, updated, unchanged and rejected rows, the problems recorded for the rejected ones, and the
 * companies to fill from the registry.
 */
record ChunkResult(int created, int updated, int unchanged, int rejected, int rejections, List<Long> toEnrich) {}
