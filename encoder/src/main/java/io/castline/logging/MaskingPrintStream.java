package io.castline.logging;

import io.castline.engine.destination.Secrets;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A print stream that masks secrets ({@link Secrets#mask}) line by line before they reach the
 * stream it wraps: the CLI's stdout and stderr go through one, so nothing the command line prints
 * (its own messages, picocli's echo of a bad argument, a stack trace) shows a stream key. Whole
 * lines are masked so that a URL written in pieces is still seen whole; a line that never ends is
 * written when it passes {@value #MAX_LINE} bytes or at {@link #close()}.
 */
public final class MaskingPrintStream extends PrintStream {
    static final int MAX_LINE = 64 * 1024;

    public MaskingPrintStream(PrintStream target) {
        super(new LineMasker(target), true, StandardCharsets.UTF_8);
    }

    /** Writes a pending unfinished line (masked) and flushes; the wrapped stream stays open. */
    public void finish() {
        flush();
        ((LineMasker) out).finish();
    }

    @Override public void close() {
        finish();
    }

    private static final class LineMasker extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineMasker(PrintStream target) {
            this.target = target;
        }

        @Override public synchronized void write(int b) {
            line.write(b);
            if (b == '\n' || b == '\r' || line.size() >= MAX_LINE) emit();
        }

        @Override public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) write(b[i]);
        }

        @Override public synchronized void flush() {
            target.flush();
        }

        synchronized void finish() {
            if (line.size() > 0) emit();
            target.flush();
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            target.print(Secrets.mask(text));
            target.flush();
        }
    }
}
