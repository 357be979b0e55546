package io.castline.engine.show;

import java.util.List;

/** A named, ordered list of layers: the first is drawn first (at the bottom), the last on top. */
public record Scene(String name, List<Layer> layers) {
    public Scene {
        layers = List.copyOf(layers);
    }

    public Scene withName(String n) { return new Scene(n, layers); }
    public Scene withLayers(List<Layer> l) { return new Scene(name, l); }
}
