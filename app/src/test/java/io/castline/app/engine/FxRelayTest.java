package io.castline.app.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

class FxRelayTest {
    private final Queue<Runnable> uiQueue = new ArrayDeque<>();
    private final List<Integer> delivered = new ArrayList<>();
    private final FxRelay<Integer> relay = new FxRelay<>(delivered::add, uiQueue::add);

    @Test
    void manyOffersWhileTheUiIsBusyQueueOneDeliveryWithTheNewestValue() {
        for (int i = 1; i <= 100; i++) relay.offer(i);
        assertThat(uiQueue).hasSize(1);
        uiQueue.poll().run();
        assertThat(delivered).containsExactly(100);
    }

    @Test
    void anOfferAfterADeliverySchedulesTheNextOne() {
        relay.offer(1);
        uiQueue.poll().run();
        relay.offer(2);
        relay.offer(3);
        assertThat(uiQueue).hasSize(1);
        uiQueue.poll().run();
        assertThat(delivered).containsExactly(1, 3);
    }

    @Test
    void aValueOfferedWhileTheSinkRunsIsDeliveredNextNotLost() {
        List<Integer> seen = new ArrayList<>();
        Queue<Runnable> q = new ArrayDeque<>();
        FxRelay<Integer>[] self = new FxRelay[1];
        self[0] = new FxRelay<>(v -> {
            seen.add(v);
            if (v == 1) self[0].offer(2); // a producer racing with the UI thread
        }, q::add);
        self[0].offer(1);
        q.poll().run();
        assertThat(q).hasSize(1);
        q.poll().run();
        assertThat(seen).containsExactly(1, 2);
    }
}
