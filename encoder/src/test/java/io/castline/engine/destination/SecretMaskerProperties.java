package io.castline.engine.destination;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static io.castline.engine.destination.SecretMasker.MASK;
import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the masker over generated keys, URLs and prose (jqwik). */
class SecretMaskerProperties {

    /** Characters of stream keys as platforms issue them, and a few more that URLs allow. */
    private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~?=&%/";

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().withChars(KEY_CHARS).ofMinLength(1).ofMaxLength(40)
                .filter(k -> !k.startsWith("/") && !k.endsWith(".") && !k.endsWith("?") && !k.chars().allMatch(c -> c == '/'));
    }

    @Provide
    Arbitrary<String> apps() {
        return Arbitraries.of("live", "live2", "app", "rtmp", "primary", "backup", "ingest");
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.of("127.0.0.1:19351", "a.rtmp.youtube.com", "live-api-s.facebook.com:443", "[::1]:1935",
                "ingest.example.com");
    }

    /** Prose as logs and toasts have it: words, numbers, punctuation and spaces, but no URL and no "=". */
    @Provide
    Arbitrary<String> prose() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("primary", "backup", "live", "Output:", "if", "it", "does", "not", "come", "back",
                        "reconnecting", "in", "1.2", "s", "(attempt", "3)", "castline:", "Broadcast:", "x264", "—", "•",
                        "Connection", "refused", "(127.0.0.1:1935)", "stream", "key", "passphrase", "token:", "auth",
                        "http:", "//", "a/b", "ü", "'quoted'", "\"q\"", "[rtmp @ 0x55]", "kbps;"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12));
        return word.list().ofMaxSize(30).map(words -> String.join(" ", words));
    }

    @Property
    void maskingNeverChangesTextWithoutAUrlOrSecret(@ForAll("prose") String text, @ForAll("keys") String key) {
        SecretMasker masker = new SecretMasker();
        masker.register(key);
        // a registered key that is also a whole token of the text would rightly be masked: leave that case out
        boolean containsKeyToken = SecretMasker.registrable(key) && List.of(text.split("[^\\p{L}\\p{N}]+")).contains(key)
                || SecretMasker.registrable(key) && text.contains(key);
        if (containsKeyToken) return;
        assertThat(masker.mask(text)).isEqualTo(text);
    }

    @Property
    void noKeySurvivesInAnRtmpUrl(@ForAll("prose") String before, @ForAll("hosts") String host, @ForAll("apps") String app,
                                  @ForAll("keys") String key, @ForAll("prose") String after) {
        SecretMasker masker = new SecretMasker();
        masker.register(key);
        String text = before + " rtmp://" + host + "/" + app + "/" + key + " " + after;
        String masked = masker.mask(text);
        assertThat(masked).contains("rtmp://" + host + "/" + app + "/" + MASK + " ");
        assertThat(masked).doesNotContain("/" + app + "/" + key);
        assertThat(masked).startsWith(masker.mask(before + " ")).endsWith(" " + masker.mask(after));
    }

    @Property
    void noPassphraseOrStreamIdSurvivesInAnSrtUrl(@ForAll("keys") String passphrase, @ForAll("keys") String streamId) {
        String value = passphrase.replaceAll("[&?=]", "x");
        String id = streamId.replaceAll("[&?=]", "x");
        String masked = new SecretMasker().mask("connecting to srt://127.0.0.1:9000?passphrase=" + value
                + "&streamid=" + id + "&latency=200 now");
        assertThat(masked).isEqualTo("connecting to srt://127.0.0.1:9000?passphrase=" + MASK + "&streamid=" + MASK
                + "&latency=200 now");
    }

    @Property
    void maskingIsIdempotent(@ForAll("prose") String before, @ForAll("keys") String key, @ForAll("prose") String after) {
        SecretMasker masker = new SecretMasker();
        masker.register(key);
        String once = masker.mask(before + " rtmp://u:p@h/app/" + key + "?token=" + key + " " + key + " " + after);
        assertThat(masker.mask(once)).isEqualTo(once);
    }

    @Property
    void aRegisteredKeyStandingAloneIsMasked(@ForAll("keys") String key, @ForAll("prose") String after) {
        SecretMasker masker = new SecretMasker();
        masker.register(key);
        String masked = masker.mask("Server error: '" + key + "' " + after);
        if (SecretMasker.registrable(key)) assertThat(masked).startsWith("Server error: '" + MASK + "' ");
    }
}
