package io.castline.engine.destination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DestinationTest {

    private static final String KEY = "live_4711_SeCrEtKeY";

    private static IllegalArgumentException refused(String name, String url) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> Destination.parse(name, url));
        assertThat(e).as("parse(%s, %s) should be refused", name, url).isNotNull();
        return e;
    }

    @Test
    void whipKeepsItsTokenAsTheKeyAndTheEndpointsOwnParameters() {
        Destination d = Destination.parse("web", "whip://127.0.0.1:8889/whip/endpoint/live?room=7&token=s3cret-t0ken");
        assertThat(d.whip()).isTrue();
        assertThat(d.maskedUrl()).isEqualTo("whip://127.0.0.1:8889/whip/endpoint/live?room=7&token=••••");
        assertThat(d.publishUrl()).isEqualTo("whip://127.0.0.1:8889/whip/endpoint/live?room=7&token=s3cret-t0ken");
        assertThat(d.port()).isEqualTo(8889);
        WhipUrl w = WhipUrl.parse(d.publishUrl());
        assertThat(w.endpoint()).as("what FFmpeg requests: no token in it").isEqualTo("http://127.0.0.1:8889/whip/endpoint/live?room=7");
        assertThat(w.token()).isEqualTo("s3cret-t0ken");
        assertThat(Destination.parse("web", "whip://h.example/whip").port()).isEqualTo(80);
        assertThatThrownBy(() -> Destination.parse("web", "whip://h.example/?token=s3cret-t0ken"))
                .hasMessageContaining("no endpoint path").hasMessageNotContaining("s3cret");
        Destination https = Destination.parse("web", "whips://h.example/whip?token=s3cret-t0ken");
        assertThat(https.tls()).as("verified like rtmps://").isTrue();
        assertThat(https.port()).isEqualTo(443);
        assertThat(https.maskedUrl()).isEqualTo("whips://h.example/whip?token=••••");
    }

    @Test
    void parsesServerAppAndKey() {
        Destination d = Destination.parse("primary", "rtmp://ingest.example.com:1935/app/" + KEY);
        assertThat(d.name()).isEqualTo("primary");
        assertThat(d.publishUrl()).isEqualTo("rtmp://ingest.example.com:1935/app/" + KEY);
        assertThat(d.maskedUrl()).isEqualTo("rtmp://ingest.example.com:1935/app/" + Secrets.MASK);
        assertThat(d.maskedUrl()).doesNotContain(KEY).endsWith(Secrets.MASK);
        assertThat(d.host()).isEqualTo("ingest.example.com");
        assertThat(d.toString()).contains("primary").doesNotContain(KEY);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        Destination d = Destination.parse("primary", "  rtmp://h/live/abcd1234  ");
        assertThat(d.publishUrl()).isEqualTo("rtmp://h/live/abcd1234");
    }

    @Test
    void keyMayHaveNestedPathAndQuery() {
        Destination d = Destination.parse("backup", "rtmp://h/app/a/b?x=1");
        assertThat(d.publishUrl()).isEqualTo("rtmp://h/app/a/b?x=1");
        assertThat(d.maskedUrl()).isEqualTo("rtmp://h/app/" + Secrets.MASK);
        assertThat(d.maskedUrl()).doesNotContain("a/b").doesNotContain("x=1");
        assertThat(Secrets.mask("error at rtmp://h/app/a/b?x=1")).isEqualTo("error at rtmp://h/app/" + Secrets.MASK);
    }

    @Test
    void keyMayBeJustAQuery() {
        Destination d = Destination.parse("primary", "rtmp://h/app?token=qwerty123");
        assertThat(d.publishUrl()).isEqualTo("rtmp://h/app?token=qwerty123");
        assertThat(d.maskedUrl()).isEqualTo("rtmp://h/app/" + Secrets.MASK).doesNotContain("qwerty123");
    }

    @Test
    void rtmpsIsSupported() {
        Destination d = Destination.parse("primary", "rtmps://live-api-s.example.com:443/rtmp/FB-123-xyz789");
        assertThat(d.publishUrl()).isEqualTo("rtmps://live-api-s.example.com:443/rtmp/FB-123-xyz789");
        assertThat(d.maskedUrl()).isEqualTo("rtmps://live-api-s.example.com:443/rtmp/" + Secrets.MASK);
        assertThat(d.host()).isEqualTo("live-api-s.example.com");
    }

    @Test
    void schemeIsCaseInsensitive() {
        Destination d = Destination.parse("primary", "RTMP://h/app/Key9876");
        assertThat(d.maskedUrl()).isEqualTo("rtmp://h/app/" + Secrets.MASK);
        assertThat(d.publishUrl()).isEqualTo("rtmp://h/app/Key9876");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmp://h/app", "rtmp://h/app/", "rtmp://h:1935/live2"})
    void missingKeyIsRefused(String url) {
        IllegalArgumentException e = refused("primary", url);
        assertThat(e.getMessage()).startsWith("primary: ").contains("stream key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmp://h", "rtmp://h/", "rtmp://h//SECRETKEY123"})
    void missingAppIsRefused(String url) {
        IllegalArgumentException e = refused("backup", url);
        assertThat(e.getMessage()).startsWith("backup: ").contains("application").doesNotContain("SECRETKEY123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://x/y/SECRETKEY123", "https://h/app/SECRETKEY123", "file:///tmp/SECRETKEY123",
            "h/app/SECRETKEY123"})
    void unsupportedSchemeIsRefused(String url) {
        IllegalArgumentException e = refused("primary", url);
        assertThat(e.getMessage()).startsWith("primary: ").contains("protocol").doesNotContain("SECRETKEY123");
    }

    @Test
    void emptyOrMissingUrlIsRefused() {
        assertThat(refused("primary", "").getMessage()).isEqualTo("primary: URL is empty");
        assertThat(refused("primary", "   ").getMessage()).isEqualTo("primary: URL is empty");
        assertThat(refused("backup", null).getMessage()).isEqualTo("backup: URL is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmp://h:0/app/SECRETKEY123", "rtmp://h:70000/app/SECRETKEY123",
            "rtmp://h:abc/app/SECRETKEY123", "rtmp://h:99999999999/app/SECRETKEY123"})
    void badPortIsRefused(String url) {
        IllegalArgumentException e = refused("primary", url);
        assertThat(e.getMessage()).startsWith("primary: ").doesNotContain("SECRETKEY123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rtmp://h/app/SECRET KEY123", "rtmp://h/app/SECRET%zzKEY123", "rtmp:///app/SECRETKEY123",
            "rtmp:app/SECRETKEY123"})
    void malformedUrlsAreRefusedWithoutTheKey(String url) {
        IllegalArgumentException e = refused("primary", url);
        assertThat(e.getMessage()).startsWith("primary: ").doesNotContain("SECRETKEY123").doesNotContain("KEY123");
    }

    @Test
    void maskScrubsARegisteredKeyFromArbitraryText() {
        String key = "sk_live_9f8e7d6c5b4a";
        Destination.parse("primary", "rtmp://a.example.com/live2/" + key).publishUrl();
        String text = "[flv @ 0x55] Failed to publish '" + key + "'; url=rtmp://a.example.com/live2/" + key + " end";
        String masked = Secrets.mask(text);
        assertThat(masked).doesNotContain(key)
                .isEqualTo("[flv @ 0x55] Failed to publish '" + Secrets.MASK + "'; url=rtmp://a.example.com/live2/"
                        + Secrets.MASK + " end");
        assertThat(Secrets.mask("nothing secret here")).isEqualTo("nothing secret here");
        assertThat(Secrets.mask(null)).isNull();
    }

    @Test
    void registerIgnoresVeryShortStrings() {
        Secrets.register("ab");
        Secrets.register(null);
        assertThat(Secrets.mask("a cab in the abbey")).isEqualTo("a cab in the abbey");
        Secrets.register("zq9-registered-direct");
        assertThat(Secrets.mask("x zq9-registered-direct y")).isEqualTo("x " + Secrets.MASK + " y");
    }

    /**
     * Regression: a password given as URL user-info (rtmp://user:pass@host/app/key,
     * used by some ingests for RTMP authentication) is kept in the masked URL shown in stats,
     * logs and the UI.
     */
    @Test
    void maskedUrlDoesNotShowAUserInfoPassword() {
        Destination d = Destination.parse("primary", "rtmp://user:hunter2pass@h/app/KEY123456");
        assertThat(d.publishUrl()).isEqualTo("rtmp://user:hunter2pass@h/app/KEY123456");
        assertThat(d.maskedUrl()).doesNotContain("hunter2pass").doesNotContain("KEY123456");
    }

    /**
     * Regression: when one registered key is contained in another (e.g. a primary key and a
     * longer backup key that starts with it), masking may replace the shorter one first and leave
     * the rest of the longer key in clear text, depending on hash-set iteration order.
     */
    @Test
    void maskNeverLeavesPartOfALongerKeyThatContainsAShorterOne() {
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String shortKey = "overlapkey" + i;
            String longKey = shortKey + "-tail" + i + "secret";
            Destination.parse("primary", "rtmp://h/app/" + shortKey);
            Destination.parse("backup", "rtmp://h/app/" + longKey);
            String masked = Secrets.mask("publishing to rtmp://h/app/" + longKey);
            if (!masked.equals("publishing to rtmp://h/app/" + Secrets.MASK)) leaks.add(masked);
        }
        assertThat(leaks).isEmpty();
    }

    /** Regression (issue 9): SRT's passphrase and streamid were shown in clear. */
    @Test
    void srtPassphraseAndStreamIdAreMasked() {
        Destination d = Destination.parse("primary", "srt://127.0.0.1:9000?passphrase=hunter2hunter2&streamid=publish:live/sid77&latency=200000");
        assertThat(d.maskedUrl()).isEqualTo("srt://127.0.0.1:9000?passphrase=" + Secrets.MASK + "&streamid=" + Secrets.MASK
                + "&latency=200000");
        assertThat(d.toString()).doesNotContain("hunter2hunter2").doesNotContain("sid77");
    }

    /**
     * Regression (issue 9): with the key "live" the studio showed rtmp://127.0.0.1:19351/••••/••••, and
     * with the key "primary" logs read "Output: ••••:" — masking blanked the key's text everywhere.
     */
    @Test
    void shortOrWordLikeKeysMaskOnlyTheKeyPartOfTheUrl() {
        Destination live = Destination.parse("backup", "rtmp://127.0.0.1:19351/live/live");
        Destination primary = Destination.parse("primary", "rtmp://127.0.0.1:19351/live/primary");
        live.publishUrl();
        primary.publishUrl();
        assertThat(live.maskedUrl()).isEqualTo("rtmp://127.0.0.1:19351/live/" + Secrets.MASK);
        assertThat(primary.maskedUrl()).isEqualTo("rtmp://127.0.0.1:19351/live/" + Secrets.MASK);
        String prose = "Output: primary: LIVE -> RECONNECTING; if it does not come back, Broadcast: live: x264";
        assertThat(Secrets.mask(prose)).isEqualTo(prose);
    }

    /** Regression (issue 9): every URL parsed (each keystroke of a key being typed) was registered for masking. */
    @Test
    void parsingAloneRegistersNothing() {
        Destination.parse("primary", "rtmp://h/app/zq9-typed-but-never-used");
        assertThat(Secrets.mask("see zq9-typed-but-never-used here")).isEqualTo("see zq9-typed-but-never-used here");
    }

    @Test
    void publishingRegistersTheKeyAndTheSrtSecretsAsWholeTokens() {
        Destination.parse("primary", "rtmp://u:pw-zq8-user-secret@h/app/zq8-key-in-use?token=zq8-token-value").publishUrl();
        Destination.parse("backup", "srt://h:9000?passphrase=zq8-srt-phrase&streamid=zq8-srt-stream").publishUrl();
        assertThat(Secrets.mask("Server error: zq8-key-in-use, zq8-token-value, pw-zq8-user-secret, zq8-srt-phrase, zq8-srt-stream"))
                .isEqualTo("Server error: " + String.join(", ", java.util.Collections.nCopies(5, Secrets.MASK)));
    }

    /** The platform presets say which protocols each platform's ingests take. */
    @Test
    void aProtocolThePlatformDoesNotTakeIsRefusedByName() {
        assertThatThrownBy(() -> Destination.parse("primary", "rtmp://live-api-s.facebook.com:80/rtmp/" + KEY))
                .hasMessage("primary: Facebook Live ingests take rtmps://, not rtmp://");
        assertThatThrownBy(() -> Destination.parse("backup", "srt://a.rtmp.youtube.com:9000?streamid=" + KEY))
                .hasMessage("backup: YouTube Live ingests take rtmp:// or rtmps://, not srt://");
        assertThat(Destination.parse("primary", "rtmps://live-api-s.facebook.com:443/rtmp/" + KEY).tls()).isTrue();
        assertThat(Destination.parse("primary", "srt://ingest.example:9000?streamid=" + KEY).maskedUrl())
                .doesNotContain(KEY); // a platform the presets do not know: any protocol is tried
        assertThatThrownBy(() -> Destination.parse("web", "whip://ingest.twitch.tv/whip?token=" + KEY))
                .hasMessage("web: Twitch ingests take rtmp:// or rtmps://, not whip://");
        assertThat(PlatformCatalog.taking("whip")).extracting(Platform::name).containsExactly("WHIP (any WebRTC ingest)");
        assertThat(PlatformCatalog.taking("rtmps")).extracting(Platform::name)
                .contains("Twitch", "YouTube Live", "Facebook Live").doesNotContain("WHIP (any WebRTC ingest)");
    }
}
