package io.castline.app.notify;

/**
 * One thing the host should know: what happened and what to do about it.
 *
 * @param key identifies the condition, so that it is told once per occurrence
 */
public record Notice(Severity severity, String key, String title, String text) {
    public enum Severity { INFO, WARNING, ERROR }

    public static Notice error(String key, String title, String text) { return new Notice(Severity.ERROR, key, title, text); }

    public static Notice warning(String key, String title, String text) { return new Notice(Severity.WARNING, key, title, text); }

    public static Notice info(String key, String title, String text) { return new Notice(Severity.INFO, key, title, text); }
}
