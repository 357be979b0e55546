package io.castline.app.ui;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;

/** Bringing a node into view inside the scroll pane that holds it (ScrollPane has no scrollTo for nodes). */
public final class Scrolling {
    private Scrolling() {}

    /** Room kept around the node, so that its focus ring is in view too. */
    private static final double MARGIN = 8;

    /** Scrolls the nearest enclosing ScrollPane just enough that {@code node} is in view (its top, when taller). FX thread. */
    public static void reveal(Node node) {
        ScrollPane pane = enclosing(node);
        if (pane == null || pane.getContent() == null) return;
        Node content = pane.getContent();
        double contentHeight = content.getLayoutBounds().getHeight();
        double viewport = pane.getViewportBounds().getHeight();
        if (contentHeight <= viewport) return;
        Bounds b = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double minY = b.getMinY() - MARGIN;
        double maxY = b.getMaxY() + MARGIN;
        double top = (contentHeight - viewport) * pane.getVvalue();
        double target = top;
        if (minY < top) target = minY;
        else if (maxY > top + viewport) target = Math.min(minY, maxY - viewport);
        pane.setVvalue(Math.max(0, Math.min(1, target / (contentHeight - viewport))));
        pane.layout();
    }

    private static ScrollPane enclosing(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane s) return s;
        }
        return null;
    }
}
