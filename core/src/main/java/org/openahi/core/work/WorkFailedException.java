package org.openahi.core.work;

import java.util.Optional;

/**
 * Background work that cannot be done (unreadable input, over a limit, a conflict found on the way): it ends FAILED
 * with {@link FailureCode#message}, the text AHI's clients read.
 */
public final class WorkFailedException extends Exception {
    private final Optional<FailureCode> code;

    public WorkFailedException(FailureCode code, String text) {
        super(code.message(text));
        this.code = Optional.of(code);
    }

    public WorkFailedException(FailureCode code, String text, Throwable cause) {
        super(code.message(text), cause);
        this.code = Optional.of(code);
    }

    private WorkFailedException(String message) {
        super(message);
        this.code = Optional.empty();
    }

    /**
     * A message without a code: only an import job whose data store was deleted under it ends so, with the text it has
     * had since it was first written ({@code Datastore <id> no longer exists}).
     */
    public static WorkFailedException uncoded(String message) {
        return new WorkFailedException(message);
    }

    public Optional<FailureCode> code() {
        return code;
    }
}
