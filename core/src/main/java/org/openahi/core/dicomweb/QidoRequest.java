package org.openahi.core.dicomweb;

import java.util.List;
import java.util.Optional;
import org.openahi.core.imageset.QidoQuery;

/**
 * What a QIDO-RS search asks for, however it arrived: the conditions on the index, and the page (offset, limit)
 * within AHI's cap of {@value #MAX_RESULTS} reachable results.
 */
public record QidoRequest(List<QidoQuery.Match> matches, int offset, int limit, boolean fuzzyMatchingRequested) {
    /** AHI's cap: no more than this many records can be reached through QIDO-RS (ahi-behaviour §11). */
    public static final int MAX_RESULTS = 10_000;

    public QidoRequest {
        matches = List.copyOf(matches);
    }

    /** A page from {@code offset}: {@code limit} results (as many as the cap leaves when absent), never beyond the cap. */
    public static QidoRequest of(
            List<QidoQuery.Match> matches, int offset, Optional<Integer> limit, boolean fuzzyMatchingRequested) {
        int reachable = Math.max(0, MAX_RESULTS - offset);
        return new QidoRequest(matches, offset, Math.min(limit.orElse(reachable), reachable), fuzzyMatchingRequested);
    }

    /** True when the cap, not the data, may have ended the results at this page. */
    public boolean endsAtCap() {
        return offset + limit >= MAX_RESULTS;
    }
}
