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
