package io.castline.app.notify;

import io.castline.engine.destination.Secrets;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Why an engine call failed, in the words a notice shows: the cause's message, keys masked. */
public final class Reasons {
    private Reasons() {}

    public static String of(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return Secrets.mask(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
}
