package io.castline.app.layers;

import io.castline.app.ui.Css;
import io.castline.engine.show.Layer;
import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

import java.util.EnumMap;
import java.util.Map;

/**
 * Over the preview: the chosen layer's outline with eight handles. A press on a layer chooses it
 * (the topmost visible one under the pointer); dragging its body moves it, a handle resizes it,
 * and its edges and centre snap to the canvas's edges and centre within {@value #SNAP_SCREEN_PX}
 * screen pixels. A whole drag is one undo step. A locked layer is chosen but does not move.
 */
public final class LayerOverlay extends Pane {
    static final double SNAP_SCREEN_PX = 8;
    private static final double HANDLE = 8;
    private final LayersViewModel vm;
    private final Rectangle outline = new Rectangle();
    private final Map<LayerGeometry.Grip, Rectangle> handles = new EnumMap<>(LayerGeometry.Grip.class);
    private LayerGeometry.Grip grip;
    private LayerGeometry.Rect start;
    private double pressX;
    private double pressY;
    private int drags;

    public LayerOverlay(LayersViewModel vm) {
        this.vm = vm;
        setId("layer-overlay");
        setPickOnBounds(true);
        outline.getStyleClass().add(Css.LAYER_OUTLINE);
        outline.setMouseTransparent(true);
        getChildren().add(outline);
        for (LayerGeometry.Grip g : LayerGeometry.Grip.values()) {
            if (g == LayerGeometry.Grip.MOVE) continue;
            Rectangle h = new Rectangle(HANDLE, HANDLE);
            h.getStyleClass().add(Css.LAYER_HANDLE);
            h.setId("layer-handle-" + g.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            h.setCursor(cursor(g));
            h.setOnMousePressed(e -> press(e, g));
            h.setOnMouseDragged(this::drag);
            h.setOnMouseReleased(e -> release());
            handles.put(g, h);
            getChildren().add(h);
        }
        setOnMousePressed(e -> press(e, null));
        setOnMouseDragged(this::drag);
        setOnMouseReleased(e -> release());
        vm.selectedIndexProperty().addListener((o, a, b) -> redraw());
        vm.rows().addListener((javafx.collections.ListChangeListener<LayersViewModel.Row>) c -> redraw());
        vm.layoutProperty().addListener((o, a, b) -> redraw());
        widthProperty().addListener((o, a, b) -> redraw());
        heightProperty().addListener((o, a, b) -> redraw());
        redraw();
    }

    /** Screen pixels per canvas pixel. */
    private double scale() {
        return vm.canvasWidth() <= 0 ? 1 : getWidth() / vm.canvasWidth();
    }

    private void press(MouseEvent e, LayerGeometry.Grip handle) {
        if (e.getButton() != MouseButton.PRIMARY) return;
        javafx.geometry.Point2D p = sceneToLocal(e.getSceneX(), e.getSceneY());
        if (handle == null) {
            int hit = vm.layerAt(p.getX() / scale(), p.getY() / scale());
            if (hit < 0) {
                vm.selectedIndexProperty().set(-1);
                grip = null;
                e.consume();
                return;
            }
            vm.selectedIndexProperty().set(hit);
        }
        Layer l = vm.layer(vm.selectedIndexProperty().get());
        grip = l == null || l.locked() ? null : handle == null ? LayerGeometry.Grip.MOVE : handle;
        if (l != null) start = new LayerGeometry.Rect(l.x(), l.y(), l.width(), l.height());
        pressX = p.getX();
        pressY = p.getY();
        drags++;
        e.consume();
    }

    private void drag(MouseEvent e) {
        if (grip == null || start == null) return;
        javafx.geometry.Point2D p = sceneToLocal(e.getSceneX(), e.getSceneY());
        double s = scale();
        LayerGeometry.Rect r = LayerGeometry.drag(start, grip, (p.getX() - pressX) / s, (p.getY() - pressY) / s,
                vm.canvasWidth(), vm.canvasHeight(), SNAP_SCREEN_PX / s);
        vm.dragRect(vm.selectedIndexProperty().get(), r, "drag-" + drags);
        e.consume();
    }

    private void release() {
        if (grip != null) vm.endDrag();
        grip = null;
        start = null;
    }

    private void redraw() {
        Layer l = vm.layer(vm.selectedIndexProperty().get());
        boolean shown = l != null;
        outline.setVisible(shown);
        handles.values().forEach(h -> h.setVisible(shown && !l.locked()));
        if (!shown) return;
        double s = scale();
        double x = l.x() * s;
        double y = l.y() * s;
        double w = l.width() * s;
        double h = l.height() * s;
        outline.setX(x);
        outline.setY(y);
        outline.setWidth(w);
        outline.setHeight(h);
        for (Map.Entry<LayerGeometry.Grip, Rectangle> e : handles.entrySet()) {
            LayerGeometry.Grip g = e.getKey();
            e.getValue().setX(x + (g.dx + 1) / 2.0 * w - HANDLE / 2);
            e.getValue().setY(y + (g.dy + 1) / 2.0 * h - HANDLE / 2);
        }
    }

    private static Cursor cursor(LayerGeometry.Grip g) {
        return switch (g) {
            case TOP_LEFT -> Cursor.NW_RESIZE;
            case TOP -> Cursor.N_RESIZE;
            case TOP_RIGHT -> Cursor.NE_RESIZE;
            case RIGHT -> Cursor.E_RESIZE;
            case BOTTOM_RIGHT -> Cursor.SE_RESIZE;
            case BOTTOM -> Cursor.S_RESIZE;
            case BOTTOM_LEFT -> Cursor.SW_RESIZE;
            case LEFT -> Cursor.W_RESIZE;
            case MOVE -> Cursor.MOVE;
        };
    }
}
