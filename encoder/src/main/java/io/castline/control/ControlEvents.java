package io.castline.control;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The events a producer's remote hears (obs-websocket's event half): "ProgramSceneChanged",
 * "ProductPinned", "CountdownEnded", … with their data. Listeners are called on the publisher's
 * thread and must not block (the control server queues each socket's messages).
 */
public final class ControlEvents {
    private final List<BiConsumer<String, Map<String, Object>>> listeners = new CopyOnWriteArrayList<>();

    public void listen(BiConsumer<String, Map<String, Object>> listener) { listeners.add(listener); }

    public void unlisten(BiConsumer<String, Map<String, Object>> listener) { listeners.remove(listener); }

    public void publish(String type, Map<String, Object> data) {
        for (BiConsumer<String, Map<String, Object>> l : listeners) l.accept(type, data);
    }
}
