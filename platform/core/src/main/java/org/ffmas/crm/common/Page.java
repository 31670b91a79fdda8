package org.ffmas.crm.common;

import java.util.List;

/** One page of a list, the shape every list of the API has. Pages count from 1. */
public record Page<T>(List<T> items, long total, int page, int size) {}
