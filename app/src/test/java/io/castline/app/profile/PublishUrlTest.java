package io.castline.app.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishUrlTest {
    @Test
    void joinsServerAndKey() {
        assertThat(PublishUrl.join("rtmp://a.rtmp.youtube.com/live2", "abcd-efgh")).isEqualTo("rtmp://a.rtmp.youtube.com/live2/abcd-efgh");
        assertThat(PublishUrl.join(" rtmp://h/app/ ", " /key ")).isEqualTo("rtmp://h/app/key");
        assertThat(PublishUrl.join("rtmp://h/app", "?token=1")).isEqualTo("rtmp://h/app?token=1");
        assertThat(PublishUrl.join("srt://h:9000?streamid=x", "")).isEqualTo("srt://h:9000?streamid=x");
        // WHIP: the key is the bearer token, in the token parameter (encoded), not a path segment
        assertThat(PublishUrl.join("whip://127.0.0.1:8889/whip/live", "t0k&n")).isEqualTo("whip://127.0.0.1:8889/whip/live?token=t0k%26n");
        assertThat(PublishUrl.join("whip://h/whip?room=2", "abc")).isEqualTo("whip://h/whip?room=2&token=abc");
    }

    @Test
    void aPastedWhipUrlLeavesItsTokenInTheKeyField() {
        assertThat(PublishUrl.split("whip://h:8889/whip/live?room=2&token=t0k%26n"))
                .isEqualTo(new StudioProfile.Ingest("whip://h:8889/whip/live?room=2", "t0k&n"));
        assertThat(PublishUrl.split("whip://h:8889/whip/live")).isNull();
    }

    @Test
    void splitsAPastedPublishUrl() {
        assertThat(PublishUrl.split("rtmps://live.example.com:443/app/sk_1/extra?x=1"))
                .isEqualTo(new StudioProfile.Ingest("rtmps://live.example.com:443/app", "sk_1/extra?x=1"));
        assertThat(PublishUrl.split("rtmp://h/app")).isNull();
        assertThat(PublishUrl.split("srt://h:9000?streamid=x")).isNull();
        assertThat(PublishUrl.split("not a url")).isNull();
    }
}
