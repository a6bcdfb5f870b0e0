package org.openahi.core.page;

import java.util.List;
import java.util.Optional;

/** One page of a listing and, when more follow, the token for the next one. */
public record Page<T>(List<T> items, Optional<String> nextToken) {
    public Page {
        items = List.copyOf(items);
    }
}
