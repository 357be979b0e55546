package io.castline.app.preview;

import io.castline.app.ui.Css;
import io.castline.app.ui.Hotkey;
import io.castline.app.ui.Hotkeys;
import io.castline.app.ui.StudioIcon;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Where the program preview goes: a "screen" kept at the canvas's aspect ratio (16:9, or 9:16 for
 * vertical canvases), as large as fits and centred, with black bars around it. The screen holds a
 * placeholder until {@link ProgramPreview} puts the live picture there through
 * {@link #setPicture(Node)}. A small eye in the top right corner turns the preview off and on.
 */
public final class PreviewPane extends Region {
    private final StackPane screen = new StackPane();
    private final Label caption = new Label();
    private final ToggleButton toggle = new ToggleButton();
    private final Node placeholder;
    private final PreviewViewModel vm;
    private Node overlay;
    private final String titleText;
    private final Tooltip tip = new Tooltip();
    private double aspectW = 16;
    private double aspectH = 9;

    public PreviewPane(PreviewViewModel vm) {
        this(vm, "Program", "preview");
    }

    /**
     * @param title what the placeholder says ("Program", "Preview")
     * @param id    the ids' stem: {@code ID-pane}, {@code ID-screen}, {@code ID-toggle}, {@code ID-caption}
     */
    public PreviewPane(PreviewViewModel vm, String titleText, String id) {
        this.vm = vm;
        this.titleText = titleText;
        setId(id + "-pane");
        getStyleClass().add(Css.PREVIEW);
        screen.setId(id + "-screen");
        screen.getStyleClass().add(Css.PREVIEW_SCREEN);
        Label heading = new Label(titleText, StudioIcon.APP.node(28));
        heading.getStyleClass().add("preview-title");
        caption.getStyleClass().add(Css.MUTED_TEXT);
        caption.setId(id + "-caption");
        caption.textProperty().bind(vm.captionProperty());
        VBox box = new VBox(6, heading, caption);
        box.setAlignment(Pos.CENTER);
        placeholder = box;
        screen.getChildren().add(placeholder);
        toggle.setId(id + "-toggle");
        toggle.getStyleClass().addAll("small-button", Css.PREVIEW_TOGGLE);
        toggle.selectedProperty().bindBidirectional(vm.enabledProperty());
        toggle.graphicProperty().bind(Bindings.when(toggle.selectedProperty())
                .then((Node) StudioIcon.PREVIEW_ON.node(16)).otherwise(StudioIcon.PREVIEW_OFF.node(16)));
        toggle.setTooltip(tip);
        showHotkey(new javafx.beans.property.SimpleObjectProperty<>(Hotkeys.defaults()));
        getChildren().addAll(screen, toggle);
        setMinSize(160, 90);
        setCanvas(1280, 720);
    }

    /** The on/off button's tooltip names the keys in use for {@link Hotkey#PREVIEW}. */
    public void showHotkey(javafx.beans.value.ObservableValue<Hotkeys> hotkeys) {
        Hotkeys.bindTip(tip, hotkeys, Hotkey.PREVIEW, vm.toggleTextProperty());
    }

    /** The program canvas size: sets the aspect ratio and the caption. */
    public void setCanvas(int width, int height) {
        if (width <= 0 || height <= 0) return;
        aspectW = width;
        aspectH = height;
        vm.setCanvas(width, height);
        requestLayout();
    }

    /** Replaces the placeholder with the live picture (null brings the placeholder back). */
    public void setPicture(Node picture) {
        screen.getChildren().setAll(picture == null ? placeholder : picture);
    }

    /** Lays {@code overlay} over the screen, at its bounds (the layer handles); under the eye. */
    public void setOverlay(Node overlay) {
        if (this.overlay != null) getChildren().remove(this.overlay);
        this.overlay = overlay;
        if (overlay != null) getChildren().add(getChildren().indexOf(toggle), overlay);
        requestLayout();
    }

    /** Shows or hides the eye (studio mode's preview has none: the program's eye turns both off). */
    public void setToggleVisible(boolean visible) {
        toggle.setVisible(visible);
        toggle.setManaged(visible);
    }

    /** The screen node: its size is the preview's on-screen size (what the engine should scale to). */
    public StackPane screen() { return screen; }

    @Override protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = getWidth() - x - snappedRightInset();
        double h = getHeight() - y - snappedBottomInset();
        if (w <= 0 || h <= 0) return;
        double sw = w;
        double sh = w * aspectH / aspectW;
        if (sh > h) {
            sh = h;
            sw = h * aspectW / aspectH;
        }
        // whole pixels: a picture scaled to a fractional size would be resampled again by the renderer
        sw = Math.floor(sw);
        sh = Math.floor(sh);
        screen.resizeRelocate(Math.floor(x + (w - sw) / 2), Math.floor(y + (h - sh) / 2), sw, sh);
        if (overlay != null) overlay.resizeRelocate(Math.floor(x + (w - sw) / 2), Math.floor(y + (h - sh) / 2), sw, sh);
        double tw = toggle.prefWidth(-1);
        double th = toggle.prefHeight(-1);
        toggle.resizeRelocate(x + w - tw - 8, y + 8, tw, th);
    }

    @Override protected double computePrefWidth(double height) { return 960; }

    @Override protected double computePrefHeight(double width) { return 540; }
}
