package io.castline.engine.commerce;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountdownTest {
    @Test
    void itCountsWholeSecondsUpFromTheFrameItStarts() {
        Countdown c = Countdown.ready(300, 30).start(1000);
        assertThat(c.secondsShownAt(999, 30)).as("before its start").isEqualTo(300);
        assertThat(c.secondsShownAt(1000, 30)).isEqualTo(300);
        assertThat(c.secondsShownAt(1001, 30)).as("5:00 until a whole second has gone").isEqualTo(300);
        assertThat(c.secondsShownAt(1030, 30)).isEqualTo(299);
        assertThat(c.secondsShownAt(1000 + 9000 - 1, 30)).as("0:01 on its last frame").isEqualTo(1);
        assertThat(c.endFrame()).isEqualTo(10_000);
        assertThat(c.endedAt(9_999)).isFalse();
        assertThat(c.endedAt(10_000)).isTrue();
        assertThat(c.secondsShownAt(20_000, 30)).isZero();
    }

    @Test
    void pausedItKeepsWhatItShowedAndResumesFromThere() {
        Countdown c = Countdown.ready(10, 25).start(0).pause(60);
        assertThat(c.running()).isFalse();
        assertThat(c.remainingAt(1_000_000)).isEqualTo(190);
        assertThat(c.endFrame()).isEqualTo(-1);
        Countdown resumed = c.start(500);
        assertThat(resumed.endFrame()).isEqualTo(690);
        assertThat(resumed.pause(400)).as("paused before it resumed: what it had").extracting(Countdown::remainingFrames).isEqualTo(190L);
        assertThat(resumed.reset()).isEqualTo(Countdown.ready(10, 25));
        assertThat(resumed.start(9)).as("starting a running one changes nothing").isSameAs(resumed);
    }

    @Property
    void theSecondsShownNeverRiseAndStepByOneEachSecond(@ForAll @IntRange(min = 1, max = 120) int fps,
                                                       @ForAll @IntRange(min = 1, max = 4000) int seconds,
                                                       @ForAll @LongRange(min = 0, max = 1_000_000) long start) {
        Countdown c = Countdown.ready(seconds, fps).start(start);
        long before = c.secondsShownAt(start, fps);
        assertThat(before).isEqualTo(seconds);
        for (long f = start + 1; f <= c.endFrame(); f += Math.max(1, fps / 3)) {
            long now = c.secondsShownAt(f, fps);
            assertThat(now).isBetween(before - 1, before);
            before = now;
        }
        assertThat(c.secondsShownAt(c.endFrame(), fps)).isZero();
        assertThat(c.secondsShownAt(c.endFrame() - 1, fps)).isEqualTo(1);
    }

    @Test
    void theTimeIsWrittenAsHostsReadIt() {
        assertThat(Countdown.format(299, false)).isEqualTo("04:59");
        assertThat(Countdown.format(3 * 3600 + 4 * 60 + 5, true)).isEqualTo("3:04:05");
        assertThat(CountdownFace.digitAt(299, false, 0)).isZero();
        assertThat(CountdownFace.digitAt(299, false, 1)).isEqualTo(4);
        assertThat(CountdownFace.digitAt(299, false, 2)).isEqualTo(5);
        assertThat(CountdownFace.digitAt(299, false, 3)).isEqualTo(9);
        assertThat(CountdownFace.digitAt(3 * 3600 + 4 * 60 + 5, true, 0)).isEqualTo(3);
        assertThat(CountdownFace.digitAt(3 * 3600 + 4 * 60 + 5, true, 2)).isEqualTo(4);
        assertThat(CountdownFace.digitAt(3 * 3600 + 4 * 60 + 5, true, 4)).isEqualTo(5);
    }

    @Test
    void theFaceHasACellForEachDigitAndItsPartsAddUpToTheWholeTime() {
        CountdownFace mmss = new CountdownFace(false, "Deal ends in", 64, 0xffffffff, 0xb0000000);
        CountdownFace hms = new CountdownFace(true, null, 64, 0xffffffff, 0);
        assertThat(mmss.cells()).hasSize(4);
        assertThat(hms.cells()).hasSize(5);
        assertThat(mmss.background().getWidth() % 2).isZero();
        // cells side by side, left to right, inside the face
        for (int i = 1; i < mmss.cells().size(); i++) {
            assertThat(mmss.cells().get(i).x).isGreaterThanOrEqualTo(mmss.cells().get(i - 1).x + mmss.cells().get(i - 1).width);
        }
        var a = mmss.render(299);
        var b = mmss.render(298);
        int[] pa = a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth());
        int[] pb = b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
        // only the last cell differs between 04:59 and 04:58
        var last = mmss.cells().get(3);
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (pa[y * a.getWidth() + x] != pb[y * a.getWidth() + x]) {
                    assertThat(last.contains(x, y)).as("a changed pixel at %d,%d", x, y).isTrue();
                }
            }
        }
        assertThat(java.util.Arrays.equals(pa, pb)).isFalse();
    }
}
