package io.castline.app.notify;

import org.junit.jupiter.api.Test;

import static io.castline.app.notify.Episode.Change.ENDED;
import static io.castline.app.notify.Episode.Change.NONE;
import static io.castline.app.notify.Episode.Change.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

class EpisodeTest {
    @Test
    void startsAfterTheHoldEndsAfterTheClearAndFlappingInBetweenIsOneEpisode() {
        Episode e = new Episode(3, 10);
        assertThat(e.observe(true, 0)).isEqualTo(NONE);
        assertThat(e.observe(true, 2.9)).isEqualTo(NONE);
        assertThat(e.observe(false, 3)).as("the hold was broken").isEqualTo(NONE);
        assertThat(e.observe(true, 4)).isEqualTo(NONE);
        assertThat(e.observe(true, 7)).isEqualTo(STARTED);
        assertThat(e.active()).isTrue();
        assertThat(e.observe(true, 8)).isEqualTo(NONE);
        assertThat(e.observe(false, 9)).isEqualTo(NONE);
        assertThat(e.observe(false, 18.9)).isEqualTo(NONE);
        assertThat(e.observe(true, 19)).as("it came back before clearing: the same episode").isEqualTo(NONE);
        assertThat(e.observe(false, 20)).isEqualTo(NONE);
        assertThat(e.observe(false, 30)).isEqualTo(ENDED);
        assertThat(e.active()).isFalse();
        assertThat(e.observe(false, 40)).isEqualTo(NONE);
    }

    @Test
    void aZeroHoldStartsAtOnceAndEndTellsWhetherOneRan() {
        Episode e = new Episode(0, 0);
        assertThat(e.observe(true, 5)).isEqualTo(STARTED);
        assertThat(e.end()).isTrue();
        assertThat(e.end()).isFalse();
        assertThat(e.observe(true, 6)).as("a new episode after end()").isEqualTo(STARTED);
        assertThat(e.observe(false, 6)).isEqualTo(ENDED);
    }
}
