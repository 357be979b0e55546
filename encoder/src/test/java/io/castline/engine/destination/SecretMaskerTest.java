package io.castline.engine.destination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.castline.engine.destination.SecretMasker.MASK;
import static org.assertj.core.api.Assertions.assertThat;

/** What the structural masker does to the texts the issue found garbled or leaking. */
class SecretMaskerTest {
    private final SecretMasker masker = new SecretMasker();

    @Test
    void aKeyThatIsAlsoTheApplicationNameMasksOnlyTheKey() {
        masker.register("live2024");
        masker.register("live");
        assertThat(masker.mask("connecting to rtmp://127.0.0.1:19351/live/live2024"))
                .isEqualTo("connecting to rtmp://127.0.0.1:19351/live/" + MASK);
        assertThat(masker.mask("backup: IDLE -> CONNECTING (connecting to rtmp://127.0.0.1:19351/live/live)"))
                .isEqualTo("backup: IDLE -> CONNECTING (connecting to rtmp://127.0.0.1:19351/live/" + MASK + ")");
    }

    @Test
    void shortAndWordLikeKeysDoNotBlankOrdinaryWords() {
        for (String key : new String[] {"live", "back", "primary", "password", "ary"}) masker.register(key);
        String prose = "Output: primary: live again; if it does not come back, check the password. Broadcast: live: x264";
        assertThat(masker.mask(prose)).isEqualTo(prose);
    }

    @Test
    void aLongRegisteredKeyIsMaskedAsAWholeTokenOnly() {
        masker.register("live2024");
        assertThat(masker.mask("Server error: stream 'live2024' is already publishing"))
                .isEqualTo("Server error: stream '" + MASK + "' is already publishing");
        assertThat(masker.mask("Server error: live2024x and xlive2024 and live20245 are other names"))
                .isEqualTo("Server error: live2024x and xlive2024 and live20245 are other names");
    }

    @Test
    void srtPassphraseAndStreamIdAreMaskedOtherParametersKept() {
        String line = "srt: Connection to srt://127.0.0.1:19999?passphrase=hunter2hunter2&streamid=publish:live/streamkey99"
                + "&pbkeylen=16 failed: Input/output error";
        assertThat(masker.mask(line)).isEqualTo("srt: Connection to srt://127.0.0.1:19999?passphrase=" + MASK
                + "&streamid=" + MASK + "&pbkeylen=16 failed: Input/output error");
    }

    @Test
    void userInfoIsMaskedWhateverTheScheme() {
        assertThat(masker.mask("open rtmp://bob:s3cr3tpass@127.0.0.1:19351/deny/primary now"))
                .isEqualTo("open rtmp://" + MASK + "@127.0.0.1:19351/deny/" + MASK + " now");
        assertThat(masker.mask("GET https://user:pw@example.com/x")).isEqualTo("GET https://" + MASK + "@example.com/x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Error opening output rtmp://h/live/KEY123: Operation not permitted | Error opening output rtmp://h/live/••••: Operation not permitted",
            "(rtmp://h:1935/live/KEY123) | (rtmp://h:1935/live/••••)",
            "'rtmps://h/app/KEY123'. | 'rtmps://h/app/••••'.",
            "url=rtmp://h/app/a/b?x=1 end | url=rtmp://h/app/•••• end",
            "rtmp://h/app?token=qwerty | rtmp://h/app/••••",
            "RTMP://H/App/Key9876 | RTMP://H/App/••••",
            "rtmp://[::1]:1935/live/KEY123 | rtmp://[::1]:1935/live/••••",
            "{\"url\":\"rtmp://h/live/KEY123\",\"state\":\"LIVE\"} | {\"url\":\"rtmp://h/live/••••\",\"state\":\"LIVE\"}",
            "https://example.com/watch?v=abc&token=zz9&key=k1 | https://example.com/watch?v=abc&token=••••&key=••••",
            "rtmp: Cannot open connection tcp://127.0.0.1:1935?tcp_nodelay=1 | rtmp: Cannot open connection tcp://127.0.0.1:1935?tcp_nodelay=1",
            "testing: publishing a short test stream to rtmp://h:1935/live/KEY123… | testing: publishing a short test stream to rtmp://h:1935/live/••••…",
            "„rtmp://h/live/KEY123“ | „rtmp://h/live/••••“",
            "rtmp://••••@h/app/•••• | rtmp://••••@h/app/••••",
            "rtmp://h/app | rtmp://h/app",
            "rtmp://h/app/ | rtmp://h/app/",
    })
    void urlsInProseAreMaskedByStructure(String text, String masked) {
        assertThat(masker.mask(text)).isEqualTo(masked);
        assertThat(masker.mask(masked)).as("idempotent").isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "opening with passphrase=hunter2hunter2 latency=200000 | opening with passphrase=•••• latency=200000",
            "Authorization=Bearer | Authorization=••••",
            "stream_key=abc, done | stream_key=••••, done",
            "size=1024kB time=00:00:01 bitrate=300k speed=1x | size=1024kB time=00:00:01 bitrate=300k speed=1x",
            "pbkeylen=16 | pbkeylen=16",
    })
    void secretPairsOutsideUrlsAreMasked(String text, String masked) {
        assertThat(masker.mask(text)).isEqualTo(masked);
    }

    @Test
    void registrableSecretsAreLongAndNotPlainWords() {
        assertThat(SecretMasker.registrable("live2024")).isTrue();
        assertThat(SecretMasker.registrable("sk_live_9f8e")).isTrue();
        assertThat(SecretMasker.registrable("abcdefghijklmnopqrst")).isTrue();
        assertThat(SecretMasker.registrable("primary")).isFalse();
        assertThat(SecretMasker.registrable("password")).isFalse();
        assertThat(SecretMasker.registrable("live")).isFalse();
        assertThat(SecretMasker.registrable("has space 123")).isFalse();
        assertThat(SecretMasker.registrable(null)).isFalse();
    }

    @Test
    void aKeyContainingAShorterKeyIsMaskedWhole() {
        masker.register("overlapkey1");
        masker.register("overlapkey1-tail1secret");
        assertThat(masker.mask("name overlapkey1-tail1secret end")).isEqualTo("name " + MASK + " end");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "srt://h:9000?passphrase=hunter2hunter2&streamid=publish:live/x&latency=200000 | srt://h:9000?latency=200000",
            "srt://h:9000?passphrase=hunter2hunter2 | srt://h:9000",
            "rtmp://bob:pw@h:1935/live | rtmp://h:1935/live",
            "rtmp://h/live/KEY123?x=1 | rtmp://h/live",
            "rtmps://h:443/app | rtmps://h:443/app",
            "not a url | not a url",
    })
    void withoutSecretsDropsWhatWouldBeMasked(String url, String without) {
        assertThat(SecretMasker.withoutSecrets(url)).isEqualTo(without);
    }
}
